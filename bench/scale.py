"""What a run costs per phase and what the driver holds, for the scale plan (docs/scale.md).

    .venv/bin/python bench/scale.py [--docs 4000] [--repeat 1] [--json F]

On the throughput corpus (``throughput_corpus.py``, generated once under ``bench/out/``):

1. **phases** on one core: the run in-process (engine ``inprocess``), each shard step's CPU
   time taken where the engine calls it, reading apart from cleaning, and the driver's own
   phases (learning, clustering, commit): documents per CPU-second of each;
2. **driver memory**: what the driver keeps per document (the set of ids, the duplicate
   index, the duplicate marks) and per verified duplicate edge, with tracemalloc, and the
   driver process's peak RSS under ``--engine ray`` at two corpus sizes;
3. **engines**: ``clean run`` with the local pool and with a local Ray, 1 and 2 workers,
   wall and CPU time, and Ray's start-up alone (``ray.init`` + ``ray.shutdown``).

The machine is shared: the load average is printed with the figures; compare ratios within a
run, not times across runs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from measure import run_tree  # noqa: E402
from throughput import OUT, clean_command, corpus, median_of  # noqa: E402

PEAK = (
    "import sys\nfrom clean.cli import main\ncode = main(sys.argv[1:])\n"
    "status = open('/proc/self/status').read()\n"
    "print(int(status.split('VmHWM:')[1].split()[0]) * 1024)\nsys.exit(code)\n"
)


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def phases(src: Path, shard_size: int) -> dict[str, Any]:
    """CPU seconds of each phase of one in-process run."""
    import clean.dedup.cluster
    import clean.engines
    import clean.runner
    import clean.write
    from clean.boilerplate import SiteLines
    from clean.pipeline import unique_ids
    from clean.read import read

    times: dict[str, float] = {}

    def timed(name: str, fn: Any) -> Any:
        def wrapper(*args: Any, **kw: Any) -> Any:
            t = time.process_time()
            try:
                return fn(*args, **kw)
            finally:
                times[name] = times.get(name, 0.0) + time.process_time() - t

        return wrapper

    class Timed:
        def __init__(self, inner: Any):
            self.inner = inner

        def map(self, task: Any, jobs: Any, state: Any) -> Any:
            return self.inner.map(timed(task.__name__, task), jobs, state)

    real_open = clean.engines.open_engine

    def open_timed(name: str, workers: Any, address: Any = None) -> Any:
        from contextlib import contextmanager

        @contextmanager
        def engine() -> Any:
            with real_open("inprocess", 1) as inner:
                yield Timed(inner)

        return engine()

    t = time.process_time()
    items = sum(1 for _ in unique_ids(read([src])))
    times["read"] = time.process_time() - t
    patches = [
        (clean.engines, "open_engine", open_timed),
        (clean.dedup.Deduplicator, "clusters", timed("cluster", clean.dedup.Deduplicator.clusters)),
        (clean.write.RunOutput, "commit", timed("commit", clean.write.RunOutput.commit)),
        (SiteLines, "merge", timed("merge site lines", SiteLines.merge)),
        (SiteLines, "learned", timed("learn", SiteLines.learned)),
    ]
    saved = [(obj, name, getattr(obj, name)) for obj, name, _ in patches]
    for obj, name, new in patches:
        setattr(obj, name, new)
    try:
        with tempfile.TemporaryDirectory(dir=OUT) as tmp:
            t = time.process_time()
            report = clean.runner.run(src, Path(tmp) / "o", shard_size=shard_size)
            total = time.process_time() - t
    finally:
        for obj, name, old in saved:
            setattr(obj, name, old)
    times["clean_shard"] -= times["read"]  # the reading happens inside the clean step's map
    # verify_pairs runs inside clustering here (the in-process engine): cluster is the rest,
    # the driver's own part (candidates, families, marks)
    times["cluster"] -= times.get("verify_pairs", 0.0)
    return {"items": items, "documents": report["documents"] + report["duplicates_dropped"],
            "cpu_seconds": times, "total_cpu_seconds": total}  # fmt: skip


def driver_memory(src: Path) -> dict[str, Any]:
    """Bytes the driver keeps per document, and per verified edge while clustering."""
    import clean.dedup.cluster
    from clean.dedup import DedupConfig, Deduplicator, Permutations, Verdict, sketch
    from clean.pipeline import clean_one, unique_ids
    from clean.read import read
    from clean.records import Doc, Document
    from clean.rules import bundled_rules_dir, load_rules

    rules = load_rules([bundled_rules_dir()])
    docs = [clean_one(d, rules) for d in unique_ids(read([src])) if isinstance(d, Doc)]
    docs = [d for d in docs if isinstance(d, Document)]
    config = DedupConfig()
    perms = Permutations(config.num_perm, config.seed)
    sketches = [sketch(d.id, d.text, d.published, config, perms) for d in docs]
    ids = [d.id for d in docs]
    n = len(docs)

    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    seen = {(i + " ")[:-1] for i in ids}  # the unique-id check: new strings, as read
    ids_bytes = tracemalloc.get_traced_memory()[0] - base
    base = tracemalloc.get_traced_memory()[0]
    dedup = Deduplicator(config)
    for s in sketches:
        dedup.add_sketch(s)
    index_bytes = tracemalloc.get_traced_memory()[0] - base
    edges = []
    verify = clean.dedup.cluster.verify

    def counting(*args: Any, **kw: Any) -> Any:
        v = verify(*args, **kw)
        edges.append(v is not None)
        return v

    clean.dedup.cluster.verify = counting
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    marks = dedup.clusters()
    peak = tracemalloc.get_traced_memory()[1] - base
    marks_bytes = tracemalloc.get_traced_memory()[0] - base
    clean.dedup.cluster.verify = verify
    dedup.close()
    verified = sum(edges)
    base = tracemalloc.get_traced_memory()[0]
    sample = {(i, i + 1): Verdict("near", 0.5 + i / 1e7) for i in range(100_000)}
    edge_bytes = (tracemalloc.get_traced_memory()[0] - base) / len(sample)
    tracemalloc.stop()
    del seen, sample
    return {
        "documents": n,
        "ids_bytes_per_doc": ids_bytes / n,
        "id_chars": sum(map(len, ids)) / n,
        "index_bytes_per_doc": index_bytes / n,
        "cluster_peak_bytes_per_doc": peak / n,
        "candidates": len(edges),
        "verified_edges": verified,
        "verified_edge_bytes": edge_bytes,
        "marked_documents": len(marks),
        "marks_bytes_per_marked_doc": marks_bytes / max(1, len(marks)),
    }


def driver_rss(src: Path, shard_size: int) -> dict[str, Any]:
    """The driver process's own peak RSS under --engine ray (its workers are other processes)."""
    with tempfile.TemporaryDirectory(dir=OUT) as tmp:
        cmd = [sys.executable, "-c", PEAK, "run", str(src), "-o", str(Path(tmp) / "o"), "-q",
               "--engine", "ray", "-j", "2", "--shard-size", str(shard_size)]  # fmt: skip
        proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
        report = json.loads((Path(tmp) / "o" / "report.json").read_text(encoding="utf-8"))
    return {"read": report["read"], "driver_peak_rss": int(proc.stdout.split()[-1])}


