"""The Ray engine: each shard step a Ray task, on a local Ray or a cluster (``--engine ray``).

The only module that imports Ray. The run's state (rules, learned lines, duplicate marks) is
put in Ray's object store once per step and read once per worker process; a task gets its
shard's items (the clean step) or only the shard's number (later steps, which read the parts
the clean step wrote), and returns the step's small result. Results come back in shard order,
so the output is the same bytes as the local engine's for any number of workers.

A task whose worker dies is run again by Ray (``max_retries``); its part files are written
under temporary names and renamed, so a retried task leaves the same bytes. On a cluster, OUT
must be a folder every node sees (a shared file system), and ``clean`` installed on every node.
"""

from __future__ import annotations

import logging
import os
import socket
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import ray

from clean.errors import ConfigError, WorkerLost

RETRIES = 3  # runs of a task whose worker died, after the first
CONNECT_SECONDS = 5.0  # to reach a --ray-address before giving up
RAY_MISSING = "--ray-address {address}: cannot join a Ray cluster there ({why})"

# A worker process's copy of the current step's state: [object id, state]. Read once per
# worker and step, instead of once per task.
_state: list[Any] = [None, None]


class Ray:
    """Ray tasks, at most ``workers`` at once (None: one per CPU of the cluster); starts a
    local Ray with that many CPUs unless Ray is running or ``address`` names a cluster."""

    def __init__(self, workers: int | None, address: str | None = None):
        self.started = not ray.is_initialized()
        if self.started:
            options: dict[str, Any] = {
                "include_dashboard": False,
                "log_to_driver": False,
                "logging_level": logging.ERROR,
                "configure_logging": False,
            }
            # Ray's start-up notices (token authentication ...) would land in our summary
            quiet, level = logging.getLogger("ray"), logging.getLogger("ray").level
            quiet.setLevel(logging.ERROR)
            try:
                if address is not None:
                    _reachable(address)
                    ray.init(address=address, **options)
                else:
                    ray.init(num_cpus=workers or os.cpu_count() or 1, **options)
            except (ConnectionError, RuntimeError, ValueError) as exc:
                raise ConfigError(RAY_MISSING.format(address=address, why=exc)) from None
            finally:
                quiet.setLevel(level)
        self.window = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        self.remote = ray.remote(max_retries=RETRIES)(_call)

    def map(
        self, task: Callable[[dict[str, Any], Any], Any], jobs: Iterable[Any], state: dict[str, Any]
    ) -> Iterator[Any]:
        """``task(state, job)`` as Ray tasks, at most ``window`` in flight, results in order."""
        box = [ray.put(state)]  # in a list, so that Ray passes the reference, not the value
        pending: deque[tuple[Any, Any]] = deque()
        jobs = iter(jobs)
        while True:
            while len(pending) < self.window:
                if (job := next(jobs, None)) is None:
                    break
                pending.append((job, self.remote.remote(task, box, job)))
            if not pending:
                return
            job, ref = pending.popleft()
            try:
                yield ray.get(ref)
            except ray.exceptions.RayTaskError as exc:
                # the task's own error (an unwritable OUT, --debug's internal error) as raised
                raise exc.cause from None
            except ray.exceptions.RayError:  # its worker died each of its RETRIES + 1 runs
                raise WorkerLost(job, RETRIES + 1) from None

    def close(self) -> None:
        if self.started:
            ray.shutdown()


def _reachable(address: str) -> None:
    """Refuse at once a ``host:port`` where nothing listens (Ray would retry for minutes)."""
    host, sep, port = address.removeprefix("ray://").rpartition(":")
    if not sep or not port.isdigit():
        return  # "auto", or a form Ray resolves itself
    try:
        socket.create_connection((host, int(port)), timeout=CONNECT_SECONDS).close()
    except OSError as exc:
        raise ConnectionError(f"nothing answers there: {exc.strerror or exc}") from None


def _call(task: Callable[[dict[str, Any], Any], Any], box: list[Any], job: Any) -> Any:
    key = box[0].hex()
    if _state[0] != key:
        _state[:] = [key, ray.get(box[0])]
    return task(_state[1], job)
