"""Identify a text's language: langid's model, read fast, and Indonesian told from Malay.

The only module that imports langid. :func:`identify_language` gives the same label and score
as langid's own ``classify`` on the same sample (its features are counted with numpy instead of
a walk over the bytes in Python), except where a few words with accented Latin letters would
make the label on their own (:data:`WRITTEN_WITHOUT_ACCENTS`).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

from clean.text import WORD, words

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
INDONESIAN_PHRASES = tuple(sorted(tuple(w.split()) for w in INDONESIAN_WORDS if " " in w))
MALAY_PHRASES = tuple(sorted(tuple(w.split()) for w in MALAY_WORDS if " " in w))
# Amounts glued to their currency ("Rp13.150", "RM50") are one word: rupiah or ringgit, after a
# space in the folded words joined by spaces.
CURRENCY = re.compile(r" r([pm])\d")
ID_MS = ("id", "ms")
LANGUAGE_WORD_CHARS = 20_000  # the separating words are counted on this much of the text
LANGUAGE_PRIOR_WEIGHT = 3  # a known site's language counts as this many words of its side
# Hosts whose country code says which of the two a page is written in.
COUNTRY_LANGUAGE = {"id": "id", "my": "ms", "bn": "ms"}
# Latin letters with a diacritic (Latin-1 Supplement, Extended-A and -B, Extended Additional).
DIACRITIC = re.compile("[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")
# langid counts byte n-grams of the UTF-8 text, so one accented letter is two bytes and five to
# eight features ("é", "é ", "ré", " ré" ...), each weighing as much as a whole ordinary word:
# three loanwords ("café, résumé, naïve") give Javanese, whose training text writes é and è,
# 85 nats over Indonesian, against 3 for every other feature of the sentence; names do the same
# ("José", "Zürich", "Nestlé"). A reader takes such words for loans and names when the rest of
# the text is in a language that writes no accented Latin letters of its own: these, of
# langid's languages (Latin script without diacritics, and the other scripts).
_WITHOUT_ACCENTS = """
    en id ms sw tl la rw xh zu
    am ar as be bg bn dz el fa gu he hi hy ja ka kk km kn ko ky lo mk ml mn mr ne or pa ps ru
    si ta te th ug uk ur zh
