"""The start-of-text shortcut of rule patterns: it only skips searches that cannot match."""

from pathlib import Path

import pytest
import regex
from hypothesis import example, given
from hypothesis import strategies as st

from clean.rules import Pattern, bundled_rules_dir, first_characters, load_rules

PATTERNS = [
    (r"^(?:baca juga|read also)\s*:", True),
    (r"^(?:By|Oleh)\s*:?\s+(?P<value>[A-Z][^|,]*?)\s*$", False),
    (r"\A\d+ komentar", True),
    (r"^[0-9a-f]\d|^x", False),
    (r"^(?P<a>[A-Z][\w.]*)", False),
    (r"^(?:Foto|©|\(c\)\s)", True),
    (r"^k", True),  # the Kelvin sign folds to k: a non-ASCII first character is always searched
    (r"^s", True),  # and the long s to s
    (r"^(?i:ab)", False),
    (r"^(?:x)?y", False),
    (r"^(?:a|)b", False),
    (r"(?m)^b", False),
    (r"^\bfoo", False),
    (r"foo", False),
    (r"^(?=a)a", False),
    (r"^[^a]", False),
    (r"^\w", False),
    (r"^a+b", True),
    (r"^(?:ab){2,}", False),
]


def _pattern(source: str, ignore_case: bool) -> Pattern:
    flags = regex.VERSION0 | (regex.IGNORECASE if ignore_case else 0)
    return Pattern(
        regex.compile(source, flags), "test", first=first_characters(source, ignore_case)
    )


def _span(m):  # type: ignore[no-untyped-def]
    return None if m is None else (m.span(), m.groups())


@pytest.mark.parametrize(("source", "ignore_case"), PATTERNS)
@given(
    text=st.text(
        alphabet=st.sampled_from("aAbBkKsSxXyY0129 :.,©(\u212a\u017f\u0130é\n"), max_size=8
    )
)
@example(text="\u212a")
@example(text="\u017f")
def test_shortcut_gives_the_search_result(source, ignore_case, text):
    p = _pattern(source, ignore_case)
    assert _span(p.search(text)) == _span(p.compiled.search(text))


def test_shortcut_is_known_for_anchored_literal_starts():
    assert first_characters(r"^(?:baca juga|read also)\s*:", True) == frozenset("bBrR")
    assert first_characters(r"^(?:x)?y") is None
    assert first_characters(r"(?m)^b") is None
    assert first_characters(r"^\w") is None
    assert first_characters(r"^k", True) == frozenset("kK")


def test_bundled_patterns_give_the_search_result_on_lines():
    lines = [
        "Baca juga: Harga emas naik",
        "KOMPAS.com - Presiden",
        "12 komentar",
        "Oleh: Jane Doe",
        "\u212aOMPAS",
        "©2024 Kompas",
        "(c) 2024",
        "Share this article",
        "Tags: ekonomi",
        "Updated 5 July 2021, 14:54 WIB",
        "05/07/2021 14.54 WIB",
        "JAKARTA, KOMPAS.com - Pemerintah",
        "",
        " lead space",
    ]
    rules = load_rules([bundled_rules_dir()])
    patterns = [
        p
        for f in rules.files
        for r in f.rules
        for p in (r.match, r.end, r.followed_by, r.preceded_by)
        if isinstance(p, Pattern)
    ]
    assert sum(p.first is not None for p in patterns) >= 10
    for p in patterns:
        for line in lines:
            assert _span(p.search(line)) == _span(p.compiled.search(line)), (p.where, line)


# --- which site a page belongs to ---------------------------------------------------------

PARA = (
    "Pemerintah daerah menyiapkan bantuan bagi warga yang terdampak banjir di tiga kecamatan "
    "sejak Senin pagi, kata kepala dinas sosial kepada wartawan."
)


@pytest.fixture(scope="module")
def bundled():
    return load_rules([bundled_rules_dir()])


