"""Read the inputs: walk sources in sorted order and yield one item per input document.

Yields :class:`Doc` (raw bytes or record field text), :class:`Rejected` and :class:`Skipped`;
every file, record, row and line is accounted for by exactly one of them. Which reader reads a
file is chosen by its name (:func:`clean.readers.reader_for`); ``-`` is standard input, its
format told by its first bytes (:func:`read_stdin`).
"""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import stat
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, NamedTuple

from clean.errors import (
    COMPRESSED_PARQUET,
    EXPANDED_TOO_LARGE,
    LINK_OUTSIDE,
    NOT_A_FILE,
    READER_FAILED,
    REJECTIONS_SUMMARISED,
    RUN_MISSING,
    TOO_LARGE,
    ConfigError,
)
from clean.readers import Context, Fields, Item, Limits, Reader, reader_for, record_to_doc
from clean.readers.base import (
    DEFAULT_FIELDS,
    DEFAULT_LIMITS,
    MAX_DOC_MB,
    MAX_GZIP_RATIO,
    MB,
    MIN_GZIP_MB,
)
from clean.readers.compression import Corrupt, TooLarge, opened
from clean.readers.document import HtmlReader, TextReader, read_up_to
from clean.readers.jsonl import JsonlReader
from clean.readers.parquet import BadParquet
from clean.readers.warc import BadWarc, WarcReader
from clean.records import Rejected, Skipped

STDIN = "-"  # the source that names standard input
STDIN_NAME = "stdin"  # its documents' source (and a single document's id)
# A reader writes this many rejections of one input one by one; the rest are counted per
# reason, in one record each (a file of 32 million broken lines is 32 million rejections)
SHOWN_REJECTIONS = 100
BAD_CODEC = {".gz": "bad-gzip", ".bz2": "bad-bz2", ".zst": "bad-zstd"}
# the first bytes of a compressed stream, for standard input (files go by their names)
MAGIC = {b"\x1f\x8b": ".gz", b"BZh": ".bz2", b"\x28\xb5\x2f\xfd": ".zst"}
SNIFF_BYTES = 1 << 16
RUN_MARKERS = ("report.json", ".parts/settings.json")  # what makes a folder a clean output

__all__ = [
    "MAX_DOC_MB",
    "MAX_GZIP_RATIO",
    "MB",
    "MIN_GZIP_MB",
    "Fields",
    "Item",
    "Limits",
    "read",
    "read_bytes",
    "read_file",
    "record_to_doc",
    "survey",
    "walk",
]


def read(
    sources: Sequence[Path],
    exclude: Path | None = None,
    limits: Limits = DEFAULT_LIMITS,
    follow_links: bool = False,
    debug: bool = False,
    fields: Fields = DEFAULT_FIELDS,
) -> Iterator[Item]:
    """Yield an item for every input below ``sources`` (files or folders, ``-`` for standard
    input), skipping ``exclude`` and every folder that holds a clean run's output.

    A reader that fails (a bug) rejects what is left of its file as ``internal-error`` and the
    walk goes on; ``debug`` raises instead.
    """
    excluded = _real(exclude) if exclude is not None else None
    for src in sources:
        if str(src) == STDIN:
            context = Context(limits, fields, debug=debug)
            yield from _bounded(_guarded(STDIN_NAME, read_stdin(sys.stdin.buffer, context), debug))
            continue
        base = src if src.is_dir() else src.parent
        for entry in walk(src, excluded, follow_links):
            if isinstance(entry, Path):
                source = source_name(entry, base)
                items = read_file(entry, source, limits, debug, fields)
                yield from _bounded(_guarded(source, items, debug))
            else:
                yield entry


def _guarded(source: str, items: Iterator[Item], debug: bool) -> Iterator[Item]:
    """The per-input boundary around opening an input (:func:`read_stream` guards reading it):
    an exception becomes the input's rejection."""
    try:
        yield from items
    except Exception as exc:  # the per-input boundary of the readers
        if debug:
            raise
        why = f"{type(exc).__name__}: {exc}"
        yield Rejected(source, "internal-error", READER_FAILED.format(where="", why=why))


