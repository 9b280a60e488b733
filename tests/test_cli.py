"""``clean run`` end to end, in-process through ``main(argv)``, plus one console-script smoke test."""

from __future__ import annotations

import gzip
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from clean import clean_documents
from clean.cli import main
from clean.rules import bundled_rules_dir
from tests.runs import records, report, run

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEEDS = ROOT / "seeds"

ARTICLE = (
    "Presiden mengatakan “kami siap” — kata pejabat di Jakarta, Senin.\n"
    "Pemerintah akan membangun 1.200 rumah baru untuk warga yang terdampak banjir tahun ini.\n"
    "Menurut dia, café dan restoran di kawasan itu juga menerima bantuan à la carte dari pemerintah daerah.\n"
)


def test_seeds_run_accounts_for_every_input(tmp_path):
    out = tmp_path / "out"
    assert run(SEEDS, "-o", out) == 0
    rep = report(out)
    assert (rep["read"], rep["documents"], rep["rejected"], rep["skipped"]) == (5, 5, 0, 0)
    assert rep["languages"] == {"id": 5}
    assert rep["removals_by_rule"]["kompas.read-also"] == 3
    assert rep["rules"]["files"] == {"rules/kompas.com.yaml": 2, "rules/generic.yaml": 4}
    assert [r["id"] for r in records(out)] == sorted(p.name for p in SEEDS.iterdir())
    assert (out / "rejected.jsonl").read_text() == ""
    assert not list(out.glob(".*partial"))


def test_summary_goes_to_stderr(tmp_path, capsys):
    assert main(["run", str(SEEDS), "-o", str(tmp_path / "out")]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "read 5 inputs" in captured.err
    assert "documents        5" in captured.err


def test_output_of_earlier_run_is_refused_without_force(tmp_path, capsys):
    out = tmp_path / "out"
    assert run(SEEDS, "-o", out) == 0
    before = (out / "documents.jsonl").read_bytes()
    assert run(SEEDS, "-o", out) == 2
    assert capsys.readouterr().err == (
        f"clean: error: {out}: holds the output of an earlier run; pass --force to overwrite it\n"
    )
    assert (out / "documents.jsonl").read_bytes() == before
    assert run(SEEDS, "-o", out, "--force") == 0
    assert (out / "documents.jsonl").read_bytes() == before


def test_missing_source_is_an_error(tmp_path, capsys):
    assert run(tmp_path / "nope", "-o", tmp_path / "out") == 2
    assert capsys.readouterr().err == f"clean: error: {tmp_path / 'nope'}: no such file or folder\n"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "version: 1\nrules: [\n",
            "{f}: invalid YAML: expected the node content, but found '<stream end>' at line 3, column 1",
        ),
        (
            "version: 1\nrules:\n  - id: x.a\n    action: drop\n    line: A\n    colour: red\n",
            "{f}: rules[0] (x.a): unknown key 'colour'",
        ),
        (
            "version: 1\nrules:\n  - action: drop\n    line: A\n",
            "{f}: rules[0]: missing required key 'id'",
        ),
        (
            "version: 1\nrules:\n  - id: x.a\n    action: drop\n    pattern: '(Baca'\n",
            "{f}: rules[0] (x.a).pattern: missing ), unterminated subpattern at position 0",
        ),
        (
            "version: 1\nrules:\n  - id: x.a\n    action: delete\n    line: A\n",
            "{f}: rules[0] (x.a).action: must be one of drop, trim, cut, block, meta, repeated, title, not 'delete'",
        ),
        ("rules: []\n", "{f}: missing required key 'version'"),
        (
            "version: 1\nrules:\n  - id: x.a\n    action: block\n    line: A\n",
            "{f}: rules[0] (x.a).end: action block needs an 'end' pattern",
        ),
    ],
    ids=[
        "yaml",
        "unknown-key",
        "missing-id",
        "bad-regex",
        "bad-action",
        "no-version",
        "block-no-end",
    ],
)
def test_bad_rule_file_stops_run_before_output(tmp_path, capsys, content, message):
    rules = tmp_path / "rules"
    rules.mkdir()
    bad = rules / "bad.yaml"
    bad.write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    assert run(SEEDS, "-o", out, "--rules", rules) == 2
    assert capsys.readouterr().err == f"clean: error: {message.format(f=bad.as_posix())}\n"
    assert not out.exists()


