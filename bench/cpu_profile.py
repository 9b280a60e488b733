"""Where a document's CPU goes in ``clean run``, by stage, in ms a document, on one worker.

    .venv/bin/python bench/cpu_profile.py [--docs 2000] [--indonews PATH] [--json F]

Runs ``clean run --workers 1`` (everything in one process) through ``stage_cpu.py``, which
takes each stage's own CPU time where it is called (measured, so the figures do not move with
the machine's load), under ``py-spy record`` for what happens inside each stage: a sample goes to
the innermost frame of its stack that names a stage (:data:`STAGES`, the same stages), and each
stage's CPU is shared out among the functions its samples ended in (own time). py-spy samples
wall time while a thread is not idle, so on a loaded machine its shares between stages drift
(a phase run while the load is high gets more samples); within a stage they hold, which is how
they are used here. py-spy pauses the process for each sample (its default), so the stacks
are whole; that costs the run wall time, not CPU. The run's CPU is every process below
py-spy, py-spy's own excluded.
"""

from __future__ import annotations

import argparse
import collections
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import throughput as tp  # noqa: E402
from measure import run_tree  # noqa: E402

# (stage, pieces of the frames that name it); the innermost frame that matches decides. The
# stages are stage_cpu.py's.
STAGES = (
    ("read (files, JSONL, unique ids)", ("read (clean/read.py",)),
    ("decode", ("decode_stage ",)),
    ("extract: the rest (visible lines, page metadata)", ("extract_stage ",)),
    ("extract: parse the page (clean.extract.parse)", ("parse (clean/extract.py",)),
    ("extract: trafilatura's bare_extraction", ("bare_extraction (trafilatura/core.py",)),
    ("extract: the page parsed again (_document)", ("_document (clean/extract.py",)),
    ("strip: generic stage", ("decide (clean/generic.py", "decide_extracted (clean/generic.py")),
    ("strip: rules and the rest", ("strip_stage ",)),
    ("describe: language ID", ("identify_language ",)),
    ("metadata: raw text (read_page)", ("read_page (clean/metadata.py",)),
    ("metadata: HTML (read_html)", ("read_html (clean/metadata.py",)),
    ("describe: the rest (dates, authors, counts)", ("describe (clean/describe.py",)),
    ("clean shard: the rest (parts written, site lines)", ("clean_shard ",)),
    ("sketch (duplicate signature, names, numbers)", ("sketch (clean/dedup/sketch.py",)),
    ("edit shard: the rest (learned boilerplate, parts)", ("edit_shard ",)),
    ("verify candidate pairs", ("verify_pairs ",)),
    ("cluster: candidates, families, marks", ("Deduplicator.clusters ",)),
    ("duplicate index set-up (Deduplicator.__init__)", ("Deduplicator.__init__ ",)),
    ("annotate", ("annotate_shard ",)),
    ("commit (join parts, report.html)", ("RunOutput.commit ",)),
)
REST = "the rest: start-up, imports, the driver's loop"


def frame_name(frame: str) -> str:
    """``func (path:line)`` without the line: a function's samples add up over its lines."""
    head, _, rest = frame.rpartition(":")
    return head + ")" if rest.rstrip(")").isdigit() else frame


def stage_of(frames: list[str]) -> str:
    for frame in reversed(frames):
        for name, pieces in STAGES:
            if any(piece in frame + " " for piece in pieces):
                return name
    return REST