def _bounded(items: Iterator[Item]) -> Iterator[Item]:
    """One input's items with at most :data:`SHOWN_REJECTIONS` rejections one by one; the rest
    counted per reason and given at the end, one record each with its ``count``."""
    shown = 0
    held: Counter[str] = Counter()
    first: dict[str, Rejected] = {}
    for item in items:
        if not isinstance(item, Rejected):
            yield item
        elif shown < SHOWN_REJECTIONS:
            shown += 1
            yield item
        else:
            held[item.reason] += 1
            first.setdefault(item.reason, item)
    for reason, count in held.items():
        where = first[reason].source.rpartition(":")
        what = where[0] if where[1] and where[2].isdigit() else first[reason].source
        detail = REJECTIONS_SUMMARISED.format(
            count=count, first=first[reason].source, shown=SHOWN_REJECTIONS,
            detail=first[reason].detail,
        )  # fmt: skip
        yield Rejected(what, reason, detail, None, count)


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
    if is_run_folder(src):
        yield Skipped(f"{_shown(Path(src.name))}/", "(clean output folder)")
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
                if is_run_folder(path):
                    yield Skipped(source + "/", "(clean output folder)")
                else:
                    yield from _walk(path, base, root, exclude, follow, above | {real})
                continue
        if stat.S_ISREG(mode):
            yield path
        else:  # reading a FIFO would wait for a writer forever
            yield Skipped(source, "(special file)")


def is_run_folder(path: Path) -> bool:
    """Whether ``path`` holds a clean run's output, finished (its report.json) or not (its
    .parts): never read as input, wherever it lies."""
    for marker in RUN_MARKERS:
        try:
            with open(path / marker, "rb") as f:
                head = f.read(4096)
        except OSError:
            continue
        if b'"clean' in head:  # report.json's "clean_version", settings' "clean"
            return True
    return False


def _real(path: Path) -> Path:
    # os.path.realpath, unlike Path.resolve on Python < 3.13, does not raise on a link loop
    return Path(os.path.realpath(path))


def source_name(path: Path, base: Path) -> str:
    """``path`` relative to ``base``, as :func:`_shown` writes it.

    >>> source_name(Path("in/caf" + chr(0xDCE9) + ".txt"), Path("in"))
    'caf\\\\xe9.txt'
    """
    return _shown(path.relative_to(base) if path != base else Path(path.name))


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
    r"""A path as text that can be written: bytes of it that are not UTF-8 as ``\xNN``, and
    so that no name reads as another, each backslash of the name itself doubled.

    >>> _shown(Path("caf" + chr(0xDCE9))), _shown(Path("caf\\xe9")), _shown(Path("a/b.txt"))
    ('caf\\xe9', 'caf\\\\xe9', 'a/b.txt')
    """
    return os.fsencode(path).replace(b"\\", b"\\\\").decode("utf-8", "backslashreplace")


def read_file(
    path: Path,
    source: str,
    limits: Limits = DEFAULT_LIMITS,
    debug: bool = False,
    fields: Fields = DEFAULT_FIELDS,
) -> Iterator[Item]:
    """The items of one file: a document, its records or rows, or the reason it has none.

    A file is read as it is when it is read: one deleted since the walk is ``unreadable``, one
    cut short is read to where it ends now (a compressed one cut so is ``bad-gzip``), one grown
    is read to its new end (and may be ``too-large``); one replaced by a folder or a FIFO is
    ``unreadable`` (it is opened without waiting for a FIFO's writer).
    """
    reader, codec, kind = reader_for(path.name)
    if reader is None:
        yield Skipped(source, kind)
        return
    if reader.needs_file and codec is not None:
        yield Rejected(source, "unreadable", COMPRESSED_PARQUET.format(codec=codec))
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
        except OSError as exc:
            yield Rejected(source, "unreadable", f"cannot read: {exc.strerror or exc}")
            return
        if not stat.S_ISREG(st.st_mode):
            yield Rejected(source, "unreadable", NOT_A_FILE)
            return
        if codec is None and reader in (TextReader, HtmlReader) and st.st_size > limits.doc_bytes:
            why = TOO_LARGE.format(mb=st.st_size / MB, limit=limits.doc_bytes / MB)
            yield Rejected(source, "too-large", why)  # not read: its size says it all
            return
        context = Context(limits, fields, st.st_size, renamed, debug)
        yield from read_stream(f, reader(source, context), codec)


