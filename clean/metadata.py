"""Read a page's metadata from its lines as a reader does: the headline, the date, the byline.

A raw text dump has no markup, but a page still shows where its article begins: the first
paragraph of the body (the strip stage has found it). A reader looks just above it. The
**headline** is the prominent line there: a few words that do not end like a sentence, close
to the body and to the date and byline under or above it, often printed twice (the page's
breadcrumb, a share box) and made of the words of the URL's slug; not a menu item, a section
label, a date, a byline, a caption or a prompt. The **date line** is a short line with a date
(in any of the forms :mod:`clean.dates` reads) near the headline; a date labelled as the
publication's ("Published", "Veröffentlicht am", "Diterbitkan") beats one labelled as an update
("Updated", "Aktualisiert", "Diperbarui"), and the URL's own date (``/2023/11/06/``) confirms
one or stands in for it. The **byline** is a label ("By", "Von", "Oleh", "Autor:" ..., glued
or not) and names, or a person's name alone next to the date line; names lose job titles,
e-mail addresses and links ("See more"), and a site's or a company's name is not an author.

Lines the strip stage removed (a date line as ``generic.date``, a byline as ``generic.author``)
are read like the others: removing a line from the body does not make it unreadable.

Each value comes with the reason it was chosen (its ``source``), which ``describe`` puts in the
record's ``sources``.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from clean.dates import SCAN_CHARS, Found, find_dates, says_when
from clean.text import ends_sentence, line_key, words

HEAD_LINES = 30  # a headline stands within this many non-blank lines above the body
AFTER_LINES = 6  # or, with the date and byline, this far into it (a layout's lede first)
META_AFTER_LINES = 12  # a date or byline may stand this far into the body (under a lede)
DATE_LINE_WORDS = 16  # a date line has at most this many words beside the date
TITLE_MAX_WORDS = 30
TITLE_MAX_CHARS = 250
TITLE_BODY_WORDS = 25  # a line of the body this long is a paragraph, not a headline
BYLINE_MAX_WORDS = 14  # a byline line (with its date and labels) is short
BYLINE_HEAD_CHARS = 80  # or opens a longer line
PROSE_WORDS, SENTENCE_WORDS = 20, 8  # a paragraph: this many words, or a sentence this long
NAMES_LINE_CHARS = 100  # a line of names alone is no longer
LONG_LINE = 200  # characters: of a longer line, only its start is read for a date
NAME_MAX_TOKENS = 5
META_NEAR = 3  # lines between a headline and its date or byline
ABOVE_COST = 1.5  # a date above the headline counts as this many lines per line away
KIND_COST = {"published": 0.0, "": 2.0, "updated": 6.0}  # in lines' distance
PLACEHOLDER_DAYS = frozenset({"1970-01-01", "1969-12-31", "1900-01-01", "2000-01-01"})
UNDER_TITLE = 2  # a name alone this close under the headline (or right above) is its byline
MAX_NAME_LINES = 4  # names alone on consecutive lines, one per author
MENU_WORDS = 3  # of the four lines around a name alone, this many of one word: a menu
UNLABELLED_COST = 2  # a name without a label counts as this many lines further away
FOOT_LINES = 5  # a byline at the article's end ("Posted by ...") stands this far below it
FOOT_MAX = 400  # lines read for it
FIRST_STRETCH_SHARE = 0.25  # an earlier stretch of prose this heavy is the article's start
FIRST_STRETCH_MIN = 30  # (and of at least this many words)
TITLE_FAR = 20  # lines from the body beyond which a headline is no less likely
SLUG_STRONG = 0.75  # a line this much made of the URL's slug is a headline candidate anywhere
SLUG_BELOW = 20  # in the head of the page, or this far below the body's start
LEADING_MARKS = "|•·*-–— "  # a breadcrumb's or a list's mark before a headline: "|Title"
# A headline may end in an abbreviation ("... Alert Tues.") or be one word ("Nebelsuppe.").
ABBREVIATION_END = re.compile(r"(?:\s[A-Z][a-z]{0,3}|^[^\W\d_]{2,30})\.$")
KICKER_WORDS = 4  # a line this short over a longer headline-like one is its kicker
KICKER_COST = 2.0
CONTAINER_COST = 2.0  # a line that is the next one with a breadcrumb glued before it
GLUED_MIN = 12  # letters of a headline for its glued copy to count
TOC_COST = 2.0  # a line the body prints again as a subheading: an entry of its contents
STANDFIRST_COST = 1.5  # a line under a headline, longer or made of its words
VARIANT_SHARE = 0.5
SCRAPED_HEAD_LINES = 1  # a text with no more lines above its body is a body scraped alone
SHOWN_DAYS = 2  # a printed day this close to the structured one is the same story's
H1_AGREES = 0.5  # an <h1> sharing this much of its words with the page's title is its headline
# Words of prompts, notices and widgets, which a headline does not hold (a headline may: so
# these cost a headline candidate points, they do not rule it out).
_CHROME_WORDS = (
    "newsletter newsletters subscribe subscription abonnieren abonnement abo inbox posteingang "
    "cookie cookies datenschutz privacy einstellungen settings login log anmelden registrieren "
    "register warenkorb cart checkout follow folgen teilen share mailing votes ratings reviews "
    "bewertungen kommentare comments werben advertise advertisement anzeige impressum "
    "menu menü navigation suche search berlangganan masuk daftar iklan logo"
)
CHROME_WORDS = frozenset(_CHROME_WORDS.split())

# Reasons of lines the strip stage removed as chrome that is never a headline.
# Reasons a removed line may still be the headline: the title rule's, and the generic stage's
# for lines outside the body (a headline is outside the body). A line any other rule removed
# (a prompt, a caption, a site rule's chrome) is not.
TITLE_REASONS = frozenset(
    {"generic.title", "generic.title.above", "generic.title.variant", "generic.repeated",
     "generic.repeated-line", "generic.menu-run", "generic.short-context", "generic.off-body",
     "generic.low-text", "generic.teasers", "generic.dateline", "generic.site-boilerplate"}
)  # fmt: skip
NO_META = ("generic.comments", "generic.after-article", "generic.teasers")

# Words before a date that say what it is the date of.
PUBLISHED = re.compile(
    r"(?:published|posted|released|written|publi[ée]e?|publicad[oa]|publicado|pubblicato|"
    r"ver[öo]ffentlicht|erschienen|erstellt|gepubliceerd|geplaatst|opublikowan[oy]|"
    r"diterbitkan|dipublikasikan|dipublikasi|terbit|diunggah|postado|postad[oa]|date|datum|"
    r"fecha|data|tanggal)\b",
    re.IGNORECASE,
)
UPDATED = re.compile(
    r"(?:updated?|last (?:updated|modified|changed)|modified|revised|aktualisiert|"
    r"ge[äa]ndert|[äa]nderung|mis [àa] jour|modifi[ée]e?|actualizad[oa]|actualizaci[óo]n|"
    r"atualizad[oa]|aggiornat[oa]|bijgewerkt|diperbarui|pembaruan|update terakhir|"
    r"zaktualizowano)\b",
    re.IGNORECASE,
)
# A date that is not the article's: until when something is available, an event's date.
OTHER_DATE = re.compile(
    r"(?:verf[üu]gbar bis|available until|bis zum|g[üu]ltig bis|expires?|deadline|"
    r"abgerufen|accessed|retrieved|geboren|born|\bbis\b|\buntil\b)",
    re.IGNORECASE,
)

# A byline's label: "By", "Von", "Oleh", "Autor:", "Posted by" ... in the languages covered.
_BYLINE_LABELS = (
    r"(?:(?:written|posted|published|reported|text|words|story|interview|edited|compiled)\s+by|"
    r"(?:geschrieben|ver[öo]ffentlicht|verfasst|erstellt|gepostet|eingestellt|"
    r"ein (?:artikel|beitrag|kommentar|interview|gastbeitrag)|eine (?:kolumne|reportage|analyse|"
    r"glosse)|beitrag|beitrage|artikel|kommentar|fazit)\s+von|"
    r"publi[ée]e? par|[ée]crit par|r[ée]dig[ée]e? par|escrito por|publicado por|postado por|"
    r"scritto da|pubblicato da|geschreven door|gepubliceerd door|ditulis oleh|"
    r"dipublikasikan oleh|laporan wartawan|"
    r"autor(?:in|en|innen|[*_:]in(?:nen)?(?![^\W\d_]))?|authors?|auteur(?:e|s)?|autore|autori|"
    r"penulis|reporter|interview|wartawan|pewarta|kontributor|redakteur(?:in|[*_:]in(?![^\W\d_]))?|text|texte|"
    r"texto|testo|by|von|par|por|oleh|door|af|av)"
)
# Labels that stand alone above the names without a colon ("Von" / "Anna Muster").
BARE = frozenset(["by", "von", "par", "por", "oleh", "door", "af", "av"])
BYLINE_LABEL = re.compile(
    rf"(?<![^\W\d_])(?P<label>{_BYLINE_LABELS})(?P<sep>\s*[:：]\s*|\s+|$|(?=[A-ZÀ-ÞĀ-Ž]))",
    re.IGNORECASE,
)
# Where a byline's names end: a date, a separator, a category ("in Politik"), a place.
# (Every repeat is bounded: a search costs a few steps at each position of a long line.)
NAMES_END = re.compile(
    r"\s{1,3}(?:\||//|·|•|∙|—|–|-|»|«|\(|\[)|\s{0,3}[|·•∙»/]|"
    r"\s{1,3}(?:in|im|under|unter|on|am|le|el|em|at|um|il|op|en|dans|pada|di|sur|for|f[üu]r|"
    r"bei|via|with|mit|and more|\+)\s|"
    r"\s{0,3},\s{0,3}(?=\d)|\s\d|(?<=[^\W\d_])\d(?=\s|$)|\s{0,3}@|\shttps?:|\swww\.|"
    r"\s{0,3}\bE-?mail\b",
    re.IGNORECASE,
)
# A name and the outlet it writes for: "Andi Saputra - detikNews", "Nama, Kompas.com".
OUTLET_AFTER = re.compile(
    r"^(?P<name>[^,|/–—-]{3,60}?)\s{0,3}(?:\s[-–—|/]|,)\s{0,3}(?P<outlet>\S.{0,40})$"
)
# An outlet's name: a domain ("Liputan6.com") or a word with a capital inside ("detikNews").
OUTLET = re.compile(r"^\S{2,30}\.(?:com|co\.id|id|net|org|tv)$|^[a-z]{2,12}[A-Z][A-Za-z]{1,12}$")
NAME_SPLIT = re.compile(
    r"\s{0,3}(?:,|;|&|\+)\s{0,3}|\s(?:and|und|y|e|et|dan|og|och|en|i|ve|és|si|și)\s",
    re.IGNORECASE,
)
# from the start of a token only: tried at every character of a long one, it was quadratic
EMAIL = re.compile(r"(?<!\S)\S{1,64}@\S{1,255}\.[a-z]{2,24}", re.IGNORECASE)
# Between names in a page's author field; a run of white space is tried from its start only
# (tried at each of its characters, the pattern was quadratic on a long run)
AUTHOR_SEPARATOR = re.compile(r"(?<!\s)\s*[;,|]\s*|(?<!\s)\s+(?:and|und|&)\s+")
# A user name or a one-word name after a label: "oradmin", "r23", "Paddy", "c1ph4".
HANDLE = re.compile(r"[^\W\d_](?:[\w.'’-]{0,28}[^\W_])?")
NAME_TOKEN = re.compile(
    r"^(?:[A-ZÀ-ÞĀ-ŽА-ЯЁІЇЄ][\w'’.-]{0,30}|[A-Z]\.|(?:Mc|Mac|O'|D')[A-Z][\w'’-]{0,30})$"
)
_PARTICLES = (
    "de del della der den van von zu da das dos di du la le bin binti al el y ter ten te "
    "vom vander ibn ben st"
)
PARTICLES = frozenset(_PARTICLES.split())
# Articles, prepositions and conjunctions: a line holding one is a phrase, not a name.
_FUNCTION_WORDS = (
    "the a an of to for on in at with and or is are was from by "
    "der die das dem des ein eine einer und oder auf mit für fur im am zum zur aus bei nach wie "
    "le la les un une et pour sur dans avec au aux "
    "los las una para con por sin sobre "
    "il lo gli uno per su "
    "het een en op met voor "
    "yang dan ke dari untuk dengan ini itu pada über uber about sobre "
    "mein meine dein deine unser unsere ihr ihre my your our their mon ma mes notre votre"
)
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split()) - PARTICLES
# Words that end a name where a job title or a link follows it.
_ROLE_WORDS = (
    "senior junior chief staff writer writers reporter reporterin reporters editor editors "
    "editorin correspondent correspondents contributor contributors columnist photographer "
    "producer analyst redakteur redakteurin redakteure redaktor korrespondent "
    "korrespondentin autor autorin author authors journalist journalistin journaliste "
    "journalisten volontär volontärin fotograf fotografin chefredakteur chefredakteurin "
    "ressortleiter ressortleiterin leiter leiterin director directora directeur head "
    "see view more mehr alle all posts articles artikel beiträge follow folgen twitter "
    "published updated shares share contact kontakt profile profil bio wartawan penulis "
    "editor-in-chief managing deputy associate assistant contributing special guest "
    "rédacteur rédactrice periodista redactor redactora corresponsal giornalista "
    "redattore inviato professor professorin prof dr md phd marketing manager engineer "
    "developer designer founder cofounder co-founder ceo cto cfo president officer lead "
    "specialist consultant advocate evangelist intern coordinator spokesperson sprecher "
    "sprecherin"
)
ROLE_WORDS = frozenset(_ROLE_WORDS.split())
# Words that make a "name" an organisation, a desk or a placeholder: no author rather than one
# of these ("BBC News", "Wegewerk GmbH", "Unknown", "Redaktion").
_NOT_PERSON = (
    "gmbh ag kg ug ev e.v mbh ltd limited inc llc llp plc corp corporation company co sa sas "
    "sarl srl spa bv nv oy ab as asa pty pt tbk verlag publishing media médias medien news "
    "nachrichten newsroom desk redaktion redaktionen redaction rédaction redacción redação "
    "redazione redactie redaksi editorial team staff unknown anonymous anonym anonyme "
    "admin administrator webmaster guest gast user nobody none null undefined "
    "magazin magazine online press presse zeitung journal times post tribune daily gazette "
    "network group gruppe verband institut institute foundation stiftung universität "
    "university agency agentur amt ministerium ministry office büro tv radio fernsehen "
    "blog blogger website homepage project projekt program programme department protection "
    "customs police polizei service services council commission committee association union "
    "datenschutz impressum kontakt contact privacy dossier dossiers aktualisierung update "
    "stand archiv archive themen thema topics related verwandte aktuelle weitere latest"
)
NOT_PERSON = frozenset(_NOT_PERSON.split())
_PLACEHOLDERS = (
    "unknown anonymous anonym anonyme admin administrator webmaster guest gast user nobody none "
    "null undefined name unbenannt untitled zvg agencies agency wires"
)
PLACEHOLDERS = frozenset(_PLACEHOLDERS.split())
# Endings of nouns that no given name or surname has (German's capitalised nouns look like
# names otherwise: "Abrechnung von Übergangsfällen").
NOUN_ENDINGS = ("ung", "ungen", "heit", "keit", "schaft", "tion", "ität", "ismus", "fällen")
TLD_WORDS = frozenset({"com", "net", "org", "de", "info", "io"})  # "Fem Com" is fem.com
SITE_TOKEN = re.compile(r"\b[\w-]{2,63}\.(?:com|de|org|net|co|id|uk|at|ch|fr|es|it|nl|io)\b", re.I)
# Separators of a breadcrumb trail ("Home » Politik » <headline>").
BREADCRUMB = re.compile(r"\s(?:»|›|>|/|\\|\|)\s")
# The date in a URL's path: /2023/11/06/, /2023-11-06/, /20231106/.
URL_DATE = re.compile(
    r"(?<![\d])(?P<y>(?:19|20)\d\d)(?P<sep>[/_-]?)(?P<m>0[1-9]|1[0-2])(?P=sep)"
    r"(?P<d>0[1-9]|[12]\d|3[01])(?![\d])"
)
SLUG_WORD = re.compile(r"[a-z0-9]+")
# (and the letters Unicode does not decompose: "szałwiowym" is "szalwiowym" in a URL)
TRANSLITERATE = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe",
                               "å": "aa", "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "œ": "oe",
                               "þ": "th"})  # fmt: skip


@dataclass(frozen=True, slots=True)
class Clue:
    """A value read from the page and the reason it was chosen."""

    value: str
    source: str


@dataclass(frozen=True, slots=True)
class Reading:
    """What the page shows of its metadata: each field with its reason, or None."""

    title: Clue | None = None
    published: Clue | None = None
    authors: tuple[str, ...] = ()
    authors_source: str | None = None
    site_name: str | None = None  # the page's display name, where its metadata gives one
    title_line: int | None = None  # the line the headline was read from


@dataclass(frozen=True, slots=True)
class _Date:
    at: int  # index into the page's lines
    found: Found | None  # None: the line says when, without a full date ("vor 3 Stunden")
    kind: str  # "published", "updated", "" (unlabelled) or "when"


def read_page(
    lines: Sequence[str],
    kept: Sequence[bool],
    reasons: Mapping[int, str] | None = None,
    url: str | None = None,
    site_name: str | None = None,
) -> Reading:
    """The headline, the date of publication and the authors a page shows.

    ``lines`` are the page's lines as read; ``kept[i]`` says whether line ``i`` is in the body
    the strip stage left; ``reasons`` the rule or generic reason of each line it removed.

    >>> page = ["Home", "Politik", "Streit ums Feuerholz", "Von Anna Muster",
    ...         "13. Februar 2017", "Nur eine kurze Sandpiste trennt das Lager von der Stadt, und "
    ...         "doch liegen zwischen beiden Welten."]
    >>> r = read_page(page, [False] * 5 + [True])
    >>> r.title.value, r.published.value, r.authors
    ('Streit ums Feuerholz', '2017-02-13', ('Anna Muster',))
    """
    reasons = reasons or {}
    present = [i for i, line in enumerate(lines) if line.strip()]
    if not present:
        return Reading()
    start = _body_start(lines, kept, present)
    pos = present.index(start) if start in present else len(present)
    window = present[max(0, pos - HEAD_LINES) : pos + AFTER_LINES + 1]
    meta_window = present[max(0, pos - HEAD_LINES) : pos + META_AFTER_LINES + 1]
    # the order of numeric dates matters only where the head of the page writes one with "/"
    slashed = any("/" in lines[i][:SCAN_CHARS] for i in meta_window)
    month_first = slashed and _month_first(lines, present, url)
    dates_of = _DatesOf(lines, month_first)
    dates = _dates(lines, meta_window, reasons, dates_of)
    site = site_letters(url, site_name)
    bylines = _bylines(lines, meta_window, reasons, site, dates_of)
    last_kept = max((i for i in present if i < len(kept) and kept[i]), default=start)
    foot = [i for i in present if meta_window[-1] < i <= last_kept + FOOT_LINES][:FOOT_MAX]
    bylines += [  # at the article's end, a full name after a label, or one with its date
        b for b in _bylines(lines, foot, reasons, site, dates_of)
        if b.labelled and (
            all(len(n.split()) > 1 for n in b.names) or dates_of(b.at)
        )
    ]
    # copies of a line (a title printed twice is printed alike: case and spaces folded only)
    counts: Counter[str] = Counter()
    subheads: set[str] = set()  # lines of the body past its first paragraph: its subheadings
    for i in present:
        if len(lines[i]) <= TITLE_MAX_CHARS:
            key = " ".join(lines[i].casefold().split())
            counts[key] += 1
            if i > start and i < len(kept) and kept[i]:
                subheads.add(key)
    title = _title(lines, kept, reasons, window, start, dates, bylines, counts, url, subheads)
    anchor = title[0] if title else start
    shown, at = dates, anchor
    if title and not any(d.found for d in dates):
        # no date by the headline: a date under another copy of it (a page that prints its
        # headline again, in a player or a share box, with the date under the first copy)
        shown, at = _dates_by_copies(lines, present, title[0], counts, reasons, dates_of, dates)
    far = [] if any(d.found for d in shown) else _dates(lines, foot, reasons, dates_of)
    published = _published(shown, at, url, present, far)
    authors = _authors(
        [b for b in bylines if b.at != anchor], anchor, dates, present, title is not None, lines
    )
    return Reading(
        title=Clue(lines[title[0]].strip().lstrip(LEADING_MARKS), title[1]) if title else None,
        published=published,
        authors=tuple(_without_section(n, counts) for n in authors[0]) if authors else (),
        authors_source=authors[1] if authors else None,
        title_line=title[0] if title else None,
    )


def _dates_by_copies(
    lines: Sequence[str],
    present: list[int],
    title: int,
    counts: Counter[str],
    reasons: Mapping[int, str],
    dates_of: _DatesOf,
    dates: list[_Date],
) -> tuple[list[_Date], int]:
    """The dates under the first other copy of the headline that has one, and that copy's
    line; else ``dates`` and the headline's line."""
    key = " ".join(lines[title].casefold().split())
    if counts[key] < 2:
        return dates, title
    for n, i in enumerate(present):
        if i != title and " ".join(lines[i].casefold().split()) == key:
            found = [d for d in _dates(lines, present[n + 1 : n + 1 + META_NEAR], reasons, dates_of)
                     if d.found]  # fmt: skip
            if found:
                return found, i
    return dates, title


