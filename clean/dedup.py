"""Find duplicates: exact copies, near-duplicates, rewrites of one story and partial copies.

The only module that uses datasketch. Two steps, because duplicates need every document:

1. :func:`sketch` (pure, per document, can run on a worker) turns a clean text into a small
   :class:`Sketch`: a hash of its fingerprint, a MinHash signature of its word shingles, and
   hashes of the names and numbers it reports.
2. :class:`Deduplicator` collects sketches (not texts), finds candidate pairs with datasketch's
   LSH Ensemble (containment of the smaller set in the larger), verifies every candidate pair
   (shingle similarity, containment, and agreement on names and numbers), and clusters the
   verified pairs around a representative that every member must verify against directly,
   so chains of weak links cannot glue unrelated stories together.

The fingerprint form is separate from the output text: lower-cased, punctuation folded,
thousands separators dropped from numbers.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from typing import Any

import numpy as np

from clean.errors import ConfigError

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

_P = np.uint64(0x100000001B3)  # polynomial base for token hashes (odd, so invertible mod 2^64)
_MIX1 = np.uint64(0xFF51AFD7ED558CCD)
_MIX2 = np.uint64(0xC4CEB9FE1A85EC53)
_SHINGLE_MULT = np.uint64(0x9E3779B97F4A7C15)


@dataclass(frozen=True, slots=True)
class DedupConfig:
    """Duplicate-finding settings; every value is recorded in report.json."""

    shingle: int = 2  # word n-grams hashed into the MinHash signature
    num_perm: int = 128
    seed: int = 1
    candidate_containment: float = 0.2  # LSH Ensemble: containment that makes a candidate pair
    near_jaccard: float = 0.5  # shingle Jaccard for near-duplicates
    copy_containment: float = 0.8  # shingle containment of a near copy inside a longer text
    rewrite_containment: float = 0.25  # shingle containment for a rewrite of one story
    rewrite_entities: float = 0.6  # share of the smaller text's names and numbers the other has
    numbers_agree: float = 0.5  # below this (rarity-weighted) share of shared numbers: refused
    min_numbers: int = 3  # numbers a text needs before their disagreement counts
    names_agree: float = 0.5  # the same for names
    min_names: int = 3
    partial_ratio: float = 0.6  # size ratio below which a contained text is a partial copy
    min_shingles: int = 20  # shorter texts only take part as exact copies

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


@dataclass(frozen=True, slots=True)
class Sketch:
    """What the duplicate index keeps of one document: hashes, not text."""

    id: str
    exact: bytes
    signature: np.ndarray  # uint32[num_perm]
    shingles: int  # distinct shingles behind the signature
    names: np.ndarray  # sorted unique uint32 hashes of names
    numbers: np.ndarray  # sorted unique uint32 hashes of numbers
    facts: np.ndarray  # the numbers with 3+ digits or a separator (1037, 20000, 3,5, 04:35)
    words: int
    published: str | None


def fingerprint(text: str) -> str:
    """The text as duplicates see it: lower case, punctuation folded, numbers normalised.

    >>> fingerprint("“Lebih dari 1.000 tentara,” kata AS.")
    'lebih dari 1000 tentara kata as'
    """
    return FOLD.sub(" ", normalise_numbers(text).lower()).strip()


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
    >>> len(h), h[0] == h[2], h[0] == h[1]
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
        return np.unique((tokens & np.uint64(0xFFFFFFFF)).astype(np.uint32))
    with np.errstate(over="ignore"):
        h = tokens[: tokens.size - n + 1].copy()
        for k in range(1, n):
            h = h * _SHINGLE_MULT + tokens[k : tokens.size - n + 1 + k]
        h = _mix(h)
    return np.unique((h >> np.uint64(32)).astype(np.uint32))


class Permutations:
    """The MinHash permutations ``h -> a*h + b mod 2**32`` (a odd), from the configured seed."""

    def __init__(self, num_perm: int, seed: int):
        gen = np.random.RandomState(seed)
        self.a = (gen.randint(0, 1 << 31, num_perm, dtype=np.uint64) * 2 + 1).astype(np.uint32)
        self.b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint64).astype(np.uint32)

    def signature(self, shingles: np.ndarray) -> np.ndarray:
        """The MinHash signature of a set of 32-bit shingle hashes, all permutations at once."""
        if shingles.size == 0:
            return np.full(self.a.size, np.iinfo(np.uint32).max, dtype=np.uint32)
        with np.errstate(over="ignore"):
            return (shingles[:, None] * self.a + self.b).min(axis=0)


def sketch(
    doc_id: str, text: str, published: str | None, config: DedupConfig, perms: Permutations
) -> Sketch:
    """The duplicate-finding sketch of one clean text."""
    folded = fingerprint(text)
    tokens = token_hashes(folded)
    shingles = shingle_hashes(tokens, config.shingle)
    names, numbers, facts = _entities(text)
    return Sketch(
        id=doc_id,
        exact=hashlib.blake2b(folded.encode("utf-8"), digest_size=16).digest(),
        signature=perms.signature(shingles),
        shingles=int(shingles.size),
        names=names,
        numbers=numbers,
        facts=facts,
        words=int(tokens.size),
        published=published,
    )


def _entities(text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    found = ENTITY.findall(normalise_numbers(text))
    numbers = [e for e in found if e[0].isdigit()]
    names = [e.lower() for e in found if not e[0].isdigit()]
    facts = [e for e in numbers if FACT_NUMBER.search(e)]
    return _hash32(names), _hash32(numbers), _hash32(facts)


def _hash32(values: list[str]) -> np.ndarray:
    return np.unique((token_hashes(" ".join(values)) >> np.uint64(32)).astype(np.uint32))


@dataclass(frozen=True, slots=True)
class Verdict:
    relation: str
    similarity: float


class Rarity:
    """How often each name and number occurs in the run's documents, learnt once per run.

    A value many documents share (a template's fixed "100 gram", a city every report names) is
    weak evidence; one that few documents share (today's price, a casualty count) is strong.
    Weights are ``1 / document frequency``.
    """

    def __init__(self, sketches: Iterable[Sketch] = ()):
        arrays = [np.concatenate((s.names, s.numbers, s.facts)) for s in sketches]
        values = np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.uint32)
        self.values, self.counts = np.unique(values, return_counts=True)

    def weights(self, hashes: np.ndarray) -> np.ndarray:
        if self.values.size == 0 or hashes.size == 0:
            return np.ones(hashes.size)
        at = np.clip(np.searchsorted(self.values, hashes), 0, self.values.size - 1)
        found = self.values[at] == hashes
        return np.where(found, 1.0 / np.maximum(self.counts[at], 1), 1.0)


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
    # Texts this alike are copies only if they report the same names and numbers, all of them:
    # a template filled in for another day, city or match differs in just those.
    if jaccard >= config.near_jaccard or containment >= config.copy_containment:
        numbers_agree = _agree(
            small.numbers, large.numbers, config.min_numbers, config.numbers_agree, rarity
        )
        if not (
            numbers_agree
            and _agree(small.names, large.names, config.min_names, config.names_agree, rarity)
        ):
            return None
        if jaccard >= config.near_jaccard and not partial:
            return Verdict("near", round(jaccard, 4))
        if containment >= config.copy_containment:
            return Verdict("partial" if partial else "near", round(containment, 4))
    # A rewrite shares less wording; it must share the facts: the numbers that carry them (a
    # translation writes small numbers and dates as words) and, overall, names and numbers.
    if containment < config.rewrite_containment:
        return None
    if not _agree(small.facts, large.facts, config.min_numbers, config.numbers_agree, rarity):
        return None
    mine = np.union1d(small.names, small.facts)
    if _share(mine, np.union1d(large.names, large.facts), rarity) >= config.rewrite_entities:
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
    weights = rarity.weights(mine)
    return float(weights[np.isin(mine, theirs, assume_unique=True)].sum() / weights.sum())


def representative_key(s: Sketch) -> tuple[int, str, str]:
    """Longest body first, then earliest date (undated last), then smallest id."""
    return (-s.words, s.published or "\uffff", s.id)


class Deduplicator:
    """Collects sketches, then clusters them; keeps no text."""

    def __init__(self, config: DedupConfig | None = None):
        self.config = config or DedupConfig()
        self.perms = Permutations(self.config.num_perm, self.config.seed)
        self.sketches: list[Sketch] = []
        self.rarity = Rarity()

    def add(self, doc_id: str, text: str, published: str | None = None) -> None:
        self.sketches.append(sketch(doc_id, text, published, self.config, self.perms))

    def candidates(self) -> list[tuple[int, int]]:
        """Pairs worth verifying, sorted: same exact hash, or LSH Ensemble containment hits."""
        pairs: set[tuple[int, int]] = set()
        by_exact: dict[bytes, list[int]] = defaultdict(list)
        for i, s in enumerate(self.sketches):
            by_exact[s.exact].append(i)
        for group in by_exact.values():
            # exact copies can differ in names (an upper-case copy), so the member that stands
            # for the group in the index must not depend on the input order
            group.sort(key=lambda i: representative_key(self.sketches[i]))
            pairs.update((group[0], j) for j in group[1:])
        firsts = [g[0] for g in by_exact.values()]
        eligible = [i for i in firsts if self.sketches[i].shingles >= self.config.min_shingles]
        if len(eligible) > 1:
            pairs.update(self._lsh_pairs(eligible))
        return sorted(pairs)

    def _lsh_pairs(self, eligible: list[int]) -> Iterable[tuple[int, int]]:
        from datasketch import MinHash, MinHashLSHEnsemble

        perms = (self.perms.a, self.perms.b)
        hashes = {
            i: MinHash(
                num_perm=self.config.num_perm,
                seed=self.config.seed,
                scheme="affine32",
                hashvalues=self.sketches[i].signature,
                permutations=perms,
            )
            for i in eligible
        }
        index = MinHashLSHEnsemble(
            threshold=self.config.candidate_containment, num_perm=self.config.num_perm
        )
        index.index((i, hashes[i], self.sketches[i].shingles) for i in eligible)
        for i in eligible:
            for j in index.query(hashes[i], self.sketches[i].shingles):
                if j != i:
                    yield (min(i, j), max(i, j))

    def clusters(self) -> dict[str, dict[str, Any]]:
        """``{doc_id: duplicate}`` for every document in a cluster of two or more."""
        verified: dict[tuple[int, int], Verdict] = {}
        parent = list(range(len(self.sketches)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        self.rarity = Rarity(self.sketches)
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
        left = sorted(members, key=lambda i: representative_key(self.sketches[i]))
        while len(left) > 1:
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
            taken = {m for m, _ in joined}
            left = [
                m for m in rest if m not in taken
            ]  # a representative nobody joined stands alone

    def _verdict(self, i: int, j: int, verified: dict[tuple[int, int], Verdict]) -> Verdict | None:
        return verified.get((min(i, j), max(i, j))) or verify(
            self.sketches[i], self.sketches[j], self.config
        )

    def _annotate(
        self, rep: int, joined: list[tuple[int, Verdict]], out: dict[str, dict[str, Any]]
    ) -> None:
        rep_id = self.sketches[rep].id
        cluster = hashlib.blake2b(rep_id.encode("utf-8"), digest_size=6).hexdigest()
        best = joined[0][1]
        out[rep_id] = _mark(cluster, rep_id, best)
        for m, verdict in joined:
            out[self.sketches[m].id] = _mark(cluster, rep_id, verdict)


def _strength(v: Verdict) -> tuple[int, float]:
    """exact > near > partial > rewrite, then similarity."""
    return (len(RELATIONS) - RELATIONS.index(v.relation), v.similarity)


def _mark(cluster: str, representative: str, v: Verdict) -> dict[str, Any]:
    return {
        "cluster": cluster,
        "representative": representative,
        "relation": v.relation,
        "similarity": v.similarity,
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
