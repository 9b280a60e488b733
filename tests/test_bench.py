"""The throughput benchmark runs end to end on a tiny corpus, and counts every process's CPU."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import textwrap
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

from measure import run_tree  # noqa: E402


def test_run_tree_counts_a_grandchild_nobody_reaps():
    # the root forks a worker that burns CPU and is never waited for (a forkserver's worker):
    # wait4 does not see its CPU, polling /proc does
    script = textwrap.dedent(
        """
        import os, time
        done_r, done_w = os.pipe()
        if os.fork() == 0:
            end = time.process_time() + 0.6
            while time.process_time() < end:
                pass
            os.write(done_w, b"x")
            time.sleep(1.0)  # alive a while after its work, whatever the machine's load
            os._exit(0)
        os.read(done_r, 1)  # the worker has done its work; it is never waited for
        time.sleep(0.4)
        """
    )
    r = run_tree([sys.executable, "-c", script])
    assert r["returncode"] == 0
    assert r["cpu_wait4"] < 0.3
    assert r["cpu_polled"] >= 0.45
    assert r["cpu_seconds"] == max(r["cpu_polled"], r["cpu_wait4"])
    assert r["processes"] == 2
    assert r["peak_tree_pss"] > 0


def test_throughput_bench_on_a_tiny_corpus(tmp_path):
    # the whole of `make bench` but small: every row, the table and each target's line
    datatrove = (BENCH / ".venv-datatrove" / "bin" / "python").exists()
    figures = tmp_path / "bench.json"
    real = tmp_path / "wcxb"  # real pages come gzipped, one ID.html.gz each
    real.mkdir()
    for n in (1, 2):
        body = "".join(
            f"<p>Paragraph {k} of article {n}, long enough to be kept.</p>" for k in range(8)
        )
        page = f"<html><head><title>Article {n}</title></head><body><article>{body}</article></body></html>"
        (real / f"{n}.html.gz").write_bytes(gzip.compress(page.encode()))
    cmd = [
        sys.executable,
        str(BENCH / "throughput.py"),
        "--docs",
        "30",
        "--html-docs",
        "5",
        "--out",
        str(tmp_path / "out"),
        "--indonews",
        str(tmp_path / "missing.jsonl.gz"),
        "--wcxb",
        str(real),
        "--json",
        str(figures),
        *([] if datatrove else ["--skip-datatrove"]),
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    r = json.loads(figures.read_text(encoding="utf-8"))
    assert r["docs"] == 30
    two = r["clean"]["2"]
    assert two["read"] == 30 and two["processes"] >= 3  # the driver and its two workers at least
    # the poller sees the workers (more than the driver alone); it is a lower bound that loses up
    # to one polling interval per process (longer on a loaded machine), so at this tiny size it is
    # only held to half of what wait4 reports, not to a tight ratio (CI failed once at 0.88)
    assert two["cpu_polled"] > two["cpu_root"]
    assert two["cpu_polled"] > two["cpu_wait4"] * 0.5
    assert set(two["driver"]["phases"]) >= {
        "clean (read, clean shards)",
        "commit (join parts, report)",
    }
    assert not two["driver"]["missing"]
    for target in (
        "1 worker ≥ 1,000",
        "2 workers ≥ 1.8×",
        "HTML, generated pages: clean run ≤ 1.3×",
        "HTML, real pages: clean run ≤ 1.3×",
        "driver ≤ 2 KB",
        "peak < 2 GB at 1M",
    ):
        line = next(x for x in out.stdout.splitlines() if target in x)
        assert line.rstrip().endswith(("| met |", "| **missed** |")), line
    if datatrove:
        assert "error" not in r["datatrove"] and "error" not in r["datatrove-fast"]
        assert r["datatrove-fast"]["tokenizer"] == "whitespace"
        assert r["datatrove"]["processes"] >= 3
    assert r["html-real"]["pages"] == 2 and r["html-real"]["clean"]["read"] == 2
    assert (tmp_path / "bench.md").read_text(encoding="utf-8").startswith("# clean throughput")
