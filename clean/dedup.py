"""Find duplicates: exact copies, near-duplicates, rewrites of one story and partial copies.

The only module that uses datasketch. Two steps, because duplicates need every document:

1. :func:`sketch` (pure, per document, can run on a worker) turns a clean text into a small
   :class:`Sketch`: a hash of its fingerprint, datasketch's MinHash signature of its word
   shingles, and hashes of the names and numbers it reports.
2. :class:`Deduplicator` collects sketches (not texts), finds candidate pairs with sorted
   columns (:func:`candidate_pairs`: LSH bands of the signatures, and shared rare names and
   numbers), verifies every candidate pair (shingle similarity, containment, and agreement on
   names and numbers), and clusters the verified pairs around a representative that every
   member must verify against directly, so chains of weak links cannot glue unrelated
   stories together.

The fingerprint form is separate from the output text: lower-cased, punctuation folded,
thousands separators dropped from numbers.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, fields
from typing import Any

import numpy as np

from clean.errors import ConfigError
from clean.sketchstore import Sketch, SketchStore

RELATIONS = ("exact", "near", "partial", "rewrite")

# Numbers: "1.000", "1,000" and "1000" are one number; the digits themselves stay (they are
# the facts that tell a templated price report from yesterday's).
THOUSANDS = re.compile(r"(?<=\d)[.,](?=\d{3}(?!\d))")
FOLD = re.compile(r"[^\w]+|_+")
# "20 ribu" is "20.000": number words (Indonesian, English) become the number they name.
SCALED = re.compile(r"\b(\d+)\s+(ribu|thousand|juta|million|miliar|milyar|billion)\b", re.I)
SCALES = {"ribu": 3, "thousand": 3, "juta": 6, "million": 6, "miliar": 9, "milyar": 9, "billion": 9}
# Names (capitalised words not at a sentence start, all-caps words) and numbers.
ENTITY = re.compile(
    r"(?<![.!?\"“”]\s)(?<!^)\b(?:[A-Z][\w'’-]*[\w]|[A-Z]{2,})\b|\d+(?:[.,:]\d+)*", re.M
)
# Numbers that carry facts: 3+ digits or a decimal/time separator (1037, 20000, 3,5, 04:35).
# Days, months and small counts are too often written as words or dates ("Senin (5/7)" in one
# translation, "on Monday" in the other) to be evidence either way.
FACT_NUMBER = re.compile(r"\d{3,}|\d[.,:]\d")

WORD = re.compile(r"\w[\w'’-]*")
TOKEN = re.compile(r"\d+(?:[.,:]\d+)*|\w[\w'’-]*")
# Words that start sentences, capitalised where a sentence break was missed ("(AFP) However",
# a list item): never names. English and Indonesian.
NOT_NAMES = frozenset(
    """a after also although an and as at but by during first for from he her his however i if
    in it its last meanwhile more most my next no not now of on once one our perhaps she since so
    some still that the their then there these they this those though thus to today under
    we when where while why with yesterday yet you
    adapun akan bagi bahkan beberapa bila dalam dan dari demikian dengan di dia hal hari ia ini
    itu jika juga kami kemudian ketika kini kita lalu maka meski meskipun mereka menurut namun
    pada para saat sebelumnya sedangkan sehingga sejak selain selama sementara setelah tak tapi
    tetapi untuk walaupun yang""".split()  # noqa: SIM905 - a word list reads better as text
)
HEADLINE_WORDS = 25  # a line of at most this many words ...
HEADLINE_CAPITALS = 0.6  # ... this share of them capitalised is a headline

_P = np.uint64(0x100000001B3)  # polynomial base for token hashes (odd, so invertible mod 2^64)
_MIX1 = np.uint64(0xFF51AFD7ED558CCD)
_MIX2 = np.uint64(0xC4CEB9FE1A85EC53)
_SHINGLE_MULT = np.uint64(0x9E3779B97F4A7C15)
CHUNK = 1 << 16  # rows or pairs handled at once when reading signatures
RARE_BUDGET = 1 << 22  # pairs of documents sharing rare values counted at once


@dataclass(frozen=True, slots=True)
class DedupConfig:
    """Duplicate-finding settings; every value is recorded in report.json."""

    shingle: int = 2  # word n-grams hashed into the MinHash signature
    num_perm: int = 128
    seed: int = 1
    band_rows: int = 3  # LSH: signature values per band; a pair sharing a band is a candidate
    rare_df: int = 50  # a name or fact number in 2..rare_df documents is rare ...
    rare_shared: int = 2  # ... and documents sharing this many rare values are a candidate pair
    near_jaccard: float = 0.5  # shingle Jaccard for near-duplicates
    copy_containment: float = 0.7  # shingle containment of a near copy inside a longer text
    rewrite_containment: float = 0.25  # shingle containment for a rewrite of one story
    rewrite_entities: float = 0.6  # share of the smaller text's names and numbers the other has
    numbers_agree: float = 0.5  # a rewrite needs this (rarity-weighted) share of fact numbers
    min_numbers: int = 3  # numbers a text needs before their disagreement counts
    conflicts: int = 2  # slots filled differently that, with names or numbers short, refuse
    max_conflicts: int = 6  # slots filled differently that refuse a copy whatever else agrees
    partial_ratio: float = 0.6  # size ratio below which a contained text is a partial copy
    min_shingles: int = 20  # shorter texts only take part as exact copies
    min_rewrite_shingles: int = 60  # shorter texts are never rewrites: too few facts to tell
    attach_similarity: float = 0.8  # a near copy this close to a cluster member joins it
    max_candidates: int = 50  # candidates verified per document: the most alike by signature

    @classmethod
    def from_mapping(cls, values: dict[str, Any], where: str) -> DedupConfig:
        """Defaults overridden by ``values``, each checked; problems raise :class:`ConfigError`."""
        known = {f.name: f for f in fields(cls)}
        problems = []
        clean: dict[str, Any] = {}
        for key, value in values.items():
            if key not in known:
                problems.append(f"{where}: unknown setting {key!r} (known: {', '.join(known)})")
                continue
            default = getattr(cls(), key)
            if isinstance(default, int) and not isinstance(default, bool):
                ok = isinstance(value, int) and not isinstance(value, bool) and value >= 1
                problems += [] if ok else [f"{where}: {key} must be a whole number >= 1"]
            else:
                ok = (
                    isinstance(value, (int, float))
                    and not isinstance(value, bool)
                    and 0 <= value <= 1
                )
                problems += [] if ok else [f"{where}: {key} must be a number in [0, 1]"]
            if ok:
                clean[key] = value
        if problems:
            raise ConfigError(problems)
        return cls(**{**asdict(cls()), **clean})


def fingerprint(text: str) -> str:
    """The text as duplicates see it: lower case, punctuation folded, numbers normalised.

    >>> fingerprint("“Lebih dari 1.000 tentara,” kata AS.")
    'lebih dari 1000 tentara kata as'
    """
    return _fold(normalise_numbers(text))


def _fold(normalised: str) -> str:
    return FOLD.sub(" ", normalised.lower()).strip()


def normalise_numbers(text: str) -> str:
    """Thousands separators dropped and number words applied.

    >>> normalise_numbers("20 ribu tentara, 1.037 di antaranya; 2 million people")
    '20000 tentara, 1037 di antaranya; 2000000 people'
    """
    text = THOUSANDS.sub("", text)
    return SCALED.sub(lambda m: m[1] + "0" * SCALES[m[2].lower()], text)


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
        return _mix(raw)


def unique(values: np.ndarray) -> np.ndarray:
    """``np.unique(values)`` by sorting: numpy 2's hashing unique costs 8x more on a document's
    few hundred values.

    >>> unique(np.array([3, 1, 3, 2], dtype=np.uint32)).tolist()
    [1, 2, 3]
    """
    values = np.sort(values)
    return values[np.concatenate(([True], values[1:] != values[:-1]))] if values.size else values


def union(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``np.union1d`` through :func:`unique`."""
    return unique(np.concatenate((a, b)))


