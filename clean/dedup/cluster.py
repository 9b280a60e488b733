"""Clusters from verified pairs: :class:`Deduplicator` collects sketches, then clusters them.

- **candidates** (:mod:`clean.dedup.candidates`): one member of each group of exact copies, LSH
  bands of the signatures (near copies), shared anchors (a text inside another, or reusing its
  paragraphs), and, for texts that share few words, shared rare names and numbers
  (translations);
- **verification** of every candidate pair word for word (:func:`clean.dedup.verify.verify`);
- **clusters**: the verified pairs join, as disjoint sets, so a family of versions of one text is
  one cluster however long the chain of edits; but a page that holds several stories joins the
  one it holds most of, and two texts that share only a running story's background do not join.
"""

from __future__ import annotations

import hashlib
import os
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from typing import Any

import numpy as np

from clean.dedup.candidates import _closest, _shared_pairs, candidate_pairs
from clean.dedup.compare import SENTENCE, Tokens
from clean.dedup.sketch import DedupConfig, Permutations, sketch
from clean.dedup.store import Sketch, SketchReader, SketchStore, StoreFiles, representative_key
from clean.dedup.verify import RELATIONS, Verdict, verify

RELATION_CODE = {r: k for k, r in enumerate(RELATIONS)}
# Candidate pairs verified in one job of an engine: a second or so of work.
VERIFY_CHUNK = 2000


# Documents a job keeps read (the sketch and what is worked out of its words) at most.
READ_AT_ONCE = 1024

# An engine's map: ``map(task, jobs, state)`` yields ``task(state, job)`` in the jobs' order.
Map = Callable[[Callable[[dict[str, Any], Any], Any], Iterable[Any], dict[str, Any]], Iterator[Any]]


def verify_pairs(
    state: dict[str, Any], pairs: list[tuple[int, int]]
) -> list[tuple[int, int, int, Verdict]]:
    """One job: the pairs that hold, with the larger text's row and the verdict. ``state``
    names the store's files and the settings; the store is opened once a process."""
    reader = _reader(state["store"])
    config = state["config"]
    held = []
    read: dict[int, tuple[Sketch, Tokens]] = {}  # a document in several pairs: read it once
    for i, j in pairs:
        if len(read) > READ_AT_ONCE:  # the pairs come sorted: the first's documents are done
            read.clear()
        for row in (i, j):
            if row not in read:
                s = reader[row]
                read[row] = (s, Tokens(s.tokens, s.flags, s.shapes))
        (a, ta), (b, tb) = read[i], read[j]
        verdict = verify(a, b, config, (ta, tb))
        if verdict is not None:
            larger = j if (a.words, a.exact) <= (b.words, b.exact) else i
            held.append((i, j, larger, verdict))
    return held


_open: list[Any] = [None, None]  # the files this process last read, and their reader


def _reader(files: StoreFiles) -> SketchReader:
    if _open[0] != files:
        _open[:] = [files, SketchReader(files)]
    return _open[1]


def _here(
    task: Callable[[dict[str, Any], Any], Any], jobs: Iterable[Any], state: dict[str, Any]
) -> Iterator[Any]:
    """The engine of a :class:`Deduplicator` used alone: this process."""
    return (task(state, job) for job in jobs)


class Edges:
    """Verified pairs as columns (rows ``i < j``, the larger text's row, the verdict), a few
    bytes each: a corpus of a million documents may have millions."""

    def __init__(self) -> None:
        self.i, self.j, self.larger = array("i"), array("i"), array("i")
        self.relation, self.apart = array("b"), array("b")
        self.similarity, self.held = array("f"), array("f")
        self.start, self.end = array("i"), array("i")
        self.inner_start, self.inner_end = array("i"), array("i")

    def add(self, i: int, j: int, larger: int, verdict: Verdict) -> None:
        self.i.append(i)
        self.j.append(j)
        self.larger.append(larger)
        self.relation.append(RELATION_CODE[verdict.relation])
        self.apart.append(verdict.apart)
        self.similarity.append(verdict.similarity)
        self.held.append(verdict.held)
        self.start.append(verdict.span[0])
        self.end.append(verdict.span[1])
        self.inner_start.append(verdict.inner[0])
        self.inner_end.append(verdict.inner[1])

    def __len__(self) -> int:
        return len(self.i)

    def __iter__(self) -> Iterator[tuple[int, int, int, Verdict]]:
        for k in range(len(self.i)):
            verdict = Verdict(
                RELATIONS[self.relation[k]],
                round(self.similarity[k], 4),
                round(self.held[k], 4),
                (self.start[k], self.end[k]),
                (self.inner_start[k], self.inner_end[k]),
                bool(self.apart[k]),
            )
            yield self.i[k], self.j[k], self.larger[k], verdict


