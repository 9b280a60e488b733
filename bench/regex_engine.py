"""Stripping time on the seeds with the rule engine in use (regex, timeout per search) against
the same patterns compiled by Python's ``re`` (no time limit): ``python bench/regex_engine.py``.

CPU time, interleaved rounds, median, so that other processes on the machine matter less.
"""

from __future__ import annotations

import dataclasses
import re
import statistics
import time
from pathlib import Path

from clean.decode import decode
from clean.rules import Pattern, bundled_rules_dir, load_rules
from clean.strip import strip

ROOT = Path(__file__).resolve().parent.parent


def as_re(p):  # type: ignore[no-untyped-def]
    if not isinstance(p, Pattern):
        return p
    return re.compile(p.pattern, re.IGNORECASE if p.compiled.flags & re.IGNORECASE else 0)


def with_re(rules):  # type: ignore[no-untyped-def]
    fields = ("match", "end", "followed_by", "preceded_by")
    return tuple(dataclasses.replace(r, **{f: as_re(getattr(r, f)) for f in fields}) for r in rules)


def main(rounds: int = 15, repeat: int = 20) -> None:
    ruleset = load_rules([bundled_rules_dir()])
    texts = [decode(p.read_bytes()).text for p in sorted((ROOT / "seeds").iterdir())]
    engine = [ruleset.select(None, t)[1] for t in texts]
    plain = [with_re(r) for r in engine]
    assert [strip(t, r) for t, r in zip(texts, engine)] == [
        strip(t, r) for t, r in zip(texts, plain)
    ], "the engines disagree"

    def timed(selected) -> float:  # type: ignore[no-untyped-def]
        start = time.process_time()
        for _ in range(repeat):
            for text, rules in zip(texts, selected):
                strip(text, rules)
        return (time.process_time() - start) / repeat / len(texts)

    a, b = [], []
    for _ in range(rounds):
        a.append(timed(plain))
        b.append(timed(engine))
    ra, rb = statistics.median(a), statistics.median(b)
    print(f"re     {ra * 1e3:.2f} ms per seed")
    print(f"regex  {rb * 1e3:.2f} ms per seed (timeout on every search)")
    print(f"ratio  {rb / ra:.2f}")


if __name__ == "__main__":
    main()
