"""Pairs worth verifying, from sorted columns: never all pairs, so the cost grows with the corpus.

Every function here is over numpy columns indexed by row number, so a memory-mapped store will
do, and each bounds what it holds at once.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from clean.dedup.hashing import mix, unique
from clean.dedup.sketch import _SHINGLE_MULT, DedupConfig

CHUNK = 1 << 16  # rows or pairs handled at once when reading signatures


PAIR_BUDGET = 1 << 22  # pairs of documents sharing values counted at once


BANDS_AT_ONCE = 7  # LSH bands whose pairs are ranked together (42 bands: 6 rounds)


# Documents sharing a band key or an anchor with more than this many others are paired with the
# next few in representative order and with the first: enough to connect a family of a
# thousand versions, linear in a corpus of one template.
RUN_WINDOW = 4


def candidate_pairs(
    signatures: np.ndarray,
    rows: np.ndarray,
    anchors: tuple[np.ndarray, np.ndarray],
    facts: tuple[np.ndarray, np.ndarray],
    ranks: np.ndarray,
    config: DedupConfig,
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs among ``rows`` worth verifying, as sorted pair codes with their likeness.

    ``signatures`` (``[n, num_perm]``, a memory map will do: it is read in chunks and by row)
    and ``ranks`` (the :func:`representative_key` order) have one row per document; ``anchors``
    is ``(values, rows)`` of the anchors of ``rows``, ``facts`` of every row's fact numbers.
    Three sources, all sort-based, so the cost grows with the corpus, not with its square:

    - **bands** of the MinHash signatures (:func:`band_keys`): near copies share one band of
      ``band_rows`` values with a probability that rises steeply with their similarity
      (Jaccard 0.3: 0.68, 0.5: 0.996 at 3 rows of 128);
    - **anchors**: documents sharing ``anchors_shared`` anchors share a passage, however small
      a part it is of the longer one (a story inside a digest, an old article under a new lead);
    - **the same facts**: documents reporting the same set of (at least ``rare_shared``) fact
      numbers: copies of one report among a thousand reports of its template, which share
      every band and anchor but those few.

    Likeness is the share of signature values the pair agrees on, or of the smaller document's
    anchors it shares, whichever is larger, and 1 for the same facts; each document keeps its
    ``max_candidates`` likest, so a thousand reports from one template cost linear
    verification. The likest are kept as the sources give their pairs (:class:`Closest`,
    ``BANDS_AT_ONCE`` bands a round), never every pair of every band at once.
    """
    n = signatures.shape[0]
    empty = np.zeros(0, dtype=np.int64), np.zeros(0)
    if rows.size < 2:
        return empty
    keys = np.concatenate(
        [
            band_keys(np.asarray(signatures[rows[at : at + CHUNK]]), config.band_rows)
            for at in range(0, rows.size, CHUNK)
        ]
    )
    # In a long run of one key (a band or an anchor every report of a template has), each
    # document is paired with its neighbours in an order that puts alike documents side by
    # side: by the next bands' keys, so two near copies sit together however many reports of
    # the template share the run (then by rank, which breaks the ties).
    bands = keys.shape[1]
    closest = Closest(signatures, ranks, config.max_candidates)
    for first in range(0, bands, BANDS_AT_ONCE):
        found = []
        for b in range(first, min(first + BANDS_AT_ONCE, bands)):
            beside = _positions(
                np.lexsort((ranks[rows], keys[:, (b + 2) % bands], keys[:, (b + 1) % bands]))
            )
            found.append(_codes(*(rows[x] for x in _run_pairs(keys[:, b], beside, RUN_WINDOW)), n))
        closest.add(unique(np.concatenate(found)))
    values, owners = anchors
    counts = np.bincount(owners, minlength=n)
    beside = ranks.copy()
    beside[rows] = _positions(np.lexsort((ranks[rows], keys[:, 1 % bands], keys[:, 0])))
    del keys
    shared_codes, shared = _shared_pairs(values, owners, beside, n, config.max_candidates)
    keep = shared >= config.anchors_shared
    shared_codes, shared = shared_codes[keep], shared[keep]
    i, j = shared_codes // n, shared_codes % n
    smaller = np.maximum(np.minimum(counts[i], counts[j]), 1)
    closest.add(shared_codes, shared / smaller)
    # the same facts first: among a template's reports, every sibling's signature agrees with
    # a document about as much as its own copy's does
    key = _set_keys(*facts, n, config.rare_shared)[rows]
    same_facts = unique(_codes(*(rows[x] for x in _run_pairs(key, ranks[rows], RUN_WINDOW)), n))
    closest.add(same_facts, np.ones(same_facts.size))
    return closest.codes, closest.likeness