def engines(src: Path, repeat: int, shard_size: int) -> dict[str, Any]:
    """``clean run`` on the pool and on a local Ray, 1 and 2 workers; Ray's start-up alone."""
    out: dict[str, Any] = {}
    for engine in ("local", "ray"):
        for workers in (1, 2):

            def once(engine: str = engine, workers: int = workers) -> dict[str, Any]:
                with tempfile.TemporaryDirectory(dir=OUT) as tmp:
                    cmd = [*clean_command(), "run", str(src), "-o", str(Path(tmp) / "o"), "-q",
                           "--engine", engine, "-j", str(workers), "--shard-size", str(shard_size)]  # fmt: skip
                    r = run_tree(cmd)  # Ray's daemons and workers too: not reaped by the run
                    if r["returncode"] != 0:
                        raise SystemExit(f"clean run failed: {r['stderr'][-2000:]}")
                    return {k: r[k] for k in ("seconds", "cpu_seconds")} | {"load": load()}

            out[f"{engine}-{workers}"] = median_of(repeat, once)
    start = (
        "import logging, ray\nray.init(num_cpus=2, include_dashboard=False, "
        "log_to_driver=False, logging_level=logging.ERROR)\n"
        "@ray.remote\ndef f():\n    return 1\nray.get(f.remote())\nray.shutdown()\n"
    )
    out["ray-start"] = median_of(repeat, lambda: run_tree([sys.executable, "-c", start]))
    return out