class _DatesOf:
    """The dates of each line (its first :data:`LONG_LINE` characters), found once a page."""

    def __init__(self, lines: Sequence[str], month_first: bool):
        self.lines, self.month_first = lines, month_first
        self.found: dict[int, list[Found]] = {}

    def __call__(self, i: int) -> list[Found]:
        found = self.found.get(i)
        if found is None:
            found = self.found[i] = find_dates(self.lines[i].strip()[:LONG_LINE], self.month_first)
        return found


def _body_start(lines: Sequence[str], kept: Sequence[bool], present: list[int]) -> int:
    """The first line of the article's body: the start of the first stretch of the page where
    its kept paragraphs weigh (each kept paragraph its words, any other line a word's cost)
    at least :data:`FIRST_STRETCH_SHARE` of the heaviest stretch.

    The strip stage's body alone is not enough: where it keeps every line (a page it could
    not judge), a cookie notice is a paragraph too. The article comes before the footer, so an
    earlier stretch of some weight is the article, though a longer notice follows it.
    """
    scores = []
    for i in present:
        n = len(lines[i].split()) if i < len(kept) and kept[i] else 0
        prose = n >= PROSE_WORDS or (n >= SENTENCE_WORDS and ends_sentence(lines[i]))
        scores.append(n if prose else -1.0)  # clean.text.is_body, by white space
    span = _best_stretch(scores, 0, len(scores))
    if span is None:
        return present[-1] + 1
    start, best = span
    while True:
        earlier = _best_stretch(scores, 0, start)
        if earlier is None or earlier[1] < max(FIRST_STRETCH_MIN, FIRST_STRETCH_SHARE * best):
            break
        start = earlier[0]
    # the stretch begins with its first paragraph
    return next((i for n, i in enumerate(present[start:], start) if scores[n] > 0), present[start])


