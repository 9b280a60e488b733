"""Whether two documents tell one text, and how: :func:`verify`, a function of two sketches.

Symmetric, and a function of the two texts alone: nothing learnt from the corpus decides it, so
a pair's verdict does not change with what else is in the run.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from clean.dedup import compare
from clean.dedup.compare import Tokens
from clean.dedup.sketch import DedupConfig
from clean.dedup.store import Sketch

RELATIONS = ("exact", "near", "partial", "rewrite")


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
    runs = compare.align(ts, tl, config.align_words, config.min_run)
    held_small = compare.coverage(ts, runs.covered_a)
    sentences = int(((small.flags & compare.SENTENCE) > 0).sum())
    if held_small < config.rewrite_narrative and sentences < config.min_sentences:
        return None  # too little shared to be anything: no need to look for conflicts
    # The same sentences with other dates or figures: another day's report from one template,
    # or another defendant's hearing. Never a copy; one figure changed may be an update.
    facts, dates = compare.conflicts(ts, tl, runs)
    if dates or facts >= config.conflicts:
        return None
    held_large = compare.coverage(tl, runs.covered_b)
    at = np.flatnonzero(runs.covered_b)
    span = (int(at[0]), int(at[-1]) + 1) if at.size else (0, 0)
    copy = not facts  # a copy reports the same facts; one substitution is an edit
    if copy and held_small >= config.near_coverage and held_large >= config.near_coverage:
        return Verdict("near", round(held_small, 4), round(held_large, 4), span)
    if copy and held_small >= config.copy_coverage:
        return Verdict("partial", round(held_small, 4), round(held_large, 4), span)
    if small.words < config.min_rewrite_words:
        return None
    narrative, quotes, quoted = compare.shares(ts, runs.covered_a)
    if (
        narrative >= config.rewrite_narrative
        and quoted >= config.quoted_least
        and quoted * small.words >= config.min_run
        and quotes >= config.rewrite_quotes
    ) or (narrative >= config.rewrite_coverage and quoted < config.quoted_text):
        return Verdict("rewrite", round(held_small, 4), round(held_large, 4), span)
    # Translations of one agency story share names and numbers but few runs of words: their
    # sentences must correspond one to one, in order, for most of the smaller text.
    if sentences < config.min_sentences:
        return None
    share, judged, span = compare.correspondence(ts, tl, config.sentence_overlap)
    if judged >= config.min_sentences and share >= config.paraphrase:
        held = (span[1] - span[0]) / large.words
        return Verdict("rewrite", round(share, 4), round(held, 4), span)
    return None