@pytest.mark.parametrize(
    ("host", "text", "site"),
    [
        # Kompas's own header and dateline, no URL: a Kompas page
        (None, f"Kompas.com - 05/07/2021, 14:54 WIB\nJAKARTA, KOMPAS.com - {PARA}\n{PARA}",
         "kompas.com"),
        (None, f"JAKARTA, KOMPAS.com - {PARA}\n{PARA}", "kompas.com"),
        (None, f"{PARA}\n{PARA}\nGabung Kompas.com+", "kompas.com"),  # the footer
        # another site's article quoting Kompas's dateline in its body is not a Kompas page
        (None, f"Bekasi - {PARA}\nSeperti dilaporkan KOMPAS.com - {PARA}\n{PARA}", None),
        (None, f"{PARA}\n{PARA} Dikutip dari KOMPAS.com - kemarin.\n{PARA}", None),
        # a known host decides: another host's page is not Kompas, whatever it carries
        ("news.detik.com", f"JAKARTA, KOMPAS.com - {PARA}\n{PARA}", None),
        ("regional.kompas.com", f"{PARA}\n{PARA}", "kompas.com"),
    ],
)  # fmt: skip
def test_a_site_is_known_by_its_host_or_its_own_header_and_footer(bundled, host, text, site):
    assert bundled.select(host, text)[0] == site


def test_a_whole_line_signature_counts_anywhere(tmp_path):
    (tmp_path / "warta.yaml").write_text(
        "version: 1\nsite: warta\nmatch: {signatures: ['(?m)^Artikel ini tayang di Warta\\.$']}\n"
        "rules: []\n",
        encoding="utf-8",
    )
    rules = load_rules([tmp_path], bundled=False)
    assert rules.select(None, f"{PARA}\nArtikel ini tayang di Warta.\n{PARA}")[0] == "warta"
    assert rules.select(None, f"{PARA}\n{PARA} Artikel ini tayang di Warta.\n{PARA}")[0] is None


@pytest.mark.parametrize(
    ("yaml_text", "problem"),
    [
        ("version: 1\nsite: s\nlanguage: Indonesian\nmatch: {hosts: [s.id]}\nrules: []\n",
         "language: must be a language code such as 'id' or 'ms', not 'Indonesian'"),
        ("version: 1\nlanguage: id\nrules: []\n",
         "language: only a site file (with 'match') has one"),
    ],
)  # fmt: skip
def test_a_rule_file_language_is_checked(tmp_path, yaml_text, problem):
    from clean.errors import ConfigError

    path = tmp_path / "s.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_rules([path], bundled=False)
    assert str(err.value).endswith(problem) or problem in str(err.value)


def test_the_bundled_kompas_file_says_indonesian(bundled):
    assert bundled.language("kompas.com") == "id" and bundled.language(None) is None


