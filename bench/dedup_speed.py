"""What the duplicate stage costs per document: sketching, clustering, the driver's peak.

    .venv/bin/python bench/dedup_speed.py [--corpus scale|indonews] [--docs 4000]
        [--src DIR ...] [--memory] [--repeat 3] [--json F]

The clean texts of the corpus are made once (``clean_one`` over bench/scale.py's generated
corpus, or over indonews) and cached under bench/out/. Each ``--src`` is a source tree of
clean (default: this checkout; an older tree unpacked with ``git archive REV | tar -x -C DIR``
gives the baseline measured in the same session), run in its own process over the same texts:

- **sketch**: CPU seconds to sketch every text (:func:`clean.dedup.sketch`), documents per
  CPU-second;
- **cluster**: CPU seconds of ``Deduplicator.clusters()`` over those sketches in this process
  (candidates, verification of every candidate pair, clusters), documents per CPU-second, and
  the pairs verified and held;
- **peak** (``--memory``): tracemalloc's peak while clustering, bytes a document (tracing
  slows clustering: it is timed in a separate pass).

The best of ``--repeat`` passes is kept for each time. The machine is shared: the load average
is printed beside the figures; read the ratios between trees, not the seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
INDONEWS = ROOT.parent / "shared" / "eval" / "indonews" / "indonews.jsonl.gz"


def texts(corpus: str, docs: int) -> Path:
    """The cached clean texts of the corpus, as JSONL of ``[id, text, published]``."""
    path = OUT / f"dedup-speed-{corpus}-{docs}.jsonl"
    if path.exists():
        return path
    sys.path.insert(0, str(ROOT))
    from clean.pipeline import clean_one, unique_ids
    from clean.read import read
    from clean.records import Doc, Document
    from clean.rules import bundled_rules_dir, load_rules

    rules = load_rules([bundled_rules_dir()])
    if corpus == "scale":
        sys.path.insert(0, str(BENCH))
        from throughput import corpus as generated

        source = generated(docs, 0.0, f"scale-{docs}", 1) / "files"
    else:
        source = INDONEWS
    OUT.mkdir(exist_ok=True)
    rows = []
    for item in unique_ids(read([source])):
        out = clean_one(item, rules) if isinstance(item, Doc) else item
        if isinstance(out, Document):
            rows.append([out.id, out.text, out.published])
        if len(rows) == docs:
            break
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def measure(path: Path, repeat: int, memory: bool) -> dict[str, Any]:
    """In the process of one source tree: the figures of that tree."""
    import tracemalloc

    import clean.dedup.cluster as cluster
    from clean.dedup import DedupConfig, Deduplicator, Permutations, sketch

    rows = [json.loads(line) for line in open(path, encoding="utf-8")]
    config = DedupConfig()
    perms = Permutations(config.num_perm, config.seed)
    best_sketch, sketches = float("inf"), []
    for _ in range(repeat):
        t = time.process_time()
        sketches = [sketch(i, text, published, config, perms) for i, text, published in rows]
        best_sketch = min(best_sketch, time.process_time() - t)
    verify = cluster.verify
    counts = [0, 0]

    def counting(*args: Any, **kw: Any) -> Any:
        verdict = verify(*args, **kw)
        counts[0] += 1
        counts[1] += verdict is not None
        return verdict

    best_cluster, marks = float("inf"), {}
    for k in range(repeat):
        dedup = Deduplicator(config)
        for s in sketches:
            dedup.add_sketch(s)
        if k == 0:
            cluster.verify = counting
        t = time.process_time()
        marks = dedup.clusters()
        best_cluster = min(best_cluster, time.process_time() - t)
        cluster.verify = verify
        dedup.close()
    peak = None
    if memory:
        dedup = Deduplicator(config)
        for s in sketches:
            dedup.add_sketch(s)
        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
        dedup.clusters()
        peak = (tracemalloc.get_traced_memory()[1] - base) / len(rows)
        tracemalloc.stop()
        dedup.close()
    return {
        "documents": len(rows),
        "sketch_cpu": best_sketch,
        "cluster_cpu": best_cluster,
        "pairs_verified": counts[0],
        "pairs_held": counts[1],
        "clustered": len(marks),
        "peak_bytes_per_doc": peak,
    }


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", choices=("scale", "indonews"), default="scale")
    ap.add_argument("--docs", type=int, default=4000, help="documents (indonews: at most 5,757)")
    ap.add_argument("--src", type=Path, action="append", help="a source tree; repeatable")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--memory", action="store_true", help="also tracemalloc's peak (slow)")
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.child, args.repeat, args.memory)))
        return 0
    path = texts(args.corpus, args.docs)
    trees = args.src or [ROOT]
    results = {"corpus": args.corpus, "load_start": load(), "trees": {}}
    for tree in trees:
        env = {**os.environ, "PYTHONPATH": str(tree.resolve())}
        cmd = [sys.executable, __file__, "--child", str(path), "--repeat", str(args.repeat)]
        out = subprocess.run(cmd + ["--memory"] * args.memory, env=env, check=True,
                             capture_output=True, text=True).stdout  # fmt: skip
        results["trees"][str(tree)] = json.loads(out.splitlines()[-1])
        print(f"measured {tree}", file=sys.stderr)
    results["load_end"] = load()
    first = next(iter(results["trees"].values()))
    lines = [
        f"{args.corpus}: {first['documents']} documents; load average {results['load_start']} "
        f"→ {results['load_end']} (2 cores); best of {args.repeat}",
        "",
        "| tree | sketch docs/CPU-s | cluster docs/CPU-s | × first (sketch, cluster) "
        "| pairs verified / held | clustered | peak bytes/doc |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for tree, r in results["trees"].items():
        n = r["documents"]
        peak = f"{r['peak_bytes_per_doc']:,.0f}" if r["peak_bytes_per_doc"] is not None else "–"
        lines.append(
            f"| {tree} | {n / r['sketch_cpu']:,.0f} | {n / r['cluster_cpu']:,.0f} "
            f"| {first['sketch_cpu'] / r['sketch_cpu']:.2f}, "
            f"{first['cluster_cpu'] / r['cluster_cpu']:.2f} "
            f"| {r['pairs_verified']:,} / {r['pairs_held']:,} | {r['clustered']:,} | {peak} |"
        )
    text = "\n".join(lines)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        args.json.with_suffix(".md").write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
