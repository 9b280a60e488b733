"""The input formats: one reader class per format under :class:`~clean.readers.base.Reader`,
and one table, :data:`READERS`, from which a file's reader is chosen by its name.

Adding a format is one module here plus a line in the table; each format's library
(pyarrow, warcio, zstandard) is imported in its own module only. Any format a stream can carry
may also come compressed (``.gz``, ``.bz2``, ``.zst``: :mod:`clean.readers.compression`);
Parquet, which needs random access, may not.
"""

from __future__ import annotations

from clean.readers.base import Context, Fields, Item, Limits, Reader, record_to_doc
from clean.readers.compression import codec_of
from clean.readers.document import HtmlReader, TextReader
from clean.readers.jsonl import JsonlReader
from clean.readers.parquet import ParquetReader
from clean.readers.warc import WarcReader

READERS: tuple[type[Reader], ...] = (
    TextReader,
    HtmlReader,
    JsonlReader,
    ParquetReader,
    WarcReader,
)


def reader_for(name: str) -> tuple[type[Reader] | None, str | None, str]:
    """The reader of a file called ``name``, its compression suffix, and its type as a
    skipped file is counted (the suffixes, lower case).

    >>> [(r.name if r else None, c, t) for r, c, t in map(reader_for, ["a.JSONL.zst", "p.png"])]
    [('jsonl', '.zst', '.jsonl.zst'), (None, None, '.png')]
    """
    lower = name.lower()
    codec = codec_of(lower)
    stem = lower[: -len(codec)] if codec else lower
    dot = stem.rfind(".")
    suffix = stem[dot:] if dot > 0 else ""
    for reader in READERS:
        if suffix in reader.suffixes:
            return reader, codec, suffix + (codec or "")
    return None, codec, suffix + (codec or "")


__all__ = [
    "READERS",
    "Context",
    "Fields",
    "Item",
    "Limits",
    "Reader",
    "reader_for",
    "record_to_doc",
]
