"""The records that pass between stages: frozen dataclasses, changed by ``dataclasses.replace``."""

from __future__ import annotations

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
