"""OUT/report.html: self-contained, bounded, and right when a real browser draws it."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from clean.cli import main
from tests import browser

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ARTIFACTS = ROOT / "tests" / "artifacts"
KOMPAS = "003_e9dbd6ffd908c287.txt"


@pytest.fixture(scope="module")
def seeds_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "out"
    assert main(["run", str(SEEDS), "-o", str(out), "--quiet"]) == 0
    return out


def embedded(page: str, name: str):
    m = re.search(rf'<script type="application/json" id="{name}">(.*?)</script>', page, re.S)
    return json.loads(m.group(1))


def test_report_is_self_contained(seeds_out):
    page = (seeds_out / "report.html").read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    assert not list(seeds_out.glob(".*"))  # no partial files left
    docs = embedded(page, "d-docs")
    assert [d[0] for d in docs] == sorted(p.name for p in SEEDS.iterdir())
    meta = embedded(page, "d-meta")
    [cluster] = meta["clusters"]
    assert cluster[1] == "rewrite"
    assert [(docs[m[0]][0], m[1], m[3]) for m in cluster[2]] == [
        ("001_bb4a5094ef9681cd.txt", "rewrite", 1),
        ("000_812810cdd5f3681e.txt", "rewrite", 0),
    ]


def test_removals_sit_in_place_in_the_clean_text(seeds_out):
    page = (seeds_out / "report.html").read_text(encoding="utf-8")
    docs = {d[0]: d for d in embedded(page, "d-docs")}
    meta = embedded(page, "d-meta")
    kompas = docs[KOMPAS]
    kept = [line for line in kompas[8].split("\n") if line]
    read_also = [r for r in kompas[7] if meta["rules"][r[0]] == "kompas.read-also"]
    first = read_also[0]
    assert meta["strings"][first[3]].startswith("Baca juga: Taliban Ancam")
    assert kept[first[1] - 1].startswith("Milisi Taliban melancarkan")  # the line above it
    assert kept[first[1]].startswith("Serangan Taliban juga berhasil")  # the line below it


def test_a_run_with_nothing_in_it_still_has_a_page(tmp_path):
    (tmp_path / "src").mkdir()
    assert main(["run", str(tmp_path / "src"), "-o", str(tmp_path / "out"), "--quiet"]) == 0
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert embedded(page, "d-docs") == []


needs_chromium = pytest.mark.skipif(
    browser.chromium() is None,
    reason="headless Chromium not installed (Debian: apt-get install chromium chromium-driver; "
    "`make test` does it when run as root)",
)


@needs_chromium
def test_browser_draws_counts_removals_and_the_cluster(seeds_out):
    dom = browser.dump_dom(seeds_out / "report.html", f"#doc={KOMPAS}")
    cards = dict(
        (label, int(n.replace(",", "")))
        for n, label in re.findall(
            r'<div class="n">([\d,]+)</div><div class="l">([^<]+)</div>', dom
        )
    )
    assert cards == {
        "read": 5,
        "documents": 5,
        "duplicates": 2,
        "rejected": 0,
        "skipped": 0,
        "lines removed": 79,
    }
    # The Kompas page is open: its "Baca juga" link is drawn as a removed line with its rule.
    removed = re.findall(r'<div class="ln rm"[^>]*>(.*?)</div>', dom)
    shown = [html.unescape(re.sub(r"<[^>]+>", "|", r)) for r in removed]
    assert any(
        "|kompas.read-also|" in s and "Baca juga: Taliban Ancam Pasukan Asing" in s for s in shown
    )
    assert any("|kompas.latest|" in s and "Terkini Lainnya" in s for s in shown)
    assert re.search(
        r'<span class="span"[^>]*title="kompas.dateline">DUSHANBE, KOMPAS.com -</span>', dom
    )
    assert "Hal tersebut disampaikan komite keamanan nasional Tajikistan" in dom
    # The 000/001 cluster, with relation and similarity.
    row = re.search(r'<tr id="cluster-da6d92565975">(.*?)</tr>', dom).group(1)
    assert "001_bb4a5094ef9681cd.txt" in row and "representative" in row
    assert re.search(r"000_812810cdd5f3681e.txt</a> <span[^>]*>rewrite</span> 0.892", row)
    browser.screenshot(seeds_out / "report.html", ARTIFACTS / "report.png", f"#doc={KOMPAS}")
    assert (ARTIFACTS / "report.png").stat().st_size > 10_000


@needs_chromium
def test_browser_filter_by_rule(seeds_out):
    dom = browser.dump_dom(seeds_out / "report.html", "#q=rule:kompas.read-also")
    rows = re.findall(r'<tr class="doc[^"]*" data-i="\d+"><td><div class="id">([^<]+)</div>', dom)
    assert rows == [KOMPAS]
    assert "1 of 5 documents match" in dom


HOSTILE_TEXTS = ("<!--", "</script>", "<script>", "<!-- <script>", "<\\!--", "</SCRIPT >",
                 "-->", "\\u003c")  # fmt: skip


@pytest.fixture(scope="module")
def hostile_out(tmp_path_factory):
    """A run whose ids, titles, texts and removals hold what ends or bends a <script>."""
    root = tmp_path_factory.mktemp("hostile")
    src = root / "in"
    src.mkdir()
    body = "Warga kota menerima bantuan pemerintah daerah pada pekan lalu, kata pejabat."
    for n, bad in enumerate(HOSTILE_TEXTS):
        text = (f"Judul berita {bad} hari ini\n\n{body} Isi {bad} berita ke-{n}.\n\n"
                f"Baca juga: {bad} lain\n")  # fmt: skip
        (src / f"d{n}{bad.replace('/', '')}.txt").write_text(text, encoding="utf-8")
    assert main(["run", str(src), "-o", str(root / "out"), "--quiet", "--no-dedup"]) == 0
    return root / "out"


def test_the_embedded_data_is_json_whatever_the_documents_hold(hostile_out):
    """Issue 23.12: `<!--` in a document was written `<\\!--`, which is not JSON: the page's
    script stopped there and the tables stayed empty."""
    page = (hostile_out / "report.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script type="application/json" id="[^"]+">(.*?)</script>', page,
                         re.S)  # fmt: skip
    assert len(scripts) == 2
    for data in scripts:
        assert not re.search(r"<!--|<script|</script", data, re.I)
    docs = embedded(page, "d-docs")
    meta = embedded(page, "d-meta")
    assert len(docs) == len(HOSTILE_TEXTS)
    written = "\n".join(json.dumps(d, ensure_ascii=False) for d in docs)
    written += json.dumps(meta, ensure_ascii=False)
    for bad in HOSTILE_TEXTS:  # each one back as it was, in a text and in a removal
        assert json.dumps(f"Isi {bad} berita", ensure_ascii=False)[1:-1] in written, bad
        assert any(bad in s for s in meta["strings"]), bad


@needs_chromium
def test_browser_draws_every_document_whatever_they_hold(hostile_out):
    dom = browser.dump_dom(hostile_out / "report.html", "")
    rows = re.findall(r'<tr class="doc[^"]*" data-i="\d+">', dom)
    assert len(rows) == len(HOSTILE_TEXTS)  # the script ran to the end: every row drawn
