"""The duplicate baselines of issue 13, computed the same way by every dedup benchmark.

- **containment**: word bigrams (lower-cased ``\\w+`` words), the share of the smaller text's
  bigrams that the other holds; a pair is a duplicate at ``CONTAINMENT`` (0.5) or more. Exact
  sets, no sketch: the few lines one writes first.
- **news-copy**: text-dedup's setting for NEWS-COPY, bigram Jaccard at ``NEWS_COPY`` (0.45)
  or more, exact, pairwise.
- **datatrove**: datatrove's default MinHash deduplication (``MinhashConfig()``: word 5-grams of
  ``simplify_text``'s form, 14 bands of 8 hashes, seed 1, any shared band is a duplicate,
  clusters by union-find over the whole corpus), written here with numpy and ``hashlib``: the
  same scheme (sha1 32-bit shingle hashes, ``(a*h + b) mod 2**61-1`` permutations from
  ``numpy.random.RandomState(1)``), not datatrove's code, so its hash values are not
  guaranteed byte-identical to the library's.

All three read the text they are given: the benchmarks give them the raw text (chrome and
all), as a user of those tools would. Standard library and numpy only.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import unicodedata
from collections.abc import Iterable

import numpy as np

CONTAINMENT = 0.5
NEWS_COPY = 0.45
DT_NGRAMS, DT_BANDS, DT_ROWS, DT_SEED = 5, 14, 8, 1
MERSENNE = np.uint64((1 << 61) - 1)
MAX32 = np.uint64(0xFFFFFFFF)

WORD = re.compile(r"\w+")
# datatrove's simplify_text: lower case, white space folded, punctuation removed, diacritics
# dropped, every run of digits one "0"
PUNCTUATION = re.compile(r"[^\w\s]+")
WHITESPACE = re.compile(r"\s+")
DIGITS = re.compile(r"\d+")

BASELINES = {
    "containment": f"word-bigram containment ≥ {CONTAINMENT}",
    "news_copy": f"bigram Jaccard ≥ {NEWS_COPY} (text-dedup NEWS-COPY)",
    "datatrove": f"datatrove MinHash ({DT_NGRAMS}-grams, {DT_BANDS}×{DT_ROWS})",
}
PAIRWISE = ("containment", "news_copy")


def bigrams(text: str) -> frozenset[str]:
    """The text's lower-cased word bigrams.

    >>> sorted(bigrams("The cat, the CAT."))
    ['cat the', 'the cat']
    """
    words = WORD.findall(text.lower())
    return frozenset(f"{a} {b}" for a, b in itertools.pairwise(words))


def containment(a: frozenset[str], b: frozenset[str]) -> float:
    """The share of the smaller set that the other holds (0 if either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """``|a ∩ b| / |a ∪ b|`` (0 if both are empty)."""
    if not a and not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


class Pairwise:
    """The two pairwise baselines over a fixed set of texts, bigrams computed once per text."""

    def __init__(self, texts: dict[str, str]):
        self.texts = texts
        self._bigrams: dict[str, frozenset[str]] = {}

    def grams(self, doc_id: str) -> frozenset[str]:
        if doc_id not in self._bigrams:
            self._bigrams[doc_id] = bigrams(self.texts[doc_id])
        return self._bigrams[doc_id]

    def decide(self, name: str, a: str, b: str) -> bool:
        """Whether baseline ``name`` (``containment`` or ``news_copy``) calls a pair a duplicate."""
        ga, gb = self.grams(a), self.grams(b)
        if name == "containment":
            return containment(ga, gb) >= CONTAINMENT
        return jaccard(ga, gb) >= NEWS_COPY

    def all_pairs(self, name: str, ids: Iterable[str]) -> list[tuple[str, str]]:
        """Every pair of ``ids`` (sorted, ``a < b``) the baseline calls a duplicate: quadratic,
        for corpora of a few thousand documents at most."""
        ordered = sorted(ids)
        grams = [self.grams(i) for i in ordered]
        sizes = [len(g) for g in grams]
        found = []
        for x, ga in enumerate(grams):
            for y in range(x + 1, len(grams)):
                gb = grams[y]
                if not ga or not gb:
                    continue
                if name == "containment":
                    # the bound: containment cannot reach the threshold when the smaller set
                    # is larger than what the larger set could hold of it
                    shared = len(ga & gb)
                    ok = shared >= CONTAINMENT * min(sizes[x], sizes[y])
                else:
                    if min(sizes[x], sizes[y]) < NEWS_COPY * max(sizes[x], sizes[y]):
                        continue  # Jaccard <= smaller / larger
                    shared = len(ga & gb)
                    ok = shared >= NEWS_COPY * (sizes[x] + sizes[y] - shared)
                if ok:
                    found.append((ordered[x], ordered[y]))
        return found


def simplify(text: str) -> str:
    """datatrove's ``simplify_text`` with its defaults.

    >>> simplify("Harga  Emas naik Rp 1.037.000, kata Budi!")
    'harga emas naik rp 0 kata budi'
    """
    text = WHITESPACE.sub(" ", text.lower().strip())
    text = PUNCTUATION.sub("", text)
    text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return DIGITS.sub("0", text).strip()


def _permutations() -> tuple[np.ndarray, np.ndarray]:
    gen = np.random.RandomState(DT_SEED)
    size = (1, DT_BANDS * DT_ROWS)
    a = gen.randint(1, int(MERSENNE), dtype=np.uint64, size=size)
    b = gen.randint(0, int(MERSENNE), dtype=np.uint64, size=size)
    return a, b


def dt_signature(text: str, perms: tuple[np.ndarray, np.ndarray]) -> np.ndarray | None:
    """``uint32[bands, rows]``, or None for a text of fewer than 5 words (datatrove skips it)."""
    words = simplify(text).split()
    if len(words) < DT_NGRAMS:
        return None
    grams = {" ".join(words[i : i + DT_NGRAMS]) for i in range(len(words) - DT_NGRAMS + 1)}
    hashes = np.fromiter(
        (int.from_bytes(hashlib.sha1(g.encode("utf-8")).digest()[:4], "little") for g in grams),
        dtype=np.uint64,
        count=len(grams),
    ).reshape(-1, 1)
    a, b = perms
    with np.errstate(over="ignore"):
        values = ((hashes * a + b) % MERSENNE) & MAX32
    return values.min(axis=0).astype(np.uint32).reshape(DT_BANDS, DT_ROWS)


class UnionFind:
    """Disjoint sets over string ids; the root of a set is its smallest id."""

    def __init__(self, ids: Iterable[str]):
        self.parent = {i: i for i in ids}

    def find(self, x: str) -> str:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def clusters(self) -> dict[str, str]:
        """``{id: root}`` for every id in a set of two or more."""
        roots = {i: self.find(i) for i in self.parent}
        sizes: dict[str, int] = {}
        for r in roots.values():
            sizes[r] = sizes.get(r, 0) + 1
        return {i: r for i, r in roots.items() if sizes[r] > 1}


def datatrove_clusters(texts: dict[str, str]) -> dict[str, str]:
    """``{id: cluster}`` of datatrove's default MinHash over ``texts``: documents sharing any
    band are joined (union-find); documents alone are left out."""
    perms = _permutations()
    sets = UnionFind(texts)
    first: dict[tuple[int, bytes], str] = {}
    for doc_id in sorted(texts):
        signature = dt_signature(texts[doc_id], perms)
        if signature is None:
            continue
        for band in range(DT_BANDS):
            key = (band, signature[band].tobytes())
            if key in first:
                sets.union(first[key], doc_id)
            else:
                first[key] = doc_id
    return sets.clusters()
