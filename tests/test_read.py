import errno
import gzip
import json
import os
import signal
from pathlib import Path

import pytest

import clean.read
import clean.readers.compression
import clean.readers.jsonl
from clean.read import read, read_bytes, record_to_doc, walk
from clean.readers import reader_for
from clean.records import Doc, Rejected, Skipped
from tests import strategies as gen


def make(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(name.encode())


def rel(paths, root: Path) -> list[str]:
    """Paths relative to ``root``; what cannot be walked as ``reason:source`` or ``type:source``."""
    return [
        p.relative_to(root).as_posix()
        if isinstance(p, Path)
        else f"{getattr(p, 'reason', None) or p.type}:{p.source}"
        for p in paths
    ]


def test_walk_sorted_recursive_skips_hidden(tmp_path):
    make(
        tmp_path,
        "b/z.txt", "b/a/deep.txt", "a2.txt", "a10.txt", "Z.txt", "c.png",
        ".hidden.txt", ".git/config", "b/.secret.txt",
    )  # fmt: skip
    assert rel(walk(tmp_path), tmp_path) == [
        "Z.txt",
        "a10.txt",
        "a2.txt",
        "b/a/deep.txt",
        "b/z.txt",
        "c.png",
    ]


def test_walk_of_a_file_yields_the_file(tmp_path):
    make(tmp_path, "one.txt")
    assert list(walk(tmp_path / "one.txt")) == [tmp_path / "one.txt"]


def test_walk_does_not_follow_links_outside_the_source(tmp_path):
    make(tmp_path, "src/a.txt", "elsewhere/e.txt")
    os.symlink(tmp_path / "elsewhere", tmp_path / "src" / "link")
    os.symlink(tmp_path / "elsewhere" / "e.txt", tmp_path / "src" / "b.txt")
    assert rel(walk(tmp_path / "src"), tmp_path / "src") == [
        "a.txt",
        "link-outside:b.txt",
        "link-outside:link",
    ]
    [item] = [i for i in walk(tmp_path / "src") if getattr(i, "source", "") == "link"]
    assert item.detail == (
        f"links to {(tmp_path / 'elsewhere').resolve()}, outside the source folder;"
        " --follow-links reads it"
    )


def test_walk_follows_links_outside_when_asked(tmp_path):
    make(tmp_path, "src/a.txt", "elsewhere/e.txt")
    os.symlink(tmp_path / "elsewhere", tmp_path / "src" / "link")
    os.symlink(tmp_path / "elsewhere" / "e.txt", tmp_path / "src" / "b.txt")
    got = rel(walk(tmp_path / "src", follow_links=True), tmp_path / "src")
    assert got == ["a.txt", "b.txt", "link/e.txt"]


def test_walk_reads_links_to_files_inside_and_skips_links_to_folders_inside(tmp_path):
    make(tmp_path, "src/a.txt", "src/sub/s.txt")
    os.symlink(tmp_path / "src" / "a.txt", tmp_path / "src" / "b.txt")
    os.symlink(tmp_path / "src" / "sub", tmp_path / "src" / "again")
    assert rel(walk(tmp_path / "src"), tmp_path / "src") == [
        "a.txt",
        "(link to folder):again",
        "b.txt",
        "sub/s.txt",
    ]


def test_walk_reports_link_loops_and_broken_links(tmp_path):
    make(tmp_path, "src/a.txt")
    src = tmp_path / "src"
    os.symlink(src / "loop2", src / "loop1")
    os.symlink(src / "loop1", src / "loop2")
    os.symlink(src / "gone.txt", src / "broken.txt")
    os.symlink(src, src / "up")  # a folder link back to the top: a loop once links are followed
    assert rel(walk(src), src) == [
        "a.txt",
        "broken-link:broken.txt",
        "link-loop:loop1",
        "link-loop:loop2",
        "(link to folder):up",
    ]
    assert rel(walk(src, follow_links=True), src) == [
        "a.txt",
        "broken-link:broken.txt",
        "link-loop:loop1",
        "link-loop:loop2",
        "link-loop:up",
    ]


def test_walk_skips_special_files(tmp_path):
    make(tmp_path, "a.txt")
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would wait for a writer forever
    assert rel(walk(tmp_path), tmp_path) == ["a.txt", "(special file):pipe.txt"]


def test_walk_goes_on_past_an_entry_it_cannot_look_at(tmp_path, monkeypatch):
    """Where the file system gives no type with the listing (NFS, FUSE, XFS without ftype),
    DirEntry.is_symlink calls lstat, which may fail (EIO): that entry is rejected, not the walk."""
    make(tmp_path, "a.txt", "b.txt", "c.txt")
    real = os.scandir

    class Failing:
        def __init__(self, entry):
            self._entry = entry
            self.name, self.path = entry.name, entry.path

        def is_symlink(self):
            if self.name == "b.txt":
                raise OSError(errno.EIO, "Input/output error")
            return self._entry.is_symlink()

        def stat(self, **kwargs):
            return self._entry.stat(**kwargs)

    def scandir(path):
        with real(path) as it:
            return [Failing(e) for e in it]

    monkeypatch.setattr(clean.read.os, "scandir", scandir)
    assert rel(walk(tmp_path), tmp_path) == ["a.txt", "unreadable:b.txt", "c.txt"]


def test_walk_skips_exclude(tmp_path):
    make(tmp_path, "a.txt", "out/documents.jsonl", "out/x/y.txt", "z/out/kept.txt")
    got = rel(walk(tmp_path, (tmp_path / "out").resolve()), tmp_path)
    assert got == ["a.txt", "z/out/kept.txt"]


def test_read_skips_exclude_given_unresolved(tmp_path):
    make(tmp_path, "in/a.txt", "in/out/documents.jsonl")
    items = list(read([tmp_path / "in"], exclude=tmp_path / "in" / ".." / "in" / "out"))
    assert [i.source for i in items] == ["a.txt"]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.txt", "text"),
        ("a.TXT", "text"),
        ("a.text", "text"),
        ("README", "text"),
        ("a.html", "html"),
        ("a.HTM", "html"),
        ("a.htm", "html"),
        ("a.xhtml", "html"),
        ("a.jsonl", "jsonl"),
        ("a.ndjson", "jsonl"),
        ("a.jsonl.gz", "jsonl"),
        ("A.JSONL.GZ", "jsonl"),
        ("a.jsonl.zst", "jsonl"),
        ("a.ndjson.bz2", "jsonl"),
        ("a.html.gz", "html"),
        ("a.txt.gz", "text"),
        ("a.warc", "warc"),
        ("a.warc.gz", "warc"),
        ("a.parquet", "parquet"),
        ("a.png", ".png"),
        ("a.pdf", ".pdf"),
        ("a.tar.gz", ".tar.gz"),
        ("a.json", ".json"),
    ],
)
def test_reader_for(name, kind):
    reader, _, suffix = reader_for(name)
    assert (reader.name if reader else suffix) == kind


