"""Rule files: YAML in, validated frozen objects out; every problem in every file reported at once.

A rule file is a mapping::

    version: 3                      # the file's own revision, recorded in report.json
    site: kompas.com                # a site file; without `match` a file is generic
    match:
      hosts: [kompas.com]           # URL host, subdomains included
      signatures: ['KOMPAS\\.com\\s*-']  # or a regex found in the text
    rules:
      - id: kompas.read-also
        action: drop
        prefix: "Baca juga:"

See docs/rules.md for every action and key.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import math
import re
import reprlib
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from clean.errors import RULE_TIMEOUT, RULES_DIR_MISSING, ConfigError, Rejection
from clean.records import FIELDS
from clean.text import is_body

ACTIONS = ("drop", "trim", "cut", "block", "meta", "repeated", "title")
EXISTENCE = frozenset({"drop", "cut", "block"})  # actions that ask only whether a line matches
MATCHERS = ("line", "prefix", "pattern")
NEEDS_MATCHER = frozenset({"drop", "trim", "cut", "block", "meta"})
FILE_KEYS = frozenset(
    {"version", "site", "description", "match", "rules", "examples", "language", "disable"}
)
# `disable: [generic]` in a site file turns the whole generic stage off for its pages.
GENERIC_STAGE = "generic"
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
EXAMPLE_KEYS = frozenset({"text", "remove", "keep", "rule", "found", "description"})
MATCH_KEYS = frozenset({"hosts", "signatures"})
RULE_KEYS = frozenset(
    {
        "id", "action", "description", *MATCHERS, "ignore_case", "end", "field", "head",
        "max_words", "followed_by", "preceded_by", "min_chars", "variant_overlap",
        "above_max_words", "first_paragraph",
    }
)  # fmt: skip
# Keys that only make sense with one action.
ACTION_KEYS = {
    "end": {"block"},
    "field": {"meta"},
    "min_chars": {"repeated"},
    "variant_overlap": {"title"},
    "above_max_words": {"title"},
}
RULE_ID = re.compile(r"[a-z0-9][a-z0-9_.-]*")
SIGNATURE_SCAN_CHARS = 20_000  # a site signature must show in the first part of the text
# Where a page's own header and footer sit: the lines before its first paragraph, the start of
# that paragraph (the dateline, "JAKARTA, KOMPAS.com - "), and the lines after its last one.
# A signature anywhere else is another site quoted in the article, not the page's own mark.
SIGNATURE_LEAD_CHARS = 60
# The rule patterns may take this long on one document, all their searches together, and as long
# again for every BUDGET_CHARS of its text; past it the document is rejected as `rule-timeout`,
# naming the rule that was searching. All the bundled rules take about 0.9 ms on a news article
# (at most 26 ms per 100,000 characters), so only a pattern that backtracks comes near.
REGEX_TIMEOUT = 1.0
BUDGET_CHARS = 100_000
# Bounds of a YAML rule or settings file (load_yaml): its size, nesting, and the values its
# aliases may stand for. A rule file holds a few hundred values; learned ones tens of thousands.
YAML_BYTES = 16_000_000
YAML_DEPTH = 50
YAML_ALIAS_NODES = 10_000
SHOWN_CHARS = 100
SHOWN = reprlib.Repr()
SHOWN.maxstring = SHOWN.maxother = 60
SHOWN.maxlist = SHOWN.maxtuple = SHOWN.maxdict = SHOWN.maxset = 4
SHOWN.maxlevel = 3


@dataclass(frozen=True, slots=True)
class Budget:
    """The time the rule patterns may still take on one document: a deadline for all its
    searches together, so that a pattern slow on every line cannot take a second a line."""

    deadline: float  # time.monotonic()
    seconds: float  # the whole budget, for the message

    @classmethod
    def of(cls, text: str, seconds: float = REGEX_TIMEOUT) -> Budget:
        """The budget of a document: ``seconds``, and as long again per BUDGET_CHARS of it."""
        whole = seconds * (1 + len(text) / BUDGET_CHARS)
        return cls(time.monotonic() + whole, whole)


@dataclass(frozen=True, slots=True)
class Pattern:
    """A user pattern, compiled once at start-up, whose every search has a time limit.

    Python's ``re`` cannot be interrupted, so catastrophic backtracking (``(a+)+$`` on a long
    line of ``a``) would hang a run; the ``regex`` engine takes the same syntax and a timeout.
    RE2 would be linear, but has no look-arounds, which the bundled rules use.
    """

    compiled: Any  # a regex.Pattern
    where: str  # `rules/x.yaml: rules[3] (x.promo).pattern`, for the rejection
    timeout: float = REGEX_TIMEOUT
    # For a pattern anchored at the start: the ASCII characters a match can begin with. A text
    # that begins with another ASCII character cannot match, and is not searched (a search with
    # a time limit costs microseconds more than one without, and most lines fail the test).
    first: frozenset[str] | None = None
    # Strings one of which every text a match is found in holds (required_literals): a text
    # holding none of them is not searched. For an ignore-case pattern they are lower case,
    # and only an ASCII text is tested (Unicode case folding can match other letters).
    needs: tuple[str, ...] | None = None
    fold: bool = False
    # Where only whether the pattern is found matters (drop, cut, block, followed_by,
    # preceded_by) and it ends at the end of the text: the same pattern searched from the end,
    # which meets a match (if any) in one attempt instead of trying every position. It finds a
    # match exactly when the forward search does; its span may differ, and is not used.
    reverse: Any = None
    # :attr:`needs` as one ``re`` search, an alternation of the strings (ignoring case where
    # the pattern does: only ASCII texts are tested, where that is what lower-casing does):
    # one scan of the text instead of one per string, each a step of Python.
    finder: Any = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.needs:
            alternation = "|".join(map(re.escape, self.needs))
            finder = re.compile(alternation, re.IGNORECASE if self.fold else 0)
            object.__setattr__(self, "finder", finder)

    @property
    def pattern(self) -> str:
        return str(self.compiled.pattern)

    @property
    def groupindex(self) -> dict[str, int]:
        return dict(self.compiled.groupindex)

    def search(self, text: str, budget: Budget | None = None) -> Any:
        """The first match in ``text``, or None; :class:`Rejection` (``rule-timeout``) once
        the search takes longer than ``budget`` has left (without one: :attr:`timeout`)."""
        if self.first is not None and text and text[0] < "\x80" and text[0] not in self.first:
            return None
        tested = self.needs is not None and not (self.fold and not text.isascii())
        if tested and (self.finder is None or self.finder.search(text) is None):
            return None
        timeout = self.timeout if budget is None else budget.deadline - time.monotonic()
        compiled = self.reverse if self.reverse is not None else self.compiled
        try:
            if timeout <= 0:
                raise TimeoutError
            return compiled.search(text, timeout=timeout)
        except TimeoutError:
            seconds = self.timeout if budget is None else budget.seconds
            raise Rejection(
                "rule-timeout", RULE_TIMEOUT.format(where=self.where, seconds=seconds)
            ) from None


Matcher = Pattern | re.Pattern[str]  # tests and library users may pass re patterns directly


def search(matcher: Matcher, text: str, budget: Budget | None = None) -> Any:
    """``matcher.search(text)``, within ``budget`` where the matcher is a :class:`Pattern` (an
    ``re`` pattern takes no budget: its second argument is a position)."""
    if budget is not None and isinstance(matcher, Pattern):
        return matcher.search(text, budget)
    return matcher.search(text)


@dataclass(frozen=True, slots=True)
class Rule:
    """One validated rule. ``match`` is compiled so that ``search`` works for all three matchers."""

    id: str
    action: str
    match: Matcher | None = None
    end: Matcher | None = None
    field: str | None = None
    head: int | None = None
    max_words: int | None = None
    followed_by: Matcher | None = None
    preceded_by: Matcher | None = None
    min_chars: int = 20
    variant_overlap: float = 0.6
    above_max_words: int = 6
    first_paragraph: bool = False


@dataclass(frozen=True, slots=True)
class Example:
    """A rule file's own test: lines its rules must remove (by ``rule``), lines they must keep,
    and metadata values they must find, in ``text`` or, without it, each line on its own."""

    text: str | None = None
    remove: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()
    rule: str | None = None
    found: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class RuleFile:
    """A validated rule file: a site file (``site`` and ``match``) or a generic one."""

    path: str
    version: int
    rules: tuple[Rule, ...]
    site: str | None = None
    hosts: tuple[str, ...] = ()
    signatures: tuple[Matcher, ...] = ()
    examples: tuple[Example, ...] = ()
    language: str | None = None
    # ids of generic rules and generic-stage reasons this site file turns off for its pages
    disable: tuple[str, ...] = ()

    @property
    def generic(self) -> bool:
        return not (self.hosts or self.signatures)

    def applies(self, host: str | None, text: str, budget: Budget | None = None) -> bool:
        """Generic files apply everywhere; a site file to its hosts, or to a page that bears its
        mark as its own: in its header or footer (:func:`page_edges`), or as a whole line.

        A page from a host the file does not list is another site's, whatever it quotes.
        """
        if self.generic:
            return True
        if host and self.hosts:
            return any(host == h or host.endswith("." + h) for h in self.hosts)
        head = text[:SIGNATURE_SCAN_CHARS]
        marks = [sig for sig in self.signatures if search(sig, head, budget)]
        if not marks:
            return False
        edges = page_edges(head)
        if any(search(sig, edges, budget) for sig in marks):
            return True
        for line in head.split("\n"):
            line = line.strip()
            for sig in marks:
                m = search(sig, line, budget)
                if m and m.group(0).strip() == line:
                    return True
        return False


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Every loaded rule file: site files in path order, then generic files in path order."""

    files: tuple[RuleFile, ...] = ()
    digest: str = ""
    regex_timeout: float = REGEX_TIMEOUT

    def budget(self, text: str) -> Budget:
        """The time the rule patterns may take on a document of ``text``."""
        return Budget.of(text, self.regex_timeout)

    def select(
        self, host: str | None, text: str, budget: Budget | None = None
    ) -> tuple[str | None, tuple[Rule, ...]]:
        """The site name (first matching site file) and the rules to run on one document: the
        matching site files' rules, then the generic files' rules, less those a matching site
        file turns off (``disable``)."""
        matching = [f for f in self.files if f.applies(host, text, budget)]
        off = {i for f in matching for i in f.disable}
        site = next((f.site for f in matching if f.site and not f.generic), None)
        rules = [r for f in matching for r in f.rules if r.id not in off]
        return site, tuple(rules)

    def disabled(self, site: str | None) -> frozenset[str]:
        """The generic rule ids and generic-stage reasons a site's files turn off."""
        return frozenset(i for f in self.files if site and f.site == site for i in f.disable)

    def versions(self) -> dict[str, int]:
        return {f.path: f.version for f in self.files}

    def language(self, site: str | None) -> str | None:
        """The language a site's rule file declares (``language: id``), or None."""
        return next((f.language for f in self.files if site and f.site == site and f.language),
                    None)  # fmt: skip


