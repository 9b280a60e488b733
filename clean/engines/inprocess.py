"""The in-process engine: each job in turn, in this process (``--workers 1``, tests)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any


class InProcess:
    """Runs every job here, one after another."""

    def map(
        self, task: Callable[[dict[str, Any], Any], Any], jobs: Iterable[Any], state: dict[str, Any]
    ) -> Iterator[Any]:
        """``task(state, job)`` for each job, in order."""
        for job in jobs:
            yield task(state, job)