def test_read_yields_docs_and_skips(tmp_path):
    make(tmp_path, "b.html", "a.txt", "sub/c.png", "sub/d.pdf")
    items = list(read([tmp_path]))
    assert items == [
        Doc(id="a.txt", source="a.txt", kind="text", raw=b"a.txt"),
        Doc(id="b.html", source="b.html", kind="html", raw=b"b.html"),
        Skipped("sub/c.png", ".png"),
        Skipped("sub/d.pdf", ".pdf"),
    ]


def test_read_single_file_source_is_its_name(tmp_path):
    make(tmp_path, "sub/page.htm")
    assert list(read([tmp_path / "sub" / "page.htm"])) == [
        Doc(id="page.htm", source="page.htm", kind="html", raw=b"sub/page.htm")
    ]


def test_read_jsonl_file_sources_carry_line_numbers(tmp_path):
    (tmp_path / "sub").mkdir()
    lines = [{"id": "a", "text": "satu"}, {"id": "b", "html": "<p>dua</p>"}]
    (tmp_path / "sub" / "d.jsonl").write_text("\n".join(json.dumps(r) for r in lines) + "\n")
    items = list(read([tmp_path]))
    assert items == [
        Doc(id="a", source="sub/d.jsonl:1", kind="text", raw="satu"),
        Doc(id="b", source="sub/d.jsonl:2", kind="html", raw="<p>dua</p>"),
    ]


def test_valid_record():
    line = json.dumps(
        {"id": 7, "text": "Halo", "url": "https://x.com/a", "lang": "id", "tags": [1, 2]}
    )
    assert list(read_bytes(line.encode(), "d.jsonl")) == [
        Doc(
            id="7",
            source="d.jsonl:1",
            kind="text",
            raw="Halo",
            url="https://x.com/a",
            extra={"lang": "id", "tags": [1, 2]},
        )
    ]


