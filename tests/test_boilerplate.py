"""Site boilerplate learnt within a run (clean.boilerplate) and its place in `clean run`."""

from __future__ import annotations

import json

import pytest
import yaml

from clean.boilerplate import (
    BoilerplateConfig,
    SiteLines,
    apply,
    apply_document,
    apply_record,
    key_of,
)
from clean.cli import main
from clean.rules import load_rules

PROMO = "Artikel ini telah tayang di Warta Dunia dan isinya menjadi tanggung jawab redaksi sepenuhnya."
WIRE = "Taliban menguasai perbatasan utara Afghanistan pada Senin malam, kata pejabat."


def body(n: int) -> str:
    return (
        f"Berita nomor {n}: pemerintah daerah membuka {n + 3} sekolah baru di kecamatan "
        f"yang jauh dari kota, kata kepala dinas pendidikan kepada wartawan pada hari Senin."
    )


def test_learns_lines_seen_in_enough_documents_of_one_site():
    lines = SiteLines(BoilerplateConfig(min_documents=3, min_share=0.5))
    for n in range(6):
        lines.observe("warta.id", f"{body(n)}\n{PROMO}\n{PROMO}")  # twice in one: counted once
    lines.observe("warta.id", body(99))
    learned = lines.learned()
    assert learned == {"warta.id": {key_of(PROMO): 6}}


def test_never_across_sites():
    lines = SiteLines(BoilerplateConfig(min_documents=3, min_share=0.3))
    for n, site in enumerate(["a.id", "b.id", "c.id", "d.id", "e.id", "f.id"]):
        lines.observe(site, f"{body(n)}\n{WIRE}")  # wire copy in six outlets, once each
    assert lines.learned() == {}


def test_memory_is_bounded_and_boilerplate_survives_pruning():
    lines = SiteLines(BoilerplateConfig(min_documents=5, min_share=0.5, max_keys=100))
    for n in range(200):
        lines.observe("warta.id", f"{body(n)}\nbaris unik {n} lagi\n{PROMO}")
        assert len(lines.counts["warta.id"]) <= 100
    assert key_of(PROMO) in lines.learned()["warta.id"]


def test_merge_of_two_shards_equals_one_pass():
    one, a, b = SiteLines(), SiteLines(), SiteLines()
    for n in range(10):
        text = f"{body(n)}\n{PROMO}"
        one.observe("warta.id", text)
        (a if n % 2 else b).observe("warta.id", text)
    a.merge(b)
    assert a.learned() == one.learned()


def test_apply_never_empties_a_document():
    keys = {key_of(PROMO)}
    assert apply(f"{body(1)}\n\n{PROMO}", keys) == (body(1), [PROMO])
    assert apply(PROMO, keys) == (PROMO, [])


def test_apply_document_updates_counts_removals_and_the_row():
    from clean.records import Counts, Document, Removal, Row

    doc = Document(
        id="1", text=f"Home\n{body(1)}\n{PROMO}"[5:], source="1.txt", url=None, title=None,
        published=None, authors=(), site="warta.id", wire=(), dateline=None, language=None,
        language_score=None, counts=Counts(0, 0, 2), encoding="utf-8", repairs=(),
        removed=(Removal("generic.prompt", "Home", kept=0),), extra={},
    )  # fmt: skip
    row = Row.of(doc)
    new, new_row, removed = apply_document(doc, row, {"warta.id": {key_of(PROMO): 5}})
    assert removed == [PROMO] and new.text == body(1)
    assert new.counts.lines_removed == 3 and new.counts.chars == len(body(1))
    assert new.as_json()["metadata"]["removed"][-1] == {
        "rule": "generic.site-boilerplate",
        "text": PROMO,
    }
    assert doc.text.endswith(PROMO)  # the input document is not changed
    # the row shows the new removal in place, below the body's lines, and the new counts
    assert new_row.removals[-1] == ("generic.site-boilerplate", body(1).count("\n") + 1, 1, PROMO)
    assert (new_row.words, new_row.lines_removed) == (new.counts.words, 3)
    # a document of a site that learned nothing comes back as it was
    assert apply_document(doc, row, {"other.id": {key_of(PROMO): 5}}) == (doc, row, [])


def test_apply_record_is_apply_document_on_a_library_record():
    from clean.pipeline import clean_documents

    text = f"{body(1)}\n{PROMO}"
    (record,) = clean_documents([{"id": "1", "text": text, "url": "https://warta.id/a"}])
    site = record["metadata"]["site"]
    new, removed = apply_record(record, {site: {key_of(PROMO): 5}})
    assert removed == [PROMO] and new["text"] == body(1)
    assert new["metadata"]["removed"][-1] == {"rule": "generic.site-boilerplate", "text": PROMO}
    assert record["text"].endswith(PROMO)  # the input record is not changed
    assert apply_record(record, {}) == (record, [])


@pytest.mark.parametrize("bad", [{"min_documents": 1}, {"min_share": 0}, {"max_keys": 5}])
def test_config_is_range_checked(bad):
    with pytest.raises(ValueError):
        BoilerplateConfig(**bad)


def test_run_removes_and_reports_learned_lines_per_folder(tmp_path):
    src = tmp_path / "src" / "warta"
    src.mkdir(parents=True)
    for n in range(6):
        (src / f"{n}.txt").write_text(f"{body(n)}\n\n{body(n + 50)}\n\n{PROMO}\n", "utf-8")
    out = tmp_path / "out"
    assert main(["run", str(tmp_path / "src"), "-o", str(out), "--quiet"]) == 0
    docs = [json.loads(x) for x in (out / "documents.jsonl").read_text("utf-8").splitlines()]
    assert all(PROMO not in d["text"] for d in docs)
    assert all(
        {"rule": "generic.site-boilerplate", "text": PROMO} in d["metadata"]["removed"]
        for d in docs
    )
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert report["boilerplate"] == {
        "dir:warta": {"documents": 6, "lines": [{"text": PROMO, "documents": 6}]}
    }
    assert report["removals_by_rule"]["generic.site-boilerplate"] == 6
    rule_path = out / "learned-rules" / "warta.yaml"
    rules = yaml.safe_load(rule_path.read_text("utf-8"))
    assert rules["rules"][0]["line"] == PROMO
    (loaded,) = load_rules([rule_path], bundled=False).files  # a user can drop it into rules/ as it is
    assert loaded.site == "dir:warta" and loaded.applies(None, f"x\n{PROMO}\ny")


def test_run_without_boilerplate_keeps_the_lines(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for n in range(6):
        (src / f"{n}.txt").write_text(f"{body(n)}\n\n{body(n + 50)}\n\n{PROMO}\n", "utf-8")
    out = tmp_path / "out"
    assert main(["run", str(src), "-o", str(out), "--quiet", "--no-boilerplate"]) == 0
    docs = [json.loads(x) for x in (out / "documents.jsonl").read_text("utf-8").splitlines()]
    assert all(PROMO in d["text"] for d in docs)
    assert not (out / "learned-rules").exists()