class Closest:
    """The candidate pairs kept so far, as the sources give them: each pair's likeness (the
    share of signature values the two agree on, or more where a source says so), and only the
    pairs among the ``limit`` likest of one of their documents. A pair cut once is cut for
    good: later pairs only crowd a document's likest further, so the pairs kept at the end
    are those of all the sources at once, without ever holding them all."""

    def __init__(self, signatures: np.ndarray, ranks: np.ndarray, limit: int):
        self.signatures, self.ranks, self.limit = signatures, ranks, limit
        self.n = signatures.shape[0]
        self.codes = np.zeros(0, dtype=np.int64)  # sorted
        self.likeness = np.zeros(0)

    def add(self, codes: np.ndarray, at_least: np.ndarray | None = None) -> None:
        """Pairs (sorted unique codes), with a likeness they have at least (``at_least``)."""
        if codes.size == 0:
            return
        n = self.n
        # the signatures' agreement, read only for the pairs not kept already
        known = np.searchsorted(self.codes, codes)
        inside = known < self.codes.size
        inside[inside] = self.codes[known[inside]] == codes[inside]
        likeness = np.empty(codes.size)
        likeness[inside] = self.likeness[known[inside]]
        fresh = ~inside
        likeness[fresh] = _agreement(self.signatures, codes[fresh] // n, codes[fresh] % n)
        likeness[fresh] /= self.signatures.shape[1]
        if at_least is not None:
            likeness = np.maximum(likeness, at_least)
        # the pairs kept and these together: each code once, with its highest likeness
        others = ~np.isin(self.codes, codes[inside])
        codes = np.concatenate((self.codes[others], codes))
        likeness = np.concatenate((self.likeness[others], likeness))
        order = np.argsort(codes, kind="stable")
        codes, likeness = codes[order], likeness[order]
        i, j = codes // n, codes % n
        closest = _closest(
            np.concatenate((i, j)), np.concatenate((j, i)), np.tile(likeness, 2),
            self.limit, self.ranks,
        )  # fmt: skip
        keep = closest[: i.size] | closest[i.size :]
        self.codes, self.likeness = codes[keep], likeness[keep]


def _set_keys(values: np.ndarray, owners: np.ndarray, n: int, least: int) -> np.ndarray:
    """``uint64[n]``: a hash of each row's set of values; rows with fewer than ``least`` values
    get a key of their own (their row number), so they pair with nothing."""
    keys = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        np.add.at(keys, owners, mix(values.astype(np.uint64) + np.uint64(1)))
    few = np.bincount(owners, minlength=n) < least
    keys[few] = np.flatnonzero(few).astype(np.uint64)  # never 0 mod 2**64 of a real set, nearly
    return keys


def _positions(order: np.ndarray) -> np.ndarray:
    """Each item's place in ``order`` (the inverse permutation)."""
    places = np.empty(order.size, dtype=np.int64)
    places[order] = np.arange(order.size)
    return places


def band_keys(signatures: np.ndarray, rows: int) -> np.ndarray:
    """``uint32[n, bands]``: each band of ``rows`` signature values hashed to one key.

    >>> sig = np.array([[1, 2, 3, 4, 5, 6], [1, 2, 3, 9, 5, 6]], dtype=np.uint32)
    >>> k = band_keys(sig, 3)
    >>> k.shape, bool(k[0, 0] == k[1, 0]), bool(k[0, 1] == k[1, 1])
    ((2, 2), True, False)
    """
    n, p = signatures.shape
    bands = p // rows
    values = signatures[:, : bands * rows].astype(np.uint64).reshape(n, bands, rows)
    h = np.zeros((n, bands), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(rows):
            h = mix(h * _SHINGLE_MULT + values[:, :, k] + np.uint64(1))
    return (h >> np.uint64(32)).astype(np.uint32)


def _run_pairs(keys: np.ndarray, ranks: np.ndarray, window: int) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of rows with equal ``keys``, as two arrays of row numbers.

    A run of equal keys, in the order of ``ranks`` (the best representative first), pairs
    each member with the next ``window`` members and with the run's first: every pair when
    the run is short, and a linear number that still connects the run when it is long.

    >>> a, b = _run_pairs(np.array([7, 3, 7, 7, 5]), np.arange(5), 1)
    >>> sorted(zip(a.tolist(), b.tolist()))
    [(0, 2), (0, 3), (2, 3)]
    """
    chunks = [(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))]
    chunks += _run_pair_chunks(keys, ranks, window)
    return np.concatenate([f for f, _ in chunks]), np.concatenate([s for _, s in chunks])


def _run_pair_chunks(
    keys: np.ndarray, ranks: np.ndarray, window: int, short: int = 0
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """:func:`_run_pairs` in pieces, one per distance in the runs (and one per long run).

    Runs of at most ``short`` rows (``window + 1`` by default) give every pair; longer runs
    pair each row with the next ``window`` and with the run's first.
    """
    if keys.size < 2:
        return
    short = max(short, window + 1)
    order = np.lexsort((ranks, keys))
    k = keys[order]
    same = k[1:] == k[:-1]
    member = np.concatenate(([False], same)) | np.concatenate((same, [False]))
    order, k = order[member], k[member]  # only rows in runs of two or more
    starts = np.flatnonzero(np.concatenate(([True], k[1:] != k[:-1])))[: k.size]
    lengths = np.diff(np.append(starts, k.size))
    is_long = np.repeat(lengths > short, lengths)
    for d in range(1, short):
        eq = k[d:] == k[:-d]
        if not eq.any():
            break
        if d > window:
            eq &= ~is_long[d:]
        yield order[:-d][eq], order[d:][eq]
    for start, length in zip(starts[lengths > short], lengths[lengths > short], strict=True):
        rest = order[start + window + 1 : start + length]
        yield np.full(rest.size, order[start]), rest


def _codes(a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    """Unordered pairs of row numbers below ``n`` as one int64 each: ``min * n + max``."""
    a, b = a.astype(np.int64), b.astype(np.int64)
    return np.minimum(a, b) * n + np.maximum(a, b)


def _shared_pairs(
    values: np.ndarray, docs: np.ndarray, ranks: np.ndarray, n: int, short: int
) -> tuple[np.ndarray, np.ndarray]:
    """Pair codes of documents sharing values, sorted, with how many they share.

    Each value pairs the documents holding it as :func:`_run_pair_chunks` does (every pair in a
    run of at most ``short``, a window of ``RUN_WINDOW`` in a longer one). A corpus where many
    documents share many values makes many pairs: past ``PAIR_BUDGET`` they are written, in one
    pass, to part files on disk by a hash of the pair, and each part is counted alone, so
    memory stays bounded and the work linear.
    """
    empty = np.zeros(0, dtype=np.int64)
    if values.size == 0:
        return empty, empty
    _, inverse, df = np.unique(values, return_inverse=True, return_counts=True)
    runs = df[df >= 2]
    emitted = int(np.where(runs <= short, runs * (runs - 1) // 2, runs * (RUN_WINDOW + 1)).sum())
    keep = (df >= 2)[inverse]
    docs, inverse = docs[keep], inverse[keep]
    chunks = (
        _codes(docs[a], docs[b], n)[docs[a] != docs[b]]
        for a, b in _run_pair_chunks(inverse, ranks[docs], RUN_WINDOW, short)
    )
    parts = -(-emitted // PAIR_BUDGET)
    if parts <= 1:
        found = [_count(np.concatenate([empty, *chunks]))]
    else:
        found = list(_count_in_parts(chunks, parts))
    codes = np.concatenate([empty, *(c for c, _ in found)])
    shared = np.concatenate([empty, *(k for _, k in found)])
    order = np.argsort(codes, kind="stable")
    return codes[order], shared[order]


def _count(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return np.unique(codes, return_counts=True)


def _count_in_parts(
    chunks: Iterator[np.ndarray], parts: int
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """The pairs of ``chunks`` counted part by part: each chunk split by ``code % parts`` into
    files, then each file counted (a pair is always in one part)."""
    with tempfile.TemporaryDirectory(prefix="clean-pairs-") as folder:
        paths = [Path(folder) / f"{p}.bin" for p in range(parts)]
        files = [open(path, "ab") for path in paths]
        try:
            for codes in chunks:
                part = codes % parts
                order = np.argsort(part, kind="stable")
                bounds = np.searchsorted(part[order], np.arange(parts + 1))
                for p in range(parts):
                    files[p].write(codes[order[bounds[p] : bounds[p + 1]]].tobytes())
        finally:
            for f in files:
                f.close()
        for path in paths:
            yield _count(np.fromfile(path, dtype=np.int64))


def _agreement(signatures: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Signature values rows ``i`` and ``j`` share, pair by pair, in bounded chunks."""
    out = np.empty(i.size, dtype=np.int64)
    for at in range(0, i.size, CHUNK):
        sl = slice(at, at + CHUNK)
        out[sl] = (signatures[i[sl]] == signatures[j[sl]]).sum(axis=1)
    return out


def _closest(
    rows: np.ndarray, partners: np.ndarray, likeness: np.ndarray, limit: int, ranks: np.ndarray
) -> np.ndarray:
    """Which entries are among their row's ``limit`` likest (ties: the better-ranked partner,
    so not the input order)."""
    order = np.lexsort((ranks[partners], -likeness, rows))
    sorted_rows = rows[order]
    first = np.searchsorted(sorted_rows, sorted_rows, side="left")
    keep = np.zeros(rows.size, dtype=bool)
    keep[order] = np.arange(rows.size) - first < limit
    return keep
