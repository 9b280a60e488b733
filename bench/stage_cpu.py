"""Run ``clean`` in this process with each stage's CPU time taken where it is called.

    python bench/stage_cpu.py FIGURES.json run SOURCES -o OUT --workers 1 [clean run's options]

Each stage function (:data:`STAGES`) is wrapped with a ``process_time`` timer; a stage's time is
its own, without the stages called inside it (``describe`` without language identification,
``strip_stage`` without the generic stage), so the figures add up to the run's CPU, and what no
timer covers (start-up, imports, the driver's loop) is the rest. A timer costs about a
microsecond a call, and the wrapped functions are called a few times a document, so this is
CPU time measured, not sampled: unlike a sampling profiler's shares it does not move with the
machine's load. Run it with ``--workers 1``: other processes' stages are not seen.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import json
import sys
import time
from pathlib import Path
from typing import Any

# (label, module, attribute): a module-level function (or a class's method) looked up where it
# is called; the pipeline's stage tuple and generic judges are wrapped in place below
STAGES = (
    ("read (files, JSONL, unique ids)", "clean.read", "read"),
    ("describe: the rest (dates, authors, counts)", "clean.pipeline", "describe"),
    ("describe: language ID", "clean.describe", "identify_language"),
    ("metadata: raw text (read_page)", "clean.pipeline", "read_page"),
    ("metadata: HTML (read_html)", "clean.pipeline", "read_html"),
    ("extract: parse the page (clean.extract.parse)", "clean.extract", "parse"),
    ("extract: trafilatura's bare_extraction", "trafilatura", "bare_extraction"),
    ("extract: the page parsed again (_document)", "clean.extract", "_document"),
    ("clean shard: the rest (parts written, site lines)", "clean.shards", "clean_shard"),
    ("edit shard: the rest (learned boilerplate, parts)", "clean.shards", "edit_shard"),
    ("sketch (duplicate signature, names, numbers)", "clean.dedup", "sketch"),
    ("verify candidate pairs", "clean.dedup.cluster", "verify_pairs"),
    ("cluster: candidates, families, marks", "clean.dedup", "Deduplicator.clusters"),
    ("duplicate index set-up (Deduplicator.__init__)", "clean.dedup", "Deduplicator.__init__"),
    ("annotate", "clean.shards", "annotate_shard"),
    ("commit (join parts, report.html)", "clean.write", "RunOutput.commit"),
)


class Timers:
    """Exclusive CPU seconds and calls per label; nested timers are taken out of their caller."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self.inner: list[float] = []  # CPU of the timed calls inside each running timer

    def _timed(self, label: str, step: Any) -> Any:
        self.inner.append(0.0)
        started = time.process_time()
        try:
            return step()
        finally:
            spent = time.process_time() - started
            inside = self.inner.pop()
            self.seconds[label] = self.seconds.get(label, 0.0) + spent - inside
            self.calls[label] = self.calls.get(label, 0) + 1
            if self.inner:
                self.inner[-1] += spent

    def wrap(self, label: str, fn: Any) -> Any:
        if inspect.isgeneratorfunction(fn):

            @functools.wraps(fn)
            def generator(*args: Any, **kw: Any) -> Any:
                it = fn(*args, **kw)
                done = object()
                while True:  # each step of the generator is timed, not its consumer's work
                    item = self._timed(label, lambda: next(it, done))
                    if item is done:
                        return
                    yield item

            return generator

        @functools.wraps(fn)
        def plain(*args: Any, **kw: Any) -> Any:
            return self._timed(label, lambda: fn(*args, **kw))

        return plain


def install(timers: Timers) -> list[str]:
    """Wrap every stage; the names that the code no longer has."""
    import clean.pipeline as pipeline

    missing = []
    for label, module, path in STAGES:
        try:
            owner: Any = importlib.import_module(module)
            *outer, attr = path.split(".")
            for name in outer:
                owner = getattr(owner, name)
            setattr(owner, attr, timers.wrap(label, getattr(owner, attr)))
        except (ImportError, AttributeError):
            missing.append(f"{module}.{path}")
    labels = {"decode_stage": "decode", "extract_stage": "extract: the rest (visible lines, page metadata)",
              "strip_stage": "strip: rules and the rest"}  # fmt: skip
    pipeline.STAGES = tuple(
        timers.wrap(labels.get(f.__name__, f.__name__), f) for f in pipeline.STAGES
    )
    for kind, judge in list(pipeline.GENERIC_JUDGES.items()):
        pipeline.GENERIC_JUDGES[kind] = timers.wrap("strip: generic stage", judge)
    return missing


def main(argv: list[str]) -> int:
    started = time.process_time()
    figures, args = Path(argv[0]), argv[1:]
    from clean.cli import main as clean_main

    timers = Timers()
    missing = install(timers)
    code = clean_main(args)
    total = time.process_time() - started
    figures.write_text(
        json.dumps(
            {
                "seconds": timers.seconds,
                "calls": timers.calls,
                "missing": missing,
                "total_cpu": total,
                "returncode": code,
            }
        ),
        encoding="utf-8",
    )
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
