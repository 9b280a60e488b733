"""Throughput and memory of ``clean run``, per stage, against the physical floor and two baselines.

    .venv/bin/python bench/throughput.py --docs 10000 [--workers N] [--skip-datatrove] [--json F]

Generates (once, kept under ``bench/out/``) a raw-text corpus of ``--docs`` documents and an HTML
corpus of a tenth of that (``throughput_corpus.py``), then measures, in the same run:

- ``clean --help`` start-up (median of 5);
- the physical floor: the same files read and their bytes hashed with xxhash;
- ``clean run`` end to end on the text corpus, with ``--workers 1`` and ``--workers N`` when the
  installed ``clean run`` has that option (read from ``clean run --help``), else with one
  worker; wall time, CPU time and the largest process's peak RSS (``wait4``), peak RSS of the
  process tree (sampled from /proc); a run on a tenth of the corpus gives the second point of
  the memory projection to 1M documents;
- each stage's CPU time in-process on a sample: the functions of ``clean.pipeline.STAGES``,
  ``describe`` (and inside it language identification), the duplicate ``sketch``,
  ``Deduplicator.clusters`` and writing the records; the duplicate index's bytes per
  document (tracemalloc);
- HTML: ``clean run`` on the HTML corpus against trafilatura's ``bare_extraction`` alone;
- naive glue: ftfy, langid, datasketch (SHA-1 MinHash over word 5-grams, MinHashLSH) document
  by document, in this process;
- datatrove in ``bench/.venv-datatrove`` (``datatrove_run.py``) with the same number of workers.

Times are medians of ``--repeat`` runs (naive glue and datatrove run once; the table says so).
The machine is shared: compare ratios measured in one run, not times across runs, and prefer
the CPU-time columns, which the load disturbs less than the wall clock.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
DATATROVE_PYTHON = BENCH / ".venv-datatrove" / "bin" / "python"
sys.path.insert(0, str(BENCH))

MB = 1e6
PROJECT_TO = 1_000_000
TARGETS = {
    "docs_per_core": 1500,
    "scaling_2": 1.8,
    "html_slowdown": 0.15,
    "index_bytes": 300,
    "memory_1m": 4 * 1024**3,
    "startup": 1.0,
}


# --- measuring processes ------------------------------------------------------------------------


def descendants(pid: int) -> list[int]:
    """``pid`` and every process below it, from /proc (those that are gone are left out)."""
    found, stack = [], [pid]
    while stack:
        p = stack.pop()
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children", encoding="ascii") as f:
                    stack += [int(c) for c in f.read().split()]
        except (OSError, ValueError):
            continue
        found.append(p)
    return found


def _tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants (0 once gone)."""
    total = 0
    for p in descendants(pid):
        try:
            with open(f"/proc/{p}/status", encoding="ascii") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
                        break
        except (OSError, ValueError):
            continue
    return total


