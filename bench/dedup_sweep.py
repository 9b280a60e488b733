"""Sweep the duplicate thresholds on a corpus that dedup_eval.py has run, one setting at a time.

    .venv/bin/python bench/dedup_eval.py --keep /tmp/dedup      # build the corpus, run clean
    .venv/bin/python bench/dedup_sweep.py /tmp/dedup            # sweep on its documents.jsonl

Sketches are computed once (they depend only on shingle, num_perm and seed); each setting
re-verifies and re-clusters them, so a sweep of 30 settings takes about a minute.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path

import dedup_eval

from clean.dedup import DedupConfig, Deduplicator

# Each threshold around its default; the default is always included.
GRID = {
    "near_jaccard": (0.4, 0.5, 0.6, 0.7),
    "copy_containment": (0.6, 0.7, 0.8, 0.9),
    "rewrite_containment": (0.15, 0.2, 0.25, 0.3, 0.4),
    "rewrite_entities": (0.4, 0.5, 0.6, 0.7, 0.8),
    "numbers_agree": (0.3, 0.5, 0.7),
    "conflicts": (1, 2, 3, 4),
    "max_conflicts": (3, 4, 6, 8, 100),
    "band_rows": (2, 3, 4),
    "rare_df": (10, 50, 200),
    "rare_shared": (1, 2, 3, 100),
    "attach_similarity": (0.8, 0.9, 1.0),
}


def sweep(folder: Path, grid: dict[str, tuple]) -> list[dict]:
    """The figures of every setting of ``grid``, each varied alone from the defaults."""
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))["docs"]
    records = dedup_eval.read_documents(folder / "out" / "documents.jsonl")
    base = Deduplicator(DedupConfig())
    for doc_id in sorted(records):
        record = records[doc_id]
        base.add(doc_id, record["text"], record["metadata"].get("published"))
    rows = []
    for key, values in grid.items():
        default = getattr(DedupConfig(), key)
        for value in sorted({*values, default}):
            dedup = Deduplicator(dataclasses.replace(DedupConfig(), **{key: value}))
            dedup.sketches = base.sketches
            clusters = {i: m["cluster"] for i, m in dedup.clusters().items()}
            figures = dedup_eval.score(truth, clusters)
            rows.append({"setting": key, "value": value, "default": value == default, **figures})
    return rows


def table(rows: list[dict]) -> str:
    head = "| setting | value | precision | exact | near | partial | rewrite | false pairs |"
    lines = [head, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        rec = r["recall"]
        mark = " **(default)**" if r["default"] else ""
        lines.append(
            f"| {r['setting']} | {r['value']}{mark} | {r['precision']:.3f} | "
            + " | ".join(f"{rec[k]:.3f}" for k in ("exact", "near", "partial", "rewrite"))
            + f" | {r['false_positives']} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a corpus kept by dedup_eval.py --keep")
    parser.add_argument("--only", action="append", help="sweep only this setting; repeatable")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the rows as JSON")
    args = parser.parse_args()
    if not (args.folder / "out" / "documents.jsonl").exists():
        sys.exit(f"dedup_sweep: {args.folder}/out/documents.jsonl missing; run dedup_eval --keep")
    grid = {k: v for k, v in GRID.items() if not args.only or k in args.only}
    start = time.perf_counter()
    rows = sweep(args.folder, grid)
    print(table(rows))
    print(f"\n{len(rows)} settings in {time.perf_counter() - start:.0f} s")
    if args.json:
        slim = [
            {k: v for k, v in r.items() if k not in ("misses", "false_positive_pairs")}
            for r in rows
        ]
        args.json.write_text(json.dumps(slim, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
