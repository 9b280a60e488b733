"""Parquet output (``--output-format parquet``): the same records as the JSONL output, as Arrow.

The only module that writes Parquet. Every field of a record is a column of its own type; the
nested metadata is an Arrow struct (``metadata.title``, ``metadata.counts.words``,
``metadata.removed`` a list of ``{rule, text}`` ...), see :data:`SCHEMAS`. One field whose keys
differ from record to record is JSON text instead: ``metadata.extra`` (an input's own fields).
Files are compressed with zstd, in row groups of at most :data:`ROWS_PER_GROUP` rows, so a
reader (pyarrow, DuckDB, Hugging Face ``datasets``) streams them a group at a time.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from clean.writers import Writer

ROWS_PER_GROUP = 2_000  # news records: about 10-20 MB of text a group

_TEXTS = pa.list_(pa.string())
_REMOVAL = pa.struct([("rule", pa.string()), ("text", pa.string())])
# where each metadata field came from: a key only for the fields that have a value
SOURCES = pa.struct(
    [(name, pa.string()) for name in ("title", "published", "authors", "site", "dateline")]
)
DUPLICATE = pa.struct(
    [
        ("cluster", pa.string()),
        ("representative", pa.string()),
        ("relation", pa.string()),
        ("similarity", pa.float64()),
        ("matched", pa.string()),
    ]
)
# a block this text shares with a document of another story; span: characters of the text
# (null with dropped: true, where passages: drop took the block out)
PASSAGE = pa.struct(
    [
        ("document", pa.string()),
        ("span", pa.list_(pa.int64())),
        ("words", pa.int64()),
        ("dropped", pa.bool_()),
    ]
)
DOCUMENT = pa.schema(
    [
        ("id", pa.string()),
        ("text", pa.string()),
        (
            "metadata",
            pa.struct(
                [
                    ("source", pa.string()),
                    ("url", pa.string()),
                    ("title", pa.string()),
                    ("published", pa.string()),
                    ("authors", _TEXTS),
                    ("site", pa.string()),
                    ("site_name", pa.string()),
                    ("wire", _TEXTS),
                    ("dateline", pa.string()),
                    ("language", pa.string()),
                    ("language_score", pa.float64()),
                    (
                        "counts",
                        pa.struct(
                            [
                                ("chars", pa.int64()),
                                ("words", pa.int64()),
                                ("lines_removed", pa.int64()),
                            ]
                        ),
                    ),
                    ("encoding", pa.string()),
                    ("repairs", _TEXTS),
                    ("removed", pa.list_(_REMOVAL)),
                    ("sources", SOURCES),
                    ("flags", _TEXTS),
                    ("duplicate", DUPLICATE),
                    ("passages", pa.list_(PASSAGE)),
                    ("extra", pa.string()),  # JSON text: an input's fields, any keys
                ]
            ),
        ),
    ]
)
REJECTED = pa.schema(
    [
        ("source", pa.string()),
        ("id", pa.string()),
        ("reason", pa.string()),
        ("detail", pa.string()),
        ("count", pa.int64()),
    ]
)
# Which schema a file of the run has, by its JSONL name.
SCHEMAS = {"documents": DOCUMENT, "duplicates": DOCUMENT, "rejected": REJECTED}


class ParquetWriter(Writer):
    """Records in, one Parquet file out, a row group at a time."""

    suffix = ".parquet"

    def __init__(self, f: IO[bytes], kind: str):
        super().__init__(f, kind)
        self.schema = SCHEMAS[kind]
        self._rows: list[dict[str, Any]] = []
        self._file = pq.ParquetWriter(f, self.schema, compression="zstd", write_statistics=True)

    def write(self, record: dict[str, Any]) -> None:
        self._rows.append(_arrow_row(record, self.schema))
        if len(self._rows) >= ROWS_PER_GROUP:
            self._flush()

    def close(self) -> None:
        self._flush()
        self._file.close()

    def _flush(self) -> None:
        if self._rows:
            table = pa.Table.from_pylist(self._rows, schema=self.schema)
            self._file.write_table(table, row_group_size=ROWS_PER_GROUP)
            self._rows = []


def _arrow_row(record: dict[str, Any], schema: pa.Schema) -> dict[str, Any]:
    """A record as its schema holds it: ``extra`` as JSON text, a rejection's count given."""
    if schema is REJECTED:
        return {**record, "count": record.get("count", 1)}
    meta = record["metadata"]
    # a field the record gained and this schema lacks must not vanish silently
    unknown = set(meta) - set(DOCUMENT.field("metadata").type.names)
    unknown |= {f"duplicate.{k}" for k in meta["duplicate"] or ()} - {
        f"duplicate.{k}" for k in DUPLICATE.names
    }
    unknown |= {f"sources.{k}" for k in meta["sources"]} - {f"sources.{k}" for k in SOURCES.names}
    unknown |= {f"passages.{k}" for p in meta["passages"] for k in p} - {
        f"passages.{k}" for k in PASSAGE.names
    }
    if unknown:
        raise ValueError(f"the Parquet schema has no column for metadata {sorted(unknown)}")
    extra = json.dumps(meta["extra"], ensure_ascii=False, sort_keys=False)
    return {**record, "metadata": {**meta, "extra": extra}}


def read_records(path: Path) -> list[dict[str, Any]]:
    """A Parquet file of the run as the JSONL output's records (``extra`` parsed back), for
    tests and users comparing the two."""
    return list(iter_records(path))


def iter_records(path: Path) -> Iterator[dict[str, Any]]:
    """The records of a Parquet file of the run, as the JSONL output's, a batch at a time."""
    for batch in pq.ParquetFile(str(path)).iter_batches(batch_size=ROWS_PER_GROUP):
        for row in batch.to_pylist():
            if "metadata" in row:
                meta = row["metadata"]
                meta["extra"] = json.loads(meta["extra"])
                meta["sources"] = {k: v for k, v in meta["sources"].items() if v is not None}
                meta["passages"] = [
                    {k: v for k, v in p.items() if k != "dropped" or v} for p in meta["passages"]
                ]
            elif row.get("count") == 1:
                del row["count"]
            yield row
