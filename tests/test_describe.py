import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from clean.describe import credited_agencies, host_of, parse_date, split_authors
from tests.golden import ROOT


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


# --- issue 22: metadata read from the page -----------------------------------------------------

from clean.dates import find_dates, says_when  # noqa: E402
from clean.metadata import (  # noqa: E402
    byline_names,
    person_name,
    read_html,
    read_page,
    registrable_domain,
)
from clean.pipeline import clean_documents  # noqa: E402


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("January 16, 2026", "2026-01-16"),
        ("2026-01-16", "2026-01-16"),
        ("Published: 11 Mar 2026", "2026-03-11"),
        ("Updated January 16, 2026", "2026-01-16"),
        ("16. Januar 2026", "2026-01-16"),
        ("16.01.26, 12:00 Uhr", "2026-01-16T12:00:00"),
        ("le 14.09.2020 à 11h46", "2020-09-14T11:46:00"),
        ("4 de mayo de 2022", "2022-05-04"),
        ("04 mayo 2022 - 00:00", "2022-05-04T00:00:00"),
        ("Thursday, November 9, 2023 4:41AM EST", "2023-11-09T04:41:00-05:00"),
        ("09 Jun 2020, 02:32 PM IST", "2020-06-09T14:32:00+05:30"),
        ("Mon 20 Jan 2020 06.05 GMT", "2020-01-20T06:05:00+00:00"),
        ("12/30/2019 05:03 AM", "2019-12-30T05:03:00"),
        ("5 stycznia 2020", "2020-01-05"),
        ("5 января 2020 г.", "2020-01-05"),
        ("2020. január 5.", "2020-01-05"),
        ("2020年2月14日", "2020-02-14"),
        ("ngày 14 tháng 2 năm 2020", "2020-02-14"),
        ("Kamis, 05 Jun 2025 15:20 WIB", "2025-06-05T15:20:00+07:00"),
        ("28. Juni 201914. Januar 2020", "2019-06-28"),  # published, then modified, glued
        ("Shana Nys DambrotNovember 6, 2023", "2023-11-06"),
    ],
)
def test_parse_date_written_forms(value, expected):
    assert parse_date(value) == expected


def test_find_dates_month_order_follows_the_page():
    assert [f.day for f in find_dates("10/11/2019")] == ["2019-11-10"]
    assert [f.day for f in find_dates("10/11/2019", month_first=True)] == ["2019-10-11"]


@given(st.text(alphabet="0123456789 ./-:,Januaryjulimai", max_size=2000))
@example("1" * 40_000)
@example("2020-" * 8_000)
def test_find_dates_on_any_line_is_bounded(text):
    # a hostile line: no error, and only its first SCAN_CHARS characters are read
    for f in find_dates(text):
        assert 0 <= f.start < f.end <= 400


def test_says_when_reads_relative_and_yearless_dates():
    assert says_when("• Publiziert vor einer Stunde") and says_when("2 jam lalu")
    assert says_when("06 PM | 18 Mai") and not says_when("Kapitel 3 von 7")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Kimber Streams", ["Kimber Streams"]),
        ("ByAlex Bozarjian", ["Alex Bozarjian"]),
        ("Von Roland Brockmann und Sebastian Drescher", ["Roland Brockmann", "Sebastian Drescher"]),
        ("Oleh: Budi Santoso", ["Budi Santoso"]),
        ("27. Januar 2014 by Barbara Russ /", ["Barbara Russ"]),
        ("Veröffentlicht am Fr, 24. Januar 2020, 18:18 von Creeny", ["Creeny"]),
        ("Por Mariano Martín mmartin@ambito.com.ar", ["Mariano Martín"]),
        ("Posted by Alex Durán, AMP Project Marketing, Google", ["Alex Durán"]),
        ("Die Leute von Sri Lanka reden gern", []),
        ("Abrechnung von Übergangsfällen", []),
    ],
)
def test_byline_names(line, expected):
    assert byline_names(line) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Keith Barry Senior Autos Reporter", "Keith Barry"),
        ("Zander Dejah See more", "Zander Dejah"),
        ("Zackery Cuevas Writer", "Zackery Cuevas"),
        ("View all posts by Daniel Lemire", None),  # the link's words; read_html strips them
        ("BBC News", None),
        ("Wegewerk GmbH", None),
        ("Unknown", None),
        ("Hardware", None),  # one word in a metadata field is not a name we know
        ("TopGear com Published", None),
    ],
)
def test_person_name_in_a_metadata_field(value, expected):
    assert person_name(value, labelled=True, visible=False) == expected


