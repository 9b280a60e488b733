"""Find duplicates: exact copies, near-duplicates, partial copies and rewrites of one source text.

The only module that uses datasketch. Two steps, because duplicates need every document:

1. :func:`sketch` (pure, per document, can run on a worker) turns a clean text into a
   :class:`Sketch`: a hash of its fingerprint, datasketch's MinHash signature of its word
   shingles, its words as hashes with a few flags (:mod:`clean.compare`), anchors (word k-grams
   sampled by their hash, so that a passage two texts share gives both the same anchors) and
   its names and fact numbers.
2. :class:`Deduplicator` collects sketches (not texts) and clusters them:

   - **candidates** from sorted columns, never from all pairs: one member of each group of
     exact copies, LSH bands of the signatures (near copies), shared anchors (a text inside
     another, or reusing its paragraphs), and, for texts that share few words, shared rare names
     and numbers (translations);
   - **verification** of every candidate pair word for word (:func:`verify`): how much of each
     text the other holds in runs of words, whether the two report other facts in the same
     sentences (a template filled in for another day), and, for translations, whether their
     sentences correspond in order;
   - **families**: documents joined by pairs whose shared text is a large part of both are one
     family of versions, however long the chain of edits; a page that holds a smaller text as a
     minor part (a digest, a roundup, an update under a new lead) joins the one family it holds
     most of, so a digest of five stories does not glue the five together.

The fingerprint form is separate from the output text: lower-cased, punctuation folded,
thousands separators dropped from numbers. Nothing learnt from the corpus decides whether two
documents are duplicates: a pair's verdict depends on the two texts alone, so it does not change
with what else is in the run.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields
from typing import Any

import numpy as np

from clean import compare
from clean.compare import Tokens, mix, token_hashes
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

_SHINGLE_MULT = np.uint64(0x9E3779B97F4A7C15)
CHUNK = 1 << 16  # rows or pairs handled at once when reading signatures
PAIR_BUDGET = 1 << 22  # pairs of documents sharing values counted at once
# Documents sharing a band key or an anchor with more than this many others are paired with the
# next few in representative order and with the first: enough to connect a family of a
# thousand versions, linear in a corpus of one template.
RUN_WINDOW = 4


@dataclass(frozen=True, slots=True)
class DedupConfig:
    """Duplicate-finding settings; every value is recorded in report.json."""

    shingle: int = 2  # word n-grams hashed into the MinHash signature
    num_perm: int = 128
    seed: int = 1
    band_rows: int = 3  # LSH: signature values per band; a pair sharing a band is a candidate
    anchor_words: int = 5  # words in an anchor k-gram ...
    anchor_every: int = 8  # ... one k-gram in this many (chosen by its hash) is an anchor
    anchors_shared: int = 2  # documents sharing this many anchors are a candidate pair
    rare_df: int = 50  # a name or fact number in 2..rare_df families is rare ...
    rare_shared: int = 3  # ... and documents sharing this many rare values are a candidate pair
    align_words: int = 4  # words of the k-grams that anchor the word-for-word alignment
    min_run: int = 8  # words a shared run needs to count as copied text
    near_coverage: float = 0.8  # share of each text the other holds: a near copy
    copy_coverage: float = 0.7  # share of the smaller text a larger one holds: a partial copy
    # A rewrite reproduces the source's sentences: its narrative and its quotations. Reporters
    # who heard one statement share its quotation only; a running story's background paragraph
    # shares narrative only.
    rewrite_narrative: float = 0.15  # share of the smaller text: narrative held in runs ...
    rewrite_quotes: float = 0.3  # ... with this share of its quotations held; or
    rewrite_coverage: float = 0.4  # narrative held, in a text with too few quotations ...
    quoted_text: float = 0.1  # ... to be missed: less than this share of its words
    paraphrase: float = 0.85  # share of the smaller text's sentences that correspond in order
    sentence_overlap: float = 0.4  # content words two sentences share to correspond
    min_sentences: int = 10  # sentences a text needs before correspondence alone can join it
    conflicts: int = 2  # substituted facts that refuse a pair (one of a date refuses)
    series: int = 5  # a passage more families than this hold is a series' background
    min_words: int = 20  # shorter texts only take part as exact copies
    min_rewrite_words: int = 60  # shorter texts are only copies: a teaser shares one sentence
    max_candidates: int = 50  # candidates verified per document: the most alike

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


def unique(values: np.ndarray) -> np.ndarray:
    """``np.unique(values)`` by sorting: numpy 2's hashing unique costs 8x more on a document's
    few hundred values.

    >>> unique(np.array([3, 1, 3, 2], dtype=np.uint32)).tolist()
    [1, 2, 3]
    """
    values = np.sort(values)
    return values[np.concatenate(([True], values[1:] != values[:-1]))] if values.size else values


def shingle_hashes(tokens: np.ndarray, n: int) -> np.ndarray:
    """Distinct 32-bit hashes of the word n-grams of a token-hash sequence."""
    if tokens.size < n:
        return unique((tokens & np.uint64(0xFFFFFFFF)).astype(np.uint32))
    with np.errstate(over="ignore"):
        h = tokens[: tokens.size - n + 1].copy()
        for k in range(1, n):
            h = h * _SHINGLE_MULT + tokens[k : tokens.size - n + 1 + k]
        h = mix(h)
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
    normalised = normalise_numbers(text)  # once: fingerprint, words and entities all read it
    folded = _fold(normalised)
    shingles = shingle_hashes(token_hashes(folded), config.shingle)
    words = compare.tokens(normalised)
    names, _, facts = (_hash32(values) for values in _entities(normalised))
    return Sketch(
        id=doc_id,
        exact=hashlib.blake2b(folded.encode("utf-8"), digest_size=16).digest(),
        signature=perms.signature(shingles),
        shingles=int(shingles.size),
        tokens=words.hashes,
        flags=words.flags,
        anchors=anchors(words.hashes, config.anchor_words, config.anchor_every),
        names=names,
        facts=facts,
        words=len(words),
        published=published,
    )


def anchors(hashes: np.ndarray, k: int, every: int) -> np.ndarray:
    """The word k-grams whose hash is 0 modulo ``every``, as sorted unique 32-bit values.

    Chosen by their own content, not by their place: a passage two texts share gives both the
    same anchors wherever it stands, so anchors find a text inside a much longer one.

    >>> words = " ".join(a + b + c for a in "abcd" for b in "abcdefghij" for c in "abcdefghij")
    >>> anchors(compare.tokens(words).hashes, 5, 8).size  # about one in 8 of 396 5-grams
    58
    """
    grams = compare.kgrams(hashes, k)
    return unique((grams[grams % np.uint64(every) == 0] >> np.uint64(32)).astype(np.uint32))


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
    """How two documents relate: ``similarity`` is the share of the smaller text the larger
    holds (or, for a rewrite found by its sentences, the share that corresponds); ``held`` is
    the share of the larger text the smaller holds, and ``span`` the words of the larger text
    from the first it shares with the smaller to the last."""

    relation: str
    similarity: float
    held: float = 1.0
    span: tuple[int, int] = (0, 0)


def verify(a: Sketch, b: Sketch, config: DedupConfig) -> Verdict | None:
    """Whether two documents tell one text, and how; ``None`` if they do not.

    Symmetric, and a function of the two sketches alone.
    """
    if a.exact == b.exact:
        return Verdict("exact", 1.0)
    # ties broken by content, so that verify(a, b) == verify(b, a)
    small, large = (a, b) if (a.words, a.exact) <= (b.words, b.exact) else (b, a)
    if small.words < config.min_words:
        return None
    ts, tl = Tokens(small.tokens, small.flags), Tokens(large.tokens, large.flags)
    found = compare.align(ts, tl, config.align_words, config.min_run)
    # The same sentences with other dates or figures: another day's report from one template,
    # or another defendant's hearing. Never a copy; one figure changed may be an update.
    if found.date_conflicts or found.conflicts >= config.conflicts:
        return None
    held_small = compare.coverage(ts, found.covered_a)
    held_large = compare.coverage(tl, found.covered_b)
    at = np.flatnonzero(found.covered_b)
    span = (int(at[0]), int(at[-1]) + 1) if at.size else (0, 0)
    copy = not found.conflicts  # a copy reports the same facts; one substitution is an edit
    if copy and held_small >= config.near_coverage and held_large >= config.near_coverage:
        return Verdict("near", round(held_small, 4), round(held_large, 4), span)
    if copy and held_small >= config.copy_coverage:
        return Verdict("partial", round(held_small, 4), round(held_large, 4), span)
    if small.words < config.min_rewrite_words:
        return None
    narrative, quotes, quoted = compare.shares(ts, found.covered_a)
    if (
        narrative >= config.rewrite_narrative
        and quoted * small.words >= config.min_run
        and quotes >= config.rewrite_quotes
    ) or (narrative >= config.rewrite_coverage and quoted < config.quoted_text):
        return Verdict("rewrite", round(held_small, 4), round(held_large, 4), span)
    # Translations of one agency story share names and numbers but few runs of words: their
    # sentences must correspond one to one, in order, for most of the smaller text.
    if int(((small.flags & compare.SENTENCE) > 0).sum()) < config.min_sentences:
        return None
    share, judged, span = compare.correspondence(ts, tl, config.sentence_overlap)
    if judged >= config.min_sentences and share >= config.paraphrase:
        held = (span[1] - span[0]) / large.words
        return Verdict("rewrite", round(share, 4), round(held, 4), span)
    return None


def candidate_pairs(
    signatures: np.ndarray,
    rows: np.ndarray,
    anchors: tuple[np.ndarray, np.ndarray],
    ranks: np.ndarray,
    config: DedupConfig,
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs among ``rows`` worth verifying, as sorted pair codes with their likeness.

    ``signatures`` (``[n, num_perm]``, a memory map will do: it is read in chunks and by row)
    and ``ranks`` (the :func:`representative_key` order) have one row per document; ``anchors``
    is ``(values, rows)`` of the anchors of ``rows``. Two sources, both sort-based, so the cost
    grows with the corpus, not with its square:

    - **bands** of the MinHash signatures (:func:`band_keys`): near copies share one band of
      ``band_rows`` values with a probability that rises steeply with their similarity
      (Jaccard 0.3: 0.68, 0.5: 0.996 at 3 rows of 128);
    - **anchors**: documents sharing ``anchors_shared`` anchors share a passage, however small
      a part it is of the longer one (a story inside a digest, an old article under a new lead).

    Likeness is the share of signature values the pair agrees on, or of the smaller document's
    anchors it shares, whichever is larger; each document keeps its ``max_candidates`` likest,
    so a thousand reports from one template cost linear verification.
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
    found = [np.zeros(0, dtype=np.int64)]
    for k in keys.T:
        found.append(unique(_codes(*(rows[x] for x in _run_pairs(k, ranks[rows], RUN_WINDOW)), n)))
    values, owners = anchors
    counts = np.bincount(owners, minlength=n)
    shared_codes, shared = _shared_pairs(values, owners, ranks, n, config.max_candidates)
    keep = shared >= config.anchors_shared
    shared_codes, shared = shared_codes[keep], shared[keep]
    codes = unique(np.concatenate([*found, shared_codes]))
    if codes.size == 0:
        return empty
    i, j = codes // n, codes % n
    likeness = _agreement(signatures, i, j) / signatures.shape[1]
    at = np.searchsorted(codes, shared_codes)
    smaller = np.maximum(np.minimum(counts[i[at]], counts[j[at]]), 1)
    likeness[at] = np.maximum(likeness[at], shared / smaller)
    closest = _closest(
        np.concatenate((i, j)), np.concatenate((j, i)), np.tile(likeness, 2),
        config.max_candidates, ranks,
    )  # fmt: skip
    keep = closest[: i.size] | closest[i.size :]
    return codes[keep], likeness[keep]


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
    """Pair codes of documents sharing values, with how many they share.

    Each value pairs the documents holding it as :func:`_run_pair_chunks` does (every pair in a
    run of at most ``short``, a window of ``RUN_WINDOW`` in a longer one). A corpus where many
    documents share many values makes many pairs: they are counted in parts of at most
    ``PAIR_BUDGET``, each part a fixed share of the document pairs, so memory stays bounded.
    """
    if values.size == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    _, inverse, df = np.unique(values, return_inverse=True, return_counts=True)
    runs = df[df >= 2]
    emitted = int(np.where(runs <= short, runs * (runs - 1) // 2, runs * (RUN_WINDOW + 1)).sum())
    keep = (df >= 2)[inverse]
    docs, inverse = docs[keep], inverse[keep]
    parts = max(1, -(-emitted // PAIR_BUDGET))
    found, counts = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    for part in range(parts):
        codes = []
        for a, b in _run_pair_chunks(inverse, ranks[docs], RUN_WINDOW, short):
            x, y = docs[a], docs[b]
            mine = ((x + y) % parts == part) & (x != y)  # a pair of documents is in one part
            codes.append(_codes(x[mine], y[mine], n))
        if codes:
            pairs, shared = np.unique(np.concatenate(codes), return_counts=True)
            found.append(pairs)
            counts.append(shared)
    codes, shared = np.concatenate(found), np.concatenate(counts)
    order = np.argsort(codes, kind="stable")
    return codes[order], shared[order]


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


RELATION_CODE = {r: k for k, r in enumerate(RELATIONS)}


class Edges:
    """Verified pairs as columns (rows ``i < j``, the larger text's row, the verdict), a few
    bytes each: a corpus of a million documents may have millions."""

    def __init__(self) -> None:
        self.i, self.j, self.larger = array("i"), array("i"), array("i")
        self.relation = array("b")
        self.similarity, self.held = array("f"), array("f")
        self.start, self.end = array("i"), array("i")

    def add(self, i: int, j: int, larger: int, verdict: Verdict) -> None:
        self.i.append(i)
        self.j.append(j)
        self.larger.append(larger)
        self.relation.append(RELATION_CODE[verdict.relation])
        self.similarity.append(verdict.similarity)
        self.held.append(verdict.held)
        self.start.append(verdict.span[0])
        self.end.append(verdict.span[1])

    def __len__(self) -> int:
        return len(self.i)

    def __iter__(self) -> Iterator[tuple[int, int, int, Verdict]]:
        for k in range(len(self.i)):
            verdict = Verdict(
                RELATIONS[self.relation[k]],
                round(self.similarity[k], 4),
                round(self.held[k], 4),
                (self.start[k], self.end[k]),
            )
            yield self.i[k], self.j[k], self.larger[k], verdict


class UnionFind:
    """Disjoint sets over rows; the root of a set is its best-ranked member."""

    def __init__(self, ranks: np.ndarray):
        self.parent = list(range(len(ranks)))
        self.ranks = ranks.tolist()

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if self.ranks[rb] < self.ranks[ra]:
                ra, rb = rb, ra
            self.parent[rb] = ra


class Deduplicator:
    """Collects sketches, then clusters them; keeps no text, and most of each sketch on disk.

    ``directory`` is where the :class:`SketchStore` keeps its files (the system's temporary
    folder by default); call :meth:`close` to remove them sooner than at exit.
    """

    def __init__(self, config: DedupConfig | None = None, directory: str | None = None):
        self.config = config or DedupConfig()
        self.perms = Permutations(self.config.num_perm, self.config.seed)
        self.sketches = SketchStore(self.config.num_perm, directory)
        self.heads: list[int] = []
        self.ranks = np.zeros(0, dtype=np.int64)

    def add(self, doc_id: str, text: str, published: str | None = None) -> None:
        self.add_sketch(sketch(doc_id, text, published, self.config, self.perms))

    def add_sketch(self, s: Sketch) -> None:
        """A sketch made elsewhere (a worker, an earlier pass) with this configuration."""
        self.sketches.append(s)

    def close(self) -> None:
        self.sketches.close()

    def clusters(self) -> dict[str, dict[str, Any]]:
        """``{doc_id: duplicate}`` for every document in a cluster of two or more."""
        self.ranks = self.sketches.ranks()
        self.heads = self._heads()
        edges = Edges()
        self._verify(self.candidates(), edges)
        # Translations share few words: their candidates are pairs of families sharing names
        # and numbers that few families of this run report.
        self._verify(self._rare_candidates(self._families(edges)), edges)
        return self._annotate(self._families(edges), edges)

    def _heads(self) -> list[int]:
        """For each document, the member that stands for its group of exact copies (the first
        by :func:`representative_key`, so not by input order)."""
        n = len(self.sketches)
        if n == 0:
            return []
        exact = self.sketches.exact
        order = np.lexsort((self.ranks, exact[:, 1], exact[:, 0]))
        first = np.concatenate(([True], (exact[order][1:] != exact[order][:-1]).any(axis=1)))
        heads = np.empty(n, dtype=np.int64)
        heads[order] = order[np.maximum.accumulate(np.where(first, np.arange(n), 0))]
        return heads.tolist()

    def _eligible(self) -> np.ndarray:
        """``bool[n]``: heads of their exact groups, long enough to compare."""
        n = len(self.sketches)
        heads = np.array(self.heads, dtype=np.int64)
        return (heads == np.arange(n)) & (self.sketches.words >= self.config.min_words)

    def candidates(self) -> list[tuple[int, int]]:
        """Pairs of heads worth verifying, sorted (:func:`candidate_pairs`)."""
        store = self.sketches
        eligible = self._eligible()
        values, owners = store.flat("anchors")
        chosen = eligible[owners]
        codes, _ = candidate_pairs(
            store.signatures,
            np.flatnonzero(eligible),
            (values[chosen], owners[chosen]),
            self.ranks,
            self.config,
        )
        n = len(store)
        return list(zip((codes // n).tolist(), (codes % n).tolist(), strict=True))

    def _verify(self, pairs: list[tuple[int, int]], edges: Edges) -> None:
        store, config = self.sketches, self.config
        seen = set(zip(edges.i, edges.j, strict=True))
        for i, j in pairs:
            if (i, j) in seen:
                continue
            a, b = store[i], store[j]
            verdict = verify(a, b, config)
            if verdict is not None:
                larger = j if (a.words, a.exact) <= (b.words, b.exact) else i
                edges.add(i, j, larger, verdict)

    def _families(self, edges: Edges) -> UnionFind:
        """Clusters: the verified pairs that join, as disjoint sets.

        A pair joins unless one of two things holds.

        - **A page of several stories.** The texts a document holds (other than its own near
          copies) stand in places of it: texts whose places overlap are versions of one story,
          texts in places apart are different stories (a digest, a roundup). Only the texts
          of the story it holds most of join it, so a digest does not glue its stories.
        - **A series' background.** Two texts that each keep much of their own (neither holds
          ``copy_coverage`` of the other) are one story only if what they share is theirs:
          passages held by more than ``series`` groups of copies are a running story's
          background (the case so far, an institution's standard paragraph).
        """
        config = self.config
        copies = UnionFind(self.ranks)  # exact copies and texts inside others, for the series
        for i, h in enumerate(self.heads):
            copies.union(i, h)
        pairs = list(edges)
        for i, j, _, verdict in pairs:
            if verdict.similarity >= config.copy_coverage:
                copies.union(i, j)
        background = self._background(copies)
        held_by: dict[int, list[tuple[int, int, int, Verdict]]] = defaultdict(list)
        joins = []
        for i, j, larger, verdict in pairs:
            if verdict.similarity < config.copy_coverage and not self._own(i, j, background):
                continue
            if verdict.held >= config.near_coverage:
                joins.append((i, j))  # versions of one text: both hold nearly all of it
            else:
                held_by[larger].append((i, j, larger, verdict))
        for larger in sorted(held_by):
            joins += [(i, j) for i, j, _, _ in self._main_story(held_by[larger])]
        sets = UnionFind(self.ranks)
        for i, h in enumerate(self.heads):
            sets.union(i, h)
        for i, j in joins:
            sets.union(i, j)
        return sets

    def _main_story(
        self, held: list[tuple[int, int, int, Verdict]]
    ) -> list[tuple[int, int, int, Verdict]]:
        """Of the texts one document holds, those of the story it holds most of: the texts are
        grouped by overlapping places (half of the shorter place at least), and the group
        covering most words wins (ties: its best-ranked text)."""
        ranks = self.ranks
        held = sorted(
            held,
            key=lambda e: (e[3].span[0] - e[3].span[1], ranks[e[0] + e[1] - e[2]]),
        )
        groups: list[tuple[list[tuple[int, int]], list[tuple[int, int, int, Verdict]]]] = []
        for edge in held:
            a, b = edge[3].span
            for places, members in groups:
                if any(min(b, y) - max(a, x) >= 0.5 * min(b - a, y - x) for x, y in places):
                    places.append((a, b))
                    members.append(edge)
                    break
            else:
                groups.append(([(a, b)], [edge]))

        def covered(places: list[tuple[int, int]]) -> int:
            marks = np.zeros(max(y for _, y in places) + 1, dtype=bool)
            for x, y in places:
                marks[x:y] = True
            return int(marks.sum())

        return max(groups, key=lambda g: covered(g[0]))[1]

    def _background(self, sets: UnionFind) -> tuple[np.ndarray, np.ndarray]:
        """Anchors of the heads, sorted, with how many of ``sets`` hold each."""
        values, owners = self.sketches.flat("anchors")
        keep = self._eligible()[owners]
        values, owners = values[keep].astype(np.uint64), owners[keep]
        rows = np.unique(owners)
        set_of = np.zeros(len(self.sketches), dtype=np.uint64)
        set_of[rows] = [sets.find(int(o)) for o in rows]
        pairs = np.unique((values << np.uint64(32)) | set_of[owners])
        return np.unique(pairs >> np.uint64(32), return_counts=True)

    def _own(self, i: int, j: int, background: tuple[np.ndarray, np.ndarray]) -> bool:
        """Whether what two texts share is their own: most of their shared anchors held by at
        most ``series`` families (a pair with no shared anchor was joined by its sentences)."""
        store = self.sketches
        shared = np.intersect1d(store.row("anchors", i), store.row("anchors", j))
        if shared.size == 0:
            return True
        anchors, counts = background
        at = np.clip(np.searchsorted(anchors, shared.astype(np.uint64)), 0, anchors.size - 1)
        own = int((counts[at] <= self.config.series).sum())
        return own >= self.config.anchors_shared and 2 * own >= shared.size

    def _rare_candidates(self, families: UnionFind) -> list[tuple[int, int]]:
        """Pairs of documents of different families sharing ``rare_shared`` names or fact
        numbers that at most ``rare_df`` families report; each family counts once, through
        its best-ranked member holding the value, so a story's own copies cannot make its
        names look common."""
        store, config = self.sketches, self.config
        n = len(store)
        if n < 2:
            return []
        family = np.array([families.find(i) for i in range(n)], dtype=np.int64)
        names, name_rows = store.flat("names")
        facts, fact_rows = store.flat("facts")
        values = np.concatenate((names, facts)).astype(np.int64)
        rows = np.concatenate((name_rows, fact_rows))
        keep = self._eligible()[rows]
        values, rows = values[keep], rows[keep]
        # one row per (value, family): the best-ranked member holding it
        if values.size == 0:
            return []
        order = np.lexsort((self.ranks[rows], family[rows], values))
        values, rows = values[order], rows[order]
        fam = family[rows]
        first = np.concatenate(([True], (values[1:] != values[:-1]) | (fam[1:] != fam[:-1])))
        values, rows = values[first], rows[first]
        if values.size == 0:
            return []
        _, inverse, df = np.unique(values, return_inverse=True, return_counts=True)
        keep = ((df >= 2) & (df <= config.rare_df))[inverse]
        codes, shared = _shared_pairs(values[keep], rows[keep], self.ranks, n, config.rare_df)
        codes = codes[shared >= config.rare_shared]
        i, j = codes // n, codes % n
        apart = family[i] != family[j]
        return list(zip(i[apart].tolist(), j[apart].tolist(), strict=True))

    def _annotate(self, sets: UnionFind, edges: Edges) -> dict[str, dict[str, Any]]:
        """Each member's mark: its cluster's representative (the best-ranked member) and its
        strongest verified pair inside the cluster (ties: the better-ranked partner)."""
        ids = self.sketches.ids
        best: dict[int, tuple[tuple[float, ...], int, Verdict]] = {}

        def offer(x: int, y: int, verdict: Verdict) -> None:
            key = (*(-v for v in _strength(verdict)), self.ranks[y])
            if x not in best or key < best[x][0]:
                best[x] = (key, y, verdict)

        exact = Verdict("exact", 1.0)
        for i, h in enumerate(self.heads):
            if i != h:
                offer(i, h, exact)
                offer(h, i, exact)
        for i, j, _, verdict in edges:
            if sets.find(i) == sets.find(j):
                offer(i, j, verdict)
                offer(j, i, verdict)
        members: dict[int, list[int]] = defaultdict(list)
        for i in sorted(best):
            members[sets.find(i)].append(i)
        out: dict[str, dict[str, Any]] = {}
        for rep, group in members.items():  # the union keeps the best-ranked member as root
            cluster = hashlib.blake2b(ids[rep].encode("utf-8"), digest_size=6).hexdigest()
            for m in group:
                _, matched, verdict = best[m]
                out[ids[m]] = _mark(cluster, ids[rep], verdict, ids[matched])
        return out


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