def read_stream(f: IO[bytes], reader: Reader, codec: str | None) -> Iterator[Item]:
    """The items ``reader`` reads from ``f`` (decompressed by ``codec`` on the way); a stream
    that breaks ends as one rejection saying where, the items before it kept."""
    limits, source = reader.context.limits, reader.source
    budget = limits.expansion(reader.context.size)
    try:
        yield from reader.items(opened(f, codec, budget) if codec else f)
    except TooLarge:
        why = EXPANDED_TOO_LARGE.format(
            mb=budget / MB, ratio=limits.gzip_ratio, unit=reader.unit, n=reader.count
        )
        yield Rejected(source, "too-large", why)
    except Corrupt as exc:
        why = f"cannot decompress{reader.where()}: {exc}"
        yield Rejected(source, BAD_CODEC[codec or ".gz"], why)
    except (BadWarc, BadParquet) as exc:
        yield Rejected(source, f"bad-{reader.name}", f"cannot read{reader.where()}: {exc}")
    except OSError as exc:
        why = exc.strerror or exc
        yield Rejected(source, "unreadable", f"cannot read{reader.where()}: {why}")
    except Exception as exc:  # the per-input boundary of the readers: a bug ends this input only
        if reader.context.debug:
            raise
        why = READER_FAILED.format(where=reader.where(), why=f"{type(exc).__name__}: {exc}")
        yield Rejected(source, "internal-error", why)


def read_bytes(
    data: bytes,
    name: str,
    limits: Limits = DEFAULT_LIMITS,
    fields: Fields = DEFAULT_FIELDS,
    debug: bool = False,
) -> Iterator[Item]:
    """The items of an input held in memory, read as a file called ``name`` would be."""
    reader, codec, kind = reader_for(name)
    if reader is None:
        yield Skipped(name, kind)
        return
    context = Context(limits, fields, len(data), debug=debug)
    yield from read_stream(io.BytesIO(data), reader(name, context), codec)


def read_stdin(stream: IO[bytes], context: Context) -> Iterator[Item]:
    """The items of standard input: compressed or not (by its first bytes: gzip, bzip2, zstd),
    then JSONL if its first character (after white space) is ``{``, WARC if it starts with
    ``WARC/``, one HTML page if ``<``, else one raw text dump. Sources are ``stdin`` and
    ``stdin:N``."""
    head, stream = _peek(stream)
    codec = next((c for magic, c in MAGIC.items() if head.startswith(magic)), None)
    if codec is not None:
        budget = context.limits.expansion(None)
        try:
            head, stream = _peek(opened(stream, codec, budget))
        except (Corrupt, TooLarge) as exc:
            yield Rejected(STDIN_NAME, BAD_CODEC[codec], f"cannot decompress: {exc}")
            return
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"{"):
        reader: Reader = JsonlReader(STDIN_NAME, context)
    elif start.startswith(b"WARC/"):
        reader = WarcReader(STDIN_NAME, context)
    elif start.startswith(b"<"):
        reader = HtmlReader(STDIN_NAME, context)
    else:
        reader = TextReader(STDIN_NAME, context)
    yield from read_stream(stream, reader, None)


def _peek(stream: IO[bytes]) -> tuple[bytes, IO[bytes]]:
    """The first bytes of ``stream``, and a stream that gives them again (unbuffered, as
    :func:`~clean.readers.compression.opened` is)."""
    head = read_up_to(stream, SNIFF_BYTES)
    return head, _Prepended(head, stream)  # type: ignore[return-value]


class _Prepended(io.RawIOBase):
    """``head`` then the rest of ``stream``."""

    def __init__(self, head: bytes, stream: IO[bytes]):
        self._head, self._stream = head, stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n], self._head = self._head[:n], self._head[n:]
            return n
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _open_nonblocking(path: str, flags: int) -> int:
    # a file swapped for a FIFO after the walk would otherwise wait for a writer forever
    return os.open(path, flags | os.O_NONBLOCK)


def _escaped(path: Path) -> bool:
    try:
        os.fsencode(path).decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def read_run_marks(out: Path) -> tuple[dict[str, dict[str, Any]], set[str]]:
    """A finished run's ``{id: duplicate}`` for clustered records, and every id it holds: its
    documents and duplicates files, JSONL or Parquet (:func:`clean.writers.output_records`)."""
    from clean.writers import output_records

    documents = output_records(out, "documents")
    if documents is None:
        raise ConfigError(RUN_MISSING.format(out=out))
    marks: dict[str, dict[str, Any]] = {}
    ids: set[str] = set()
    try:
        for records in (documents, output_records(out, "duplicates") or ()):
            for record in records:
                ids.add(record["id"])
                mark = record["metadata"].get("duplicate")
                if mark:
                    marks[record["id"]] = mark
    except (ValueError, OSError) as exc:
        raise ConfigError(f"{out}: cannot read the run's output: {exc}") from None
    return marks, ids