def test_record_with_html_and_null_text():
    doc = record_to_doc({"id": "x", "text": None, "html": "<p>a</p>", "url": ""}, "d.jsonl:3")
    assert doc == Doc(id="x", source="d.jsonl:3", kind="html", raw="<p>a</p>", url=None)


def test_text_wins_over_html():
    doc = record_to_doc({"id": "x", "text": "t", "html": "<p>h</p>"}, "s:1")
    assert (doc.kind, doc.raw, doc.extra) == ("text", "t", {})


@pytest.mark.parametrize(
    ("record", "detail", "rid"),
    [
        ({"text": "x"}, "has no 'id'", None),
        ({"id": None, "text": "x"}, "has no 'id'", None),
        ({"id": True, "text": "x"}, "'id' must be a non-empty string or integer, not True", None),
        ({"id": False, "text": "x"}, "'id' must be a non-empty string or integer, not False", None),
        ({"id": "", "text": "x"}, "'id' must be a non-empty string or integer, not ''", None),
        ({"id": [1], "text": "x"}, "'id' must be a non-empty string or integer, not [1]", None),
        ({"id": 1.5, "text": "x"}, "'id' must be a non-empty string or integer, not 1.5", None),
        ({"id": "a"}, "has neither 'text' nor 'html'", "a"),
        ({"id": "a", "text": None, "html": None}, "has neither 'text' nor 'html'", "a"),
        ({"id": "b", "text": 5}, "'text' must be a string, not int", "b"),
        ({"id": "b", "text": ["x"]}, "'text' must be a string, not list", "b"),
        ({"id": "b", "html": {"p": 1}}, "'html' must be a string, not dict", "b"),
        ({"id": 3, "text": "t", "url": 3}, "'url' must be a string, not int", "3"),
        ([1, 2], "a record must be a JSON object, not list", None),
        ("teks", "a record must be a JSON object, not str", None),
    ],
)
def test_bad_record(record, detail, rid):
    line = json.dumps(record).encode()
    assert list(read_bytes(line, "d.jsonl")) == [Rejected("d.jsonl:1", "bad-record", detail, rid)]


@pytest.mark.parametrize(
    ("line", "detail"),
    [
        (b"{bad", "Expecting property name enclosed in double quotes at column 2"),
        (b'{"id": "a", "text": "x"', "Expecting ',' delimiter at column 24"),
        (b"not json", "Expecting value at column 1"),
        (b'{"id": "x", "text": "caf\xe9"}', "line is not UTF-8"),
    ],
)
def test_invalid_json(line, detail):
    assert list(read_bytes(line, "d.jsonl")) == [Rejected("d.jsonl:1", "invalid-json", detail)]


def test_blank_lines_are_not_items_but_keep_line_numbers():
    raw = b'\n{"id": "a", "text": "x"}\n\n   \n{oops\n\r\n{"id": "b", "text": "y"}\r\n\n'
    items = list(read_bytes(raw, "d.jsonl"))
    assert [(type(i).__name__, i.source) for i in items] == [
        ("Doc", "d.jsonl:2"),
        ("Rejected", "d.jsonl:5"),
        ("Doc", "d.jsonl:7"),
    ]
    assert [i.id for i in items] == ["a", None, "b"]


def test_gzipped_jsonl(tmp_path):
    raw = b'{"id": "a", "text": "x"}\n\n{"id": 2, "html": "<b>y</b>"}\n'
    (tmp_path / "d.jsonl.gz").write_bytes(gzip.compress(raw))
    assert list(read([tmp_path])) == [
        Doc(id="a", source="d.jsonl.gz:1", kind="text", raw="x"),
        Doc(id="2", source="d.jsonl.gz:3", kind="html", raw="<b>y</b>"),
    ]


