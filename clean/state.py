"""A run's state as plain data: each shard step's result as JSON and back, checked when read.

``--resume`` reads this state from ``OUT/.parts``, a folder that others may be able to write (a
shared scratch path, the folder every node of a Ray cluster sees). So nothing read there can
run code (as a pickle would), and everything is checked field by field as it is read: a file
of another shape raises :class:`Unusable`, which the run reports in one line ("the interrupted
run's state is unusable"), never a traceback. The part files' lines (documents, report rows)
are checked for the fields the later steps use (:func:`document_line`, :func:`row_line`).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections import Counter
from typing import Any

import numpy as np

from clean.dedup.store import RAGGED
from clean.records import Document, RecordError, Row

FORMAT = 2  # the layout of a step's marker; another layout is refused
UINT64 = 1 << 64


class Unusable(ValueError):
    """Run state that is not what a run writes."""


# -- reading checked values -------------------------------------------------------------------


def _need(ok: bool, what: str) -> None:
    if not ok:
        raise Unusable(what)


def _int(value: Any, what: str, low: int = 0, high: int | None = None) -> int:
    _need(type(value) is int and value >= low and (high is None or value < high),
          f"{what} is not a count")  # fmt: skip
    return int(value)


def _str(value: Any, what: str) -> str:
    _need(type(value) is str, f"{what} is not a string")
    return str(value)


def _optional_str(value: Any, what: str) -> str | None:
    return None if value is None else _str(value, what)


def _dict(value: Any, what: str, keys: tuple[str, ...] = ()) -> dict[str, Any]:
    _need(type(value) is dict, f"{what} is not a mapping")
    missing = [k for k in keys if k not in value]
    _need(not missing, f"{what} has no {', '.join(missing)}")
    return value  # type: ignore[no-any-return]


def _list(value: Any, what: str, length: int | None = None) -> list[Any]:
    _need(type(value) is list and (length is None or len(value) == length),
          f"{what} is not a list" + (f" of {length}" if length is not None else ""))  # fmt: skip
    return value  # type: ignore[no-any-return]


def _counter(value: Any, what: str) -> Counter[str]:
    return Counter({_str(k, what): _int(v, what) for k, v in _dict(value, what).items()})


def _array(value: Any, dtype: Any, what: str) -> np.ndarray:
    """A base64 string of little-endian numbers as a (writable, native) array."""
    try:
        raw = base64.b64decode(_str(value, what), validate=True)
    except binascii.Error:
        raise Unusable(f"{what} is not base64") from None
    size = np.dtype(dtype).itemsize
    _need(len(raw) % size == 0, f"{what} is not a whole number of values")
    return np.frombuffer(raw, dtype=np.dtype(dtype).newbyteorder("<")).astype(dtype)


def _b64(array: np.ndarray, dtype: Any) -> str:
    return base64.b64encode(np.asarray(array, dtype=np.dtype(dtype).newbyteorder("<")).tobytes()
                            ).decode("ascii")  # fmt: skip


# -- the steps' results -----------------------------------------------------------------------


def tally_json(tally: Any) -> dict[str, Any]:
    from clean.write import COUNTERS

    return {
        "documents": tally.documents,
        "lines_removed": tally.lines_removed,
        "dropped": tally.dropped,
        **{name: dict(getattr(tally, name)) for name in COUNTERS},
    }


def tally_of(data: Any) -> Any:
    from clean.write import COUNTERS, Tally

    keys = ("documents", "lines_removed", "dropped", *COUNTERS)
    d = _dict(data, "tally", keys)
    counters = {name: _counter(d[name], f"tally.{name}") for name in COUNTERS}
    return Tally(
        documents=_int(d["documents"], "tally.documents"),
        lines_removed=_int(d["lines_removed"], "tally.lines_removed"),
        dropped=_int(d["dropped"], "tally.dropped"),
        **counters,
    )


def lines_json(lines: Any) -> dict[str, Any] | None:
    if lines is None:
        return None
    c = lines.config
    return {
        "config": [c.min_documents, c.min_share, c.max_keys],
        "documents": dict(lines.documents),
        # pairs, not a mapping: the keys are numbers, and their order is kept
        "counts": {site: list(map(list, table.items())) for site, table in lines.counts.items()},
    }


def lines_of(data: Any) -> Any:
    from clean.boilerplate import BoilerplateConfig, SiteLines

    if data is None:
        return None
    d = _dict(data, "lines", ("config", "documents", "counts"))
    low, share, most = _list(d["config"], "lines.config", 3)
    _need(type(share) in (int, float), "lines.config holds no share")
    try:
        config = BoilerplateConfig(_int(low, "lines.config"), float(share), _int(most, "lines"))
    except ValueError as exc:
        raise Unusable(f"lines.config: {exc}") from None
    counts = {}
    for site, pairs in _dict(d["counts"], "lines.counts").items():
        table: Counter[int] = Counter()
        for pair in _list(pairs, f"lines.counts[{site!r}]"):
            key, count = _list(pair, "a line count", 2)
            table[_int(key, "a line key", 0, UINT64)] = _int(count, "a line count", 1)
        counts[site] = table
    return SiteLines(config, _counter(d["documents"], "lines.documents"), counts)


# The sketch's arrays: name and type (clean.dedup.store.Sketch): the signature, then the store's
# variable-length columns, so that a column the sketch gains is kept here too.
SKETCH_ARRAYS = (("signature", np.uint32), *RAGGED)
SORTED = ("anchors", "names", "facts")  # sorted and unique


def sketch_json(s: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"id": s.id, "exact": base64.b64encode(s.exact).decode("ascii")}
    out.update({name: _b64(getattr(s, name), dtype) for name, dtype in SKETCH_ARRAYS})
    out.update(words=s.words, published=s.published, chrome=s.chrome, prose=s.prose)
    return out


def sketch_of(data: Any, num_perm: int) -> Any:
    from clean.dedup.store import EXACT_BYTES, Sketch

    keys = ("id", "exact", *(n for n, _ in SKETCH_ARRAYS), "words", "published", "chrome", "prose")
    d = _dict(data, "sketch", keys)
    doc_id = _str(d["id"], "sketch.id")
    arrays = {name: _array(d[name], dtype, f"sketch {doc_id!r}: {name}")
              for name, dtype in SKETCH_ARRAYS}  # fmt: skip
    exact = _array(d["exact"], np.uint8, f"sketch {doc_id!r}: exact").tobytes()
    _need(len(exact) == EXACT_BYTES, f"sketch {doc_id!r}: exact is not {EXACT_BYTES} bytes")
    _need(arrays["signature"].size == num_perm,
          f"sketch {doc_id!r}: the signature is not {num_perm} values")  # fmt: skip
    _need(arrays["tokens"].size == arrays["flags"].size == arrays["shapes"].size,
          f"sketch {doc_id!r}: tokens, flags and shapes differ in length")  # fmt: skip
    for name in SORTED:
        _need(bool(np.all(np.diff(arrays[name].astype(np.int64)) > 0)),
              f"sketch {doc_id!r}: {name} are not sorted")  # fmt: skip
    return Sketch(
        id=doc_id,
        exact=exact,
        words=_int(d["words"], f"sketch {doc_id!r}: words"),
        published=_optional_str(d["published"], f"sketch {doc_id!r}: published"),
        chrome=_int(d["chrome"], f"sketch {doc_id!r}: chrome"),
        prose=_int(d["prose"], f"sketch {doc_id!r}: prose"),
        **arrays,
    )


def encode(step: str, shard: int, result: Any) -> str:
    """A shard step's result as the JSON text of its completion marker."""
    from clean.write import CLEAN, EDIT

    data: dict[str, Any] = {"format": FORMAT, "step": step, "shard": shard}
    if step == CLEAN:
        data.update(
            items=result.items,
            inputs=list(result.inputs),
            tally=tally_json(result.tally),
            lines=lines_json(result.lines),
        )
    elif step == EDIT:
        data.update(
            sketches=[sketch_json(s) for s in result.sketches],
            removals=result.removals,
            lines_removed=result.lines_removed,
            seen=[[site, list(map(list, texts.items()))] for site, texts in result.seen.items()],
        )
    else:
        data["dropped"] = result
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def decode(step: str, shard: int, text: str | bytes, num_perm: int | None = None) -> Any:
    """A completion marker's result, checked; :class:`Unusable` if it is not one a run wrote
    for this step and shard (``num_perm``: the sketches' signature length)."""
    from clean.shards import Cleaned, Edited
    from clean.write import CLEAN, EDIT

    try:
        data = json.loads(text)
    except RecursionError:
        raise Unusable("nested too deep") from None
    except ValueError as exc:
        raise Unusable(f"not JSON: {exc}") from None
    d = _dict(data, "the marker", ("format", "step", "shard"))
    _need(d["format"] == FORMAT and d["step"] == step and d["shard"] == shard,
          f"not the marker of shard {shard} of step {step}")  # fmt: skip
    if step == CLEAN:
        _dict(d, "the marker", ("items", "inputs", "tally", "lines"))
        inputs = tuple(_str(x, "an input's digest") for x in _list(d["inputs"], "inputs"))
        items = _int(d["items"], "items")
        _need(len(inputs) == items, "the inputs' digests are not one an item")
        return Cleaned(items, tally_of(d["tally"]), lines_of(d["lines"]), inputs)
    if step == EDIT:
        _dict(d, "the marker", ("sketches", "removals", "lines_removed", "seen"))
        sketches = _list(d["sketches"], "sketches")
        _need(not sketches or num_perm is not None, "sketches in a run without duplicates")
        seen: dict[str, dict[int, str]] = {}
        for entry in _list(d["seen"], "seen"):
            site, pairs = _list(entry, "seen", 2)
            texts = seen.setdefault(_str(site, "seen"), {})
            for pair in _list(pairs, "seen"):
                key, line = _list(pair, "seen", 2)
                texts[_int(key, "a line key", 0, UINT64)] = _str(line, "a line")
        return Edited(
            [sketch_of(s, num_perm or 0) for s in sketches],
            _int(d["removals"], "removals"),
            _int(d["lines_removed"], "lines_removed"),
            seen,
        )
    _dict(d, "the marker", ("dropped",))
    return _int(d["dropped"], "dropped")


# -- the part files' lines ----------------------------------------------------------------------


def document_line(line: str) -> Document:
    """One line of a documents part, checked field by field (:meth:`Document.from_json`)."""
    try:
        return Document.from_json(_loads(line))
    except RecordError as exc:
        raise Unusable(str(exc)) from None


def row_line(line: str) -> Row:
    """One line of a report rows part, checked field by field (:meth:`Row.from_json`)."""
    try:
        return Row.from_json(_loads(line))
    except RecordError as exc:
        raise Unusable(str(exc)) from None


def _loads(line: str) -> Any:
    try:
        return json.loads(line)
    except RecursionError:
        raise Unusable("a line nested too deep") from None
    except ValueError as exc:
        raise Unusable(f"a line that is not JSON: {exc}") from None
