"""The pipeline: read → decode → extract (HTML) → strip → describe → write.

Each document passes the stages in turn inside one boundary, :func:`clean_one`, which turns a
:class:`Rejection` (or, as a last resort, a bug) into a :class:`Rejected` record so that one bad
input never stops the run. The stage list is plain data; the same :func:`clean_one` serves a
folder (``clean run``), someone else's iterator (:func:`clean_documents`) and, being a pure
function of a document and the rules, a worker over a shard (:mod:`clean.shards`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from clean import generic
from clean.decode import decode, normalise, normalise_with_repairs
from clean.describe import describe, host_of
from clean.errors import Rejection
from clean.extract import extract
from clean.metadata import read_html, read_page
from clean.readers import Fields, Item, record_to_doc
from clean.readers.base import DEFAULT_FIELDS
from clean.records import Doc, Document, Rejected, Skipped
from clean.rules import GENERIC_STAGE, RuleSet, load_rules
from clean.strip import strip

# The generic stage by input kind: raw text dumps carry the whole page's chrome and get the full
# judgement; HTML has been through trafilatura, which chose the body, and gets the light one.
GENERIC_JUDGES = {"text": generic.decide, "html": generic.decide_extracted}


def decode_stage(doc: Doc, rules: RuleSet) -> Doc:
    """Bytes (files) or str (JSONL fields) to normalised text."""
    if isinstance(doc.raw, bytes):
        d = decode(doc.raw)
        return dataclasses.replace(
            doc, raw=None, text=d.text, encoding=d.encoding, repairs=(*doc.repairs, *d.repairs)
        )
    text, repairs = normalise_with_repairs(doc.raw or "")
    if not text:
        raise Rejection("empty", f"'{doc.kind}' is empty")
    return dataclasses.replace(doc, raw=None, text=text, repairs=(*doc.repairs, *repairs))


def extract_stage(doc: Doc, rules: RuleSet) -> Doc:
    """HTML pages: the article text and trafilatura's metadata; text documents pass through."""
    if doc.kind != "html":
        return doc
    page = extract(doc.text, doc.url)
    url = doc.url or page.url
    text = normalise(page.text)
    reading = read_html(
        [normalise(line) for line in page.lines],
        text,
        [normalise(h) for h in page.headlines],
        {"title": page.title, "author": page.author, "date": page.date, "sitename": page.sitename},
        dict(page.origins),
        url,
    )
    found = doc.found
    if reading.title:  # the strip stage's title rule removes its copies from the body
        found = found.add("title", reading.title.value)
    return dataclasses.replace(
        doc,
        # a page read as a whole (past the parser's limits) is stripped as a raw dump is
        kind="text" if page.whole_page else doc.kind,
        text=text,
        url=url,
        found=found,
        flags=(*doc.flags, *page.flags),
        reading=reading,
    )


def strip_stage(doc: Doc, rules: RuleSet) -> Doc:
    """Site rules (if a site file matches), generic rules, then the generic stage
    (:mod:`clean.generic`); a site file adds to them and may turn some off by id
    (``disable``); every removal recorded."""
    budget = rules.budget(doc.text)  # for all the searches of the rule patterns on it
    site, selected = rules.select(host_of(doc.url), doc.text, budget)
    off = rules.disabled(site)
    judge = None if GENERIC_STAGE in off else GENERIC_JUDGES.get(doc.kind)
    if judge is not None and off:
        judge = _without(judge, off)
    language = rules.language(site)  # the site file's language: describe's prior
    found = doc.found.add("language", language) if language else doc.found
    seen = _Seen(judge)
    s = strip(doc.text, selected, found, seen, budget)
    if not s.text:
        raise Rejection(
            "no-text-left", f"every line was removed as chrome ({s.lines_removed} lines)"
        )
    reading = doc.reading
    if doc.kind == "text" and reading is None:  # (a whole HTML page was read from its head)
        # the page's metadata, read from every line: the body the strip stage found tells
        # where the article begins, and what it removed (a date line, a byline) is read too
        reasons: dict[int, str] = {}
        for r in s.removed:
            if r.whole:
                reasons.setdefault(r.line, r.rule)
        lines = doc.text.split("\n")
        reading = read_page(lines, seen.kept(len(lines)), reasons, doc.url)
    return dataclasses.replace(
        doc,
        text=s.text,
        site=site,
        found=s.found,
        removed=s.removed,
        lines_removed=s.lines_removed,
        flags=(*doc.flags, *s.flags),
        reading=reading,
    )


