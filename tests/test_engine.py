"""Engines and workers: the same bytes out whatever the engine, worker count or shard size."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from clean.cli import main
from clean.engines.inprocess import InProcess
from clean.engines.pool import Pool

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def mixed_folder(root: Path) -> Path:
    """Seeds, copies of them, and bad inputs between them, more documents than one batch."""
    root.mkdir()
    for k, seed in enumerate(sorted(SEEDS.iterdir())):
        shutil.copy(seed, root / f"{k}a_{seed.name}")
        text = seed.read_text(encoding="utf-8")
        (root / f"{k}b_copy.txt").write_text(text.replace("Taliban", "Taleban"), encoding="utf-8")
        (root / f"{k}c_empty.txt").write_bytes(b"")
        (root / f"{k}d_picture.png").write_bytes(b"\x89PNG")
    lines = [json.dumps({"id": f"r{n}", "text": f"Paragraf nomor {n} tentang banjir di kota."})
             for n in range(32)]  # fmt: skip
    lines[3] = "{not json"
    (root / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def square_after(state, job):
    """A task that finishes out of order: later jobs sleep less."""
    import time

    time.sleep(state["pause"] * (5 - job % 5))
    return job * job


@pytest.mark.parametrize("engine", [InProcess(), Pool(2), Pool(3)], ids=["inprocess", "pool2", "pool3"])
def test_engines_yield_results_in_job_order(engine):
    assert list(engine.map(square_after, iter(range(23)), {"pause": 0.002})) == [
        n * n for n in range(23)
    ]


@pytest.mark.parametrize("flags", [[], ["--no-boilerplate"]])
def test_workers_give_the_same_bytes(tmp_path, flags):
    """Every shard step runs on the workers: cleaning, boilerplate and sketches, annotation."""
    src = mixed_folder(tmp_path / "in")
    outs = []
    for workers, shard in (("1", "256"), ("2", "256"), ("2", "3")):
        out = tmp_path / f"out{workers}-{shard}"
        args = ["run", str(src), "-o", str(out), "-q", "--workers", workers, "--shard-size", shard]
        assert main([*args, *flags]) == 0
        outs.append(out)
    for out in outs[1:]:
        for name in ("documents.jsonl", "rejected.jsonl", "duplicates.jsonl"):
            assert (outs[0] / name).read_bytes() == (out / name).read_bytes(), (out, name)
    reports = [json.loads((o / "report.json").read_text()) for o in outs]
    for r in reports:
        r.pop("elapsed_seconds")
    assert reports[0] == reports[1] == reports[2]
    assert reports[0]["duplicates"]["clusters"] >= 1


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_workers_exit_when_the_run_is_killed(tmp_path):
    """kill -9 of a run must not leave its workers waiting forever (they did, seen by ps)."""
    import os
    import signal
    import subprocess
    import sys
    import time

    src = tmp_path / "in"
    src.mkdir()
    text = next(SEEDS.iterdir()).read_text(encoding="utf-8")
    for k in range(3000):
        (src / f"{k:05d}.txt").write_text(text.replace("Taliban", f"Taliban {k}"), "utf-8")
    run = subprocess.Popen(
        [sys.executable, "-m", "clean", "run", str(src), "-o", str(tmp_path / "out"), "-j", "2", "-q"]
    )
    try:
        deadline = time.monotonic() + 60
        while len(workers := _children(run.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(workers) >= 2, "the run started no workers"
        os.kill(run.pid, signal.SIGKILL)
        run.wait()
        deadline = time.monotonic() + 15
        while any(Path(f"/proc/{w}").exists() for w in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        alive = [w for w in workers if Path(f"/proc/{w}").exists()]
        assert not alive, f"workers still running after their run was killed: {alive}"
    finally:
        run.kill()


def test_engine_ray_without_ray_is_one_line(tmp_path, monkeypatch, capsys):
    import sys

    monkeypatch.setitem(sys.modules, "ray", None)  # as if Ray were not installed
    monkeypatch.delitem(sys.modules, "clean.engines.ray", raising=False)
    out = tmp_path / "out"
    assert main(["run", str(SEEDS), "-o", str(out), "-q", "--engine", "ray"]) == 2
    assert capsys.readouterr().err == (
        "clean: error: --engine ray needs Ray (import of ray halted; None in sys.modules);"
        " install it with: pip install 'clean-news[ray]'\n"
    )
    assert not out.exists()


def test_ray_address_where_nothing_listens_is_one_line(tmp_path, capsys):
    pytest.importorskip("ray")
    import socket

    with socket.socket() as s:  # a port that was free a moment ago
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    out = tmp_path / "out"
    args = ["run", str(SEEDS), "-o", str(out), "-q", "--engine", "ray"]
    assert main([*args, "--ray-address", f"127.0.0.1:{port}"]) == 2
    assert capsys.readouterr().err == (
        f"clean: error: --ray-address 127.0.0.1:{port}: cannot join a Ray cluster there"
        " (nothing answers there: Connection refused)\n"
    )
    assert not out.exists()
