"""Run the per-document boundary on worker processes, results in input order.

:func:`clean.pipeline.clean_one` is a pure function of a document and the rules, so documents
can be cleaned anywhere; what must stay in one place is the order (output bytes do not depend
on the worker count) and the few steps that need every document (unique ids, duplicates,
site boilerplate). This local engine sends batches of documents to a process pool, keeps a
bounded window of batches in flight (memory stays flat however long the input) and yields
the results in the order the documents came. It serves both passes of a run: cleaning
(:func:`clean_in_workers`) and, once every document is written, removing the learned site
boilerplate and sketching what is left for duplicates (:func:`edit_in_workers`). A Ray
engine would do the same over shards.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import TYPE_CHECKING, Any, NamedTuple

from clean.records import Doc, Document, Rejected
from clean.rules import RuleSet

if TYPE_CHECKING:
    from clean.dedup import DedupConfig
    from clean.dedup.store import Sketch

BATCH = 16  # items per task: enough to hide the cost of sending them
WINDOW = 4  # batches in flight per worker
PARENT_POLL = 1.0  # seconds between a worker's checks that its run is still there

# A worker's run-wide state, set once by the pool's initializer (a worker serves one run).
_worker: dict[str, Any] = {}


def ordered_map(
    task: Callable[[list[Any]], list[Any]],
    items: Iterable[Any],
    workers: int,
    state: dict[str, Any],
) -> Iterator[Any]:
    """``task`` over batches of ``items`` on ``workers`` processes, results in input order.

    ``state`` (the run's rules, learned lines, settings) is sent once per worker and read by
    ``task`` from ``_worker``. One worker or fewer runs in this process, through the same code.
    """
    items = iter(items)
    if workers <= 1:
        _start(state)
        while batch := list(islice(items, BATCH)):
            yield from task(batch)
        return
    start = (state, os.getpid())
    with ProcessPoolExecutor(workers, initializer=_start, initargs=start) as pool:
        pending: deque[Future[list[Any]]] = deque()
        while True:
            while len(pending) < workers * WINDOW and (batch := list(islice(items, BATCH))):
                pending.append(pool.submit(task, batch))
            if not pending:
                return
            yield from pending.popleft().result()


def _start(state: dict[str, Any], parent: int | None = None) -> None:
    _worker.clear()
    _worker.update(state)
    if parent is not None:
        threading.Thread(target=_watch, args=(parent,), daemon=True).start()


def _watch(parent: int) -> None:
    """Exit when the parent is gone: a killed run (kill -9) must not leave its workers
    waiting forever on a queue whose other end their siblings still hold."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL)
    os._exit(1)


def _clean_batch(docs: list[Doc]) -> list[Document | Rejected]:
    from clean.pipeline import clean_one

    return [clean_one(doc, _worker["rules"], _worker["debug"]) for doc in docs]


def clean_in_workers(
    docs: Iterable[Doc], rules: RuleSet, workers: int, debug: bool = False
) -> Iterator[Document | Rejected]:
    """``clean_one`` over ``docs`` on ``workers`` processes, in input order."""
    return ordered_map(_clean_batch, docs, workers, {"rules": rules, "debug": debug})


def _edit_batch(records: list[dict[str, Any]]) -> list[Edited]:
    from clean.boilerplate import apply_record, site_key
    from clean.dedup import sketch

    learned, config, perms = _worker["learned"], _worker["config"], _worker.get("perms")
    if config is not None and perms is None:
        from clean.dedup import Permutations

        perms = _worker["perms"] = Permutations(config.num_perm, config.seed)
    out = []
    for record in records:
        new, removed = apply_record(record, learned)
        meta = new["metadata"]
        out.append(
            Edited(
                new if removed else None,
                site_key(meta["site"], meta["source"]),
                removed,
                sketch(new["id"], new["text"], meta["published"], config, perms)
                if config
                else None,
            )
        )
    return out


class Edited(NamedTuple):
    """A written record after the run-level stages: ``record`` is None when it is unchanged."""

    record: dict[str, Any] | None
    site: str
    removed: list[str]
    sketch: Sketch | None


def edit_in_workers(
    records: Iterable[dict[str, Any]],
    learned: dict[str, dict[int, int]],
    config: DedupConfig | None,
    workers: int,
) -> Iterator[Edited]:
    """The second pass over written records: site boilerplate out, then the duplicate sketch
    of what is left (``config`` None: no sketch), on ``workers`` processes, in input order."""
    return ordered_map(_edit_batch, records, workers, {"learned": learned, "config": config})
