"""The duplicate index's storage: what it keeps of each document, and where.

A :class:`Sketch` is a few kilobytes of hashes per document: a MinHash signature, and the
document's words as hashes (five bytes a word) for verifying a candidate pair word for word. A
run of a million documents cannot keep a million of them as Python objects, so
:class:`SketchStore` keeps in memory only the small columns that clustering sorts on (id, date,
fingerprint hash, sizes) and appends the rest to files in a temporary folder, which clustering
reads back through memory maps: sequentially for the bands, by row for the pairs.
"""

from __future__ import annotations

import sys
import tempfile
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

EXACT_BYTES = 16


# The variable-length columns, in file order, and their types.
RAGGED = (
    ("tokens", np.uint32),
    ("flags", np.uint8),
    ("shapes", np.uint8),
    ("anchors", np.uint32),
    ("names", np.uint32),
    ("facts", np.uint32),
)


# Per document, in memory: words, lines of chrome, words of prose, then the length of each
# ragged column.
SIZES = 3 + len(RAGGED)


@dataclass(frozen=True, slots=True)
class Sketch:
    """What the duplicate index keeps of one document: hashes, not text."""

    id: str
    exact: bytes
    signature: np.ndarray  # uint32[num_perm]
    tokens: np.ndarray  # uint32 hash of each word, in order (clean.dedup.compare.Tokens)
    flags: np.ndarray  # uint8 flags of each word
    shapes: np.ndarray  # uint8 shape of each word's spelling, for names (0 for other words)
    anchors: np.ndarray  # sorted unique uint32: the word k-grams sampled by their hash
    names: np.ndarray  # sorted unique uint32 hashes of names
    facts: np.ndarray  # the numbers with 3+ digits or a separator (1037, 20000, 3,5, 04:35)
    words: int
    published: str | None
    chrome: int = 0  # lines of chrome the copy came with (clean.dedup.sketch.chrome_lines)
    prose: int = 0  # words in its lines of prose (clean.dedup.sketch.chrome_lines)


def representative_key(words: int, published: str | None, doc_id: str) -> tuple[int, str, str]:
    """The order in which a cluster's representative is chosen: longest body first, then
    earliest date (undated last), then smallest id."""
    return (-words, published or "\uffff", doc_id)


