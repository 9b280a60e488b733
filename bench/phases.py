"""Run ``clean`` with the driver's memory and CPU taken at each phase of the run.

    python bench/phases.py FIGURES.json run SOURCES -o OUT [clean run's options]

Runs ``clean.cli.main`` in this process (the driver) with each phase method wrapped: before a
phase the peak resident size is reset (``/proc/self/clear_refs``), after it the peak
(``VmHWM``) and the resident size at its end are read, with the driver's own CPU and wall time.
Memory is given above the driver's resident size when its first phase starts (imports done,
rules loaded), so "per document" is what the run's data costs the driver. Workers are other
processes: their memory is not here (``measure.run_tree`` has the tree's).

A phase that the code no longer has (a method renamed) is left out and named in ``missing``.
"""

from __future__ import annotations

import functools
import inspect
import json
import sys
import time
from pathlib import Path
from typing import Any

# (label, module, attribute path) in the order a run calls them
PHASES = (
    ("clean (read, clean shards)", "clean.runner", "Run.clean"),
    ("learn boilerplate", "clean.boilerplate", "SiteLines.learned"),
    ("edit + sketch", "clean.runner", "Run.edit"),
    ("cluster (candidates, verify)", "clean.dedup", "Deduplicator.clusters"),
    ("annotate", "clean.runner", "Run.annotate"),
    ("commit (join parts, report)", "clean.write", "RunOutput.commit"),
)


def _status(name: str) -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(name):
                return int(line.split()[1]) * 1024
    return 0


def _reset_peak() -> None:
    with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
        f.write("5")  # resets VmHWM to the current resident size (Linux 4.0+)


class Recorder:
    """Per phase: the driver's peak and final resident bytes, CPU and wall seconds."""

    def __init__(self) -> None:
        self.base = 0  # the resident size when the first phase starts (imports, rules loaded)
        self.phases: dict[str, dict[str, float]] = {}

    def start(self) -> tuple[float, float]:
        self.base = self.base or _status("VmRSS:")
        _reset_peak()
        return time.process_time(), time.perf_counter()

    def stop(self, label: str, started: tuple[float, float]) -> None:
        cpu, wall = started
        p = self.phases.setdefault(label, {"peak": 0, "end": 0, "cpu": 0.0, "wall": 0.0})
        p["peak"] = max(p["peak"], _status("VmHWM:"))
        p["end"] = _status("VmRSS:")
        p["cpu"] += time.process_time() - cpu
        p["wall"] += time.perf_counter() - wall

    def wrap(self, label: str, fn: Any) -> Any:
        if inspect.isgeneratorfunction(fn):

            @functools.wraps(fn)
            def generator(*args: Any, **kw: Any) -> Any:
                started = self.start()
                try:
                    yield from fn(*args, **kw)
                finally:
                    self.stop(label, started)

            return generator

        @functools.wraps(fn)
        def plain(*args: Any, **kw: Any) -> Any:
            started = self.start()
            try:
                return fn(*args, **kw)
            finally:
                self.stop(label, started)

        return plain


def main(argv: list[str]) -> int:
    import importlib

    figures, args = Path(argv[0]), argv[1:]
    from clean.cli import main as clean_main

    missing = []
    recorder = None
    patches = []
    for label, module, path in PHASES:
        owner_name, attr = path.split(".")
        try:
            owner = getattr(importlib.import_module(module), owner_name)
            patches.append((label, owner, attr, getattr(owner, attr)))
        except (ImportError, AttributeError):
            missing.append(path)
    started = time.process_time()
    recorder = Recorder()
    for label, owner, attr, fn in patches:
        setattr(owner, attr, recorder.wrap(label, fn))
    code = clean_main(args)
    figures.write_text(
        json.dumps(
            {
                "base_rss": recorder.base,
                "peak_rss": _status("VmHWM:"),
                "phases": recorder.phases,
                "missing": missing,
                "driver_cpu": time.process_time() - started,
                "returncode": code,
            }
        ),
        encoding="utf-8",
    )
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
