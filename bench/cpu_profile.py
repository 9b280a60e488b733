"""Where a document's CPU goes in ``clean run``: py-spy on one worker, by stage, in ms a document.

    .venv/bin/python bench/cpu_profile.py [--docs 2000] [--indonews PATH] [--json F]

Runs ``clean run --workers 1`` (everything in one process) under ``py-spy record`` on the
generated raw text corpus (``throughput_corpus.py``) and on indonews, counts the CPU of the run
(``measure.run_tree``), and shares it out by stage: each sample goes to the innermost frame of
its stack that names a stage (:data:`STAGES`), so the rule expressions inside the strip stage
are counted apart from the rest of it, language identification apart from the rest of
``describe``. ms per document = the stage's share of samples × the run's CPU seconds ÷ the
documents read. Also the top functions by own time. Sampling, so figures under about 1% of the
samples are noise.
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

# (stage, a piece of the frame that names it); the innermost frame that matches decides
STAGES = (
    ("start-up: imports", "_find_and_load "),
    ("read", "(clean/read.py"),
    ("decode", "decode_stage "),
    ("extract (trafilatura)", "extract_stage "),
    ("strip: rule expressions", "Pattern.search (clean/rules.py"),
    ("strip: generic stage", "(clean/generic.py"),
    ("strip: the rest (rule selection, line bookkeeping)", "strip_stage "),
    ("describe: language ID", "identify_language "),
    ("describe: the rest (dates, authors, counts)", "describe (clean/describe.py"),
    ("clean shard: the rest (parts written, site lines)", "clean_shard "),
    ("sketch (duplicate signature, names, numbers)", "sketch (clean/dedup/sketch.py"),
    ("edit shard: the rest (learned boilerplate, parts)", "edit_shard "),
    ("verify candidate pairs", "verify_pairs "),
    ("cluster: candidates, families, marks", "Deduplicator.clusters "),
    ("duplicate index set-up (Deduplicator.__init__)", "Deduplicator.__init__ "),
    ("annotate", "annotate_shard "),
    ("commit (join parts, report.html)", "RunOutput.commit "),
    ("start-up: rules", "load_rules "),
)


def frame_name(frame: str) -> str:
    """``func (path:line)`` without the line: a function's samples add up over its lines."""
    head, _, rest = frame.rpartition(":")
    return head + ")" if rest.rstrip(")").isdigit() else frame


def stage_of(frames: list[str]) -> str:
    for frame in reversed(frames):
        for name, piece in STAGES:
            if piece in frame + " ":
                return name
    return "other (the run's driver loop, engine, imports at start)"


def profile(sources: list[Path], rate: int) -> dict[str, Any]:
    """py-spy over ``clean run --workers 1``; samples by stage and function, the run's CPU."""
    work = Path(tempfile.mkdtemp(prefix="profile-", dir=tp.OUT))
    try:
        raw = work / "profile.txt"
        spy = Path(sys.executable).parent / "py-spy"
        cmd = [str(spy), "record", "--nonblocking", "-r", str(rate), "-f", "raw", "-o", str(raw),
               "--", *tp.clean_command(), "run", *map(str, sources), "-o", str(work / "out"),
               "-q", "--workers", "1"]  # fmt: skip
        r = run_tree(cmd)
        if r["returncode"] not in (0, 1):
            raise SystemExit(f"py-spy failed: {r['stderr'][-2000:]}")
        report = json.loads((work / "out" / "report.json").read_text(encoding="utf-8"))
        stages: collections.Counter[str] = collections.Counter()
        own: collections.Counter[str] = collections.Counter()
        total = 0
        for line in raw.read_text(encoding="utf-8").splitlines():
            stack, _, n = line.rpartition(" ")
            frames = [frame_name(f) for f in stack.split(";")]
            stages[stage_of(frames)] += int(n)
            own[frames[-1]] += int(n)
            total += int(n)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    # the run's CPU without py-spy's own: the profiled process is py-spy's child
    cpu = r["cpu_polled"] - r["cpu_root"]
    return {"read": report["read"], "documents": report["documents"], "cpu_seconds": cpu,
            "py_spy_cpu_seconds": r["cpu_root"],
            "samples": total, "stages": dict(stages.most_common()),
            "top": dict(own.most_common(25)), "load": [r["load_start"], r["load_end"]]}  # fmt: skip


def render(name: str, p: dict[str, Any]) -> str:
    n, total = p["read"], p["samples"]
    ms = p["cpu_seconds"] * 1000 / n
    lines = [f"### {name}: {n:,} documents, {ms:.2f} CPU ms a document "
             f"({n / p['cpu_seconds']:,.0f} per CPU-second; load {p['load'][0]:.1f}→"
             f"{p['load'][1]:.1f}; {total:,} samples)", "",
             "| stage | share | ms/doc |", "| --- | ---: | ---: |"]  # fmt: skip
    for stage, k in p["stages"].items():
        lines.append(f"| {stage} | {k / total:.1%} | {ms * k / total:.2f} |")
    lines += ["", "| function (own time) | share | ms/doc |", "| --- | ---: | ---: |"]
    for fn, k in p["top"].items():
        lines.append(f"| `{fn or '(no name)'}` | {k / total:.1%} | {ms * k / total:.2f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000, help="generated raw text documents")
    ap.add_argument("--indonews", type=Path, default=tp.INDONEWS)
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
