"""Strip the chrome: run rules over the lines of a text, recording every removal.

Rules run in order, each over the lines still present: ``head: N`` means the first N lines
left when the rule runs (after a site's header rules, the first paragraph is line 1), and
``first_paragraph: true`` the first line left that reads as a body paragraph
(:func:`clean.text.is_body`), wherever the page's header ends.
``followed_by`` and ``preceded_by`` look at the neighbours in the original text, so that a
label ("Penulis") identifies its line even after another rule has removed the label.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from clean.records import FIELDS, MULTI_FIELDS, Found, Removal
from clean.rules import Budget, Matcher, Rule, search
from clean.text import ends_sentence, is_body, line_key, words

BLANK_RUNS = re.compile(r"\n{3,}")
VARIANT_MIN_WORDS = 2
# Table rows and list items (as trafilatura writes them) repeat on purpose: a comparison table's
# cells, the same pro under two products, the same airline in two rankings; so do the lines that
# introduce a list or a quotation ("Berikut isi postingannya:"). The repeated action leaves them.
NOT_REPEATS = ("|", "- ", "* ", "• ")
NUMBERED = re.compile(r"\d{1,3}[.)]\s")
REUSED_MAX_WORDS = 10  # a list item; a longer line printed twice is a pull quote or a block


@dataclass(frozen=True, slots=True)
class Stripped:
    """The text left after the rules, what they removed (in text order) and what they found."""

    text: str
    removed: tuple[Removal, ...]
    found: Found
    lines_removed: int
    flags: tuple[str, ...] = ()


# A judge sees the lines the rules left (None where removed) and returns the removals it
# decides, as (line index, reason id), and flags (clean.generic.judge is the one we ship).
Judge = Callable[[Sequence[str | None]], tuple[Sequence[tuple[int, str]], tuple[str, ...]]]


def strip(
    text: str,
    rules: Sequence[Rule],
    found: Found | None = None,
    judge: Judge | None = None,
    budget: Budget | None = None,
) -> Stripped:
    """Apply ``rules`` to ``text``, then ``judge`` to what is left, recording every removal.

    ``found`` holds metadata known beforehand (a page's title); ``budget`` the time the rule
    patterns may take on the document (:class:`clean.rules.Budget`; without one, each search
    has its pattern's own limit).

    >>> from clean.rules import Rule; import re
    >>> rule = Rule("x.read-also", "drop", match=re.compile(r"\\ABaca juga:"))
    >>> strip("Isi berita.\\nBaca juga: Lain\\nAkhir.", [rule]).text
    'Isi berita.\\nAkhir.'
    """
    work = _Work(text.split("\n"), found if found is not None else Found(), budget)
    for rule in rules:
        APPLY[rule.action](work, rule)
    flags: tuple[str, ...] = ()
    if judge is not None:
        decided, flags = judge(work.live)
        for i, reason in decided:
            work.remove(i, reason)
    kept = "\n".join(line for line in work.live if line is not None)
    above = [0]  # above[i]: output lines above line i
    for line in work.live:
        above.append(above[-1] + bool(line))
    removed = tuple(
        dataclasses.replace(r, kept=above[r.line])
        for r in sorted(work.removed, key=lambda r: r.line)
    )
    lines_removed = sum(1 for i in work.nonblank if work.live[i] is None)
    return Stripped(
        BLANK_RUNS.sub("\n\n", kept).strip("\n"), removed, work.found, lines_removed, flags
    )


class _Work:
    """The lines as the rules leave them: ``live[i]`` is None once line ``i`` is removed."""

    def __init__(self, lines: list[str], found: Found, budget: Budget | None = None):
        self.budget = budget
        self.original = lines
        self.live: list[str | None] = list(lines)
        self.nonblank = [i for i, line in enumerate(lines) if line.strip()]
        self.rank = {i: r for r, i in enumerate(self.nonblank)}
        self.found = found
        self.removed: list[Removal] = []
        # Word counts and keys by line: rule after rule asks them of the same lines.
        self._word_counts: dict[str, int] = {}
        self._keys: dict[str, str] = {}

    def search(self, pattern: Matcher, text: str) -> re.Match[str] | None:
        """``pattern.search(text)`` within the document's budget."""
        return search(pattern, text, self.budget)  # type: ignore[no-any-return]

    def word_count(self, line: str) -> int:
        n = self._word_counts.get(line)
        if n is None:
            n = self._word_counts[line] = len(words(line))
        return n

    def key(self, line: str) -> str:
        """:func:`clean.text.line_key` of ``line``."""
        k = self._keys.get(line)
        if k is None:
            k = self._keys[line] = line_key(line)
        return k

    def candidates(self, rule: Rule) -> list[int]:
        """Indices of present lines that satisfy the rule's conditions."""
        out = []
        seen = 0
        reached = False
        for i in self.nonblank:
            line = self.live[i]
            if not line:
                continue
            if rule.first_paragraph:
                if reached:
                    break
                if not is_body(line):
                    continue
                reached = True
            seen += 1
            if rule.head is not None and seen > rule.head:
                break
            if rule.max_words is not None and self.word_count(line) > rule.max_words:
                continue
            if rule.followed_by is not None and not _neighbour_matches(
                self, i, 1, rule.followed_by
            ):
                continue
            if rule.preceded_by is not None and not _neighbour_matches(
                self, i, -1, rule.preceded_by
            ):
                continue
            out.append(i)
        return out

    def remove(self, i: int, rule_id: str) -> None:
        self.removed.append(Removal(rule_id, self.live[i] or "", i))
        self.live[i] = None

    def remove_run(self, start: int, stop: int, rule_id: str) -> None:
        """Remove present lines ``start..stop`` (inclusive) as one recorded removal."""
        taken = [self.live[i] for i in range(start, stop + 1) if self.live[i]]
        self.removed.append(Removal(rule_id, "\n".join(t for t in taken if t), start))
        for i in range(start, stop + 1):
            if self.live[i] is not None and self.live[i].strip():
                self.live[i] = None

    def cut_span(self, i: int, match: re.Match[str], rule_id: str) -> None:
        """Remove the matched span of line ``i``; the line goes if nothing but space is left."""
        line = self.live[i] or ""
        left, right = line[: match.start()].rstrip(), line[match.end() :].lstrip()
        rest = f"{left} {right}" if left and right else left or right
        self.removed.append(Removal(rule_id, match.group(0).strip(), i, whole=not rest.strip()))
        self.live[i] = rest if rest.strip() else None


def _neighbour_matches(work: _Work, i: int, step: int, pattern: re.Pattern[str]) -> bool:
    r = work.rank[i] + step
    if not 0 <= r < len(work.nonblank):
        return False
    return work.search(pattern, work.original[work.nonblank[r]].strip()) is not None


def _drop(work: _Work, rule: Rule) -> None:
    assert rule.match is not None  # guaranteed by rules validation
    for i in work.candidates(rule):
        if work.search(rule.match, work.live[i] or ""):
            work.remove(i, rule.id)


def _trim(work: _Work, rule: Rule) -> None:
    assert rule.match is not None
    for i in work.candidates(rule):
        m = work.search(rule.match, work.live[i] or "")
        if m and m.group(0).strip():
            work.cut_span(i, m, rule.id)


def _cut(work: _Work, rule: Rule) -> None:
    assert rule.match is not None
    for i in work.candidates(rule):
        if work.search(rule.match, work.live[i] or ""):
            work.remove_run(i, len(work.live) - 1, rule.id)
            return


def _block(work: _Work, rule: Rule) -> None:
    assert rule.match is not None and rule.end is not None
    start = None
    for i in work.candidates(rule):
        line = work.live[i] or ""
        if start is None:
            if work.search(rule.match, line):
                start = i
        elif work.search(rule.end, line):
            work.remove_run(start, i, rule.id)
            start = None


def _meta(work: _Work, rule: Rule) -> None:
    assert rule.match is not None
    fields = {rule.field} if rule.field else set(rule.match.groupindex) & set(FIELDS)
    single = not fields & MULTI_FIELDS  # a rule that fills only single-valued fields stops at one
    for i in work.candidates(rule):
        m = work.search(rule.match, work.live[i] or "")
        if not m:
            continue
        for name, value in _values(rule, m):
            work.found = work.found.add(name, value)
        work.cut_span(i, m, rule.id)
        if single:
            return


def _values(rule: Rule, m: re.Match[str]) -> list[tuple[str, str]]:
    """Field values a match gives: named groups called after fields, else ``value``/the match."""
    named = [(k, v) for k, v in m.groupdict().items() if v and k != "value" and k != "_"]
    if rule.field is None:
        return named
    groups = m.groupdict()
    value = groups.get("value") or (groups.get(rule.field) if rule.field in groups else m.group(0))
    return [(rule.field, value), *((k, v) for k, v in named if k != rule.field)] if value else named


def _repeated(work: _Work, rule: Rule) -> None:
    """Keep one copy of each repeated line: the first that heads a paragraph (a subheading the
    table of contents printed above the article too), else the first; remove the others."""
    groups: dict[str, list[int]] = {}
    for i in work.candidates(rule):
        line = work.live[i] or ""
        if len(line) < rule.min_chars or line.startswith(NOT_REPEATS) or line.endswith(":"):
            continue
        if NUMBERED.match(line):
            continue
        groups.setdefault(work.key(line), []).append(i)
    present = [i for i in work.nonblank if work.live[i]]
    after = {i: present[n + 1] for n, i in enumerate(present[:-1])}
    before = {i: present[n - 1] for n, i in enumerate(present) if n}
    for copies in groups.values():
        if len(copies) < 2:
            continue
        heads = [i for i in copies if i in after and is_body(work.live[after[i]] or "")]
        if not heads and _reused_item(work, copies, before, after):
            continue
        keep = heads[0] if heads else copies[0]
        for i in copies:
            if i != keep:
                work.remove(i, rule.id)


def _reused_item(work: _Work, copies: list[int], before: dict, after: dict) -> bool:
    """Whether the copies of a line are one item used in several lists ("Strong warranty"
    among each product's pros), not a block printed twice: a short line that is not a
    sentence, and no two of its copies share a neighbour."""
    line = work.live[copies[0]] or ""
    if work.word_count(line) > REUSED_MAX_WORDS or ends_sentence(line):
        return False
    seen: set[str] = set()
    for i in copies:
        near = (before.get(i), after.get(i))
        around = {work.key(work.live[j] or "") for j in near if j is not None}
        if around & seen:
            return False
        seen |= around
    return True


def _title(work: _Work, rule: Rule) -> None:
    """Find the headline among the lines before the first body paragraph and take it out.

    The title is the one already known (from the page's metadata or a site rule), else the
    most repeated, then longest, headline-like line there. Its copies anywhere go with it; in
    that head, lines made of the title's words (kicker, alternative headline) go as
    ``<id>.variant`` and short lines above it (section navigation) as ``<id>.above``.
    """
    present = [i for i in work.nonblank if work.live[i]]
    body_at = next((n for n, i in enumerate(present) if is_body(work.live[i] or "")), None)
    if body_at is None:
        return  # no paragraph to tell the head from the body: leave every line alone
    head = present[:body_at]
    counts = Counter(work.key(work.original[i]) for i in work.nonblank)
    known = work.found.first("title")
    if known:
        title_key = work.key(known)
    else:
        most = rule.max_words or 25
        pool = [i for i in head if 3 <= work.word_count(work.live[i] or "") <= most]
        pool = [i for i in pool if not (work.live[i] or "").rstrip().endswith(".")]
        if not pool:
            return
        best = max(
            pool, key=lambda i: (counts[work.key(work.live[i] or "")], len(work.live[i] or ""), -i)
        )
        title_key = work.key(work.live[best] or "")
        work.found = work.found.add("title", work.live[best] or "")
    copies = [i for i in present if work.key(work.live[i] or "") == title_key]
    if not copies or not title_key:
        return
    for i in copies:
        work.remove(i, rule.id)
    title_words = set(title_key.split())
    for i in head:
        line = work.live[i]
        if line is None:
            continue
        tokens = work.key(line).split()
        if i < copies[0] and len(tokens) <= rule.above_max_words:
            work.remove(i, f"{rule.id}.above")
        elif len(tokens) >= VARIANT_MIN_WORDS:
            share = sum(t in title_words for t in tokens) / len(tokens)
            if share >= rule.variant_overlap:
                work.remove(i, f"{rule.id}.variant")


APPLY = {
    "drop": _drop,
    "trim": _trim,
    "cut": _cut,
    "block": _block,
    "meta": _meta,
    "repeated": _repeated,
    "title": _title,
}
