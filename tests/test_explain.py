"""``clean explain``: lines marked kept or removed, metadata, the duplicate cluster of a run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clean.cli import main
from clean.explain import align, kept_text, render_text, trace
from clean.read import read_file
from clean.rules import bundled_rules_dir, load_rules

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
KOMPAS = SEEDS / "003_e9dbd6ffd908c287.txt"


@pytest.fixture(scope="module")
def rules():
    return load_rules([bundled_rules_dir()])


@pytest.fixture(scope="module")
def seeds_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "out"
    assert main(["run", str(SEEDS), "-o", str(out), "--quiet"]) == 0
    return out


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.iterdir()))
def test_marked_lines_leave_exactly_the_clean_text(rules, seed):
    [doc] = read_file(SEEDS / seed, seed)
    ex = trace(doc, rules)
    assert kept_text(ex.lines) == ex.result.text
    removed = [x for x in ex.lines if x.rule or x.spans]
    assert len([x for x in ex.lines if x.rule]) == ex.result.counts.lines_removed
    assert {r for x in removed for r in [x.rule, *(s[0] for s in x.spans)] if r} == {
        r.rule for r in ex.result.removed
    }


def test_explain_prints_plain_markers_off_a_terminal(capsys):
    assert main(["explain", str(KOMPAS)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        "== 003_e9dbd6ffd908c287.txt  (66 lines removed by 11 rules; site kompas.com; kept 215 words)"
    )
    assert out[1] == "- [kompas.ad-free] Baca berita tanpa iklan. Gabung Kompas.com+"
    assert "- [kompas.author] Aditya Jaya Iswara" in out
    assert "- [kompas.latest] Terkini Lainnya" in out
    assert "- [kompas.latest] Login untuk memaksimalkan pengalaman mengakses Kompas.com" in out
    assert any(
        line.startswith("~ [kompas.dateline] «DUSHANBE, KOMPAS.com -» Lebih dari 1.000")
        for line in out
    )
    assert "  Hal tersebut disampaikan komite keamanan nasional Tajikistan, dikutip dari AFP." in out
    assert "  authors    Aditya Jaya Iswara" in out
    assert "  published  2021-07-05T14:54:00+07:00" in out
    assert "\x1b[" not in "\n".join(out)


def test_colour_marks_removed_lines_by_rule(rules):
    [doc] = read_file(KOMPAS, KOMPAS.name)
    lines = render_text(trace(doc, rules), colour=True)
    assert lines[1].startswith("\x1b[31m- [kompas.ad-free]") and lines[1].endswith("\x1b[0m")
    assert any("\x1b[9m" in line and "DUSHANBE" in line for line in lines)


def test_explain_shows_the_cluster_of_a_finished_run(seeds_out, capsys):
    assert main(["explain", str(SEEDS / "000_812810cdd5f3681e.txt"), "-o", str(seeds_out)]) == 0
    out = capsys.readouterr().out
    assert out.endswith(
        "duplicates\n"
        "  cluster da6d92565975 (2 documents)\n"
        "    001_bb4a5094ef9681cd.txt  representative  0.8920\n"
        "    000_812810cdd5f3681e.txt  rewrite         0.8920  ← this document\n"
    )
    assert main(["explain", str(SEEDS / "002_bbfb8bb6227c2a53.txt"), "-o", str(seeds_out)]) == 0
    assert capsys.readouterr().out.endswith(
        "duplicates\n  none: the run found no duplicate of this document\n"
    )


def test_explain_json(seeds_out, capsys):
    assert main(["explain", str(KOMPAS), "--json", "-o", str(seeds_out)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["id"] == "003_e9dbd6ffd908c287.txt"
    assert data["rejected"] is None
    assert data["lines"][0] == {
        "line": 1,
        "text": "Baca berita tanpa iklan. Gabung Kompas.com+",
        "removed_by": "kompas.ad-free",
        "trimmed": [],
    }
    assert data["record"]["metadata"]["site"] == "kompas.com"
    assert data["duplicates"] == {"id": data["id"], "in_run": True, "cluster": None, "members": []}


def test_explain_jsonl_by_line_and_id(tmp_path, capsys):
    f = tmp_path / "in.jsonl"
    f.write_text(
        json.dumps({"id": "a", "text": "Isi berita yang cukup panjang untuk dibaca orang.\nShare"})
        + "\n"
        + json.dumps({"id": "b", "text": "Share"})
        + "\n",
        encoding="utf-8",
    )
    assert main(["explain", f"{f}:2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "== b  (rejected: no-text-left: every line was removed as chrome (1 lines))\n"
        "- [generic.share] Share\n"
    )
    assert main(["explain", str(f), "--id", "a"]) == 0
    assert "- [generic.share] Share" in capsys.readouterr().out
    assert main(["explain", str(f)]) == 0
    assert capsys.readouterr().out.count("== ") == 2
    assert main(["explain", str(f), "--id", "zz"]) == 2
    assert capsys.readouterr().err == f"clean: error: {f}: no record with id 'zz'\n"


def test_explain_errors(tmp_path, capsys):
    assert main(["explain", str(tmp_path / "nope.txt")]) == 2
    assert capsys.readouterr().err == f"clean: error: {tmp_path / 'nope.txt'}: no such file or folder\n"
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    assert main(["explain", str(tmp_path / "a.pdf")]) == 2
    assert "not an input type (.pdf)" in capsys.readouterr().err
    assert main(["explain", str(KOMPAS), "-o", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"clean: error: {tmp_path}: no documents.jsonl or documents.parquet here; --output takes"
        " the folder of a finished run\n"
    )


def test_run_marks_read_from_documents_and_duplicates(tmp_path):
    from clean.read import read_run_marks
    from clean.records import dumps

    mark = {"cluster": "c1", "representative": "a", "relation": "near", "similarity": 0.9}
    rows = [
        {"id": "a", "text": "x", "metadata": {"duplicate": mark, "extra": {}}},
        {"id": "b", "text": '"duplicate": {"cluster"', "metadata": {"duplicate": None, "extra": {}}},
        {"id": "c", "text": "y", "metadata": {"duplicate": None, "extra": {"duplicate": None}}},
    ]
    (tmp_path / "documents.jsonl").write_text("".join(dumps(r) + "\n" for r in rows), encoding="utf-8")
    dropped = {"id": "d", "text": "z", "metadata": {"duplicate": {**mark, "similarity": 0.8}}}
    (tmp_path / "duplicates.jsonl").write_text(dumps(dropped) + "\n", encoding="utf-8")
    marks, ids = read_run_marks(tmp_path)
    assert ids == {"a", "b", "c", "d"}
    assert marks == {"a": mark, "d": {**mark, "similarity": 0.8}}


SEED_LINES = sorted(
    {line for p in SEEDS.iterdir() for line in p.read_text(encoding="utf-8").split("\n")}
    | {"Penulis", "Oke", "Bagikan artikel ini melalui", "Isi. [jm/em]", "Terkini Lainnya", ""}
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(SEED_LINES), min_size=1, max_size=40))
def test_marks_leave_the_stripped_text_for_any_mix_of_seed_lines(rules, lines):
    """Removals (drops, trims, runs, titles, metadata) line up with the text they came from."""
    from clean.records import Found
    from clean.strip import strip

    text = "\n".join(lines).strip("\n")
    for selected in (rules.select(None, text)[1], rules.select("kompas.com", text)[1]):
        s = strip(text, selected, Found())
        marked = align(text, s.removed)
        assert kept_text(marked) == s.text
        assert sum(1 for x in marked if x.rule) == s.lines_removed
        kept = [line for line in s.text.split("\n") if line]
        for r in s.removed:  # `kept` places each removal between the right output lines
            above = [x for x in marked[: r.line] if x.rule is None and x.text]
            assert r.kept == len(above) <= len(kept)
