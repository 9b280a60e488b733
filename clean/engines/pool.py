"""The local engine: a process pool, results in job order.

Keeps a bounded window of jobs in flight (memory stays flat however long the input) and yields
results in the order the jobs came, so output bytes do not depend on the worker count. The
run's state is sent once per worker, by the pool's initializer.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

WINDOW = 2  # jobs in flight per worker: one running, one waiting
PARENT_POLL = 1.0  # seconds between a worker's checks that its run is still there

# A worker's run-wide state, set once by the pool's initializer (a worker serves one map).
_worker: dict[str, Any] = {}


class Pool:
    """``workers`` local processes; a new pool for each map (each step of a run)."""

    def __init__(self, workers: int):
        self.workers = workers

    def map(
        self, task: Callable[[dict[str, Any], Any], Any], jobs: Iterable[Any], state: dict[str, Any]
    ) -> Iterator[Any]:
        """``task(state, job)`` for each job on the pool's processes, results in job order."""
        jobs = iter(jobs)
        start = (state, os.getpid())
        with ProcessPoolExecutor(self.workers, initializer=_start, initargs=start) as pool:
            pending: deque[Future[Any]] = deque()
            try:
                while True:
                    while len(pending) < self.workers * WINDOW:
                        if (job := next(jobs, None)) is None:
                            break
                        pending.append(pool.submit(_call, task, job))
                    if not pending:
                        return
                    yield pending.popleft().result()
            except BaseException:  # Ctrl-C, an unwritable OUT: do not start the queued jobs
                pool.shutdown(wait=False, cancel_futures=True)
                raise


def _call(task: Callable[[dict[str, Any], Any], Any], job: Any) -> Any:
    return task(_worker, job)


def _start(state: dict[str, Any], parent: int) -> None:
    _worker.clear()
    _worker.update(state)
    threading.Thread(target=_watch, args=(parent,), daemon=True).start()


def _watch(parent: int) -> None:
    """Exit when the parent is gone: a killed run (kill -9) must not leave its workers
    waiting forever on a queue whose other end their siblings still hold."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL)
    os._exit(1)
