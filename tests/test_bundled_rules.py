"""The bundled generic rules on header and footer lines of sites nobody wrote a rule file for."""

import pytest

from clean.records import Found
from clean.rules import bundled_rules_dir, load_rules
from clean.strip import strip

BODY = (
    "Presiden Tajikistan memobilisasi 20 ribu tentara cadangan untuk menjaga perbatasan "
    "dengan Afghanistan, kata kantor berita pemerintah pada Senin."
)


@pytest.fixture(scope="module")
def generic():
    ruleset = load_rules([bundled_rules_dir()])
    return ruleset.select(None, BODY)[1]


def run(rules, *lines):
    return strip("\n".join(lines), rules, Found())


@pytest.mark.parametrize(
    "line, rule",
    [
        ("Updated 14/05/2025 08:11", "generic.updated-line"),
        ("Last updated: 3 March 2025, 10:15 GMT", "generic.updated-line"),
        ("Diperbarui 11/11/2025 15:55 WIB", "generic.updated-line"),
        ("Tags: toddler, training", "generic.tags"),
        ("Topik: pemilu, Jakarta", "generic.tags"),
    ],
)
def test_chrome_line_goes_with_its_rule(generic, line, rule):
    s = run(
        generic, "Judul Berita Hari Ini yang Panjang", line, "", BODY, "", BODY + " Lagi.", line
    )
    assert BODY in s.text and line not in s.text
    assert rule in {r.rule for r in s.removed}


def test_numeric_date_line_is_the_publication_date(generic):
    s = run(generic, "14/09/2025 22:43 WIB", "", BODY)
    assert s.text == BODY
    assert s.found.first("published") == "14/09/2025 22:43 WIB"


@pytest.mark.parametrize(
    "line",
    [
        "Updated figures show 14/05/2025 was the hottest day on record in the capital city, "
        "officials said on Monday after the weather agency published its data.",
        "Tags: are what the museum calls the small labels it pins to every one of the 2,000 "
        "objects in the collection, and each one tells visitors where the object was found, "
        "who found it and when.",
    ],
)
def test_body_sentences_that_start_alike_stay(generic, line):
    s = run(generic, BODY, "", line)
    assert line in s.text


@pytest.mark.parametrize(
    ("first", "dateline", "wire"),
    [
        ("Liputan6.com, Jakarta - ", "Jakarta", None),
        ("Liputan6.com, Jakarta -", "Jakarta", None),  # glued to the first word by the scraper
        ("TEMPO.CO,Jakarta-", "Jakarta", None),
        ("REPUBLIKA.CO.ID, JAKARTA -- ", "JAKARTA", None),
        ("PALEMBANG, KOMPAS.com - ", "PALEMBANG", None),
        ("TRIBUNNEWS.COM - ", None, None),
        ("Jakarta (ANTARA) - ", "Jakarta", "ANTARA"),
        ("LONDON (Reuters) - ", "LONDON", "Reuters"),
    ],
)
def test_the_dateline_of_the_first_paragraph_goes_below_any_header(generic, first, dateline, wire):
    s = run(generic, "Home", "Berita", "Judul Berita Hari Ini yang Panjang", first + BODY, BODY)
    assert s.text.split("\n")[-2] == BODY, s.text
    assert s.found.first("dateline") == dateline and s.found.first("wire") == wire


def test_a_dash_inside_a_later_paragraph_is_not_a_dateline(generic):
    later = "Menurut dia - dan ini penting - bantuan harus segera tiba di lokasi bencana hari ini."
    s = run(generic, BODY, later)
    assert later in s.text


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Simak juga Video 'Mendagri Minta Pemda Percepat Belanja Daerah':", "generic.video"),
        ("[Gambas:Video 20detik]", "generic.video"),
        ("Pewarta: Agus Salim", "generic.credit-line"),
        ("Editor: Evi Ratnawati", "generic.editor-line"),
        ("(Tribunnews.com/Gilang Ramadhan)", "generic.newsroom-tag"),
        ("(SIS)", "generic.newsroom-tag"),
        ("Petani memanen kopi di Lampung Barat. TEMPO/Rahmat Hidayat", "generic.photo-caption"),
        ("Ilustrasi nyamuk penyebab demam berdarah.(SHUTTERSTOCK/Nama Fotografer)",
         "generic.photo-caption"),
        ("Rina Anggraini gelar konser amal (Foto: Instagram/@rinaanggraini)",
         "generic.photo-caption"),
        ("DOK. PBVSI", "generic.photo-credit-line"),
        ("TRIBUNNEWS.COM/DOK WARGA", "generic.photo-caption"),
    ],
)  # fmt: skip
def test_indonesian_in_body_chrome_goes_with_its_rule(generic, line, rule):
    s = run(generic, BODY, line, BODY + " Lagi.")
    assert line not in s.text and rule in {r.rule for r in s.removed}


