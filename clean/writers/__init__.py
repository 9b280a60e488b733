"""The output formats of a run's files: one writer class per format under :class:`Writer`, and
one table, :data:`WRITERS`, chosen by ``--output-format``.

A run's parts are JSONL (one record a line, :func:`clean.write.dumps`); at the commit each
output file is made from its parts by the chosen writer. Writers differ only in how one record
becomes bytes: the JSONL writer copies the parts' lines as they are (the same bytes as ever),
the Parquet writer turns them into Arrow rows (:mod:`clean.writers.parquet`, the only module
that writes with pyarrow).
"""

from __future__ import annotations

import json
from typing import IO, BinaryIO, ClassVar

BLOCK = 1 << 20


class Writer:
    """Writes one output file of a run (``kind``: documents, duplicates or rejected) to an open
    binary file, from the run's JSONL part files."""

    suffix: ClassVar[str]

    def __init__(self, f: IO[bytes], kind: str):
        self.f, self.kind = f, kind

    def copy(self, part: BinaryIO) -> None:
        """Every record of one part file (open for reading, as bytes), in order."""
        for line in part:
            self.write(json.loads(line))

    def write(self, record: dict) -> None:  # type: ignore[type-arg]
        raise NotImplementedError

    def close(self) -> None:
        """Finish the file (its footer, a last row group); the caller syncs and renames it."""


class JsonlWriter(Writer):
    """JSONL: the parts' lines as they are."""

    suffix = ".jsonl"

    def copy(self, part: BinaryIO) -> None:
        while block := part.read(BLOCK):
            self.f.write(block)


def _parquet() -> type[Writer]:
    from clean.writers.parquet import ParquetWriter

    return ParquetWriter


WRITERS = {"jsonl": lambda: JsonlWriter, "parquet": _parquet}


def writer_class(name: str) -> type[Writer]:
    """The writer of the output format ``name`` (pyarrow is imported only for Parquet)."""
    return WRITERS[name]()


def file_name(kind: str, output_format: str) -> str:
    """The name of one output file: ``documents.jsonl``, ``rejected.parquet``.

    >>> file_name("documents", "parquet")
    'documents.parquet'
    """
    return kind + writer_class(output_format).suffix