def test_truncated_gzip_keeps_the_records_before_the_cut_and_is_one_rejection(tmp_path):
    lines = b"".join(b'{"id": %d, "text": "x%d"}\n' % (n, n * n) for n in range(5000))
    data = gzip.compress(lines)
    (tmp_path / "d.jsonl.gz").write_bytes(data[: len(data) // 2])
    items = list(read([tmp_path]))
    *docs, last = items
    assert docs and all(isinstance(d, Doc) for d in docs)
    assert [d.id for d in docs] == [str(n) for n in range(len(docs))]
    assert (last.source, last.reason, last.id) == ("d.jsonl.gz", "bad-gzip", None)
    assert last.detail.startswith(f"cannot decompress after line {len(docs)}")


@pytest.mark.parametrize("zeros", [1, 512, 3 * (1 << 20)])
def test_zeros_after_the_last_gzip_member_are_padding(zeros):
    """gzip and Python's gzip module ignore zeros after a member (tape archives and some
    writers pad so); they were a bad-gzip rejection here."""
    data = gzip.compress(b'{"id": "a", "text": "x"}\n', mtime=0) + b"\0" * zeros
    assert [i.id for i in read_bytes(data, "d.jsonl.gz")] == ["a"]
    more = data + gzip.compress(b'{"id": "b", "text": "y"}\n') + b"\0\1"
    items = list(read_bytes(more, "d.jsonl.gz"))
    assert [(i.id, getattr(i, "reason", None)) for i in items] == [
        ("a", None), ("b", None), (None, "bad-gzip")
    ]  # fmt: skip


def test_not_gzip_is_bad_gzip():
    assert list(read_bytes(b"plain", "d.jsonl.gz")) == [
        Rejected("d.jsonl.gz", "bad-gzip", "cannot decompress: not a gzip file (starts with b'pl')")
    ]


def test_corrupt_gzip_is_bad_gzip():
    data = gzip.compress(b'{"id": "a", "text": "x"}\n')
    corrupt = data[:10] + b"\xff" + data[11:]  # first deflate block gets the reserved type
    items = list(read_bytes(corrupt, "d.jsonl.gz"))
    assert [(i.source, i.reason) for i in items] == [("d.jsonl.gz", "bad-gzip")]


@pytest.mark.parametrize(
    ("line", "rid", "detail"),
    [
        (rb'{"id": "a\ud800", "text": "Isi."}', None, "'id' holds a lone surrogate"),
        (rb'{"id": "a", "url": "http://x/\udfff", "text": "Isi."}', "a", "'url' holds a lone"),
        (rb'{"id": "a", "tags": ["\ud800"], "text": "Isi."}', "a", "'tags' holds a lone"),
        (rb'{"id": "a", "\ud800": 1, "text": "Isi."}', "a", "a field name holds a lone"),
    ],
    ids=["id", "url", "extra", "key"],
)
def test_lone_surrogate_outside_the_text_is_a_bad_record(line, rid, detail):
    """Found by the no-crash property: such a record stopped the run in the writer
    (UnicodeEncodeError). The text itself is repaired by decode, as before."""
    [item] = read_bytes(line, "f.jsonl")
    assert isinstance(item, Rejected)
    assert (item.reason, item.id) == ("bad-record", rid)
    assert item.detail.startswith(detail)
    json.dumps(item.as_json(), ensure_ascii=False).encode("utf-8")  # writable
    [ok] = read_bytes(rb'{"id": "a", "text": "Isi \ud800."}', "f.jsonl")
    assert isinstance(ok, Doc)


def test_lone_surrogate_in_the_id_of_a_record_without_text_is_writable():
    """Found by make fuzz: the 'neither text nor html' rejection carried the unwritable id."""
    [item] = read_bytes(rb'{"id": "\ud800", "": ""}', "f.jsonl")
    assert (item.reason, item.id) == ("bad-record", None)
    json.dumps(item.as_json(), ensure_ascii=False).encode("utf-8")


# --- hostile JSONL lines (issue 16) ---------------------------------------------------------

NESTED = "nested deeper than 100 levels (arrays and objects inside each other)"


def test_a_line_nested_100000_levels_is_rejected_naming_the_line_and_the_rest_is_read():
    """The issue's case: json.loads raised RecursionError and the whole run was lost."""
    deep = b'{"id": "deep", "text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    raw = b'{"id": "a", "text": "satu"}\n' + deep + b'\n{"id": "b", "text": "dua"}\n'
    assert list(read_bytes(raw, "d.jsonl")) == [
        Doc(id="a", source="d.jsonl:1", kind="text", raw="satu"),
        Rejected("d.jsonl:2", "bad-record", NESTED),
        Doc(id="b", source="d.jsonl:3", kind="text", raw="dua"),
    ]


def test_an_unterminated_deep_line_is_nested_too_deep():
    assert list(read_bytes(b"[" * 5000, "d.jsonl")) == [Rejected("d.jsonl:1", "bad-record", NESTED)]


@pytest.mark.parametrize(("levels", "ok"), [(100, True), (101, False), (900, False)])
def test_nesting_limit_is_100_levels(levels, ok):
    """Past 100 levels a record is refused even where json could parse it: the writer, the
    worker pipes (pickle) and --resume (json again) each recurse once more per level."""
    [item] = read_bytes(gen.nested(levels), "d.jsonl")
    if ok:
        assert isinstance(item, Doc) and item.id == "h-deep"
    else:
        assert item == Rejected("d.jsonl:1", "bad-record", NESTED)


def test_nesting_limit_holds_for_library_records_and_cycles():
    """clean_documents takes dicts from the caller: a cycle is refused, not walked forever."""
    looped: dict = {"id": "c", "text": "Isi."}
    looped["self"] = looped
    assert record_to_doc(looped, "record 1") == Rejected("record 1", "bad-record", NESTED)


@pytest.mark.parametrize(
    ("line", "reason", "detail", "rid"),
    [
        (b'{"id": "a", "text": "t", "score": NaN}', "bad-record",
         "'score' holds NaN, which JSON does not allow (numbers must be finite)", "a"),
        (b'{"id": "a", "text": "t", "n": [1e400]}', "bad-record",
         "'n' holds Infinity, which JSON does not allow (numbers must be finite)", "a"),
        (b'{"id": "a", "text": "t", "n": -Infinity}', "bad-record",
         "'n' holds -Infinity, which JSON does not allow (numbers must be finite)", "a"),
        (b'{"id": "a", "text": "t", "n": 1' + b"0" * 5000 + b"}", "invalid-json",
         "a number has more than 4300 digits", None),
        (b'{"id": 1e400, "text": "t"}', "bad-record",
         "'id' must be a non-empty string or integer, not inf", None),
    ],
    ids=["nan", "overflow", "infinity", "digits", "id"],
)  # fmt: skip
def test_numbers_json_cannot_hold_are_refused(line, reason, detail, rid):
    """Python's json reads NaN, Infinity and 1e400 (as inf), and its writer puts them back as
    NaN and Infinity: documents.jsonl would not be JSON for any strict reader (jq, serde)."""
    assert list(read_bytes(line, "d.jsonl")) == [Rejected("d.jsonl:1", reason, detail, rid)]


@pytest.mark.parametrize(
    ("line", "want"),
    [
        (b'{"id": "a", "text": "satu", "text": "dua"}', ("a", "dua")),  # the last one wins
        (b'{"id": "a", "id": "b", "text": "t"}', ("b", "t")),
        (b'\xef\xbb\xbf{"id": "a", "text": "t"}', ("a", "t")),  # a BOM at a line's start
        (b'{"id": "a", "text": "t\\u0000u"}', ("a", "t\x00u")),  # removed by decode
        (b'{"id": 1' + b"0" * 4000 + b', "text": "t"}', ("1" + "0" * 4000, "t")),
    ],
    ids=["duplicate-text", "duplicate-id", "bom", "nul", "long-id"],
)
def test_odd_but_valid_lines_are_read(line, want):
    [item] = read_bytes(line, "d.jsonl")
    assert isinstance(item, Doc)
    assert (item.id, item.raw) == want


@pytest.mark.parametrize(
    "line",
    [b'{"id": "a",\xef\xbb\xbf "text": "t"}', b"\x00", b'{"id": "a", "text": "t"}\x00',
     b'{"id": "a", "text": "t"} {"id": "b", "text": "u"}', b"[" * 50, b'"' + b"\\" * 9],
)  # fmt: skip
def test_broken_lines_are_invalid_json(line):
    [item] = read_bytes(line, "d.jsonl")
    assert (item.source, item.reason) == ("d.jsonl:1", "invalid-json"), item


def test_a_reader_bug_on_one_line_rejects_that_line_and_reading_goes_on(monkeypatch):
    """No exception from a reader ends a run: a bug parsing one record is that record's."""
    real = clean.read.record_to_doc

    def buggy(record, source, fields):
        if record.get("id") == "boom":
            raise TypeError("boom")
        return real(record, source, fields)

    monkeypatch.setattr(clean.readers.jsonl, "record_to_doc", buggy)
    raw = b'{"id": "boom", "text": "x"}\n{"id": "b", "text": "dua"}\n'
    assert list(read_bytes(raw, "d.jsonl")) == [
        Rejected("d.jsonl:1", "internal-error", "TypeError: boom"),
        Doc(id="b", source="d.jsonl:2", kind="text", raw="dua"),
    ]
    with pytest.raises(TypeError):  # --debug: stop at the first internal error
        list(read_bytes(raw, "d.jsonl", debug=True))


def test_a_reader_bug_in_one_file_rejects_that_file_and_the_walk_goes_on(tmp_path, monkeypatch):
    make(tmp_path, "a.txt", "c.txt")
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(b'{"id": "g", "text": "x"}\n' * 3))

    def buggy(f):
        yield b'{"id": "g1", "text": "x"}\n'
        raise IndexError("bad block")

    monkeypatch.setitem(clean.readers.compression.CODECS, ".gz", buggy)
    items = list(read([tmp_path]))
    assert items == [
        Doc(id="a.txt", source="a.txt", kind="text", raw=b"a.txt"),
        Doc(id="g1", source="b.jsonl.gz:1", kind="text", raw="x"),
        Rejected(
            "b.jsonl.gz", "internal-error", "reading stopped after line 1: IndexError: bad block"
        ),
        Doc(id="c.txt", source="c.txt", kind="text", raw=b"c.txt"),
    ]
    with pytest.raises(IndexError):
        list(read([tmp_path], debug=True))


# --- inputs that change under the run (issue 16) ----------------------------------------------


def test_inputs_changed_between_the_walk_and_the_read_are_read_as_they_are(tmp_path, monkeypatch):
    """The rule: a file is read as it is when it is read. Each change ends as a document or a
    rejection, never an exception or a wait (a FIFO would wait for a writer forever)."""
    records = b"".join(b'{"id": "r%d", "text": "x"}\n' % n for n in range(2000))
    packed = gzip.compress(records, mtime=0)
    make(tmp_path, "cut.jsonl.gz", "dir.txt", "fifo.txt", "gone.txt", "grown.jsonl", "shrunk.txt")
    (tmp_path / "cut.jsonl.gz").write_bytes(packed)
    (tmp_path / "grown.jsonl").write_bytes(b'{"id": "g1", "text": "x"}\n')
    (tmp_path / "shrunk.txt").write_bytes(b"long enough text")
    changes = {
        "cut.jsonl.gz": lambda p: p.write_bytes(packed[: len(packed) // 2]),
        "dir.txt": lambda p: (p.unlink(), p.mkdir()),
        "fifo.txt": lambda p: (p.unlink(), os.mkfifo(p)),
        "gone.txt": lambda p: p.unlink(),
        "grown.jsonl": lambda p: p.write_bytes(p.read_bytes() + b'{"id": "g2", "text": "y"}\n'),
        "shrunk.txt": lambda p: p.write_bytes(b"short"),
    }
    real_walk = clean.read.walk

    def changing(src, *args):
        for entry in real_walk(src, *args):
            changes[entry.name](entry)  # after the walk saw it, before it is read
            yield entry

    def hung(*_):
        raise TimeoutError("the reader waited for a FIFO's writer")

    monkeypatch.setattr(clean.read, "walk", changing)
    signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)
    try:
        items = list(read([tmp_path]))
    finally:
        signal.alarm(0)
    got = [(i.source, getattr(i, "reason", None) or i.id) for i in items]
    kept = sum(1 for source, _ in got if source.startswith("cut.jsonl.gz:"))
    assert 0 < kept < 2000
    assert got == [
        *[(f"cut.jsonl.gz:{n + 1}", f"r{n}") for n in range(kept)],
        ("cut.jsonl.gz", "bad-gzip"),
        ("dir.txt", "unreadable"),
        ("fifo.txt", "unreadable"),
        ("gone.txt", "unreadable"),
        ("grown.jsonl:1", "g1"),
        ("grown.jsonl:2", "g2"),
        ("shrunk.txt", "shrunk.txt"),
    ]
    details = {i.source: i.detail for i in items if isinstance(i, Rejected)}
    assert details["dir.txt"] == "cannot read: Is a directory"
    assert details["fifo.txt"] == (
        "is no longer a regular file (replaced since the folder was walked?)"
    )
    assert details["gone.txt"] == "cannot read: No such file or directory"
    assert items[-1].raw == b"short"
