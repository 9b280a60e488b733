"""WARC (``.warc``, ``.warc.gz``): the HTML pages of a crawl archive's response records.

The only module that imports warcio. A ``response`` (or ``resource``) record whose payload is
HTML becomes a document: its id the record's ``WARC-Record-ID``, its URL ``WARC-Target-URI``,
and ``WARC-Date`` (when the page was fetched, not published) in ``extra.warc_date``. Every
other record is skipped and counted by its type (``warc:request``, ``warc:warcinfo``,
``warc:metadata``, ``warc:revisit``, a payload that is not HTML as ``warc:application/pdf``,
an HTTP status other than 2xx as ``warc:http-404``). The source of a record is
``FILE:N``, N counting the file's records from 1.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from typing import IO, Any

from clean.errors import TOO_LARGE
from clean.readers.base import MB, Item, Reader
from clean.records import Doc, Rejected, Skipped

HTML_TYPES = ("text/html", "application/xhtml+xml")
PAGE_RECORDS = ("response", "resource")
SNIFF = (b"<!doctype html", b"<html")  # a payload without a Content-Type


class BadWarc(Exception):
    """The bytes are not a WARC file, or a record is cut short."""


class WarcReader(Reader):
    """One item per record of a WARC file."""

    name = "warc"
    suffixes = (".warc",)
    unit = "record"

    def items(self, stream: IO[bytes]) -> Iterator[Item]:
        from warcio.archiveiterator import WARCIterator
        from warcio.exceptions import ArchiveLoadFailed

        head = stream.peek(64)[:64] if hasattr(stream, "peek") else b""
        if head and not head.lstrip().startswith(b"WARC/"):
            raise BadWarc(f"not a WARC file (starts with {head[:16]!r})")
        records = WARCIterator(stream)
        while True:
            noise = io.StringIO()  # warcio says a record's wrong length on stderr
            try:
                with contextlib.redirect_stderr(noise):
                    record = next(records)
            except StopIteration:
                return
            except ArchiveLoadFailed as exc:
                raise BadWarc(str(exc).strip().splitlines()[0][:200]) from None
            if noise.getvalue() and self.count:
                why = f"record {self.count} is not where its Content-Length says it ends"
                yield Rejected(f"{self.source}:{self.count}", "bad-warc", why)
            self.count += 1
            yield self._item(record, f"{self.source}:{self.count}")

    def _item(self, record: Any, source: str) -> Item:
        kind = record.rec_type or "unknown"
        if kind not in PAGE_RECORDS:
            return Skipped(source, f"warc:{kind}")
        http = record.http_headers
        if http is not None and kind == "response":
            status = (http.get_statuscode() or "").strip()
            if not status.startswith("2"):
                return Skipped(source, f"warc:http-{status or 'none'}")
        headers = http if http is not None and kind == "response" else record.rec_headers
        mime = (headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
        limit = self.context.limits.doc_bytes
        if mime and mime not in HTML_TYPES:
            return Skipped(source, f"warc:{mime}")
        payload = record.content_stream().read(limit + 1)
        if not mime and not payload.lstrip()[:20].lower().startswith(SNIFF):
            return Skipped(source, "warc:(no content type)")
        if len(payload) > limit:
            why = TOO_LARGE.format(mb=len(payload) / MB, limit=limit / MB)
            return Rejected(source, "too-large", why)
        if getattr(record.raw_stream, "limit", 0) > 0:  # warcio stops quietly where bytes end
            raise BadWarc(f"record {self.count} is cut short (truncated)")
        rid = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<> ") or source
        url = record.rec_headers.get_header("WARC-Target-URI") or None
        date = record.rec_headers.get_header("WARC-Date")
        return Doc(
            id=rid,
            source=source,
            kind="html",
            raw=payload,
            url=url,
            extra={"warc_date": date} if date else {},
            repairs=self.context.repairs,
        )
