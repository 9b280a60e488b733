"""The input formats (issue 21): compressed files, WARC, Parquet, standard input, record fields;
each with its bad inputs (a clear rejection, the good records kept). All fixtures are made here."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from clean.cli import main
from clean.read import SHOWN_REJECTIONS, read, read_bytes
from clean.readers import Fields, Limits
from clean.records import Doc, Rejected, Skipped
from tests.runs import records, report, run

ARTICLE = (
    "Pemerintah kota membuka tiga taman baru di pinggir sungai pada Senin pagi.\n\n"
    "Warga menyambut taman itu dengan gembira karena selama ini tidak ada ruang terbuka di "
    "kawasan padat tersebut, kata kepala dinas pertamanan kepada wartawan.\n"
)
PAGE = (
    "<html><head><title>Taman baru di pinggir sungai</title></head><body><article>"
    "<h1>Taman baru di pinggir sungai</h1>"
    "<p>Pemerintah kota membuka tiga taman baru di pinggir sungai pada Senin pagi.</p>"
    "<p>Warga menyambut taman itu dengan gembira karena selama ini tidak ada ruang terbuka di "
    "kawasan padat tersebut, kata kepala dinas pertamanan kepada wartawan.</p>"
    "</article></body></html>"
)


def jsonl(n: int, start: int = 0) -> bytes:
    return b"".join(
        json.dumps({"id": f"r{k}", "text": f"Berita nomor {k}. {ARTICLE}"}).encode() + b"\n"
        for k in range(start, start + n)
    )


def kinds(items) -> list[tuple]:
    return [
        (i.source, i.id) if isinstance(i, Doc)
        else (i.source, i.reason) if isinstance(i, Rejected)
        else (i.source, i.type)
        for i in items
    ]  # fmt: skip


# --- compressed files -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("suffix", "pack"),
    [(".gz", gzip.compress), (".bz2", bz2.compress), (".zst", zstandard.compress)],
    ids=["gz", "bz2", "zst"],
)
def test_every_kind_of_input_may_come_compressed(tmp_path, suffix, pack):
    (tmp_path / f"a.txt{suffix}").write_bytes(pack(ARTICLE.encode()))
    (tmp_path / f"b.html{suffix}").write_bytes(pack(PAGE.encode()))
    (tmp_path / f"c.jsonl{suffix}").write_bytes(pack(jsonl(2)))
    items = list(read([tmp_path]))
    assert kinds(items) == [
        (f"a.txt{suffix}", f"a.txt{suffix}"),
        (f"b.html{suffix}", f"b.html{suffix}"),
        (f"c.jsonl{suffix}:1", "r0"),
        (f"c.jsonl{suffix}:2", "r1"),
    ]
    assert [i.kind for i in items] == ["text", "html", "text", "text"]
    assert items[0].raw == ARTICLE.encode()


def test_html_gz_pages_become_documents_end_to_end(tmp_path):
    """257 of 257 .html.gz pages were skipped silently before."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "page.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    assert run(src, "-o", tmp_path / "out") == 0
    [doc] = records(tmp_path / "out")
    assert doc["id"] == "page.html.gz"
    assert doc["metadata"]["title"] == "Taman baru di pinggir sungai"
    assert "tiga taman baru" in doc["text"]


