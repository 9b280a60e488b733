"""The pipeline: read → decode → extract (HTML) → strip → describe → write.

Each document passes the stages in turn inside one boundary, :func:`clean_one`, which turns a
:class:`Rejection` (or, as a last resort, a bug) into a :class:`Rejected` record so that one bad
input never stops the run. The stage list is plain data; the same :func:`clean_one` serves a
folder (``clean run``), someone else's iterator (:func:`clean_documents`) and, being a pure
function of a document and the rules, a worker over a shard (:mod:`clean.shards`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from clean import generic
from clean.decode import decode, normalise, normalise_with_repairs
from clean.describe import describe, host_of
from clean.errors import Rejection
from clean.extract import extract
from clean.read import Item, record_to_doc
from clean.records import Doc, Document, Rejected, Skipped
from clean.rules import RuleSet, bundled_rules_dir, load_rules
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
    found = doc.found
    for name, value in (
        ("title", page.title),
        ("authors", page.author),
        ("published", page.date),
        ("site", page.sitename),
    ):
        if value:
            found = found.add(name, value.replace(";", ",") if name == "authors" else value)
    return dataclasses.replace(
        doc,
        # a page read as a whole (past the parser's limits) is stripped as a raw dump is
        kind="text" if page.whole_page else doc.kind,
        text=normalise(page.text),
        url=doc.url or page.url,
        found=found,
        flags=(*doc.flags, *page.flags),
    )


def strip_stage(doc: Doc, rules: RuleSet) -> Doc:
    """Site rules (if a site file matches), generic rules, then for text of a site no rule
    file knows the generic stage (:mod:`clean.generic`); every removal recorded."""
    budget = rules.budget(doc.text)  # for all the searches of the rule patterns on it
    site, selected = rules.select(host_of(doc.url), doc.text, budget)
    judge = GENERIC_JUDGES.get(doc.kind) if site is None else None
    language = rules.language(site)  # the site file's language: describe's prior
    found = doc.found.add("language", language) if language else doc.found
    s = strip(doc.text, selected, found, judge, budget)
    if not s.text:
        raise Rejection(
            "no-text-left", f"every line was removed as chrome ({s.lines_removed} lines)"
        )
    return dataclasses.replace(
        doc,
        text=s.text,
        site=site,
        found=s.found,
        removed=s.removed,
        lines_removed=s.lines_removed,
        flags=(*doc.flags, *s.flags),
    )


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
) -> Iterator[dict[str, Any]]:
    """Library step: ``{"id", "text" | "html", "url"?, ...}`` records in, output records out.

    Streams one record at a time, so site boilerplate (lines recurring across a site's
    documents, :mod:`clean.boilerplate`) is not removed here: that needs a second pass, which
    ``clean run`` makes. Records that cannot be cleaned are passed to ``on_reject``
    (as ``{"source", "id", "reason", "detail"}``) instead of being yielded. ``rules`` defaults to
    the bundled rule set (:func:`clean.rules.load_rules` loads others).
    """
    rules = rules if rules is not None else load_rules([bundled_rules_dir()])
    items = (record_to_doc(r, f"record {n}") for n, r in enumerate(records, start=1))
    for out in clean_items(items, rules):
        if isinstance(out, Document):
            yield out.as_json()
        elif isinstance(out, Rejected) and on_reject is not None:
            on_reject(out.as_json())


__all__ = ["STAGES", "clean_documents", "clean_items", "clean_one"]
