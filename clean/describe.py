"""Describe a stripped document: settle its metadata (dates, authors, wire, language, counts).

The only module that uses langid.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from clean.records import Counts, Doc, Document
from clean.text import words

LANGUAGE_SAMPLE_CHARS = 3000  # language is clear from the first paragraphs; the rest costs time
# Below this many words or letters a text is too short to tell its language (langid calls
# "Kawan Pal." Polish and "POLITIK" English): language is null and the flag says why.
LANGUAGE_MIN_WORDS = 6
LANGUAGE_MIN_LETTERS = 40
FLAG_LANGUAGE_TOO_SHORT = "language.too-short"
# Indonesian and Malay share most of their words, and langid confuses them both ways on news
# (Indonesian news read as Malay, Malay read as Indonesian). What separates them is spelling and
# a set of everyday words one uses and the other does not: karena/kerana, bahwa/bahawa,
# yaitu/iaitu, uang/wang, bisa/boleh, persen/peratus, -itas/-iti, "rumah sakit"/hospital ...
# Each list holds words (and two-word phrases) of one that the other does not use in that form
# and sense; words the other also uses in another sense or in names ("polis" is an insurance
# policy in Indonesian, "sila" a principle, "Cuba" a country, "Mac" a computer; Republika writes
# "Ahad") are left out. Counted on the folded words of the text's first part.
_INDONESIAN = """
    karena karna bahwa yaitu uang bisa kemarin besok sepekan persen kendaraan perusahaan
    pemerintah kabupaten kecamatan kelurahan provinsi rp wib wita wit nggak gak enggak ngga aja
    banget sih dong kok gimana telepon kualitas aktivitas universitas fasilitas kapasitas
    komunitas proyek mobil truk pemilu daring lansia tersangka kasus penyidik penyidikan diduga
    silakan senin kamis jumat juni juli agustus maret desember sejumlah setelah sesudah saja
    ujar ujarnya tuturnya saat beda berbeda perbedaan coba mencoba dicoba pikir berpikir menit
    nomor dokter jenderal resmi istri kantor biaya timnas menjabat gratis wisatawan pariwisata
    pedagang oposisi
"""
_MALAY = """
    kerana bahawa iaitu wang selepas sahaja kenderaan hospital syarikat menerusi mengikut
    manakala baharu peratus kakitangan mesyuarat universiti kualiti aktiviti komuniti kapasiti
    fasiliti projek kompaun teksi bajet sebarang berhampiran justeru tempoh kanak-kanak disyaki
    kes siasatan bekalan kemalangan telefon lori pengundi mengundi parlimen pelbagai isnin
    khamis jumaat julai ogos disember encik dipercayai amaran beza berbeza
    perbezaan mencuba dicuba fikir berfikir minit nombor doktor jeneral rasmi isteri
    berkongsi menjawat menggesa sesetengah barangan seramai tempatan antarabangsa
    jurulatih pertubuhan percuma pelancong pelancongan peniaga pembangkang