def run_measured(cmd: list[str], **kw: Any) -> dict[str, Any]:
    """Run ``cmd``; wall seconds, CPU seconds, peak tree RSS (sampled) and peak process RSS."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)
    peak = 0
    # Pipes are drained by threads so a chatty child cannot block on a full pipe.
    import threading

    chunks: dict[str, list[bytes]] = {"out": [], "err": []}
    readers = [
        threading.Thread(target=lambda s=s, k=k: chunks[k].append(s.read()), daemon=True)
        for s, k in ((proc.stdout, "out"), (proc.stderr, "err"))
    ]
    for t in readers:
        t.start()
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.05)
    wall = time.perf_counter() - started
    for t in readers:
        t.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {
        "seconds": wall,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "peak_tree_rss": peak,
        "peak_process_rss": usage.ru_maxrss * 1024,  # the largest single process, children too
        "returncode": proc.returncode,
        "stdout": b"".join(chunks["out"]).decode("utf-8", "replace"),
        "stderr": b"".join(chunks["err"]).decode("utf-8", "replace"),
    }


def clean_command() -> list[str]:
    script = Path(sys.executable).parent / "clean"
    return [str(script)] if script.exists() else [sys.executable, "-m", "clean"]


def has_workers_option() -> bool:
    out = subprocess.run([*clean_command(), "run", "--help"], capture_output=True, text=True)
    return "--workers" in out.stdout


def median_of(n: int, fn: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """The run with the median wall time of ``n``, with every time listed under ``runs``."""
    runs = [fn() for _ in range(n)]
    runs.sort(key=lambda r: r["seconds"])
    mid = dict(runs[len(runs) // 2])
    mid["runs"] = [round(r["seconds"], 3) for r in runs]
    return mid


# --- the corpus ---------------------------------------------------------------------------------


def corpus(docs: int, html_share: float, name: str, seed: int) -> Path:
    """The corpus folder, generated unless an identical one is there already."""
    from throughput_corpus import generate

    folder = OUT / name
    summary = folder / "corpus.json"
    if summary.exists():
        s = json.loads(summary.read_text(encoding="utf-8"))
        if (s["docs"], s["seed"], s["html_share"]) == (docs, seed, html_share):
            return folder
    print(f"generating {docs} documents in {folder} ...", file=sys.stderr)
    generate(folder, docs, seed, html_share, jsonl=True)
    return folder


def files_of(folder: Path) -> list[Path]:
    from clean.read import walk

    return list(walk(folder / "files"))


# --- the measurements ---------------------------------------------------------------------------


def startup(repeat: int = 5) -> dict[str, Any]:
    return median_of(repeat, lambda: run_measured([*clean_command(), "--help"]))


def floor(files: list[Path], repeat: int) -> dict[str, Any]:
    """Read every file and hash its bytes: what no pipeline can beat."""
    import xxhash

    def once() -> dict[str, Any]:
        t, c = time.perf_counter(), time.process_time()
        total = 0
        h = 0
        for p in files:
            data = p.read_bytes()
            total += len(data)
            h ^= xxhash.xxh64_intdigest(data)
        return {
            "seconds": time.perf_counter() - t,
            "cpu_seconds": time.process_time() - c,
            "bytes": total,
        }

    return median_of(repeat, once)


def clean_run(src: Path | list[Path], workers: int | None, repeat: int) -> dict[str, Any]:
    sources = [str(p) for p in src] if isinstance(src, list) else [str(src)]

    def once() -> dict[str, Any]:
        out = Path(tempfile.mkdtemp(prefix="clean-bench-", dir=OUT))
        try:
            cmd = [*clean_command(), "run", *sources, "-o", str(out), "--force", "-q"]
            if workers is not None:
                cmd += ["--workers", str(workers)]
            r = run_measured(cmd)
            if r["returncode"] not in (0, 1):
                raise SystemExit(f"clean run failed ({r['returncode']}): {r['stderr'][-2000:]}")
            report = json.loads((out / "report.json").read_text(encoding="utf-8"))
            r["documents"] = report["documents"]
            r["read"] = report["read"]
            r["rejected"] = report["rejected"]
            r["duplicates"] = report["duplicates"]["documents"]
            r["languages"] = report["languages"]
            return r
        finally:
            shutil.rmtree(out, ignore_errors=True)

    return median_of(repeat, once)


def stages(files: list[Path], sample: int) -> dict[str, Any]:
    """Seconds per document of each stage, run in-process stage after stage over a sample."""
    import tracemalloc

    from clean.dedup import DedupConfig, Deduplicator, Permutations, sketch
    from clean.describe import describe, identify_language
    from clean.errors import Rejection
    from clean.pipeline import STAGES, clean_one
    from clean.read import read
    from clean.records import Doc
    from clean.rules import bundled_rules_dir, load_rules
    from clean.dedup.store import SketchStore
    from clean.write import dumps

    step = max(1, len(files) // sample)
    picked = files[::step][:sample]
    base = picked[0].parents[1]
    rules = load_rules([bundled_rules_dir()])
    times: dict[str, float] = {}
    warm = next(d for d in read([picked[0]]) if isinstance(d, Doc))
    clean_one(warm, rules)  # imports and models load on first use: not a per-document cost
    import datasketch  # noqa: F401 - imported by clusters() on first use

    t = time.process_time()
    docs: list[Any] = [d for p in picked for d in read([p]) if isinstance(d, Doc)]
    times["read"] = time.process_time() - t
    n = len(docs)
    for stage in STAGES:
        kept = []
        t = time.process_time()
        for d in docs:
            with contextlib.suppress(Rejection):
                kept.append(stage(d, rules))
        times[stage.__name__] = time.process_time() - t
        docs = kept
    t = time.process_time()
    documents = [describe(d) for d in docs]
    times["describe"] = time.process_time() - t
    t = time.process_time()
    for d in docs:
        identify_language(d.text)
    times["describe: language ID (inside describe)"] = time.process_time() - t

    config = DedupConfig()
    perms = Permutations(config.num_perm, config.seed)
    t = time.process_time()
    sketches = [sketch(d.id, d.text, d.published, config, perms) for d in documents]
    times["dedup sketch"] = time.process_time() - t
    dedup = Deduplicator(config)
    dedup.sketches = SketchStore.of(sketches, config.num_perm)
    t = time.process_time()
    dedup.clusters()
    times["dedup clusters (sample)"] = time.process_time() - t

    with tempfile.TemporaryDirectory(dir=OUT) as tmp, open(Path(tmp) / "o", "w") as out:
        t = time.process_time()
        for d in documents:
            out.write(dumps(d.as_json()) + "\n")
        times["write"] = time.process_time() - t

    # What each field of a Sketch holds (array and bytes payloads), to show where the index goes.
    fields = {
        f: sum(_payload(getattr(k, f)) for k in sketches) / max(1, len(sketches))
        for f in ("id", "exact", "signature", "names", "numbers", "facts", "slots")
    }
    # The duplicate index: what Deduplicator keeps per document, and its peak while clustering.
    texts = [(f"{base.name}/{i}", d.text, d.published) for i, d in enumerate(documents)]
    tracemalloc.start()
    dedup = Deduplicator(config)
    before = tracemalloc.get_traced_memory()[0]
    for doc_id, text, published in texts:
        dedup.add(doc_id, text, published)
    kept_bytes = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.reset_peak()
    dedup.clusters()
    peak = tracemalloc.get_traced_memory()[1] - before
    tracemalloc.stop()
    return {
        "sample": n,
        "documents": len(documents),
        "per_doc": {k: v / max(1, n) for k, v in times.items()},
        "index_bytes_per_doc": kept_bytes / max(1, len(documents)),
        "index_peak_bytes_per_doc": peak / max(1, len(documents)),
        "index_payload_per_doc": fields,
    }


def _payload(value: Any) -> int:
    """Bytes of data in a sketch field, without Python object headers."""
    if hasattr(value, "nbytes"):
        return int(value.nbytes)
    return len(value.encode("utf-8")) if isinstance(value, str) else len(value)


def trafilatura_alone(files: list[Path], repeat: int) -> dict[str, Any]:
    """Read, decode and extract each page with trafilatura, as clean's extract stage calls it."""
    from trafilatura import bare_extraction

    def once() -> dict[str, Any]:
        t, c = time.perf_counter(), time.process_time()
        for p in files:
            bare_extraction(
                p.read_bytes().decode("utf-8", "replace"),
                with_metadata=True,
                include_comments=False,
                include_tables=True,
                deduplicate=False,
            )
        return {"seconds": time.perf_counter() - t, "cpu_seconds": time.process_time() - c}

    return median_of(repeat, once)