def _best_stretch(scores: list[float], lo: int, hi: int) -> tuple[int, float] | None:
    """The start and the sum of the stretch of ``scores[lo:hi]`` with the largest sum (Kadane)."""
    total, start, top, best = 0.0, lo, 0.0, None
    for n in range(lo, hi):
        if total <= 0:
            total, start = 0.0, n
        total += scores[n]
        if total > top:
            top, best = total, start
    return None if best is None else (best, top)


def _month_first(lines: Sequence[str], present: list[int], url: str | None) -> bool:
    """Whether the page writes numeric dates month first (01/16/2026): an American page.

    Decided by a date that is only a date one way (``12/30/2019``), else by a locale in the
    URL's path (``/en-gb/``: day first; ``/en-us/``: month first), else by the page's language
    (English) and its host's country (not a day-first country's domain)."""
    for i in present[:400]:
        if "/" not in lines[i][:SCAN_CHARS]:
            continue
        for m in _NUMERIC_SLASH.finditer(lines[i][:SCAN_CHARS]):
            a, b = int(m["a"]), int(m["b"])
            if a <= 12 < b <= 31:
                return True
            if b <= 12 < a <= 31:
                return False
    locale = URL_LOCALE.search(_path(url)[:100])
    if locale:  # "/en-gb/news/...": the edition's country writes its dates
        return locale["country"].casefold() in MONTH_FIRST_COUNTRIES
    host = host_of(url) or ""
    if host.rsplit(".", 1)[-1] not in ("com", "org", "net", "us", "gov", "edu"):
        return False
    sample = " ".join(lines[i][:SCAN_CHARS] for i in present[:200]).casefold()
    english = sum(sample.count(w) for w in (" the ", " and ", " of ", " to "))
    return english >= 20