def test_first_paragraph_must_be_a_boolean(tmp_path):
    from clean.errors import ConfigError

    path = tmp_path / "g.yaml"
    path.write_text(
        "version: 1\nrules:\n  - {id: g.x, action: drop, pattern: x, first_paragraph: 1}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as err:
        load_rules([path], bundled=False)
    assert "rules[0] (g.x).first_paragraph: must be true or false, not 1" in str(err.value)


def test_first_paragraph_looks_past_the_header(tmp_path):
    from clean.strip import strip

    path = tmp_path / "g.yaml"
    path.write_text(
        "version: 1\nrules:\n  - {id: g.dl, action: drop, pattern: '^Jakarta', "
        "first_paragraph: true}\n",
        encoding="utf-8",
    )
    rules = load_rules([path], bundled=False).files[0].rules
    text = f"Home\nJakarta\nJakarta - {PARA}\nJakarta adalah ibu kota. {PARA}"
    assert strip(text, rules).text == f"Home\nJakarta\nJakarta adalah ibu kota. {PARA}"


def test_load_rules_adds_to_the_bundled_rules_unless_told_not_to(tmp_path):
    """``load_rules([dir])`` replaced the bundled rules; a user adding one site lost them."""
    (tmp_path / "example.org.yaml").write_text(
        "version: 1\nsite: example.org\nrules:\n  - id: example.promo\n    action: drop\n    line: Promo\n"
    )
    names = lambda rules: sorted(Path(f.path).name for f in rules.files)  # noqa: E731
    assert names(load_rules([tmp_path])) == ["example.org.yaml", "generic.yaml", "kompas.com.yaml"]
    assert names(load_rules([tmp_path], bundled=False)) == ["example.org.yaml"]
    assert names(load_rules([bundled_rules_dir(), tmp_path])) == names(load_rules([tmp_path]))


# --- issue 22: a site rule file adds to the generic stage ---------------------------------------

LIPUTAN6 = """version: 1
site: liputan6.com
match:
  hosts: [liputan6.com]
rules:
  - id: liputan6.promo
    action: drop
    line: Download aplikasi Liputan6.com sekarang
"""
P1 = (
    "Pemerintah daerah menyiapkan bantuan bagi warga terdampak banjir di tiga kecamatan, "
    "kata bupati kepada wartawan pada Senin pagi di kantornya."
)
P2 = (
    "Bantuan berupa beras, air bersih dan obat-obatan akan disalurkan mulai pekan depan "
    "melalui posko yang didirikan di setiap desa yang terdampak."
)


def _liputan6(tmp_path, extra: str = ""):
    from clean.pipeline import clean_documents

    (tmp_path / "liputan6.com.yaml").write_text(LIPUTAN6 + extra, encoding="utf-8")
    rules = load_rules([bundled_rules_dir(), tmp_path])
    text = "\n".join([
        "Liputan6.com, JakartaPemerintah daerah menyiapkan bantuan bagi warga terdampak banjir "
        "di tiga kecamatan, kata bupati kepada wartawan pada Senin pagi di kantornya.",
        "Baca Juga", "Banjir Rendam Tiga Kecamatan di Jakarta Timur",
        P2, "Download aplikasi Liputan6.com sekarang",
    ])  # fmt: skip
    (r,) = clean_documents(
        [{"id": "a", "text": text, "url": "https://www.liputan6.com/news/read/1"}], rules
    )
    return r


def test_a_site_rule_adds_to_the_generic_stage(tmp_path):
    r = _liputan6(tmp_path)
    m = r["metadata"]
    assert m["site"] == "liputan6.com" and m["dateline"] == "Jakarta"
    gone = {x["text"]: x["rule"] for x in m["removed"]}
    assert gone["Download aplikasi Liputan6.com sekarang"] == "liputan6.promo"
    # the generic stage still runs beside the site's rule: the "Baca Juga" box goes
    assert gone["Baca Juga"] == "generic.read-also"
    assert r["text"].startswith("Pemerintah daerah") and r["text"].endswith(P2)


def test_a_site_rule_turns_a_generic_rule_off_by_id(tmp_path):
    r = _liputan6(tmp_path, "disable: [generic.read-also, generic.dateline-glued]\n")
    assert "Baca Juga" in r["text"] and r["metadata"]["dateline"] is None
    r = _liputan6(tmp_path, "disable: [generic]\n")  # the whole generic stage
    assert "Baca Juga" in r["text"]


@pytest.mark.parametrize(
    ("yaml_text", "problem"),
    [
        ("version: 1\nrules: []\ndisable: [generic.read-also]\n", "disable: only a site file"),
        (LIPUTAN6 + "disable: [Not An Id]\n", "disable[0]: not a rule id"),
        (LIPUTAN6 + "disable: generic.read-also\n", "disable: must be a list"),
    ],
)
def test_disable_is_checked(tmp_path, yaml_text, problem):
    from clean.errors import ConfigError

    path = tmp_path / "s.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_rules([path])
    assert problem in str(e.value)
