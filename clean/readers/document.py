"""Whole-file documents: a raw text dump (``.txt``) or an HTML page (``.html``), one per file."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from clean.errors import TOO_LARGE
from clean.readers.base import MB, Item, Reader
from clean.records import Doc, Rejected


class TextReader(Reader):
    """The file is one raw text dump, its id the file's name (relative to its SRC)."""

    name = "text"
    suffixes = (".txt", ".text", "")
    unit = "document"

    def items(self, stream: IO[bytes]) -> Iterator[Item]:
        limit = self.context.limits.doc_bytes
        raw = read_up_to(stream, limit + 1)
        if len(raw) > limit:
            size = max(len(raw), self.context.size or 0)
            why = TOO_LARGE.format(mb=size / MB, limit=limit / MB)
            yield Rejected(self.source, "too-large", why)
            return
        self.count = 1
        yield Doc(
            id=self.source,
            source=self.source,
            kind=self.name,  # type: ignore[arg-type]
            raw=raw,
            repairs=self.context.repairs,
        )


def read_up_to(stream: IO[bytes], size: int) -> bytes:
    """Up to ``size`` bytes of ``stream``, however few each read returns."""
    parts, held = [], 0
    while held < size and (part := stream.read(size - held)):
        parts.append(part)
        held += len(part)
    return b"".join(parts)


class HtmlReader(TextReader):
    """The file is one HTML page."""

    name = "html"
    suffixes = (".html", ".htm", ".xhtml")
