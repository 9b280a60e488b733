"""Throughput and memory of ``clean run`` against its baselines, measured in one run (issue 20).

    .venv/bin/python bench/throughput.py --docs 10000 [--repeat N] [--json F] [--skip-datatrove]

Generates (once, kept under ``--out``, default ``bench/out/``) a raw-text corpus of ``--docs``
documents and an HTML corpus (``throughput_corpus.py``), then measures, each row as the whole
tree of processes it starts (``measure.run_tree``: CPU of every process, peak PSS of the tree,
the largest process's peak RSS) with the load average at its start and end:

- the floor: the same files read and their bytes hashed with xxhash (in this process);
- ``clean run`` with default settings (duplicates and learned boilerplate included) on the raw
  text with ``--workers 1`` and ``--workers 2``, and on a tenth of the corpus (the second point
  of the memory projection to 1M documents), each through ``phases.py``: the driver's memory
  and CPU at each phase;
- ``clean run`` on one document: the fixed cost every run pays;
- HTML: ``clean run --workers 1`` on the HTML pages against trafilatura's extraction alone
  (``bare_extraction``, in this process) on the same pages;
- real news: ``clean run`` on indonews (``--indonews``, 5,774 bodies) with default settings;
- datatrove 0.10 in ``bench/.venv-datatrove`` (``datatrove_run.py``, ``make bench-datatrove``)
  with 2 workers, twice: its defaults (spaCy's English word tokenizer for MinHash), and its
  fastest honest setting (a whitespace word tokenizer, no language filter), on the same corpus;
  the fastest setting on indonews too.

Then each target of issue 20 with the figure measured, its baseline from the same run, and
pass or **missed**. The machine may be shared: read the ratios; the load is printed per row.
"""

from __future__ import annotations

import argparse
import gzip
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
DATATROVE_PYTHON = BENCH / ".venv-datatrove" / "bin" / "python"
INDONEWS = ROOT.parent / "shared" / "eval" / "indonews" / "indonews.jsonl.gz"
WCXB = ROOT.parent / "shared" / "eval" / "wcxb" / "test" / "html"
sys.path.insert(0, str(BENCH))

from measure import descendants, run_tree  # noqa: E402,F401 - descendants: scale.py imports it

OUT = BENCH / "out"  # where corpora and scratch output go (``--out``)
MB = 1e6
KB = 1024
PROJECT_TO = 1_000_000
TARGETS = {
    "docs_per_cpu": 1000,  # raw text, 1 worker, default settings
    "scaling_2": 1.8,  # 2 workers' wall speed-up on an idle machine
    "html_ratio": 1.3,  # clean run CPU / trafilatura extraction CPU, same pages
    "indonews_per_cpu": 800,
    "driver_bytes_per_doc": 2 * KB,  # at every phase
    "tree_peak_1m": 2 * 1024**3,
}


# --- running things -----------------------------------------------------------------------------


