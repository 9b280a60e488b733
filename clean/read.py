"""Read the inputs: walk sources in sorted order and yield one item per input document.

Yields :class:`Doc` (raw bytes or JSONL field text), :class:`Rejected` and :class:`Skipped`;
every file and every JSONL line is accounted for by exactly one of them.
"""

from __future__ import annotations

import gzip
import json
import os
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from clean.records import Doc, Kind, Rejected, Skipped

TEXT_SUFFIXES = frozenset({".txt", ".text", ""})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
JSONL_FIELDS = ("id", "text", "html", "url")

Item = Doc | Rejected | Skipped
LONE_SURROGATE = "{what} holds a lone surrogate (a broken \\u escape), not text"


def read(sources: Sequence[Path], exclude: Path | None = None) -> Iterator[Item]:
    """Yield an item for every input below ``sources`` (files or folders), skipping ``exclude``."""
    excluded = exclude.resolve() if exclude is not None else None
    for src in sources:
        base = src if src.is_dir() else src.parent
        for path in walk(src, excluded):
            yield from read_file(path, path.relative_to(base).as_posix())


def walk(src: Path, exclude: Path | None = None) -> Iterator[Path]:
    """Files below ``src`` in sorted order; symlinked folders not followed, hidden files skipped."""
    if not src.is_dir():
        yield src
        return
    try:
        entries = sorted(os.scandir(src), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if exclude is not None and path.resolve() == exclude:
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from walk(path, exclude)
        elif not entry.is_dir():  # a symlink to a folder is not followed
            yield path


def kind_of(path: Path) -> str:
    """``text``, ``html``, ``jsonl``, or the suffix of a file that is not an input."""
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    return suffix


def read_file(path: Path, source: str) -> Iterator[Item]:
    kind = kind_of(path)
    if kind not in ("text", "html", "jsonl"):
        yield Skipped(source, kind)
        return
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield Rejected(source, "unreadable", f"cannot read: {exc.strerror or exc}")
        return
    if kind == "jsonl":
        yield from read_jsonl(raw, source, gzipped=path.name.lower().endswith(".gz"))
    else:
        yield Doc(id=source, source=source, kind=kind, raw=raw)  # type: ignore[arg-type]


def read_jsonl(raw: bytes, source: str, gzipped: bool = False) -> Iterator[Item]:
    """One item per non-blank line of a JSONL file (``source:LINE``)."""
    if gzipped:
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as exc:
            yield Rejected(source, "bad-gzip", f"cannot decompress: {exc}")
            return
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if line.strip():
            yield jsonl_record(line, f"{source}:{number}")


def jsonl_record(line: bytes, source: str) -> Item:
    """A :class:`Doc` from one JSONL line, or the reason it cannot be one."""
    try:
        record = json.loads(line)
    except UnicodeDecodeError:
        return Rejected(source, "invalid-json", "line is not UTF-8")
    except json.JSONDecodeError as exc:
        return Rejected(source, "invalid-json", f"{exc.msg} at column {exc.colno}")
    return record_to_doc(record, source)


def record_to_doc(record: Any, source: str) -> Item:
    """Check one ``{"id", "text" | "html", "url"?, ...}`` record; other fields go to ``extra``."""
    if not isinstance(record, dict):
        return Rejected(
            source, "bad-record", f"a record must be a JSON object, not {type(record).__name__}"
        )
    rid = record.get("id")
    if rid is None or isinstance(rid, bool) or not isinstance(rid, (str, int)) or rid == "":
        why = (
            "has no 'id'"
            if rid is None
            else f"'id' must be a non-empty string or integer, not {rid!r}"
        )
        return Rejected(source, "bad-record", why)
    rid = str(rid)
    if not _writable(rid):  # every record below carries the id, so it must be writable first
        return Rejected(source, "bad-record", LONE_SURROGATE.format(what="'id'"))
    kind: Kind
    if record.get("text") is not None:
        kind, body = "text", record["text"]
    elif record.get("html") is not None:
        kind, body = "html", record["html"]
    else:
        return Rejected(source, "bad-record", "has neither 'text' nor 'html'", rid)
    if not isinstance(body, str):
        return Rejected(
            source, "bad-record", f"'{kind}' must be a string, not {type(body).__name__}", rid
        )
    url = record.get("url")
    if url is not None and not isinstance(url, str):
        return Rejected(
            source, "bad-record", f"'url' must be a string, not {type(url).__name__}", rid
        )
    extra = {k: v for k, v in record.items() if k not in JSONL_FIELDS}
    # JSON may escape a lone surrogate ("\ud800"); text is repaired by decode, but the id, url
    # and other fields are written as given, and UTF-8 output cannot hold one
    for name, value in (("url", url), *extra.items()):
        if not _writable([name, value]):
            what = repr(name) if _writable(name) else "a field name"
            return Rejected(source, "bad-record", LONE_SURROGATE.format(what=what), rid)
    return Doc(id=rid, source=source, kind=kind, raw=body, url=url or None, extra=extra)


def _writable(value: Any) -> bool:
    """Whether a JSON value can be written as UTF-8 (no lone surrogates in it)."""
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
