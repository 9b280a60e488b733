"""Hashes the duplicate stage computes without a Python loop: words, word k-grams, sorted sets.

Stable across runs, machines and processes (no ``hash()``), so sketches made on workers agree.
"""

from __future__ import annotations

import numpy as np

_P = np.uint64(0x100000001B3)  # polynomial base for token hashes (odd, so invertible mod 2^64)


_MIX1 = np.uint64(0xFF51AFD7ED558CCD)


_MIX2 = np.uint64(0xC4CEB9FE1A85EC53)


_KGRAM_MULT = np.uint64(0x9E3779B97F4A7C15)


def token_hashes(folded: str) -> np.ndarray:
    """64-bit hashes of the space-separated tokens of ``folded``, computed without a Python loop.

    A polynomial hash over the UTF-8 bytes: prefix sums of ``byte * P**i`` (mod 2**64) give
    every token's hash as a difference, scaled back by the inverse power of ``P``.

    >>> h = token_hashes("kata as kata")
    >>> len(h), bool(h[0] == h[2]), bool(h[0] == h[1])
    (3, True, False)
    """
    data = np.frombuffer(folded.encode("utf-8"), dtype=np.uint8)
    if data.size == 0:
        return np.zeros(0, dtype=np.uint64)
    space = data == 32
    edges = np.flatnonzero(np.diff(np.concatenate(([True], space, [True])).astype(np.int8)))
    starts, ends = edges[0::2], edges[1::2]
    with np.errstate(over="ignore"):
        powers = _powers(_P, data.size)
        prefix = np.concatenate(([np.uint64(0)], np.cumsum(data.astype(np.uint64) * powers)))
        inverse = np.uint64(pow(int(_P), -1, 1 << 64))
        raw = (prefix[ends] - prefix[starts]) * _powers(inverse, data.size)[starts]
        raw ^= (ends - starts).astype(np.uint64)  # length, so "a b" and "ab" differ
        return mix(raw)


def _powers(base: np.uint64, n: int) -> np.ndarray:
    """``base**0 .. base**(n-1)`` modulo 2**64."""
    out = np.empty(n, dtype=np.uint64)
    out[0] = 1
    with np.errstate(over="ignore"):
        np.cumprod(np.full(n - 1, base, dtype=np.uint64), out=out[1:])
    return out


def mix(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser: spreads every input bit over the output."""
    with np.errstate(over="ignore"):
        h = h ^ (h >> np.uint64(33))
        h = h * _MIX1
        h = h ^ (h >> np.uint64(33))
        h = h * _MIX2
        return h ^ (h >> np.uint64(33))


def kgrams(hashes: np.ndarray, k: int) -> np.ndarray:
    """``uint64`` hashes of every run of ``k`` words (none if the text is shorter)."""
    n = hashes.size - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i in range(k):
            h = h * _KGRAM_MULT + hashes[i : i + n].astype(np.uint64) + np.uint64(1)
    return mix(h)


def word_hashes(words: list[str]) -> np.ndarray:
    """32-bit hashes of words, stable across runs and machines.

    >>> h = word_hashes(["kata", "as", "kata"])
    >>> bool(h[0] == h[2]), bool(h[0] == h[1])
    (True, False)
    """
    if not words:
        return np.zeros(0, dtype=np.uint32)
    return (token_hashes(" ".join(words)) >> np.uint64(32)).astype(np.uint32)


def unique(values: np.ndarray) -> np.ndarray:
    """``np.unique(values)`` by sorting: numpy 2's hashing unique costs 8x more on a document's
    few hundred values.

    >>> unique(np.array([3, 1, 3, 2], dtype=np.uint32)).tolist()
    [1, 2, 3]
    """
    values = np.sort(values)
    return values[np.concatenate(([True], values[1:] != values[:-1]))] if values.size else values