def test_site_name_is_no_author_in_a_metadata_field():
    site = "kathnet"
    assert person_name("Kath Net", site, labelled=True, visible=False) is None
    assert person_name("Prisma Média", "prismamedia", labelled=True, visible=False) is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://oto.detik.com/berita/d-1", "detik.com"),
        ("https://news.detik.com/x", "detik.com"),
        ("https://www.nytimes.com/wirecutter/reviews/x", "nytimes.com"),
        ("http://news.republika.co.id/berita/x", "republika.co.id"),
        ("https://www.bbc.co.uk/news/x", "bbc.co.uk"),
        ("http://localhost:8000/a", "localhost"),
        ("http://[::1", None),
        (None, None),
    ],
)
def test_registrable_domain_offline(url, expected):
    assert registrable_domain(url) == expected


def _page(*lines):
    kept = [len(line.split()) >= 12 for line in lines]  # the body the strip stage kept
    return list(lines), kept


BODY_EN = (
    "The city council voted on Tuesday to expand the bus network to three new districts, "
    "after residents complained for years about the lack of service."
)


def test_read_page_headline_date_byline():
    lines, kept = _page(
        "Home", "News", "Politics", "Sport", "Council expands the bus network",
        "By Kimber Streams", "Published: January 16, 2026", BODY_EN, BODY_EN + " Again.",
    )
    r = read_page(lines, kept, {}, "https://example.org/news/council-expands-the-bus-network")
    assert r.title.value == "Council expands the bus network"
    assert r.published.value == "2026-01-16" and "publication" in r.published.source
    assert r.authors == ("Kimber Streams",)


def test_read_page_prefers_publication_to_update_and_reads_removed_lines():
    lines, kept = _page(
        "Council expands the bus network", "Updated January 20, 2026",
        "January 16, 2026", BODY_EN, BODY_EN + " Again.",
    )
    r = read_page(lines, kept, {1: "generic.date", 2: "generic.date"})
    assert r.published.value == "2026-01-16"


def test_read_page_url_date_stands_in():
    lines, kept = _page("Council expands the bus network", BODY_EN, BODY_EN + " Again.")
    r = read_page(lines, kept, {}, "https://example.org/2026/01/16/council/")
    assert r.published.value == "2026-01-16" and r.published.source.startswith("url:")


def test_read_page_no_author_from_a_menu_or_a_heading():
    lines, kept = _page(
        "Home", "Verwandte Themen", "Aktuelle Navigation", "Council expands the bus network",
        "January 16, 2026", BODY_EN, BODY_EN + " Again.",
    )
    assert read_page(lines, kept, {}).authors == ()


def test_read_html_checks_the_structured_author():
    lines = ["Site Logo", "Council expands the bus network", BODY_EN]
    fields = {"title": "Council expands the bus network | Example", "author": "BBC News",
              "date": "2026-01-16", "sitename": "Example"}  # fmt: skip
    r = read_html(lines, BODY_EN, ["Council expands the bus network"], fields, {},
                  "https://www.example.org/a")  # fmt: skip
    assert r.title.value == "Council expands the bus network"
    assert r.authors == ()  # no author rather than a wrong one
    fields["author"] = "Keith Barry Senior Autos Reporter"
    r = read_html(lines, BODY_EN, [], fields, {}, "https://www.example.org/a")
    assert r.authors == ()  # a metadata author the page never prints is not taken
    printed = [*lines[:2], "Keith Barry, Senior Autos Reporter | January 16, 2026", BODY_EN]
    r = read_html(printed, BODY_EN, [], fields, {}, "https://www.example.org/a")
    assert r.authors == ("Keith Barry",) and r.site_name == "Example"


def test_record_says_where_each_field_came_from():
    text = "\n".join([
        "Home", "Council expands the bus network", "By Kimber Streams", "January 16, 2026",
        BODY_EN, BODY_EN + " Again.",
    ])  # fmt: skip
    (r,) = clean_documents([{"id": "a", "text": text, "url": "https://oto.example.co.uk/x"}])
    m = r["metadata"]
    assert m["title"] == "Council expands the bus network"
    assert m["published"] == "2026-01-16" and m["authors"] == ["Kimber Streams"]
    assert m["site"] == "example.co.uk" and m["site_name"] is None
    assert set(m["sources"]) == {"title", "published", "authors", "site"}
    assert m["sources"]["site"].startswith("url:")
    assert list(m)[list(m).index("removed") + 1] == "sources"  # beside removed


