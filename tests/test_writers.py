"""The output formats (issue 21): Parquet output holds the same records as the JSONL output."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import clean.writers.parquet
from clean.cli import main
from clean.writers.parquet import read_records
from tests.runs import records, run

ROOT = Path(__file__).resolve().parent.parent


def corpus(folder: Path) -> Path:
    """The seeds (a duplicate cluster among them), a JSONL record with fields of its own and
    given metadata, and a rejected line."""
    shutil.copytree(ROOT / "seeds", folder)
    text = (ROOT / "seeds" / "003_e9dbd6ffd908c287.txt").read_text(encoding="utf-8")
    lines = [
        json.dumps({"id": "j1", "text": text.replace("Taliban", "Taliban."), "title": "Judul",
                    "tags": ["a", {"b": 1}], "score": 0.5, "seen": None}),
        "not json",
    ]  # fmt: skip
    (folder / "more.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """One corpus run twice, as JSONL and as Parquet."""
    tmp = tmp_path_factory.mktemp("writers")
    src = corpus(tmp / "in")
    outs = {}
    for fmt in ("jsonl", "parquet"):
        outs[fmt] = tmp / fmt
        args = ("--drop-duplicates", "--output-format", fmt, "-j", "1")
        assert run(src, "-o", outs[fmt], *args) == 0
    return outs


@pytest.mark.parametrize("kind", ["documents", "duplicates", "rejected"])
def test_parquet_output_reads_back_into_the_jsonl_records(both, kind):
    want = records(both["jsonl"], f"{kind}.jsonl")
    assert want  # each file holds something: the comparison cannot pass empty
    assert read_records(both["parquet"] / f"{kind}.parquet") == want
    assert not (both["parquet"] / f"{kind}.jsonl").exists()


def test_parquet_output_is_typed_nested_and_zstd(both):
    f = pq.ParquetFile(both["parquet"] / "documents.parquet")
    meta = f.schema_arrow.field("metadata").type
    assert str(meta.field("counts").type) == "struct<chars: int64, words: int64, lines_removed: int64>"
    assert str(meta.field("authors").type) == "list<element: string>"
    assert str(meta.field("duplicate").type).startswith("struct<cluster: string")
    assert f.metadata.row_group(0).column(0).compression == "ZSTD"


def test_hugging_face_datasets_reads_the_parquet_output(both):
    datasets = pytest.importorskip("datasets")  # the interop extra, installed by make test
    path = str(both["parquet"] / "documents.parquet")
    loaded = datasets.load_dataset("parquet", data_files=path, split="train")
    want = records(both["jsonl"])
    assert loaded["id"] == [r["id"] for r in want]
    assert loaded["text"] == [r["text"] for r in want]
    assert [m["title"] for m in loaded["metadata"]] == [r["metadata"]["title"] for r in want]


def test_row_groups_are_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(clean.writers.parquet, "ROWS_PER_GROUP", 2)
    assert run(ROOT / "seeds", "-o", tmp_path / "out", "--output-format", "parquet", "-j", "1") == 0
    f = pq.ParquetFile(tmp_path / "out" / "documents.parquet")
    assert (f.metadata.num_rows, f.metadata.num_row_groups) == (5, 3)


def test_a_record_field_the_schema_lacks_is_an_error_not_a_silent_loss(tmp_path):
    record = json.loads((ROOT / "golden" / "003_e9dbd6ffd908c287.json").read_text("utf-8"))
    record["metadata"]["mood"] = "happy"
    with open(tmp_path / "x.parquet", "wb") as f:
        writer = clean.writers.parquet.ParquetWriter(f, "documents")
        with pytest.raises(ValueError, match=r"no column for metadata \['mood'\]"):
            writer.write(record)
        writer.close()


def test_standard_output_takes_jsonl_only(tmp_path, capsys):
    assert main(["run", str(ROOT / "seeds"), "-o", "-", "--output-format", "parquet"]) == 2
    assert capsys.readouterr().err == (
        "clean: error: -o - writes JSONL to standard output; --output-format needs a folder\n"
    )
