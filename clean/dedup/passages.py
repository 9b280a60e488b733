"""Shared passages in the record: which document, which span of this text, how many words.

Clustering (:mod:`clean.dedup.cluster`) finds passages on sketches, in words; a document's
record is written where its text is (a worker), so the words become characters there:
:func:`annotate` sets ``metadata.passages`` and, with the setting ``passages: drop``, takes out
of the text the lines of a passage a better-ranked document keeps.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

from clean.dedup.compare import CLOSING, OPENING, PIECE, TOGGLE
from clean.dedup.sketch import SCALED, SCALES, THOUSANDS
from clean.records import Counts, Document, Removal
from clean.text import words as text_words

RULE = "dedup.passage"  # the removals' rule in metadata.removed, with passages: drop


# What compare.PIECE finds that is not a word of the sketch: line breaks, sentence ends, quotes
NOT_WORDS = frozenset({"\n", ".", "!", "?", TOGGLE}) | OPENING | CLOSING
DROP_LINE = 0.5  # share of a line's characters inside a dropped passage for the line to go


def word_spans(text: str) -> list[tuple[int, int]]:
    """The characters of ``text`` each word of its sketch stands on (:func:`compare.tokens`
    of the normalised text: "20 ribu" is one word, "1.000" one number).

    >>> text = "Harga naik 20 ribu, dari 1.000 menjadi “tinggi”."
    >>> [text[a:b] for a, b in word_spans(text)]
    ['Harga', 'naik', '20 ribu', 'dari', '1.000', 'menjadi', 'tinggi']
    """
    normal, at = _normalised(text)
    spans = []
    for m in PIECE.finditer(normal):
        if m.group()[0] in NOT_WORDS:
            continue
        spans.append((at[m.start()], at[m.end() - 1] + 1))
    return spans


def _normalised(text: str) -> tuple[str, list[int]]:
    """:func:`clean.dedup.sketch.normalise_numbers` of ``text``, and for each of its
    characters the character of ``text`` it comes from."""
    at = list(range(len(text)))
    text, at = _sub(THOUSANDS, lambda m: "", text, at)
    return _sub(SCALED, lambda m: m[1] + "0" * SCALES[m[2].lower()], text, at)


def _sub(
    pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str], text: str, at: list[int]
) -> tuple[str, list[int]]:
    """``pattern.sub`` keeping where each character came from: a replacement's characters
    spread over the characters it replaces, first to first and last to last."""
    pieces, where, last = [], [], 0
    for m in pattern.finditer(text):
        pieces.append(text[last : m.start()])
        where += at[last : m.start()]
        new = replace(m)
        span = m.end() - m.start()
        pieces.append(new)
        where += [
            at[m.start() + round(k * (span - 1) / max(len(new) - 1, 1))] for k in range(len(new))
        ]
        last = m.end()
    pieces.append(text[last:])
    where += at[last:]
    return "".join(pieces), where


def annotate(doc: Document, found: list[dict[str, Any]]) -> Document:
    """The document with its passages (``found``: clustering's entries, in words) in
    ``passages`` as ``{"document", "span", "words"}``, ``span`` in characters of the text; an
    entry marked ``drop`` has its lines taken out of the text (``span`` null, ``dropped``
    true, each line in ``removed`` under :data:`RULE`)."""
    text = doc.text
    spans = word_spans(text)
    chars = [_chars(spans, entry["words"]) for entry in found]
    dropped = [span for entry, span in zip(found, chars, strict=True) if entry.get("drop")]
    cut = sorted({line for span in dropped for line in _lines(text, span)})
    kept = []
    for entry, span in zip(found, chars, strict=True):
        item = {"document": entry["document"], "span": None, "words": entry["shared"]}
        if entry.get("drop"):
            item["dropped"] = True
        else:
            item["span"] = list(_shifted(span, cut))
        kept.append(item)
    doc = dataclasses.replace(doc, passages=tuple(kept))
    if not cut:
        return doc
    removed = [text[a:b] for a, b in cut]
    text = _without(text, cut)
    counts = Counts(
        chars=len(text),
        words=len(text_words(text)),
        lines_removed=doc.counts.lines_removed + len(removed),
    )
    return dataclasses.replace(
        doc,
        text=text,
        counts=counts,
        removed=(*doc.removed, *(Removal(RULE, x) for x in removed)),
    )


def _chars(spans: list[tuple[int, int]], words: list[int]) -> tuple[int, int]:
    """The characters from the first of the words ``[start, end)`` to the last."""
    start, end = words
    if not spans or start >= end or start >= len(spans):
        return (0, 0)
    return spans[start][0], spans[min(end, len(spans)) - 1][1]


def _lines(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """The lines of ``text`` (with their line break) at least :data:`DROP_LINE` inside
    ``span``."""
    out, at = [], 0
    for line in text.splitlines(keepends=True):
        body = len(line.rstrip())
        inside = max(0, min(at + body, span[1]) - max(at, span[0]))
        if body and inside >= DROP_LINE * body:
            out.append((at, at + len(line)))
        at += len(line)
    return out


def _without(text: str, cut: list[tuple[int, int]]) -> str:
    """``text`` without the (sorted, disjoint) ranges ``cut``."""
    pieces, last = [], 0
    for a, b in cut:
        pieces.append(text[last:a])
        last = b
    pieces.append(text[last:])
    return "".join(pieces).rstrip("\n")


def _shifted(span: tuple[int, int], cut: list[tuple[int, int]]) -> tuple[int, int]:
    """``span`` in the text once the ranges ``cut`` are out (a part inside one is clipped)."""

    def moved(x: int) -> int:
        return x - sum(min(b, x) - a for a, b in cut if a < x)

    return moved(span[0]), moved(span[1])
