"""``--engine ray``: the same bytes as the local engine for any number of Ray workers, a killed
worker's task retried, resume per shard. One local Ray (2 CPUs) serves the whole module."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

import clean
import clean.write
from clean.cli import main
from tests.test_reliability import interrupt_after, make_corpus, outputs
from tests.test_runner import boilerplate_corpus

ray = pytest.importorskip("ray")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ARGS = ("--max-doc-mb", "1", "--drop-duplicates")


@pytest.fixture(scope="module", autouse=True)
def local_ray():
    """One local Ray for the module; the engine joins it instead of starting its own."""
    import logging

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """2,000 generated articles (6 sites' chrome, mojibake, HTML pages, planted exact, near,
    partial and rewritten copies: bench/throughput_corpus.py), and the local engine's run."""
    sys.path.insert(0, str(ROOT / "bench"))
    from throughput_corpus import generate

    root = tmp_path_factory.mktemp("generated")
    summary = generate(root / "corpus", 2000, seed=3, html_share=0.03, jsonl=False)
    assert summary["kinds"]["near"] > 10 and summary["kinds"]["rewrite"] > 10
    src = root / "corpus" / "files"
    assert main(["run", str(src), "-o", str(root / "local"), "-q", "-j", "2", *ARGS]) == 0
    return src, outputs(root / "local")


def ray_run(src: Path, out: Path, *more: str) -> int:
    return main(["run", str(src), "-o", str(out), "-q", "--engine", "ray", *ARGS, *more])


def local_run(src: Path, out: Path, *more: str) -> int:
    return main(["run", str(src), "-o", str(out), "-q", *ARGS, *more])


@pytest.mark.parametrize("workers", ["1", "2"])
@pytest.mark.parametrize("corpus", ["seeds", "bad-inputs", "boilerplate"])
def test_ray_writes_the_bytes_the_local_engine_writes(tmp_path, corpus, workers):
    if corpus == "seeds":
        src = SEEDS
    elif corpus == "bad-inputs":
        src = tmp_path / "in"
        make_corpus(src, docs=12, seeds=3, nested=False)
    else:
        src = boilerplate_corpus(tmp_path / "in")
    assert local_run(src, tmp_path / "local", "-j", "1") == 0
    assert ray_run(src, tmp_path / "ray", "-j", workers, "--shard-size", "4") == 0
    assert outputs(tmp_path / "ray") == outputs(tmp_path / "local")
    assert not list((tmp_path / "ray").glob(".*"))


def test_ray_on_thousands_of_documents_with_planted_duplicates(tmp_path, generated):
    src, expected = generated
    assert ray_run(src, tmp_path / "ray", "--shard-size", "100") == 0
    got = outputs(tmp_path / "ray")
    assert got == expected
    assert b'"relation": "rewrite"' in got["documents.jsonl"]


def test_python_callers_get_the_ray_engine_too(tmp_path):
    expected = clean.run(SEEDS, tmp_path / "local", workers=1)
    got = clean.run(SEEDS, tmp_path / "ray", engine="ray", workers=2)
    for report in (expected, got):
        report.pop("elapsed_seconds")
    assert got == expected


def kill_one_task(killed: list[int], stop: threading.Event) -> None:
    """SIGKILL the first Ray worker process seen running a task (``ray::_call``)."""
    while not stop.is_set() and not killed:
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    name = f.read().split(b"\0")[0]
            except OSError:
                continue
            if name == b"ray::_call":
                os.kill(int(pid), signal.SIGKILL)
                killed.append(int(pid))
                return
        time.sleep(0.05)


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="reads /proc")
def test_a_worker_killed_mid_task_is_retried_and_the_bytes_are_the_same(tmp_path, generated):
    src, expected = generated
    killed: list[int] = []
    stop = threading.Event()
    killer = threading.Thread(target=kill_one_task, args=(killed, stop))
    killer.start()
    try:
        assert ray_run(src, tmp_path / "ray", "--shard-size", "100") == 0
    finally:
        stop.set()
        killer.join()
    assert killed, "no task was running to be killed"
    assert outputs(tmp_path / "ray") == expected


def test_resume_per_shard_across_engines(tmp_path, monkeypatch):
    """A local run stopped while editing goes on under Ray, and a Ray run stopped before
    clustering goes on under the local engine; both give the uninterrupted bytes."""
    src = boilerplate_corpus(tmp_path / "in")
    assert local_run(src, tmp_path / "ref", "--shard-size", "5") == 0
    expected = outputs(tmp_path / "ref")

    out = tmp_path / "local-then-ray"
    interrupt_after(monkeypatch, 7)
    assert local_run(src, out, "--shard-size", "5", "-j", "1") == 130
    monkeypatch.undo()
    assert ray_run(src, out, "--shard-size", "5", "--resume") == 0
    assert outputs(out) == expected

    out = tmp_path / "ray-then-local"

    def stopped(self, mapper=None):
        raise KeyboardInterrupt

    monkeypatch.setattr("clean.dedup.Deduplicator.clusters", stopped)
    assert ray_run(src, out, "--shard-size", "5") == 130
    assert len(list(out.glob(".parts/edit/*.done"))) == 5  # every shard cleaned and edited
    monkeypatch.undo()
    assert local_run(src, out, "--shard-size", "5", "--resume") == 0
    assert outputs(out) == expected


def test_readme_ray_example_runs(tmp_path, monkeypatch):
    from tests.test_runner import readme_examples, run_example

    [example] = [e for e in readme_examples() if 'engine="ray"' in e]
    run_example(example, tmp_path / "here", monkeypatch)
    assert (tmp_path / "here" / "out-ray" / "documents.jsonl").read_bytes() == (
        clean_documents_of_seeds(tmp_path)
    )


def clean_documents_of_seeds(tmp_path: Path) -> bytes:
    assert main(["run", str(SEEDS), "-o", str(tmp_path / "local"), "-q", "-j", "1"]) == 0
    return (tmp_path / "local" / "documents.jsonl").read_bytes()


def test_ray_run_killed_with_sigkill_resumes_to_the_same_bytes(tmp_path, generated):
    """The driver (and with it its local Ray) killed once some shards are done; --resume
    under Ray goes on from the shard steps completed."""
    import subprocess

    src, expected = generated
    out = tmp_path / "out"
    more = ("--engine", "ray", "-j", "2", "--shard-size", "50")
    cmd = [sys.executable, "-m", "clean", "run", str(src), "-o", str(out), "-q", *ARGS, *more]
    proc = subprocess.Popen(cmd, cwd=ROOT)
    try:
        deadline = time.monotonic() + 300
        while len(list(out.glob(".parts/clean/*.done"))) < 8 and time.monotonic() < deadline:
            assert proc.poll() is None, "the run ended before it was killed"
            time.sleep(0.1)
    finally:
        proc.kill()
        proc.wait()
    done = len(list(out.glob(".parts/*/*.done")))
    assert 8 <= done < 120  # 40 shards, three steps each: stopped part way
    assert not (out / "report.json").exists()
    assert main(["run", str(src), "-o", str(out), "-q", *ARGS, *more, "--resume"]) == 0
    assert outputs(out) == expected
