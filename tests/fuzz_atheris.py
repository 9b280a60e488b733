"""Coverage-guided fuzzing of the readers with atheris: ``make fuzz`` runs it where atheris
installs (the ``fuzz`` extra), as ``python -m tests.fuzz_atheris [libFuzzer flags] [CORPUS]``.

Each input is one file of a kind the first byte chooses (text, HTML, JSONL, .jsonl.gz) in a
folder beside a good record; it is read as ``clean run`` reads it and every document goes through
the per-document boundary, with ``debug`` so that a bug raises (and atheris reports the input)
instead of being caught. The property is the one of ``tests/test_fuzz.py``: every item a
document or a rejection with a known reason, one item per non-blank JSONL line, the good record
out. A crash found becomes an ``@example`` there.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

KINDS = ("h.txt", "h.html", "h.jsonl", "h.jsonl.gz")


def check(folder: Path, data: bytes) -> None:
    """Read ``data`` as one input file beside a good one, and check what comes out."""
    from clean.pipeline import clean_one
    from clean.read import Limits, read
    from clean.records import Doc, Document, Rejected
    from tests import strategies as gen
    from tests.test_fuzz import REASONS, RULES, assert_writable

    name = KINDS[data[0] % len(KINDS)] if data else KINDS[0]
    for old in folder.iterdir():
        old.unlink()
    (folder / name).write_bytes(data[1:])
    (folder / "good.jsonl").write_bytes(gen.good_record(0) + b"\n")
    items = list(read([folder], limits=Limits(doc_bytes=gen.FUZZ_LIMIT), debug=True))
    if name == "h.jsonl":
        assert len(items) == 1 + sum(1 for line in data[1:].split(b"\n") if line.strip())
    found = set()
    for item in items:
        if isinstance(item, Doc):
            assert_writable(item)
            item = clean_one(item, RULES, debug=True)
        assert isinstance(item, Document | Rejected), item
        if isinstance(item, Rejected):
            assert item.reason in REASONS, item
        else:
            found.add(item.id)
    assert "good-0" in found


def seeds() -> list[bytes]:
    """Inputs to start from (a kind byte, then the file): one of each kind of hostile file."""
    import gzip

    from tests import strategies as gen

    text, page, lines = gen.GOOD[1].encode(), gen.good_html(2), gen.good_record(3) + b"\n"
    hostile = [gen.nested(120), b'{"id": "n", "text": "t", "x": NaN}', b"[1, 2]", b"{bad"]
    jsonl = lines + b"\n".join(hostile) + b"\n"
    packed = gzip.compress(jsonl, mtime=0)
    return [
        b"\0" + text,
        b"\0" + text.replace(b" ", b"\0", 2),
        b"\1" + page,
        b"\1" + b"<div>" * 300 + page,
        b"\2" + jsonl,
        b"\3" + packed + packed,
        b"\3" + packed[: len(packed) // 2],
    ]


def main(argv: list[str]) -> None:
    """Run atheris over :func:`check` with the libFuzzer flags in ``argv`` (the corpus folder,
    if given and empty, gets :func:`seeds` first)."""
    import atheris

    corpus = [Path(a) for a in argv[1:] if not a.startswith("-")]
    if corpus and corpus[0].is_dir() and not any(corpus[0].iterdir()):
        for n, seed in enumerate(seeds()):
            (corpus[0] / f"seed-{n}").write_bytes(seed)

    with atheris.instrument_imports():
        import clean.decode
        import clean.pipeline
        import clean.read  # noqa: F401
    # A page whose date only dateparser reads (htmldate's last resort) makes dateparser load
    # its data for every locale, once: 10 s on a busy machine, which libFuzzer reports as a
    # slow input. Loaded here instead.
    import dateparser

    dateparser.parse("qqq 1")
    with tempfile.TemporaryDirectory() as tmp:
        atheris.Setup(argv, lambda data: check(Path(tmp), data))
        atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