# A locale in a URL's path ("/en-gb/", "/de_DE/") and the countries that write month first.
URL_LOCALE = re.compile(r"/(?:[a-z]{2})[-_](?P<country>[a-zA-Z]{2})(?:/|$)")
MONTH_FIRST_COUNTRIES = frozenset({"us", "ph", "fm", "mh", "pw"})
_NUMERIC_SLASH = re.compile(r"(?<!\d)(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?:19|20)\d\d")


def _dates(
    lines: Sequence[str], window: list[int], reasons: Mapping[int, str], dates_of: _DatesOf
) -> list[_Date]:
    """Dates in the window's date lines (short lines, or a date at a line's start)."""
    out = []
    for n, i in enumerate(window):
        if reasons.get(i, "").startswith(NO_META):
            continue
        line = lines[i].strip()
        found = dates_of(i)  # a date line is short, or its date opens a longer line
        if not found:
            if says_when(line):  # "vor 3 Stunden", "18 Mai": a date line's place, no day
                out.append(_Date(i, None, "when"))
            continue
        rest = len(words(line[: found[0].start] + " " + line[found[0].end :]))
        if rest > DATE_LINE_WORDS and found[0].start > 40:
            continue  # a date inside a paragraph: something the article tells
        label_line = lines[window[n - 1]].strip() if n else ""
        for k, f in enumerate(found):
            before = line[max(0, f.start - 40) : f.start]
            if k == 0 and not before.strip() and label_line.endswith(":"):
                before = label_line[-40:]
            if OTHER_DATE.search(before):
                continue
            kind = ""
            if UPDATED.search(before):
                kind = "updated"
            elif PUBLISHED.search(before) or (k == 0 and len(found) > 1):
                kind = "published"  # "Written: ... / Updated: ...": the first is the article's
            out.append(_Date(i, f, kind))
    return out


def _published(
    dates: list[_Date], anchor: int, url: str | None, present: list[int], far: list[_Date]
) -> Clue | None:
    """The date of publication: the date nearest the headline (one below it, in the byline's
    place, before one above it; one labelled as the publication's before an unlabelled one, an
    update's last), a date the URL's own date agrees with first. Without a date near the
    headline, the URL's date; without that, a labelled date line further down the page
    ("Veröffentlicht am ..." under the article), then the first date line after the headline.
    """
    url_day = _url_day(url)
    rank = {i: n for n, i in enumerate(present)}
    here = rank.get(anchor, len(present))

    def best_of(candidates: list[_Date]) -> tuple[tuple[float, ...], _Date] | None:
        best = None
        for d in candidates:
            if d.found is None or d.found.day in PLACEHOLDER_DAYS:
                continue
            lines = rank[d.at] - here
            distance = lines if lines >= 0 else ABOVE_COST * -lines
            agrees = url_day is not None and d.found.day == url_day
            key = (not agrees, distance + KIND_COST[d.kind], d.at)
            if best is None or key < best[0]:
                best = (key, d)
        return best

    why = {"published": "a date labelled as the publication's", "": "the date line",
           "updated": "the date of an update (no other date)"}  # fmt: skip
    best = best_of(dates)
    if best is not None:
        d = best[1]
        where = "the URL's date agrees" if best[0][0] is False else "nearest the headline"
        return Clue(d.found.iso, f"text: {why[d.kind]} at line {d.at + 1}, {where}")
    if url_day:
        return Clue(url_day, "url: the date in the URL's path (the page shows none)")
    below = [d for d in far if rank[d.at] > here]
    labelled = best_of([d for d in below if d.kind])
    best = labelled or best_of(below)
    if best is not None:
        d = best[1]
        return Clue(d.found.iso, f"text: {why[d.kind]} at line {d.at + 1}, under the article")
    return None


def _url_day(url: str | None) -> str | None:
    """The day a URL's path carries (``/2023/11/06/``, ``/2016-04-15/``), or None."""
    path = _path(url)
    m = URL_DATE.search(path[:300])
    return f"{m['y']}-{m['m']}-{m['d']}" if m else None


@dataclass(frozen=True, slots=True)
class _Byline:
    at: int
    names: tuple[str, ...]
    labelled: bool


def _bylines(
    lines: Sequence[str],
    window: list[int],
    reasons: Mapping[int, str],
    site: str,
    dates_of: _DatesOf,
) -> list[_Byline]:
    """Bylines in the window: a label and names ("Von Anna Muster", "byAlex Bozarjian",
    "27. Januar 2014 by Barbara Russ /"), a label alone with the names on the next line
    ("Autor:" / "Peter Maahn/SP-X"), names beside a date in one line ("28. Juni 2019 | Klaus
    Quibeldey-Cirkel", "Michael Mäser, 02.02.2022"), or a person's name alone on its line (read
    as a byline only beside a date line)."""
    out = []
    dated = [bool(dates_of(i)) for i in window]
    for n, i in enumerate(window):
        if reasons.get(i, "").startswith(NO_META):
            continue
        line = lines[i].strip()
        if len(line.split()) > BYLINE_MAX_WORDS:
            # a byline may open a longer line: "By Ela on 31. October, 2023 | 18 Comments. ..."
            head = line[:BYLINE_HEAD_CHARS]
            names = byline_names(head, site) if BYLINE_LABEL.match(head) else []
            if names:
                out.append(_Byline(i, tuple(names), True))
            continue
        listed = (n and dated[n - 1]) or (n + 1 < len(window) and dated[n + 1])
        if listed and dated[n]:
            continue  # one of a list of dated entries (comments, teasers): not the byline
        names = byline_names(line, site)
        if names:
            out.append(_Byline(i, tuple(names), True))
            continue
        if _label_only(line) and n + 1 < len(window):
            following = lines[window[n + 1]].strip()
            if following.endswith((",", " und", " and", " y", " et", " dan", "&")) and (
                n + 2 < len(window)
            ):  # "Benjamin Fischer und" / "Marcus Theurer"
                following += " " + lines[window[n + 2]].strip()
            names = _names(following, site)
            if names:
                out.append(_Byline(window[n + 1], tuple(names), True))
                continue
        # names beside a date in the line, not in a list of dated teasers
        names = _dated_names(line, site) if dated[n] and not listed else []
        if not names:
            names = _outlet_names(line, site)
        if names:
            out.append(_Byline(i, tuple(names), True))
            continue
        if (
            len(line) <= NAMES_LINE_CHARS and line[:1].isupper() and not ends_sentence(line)
            and not _among_words(lines, window, n)
        ):
            parts = _split(line)  # "Isabel Caro, Rocío Latorre y José Miguel Wilson"
            names = [person_name(p, site, labelled=False) for p in parts]
            if names and all(names) and len(names) <= MAX_NAME_LINES:
                out.append(_Byline(i, tuple(n for n in names if n), False))
    return out


def _among_words(lines: Sequence[str], window: list[int], n: int) -> bool:
    """Whether line ``n`` of the window stands among one-word lines (a menu, a list of tags:
    "Energiewende" / "Internationale Politik" / "Klimaschutz"), where two capitalised words
    are an item, not a name."""
    around = window[max(0, n - 2) : n] + window[n + 1 : n + 3]
    return sum(1 for i in around if len(lines[i].split()) == 1) >= MENU_WORDS


