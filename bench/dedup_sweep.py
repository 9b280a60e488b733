"""Sweep the duplicate settings on a corpus that dedup_eval.py has run, one setting at a time.

    .venv/bin/python bench/dedup_eval.py --keep bench/out/dedup-gen   # build, run clean
    .venv/bin/python bench/dedup_sweep.py bench/out/dedup-gen         # sweep its documents

The grid is ``dedup_scoring.SWEEP`` (the settings ``dedup_real.py --sweep`` sweeps on real
news). Sketches are computed once from the run's clean texts (none of the swept settings
changes a sketch); each setting re-verifies and re-clusters them in-process. The generated
corpus is a regression check, not the target: see dedup_eval.py.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path

import dedup_eval
import dedup_scoring as scoring

from clean.dedup import DedupConfig, Deduplicator


def sweep(folder: Path, grid: dict[str, tuple]) -> list[dict]:
    """The figures of every setting of ``grid``, each varied alone from the defaults."""
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))["docs"]
    output = scoring.read_output(folder / "out")
    base = Deduplicator(DedupConfig())
    for doc_id in sorted(output.texts):
        base.add(doc_id, output.texts[doc_id], output.published[doc_id])
    rows = []
    for key, values in grid.items():
        default = getattr(DedupConfig(), key)
        for value in sorted({*values, default}):
            dedup = Deduplicator(dataclasses.replace(DedupConfig(), **{key: value}))
            dedup.close()  # its own empty store: it reads the base's sketches
            dedup.sketches = base.sketches
            clusters = {i: m["cluster"] for i, m in dedup.clusters().items()}
            figures = dedup_eval.score_clusters(truth, clusters)
            rows.append({"setting": key, "value": value, "default": value == default, **figures})
    base.close()
    return rows


def table(rows: list[dict]) -> str:
    """One table per setting: precision, each kind found, each hard negative joined."""
    kinds = (*dedup_eval.KINDS, *dedup_eval.NEGATIVES, "template")
    out = []
    for key in dict.fromkeys(r["setting"] for r in rows):
        lines = [[key, "precision", *kinds, "false pairs"]]
        for r in (r for r in rows if r["setting"] == key):
            lines.append(
                [
                    f"{r['value']}{' (default)' if r['default'] else ''}",
                    scoring.figure(r["precision"]),
                ]
                + [scoring.figure(r["shares"][k]) for k in kinds]
                + [str(r["false_positives"])]
            )
        out.append(scoring.markdown(lines))
    return "\n\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a corpus kept by dedup_eval.py --keep")
    parser.add_argument("--only", action="append", help="sweep only this setting; repeatable")
    parser.add_argument(
        "--json", type=Path, metavar="FILE", help="write the rows as JSON (the tables as .md)"
    )
    args = parser.parse_args()
    if not (args.folder / "out" / "documents.jsonl").exists():
        sys.exit(f"dedup_sweep: {args.folder}/out/documents.jsonl missing; run dedup_eval --keep")
    grid = {k: v for k, v in scoring.SWEEP.items() if not args.only or k in args.only}
    start = time.perf_counter()
    rows = sweep(args.folder, grid)
    text = (
        "(each kind of copy: share of (copy, original) pairs in one cluster; the hard negatives "
        "and template pairs: share wrongly joined)\n\n" + table(rows)
    )
    print(text)
    print(f"\n{len(rows)} settings in {time.perf_counter() - start:.0f} s")
    if args.json:
        slim = [
            {k: v for k, v in r.items() if k not in ("misses", "false_positive_pairs")}
            for r in rows
        ]
        args.json.write_text(json.dumps(slim, indent=1) + "\n", encoding="utf-8")
        args.json.with_suffix(".md").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