def test_every_rule_problem_is_reported_at_once(tmp_path, capsys):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "a.yaml").write_text(
        "version: 0\nrules:\n  - id: A\n    action: drop\n", encoding="utf-8"
    )
    (rules / "b.yaml").write_text(
        "version: 1\nrules:\n  - id: kompas.latest\n    action: repeated\n", encoding="utf-8"
    )
    assert run(SEEDS, "-o", tmp_path / "out", "--rules", rules) == 2
    err = capsys.readouterr().err.splitlines()
    a, b = (rules / "a.yaml").as_posix(), (rules / "b.yaml").as_posix()
    assert err == [
        f"clean: error: {a}: version: must be a whole number >= 1, not 0",
        f"clean: error: {a}: rules[0].id: must be lower-case letters, digits and . _ -, not 'A'",
        f"clean: error: {a}: rules[0]: needs exactly one of line, prefix, pattern (has 0)",
        f"clean: error: {b}: rule id 'kompas.latest' is also used in {(bundled_rules_dir() / 'kompas.com.yaml').as_posix()}",
    ]


def test_html_page_is_extracted_then_stripped(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(DATA / "kompas_page.html", src / "page.html")
    out = tmp_path / "out"
    assert run(src, "-o", out) == 0
    [doc] = records(out)
    meta = doc["metadata"]
    assert doc["text"].startswith("Lebih dari 1.000 tentara Afghanistan melarikan diri")
    assert "Baca juga" not in doc["text"] and "Kalah Bentrok" not in doc["text"]
    assert "Hamas Rilis Video" not in doc["text"] and "Home" not in doc["text"]
    assert (
        meta["title"]
        == "Kalah Bentrok dengan Taliban, 1.000 Tentara Afghanistan Lari ke Tajikistan"
    )
    assert meta["authors"] == ["Aditya Jaya Iswara"]
    assert meta["published"] == "2021-07-05"
    assert meta["site"] == "kompas.com"
    assert (
        meta["url"]
        == "https://internasional.kompas.com/read/2021/07/05/145400070/kalah-bentrok-dengan-taliban"
    )
    assert meta["dateline"] == "DUSHANBE"
    assert meta["wire"] == ["AFP"]
    assert meta["language"] == "id"
    assert {
        "rule": "kompas.read-also",
        "text": "Baca juga: Taliban Ancam Pasukan Asing yang Tak Hengkang dari Afghanistan Sesuai Kesepakatan",
    } in meta["removed"]


def jsonl_lines() -> list[str]:
    page = (DATA / "kompas_page.html").read_text(encoding="utf-8")
    return [
        json.dumps(
            {
                "id": "a-1",
                "text": "Baca juga: Lain\n" + ARTICLE,
                "url": "https://www.kompas.com/x",
                "lang_hint": "id",
                "tags": ["x"],
            }
        ),
        "",
        json.dumps({"id": 7, "html": page}),
        "{not json",
        json.dumps({"text": "no id"}),
        json.dumps({"id": "b", "title": "neither text nor html"}),
        json.dumps({"id": "a-1", "text": ARTICLE}),
    ]


@pytest.mark.parametrize("gz", [False, True], ids=["jsonl", "jsonl.gz"])
def test_jsonl_records(tmp_path, gz):
    src = tmp_path / "in"
    src.mkdir()
    body = ("\n".join(jsonl_lines()) + "\n").encode()
    name = "batch.jsonl.gz" if gz else "batch.jsonl"
    (src / name).write_bytes(gzip.compress(body, mtime=0) if gz else body)
    out = tmp_path / "out"
    assert run(src, "-o", out) == 0
    docs = records(out)
    assert [d["id"] for d in docs] == ["a-1", "7"]
    first = docs[0]
    assert first["text"] == ARTICLE.strip()
    assert first["metadata"]["source"] == f"{name}:1"
    assert first["metadata"]["url"] == "https://www.kompas.com/x"
    assert first["metadata"]["site"] == "kompas.com"
    assert first["metadata"]["extra"] == {"lang_hint": "id", "tags": ["x"]}
    assert first["metadata"]["removed"] == [{"rule": "kompas.read-also", "text": "Baca juga: Lain"}]
    assert docs[1]["metadata"]["title"].startswith("Kalah Bentrok")
    assert [(r["source"], r["reason"]) for r in records(out, "rejected.jsonl")] == [
        (f"{name}:4", "invalid-json"),
        (f"{name}:5", "bad-record"),
        (f"{name}:6", "bad-record"),
        (f"{name}:7", "duplicate-id"),
    ]
    rep = report(out)
    assert rep["read"] == 6 == rep["documents"] + rep["rejected"] + rep["skipped"]
    assert rep["rejected_by_reason"] == {"bad-record": 2, "duplicate-id": 1, "invalid-json": 1}


def as_windows_1252(data: bytes) -> str:
    """Bytes read as a browser reads windows-1252: its five undefined bytes become C1 controls."""
    return "".join(
        chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252") for b in data
    )


def test_encodings_all_clean_to_the_same_text(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    crlf = ARTICLE.replace("\n", "\r\n")
    variants = {
        "utf8.txt": ARTICLE.encode("utf-8"),
        "bom_crlf.txt": b"\xef\xbb\xbf" + crlf.encode("utf-8"),
        "cp1252.txt": ARTICLE.encode("cp1252"),
        "mojibake.txt": as_windows_1252(ARTICLE.encode("utf-8")).encode("utf-8"),
        "utf16.txt": ARTICLE.encode("utf-16"),
    }
    for name, data in variants.items():
        (src / name).write_bytes(data)
    out = tmp_path / "out"
    assert run(src, "-o", out) == 0
    docs = {d["id"]: d for d in records(out)}
    assert set(docs) == set(variants)
    for name, doc in docs.items():
        assert doc["text"] == ARTICLE.strip(), name
    assert docs["cp1252.txt"]["metadata"]["encoding"] == "cp1252"
    assert docs["cp1252.txt"]["metadata"]["repairs"] == ["charset:cp1252"]
    assert docs["mojibake.txt"]["metadata"]["repairs"] == ["mojibake"]
    assert docs["bom_crlf.txt"]["metadata"]["repairs"] == ["bom", "newlines"]
    assert docs["utf16.txt"]["metadata"]["encoding"] == "utf-16-le"


def test_bad_inputs_are_rejected_or_skipped_and_counted(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "empty.txt").write_bytes(b"")
    (src / "blank.txt").write_bytes(b"  \n\n \t\n")
    (src / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (src / "only-chrome.txt").write_text(
        "Bagikan artikel ini melalui\nNo comments:\n", encoding="utf-8"
    )
    (src / "picture.png").write_bytes(b"\x89PNG")
    (src / "sub" / "doc.pdf").write_bytes(b"%PDF-1.4")
    (src / "sub" / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    assert run(src, "-o", out) == 0
    assert [d["id"] for d in records(out)] == ["sub/ok.txt"]
    assert [(r["source"], r["reason"], r["detail"]) for r in records(out, "rejected.jsonl")] == [
        ("binary.txt", "binary", "is a PNG file, not text"),
        ("blank.txt", "empty", "file holds only white space"),
        ("empty.txt", "empty", "file is empty"),
        ("only-chrome.txt", "no-text-left", "every line was removed as chrome (2 lines)"),
    ]
    rep = report(out)
    assert (rep["read"], rep["documents"], rep["rejected"], rep["skipped"]) == (7, 1, 4, 2)
    assert rep["skipped_by_type"] == {".pdf": 1, ".png": 1}
    assert run(src, "-o", tmp_path / "strict", "--strict") == 1


def test_output_folder_inside_source_is_not_read(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert run(src, "-o", src / "out") == 0
    assert run(src, "-o", src / "out", "--force") == 0
    assert report(src / "out")["read"] == 1


def test_same_input_same_bytes_whatever_the_creation_order(tmp_path):
    outputs = []
    for n, order in enumerate([sorted(SEEDS.iterdir()), sorted(SEEDS.iterdir(), reverse=True)]):
        src = tmp_path / f"in{n}"
        src.mkdir()
        for p in order:
            shutil.copy(p, src / p.name)
        out = tmp_path / f"out{n}"
        assert run(src, "-o", out) == 0
        outputs.append(
            ((out / "documents.jsonl").read_bytes(), (out / "rejected.jsonl").read_bytes())
        )
    assert outputs[0] == outputs[1]


def test_own_rules_folder_adds_a_site(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "example.org.yaml").write_text(
        "version: 2\nsite: example.org\nmatch:\n  hosts: [example.org]\nrules:\n"
        "  - id: example.promo\n    action: drop\n    prefix: 'PROMO:'\n",
        encoding="utf-8",
    )
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps(
            {
                "id": "1",
                "url": "https://news.example.org/a",
                "text": "PROMO: beli sekarang\n" + ARTICLE,
            }
        )
        + "\n"
    )
    out = tmp_path / "out"
    assert run(src, "-o", out, "--rules", rules) == 0
    [doc] = records(out)
    assert doc["metadata"]["site"] == "example.org"
    assert doc["metadata"]["removed"] == [{"rule": "example.promo", "text": "PROMO: beli sekarang"}]
    assert report(out)["rules"]["files"]["rules/example.org.yaml"] == 2


def test_library_step_streams_records_and_reports_rejections():
    rejected = []
    out = list(
        clean_documents(
            [
                {"id": "x", "text": "Baca juga: Lain\n" + ARTICLE, "url": "https://kompas.com/a"},
                {"id": "y"},
                {"id": "z", "text": ""},
            ],
            on_reject=rejected.append,
        )
    )
    assert [r["id"] for r in out] == ["x"]
    assert out[0]["text"] == ARTICLE.strip()
    assert [(r["id"], r["reason"]) for r in rejected] == [("y", "bad-record"), ("z", "empty")]


def test_console_script_runs(tmp_path):
    script = Path(sys.executable).parent / "clean"
    if not script.exists():
        pytest.skip("console script not installed in this environment")
    out = tmp_path / "out"
    proc = subprocess.run(
        [str(script), "run", str(SEEDS), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "documents        5" in proc.stderr
    assert len(records(out)) == 5
    module = subprocess.run(
        [sys.executable, "-m", "clean", "--version"], capture_output=True, text=True, check=False
    )
    assert module.stdout.strip() == "clean 0.1.0"


class Terminal(io.StringIO):
    """Standard error as a terminal: the status line is drawn on it."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("quiet", [False, True])
def test_status_line_names_each_phase_on_a_terminal_only(tmp_path, monkeypatch, quiet):
    src = tmp_path / "in"
    src.mkdir()
    for n in range(3):
        (src / f"{n}.txt").write_text(ARTICLE * (n + 1), encoding="utf-8")
    shutil.copy(src / "2.txt", src / "copy.txt")
    err = Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    assert main(["run", str(src), "-o", str(tmp_path / "out")] + ["-q"] * quiet) == 0
    shown = err.getvalue()
    phases = ["learning boilerplate: 0/1 sites", "editing and sketching: 0/4 documents",
              "finding candidates", "annotating: 0/4 documents", "committing: 0/4 parts"]
    if quiet:
        assert shown == ""
        return
    assert "4 inputs, 4 documents cleaned\n" in shown
    at = [shown.find("\r  " + phase) for phase in phases]
    assert -1 not in at and at == sorted(at), shown
    # the status line is gone before the summary; a plain stream (not a terminal) gets no line
    assert "\r" not in shown[shown.rindex("\r") + 1 :]
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert main(["run", str(src), "-o", str(tmp_path / "plain")]) == 0
    assert "\r" not in sys.stderr.getvalue()