def test_registrable_domain_needs_no_network():
    """The public suffix list is the copy tld bundles: a fresh process with no sockets reads it."""
    import subprocess
    import sys

    code = (
        "import socket\n"
        "class NoSocket(socket.socket):\n"
        "    def __init__(self, *a, **k): raise OSError('no network')\n"
        "socket.socket = NoSocket\n"
        "from clean.metadata import registrable_domain\n"
        "print(registrable_domain('https://travel.detik.com/a'),"
        " registrable_domain('http://news.bbc.co.uk/x'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["detik.com", "bbc.co.uk"]


def test_a_body_scraped_alone_has_no_headline():
    # a scraper's body (no page head above it) does not hold its headline: a subheading or a
    # short line in it is not taken for one
    lines, kept = _page(BODY_EN, "Buses every ten minutes", BODY_EN + " Again.", "Read more")
    assert read_page(lines, kept, {}, "https://example.org/news/council-votes").title is None
    lines, kept = _page("POLITICS", BODY_EN, "The council votes again", BODY_EN + " Again.")
    assert read_page(lines, kept, {}).title is None


def test_read_page_reads_past_a_table_of_contents():
    # the headline, its byline and date, then the article's contents: each entry is one of the
    # body's subheadings, which the body prints again; none is the headline, and the list
    # between the headline and the body does not make the headline far from it
    questions = [
        "Which districts get a bus?", "When do the new lines start?", "What will a ticket cost?",
        "How were the routes chosen?", "Who pays for the new buses?",
        "What happens to the old lines?",
    ]  # fmt: skip
    lines = ["Home", "News", "Why the city needs more buses", "By Kimber Streams",
             "January 16, 2026", "Contents", *questions]  # fmt: skip
    kept = [False] * len(lines)
    for q in questions:
        lines += [BODY_EN, q]
        kept += [True, True]
    r = read_page(lines, kept, {})
    assert r.title.value == "Why the city needs more buses"
    assert r.authors == ("Kimber Streams",)


def test_read_page_headline_named_by_a_url_with_letters_unicode_does_not_split():
    # "ł" has no decomposition: the URL writes it "l", and the headline far above the body
    # (a long list of ingredients between) is found by the URL's words all the same
    menu = [f"{n} gram" if n % 2 else "Składnik" for n in range(40)]
    lines, kept = _page("Przepisy", "Sałatka z łososiem i koperkiem", "Autor: Jan Kowalski",
                        *menu, "Krok 1", BODY_EN, BODY_EN + " Again.")  # fmt: skip
    r = read_page(lines, kept, {}, "https://example.pl/przepis/salatka-z-lososiem-i-koperkiem")
    assert r.title.value == "Sałatka z łososiem i koperkiem"


def test_person_name_drops_the_desk_with_the_job_title():
    assert person_name("Richard Adams Education editor") == "Richard Adams"
    assert person_name("Anna Muster Wirtschaftsredaktion Redakteurin") == "Anna Muster"
    assert person_name("Jan Lukas Strozyk Reporter") == "Jan Lukas Strozyk"  # a name stays


def test_byline_label_with_a_gender_star():
    assert byline_names("Autor*in: Brit Weber (Medizinredakteurin)") == ["Brit Weber"]
    assert byline_names("Redakteur_in: Kim Lang") == ["Kim Lang"]


def test_no_author_from_a_list_of_tags_under_the_headline():
    # two capitalised words among one-word tags under the headline are a tag, not its byline
    lines, kept = _page(
        "Home", "Council expands the bus network", "Internationale Zusammenarbeit", "Verkehr",
        "Klimaschutz", BODY_EN, BODY_EN + " Again.",
    )  # fmt: skip
    r = read_page(lines, kept, {})
    assert r.title.value == "Council expands the bus network" and r.authors == ()
    lines, kept = _page(  # a byline under the headline, above the date, is still read
        "Home", "Council expands the bus network", "Anna Muster", "January 16, 2026",
        BODY_EN, BODY_EN + " Again.",
    )  # fmt: skip
    assert read_page(lines, kept, {}).authors == ("Anna Muster",)


def test_a_gender_form_is_no_name():
    # "Autor:innen" is a menu's link to the authors' page: "innen" is the plural's ending
    assert byline_names("Autor:innen") == [] and byline_names("Autor*innen") == []
    lines, kept = _page(
        "Wirtschaft", "Autor:innen", "Wer wir sind", "Council expands the bus network",
        BODY_EN, BODY_EN + " Again.",
    )  # fmt: skip
    assert read_page(lines, kept, {}).authors == ()


def test_read_page_slug_without_the_letters_outside_ascii():
    # a blog's slug drops "ä" ("monstergesprche"); the headline still reads as the URL's
    lines, kept = _page(
        "Startseite", "Mein alter Blog", "Aus dem Leben eines Talentfreien", "« Logbuch 2010",
        "Bärengespräche #2", "23. Dezember 2009 //", BODY_EN, BODY_EN + " Again.",
    )  # fmt: skip
    r = read_page(lines, kept, {}, "https://blog.example.org/2009/12/23/brengesprche-2/")
    assert r.title.value == "Bärengespräche #2"


def test_read_page_a_short_headline_over_its_date_is_no_menu_item():
    lines, kept = _page(
        "Videos", "Ausschreibungen", "Hallenmeisterschaften werden VERSCHOBEN", "01.02.2022",
        "Was seit Wochen erwartet wurde, ist nun offiziell bestätigt worden",
        BODY_EN, BODY_EN + " Again.",
    )  # fmt: skip
    assert read_page(lines, kept, {}).title.value == "Hallenmeisterschaften werden VERSCHOBEN"


def test_read_page_headline_under_its_copy_with_a_breadcrumb_glued_on():
    lines, kept = _page(
        "Polizeibericht", "Suche nach:",
        "StartseiteKulturWinterausstellung auf Schloss Moritzburg eröffnet",
        "Winterausstellung auf Schloss Moritzburg eröffnet", "30. Oktober 2023 Anna Muster",
        BODY_EN, BODY_EN + " Again.",
    )  # fmt: skip
    r = read_page(lines, kept, {}, "https://example.de/2023/10/30/winterausstellung-schloss/")
    assert r.title.value == "Winterausstellung auf Schloss Moritzburg eröffnet"


def test_read_html_the_day_printed_by_the_headline_beats_a_structured_day_off_by_one():
    # the structured date is UTC ("2026-01-15T23:30:00Z"), the page prints its own day
    lines = ["Site Logo", "Council expands the bus network", "16.01.2026, 00:30 Uhr", BODY_EN]
    fields = {"title": "Council expands the bus network", "date": "2026-01-15T23:30:00Z"}
    r = read_html(lines, BODY_EN, [], fields, {}, "https://www.example.de/a")
    assert r.published.value[:10] == "2026-01-16" and r.published.source.startswith("text:")
    # a printed day far from the structured one is not taken over it (another story's date)
    lines[2] = "03.11.2025"
    r = read_html(lines, BODY_EN, [], fields, {}, "https://www.example.de/a")
    assert r.published.value == "2026-01-15T23:30:00Z"


def test_read_page_a_name_loses_a_section_the_page_prints_alone():
    lines, kept = _page(
        "Startseite", "Kultur", "Sport", "Winterausstellung auf Schloss Moritzburg eröffnet",
        "30. Oktober 2023 Anna Maria Muster Kultur", BODY_EN, BODY_EN + " Again.",
    )  # fmt: skip
    assert read_page(lines, kept, {}).authors == ("Anna Maria Muster",)


def test_read_page_names_with_their_avatars_initials_are_one_byline():
    lines, kept = _page(
        "Home", "Council expands the bus network", "AM", "Anna Muster", "KL", "Kim Lang",
        "04/05/2022", BODY_EN, BODY_EN + " Again.",
    )  # fmt: skip
    r = read_page(lines, kept, {}, "https://example.org/2022/05/council-expands-the-bus-network")
    assert r.authors == ("Anna Muster", "Kim Lang")


def test_read_page_a_locale_in_the_url_decides_the_order_of_a_numeric_date():
    lines, kept = _page("Council expands the bus network", "02/10/2020", *[BODY_EN] * 8)
    gb = read_page(lines, kept, {}, "https://www.example.com/en-gb/news/council-expands")
    us = read_page(lines, kept, {}, "https://www.example.com/en-us/news/council-expands")
    assert gb.published.value == "2020-10-02" and us.published.value == "2020-02-10"


def test_read_page_the_date_under_another_copy_of_the_headline():
    # the headline and its date in the page's head, a player's long widget, the headline again
    # over the body: the date by the first copy is the article's
    widget = [f"Episode {n}" if n % 2 else "Play" for n in range(40)]
    lines, kept = _page("Council expands the bus network", "23/10/2020", *widget,
                        "Council expands the bus network", BODY_EN, BODY_EN + " Again.")  # fmt: skip
    r = read_page(lines, kept, {}, "https://example.cz/council-expands-the-bus-network")
    assert r.published.value == "2020-10-23"