def _powers(base: np.uint64, n: int) -> np.ndarray:
    """``base**0 .. base**(n-1)`` modulo 2**64."""
    out = np.empty(n, dtype=np.uint64)
    out[0] = 1
    with np.errstate(over="ignore"):
        np.cumprod(np.full(n - 1, base, dtype=np.uint64), out=out[1:])
    return out


def _mix(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser: spreads every input bit over the output."""
    with np.errstate(over="ignore"):
        h = h ^ (h >> np.uint64(33))
        h = h * _MIX1
        h = h ^ (h >> np.uint64(33))
        h = h * _MIX2
        return h ^ (h >> np.uint64(33))


def shingle_hashes(tokens: np.ndarray, n: int) -> np.ndarray:
    """Distinct 32-bit hashes of the word n-grams of a token-hash sequence."""
    if tokens.size < n:
        return unique((tokens & np.uint64(0xFFFFFFFF)).astype(np.uint32))
    with np.errstate(over="ignore"):
        h = tokens[: tokens.size - n + 1].copy()
        for k in range(1, n):
            h = h * _SHINGLE_MULT + tokens[k : tokens.size - n + 1 + k]
        h = _mix(h)
    return unique((h >> np.uint64(32)).astype(np.uint32))


class Permutations:
    """datasketch's MinHash (``affine32``: ``h -> a*h + b mod 2**32``, a odd) from the seed.

    The signature is datasketch's own: ``MinHash.update_batch`` over the shingle hashes (the
    identity is the hash function: they are hashes already), with the permutations drawn
    once per run instead of once per document.
    """

    def __init__(self, num_perm: int, seed: int):
        from datasketch import MinHash

        self.num_perm, self.seed = num_perm, seed
        self.permutations = MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations

    def signature(self, shingles: np.ndarray) -> np.ndarray:
        """The MinHash signature (``uint32[num_perm]``) of a set of 32-bit shingle hashes."""
        from datasketch import MinHash

        minhash = MinHash(
            num_perm=self.num_perm,
            seed=self.seed,
            scheme="affine32",
            hashfunc=int,
            permutations=self.permutations,
        )
        minhash.update_batch(shingles.tolist())
        return minhash.hashvalues


def sketch(
    doc_id: str, text: str, published: str | None, config: DedupConfig, perms: Permutations
) -> Sketch:
    """The duplicate-finding sketch of one clean text."""
    normalised = normalise_numbers(text)  # once: fingerprint, entities and slots all read it
    folded = _fold(normalised)
    tokens = token_hashes(folded)
    shingles = shingle_hashes(tokens, config.shingle)
    names, numbers, facts = (_hash32(values) for values in _entities(normalised))
    return Sketch(
        id=doc_id,
        exact=hashlib.blake2b(folded.encode("utf-8"), digest_size=16).digest(),
        signature=perms.signature(shingles),
        shingles=int(shingles.size),
        names=names,
        numbers=numbers,
        facts=facts,
        slots=_slots(normalised),
        words=int(tokens.size),
        published=published,
    )


def entities(text: str) -> tuple[list[str], list[str], list[str]]:
    """The names (lower-cased), numbers and fact numbers a text reports, in order.

    >>> entities("Harga Emas Naik\\nKata Budi di Jakarta: They said 1.037 tentara, they ran.")
    (['budi', 'jakarta'], ['1037'], ['1037'])
    """
    return _entities(normalise_numbers(text))


def _entities(text: str) -> tuple[list[str], list[str], list[str]]:
    found = ENTITY.findall(text)
    numbers = [e for e in found if e[0].isdigit()]
    # In a headline every word is capitalised: its names are style, not evidence, and one site
    # keeps the headline where another strips it. A capitalised word the text also writes in
    # lower case ("They" after a colon, "Presiden" before a name) is not a name either.
    prose = "\n".join(line for line in text.split("\n") if not _headline(line))
    lower = {w for w in WORD.findall(prose) if w.islower()}
    names = [
        n
        for e in ENTITY.findall(prose)
        if not e[0].isdigit() and (n := e.lower()) not in lower and n not in NOT_NAMES
    ]
    return names, numbers, [e for e in numbers if FACT_NUMBER.search(e)]


def slots(text: str) -> np.ndarray:
    """Each name and number with the words around it: ``(context hash << 32) | value hash``.

    A template filled in for another day or city has the same contexts with other values in
    them ("cuaca di Bandung pada Selasa" / "cuaca di Bandung pada Rabu"); a copy, however
    edited, has the same values where it has the same contexts. All are kept: a sample of
    contexts misses the few slots a template varies among the many it keeps.

    >>> a, b = slots("cuaca di Bandung pada Selasa ini"), slots("cuaca di Bandung pada Rabu ini")
    >>> len(a), len(np.intersect1d(a, b)), len(np.intersect1d(a >> 32, b >> 32))
    (2, 1, 2)
    """
    return _slots(normalise_numbers(text))


def _slots(text: str) -> np.ndarray:
    contexts, values = [], []
    for line in text.split("\n"):
        tokens = TOKEN.findall(line)
        lower = [t.lower() for t in tokens]
        for k, token in enumerate(tokens):
            if token[0].isdigit() or (token[0].isupper() and lower[k] not in NOT_NAMES):
                before = lower[k - 1] if k else "^"
                after = lower[k + 1] if k + 1 < len(tokens) else "$"
                contexts.append(f"{before}\x1f{after}")
                values.append(lower[k])
    if not values:
        return np.zeros(0, dtype=np.uint64)
    ctx = (token_hashes(" ".join(contexts)) >> np.uint64(32)).astype(np.uint64)
    val = token_hashes(" ".join(values)) >> np.uint64(32)
    return unique((ctx << np.uint64(32)) | val)


def slot_conflicts(a: np.ndarray, b: np.ndarray) -> tuple[int, int]:
    """Contexts both texts fill, and how many of them they never fill with the same value."""
    shift = np.uint64(32)
    common = np.intersect1d(unique(a >> shift), unique(b >> shift), assume_unique=True)
    agreed = np.intersect1d(a, b, assume_unique=True) >> shift
    return int(common.size), int(common.size - np.isin(common, agreed).sum())


def _headline(line: str) -> bool:
    """A short line in title case.

    >>> _headline("My 5 year Fitness Transformation Story"), _headline("Kata Putin di Moskow.")
    (True, False)
    """
    words = [w for w in line.split() if w[:1].isalpha()]
    if not 1 <= len(words) <= HEADLINE_WORDS or line.rstrip().endswith((".", "!", "?", '"', "”")):
        return False
    return sum(w[0].isupper() for w in words) >= HEADLINE_CAPITALS * len(words)


def _hash32(values: list[str]) -> np.ndarray:
    return unique((token_hashes(" ".join(values)) >> np.uint64(32)).astype(np.uint32))


@dataclass(frozen=True, slots=True)
class Verdict:
    relation: str
    similarity: float


class Rarity:
    """How often each name and number occurs in the run's documents, learnt once per run.

    A value many documents share (a template's fixed "100 gram", a city every report names) is
    weak evidence; one that few documents share (today's price, a casualty count) is strong.
    When two documents are compared, a value weighs ``1 / (1 + the other documents that have
    it)``: counting the pair itself would make every value they share look commoner than every
    value they do not, and tilt each comparison towards disagreement.
    """

    def __init__(self, sketches: Iterable[Sketch] = ()):
        sketches = list(sketches)
        self._count([s.names for s in sketches] + [s.numbers for s in sketches])

    @classmethod
    def of_store(cls, store: SketchStore) -> Rarity:
        """The same counts from a store's columns, without a Sketch per document."""
        rarity = cls()
        rarity._count([store.flat("names")[0], store.flat("numbers")[0]])
        return rarity

    def _count(self, arrays: list[np.ndarray]) -> None:
        # a document's names and numbers never overlap (words, digits): no union per document
        values = np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.uint32)
        self.values, self.counts = np.unique(values, return_counts=True)

    def weights(self, hashes: np.ndarray, shared: np.ndarray) -> np.ndarray:
        """Weights of one document's values; ``shared`` says which the other document has."""
        if self.values.size == 0 or hashes.size == 0:
            return np.ones(hashes.size)
        at = np.clip(np.searchsorted(self.values, hashes), 0, self.values.size - 1)
        found = self.values[at] == hashes
        others = np.maximum(self.counts[at].astype(np.int64) - 1 - shared, 0)
        return np.where(found, 1.0 / (1 + others), 1.0)


def verify(
    a: Sketch, b: Sketch, config: DedupConfig, rarity: Rarity | None = None
) -> Verdict | None:
    """Whether two documents tell the same text, and how; ``None`` if they do not.

    ``rarity`` weights names and numbers by how few documents of the run share them; without
    it every name and number counts alike.
    """
    rarity = rarity or Rarity()
    if a.exact == b.exact:
        return Verdict("exact", 1.0)
    # ties broken by content, so that verify(a, b) == verify(b, a)
    small, large = (a, b) if (a.shingles, a.exact) <= (b.shingles, b.exact) else (b, a)
    if small.shingles < config.min_shingles:
        return None
    jaccard = float(np.mean(a.signature == b.signature))
    # Containment of the smaller shingle set in the larger, from the Jaccard estimate and sizes.
    containment = min(
        1.0, jaccard * (small.shingles + large.shingles) / ((1 + jaccard) * small.shingles)
    )
    partial = small.shingles / large.shingles < config.partial_ratio
    # Texts this alike are copies only if they report the same names and numbers: a template
    # filled in for another day, city or match differs in just those, in the same places. A
    # value one text lacks is only a gap (an edit dropped "15 million"); a slot both texts fill
    # with other values ("cuaca di Bandung pada Selasa" / "... pada Rabu") is a conflict.
    if jaccard >= config.near_jaccard or containment >= config.copy_containment:
        conflicts = slot_conflicts(small.slots, large.slots)[1]
        agree = _agree(
            small.numbers, large.numbers, config.min_numbers, config.numbers_agree, rarity
        ) and _agree(small.names, large.names, config.min_numbers, config.numbers_agree, rarity)
        if conflicts >= config.max_conflicts or (not agree and conflicts >= config.conflicts):
            return None
        if jaccard >= config.near_jaccard and not partial:
            return Verdict("near", round(jaccard, 4))
        if containment >= config.copy_containment:
            return Verdict("partial" if partial else "near", round(containment, 4))
    # A rewrite shares less wording; it must share the facts: the numbers that carry them (a
    # translation writes small numbers and dates as words) and, overall, names and numbers.
    if containment < config.rewrite_containment or small.shingles < config.min_rewrite_shingles:
        return None
    if not _agree(small.facts, large.facts, config.min_numbers, config.numbers_agree, rarity):
        return None
    # ... and there must be facts to share: two texts without names or numbers (lists of
    # common words) would agree on nothing and pass every share.
    mine = union(small.names, small.facts)
    if mine.size < config.min_numbers:
        return None
    if _share(mine, union(large.names, large.facts), rarity) >= config.rewrite_entities:
        return Verdict("partial" if partial else "rewrite", round(containment, 4))
    return None


def _agree(
    mine: np.ndarray, theirs: np.ndarray, minimum: int, share: float, rarity: Rarity
) -> bool:
    """Too few values to judge, or at least ``share`` of them (by rarity weight) in ``theirs``."""
    return mine.size < minimum or _share(mine, theirs, rarity) >= share


def _share(mine: np.ndarray, theirs: np.ndarray, rarity: Rarity) -> float:
    """The weighted share of ``mine`` (sorted, unique) in ``theirs``; 1.0 if ``mine`` is empty."""
    if mine.size == 0:
        return 1.0
    shared = np.isin(mine, theirs, assume_unique=True)
    weights = rarity.weights(mine, shared)
    return float(weights[shared].sum() / weights.sum())


def candidate_pairs(
    signatures: np.ndarray,
    rows: np.ndarray,
    shingles: np.ndarray,
    values: tuple[np.ndarray, np.ndarray],
    ranks: np.ndarray,
    config: DedupConfig,
) -> list[tuple[int, int]]:
    """Pairs among ``rows`` worth verifying, sorted, from columns indexed by row number.

    ``signatures`` (``[n, num_perm]``, a memory map will do: it is read in chunks and by row),
    ``shingles`` and ``ranks`` (the :func:`representative_key` order) have one row per
    document; ``values`` is ``(hashes, rows)`` of the names and fact numbers of ``rows``.
    Two sources, both sort-based, so the cost grows with the corpus, not with its square:

    - **bands** of the MinHash signatures (:func:`band_keys`): copies, near or partial, share
      one band of ``band_rows`` values with a probability that rises steeply with their
      similarity (Jaccard 0.3: 0.68, 0.5: 0.996 at 3 rows of 128);
    - **rare values**: a rewrite shares little wording but reports the same facts, so
      documents sharing ``rare_shared`` names or fact numbers that at most ``rare_df``
      documents have are candidates too.

    Pairs that :func:`verify` must refuse on their signatures alone are dropped, and each
    document keeps its ``max_candidates`` most alike by signature, so a thousand reports
    from one template cost linear verification.
    """
    n = signatures.shape[0]
    if rows.size < 2:
        return []
    keys = np.concatenate(
        [
            band_keys(np.asarray(signatures[rows[at : at + CHUNK]]), config.band_rows)
            for at in range(0, rows.size, CHUNK)
        ]
    )
    # Each source's pairs are checked as they come, so only the possible ones are held: a
    # band of a templated corpus proposes far more pairs than survive.
    sources = (
        _codes(*(rows[x] for x in _run_pairs(k, ranks[rows], config.max_candidates)), n)
        for k in keys.T
    )
    found, agreed = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    for codes in itertools.chain(sources, [_rare_pairs(*values, ranks, n, config)]):
        codes = unique(codes)
        i, j = codes // n, codes % n
        agree = _agreement(signatures, i, j)
        keep = _possible(agree / signatures.shape[1], shingles[i], shingles[j], config)
        found.append(codes[keep])
        agreed.append(agree[keep])
    codes, first = np.unique(np.concatenate(found), return_index=True)
    agree = np.concatenate(agreed)[first]
    i, j = codes // n, codes % n
    closest = _closest(np.concatenate((i, j)), np.tile(agree, 2), config.max_candidates)
    keep = closest[: i.size] | closest[i.size :]
    return list(zip(i[keep].tolist(), j[keep].tolist(), strict=True))


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
            h = _mix(h * _SHINGLE_MULT + values[:, :, k] + np.uint64(1))
    return (h >> np.uint64(32)).astype(np.uint32)


def _run_pairs(keys: np.ndarray, ranks: np.ndarray, window: int) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of rows with equal ``keys``, as two arrays of row numbers.

    A run of equal keys, in the order of ``ranks`` (the best representative first), pairs
    each member with the next ``window`` members and with the run's first: every pair when
    the run is short, and a linear number that still reaches the likely representative when
    it is long.

    >>> a, b = _run_pairs(np.array([7, 3, 7, 7, 5]), np.arange(5), 1)
    >>> sorted(zip(a.tolist(), b.tolist()))
    [(0, 2), (0, 3), (2, 3)]
    """
    chunks = [(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))]
    chunks += _run_pair_chunks(keys, ranks, window)
    return np.concatenate([f for f, _ in chunks]), np.concatenate([s for _, s in chunks])


def _run_pair_chunks(
    keys: np.ndarray, ranks: np.ndarray, window: int
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """:func:`_run_pairs` in pieces, one per distance in the run (and one per long run)."""
    if keys.size < 2:
        return
    order = np.lexsort((ranks, keys))
    k = keys[order]
    same = k[1:] == k[:-1]
    member = np.concatenate(([False], same)) | np.concatenate((same, [False]))
    order, k = order[member], k[member]  # only rows in runs of two or more
    for d in range(1, window + 1):
        eq = k[d:] == k[:-d]
        if not eq.any():
            break
        yield order[:-d][eq], order[d:][eq]
    starts = np.flatnonzero(np.concatenate(([True], k[1:] != k[:-1])))[: k.size]
    lengths = np.diff(np.append(starts, k.size))
    long = lengths > window + 1
    for start, length in zip(starts[long], lengths[long], strict=True):
        rest = order[start + window + 1 : start + length]
        yield np.full(rest.size, order[start]), rest


def _codes(a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    """Unordered pairs of row numbers below ``n`` as one int64 each: ``min * n + max``."""
    a, b = a.astype(np.int64), b.astype(np.int64)
    return np.minimum(a, b) * n + np.maximum(a, b)


def _rare_pairs(
    values: np.ndarray, docs: np.ndarray, ranks: np.ndarray, n: int, config: DedupConfig
) -> np.ndarray:
    """Pair codes of documents sharing ``rare_shared`` values that 2..``rare_df`` documents have.

    Every pair of documents sharing a rare value is counted, and a corpus where most values
    are just rare enough makes many: they are counted in parts of at most ``RARE_BUDGET``,
    each part a fixed share of the document pairs, so memory stays bounded.
    """
    if values.size == 0:
        return np.zeros(0, dtype=np.int64)
    _, inverse, df = np.unique(values, return_inverse=True, return_counts=True)
    rare = (df >= 2) & (df <= config.rare_df)
    emitted = int((df[rare] * (df[rare] - 1) // 2).sum())
    keep = rare[inverse]
    docs, inverse = docs[keep], inverse[keep]
    parts = max(1, -(-emitted // RARE_BUDGET))
    found = [np.zeros(0, dtype=np.int64)]
    for part in range(parts):
        codes = []
        for a, b in _run_pair_chunks(inverse, ranks[docs], config.rare_df):
            x, y = docs[a], docs[b]
            mine = (x + y) % parts == part  # a pair of documents is always in one part
            codes.append(_codes(x[mine], y[mine], n))
        if codes:
            pairs, shared = np.unique(np.concatenate(codes), return_counts=True)
            found.append(pairs[shared >= config.rare_shared])
    return np.concatenate(found)


def _agreement(signatures: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Signature values rows ``i`` and ``j`` share, pair by pair, in bounded chunks."""
    out = np.empty(i.size, dtype=np.int64)
    for at in range(0, i.size, CHUNK):
        sl = slice(at, at + CHUNK)
        out[sl] = (signatures[i[sl]] == signatures[j[sl]]).sum(axis=1)
    return out


def _possible(jaccard: np.ndarray, a: np.ndarray, b: np.ndarray, config: DedupConfig) -> np.ndarray:
    """Pairs :func:`verify` could accept on their Jaccard estimate and sizes (same arithmetic)."""
    small, large = np.minimum(a, b), np.maximum(a, b)
    containment = np.minimum(1.0, jaccard * (small + large) / ((1 + jaccard) * small))
    return (jaccard >= config.near_jaccard) | (
        containment >= min(config.copy_containment, config.rewrite_containment)
    )


def _closest(rows: np.ndarray, agree: np.ndarray, limit: int) -> np.ndarray:
    """Which entries are among their row's ``limit`` with the most agreement (ties: earlier)."""
    order = np.lexsort((np.arange(rows.size), -agree, rows))
    sorted_rows = rows[order]
    first = np.searchsorted(sorted_rows, sorted_rows, side="left")
    keep = np.zeros(rows.size, dtype=bool)
    keep[order] = np.arange(rows.size) - first < limit
    return keep


class Deduplicator:
    """Collects sketches, then clusters them; keeps no text, and most of each sketch on disk.

    ``directory`` is where the :class:`SketchStore` keeps its files (the system's temporary
    folder by default); call :meth:`close` to remove them sooner than at exit.
    """

    def __init__(self, config: DedupConfig | None = None, directory: str | None = None):
        self.config = config or DedupConfig()
        self.perms = Permutations(self.config.num_perm, self.config.seed)
        self.sketches = SketchStore(self.config.num_perm, directory)
        self.rarity = Rarity()
        self.heads: list[int] = []
        self.ranks = np.zeros(0, dtype=np.int64)

    def add(self, doc_id: str, text: str, published: str | None = None) -> None:
        self.add_sketch(sketch(doc_id, text, published, self.config, self.perms))

    def add_sketch(self, s: Sketch) -> None:
        """A sketch made elsewhere (a worker, an earlier pass) with this configuration."""
        self.sketches.append(s)

    def close(self) -> None:
        self.sketches.close()

    def candidates(self) -> list[tuple[int, int]]:
        """Pairs worth verifying, sorted: same exact hash, or :func:`candidate_pairs`.

        A group of exact copies takes part in the index through one member, its head (the
        first by :func:`representative_key`, so not by input order).
        """
        store = self.sketches
        self.ranks = store.ranks()
        self.heads = heads = self._heads()  # kept: clusters() looks verdicts up through them
        pairs = {(min(h, i), max(h, i)) for i, h in enumerate(heads) if h != i}
        shingles = store.shingles
        eligible = (np.array(heads, dtype=np.int64) == np.arange(len(store))) & (
            shingles >= self.config.min_shingles
        )
        rows = np.flatnonzero(eligible)
        if rows.size > 1:
            names, name_rows = store.flat("names")
            facts, fact_rows = store.flat("facts")
            chosen = np.concatenate((eligible[name_rows], eligible[fact_rows]))
            values = (
                np.concatenate((names, facts))[chosen],
                np.concatenate((name_rows, fact_rows))[chosen],
            )
            pairs.update(
                candidate_pairs(store.signatures, rows, shingles, values, self.ranks, self.config)
            )
        return sorted(pairs)

    def _heads(self) -> list[int]:
        """For each document, the member that stands for its group of exact copies."""
        n = len(self.sketches)
        if n == 0:
            return []
        exact = self.sketches.exact
        order = np.lexsort((self.ranks, exact[:, 1], exact[:, 0]))
        first = np.concatenate(([True], (exact[order][1:] != exact[order][:-1]).any(axis=1)))
        heads = np.empty(n, dtype=np.int64)
        heads[order] = order[np.maximum.accumulate(np.where(first, np.arange(n), 0))]
        return heads.tolist()

    def clusters(self) -> dict[str, dict[str, Any]]:
        """``{doc_id: duplicate}`` for every document in a cluster of two or more."""
        verified: dict[tuple[int, int], Verdict] = {}
        parent = list(range(len(self.sketches)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        self.rarity = Rarity.of_store(self.sketches)
        for i, j in self.candidates():
            verdict = verify(self.sketches[i], self.sketches[j], self.config, self.rarity)
            if verdict is not None:
                verified[(i, j)] = verdict
                parent[root(i)] = root(j)
        components: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.sketches)):
            components[root(i)].append(i)
        out: dict[str, dict[str, Any]] = {}
        for members in components.values():
            if len(members) > 1:
                self._stars(members, verified, out)
        return out

    def _stars(
        self,
        members: list[int],
        verified: dict[tuple[int, int], Verdict],
        out: dict[str, dict[str, Any]],
    ) -> None:
        """Split a component into clusters whose members verify against the representative.

        Union-find alone would chain A~B~C into one cluster though A and C share nothing, and a
        digest page that holds ten stories would glue the ten together. So the representative
        is chosen, each member must verify against it directly and also against the cluster's
        strongest member (its anchor); members that fail form clusters of their own from
        what is left.
        """
        left = sorted(members, key=self.ranks.__getitem__)
        alone: list[int] = []
        starred: dict[int, int] = {}  # member -> its cluster's representative
        while left:
            rep, rest = left[0], left[1:]
            linked = [(m, self._verdict(rep, m, verified)) for m in rest]
            ranked = sorted(
                ((m, v) for m, v in linked if v), key=lambda mv: _strength(mv[1]), reverse=True
            )
            joined: list[tuple[int, Verdict]] = []
            for m, verdict in ranked:
                if not joined or self._verdict(joined[0][0], m, verified):
                    joined.append((m, verdict))
            if joined:
                self._annotate(rep, joined, out)
                starred.update({m: rep for m, _ in joined} | {rep: rep})
            else:
                alone.append(rep)
            taken = {m for m, _ in joined}
            left = [m for m in rest if m not in taken]
        for m in alone:
            self._attach(m, starred, verified, out)

    def _attach(
        self,
        m: int,
        starred: dict[int, int],
        verified: dict[tuple[int, int], Verdict],
        out: dict[str, dict[str, Any]],
    ) -> None:
        """A copy left alone because its original joined a larger page's star joins it there.

        Only an exact link, or a near one of ``attach_similarity``, to a member of a star counts,
        and only one hop: such a copy is the text of the member it copies, so it belongs where
        that member is; neighbours in a chain of edits drifting 15% a step score about 0.7.
        """
        links = [
            (p, v)
            for p in starred
            if (v := self._verdict(m, p, verified))
            and v.relation in ("exact", "near")
            and v.similarity >= self.config.attach_similarity
        ]
        if not links:
            return
        p, verdict = min(
            links,
            key=lambda pv: (
                tuple(-x for x in _strength(pv[1])),
                self.ranks[pv[0]],
            ),
        )
        ids = self.sketches.ids
        rep_id = ids[starred[p]]
        out[ids[m]] = _mark(out[rep_id]["cluster"], rep_id, verdict, ids[p])

    def _verdict(self, i: int, j: int, verified: dict[tuple[int, int], Verdict]) -> Verdict | None:
        """The verified verdict between two documents, through the heads of their exact groups.

        Pairs that were not candidates are not verified here: a component of a thousand
        templated reports would otherwise cost a million verifications.
        """
        hi, hj = self.heads[i], self.heads[j]
        if hi == hj:
            return Verdict("exact", 1.0)
        return verified.get((min(i, j), max(i, j))) or verified.get((min(hi, hj), max(hi, hj)))

    def _annotate(
        self, rep: int, joined: list[tuple[int, Verdict]], out: dict[str, dict[str, Any]]
    ) -> None:
        ids = self.sketches.ids
        rep_id = ids[rep]
        cluster = hashlib.blake2b(rep_id.encode("utf-8"), digest_size=6).hexdigest()
        best, best_verdict = joined[0]
        out[rep_id] = _mark(cluster, rep_id, best_verdict, ids[best])
        for m, verdict in joined:
            out[ids[m]] = _mark(cluster, rep_id, verdict, rep_id)


def _strength(v: Verdict) -> tuple[int, float]:
    """exact > near > partial > rewrite, then similarity."""
    return (len(RELATIONS) - RELATIONS.index(v.relation), v.similarity)


def _mark(cluster: str, representative: str, v: Verdict, matched: str) -> dict[str, Any]:
    """A document's place in its cluster: ``relation`` and ``similarity`` to ``matched``."""
    return {
        "cluster": cluster,
        "representative": representative,
        "relation": v.relation,
        "similarity": v.similarity,
        "matched": matched,
    }


def duplicate_summary(
    duplicates: dict[str, dict[str, Any]], config: DedupConfig | None
) -> dict[str, Any]:
    """The report's account of duplicates: clusters by relation, members, settings."""
    clusters: dict[str, str] = {}
    by_relation: dict[str, int] = defaultdict(int)
    for doc_id, mark in duplicates.items():
        if mark["representative"] == doc_id:
            clusters[mark["cluster"]] = mark["relation"]
        else:
            by_relation[mark["relation"]] += 1
    per_cluster: dict[str, int] = defaultdict(int)
    for relation in clusters.values():
        per_cluster[relation] += 1
    return {
        "enabled": config is not None,
        "clusters": len(clusters),
        "documents": len(duplicates),
        "clusters_by_relation": {r: per_cluster[r] for r in RELATIONS if per_cluster[r]},
        "members_by_relation": {r: by_relation[r] for r in RELATIONS if by_relation[r]},
        "settings": asdict(config) if config is not None else None,
    }
