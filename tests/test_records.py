"""The record's one owner (clean.records): a document and its report row to their serialised
form and back, byte for byte, and a record of another shape refused by name."""

import json
from pathlib import Path

import pytest

from clean.cli import main
from clean.records import Document, RecordError, Row, dumps, record_id

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def run_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("records") / "out"
    assert main(["run", str(SEEDS), "-o", str(out), "-q", "-j", "1"]) == 0
    return out


def test_every_output_record_reads_back_to_the_same_bytes(run_out):
    lines = (run_out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines
    for line in lines:
        doc = Document.from_json(json.loads(line))
        assert dumps(doc.as_json()) == line
        assert record_id(line) == doc.id


def test_a_row_reads_back_as_written():
    row = Row("a", "Judul", "kompas.com", "id", 120, 3, "2024-01-02",
              (("kompas.read-also", 2, 1, "Baca juga: x"),), "Teks.")  # fmt: skip
    assert Row.from_json(json.loads(json.dumps(row.as_json()))) == row
    eight = row.as_json()[:8]  # a row written before its text was added
    assert Row.from_json(eight).text is None


def _record(run_out):
    return json.loads((run_out / "documents.jsonl").read_text(encoding="utf-8").split("\n")[0])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r.pop("metadata"), "a document has no metadata"),
        (lambda r: r["metadata"].pop("counts"), "a document's metadata has no counts"),
        (lambda r: r.update(id=5), "a document's id is not a string"),
        (lambda r: r["metadata"].update(authors="A B"), "metadata.authors is not a list"),
        (lambda r: r["metadata"]["counts"].update(words=-1), "counts.words is not a count"),
        (lambda r: r["metadata"].update(removed=[{"rule": "x"}]), "a removal has no text"),
        (lambda r: r["metadata"].update(language_score="high"), "language_score is not a number"),
        (lambda r: r["metadata"].update(duplicate=[]), "metadata.duplicate is not a mapping"),
    ],
)
def test_a_record_of_another_shape_is_refused_by_name(run_out, change, message):
    record = _record(run_out)
    change(record)
    with pytest.raises(RecordError, match=message):
        Document.from_json(record)


def test_a_line_not_written_by_dumps_has_no_quick_id():
    assert record_id('{"text": "x", "id": "a"}') is None
    assert record_id('{"id": 5, "text": "x"}') is None
    assert record_id(dumps({"id": "a\u2028b", "text": "x"})) == "a\u2028b"


def test_explain_reads_the_clusters_of_a_parquet_run(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["run", str(SEEDS), "-o", str(out), "-q", "--output-format", "parquet"]) == 0
    seed = SEEDS / "000_812810cdd5f3681e.txt"
    assert main(["explain", str(seed), "-o", str(out)]) == 0
    assert "← this document" in capsys.readouterr().out


def test_explain_names_a_broken_output_file(tmp_path, capsys):
    (tmp_path / "documents.jsonl").write_text('{"id": "a"}\nnot json\n', encoding="utf-8")
    seed = SEEDS / "000_812810cdd5f3681e.txt"
    assert main(["explain", str(seed), "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "documents.jsonl: line 1 is not a record of a run" in err and err.count("\n") == 1
