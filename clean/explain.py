"""``clean explain``: one document as the pipeline sees it, every line marked kept or removed.

Pure functions: :func:`trace` runs a document through :func:`clean.pipeline.clean_one` and lines
up the removals with the text the rules saw; :func:`render_text` and :func:`as_json` turn the
result into lines to print or data. Reading files and printing stay in ``read`` and ``cli``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from clean.describe import host_of
from clean.pipeline import clean_one, decode_stage, extract_stage
from clean.records import Doc, Document, Rejected, Removal
from clean.rules import RuleSet
from clean.strip import BLANK_RUNS, strip

# ANSI colours for rules on a terminal: the six basic hues, then their bright forms.
PALETTE = (31, 32, 33, 34, 35, 36, 91, 92, 93, 94, 95, 96)
RESET = "\x1b[0m"
DIM = "\x1b[2m"
BOLD = "\x1b[1m"
STRIKE = "\x1b[9m"


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the text the rules saw: ``rule`` removed it whole; ``spans`` were trimmed."""

    number: int
    text: str
    rule: str | None = None
    spans: tuple[tuple[str, str], ...] = ()  # (rule, text) taken out of a line that stayed


@dataclass(frozen=True, slots=True)
class Explanation:
    """A document's lines as the rules saw them and what the pipeline made of it."""

    id: str | None
    source: str
    lines: tuple[Line, ...]
    result: Document | Rejected


def trace(doc: Doc, rules: RuleSet, debug: bool = False) -> Explanation:
    """Clean ``doc`` with ``clean_one`` and line its removals up with the text before strip."""
    result = clean_one(doc, rules, debug)
    try:
        before = extract_stage(decode_stage(doc, rules), rules)
    except Exception:  # clean_one has already turned this into a Rejected: nothing to line up
        return Explanation(doc.id, doc.source, (), result)
    if isinstance(result, Document):
        removed = result.removed
    elif result.reason == "no-text-left":  # every line went: show which rule took each
        _, selected = rules.select(host_of(before.url), before.text)
        removed = strip(before.text, selected, before.found).removed
    else:
        removed = ()
    return Explanation(doc.id, doc.source, align(before.text, removed), result)


def align(text: str, removed: Iterable[Removal]) -> tuple[Line, ...]:
    """Mark each line of ``text`` with the rule that removed it, or the spans trimmed from it.

    >>> from clean.records import Removal
    >>> lines = align("Baca juga: X\\nIsi. [jm]", [Removal("r.a", "Baca juga: X", 0),
    ...                                         Removal("r.t", "[jm]", 1, whole=False)])
    >>> [(x.rule, x.spans) for x in lines]
    [('r.a', ()), (None, (('r.t', '[jm]'),))]
    """
    lines = text.split("\n")
    whole: dict[int, str] = {}
    spans: dict[int, list[tuple[str, str]]] = {}
    runs = []
    for r in removed:
        if "\n" in r.text:
            runs.append(r)
        elif r.whole:
            whole.setdefault(r.line, r.rule)
        else:
            spans.setdefault(r.line, []).append((r.rule, r.text))
    # A run (cut, block) took the lines still present from its first line on: the non-blank
    # lines no single-line removal had taken before it, as many as its text has.
    for r in runs:
        left = r.text.count("\n") + 1
        i = r.line
        while left and i < len(lines):
            if lines[i].strip() and i not in whole:
                whole[i] = r.rule
                left -= 1
            i += 1
    return tuple(
        Line(i + 1, line, whole.get(i), tuple(spans.get(i, ()))) for i, line in enumerate(lines)
    )


def kept_text(lines: Iterable[Line]) -> str:
    """The text the marked lines leave, as strip leaves it (a check that the marks are right)."""
    out = []
    for line in lines:
        if line.rule is not None:
            continue
        text = line.text
        for _, span in line.spans:
            left, _, right = text.partition(span)
            left, right = left.rstrip(), right.lstrip()
            text = f"{left} {right}" if left and right else left or right
        out.append(text)
    return BLANK_RUNS.sub("\n\n", "\n".join(out)).strip("\n")


def rule_colours(lines: Iterable[Line]) -> dict[str, int]:
    """An ANSI colour per rule, in order of first appearance (distinct for up to 12 rules)."""
    rules: dict[str, None] = {}
    for x in lines:
        rules.update(dict.fromkeys([x.rule] if x.rule else []))
        rules.update(dict.fromkeys(r for r, _ in x.spans))
    return {r: PALETTE[n % len(PALETTE)] for n, r in enumerate(rules)}


