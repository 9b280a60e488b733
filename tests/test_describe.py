import pytest
from hypothesis import given
from hypothesis import strategies as st

from clean.describe import credited_agencies, host_of, parse_date, split_authors


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # Indonesian month names, weekdays, WIB/WITA/WIT
        ("Senin, 5 Juli 2021 | 14:54 WIB", "2021-07-05T14:54:00+07:00"),
        ("5 Juli 2021, pukul 14.54 WIB", "2021-07-05T14:54:00+07:00"),
        ("Selasa, 06 Jul 2021 09:30 WITA", "2021-07-06T09:30:00+08:00"),
        ("6 Agustus 2021 10:00 WIT", "2021-08-06T10:00:00+09:00"),
        ("6 Mei 2021", "2021-05-06"),
        ("15 Nopember 2019", "2019-11-15"),
        ("1 Pebruari 2020", "2020-02-01"),
        ("12 Desember 2020 23:59", "2020-12-12T23:59:00"),
        ("Jumat, 10 Sep 2021 08:00 GMT+7", "2021-09-10T08:00:00+07:00"),
        ("5 Juli 2021 14:54 +0700", "2021-07-05T14:54:00+07:00"),
        ("5 Juli 2021 14:54 GMT-5", "2021-07-05T14:54:00-05:00"),
        # English
        ("Tuesday, 6 July 2021", "2021-07-06"),
        ("July 6, 2021", "2021-07-06"),
        ("Sept. 9, 2021", "2021-09-09"),
        # ISO 8601
        ("2021-07-05T14:54:00+07:00", "2021-07-05T14:54:00+07:00"),
        ("2021-07-05T14:54:00.123-05:00", "2021-07-05T14:54:00-05:00"),
        ("2021-07-05T07:54:00+0000", "2021-07-05T07:54:00+00:00"),
        ("2021-07-05 14:54", "2021-07-05T14:54:00"),
        ("2021-07-05", "2021-07-05"),
        ("Diperbarui 2021-07-05", "2021-07-05"),
        # numeric, day first unless the second number cannot be a month
        ("05/07/2021", "2021-07-05"),
        ("5-7-2021", "2021-07-05"),
        ("06.07.2021 10.15 WIB", "2021-07-06T10:15:00+07:00"),
        ("05/07/2021, 14:54 WIB", "2021-07-05T14:54:00+07:00"),
        ("Kompas.com - 05/07/2021, 14:54 WIB", "2021-07-05T14:54:00+07:00"),
        ("07/25/2021", "2021-07-25"),
        ("5/7/2021 14:54 WIT", "2021-07-05T14:54:00+09:00"),
        # white space is folded
        ("  5   Juli\n2021  ", "2021-07-05"),
        # an impossible time keeps the date
        ("5 Juli 2021 25:00 WIB", "2021-07-05"),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "31/02/2021",
        "2021-02-30",
        "13/13/2021",
        "30 Februari 2021",
        "5 Foo 2021",
        "no date",
        "",
        "14:54 WIB",
    ],
)
def test_parse_date_invalid_gives_none(value):
    assert parse_date(value) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("2021-07-05T07:54:00Z", "2021-07-05T07:54:00+00:00"),
        pytest.param("2021-07-05 14:54 WIB", "2021-07-05T14:54:00+07:00"),
        pytest.param("5 Juli 2021 14:54 GMT+05:30", "2021-07-05T14:54:00+05:30"),
    ],
)
def test_parse_date_zones(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Jane Doe, John Roe and Ana Lee", ["Jane Doe", "John Roe", "Ana Lee"]),
        ("Budi Santoso dan Ani Lestari", ["Budi Santoso", "Ani Lestari"]),
        ("Budi; Ani & Cici", ["Budi", "Ani", "Cici"]),
        ("Aditya Jaya Iswara", ["Aditya Jaya Iswara"]),
        ("Danu Andalan", ["Danu Andalan"]),  # "dan"/"and" inside names do not split
        ("  Sandra   Andersen ,  ", ["Sandra   Andersen"]),
        (" , ; ", []),
        ("", []),
    ],
)
def test_split_authors(value, expected):
    assert split_authors(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Menurut AFP, pejabat itu berbicara kepada Reuters. Kantor berita TASS melaporkan hal serupa.",
            ["AFP", "Reuters", "TASS"],
        ),
        (
            "Kantor berita TASS melaporkan. AFP dan Reuters mengutip TASS.",
            ["TASS", "AFP", "Reuters"],
        ),
        ("LONDON (Reuters) - Demikian REUTERS melaporkan.", ["Reuters"]),
        ("Negara-negara ASEAN, antara lain Indonesia dan Malaysia, hadir.", []),
        ("Antara lain Indonesia dan Malaysia hadir.", []),
        ("Hal itu dilaporkan kantor berita Antara pada Senin.", ["Antara"]),
        ("Seperti dikutip dari Antara, presiden berbicara.", ["Antara"]),
        ("JAKARTA (ANTARA) - Presiden berbicara.", ["Antara"]),
        ("WASHINGTON (AP) — The president spoke.", ["AP"]),
        ("Pasukan AS dan AP berada di sana.", []),
        ("The Associated Press reported it first.", ["AP"]),
        ("Agence France-Presse dan Xinhua melaporkan.", ["AFP", "Xinhua"]),
        ("Tidak ada kantor berita di sini.", []),
    ],
)
def test_credited_agencies(text, expected):
    assert credited_agencies(text) == expected