"""
WRITTEN_WITHOUT_ACCENTS = frozenset(_WITHOUT_ACCENTS.split())
ASCII_LETTERS = bytes(range(65, 91)) + bytes(range(97, 123))
NOT_ASCII_LETTER = bytes(b for b in range(256) if b not in ASCII_LETTERS)


def identify_language(text: str, prior: str | None = None) -> tuple[str | None, float | None]:
    """The language code of a text and a probability, or ``(None, None)`` when it is too short.

    langid decides on a bounded sample; where it finds Indonesian or Malay (the two together
    more likely than any other language), :func:`indonesian_or_malay` chooses between them and
    the score is langid's probability of the two together. ``prior`` is the language of the
    document's site where it is known (a rule file's ``language``, the host's country).

    >>> identify_language("Saya membuat résumé di café itu karena saya naïve tentang pekerjaan.")
    ('id', 1.0)
    """
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    encoded = sample.encode("utf8")
    # ASCII letters are the same bytes in UTF-8: counted in C; other letters only when needed
    if len(encoded.translate(None, NOT_ASCII_LETTER)) < LANGUAGE_MIN_LETTERS and (
        sum(ch.isalpha() for ch in sample) < LANGUAGE_MIN_LETTERS
    ):
        return None, None
    if len(list(itertools.islice(WORD.finditer(sample), LANGUAGE_MIN_WORDS))) < LANGUAGE_MIN_WORDS:
        return None, None
    identifier = _language_identifier()
    label, probability, pair, likelier = _classify_pair(identifier, encoded)
    if label not in WRITTEN_WITHOUT_ACCENTS and DIACRITIC.search(sample) is not None:
        folded = _classify_pair(identifier, fold_accents(sample).encode("utf8"))
        if folded[0] in WRITTEN_WITHOUT_ACCENTS:  # the accented words alone made the label
            label, probability, pair, likelier = folded
    if label in ID_MS or pair > probability:
        more = words(text[:LANGUAGE_WORD_CHARS])
        return indonesian_or_malay(more, prior) or likelier, round(pair, 4)
    return label, round(probability, 4)


def fold_accents(text: str) -> str:
    """``text`` with its accented Latin letters written without their marks.

    >>> fold_accents("Kopi di café itu, kata Beyoncé di Zürich; Łódź, Ørsted.")
    'Kopi di cafe itu, kata Beyonce di Zurich; Łodz, Ørsted.'
    """
    return DIACRITIC.sub(lambda m: _base_letter(m.group()), text)


@lru_cache(maxsize=4096)
def _base_letter(letter: str) -> str:
    """A Latin letter without its marks (``é`` -> ``e``); letters Unicode does not decompose
    (``ø``, ``ß``, ``đ``) stay as they are."""
    base = "".join(c for c in unicodedata.normalize("NFD", letter) if not unicodedata.combining(c))
    return base or letter


def indonesian_or_malay(tokens: list[str], prior: str | None = None) -> str | None:
    """``"id"`` or ``"ms"`` from the words that separate them, or None when they do not tell.

    >>> indonesian_or_malay("Dia bilang bahwa harga naik karena uang kurang".split())
    'id'
    >>> indonesian_or_malay("Beliau berkata bahawa harga naik kerana wang kurang".split())
    'ms'
    >>> indonesian_or_malay("Harga naik pada hari ini".split()), indonesian_or_malay([], "ms")
    (None, 'ms')
    """
    # casefold maps each character on its own and a word holds no space: folding the joined
    # words is folding each, in one call
    folded = " ".join(tokens).casefold()
    counts = Counter(folded.split(" ")) if tokens else Counter()
    ind = sum(counts[w] for w in counts.keys() & INDONESIAN_WORDS)
    mal = sum(counts[w] for w in counts.keys() & MALAY_WORDS)
    for m in CURRENCY.finditer(" " + folded):  # "Rp13.150", "RM50": a word that starts so
        ind += m.group(1) == "p"
        mal += m.group(1) == "m"
    # two spaces between words: a phrase's match cannot take the space the next one starts with
    spaced = None
    for phrases, side in ((INDONESIAN_PHRASES, "id"), (MALAY_PHRASES, "ms")):
        for first, second in phrases:
            if first in counts and second in counts:
                spaced = spaced or " " + "  ".join(folded.split(" ")) + " "
                n = spaced.count(f" {first}  {second} ")
                ind += n * (side == "id")
                mal += n * (side == "ms")
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
    though a sample holds a few hundred of them. Summing only the rows of the features present
    gives the same scores (same labels and probabilities to four places), far faster.
    """
    label, probability, _, _ = _classify_pair(identifier, sample.encode("utf8"))
    return label, round(probability, 4)


def _classify_pair(identifier, sample: bytes) -> tuple[str, float, float, str]:  # type: ignore[no-untyped-def]
    """langid's label and normalised probability (as ``norm_probs``), the probability of
    Indonesian and Malay together (the two share most features, so each alone can lose to a
    third language) and the likelier of the two, for a UTF-8 sample."""
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


