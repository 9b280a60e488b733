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


# --- the literal prefilter and the search from the end (speed: issue 20, 23) --------------

PREFILTERED = [
    (r"(?:(?:\bvia\s+|/\s*|(?<=[.!?])\s*)(?:REUTERS|AFP|AP(?: Photo)?)\b[^.!?]{0,60}|"
     r"\((?:[Ff]oto|DOK)\b[^()]{0,80})\)?\.?\s*$", False),
    (r"^(?:baca juga|read also)\s*:", True),
    (r"kompas", True),
    (r"k", True),  # the Kelvin sign folds to k
    (r"s\w*s", True),  # and the long s to s
    (r"straße", True),  # non-ASCII under ignore-case: no strings to look for
    (r"(?i:ab)c", False),
    (r"x(?=yz)y", False),
    (r"[ab]c|d+e", False),
    (r"\d{3}", False),
    (r"(a)\1$", False),  # a back-reference: never searched from the end
    (r"(?:ab|cd)+$", False),
    (r"a?b*$", False),
    (r"\[(?:x|y)\]\s*$", True),
    (r"(?<=[.!?])\s*(?:Ikuti|Follow)\s+\w+$", False),
]  # fmt: skip


PIECES = [*"aAbBcCdDeEkKsSxXyYzZ0129 :.!?/()[]\n\u212a\u017f\u0130é", "REUTERS", "AFP",
          "AP Photo", "Foto", "DOK", "via ", "kompas", "KOMPAS", "baca juga", "Ikuti", "straße",
          "STRASSE", "ab", "cd"]  # fmt: skip


@pytest.mark.parametrize(("source", "ignore_case"), PREFILTERED)
@pytest.mark.parametrize("exists", [False, True], ids=["span", "exists"])
@given(text=st.lists(st.sampled_from(PIECES), max_size=10).map("".join))
@example(text="\u212a")
@example(text="cafe. Ikuti kanal")
def test_the_prefilter_and_the_search_from_the_end_give_the_search_result(
    source, ignore_case, exists, text
):
    """A text is not searched only where no match can be; a pattern searched from the end
    finds a match exactly where the forward search does (drop, cut, block: only that counts)."""
    from clean.rules import _compile

    problems: list[str] = []
    p = _compile(source, ignore_case, "t", problems, exists=exists)
    assert p is not None, problems
    want = p.compiled.search(text)
    if p.reverse is not None:
        assert (p.search(text) is None) == (want is None)
    else:
        assert _span(p.search(text)) == _span(want)


def test_the_prefilter_knows_what_a_match_needs():
    from clean.rules import anchored_at_end_only, required_literals

    assert required_literals(r"\d+ komentar")[0] == (" komentar",)
    assert required_literals(r"(?i)Baca juga") == (("baca juga",), True)
    assert required_literals(r"straße", ignore_case=True) == (None, False)
    assert required_literals(r"a?b") == (("b",), False)
    assert required_literals(r"x|\w") == (None, False)  # one branch needs nothing in particular
    assert anchored_at_end_only(r"(?:a|b)c\s*$") and not anchored_at_end_only(r"a$|b")
    assert not anchored_at_end_only(r"(a)\1$") and not anchored_at_end_only(r"^a$")


def test_bundled_patterns_give_the_search_result_on_every_seed_and_page_line():
    """Every bundled pattern, with its prefilter and (drop rules) its search from the end, on
    every line of the seeds and of generated pages: what the plain search finds."""
    from pathlib import Path

    from tests import strategies as gen

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    lines = {x for p in seeds.iterdir() for x in p.read_text(errors="replace").split("\n")}
    for n in range(40):
        article = gen.make_article(n, 4, "id" if n % 2 else "en")
        lines |= {article.title, *article.blocks}
    chrome = (gen.PHOTO_CREDITS, gen.CAPTION_CREDITS, gen.SHARE, gen.PROMPTS, gen.READ_ALSO,
              gen.COMMENTS, gen.EDITOR_TAGS, gen.KOMPAS_INLINE, gen.KOMPAS_FOOTER)  # fmt: skip
    for group in chrome:
        for item in group:
            lines |= {item, f"Warga menerima bantuan. {item}", f"{item} (Foto: ANTARA/Budi)"}
    rules = load_rules([bundled_rules_dir()])
    patterns = [p for f in rules.files for r in f.rules
                for p in (r.match, r.end, r.followed_by, r.preceded_by, *f.signatures)
                if isinstance(p, Pattern)]  # fmt: skip
    assert sum(p.needs is not None for p in patterns) >= 30
    assert any(p.reverse is not None for p in patterns)
    for p in patterns:
        for line in lines:
            want = p.compiled.search(line)
            if p.reverse is not None:
                assert (p.search(line) is None) == (want is None), (p.where, line)
            else:
                assert _span(p.search(line)) == _span(want), (p.where, line)