@pytest.mark.parametrize(
    ("suffix", "pack", "reason"),
    [
        (".gz", gzip.compress, "bad-gzip"),
        (".bz2", bz2.compress, "bad-bz2"),
        (".zst", zstandard.compress, "bad-zstd"),
    ],
    ids=["gz", "bz2", "zst"],
)
def test_a_compressed_stream_cut_short_keeps_the_records_before_the_cut(suffix, pack, reason):
    whole = pack(jsonl(12_000))  # several of bzip2's blocks (900 kB each)
    items = list(read_bytes(whole[: len(whole) // 2], f"d.jsonl{suffix}"))
    *docs, last = items
    assert docs and all(isinstance(d, Doc) for d in docs)
    assert [d.id for d in docs] == [f"r{k}" for k in range(len(docs))]
    assert (last.source, last.reason) == (f"d.jsonl{suffix}", reason)
    assert last.detail == f"cannot decompress after line {len(docs)}: the file is cut short (truncated)"


@pytest.mark.parametrize(("suffix", "reason"), [(".bz2", "bad-bz2"), (".zst", "bad-zstd")])
def test_bytes_that_are_not_of_the_codec_are_one_rejection(suffix, reason):
    [item] = read_bytes(b"plain text, not compressed at all", f"d.jsonl{suffix}")
    assert (item.source, item.reason) == (f"d.jsonl{suffix}", reason)
    assert item.detail.startswith("cannot decompress: ")


@pytest.mark.parametrize(
    ("suffix", "pack"), [(".bz2", bz2.compress), (".zst", zstandard.compress)], ids=["bz2", "zst"]
)
def test_a_decompression_bomb_is_refused_while_it_grows(suffix, pack):
    bomb = pack(jsonl(2) + b"\n" * 50_000_000)
    assert len(bomb) < 200_000
    items = list(read_bytes(bomb, f"d.jsonl{suffix}", Limits(min_gzip_bytes=1_000_000)))
    assert kinds(items) == [(f"d.jsonl{suffix}:1", "r0"), (f"d.jsonl{suffix}:2", "r1"),
                            (f"d.jsonl{suffix}", "too-large")]  # fmt: skip
    assert "a decompression bomb?" in items[-1].detail


def test_a_compressed_parquet_file_is_refused_with_the_reason(tmp_path):
    (tmp_path / "t.parquet.gz").write_bytes(gzip.compress(b"PAR1"))
    [item] = read([tmp_path])
    assert (item.reason, item.detail) == (
        "unreadable",
        "is a compressed Parquet file (.gz); Parquet compresses its own columns and is read"
        " with random access: decompress it first",
    )


# --- WARC -------------------------------------------------------------------------------------


def warc(records_: list[tuple], packed: bool = True) -> bytes:
    """A WARC file: ``(type, url, content type, status, payload)`` per record."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=packed)
    for kind, url, ctype, status, payload in records_:
        if kind == "response":
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(payload), http_headers=http
            )
        else:
            record = writer.create_warc_record(
                url, kind, payload=io.BytesIO(payload), warc_content_type=ctype
            )
        writer.write_record(record)
    return buf.getvalue()


CRAWL = [
    ("warcinfo", "", "application/warc-fields", None, b"software: test\r\n"),
    ("request", "https://news.example/a", "application/http", None, b"GET /a HTTP/1.1\r\n\r\n"),
    ("response", "https://news.example/a", "text/html; charset=utf-8", "200 OK", PAGE.encode()),
    ("response", "https://news.example/logo.png", "image/png", "200 OK", b"\x89PNG..."),
    ("response", "https://news.example/gone", "text/html", "404 Not Found", b"<p>no</p>"),
    ("metadata", "https://news.example/a", "application/warc-fields", None, b"via: x\r\n"),
    ("response", "https://news.example/b", "text/html", "200 OK", PAGE.replace("tiga", "dua").encode()),
]  # fmt: skip


@pytest.mark.parametrize("packed", [True, False], ids=["warc.gz", "warc"])
def test_warc_response_records_of_html_pages_become_documents(packed):
    name = "crawl.warc.gz" if packed else "crawl.warc"
    items = list(read_bytes(warc(CRAWL, packed), name))
    assert [(i.source, type(i).__name__, getattr(i, "type", None)) for i in items] == [
        (f"{name}:1", "Skipped", "warc:warcinfo"),
        (f"{name}:2", "Skipped", "warc:request"),
        (f"{name}:3", "Doc", None),
        (f"{name}:4", "Skipped", "warc:image/png"),
        (f"{name}:5", "Skipped", "warc:http-404"),
        (f"{name}:6", "Skipped", "warc:metadata"),
        (f"{name}:7", "Doc", None),
    ]
    page = items[2]
    assert page.kind == "html" and page.raw == PAGE.encode()
    assert page.url == "https://news.example/a"
    assert page.id.startswith("urn:uuid:")
    assert set(page.extra) == {"warc_date"}


def test_a_warc_cut_short_keeps_the_records_before_the_cut():
    whole = warc(CRAWL, packed=False)
    items = list(read_bytes(whole[: len(whole) - 200], "crawl.warc"))
    assert kinds(items)[-1] == ("crawl.warc", "bad-warc")
    assert items[-1].detail == "cannot read after record 7: record 7 is cut short (truncated)"
    assert sum(isinstance(i, Doc) for i in items) == 1
    packed = warc(CRAWL)
    items = list(read_bytes(packed[: len(packed) - 100], "crawl.warc.gz"))
    assert kinds(items)[-1] == ("crawl.warc.gz", "bad-gzip")
    assert sum(isinstance(i, Doc) for i in items) == 1


def test_bytes_that_are_not_a_warc_are_one_rejection():
    [item] = read_bytes(b"this is not an archive\n" * 3, "crawl.warc")
    assert (item.source, item.reason) == ("crawl.warc", "bad-warc")


def test_a_warc_runs_end_to_end_with_its_urls(tmp_path):
    (tmp_path / "crawl.warc.gz").write_bytes(warc(CRAWL))
    assert run(tmp_path / "crawl.warc.gz", "-o", tmp_path / "out") == 0
    docs = records(tmp_path / "out")
    assert [d["metadata"]["url"] for d in docs] == ["https://news.example/a", "https://news.example/b"]
    assert report(tmp_path / "out")["skipped_by_type"] == {
        "warc:http-404": 1, "warc:image/png": 1, "warc:metadata": 1, "warc:request": 1,
        "warc:warcinfo": 1,
    }  # fmt: skip


# --- Parquet ----------------------------------------------------------------------------------


def parquet(table: dict, path, row_group_size: int = 2) -> None:
    pq.write_table(pa.table(table), path, row_group_size=row_group_size)


def test_parquet_rows_become_documents_by_row_groups(tmp_path):
    parquet(
        {
            "id": ["a", "b", "c"],
            "text": [ARTICLE, None, "Berita ketiga. " + ARTICLE],
            "html": [None, PAGE, None],
            "lang": ["id", "id", "id"],
        },
        tmp_path / "t.parquet",
    )
    items = list(read([tmp_path]))
    assert kinds(items) == [("t.parquet:1", "a"), ("t.parquet:2", "b"), ("t.parquet:3", "c")]
    assert [i.kind for i in items] == ["text", "html", "text"]
    assert items[0].extra == {"lang": "id"}


def test_parquet_without_an_id_column_gives_positional_ids_and_keeps_binary_html(tmp_path):
    parquet({"content": [PAGE.encode("cp1252")], "date": [None]}, tmp_path / "t.parquet")
    [doc] = read([tmp_path], fields=Fields(html="content"))
    assert (doc.id, doc.source, doc.kind, doc.raw) == (
        "t.parquet:1", "t.parquet:1", "html", PAGE.encode("cp1252")
    )  # fmt: skip


def test_parquet_without_the_text_column_is_one_rejection_naming_the_columns(tmp_path):
    parquet({"id": ["a"], "body": ["x"]}, tmp_path / "t.parquet")
    [item] = read([tmp_path])
    assert item == Rejected(
        "t.parquet",
        "bad-record",
        "has no column 'text' or 'html' (columns: id, body); name the text's column with"
        " --text-field or --html-field",
    )


def test_a_parquet_file_cut_short_or_not_parquet_is_one_rejection(tmp_path):
    parquet({"id": ["a", "b"], "text": [ARTICLE, ARTICLE]}, tmp_path / "t.parquet")
    data = (tmp_path / "t.parquet").read_bytes()
    (tmp_path / "t.parquet").write_bytes(data[: len(data) - 30])
    (tmp_path / "u.parquet").write_bytes(b"not parquet at all")
    items = list(read([tmp_path]))
    assert kinds(items) == [("t.parquet", "bad-parquet"), ("u.parquet", "bad-parquet")]


def test_parquet_dates_and_nested_values_go_to_extra_as_json_values(tmp_path):
    import datetime as dt

    parquet(
        {"id": ["a"], "text": [ARTICLE], "crawled": [dt.datetime(2026, 1, 16, 9, 30)],
         "meta": [{"tags": ["x", "y"], "n": 1}]},
        tmp_path / "t.parquet",
    )  # fmt: skip
    [doc] = read([tmp_path])
    assert doc.extra == {"crawled": "2026-01-16T09:30:00", "meta": {"tags": ["x", "y"], "n": 1}}


# --- record fields ----------------------------------------------------------------------------


def test_record_fields_are_mapped_and_given_metadata_is_kept_over_the_page(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    rows = [
        {"uid": 1, "isi_berita": ARTICLE, "headline": "Judul dari data", "byline": "Ana Lee, Budi",
         "tanggal": "2026-01-16 09:30", "link": "https://news.example/1"},
        {"uid": 2, "isi_berita": "Taman\n\n" + ARTICLE, "tanggal": "kemarin sore"},
    ]  # fmt: skip
    (src / "d.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    out = tmp_path / "out"
    flags = ["--id-field", "uid", "--text-field", "isi_berita", "--url-field", "link",
             "--title-field", "headline", "--authors-field", "byline", "--published-field",
             "tanggal"]  # fmt: skip
    assert run(src, "-o", out, *flags) == 0
    first, second = records(out)
    meta = first["metadata"]
    assert (first["id"], meta["url"], meta["title"], meta["authors"], meta["published"]) == (
        "1", "https://news.example/1", "Judul dari data", ["Ana Lee", "Budi"], "2026-01-16T09:30:00"
    )  # fmt: skip
    assert meta["extra"] == {}
    assert second["metadata"]["published"] is None  # an unreadable date is not invented ...
    assert "input.published-unreadable" in second["metadata"]["flags"]  # ... and said
    assert report(out)["settings"]["text_field"] == "isi_berita"


def test_a_record_field_of_the_wrong_type_is_a_bad_record():
    line = json.dumps({"id": "a", "text": ARTICLE, "title": ["not", "text"]}).encode()
    [item] = read_bytes(line, "d.jsonl")
    assert item == Rejected(
        "d.jsonl:1", "bad-record", "'title' (title) must be a string, not list", "a"
    )


# --- standard input ---------------------------------------------------------------------------


def FakeStdin(data: bytes) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BufferedReader(io.BytesIO(data)))


@pytest.mark.parametrize(
    ("data", "ids"),
    [
        (jsonl(3), ["r0", "r1", "r2"]),
        (gzip.compress(jsonl(2)), ["r0", "r1"]),
        (zstandard.compress(b"\n  " + jsonl(1)), ["r0"]),
        (ARTICLE.encode(), ["stdin"]),
        (("\ufeff" + PAGE).encode(), ["stdin"]),
    ],
    ids=["jsonl", "jsonl-gz", "jsonl-zst", "text", "html"],
)
def test_standard_input_is_read_by_what_it_holds(tmp_path, monkeypatch, data, ids):
    monkeypatch.setattr(sys, "stdin", FakeStdin(data))
    assert run("-", "-o", tmp_path / "out") == 0
    assert [d["id"] for d in records(tmp_path / "out")] == ids


def test_standard_input_cannot_be_resumed_or_read_twice(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", FakeStdin(jsonl(1)))
    assert main(["run", "-", "-o", str(tmp_path / "out"), "--resume"]) == 2
    assert main(["run", "-", "-", "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "clean: error: -: --resume cannot go on with standard input (its bytes are gone);"
        " save it to a file",
        "clean: error: -: standard input can be read once; name it as one SRC",
    ]


# --- what is never read, and what is bounded ---------------------------------------------------


def test_an_output_folder_inside_the_source_is_never_read(tmp_path):
    src = tmp_path / "d"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE)
    for _ in range(2):
        assert run(src, "-o", src / "out", "--force") == 0
    assert [d["id"] for d in records(src / "out")] == ["a.txt"]
    assert report(src / "out")["rejected"] == 0
    assert run(src, "-o", tmp_path / "elsewhere") == 0  # another run's folder, not OUT
    assert report(tmp_path / "elsewhere")["skipped_by_type"] == {"(clean output folder)": 1}
    assert [d["id"] for d in records(tmp_path / "elsewhere")] == ["a.txt"]


def test_an_input_writes_at_most_so_many_rejections_and_counts_the_rest(tmp_path):
    """A 4 KB .jsonl.gz of broken lines gave two million rejection records."""
    data = gzip.compress(b"x\n" * 1000 + jsonl(1))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "b.jsonl.gz").write_bytes(data)
    assert run(tmp_path / "in", "-o", tmp_path / "out") == 0
    rejected = records(tmp_path / "out", "rejected.jsonl")
    assert len(rejected) == SHOWN_REJECTIONS + 1
    summary = rejected[-1]
    assert summary == {
        "source": "b.jsonl.gz", "id": None, "reason": "invalid-json",
        "detail": f"{1000 - SHOWN_REJECTIONS} more rejections of this input for this reason,"
        f" from b.jsonl.gz:{SHOWN_REJECTIONS + 1} on (Expecting value at column 1); an input's"
        f" first {SHOWN_REJECTIONS} rejections are written one by one",
        "count": 1000 - SHOWN_REJECTIONS,
    }  # fmt: skip
    rep = report(tmp_path / "out")
    assert rep["rejected"] == 1000 and rep["documents"] == 1 and rep["read"] == 1001


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-16", "utf-32-le", "utf-32"])
def test_jsonl_in_utf16_or_utf32_is_read_with_or_without_a_bom(codec):
    text = jsonl(3).decode() + '{"id": "é", "text": "Kafe di Jakarta menjual kopi."}\n'
    items = list(read_bytes(text.encode(codec), "d.jsonl"))
    assert [i.id for i in items] == ["r0", "r1", "r2", "é"]
    assert all(i.repairs and i.repairs[0].startswith("charset:utf-") for i in items)


@pytest.mark.parametrize(
    ("raw", "ids"),
    [
        # a UTF-16 byte order mark before UTF-8 lines: the first line is broken, the rest read
        (b'\xff\xfe{"id": "a", "text": "Isi."}\n{"id": "b", "text": "Isi."}\n', [None, "b"]),
        (b"\n\x00\n", [None]),  # a stray zero byte is no UTF-16: one bad line
        (b'\n\x00{"id": "b", "text": "Isi."}\n', [None]),
    ],
)
def test_jsonl_is_wide_only_where_its_bytes_are(raw, ids):
    """make fuzz found both: an FF FE before UTF-8 was read as UTF-16 (every record lost in
    one rejection), and a zero byte after a blank line made the file UTF-16."""
    items = list(read_bytes(raw, "d.jsonl"))
    assert [getattr(i, "id", None) for i in items] == ids
    assert all(not i.repairs for i in items if isinstance(i, Doc))


def test_file_names_that_would_read_alike_keep_their_own_ids(tmp_path):
    """A name with a literal backslash and one with a byte that is not UTF-8 both read as
    ``caf\\xe9.txt`` once escaped; the second, a good file, was a duplicate-id."""
    folder = bytes(tmp_path)
    (tmp_path / "caf\\xe9.txt").write_text(ARTICLE)
    with open(folder + b"/caf\xe9.txt", "wb") as f:
        f.write(ARTICLE.encode())
    ids = [i.id for i in read([tmp_path])]
    assert sorted(ids) == ["caf\\\\xe9.txt", "caf\\xe9.txt"]


def test_skipped_compressed_files_are_counted_by_their_whole_suffix(tmp_path):
    (tmp_path / "x.tar.gz").write_bytes(gzip.compress(b"x"))
    assert list(read([tmp_path])) == [Skipped("x.tar.gz", ".tar.gz")]


def test_the_streaming_step_reads_records_by_the_fields_named():
    from clean import clean_documents

    rows = [{"uid": "a", "body": ARTICLE, "headline": "Judul"}]
    fields = Fields(id="uid", text="body", title="headline")
    [doc] = clean_documents(rows, fields=fields)
    assert (doc["id"], doc["metadata"]["title"]) == ("a", "Judul")


def test_a_shell_pipeline_reads_stdin_and_writes_the_documents_to_stdout(tmp_path):
    """``zcat x.jsonl.gz | clean run - -o - | jq ...``: the documents on standard output, the
    report and rejections in a folder the summary names."""
    import re
    import subprocess

    data = gzip.compress(jsonl(2) + b"not json\n")
    done = subprocess.run(
        [sys.executable, "-m", "clean", "run", "-", "-o", "-", "-j", "1"],
        input=data, capture_output=True, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    docs = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [d["id"] for d in docs] == ["r0", "r1"]
    summary = done.stderr.decode()
    assert "documents        2   → standard output" in summary
    folder = re.search(r"rejected +1 +→ (\S+)/rejected\.jsonl", summary)[1]
    assert [r["reason"] for r in records(Path(folder), "rejected.jsonl")] == ["invalid-json"]
    assert report(Path(folder))["documents"] == 2