def _dated_names(line: str, site: str) -> list[str]:
    """Names written beside a date in a date line: "28. Juni 2019 | Klaus Quibeldey-Cirkel",
    "Michael Mäser, 02.02.2022", "Tanja Karrasch3.11.2023".

    >>> _dated_names("Markus M. Haefliger, London, Beat Bumbacher 19.10.2019, 23:38 Uhr", "")
    ['Markus M. Haefliger', 'Beat Bumbacher']
    """
    if len(line.split()) > BYLINE_MAX_WORDS or line.startswith("("):
        return []
    found = find_dates(line)
    if not found:
        return []
    after = _after_dates(line, found)
    for part in (line[: found[0].start], after):
        parts = _split(part.strip(" |/·•∙—–-,:"))
        full = any(len(p.split()) > 1 for p in parts)
        parts = [p for p in parts if not (full and len(p.split()) == 1)]  # a place: "London"
        names = [person_name(p, site, labelled=False) for p in parts]
        first = parts[0].split() if parts else []
        tags = part is after and len(parts) > 2 and len(first) == 3  # "Name Tag, Tag, Tag"
        if names and all(names) and not tags:
            return [n for n in names if n]
        if part is after and 2 < len(first) <= 4 and all(NAME_TOKEN.match(t) for t in first[:2]):
            # "16. Mai 2019 Markus Elsberger Netzwerk, Windows": the name, then categories
            name = person_name(" ".join(first[:2]), site, labelled=False)
            if name:
                return [name]
    return []


def _outlet_names(line: str, site: str) -> list[str]:
    """The name in a byline that credits the outlet after it: "Andi Saputra - detikNews",
    "Nama Penulis, Liputan6.com", "Jane Doe | The Site".

    >>> _outlet_names("Andi Saputra - detikNews", ""), _outlet_names("Hari ini - Senin", "")
    (['Andi Saputra'], [])
    """
    m = OUTLET_AFTER.match(line)
    if not m:
        return []
    outlet = m["outlet"]
    if not (OUTLET.search(outlet) or (site and _is_site(_squash(outlet), site))):
        return []
    name = person_name(m["name"], site, labelled=False)
    return [name] if name else []


def _label_only(line: str) -> bool:
    """A byline's label alone ("Von", "Autor:"), or ending a short line ("Tipps von"): the
    names are on the next line."""
    if len(line.split()) > 2:
        return False
    return any(
        not line[m.end() :].strip(" :") and (":" in m["sep"] or m["label"].casefold() in BARE)
        for m in BYLINE_LABEL.finditer(line)
    )


def byline_names(line: str, site: str = "") -> list[str]:
    """The authors a byline names, or [] if the line is not a byline.

    >>> byline_names("Von Roland Brockmann und Sebastian Drescher")
    ['Roland Brockmann', 'Sebastian Drescher']
    >>> byline_names("ByAlex Bozarjian"), byline_names("27. Januar 2014 by Barbara Russ /")
    (['Alex Bozarjian'], ['Barbara Russ'])
    >>> byline_names("Por Mariano Martín mmartin@ambito.com.ar")
    ['Mariano Martín']
    >>> byline_names("Posted by Alex Durán, AMP Project Marketing, Google")
    ['Alex Durán']
    >>> byline_names("Die Leute von Sri Lanka reden gern")
    []
    """
    text = line.strip()[:SCAN_CHARS]
    for m in BYLINE_LABEL.finditer(text):
        before = text[: m.start()].rstrip()
        # a label stands at the line's start, or right after a date or a separator
        if before and not (_ends_with_date(before) or before[-1:] in "|/·•—–-:"):
            continue
        label = m["label"]
        glued = text[m.end() : m.end() + 1]
        if not m["sep"] and not (glued and label[-1].islower() and glued.isupper()):
            continue
        names = _names(text[m.end() :], site)
        if names:
            return names
    return []


def _ends_with_date(text: str) -> bool:
    """Whether ``text`` ends with a date (and its time): "Veröffentlicht am 24. Januar 2020,"."""
    found = find_dates(text)
    return bool(found) and not _after_dates(text, found).strip(" ,|/·•—–-")


def _after_dates(text: str, found: list[Found]) -> str:
    """What follows the last date of ``text``, past the dates glued to it ("28. Juni
    201914. Januar 2020 | Name": published, then modified)."""
    after = text[found[-1].end :]
    while (glued := find_dates(after.lstrip())) and glued[0].start == 0:
        after = after.lstrip()[glued[0].end :]
    return after


def _names(text: str, site: str) -> list[str]:
    """The names at the start of ``text`` (after a byline's label), up to a date, a separator
    or a category; in a list, a one-word part among full names is a place or an affiliation
    ("Markus M. Haefliger, London, Beat Bumbacher"), and after the first name, a part that is
    not a name ends the list ("Alex Durán, AMP Project Marketing, Google")."""
    rest = EMAIL.sub(" ", text)
    end = NAMES_END.search(rest)
    rest = rest[: end.start()] if end else rest
    parts = _split(rest)
    full = any(len(p.split()) > 1 for p in parts)
    if len(parts) > 1 and not full:
        return []  # "Von Risiken und Nebenwirkungen": one-word parts are a phrase's, not names
    out = []
    for k, part in enumerate(parts):
        if full and len(part.split()) == 1 and k:
            continue
        # after the first name, an organisation is an affiliation, not a second author
        name = person_name(part, site, True, visible=not out)
        if name is None:
            if out:
                break
            continue
        out.append(name)
    return out


def _split(text: str) -> list[str]:
    return [p for p in NAME_SPLIT.split(text.strip(" .,:;")) if p.strip()]


def person_name(
    text: str, site: str = "", labelled: bool = False, visible: bool = True
) -> str | None:
    """``text`` as a person's name (job titles and links after it dropped), or None.

    A name is one to five capitalised words (particles such as "von", "de", "bin" allowed,
    initials too); a single word or a user name ("oradmin", "r23") only after a byline label.
    A placeholder ("Unknown", "admin") is never a name. An organisation or a desk ("BBC News",
    "Redaktion") and the site's own name are no author in a metadata field (not ``visible``)
    or on a line of their own; a byline the page prints (``labelled`` and ``visible``: "Von
    PETA-Team", "Autor: przepisy.pl", "Von: Wolfgang Schmale" on wolfgangschmale.eu) is the
    page's own credit, and is taken as written.

    >>> person_name("Keith Barry Senior Autos Reporter"), person_name("Zander Dejah See more")
    ('Keith Barry', 'Zander Dejah')
    >>> person_name("BBC News"), person_name("Wegewerk GmbH"), person_name("kath net", "kathnet")
    (None, None, None)
    """
    text = EMAIL.sub(" ", html.unescape(text) if "&" in text else text)
    tokens = text.replace("\u00a0", " ").strip(" .,:;|/-–—·•()[]\"'“”„»«").split()
    while tokens and (tokens[0].casefold() in BARE or tokens[0].casefold() in FUNCTION_WORDS):
        tokens = tokens[1:]  # "von Peter Addor", "In Korinna Hennig"
    for k, t in enumerate(tokens):
        if k and t.casefold().strip(".,:") in ROLE_WORDS:
            if k == 1:
                return None  # "Rasender Reporter": one word and a trade is no name we know
            tokens = tokens[:k]
            while len(tokens) > 2 and _desk_word(tokens[-1]):
                tokens.pop()  # "Richard Adams Education editor": the desk goes with the job
            break
    while tokens and tokens[-1].casefold().strip(".,") in PARTICLES:
        tokens.pop()
    if not tokens or len(tokens) > NAME_MAX_TOKENS + sum(t in PARTICLES for t in tokens):
        return None
    half = len(tokens) // 2
    if len(tokens) % 2 == 0 and half and tokens[:half] == tokens[half:]:
        tokens = tokens[:half]  # printed twice: "Olivier Minot Olivier Minot"
    folded = [t.casefold().strip(".,") for t in tokens]
    parts = {p for t in folded for p in (t, *t.split("-"))}  # "TVT-Redaktion" has "redaktion"
    credited = labelled and visible
    if parts & (PLACEHOLDERS | ROLE_WORDS | CHROME_WORDS):
        return None
    if not credited and (parts & NOT_PERSON or parts & TLD_WORDS):
        return None
    name = " ".join(tokens).strip(" ,.;:")
    squashed = _squash(name)
    if not squashed or (not credited and (_is_site(squashed, site) or SITE_TOKEN.search(name))):
        return None  # the site's own name in a metadata field or alone on a line
    if any(t.endswith(NOUN_ENDINGS) for t in folded if len(t) > 6):
        return None  # "Abrechnung von Übergangsfällen": nouns, not a name
    if all(t in FUNCTION_WORDS or t in PARTICLES for t in folded):
        return None  # "Die" left of "Die Redaktion"
    if len(tokens) == 1:
        # one word is a name only where the page prints it after a label ("By oradmin"); in a
        # metadata field it is as often the site, a section or a placeholder ("stylegart")
        token = tokens[0]
        if not credited or not HANDLE.fullmatch(token) or len(token) < 2:
            return None
        return token
    if any(ch.isdigit() for ch in name) and not (credited and SITE_TOKEN.search(name)):
        return None
    capitals = [bool(NAME_TOKEN.match(t)) for t in tokens]
    lower_ok = (  # "byMobasir hassan"
        labelled and capitals[0] and len(tokens) == 2 and folded[1] not in FUNCTION_WORDS
    )
    if not all(c or t in PARTICLES or lower_ok for c, t in zip(capitals, folded, strict=True)):
        return None
    if not labelled and (
        sum(capitals) < 2 or len(tokens) > NAME_MAX_TOKENS - 1 or name.isupper()
        or any(t in FUNCTION_WORDS for t in folded)
        or any(len(t) >= 4 and t.isupper() for t in tokens)
    ):
        return None  # alone on its line, a name must look like one: not a title in capitals
    return name


