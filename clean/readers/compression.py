"""Compressed inputs: ``.gz``, ``.bz2`` and ``.zst`` streams opened as the bytes they hold.

The only module that imports zstandard. Every codec streams: it never holds more than a block
of output, so a decompression bomb is refused while it grows (:class:`Expanded` counts the bytes
against a budget). A stream that is cut short, or whose bytes are not of its codec, raises
:class:`Corrupt`; what was read before that point has been yielded.
"""

from __future__ import annotations

import bz2
import io
import zlib
from collections.abc import Callable, Iterator
from typing import IO

BLOCK = 1 << 20  # compressed bytes read, and decompressed bytes yielded, at a time
GZIP_MAGIC = b"\x1f\x8b"
GZIP_WBITS = zlib.MAX_WBITS | 16  # zlib reads the gzip header and trailer itself
# zstd expands up to about 32,700 times (runs of one byte): its input is fed this much at a
# time, so one call yields at most about 64 MB, whatever the file
ZSTD_SLICE = 2048


class Corrupt(Exception):
    """The compressed bytes are damaged, cut short, or not of the codec."""


class TooLarge(Exception):
    """The stream expanded past its budget (a decompression bomb?)."""


def gunzip(f: IO[bytes]) -> Iterator[bytes]:
    """The decompressed bytes of a gzip stream (its members in turn), in blocks of at most BLOCK.
    Zeros after a member are padding, as for gzip itself.

    >>> import gzip
    >>> b"".join(gunzip(io.BytesIO(gzip.compress(b"a\\n") + gzip.compress(b"b\\n"))))
    b'a\\nb\\n'
    """
    pending = f.read(BLOCK)
    if pending and not pending.startswith(GZIP_MAGIC[: len(pending)]):
        raise Corrupt(f"not a gzip file (starts with {pending[:2]!r})")
    inflate = zlib.decompressobj(GZIP_WBITS)
    try:
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
                    raise Corrupt("the file is cut short (truncated)")
    except zlib.error as exc:
        raise Corrupt(str(exc)) from None


def bunzip2(f: IO[bytes]) -> Iterator[bytes]:
    """The decompressed bytes of a bzip2 stream (its streams in turn), in blocks of at most BLOCK.

    >>> b"".join(bunzip2(io.BytesIO(bz2.compress(b"a\\n") + bz2.compress(b"b\\n"))))
    b'a\\nb\\n'
    """
    inflate = bz2.BZ2Decompressor()
    pending = f.read(BLOCK)
    if not pending:
        return
    try:
        while True:
            out = inflate.decompress(pending, BLOCK)
            if out:
                yield out
            pending = b""
            if inflate.eof:
                pending = inflate.unused_data or f.read(BLOCK)
                if not pending:
                    return
                inflate = bz2.BZ2Decompressor()
            elif inflate.needs_input:
                pending = f.read(BLOCK)
                if not pending:
                    raise Corrupt("the file is cut short (truncated)")
    except OSError as exc:  # bz2's "Invalid data stream"
        raise Corrupt(str(exc)) from None


def unzstd(f: IO[bytes]) -> Iterator[bytes]:
    """The decompressed bytes of a zstd stream (its frames in turn).

    >>> import zstandard
    >>> frames = zstandard.compress(b"a\\n") + zstandard.compress(b"b\\n")
    >>> b"".join(unzstd(io.BytesIO(frames)))
    b'a\\nb\\n'
    """
    import zstandard

    inflate = zstandard.ZstdDecompressor().decompressobj()
    started = False
    try:
        while block := f.read(BLOCK):
            for at in range(0, len(block), ZSTD_SLICE):
                piece = block[at : at + ZSTD_SLICE]
                while piece:
                    started = True
                    out = inflate.decompress(piece)
                    if out:
                        yield out
                    piece = b""
                    if inflate.eof:  # a frame ends; the next one needs a new object
                        piece = inflate.unused_data
                        inflate = zstandard.ZstdDecompressor().decompressobj()
                        started = bool(piece)
    except zstandard.ZstdError as exc:
        raise Corrupt(str(exc)) from None
    if started and not inflate.eof:
        raise Corrupt("the file is cut short (truncated)")


CODECS: dict[str, Callable[[IO[bytes]], Iterator[bytes]]] = {
    ".gz": gunzip,
    ".bz2": bunzip2,
    ".zst": unzstd,
}


def codec_of(name: str) -> str | None:
    """The compression suffix of a file name, or None.

    >>> codec_of("a.jsonl.ZST"), codec_of("page.html")
    ('.zst', None)
    """
    lower = name.lower()
    return next((s for s in CODECS if lower.endswith(s)), None)


class Expanded(io.RawIOBase):
    """A binary stream over a codec's blocks that raises :class:`TooLarge` past ``budget`` bytes.

    ``expanded`` counts the bytes the codec has given so far.
    """

    def __init__(self, blocks: Iterator[bytes], budget: float):
        self._blocks, self._budget = blocks, budget
        self._held, self._at = b"", 0
        self.expanded = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while self._at >= len(self._held):
            if self.expanded >= self._budget:
                raise TooLarge(self.expanded)
            block = next(self._blocks, None)
            if block is None:
                return 0
            # the bytes up to the budget are read, so what comes before the bomb is kept
            block = block[: max(0, int(self._budget - self.expanded)) + 1]
            self.expanded += len(block)
            self._held, self._at = block, 0
        n = min(len(buffer), len(self._held) - self._at)
        buffer[:n] = self._held[self._at : self._at + n]
        self._at += n
        return n


def opened(f: IO[bytes], codec: str, budget: float) -> IO[bytes]:
    """``f``'s decompressed bytes as a binary stream, limited to ``budget`` bytes.

    Unbuffered on purpose: each read returns at most one block the codec gave, so the bytes a
    stream gave before it broke reach the reader before the error does.
    """
    return Expanded(CODECS[codec](f), budget)  # type: ignore[return-value]
