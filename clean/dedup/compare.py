"""Compare two texts: which of their words one copied from the other, and what they disagree on.

Pure functions over :class:`Tokens` (a text as 32-bit word hashes with a few flags per word),
used by :mod:`clean.dedup.verify` to judge a candidate pair. Three measures, each what a reader
checks when asked whether two news texts are one story:

- **alignment**: runs of at least ``min_run`` words that both texts hold, one diagonal of
  matching word k-grams each. Their share of each text is the coverage. Words inside quotation
  marks count apart: two reporters who heard one statement quote it alike, and that alone does
  not make one text a copy of the other.
- **conflicts**: a short gap between two aligned runs where the texts hold different numbers,
  names or day and month words ("pada Rabu (11/6)" / "pada Jumat (13/6)"): the same sentence
  reporting other facts. A template filled in for another day or place is made of them; a copy,
  however edited, has none (a number an edit dropped leaves a gap on one side only).
- **correspondence**: the share of the smaller text whose sentences have, in the same order, a
  sentence in the other sharing at least ``sentence_overlap`` of its content words: what two
  translations of one agency story keep where they share few runs of words.
"""

from __future__ import annotations

import bisect
import difflib
import itertools
import re
import unicodedata
import zlib
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from clean.dedup.hashing import kgrams, unique, word_hashes

# Flags, one byte per word.
NUMBER = 1  # holds a digit, or names a month (read as its number)


QUOTED = 2  # inside quotation marks


NAME = 4  # capitalised, and not at the start of a sentence


DATE = 8  # a day or month name


SENTENCE = 16  # starts a sentence


FUNCTION = 32  # a function word: no content of its own


LINE = 64  # starts a line


ATTRIBUTION = 128  # says who said it ("kata", "ujar", "dikutip", "said"): a statement's date


# One pass over the text finds words, quotation marks, sentence ends and line breaks. Digits and
# letters are words apart, and so are the halves of "presidenVladimir": scrapers glue words
# where markup stood ("8yang", "IranAyatollah"), one copy glued and the other not.
def _capitals() -> str:
    """The capital letters of every script (the Basic Multilingual Plane), as ranges for a
    character class: "MÜLLER" is one word, not "MÜ" and "LLER"."""
    ranges: list[str] = []
    start = None
    for code in range(0x10001):
        if code < 0x10000 and chr(code).isupper():
            start = code if start is None else start
        elif start is not None:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(code - 1))}")
            start = None
    return "".join(ranges)


CAPITALS = _capitals()
PIECE = re.compile(rf"\d+|[{CAPITALS}]?[^\W\d_{CAPITALS}]+|[^\W\d_]+|[\"“”„«»]|[.!?]+|\n")


OPENING, CLOSING, TOGGLE = frozenset("“„«"), frozenset("”»"), '"'


