"""Parquet (``.parquet``): one document per row, read a batch of rows at a time.

The only module that reads Parquet with pyarrow. The text is the column ``--text-field``
(default ``text``), else the HTML column ``--html-field`` (``html``); a string or binary
column (bytes are decoded as a file's would be). A file without an id column
(``--id-field``, default ``id``) gives its rows positional ids, ``FILE:ROW`` (from 1), which is
also every row's source. Other columns go to ``extra``, dates and times as ISO 8601 text.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
from collections.abc import Iterator
from typing import IO, Any

from clean.readers.base import Item, Reader, record_to_doc
from clean.records import Rejected

BATCH_ROWS = 256  # rows decoded into Python at a time (news rows: about a megabyte)


class BadParquet(Exception):
    """The file is not Parquet, or a part of it cannot be read."""


class ParquetReader(Reader):
    """One item per row of a Parquet file."""

    name = "parquet"
    suffixes = (".parquet",)
    unit = "row"
    needs_file = True

    def items(self, stream: IO[bytes]) -> Iterator[Item]:
        import pyarrow as pa
        import pyarrow.parquet as pq

        fields = self.context.fields
        try:
            table = pq.ParquetFile(stream)
            columns = table.schema_arrow.names
        except (pa.ArrowException, OSError) as exc:
            raise BadParquet(_first_line(exc)) from None
        if fields.text not in columns and fields.html not in columns:
            shown = ", ".join(columns[:20]) + (", ..." if len(columns) > 20 else "")
            why = (
                f"has no column {fields.text!r} or {fields.html!r} (columns: {shown});"
                " name the text's column with --text-field or --html-field"
            )
            yield Rejected(self.source, "bad-record", why)
            return
        positional = fields.id not in columns
        body = (fields.text, fields.html)
        batches = table.iter_batches(batch_size=BATCH_ROWS, use_threads=False)
        while True:
            try:
                batch = next(batches, None)
            except (pa.ArrowException, OSError) as exc:
                raise BadParquet(_first_line(exc)) from None
            if batch is None:
                return
            for row in batch.to_pylist():
                self.count += 1
                source = f"{self.source}:{self.count}"
                # a binary text or HTML column stays bytes: decoded as a file's bytes are
                record = {
                    k: v if isinstance(v, bytes) and k in body else _plain(v)
                    for k, v in row.items()
                }
                if positional:
                    record[fields.id] = source
                yield record_to_doc(record, source, fields)


def _plain(value: Any) -> Any:
    """An Arrow value as JSON can hold it: dates and times as ISO 8601, decimals as text,
    bytes as text where they are UTF-8 (else base64); lists and structs element by element.

    >>> _plain({"t": dt.datetime(2026, 1, 16, 9, 30), "n": [decimal.Decimal("1.50")]})
    {'t': '2026-01-16T09:30:00', 'n': ['1.50']}
    """
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return base64.b64encode(value).decode("ascii")
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