def _desk_word(token: str) -> bool:
    """Whether a capitalised word before a job title is its desk, not a name's: a noun no
    name ends like ("Education", "Wirtschaft") or an organisation's word ("News")."""
    folded = token.casefold().strip(".,")
    return (len(folded) > 6 and folded.endswith(NOUN_ENDINGS)) or folded in NOT_PERSON


def _is_site(squashed: str, site: str) -> bool:
    """Whether a name (squashed) is the site's: its domain's or its display name's letters."""
    for part in site.split("|"):
        if part and (squashed in part or (len(part) >= 4 and part in squashed)):
            return True
    return False


def _squash(text: str) -> str:
    """Letters and digits only, folded and transliterated: "Kath Net" → "kathnet"."""
    folded = unicodedata.normalize("NFKD", text.casefold().translate(TRANSLITERATE))
    return "".join(ch for ch in folded if ch.isalnum() and not unicodedata.combining(ch))


def _squash_keep(text: str) -> str:
    """As :func:`_squash`, punctuation kept (as spaces' places: "frag.jetzt")."""
    folded = unicodedata.normalize("NFKD", text.casefold().translate(TRANSLITERATE))
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def site_letters(url: str | None, site_name: str | None = None) -> str:
    """The letters of a page's registrable domain (without its public suffix) and of its
    display name: what an author's name must not be."""
    domain = registrable_domain(url) or ""
    suffix = _public_suffix(domain)
    core = domain[: -len(suffix) - 1] if suffix and domain.endswith("." + suffix) else domain
    return _squash(core) + ("|" + _squash(site_name) if site_name else "")


def registrable_domain(url: str | None) -> str | None:
    """The registrable domain of a URL by the public suffix list (the ``tld`` package's bundled
    copy, read offline), else its host without ``www.`` (an IP address, ``localhost``).

    >>> registrable_domain("https://oto.detik.com/x"), registrable_domain("http://news.bbc.co.uk")
    ('detik.com', 'bbc.co.uk')
    >>> registrable_domain("https://foo.blogspot.com/p"), registrable_domain(None)
    ('foo.blogspot.com', None)
    """
    host = host_of(url)
    if not host:
        return None
    return _registrable(host)[0] or host


def _public_suffix(domain: str) -> str:
    return _registrable(domain)[1] if domain else ""


@lru_cache(maxsize=4096)
def _registrable(host: str) -> tuple[str | None, str]:
    """(registrable domain, public suffix) of a host, by the public suffix list."""
    from tld import get_tld

    try:
        res = get_tld(host, fix_protocol=True, fail_silently=True, as_object=True)
    except Exception:  # tld raises errors of its own on odd hosts: no domain, keep the host
        return None, ""
    if res is None:
        return None, ""
    return res.fld or None, res.tld or ""


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


def _path(url: str | None) -> str:
    """The path of a URL, or "" (none, or a URL urllib cannot split)."""
    if not url:
        return ""
    try:
        return urlsplit(url).path
    except ValueError:
        return ""


def _initials(lines: Sequence[str], present: list[int], r: int, byline: _Byline) -> bool:
    """Whether the ``r``-th non-blank line is the initials of the name under it (an avatar)."""
    if not lines or not 0 <= r < len(present) or len(byline.names) != 1:
        return False
    line = lines[present[r]].strip()
    return 2 <= len(line) <= 3 and line == "".join(w[0] for w in byline.names[0].split())


def _without_section(name: str, counts: Counter[str]) -> str:
    """A name of three words or more without its last where the page prints that word alone on
    a line: a section ("30. Oktober 2023 Anna Maria Muster Kultur", "Kultur" in the menu).

    >>> _without_section("Anna Muster Kultur", Counter({"kultur": 1}))
    'Anna Muster'
    """
    tokens = name.split()
    if len(tokens) >= 3 and counts[tokens[-1].casefold()]:
        return " ".join(tokens[:-1])
    return name


def _authors(
    bylines: list[_Byline],
    anchor: int,
    dates: list[_Date],
    present: list[int],
    title: bool,
    lines: Sequence[str] = (),
) -> tuple[tuple[str, ...], str] | None:
    """The byline nearest the headline. A name without a label counts only beside a date
    line (or a line saying when), or right under the headline (the page's own byline place);
    names alone on consecutive lines there are one byline ("Luana Patriolino" / "Raphael
    Felice" / "04/05/2022")."""
    rank = {i: n for n, i in enumerate(present)}
    here = rank.get(anchor, 0)
    dated = {rank[d.at] for d in dates if d.at in rank}
    alone = {rank[b.at]: b for b in bylines if not b.labelled}
    best = None
    for b in bylines:
        r = rank[b.at]
        distance = r - here
        names = b.names
        if not b.labelled:
            run = [r]  # the run of name lines this one belongs to (an avatar's initials
            # between two names are part of it: "LP" / "Luana Patriolino" / "RF" / ...)
            while run[0] - 1 in alone or (
                run[0] - 2 in alone and _initials(lines, present, run[0] - 1, alone[run[0]])
            ):
                run.insert(0, run[0] - 1 if run[0] - 1 in alone else run[0] - 2)
            while run[-1] + 1 in alone or (
                run[-1] + 2 in alone and _initials(lines, present, run[-1] + 1, alone[run[-1] + 2])
            ):
                run.append(run[-1] + 1 if run[-1] + 1 in alone else run[-1] + 2)
            beside = bool({run[0] - 1, run[-1] + 1} & dated)
            under = title and 0 < run[0] - here <= UNDER_TITLE
            if not (beside or under) or len(run) > MAX_NAME_LINES:
                continue
            names = tuple(n for k in run for n in alone[k].names)
        # nearest first; a label is worth a couple of lines' distance
        key = (abs(distance) + (0 if b.labelled else UNLABELLED_COST), distance < 0, b.at)
        if best is None or key < best[0]:
            best = (key, b, names)
    if best is None:
        return None
    _, b, names = best
    why = "a byline" if b.labelled else "a name beside the date line or under the headline"
    return names, f"text: {why} at line {b.at + 1}"