def render_text(
    ex: Explanation, cluster: dict[str, Any] | None = None, colour: bool = False
) -> list[str]:
    """The explanation as lines: ``- [rule] text``, ``~ [rule] «span» text``, ``  text``."""
    colours = rule_colours(ex.lines) if colour else {}

    def paint(rule: str, s: str, extra: str = "") -> str:
        return f"\x1b[{colours[rule]}m{extra}{s}{RESET}" if colour else s

    out = [_heading(ex, colour)]
    for line in ex.lines:
        if line.rule is not None:
            out.append(paint(line.rule, f"- [{line.rule}] {line.text}"))
        elif line.spans:
            shown = line.text
            for rule, span in line.spans:
                marked = paint(rule, span, STRIKE) if colour else f"«{span}»"
                shown = shown.replace(span, marked, 1)
            tags = ", ".join(dict.fromkeys(r for r, _ in line.spans))
            tag = f"~ [{tags}] "
            out.append((paint(line.spans[0][0], tag) if colour else tag) + shown)
        else:
            out.append(f"  {line.text}" if line.text else "")
    out.append("")
    out.extend(_metadata_lines(ex.result, colour))
    if cluster is not None:
        out.append("")
        out.extend(_cluster_lines(cluster, ex.id, colour))
    return out


def _heading(ex: Explanation, colour: bool) -> str:
    r = ex.result
    if isinstance(r, Rejected):
        what = f"rejected: {r.reason}: {r.detail}"
    else:
        rules = len({x.rule for x in r.removed})
        what = (
            f"{r.counts.lines_removed} lines removed by {rules} rules"
            f"; site {r.site or '-'}; kept {r.counts.words} words"
        )
    head = f"== {ex.id or ex.source}  ({what})"
    return f"{BOLD}{head}{RESET}" if colour else head


def _metadata_lines(result: Document | Rejected, colour: bool) -> list[str]:
    if isinstance(result, Rejected):
        return [f"rejected: {result.reason}: {result.detail}"]
    m = result
    rows = [
        ("title", m.title),
        ("published", m.published),
        ("authors", ", ".join(m.authors)),
        ("site", m.site),
        ("url", m.url),
        ("wire", ", ".join(m.wire)),
        ("dateline", m.dateline),
        ("language", f"{m.language} ({m.language_score})" if m.language else None),
        (
            "counts",
            f"{m.counts.chars} chars, {m.counts.words} words,"
            f" {m.counts.lines_removed} lines removed",
        ),
        (
            "encoding",
            m.encoding + (f" (repairs: {', '.join(m.repairs)})" if m.repairs else "")
            if m.encoding
            else None,
        ),
    ]
    title = f"{BOLD}metadata{RESET}" if colour else "metadata"
    return [title] + [f"  {k:<10} {v if v else '-'}" for k, v in rows]


def cluster_of(doc_id: str | None, marks: dict[str, dict[str, Any]], known: set[str]) -> dict:
    """The duplicate cluster of ``doc_id`` in a finished run: ``marks`` is ``{id: duplicate}``
    of its records, ``known`` every id it holds. A file explained alone is matched by its
    name when the run found it in a sub-folder (``sub/a.txt``)."""
    found = doc_id if doc_id in known else None
    if found is None and doc_id:
        ends = [k for k in known if k.endswith("/" + doc_id)]
        found = ends[0] if len(ends) == 1 else None
    mark = marks.get(found) if found else None
    if mark is None:
        return {"id": found, "in_run": found is not None, "cluster": None, "members": []}
    members = [
        {
            "id": k,
            "representative": k == m["representative"],
            "relation": m["relation"],
            "similarity": m["similarity"],
        }
        for k, m in marks.items()
        if m["cluster"] == mark["cluster"]
    ]
    members.sort(key=lambda x: (not x["representative"], -x["similarity"], x["id"]))
    return {"id": found, "in_run": True, "cluster": mark["cluster"], "members": members}


def _cluster_lines(cluster: dict[str, Any], doc_id: str | None, colour: bool) -> list[str]:
    title = f"{BOLD}duplicates{RESET}" if colour else "duplicates"
    if not cluster["in_run"]:
        return [title, f"  {doc_id} is not in the run's documents"]
    if cluster["cluster"] is None:
        return [title, "  none: the run found no duplicate of this document"]
    out = [title, f"  cluster {cluster['cluster']} ({len(cluster['members'])} documents)"]
    width = max(len(m["id"]) for m in cluster["members"])
    for m in cluster["members"]:
        role = "representative" if m["representative"] else m["relation"]
        note = "  ← this document" if m["id"] == cluster["id"] else ""
        out.append(f"    {m['id']:<{width}}  {role:<14}  {m['similarity']:.4f}{note}")
    return out


def as_json(ex: Explanation, cluster: dict[str, Any] | None = None) -> dict[str, Any]:
    """The explanation as data: the lines with their marks, the record, the cluster."""
    r = ex.result
    return {
        "id": ex.id,
        "source": ex.source,
        "rejected": None if isinstance(r, Document) else {"reason": r.reason, "detail": r.detail},
        "lines": [
            {
                "line": x.number,
                "text": x.text,
                "removed_by": x.rule,
                "trimmed": [{"rule": rule, "text": t} for rule, t in x.spans],
            }
            for x in ex.lines
        ],
        "record": r.as_json() if isinstance(r, Document) else None,
        "duplicates": cluster,
    }
