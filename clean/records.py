"""The records that pass between stages (frozen dataclasses, changed by ``dataclasses.replace``),
and the one place that turns a document and its report row into their serialised form and back."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from clean.metadata import Reading

Kind = Literal["text", "html"]

# Metadata fields that rules and extraction may fill; single-valued unless listed in MULTI_FIELDS.
FIELDS = ("title", "published", "authors", "site", "wire", "dateline")
MULTI_FIELDS = frozenset({"authors", "wire"})
# Metadata an input may give with a document (a JSONL or Parquet record's fields, read by
# clean.readers.base.Fields): kept over what the page itself says.
GIVEN_FIELDS = ("title", "published", "authors")


@dataclass(frozen=True, slots=True)
class Removal:
    """One span of text a rule took out: ``line`` orders removals as they stood in the text.

    ``whole`` says the rule took the whole line (or run of lines), not a span of it; ``kept``
    counts the non-blank lines of the output text above ``line``, so a removal can be shown in
    place in the clean text (``clean explain``, report.html).
    """

    rule: str
    text: str
    line: int = 0
    whole: bool = True
    kept: int = 0

    def as_json(self) -> dict[str, str]:
        return {"rule": self.rule, "text": self.text}


@dataclass(frozen=True, slots=True)
class Found:
    """Metadata values found on the way (by extraction or rules), before ``describe`` settles them.

    Values are kept as found, in order; multi-valued fields keep every value.
    """

    values: tuple[tuple[str, str], ...] = ()

    def add(self, name: str, value: str) -> Found:
        value = " ".join(value.split())
        if not value or (name, value) in self.values:
            return self
        return Found((*self.values, (name, value)))

    def first(self, name: str) -> str | None:
        return next((v for n, v in self.values if n == name), None)

    def all(self, name: str) -> list[str]:
        return [v for n, v in self.values if n == name]


@dataclass(frozen=True, slots=True)
class Doc:
    """A document on its way through the pipeline."""

    id: str
    source: str
    kind: Kind
    raw: bytes | str | None  # bytes from files, str from JSONL fields; dropped after decoding
    url: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    text: str = ""
    encoding: str | None = None
    repairs: tuple[str, ...] = ()
    site: str | None = None  # from a matched site rule file
    found: Found = Found()
    removed: tuple[Removal, ...] = ()
    lines_removed: int = 0
    flags: tuple[str, ...] = ()  # warnings about the document (generic.kept-all ...)
    # metadata the input gave (GIVEN_FIELDS): a str, or for authors a str or list of str
    given: tuple[tuple[str, Any], ...] = ()
    # The metadata the page shows (the HTML's structured data checked, or the raw text read
    # as a reader does: clean.metadata), each value with the reason it was chosen.
    reading: Reading | None = None


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that could not become a document, with a stable reason code and a message."""

    source: str
    reason: str
    detail: str
    id: str | None = None
    count: int = 1  # more than one: the summary of an input's rejections past the first 100

    def as_json(self) -> dict[str, Any]:
        record: dict[str, Any] = {"source": self.source, "id": self.id, "reason": self.reason}
        record["detail"] = self.detail
        if self.count != 1:
            record["count"] = self.count
        return record


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that is not an input type (an image, a PDF ...), counted by its type."""

    source: str
    type: str


@dataclass(frozen=True, slots=True)
class Counts:
    chars: int
    words: int
    lines_removed: int


@dataclass(frozen=True, slots=True)
class Document:
    """A clean document: the body text and its settled metadata."""

    id: str
    text: str
    source: str
    url: str | None
    title: str | None
    published: str | None
    authors: tuple[str, ...]
    site: str | None
    wire: tuple[str, ...]
    dateline: str | None
    language: str | None
    language_score: float | None
    counts: Counts
    encoding: str | None
    repairs: tuple[str, ...]
    removed: tuple[Removal, ...]
    extra: dict[str, Any]
    duplicate: dict[str, Any] | None = None
    flags: tuple[str, ...] = ()
    site_name: str | None = None  # the page's display name ("Wirecutter"), not its domain
    # where each metadata field's value came from, by field name, in FIELD order
    sources: tuple[tuple[str, str], ...] = ()
    passages: tuple[dict[str, Any], ...] = ()  # blocks shared with other stories (dedup)

    @classmethod
    def from_json(cls, record: Any) -> Document:
        """The document of an output record (:meth:`as_json` read back, so that
        ``Document.from_json(r).as_json() == r``); every field is checked, and a record of
        another shape raises :class:`RecordError` naming the field (part files are read back
        from OUT, which others may be able to write)."""
        r = _mapping(record, "a document", ("id", "text", "metadata"))
        m = _mapping(r["metadata"], "a document's metadata", METADATA_KEYS)
        counts = _mapping(m["counts"], "metadata.counts", COUNT_KEYS)
        removed = tuple(
            Removal(_str(x["rule"], "a removal's rule"), _str(x["text"], "a removal's text"))
            for x in (
                _mapping(y, "a removal", ("rule", "text"))
                for y in _seq(m["removed"], "metadata.removed")
            )
        )
        score = m["language_score"]
        if score is not None and type(score) not in (int, float):
            raise RecordError("metadata.language_score is not a number")
        duplicate = m["duplicate"]
        if duplicate is not None:
            _mapping(duplicate, "metadata.duplicate", ("cluster", "representative"))
        return cls(
            id=_str(r["id"], "a document's id"),
            text=_str(r["text"], "a document's text"),
            source=_str(m["source"], "metadata.source"),
            url=_opt(m["url"], "metadata.url"),
            title=_opt(m["title"], "metadata.title"),
            published=_opt(m["published"], "metadata.published"),
            authors=_strs(m["authors"], "metadata.authors"),
            site=_opt(m["site"], "metadata.site"),
            site_name=_opt(m["site_name"], "metadata.site_name"),
            wire=_strs(m["wire"], "metadata.wire"),
            dateline=_opt(m["dateline"], "metadata.dateline"),
            language=_opt(m["language"], "metadata.language"),
            language_score=score,
            counts=Counts(*(_count(counts[k], f"counts.{k}") for k in COUNT_KEYS)),
            encoding=_opt(m["encoding"], "metadata.encoding"),
            repairs=_strs(m["repairs"], "metadata.repairs"),
            removed=removed,
            sources=tuple((_str(k, "metadata.sources"), _str(v, "metadata.sources"))
                          for k, v in _mapping(m["sources"], "metadata.sources").items()),
            flags=_strs(m["flags"], "metadata.flags"),
            duplicate=duplicate,
            passages=tuple(_mapping(x, "a passage", ("document",))
                           for x in _seq(m["passages"], "metadata.passages")),
            extra=_mapping(m["extra"], "metadata.extra"),
        )  # fmt: skip

    def as_json(self) -> dict[str, Any]:
        """The output record, keys in a fixed order."""
        return {
            "id": self.id,
            "text": self.text,
            "metadata": {
                "source": self.source,
                "url": self.url,
                "title": self.title,
                "published": self.published,
                "authors": list(self.authors),
                "site": self.site,
                "site_name": self.site_name,
                "wire": list(self.wire),
                "dateline": self.dateline,
                "language": self.language,
                "language_score": self.language_score,
                "counts": {
                    "chars": self.counts.chars,
                    "words": self.counts.words,
                    "lines_removed": self.counts.lines_removed,
                },
                "encoding": self.encoding,
                "repairs": list(self.repairs),
                "removed": [r.as_json() for r in self.removed],
                "sources": dict(self.sources),
                "flags": list(self.flags),
                "duplicate": self.duplicate,
                "passages": list(self.passages),
                "extra": self.extra,
            },
        }


@dataclass(frozen=True, slots=True)
class Row:
    """What report.html shows of one document: its table row, each removal in place (``kept``:
    the non-blank lines of the clean text above it; ``whole``: the whole line went), and for
    the first documents of a run their clean text.

    Shards write rows as JSON arrays, ``[id, title, site, language, words, lines_removed,
    published, removals, text]``, each removal ``[rule, kept, whole, text]``.
    """

    id: str
    title: str | None
    site: str | None
    language: str | None
    words: int
    lines_removed: int
    published: str | None
    removals: tuple[tuple[str, int, int, str], ...]  # rule, kept, whole (0 or 1), text
    text: str | None = None

    @classmethod
    def of(cls, doc: Document) -> Row:
        return cls(doc.id, doc.title, doc.site, doc.language, doc.counts.words,
                   doc.counts.lines_removed, doc.published,
                   tuple((r.rule, r.kept, int(r.whole), r.text) for r in doc.removed))  # fmt: skip

    def as_json(self) -> list[Any]:
        return [self.id, self.title, self.site, self.language, self.words, self.lines_removed,
                self.published, [list(r) for r in self.removals], self.text]  # fmt: skip

    @classmethod
    def from_json(cls, value: Any) -> Row:
        """A row read back (:meth:`as_json`; a row of eight fields has no text), checked."""
        if type(value) is not list or len(value) not in (8, 9):
            raise RecordError("a report row is not a list of 8 or 9 fields")
        removals = []
        for x in _seq(value[7], "a row's removals"):
            rule, kept, whole, text = _seq(x, "a removal", 4)
            removals.append((_str(rule, "a removal's rule"), _count(kept, "a removal's place"),
                             _count(whole, "a removal's whole"),
                             _str(text, "a removal's text")))  # fmt: skip
        return cls(
            id=_str(value[0], "a row's id"),
            title=_opt(value[1], "a row's title"),
            site=_opt(value[2], "a row's site"),
            language=_opt(value[3], "a row's language"),
            words=_count(value[4], "a row's words"),
            lines_removed=_count(value[5], "a row's lines removed"),
            published=_opt(value[6], "a row's date"),
            removals=tuple(removals),
            text=_opt(value[8], "a row's text") if len(value) == 9 else None,
        )


COUNT_KEYS = ("chars", "words", "lines_removed")
# The keys of an output record's metadata, in the order :meth:`Document.as_json` writes them.
METADATA_KEYS = ("source", "url", "title", "published", "authors", "site", "site_name", "wire",
                 "dateline", "language", "language_score", "counts", "encoding", "repairs",
                 "removed", "sources", "flags", "duplicate", "passages", "extra")  # fmt: skip


class RecordError(ValueError):
    """A serialised record (an output line, a report row) that is not of the shape written."""


def _mapping(value: Any, what: str, keys: tuple[str, ...] = ()) -> dict[str, Any]:
    if type(value) is not dict:
        raise RecordError(f"{what} is not a mapping")
    missing = [k for k in keys if k not in value]
    if missing:
        raise RecordError(f"{what} has no {', '.join(missing)}")
    return value


def _seq(value: Any, what: str, length: int | None = None) -> list[Any]:
    if type(value) is not list or (length is not None and len(value) != length):
        raise RecordError(f"{what} is not a list" + (f" of {length}" if length is not None else ""))
    return value


def _str(value: Any, what: str) -> str:
    if type(value) is not str:
        raise RecordError(f"{what} is not a string")
    return value


def _opt(value: Any, what: str) -> str | None:
    return None if value is None else _str(value, what)


def _strs(value: Any, what: str) -> tuple[str, ...]:
    return tuple(_str(x, what) for x in _seq(value, what))


def _count(value: Any, what: str) -> int:
    if type(value) is not int or value < 0:
        raise RecordError(f"{what} is not a count")
    return value


# Characters JSON leaves unescaped that some readers take for line ends (Python's
# str.splitlines, JavaScript before ES2019): escaped, so that a record is one line for every
# reader. They can only stand inside a string of the JSON text.
LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}
LINE_BREAK = re.compile("[\x85\u2028\u2029]")
ID_AT = len('{"id": ')  # where a written record's id starts (dumps puts it first)
_DECODER = json.JSONDecoder()


def dumps(record: dict[str, Any]) -> str:
    r"""One JSONL line: UTF-8 text as is (but the line breaks above), keys in the order given.

    >>> print(dumps({"id": "a\u2028b", "text": "é"}))
    {"id": "a\u2028b", "text": "é"}
    """
    text = json.dumps(record, ensure_ascii=False, separators=(", ", ": "))
    return LINE_BREAK.sub(lambda m: LINE_BREAKS[m.group()], text)


def record_id(line: str) -> str | None:
    """The id of a record as :func:`dumps` wrote it, read without parsing the rest of its line
    (None if the line is not one it wrote: read it whole then, :meth:`Document.from_json`)."""
    try:
        value, _ = _DECODER.raw_decode(line, ID_AT)
    except ValueError:
        return None
    return value if isinstance(value, str) else None
