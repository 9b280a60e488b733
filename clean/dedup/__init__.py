"""Find duplicates: exact copies, near-duplicates, partial copies and rewrites of one source text.

Duplicates need every document, so the stage has two steps:

1. :func:`sketch` (pure, per document, can run on a worker) turns a clean text into a small
   :class:`Sketch` (:mod:`clean.dedup.sketch`);
2. :class:`Deduplicator` collects sketches (not texts, most of each kept on disk by
   :class:`~clean.dedup.store.SketchStore`) and clusters them (:mod:`clean.dedup.cluster`):
   candidates from sorted columns (:mod:`clean.dedup.candidates`), each verified word for word
   (:func:`verify`, over :mod:`clean.dedup.compare`), then joined into clusters.

Every record of a cluster says its cluster, its representative, and the document it was
verified against with the relation and similarity (:func:`duplicate_summary` counts them).
"""

from clean.dedup.cluster import Deduplicator, duplicate_summary
from clean.dedup.sketch import DedupConfig, Permutations, entities, fingerprint, sketch
from clean.dedup.store import Sketch, SketchStore, representative_key
from clean.dedup.verify import RELATIONS, Verdict, verify

__all__ = [
    "RELATIONS",
    "DedupConfig",
    "Deduplicator",
    "Permutations",
    "Sketch",
    "SketchStore",
    "Verdict",
    "duplicate_summary",
    "entities",
    "fingerprint",
    "representative_key",
    "sketch",
    "verify",
]
