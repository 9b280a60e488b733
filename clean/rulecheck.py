"""``clean rules check``: run the examples rule files carry and say which ones fail, and how.

An example runs its own file's rules only (a site file's examples without the generic rules
after them), on its ``text`` or, without one, on each ``remove`` and ``keep`` line alone, each
normalised as an input would be.
"""

from __future__ import annotations

from dataclasses import dataclass

from clean.decode import normalise
from clean.rules import Example, RuleFile, RuleSet
from clean.strip import Stripped, strip

SHOWN_LINES = 12  # of an example's output in a failure report


@dataclass(frozen=True, slots=True)
class Failure:
    """One expectation of one example that the rules did not meet."""

    file: str
    example: int
    where: str  # "remove[0]", "keep[1]", "found.published"
    expected: str
    got: str
    output: str


def check_examples(rules: RuleSet) -> tuple[list[Failure], int]:
    """Every failure of every example of every file, and how many examples ran."""
    failures: list[Failure] = []
    count = 0
    for f in rules.files:
        for i, ex in enumerate(f.examples):
            count += 1
            failures.extend(run_example(f, i, ex))
    return failures, count


def run_example(f: RuleFile, index: int, ex: Example) -> list[Failure]:
    """The failures of one example (an empty list when it passes).

    >>> import re
    >>> from clean.rules import Rule
    >>> f = RuleFile("x.yaml", 1, (Rule("x.read", "drop", match=re.compile("^Baca juga:")),))
    >>> run_example(f, 0, Example(remove=("Baca juga: X",), keep=("Baca ini.",), rule="x.read"))
    []
    >>> [x.got for x in run_example(f, 0, Example(remove=("Simak juga: X",)))]
    ['kept']
    """
    out = []

    def fail(where: str, expected: str, got: str, s: Stripped) -> None:
        out.append(Failure(f.path, index, where, expected, got, s.text))

    def run(text: str) -> Stripped:
        return strip(normalise(text), f.rules)

    whole = run(ex.text) if ex.text is not None else None
    for j, entry in enumerate(ex.remove):
        s = whole or run(entry)
        by = _removed_by(normalise(entry), s)
        expected = f"{entry!r} removed" + (f" by {ex.rule}" if ex.rule else "")
        if not by:
            fail(f"remove[{j}]", expected, "kept", s)
        elif ex.rule and ex.rule not in by:
            fail(f"remove[{j}]", expected, f"removed by {', '.join(by)}", s)
    for j, entry in enumerate(ex.keep):
        s = whole or run(entry)
        missing = [line for line in normalise(entry).split("\n") if line and line not in s.text]
        if missing:
            by = sorted(
                {r.rule for r in s.removed if any(r.text in m or m in r.text for m in missing)}
            )
            fail(
                f"keep[{j}]",
                f"{entry!r} kept",
                f"removed by {', '.join(by)}" if by else "changed",
                s,
            )
    found = whole.found if whole else None
    for name, value in ex.found:
        if found is None:  # no text: what the rules found in any of the example's lines
            values = [v for e in (*ex.remove, *ex.keep) for v in run(e).found.all(name)]
        else:
            values = found.all(name)
        if " ".join(value.split()) not in values:
            got = ", ".join(repr(v) for v in values) or "nothing"
            fail(
                f"found.{name}",
                f"{name} {value!r}",
                got,
                whole or run(ex.remove[0] if ex.remove else ex.keep[0]),
            )
    return out


def _removed_by(entry: str, s: Stripped) -> list[str]:
    """The rules whose removals hold every line of ``entry`` ([] if a line is still there)."""
    rules: list[str] = []
    for line in (x for x in entry.split("\n") if x.strip()):
        by = [r.rule for r in s.removed if line in r.text]
        if not by:
            return []
        rules.extend(r for r in by if r not in rules)
    return rules


def render_failure(failure: Failure) -> list[str]:
    """A failure as lines: where, expected and got, then the rules' output for the example."""
    f = failure
    lines = [
        f"FAIL {f.file}: examples[{f.example}].{f.where}",
        f"  expected: {f.expected}",
        f"  got:      {f.got}",
    ]
    output = f.output.split("\n") if f.output else []
    lines.append("  output:" + ("" if output else " (nothing left)"))
    lines.extend(f"    | {line}" for line in output[:SHOWN_LINES])
    if len(output) > SHOWN_LINES:
        lines.append(f"    | ... ({len(output) - SHOWN_LINES} more lines)")
    return lines
