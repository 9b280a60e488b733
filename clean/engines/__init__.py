"""Engines: where the per-shard steps of a run execute. The run (:mod:`clean.runner`) decides
what runs; an engine only decides where.

Every engine has one method, ``map(task, jobs, state)``: ``task(state, job)`` for each job,
results yielded in the order of the jobs, ``state`` (the run's rules, learned lines, duplicate
marks) sent once to each worker rather than with every job. The driver merges the small
results as they come and clusters, with the candidate pairs verified through the same
``map``. Three engines:

- :class:`clean.engines.inprocess.InProcess`: in this process, one job after another;
- :class:`clean.engines.pool.Pool`: a local process pool (``--workers N``);
- :class:`clean.engines.ray.Ray`: Ray tasks, on a local Ray or a cluster (``--engine ray``).

Only :mod:`clean.engines.ray` imports Ray, and only when that engine is chosen.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

from clean.errors import RAY_NOT_INSTALLED, ConfigError

ENGINES = ("local", "inprocess", "pool", "ray")


class Engine(Protocol):
    """Runs ``task(state, job)`` for each job, results in job order."""

    def map(
        self, task: Callable[[dict[str, Any], Any], Any], jobs: Iterable[Any], state: dict[str, Any]
    ) -> Iterator[Any]: ...


@contextlib.contextmanager
def open_engine(name: str, workers: int | None, address: str | None = None) -> Iterator[Engine]:
    """The engine called ``name`` with ``workers`` workers (None: one per core, or per CPU of
    the Ray cluster); ``local`` is the pool, or this process for one worker. ``address``: the
    Ray cluster to join (None: start a local one)."""
    if name == "ray":
        try:
            from clean.engines.ray import Ray
        except ImportError as exc:
            raise ConfigError(RAY_NOT_INSTALLED.format(why=exc)) from None

        engine = Ray(workers, address)
        try:
            yield engine
        finally:
            engine.close()
        return
    workers = workers or os.cpu_count() or 1
    if name == "pool" or (name == "local" and workers > 1):
        from clean.engines.pool import Pool

        pool = Pool(workers)
        try:
            yield pool
        except KeyboardInterrupt:  # Ctrl-C or SIGTERM wherever the run was: stop the workers
            pool.stop()
            raise
        return
    from clean.engines.inprocess import InProcess

    yield InProcess()