def test_credited_agencies_antara_in_parentheses():
    assert credited_agencies("JAKARTA (Antara) - Presiden berbicara.") == ["Antara"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.kompas.com/global/read/1", "kompas.com"),
        ("https://internasional.kompas.com/read/2021/07/05/x", "internasional.kompas.com"),
        ("HTTP://WWW.Example.COM:8080/a?b=c", "example.com"),
        ("kompas.com/read/1", "kompas.com"),
        ("www.voaindonesia.com", "voaindonesia.com"),
        (None, None),
        ("", None),
    ],
)
def test_host_of(url, expected):
    assert host_of(url) == expected


AGENCY_PIECES = [
    "Reuters", "REUTERS", "AFP", "Agence France-Presse", "Agence France Presse", "AP",
    "(AP)", "Associated Press", "TASS", "Interfax", "RIA Novosti", "Xinhua", "ANTARA",
    "Antara", "Antara News", "kantor berita", "Kantor berita", "news agency", "dari", "oleh",
    "Bernama", "Kyodo", "Yonhap", "dpa", "Deutsche Presse-Agentur", "EFE", "ANSA",
    "Anadolu", "Anadolu Agency", "Anadolu Ajansı", "UPI", "United Press International",
    "PTI", "Press Trust of India", " ", "(", ")", ".", "x", "-", "Reuter", "Kyod", "\n",
]  # fmt: skip


@given(st.lists(st.sampled_from(AGENCY_PIECES), max_size=12).map("".join))
def test_agency_clues_are_in_every_match(text):
    from clean.describe import AGENCIES, AGENCY_CLUES

    assert [name for name, _ in AGENCIES] == list(AGENCY_CLUES)
    for name, pattern in AGENCIES:
        m = pattern.search(text)
        if m:
            assert any(clue in m.group(0) for clue in AGENCY_CLUES[name]), (name, m.group(0))


NEUTRAL = (
    "Harga emas naik pada hari ini di pasar dan para pembeli datang lebih awal untuk membeli "
    "perhiasan."
)


def _doc(text, url=None, found=None):
    from clean.records import Doc, Found

    return Doc("d", "d", "text", None, url=url, text=text, found=found or Found())


def test_the_site_language_decides_between_indonesian_and_malay():
    from clean.describe import describe
    from clean.records import Found

    assert describe(_doc(NEUTRAL)).language == "id"  # langid's likelier of the two
    assert describe(_doc(NEUTRAL, found=Found().add("language", "ms"))).language == "ms"
    assert describe(_doc(NEUTRAL, url="https://www.beritaharian.com.my/x")).language == "ms"
    assert describe(_doc(NEUTRAL, url="https://news.example.co.id/x")).language == "id"


def test_a_rule_file_language_reaches_the_record(tmp_path):
    from clean.pipeline import clean_documents
    from clean.rules import load_rules

    (tmp_path / "berita.my.yaml").write_text(
        "version: 1\nsite: berita.my\nlanguage: ms\nmatch: {hosts: [berita.example]}\nrules: []\n",
        encoding="utf-8",
    )
    rules = load_rules([tmp_path], bundled=False)
    record = {"id": "a", "text": NEUTRAL, "url": "https://berita.example/a"}
    (out,) = clean_documents([record], rules)
    assert out["metadata"]["language"] == "ms" and out["metadata"]["site"] == "berita.my"
    (out,) = clean_documents([{**record, "url": "https://other.example/a"}], rules)
    assert out["metadata"]["language"] == "id"


@pytest.mark.parametrize(
    "text", ["Kawan Pal.", "POLITIK", "Halo, pembaca nawala Cek Fakta!", "TEMPO.CO, Jakarta -"]
)
def test_too_short_to_tell_is_null_and_flagged(text):
    from clean.describe import FLAG_LANGUAGE_TOO_SHORT, describe

    doc = describe(_doc(text))
    assert (doc.language, doc.language_score) == (None, None)
    assert doc.flags == (FLAG_LANGUAGE_TOO_SHORT,)


def test_a_sentence_is_long_enough():
    from clean.describe import describe

    doc = describe(_doc("The central bank held its benchmark rate at 5.75 percent on Thursday."))
    assert doc.language == "en" and doc.flags == ()


def test_no_letters_is_not_flagged_as_too_short():
    from clean.describe import describe

    assert describe(_doc("12345 -- 678 !!!")).flags == ()
