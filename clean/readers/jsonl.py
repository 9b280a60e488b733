"""JSONL: one record per line, ``{"id", "text" | "html", "url"?, ...}``, streamed in blocks."""

from __future__ import annotations

import codecs
import dataclasses
import itertools
import json
import re
import sys
from collections.abc import Iterator
from typing import IO

from clean.errors import LINE_TOO_LARGE, NESTED_TOO_DEEP, NUMBER_TOO_LONG
from clean.readers.base import DEFAULT_FIELDS, MAX_DEPTH, Fields, Item, Reader, record_to_doc
from clean.records import Doc, Rejected

BLOCK = 1 << 20  # read in blocks of this size
BLANK_RUN = re.compile(rb"\s*")
# UTF-16 and UTF-32, longest mark first (UTF-32-LE's starts as UTF-16-LE's does): (byte order
# mark, the codec that reads the mark and drops it, the codec of the bytes without one, how the
# first character looks after a mark: an ASCII one beside its zero bytes, and how a record's
# opening "{" looks, after blanks, without a mark). The mark alone is not enough: UTF-8 bytes
# after an FF FE (a line of garbage) are read as UTF-8, and a stray zero byte is no UTF-16.
WIDE = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le", rb"[^\0]\0\0\0", rb"(?:[ \t\r\n]\0\0\0)*\{\0\0\0"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be", rb"\0\0\0[^\0]", rb"(?:\0\0\0[ \t\r\n])*\0\0\0\{"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le", rb"[^\0]\0", rb"(?:[ \t\r\n]\0)*\{\0"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be", rb"\0[^\0]", rb"(?:\0[ \t\r\n])*\0\{"),
)  # fmt: skip
WIDE_AFTER_MARK = tuple((bom, with_mark, re.compile(first)) for bom, with_mark, _, first, _ in WIDE)
# (anchored: tried at every position of a block of blanks, the search would be quadratic)
WIDE_WITHOUT_MARK = tuple((plain, re.compile(rb"\A" + opening)) for _, _, plain, _, opening in WIDE)


def wide_codec(first: bytes) -> str | None:
    r"""The UTF-16 or UTF-32 codec a JSONL stream beginning with ``first`` is written in, or
    None for UTF-8 (and anything else).

    >>> wide_codec('{"id": "a"}'.encode("utf-16")), wide_codec('{"a": 1}'.encode("utf-16-be"))
    ('utf-16', 'utf-16-be')
    >>> wide_codec(b'\xff\xfe{"id": "a"}'), wide_codec(b"\n\0\n")
    (None, None)
    """
    for bom, codec, after in WIDE_AFTER_MARK:
        if first.startswith(bom):
            return codec if after.match(first, len(bom)) else None
    return next((codec for codec, opening in WIDE_WITHOUT_MARK if opening.match(first)), None)


class JsonlReader(Reader):
    """One item per non-blank line (``source:LINE``).

    A line over the document limit is rejected without being held in memory; runs of blank
    lines are counted in bulk, so a bomb of newlines costs no more than one of zeros. A file
    in UTF-16 or UTF-32 (JSON's other encodings: by its byte order mark, or the zero bytes
    around its first character) is read a block at a time as the same text in UTF-8 would be,
    each of its documents with the repair ``charset:<codec>``.
    """

    name = "jsonl"
    suffixes = (".jsonl", ".ndjson")
    unit = "line"

    def items(self, stream: IO[bytes]) -> Iterator[Item]:
        limit = self.context.limits.doc_bytes
        self.repairs = self.context.repairs
        parts: list[bytes] = []  # the line being read, unless it is already too long
        held = 0
        too_long = False
        for block in self._utf8_blocks(stream):
            at = 0
            while at < len(block):
                if not parts and not too_long:  # at a line's start
                    blank = BLANK_RUN.match(block, at).end()  # type: ignore[union-attr]
                    self.count += block.count(b"\n", at, blank)
                    at = blank
                    if at == len(block):
                        break
                nl = block.find(b"\n", at)
                stop = len(block) if nl < 0 else nl
                if not too_long:
                    parts.append(block[at:stop])
                    held += stop - at
                    if held > limit:
                        too_long, parts, held = True, [], 0
                if nl < 0:
                    break
                self.count += 1
                if (item := self._line(parts, too_long)) is not None:
                    yield item
                parts, held, too_long = [], 0, False
                at = nl + 1
        if parts or too_long:
            self.count += 1
            if (item := self._line(parts, too_long)) is not None:
                yield item

    def _line(self, parts: list[bytes], too_long: bool) -> Item | None:
        source = f"{self.source}:{self.count}"
        if too_long:
            limit = self.context.limits.doc_bytes / 1_000_000
            return Rejected(source, "too-large", LINE_TOO_LARGE.format(limit=limit))
        line = b"".join(parts)
        if not line.strip():
            return None
        try:
            item = jsonl_record(line, source, self.context.fields)
        except Exception as exc:  # the per-record boundary of the reader: the next line is read
            if self.context.debug:
                raise
            return Rejected(source, "internal-error", f"{type(exc).__name__}: {exc}")
        if self.repairs and isinstance(item, Doc):
            item = dataclasses.replace(item, repairs=self.repairs)
        return item

    def _utf8_blocks(self, stream: IO[bytes]) -> Iterator[bytes]:
        """The stream's blocks as UTF-8: UTF-16 and UTF-32 (with or without a byte order mark)
        transcoded on the way, anything else as it is."""
        # one read of the layer below at a time: what a stream gave before it broke is read
        read = getattr(stream, "read1", stream.read)
        first = read(BLOCK)
        if not first:
            return
        wide = wide_codec(first)
        if wide is None:
            yield first
            yield from iter(lambda: read(BLOCK), b"")
            return
        self.repairs = (*self.repairs, f"charset:{wide}")
        decoder = codecs.getincrementaldecoder(wide)("replace")
        for block in itertools.chain((first,), iter(lambda: read(BLOCK), b"")):
            yield decoder.decode(block).encode("utf-8", "replace")
        yield decoder.decode(b"", final=True).encode("utf-8", "replace")


def jsonl_record(line: bytes, source: str, fields: Fields = DEFAULT_FIELDS) -> Item:
    """A :class:`~clean.records.Doc` from one JSONL line, or the reason it cannot be one."""
    try:
        record = json.loads(line)
    except UnicodeDecodeError:
        return Rejected(source, "invalid-json", "line is not UTF-8")
    except json.JSONDecodeError as exc:
        return Rejected(source, "invalid-json", f"{exc.msg} at column {exc.colno}")
    except RecursionError:
        return Rejected(source, "bad-record", NESTED_TOO_DEEP.format(limit=MAX_DEPTH))
    except ValueError:  # int() past sys.int_info's digit limit, the one other way json fails
        digits = getattr(sys, "get_int_max_str_digits", lambda: 4300)()
        return Rejected(source, "invalid-json", NUMBER_TOO_LONG.format(digits=digits))
    return record_to_doc(record, source, fields)
