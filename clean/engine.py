"""Run the per-document boundary on worker processes, results in input order.

:func:`clean.pipeline.clean_one` is a pure function of a document and the rules, so documents
can be cleaned anywhere; what must stay in one place is the order (output bytes do not depend
on the worker count) and the few steps that need every document (unique ids, duplicates,
site boilerplate). This local engine sends batches of documents to a process pool, keeps a
bounded window of batches in flight (memory stays flat however long the input) and yields
the results in the order the documents came. A Ray engine would do the same over shards.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from clean.records import Doc, Document, Rejected
from clean.rules import RuleSet

BATCH = 16  # documents per task: enough to hide the cost of sending them
WINDOW = 4  # batches in flight per worker

# A worker's rules, set once by the pool's initializer (a worker process serves one run).
_worker: dict[str, object] = {}


def _start(rules: RuleSet, debug: bool) -> None:
    _worker["rules"], _worker["debug"] = rules, debug


def _clean_batch(docs: list[Doc]) -> list[Document | Rejected]:
    from clean.pipeline import clean_one

    rules, debug = _worker["rules"], _worker["debug"]
    return [clean_one(doc, rules, debug) for doc in docs]  # type: ignore[arg-type]


def clean_in_workers(
    docs: Iterable[Doc], rules: RuleSet, workers: int, debug: bool = False
) -> Iterator[Document | Rejected]:
    """``clean_one`` over ``docs`` on ``workers`` processes, in input order."""
    docs = iter(docs)
    with ProcessPoolExecutor(workers, initializer=_start, initargs=(rules, debug)) as pool:
        pending: deque[Future[list[Document | Rejected]]] = deque()
        while True:
            while len(pending) < workers * WINDOW and (batch := list(islice(docs, BATCH))):
                pending.append(pool.submit(_clean_batch, batch))
            if not pending:
                return
            yield from pending.popleft().result()
