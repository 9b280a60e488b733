"""The local engine: a process pool, results in job order.

Keeps a bounded window of jobs in flight (memory stays flat however long the input) and yields
results in the order the jobs came, so output bytes do not depend on the worker count. The
run's state is sent once per worker, by the pool's initializer.

A worker that dies (the OOM killer, a ``kill -9``) breaks the whole pool: every job in flight
is lost. They are run again on a new pool one at a time, so that a job that kills its worker
again is the one named: after :data:`RETRIES` such deaths :class:`WorkerLost` stops the map.
A job's step writes its files under temporary names and renames them, so running it again
changes no byte.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from clean.errors import WorkerLost

WINDOW = 2  # jobs in flight per worker: one running, one waiting
RETRIES = 2  # runs of a job after a worker died running it alone, before the map stops
PARENT_POLL = 1.0  # seconds between a worker's checks that its run is still there

# A worker's run-wide state, set once by the pool's initializer (a worker serves one map).
_worker: dict[str, Any] = {}


class Pool:
    """``workers`` local processes; a new pool for each map (each step of a run)."""

    def __init__(self, workers: int):
        self.workers = workers
        self._executor: ProcessPoolExecutor | None = None  # the current map's, for stop()

    def stop(self) -> None:
        """Stop the current map's workers where they are (the run was interrupted: what they
        leave is temporary files, which the next run replaces)."""
        if self._executor is not None:
            # the executor forgets its processes once shut down: SIGTERM first (Ctrl-C
            # reaches every process of the terminal's group, a kill only the run's). It keeps
            # them in a private mapping: without it, the workers end their current job instead.
            processes = list((getattr(self._executor, "_processes", None) or {}).values())
            for process in processes:
                with contextlib.suppress(OSError, AttributeError):
                    process.terminate()
            self._executor.shutdown(wait=False, cancel_futures=True)

    def map(
        self, task: Callable[[dict[str, Any], Any], Any], jobs: Iterable[Any], state: dict[str, Any]
    ) -> Iterator[Any]:
        """``task(state, job)`` for each job on the pool's processes, results in job order."""
        jobs = iter(jobs)
        start = (state, os.getpid())
        pool = self._executor = ProcessPoolExecutor(self.workers, initializer=_start,
                                                    initargs=start)  # fmt: skip
        pending: deque[tuple[Any, Future[Any]]] = deque()
        lost: deque[Any] = deque()  # jobs of a broken pool, run again one at a time
        deaths: dict[int, int] = {}  # by id of the job: how many workers died running it

        def submit(job: Any) -> None:
            try:
                future = pool.submit(_call, task, job)
            except BrokenProcessPool as exc:  # broken before the job at the head was read
                future = Future()
                future.set_exception(exc)
            pending.append((job, future))

        try:
            while True:
                while lost and not pending:
                    submit(lost.popleft())
                while not lost and len(pending) < self.workers * WINDOW:
                    if (job := next(jobs, None)) is None:
                        break
                    submit(job)
                if not pending:
                    return
                job, future = pending[0]
                try:
                    result = future.result()
                except BrokenProcessPool:
                    if len(pending) == 1:  # it ran on its own: its worker is the one that died
                        deaths[id(job)] = deaths.get(id(job), 0) + 1
                        if deaths[id(job)] > RETRIES:
                            raise WorkerLost(job, deaths[id(job)]) from None
                    lost.extendleft(reversed([j for j, _ in pending]))
                    pending.clear()
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = self._executor = ProcessPoolExecutor(
                        self.workers, initializer=_start, initargs=start
                    )
                    continue
                pending.popleft()
                yield result
        except KeyboardInterrupt:  # Ctrl-C, SIGTERM: the workers stop where they are too
            self.stop()
            raise
        except BaseException:  # an unwritable OUT: do not start the queued jobs
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        finally:
            pool.shutdown(wait=True)


def _call(task: Callable[[dict[str, Any], Any], Any], job: Any) -> Any:
    return task(_worker, job)


def _start(state: dict[str, Any], parent: int) -> None:
    # SIGTERM ends a worker at once (the run's handler, inherited by fork, is the parent's
    # business: it stops the run; a worker the system stops is run again, see Pool.map)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _worker.clear()
    _worker.update(state)
    threading.Thread(target=_watch, args=(parent,), daemon=True).start()


def _watch(parent: int) -> None:
    """Exit when the parent is gone: a killed run (kill -9) must not leave its workers
    waiting forever on a queue whose other end their siblings still hold."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL)
    os._exit(1)
