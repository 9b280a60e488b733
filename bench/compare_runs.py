"""Two ``throughput.py --json`` runs side by side: each figure before and after, and against the
baselines measured in its own run (on a shared machine, the in-run ratio is the figure to read).

    .venv/bin/python bench/compare_runs.py BEFORE.json AFTER.json [--md OUT.md]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import driver_per_doc, mib


def figures(r: dict[str, Any]) -> dict[str, tuple[float, str]]:
    """(value, how to print it) for each figure a run has."""
    out: dict[str, tuple[float, str]] = {}
    one, two = r["clean"]["1"], r["clean"].get("2")
    fast = r.get("datatrove-fast", {})
    per_cpu = one["read"] / one["cpu_seconds"]
    out["raw text, 1 worker: documents per CPU-second"] = (per_cpu, f"{per_cpu:,.1f}")
    if "cpu_seconds" in fast:
        x = per_cpu / (r["docs"] / fast["cpu_seconds"])
        out["raw text: clean 1 worker ÷ datatrove fastest, same run"] = (x, f"{x:.3f}")
    if two:
        v = two["read"] / two["cpu_seconds"]
        out["raw text, 2 workers: documents per CPU-second"] = (v, f"{v:,.1f}")
        s = one["seconds"] / two["seconds"]
        out["2 workers' wall speed-up"] = (s, f"{s:.2f}× (load {two['load_start']:.1f})")
    for key, what in (("html", "generated"), ("html-real", "real (WCXB)")):
        h = r.get(key)
        if h:
            x = h["clean"]["cpu_seconds"] / h["trafilatura"]["cpu_seconds"]
            out[f"HTML {what}: clean CPU × trafilatura's"] = (x, f"{x:.2f}×")
    ind = r.get("indonews")
    if ind:
        c = ind["clean"]
        v = c["read"] / c["cpu_seconds"]
        out["indonews: documents per CPU-second"] = (v, f"{v:,.1f}")
        d = ind.get("datatrove-fast", {})
        if "cpu_seconds" in d:
            x = v / (c["read"] / d["cpu_seconds"])
            out["indonews: clean ÷ datatrove fastest, same run"] = (x, f"{x:.3f}")
    st = r["startup"]["cpu_seconds"]
    out["fixed cost of a run, CPU seconds"] = (st, f"{st:.2f}")
    per = driver_per_doc(two or one)
    worst = max(per.values())
    out["driver, worst phase, bytes per document"] = (worst, f"{worst:,.0f}")
    peak = (two or one)["peak_tree_pss"]
    out["tree peak PSS, 2 workers"] = (peak, mib(peak))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--md", type=Path, help="write the table here too")
    args = ap.parse_args(argv)
    b, a = (json.loads(p.read_text(encoding="utf-8")) for p in (args.before, args.after))
    fb, fa = figures(b), figures(a)
    lines = [
        f"| figure | before: {b['commit']} | after: {a['commit']} | after / before |",
        "| --- | ---: | ---: | ---: |",
    ]
    for k in list(fb) + [k for k in fa if k not in fb]:
        vb, va = fb.get(k), fa.get(k)
        ratio = f"{va[0] / vb[0]:.2f}" if vb and va and vb[0] else ""
        lines.append(f"| {k} | {vb[1] if vb else ''} | {va[1] if va else ''} | {ratio} |")
    lines.append(
        f"\nload average: before {b['load_start']:.1f}→{b['load_end']:.1f}, "
        f"after {a['load_start']:.1f}→{a['load_end']:.1f} (2 cores)"
    )
    text = "\n".join(lines)
    print(text)
    if args.md:
        args.md.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
