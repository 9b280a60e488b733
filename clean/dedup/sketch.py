"""What the duplicate stage keeps of one document: :func:`sketch`, pure, run per document.

The only module that uses datasketch (its MinHash). A sketch holds a hash of the text's
fingerprint (lower-cased, punctuation folded, thousands separators dropped: separate from the
output text, which is never restyled), the MinHash signature of its word shingles, its words as
hashes with a few flags (:mod:`clean.dedup.compare`), its anchors (word k-grams sampled by their
hash, so that a passage two texts share gives both the same anchors wherever it stands) and its
names and fact numbers. :class:`DedupConfig` holds every setting of the stage.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, fields
from typing import Any

import numpy as np

from clean.dedup import compare
from clean.dedup.hashing import kgrams, mix, token_hashes, unique
from clean.dedup.store import Sketch
from clean.errors import ConfigError

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


CHOICES = {"passages": ("report", "drop", "join")}  # the settings that are words


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
    rewrite_quotes: float = 0.3  # ... with this share of its quotations held (where they are
    quoted_least: float = 0.05  # this share of its words at least); or
    rewrite_coverage: float = 0.4  # narrative held, in a text with too few quotations ...
    quoted_text: float = 0.1  # ... to be missed: less than this share of its words
    paraphrase: float = 0.7  # share of the smaller text's sentences that correspond in order
    sentence_overlap: float = 0.35  # content words two sentences share to correspond
    min_sentences: int = 8  # sentences a text needs before correspondence alone can join it
    background: float = 0.5  # share of a text before a block it shares: the block is background
    passage_words: int = 40  # words of a block two different stories share, to report it
    # What to do with a passage two different stories share: report it in both records; drop
    # it from every text but the best-ranked one that holds it; or join the two as duplicates.
    passages: str = "report"
    conflicts: int = 2  # substituted figures or names that refuse a pair (another day: one)
    series: int = 5  # a passage more families than this hold is a series' background
    min_words: int = 20  # shorter texts only take part as exact copies
    min_rewrite_words: int = 60  # shorter texts are only copies: a teaser shares one sentence
    max_candidates: int = 16  # candidates verified per document: the most alike

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
            if isinstance(default, str):
                ok = value in CHOICES[key]
                problems += (
                    [] if ok else [f"{where}: {key} must be one of {', '.join(CHOICES[key])}"]
                )
            elif isinstance(default, int) and not isinstance(default, bool):
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
    doc_id: str,
    text: str,
    published: str | None,
    config: DedupConfig,
    perms: Permutations,
    removed: int = 0,
) -> Sketch:
    """The duplicate-finding sketch of one clean text; ``removed``: the lines of chrome the
    cleaning took out of it (``metadata.counts.lines_removed``)."""
    normalised = normalise_numbers(text)  # once: fingerprint, words and entities all read it
    folded = _fold(normalised)
    shingles = shingle_hashes(token_hashes(folded), config.shingle)
    words = compare.tokens(normalised)
    lines = normalised.split("\n")
    headlines = [_headline(line) for line in lines]
    found, _, fact_numbers = _entities(normalised, lines, headlines)
    names, facts = _hash32(found, fact_numbers)
    chrome, prose = _chrome(lines, headlines)
    return Sketch(
        id=doc_id,
        exact=hashlib.blake2b(folded.encode("utf-8"), digest_size=16).digest(),
        signature=perms.signature(shingles),
        tokens=words.hashes,
        flags=words.flags,
        shapes=words.shapes,
        anchors=anchors(words.hashes, config.anchor_words, config.anchor_every),
        names=names,
        facts=facts,
        words=len(words),
        published=published,
        chrome=removed + chrome,
        prose=prose,
    )


def anchors(hashes: np.ndarray, k: int, every: int) -> np.ndarray:
    """The word k-grams whose hash is 0 modulo ``every``, as sorted unique 32-bit values.

    Chosen by their own content, not by their place: a passage two texts share gives both the
    same anchors wherever it stands, so anchors find a text inside a much longer one.

    >>> words = " ".join(a + b + c for a in "abcd" for b in "abcdefghij" for c in "abcdefghij")
    >>> anchors(compare.tokens(words).hashes, 5, 8).size  # about one in 8 of 396 5-grams
    48
    """
    grams = kgrams(hashes, k)
    return unique((grams[grams % np.uint64(every) == 0] >> np.uint64(32)).astype(np.uint32))


def entities(text: str) -> tuple[list[str], list[str], list[str]]:
    """The names (lower-cased), numbers and fact numbers a text reports, in order.

    >>> entities("Harga Emas Naik\\nKata Budi di Jakarta: They said 1.037 tentara, they ran.")
    (['budi', 'jakarta'], ['1037'], ['1037'])
    """
    return _entities(normalise_numbers(text))


def _entities(
    text: str, lines: list[str] | None = None, headlines: list[bool] | None = None
) -> tuple[list[str], list[str], list[str]]:
    """:func:`entities` of a normalised text (``lines``: its lines; ``headlines``: which of
    them are headlines, if worked out already)."""
    found = ENTITY.findall(text)
    numbers = [e for e in found if e[0].isdigit()]
    # In a headline every word is capitalised: its names are style, not evidence, and one site
    # keeps the headline where another strips it. A capitalised word the text also writes in
    # lower case ("They" after a colon, "Presiden" before a name) is not a name either.
    lines = text.split("\n") if lines is None else lines
    headlines = [_headline(line) for line in lines] if headlines is None else headlines
    if any(headlines):
        prose = "\n".join(line for line, head in zip(lines, headlines, strict=True) if not head)
        in_prose = ENTITY.findall(prose) if compare.cased(text) else ()
    else:
        prose, in_prose = text, found if compare.cased(text) else ()
    lower = {w for w in WORD.findall(prose) if w.islower()}
    names = [
        n
        for e in in_prose
        if not e[0].isdigit() and (n := e.lower()) not in lower and n not in NOT_NAMES
    ]
    return names, numbers, [e for e in numbers if FACT_NUMBER.search(e)]




def chrome_lines(text: str) -> tuple[int, int]:
    """The lines of ``text`` that look like chrome left in it (short lines, under
    ``compare.PROSE`` words, and headlines, as a page's menus, captions, prompts and the headlines
    of other stories are; an article's own subheads count too, alike in its copies), and the
    words of the other lines: its prose.

    >>> lines = ["Berita Terkini", "Harga Emas Antam Naik Tajam di Jakarta Pusat", "",
    ...          "Harga emas batangan Antam naik Rp 5.000 per gram pada Rabu pagi."]
    >>> chrome_lines(chr(10).join(lines))
    (2, 12)
    """
    lines = text.split("\n")
    return _chrome(lines, [_headline(line) for line in lines])


def _chrome(lines: list[str], headlines: list[bool]) -> tuple[int, int]:
    chrome = prose = 0
    for line, head in zip(lines, headlines, strict=True):
        n = len(line.split())
        if n and (n < compare.PROSE or head):
            chrome += 1
        else:
            prose += n
    return chrome, prose


def _headline(line: str) -> bool:
    """A short line in title case.

    >>> _headline("My 5 year Fitness Transformation Story"), _headline("Kata Putin di Moskow.")
    (True, False)
    """
    words = [w for w in line.split() if w[:1].isalpha()]
    if not 1 <= len(words) <= HEADLINE_WORDS or line.rstrip().endswith((".", "!", "?", '"', "”")):
        return False
    return sum(w[0].isupper() for w in words) >= HEADLINE_CAPITALS * len(words)


def _hash32(names: list[str], numbers: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The sorted unique 32-bit hashes of the names and of the numbers, hashed in one pass."""
    hashes = (token_hashes(" ".join(names + numbers)) >> np.uint64(32)).astype(np.uint32)
    return unique(hashes[: len(names)]), unique(hashes[len(names) :])
