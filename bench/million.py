"""One real ``clean run`` over a million generated documents: the driver's bytes per document
at every phase, the whole tree's peak memory, wall and CPU time (issue 20's memory targets).

    nice .venv/bin/python bench/million.py [--docs 1000000] [--workers 2] [--json F]

The corpus (``throughput_corpus.py``: 3 kB raw text documents, 12% planted copies, about 3.3 GB
for a million) is generated once under ``bench/out/throughput-N`` and kept; ``make bench-1m``
runs this under ``nice``. Targets: the driver ≤ 2 KB a document at every phase, the tree's peak
PSS under 2 GB. Hours on a 2-core machine: the wall time is printed with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import throughput as tp


def render(r: dict) -> str:
    c = r["clean"]
    per = tp.driver_per_doc(c)
    lines = [
        f"# clean run over {c['read']:,} generated documents ({r['bytes'] / 1e9:.2f} GB), "
        f"--workers {c['workers']}, at {r['commit']}",
        "",
        f"wall {c['seconds'] / 3600:.2f} h, CPU {c['cpu_seconds']:,.0f} s (every process), "
        f"{c['read'] / c['cpu_seconds']:,.0f} documents per CPU-second; load average "
        f"{c['load_start']:.1f} at the start, {c['load_end']:.1f} at the end; corpus generated "
        f"in {r['generate_seconds']:,.0f} s",
        "",
        "| phase | driver peak | bytes/doc above the run's start | target ≤ 2,048 | wall s |",
        "| --- | ---: | ---: | --- | ---: |",
    ]
    for k, p in c["driver"]["phases"].items():
        ok = "met" if per[k] <= tp.TARGETS["driver_bytes_per_doc"] else "**missed**"
        lines.append(f"| {k} | {tp.mib(p['peak'])} | {per[k]:,.0f} | {ok} | {p['wall']:,.0f} |")
    peak = c["peak_tree_pss"]
    ok = "met" if peak < tp.TARGETS["tree_peak_1m"] else "**missed**"
    if c["read"] < tp.PROJECT_TO:
        ok += f" at {c['read']:,} documents; the target is at {tp.PROJECT_TO:,}"
    lines += [
        "",
        f"whole tree's peak PSS: {tp.mib(peak)} (target < 2 GB: {ok}); largest process's peak "
        f"RSS {tp.mib(c['peak_process_rss'])}; {c['documents']:,} documents kept, "
        f"{c['duplicates']:,} in clusters",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1_000_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", type=Path, default=tp.OUT, help="corpus and scratch (bench/out)")
    ap.add_argument("--json", type=Path, metavar="FILE", help="the figures to FILE (+ .md)")
    args = ap.parse_args(argv)
    tp.OUT = args.out.resolve()
    tp.OUT.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    folder = tp.corpus(args.docs, 0.0, f"throughput-{args.docs}", 1)
    r = {
        "commit": tp.git_commit(),
        "generate_seconds": time.perf_counter() - started,
        "bytes": sum(p.stat().st_size for p in (folder / "files").rglob("*") if p.is_file()),
        "cpus": os.cpu_count(),
    }
    print(f"[{time.strftime('%H:%M:%S')}] clean run, {args.workers} workers", file=sys.stderr)
    r["clean"] = tp.clean_run([folder / "files"], args.workers)
    text = render(r)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(r, indent=1, default=str) + "\n", encoding="utf-8")
        args.json.with_suffix(".md").write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