def median_of(n: int, fn: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """The run with the median CPU time of ``n``, with every run's CPU seconds under ``runs``."""
    runs = [fn() for _ in range(n)]
    runs.sort(key=lambda r: r["cpu_seconds"])
    mid = dict(runs[len(runs) // 2])
    mid["runs"] = [round(r["cpu_seconds"], 2) for r in runs]
    return mid


def clean_command() -> list[str]:
    script = Path(sys.executable).parent / "clean"
    return [str(script)] if script.exists() else [sys.executable, "-m", "clean"]


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
    return sorted(p for p in (folder / "files").rglob("*") if p.is_file())


def clean_run(sources: list[Path], workers: int | None, repeat: int = 1) -> dict[str, Any]:
    """``clean run`` with default settings (``--workers`` when given) through ``phases.py``:
    the tree's CPU and memory, the driver's per phase, and the report's counts."""

    def once() -> dict[str, Any]:
        work = Path(tempfile.mkdtemp(prefix="clean-bench-", dir=OUT))
        try:
            figures = work / "phases.json"
            cmd = [
                sys.executable,
                str(BENCH / "phases.py"),
                str(figures),
                "run",
                *map(str, sources),
                "-o",
                str(work / "out"),
                "-q",
            ]
            if workers is not None:
                cmd += ["--workers", str(workers)]
            r = run_tree(cmd)
            if r["returncode"] not in (0, 1):
                raise SystemExit(f"clean run failed ({r['returncode']}): {r['stderr'][-2000:]}")
            report = json.loads((work / "out" / "report.json").read_text(encoding="utf-8"))
            r["driver"] = json.loads(figures.read_text(encoding="utf-8"))
            r["read"], r["documents"] = report["read"], report["documents"]
            r["duplicates"] = report["duplicates"]["documents"]
            for k in ("stdout", "stderr"):
                r.pop(k)
            return r
        finally:
            shutil.rmtree(work, ignore_errors=True)

    r = median_of(repeat, once)
    r["workers"] = workers
    return r


def floor(files: list[Path], repeat: int) -> dict[str, Any]:
    """Read every file and hash its bytes: what no pipeline can beat."""
    import xxhash

    def once() -> dict[str, Any]:
        load = os.getloadavg()[0]
        t, c = time.perf_counter(), time.process_time()
        h = 0
        for p in files:
            h ^= xxhash.xxh64_intdigest(p.read_bytes())
        return {
            "seconds": time.perf_counter() - t,
            "cpu_seconds": time.process_time() - c,
            "load_start": load,
            "load_end": os.getloadavg()[0],
        }

    return median_of(repeat, once)


def trafilatura_alone(files: list[Path], repeat: int) -> dict[str, Any]:
    """Read, decode and extract each page with trafilatura, as clean's extract stage calls it."""
    from trafilatura import bare_extraction

    bare_extraction("<html><body><p>warm up</p></body></html>")  # imports: not per page

    def once() -> dict[str, Any]:
        load = os.getloadavg()[0]
        t, c = time.perf_counter(), time.process_time()
        for p in files:
            bare_extraction(
                p.read_bytes().decode("utf-8", "replace"),
                with_metadata=True,
                include_comments=False,
                include_tables=True,
                deduplicate=False,
            )
        return {
            "seconds": time.perf_counter() - t,
            "cpu_seconds": time.process_time() - c,
            "load_start": load,
            "load_end": os.getloadavg()[0],
        }

    return median_of(repeat, once)


def datatrove(jsonl_files: list[Path], workers: int, fastest: bool) -> dict[str, Any]:
    """``datatrove_run.py`` in its own virtualenv on these JSONL files (plain or gzip)."""
    if not DATATROVE_PYTHON.exists():
        return {"error": f"{DATATROVE_PYTHON} missing: `make bench-datatrove` installs it"}
    work = Path(tempfile.mkdtemp(prefix="datatrove-", dir=OUT))
    try:
        (work / "in").mkdir()
        for p in jsonl_files:
            (work / "in" / p.name).symlink_to(p.resolve())
        cmd = [
            str(DATATROVE_PYTHON),
            str(BENCH / "datatrove_run.py"),
            str(work / "in"),
            str(work / "w"),
            "--workers",
            str(workers),
        ]
        if fastest:
            cmd += ["--no-language", "--tokenizer", "whitespace"]
        r = run_tree(cmd)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if r["returncode"] != 0:
        return {"error": r["stderr"].strip().splitlines()[-1] if r["stderr"].strip() else "failed"}
    r.update(json.loads(r["stdout"].strip().splitlines()[-1]))
    for k in ("stdout", "stderr"):
        r.pop(k)
    return r


def real_pages(folder: Path) -> Path:
    """The WCXB pages (``ID.html.gz``) decompressed once into ``OUT/wcxb-html/ID.html``."""
    out = OUT / "wcxb-html"
    pages = sorted(folder.glob("*.html.gz"))
    if len(list(out.glob("*.html"))) != len(pages):
        out.mkdir(parents=True, exist_ok=True)
        for p in pages:
            (out / p.name.removesuffix(".gz")).write_bytes(gzip.decompress(p.read_bytes()))
    return out


def html_rows(pages: list[Path], folder: Path, repeat: int) -> dict[str, Any]:
    """``clean run --workers 1`` on the pages against trafilatura alone on the same pages."""
    return {
        "pages": len(pages),
        "bytes": sum(p.stat().st_size for p in pages),
        "clean": clean_run([folder], 1, repeat),
        "trafilatura": trafilatura_alone(pages, repeat),
    }


# --- the figures ---------------------------------------------------------------------------------


def driver_per_doc(run: dict[str, Any]) -> dict[str, float]:
    """Bytes per document the driver holds above its start, at each phase's peak."""
    d, n = run["driver"], max(1, run["read"])
    return {k: max(0, p["peak"] - d["base_rss"]) / n for k, p in d["phases"].items()}


def projection(small: dict[str, Any], big: dict[str, Any]) -> dict[str, Any]:
    """The tree's peak PSS and the driver's per-phase bytes at 1M documents, a straight line
    through two measured sizes (a line, not a measurement: ``make bench-1m`` measures)."""
    n_small, n_big = small["read"], big["read"]
    slope = max(0.0, (big["peak_tree_pss"] - small["peak_tree_pss"]) / max(1, n_big - n_small))
    phases = {}
    for k, p in big["driver"]["phases"].items():
        q = small["driver"]["phases"].get(k)
        if q:
            grow = (p["peak"] - big["driver"]["base_rss"]) - (
                q["peak"] - small["driver"]["base_rss"]
            )
            phases[k] = max(0.0, grow / max(1, n_big - n_small))
    return {
        "tree_peak": big["peak_tree_pss"] + slope * (PROJECT_TO - n_big),
        "tree_bytes_per_doc": slope,
        "driver_slope": phases,
        "sizes": [n_small, n_big],
    }


def rate(docs: int, seconds: float) -> str:
    if not seconds:
        return "n/a"
    v = docs / seconds
    return f"{v:,.0f}" if v >= 100 else f"{v:,.1f}"


def mib(b: float) -> str:
    return f"{b / 1024**2:,.0f} MiB" if b < 10 * 1024**3 else f"{b / 1024**3:,.1f} GiB"


def loads(m: dict[str, Any]) -> str:
    return f"{m['load_start']:.1f}→{m['load_end']:.1f}"


DOES = {
    "floor": "reads each file and hashes its bytes; nothing else",
    "clean": "decode (charset, mojibake repairs), site rules and the generic chrome stage, "
    "learned boilerplate, metadata (title, date, authors, language), duplicate sketch with "
    "candidates verified word for word (exact, near, partial, rewrite), report.html",
    "datatrove": "JSONL in, ftfy, MinHash over word 5-grams (spaCy's English tokenizer) in four "
    "stages, JSONL out; no chrome removal, no metadata, no rewrite verification",
    "datatrove-fast": "the same with a whitespace word tokenizer (datatrove's fastest honest "
    "setting); no language filter",
}


def render(r: dict[str, Any]) -> str:
    docs, size = r["docs"], r["bytes"]
    one = r["clean"]["1"]
    lines = [
        f"# clean throughput: {docs:,} generated raw text documents ({size / MB:,.1f} MB, "
        f"{size / docs / 1000:.1f} kB each), at {r['commit']}",
        "",
        f"{r['cpus']} cores; load average {r['load_start']:.1f} at the start, "
        f"{r['load_end']:.1f} at the end; CPU is every process of a run (/proc polled), memory "
        "the tree's peak PSS",
        "",
        "| run | workers | docs/s | docs per CPU-second | × clean 1 worker (CPU) | "
        "tree peak PSS | largest process | load | what it does |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    ref = docs / one["cpu_seconds"]

    def row(name: str, m: dict[str, Any], n: int, workers: Any, does: str) -> None:
        pss = mib(m["peak_tree_pss"]) if "peak_tree_pss" in m else ""
        big = mib(m["peak_process_rss"]) if "peak_process_rss" in m else ""
        lines.append(
            f"| {name} | {workers} | {rate(n, m['seconds'])} | {rate(n, m['cpu_seconds'])} | "
            f"{n / m['cpu_seconds'] / ref:.2f} | {pss} | {big} | {loads(m)} | {does} |"
        )

    row("read + xxhash (the floor)", r["floor"], docs, 1, DOES["floor"])
    for w in ("1", "2"):
        c = r["clean"].get(w)
        if c:
            row(
                f"**clean run** ({c['documents']:,} kept, {c['duplicates']:,} in clusters)",
                c,
                c["read"],
                w,
                DOES["clean"],
            )
    for key, name in (
        ("datatrove", "datatrove 0.10, defaults"),
        ("datatrove-fast", "datatrove 0.10, fastest"),
    ):
        d = r.get(key)
        if d and "error" not in d:
            left = "; left out: " + "; ".join(d["left_out"]) if d.get("left_out") else ""
            row(name, d, docs, d["workers"], DOES[key] + left)
        elif d:
            lines.append(f"| {name} | | | | | | | | not run: {d['error']} |")
    st = r["startup"]
    lines += [
        "",
        f"Fixed cost of a run (`clean run` on one document): {st['cpu_seconds']:.2f} "
        f"CPU-seconds, {mib(st['peak_tree_pss'])}.",
    ]

    for key, what in (("html", "generated pages"), ("html-real", "real article pages (WCXB)")):
        h = r.get(key)
        if not h:
            continue
        n, tr, hc = h["pages"], h["trafilatura"], h["clean"]
        lines += [
            "",
            f"HTML: {n:,} {what} ({h['bytes'] / n / 1000:.1f} kB each)",
            "",
            "| run | docs per CPU-second | CPU × trafilatura | load |",
            "| --- | ---: | ---: | --- |",
            f"| trafilatura `bare_extraction` alone (in-process) | "
            f"{rate(n, tr['cpu_seconds'])} | 1.00 | {loads(tr)} |",
            f"| **clean run**, 1 worker | {rate(n, hc['cpu_seconds'])} | "
            f"{hc['cpu_seconds'] / tr['cpu_seconds']:.2f} | {loads(hc)} |",
        ]
    ind = r.get("indonews")
    if ind:
        lines += [
            "",
            f"Real news: indonews, {ind['clean']['read']:,} bodies",
            "",
            "| run | workers | docs per CPU-second | tree peak PSS | load |",
            "| --- | ---: | ---: | ---: | --- |",
        ]
        c = ind["clean"]
        lines.append(
            f"| **clean run**, default settings | {c['workers'] or 'default'} | "
            f"{rate(c['read'], c['cpu_seconds'])} | {mib(c['peak_tree_pss'])} | "
            f"{loads(c)} |"
        )
        d = ind.get("datatrove-fast")
        if d and "error" not in d:
            lines.append(
                f"| datatrove 0.10, fastest | {d['workers']} | "
                f"{rate(c['read'], d['cpu_seconds'])} | {mib(d['peak_tree_pss'])} | "
                f"{loads(d)} |"
            )

    lines += [
        "",
        "The driver (the main process of `clean run --workers 2`), per phase: bytes a "
        "document above its size when the run started, at the phase's peak",
        "",
        "| phase | driver peak | bytes/doc here | growth per doc (line through "
        f"{r['projection']['sizes'][0]:,} and {r['projection']['sizes'][1]:,}) | "
        "driver CPU s |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    two = r["clean"].get("2") or one
    per = driver_per_doc(two)
    for k, p in two["driver"]["phases"].items():
        slope = r["projection"]["driver_slope"].get(k)
        lines.append(
            f"| {k} | {mib(p['peak'])} | {per[k]:,.0f} | "
            f"{'' if slope is None else f'{slope:,.0f}'} | {p['cpu']:.2f} |"
        )
    lines += [
        "",
        "| target (issue 20) | measured | baseline, same run | |",
        "| --- | --- | --- | --- |",
    ]
    for name, measured, baseline, ok in targets(r):
        lines.append(f"| {name} | {measured} | {baseline} | {ok} |")
    return "\n".join(lines)


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "**missed**")


def targets(r: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(target, measured, baseline, verdict) for each target of issue 20."""
    out = []
    one = r["clean"]["1"]
    per_cpu = one["read"] / one["cpu_seconds"]
    base = []
    for key, name in (("datatrove-fast", "datatrove fastest"), ("datatrove", "datatrove defaults")):
        d = r.get(key)
        if d and "error" not in d:
            base.append(f"{name} {r['docs'] / d['cpu_seconds']:,.0f}")
    base.append(f"floor {r['docs'] / r['floor']['cpu_seconds']:,.0f}")
    out.append(
        (
            f"raw text, default settings, 1 worker ≥ {TARGETS['docs_per_cpu']:,} documents "
            "per CPU-second",
            f"{per_cpu:,.0f}",
            ", ".join(base),
            verdict(per_cpu >= TARGETS["docs_per_cpu"]),
        )
    )
    two = r["clean"].get("2")
    if two:
        speed = one["seconds"] / two["seconds"]
        out.append(
            (
                f"2 workers ≥ {TARGETS['scaling_2']}× one (wall, on an idle machine)",
                f"{speed:.2f}× (load {loads(two)})",
                f"1 worker {one['seconds']:.1f} s wall (load {loads(one)})",
                verdict(speed >= TARGETS["scaling_2"]),
            )
        )
    for key, what in (("html", "generated pages"), ("html-real", "real pages")):
        h = r.get(key)
        if not h:
            continue
        ratio = h["clean"]["cpu_seconds"] / h["trafilatura"]["cpu_seconds"]
        out.append(
            (
                f"HTML, {what}: clean run ≤ {TARGETS['html_ratio']}× trafilatura's extraction "
                "(CPU)",
                f"{ratio:.2f}×",
                f"trafilatura {rate(h['pages'], h['trafilatura']['cpu_seconds'])}"
                " pages per CPU-second",
                verdict(ratio <= TARGETS["html_ratio"]),
            )
        )
    ind = r.get("indonews")
    if ind:
        c = ind["clean"]
        v = c["read"] / c["cpu_seconds"]
        d = ind.get("datatrove-fast")
        b = (
            f"datatrove fastest {c['read'] / d['cpu_seconds']:,.0f}"
            if d and "error" not in d
            else "datatrove not run"
        )
        out.append(
            (
                f"indonews ≥ {TARGETS['indonews_per_cpu']} documents per CPU-second",
                f"{v:,.0f}",
                b,
                verdict(v >= TARGETS["indonews_per_cpu"]),
            )
        )
    two = two or one
    per = driver_per_doc(two)
    worst = max(per, key=per.get) if per else None
    if worst:
        slope = r["projection"]["driver_slope"]
        grow = max(slope.values()) if slope else 0.0
        out.append(
            (
                f"driver ≤ {TARGETS['driver_bytes_per_doc'] // KB} KB per document at every "
                f"phase (at {two['read']:,} documents; 1M: `make bench-1m`)",
                f"{per[worst]:,.0f} bytes at its worst phase ({worst})",
                f"{grow:,.0f} bytes/doc growth between the two sizes",
                verdict(per[worst] <= TARGETS["driver_bytes_per_doc"]),
            )
        )
    p = r["projection"]
    out.append(
        (
            "whole tree's peak < 2 GB at 1M documents (projected; `make bench-1m` measures)",
            f"{mib(p['tree_peak'])} (line through {p['sizes'][0]:,} and {p['sizes'][1]:,})",
            f"{mib(two['peak_tree_pss'])} at {two['read']:,}",
            verdict(p["tree_peak"] < TARGETS["tree_peak_1m"]),
        )
    )
    return out


# --- main ---------------------------------------------------------------------------------------


def git_commit() -> str:
    out = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    )
    return out.stdout.strip() or "unknown"


def main(argv: list[str] | None = None) -> int:
    global OUT
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000, help="raw text documents")
    ap.add_argument("--html-docs", type=int, help="HTML pages (default: a tenth of --docs)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per clean measurement (median)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--indonews", type=Path, default=INDONEWS, help="indonews.jsonl.gz (skipped when missing)"
    )
    ap.add_argument("--label", help="what code is measured (default: this checkout's commit)")
    ap.add_argument(
        "--wcxb",
        type=Path,
        default=WCXB,
        help="a folder of real pages, ID.html.gz (skipped when missing)",
    )
    ap.add_argument("--skip-datatrove", action="store_true")
    ap.add_argument("--out", type=Path, default=OUT, help="corpora and scratch (bench/out)")
    ap.add_argument("--json", type=Path, metavar="FILE", help="every figure to FILE (+ .md)")
    args = ap.parse_args(argv)
    OUT = args.out.resolve()
    OUT.mkdir(parents=True, exist_ok=True)
    log = lambda msg: print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr)  # noqa: E731

    html_docs = args.html_docs or max(10, args.docs // 10)
    text_dir = corpus(args.docs, 0.0, f"throughput-{args.docs}", args.seed)
    html_dir = corpus(html_docs, 1.0, f"throughput-html-{html_docs}", args.seed)
    files, html_files = files_of(text_dir), files_of(html_dir)
    r: dict[str, Any] = {
        "commit": args.label or git_commit(),
        "docs": len(files),
        "bytes": sum(p.stat().st_size for p in files),
        "cpus": os.cpu_count(),
        "load_start": os.getloadavg()[0],
        "python": platform.python_version(),
        "repeat": args.repeat,
    }
    log("clean run on one document (the fixed cost of a run)")
    r["startup"] = clean_run([files[0]], 1)
    log("floor: read + xxhash")
    r["floor"] = floor(files, args.repeat)
    r["clean"] = {}
    for w in (1, 2):
        log(f"clean run, {w} worker(s)")
        r["clean"][str(w)] = clean_run([text_dir / "files"], w, args.repeat)
    log("clean run, 2 workers, on a tenth (the second size of the projection)")
    shards = sorted(p for p in (text_dir / "files").iterdir() if p.is_dir())
    part = shards[: len(shards) // 10] if len(shards) >= 10 else files[: max(1, len(files) // 10)]
    r["clean_tenth"] = clean_run(part, 2)
    r["projection"] = projection(r["clean_tenth"], r["clean"]["2"])
    log("HTML: clean run and trafilatura alone")
    r["html"] = html_rows(html_files, html_dir / "files", args.repeat)
    if args.wcxb.is_dir():
        log("HTML: the WCXB pages, clean run and trafilatura alone")
        real = real_pages(args.wcxb)
        r["html-real"] = html_rows(sorted(real.glob("*.html")), real, args.repeat)
    if args.indonews.exists():
        log("indonews: clean run, default settings")
        r["indonews"] = {"clean": clean_run([args.indonews], None, args.repeat)}
    jsonl = sorted((text_dir / "jsonl").glob("*.jsonl"))
    if not args.skip_datatrove:
        log("datatrove, defaults, 2 workers")
        r["datatrove"] = datatrove(jsonl, 2, fastest=False)
        log("datatrove, fastest, 2 workers")
        r["datatrove-fast"] = datatrove(jsonl, 2, fastest=True)
        if "indonews" in r:
            log("datatrove, fastest, indonews")
            r["indonews"]["datatrove-fast"] = datatrove([args.indonews], 2, fastest=True)
    r["load_end"] = os.getloadavg()[0]
    table = render(r)
    print(table)
    if args.json:
        args.json.write_text(json.dumps(r, indent=1, default=str) + "\n", encoding="utf-8")
        args.json.with_suffix(".md").write_text(table + "\n", encoding="utf-8")
    missed = sum(t[3] != "met" for t in targets(r))
    log(f"{missed} target(s) missed" if missed else "every target met")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