"""
INDONESIAN_WORDS = frozenset(_INDONESIAN.split()) | frozenset(
    {"rumah sakit", "pekan lalu", "jalan tol", "pekan depan", "hari minggu"}
)
MALAY_WORDS = frozenset(_MALAY.split()) | frozenset(
    {"orang ramai", "tahun lepas", "minggu lepas", "bulan lepas", "pihak berkuasa", "dalam talian",
     "lebuh raya", "pilihan raya", "mengambil kira", "warga emas", "ahli parlimen"}
)  # fmt: skip
# Amounts glued to their currency ("Rp13.150", "RM50") are one word.
RUPIAH = re.compile(r"rp\d")
RINGGIT = re.compile(r"rm\d")
ID_MS = ("id", "ms")
LANGUAGE_WORD_CHARS = 20_000  # the separating words are counted on this much of the text
LANGUAGE_PRIOR_WEIGHT = 3  # a known site's language counts as this many words of its side
# Hosts whose country code says which of the two a page is written in.
COUNTRY_LANGUAGE = {"id": "id", "my": "ms", "bn": "ms"}

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
# from the start of a word only: tried inside it, [A-Za-z]+ made the search quadratic (issue 23)
NAMED_DATE_US = re.compile(r"(?<![A-Za-z])(?P<mon>[A-Za-z]+)\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})")
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
    if language is None and any(ch.isalpha() for ch in text[:LANGUAGE_SAMPLE_CHARS]):
        flags = (*flags, FLAG_LANGUAGE_TOO_SHORT)
    return Document(
        id=doc.id,
        text=text,
        source=doc.source,
        url=doc.url,
        title=found.first("title"),
        published=_published(found.all("published")),
        authors=tuple(_unique(a for v in found.all("authors") for a in split_authors(v))),
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


def identify_language(text: str, prior: str | None = None) -> tuple[str | None, float | None]:
    """The language code of a text and a probability, or ``(None, None)`` when it is too short.

    langid decides on a bounded sample; where it finds Indonesian or Malay (the two together
    more likely than any other language), :func:`indonesian_or_malay` chooses between them and
    the score is langid's probability of the two together. ``prior`` is the language of the
    document's site where it is known (a rule file's ``language``, the host's country).
    """
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < LANGUAGE_MIN_LETTERS:
        return None, None
    tokens = words(sample)
    if len(tokens) < LANGUAGE_MIN_WORDS:
        return None, None
    label, probability, pair, likelier = _classify_pair(_language_identifier(), sample)
    if label in ID_MS or pair > probability:
        more = words(text[:LANGUAGE_WORD_CHARS]) if len(text) > len(sample) else tokens
        return indonesian_or_malay(more, prior) or likelier, round(pair, 4)
    return label, round(probability, 4)


def indonesian_or_malay(tokens: list[str], prior: str | None = None) -> str | None:
    """``"id"`` or ``"ms"`` from the words that separate them, or None when they do not tell.

    >>> indonesian_or_malay("Dia bilang bahwa harga naik karena uang kurang".split())
    'id'
    >>> indonesian_or_malay("Beliau berkata bahawa harga naik kerana wang kurang".split())
    'ms'
    >>> indonesian_or_malay("Harga naik pada hari ini".split()), indonesian_or_malay([], "ms")
    (None, 'ms')
    """
    folded = [t.casefold() for t in tokens]
    pairs = [f"{a} {b}" for a, b in itertools.pairwise(folded)]
    ind = sum(t in INDONESIAN_WORDS or RUPIAH.match(t) is not None for t in folded)
    mal = sum(t in MALAY_WORDS or RINGGIT.match(t) is not None for t in folded)
    ind += sum(p in INDONESIAN_WORDS for p in pairs)
    mal += sum(p in MALAY_WORDS for p in pairs)
    if prior in ID_MS:
        ind += LANGUAGE_PRIOR_WEIGHT * (prior == "id")
        mal += LANGUAGE_PRIOR_WEIGHT * (prior == "ms")
    if ind == mal:
        return None
    return "id" if ind > mal else "ms"


def country_language(host: str | None) -> str | None:
    """Indonesian or Malay from a host's country code (``.id``, ``.my``, ``.bn``), else None.

    >>> country_language("news.republika.co.id"), country_language("bharian.com.my")
    ('id', 'ms')
    """
    if not host:
        return None
    return COUNTRY_LANGUAGE.get(host.rsplit(".", 1)[-1].casefold())


def _classify(identifier, sample: str) -> tuple[str, float]:  # type: ignore[no-untyped-def]
    """langid's naive Bayes over the features the sample has, not the whole model.

    ``classify`` multiplies a dense vector of 7,480 feature counts by the 7,480 x 97 model,
    though a sample holds a few hundred of them: 8 of its 12 ms per document. Summing only the
    rows of the features present gives the same scores (same labels and probabilities to four
    places on the seeds and the duplicates benchmark) in about 1.5 ms.
    """
    label, probability, _, _ = _classify_pair(identifier, sample)
    return label, round(probability, 4)


def _classify_pair(identifier, sample: str) -> tuple[str, float, float, str]:  # type: ignore[no-untyped-def]
    """langid's label and normalised probability (as ``norm_probs``), the probability of
    Indonesian and Malay together (the two share most features, so each alone can lose to a
    third language) and the likelier of the two."""
    import numpy as np

    counts = _features(identifier, sample)
    present = np.flatnonzero(counts)
    scores = counts[present].astype(np.float32) @ identifier.nb_ptc[present] + identifier.nb_pc
    top = int(np.argmax(scores))
    relative = np.exp(scores - scores[top])
    total = float(relative.sum())
    classes = list(identifier.nb_classes)
    pair = {c: float(relative[classes.index(c)]) / total for c in ID_MS if c in classes}
    likelier = max(pair, key=lambda c: pair[c]) if pair else ID_MS[0]
    return classes[top], 1.0 / total, min(1.0, sum(pair.values())), likelier


def _features(identifier, sample: str):  # type: ignore[no-untyped-def]
    """``identifier.instance2fv(sample)``: the count of each model feature in the sample.

    langid walks its automaton over the bytes, then adds each visited state's count to its
    features one numpy element at a time; here the visits are counted per state and added
    to the features with ``bincount`` (exact: integer sums far below 2**53).
    """
    import numpy as np

    nextmove = identifier.tk_nextmove
    state = 0
    states = [state := nextmove[(state << 8) + byte] for byte in sample.encode("utf8")]
    entry_state, entry_feature = _output_table(identifier)
    visits = np.bincount(np.array(states, dtype=np.intp), minlength=len(nextmove) >> 8)
    counts = np.bincount(
        entry_feature, weights=visits[entry_state], minlength=identifier.nb_numfeats
    )
    return counts.astype(np.uint32)


@lru_cache(maxsize=1)
def _output_table(identifier):  # type: ignore[no-untyped-def]
    """langid's state -> features map as two aligned arrays: (state, feature) per entry."""
    import numpy as np

    pairs = [(s, f) for s, features in identifier.tk_output.items() for f in features]
    return (
        np.array([s for s, _ in pairs], dtype=np.intp),
        np.array([f for _, f in pairs], dtype=np.intp),
    )