def naive(files: list[Path]) -> dict[str, Any]:
    """The obvious glue, one document at a time: what `clean` must beat to be worth it."""
    import ftfy
    import langid
    import trafilatura
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=0.8, num_perm=128)
    steps = dict.fromkeys(
        ("read+decode", "trafilatura", "ftfy", "langid", "minhash", "lsh", "write"), 0.0
    )
    duplicates = 0
    langid.classify("warm up")  # the model loads on first use; not a per-document cost
    with tempfile.TemporaryDirectory(dir=OUT) as tmp, open(Path(tmp) / "out.jsonl", "w") as out:
        started, cpu = time.perf_counter(), time.process_time()
        for n, p in enumerate(files):
            t0 = time.process_time()
            text = p.read_bytes().decode("utf-8", "replace")
            t1 = time.process_time()
            if p.suffix == ".html":
                text = trafilatura.extract(text) or ""
            t2 = time.process_time()
            text = ftfy.fix_text(text)
            t3 = time.process_time()
            lang, _ = langid.classify(text)
            t4 = time.process_time()
            words = text.lower().split()
            m = MinHash(num_perm=128)
            for i in range(len(words) - 4):
                m.update(" ".join(words[i : i + 5]).encode("utf-8"))
            t5 = time.process_time()
            if lsh.query(m):
                duplicates += 1
            lsh.insert(str(n), m)
            t6 = time.process_time()
            out.write(json.dumps({"id": str(n), "text": text, "language": lang}) + "\n")
            t7 = time.process_time()
            for k, a, b in (
                ("read+decode", t0, t1),
                ("trafilatura", t1, t2),
                ("ftfy", t2, t3),
                ("langid", t3, t4),
                ("minhash", t4, t5),
                ("lsh", t5, t6),
                ("write", t6, t7),
            ):
                steps[k] += b - a
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "docs": len(files),
        "bytes": sum(p.stat().st_size for p in files),
        "duplicates": duplicates,
        "per_doc": {k: v / len(files) for k, v in steps.items() if v > 1e-5 * len(files)},
    }