def _title(
    lines: Sequence[str],
    kept: Sequence[bool],
    reasons: Mapping[int, str],
    window: list[int],
    start: int,
    dates: list[_Date],
    bylines: list[_Byline],
    counts: Counter[str],
    url: str | None,
    subheads: frozenset[str] | set[str] = frozenset(),
) -> tuple[int, str] | None:
    """The headline's line and why: the best of the headline-shaped lines around the body's
    start (and, where the URL's slug names one, of the page's head).

    Evidence for a line, a point or a few each: close to the body's first paragraph (further
    up or below it costs); a date or byline under it (or beside it) within :data:`META_NEAR`
    lines; the words of the URL's slug; printed twice (a breadcrumb's last item, a share box);
    the strip stage's own title. Against: one or two words (a section label, a menu item), a
    line printed three times or more (a repeated link), a line among one-word lines (a menu),
    a prompt's or a notice's words ("Newsletter", "Abonnieren", "Cookies"), a count ("5 from
    7 votes"). A table of contents above the body (lines the body prints again as its
    subheadings) is not the headline, and a reader reads past it: its lines do not count in a
    headline's distance from the body.
    """
    slug = _slug_words(url)
    dated = {d.at for d in dates}
    named = {b.at for b in bylines if b.labelled}
    near_meta = dated | named | {b.at for b in bylines if _beside(b.at, dated, window)}
    rank = {i: n for n, i in enumerate(window)}
    body_at = rank.get(start, len(window))
    # nothing but chrome above the body's start: a body scraped alone, no page head
    # (a kicker or a section label on one line above it does not make a head): a headline
    # there is a line the body does not hold, with evidence of its own (the URL's words ...)
    scraped = sum(1 for i in lines[:start] if i.strip()) <= SCRAPED_HEAD_LINES
    pool = list(window)
    if slug:  # a line far from the body that the URL's slug names (a long menu between)
        last = window[-1] + SLUG_BELOW if window else len(lines)
        heads = [w[:4] for w in slug if len(w) >= 4]
        pool += [
            i for i, line in enumerate(lines[:last])
            if i not in rank and line.strip() and len(line) <= TITLE_MAX_CHARS
            and _slug_hints(line, heads) >= 2
            and _slug_share(line_key(line).split(), slug) >= SLUG_STRONG
        ]  # fmt: skip
    toc = {  # entries of a table of contents: the body's subheadings, listed above it
        n for n, i in enumerate(window)
        if i < start and " ".join(lines[i].casefold().split()) in subheads
    }  # fmt: skip
    best = None
    for i in pool:
        line = lines[i].strip()
        if i in dated or i in named or not _headline_shaped(line, reasons.get(i, "")):
            continue
        tokens = line_key(line).split()
        if i < len(kept) and kept[i] and len(tokens) > TITLE_BODY_WORDS:
            continue  # a paragraph of the body
        n = rank.get(i)
        score = 0.0
        notes = []
        if n is None:
            gap = TITLE_FAR
        elif n <= body_at:  # a table of contents between is read past
            gap = body_at - n - sum(1 for k in toc if n < k < body_at)
        else:
            gap = 2 * (n - body_at)
        score -= 0.25 * min(gap, TITLE_FAR)
        if n is not None:
            near = [
                rank[m] - n for m in near_meta
                if m in rank and m != i and abs(rank[m] - n) <= META_NEAR
            ]  # fmt: skip
            if any(d > 0 for d in near):
                score += 3.0
                notes.append("above the date or byline")
            elif near:
                score += 1.5
                notes.append("beside the date or byline")
        share = _slug_share(tokens, slug) if slug else 0.0
        if share >= 0.5:
            score += 5.0 * share
            notes.append("the URL's words")
        key = " ".join(line.casefold().split())
        copies = counts[key]
        if n in toc:
            score -= TOC_COST  # a table of contents' entry: a heading of the body
        elif copies == 2 and len(tokens) >= 3 and not (key in subheads and i < start):
            score += 1.0
            notes.append("printed twice")
        elif copies >= 3 and len(tokens) <= 4:
            score -= 2.0
        if reasons.get(i) == "generic.title":
            score += 1.0
        if len(tokens) == 1:
            score -= 3.0
        elif len(tokens) == 2:
            score -= 1.0
        if n is not None and _in_menu(lines, window, n, dated):
            score -= 2.0
        if i < len(kept) and kept[i]:
            score -= 1.0  # the body's own line: a subheading
        if any(t in CHROME_WORDS for t in tokens) or (len(tokens) <= 4 and tokens[0].isdigit()):
            score -= 3.0
        if n is not None:
            score -= _pair_cost(lines, reasons, window, n, tokens)
        if (n is None or n > body_at or scraped) and not notes:
            continue  # below the body's start or far from it, a line needs evidence of its own
        if scraped and i < len(kept) and kept[i]:
            continue
        key = (score, -gap, -i)
        if best is None or key > best[0]:
            best = (key, i, notes)
    if best is None:
        return None
    _, i, notes = best
    why = ", ".join(notes) if notes else "nearest the body"
    return i, f"text: the headline at line {i + 1} ({why})"


def _beside(i: int, others: set[int], window: list[int]) -> bool:
    """Whether line ``i`` is next to one of ``others`` (no non-blank line between)."""
    if i not in window:
        return False
    n = window.index(i)
    return any(window[k] in others for k in (n - 1, n + 1) if 0 <= k < len(window))


def _pair_cost(
    lines: Sequence[str], reasons: Mapping[int, str], window: list[int], n: int, tokens: list[str]
) -> float:
    """What a headline candidate loses to a headline-like neighbour: a short line over a longer
    one is a kicker ("Mietenstreik in den USA" / the headline); a line under another that
    says more, or says the same again, is its standfirst or a variant."""
    above = window[n - 1] if n else None
    below = window[n + 1] if n + 1 < len(window) else None
    this = lines[window[n]].strip()
    if below is not None and _glued_over(this, lines[below].strip()):
        return CONTAINER_COST  # "StartseiteKulturDrei Haselnüsse ..." over "Drei Haselnüsse ..."
    if above is not None and _glued_over(lines[above].strip(), this):
        return 0.0  # the headline under a breadcrumb glued to it is no variant of it
    if below is not None and _headline_like(lines[below], reasons, below):
        under = line_key(lines[below]).split()
        if len(tokens) <= KICKER_WORDS and len(under) > len(tokens):
            return KICKER_COST
    if above is not None and _headline_like(lines[above], reasons, above):
        over = line_key(lines[above]).split()
        if len(over) > KICKER_WORDS or len(over) >= len(tokens):
            shared = sum(1 for t in tokens if t in set(over)) / len(tokens)
            if len(tokens) > len(over) or shared >= VARIANT_SHARE:
                return STANDFIRST_COST
    return 0.0


def _glued_over(longer: str, shorter: str) -> bool:
    """Whether a line is the next one with something glued before it: a scraper that took a
    breadcrumb's and a headline's text as one."""
    return len(shorter) >= GLUED_MIN and len(longer) > len(shorter) and longer.endswith(shorter)


def _headline_like(line: str, reasons: Mapping[int, str], i: int) -> bool:
    """Whether line ``i`` reads as a headline too (a neighbour of a candidate)."""
    return _headline_shaped(line.strip(), reasons.get(i, "")) and len(line.split()) >= 2


def _headline_shaped(line: str, reason: str) -> bool:
    """A line that may be a headline: a few words, not a sentence, not chrome or a date."""
    if not line or (reason and reason not in TITLE_REASONS):
        return False
    if len(line) > TITLE_MAX_CHARS:
        return False
    n = len(words(line))
    if not 1 <= n <= TITLE_MAX_WORDS:
        return False
    tail = line.rstrip().rstrip("\"'”’»)]")
    if tail.endswith((":", ",", ";")):
        return False
    if tail.endswith(".") and not tail.endswith("..") and not ABBREVIATION_END.search(tail):
        return False  # a sentence
    if line.startswith(("©", "(c)", "http", "www.", "#", "@")) or EMAIL.search(line):
        return False
    if line[0].islower() and not line[1:2].isupper():
        return False  # a line cut out of a sentence ("statt. Ausbildungsziel ..."), not "iPhone"
    if BREADCRUMB.search(line) and len(BREADCRUMB.split(line)) >= 3:
        return False
    return not find_dates(line)


def _in_menu(
    lines: Sequence[str], window: list[int], n: int, dated: set[int] | frozenset[int] = frozenset()
) -> bool:
    """Whether line ``n`` of the window stands among one- and two-word lines (a menu); a date
    line is no menu item (a short headline stands over its date: "FINA-WM VERSCHOBEN" /
    "01.02.2022")."""
    around = window[max(0, n - 2) : n] + window[n + 1 : n + 3]
    short = sum(1 for i in around if len(lines[i].split()) <= 2 and i not in dated)
    return len(lines[window[n]].split()) <= 3 and short >= 3


