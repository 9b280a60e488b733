"""Describe a stripped document: settle its metadata (dates, authors, wire, language, counts).

Language identification is :mod:`clean.language`'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from clean.dates import parse_date
from clean.language import (
    FLAG_LANGUAGE_TOO_SHORT,
    LANGUAGE_SAMPLE_CHARS,
    country_language,
    identify_language,
)
from clean.metadata import (  # host_of: the one URL host helper, used by the pipeline too
    Clue,
    Reading,
    host_of,
    person_name,
    registrable_domain,
    site_letters,
)
from clean.records import Counts, Doc, Document, Found
from clean.text import words

FLAG_GIVEN_DATE = "input.published-unreadable"  # the record's date field is no date we can read

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
    """Turn a stripped :class:`Doc` into a :class:`Document` with settled metadata.

    Where candidates compete, the input's own value wins (a record's title, date or authors
    field: whoever made the record knew), then a site rule's value (the site's own rule knows
    its pages), then what the page shows (:mod:`clean.metadata`: the HTML's structured data
    checked, or the raw text read as a reader does), then the generic rules' values; the
    record's ``sources`` says which, and why.
    """
    found = doc.found
    text = doc.text
    origin = _origins(doc)
    reading = doc.reading
    sources: dict[str, str] = {}
    given = dict(doc.given)
    flags = doc.flags
    if "published" in given and parse_date(given["published"]) is None:
        flags = (*flags, FLAG_GIVEN_DATE)  # not kept: the page's own date is read instead
        del given["published"]
    for name in given:
        sources[name] = "input: the record's own field"

    def settle(name: str, page: Clue | None) -> str | None:
        site_value = next((v for v in found.all(name) if not _generic(origin.get((name, v)))), None)
        if site_value is not None:
            sources[name] = _rule_source(origin, name, site_value)
            return site_value
        if page is not None:
            sources[name] = page.source
            return page.value
        value = found.first(name)
        if value is not None:
            sources[name] = _rule_source(origin, name, value)
        return value

    title = given.get("title") or settle("title", reading.title if reading else None)
    published = (
        parse_date(given["published"])
        if "published" in given
        else _settle_published(found, origin, reading, sources)
    )
    if "authors" in given:
        bylines = given["authors"]
        bylines = [bylines] if isinstance(bylines, str) else bylines
        authors = tuple(_unique(a for v in bylines for a in split_authors(v)))
    else:
        authors = _settle_authors(found, origin, reading, sources, doc)
    site = doc.site or registrable_domain(doc.url) or (None if doc.url else found.first("site"))
    if doc.site:
        sources["site"] = "the matching site rule file"
    elif site and doc.url:
        sources["site"] = "url: the registrable domain of the URL"
    elif site:
        sources["site"] = f"rule {origin.get(('site', site))}"
    dateline = found.first("dateline")
    if dateline:
        sources["dateline"] = f"rule {origin.get(('dateline', dateline))}"
    prior = found.first("language") or country_language(host_of(doc.url) or site)
    language, score = identify_language(text, prior)
    if language is None and any(ch.isalpha() for ch in text[:LANGUAGE_SAMPLE_CHARS]):
        flags = (*flags, FLAG_LANGUAGE_TOO_SHORT)
    return Document(
        id=doc.id,
        text=text,
        source=doc.source,
        url=doc.url,
        title=title,
        published=published,
        authors=authors,
        site=site,
        wire=tuple(_unique([*(_agency(v) for v in found.all("wire")), *credited_agencies(text)])),
        dateline=dateline,
        language=language,
        language_score=score,
        counts=Counts(chars=len(text), words=len(words(text)), lines_removed=doc.lines_removed),
        encoding=doc.encoding,
        repairs=doc.repairs,
        removed=doc.removed,
        extra=doc.extra,
        flags=flags,
        site_name=(reading.site_name if reading else None) or found.first("site"),
        sources=tuple((k, sources[k]) for k in SOURCE_ORDER if k in sources),
    )


SOURCE_ORDER = ("title", "published", "authors", "site", "dateline")


def _origins(doc: Doc) -> dict[tuple[str, str], str]:
    """The rule that found each value ``(field, value)``: the first removal holding it."""
    out: dict[tuple[str, str], str] = {}
    texts = [(" ".join(r.text.split()).casefold(), r.rule) for r in doc.removed]
    for name, value in doc.found.values:
        folded = " ".join(value.split()).casefold()
        holding = [(len(t), rule) for t, rule in texts if folded in t]
        if holding:  # the shortest removal holding the value: the line the rule read it from
            out[(name, value)] = min(holding)[1].removesuffix(".variant").removesuffix(".above")
    return out


def _generic(rule: str | None) -> bool:
    """Whether a value came from the generic rules (or from no rule: the HTML's metadata)."""
    return rule is None or rule.startswith("generic.")


def _rule_source(origin: dict[tuple[str, str], str], name: str, value: str) -> str:
    """Where a value found on the way came from: the rule that removed it, or (no rule: a
    value extraction added) the page's metadata; never "rule None"."""
    rule = origin.get((name, value))
    return f"rule {rule}" if rule else "the page's metadata (extraction)"


def _settle_published(
    found: Found, origin: dict[tuple[str, str], str], reading: Reading | None,
    sources: dict[str, str],
) -> str | None:
    """A site rule's date, else the page's, else the generic rules' (with the time a later
    value of the same day gives)."""
    values = found.all("published")
    site_values = [v for v in values if not _generic(origin.get(("published", v)))]
    if site_values:
        sources["published"] = _rule_source(origin, "published", site_values[0])
        return _published(site_values)
    if reading and reading.published:
        sources["published"] = reading.published.source
        return parse_date(reading.published.value) or reading.published.value
    value = _published(values)
    if value:
        sources["published"] = _rule_source(origin, "published", values[0])
    return value


def _settle_authors(
    found: Found, origin: dict[tuple[str, str], str], reading: Reading | None,
    sources: dict[str, str], doc: Doc,
) -> tuple[str, ...]:
    """A site rule's authors, else the page's byline, else the generic rules' bylines (each
    name checked as the page's are: no job titles, no site or company names)."""
    values = found.all("authors")
    site_values = [v for v in values if not _generic(origin.get(("authors", v)))]
    if site_values:
        sources["authors"] = _rule_source(origin, "authors", site_values[0])
        return tuple(_unique(a for v in site_values for a in split_authors(v)))
    if reading and reading.authors:
        sources["authors"] = reading.authors_source or "the page"
        return tuple(_unique(reading.authors))
    site = site_letters(doc.url, found.first("site"))
    names = [person_name(a, site, labelled=True) for v in values for a in split_authors(v)]
    names = [n for n in names if n]
    if names:
        sources["authors"] = _rule_source(origin, "authors", values[0])
    return tuple(_unique(names))


def _published(values: list[str]) -> str | None:
    """The first date found, or a later one of the same day that also gives the time."""
    dates = [d for d in map(parse_date, values) if d]
    if not dates:
        return None
    return next((d for d in dates if d[:10] == dates[0][:10] and len(d) > len(dates[0])), dates[0])


def split_authors(value: str) -> list[str]:
    """Authors from a byline: split on ``;``, `` and ``, ``dan``, ``&`` and commas.

    >>> split_authors("Jane Doe, John Roe and Ana Lee"), split_authors("Aditya Jaya Iswara")
    (['Jane Doe', 'John Roe', 'Ana Lee'], ['Aditya Jaya Iswara'])
    """
    parts = re.split(r";|,|&|\band\b|\bdan\b", value)  # parts are stripped: no \s* around
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
    value = value.strip()
    first = value.split()[0].casefold() if value else ""
    for name, pattern in AGENCIES:
        folded = name.casefold()
        if pattern.fullmatch(value) or value.casefold() == folded or first == folded:
            return name  # "Antara Foto": the agency's photo desk is the agency
    return value


def _unique(values: Iterable[str]) -> list[str]:
    """Non-empty values in first-seen order, case-insensitively unique."""
    seen: dict[str, str] = {}
    for v in values:
        if v:
            seen.setdefault(v.casefold(), v)
    return list(seen.values())