def render(r: dict[str, Any]) -> str:
    p, m = r["phases"], r["memory"]
    lines = [f"# clean scale bench: {r['docs']} documents, shards of {r['shard_size']}", "",
             f"load average at start {r['load']}, {os.cpu_count()} cores", "",
             "| phase (one core) | CPU s | documents per CPU-second |", "| --- | ---: | ---: |"]  # fmt: skip
    for name, seconds in p["cpu_seconds"].items():
        name = "cluster (driver)" if name == "cluster" else name
        rate = p["documents"] / seconds if seconds else float("inf")
        lines.append(f"| {name} | {seconds:.2f} | {rate:,.0f} |")
    lines.append(f"| whole run | {p['total_cpu_seconds']:.2f} |"
                 f" {p['documents'] / p['total_cpu_seconds']:,.1f} |")  # fmt: skip
    lines += ["", "| driver memory | bytes |", "| --- | ---: |",
              f"| set of ids, per document (ids of {m['id_chars']:.0f} characters) |"
              f" {m['ids_bytes_per_doc']:.0f} |",
              f"| duplicate index, per document | {m['index_bytes_per_doc']:.0f} |",
              f"| clustering peak, per document | {m['cluster_peak_bytes_per_doc']:.0f} |",
              f"| one verified edge | {m['verified_edge_bytes']:.0f} |",
              f"| duplicate marks, per marked document | {m['marks_bytes_per_marked_doc']:.0f} |",
              "", f"{m['candidates']} candidate pairs, {m['verified_edges']} verified edges,"
              f" {m['marked_documents']} documents in clusters, of {m['documents']}", ""]  # fmt: skip
    for rss in r["driver_rss"]:
        lines.append(f"driver peak RSS under --engine ray, {rss['read']} inputs:"
                     f" {rss['driver_peak_rss'] / 2**20:.0f} MiB")  # fmt: skip
    lines += ["", "| clean run | wall s | CPU s (every process below it) | × local-1 CPU | load |",
              "| --- | ---: | ---: | ---: | --- |"]  # fmt: skip
    e = r["engines"]
    for name in ("local-1", "local-2", "ray-1", "ray-2"):
        x = e[name]
        lines.append(f"| {name} | {x['seconds']:.1f} | {x['cpu_seconds']:.1f} |"
                     f" {x['cpu_seconds'] / e['local-1']['cpu_seconds']:.2f} | {x['load']} |")  # fmt: skip
    lines.append(f"| Ray start-up and shut-down alone | {e['ray-start']['seconds']:.1f} |"
                 f" {e['ray-start']['cpu_seconds']:.1f} | | |")  # fmt: skip
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=4000)
    ap.add_argument("--repeat", type=int, default=1, help="runs per engine measurement")
    ap.add_argument("--shard-size", type=int, default=256)
    ap.add_argument("--json", type=Path, metavar="FILE", help="write every figure to FILE")
    args = ap.parse_args(argv)
    OUT.mkdir(exist_ok=True)
    big = corpus(args.docs, 0.0, f"scale-{args.docs}", 1) / "files"
    small = corpus(args.docs // 4, 0.0, f"scale-{args.docs // 4}", 1) / "files"
    r: dict[str, Any] = {"docs": args.docs, "shard_size": args.shard_size, "load": load()}
    print("phases ...", file=sys.stderr)
    r["phases"] = phases(big, args.shard_size)
    print("driver memory ...", file=sys.stderr)
    r["memory"] = driver_memory(big)
    r["driver_rss"] = [driver_rss(small, args.shard_size), driver_rss(big, args.shard_size)]
    print("engines ...", file=sys.stderr)
    r["engines"] = engines(big, args.repeat, args.shard_size)
    r["load_end"] = load()
    text = render(r) + f"\n\nload average at the end {r['load_end']}"
    if args.json:
        args.json.write_text(json.dumps(r, indent=1) + "\n", encoding="utf-8")
        args.json.with_suffix(".md").write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