def profile(sources: list[Path], rate: int) -> dict[str, Any]:
    """CPU seconds per stage (measured) and, per stage, the functions py-spy saw it in."""
    work = Path(tempfile.mkdtemp(prefix="profile-", dir=tp.OUT))
    try:
        raw, figures = work / "profile.txt", work / "stages.json"
        spy = Path(sys.executable).parent / "py-spy"
        cmd = [str(spy), "record", "-r", str(rate), "-f", "raw", "-o", str(raw),
               "--", sys.executable, str(BENCH / "stage_cpu.py"), str(figures), "run",
               *map(str, sources), "-o", str(work / "out"), "-q", "--workers", "1"]  # fmt: skip
        r = run_tree(cmd)
        if r["returncode"] not in (0, 1):
            raise SystemExit(f"py-spy failed: {r['stderr'][-2000:]}")
        report = json.loads((work / "out" / "report.json").read_text(encoding="utf-8"))
        timed = json.loads(figures.read_text(encoding="utf-8"))
        inside: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
        for line in raw.read_text(encoding="utf-8").splitlines():
            stack, _, n = line.rpartition(" ")
            frames = [frame_name(f) for f in stack.split(";")]
            leaf = frames[-1] or "(no name)"
            if "stage_cpu.py" in leaf:  # the timer's own frame (its process_time calls)
                leaf = "(stage_cpu.py's timer)"
            inside[stage_of(frames)][leaf] += int(n)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    cpu = r["cpu_polled"] - r["cpu_root"]  # the profiled run is py-spy's child
    seconds = dict(timed["seconds"])
    seconds[REST] = max(0.0, cpu - sum(seconds.values()))
    return {"read": report["read"], "documents": report["documents"], "cpu_seconds": cpu,
            "py_spy_cpu_seconds": r["cpu_root"], "stages": seconds, "calls": timed["calls"],
            "missing": timed["missing"], "load": [r["load_start"], r["load_end"]],
            "inside": {k: dict(v.most_common(8)) for k, v in inside.items()}}  # fmt: skip


def render(name: str, p: dict[str, Any]) -> str:
    n, cpu = p["read"], p["cpu_seconds"]
    lines = [f"### {name}: {n:,} documents, {cpu * 1000 / n:.2f} CPU ms a document "
             f"({n / cpu:,.0f} per CPU-second; load {p['load'][0]:.1f}→{p['load'][1]:.1f})", "",
             "| stage | ms/doc | share | inside it (py-spy, own time: ms/doc) |",
             "| --- | ---: | ---: | --- |"]  # fmt: skip
    for stage, seconds in sorted(p["stages"].items(), key=lambda kv: -kv[1]):
        ms = seconds * 1000 / n
        seen = p["inside"].get(stage, {})
        total = sum(seen.values())
        top = ", ".join(f"`{fn}` {ms * k / total:.2f}" for fn, k in list(seen.items())[:4] if total)
        lines.append(f"| {stage} | {ms:.2f} | {seconds / cpu:.1%} | {top} |")
    if p["missing"]:
        lines.append(f"\nNot found in the code (not timed): {', '.join(p['missing'])}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000, help="generated raw text documents")
    ap.add_argument("--indonews", type=Path, default=tp.INDONEWS)
    ap.add_argument("--html-docs", type=int, default=500, help="generated HTML pages (0: none)")
    ap.add_argument("--real-html", type=Path, default=tp.WCXB, help="real pages, ID.html.gz")
    ap.add_argument("--label", help="what code is measured (default: this checkout's commit)")
    ap.add_argument("--rate", type=int, default=100, help="samples a second")
    ap.add_argument("--json", type=Path, metavar="FILE", help="the figures to FILE (+ .md)")
    args = ap.parse_args(argv)
    tp.OUT.mkdir(parents=True, exist_ok=True)
    folder = tp.corpus(args.docs, 0.0, f"throughput-{args.docs}", 1)
    r = {
        "commit": args.label or tp.git_commit(),
        "generated": profile([folder / "files"], args.rate),
    }
    if args.indonews.exists():
        r["indonews"] = profile([args.indonews], args.rate)
    if args.html_docs:
        pages = tp.corpus(args.html_docs, 1.0, f"throughput-html-{args.html_docs}", 1)
        r["generated HTML pages"] = profile([pages / "files"], args.rate)
    if args.real_html.is_dir():
        r["real HTML pages (WCXB)"] = profile([tp.real_pages(args.real_html)], args.rate)
    text = f"## Profile at {r['commit']} (py-spy, `clean run --workers 1`)\n\n" + "\n\n".join(
        render(k, v) for k, v in r.items() if k != "commit"
    )
    print(text)
    if args.json:
        args.json.write_text(json.dumps(r, indent=1) + "\n", encoding="utf-8")
        args.json.with_suffix(".md").write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