def test_a_caption_under_a_credit_line_goes(generic):
    caption = "SELEBRASI - Para pemain merayakan kemenangan atas Filipina, Minggu (8/6/2025)."
    s = run(generic, "DOK. PBVSI", caption, BODY)
    assert s.text == BODY


def test_channel_prompt_glued_to_the_last_paragraph_goes(generic):
    s = run(generic, BODY, "Kata dia.Ikuti Whatsapp Channel Republikasumber : Antara")
    assert s.text.endswith("Kata dia.")


@pytest.mark.parametrize(
    "line",
    [
        "Data ini dihimpun dari laporan BPS/Badan Pusat Statistik tahun lalu di seluruh provinsi.",
        "Pemerintah berencana menggelar rapat koordinasi (rakor) pekan depan di Jakarta (dim).",
    ],
)
def test_body_lines_that_end_alike_stay(generic, line):
    s = run(generic, BODY, line)
    assert line.removesuffix(" (dim).") in s.text


# --- issue 22: datelines glued or alone, in-body chrome by class, agencies as sources ---------


@pytest.mark.parametrize(
    ("first", "dateline", "left"),
    [
        ("Liputan6.com, Jakarta", "Jakarta", ""),  # glued: "Liputan6.com, JakartaPresiden ..."
        ("Liputan6.com, Tanjung Pinang", "Tanjung Pinang", ""),
        ("Liputan6.com, Washington D.C -", "Washington D.C", ""),
        ("Liputan6.com, Jakarta -l", "Jakarta", "l"),  # a stray letter the scraper left stays
    ],
)
def test_a_glued_dateline_goes_to_dateline(generic, first, dateline, left):
    s = run(generic, first + BODY)
    assert s.text == left + BODY
    assert s.found.first("dateline") == dateline


@pytest.mark.parametrize(
    "line", ["TEMPO.CO,Jakarta-", "Liputan6.com, Jakarta -", "JAKARTA, KOMPAS.com -"]
)
def test_a_body_that_is_only_a_dateline_leaves_nothing(generic, line):
    s = run(generic, line)
    assert s.text == "" and s.found.first("dateline")


def test_only_a_dateline_is_rejected_in_the_pipeline():
    from clean.pipeline import clean_documents

    rejected = []
    out = list(
        clean_documents([{"id": "t", "text": "TEMPO.CO,Jakarta-"}], on_reject=rejected.append)
    )
    assert out == [] and rejected[0]["reason"] == "no-text-left"


@pytest.mark.parametrize(
    "line",
    [
        'Tonton juga "Warga Bantu Evakuasi Korban Banjir" di sini:',
        "Saksikan Live DetikSore:",
        "Baca selengkapnya di tautan berikut ini",
        "Advertisement - Page continues below",
        "SKIP ADVERTISEMENT",
        "Sign up for the Evening Briefing newsletter",
    ],
)
def test_in_body_chrome_by_class(generic, line):
    s = run(generic, BODY, line, BODY + " Lagi.")
    assert line not in s.text


def test_a_read_also_box_glued_into_a_paragraph_goes(generic):
    line = (
        "Polisi masih memeriksa lokasi kejadian pada Rabu (18/6/2025).Baca JugaDua Penambang "
        "Tertimbun LongsorIni Kronologi Longsor di CirebonAdapun kedua korban bernama Ahmad dan "
        "Budi, kata polisi."
    )
    s = run(generic, BODY, line)
    assert "Baca Juga" not in s.text and "Tertimbun Longsor" not in s.text
    assert "Rabu (18/6/2025). Adapun kedua korban bernama Ahmad dan Budi, kata polisi." in s.text


def test_an_agency_credited_as_source_goes_to_wire():
    from clean.pipeline import clean_documents

    text = f"{BODY}\nKata dia.Ikuti Whatsapp Channel Republikasumber : Antara"
    (r,) = clean_documents([{"id": "a", "text": text}])
    assert "Antara" in r["metadata"]["wire"] and "sumber" not in r["text"]