def _features(identifier, sample: str | bytes):  # type: ignore[no-untyped-def]
    """``identifier.instance2fv(sample)``: the count of each model feature in the sample.

    langid's features are byte n-grams of one to four bytes, and its automaton, walked one
    byte at a time in Python, counts every occurrence of each. Here each n-gram ending at each
    byte is looked up at once, for all bytes, in :func:`_ngram_tables` (exact: the same counts).
    """
    import numpy as np

    data = sample.encode("utf8") if isinstance(sample, str) else sample
    t1, t2, row2, t3, row3, t4 = _ngram_tables(identifier)
    x = np.frombuffer(data, dtype=np.uint8).astype(np.intp)
    # the feature of the 1-, 2-, 3- and 4-byte n-gram ending at each byte (-1: none); the
    # longer ones go through the row of their prefix, so no table is indexed by 3 or 4 bytes
    pair = (x[:-1] << 8) | x[1:]
    triple = (row2[pair][:-1] << 8) | x[2:]
    quad = (row3[triple][:-1] << 8) | x[3:]
    found = np.concatenate([t1[x], t2[pair], t3[triple], t4[quad]])
    return np.bincount(found[found >= 0], minlength=identifier.nb_numfeats).astype(np.uint32)


@lru_cache(maxsize=1)
def _ngram_tables(identifier):  # type: ignore[no-untyped-def]
    """langid's features as lookup tables by n-gram: ``t1[byte]`` and ``t2[two bytes]`` give the
    feature of a 1- or 2-byte n-gram (-1: none); ``row2[two bytes]`` is the row (0: none) of a
    prefix of longer features, ``t3[row * 256 + byte]`` the 3-byte feature and
    ``row3[row * 256 + byte]`` the row of a 3-byte prefix, ``t4[row * 256 + byte]`` the 4-byte
    feature. Built from the automaton: a state's n-gram is the bytes that first reach it."""
    import numpy as np

    grams = _feature_ngrams(identifier)
    t1 = np.full(256, -1, dtype=np.intp)
    t2 = np.full(1 << 16, -1, dtype=np.intp)
    longer = sorted({g[:2] for g in grams.values() if len(g) > 2})
    row2 = np.zeros(1 << 16, dtype=np.intp)
    for i, p in enumerate(longer, 1):
        row2[p[0] << 8 | p[1]] = i
    t3 = np.full((len(longer) + 1) << 8, -1, dtype=np.intp)
    longest = sorted({g[:3] for g in grams.values() if len(g) > 3})
    row3 = np.zeros((len(longer) + 1) << 8, dtype=np.intp)
    for i, p in enumerate(longest, 1):
        row3[row2[p[0] << 8 | p[1]] << 8 | p[2]] = i
    t4 = np.full((len(longest) + 1) << 8, -1, dtype=np.intp)
    for feature, g in grams.items():
        if len(g) == 1:
            t1[g[0]] = feature
        elif len(g) == 2:
            t2[g[0] << 8 | g[1]] = feature
        elif len(g) == 3:
            t3[row2[g[0] << 8 | g[1]] << 8 | g[2]] = feature
        else:
            t4[row3[row2[g[0] << 8 | g[1]] << 8 | g[2]] << 8 | g[3]] = feature
    return t1, t2, row2, t3, row3, t4


def _feature_ngrams(identifier) -> dict[int, bytes]:  # type: ignore[no-untyped-def]
    """Each feature's byte n-gram, read from langid's automaton (``tk_nextmove``, ``tk_output``).

    The automaton's states are the prefixes of the features; the bytes that first reach a state,
    breadth first, are its prefix, and a feature is the shortest state that outputs it (a state
    outputs every feature that ends its bytes).
    """
    import numpy as np

    moves = np.frombuffer(identifier.tk_nextmove, dtype=np.dtype(identifier.tk_nextmove.typecode))
    moves = moves.reshape(-1, 256)
    gram: dict[int, bytes] = {0: b""}
    frontier = [0]
    while frontier:
        reached = moves[frontier].ravel()
        _, first = np.unique(reached, return_index=True)
        nxt = []
        for i in sorted(int(i) for i in first):  # first reached, in breadth-first order
            state = int(reached[i])
            if state not in gram:
                gram[state] = gram[frontier[i >> 8]] + bytes([i & 255])
                nxt.append(state)
        frontier = nxt
    grams: dict[int, bytes] = {}
    for state, features in identifier.tk_output.items():
        for f in features:
            if f not in grams or len(gram[state]) < len(grams[f]):
                grams[f] = gram[state]
    return grams


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