@lru_cache(maxsize=1)
def _language_identifier():  # type: ignore[no-untyped-def]  # langid is imported lazily
    # The model is read once per process; a normalised identifier gives a probability in [0, 1].
    from langid.langid import LanguageIdentifier

    return LanguageIdentifier(*_model_parts(), norm_probs=True)


# langid ships its model as a base64 bz2 pickle: decompressing and unpickling it costs about 3 s,
# paid again by every process (each worker). Its arrays, once decoded, are kept in a cache file
# that loads in milliseconds. The key holds langid's version and a hash of the model string, so
# another model never meets a stale cache.
MODEL_CACHE_FORMAT = 1


def cache_dir() -> Path | None:
    """Where clean keeps what it can rebuild: ``$XDG_CACHE_HOME/clean`` or ``~/.cache/clean``;
    None without a home (a relative ``XDG_CACHE_HOME`` is ignored, as the XDG spec says)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "clean" if os.path.isabs(base) else None


def _model_parts() -> tuple:  # type: ignore[type-arg]
    """The arguments ``LanguageIdentifier`` takes, as ``from_modelstring`` builds them:
    from the cache file when there is a good one, else decoded from langid's model (and cached)."""
    import hashlib
    from importlib.metadata import version

    from langid.langid import model

    folder = cache_dir()
    if folder is None:
        return _decode_model(model)
    digest = hashlib.sha256(model if isinstance(model, bytes) else model.encode()).hexdigest()
    path = folder / f"langid-{version('langid')}-{digest[:16]}-v{MODEL_CACHE_FORMAT}.npz"
    parts = _read_model_cache(path)
    if parts is None:
        parts = _decode_model(model)
        _write_model_cache(path, parts)
    return parts


def _decode_model(string: str | bytes) -> tuple:  # type: ignore[type-arg]
    """langid's own decoding of its model string (``LanguageIdentifier.from_modelstring``)."""
    import base64
    import bz2
    import pickle

    import numpy as np

    # The model is langid's own package data, not user input.
    nb_ptc, nb_pc, nb_classes, tk_nextmove, tk_output = pickle.loads(
        bz2.decompress(base64.b64decode(string))
    )
    nb_pc = np.array(nb_pc)
    nb_numfeats = len(nb_ptc) // len(nb_pc)
    nb_ptc = np.array(nb_ptc).reshape(nb_numfeats, len(nb_pc))
    return nb_ptc, nb_pc, nb_numfeats, nb_classes, tk_nextmove, tk_output


def _write_model_cache(path: Path, parts: tuple) -> None:  # type: ignore[type-arg]
    """Store the decoded model; a cache that cannot be written only costs the next process time."""
    import tempfile

    import numpy as np

    nb_ptc, nb_pc, _, nb_classes, tk_nextmove, tk_output = parts
    states = list(tk_output)  # in the model's order
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                np.savez(
                    f,
                    nb_ptc=nb_ptc,
                    nb_pc=nb_pc,
                    nb_classes=np.array(nb_classes),
                    tk_nextmove=np.frombuffer(tk_nextmove, dtype=tk_nextmove.typecode),
                    nextmove_typecode=np.array(tk_nextmove.typecode),
                    output_states=np.array(states, dtype=np.int64),
                    output_lengths=np.array([len(tk_output[s]) for s in states], dtype=np.int64),
                    output_features=np.array(
                        [i for s in states for i in tk_output[s]], dtype=np.int64
                    ),
                )
            os.replace(tmp, path)  # atomic: a reader sees the old file, the new one or none
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError:
        pass


def _read_model_cache(path: Path) -> tuple | None:  # type: ignore[type-arg]
    """The decoded model from a cache file, or None if there is none or it is damaged."""
    import array
    import zipfile

    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as z:
            nb_ptc, nb_pc = z["nb_ptc"], z["nb_pc"]
            nb_classes = [str(c) for c in z["nb_classes"]]
            tk_nextmove = array.array(str(z["nextmove_typecode"]), z["tk_nextmove"].tobytes())
            states = z["output_states"].tolist()
            ends = np.cumsum(z["output_lengths"]).tolist()
            features = z["output_features"].tolist()
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        return None
    if nb_ptc.ndim != 2 or not nb_ptc.shape[1] == len(nb_pc) == len(nb_classes) or not ends:
        return None
    if ends[-1] != len(features) or len(ends) != len(states):
        return None
    starts = [0, *ends[:-1]]
    tk_output = {s: tuple(features[a:b]) for s, a, b in zip(states, starts, ends, strict=True)}
    return nb_ptc, nb_pc, nb_ptc.shape[0], nb_classes, tk_nextmove, tk_output