def _slug_words(url: str | None) -> frozenset[str]:
    """The words of a URL's slug (the segment of its path with the most words: a section's
    name is one word), folded and transliterated."""
    path = unquote(_path(url))[:500]
    folded = unicodedata.normalize("NFKD", path.casefold().translate(TRANSLITERATE))
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    segments = [SLUG_WORD.findall(part) for part in plain.split("/")]
    slug = max(segments, key=lambda ws: sum(1 for w in ws if not w.isdigit()), default=[])
    return frozenset(w for w in slug if len(w) >= 3 and not w.isdigit())


def _slug_hints(line: str, heads: list[str]) -> int:
    """How many of the slug's words begin somewhere in the line (folded, transliterated): a
    cheap look before :func:`_slug_share` folds the line properly (accents are not dropped
    here, so a line whose matches are all accented words is passed over)."""
    low = line.casefold().translate(TRANSLITERATE)
    return sum(1 for h in heads if h in low)


def _slug_share(tokens: list[str], slug: frozenset[str]) -> float:
    """The share of a line's words (of three letters or more) in the URL's slug (a word and a
    slug word of four letters or more match where one begins the other: "bischofs",
    "bischofswort"), the line's letters folded each way a slug writes them: transliterated
    ("gespraeche"), accents dropped ("gesprache") or every letter outside ASCII dropped
    ("gesprche")."""
    text = " ".join(tokens)
    if text.isascii():
        return _slug_share_of(text, slug)
    plain = unicodedata.normalize("NFKD", text.casefold())
    forms = (
        _squash_keep(text),
        "".join(ch for ch in plain if not unicodedata.combining(ch)),
        "".join(ch for ch in text.casefold() if ch.isascii()),
    )
    return max(_slug_share_of(form, slug) for form in forms)


def _slug_share_of(text: str, slug: frozenset[str]) -> float:
    content = [w for w in SLUG_WORD.findall(text) if len(w) >= 3 and not w.isdigit()]
    if not content:
        return 0.0
    heads = {w[:4] for w in slug if len(w) >= 4}
    hits = sum(
        1 for t in content
        if t in slug or (len(t) >= 4 and t[:4] in heads and any(
            w.startswith(t) or t.startswith(w) for w in slug if len(w) >= 4))
    )  # fmt: skip
    return hits / len(content) if hits >= min(2, len(content)) else 0.0


# What a link or a widget adds to an author's name in a page's metadata.
LINK_PREFIX = re.compile(
    r"^(?:view|see|read|more|all)(?:\s+(?:all|more|the))?\s+(?:posts?|articles?|stories|"
    r"beiträge|artikel)\s+(?:by|from|von)\s+",
    re.IGNORECASE,
)


def read_html(
    lines: Sequence[str],
    body: str,
    headlines: Sequence[str],
    fields: Mapping[str, str | None],
    origins: Mapping[str, str],
    url: str | None = None,
) -> Reading:
    """What an HTML page shows of its metadata: its structured data (``fields``: trafilatura's
    or the page's JSON-LD and meta tags: title, author, date, sitename) checked against what
    a reader sees (``lines``, the page's visible text; ``body``, the article trafilatura
    extracted; ``headlines``, its ``<h1>`` texts).

    - title: the ``<h1>`` that is the article's headline (the one the structured title
      agrees with, else the one nearest the article), as the page prints it; else the
      headline the page's lines show; else the structured title;
    - authors: the byline the page prints; else the structured author, checked as a name
      (no job titles, no "See more", no site or company name: no author rather than a
      wrong one);
    - published: a date the page labels as its publication's by the headline ("Published:",
      "Veröffentlicht am"); else the structured date; else the date the page's lines show.
    """
    sitename = fields.get("sitename")
    body_keys = {line_key(b) for b in body.split("\n") if b.strip()}
    kept = [line_key(line) in body_keys for line in lines]
    text = read_page(lines, kept, None, url, sitename)
    site = site_letters(url, sitename)
    title = _html_title(headlines, fields.get("title"), sitename, site, lines, kept)
    first_body = next((i for i, k in enumerate(kept) if k), len(lines))
    if title is None and text.title is not None and (text.title_line or 0) < first_body:
        title = text.title  # a line inside the article trafilatura chose is a subheading
    if title is None and fields.get("title"):
        title = Clue(str(fields["title"]), f"html: the title ({origins.get('title', 'page')})")
    authors, authors_source = text.authors, text.authors_source
    alone = (text.authors, text.authors_source)  # a name alone on a line: after the metadata
    if authors and authors_source and "a byline" not in authors_source:
        authors, authors_source = (), None
    if not authors and fields.get("author"):
        names = []
        for part in AUTHOR_SEPARATOR.split(str(fields["author"])):
            part = LINK_PREFIX.sub("", part)
            name = person_name(part, site, labelled=True, visible=False)
            if name is None and _printed_as_byline(part, lines):
                name = person_name(part, site, labelled=True)  # "Paddy", printed as a byline
            if name and _printed(name, lines):
                names.append(name)
        authors = tuple(dict.fromkeys(names))
        authors_source = f"html: the author ({origins.get('author', 'page')}), checked"
    if not authors:
        authors, authors_source = alone
    published = None
    labelled = text.published is not None and "labelled as the publication" in text.published.source
    if labelled:  # "Veröffentlicht am ..." by the headline: what the page says it published
        published = text.published
    elif _days_apart(text.published, fields.get("date"), SHOWN_DAYS):
        # the page prints the day by its headline, the metadata a day or two off (a time
        # zone's midnight, an edit): a reader sees the printed day
        published = text.published
    elif fields.get("date"):
        published = Clue(str(fields["date"]), f"html: the date ({origins.get('date', 'page')})")
    elif text.published is not None:
        published = text.published
    return Reading(
        title=title,
        published=published,
        authors=authors,
        authors_source=authors_source if authors else None,
        site_name=sitename or None,
    )


def _days_apart(shown: Clue | None, structured: str | None, most: int) -> bool:
    """Whether the date a page shows by its headline and its structured date are different
    days at most ``most`` apart."""
    if shown is None or not structured or "nearest the headline" not in shown.source:
        return False
    try:
        a = date.fromisoformat(shown.value[:10])
        b = date.fromisoformat(str(structured)[:10])
    except ValueError:
        return False
    return 0 < abs((a - b).days) <= most


def _printed(name: str, lines: Sequence[str]) -> bool:
    """Whether the page prints ``name`` in its visible text (a metadata author the page never
    shows is more often a site, a publisher or a template's default than the writer)."""
    key = line_key(name)
    return bool(key) and any(key in line_key(line) for line in lines if len(line) < 2000)


def _printed_as_byline(name: str, lines: Sequence[str]) -> bool:
    """Whether the page prints ``name`` after a byline's label ("von Paddy", "By oradmin")."""
    key = line_key(name)
    if not key:
        return False
    for line in lines:
        if (
            len(line) <= 3 * len(name) + 40 and key in line_key(line)
            and any(line_key(n) == key for n in byline_names(line))
        ):
            return True
    return False


def _html_title(
    headlines: Sequence[str],
    structured: str | None,
    sitename: str | None,
    site: str,
    lines: Sequence[str],
    kept: Sequence[bool],
) -> Clue | None:
    """The ``<h1>`` that is the article's headline: not the site's name (a logo), the one the
    structured title agrees with (shares most of its words), else the last one above the
    article's first line (a page's first h1 is often its logo or its section)."""
    words_of = {h: set(line_key(h).split()) for h in headlines}
    candidates = [
        h for h in headlines
        if len(h) <= TITLE_MAX_CHARS and not _is_site(_squash(h), site)
        and not (sitename and _squash(h) == _squash(sitename))
    ]  # fmt: skip
    if not candidates:
        return None
    if structured:
        target = set(line_key(structured).split())
        if target:
            share = {h: len(words_of[h] & target) / max(len(words_of[h] | target), 1)
                     for h in candidates}  # fmt: skip
            best = max(candidates, key=lambda h: share[h])
            if share[best] >= H1_AGREES:
                return Clue(best, "html: the <h1> the page's title agrees with")
    if len(candidates) == 1:
        return Clue(candidates[0], "html: the page's one <h1>")
    first_body = next((i for i, k in enumerate(kept) if k), len(lines))
    where = {line_key(line): i for i, line in enumerate(lines)}
    above = [h for h in candidates if where.get(line_key(h), len(lines)) <= first_body]
    if above:
        return Clue(above[-1], "html: the <h1> nearest above the article")
    return None