class SketchStore:
    """Sketches by row number: small columns in memory, the rest on disk until read.

    >>> store = SketchStore(4)
    >>> sig = np.array([1, 2, 3, 4], dtype=np.uint32)
    >>> empty = np.zeros(0, dtype=np.uint32)
    >>> words, flags = np.array([7, 8], dtype=np.uint32), np.array([0, 1], dtype=np.uint8)
    >>> shapes = np.zeros(2, dtype=np.uint8)
    >>> s = Sketch("a", b"x" * 16, sig, words, flags, shapes, empty, empty, empty, 2, None)
    >>> store.append(s)
    >>> s = store[0]
    >>> (s.id, s.signature.tolist(), s.tokens.tolist(), s.flags.tolist(), s.words, len(store))
    ('a', [1, 2, 3, 4], [7, 8], [0, 1], 2, 1)
    >>> store.close()
    """

    def __init__(self, num_perm: int, directory: str | Path | None = None):
        self.num_perm = num_perm
        self._tmp = tempfile.TemporaryDirectory(prefix="clean-sketches-", dir=directory)
        root = Path(self._tmp.name)
        names = ["signature"] + [name for name, _ in RAGGED]
        self._paths = {name: root / name for name in names}
        self._files: dict[str, BinaryIO] = {name: open(p, "wb") for name, p in self._paths.items()}
        self.ids: list[str] = []
        self.published: list[str | None] = []
        self._exact = bytearray()
        self._sizes = array("I")
        self._maps: dict[str, Any] | None = None
        self._written: StoreFiles | None = None

    @classmethod
    def of(cls, sketches: Iterable[Sketch], num_perm: int) -> SketchStore:
        store = cls(num_perm)
        for s in sketches:
            store.append(s)
        return store

    def __len__(self) -> int:
        return len(self.ids)

    def append(self, s: Sketch) -> None:
        if s.signature.shape != (self.num_perm,) or len(s.exact) != EXACT_BYTES:
            raise ValueError(f"sketch {s.id!r} does not fit a {self.num_perm}-value store")
        self._files["signature"].write(s.signature.astype(np.uint32).tobytes())
        for name, dtype in RAGGED:
            self._files[name].write(getattr(s, name).astype(dtype).tobytes())
        self.ids.append(s.id)
        self.published.append(s.published)
        self._exact += s.exact
        self._sizes.extend([s.words, s.chrome, s.prose] + [getattr(s, n).size for n, _ in RAGGED])
        self._maps = None

    def close(self) -> None:
        """Closes the files and removes the folder; the store is empty afterwards."""
        self._maps = None
        for f in self._files.values():
            f.close()
        self._tmp.cleanup()

    # -- columns ------------------------------------------------------------------------------

    def _columns(self) -> dict[str, Any]:
        if self._maps is None:
            for f in self._files.values():
                f.flush()
            sizes = np.frombuffer(self._sizes, dtype=np.uint32).reshape(-1, SIZES)
            self._maps = _columns(self._paths, sizes, self.num_perm)
        return self._maps

    def files(self) -> StoreFiles:
        """The store as files another process can read (a worker verifying pairs): the
        columns kept in memory are written beside the others, as they are now."""
        files = StoreFiles(self._tmp.name, self.num_perm, len(self))
        if self._written != files:  # once for each size of the store
            self._columns()
            _write(Path(files.root) / "sizes", self._sizes)
            _write(Path(files.root) / "exact", self._exact)
            self._written = files
        return files

    @property
    def signatures(self) -> np.ndarray:
        """``uint32[n, num_perm]``, memory-mapped: index it by rows or slices."""
        return self._columns()["signature"]

    @property
    def words(self) -> np.ndarray:
        return self._columns()["sizes"][:, 0].astype(np.int64)

    @property
    def chrome(self) -> np.ndarray:
        return self._columns()["sizes"][:, 1].astype(np.int64)

    @property
    def prose(self) -> np.ndarray:
        return self._columns()["sizes"][:, 2].astype(np.int64)

    @property
    def exact(self) -> np.ndarray:
        """``uint64[n, 2]``: the fingerprint hashes, as numbers to sort on."""
        return np.frombuffer(bytes(self._exact), dtype=np.uint64).reshape(-1, 2)

    def flat(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """One ragged column as ``(values, documents)``: every value with its row number."""
        values, offsets = self._columns()[name]
        return values, np.repeat(np.arange(len(self)), np.diff(offsets))

    def row(self, name: str, i: int) -> np.ndarray:
        """One document's values of a ragged column (a view of the memory map)."""
        values, offsets = self._columns()[name]
        return values[offsets[i] : offsets[i + 1]]

    def ranks(self) -> np.ndarray:
        """Each row's place in :func:`representative_key` order."""
        words = self.words.tolist()
        keys = [representative_key(*k) for k in zip(words, self.published, self.ids, strict=True)]
        order = sorted(range(len(keys)), key=keys.__getitem__)
        ranks = np.empty(len(keys), dtype=np.int64)
        ranks[order] = np.arange(len(keys))
        return ranks

    def __getitem__(self, i: int) -> Sketch:
        return _sketch(self._columns(), self._exact, i, self.ids[i], self.published[i])

    def __iter__(self) -> Iterator[Sketch]:
        return (self[i] for i in range(len(self)))

    def memory_bytes(self) -> int:
        """Bytes the store holds in memory (the lists' pointers and their strings included)."""
        strings = sum(sys.getsizeof(s) for s in self.ids) + sum(
            sys.getsizeof(p) for p in self.published if p is not None
        )
        lists = sys.getsizeof(self.ids) + sys.getsizeof(self.published)
        return strings + lists + len(self._exact) + self._sizes.itemsize * len(self._sizes)


@dataclass(frozen=True)
class StoreFiles:
    """Where a :class:`SketchStore`'s files are, for :class:`SketchReader` (picklable)."""

    root: str
    num_perm: int
    rows: int


class SketchReader:
    """A store's rows read from its files (:meth:`SketchStore.files`), in another process.
    The rows carry no id and no date: those stay with the store."""

    def __init__(self, files: StoreFiles):
        root = Path(files.root)
        names = ["signature"] + [name for name, _ in RAGGED]
        sizes = _map(root / "sizes", np.uint32).reshape(-1, SIZES)[: files.rows]
        self._maps = _columns({name: root / name for name in names}, sizes, files.num_perm)
        self._exact = _map(root / "exact", np.uint8)

    def __getitem__(self, i: int) -> Sketch:
        return _sketch(self._maps, self._exact, i, "", None)


def _columns(paths: dict[str, Path], sizes: np.ndarray, num_perm: int) -> dict[str, Any]:
    """The store's columns: sizes, signatures, and each ragged column with its offsets."""
    maps: dict[str, Any] = {
        "sizes": sizes,
        "signature": _map(paths["signature"], np.uint32).reshape(-1, num_perm),
    }
    for k, (name, dtype) in enumerate(RAGGED):
        offsets = np.zeros(len(sizes) + 1, dtype=np.int64)
        np.cumsum(sizes[:, 3 + k], out=offsets[1:])
        maps[name] = (_map(paths[name], dtype), offsets)
    return maps


def _sketch(
    columns: dict[str, Any], exact: Any, i: int, doc_id: str, published: str | None
) -> Sketch:
    """Row ``i`` of the columns as a :class:`Sketch` (its arrays copied out of the maps)."""
    ragged = {}
    for name, _ in RAGGED:
        values, offsets = columns[name]
        ragged[name] = np.array(values[offsets[i] : offsets[i + 1]])
    return Sketch(
        id=doc_id,
        exact=bytes(exact[i * EXACT_BYTES : (i + 1) * EXACT_BYTES]),
        signature=np.array(columns["signature"][i]),
        words=int(columns["sizes"][i][0]),
        chrome=int(columns["sizes"][i][1]),
        prose=int(columns["sizes"][i][2]),
        published=published,
        **ragged,
    )


def _write(path: Path, data: Any) -> None:
    with open(path, "wb") as f:
        f.write(memoryview(data).cast("B"))


def _map(path: Path, dtype: Any) -> np.ndarray:
    """The file as a read-only array (an empty array for an empty file: mmap refuses those)."""
    if path.stat().st_size == 0:
        return np.zeros(0, dtype=dtype)
    return np.memmap(path, dtype=dtype, mode="r")
