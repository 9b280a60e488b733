"""Read the inputs: walk sources in sorted order and yield one item per input document.

Yields :class:`Doc` (raw bytes or JSONL field text), :class:`Rejected` and :class:`Skipped`;
every file and every JSONL line is accounted for by exactly one of them.
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import io
import json
import math
import os
import re
import stat
import sys
import tempfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, NamedTuple

from clean.errors import (
    GZIP_TOO_LARGE,
    LINE_TOO_LARGE,
    LINK_OUTSIDE,
    NESTED_TOO_DEEP,
    NOT_A_FILE,
    NOT_FINITE,
    NUMBER_TOO_LONG,
    READER_FAILED,
    RUN_MISSING,
    TOO_LARGE,
    ConfigError,
)
from clean.records import Doc, Kind, Rejected, Skipped

TEXT_SUFFIXES = frozenset({".txt", ".text", ""})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
JSONL_FIELDS = ("id", "text", "html", "url")
MB = 1_000_000
# Cleaning costs a few seconds per MB on one long line (rules, language); no article is this big.
MAX_DOC_MB = 10
# A .gz input may expand to this many times its size (text compresses 3-10 times), and always
# to MIN_GZIP_MB; past that it is a decompression bomb and the rest of it is refused.
MAX_GZIP_RATIO = 100
MIN_GZIP_MB = 64
BLOCK = 1 << 20  # JSONL is read in blocks of this size
BLANK_RUN = re.compile(rb"\s*")
GZIP_MAGIC = b"\x1f\x8b"
GZIP_WBITS = zlib.MAX_WBITS | 16  # zlib reads the gzip header and trailer itself

# Arrays and objects inside each other in one record, the record itself being the first level.
# json recurses once a level and so do the writer, pickle (to the workers) and --resume's reads,
# each from deeper in the stack: past this a record is refused while it can still be parsed.
MAX_DEPTH = 100
LONE = re.compile("[\ud800-\udfff]")

Item = Doc | Rejected | Skipped
LONE_SURROGATE = "{what} holds a lone surrogate (a broken \\u escape), not text"


@dataclass(frozen=True, slots=True)
class Limits:
    """How much one input may hold: a document (file or JSONL line), and a .gz's expansion."""

    doc_bytes: int = MAX_DOC_MB * MB
    gzip_ratio: float = MAX_GZIP_RATIO
    min_gzip_bytes: int = MIN_GZIP_MB * MB


def read(
    sources: Sequence[Path],
    exclude: Path | None = None,
    limits: Limits = Limits(),
    follow_links: bool = False,
    debug: bool = False,
) -> Iterator[Item]:
    """Yield an item for every input below ``sources`` (files or folders), skipping ``exclude``.

    A reader that fails (a bug) rejects what is left of its file as ``internal-error`` and the
    walk goes on; ``debug`` raises instead.
    """
    excluded = _real(exclude) if exclude is not None else None
    for src in sources:
        base = src if src.is_dir() else src.parent
        for entry in walk(src, excluded, follow_links):
            if isinstance(entry, Path):
                yield from _guarded(entry, source_name(entry, base), limits, debug)
            else:
                yield entry


def _guarded(path: Path, source: str, limits: Limits, debug: bool) -> Iterator[Item]:
    """:func:`read_file`, the per-file boundary: its exception becomes the file's rejection."""
    last = None
    try:
        for item in read_file(path, source, limits, debug):
            last = item.source
            yield item
    except Exception as exc:  # the per-input boundary of the readers
        if debug:
            raise
        where = f" after line {last.rpartition(':')[2]}" if last and last != source else ""
        why = f"{type(exc).__name__}: {exc}"
        yield Rejected(source, "internal-error", READER_FAILED.format(where=where, why=why))


