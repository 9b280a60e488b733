"""What every reader shares: the limits on an input, the fields a record's parts are read from,
the reader base class, and the check that turns one record (a JSON object, a table row) into a
:class:`~clean.records.Doc`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any, ClassVar

from clean.errors import NESTED_TOO_DEEP, NOT_FINITE
from clean.records import GIVEN_FIELDS, Doc, Kind, Rejected, Skipped

MB = 1_000_000
# Cleaning costs a few seconds per MB on one long line (rules, language); no article is this big.
MAX_DOC_MB = 10
# A compressed input may expand to this many times its size (text compresses 3-10 times), and
# always to MIN_GZIP_MB; past that it is a decompression bomb and the rest of it is refused.
MAX_GZIP_RATIO = 100
MIN_GZIP_MB = 64
# Arrays and objects inside each other in one record, the record itself being the first level.
# json recurses once a level and so do the writer, pickle (to the workers) and --resume's reads,
# each from deeper in the stack: past this a record is refused while it can still be parsed.
MAX_DEPTH = 100
LONE = re.compile("[\ud800-\udfff]")
LONE_SURROGATE = "{what} holds a lone surrogate (a broken \\u escape), not text"

Item = Doc | Rejected | Skipped


@dataclass(frozen=True, slots=True)
class Limits:
    """How much one input may hold: a document (file, record or line), and a compressed file's
    expansion."""

    doc_bytes: int = MAX_DOC_MB * MB
    gzip_ratio: float = MAX_GZIP_RATIO
    min_gzip_bytes: int = MIN_GZIP_MB * MB

    def expansion(self, size: int | None) -> float:
        """The bytes a compressed input of ``size`` bytes may expand to."""
        return max(self.gzip_ratio * (size or 0), self.min_gzip_bytes)


@dataclass(frozen=True, slots=True)
class Fields:
    """Which field of a record (JSONL, Parquet) holds each part of a document.

    ``id``, ``text``, ``html`` and ``url`` are read as the document's; ``title``,
    ``published`` and ``authors`` are given metadata, kept over what the page itself says
    (None: not read from records). Fields named here do not go to ``extra``.
    """

    id: str = "id"
    text: str = "text"
    html: str = "html"
    url: str = "url"
    title: str | None = "title"
    published: str | None = "published"
    authors: str | None = "authors"

    def given(self) -> tuple[tuple[str, str], ...]:
        """``(metadata name, record field)`` for the given metadata read from records."""
        return tuple(
            (name, field) for name in GIVEN_FIELDS if (field := getattr(self, name)) is not None
        )

    def named(self) -> frozenset[str]:
        """Every record field read as a part of the document (not ``extra``)."""
        return frozenset({self.id, self.text, self.html, self.url} | {f for _, f in self.given()})


DEFAULT_LIMITS = Limits()
DEFAULT_FIELDS = Fields()


@dataclass(frozen=True, slots=True)
class Context:
    """What a reader needs besides its stream: the limits, the fields, the input's size on disk
    and the repairs every document of the input carries (its file name was not UTF-8)."""

    limits: Limits = Limits()
    fields: Fields = Fields()
    size: int | None = None
    repairs: tuple[str, ...] = ()
    debug: bool = False


class Reader:
    """Reads one input of one format into items; a subclass a format, listed in
    :data:`clean.readers.FORMATS`.

    ``items(stream)`` yields a :class:`Doc`, :class:`Rejected` or :class:`Skipped` per document
    the input holds, streaming; ``count`` says how many units (lines, records, rows) it has
    passed, so that an error of the stream can say where reading stopped.
    """

    name: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]]
    unit: ClassVar[str] = "record"
    # the reader needs the file itself (random access: Parquet's footer), not a decompressed
    # stream; such a format cannot come compressed or from standard input
    needs_file: ClassVar[bool] = False

    def __init__(self, source: str, context: Context):
        self.source, self.context = source, context
        self.count = 0

    def items(self, stream: IO[bytes]) -> Iterator[Item]:
        raise NotImplementedError

    def where(self) -> str:
        """`` after line 7`` (how far reading got), or nothing before the first unit."""
        return f" after {self.unit} {self.count}" if self.count else ""


def record_to_doc(record: Any, source: str, fields: Fields = DEFAULT_FIELDS) -> Item:
    """Check one record (``{"id", "text" | "html", "url"?, ...}`` by default, the fields as
    ``fields`` names them); other fields go to ``extra``."""
    if not isinstance(record, dict):
        return Rejected(
            source, "bad-record", f"a record must be a JSON object, not {type(record).__name__}"
        )
    if _deeper_than(record, MAX_DEPTH):
        return Rejected(source, "bad-record", NESTED_TOO_DEEP.format(limit=MAX_DEPTH))
    rid = record.get(fields.id)
    if rid is None or isinstance(rid, bool) or not isinstance(rid, (str, int)) or rid == "":
        why = (
            f"has no {fields.id!r}"
            if rid is None
            else f"{fields.id!r} must be a non-empty string or integer, not {rid!r}"
        )
        return Rejected(source, "bad-record", why)
    rid = str(rid)
    if _unwritable(rid):  # every record below carries the id, so it must be writable first
        return Rejected(source, "bad-record", LONE_SURROGATE.format(what=repr(fields.id)))
    kind: Kind
    if record.get(fields.text) is not None:
        kind, name = "text", fields.text
    elif record.get(fields.html) is not None:
        kind, name = "html", fields.html
    else:
        why = f"has neither {fields.text!r} nor {fields.html!r}"
        return Rejected(source, "bad-record", why, rid)
    body = record[name]
    if not isinstance(body, (str, bytes)):  # bytes: a binary Parquet column, decoded as a file
        why = f"{name!r} must be a string, not {type(body).__name__}"
        return Rejected(source, "bad-record", why, rid)
    url = record.get(fields.url)
    if url is not None and not isinstance(url, str):
        why = f"{fields.url!r} must be a string, not {type(url).__name__}"
        return Rejected(source, "bad-record", why, rid)
    given: dict[str, Any] = {}
    for meta, field in fields.given():
        value = record.get(field)
        if value is None or value == "" or value == []:
            continue
        ok = isinstance(value, str) or (
            meta == "authors" and isinstance(value, list) and all(isinstance(v, str) for v in value)
        )
        if not ok:
            kinds = "a string or a list of strings" if meta == "authors" else "a string"
            why = f"{field!r} ({meta}) must be {kinds}, not {type(value).__name__}"
            return Rejected(source, "bad-record", why, rid)
        given[meta] = value
    named = fields.named()
    extra = {k: v for k, v in record.items() if k not in named}
    # JSON may escape a lone surrogate ("\ud800"), and Python's json reads NaN, Infinity and
    # 1e400; text is repaired by decode, but the id, url and other fields are written as
    # given, and UTF-8 JSON output can hold none of these
    for key, value in (("url", url), *given.items(), *extra.items()):
        if _unwritable(key):
            return Rejected(source, "bad-record", LONE_SURROGATE.format(what="a field name"), rid)
        problem = _unwritable(value)
        if problem == "surrogate":
            return Rejected(source, "bad-record", LONE_SURROGATE.format(what=repr(key)), rid)
        if problem:
            why = NOT_FINITE.format(what=repr(key), value=problem)
            return Rejected(source, "bad-record", why, rid)
    return Doc(
        id=rid,
        source=source,
        kind=kind,
        raw=body,
        url=url or None,
        extra=extra,
        given=tuple(given.items()),
    )


def _deeper_than(value: Any, limit: int) -> bool:
    """Whether arrays and objects nest more than ``limit`` levels in ``value`` (a cycle does).

    Depth first without recursion, so a deep or cyclic value is found in ``limit`` steps.
    """
    stack = [(value, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict):
            value = value.values()
        elif not isinstance(value, list):
            continue
        if level > limit:
            return True
        stack.extend((v, level + 1) for v in value if isinstance(v, (dict, list)))
    return False


def _unwritable(value: Any) -> str | None:
    """What keeps a JSON value from being written as UTF-8 JSON: ``surrogate`` (a lone one in a
    string or key), or a number that is not finite as JSON spells it (``NaN``); else None.

    >>> _unwritable({"a": [1.5, "ok"]}), _unwritable(["\\udc80"]), _unwritable(float("-inf"))
    (None, 'surrogate', '-Infinity')
    """
    stack = [value]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if LONE.search(value):
                return "surrogate"
        elif isinstance(value, float):
            if not math.isfinite(value):
                return json.dumps(value)
        elif isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return None