# Day and month names (English, Indonesian and Malay), and their usual abbreviations.
DAYS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday senin selasa rabu kamis jumat
    sabtu minggu ahad isnin khamis""".split()  # noqa: SIM905 - a word list
)


# Month names are compared as their numbers: "11 Juni 2025" and "11/6/2025" report one date.
MONTHS = {
    word: str(number)
    for number, words in enumerate(
        (
            "january januari jan",
            "february februari pebruari feb",
            "march maret mac mar",
            "april apr",
            "may mei",
            "june juni jun",
            "july juli julai jul",
            "august agustus ogos aug agu agt",
            "september sep sept",
            "october oktober okt oct",
            "november nopember nov",
            "december desember disember dec des",
        ),
        start=1,
    )
    for word in words.split()
}


# Words that attribute a statement (English, Indonesian, Malay): the date beside them is when
# it was said or sent, which outlets running one release write differently ("dalam keterangan
# tertulis, Senin (16/6)" / "dalam siaran pers, Rabu (18/6)"); not the day of what happened.
ATTRIBUTION_WORDS = frozenset(
    """kata katanya ujar ujarnya ucap ucapnya tutur tuturnya ungkap ungkapnya jelas jelasnya
    terang terangnya papar paparnya tegas tegasnya sebut sebutnya imbuh imbuhnya tambahnya
    lanjutnya pungkas pungkasnya tukas tukasnya mengatakan menyatakan menjelaskan menyampaikan
    mengungkapkan menegaskan menuturkan menyebutkan keterangan keterangannya siaran pers rilis
    dikutip dilansir konferensi wawancara said says told statement quoted announced interview
    conference press release""".split()  # noqa: SIM905 - a word list
)


# Words that carry no content of their own (English, Indonesian, Malay): a sentence is compared
# by the rest.
FUNCTION_WORDS = frozenset(
    """a an the of to in on at by for from with and or but not no nor is are was were be been
    being has have had do does did will would shall should can could may might must it its this
    that these those he she they we you i his her their our your my him them us me as if than
    then so such there here who whom whose which what when where why how also said says say
    yang dan di ke dari itu ini untuk dengan pada dalam tidak akan juga adalah kata ia dia para
    oleh karena sebagai telah sudah bisa atau saat tersebut bahwa ada lebih serta namun tak
    jadi agar hingga kepada bagi maka masih jika sejak seperti setelah sebelum antara secara
    menjadi pun nya kami kita mereka saya anda lagi hanya baru sangat harus dapat bahawa
    kerana iaitu boleh""".split()  # noqa: SIM905 - a word list
)


def _lexicon() -> dict[str, tuple[int, str]]:
    """The flags of the words the lists name, and what each is read as (a month name as its
    number): a month before a day before a function word; an attribution besides."""
    out: dict[str, tuple[int, str]] = {}
    for word in MONTHS.keys() | DAYS | FUNCTION_WORDS | ATTRIBUTION_WORDS:
        if word in MONTHS:
            flag, read = DATE | NUMBER, MONTHS[word]
        elif word in DAYS:
            flag, read = DATE, word
        elif word in FUNCTION_WORDS:
            flag, read = FUNCTION, word
        else:
            flag, read = 0, word
        out[word] = (flag | (ATTRIBUTION if read in ATTRIBUTION_WORDS else 0), read)
    return out


LEXICON = _lexicon()


MAX_GAP = 8  # words on either side of a conflict: a substitution, not a new passage


FLANK = 3  # words both texts hold around a conflict, together (one at least on each side)


PLACES = 3  # sentences a name is substituted in, for a template of another place
PROSE = 8  # words of a line in both texts for a conflict in it to count: not a date stamp


MAX_FILL = 60  # gaps between aligned runs longer than this are new passages, not aligned


MAX_RUNS = 400  # runs tried for the ordered chain (the longest)


MAX_REPEATS = 8  # places a repeated k-gram of the other text is tried at


@dataclass(frozen=True, slots=True)
class Tokens:
    """A text as duplicates compare it: one 32-bit hash, one flag byte and one shape byte per
    word (the shape of a name's spelling, :func:`shape`; 0 for other words)."""

    hashes: np.ndarray  # uint32[n]
    flags: np.ndarray  # uint8[n]
    shapes: np.ndarray  # uint8[n]
    # what is worked out of the words once and read for every pair the text is in (its
    # k-grams, lines of prose, sentences): filled as it is asked for
    derived: dict[object, object] = field(default_factory=dict, compare=False, repr=False)

    def kgrams(self, k: int) -> np.ndarray:
        """The hashes of the text's word ``k``-grams (:func:`clean.dedup.hashing.kgrams`)."""
        key = ("kgrams", k)
        if key not in self.derived:
            self.derived[key] = kgrams(self.hashes, k)
        return self.derived[key]  # type: ignore[return-value]

    def __len__(self) -> int:
        return int(self.hashes.size)


def cased(text: str) -> bool:
    """Whether capitals can tell names in ``text``: it is written in both cases. In a text all
    in capitals (or all in lower case), an exact copy of one in both, every word or none would
    be a name."""
    return text != text.upper() and text != text.lower()


VOWELS = re.compile(r"[aeiouyhw]+")


def shape(word: str) -> int:
    """A name's spelling as one byte (1..255): its consonants, accents dropped, doubled letters
    and vowels left out, so that one name spelt two ways ("China" / "Cina", "Mohammed" /
    "Muhammad", "Zelensky" / "Zelenskyy") has one shape, and two names mostly two.

    >>> shape("china") == shape("cina"), shape("medan") == shape("padang")
    (True, False)
    """
    bare = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode() or word
    skeleton = "".join(c for c, _ in itertools.groupby(VOWELS.sub("", bare))) or bare
    return 1 + zlib.crc32(skeleton.encode("utf-8")) % 255


def tokens(text: str) -> Tokens:
    """The words of ``text`` (numbers already normalised), lower-cased and hashed, with flags.

    >>> t = tokens('Kata Budi: "Harga naik 3 persen pada Rabu." Lalu pergi.')
    >>> len(t), [int(f) for f in t.flags]  # Kata: LINE|FUNCTION|SENTENCE|ATTRIBUTION, ...
    (10, [240, 4, 6, 2, 3, 2, 34, 14, 16, 0])
    """
    words: list[str] = []
    flags: list[int] = []
    shapes: list[int] = []
    names = cased(text)
    spelt: dict[str, int] = {}  # each name's shape, worked out once
    lexicon = LEXICON
    quoted = False
    start = line = True  # the next word starts a sentence, a line
    for piece in PIECE.findall(text):
        first = piece[0]
        if first.isalnum():  # a word (digits or letters): most pieces
            flag = SENTENCE if start else 0
            if quoted:
                flag |= QUOTED
            if line:
                flag |= LINE
            if first.isdigit():
                flag |= NUMBER
                word = piece.lstrip("0") or "0"  # "06" is 6
            else:
                word = piece.lower()
                known = lexicon.get(word)
                if known is not None:
                    flag |= known[0]
                    word = known[1]
            if names and not start and first.isupper():
                flag |= NAME
                shapes.append(spelt[word] if word in spelt else spelt.setdefault(word, shape(word)))
            else:
                shapes.append(0)
            words.append(word)
            flags.append(flag)
            start = line = False
        elif first == "\n":
            quoted, start, line = False, True, True
        elif first == TOGGLE:
            quoted = not quoted
        elif first in OPENING:
            quoted = True
        elif first in CLOSING:
            quoted = False
        else:  # . ! ?
            start = True
    return Tokens(
        word_hashes(words), np.array(flags, dtype=np.uint8), np.array(shapes, dtype=np.uint8)
    )


@dataclass(frozen=True, slots=True)
class Alignment:
    """What two texts share word for word, seen from each (``a`` is the first text given):
    the runs of matching words, one diagonal each (``[a0, a1)`` in ``a``, shifted by ``d`` in
    ``b``), and which words lie in runs of at least ``min_run``."""

    a0: np.ndarray
    a1: np.ndarray
    d: np.ndarray
    covered_a: np.ndarray  # bool[len(a)]
    covered_b: np.ndarray  # bool[len(b)]


def align(a: Tokens, b: Tokens, k: int, min_run: int) -> Alignment:
    """Runs of words both texts hold, found through their ``k``-grams, and the words that lie
    in runs of at least ``min_run``.

    >>> a = tokens("harga emas di jakarta hari ini naik 5 persen menjadi 900 ribu rupiah")
    >>> b = tokens("harga emas di jakarta hari ini naik 7 persen menjadi 900 ribu rupiah")
    >>> r = align(a, b, 3, 4)
    >>> int(r.covered_a.sum()), conflicts(a, b, r)
    (12, Conflicts(facts=1, dates=0, edits=0))
    """
    na, nb = len(a), len(b)
    empty = np.zeros(0, dtype=np.int64)
    none = Alignment(empty, empty, empty, np.zeros(na, bool), np.zeros(nb, bool))
    ka, kb = a.kgrams(k), b.kgrams(k)
    if ka.size == 0 or kb.size == 0:
        return none
    order = np.argsort(kb, kind="stable")
    sorted_kb = kb[order]
    lo = np.searchsorted(sorted_kb, ka, side="left")
    hi = np.searchsorted(sorted_kb, ka, side="right")
    counts = np.minimum(hi - lo, MAX_REPEATS)
    if not counts.any():
        return none
    # every (i, j) with equal k-grams, a repeated k-gram of b tried at its first few places
    i = np.repeat(np.arange(ka.size), counts)
    offsets = np.arange(i.size) - np.repeat(np.cumsum(counts) - counts, counts)
    j = order[lo[i] + offsets]
    d = j - i
    # runs: consecutive i on one diagonal
    by = np.lexsort((i, d))
    i, d = i[by], d[by]
    new = np.concatenate(([True], (d[1:] != d[:-1]) | (i[1:] != i[:-1] + 1)))
    starts = np.flatnonzero(new)
    ends = np.append(starts[1:], i.size) - 1
    a0, a1, dd = i[starts], i[ends] + k, d[starts]  # word spans [a0, a1) in a
    keep = a1 - a0 >= min_run
    covered_a = _cover(na, a0[keep], a1[keep])
    covered_b = _cover(nb, a0[keep] + dd[keep], a1[keep] + dd[keep])
    return Alignment(a0, a1, dd, covered_a, covered_b)


def _cover(n: int, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """``bool[n]``, True inside any of the spans ``[starts, ends)``."""
    marks = np.zeros(n + 1, dtype=np.int64)
    np.add.at(marks, starts, 1)
    np.add.at(marks, ends, -1)
    return np.cumsum(marks[:n]) > 0


# What a conflict is made of. Names count apart (see Found): one copy glues "Putin" to the next
# word, another corrects "Drektur" to "Direktur".
FACTS = NUMBER | DATE


ATTRIBUTED = 8  # words before a date in which an attribution makes it a statement's date


class Conflicts(NamedTuple):
    """What two texts disagree on where they tell the same sentences, and what they agree on.

    ``facts``: figures or names one text puts where the other has others (an update, or
    another report from one template); ``dates``: dates of another day (the day of the month
    or the year differs, or the weekday and the month both do, and no attribution stands
    before it: another eruption, another day's prices); ``edits``: dates that differ only in a
    weekday or only in a month beside the same day, or
    in when a statement was given: a typo or an outlet's edit, not another fact."""

    facts: int
    dates: int
    edits: int


def conflicts(a: Tokens, b: Tokens, runs: Alignment) -> Conflicts:
    """Places where the texts report other facts, in the gaps between the runs of one ordered
    chain (the longest runs that keep the order of both texts), and before the first run and
    after the last."""
    chain = _chain(runs.a0, runs.a1, runs.d)
    if not chain:
        return Conflicts(0, 0, 0)
    prose_a = _prose(a)
    # as lists: the gaps are a few words each, and numpy's cost per call outweighs the work
    found = Found(
        (a.hashes.tolist(), a.flags.tolist(), prose_a.tolist(), a.shapes.tolist()),
        (b.hashes.tolist(), b.flags.tolist(), _prose(b).tolist(), b.shapes.tolist()),
    )
    first, last = chain[0], chain[-1]
    bounds = [((0, first[0]), (0, first[0] + first[2]), False, True)]
    for (_, p1, pd), (n0, _, nd) in itertools.pairwise(chain):
        bounds.append(((p1, n0), (p1 + pd, n0 + nd), True, True))
    bounds.append(((last[1], len(a)), (last[1] + last[2], len(b)), True, False))
    for ga, gb, after, before in bounds:
        if ga[1] <= ga[0] or gb[1] <= gb[0]:
            continue
        if ga[1] - ga[0] <= MAX_GAP and gb[1] - gb[0] <= MAX_GAP and after and before:
            found.judge(ga, gb, names=True)  # a substitution between two runs
        elif ga[1] - ga[0] <= MAX_FILL and gb[1] - gb[0] <= MAX_FILL:
            _gap_conflicts(found, ga, gb, after, before)
        else:  # a new passage: only what follows the run before it and precedes the next
            head = ((ga[0], min(ga[1], ga[0] + MAX_FILL)), (gb[0], min(gb[1], gb[0] + MAX_FILL)))
            tail = ((max(ga[0], ga[1] - MAX_FILL), ga[1]), (max(gb[0], gb[1] - MAX_FILL), gb[1]))
            _gap_conflicts(found, *head, after, False)
            _gap_conflicts(found, *tail, False, before)
    facts, dates, edits = found.total()
    return Conflicts(facts, dates, edits)


# A text as lists for the conflict search: word hashes, flags, whether each word is in prose,
# the shapes of names.
Words = tuple[list[int], list[int], list[bool], list[int]]


class Found:
    """Conflicts as they are found: other numbers or dates in one place, and names one text
    puts where the other has others. A name counts where it recurs: a template filled in for
    another city names it in every sentence (``PLACES`` times, or twice beside other figures);
    an update that corrects a name ("Intan" to "Indah") or glues one to the next word does so
    once or twice, and one name spelt two ways ("China" / "Cina") is no other name."""

    def __init__(self, a: Words, b: Words) -> None:
        self.a, self.b = a, b
        self.facts = self.dates = self.edits = 0
        self.names: dict[tuple[frozenset[int], frozenset[int]], int] = {}

    def judge(self, ga: tuple[int, int], gb: tuple[int, int], names: bool = False) -> None:
        """One place where the texts differ; ``names``: the place lies between two runs, where
        a template's name stands (elsewhere, names are spelt otherwise: Rakhmon, Rahmon)."""
        (ha, fa, pa, sa_), (hb, fb, pb, sb_) = self.a, self.b
        sa, sb = range(*ga), range(*gb)
        if not (all(pa[x] for x in sa) and all(pb[x] for x in sb)):
            return  # a time stamp, a table row: chrome or a list, not a sentence's fact
        va = [ha[x] for x in sa if fa[x] & FACTS]
        vb = [hb[x] for x in sb if fb[x] & FACTS]
        # Each reports facts the other does not, in order ("8 Juni" is not "6 Agustus"): a
        # substitution. A fact one text dropped or added leaves the other's in it.
        if va and vb and not (_within(va, vb) or _within(vb, va)):
            # a date: a day or month word in the place or beside it ("24 Maret" / "10 Maret")
            near_a = range(max(ga[0] - 1, 0), min(ga[1] + 1, len(fa)))
            near_b = range(max(gb[0] - 1, 0), min(gb[1] + 1, len(fb)))
            if not (any(fa[x] & DATE for x in near_a) and any(fb[x] & DATE for x in near_b)):
                self.facts += 1
            elif self._another_day(ga, gb):
                self.dates += 1
            else:
                self.edits += 1
            return
        if not names:
            return
        na = frozenset(ha[x] for x in sa if fa[x] & (NAME | FACTS) == NAME)
        nb = frozenset(hb[x] for x in sb if fb[x] & (NAME | FACTS) == NAME)
        if na and nb and not na & nb:
            shapes_a = {sa_[x] for x in sa if fa[x] & (NAME | FACTS) == NAME}
            shapes_b = {sb_[x] for x in sb if fb[x] & (NAME | FACTS) == NAME}
            if shapes_a != shapes_b:  # not one name spelt another way
                self.names[(na, nb)] = self.names.get((na, nb), 0) + 1

    def _another_day(self, ga: tuple[int, int], gb: tuple[int, int]) -> bool:
        """Whether a date that differs is of another day: the day of the month or the year
        differs, or the weekday and the month both do, and no attribution stands before it.
        A weekday or a month changed beside the same day is a typo or an edit ("Rabu (18/5)"
        for "Rabu (18/6)", "Selasa (5/7)" for "Senin (5/7)"), and the date a statement was
        given is the outlets' own."""
        (ha, fa, _, _), (hb, fb, _, _) = self.a, self.b
        for (lo, hi), f in ((ga, fa), (gb, fb)):
            if any(f[x] & ATTRIBUTION for x in range(max(lo - ATTRIBUTED, 0), hi)):
                return False
        (wa, day_a, ma, ya), (wb, day_b, mb, yb) = _date(*ga, ha, fa), _date(*gb, hb, fb)
        return day_a != day_b or ya != yb or (wa != wb and ma != mb)

    def total(self) -> tuple[int, int, int]:
        """Conflicts of facts (names included), of days, and edits of dates."""
        least = 2 if self.facts or self.dates else PLACES
        places = sum(n for n in self.names.values() if n >= least)
        return self.facts + places, self.dates, self.edits


def _date(lo: int, hi: int, h: list[int], f: list[int]) -> tuple[int | None, ...]:
    """The date at a place and two words either side: its weekday, day of the month (the
    first number that names no month), month (the fact after the day) and year (the next)."""
    around = range(max(lo - 2, 0), min(hi + 2, len(f)))
    weekday = next((h[x] for x in around if f[x] & FACTS == DATE), None)
    at = next((x for x in around if f[x] & FACTS == NUMBER), None)
    if at is None:
        return weekday, None, None, None
    rest = [h[x] for x in range(at + 1, min(at + 3, len(f))) if f[x] & NUMBER]
    return weekday, h[at], *[*rest, None, None][:2]


def _prose(t: Tokens) -> np.ndarray:
    """``bool[n]``: the word stands in a line of at least ``PROSE`` words."""
    if "prose" not in t.derived:
        t.derived["prose"] = _lines_of_prose(t)
    return t.derived["prose"]  # type: ignore[return-value]


def _lines_of_prose(t: Tokens) -> np.ndarray:
    line = np.cumsum((t.flags & LINE) > 0) - 1
    if line.size == 0:
        return np.zeros(0, dtype=bool)
    return (np.bincount(np.maximum(line, 0)) >= PROSE)[np.maximum(line, 0)]


def _chain(a0: np.ndarray, a1: np.ndarray, d: np.ndarray) -> list[tuple[int, int, int]]:
    """The longest runs first, each kept if it fits the order of those already kept."""
    order = np.lexsort((a0, -(a1 - a0)))[:MAX_RUNS]
    kept: list[tuple[int, int, int]] = []  # sorted by a0
    for x in order.tolist():
        run = (int(a0[x]), int(a1[x]), int(d[x]))
        at = bisect.bisect_left(kept, run)
        before = kept[at - 1] if at else None
        after = kept[at] if at < len(kept) else None
        if before and not (before[1] <= run[0] and before[1] + before[2] <= run[0] + run[2]):
            continue
        if after and not (run[1] <= after[0] and run[1] + run[2] <= after[0] + after[2]):
            continue
        kept.insert(at, run)
    return kept


def _within(small: list[int], large: list[int]) -> bool:
    """Whether ``small`` is a subsequence of ``large``.

    >>> _within([1, 3], [1, 2, 3]), _within([3, 1], [1, 2, 3])
    (True, False)
    """
    rest = iter(large)
    return all(x in rest for x in small)


def _gap_conflicts(
    found: Found, ga: tuple[int, int], gb: tuple[int, int], after_run: bool, before_run: bool
) -> None:
    """Substitutions inside one longer gap, aligned word by word: stretches of at most
    ``MAX_GAP`` words a side between words both texts hold (``FLANK`` of them in all, one at
    least on each side; the runs around the gap count where the window touches them). A single
    shared number is no anchor: "11 8" / "8 6" (11 August, 8 June) share an 8 by chance."""
    fa, fb = found.a[1][ga[0] : ga[1]], found.b[1][gb[0] : gb[1]]
    pa, pb = found.a[2][ga[0] : ga[1]], found.b[2][gb[0] : gb[1]]
    # a place counts only where both texts report facts in prose: none on a side, none found
    if not any(f & FACTS and p for f, p in zip(fa, pa, strict=True)):
        return
    if not any(f & FACTS and p for f, p in zip(fb, pb, strict=True)):
        return
    ha, hb = found.a[0][ga[0] : ga[1]], found.b[0][gb[0] : gb[1]]
    ops = difflib.SequenceMatcher(None, ha, hb, autojunk=False).get_opcodes()
    # anchors: equal stretches that are not one lone fact
    anchors = [(-1, -1, FLANK * after_run)]
    for op, i1, i2, j1, _ in ops:
        if op == "equal" and (i2 - i1 > 1 or not fa[i1] & FACTS):
            anchors.append((i1, j1, i2 - i1))
    anchors.append((len(ha), len(hb), FLANK * before_run))
    for (pi, pj, plen), (ni, nj, nlen) in itertools.pairwise(anchors):
        i1, j1 = (pi + plen, pj + plen) if pi >= 0 else (0, 0)
        i2, j2 = ni, nj
        if not (0 < i2 - i1 <= MAX_GAP and 0 < j2 - j1 <= MAX_GAP):
            continue
        if min(plen, nlen) < 1 or plen + nlen < FLANK:
            continue
        found.judge((ga[0] + i1, ga[0] + i2), (gb[0] + j1, gb[0] + j2))


def coverage(t: Tokens, covered: np.ndarray) -> float:
    """The aligned share of a text.

    >>> t = tokens('Budi said "we will pay" today')
    >>> coverage(t, np.array([False, False, True, True, True, True]))
    0.6666666666666666
    """
    return float(covered.mean()) if len(t) else 0.0


def shares(t: Tokens, covered: np.ndarray) -> tuple[float, float, float]:
    """What of a text is aligned: its narrative (words outside quotation marks held, a share
    of all its words), its quotations (quoted words held, a share of its quoted words), and
    how much of it is quoted.

    >>> t = tokens('Budi said "we will pay" today')
    >>> shares(t, np.array([False, False, True, True, False, True]))
    (0.16666666666666666, 0.6666666666666666, 0.5)
    """
    n = len(t)
    if n == 0:
        return 0.0, 0.0, 0.0
    quoted = (t.flags & QUOTED) > 0
    in_quotes = int(quoted.sum())
    narrative = float((covered & ~quoted).sum()) / n
    quotes = float((covered & quoted).sum()) / in_quotes if in_quotes else 0.0
    return narrative, quotes, in_quotes / n


def sentences(t: Tokens) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Content words as ``(hashes, sentence numbers)``, unique within a sentence, and each
    word's sentence number."""
    if "sentences" not in t.derived:
        t.derived["sentences"] = _sentences(t)
    return t.derived["sentences"]  # type: ignore[return-value]


def _sentences(t: Tokens) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    number = np.maximum(np.cumsum((t.flags & SENTENCE) > 0) - 1, 0)
    content = (t.flags & FUNCTION) == 0
    h, s = t.hashes[content].astype(np.int64), number[content]
    if h.size == 0:
        return h, s, number
    key = unique((s << 32) | h)
    return key & 0xFFFFFFFF, key >> 32, number


@dataclass(frozen=True, slots=True)
class Correspondence:
    """Which sentences of two texts tell the same thing, in order: ``pairs`` of sentence
    numbers; ``share`` of the first text's content words (in sentences of ``min_words`` or
    more, the ``judged`` ones) that lie in them; the words of each text in corresponding
    sentences; and the words of the second from its first such sentence to its last."""

    share: float
    judged: int
    pairs: tuple[tuple[int, int], ...]
    covered_a: np.ndarray  # bool[len(a)]
    covered_b: np.ndarray  # bool[len(b)]
    span: tuple[int, int]


def correspondence(a: Tokens, b: Tokens, overlap: float, min_words: int = 3) -> Correspondence:
    """The sentences of ``a`` that have, in order, a sentence of ``b`` telling the same thing:
    sharing ``overlap`` of their content words (of the two sentences' mean), each word weighed
    by how few sentences of the two texts hold it (a name every sentence repeats says less
    about which two correspond than a figure or a rare word said once in each). A paraphrase
    or a translation of one text keeps its sentences in order; two reports of one event share
    facts, not order.

    >>> s = tokens("Harga emas naik tajam hari ini. Pembeli ramai datang ke butik Antam.")
    >>> l = tokens("Kata dia. Hari ini harga emas naik tajam. Butik Antam didatangi pembeli.")
    >>> c = correspondence(s, l, 0.4)
    >>> round(c.share, 2), c.judged, c.pairs, c.span
    (1.0, 2, ((0, 1), (1, 2)), (2, 12))
    """
    na, nb = len(a), len(b)
    none = Correspondence(0.0, 0, (), np.zeros(na, bool), np.zeros(nb, bool), (0, 0))
    ha, sa, number_a = sentences(a)
    hb, sb, number_b = sentences(b)
    if ha.size == 0 or hb.size == 0:
        return none
    size_a = np.bincount(sa)
    judged = size_a >= min_words
    total = int(size_a[judged].sum())  # a sentence weighs its content words
    if total == 0:
        return none
    # each word's weight: one over the square root of the sentences of both texts that hold it
    weight = 1.0 / np.sqrt(_counts(np.concatenate((ha, hb))))
    wa, wb = weight[: ha.size], weight[ha.size :]
    mass_a = np.bincount(sa, weights=wa)
    mass_b = np.bincount(sb, weights=wb)
    order = np.argsort(hb, kind="stable")
    hb_sorted, sb_sorted, wb_sorted = hb[order], sb[order], wb[order]
    lo = np.searchsorted(hb_sorted, ha, side="left")
    hi = np.searchsorted(hb_sorted, ha, side="right")
    counts = hi - lo
    rows = np.repeat(sa, counts)
    offsets = np.arange(rows.size) - np.repeat(np.cumsum(counts) - counts, counts)
    at = np.repeat(lo, counts) + offsets
    cells = size_a.size * mass_b.size
    shared = np.bincount(rows * mass_b.size + sb_sorted[at], wb_sorted[at], minlength=cells)
    sim = shared.reshape(size_a.size, mass_b.size) / np.maximum(
        np.add.outer(mass_a, mass_b) / 2, 1e-9
    )
    sim[~judged] = 0
    x, y = np.nonzero(sim >= overlap)
    _, chain = _ordered_weight(x, y, size_a)
    if not chain:
        return Correspondence(0.0, int(judged.sum()), (), none.covered_a, none.covered_b, (0, 0))
    xs, ys = [i for i, _ in chain], [j for _, j in chain]
    covered_a = _marked(number_a, xs)
    covered_b = _marked(number_b, ys)
    starts = np.flatnonzero((b.flags & SENTENCE) > 0)
    begin = int(starts[ys[0]]) if ys[0] < starts.size else 0
    end = int(starts[ys[-1] + 1]) if ys[-1] + 1 < starts.size else nb
    share = float(size_a[xs].sum()) / total  # the chain's sentences are all judged
    return Correspondence(
        share, int(judged.sum()), tuple(chain), covered_a, covered_b, (begin, end)
    )


def _counts(values: np.ndarray) -> np.ndarray:
    """For each value, how many times it occurs in ``values`` (by sorting: numpy's hashing
    unique costs more on a few hundred values)."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    bounds = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1], [True])))
    sizes = np.diff(bounds)
    out = np.empty(values.size, dtype=np.int64)
    out[order] = np.repeat(sizes, sizes)
    return out


def _marked(numbers: np.ndarray, chosen: list[int]) -> np.ndarray:
    """``bool[n]``: whether each word's sentence number is one of ``chosen``."""
    marks = np.zeros(int(numbers.max()) + 1 if numbers.size else 1, dtype=bool)
    marks[chosen] = True
    return marks[numbers]


def _ordered_weight(
    x: np.ndarray, y: np.ndarray, weight: np.ndarray
) -> tuple[int, list[tuple[int, int]]]:
    """The largest total ``weight[x]`` of matches ``(x, y)`` increasing in x and not decreasing
    in y (a rewrite may merge two sentences into one), and that chain's matches."""
    best: dict[int, tuple[int, list[tuple[int, int]]]] = {}  # y -> the best chain ending there
    top: tuple[int, list[tuple[int, int]]] = (0, [])
    for xi in np.unique(x).tolist():
        updates: dict[int, tuple[int, list[tuple[int, int]]]] = {}
        for yi in y[x == xi].tolist():
            prior = max((c for yy, c in best.items() if yy <= yi), default=(0, []), key=_first)
            chain = (prior[0] + int(weight[xi]), [*prior[1], (xi, yi)])
            if chain[0] > updates.get(yi, (0, []))[0]:
                updates[yi] = chain
        for yi, chain in updates.items():
            if chain[0] > best.get(yi, (0, []))[0]:
                best[yi] = chain
                top = max(top, chain, key=_first)
    return top


def _first(chain: tuple[int, list[tuple[int, int]]]) -> int:
    return chain[0]