def walk(
    src: Path, exclude: Path | None = None, follow_links: bool = False
) -> Iterator[Path | Rejected | Skipped]:
    """Files below ``src`` in sorted (byte) order, and what cannot be walked, as records.

    Hidden files and folders are skipped. A symbolic link is read when it points inside
    ``src`` (a link to a folder there is skipped: its files are read by their own path);
    one pointing outside is rejected (``link-outside``) unless ``follow_links``. Broken links,
    link loops, unreadable folders and special files (FIFOs, devices) become records too.
    """
    if not src.is_dir():
        yield src
        return
    root = _real(src)
    yield from _walk(src, src, root, exclude, follow_links, frozenset({root}))


def _walk(
    folder: Path,
    base: Path,
    root: Path,
    exclude: Path | None,
    follow: bool,
    above: frozenset[Path],
) -> Iterator[Path | Rejected | Skipped]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: os.fsencode(e.name))
    except OSError as exc:
        yield Rejected(
            source_name(folder, base) + "/", "unreadable", f"cannot list: {exc.strerror or exc}"
        )
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        real = _real(path)
        if exclude is not None and real == exclude:
            continue
        source = source_name(path, base)
        try:
            link = entry.is_symlink()  # an lstat where the listing gives no type (NFS, FUSE)
        except OSError as exc:
            yield Rejected(source, "unreadable", f"cannot read: {exc.strerror or exc}")
            continue
        if link:
            try:
                mode = os.stat(path).st_mode
            except OSError as exc:
                loop = exc.errno == errno.ELOOP
                why = "is a symbolic link loop" if loop else "is a broken symbolic link"
                yield Rejected(source, "link-loop" if loop else "broken-link", why)
                continue
            inside = real == root or real.is_relative_to(root)
            if not inside and not follow:
                yield Rejected(source, "link-outside", LINK_OUTSIDE.format(target=real))
                continue
            if stat.S_ISDIR(mode):
                if not follow:
                    yield Skipped(source, "(link to folder)")
                elif real in above:
                    yield Rejected(source, "link-loop", f"links to a folder above it ({real})")
                else:
                    yield from _walk(path, base, root, exclude, follow, above | {real})
                continue
        else:
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError as exc:
                yield Rejected(source, "unreadable", f"cannot read: {exc.strerror or exc}")
                continue
            if stat.S_ISDIR(mode):
                yield from _walk(path, base, root, exclude, follow, above | {real})
                continue
        if stat.S_ISREG(mode):
            yield path
        else:  # reading a FIFO would wait for a writer forever
            yield Skipped(source, "(special file)")


def _real(path: Path) -> Path:
    # os.path.realpath, unlike Path.resolve on Python < 3.13, does not raise on a link loop
    return Path(os.path.realpath(path))


def source_name(path: Path, base: Path) -> str:
    """``path`` relative to ``base``; bytes of a name that are not UTF-8 shown as ``\\xNN``.

    >>> source_name(Path("in/caf" + chr(0xDCE9) + ".txt"), Path("in"))
    'caf\\\\xe9.txt'
    """
    name = path.relative_to(base).as_posix() if path != base else path.name
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        name = _shown(Path(name))
    return name


class Input(NamedTuple):
    """One input as the walk finds it: its path as walked, size and modification time (ns),
    or what it is instead (``note``: a link outside, a special file, why it cannot be read)."""

    name: str
    size: int | None = None
    mtime: int | None = None
    note: str = ""


def listing(
    sources: Sequence[Path], exclude: Path | None = None, follow_links: bool = False
) -> Iterator[Input]:
    """Every input :func:`read` would see, in its order, as :class:`Input` (one walk).

    Names start from the source's real path, however it was spelled (``in``, ``./in``,
    ``/abs/in``, a link to it): a resumed run must find the same names for the same files."""
    excluded = _real(exclude) if exclude is not None else None
    for src in sources:
        base = src if src.is_dir() else src.parent
        real = _real(base)
        for entry in walk(src, excluded, follow_links):
            if isinstance(entry, Path):
                name = _shown(real / entry.relative_to(base))
                try:
                    st = os.stat(entry)
                except OSError as exc:
                    yield Input(name, note=f"cannot read: {exc.strerror or exc}")
                    continue
                yield Input(name, st.st_size, st.st_mtime_ns)
            else:
                note = entry.reason if isinstance(entry, Rejected) else f"skipped: {entry.type}"
                yield Input(f"{_shown(real)}/{entry.source}", note=note)


