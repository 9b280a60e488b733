"""Whether two documents tell one text, and how: :func:`verify`, a function of two sketches.

Symmetric, and a function of the two texts alone: nothing learnt from the corpus decides it, so
a pair's verdict does not change with what else is in the run.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from clean.dedup import compare
from clean.dedup.compare import Tokens
from clean.dedup.sketch import DedupConfig
from clean.dedup.store import Sketch

RELATIONS = ("exact", "near", "partial", "rewrite", "passage")


MAIN_GAP = 2  # sentences skipped inside the main block of corresponding sentences


LEAD = 2  # sentences at the top of a text that make its lead


@dataclass(frozen=True, slots=True)
class Verdict:
    """How two documents relate: ``similarity`` is the share of the smaller text the larger
    holds (or, for a rewrite found by its sentences, the share that corresponds); ``held`` is
    the share of the larger text the smaller holds, ``span`` the words of the larger text from
    the first it shares with the smaller to the last, and ``inner`` the same in the smaller.

    A ``passage`` is a block of text two texts share that does not make them one story:
    ``similarity`` and ``held`` are the shares of each text the block is, and the spans the
    block's words in each. ``apart``: the two are different stories (the block is one's
    background to a story of its own), so no chain of versions may put them in one cluster;
    otherwise the block is all that can be said of them."""

    relation: str
    similarity: float
    held: float = 1.0
    span: tuple[int, int] = (0, 0)
    inner: tuple[int, int] = (0, 0)
    apart: bool = False


def verify(
    a: Sketch, b: Sketch, config: DedupConfig, words: tuple[Tokens, Tokens] | None = None
) -> Verdict | None:
    """Whether two documents tell one text, and how; ``None`` if they share nothing worth
    saying. Symmetric, and a function of the two sketches alone.

    Read as a careful reader reads two news texts: which words one copied from the other (runs
    of words in order), whether they report other facts where they say the same sentences
    (conflicts, weighed against the facts they agree on), which sentences correspond in order
    (a rewrite in other words, a translation), and whether what they share is the story of
    each or a block one of them carries as background to a story of its own. ``words``: the
    two texts' :class:`Tokens`, made once by a caller that verifies a text in many pairs.
    """
    if a.exact == b.exact:
        return Verdict("exact", 1.0)
    # ties broken by content, so that verify(a, b) == verify(b, a)
    small, large = (a, b) if (a.words, a.exact) <= (b.words, b.exact) else (b, a)
    if small.words < config.min_words:
        return None
    ta, tb = words or (Tokens(a.tokens, a.flags, a.shapes), Tokens(b.tokens, b.flags, b.shapes))
    ts, tl = (ta, tb) if small is a else (tb, ta)
    runs = compare.align(ts, tl, config.align_words, config.min_run)
    held_small = compare.coverage(ts, runs.covered_a)
    sentences = int(((small.flags & compare.SENTENCE) > 0).sum())
    if held_small < config.rewrite_narrative and sentences < config.min_sentences:
        return None  # too little shared to be anything: no need to look for conflicts
    # The same sentences with other dates or figures: another day's report from one template,
    # or another defendant's hearing. Never a copy; one figure changed may be an update, and
    # a weekday or month mistyped beside the same day is an edit.
    found = compare.conflicts(ts, tl, runs)
    if found.dates or found.facts >= config.conflicts:
        return None
    held_large = compare.coverage(tl, runs.covered_b)
    span, inner = _extent(runs.covered_b), _extent(runs.covered_a)
    copy = not found.facts  # a copy reports the same facts; one substitution is an edit
    if copy and held_small >= config.near_coverage and held_large >= config.near_coverage:
        return Verdict("near", round(held_small, 4), round(held_large, 4), span, inner)
    if copy and held_small >= config.copy_coverage:
        # the smaller text whole inside the larger: a trimmed copy, an article in a roundup
        return Verdict("partial", round(held_small, 4), round(held_large, 4), span, inner)
    passage = _passage(ts, tl, runs, config)
    if small.words < config.min_rewrite_words:
        return passage
    narrative, quotes, quoted = compare.shares(ts, runs.covered_a)
    copied = (
        narrative >= config.rewrite_narrative
        and quoted >= config.quoted_least
        and quoted * small.words >= config.min_run
        and quotes >= config.rewrite_quotes
    ) or (narrative >= config.rewrite_coverage and quoted < config.quoted_text)
    if (
        passage is None
        and not copied
        and sentences < config.min_sentences
        and narrative < config.rewrite_narrative
    ):
        return None  # no block to report, too few sentences to be retold and too little copied
    corr = compare.correspondence(ts, tl, config.sentence_overlap)
    # Is what they share the story of each? A block the smaller text holds only in part, that
    # comes in one of them after a story of its own, is that text's background: two stories.
    block = runs.covered_a | corr.covered_a
    whole = float(block.mean()) >= config.copy_coverage
    if (
        not whole
        and not _same_lead(corr, ts, runs)
        and max(_main_block(corr, ts, tl)) >= config.background
    ):
        return dataclasses.replace(passage, apart=True) if passage is not None else None
    # A rewrite in other words (a paraphrase, a translation): its sentences correspond one to
    # one, in order, for most of the smaller text.
    retold = corr.share >= config.paraphrase and (
        corr.judged >= config.min_sentences
        or (whole and narrative >= config.rewrite_narrative and _from_the_top(corr))
    )
    if not (copied or retold):
        return passage
    if copied:
        return Verdict("rewrite", round(held_small, 4), round(held_large, 4), span, inner)
    held = (corr.span[1] - corr.span[0]) / large.words
    return Verdict(
        "rewrite", round(corr.share, 4), round(held, 4), corr.span, _extent(corr.covered_a)
    )


def _passage(
    ts: Tokens, tl: Tokens, runs: compare.Alignment, config: DedupConfig
) -> Verdict | None:
    """The largest block of words two texts share, as a ``passage``, if it holds at least
    ``passage_words`` words."""
    inner, span = _block(runs.covered_a), _block(runs.covered_b)
    words = int(runs.covered_a[inner[0] : inner[1]].sum())
    if words < config.passage_words:
        return None
    return Verdict(
        "passage",
        round(words / len(ts), 4),
        round(int(runs.covered_b[span[0] : span[1]].sum()) / len(tl), 4),
        span,
        inner,
    )


def _extent(covered: np.ndarray) -> tuple[int, int]:
    """The words from the first covered to the last."""
    at = np.flatnonzero(covered)
    return (int(at[0]), int(at[-1]) + 1) if at.size else (0, 0)


def _block(covered: np.ndarray, gap: int = compare.MAX_FILL) -> tuple[int, int]:
    """The stretch of covered words with the most of them, gaps of at most ``gap`` words
    inside."""
    at = np.flatnonzero(covered)
    if not at.size:
        return (0, 0)
    cut = np.flatnonzero(np.diff(at) > gap)
    starts, ends = np.concatenate(([0], cut + 1)), np.concatenate((cut, [at.size - 1]))
    best = int(np.argmax(ends - starts))
    return int(at[starts[best]]), int(at[ends[best]]) + 1


def _same_lead(corr: compare.Correspondence, a: Tokens, runs: compare.Alignment) -> bool:
    """Whether the two texts open with the same sentence: their first corresponding sentences
    are in the first ``LEAD`` of each, and half of the first text's is copied word for word.
    Two texts with one lead tell one story, wherever the rest of it stands."""
    if not corr.pairs:
        return False
    i, j = corr.pairs[0]
    if i >= LEAD or j >= LEAD:
        return False
    number = np.cumsum((a.flags & compare.SENTENCE) > 0) - 1
    return float(runs.covered_a[number == i].mean()) >= 0.5


def _from_the_top(corr: compare.Correspondence) -> bool:
    """Whether the corresponding sentences start at the lead of both texts: a short text whose
    sentences retell, in order, the opening of a longer one is that story cut short (a release
    carried in its first paragraphs), not a report of its own."""
    return bool(corr.pairs) and max(corr.pairs[0]) < LEAD


def _main_block(corr: compare.Correspondence, a: Tokens, b: Tokens) -> tuple[float, float]:
    """Where the main block of corresponding sentences (the longest stretch of them, at most
    ``MAIN_GAP`` sentences apart in each text) starts in each text, as a share of it: a lead
    that restates the same incident does not make the block the text's own story."""
    if not corr.pairs:
        return 1.0, 1.0
    stretches, current = [], [corr.pairs[0]]
    for prev, cur in zip(corr.pairs, corr.pairs[1:], strict=False):
        if cur[0] - prev[0] <= MAIN_GAP + 1 and cur[1] - prev[1] <= MAIN_GAP + 1:
            current.append(cur)
        else:
            stretches.append(current)
            current = [cur]
    stretches.append(current)
    first = max(stretches, key=len)[0]  # the first of equal lengths: earliest
    starts_a = np.flatnonzero((a.flags & compare.SENTENCE) > 0)
    starts_b = np.flatnonzero((b.flags & compare.SENTENCE) > 0)
    return float(starts_a[first[0]]) / len(a), float(starts_b[first[1]]) / len(b)
