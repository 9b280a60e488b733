"""Time per document of the generic stage against the rule strip, on the seeds (and WCXB dumps).

    .venv/bin/python bench/generic_speed.py [FOLDER_OF_TXT ...]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clean import generic  # noqa: E402
from clean.decode import decode  # noqa: E402
from clean.records import Found  # noqa: E402
from clean.rules import bundled_rules_dir, load_rules  # noqa: E402
from clean.strip import strip  # noqa: E402


def timed(texts: list[str], repeat: int) -> tuple[float, float]:
    """Milliseconds per document: the rules alone, and the generic judgement alone."""
    rules = load_rules([bundled_rules_dir()])
    selected = [rules.select(None, t)[1] for t in texts]
    lines = [t.split("\n") for t in texts]
    generic.judge(lines[0])  # the stop lists are read once per process
    started = time.perf_counter()
    for _ in range(repeat):
        for text, sel in zip(texts, selected, strict=True):
            strip(text, sel, Found())
    rules_ms = (time.perf_counter() - started) * 1000 / (repeat * len(texts))
    started = time.perf_counter()
    for _ in range(repeat):
        for ls in lines:
            generic.judge(ls)
    judge_ms = (time.perf_counter() - started) * 1000 / (repeat * len(texts))
    return rules_ms, judge_ms


def main() -> int:
    folders = [ROOT / "seeds", *map(Path, sys.argv[1:])]
    for folder in folders:
        paths = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
        texts = [decode(p.read_bytes()).text for p in paths]
        repeat = max(1, 2000 // sum(len(t.split("\n")) for t in texts))
        rules_ms, judge_ms = timed(texts, repeat)
        lines = sum(len(t.split("\n")) for t in texts) / len(texts)
        print(
            f"{folder.name}: {len(texts)} documents, {lines:.0f} lines each on average: "
            f"rules {rules_ms:.2f} ms, generic stage {judge_ms:.2f} ms per document"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