def _without(judge: Callable[[Sequence[str | None]], Any], off: frozenset[str]) -> Any:
    """The generic stage less the reasons a site file turns off (``disable``)."""

    def judged(lines: Sequence[str | None]) -> Any:
        removals, flags = judge(lines)
        return tuple((i, r) for i, r in removals if r not in off), flags

    return judged


class _Seen:
    """A judge that remembers the lines it was shown and what it removed: the body the strip
    stage leaves, line by line, for the metadata reader. Without a judge it removes nothing."""

    def __init__(self, judge: Callable[[Sequence[str | None]], Any] | None):
        self.judge = judge
        self.lines: list[str | None] = []
        self.removed: set[int] = set()

    def __call__(self, lines: Sequence[str | None]) -> Any:
        self.lines = list(lines)
        if self.judge is None:
            return (), ()
        removals, flags = self.judge(lines)
        self.removed = {i for i, _ in removals}
        return removals, flags

    def kept(self, n: int) -> list[bool]:
        """Whether each of the ``n`` lines of the text is still in the body."""
        return [
            k < len(self.lines) and bool((self.lines[k] or "").strip()) and k not in self.removed
            for k in range(n)
        ]


STAGES: tuple[Callable[[Doc, RuleSet], Doc], ...] = (decode_stage, extract_stage, strip_stage)


def clean_one(doc: Doc, rules: RuleSet, debug: bool = False) -> Document | Rejected:
    """Run one document through every stage; a bad input becomes a :class:`Rejected`."""
    try:
        for stage in STAGES:
            doc = stage(doc, rules)
        return describe(doc)
    except Rejection as r:
        return Rejected(doc.source, r.reason, r.detail, doc.id)
    except Exception as exc:  # the per-document boundary: a bug must not lose other documents
        if debug:
            raise
        return Rejected(doc.source, "internal-error", f"{type(exc).__name__}: {exc}", doc.id)


def clean_items(
    items: Iterable[Item], rules: RuleSet, debug: bool = False
) -> Iterator[Document | Rejected | Skipped]:
    """Clean a stream of read items in this process, passing rejections and skips through in
    order: one item out per item in. (A run cleans shards on an engine: :mod:`clean.runner`.)"""
    for item in unique_ids(items):
        yield clean_one(item, rules, debug) if isinstance(item, Doc) else item


def unique_ids(items: Iterable[Item]) -> Iterator[Item]:
    """A later input whose id was already used is rejected, so ids stay unique in the output."""
    seen: set[str] = set()
    for item in items:
        if not isinstance(item, Doc):
            yield item
        elif item.id in seen:
            yield Rejected(
                item.source,
                "duplicate-id",
                f"id {item.id!r} was already used by an earlier input",
                item.id,
            )
        else:
            seen.add(item.id)
            yield item


def clean_documents(
    records: Iterable[dict[str, Any]],
    rules: RuleSet | None = None,
    on_reject: Callable[[dict[str, Any]], None] | None = None,
    fields: Fields = DEFAULT_FIELDS,
) -> Iterator[dict[str, Any]]:
    """Library step: ``{"id", "text" | "html", "url"?, ...}`` records in (their fields named
    otherwise by ``fields``), output records out.

    Streams one record at a time, so site boilerplate (lines recurring across a site's
    documents, :mod:`clean.boilerplate`) is not removed here: that needs a second pass, which
    ``clean run`` makes. Records that cannot be cleaned are passed to ``on_reject``
    (as ``{"source", "id", "reason", "detail"}``) instead of being yielded. ``rules`` defaults to
    the bundled rule set (:func:`clean.rules.load_rules` loads others).
    """
    rules = rules if rules is not None else load_rules([])
    items = (record_to_doc(r, f"record {n}", fields) for n, r in enumerate(records, start=1))
    for out in clean_items(items, rules):
        if isinstance(out, Document):
            yield out.as_json()
        elif isinstance(out, Rejected) and on_reject is not None:
            on_reject(out.as_json())


__all__ = ["STAGES", "clean_documents", "clean_items", "clean_one"]
