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