def datatrove(folder: Path, workers: int, limit: int) -> dict[str, Any]:
    """datatrove_run.py in its own virtualenv on the first ``limit`` records of the JSONL form."""
    if not DATATROVE_PYTHON.exists():
        return {"error": f"{DATATROVE_PYTHON} missing: run `make bench-datatrove`"}
    work = Path(tempfile.mkdtemp(prefix="datatrove-", dir=OUT))
    jsonl = work / "jsonl"
    jsonl.mkdir()
    n = size = 0
    for part in sorted((folder / "jsonl").glob("*.jsonl")):
        if n >= limit:
            break
        lines = part.read_text(encoding="utf-8").splitlines(keepends=True)[: limit - n]
        (jsonl / part.name).write_text("".join(lines), encoding="utf-8")
        n += len(lines)
        size += sum(len(json.loads(line)["text"].encode("utf-8")) for line in lines)
    try:
        r = run_measured(
            [
                str(DATATROVE_PYTHON),
                str(BENCH / "datatrove_run.py"),
                str(jsonl),
                str(work / "w"),
                "--workers",
                str(workers),
            ]
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if r["returncode"] != 0:
        return {"error": r["stderr"].strip().splitlines()[-1] if r["stderr"].strip() else "failed"}
    r.update(json.loads(r["stdout"].strip().splitlines()[-1]))
    r["docs"], r["bytes"] = n, size
    return r


# --- the table ----------------------------------------------------------------------------------


def fmt_rate(docs: int, seconds: float) -> str:
    return f"{docs / seconds:,.0f}" if docs / seconds >= 100 else f"{docs / seconds:,.1f}"


def mib(b: float) -> str:
    return f"{b / 1024**2:,.0f} MiB" if b < 10 * 1024**3 else f"{b / 1024**3:,.1f} GiB"


def render(r: dict[str, Any]) -> str:
    docs, size = r["docs"], r["bytes"]
    ref = r["clean"][0]
    ref_rate = docs / ref["seconds"]
    lines = [
        f"corpus: {docs:,} raw text documents, {size / MB:,.1f} MB "
        f"({size / docs / 1000:.1f} kB each); HTML corpus {r['html_docs']:,} pages; "
        f"{r['cpus']} cores, load average {r['load'][0]:.1f} at the start, "
        f"{r['load_end'][0]:.1f} at the end",
        "",
        "| run | workers | docs/s | MB/s | × clean | docs/CPU-s | × clean | peak RSS | notes |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    ref_cpu = docs / ref["cpu_seconds"]

    def row(name, workers, m, n, nbytes, rss, note):  # type: ignore[no-untyped-def]
        seconds, cpu = m["seconds"], m["cpu_seconds"]
        lines.append(
            f"| {name} | {workers} | {fmt_rate(n, seconds)} | {nbytes / seconds / MB:,.2f} | "
            f"{(n / seconds) / ref_rate:,.2f} | {fmt_rate(n, cpu)} | {(n / cpu) / ref_cpu:,.2f} | "
            f"{rss} | {note} |"
        )

    fl = r["floor"]
    row("physical floor: read + xxhash", 1, fl, docs, size, "", _runs(fl))
    for c in r["clean"]:
        note = _runs(c) + f"; {c['documents']:,} documents, {c['duplicates']:,} in clusters"
        if not r["workers_option"]:
            note += "; `clean run` has no `--workers` yet: one worker"
        row("**clean run**", c["workers"], c, docs, size, mib(c["peak_tree_rss"]), note)
    nv = r.get("naive")
    if nv:
        steps = ", ".join(f"{k} {v * 1000:.2f}" for k, v in nv["per_doc"].items())
        row(
            "naive glue (ftfy, langid, datasketch)",
            1,
            nv,
            nv["docs"],
            nv["bytes"],
            "",
            f"one run on the first {nv['docs']:,} documents, in-process; CPU ms/doc: {steps}",
        )
    dt = r.get("datatrove")
    if dt and "error" not in dt:
        steps = ", ".join(f"{k} {v:.1f} s" for k, v in dt["steps"].items())
        left = "; left out: " + "; ".join(dt["left_out"]) if dt["left_out"] else ""
        row(
            "datatrove 0.10 (reader, FTFYFormatter, MinHash ×4)",
            dt["workers"],
            dt,
            dt["docs"],
            dt["bytes"],
            mib(dt["peak_tree_rss"]),
            f"one run on the first {dt['docs']:,} documents (JSONL); {steps}{left}",
        )
    elif dt:
        lines.append(f"| datatrove | | | | | | | | not run: {dt['error']} |")
    h = r["html"]
    hdocs, hbytes = r["html_docs"], r["html_bytes"]
    tr = h["trafilatura"]
    lines += [
        "",
        f"HTML: {hdocs:,} pages, {hbytes / MB:,.1f} MB ({hbytes / hdocs / 1000:.1f} kB each):",
        "",
        "| run | docs/s | × trafilatura | docs/CPU-s | × trafilatura | peak RSS | notes |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, m, rss, note in (
        ("trafilatura alone (`bare_extraction`, in-process)", tr, "", _runs(tr)),
        (
            "**clean run** (1 worker)",
            h["clean"],
            mib(h["clean"]["peak_tree_rss"]),
            _runs(h["clean"]),
        ),
    ):
        lines.append(
            f"| {name} | {fmt_rate(hdocs, m['seconds'])} | {tr['seconds'] / m['seconds']:.2f} | "
            f"{fmt_rate(hdocs, m['cpu_seconds'])} | {tr['cpu_seconds'] / m['cpu_seconds']:.2f} | "
            f"{rss} | {note} |"
        )

    s = r["stages"]
    total = sum(v for k, v in s["per_doc"].items() if "inside" not in k)
    lines += [
        "",
        f"Per stage: CPU time in-process on a sample of {s['sample']:,} documents, stage after "
        "stage:",
        "",
        "| stage | ms/doc | docs/s | share |",
        "| --- | ---: | ---: | ---: |",
    ]
    for k, v in s["per_doc"].items():
        share = "" if "inside" in k else f"{v / total:.0%}"
        lines.append(f"| {k} | {v * 1000:.2f} | {1 / v if v else 0:,.0f} | {share} |")
    lines.append(f"| **sum** | {total * 1000:.2f} | {1 / total:,.0f} | |")
    lines.append(
        f"| end to end, `clean run` (1 worker), CPU | {ref['cpu_seconds'] / docs * 1000:.2f} | "
        f"{docs / ref['cpu_seconds']:,.0f} | |"
    )

    if "run_startup" in r:
        one = r["run_startup"]
        lines.append(
            f"| fixed cost: `clean run` on one document | {one['cpu_seconds']:.2f} s | | "
            f"(in every run above; {one['cpu_seconds'] / docs * 1000:.2f} ms/doc here, "
            f"{mib(one['peak_tree_rss'])}) |"
        )

    lines += ["", "| target | measured | |", "| --- | --- | --- |"]
    for name, measured, ok in targets(r):
        lines.append(f"| {name} | {measured} | {ok} |")
    return "\n".join(lines)


def _runs(m: dict[str, Any]) -> str:
    runs = m.get("runs", [m["seconds"]])
    return (
        f"median of {len(runs)}: " + ", ".join(f"{x:.1f}" for x in runs) + " s"
        if len(runs) > 1
        else f"one run: {runs[0]:.1f} s"
    )


def targets(r: dict[str, Any]) -> list[tuple[str, str, str]]:
    def verdict(ok: bool | None) -> str:
        return "n/a" if ok is None else ("**pass**" if ok else "**fail**")

    docs = r["docs"]
    out = []
    one = r["clean"][0]
    per_core = docs / one["cpu_seconds"]
    out.append(
        (
            f"raw text ≥ {TARGETS['docs_per_core']:,} docs/s per core",
            f"{per_core:,.0f} docs per CPU-second ({docs / one['seconds']:,.0f} docs/s wall, "
            "1 worker)",
            verdict(per_core >= TARGETS["docs_per_core"]),
        )
    )
    if len(r["clean"]) > 1:
        many = r["clean"][-1]
        scale = one["seconds"] / many["seconds"]
        out.append(
            (
                f"`--workers {many['workers']}` ≥ {TARGETS['scaling_2']}× `--workers 1`",
                f"{scale:.2f}×",
                verdict(scale >= TARGETS["scaling_2"]),
            )
        )
    else:
        out.append(
            (
                f"`--workers 2` ≥ {TARGETS['scaling_2']}× `--workers 1`",
                "`clean run` has no `--workers` yet",
                verdict(None),
            )
        )
    h = r["html"]
    slow = h["clean"]["cpu_seconds"] / h["trafilatura"]["cpu_seconds"] - 1
    wall = h["clean"]["seconds"] / h["trafilatura"]["seconds"] - 1
    out.append(
        (
            f"HTML ≤ {TARGETS['html_slowdown']:.0%} slower than trafilatura alone",
            f"{slow:+.0%} in CPU time ({wall:+.0%} wall)",
            verdict(slow <= TARGETS["html_slowdown"]),
        )
    )
    idx = r["stages"]["index_bytes_per_doc"]
    out.append(
        (
            f"duplicate index ≤ {TARGETS['index_bytes']} bytes/doc",
            f"{idx:,.0f} bytes/doc kept by Deduplicator (peak while clustering "
            f"{r['stages']['index_peak_bytes_per_doc']:,.0f}); payload "
            + ", ".join(
                f"{k} {v:,.0f}" for k, v in r["stages"].get("index_payload_per_doc", {}).items()
            ),
            verdict(idx <= TARGETS["index_bytes"]),
        )
    )
    p = r["projection"]
    out.append(
        (
            "peak memory at 1M documents < 4 GB",
            f"{mib(p['projected'])} projected ({p['how']})",
            verdict(p["projected"] < TARGETS["memory_1m"]),
        )
    )
    st = r["startup"]["seconds"]
    out.append(
        (
            f"`clean --help` < {TARGETS['startup']:.0f} s",
            f"{st:.2f} s (median of 5)",
            verdict(st < TARGETS["startup"]),
        )
    )
    return out


def projection(small: dict[str, Any], big: dict[str, Any], n_small: int, n_big: int) -> dict:
    """Peak RSS at 1M documents, a straight line through two measured sizes."""
    slope = max(0.0, (big["peak_tree_rss"] - small["peak_tree_rss"]) / (n_big - n_small))
    return {
        "projected": big["peak_tree_rss"] + slope * (PROJECT_TO - n_big),
        "bytes_per_doc": slope,
        "how": f"line through {n_small:,} docs ({mib(small['peak_tree_rss'])}) and {n_big:,} "
        f"({mib(big['peak_tree_rss'])}): {slope:,.0f} bytes/doc",
    }


# --- main ---------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--docs", type=int, default=10_000, help="raw text documents (10000, 100000, ...)"
    )
    ap.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="workers for the parallel runs (default: the number of cores)",
    )
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement (the median)")
    ap.add_argument("--sample", type=int, default=500, help="documents for the per-stage timing")
    ap.add_argument("--html-docs", type=int, help="HTML pages (default: a tenth of --docs)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--skip-datatrove", action="store_true")
    ap.add_argument("--skip-naive", action="store_true")
    ap.add_argument(
        "--baseline-docs",
        type=int,
        help="run naive glue and datatrove on the first N documents only (default: all)",
    )
    ap.add_argument("--json", type=Path, metavar="FILE", help="write every figure to FILE")
    args = ap.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    log = lambda msg: print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr)  # noqa: E731

    html_docs = args.html_docs or max(100, args.docs // 10)
    text_dir = corpus(args.docs, 0.0, f"throughput-{args.docs}", args.seed)
    html_dir = corpus(html_docs, 1.0, f"throughput-html-{html_docs}", args.seed)
    files, html_files = files_of(text_dir), files_of(html_dir)
    r: dict[str, Any] = {
        "docs": len(files),
        "bytes": sum(p.stat().st_size for p in files),
        "html_docs": len(html_files),
        "html_bytes": sum(p.stat().st_size for p in html_files),
        "cpus": os.cpu_count(),
        "load": os.getloadavg(),
        "python": platform.python_version(),
        "repeat": args.repeat,
    }
    log("start-up")
    r["startup"] = startup()
    log("clean run on one document (the fixed cost of a run)")
    r["run_startup"] = clean_run([files[0]], None, args.repeat)
    log("physical floor")
    r["floor"] = floor(files, args.repeat)
    r["workers_option"] = has_workers_option()
    configs = [1, args.workers] if r["workers_option"] and args.workers > 1 else [1]
    r["clean"] = []
    for w in configs:
        log(f"clean run, {w} worker(s), {args.repeat}×")
        c = clean_run(text_dir / "files", w if r["workers_option"] else None, args.repeat)
        c["workers"] = w
        r["clean"].append(c)
    log("clean run on the first shard (memory projection)")
    # a tenth of the corpus: whole shard folders when there are ten or more, else files
    shards = sorted(p for p in (text_dir / "files").iterdir() if p.is_dir())
    n_small = max(1, len(files) // 10)
    part = shards[: len(shards) // 10] if len(shards) >= 10 else files[:n_small]
    small = clean_run(part, 1 if r["workers_option"] else None, 1)
    n_small = small["read"]
    r["projection"] = projection(small, r["clean"][0], n_small, len(files))
    log(f"stages on a sample of {args.sample}")
    r["stages"] = stages(files, args.sample)
    log("HTML: clean run and trafilatura alone")
    hc = clean_run(html_dir / "files", 1 if r["workers_option"] else None, args.repeat)
    hc["workers"] = 1
    r["html"] = {"clean": hc, "trafilatura": trafilatura_alone(html_files, args.repeat)}
    limit = min(args.baseline_docs or len(files), len(files))
    if not args.skip_naive:
        log("naive glue")
        r["naive"] = naive(files[:limit])
    if not args.skip_datatrove:
        w = configs[-1]
        log(f"datatrove, {w} worker(s)")
        r["datatrove"] = datatrove(text_dir, w, limit)
    r["load_end"] = os.getloadavg()
    table = render(r)
    print(table)
    if args.json:
        for c in [*r["clean"], r["html"]["clean"], r.get("datatrove") or {}]:
            c.pop("stdout", None)
            c.pop("stderr", None)
        args.json.write_text(json.dumps(r, indent=1, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