class UnionFind:
    """Disjoint sets over rows; the root of a set is its best-ranked member. Pairs ``apart``
    (two texts of different stories that share a passage) never end in one set: a union that
    would put them together is refused."""

    def __init__(self, ranks: np.ndarray, apart: Iterable[tuple[int, int]] = ()):
        self.parent = list(range(len(ranks)))
        self.ranks = ranks.tolist()
        self.apart: dict[int, list[int]] = defaultdict(list)  # a root: rows kept out of its set
        for i, j in apart:
            self.apart[i].append(j)
            self.apart[j].append(i)

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> bool:
        """Join the sets of ``a`` and ``b``; False (and nothing done) if they must stay apart."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self.apart:
            less, more = (ra, rb) if len(self.apart[ra]) <= len(self.apart[rb]) else (rb, ra)
            if any(self.find(x) == more for x in self.apart[less]):
                return False
        if self.ranks[rb] < self.ranks[ra]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        if self.apart:
            kept, moved = self.apart[ra], self.apart.pop(rb, [])
            if len(kept) < len(moved):
                kept, moved = moved, kept
            kept += moved
            self.apart[ra] = kept
        return True


class Deduplicator:
    """Collects sketches, then clusters them; keeps no text, and most of each sketch on disk.

    ``directory`` is where the :class:`SketchStore` keeps its files (the system's temporary
    folder by default); call :meth:`close` to remove them sooner than at exit.
    """

    def __init__(
        self, config: DedupConfig | None = None, directory: str | os.PathLike[str] | None = None
    ):
        self.config = config or DedupConfig()
        self.perms = Permutations(self.config.num_perm, self.config.seed)
        self.sketches = SketchStore(self.config.num_perm, directory)
        self.heads: list[int] = []
        self.ranks = np.zeros(0, dtype=np.int64)
        # after clusters(): {doc_id: [passage, ...]}, the blocks each document shares with
        # documents of other stories (clean.dedup.passages writes them in the records)
        self.passages: dict[str, list[dict[str, Any]]] = {}

    def add(self, doc_id: str, text: str, published: str | None = None, removed: int = 0) -> None:
        """One document: its clean text, date, and the lines of chrome cleaning took out."""
        self.add_sketch(sketch(doc_id, text, published, self.config, self.perms, removed))

    def add_sketch(self, s: Sketch) -> None:
        """A sketch made elsewhere (a worker, an earlier pass) with this configuration."""
        self.sketches.append(s)

    def close(self) -> None:
        self.sketches.close()

    def clusters(self, mapper: Map | None = None) -> dict[str, dict[str, Any]]:
        """``{doc_id: duplicate}`` for every document in a cluster of two or more.

        ``mapper`` runs the verification of candidate pairs, in chunks: an engine's ``map``
        (:mod:`clean.engines`), whose workers read the store's files; by default, here. The
        result is the same whatever runs it."""
        self.ranks = self.sketches.ranks()
        self.heads = self._heads()
        edges, tried = Edges(), set()
        self._verify(self.candidates(), edges, tried, mapper or _here)
        # Translations share few words: their candidates are pairs of families sharing names
        # and numbers that few families of this run report.
        self._verify(self._rare_candidates(self._families(edges)), edges, tried, mapper or _here)
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
            store.flat("facts"),
            self.ranks,
            self.config,
        )
        n = len(store)
        return list(zip((codes // n).tolist(), (codes % n).tolist(), strict=True))

    def _verify(
        self,
        pairs: list[tuple[int, int]],
        edges: Edges,
        tried: set[tuple[int, int]],
        mapper: Map,
    ) -> None:
        """Verify each pair not ``tried`` before, in chunks through ``mapper``, adding those that
        hold to ``edges`` in the pairs' order."""
        todo = []
        for pair in pairs:
            if pair not in tried:
                tried.add(pair)
                todo.append(pair)
        if not todo:
            return
        state = {"store": self.sketches.files(), "config": self.config}
        chunks = (todo[k : k + VERIFY_CHUNK] for k in range(0, len(todo), VERIFY_CHUNK))
        for held in mapper(verify_pairs, chunks, state):
            for i, j, larger, verdict in held:
                edges.add(i, j, larger, verdict)

    def _families(self, edges: Edges) -> UnionFind:
        """Clusters: the verified pairs that join, as disjoint sets.

        A pair joins unless one of three things holds.

        - **A shared passage.** Two different stories that share a block of text (one's
          background, one item of a roundup) are a ``passage``: reported, never joined, and
          never in one cluster through others either (with ``passages: join`` they join).
        - **A page of several stories.** The texts a document holds (other than its own near
          copies) stand in places of it: texts whose places overlap are versions of one story,
          texts in places apart are different stories (a digest, a roundup). Only the texts
          of the story it holds most of join it, so a digest does not glue its stories.
        - **A series' background.** Two texts that each keep much of their own (neither holds
          ``copy_coverage`` of the other) are one story only if what they share is theirs:
          passages held by more than ``series`` groups of copies are a running story's
          background (the case so far, an institution's standard paragraph).

        The pairs join strongest first (exact, near, partial, rewrite, then by similarity), so
        where two texts of a shared passage would end in one cluster, the weakest link is the
        one refused.
        """
        config = self.config
        joined_passages = config.passages == "join"
        copies = UnionFind(self.ranks)  # exact copies and texts inside others, for the series
        for i, h in enumerate(self.heads):
            copies.union(i, h)
        pairs = list(edges)
        for i, j, _, verdict in pairs:
            if verdict.relation != "passage" and verdict.similarity >= config.copy_coverage:
                copies.union(i, j)
        background = self._background(copies)
        held_by: dict[int, list[tuple[int, int, int, Verdict]]] = defaultdict(list)
        joins: list[tuple[int, int, Verdict]] = []
        apart = []
        for i, j, larger, verdict in pairs:
            if verdict.relation == "passage":
                if joined_passages:
                    joins.append((i, j, verdict))
                elif verdict.apart:
                    apart.append((i, j))
                continue
            if verdict.similarity < config.copy_coverage and not self._own(i, j, background):
                continue
            if verdict.held >= config.near_coverage:
                joins.append((i, j, verdict))  # versions of one text: both hold nearly all of it
            else:
                held_by[larger].append((i, j, larger, verdict))
        for larger in sorted(held_by):
            joins += [(i, j, v) for i, j, _, v in self._main_story(held_by[larger])]
        ranks = self.ranks
        joins.sort(
            key=lambda e: (
                *(-x for x in _strength(e[2])),
                min(ranks[e[0]], ranks[e[1]]),
                max(ranks[e[0]], ranks[e[1]]),
            )
        )
        sets = UnionFind(self.ranks, self._apart(pairs, apart))
        for i, h in enumerate(self.heads):
            sets.union(i, h)
        for i, j, _ in joins:
            sets.union(i, j)
        return sets

    def _apart(
        self, pairs: list[tuple[int, int, int, Verdict]], apart: list[tuple[int, int]]
    ) -> list[tuple[int, int]]:
        """The passages that keep two texts apart, read between groups of copies (exact and
        near copies are one text): a passage between two groups that are also verified one
        story by another pair of theirs keeps nothing apart, so that a copy of one of two
        documents (the same text with a line of chrome more, its block a little lower) cannot
        split a pair verified one story."""
        copies = UnionFind(self.ranks)
        for i, h in enumerate(self.heads):
            copies.union(i, h)
        for i, j, _, verdict in pairs:
            if verdict.relation == "near":
                copies.union(i, j)

        def key(i: int, j: int) -> tuple[int, int]:
            a, b = copies.find(i), copies.find(j)
            return (a, b) if a <= b else (b, a)

        story = {key(i, j) for i, j, _, verdict in pairs if verdict.relation != "passage"}
        return [(i, j) for i, j in apart if key(i, j) not in story]

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
        names look common. Only texts long enough for their sentences to decide
        (``min_sentences``) take part, and each keeps its ``max_candidates`` sharing most."""
        store, config = self.sketches, self.config
        n = len(store)
        if n < 2:
            return []
        family = np.array([families.find(i) for i in range(n)], dtype=np.int64)
        flags, flag_rows = store.flat("flags")
        sentences = np.bincount(flag_rows, weights=(flags & SENTENCE) > 0, minlength=n)
        eligible = self._eligible() & (sentences >= config.min_sentences)
        names, name_rows = store.flat("names")
        facts, fact_rows = store.flat("facts")
        values = np.concatenate((names, facts)).astype(np.int64)
        rows = np.concatenate((name_rows, fact_rows))
        keep = eligible[rows]
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
        enough = shared >= config.rare_shared
        codes, shared = codes[enough], shared[enough]
        i, j = codes // n, codes % n
        apart = family[i] != family[j]
        i, j, shared = i[apart], j[apart], shared[apart]
        mine = _closest(
            np.concatenate((i, j)), np.concatenate((j, i)), np.tile(shared, 2),
            config.max_candidates, self.ranks,
        )  # fmt: skip
        keep = mine[: i.size] | mine[i.size :]
        return list(zip(i[keep].tolist(), j[keep].tolist(), strict=True))

    def _annotate(self, sets: UnionFind, edges: Edges) -> dict[str, dict[str, Any]]:
        """Each member's mark: its cluster's representative (:meth:`_representative`) and its
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
        joined_passages = self.config.passages == "join"
        for i, j, _, verdict in edges:
            if verdict.relation == "passage" and not joined_passages:
                continue
            if sets.find(i) == sets.find(j):
                offer(i, j, verdict)
                offer(j, i, verdict)
        self.passages = self._passages(edges)
        members: dict[int, list[int]] = defaultdict(list)
        for i in sorted(best):
            members[sets.find(i)].append(i)
        out: dict[str, dict[str, Any]] = {}
        for group in members.values():
            rep = self._representative(group)
            cluster = hashlib.blake2b(ids[rep].encode("utf-8"), digest_size=6).hexdigest()
            for m in group:
                _, matched, verdict = best[m]
                out[ids[m]] = _mark(cluster, ids[rep], verdict, ids[matched])
        return out

    def _representative(self, group: list[int]) -> int:
        """The best version of a cluster's story: of the members with at least
        ``near_coverage`` of the most prose any member has (a version that holds the story
        nearly whole, so that dropping the others loses little), the one that came with the
        least chrome (lines cleaning took out, and short lines and headlines left in its
        text: a page's text dump loses to the article extracted from its HTML), then the
        longest, the earliest, the smallest id (:func:`representative_key`)."""
        store = self.sketches
        words, chrome, prose = store.words, store.chrome, store.prose
        most = max(int(prose[m]) for m in group)
        whole = [m for m in group if prose[m] >= self.config.near_coverage * most]
        return min(
            whole,
            key=lambda m: (
                int(chrome[m]),
                representative_key(int(words[m]), store.published[m], store.ids[m]),
            ),
        )

    def _passages(self, edges: Edges) -> dict[str, list[dict[str, Any]]]:
        """``{doc_id: [passage, ...]}``: for each document, the blocks it shares with others as
        a ``passage``: the other document, the words of this text the block spans and how
        many of them are shared, and (with ``passages: drop``) whether this text loses it
        (the better-ranked of the two keeps it)."""
        ids, words, ranks = self.sketches.ids, self.sketches.words, self.ranks
        drop = self.config.passages == "drop"
        found: dict[int, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
        for i, j, larger, verdict in edges:
            if verdict.relation != "passage":
                continue
            smaller = i + j - larger
            sides = (
                (larger, smaller, verdict.span, verdict.held),
                (smaller, larger, verdict.inner, verdict.similarity),
            )
            for x, y, span, share in sides:
                entry = {
                    "document": ids[y],
                    "words": list(span),
                    "shared": round(share * int(words[x])),
                }
                if drop:
                    entry["drop"] = bool(ranks[y] < ranks[x])
                found[x].append((int(ranks[y]), entry))
        return {
            ids[x]: [e for _, e in sorted(v, key=lambda t: t[0])] for x, v in sorted(found.items())
        }


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
    duplicates: dict[str, dict[str, Any]],
    config: DedupConfig | None,
    passages: dict[str, list[dict[str, Any]]] | None = None,
) -> dict[str, Any]:
    """The report's account of duplicates: clusters by relation, members, shared passages,
    settings."""
    passages = passages or {}
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
        "passages": {
            "pairs": sum(map(len, passages.values())) // 2,
            "documents": len(passages),
            "words": sum(e["shared"] for found in passages.values() for e in found),
            "dropped": sum(bool(e.get("drop")) for found in passages.values() for e in found),
        },
        "settings": asdict(config) if config is not None else None,
    }
