"""Describe a stripped document: settle its metadata (dates, authors, wire, language, counts).

Language identification is :mod:`clean.language`'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone
from urllib.parse import urlsplit

from clean.language import (
    FLAG_LANGUAGE_TOO_SHORT,
    LANGUAGE_SAMPLE_CHARS,
    country_language,
    identify_language,
)
from clean.records import Counts, Doc, Document
from clean.text import words

FLAG_GIVEN_DATE = "input.published-unreadable"  # the record's date field is no date we can read

# Time zones news sites print, as offsets from UTC in hours.
ZONES = {"WIB": 7, "WITA": 8, "WIT": 9, "UTC": 0, "GMT": 0, "Z": 0}
MONTHS = {
    name: n
    for n, names in enumerate(
        [
            ("january", "januari", "jan"),
            ("february", "februari", "feb", "pebruari"),
            ("march", "maret", "mar"),
            ("april", "apr"),
            ("may", "mei"),
            ("june", "juni", "jun"),
            ("july", "juli", "jul"),
            ("august", "agustus", "aug", "agu", "agt", "ags"),
            ("september", "sep", "sept"),
            ("october", "oktober", "oct", "okt"),
            ("november", "nov", "nop", "nopember"),
            ("december", "desember", "dec", "des"),
        ],
        start=1,
    )
    for name in names
}
ISO_DATE = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?)?"
    r"\s*(?P<tz>Z\b|[+-]\d{2}:?\d{2})?"
)
NUMERIC_DATE = re.compile(r"(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>\d{4})")
NAMED_DATE = re.compile(r"(?P<d>\d{1,2})\s+(?P<mon>[A-Za-z]+)\.?,?\s+(?P<y>\d{4})")
NAMED_DATE_US = re.compile(r"(?P<mon>[A-Za-z]+)\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})")
TIME = re.compile(r"(?<!\d)(?P<H>\d{1,2})[:.](?P<M>\d{2})(?::(?P<S>\d{2}))?(?!\d)")
ZONE = re.compile(
    r"\b(?P<name>WIB|WITA|WIT|UTC|GMT|Z)\b(?:\s*(?P<off>[+-]\d{1,2}(?::?\d{2})?))?"
    r"|(?P<num>[+-]\d{2}:?\d{2})\b"
)

# News agencies whose credit ``wire`` lists, by their usual name. Names that are also common
# words ("Antara" is Indonesian for "between", "AP" an abbreviation) need their agency context.
AGENCIES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in [
        ("Reuters", r"\bReuters\b|\bREUTERS\b"),
        ("AFP", r"\bAFP\b|\bAgence France[- ]Presse\b"),
        ("AP", r"\bAssociated Press\b|\(AP\)"),
        ("TASS", r"\bTASS\b"),
        ("Interfax", r"\bInterfax\b"),
        ("RIA Novosti", r"\bRIA Novosti\b"),
        ("Xinhua", r"\bXinhua\b"),
        (
            "Antara",
            r"\bANTARA\b|\bAntara News\b"
            r"|(?:\b(?:[Kk]antor berita|[Nn]ews agency|dari|oleh) |\()Antara\b",
        ),
        ("Bernama", r"\bBernama\b"),
        ("Kyodo", r"\bKyodo\b"),
        ("Yonhap", r"\bYonhap\b"),
        ("dpa", r"\bdpa\b|\bDeutsche Presse-Agentur\b"),
        ("EFE", r"\bEFE\b"),
        ("ANSA", r"\bANSA\b"),
        ("Anadolu", r"\bAnadolu(?: Agency| Ajansı)?\b"),
        ("UPI", r"\bUPI\b|\bUnited Press International\b"),
        ("PTI", r"\bPTI\b|\bPress Trust of India\b"),
    ]
)


# Strings every match of an agency's pattern holds: a text without any of them is not searched
# (a search of the whole text by each of 17 patterns cost more than language identification).
AGENCY_CLUES: dict[str, tuple[str, ...]] = {
    "Reuters": ("Reuters", "REUTERS"),
    "AFP": ("AFP", "Agence France"),
    "AP": ("Associated Press", "(AP)"),
    "TASS": ("TASS",),
    "Interfax": ("Interfax",),
    "RIA Novosti": ("RIA Novosti",),
    "Xinhua": ("Xinhua",),
    "Antara": ("ANTARA", "Antara"),
    "Bernama": ("Bernama",),
    "Kyodo": ("Kyodo",),
    "Yonhap": ("Yonhap",),
    "dpa": ("dpa", "Deutsche Presse-Agentur"),
    "EFE": ("EFE",),
    "ANSA": ("ANSA",),
    "Anadolu": ("Anadolu",),
    "UPI": ("UPI", "United Press International"),
    "PTI": ("PTI", "Press Trust of India"),
}


def describe(doc: Doc) -> Document:
    """Turn a stripped :class:`Doc` into a :class:`Document` with settled metadata."""
    found = doc.found
    text = doc.text
    site = doc.site or found.first("site") or host_of(doc.url)
    prior = found.first("language") or country_language(host_of(doc.url) or site)
    language, score = identify_language(text, prior)
    flags = doc.flags
    # what the input gave (a record's fields) is kept over what the page says
    given = dict(doc.given)
    given_dates = [given["published"]] if "published" in given else []
    if given_dates and parse_date(given_dates[0]) is None:
        flags, given_dates = (*flags, FLAG_GIVEN_DATE), []
    given_authors = given.get("authors")
    bylines = (
        [given_authors] if isinstance(given_authors, str) else given_authors
    ) or found.all("authors")
    if language is None and any(ch.isalpha() for ch in text[:LANGUAGE_SAMPLE_CHARS]):
        flags = (*flags, FLAG_LANGUAGE_TOO_SHORT)
    return Document(
        id=doc.id,
        text=text,
        source=doc.source,
        url=doc.url,
        title=given.get("title") or found.first("title"),
        published=_published([*given_dates, *found.all("published")]),
        authors=tuple(_unique(a for v in bylines for a in split_authors(v))),
        site=site,
        wire=tuple(_unique([*(_agency(v) for v in found.all("wire")), *credited_agencies(text)])),
        dateline=found.first("dateline"),
        language=language,
        language_score=score,
        counts=Counts(chars=len(text), words=len(words(text)), lines_removed=doc.lines_removed),
        encoding=doc.encoding,
        repairs=doc.repairs,
        removed=doc.removed,
        extra=doc.extra,
        flags=flags,
    )


def _published(values: list[str]) -> str | None:
    """The first date found, or a later one of the same day that also gives the time."""
    dates = [d for d in map(parse_date, values) if d]
    if not dates:
        return None
    return next((d for d in dates if d[:10] == dates[0][:10] and len(d) > len(dates[0])), dates[0])


def parse_date(value: str) -> str | None:
    """An ISO 8601 date (and time, with its zone where given) from a date as sites print it.

    Numeric dates are read day first (05/07/2021 is 5 July) unless the first number is > 12.

    >>> parse_date("05/07/2021, 14:54 WIB")
    '2021-07-05T14:54:00+07:00'
    >>> parse_date("Tuesday, 6 July 2021"), parse_date("2021-07-05"), parse_date("no date")
    ('2021-07-06', '2021-07-05', None)
    """
    value = " ".join(value.split())
    iso = ISO_DATE.search(value)
    if iso:
        day = _date(int(iso["y"]), int(iso["m"]), int(iso["d"]))
        if day is None:
            return None
        if iso["H"] is None:
            return day.isoformat()
        zone = _offset(iso["tz"] or value[iso.end() :])
        return _stamp(day, int(iso["H"]), int(iso["M"]), int(iso["S"] or 0), zone)
    day = None
    rest = value
    m = NUMERIC_DATE.search(value)
    if m:
        a, b = int(m["a"]), int(m["b"])
        d, mo = (b, a) if a <= 12 < b else (a, b)
        day = _date(int(m["y"]), mo, d)
        rest = value[m.end() :]
    else:
        for pattern in (NAMED_DATE, NAMED_DATE_US):
            m = pattern.search(value)
            if m and m["mon"].lower().rstrip(".") in MONTHS:
                day = _date(int(m["y"]), MONTHS[m["mon"].lower().rstrip(".")], int(m["d"]))
                rest = value[m.end() :]
                break
    if day is None:
        return None
    t = TIME.search(rest)
    if not t:
        return day.isoformat()
    return _stamp(day, int(t["H"]), int(t["M"]), int(t["S"] or 0), _offset(rest[t.end() :]))


def _date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _offset(text: str) -> timezone | None:
    z = ZONE.search(text.strip())
    if not z:
        return None
    if z["num"]:
        return timezone(_signed_offset(z["num"]))
    base = timedelta(hours=ZONES[z["name"]])
    return timezone(_signed_offset(z["off"]) if z["off"] else base)


def _signed_offset(text: str) -> timedelta:
    """``+7``, ``+0700``, ``+07:00``, ``-05:30`` as a time delta.

    >>> _signed_offset("+05:30") == timedelta(hours=5, minutes=30), _signed_offset("-7").days
    (True, -1)
    """
    sign = -1 if text[0] == "-" else 1
    hours, _, minutes = text[1:].partition(":")
    if not minutes and len(hours) > 2:
        hours, minutes = hours[:-2], hours[-2:]
    return sign * timedelta(hours=int(hours), minutes=int(minutes or 0))


def _stamp(day: date, h: int, m: int, s: int, tz: timezone | None) -> str | None:
    try:
        return datetime(day.year, day.month, day.day, h, m, s, tzinfo=tz).isoformat()
    except ValueError:
        return day.isoformat()


def split_authors(value: str) -> list[str]:
    """Authors from a byline: split on ``;``, `` and ``, ``dan``, ``&`` and commas.

    >>> split_authors("Jane Doe, John Roe and Ana Lee"), split_authors("Aditya Jaya Iswara")
    (['Jane Doe', 'John Roe', 'Ana Lee'], ['Aditya Jaya Iswara'])
    """
    parts = re.split(r"\s*(?:;|,|&|\band\b|\bdan\b)\s*", value)
    return [p.strip() for p in parts if p.strip()]


def credited_agencies(text: str) -> list[str]:
    """News agencies the text credits, in the order of their first mention.

    >>> credited_agencies("... kata pejabat kepada Reuters. Kantor berita TASS melaporkan ...")
    ['Reuters', 'TASS']
    """
    hits = []
    for name, pattern in AGENCIES:
        if not any(clue in text for clue in AGENCY_CLUES[name]):
            continue
        m = pattern.search(text)
        if m:
            hits.append((m.start(), name))
    return [name for _, name in sorted(hits)]


def _agency(value: str) -> str:
    """The canonical name of an agency a rule found (``Sumber AFP``), or the value as given."""
    for name, pattern in AGENCIES:
        if pattern.fullmatch(value.strip()) or value.strip().casefold() == name.casefold():
            return name
    return value.strip()


def host_of(url: str | None) -> str | None:
    """The host of a URL without ``www.``.

    >>> host_of("https://www.kompas.com/global/read/1"), host_of(None), host_of("http://[::1")
    ('kompas.com', None, None)
    """
    if not url:
        return None
    try:
        host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    except ValueError:  # "http://[::1": a scraped URL urllib cannot split has no host we know
        return None
    return host.removeprefix("www.") or None


def _unique(values: Iterable[str]) -> list[str]:
    """Non-empty values in first-seen order, case-insensitively unique."""
    seen: dict[str, str] = {}
    for v in values:
        if v:
            seen.setdefault(v.casefold(), v)
    return list(seen.values())
