"""The output formats of a run's files: one writer class per format under :class:`Writer`, and
one table, :data:`WRITERS`, chosen by ``--output-format``.

A run's parts are JSONL (one record a line, :func:`clean.records.dumps`); at the commit each
output file is made from its parts by the chosen writer. Writers differ only in how one record
becomes bytes: the JSONL writer copies the parts' lines as they are (the same bytes as ever),
the Parquet writer turns them into Arrow rows (:mod:`clean.writers.parquet`, the only module
that writes with pyarrow).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, BinaryIO, ClassVar

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


def output_records(out: Path, kind: str) -> Iterator[dict[str, Any]] | None:
    """The records of a finished run's output file of ``kind`` (documents, duplicates,
    rejected) in whichever format it was written, streamed; None if the run has no such file.
    A line or row that is not a record raises ValueError naming the file."""
    for name in WRITERS:
        path = out / file_name(kind, name)
        if path.is_file():
            return _records(path, name)
    return None


def _records(path: Path, output_format: str) -> Iterator[dict[str, Any]]:
    if output_format == "parquet":
        from clean.writers.parquet import iter_records

        yield from iter_records(path)
        return
    with open(path, encoding="utf-8") as lines:
        for n, line in enumerate(lines, 1):
            try:
                record = json.loads(line)
            except ValueError:
                raise ValueError(f"{path}: line {n} is not JSON") from None
            if (
                type(record) is not dict
                or "id" not in record
                or type(record.get("metadata")) is not dict
            ):
                raise ValueError(f"{path}: line {n} is not a record of a run")
            yield record
