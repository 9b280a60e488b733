"""The per-shard steps of a run: each a function of the run's state and one shard.

A shard is a run of consecutive inputs. Each step reads the shard's parts of the step before,
writes its own (:class:`clean.write.Parts`), marks the shard done with its result and returns
that result, which is small: counts, line counts per site, duplicate sketches, never texts.
None of them knows which engine runs it (:mod:`clean.engines`: this process, a process pool,
Ray tasks), and running one twice leaves the same bytes. The steps, in order:

1. :func:`clean_shard`: every input through :func:`clean.pipeline.clean_one`; the documents,
   rejections and report.html rows written; the site line counts of the shard returned;
2. :func:`edit_shard`: the learned site boilerplate out of each document, its row moved to
   match, the duplicate sketch of what is left returned;
3. :func:`annotate_shard`: each document's duplicate mark and shared passages written in, and
   with ``drop`` the members that are not representatives moved to the duplicates part.

Steps read and write typed records (:class:`clean.records.Document` and
:class:`clean.records.Row`, read back checked from the parts by :class:`clean.write.Parts`),
never dicts or row positions.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from clean.boilerplate import SiteLines, apply_document, key_of, site_key
from clean.dedup.store import Sketch
from clean.pipeline import clean_one
from clean.read import Item
from clean.records import Doc, Document, Rejected, Row, dumps, record_id
from clean.report_html import DETAIL_DOCS
from clean.write import (
    ANNOTATE,
    CLEAN,
    DOCUMENTS,
    DUPLICATES,
    EDIT,
    REJECTED,
    ROWS,
    Parts,
    Tally,
)


@dataclass(frozen=True)
class Cleaned:
    """What :func:`clean_shard` returns: the shard's counts and its site line counts, and a
    digest of each input it read (:func:`input_digest`), which a resumed run checks."""

    items: int
    tally: Tally
    lines: SiteLines | None
    inputs: tuple[str, ...] = ()


def input_digest(item: Item) -> str:
    """What was read of one input (its bytes or text, name, kind, url, other fields) as 16 hex
    digits: a resumed run reads its inputs again, and a file changed since, even one of the
    same size and modification time, no longer gives the same."""
    h = hashlib.blake2b(digest_size=8)
    raw = item.raw if isinstance(item, Doc) else None
    h.update(repr(dataclasses.replace(item, raw=None) if isinstance(item, Doc) else item)
             .encode("utf-8", "surrogatepass"))  # fmt: skip
    h.update(b"\0")
    h.update(raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw or b"")
    return h.hexdigest()


@dataclass(frozen=True)
class Edited:
    """What :func:`edit_shard` returns: sketches in document order, the boilerplate removed."""

    sketches: list[Sketch]
    removals: int
    lines_removed: int
    seen: dict[str, dict[int, str]] = field(default_factory=dict)  # site: {key: a line's text}


def clean_shard(state: dict[str, Any], job: tuple[int, list[Item]]) -> Cleaned:
    """Clean one shard's inputs (``state``: parts, rules, debug, learn) and write its parts."""
    shard, items = job
    parts: Parts = state["parts"]
    tally = Tally()
    lines = SiteLines() if state["learn"] else None
    with parts.writing(CLEAN, shard, DOCUMENTS, REJECTED, ROWS) as f:
        for item in items:
            out = clean_one(item, state["rules"], state["debug"]) if isinstance(item, Doc) else item
            tally.add(out)
            if isinstance(out, Document):
                f[DOCUMENTS].write(dumps(out.as_json()) + "\n")
                f[ROWS].write(_json(Row.of(out).as_json()) + "\n")
                if lines is not None:
                    lines.observe(site_key(out.site, out.source), out.text)
            elif isinstance(out, Rejected):
                f[REJECTED].write(dumps(out.as_json()) + "\n")
    result = Cleaned(len(items), tally, lines, tuple(map(input_digest, items)))
    parts.finish(CLEAN, shard, result)
    return result


def edit_shard(state: dict[str, Any], job: tuple[int, int]) -> Edited:
    """Take the learned boilerplate out of one shard's documents and sketch what is left.

    ``job`` is the shard and the run-wide number of its first document (report.html embeds
    the text of the first :data:`DETAIL_DOCS`); ``state``: parts, learned, config (None: no
    sketches).
    """
    from clean.dedup import Permutations, sketch

    shard, first = job
    parts: Parts = state["parts"]
    learned, config = state["learned"], state["config"]
    perms = Permutations(config.num_perm, config.seed) if config is not None else None
    sketches, seen = [], {}
    removals = lines_removed = 0
    with parts.writing(EDIT, shard, DOCUMENTS, ROWS) as f:
        records = parts.lines(CLEAN, shard, DOCUMENTS)
        rows = parts.lines(CLEAN, shard, ROWS)
        for n, (line, row_line) in enumerate(zip(records, rows, strict=True)):
            doc, row = parts.document(CLEAN, shard, line), parts.row(shard, row_line)
            doc, row, removed = apply_document(doc, row, learned)
            if removed:
                site = site_key(doc.site, doc.source)
                for text in removed:
                    seen.setdefault(site, {}).setdefault(key_of(text), text)
                removals += len(removed)
                lines_removed += sum(1 for x in removed if x.strip())
                line = dumps(doc.as_json()) + "\n"
            if first + n < DETAIL_DOCS:
                row = dataclasses.replace(row, text=doc.text)
            f[DOCUMENTS].write(line)
            f[ROWS].write(_json(row.as_json()) + "\n")
            if perms is not None:
                chrome = doc.counts.lines_removed  # the chrome it came with
                sketches.append(sketch(doc.id, doc.text, doc.published, config, perms, chrome))
    result = Edited(sketches, removals, lines_removed, seen)
    parts.finish(EDIT, shard, result)
    parts.drop(CLEAN, shard, DOCUMENTS, ROWS)
    return result


def annotate_shard(state: dict[str, Any], job: tuple[int, None]) -> int:
    """Write each document's duplicate mark and shared passages (``state``: parts, marks,
    passages, drop); the number of documents moved to the duplicates part."""
    from clean.dedup.passages import annotate as annotate_passages

    shard, _ = job
    parts: Parts = state["parts"]
    marks, passages, drop = state["marks"], state.get("passages") or {}, state["drop"]
    dropped = 0
    with parts.writing(ANNOTATE, shard, DOCUMENTS, DUPLICATES) as f:
        for line in parts.lines(EDIT, shard, DOCUMENTS):
            doc_id, doc = record_id(line), None
            if doc_id is None:  # not a line as dumps writes it: checked whole
                doc = parts.document(EDIT, shard, line)
                doc_id = doc.id
            mark = marks.get(doc_id) if marks else None
            found = passages.get(doc_id) if passages else None
            if mark is not None or found:
                doc = doc or parts.document(EDIT, shard, line)
                if found:
                    doc = annotate_passages(doc, found)
                doc = dataclasses.replace(doc, duplicate=mark)
                line = dumps(doc.as_json()) + "\n"
                if drop and mark is not None and mark["representative"] != doc.id:
                    f[DUPLICATES].write(line)
                    dropped += 1
                    continue
            f[DOCUMENTS].write(line)
    parts.finish(ANNOTATE, shard, dropped)
    parts.drop(EDIT, shard, DOCUMENTS)
    return dropped


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
