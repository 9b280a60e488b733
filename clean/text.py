"""Small pure helpers on lines of text, shared by the strip and describe stages."""

from __future__ import annotations

import re
from functools import lru_cache

WORD = re.compile(r"\w+(?:[-'’.]\w+)*")
# Sentence punctuation a body paragraph ends with (closing quotes and brackets after it count).
SENTENCE_END = re.compile(r"""[.!?…:;]["'”’)\]»]*$|["”»]$""")
# A document's lines are split into words by several stages (the rules' word counts, the
# generic stage, the metadata reader, which compares every line with each name it finds): the
# answers for the lines of the last few documents are kept, per process. A pure function's
# memo: what it returns does not depend on what was asked before.
LINES_KEPT = 4096


def ends_sentence(line: str) -> bool:
    """Whether ``line`` ends as a sentence does (:data:`SENTENCE_END`). The pattern is
    anchored at the end: searching the tail is the same and does not scan every position of
    a long line."""
    return SENTENCE_END.search(line[-8:]) is not None


def words(line: str) -> list[str]:
    """The words of a line, keeping hyphenated and dotted forms whole.

    >>> words("Kamp-kamp bagi 1.037 tentara, kata AS.")
    ['Kamp-kamp', 'bagi', '1.037', 'tentara', 'kata', 'AS']
    """
    return list(_words(line))


@lru_cache(maxsize=LINES_KEPT)
def _words(line: str) -> tuple[str, ...]:
    return tuple(WORD.findall(line))


@lru_cache(maxsize=LINES_KEPT)
def line_key(line: str) -> str:
    """A line folded for comparison: case, quotes and punctuation ignored.

    >>> line_key("Wanita 'Otak Cinta' ...") == line_key('wanita “otak cinta”')
    True
    """
    # casefold maps each character on its own, so folding the joined words is folding each
    return " ".join(_words(line)).casefold()


def is_body(line: str, min_words: int = 8) -> bool:
    """A line that reads as a paragraph of body text: long enough and ending like a sentence.

    >>> is_body("Lebih dari 1.000 tentara Afghanistan melarikan diri ke Tajikistan.")
    True
    >>> is_body("Berita Utama")
    False
    """
    n = len(words(line))
    return n >= 20 or (n >= min_words and SENTENCE_END.search(line) is not None)