@dataclass(frozen=True)
class Survey:
    """What :func:`read` would see, from one walk: a digest of each input's path, size and
    modification time (a resumed run must see the same), the inputs' total size in bytes, and
    the inputs themselves, as :class:`Input`, when iterated (kept in a temporary file, so that
    a million of them cost no memory, and read again without a second walk)."""

    digest: str
    total: int
    listing: IO[str]

    def __iter__(self) -> Iterator[Input]:
        self.listing.seek(0)
        for line in self.listing:
            yield Input(*json.loads(line))


def survey(
    sources: Sequence[Path], exclude: Path | None = None, follow_links: bool = False
) -> Survey:
    """Walk the inputs once: see :class:`Survey`."""
    digest = hashlib.sha256()
    total = 0
    # no name on disk: removed when closed, or when the run is killed
    found = tempfile.SpooledTemporaryFile(max_size=MB, mode="w+", encoding="utf-8")
    for item in listing(sources, exclude, follow_links):
        line = json.dumps(item) + "\n"
        digest.update(line.encode())
        found.write(line)
        total += item.size or 0
    return Survey(digest.hexdigest()[:16], total, found)  # type: ignore[arg-type]


def _shown(path: Path) -> str:
    """A path as text that can be written: bytes of it that are not UTF-8 as ``\\xNN``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


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


def read_file(
    path: Path, source: str, limits: Limits = Limits(), debug: bool = False
) -> Iterator[Item]:
    """The items of one file: a document, its JSONL records, or the reason it has none.

    A file is read as it is when it is read: one deleted since the walk is ``unreadable``, one
    cut short is read to where it ends now (a .gz cut so is ``bad-gzip``), one grown is read
    to its new end (and may be ``too-large``); one replaced by a folder or a FIFO is
    ``unreadable`` (it is opened without waiting for a FIFO's writer).
    """
    kind = kind_of(path)
    if kind not in ("text", "html", "jsonl"):
        yield Skipped(source, kind)
        return
    renamed = ("name",) if "\\x" in source and _escaped(path) else ()
    try:
        f = open(path, "rb", opener=_open_nonblocking)
    except OSError as exc:
        yield Rejected(source, "unreadable", f"cannot read: {exc.strerror or exc}")
        return
    with f:
        try:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode):
                yield Rejected(source, "unreadable", NOT_A_FILE)
                return
            size = st.st_size
            if kind == "jsonl":
                gzipped = path.name.lower().endswith(".gz")
                yield from read_jsonl(f, source, gzipped, limits, size, renamed, debug)
                return
            raw = b"" if size > limits.doc_bytes else f.read(limits.doc_bytes + 1)
        except OSError as exc:
            yield Rejected(source, "unreadable", f"cannot read: {exc.strerror or exc}")
            return
    if size > limits.doc_bytes or len(raw) > limits.doc_bytes:
        size = max(size, len(raw))
        yield Rejected(
            source, "too-large", TOO_LARGE.format(mb=size / MB, limit=limits.doc_bytes / MB)
        )
        return
    yield Doc(id=source, source=source, kind=kind, raw=raw, repairs=renamed)  # type: ignore[arg-type]


def _open_nonblocking(path: str, flags: int) -> int:
    # a file swapped for a FIFO after the walk would otherwise wait for a writer forever
    return os.open(path, flags | os.O_NONBLOCK)


def _escaped(path: Path) -> bool:
    try:
        os.fsencode(path).decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def read_jsonl(
    raw: bytes | IO[bytes],
    source: str,
    gzipped: bool = False,
    limits: Limits = Limits(),
    size: int | None = None,
    repairs: tuple[str, ...] = (),
    debug: bool = False,
) -> Iterator[Item]:
    """One item per non-blank line of a JSONL file (``source:LINE``), streamed in blocks.

    A line over the document limit is rejected without being held in memory; a .gz that
    expands past its limit is refused while streaming (``too-large``), keeping the records
    before that point; a truncated or corrupt .gz likewise ends as one ``bad-gzip``. Runs of
    blank lines are counted in bulk, so a bomb of newlines costs no more than one of zeros.
    """
    if isinstance(raw, bytes):
        size, raw = len(raw), io.BytesIO(raw)
    stream: IO[bytes] = raw
    budget = None
    blocks: Iterator[bytes] = iter(lambda: stream.read(BLOCK), b"")
    if gzipped:
        blocks = gunzip(stream)
        budget = max(limits.gzip_ratio * (size or 0), limits.min_gzip_bytes)
    number = expanded = held = 0
    parts: list[bytes] = []  # the line being read, unless it is already too long
    too_long = False
    try:
        for block in blocks:
            expanded += len(block)
            if budget is not None and expanded > budget:
                why = GZIP_TOO_LARGE.format(mb=budget / MB, ratio=limits.gzip_ratio, line=number)
                yield Rejected(source, "too-large", why)
                return
            at = 0
            while at < len(block):
                if not parts and not too_long:  # at a line's start
                    blank = BLANK_RUN.match(block, at).end()  # type: ignore[union-attr]
                    number += block.count(b"\n", at, blank)
                    at = blank
                    if at == len(block):
                        break
                nl = block.find(b"\n", at)
                stop = len(block) if nl < 0 else nl
                if not too_long:
                    parts.append(block[at:stop])
                    held += stop - at
                    if held > limits.doc_bytes:
                        too_long, parts, held = True, [], 0
                if nl < 0:
                    break
                number += 1
                item = _line_item(parts, too_long, f"{source}:{number}", limits, repairs, debug)
                if item is not None:
                    yield item
                parts, held, too_long = [], 0, False
                at = nl + 1
        if parts or too_long:
            number += 1
            item = _line_item(parts, too_long, f"{source}:{number}", limits, repairs, debug)
            if item is not None:
                yield item
    except (OSError, EOFError, zlib.error) as exc:
        where = f" after line {number}" if number else ""
        if gzipped:
            yield Rejected(source, "bad-gzip", f"cannot decompress{where}: {exc}")
        else:
            why = getattr(exc, "strerror", None) or exc
            yield Rejected(source, "unreadable", f"cannot read{where}: {why}")


def gunzip(f: IO[bytes]) -> Iterator[bytes]:
    """The decompressed bytes of a gzip stream (its members in turn), in blocks of at most BLOCK.
    Zeros after a member are padding, as for gzip itself.

    Never holds more than a block: a decompression bomb is refused by the reader as it grows.
    Raises ``zlib.error`` on bytes that are not gzip, ``EOFError`` if the stream is cut short.

    >>> import gzip
    >>> b"".join(gunzip(io.BytesIO(gzip.compress(b"a\\n") + gzip.compress(b"b\\n"))))
    b'a\\nb\\n'
    """
    pending = f.read(BLOCK)
    if pending and not pending.startswith(GZIP_MAGIC[: len(pending)]):
        raise zlib.error(f"not a gzip file (starts with {pending[:2]!r})")
    inflate = zlib.decompressobj(GZIP_WBITS)
    while pending:
        out = inflate.decompress(pending, BLOCK)
        if out:
            yield out
        pending = inflate.unconsumed_tail
        if inflate.eof:  # a member ends; another may follow, after zeros padding the file
            pending = (inflate.unused_data or f.read(BLOCK)).lstrip(b"\0")
            while not pending and (block := f.read(BLOCK)):
                pending = block.lstrip(b"\0")
            if pending:
                inflate = zlib.decompressobj(GZIP_WBITS)
        elif not pending:
            pending = f.read(BLOCK)
            if not pending:
                raise EOFError("the file is cut short (truncated)")


def _line_item(
    parts: list[bytes],
    too_long: bool,
    source: str,
    limits: Limits,
    repairs: tuple[str, ...],
    debug: bool,
) -> Item | None:
    if too_long:
        return Rejected(source, "too-large", LINE_TOO_LARGE.format(limit=limits.doc_bytes / MB))
    line = b"".join(parts)
    if not line.strip():
        return None
    try:
        return jsonl_record(line, source, repairs)
    except Exception as exc:  # the per-record boundary of the reader: the next line is read
        if debug:
            raise
        return Rejected(source, "internal-error", f"{type(exc).__name__}: {exc}")


def jsonl_record(line: bytes, source: str, repairs: tuple[str, ...] = ()) -> Item:
    """A :class:`Doc` from one JSONL line, or the reason it cannot be one."""
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
    doc = record_to_doc(record, source)
    return dataclasses.replace(doc, repairs=repairs) if repairs and isinstance(doc, Doc) else doc


def record_to_doc(record: Any, source: str) -> Item:
    """Check one ``{"id", "text" | "html", "url"?, ...}`` record; other fields go to ``extra``."""
    if not isinstance(record, dict):
        return Rejected(
            source, "bad-record", f"a record must be a JSON object, not {type(record).__name__}"
        )
    if _deeper_than(record, MAX_DEPTH):
        return Rejected(source, "bad-record", NESTED_TOO_DEEP.format(limit=MAX_DEPTH))
    rid = record.get("id")
    if rid is None or isinstance(rid, bool) or not isinstance(rid, (str, int)) or rid == "":
        why = (
            "has no 'id'"
            if rid is None
            else f"'id' must be a non-empty string or integer, not {rid!r}"
        )
        return Rejected(source, "bad-record", why)
    rid = str(rid)
    if _unwritable(rid):  # every record below carries the id, so it must be writable first
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
    # JSON may escape a lone surrogate ("\ud800"), and Python's json reads NaN, Infinity and
    # 1e400; text is repaired by decode, but the id, url and other fields are written as
    # given, and UTF-8 JSON output can hold none of these
    for name, value in (("url", url), *extra.items()):
        if _unwritable(name):
            return Rejected(source, "bad-record", LONE_SURROGATE.format(what="a field name"), rid)
        problem = _unwritable(value)
        if problem == "surrogate":
            return Rejected(source, "bad-record", LONE_SURROGATE.format(what=repr(name)), rid)
        if problem:
            why = NOT_FINITE.format(what=repr(name), value=problem)
            return Rejected(source, "bad-record", why, rid)
    return Doc(id=rid, source=source, kind=kind, raw=body, url=url or None, extra=extra)


def read_run_marks(out: Path) -> tuple[dict[str, dict[str, Any]], set[str]]:
    """A finished run's ``{id: duplicate}`` for clustered records, and every id it holds.

    Reads OUT/documents.jsonl and OUT/duplicates.jsonl. A record's id comes first and a mark is
    written as ``"duplicate": {"cluster"``, so a line without one is only decoded up to its id.
    """
    first = json.JSONDecoder()
    if not (out / "documents.jsonl").is_file():
        raise ConfigError(RUN_MISSING.format(out=out))
    marks: dict[str, dict[str, Any]] = {}
    ids: set[str] = set()
    for name in ("documents.jsonl", "duplicates.jsonl"):
        path = out / name
        if not path.is_file():
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith('{"id": ') and '"duplicate": {"cluster"' not in line:
                    ids.add(first.raw_decode(line, 7)[0])
                    continue
                record = json.loads(line)
                ids.add(record["id"])
                mark = record["metadata"].get("duplicate")
                if mark:
                    marks[record["id"]] = mark
    return marks, ids


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
