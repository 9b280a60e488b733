"""Describe a stripped document: settle its metadata (dates, authors, wire, language, counts).

The only module that uses langid.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from clean.dates import parse_date
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

    Where candidates compete, a site rule's value wins (the site's own rule knows its pages),
    then what the page shows (:mod:`clean.metadata`: the HTML's structured data checked, or the
    raw text read as a reader does), then the generic rules' values; the record's ``sources``
    says which, and why.
    """
    found = doc.found
    text = doc.text
    origin = _origins(doc)
    reading = doc.reading
    sources: dict[str, str] = {}

    def settle(name: str, page: Clue | None) -> str | None:
        site_value = next((v for v in found.all(name) if not _generic(origin.get((name, v)))), None)
        if site_value is not None:
            sources[name] = f"rule {origin.get((name, site_value)) or 'extract'}"
            return site_value
        if page is not None:
            sources[name] = page.source
            return page.value
        value = found.first(name)
        if value is not None:
            sources[name] = f"rule {origin.get((name, value))}"
        return value

    title = settle("title", reading.title if reading else None)
    published = _settle_published(found, origin, reading, sources)
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
    flags = doc.flags
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


def _settle_published(
    found: Found, origin: dict[tuple[str, str], str], reading: Reading | None,
    sources: dict[str, str],
) -> str | None:
    """A site rule's date, else the page's, else the generic rules' (with the time a later
    value of the same day gives)."""
    values = found.all("published")
    site_values = [v for v in values if not _generic(origin.get(("published", v)))]
    if site_values:
        sources["published"] = f"rule {origin[('published', site_values[0])]}"
        return _published(site_values)
    if reading and reading.published:
        sources["published"] = reading.published.source
        return parse_date(reading.published.value) or reading.published.value
    value = _published(values)
    if value:
        sources["published"] = f"rule {origin.get(('published', values[0]))}"
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
        sources["authors"] = f"rule {origin[('authors', site_values[0])]}"
        return tuple(_unique(a for v in site_values for a in split_authors(v)))
    if reading and reading.authors:
        sources["authors"] = reading.authors_source or "the page"
        return tuple(_unique(reading.authors))
    site = site_letters(doc.url, found.first("site"))
    names = [person_name(a, site, labelled=True) for v in values for a in split_authors(v)]
    names = [n for n in names if n]
    if names:
        sources["authors"] = f"rule {origin.get(('authors', values[0]))}"
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