def page_edges(text: str) -> str:
    """The parts of a text where a page's own header and footer sit, one line each, joined:
    the lines before the first body paragraph, the start of that paragraph, and the lines
    after the last one (the whole text, up to its first 20,000 characters, if it has none).

    >>> body = "Presiden berbicara di depan wartawan di Jakarta pada hari Senin pagi ini."
    >>> page_edges(f"Menu\\nJAKARTA, KOMPAS.com - {body}\\n{body} Kata KOMPAS.com - ya.\\nEnd")
    'Menu\\nJAKARTA, KOMPAS.com - Presiden berbicara di depan wartawan d\\nEnd'
    """
    head = text[:SIGNATURE_SCAN_CHARS]
    lines = head.split("\n")
    body = [n for n, line in enumerate(lines) if is_body(line)]
    if not body:
        return head
    first, last = body[0], body[-1]
    lead = lines[first][:SIGNATURE_LEAD_CHARS]
    return "\n".join([*lines[:first], lead, *lines[last + 1 :]])


class YamlBomb(ValueError):
    """A YAML text that would expand past what a rule or settings file holds."""


def load_yaml(data: bytes | str) -> Any:
    """``yaml.safe_load``, refusing what would expand past a file's bounds first.

    PyYAML makes an alias a reference to the anchored value, not a copy, so a file of a few
    hundred bytes with ten levels of aliases holds 10^10 values once anything walks or prints
    it (issue 23). The events are read first (a loop, whatever the nesting) and the file is
    refused, as :class:`YamlBomb`, when it is over :data:`YAML_BYTES`, nests deeper than
    :data:`YAML_DEPTH`, has an alias to a collection that is still open (a value inside
    itself), or aliases that stand for more than :data:`YAML_ALIAS_NODES` values in all.
    ``yaml.YAMLError`` for invalid YAML.
    """
    import yaml

    if len(data) > YAML_BYTES:
        raise YamlBomb(f"is {len(data) / 1e6:.1f} MB; a rule or settings file holds at most"
                       f" {YAML_BYTES / 1e6:g} MB")  # fmt: skip
    try:  # libyaml where it is installed: ten times as fast as the Python parser
        _check_events(yaml.parse(data, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    except yaml.YAMLError:  # worded as the Python parser words it: the messages stay the same
        _check_events(yaml.parse(data, Loader=yaml.SafeLoader))
        raise
    return yaml.safe_load(data)


def _check_events(events: Iterator[Any]) -> None:
    """Refuse a YAML event stream past the bounds of :func:`load_yaml`."""
    import yaml

    sizes: dict[str, int] = {}  # an anchor: the values it stands for
    open_: list[tuple[str | None, int]] = []  # the collections being read: anchor, count before
    count = aliased = 0
    for event in events:
        if isinstance(event, yaml.AliasEvent):
            size = sizes.get(event.anchor)
            if size is None:
                raise YamlBomb(f"the alias *{shown(event.anchor)} is inside its own value")
            count += size
            aliased += size
            if aliased > YAML_ALIAS_NODES:
                raise YamlBomb(
                    f"its aliases stand for more than {YAML_ALIAS_NODES:,} values (an alias"
                    " bomb?); write the values out"
                )
        elif isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            count += 1
            if isinstance(event, yaml.CollectionStartEvent):
                open_.append((event.anchor, count - 1))
                if len(open_) > YAML_DEPTH:
                    raise YamlBomb(f"is nested more than {YAML_DEPTH} levels deep")
            elif event.anchor is not None:
                sizes[event.anchor] = 1
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, before = open_.pop()
            if anchor is not None:
                sizes[anchor] = count - before


def shown(value: Any) -> str:
    """A value as a message shows it: its repr, cut short (a value may be a megabyte long).

    >>> len(shown("x" * 500)), shown([[1] * 50] * 50)
    (60, '[[1, 1, 1, 1, ...], [1, 1, 1, 1, ...], [1, 1, 1, 1, ...], [1, 1, 1, 1, ...], ...]')
    >>> len(shown([[list("abcdefghi")] * 9] * 9))
    100
    """
    text = SHOWN.repr(value)
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 3] + "..."


def bundled_rules_dir() -> Path:
    """The bundled rule files: the folder ``clean/data/rules/`` inside the installed package."""
    return Path(__file__).resolve().parent / "data" / "rules"


def load_rules(
    dirs: Sequence[Path | str], regex_timeout: float = REGEX_TIMEOUT, bundled: bool = True
) -> RuleSet:
    """Load the bundled rules (unless ``bundled`` is False), then the ``*.yaml``/``*.yml``
    files in ``dirs``; :class:`ConfigError` lists all problems.

    ``regex_timeout`` is the time in seconds the patterns may take on one document (and as long
    again per :data:`BUDGET_CHARS` of it: :class:`Budget`); one search without a budget (a
    library caller's) may take as long.
    The bundled folder named in ``dirs`` as well is loaded once.
    """
    import yaml

    home = bundled_rules_dir()
    given = [Path(d) for d in dirs if not (Path(d).is_dir() and Path(d).resolve() == home)]
    dirs = [home, *given] if bundled else [Path(d) for d in dirs]
    problems: list[str] = []
    paths: list[Path] = []
    for d in map(Path, dirs):
        if d.is_file():
            paths.append(d)
        elif d.is_dir():
            paths.extend(sorted(p for p in d.iterdir() if p.suffix in (".yaml", ".yml")))
        else:
            problems.append(RULES_DIR_MISSING.format(path=d))
    files: list[RuleFile] = []
    digest = hashlib.sha256()
    seen_ids: dict[str, str] = {}
    for path in paths:
        label = path.as_posix()
        try:
            data = read_bounded(path)
            doc = load_yaml(data)
        except OSError as exc:
            problems.append(f"{label}: cannot read: {exc.strerror}")
            continue
        except YamlBomb as exc:
            problems.append(f"{label}: refused: {exc}")
            continue
        except yaml.YAMLError as exc:
            problems.append(f"{label}: invalid YAML: {yaml_problem(exc)}")
            continue
        digest.update(path.name.encode() + b"\0" + data + b"\0")
        rule_file = _validate_file(label, doc, problems)
        if rule_file is None:
            continue
        for rule in rule_file.rules:
            if rule.id in seen_ids:
                also = seen_ids[rule.id]
                problems.append(f"{label}: rule id {shown(rule.id)} is also used in {also}")
            seen_ids.setdefault(rule.id, label)
        files.append(rule_file)
    if problems:
        raise ConfigError(problems)
    ordered = [f for f in files if not f.generic] + [f for f in files if f.generic]
    if regex_timeout != REGEX_TIMEOUT:
        ordered = [_with_timeout(f, regex_timeout) for f in ordered]
    return RuleSet(tuple(ordered), digest.hexdigest()[:16], regex_timeout)


def read_bounded(path: Path) -> bytes:
    """A file's bytes, up to one past :data:`YAML_BYTES` (the loader refuses it then)."""
    with open(path, "rb") as f:
        return f.read(YAML_BYTES + 1)


def _with_timeout(f: RuleFile, seconds: float) -> RuleFile:
    def limit(p: Any) -> Any:
        return dataclasses.replace(p, timeout=seconds) if isinstance(p, Pattern) else p

    rules = tuple(
        dataclasses.replace(
            r,
            match=limit(r.match),
            end=limit(r.end),
            followed_by=limit(r.followed_by),
            preceded_by=limit(r.preceded_by),
        )
        for r in f.rules
    )
    return dataclasses.replace(f, rules=rules, signatures=tuple(map(limit, f.signatures)))


def yaml_problem(exc: Exception) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return f"{problem} at line {mark.line + 1}, column {mark.column + 1}" if mark else problem


def _validate_file(label: str, doc: Any, problems: list[str]) -> RuleFile | None:
    before = len(problems)
    if not isinstance(doc, dict):
        problems.append(f"{label}: must be a mapping with 'version' and 'rules'")
        return None
    for key in sorted(set(doc) - FILE_KEYS, key=str):
        known = ", ".join(sorted(FILE_KEYS))
        problems.append(f"{label}: unknown key {shown(key)} (known: {known})")
    version = doc.get("version")
    if "version" not in doc:
        problems.append(f"{label}: missing required key 'version'")
    elif not _is_int(version) or version < 1:
        problems.append(f"{label}: version: must be a whole number >= 1, not {shown(version)}")
    site = doc.get("site")
    if site is not None and not isinstance(site, str):
        problems.append(f"{label}: site: must be a string, not {type(site).__name__}")
    hosts: tuple[str, ...] = ()
    signatures: tuple[Matcher, ...] = ()
    match = doc.get("match")
    if match is not None:
        if not isinstance(match, dict):
            problems.append(f"{label}: match: must be a mapping with 'hosts' and/or 'signatures'")
        else:
            for key in sorted(set(match) - MATCH_KEYS, key=str):
                problems.append(
                    f"{label}: match: unknown key {shown(key)} (known: hosts, signatures)"
                )
            hosts = tuple(
                h.lower().removeprefix("www.")
                for h in _strings(label, "match.hosts", match.get("hosts"), problems)
            )
            signatures = tuple(
                p
                for i, s in enumerate(
                    _strings(label, "match.signatures", match.get("signatures"), problems)
                )
                if (p := _compile(s, False, f"{label}: match.signatures[{i}]", problems))
                is not None
            )
            if not hosts and not signatures:
                problems.append(f"{label}: match: needs at least one host or signature")
            if not site:
                problems.append(f"{label}: site: required when the file has 'match'")
    language = doc.get("language")
    if language is not None:
        if not isinstance(language, str) or not LANGUAGE_CODE.fullmatch(language):
            problems.append(
                f"{label}: language: must be a language code such as 'id' or 'ms', not "
                f"{shown(language)}"
            )
        elif match is None:
            problems.append(f"{label}: language: only a site file (with 'match') has one")
    disable = tuple(_strings(label, "disable", doc.get("disable"), problems))
    for i, rid in enumerate(disable):
        if not RULE_ID.fullmatch(rid):
            problems.append(f"{label}: disable[{i}]: not a rule id: {rid!r}")
    if disable and match is None:
        problems.append(f"{label}: disable: only a site file (with 'match') turns rules off")
    raw_rules = doc.get("rules")
    rules: list[Rule] = []
    if "rules" not in doc:
        problems.append(f"{label}: missing required key 'rules'")
    elif not isinstance(raw_rules, list):
        problems.append(f"{label}: rules: must be a list of rules")
    else:
        for i, raw in enumerate(raw_rules):
            rule = _validate_rule(label, i, raw, problems)
            if rule is not None:
                rules.append(rule)
    examples = _validate_examples(label, doc.get("examples"), raw_rules, problems)
    if len(problems) > before:
        return None
    return RuleFile(
        label, int(version), tuple(rules), site, hosts, signatures, examples, language, disable
    )


def _validate_examples(
    label: str, raw: Any, raw_rules: Any, problems: list[str]
) -> tuple[Example, ...]:
    """``examples:``, a list of ``{text?, remove?, keep?, rule?, found?, description?}``."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.append(f"{label}: examples: must be a list of examples")
        return ()
    ids: set[str] = set()
    for r in raw_rules if isinstance(raw_rules, list) else []:
        if isinstance(r, dict) and isinstance(r.get("id"), str):
            ids.add(r["id"])
            if r.get("action") == "title":  # the title action records these ids too
                ids.update({f"{r['id']}.above", f"{r['id']}.variant"})
    examples = [
        _validate_example(f"{label}: examples[{i}]", ex, ids, problems) for i, ex in enumerate(raw)
    ]
    return tuple(e for e in examples if e is not None)


def _validate_example(where: str, ex: Any, ids: set[str], problems: list[str]) -> Example | None:
    if not isinstance(ex, dict):
        problems.append(f"{where}: must be a mapping with 'remove' and/or 'keep'")
        return None
    known = ", ".join(sorted(EXAMPLE_KEYS))
    for key in sorted(set(ex) - EXAMPLE_KEYS, key=str):
        problems.append(f"{where}: unknown key {shown(key)} (known: {known})")
    text = ex.get("text")
    if text is not None and (not isinstance(text, str) or not text.strip()):
        problems.append(f"{where}.text: must be a non-empty string")
        text = None
    lists = {}
    for key in ("remove", "keep"):
        value = ex.get(key, [])
        value = [value] if isinstance(value, str) else value
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            problems.append(f"{where}.{key}: must be a string or a list of non-empty strings")
            value = []
        for j, v in enumerate(value):
            if text is not None and " ".join(v.split()) not in " ".join(text.split()):
                problems.append(f"{where}.{key}[{j}]: {shown(v)} is not in the example's text")
        lists[key] = tuple(value)
    if "remove" not in ex and "keep" not in ex and not (text and "found" in ex):
        problems.append(f"{where}: needs 'remove' or 'keep' (or 'text' and 'found')")
    rule = ex.get("rule")
    if rule is not None:
        if not lists["remove"]:
            problems.append(f"{where}.rule: names the rule for 'remove'; this example has none")
        elif rule not in ids:
            problems.append(f"{where}.rule: {shown(rule)} is not a rule of this file")
    found: list[tuple[str, str]] = []
    raw_found = ex.get("found", {})
    if not isinstance(raw_found, dict):
        problems.append(f"{where}.found: must be a mapping of field: value (or list of values)")
        raw_found = {}
    for name, value in raw_found.items():
        values = [value] if isinstance(value, str) else value
        if name not in FIELDS:
            problems.append(f"{where}.found: {shown(name)} is not a field ({', '.join(FIELDS)})")
        elif not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
            problems.append(f"{where}.found.{name}: must be a string or a list of strings")
        else:
            found.extend((name, v) for v in values)
    return Example(text, lists["remove"], lists["keep"], rule, tuple(found))


def _validate_rule(label: str, i: int, raw: Any, problems: list[str]) -> Rule | None:
    before = len(problems)
    where = f"{label}: rules[{i}]"
    if not isinstance(raw, dict):
        problems.append(f"{where}: must be a mapping with 'id' and 'action'")
        return None
    rid = raw.get("id")
    if "id" not in raw:
        problems.append(f"{where}: missing required key 'id'")
    elif not isinstance(rid, str) or not RULE_ID.fullmatch(rid):
        problems.append(
            f"{where}.id: must be lower-case letters, digits and . _ -, not {shown(rid)}"
        )
    else:
        where = f"{label}: rules[{i}] ({rid})"
    for key in sorted(set(raw) - RULE_KEYS, key=str):
        problems.append(f"{where}: unknown key {shown(key)}")
    action = raw.get("action")
    if action not in ACTIONS:
        actions = ", ".join(ACTIONS)
        problems.append(f"{where}.action: must be one of {actions}, not {shown(action)}")
        return None
    for key, allowed in ACTION_KEYS.items():
        if key in raw and action not in allowed:
            problems.append(
                f"{where}.{key}: only allowed with action {' or '.join(sorted(allowed))}"
            )
    ignore_case = raw.get("ignore_case", False)
    if not isinstance(ignore_case, bool):
        problems.append(f"{where}.ignore_case: must be true or false, not {shown(ignore_case)}")
        ignore_case = False
    matchers = [m for m in MATCHERS if m in raw]
    match = None
    if action in NEEDS_MATCHER:
        if len(matchers) != 1:
            problems.append(
                f"{where}: needs exactly one of line, prefix, pattern (has {len(matchers)})"
            )
        else:
            key = matchers[0]
            value = raw[key]
            if not isinstance(value, str) or not value:
                problems.append(f"{where}.{key}: must be a non-empty string, not {shown(value)}")
            else:
                source = {"line": rf"\A{re.escape(value)}\Z", "prefix": rf"\A{re.escape(value)}"}
                match = _compile(source.get(key, value), ignore_case, f"{where}.{key}", problems,
                                 exists=action in EXISTENCE)  # fmt: skip
    elif matchers:
        problems.append(f"{where}.{matchers[0]}: action {action} takes no line, prefix or pattern")
    end = None
    if action == "block":
        if not isinstance(raw.get("end"), str) or not raw["end"]:
            problems.append(f"{where}.end: action block needs an 'end' pattern")
        else:
            end = _compile(raw["end"], ignore_case, f"{where}.end", problems, exists=True)
    field = raw.get("field")
    if action == "meta":
        groups = set(match.groupindex) & set(FIELDS) if match is not None else set()
        if field is None and not groups and match is not None:
            problems.append(
                f"{where}.field: needed unless the pattern names groups after fields "
                f"({', '.join(FIELDS)})"
            )
        if field is not None and field not in FIELDS:
            fields = ", ".join(FIELDS)
            problems.append(f"{where}.field: must be one of {fields}, not {shown(field)}")
    followed_by = _optional_pattern(raw, "followed_by", ignore_case, where, problems)
    preceded_by = _optional_pattern(raw, "preceded_by", ignore_case, where, problems)
    ints = {
        k: _positive_int(raw, k, where, problems)
        for k in ("head", "max_words", "min_chars", "above_max_words")
    }
    overlap = raw.get("variant_overlap", 0.6)
    if not isinstance(overlap, (int, float)) or isinstance(overlap, bool) or not 0 < overlap <= 1:
        problems.append(
            f"{where}.variant_overlap: must be a number in (0, 1], not {shown(overlap)}"
        )
    description = raw.get("description")
    if description is not None and not isinstance(description, str):
        problems.append(f"{where}.description: must be a string")
    first_paragraph = raw.get("first_paragraph", False)
    if not isinstance(first_paragraph, bool):
        problems.append(
            f"{where}.first_paragraph: must be true or false, not {shown(first_paragraph)}"
        )
    if len(problems) > before:
        return None
    return Rule(
        id=rid,
        action=action,
        match=match,
        end=end,
        field=field,
        head=ints["head"],
        max_words=ints["max_words"],
        followed_by=followed_by,
        preceded_by=preceded_by,
        min_chars=ints["min_chars"] or 20,
        variant_overlap=float(overlap),
        above_max_words=ints["above_max_words"] or 6,
        first_paragraph=bool(first_paragraph),
    )


def _optional_pattern(
    raw: dict[str, Any], key: str, ignore_case: bool, where: str, problems: list[str]
) -> Matcher | None:
    if key not in raw:
        return None
    value = raw[key]
    if not isinstance(value, str) or not value:
        problems.append(f"{where}.{key}: must be a non-empty pattern string, not {shown(value)}")
        return None
    return _compile(value, ignore_case, f"{where}.{key}", problems, exists=True)


def _positive_int(raw: dict[str, Any], key: str, where: str, problems: list[str]) -> int | None:
    value = raw.get(key)
    if value is None:
        return None
    if not _is_int(value) or value < 1:
        problems.append(f"{where}.{key}: must be a whole number >= 1, not {shown(value)}")
        return None
    return int(value)


def _strings(label: str, key: str, value: Any, problems: list[str]) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        problems.append(f"{label}: {key}: must be a list of non-empty strings")
        return []
    return value


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _compile(
    source: str, ignore_case: bool, where: str, problems: list[str], exists: bool = False
) -> Pattern | None:
    """Compile one user pattern; the single place that chooses the regex engine and its flags.

    ``re`` checks the syntax (the documented one, and its messages); ``regex`` (VERSION0, which
    is ``re``'s behaviour) runs it, with a time limit per search (see :class:`Pattern`).
    ``exists``: only whether the pattern is found matters, not where (see
    :attr:`Pattern.reverse`).
    """
    flags = regex.VERSION0 | (regex.IGNORECASE if ignore_case else 0)
    try:
        re.compile(source, re.IGNORECASE if ignore_case else 0)
        compiled = regex.compile(source, flags)
        reverse = regex.compile(source, flags | regex.REVERSE) if exists and (
            anchored_at_end_only(source, ignore_case)) else None  # fmt: skip
    except (re.error, regex.error) as exc:
        pos = getattr(exc, "pos", None)
        msg = getattr(exc, "msg", str(exc))
        problems.append(f"{where}: {msg}" + (f" at position {pos}" if pos is not None else ""))
        return None
    needs, fold = required_literals(source, ignore_case)
    first = first_characters(source, ignore_case)
    return Pattern(compiled, where, first=first, needs=needs, fold=fold, reverse=reverse)


@functools.lru_cache(maxsize=1024)
def _parsed(source: str, ignore_case: bool) -> tuple[Any, Any] | None:
    """A pattern's parse tree as ``re`` reads it, and ``re``'s opcode constants; None where the
    pattern does not parse or this Python has no ``re._parser`` (3.10): the shortcuts built on
    it (:func:`anchored_at_end_only`, :func:`required_literals`, :func:`first_characters`) are
    then not taken, with the same results. One parse serves the three."""
    try:
        from re import _constants, _parser

        return _parser.parse(source, re.IGNORECASE if ignore_case else 0), _constants
    except (ImportError, re.error):
        return None


def anchored_at_end_only(source: str, ignore_case: bool = False) -> bool:
    """Whether each of the pattern's top-level branches ends at the end of the text (``$``,
    ``\\Z``) and none starts at its start, and it has no back-reference: a pattern a search
    from the end (regex's REVERSE) finds, when there is a match, in one attempt.

    >>> anchored_at_end_only(r"(?:via|/)\\s*AFP\\b.{0,9}\\.?\\s*$"), anchored_at_end_only(r"^x$")
    (True, False)
    """
    found = _parsed(source, ignore_case)
    if found is None:
        return False
    tree, c = found
    parsed = list(tree)
    branches = [list(b) for b in parsed[0][1][1]] if len(parsed) == 1 and (
        parsed[0][0] is c.BRANCH) else [parsed]  # fmt: skip
    ends = {c.AT_END, c.AT_END_STRING}
    starts = {c.AT_BEGINNING, c.AT_BEGINNING_STRING}

    def refers(items: Any) -> bool:  # a back-reference anywhere: its group is read backwards
        for op, av in items:
            if op in (c.GROUPREF, c.GROUPREF_EXISTS):
                return True
            if op is c.BRANCH and any(refers(b) for b in av[1]):
                return True
            if op is c.SUBPATTERN and refers(av[3]):
                return True
            if op in (c.MAX_REPEAT, c.MIN_REPEAT) and refers(av[2]):
                return True
            if op in (c.ASSERT, c.ASSERT_NOT) and refers(av[1]):
                return True
        return False

    for items in branches:
        if not items or items[-1][0] is not c.AT or items[-1][1] not in ends:
            return False
        if items[0][0] is c.AT and items[0][1] in starts:
            return False
    return not refers(parsed)


NEEDS_MAX = 24  # more strings than this to look for, and the test costs more than it saves


def required_literals(
    source: str, ignore_case: bool = False
) -> tuple[tuple[str, ...] | None, bool]:
    r"""Strings one of which any text that holds a match of the pattern holds, if the pattern
    says (read with ``re``'s own parser), and whether they are compared in lower case.

    In a sequence each item that must match gives its choice (a run of literal characters, a
    small class, an alternation whose every branch gives one, a group or a repeat of at least
    one); the sequence takes the one a text is least likely to hold (few, long strings,
    punctuation counted rarer than letters). What may
    be absent (an optional item, a look-around, a back-reference) gives nothing. Under
    ignore-case only ASCII strings count: a non-ASCII letter may fold to an ASCII one.

    >>> required_literals(r"(?:\bvia\s+|/)(?:REUTERS|AFP)\b[^.]{0,60}|\((?:[Ff]oto|DOK)\b")
    (('(', 'AFP', 'REUTERS'), False)
    >>> required_literals(r"^Baca juga:", ignore_case=True), required_literals(r"\d+|x")
    ((('baca juga:',), True), (None, False))
    """
    found = _parsed(source, ignore_case)
    if found is None:
        return None, False
    parsed, c = found
    fold = bool(parsed.state.flags & re.IGNORECASE)
    repeats = (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None))

    def usable(strings: set[str]) -> frozenset[str] | None:
        if not strings or (fold and not all(s.isascii() for s in strings)):
            return None
        return frozenset(s.lower() for s in strings) if fold else frozenset(strings)

    def of_class(av: list) -> frozenset[str] | None:  # type: ignore[type-arg]
        chars: set[str] = set()
        for kind, value in av:
            if kind is c.LITERAL:
                chars.add(chr(value))
            elif kind is c.RANGE and value[1] - value[0] < 8:
                chars.update(map(chr, range(value[0], value[1] + 1)))
            else:
                return None
        return usable(chars)

    def best(choices: list[frozenset[str]]) -> frozenset[str] | None:
        # the choice a line is least likely to hold: a guess that counts a letter or digit as
        # common, punctuation as rarer, and a string as rarer the longer it is
        def likely(strings: frozenset[str]) -> float:
            return sum(math.prod(0.4 if ch.isalnum() else 0.1 for ch in s) for s in strings)

        return min(choices, key=likely) if choices else None

    def sequence(items: list) -> frozenset[str] | None:  # type: ignore[type-arg]
        choices: list[frozenset[str]] = []
        run: list[str] = []
        for op, av in items:
            if op is c.LITERAL:
                run.append(chr(av))
                continue
            if run and (found := usable({"".join(run)})):
                choices.append(found)
            run = []
            got = None
            if op is c.IN:
                got = of_class(av)
            elif op is c.BRANCH:
                branches = [sequence(list(b)) for b in av[1]]
                if all(b is not None for b in branches):
                    got = frozenset().union(*branches)  # type: ignore[arg-type]
            elif op is c.SUBPATTERN:
                _, add_flags, del_flags, sub = av
                got = None if add_flags or del_flags else sequence(list(sub))
            elif op in repeats:
                low, _, sub = av
                got = sequence(list(sub)) if low >= 1 else None
            elif op is getattr(c, "ATOMIC_GROUP", None):
                got = sequence(list(av))
            if got:
                choices.append(got)
        if run and (found := usable({"".join(run)})):
            choices.append(found)
        return best(choices)

    found = sequence(list(parsed))
    if found is None or len(found) > NEEDS_MAX:
        return None, False
    return tuple(sorted(found)), fold


def first_characters(source: str, ignore_case: bool = False) -> frozenset[str] | None:
    """The ASCII characters a match of a pattern anchored at the start (``^``, ``\\A``) can
    begin with, or None when that is not known (not anchored, multi-line, or a start this
    does not read: look-arounds, optional or non-ASCII first items, classes of categories
    other than ``\\d``). The pattern is read with ``re``'s own parser.

    >>> sorted(first_characters(r"^(?:Baca|lihat) juga"))
    ['B', 'l']
    >>> sorted(first_characters(r"\\A\\d+ komentar", ignore_case=True))
    ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']
    >>> first_characters(r"(?:Baca|lihat) juga"), first_characters(r"^(?:x)?y")
    (None, None)
    """
    found = _parsed(source, ignore_case)
    if found is None:
        return None
    parsed, c = found
    flags = parsed.state.flags
    if flags & re.MULTILINE:
        return None
    fold = bool(flags & re.IGNORECASE)
    anchors = {c.AT_BEGINNING, c.AT_BEGINNING_STRING}

    def anchored(items: list) -> frozenset[str] | None:  # type: ignore[type-arg]
        if not items:
            return None
        op, av = items[0]
        if op is c.AT and av in anchors:
            return first(items[1:])
        if op is c.BRANCH:
            return union([anchored(list(b)) for b in av[1]]) if len(items) == 1 else None
        return None

    def union(sets: list[frozenset[str] | None]) -> frozenset[str] | None:
        if not sets or any(s is None for s in sets):
            return None
        return frozenset().union(*sets)  # type: ignore[arg-type]

    def chars(codes: list[int]) -> frozenset[str] | None:
        if any(code >= 0x80 for code in codes):
            return None
        out = {chr(code) for code in codes}
        return frozenset(out | {ch.swapcase() for ch in out} if fold else out)

    def first(items: list) -> frozenset[str] | None:  # type: ignore[type-arg]
        if not items:
            return None
        op, av = items[0]
        if op is c.LITERAL:
            return chars([av])
        if op is c.IN:
            codes: list[int] = []
            for kind, value in av:
                if kind is c.LITERAL:
                    codes.append(value)
                elif kind is c.RANGE and value[1] < 0x80:
                    codes.extend(range(value[0], value[1] + 1))
                elif kind is c.CATEGORY and value is c.CATEGORY_DIGIT:
                    codes.extend(range(0x30, 0x3A))
                else:
                    return None
            return chars(codes)
        if op is c.BRANCH:
            return union([first(list(b)) for b in av[1]])
        if op is c.SUBPATTERN:
            _, add_flags, del_flags, sub = av
            return None if add_flags or del_flags else first(list(sub))
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, _, sub = av
            return first(list(sub)) if low >= 1 else None
        return None

    return anchored(list(parsed))
