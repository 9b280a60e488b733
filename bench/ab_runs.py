"""Two trees of ``clean`` run in turn on the same corpora: CPU a document, before and after.

    .venv/bin/python bench/ab_runs.py BEFORE_TREE AFTER_TREE [--rounds 2]

Each tree is a checkout (``git archive COMMIT | tar -x -C DIR``) put first on ``PYTHONPATH``
and run from its own folder (``python -m`` puts the working folder before ``PYTHONPATH``: run
from another checkout, both sides ran that checkout's code);
each corpus is run with ``clean run --workers 1`` by one tree then the other, ``--rounds``
times, and the lower CPU of each (the children's rusage: the run is one process) is kept, so
both meet the same machine load as nearly as this shared machine allows. The outputs
(``documents.jsonl``, ``rejected.jsonl``) are compared byte for byte.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import throughput as tp  # noqa: E402


def once(tree: Path, source: Path) -> tuple[float, int, str]:
    """CPU seconds, documents read and a digest of the output of one run."""
    out = Path(tempfile.mkdtemp(prefix="ab-", dir=tp.OUT)) / "out"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "clean", "run", str(source), "-o", str(out), "-q",
                    "--workers", "1"], env={**os.environ, "PYTHONPATH": str(tree)},
                   cwd=tree, check=False, capture_output=True)  # fmt: skip
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    read = json.loads((out / "report.json").read_text(encoding="utf-8"))["read"]
    digest = hashlib.sha256()
    for name in ("documents.jsonl", "rejected.jsonl"):
        digest.update((out / name).read_bytes())
    shutil.rmtree(out.parent)
    return cpu, read, digest.hexdigest()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args(argv)
    tp.OUT.mkdir(parents=True, exist_ok=True)
    corpora = {
        "generated text, 2,000": tp.corpus(2000, 0.0, "throughput-2000", 1) / "files",
        "indonews, 5,774": tp.INDONEWS,
        "generated HTML, 500": tp.corpus(500, 1.0, "throughput-html-500", 1) / "files",
        "WCXB, 257": tp.real_pages(tp.WCXB) if tp.WCXB.is_dir() else Path("/nonexistent"),
    }
    seen: dict[str, dict[str, list[tuple[float, int, str]]]] = {}
    for _ in range(args.rounds):
        for name, source in corpora.items():
            if not source.exists():
                continue
            for side, tree in (("before", args.before), ("after", args.after)):
                seen.setdefault(name, {}).setdefault(side, []).append(once(tree, source))
    print(f"load average at the end {os.getloadavg()[0]:.1f}\n")
    print("| corpus | before: documents per CPU-second | after | after / before | output |")
    print("| --- | ---: | ---: | ---: | --- |")
    for name, sides in seen.items():
        b, a = (min(r[0] for r in sides[s]) for s in ("before", "after"))
        n = sides["before"][0][1]
        same = len({r[2] for s in sides.values() for r in s}) == 1
        print(f"| {name} | {n / b:.1f} | {n / a:.1f} | {b / a:.2f} | "
              f"{'the same bytes' if same else 'differs'} |")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
