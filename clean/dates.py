"""Dates as pages write them: found in a line, read into ISO 8601, with the time and zone given.

A date is a day, a month and a year next to each other, in the orders and the month names of
the languages the stop lists cover (English, Indonesian, Malay, German, French, Spanish,
Portuguese, Italian, Dutch, the Scandinavian languages, Polish, Czech, Finnish, Turkish, Russian,
Ukrainian, Romanian, Hungarian, Vietnamese, Tagalog), numeric (``16.01.2026``, ``16/01/26``,
``2026-01-16``) or with the month's name (``16. Januar 2026``, ``January 16, 2026``,
``4 de mayo de 2022``, ``2026. január 16.``, ``2026年1月16日``). A month and a year alone, or a
day and a month alone, are not a day of publication. The time and the zone are read where
they follow the date (``12:00 Uhr``, ``4:41AM EST``, ``14:54 WIB``, ``+07:00``).

Every pattern is bounded: each search tries a fixed, short match at each position of a line,
so a long line costs linear time, and the callers read only the first :data:`SCAN_CHARS` of a
line (a date of publication stands in a short line or at its start).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

SCAN_CHARS = 400  # a line is searched for dates this far

# Month names by month, accents left off (they are folded away before the look-up), with the
# abbreviations sites print. Slavic, Finnish and Hungarian dates use inflected forms, listed too.
_MONTHS = (
    # English, Indonesian/Malay/Javanese, German, French, Spanish, Portuguese, Italian, Dutch,
    # Scandinavian, Polish, Czech, Finnish, Turkish, Russian, Ukrainian, Romanian, Hungarian,
    # Tagalog
    "january jan januari janvier enero janeiro gennaio gen januar jaenner janner janv ene "
    "stycznia styczen ledna leden tammikuuta tammikuu ocak января январь січня січень ianuarie ian "
    "januar enero",
    "february feb februari pebruari februar feber fevrier fevr febrero fevereiro fev febbraio "
    "lutego luty unora unor helmikuuta helmikuu subat şubat февраля февраль лютого лютий "
    "februarie februar pebrero febr",
    "march mar maret mac marz maerz mrz mars marzo marco maart mrt marts marca marzec brezna "
    "brezen maaliskuuta maaliskuu mart марта март березня березень martie marcius marc marso",
    "april apr avril avr abril abr aprile kwietnia kwiecien dubna duben huhtikuuta huhtikuu nisan "
    "апреля апрель квітня квітень aprilie aprilis apr abril",
    "may mei mai mayo maio maggio mag maj maja kvetna kveten toukokuuta toukokuu mayis mayıs "
    "мая май травня травень majus maj mayo",
    "june jun juni juin junio junho giugno giu czerwca czerwiec cervna cerven kesakuuta kesakuu "
    "haziran июня июнь червня червень iunie iun junius hunyo",
    "july jul juli julai juillet juil julio julho luglio lug lipca lipiec cervence cervenec "
    "heinakuuta heinakuu temmuz июля июль липня липень iulie iul julius hulyo",
    "august aug agustus agu agt ags agst ogos aout agosto ago augustus augusti sierpnia sierpien "
    "srpna srpen elokuuta elokuu agustos ağustos августа август серпня серпень augusztus",
    "september sep sept septembre septiembre setiembre setembro set settembre sett wrzesnia "
    "wrzesien zari syyskuuta syyskuu eylul сентября сентябрь вересня вересень septembrie "
    "szeptember szept setyembre",
    "october oct oktober okt octobre octubre outubro out ottobre ott pazdziernika pazdziernik "
    "rijna rijen lokakuuta lokakuu ekim октября октябрь жовтня жовтень octombrie oktubre",
    "november nov nopember novembre noviembre novembro listopada listopad listopadu "
    "marraskuuta marraskuu kasim kasım ноября ноябрь листопада листопад noiembrie noi nobyembre",
    "december dec desember des dezember dez decembre diciembre dic dezembro dicembre grudnia "
    "grudzien prosince prosinec joulukuuta joulukuu aralik aralık декабря декабрь грудня "
    "грудень decembrie disember disyembre",
)


def fold(word: str) -> str:
    """A word as the month table holds it: case folded, accents dropped (ä → a, é → e).

    >>> fold("März"), fold("Août"), fold("Февраля")
    ('marz', 'aout', 'февраля')
    """
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


MONTHS: dict[str, int] = {}
for _number, _names in enumerate(_MONTHS, start=1):
    for _name in _names.split():
        MONTHS.setdefault(fold(_name), _number)

# Pieces of the patterns. A month name is a word of 3 to 12 letters (looked up in MONTHS).
_DAY = r"(?P<d>[0-3]?\d)"
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_MONTH = r"(?P<mon>[^\W\d_]{3,12})"
_ORDINAL = r"(?:st|nd|rd|th|er|e|eme|ème|º|°|\.)?"
# A day, its month's name, its year: "16 January 2026", "16. Januar 2026", "4 de mayo de 2022",
# "5 Ocak 2020", "16-Jan-2026", "31 Okt, 2023"; the year may be glued to what follows
# ("6. November 20236. November 2023": published, then modified).
DAY_MONTH_YEAR = re.compile(
    rf"(?<!\d){_DAY}{_ORDINAL}[\s-]{{0,3}}(?:de\s{{1,3}})?{_MONTH}\.?,?[\s-]{{0,3}}"
    rf"(?:de\s{{1,3}}|del\s{{1,3}})?{_YEAR}"
)
# A month's name, the day, the year: "January 16, 2026", "Jan. 16 2026", "mayo 11, 2022".
MONTH_DAY_YEAR = re.compile(
    rf"(?:(?<![^\W\d_])|(?<=[a-z])(?=[A-Z])){_MONTH}\.?\s{{1,3}}{_DAY}(?:st|nd|rd|th)?,?"
    rf"\s{{1,3}}{_YEAR}"
)  # a month glued to a name before it counts too: "Shana Nys DambrotNovember 6, 2023"
# Year, month's name, day (Hungarian): "2026. január 16."
YEAR_MONTH_DAY = re.compile(rf"(?<!\d){_YEAR}\.\s{{0,2}}{_MONTH}\s{{1,2}}{_DAY}\.")
# ISO and year-first numeric dates: "2026-01-16", "2026/01/16", "2026.01.16"
ISO = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<sep>[-/.])(?P<m>[01]?\d)(?P=sep)(?P<d>[0-3]?\d)(?!\d)"
    r"(?:[T ](?P<H>[0-2]?\d):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d)(?:\.\d{1,9})?)?"
    r"(?P<tz>Z|[+-][01]\d:?[0-5]\d)?(?!\d))?"
)
# Numeric dates with the day or the month first: "16.01.2026", "01/16/2026", "19.10.19".
NUMERIC = re.compile(
    r"(?<![\d/.-])(?P<a>[0-3]?\d)\s?(?P<sep>[./-])\s?(?P<b>[0-3]?\d)\s?(?P=sep)\s?"
    r"(?P<y>(?:19|20)\d\d|\d\d(?![\d/.-]\d))"
)
# East Asian and Vietnamese: "2026年1月16日", "2026년 1월 16일", "ngày 16 tháng 1 năm 2026"
CJK = re.compile(
    r"(?P<y>(?:19|20)\d\d)\s?[年년]\s?(?P<m>[01]?\d)\s?[月월]\s?(?P<d>[0-3]?\d)\s?[日일]"
)
VIETNAMESE = re.compile(
    r"(?:ngày\s{1,2})?(?P<d>[0-3]?\d)\s{1,2}tháng\s{1,2}(?P<m>[01]?\d),?\s{1,2}(?:năm\s{1,2})?"
    r"(?P<y>(?:19|20)\d\d)",
    re.IGNORECASE,
)

# A time after a date: what may stand between ("um", "at", "à", "pukul", "|", "-", "@"), then
# the clock ("12:00", "4:41AM", "06.05", "11h46"), then the zone.
TIME_AFTER = re.compile(
    r"[\s,|/·•∙–—-]{0,4}(?:(?:um|at|à|a las|às|alle|ore|om|kl\.?|klo\.?|pukul|jam|o|@)\s{1,2})?"
    r"(?P<H>[0-2]?\d)(?::|\.|h)(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?(?!\d)"
    r"(?:\s{0,2}(?P<ampm>[ap]\.?\s?m\.?)(?![^\W\d_]))?",
    re.IGNORECASE,
)
# Zones news sites print, as offsets from UTC in minutes.
ZONES = {
    "WIB": 420, "WITA": 480, "WIT": 540, "UTC": 0, "GMT": 0, "Z": 0, "CET": 60, "MEZ": 60,
    "CEST": 120, "MESZ": 120, "EET": 120, "EEST": 180, "WET": 0, "WEST": 60, "BST": 60,
    "IST": 330, "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360,
    "PST": -480, "PDT": -420, "AEST": 600, "AEDT": 660, "JST": 540, "KST": 540, "SGT": 480,
    "HKT": 480, "MYT": 480, "PHT": 480, "ICT": 420, "MSK": 180,
}  # fmt: skip
ZONE_AFTER = re.compile(
    r"\s{0,2}(?:uhr\s{0,2}|h\s{0,2}|hrs?\s{0,2})?\(?(?:(?P<name>"
    + "|".join(sorted(ZONES, key=lambda z: (-len(z), z)))
    + r")\b(?:\s?(?P<off>[+-]\d{1,2}(?::?\d\d)?))?|(?P<num>[+-][01]\d:?[0-5]\d)\b)"
)
TIME_GAP = 24  # characters after a date within which its time may begin
# Every date above holds a year of four digits or a numeric date with a short year: a line
# without either is not searched by each pattern (most lines of a page have no date).
MAYBE_DATE = re.compile(r"(?:19|20)\d\d|\d[./-]\s?[0-3]?\d\s?[./-]\s?\d\d")
# When a page says a thing happened without a full date: "vor 3 Stunden", "2 hours ago",
# "kemarin", "18 Mai" (the year left out). Not a day of publication, but a date line's place.
RELATIVE = re.compile(
    r"\b(?:vor|hace|il y a|há|sejak)\s{1,3}(?:\d{1,3}|einer?|einem|un[ae]?|uma?|a|an)\s{1,3}"
    r"[^\W\d_]{3,12}|\b(?:\d{1,3}|an?|one)\s{1,3}[^\W\d_]{3,12}\s{1,3}(?:ago|lalu|fa|geleden|"
    r"sitten|temu|назад)\b|^(?:yesterday|today|gestern|heute|kemarin|hari ini|hier|ayer|hoy|"
    r"ontem|hoje|ieri|oggi)\b",
    re.IGNORECASE,
)
DAY_MONTH = re.compile(
    rf"(?<!\d){_DAY}{_ORDINAL}\s{{0,3}}(?:de\s{{1,3}})?{_MONTH}\b|"
    rf"(?<![^\W\d_])(?P<mon2>[^\W\d_]{{3,12}})\.?\s{{1,3}}(?P<d2>[0-3]?\d)(?!\d)"
)
WHEN_MAX_WORDS = 8


@dataclass(frozen=True, slots=True)
class Found:
    """A date in a line: where it stands (``start``, ``end``) and its ISO 8601 value."""

    start: int
    end: int
    iso: str

    @property
    def day(self) -> str:
        return self.iso[:10]


def find_dates(line: str, month_first: bool = False) -> list[Found]:
    """Every date in the first :data:`SCAN_CHARS` of ``line``, in order, with its time and zone.

    Numeric dates are read day first (``05/07/2021`` is 5 July) unless ``month_first`` (a
    page in American English), and either way as the other order where only that one is a
    date (``07/25/2021``, ``25/07/2021``).

    >>> [f.iso for f in find_dates("Veröffentlicht am 26. Oktober 2023 um 14:37 Uhr")]
    ['2023-10-26T14:37:00']
    >>> [f.iso for f in find_dates("Thursday, November 9, 2023 4:41AM EST")]
    ['2023-11-09T04:41:00-05:00']
    >>> [f.iso for f in find_dates("6. November 20236. Dezember 2023")]  # published, modified
    ['2023-11-06']
    """
    text = line[:SCAN_CHARS]
    if not MAYBE_DATE.search(text):
        return []
    hits: list[tuple[int, int, date, tuple[int, int, int] | None, timezone | None]] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in ISO.finditer(text):
        day = _day(int(m["y"]), int(m["m"]), int(m["d"]))
        if day is None:
            continue
        clock = (int(m["H"]), int(m["M"]), int(m["S"] or 0)) if m["H"] else None
        zone = _zone_of(m["tz"]) if m["tz"] else None
        end = m.end()
        if clock is None:
            clock, zone, end = _time_after(text, end)
        elif zone is None:
            zone, end = _zone_after(text, end)
        hits.append((m.start(), end, day, clock, zone))
        taken.append((m.start(), end))
    for pattern in (CJK, VIETNAMESE):
        for m in pattern.finditer(text):
            day = _day(int(m["y"]), int(m["m"]), int(m["d"]))
            if day is not None and free(m.start(), m.end()):
                clock, zone, end = _time_after(text, m.end())
                hits.append((m.start(), end, day, clock, zone))
                taken.append((m.start(), end))
    for pattern in (DAY_MONTH_YEAR, MONTH_DAY_YEAR, YEAR_MONTH_DAY):
        for m in pattern.finditer(text):
            month = MONTHS.get(fold(m["mon"]))
            if month is None or not free(m.start(), m.end()):
                continue
            day = _day(int(m["y"]), month, int(m["d"]))
            if day is not None:
                clock, zone, end = _time_after(text, m.end())
                hits.append((m.start(), end, day, clock, zone))
                taken.append((m.start(), end))
    for m in NUMERIC.finditer(text):
        if not free(m.start(), m.end()):
            continue
        day = _numeric_day(int(m["a"]), int(m["b"]), m["y"], month_first)
        if day is not None:
            clock, zone, end = _time_after(text, m.end())
            hits.append((m.start(), end, day, clock, zone))
            taken.append((m.start(), end))
    hits.sort(key=lambda h: h[0])
    return [Found(a, b, _iso(day, clock, zone)) for a, b, day, clock, zone in hits]


def says_when(line: str) -> bool:
    """Whether a short line says when without a full date: a relative time ("vor einer
    Stunde", "3 hours ago") or a day and a month ("18 Mai", "May 18").

    >>> says_when("• Publiziert vor einer Stunde"), says_when("06 PM | 18 Mai")
    (True, True)
    >>> says_when("Mai"), says_when("Kapitel 3")
    (False, False)
    """
    head = line[:SCAN_CHARS]
    if len(head.split()) > WHEN_MAX_WORDS:
        return False
    if RELATIVE.search(head):
        return True
    return any(fold(m["mon"] or m["mon2"]) in MONTHS for m in DAY_MONTH.finditer(head))


def parse_date(value: str, month_first: bool = False) -> str | None:
    """An ISO 8601 date (and time, with its zone where given) from a date as sites print it:
    the first date in ``value``, or None.

    >>> parse_date("05/07/2021, 14:54 WIB")
    '2021-07-05T14:54:00+07:00'
    >>> parse_date("Tuesday, 6 July 2021"), parse_date("2021-07-05"), parse_date("no date")
    ('2021-07-06', '2021-07-05', None)
    """
    found = find_dates(" ".join(value.split()), month_first)
    return found[0].iso if found else None


def _day(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _numeric_day(a: int, b: int, year: str, month_first: bool) -> date | None:
    """The day of a numeric date ``a/b/year`` in the page's order, or the other one where
    only that is a date; two-digit years are this century's."""
    y = int(year) if len(year) == 4 else 2000 + int(year)
    first, second = ((b, a), (a, b)) if month_first else ((a, b), (b, a))
    for d, m in (first, second):
        day = _day(y, m, d) if 1 <= m <= 12 else None
        if day is not None:
            return day
    return None


def _time_after(text: str, at: int) -> tuple[tuple[int, int, int] | None, timezone | None, int]:
    """The clock time (and zone) that follows a date at ``at``, and where it ends."""
    m = TIME_AFTER.match(text, at, at + TIME_GAP + 16)
    if not m or m.start("H") - at > TIME_GAP:
        return None, None, at
    hour, minute = int(m["H"]), int(m["M"])
    ampm = (m["ampm"] or "").casefold().replace(".", "").replace(" ", "")
    if ampm and not 1 <= hour <= 12:
        return None, None, at
    if ampm == "pm" and hour != 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23:
        return None, None, at
    zone, end = _zone_after(text, m.end())
    return (hour, minute, int(m["S"] or 0)), zone, end


def _zone_after(text: str, at: int) -> tuple[timezone | None, int]:
    m = ZONE_AFTER.match(text, at, at + 20)
    if not m:
        return None, at
    if m["num"]:
        return _zone_of(m["num"]), m.end()
    minutes = ZONES[m["name"]]
    if m["off"]:
        return _zone_of(m["off"]), m.end()
    return timezone(timedelta(minutes=minutes)), m.end()


def _zone_of(text: str) -> timezone | None:
    """``Z``, ``+7``, ``+0700``, ``+07:00``, ``-05:30`` as a zone.

    >>> _zone_of("+05:30").utcoffset(None) == timedelta(hours=5, minutes=30), _zone_of("Z")
    (True, datetime.timezone.utc)
    """
    if text == "Z":
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    hours, _, minutes = text[1:].partition(":")
    if not minutes and len(hours) > 2:
        hours, minutes = hours[:-2], hours[-2:]
    try:
        return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes or 0)))
    except ValueError:  # an offset of a day or more is not a zone
        return None


def _iso(day: date, clock: tuple[int, int, int] | None, zone: timezone | None) -> str:
    if clock is None:
        return day.isoformat()
    try:
        return datetime(day.year, day.month, day.day, *clock, tzinfo=zone).isoformat()
    except ValueError:
        return day.isoformat()
