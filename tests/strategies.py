"""Hypothesis strategies: articles, the chrome the rules know, pages, encodings, edits, rewrites.

Article text is built from an integer seed (``random.Random``), so that shrinking makes an
article shorter but never degenerate (hypothesis would otherwise shrink every word to the first
of the list, and two "independent" stories to the same text). Structure (how many paragraphs,
which chrome, where) is drawn by hypothesis and shrinks as usual.

Every chrome line drawn here is one a bundled rule removes completely; see ``rules/*.yaml``,
``seeds/`` and ``tests/data/seed_snippets.json`` for the real lines these imitate.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import random
from dataclasses import dataclass, field

from hypothesis import settings
from hypothesis import strategies as st

from clean.text import line_key


def examples(share: float) -> int:
    """A share of the current profile's examples, for properties that cost a CLI run each."""
    return max(3, round(settings.default.max_examples * share))


def _vocab(words: str) -> tuple[str, ...]:
    return tuple(words.split())


# --- vocabulary ------------------------------------------------------------------------------
# No word here starts a line the rules treat as chrome (Baca, Bagikan, Oleh, Sumber, Foto,
# Masuk, Daftar, Komentar, Share, By, Related ...), and there are no dashes or brackets.

ID_WORDS = _vocab(
    "pemerintah warga kota desa pasar harga beras minyak bantuan sekolah rumah sakit jalan "
    "jembatan banjir hujan musim panen petani nelayan pelabuhan kapal bandara pesawat kereta "
    "anggaran pajak ekonomi pertumbuhan inflasi bank kredit usaha kecil menengah pekerja buruh "
    "upah kantor menteri gubernur bupati wali kepala dinas polisi tentara perbatasan keamanan "
    "rapat sidang keputusan rencana program proyek pembangunan laporan data survei hasil "
    "pekan bulan tahun pagi siang malam kemarin besok baru lama besar kecil tinggi rendah cepat "
    "lambat penting utama resmi umum daerah wilayah provinsi kabupaten negara dunia asing "
    "mengatakan menyatakan menjelaskan meminta memberikan membangun menurunkan menaikkan "
    "menerima mengirim menunggu memeriksa mempertimbangkan melanjutkan menyelesaikan "
    "akan telah sudah masih belum juga hanya lebih kurang sangat cukup sekitar hingga "
    "kamp-kamp warga-warga café"
)
EN_WORDS = _vocab(
    "government residents city village market price rice oil aid school hospital road "
    "bridge flood rain season harvest farmers fishermen port ship airport plane train budget "
    "tax economy growth inflation bank credit business small workers wages office minister "
    "governor mayor police soldiers border security meeting hearing decision plan programme "
    "project report data survey result week month year morning night yesterday tomorrow new "
    "old large small high low fast slow important main official public region province "
    "country world foreign said stated explained asked gave built lowered raised received "
    "sent waited checked considered continued finished will has already still also only more "
    "less very about until long-term well-known naïve café"
)
ID_STARTS = ("Pemerintah", "Warga", "Menurut", "Dalam", "Selain", "Pada", "Sementara", "Para")
EN_STARTS = ("The", "Residents", "According", "In", "Officials", "On", "Meanwhile", "Several")
ID_SAID = ("kata", "ujar", "tutur", "jelas")
EN_SAID = ("said", "told reporters", "added", "explained")
NAMES = (
    "Budi Santoso", "Siti Rahmawati", "Emomali Rakhmon", "Vladimir Putin", "Perry Warjiyo",
    "Sri Mulyani", "Hamdullah Mohib", "Stanislav Zas", "José Ramos", "François Müller",
    "Joko Widodo", "Retno Marsudi", "Ahmad Dahlan", "Maria Ulfa", "John Carter", "Anna Schmidt",
)  # fmt: skip
PLACES = (
    "Jakarta", "Surabaya", "Medan", "Bandung", "Makassar", "Pontianak", "Dushanbe", "Kabul",
    "Moskow", "Badakhshan", "Khatlon", "Zürich", "São Paulo", "Yogyakarta", "Denpasar", "Ambon",
)  # fmt: skip
# Journalists: bylines and Kompas author lines are chrome, so never a name the story mentions.
REPORTERS = ("Aditya Jaya Iswara", "Dewi Lestari", "Rina Kusuma", "Tom Baker", "Lisa Wong")
ORGS = (
    "Bank Indonesia",
    "Kementerian Keuangan",
    "Organisasi Perjanjian Keamanan Kolektif",
    "Komite Keamanan Nasional",
    "Badan Pusat Statistik",
    "Dewan Perwakilan Rakyat",
)
TOPICS = (
    ("banjir", "hujan", "warga", "bantuan", "pengungsi"),
    ("harga", "beras", "pasar", "inflasi", "petani"),
    ("perbatasan", "tentara", "keamanan", "pasukan", "cadangan"),
    ("anggaran", "pajak", "menteri", "pertumbuhan", "ekonomi"),
)
DATELINES = ("JAKARTA", "DUSHANBE", "MOSKOW", "SURABAYA", "NEW YORK", "LONDON")


def number(rng: random.Random) -> str:
    """A number as news prints it: counts, thousands with a dot, decimals with a comma, times."""
    kind = rng.randrange(5)
    if kind == 0:
        return str(rng.randrange(2, 99))
    if kind == 1:
        return f"{rng.randrange(1, 999)}.{rng.randrange(0, 1000):03d}"
    if kind == 2:
        return f"{rng.randrange(1, 20)},{rng.randrange(1, 10)}"
    if kind == 3:
        return f"{rng.randrange(100, 9999)}"
    return f"{rng.randrange(0, 24):02d}:{rng.randrange(0, 60):02d}"


@dataclass(frozen=True)
class Topic:
    """What stories on one subject share: names, places and subject words (not sentences)."""

    names: tuple[str, ...]
    places: tuple[str, ...]
    words: tuple[str, ...]


def topic_from(rng: random.Random) -> Topic:
    return Topic(tuple(rng.sample(NAMES, 3)), tuple(rng.sample(PLACES, 2)), rng.choice(TOPICS))


def sentence(rng: random.Random, lang: str, topic: Topic, facts: list[str]) -> str:
    """One sentence, 8+ words, ending in a full stop; names, numbers and quotes as news has them."""
    vocab = ID_WORDS if lang == "id" else EN_WORDS
    pool = list(vocab) + list(topic.words) * 3
    n = rng.randint(7, 15)
    words = [rng.choice(pool) for _ in range(n)]
    for _ in range(rng.randint(0, 2)):
        words.insert(rng.randrange(1, len(words)), rng.choice(topic.names + topic.places + ORGS))
    if rng.random() < 0.6:
        fact = rng.choice(facts) if facts and rng.random() < 0.5 else number(rng)
        words.insert(rng.randrange(1, len(words)), fact)
    start = rng.choice(ID_STARTS if lang == "id" else EN_STARTS)
    body = " ".join([start, *words])
    if rng.random() < 0.25:  # a quote: the sentence ends in its closing quote
        said = rng.choice(ID_SAID if lang == "id" else EN_SAID)
        who = rng.choice(topic.names)
        if rng.random() < 0.5:
            return f"“{body},” {said} {who}."
        return f"{who} {said}, “{body[0].lower()}{body[1:]}.”"
    return body + "."


def headline(rng: random.Random, lang: str, topic: Topic) -> str:
    """A headline: 6-12 capitalised words, a name or a number, no full stop at the end."""
    vocab = ID_WORDS if lang == "id" else EN_WORDS
    words = [w.capitalize() for w in rng.sample(vocab, rng.randint(5, 10))]
    words.insert(rng.randrange(0, len(words)), rng.choice(topic.names + topic.places))
    if rng.random() < 0.5:
        words.insert(rng.randrange(1, len(words)), number(rng))
    return " ".join(words)


def subheading(rng: random.Random, lang: str, topic: Topic) -> str:
    """A subheading inside the body: 2-5 words, no end punctuation."""
    vocab = ID_WORDS if lang == "id" else EN_WORDS
    words = rng.sample(vocab, rng.randint(1, 4))
    return " ".join([rng.choice(topic.places), *words])


@dataclass(frozen=True)
class Article:
    """A story: its title and body blocks (paragraphs and subheadings), one block per line."""

    title: str
    blocks: tuple[str, ...]
    lang: str
    topic: Topic
    facts: tuple[str, ...] = ()

    @property
    def body(self) -> str:
        return "\n\n".join(self.blocks)


def make_article(
    seed: int, paragraphs: int, lang: str = "id", topic: Topic | None = None,
    subheadings: bool = True, facts: tuple[str, ...] | None = None,
) -> Article:  # fmt: skip
    """A reproducible story from a seed; every block and the title are distinct lines."""
    rng = random.Random(seed)
    topic = topic or topic_from(rng)
    facts = facts if facts is not None else tuple(number(rng) for _ in range(rng.randint(0, 4)))
    blocks: list[str] = []
    keys: set[str] = set()
    title = headline(rng, lang, topic)
    keys.add(line_key(title))
    while len([b for b in blocks if b.endswith((".", ".”"))]) < paragraphs:
        if blocks and subheadings and rng.random() < 0.15 and not _is_sub(blocks[-1]):
            block = subheading(rng, lang, topic)
        else:
            block = " ".join(
                sentence(rng, lang, topic, list(facts)) for _ in range(rng.randint(1, 3))
            )
        if line_key(block) not in keys:
            keys.add(line_key(block))
            blocks.append(block)
    return Article(title, tuple(blocks), lang, topic, facts)


def _is_sub(block: str) -> bool:
    return not block.endswith((".", ".”"))


@st.composite
def articles(draw, lang=None, min_paragraphs=1, max_paragraphs=6, topic=None) -> Article:  # type: ignore[no-untyped-def]
    """A generated article in Indonesian or English."""
    return make_article(
        draw(st.integers(0, 2**32 - 1)),
        draw(st.integers(min_paragraphs, max_paragraphs)),
        draw(st.sampled_from(("id", "en"))) if lang is None else lang,
        topic,
        draw(st.booleans()),
    )


# --- chrome ----------------------------------------------------------------------------------

NAV = ("Berita Utama", "Global", "Internasional", "Home", "News", "Nasional", "World", "Ekonomi")
DATE_LINES = (
    "Tuesday, 6 July 2021", "Selasa, 6 Juli 2021", "6 Juli 2021, 14:54 WIB", "Senin, 12 Mei 2025",
    "Friday, 1 March 2024", "27 Agustus 2023",
)  # fmt: skip
BYLINE_LABELS = ("By", "Oleh", "Oleh:", "Reporter:", "Penulis:")
PHOTO_CREDITS = (
    "©Sergei Ilyin/Kantor Pers dan Informasi Kepresidenan Rusia/TASS",
    "Foto: ANTARA/Budi Santoso",
    "Ilustrasi: Shutterstock",
    "Photo: Getty Images",
    "© Reuters",
    "Copyright 2021 Kompas Cyber Media",
)
CAPTION_CREDITS = ("// Handout via REUTERS", "(AFP)", "Foto: ANTARA FOTO/Budi", "via AP Photo")
SHARE = (
    "Share this article", "Share:", "Bagikan artikel ini", "Bagikan:", "Tweet", "Email This",
    "BlogThis!", "Share to Twitter", "Share to Facebook", "Share to Pinterest",
)  # fmt: skip
PROMPTS = (
    "Login untuk memaksimalkan pengalaman membaca",
    "Sign in to continue reading",
    "Masuk untuk mengikuti berita pilihan",
    "Subscribe to our daily newsletter",
    "Ikuti kami di Google News",
    "Follow us on Instagram",
    "Dapatkan update berita pilihan setiap hari",
    "Advertisement",
    "Scroll to continue with content",
    "Iklan",
)
READ_ALSO = ("Baca juga:", "Baca Juga:", "Read also:", "Simak juga:", "Berita terkait:")
COMMENTS = (
    "No comments:", "Post a Comment", "Newer Post", "Older Post",
    "Subscribe to: Post Comments (Atom)", "0 comments", "Tulis komentar",
)  # fmt: skip
EDITOR_TAGS = ("[jm/em]", "[ab/cd]", "[rz/ys/hb]")
KOMPAS_INLINE = ("Lihat Foto", "Video rekomendasi", "Video lainnya")
KOMPAS_WHATSAPP = (
    "Simak breaking news dan berita pilihan kami langsung di ponselmu. Pilih saluran andalanmu "
    "akses berita Kompas.com WhatsApp Channel : https://www.whatsapp.com/channel/0029VaFPbedBPzjZrk13HO3D. "
    "Pastikan kamu sudah install aplikasi WhatsApp ya."
)
KOMPAS_AD_FREE = "Baca berita tanpa iklan. Gabung Kompas.com+"
KOMPAS_FOOTER = (KOMPAS_AD_FREE, "Komentar", "Close Ads", "Bagikan artikel ini melalui", "Oke")


@dataclass(frozen=True)
class Page:
    """An article wrapped in chrome: the page text and every chrome line that must not survive."""

    text: str
    article: Article
    chrome: tuple[str, ...] = field(default=())
    kompas: bool = False


@st.composite
def inline_chrome(draw, rng: random.Random, article: Article, kompas: bool) -> list[str]:  # type: ignore[no-untyped-def]
    """One chrome item between paragraphs: one line, or a caption, or a prompt."""
    kinds = ["read-also", "share", "prompt", "credit", "caption"]
    if kompas:
        kinds += ["kompas", "whatsapp"]
    kind = draw(st.sampled_from(kinds))
    if kind == "read-also":
        return [f"{draw(st.sampled_from(READ_ALSO))} {headline(rng, article.lang, article.topic)}"]
    if kind == "share":
        return [draw(st.sampled_from(SHARE))]
    if kind == "prompt":
        return [draw(st.sampled_from(PROMPTS))]
    if kind == "credit":
        return [draw(st.sampled_from(PHOTO_CREDITS))]
    if kind == "caption":
        words = rng.sample(ID_WORDS, rng.randint(3, 12))
        place = rng.choice(PLACES)
        caption = f"{' '.join(words).capitalize()} di {place}, 4 Juli 2021."
        return [f"{caption} {draw(st.sampled_from(CAPTION_CREDITS))}"]
    if kind == "kompas":
        return [draw(st.sampled_from(KOMPAS_INLINE))]
    return [KOMPAS_WHATSAPP]


@st.composite
def pages(draw, article=None, kompas=None) -> Page:  # type: ignore[no-untyped-def]
    """An article wrapped in chrome of the kinds the bundled rules know, generic or Kompas."""
    article = draw(articles()) if article is None else article
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    kompas = draw(st.booleans()) if kompas is None else kompas
    chrome: list[str] = []
    head: list[str] = []
    titled = draw(st.booleans()) or kompas
    if kompas:
        head.append(KOMPAS_AD_FREE)
        if titled and draw(st.booleans()):
            head += draw(st.lists(st.sampled_from(NAV), max_size=2, unique=True))
        head.append(article.title)
        head.append(
            f"Kompas.com - {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2021, "
            f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d} WIB"
        )
        if draw(st.booleans()):
            head += [rng.choice(REPORTERS), "Penulis"]
        if draw(st.booleans()):
            head.append(f"Sumber {draw(st.sampled_from(('AFP', 'Reuters', 'AP', 'BBC')))}")
    else:
        if titled and draw(st.booleans()):
            head += draw(st.lists(st.sampled_from(NAV), max_size=2, unique=True))
        if draw(st.booleans()):
            head.append(draw(st.sampled_from(DATE_LINES)))
        if titled:
            head += [article.title] * draw(st.integers(1, 3))
        if draw(st.booleans()):
            head.append(f"{draw(st.sampled_from(BYLINE_LABELS))} {rng.choice(REPORTERS)}")
    if draw(st.booleans()):
        head.append(draw(st.sampled_from(PHOTO_CREDITS)))
    chrome += head
    first = article.blocks[0]
    if kompas:
        city = draw(st.sampled_from(DATELINES))
        prefix = draw(st.sampled_from((f"{city}, KOMPAS.com - ", "KOMPAS.com - ")))
        chrome.append(prefix.strip())
        first = prefix + first
    elif draw(st.booleans()):
        city = draw(st.sampled_from(DATELINES)).title()
        prefix = draw(st.sampled_from((f"{city} - ", f"{city.upper()} (Reuters) - ")))
        chrome.append(prefix.strip())
        first = prefix + first
    body = [[first], *([b] for b in article.blocks[1:])]
    # chrome between paragraphs: after block i (never inside the head)
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(body) - 1))
        item = draw(inline_chrome(rng, article, kompas))
        body[at] = body[at] + item
        chrome += item
    last = body[-1]
    tail: list[str] = []
    if draw(st.booleans()):
        tag = draw(st.sampled_from(EDITOR_TAGS))
        last[0] = f"{last[0]} {tag}"
        chrome.append(tag)
    if kompas and draw(st.booleans()):
        tail.append("Terkini Lainnya")
        for _ in range(draw(st.integers(1, 4))):
            related = headline(rng, article.lang, article.topic)
            tail += [related, related, draw(st.sampled_from(("Global", "Internasional")))]
        tail += list(KOMPAS_FOOTER)
    else:
        tail += draw(st.lists(st.sampled_from(COMMENTS + SHARE), max_size=3))
    chrome += tail
    lines = head + [line for block in body for line in block] + tail
    seps = draw(st.lists(st.sampled_from(("\n", "\n\n", "\n\n\n")), min_size=len(lines),
                         max_size=len(lines)))  # fmt: skip
    text = "".join(line + sep for line, sep in zip(lines, seps, strict=True))
    return Page(text, article, tuple(chrome), kompas)


# --- encodings -------------------------------------------------------------------------------

CP1252_UNDEFINED = (0x81, 0x8D, 0x8F, 0x90, 0x9D)


def as_windows_1252(data: bytes) -> str:
    """Bytes read as a browser reads windows-1252: its five undefined bytes become C1 controls."""
    return "".join(chr(b) if b in CP1252_UNDEFINED else bytes([b]).decode("cp1252") for b in data)


def encoded_variants(text: str) -> dict[str, bytes]:
    """The same text as bytes a dump may hold: UTF-8, BOMs, CRLF, CR, UTF-16, cp1252, mojibake."""
    crlf = text.replace("\n", "\r\n")
    out = {
        "utf-8": text.encode("utf-8"),
        "bom": codecs.BOM_UTF8 + text.encode("utf-8"),
        "crlf": crlf.encode("utf-8"),
        "bom-crlf": codecs.BOM_UTF8 + crlf.encode("utf-8"),
        "cr": text.replace("\n", "\r").encode("utf-8"),
        "utf-16": text.encode("utf-16"),
        "utf-16-be-crlf": codecs.BOM_UTF16_BE + crlf.encode("utf-16-be"),
        "mojibake": as_windows_1252(text.encode("utf-8")).encode("utf-8"),
    }
    try:
        out["cp1252"] = text.encode("cp1252")
        out["cp1252-crlf"] = crlf.encode("cp1252")
    except UnicodeEncodeError:
        pass
    return out


# --- duplicates: edits and rewrites -------------------------------------------------------------


def edit(article: Article, seed: int, share: float = 0.1) -> str:
    """A near-duplicate: ``share`` of the words substituted, deleted or doubled."""
    rng = random.Random(seed)
    out = []
    for block in article.blocks:
        words = block.split()
        for i in rng.sample(range(len(words)), max(1, int(len(words) * share))):
            words[i] = rng.choice(["juga", "telah", "", words[i] + " " + words[i]])
        out.append(" ".join(w for w in words if w))
    return "\n\n".join(out)


def rewrite(article: Article, seed: int) -> Article:
    """The same facts (names, places, numbers) told in other words: a new story on its topic."""
    return make_article(
        seed, len([b for b in article.blocks if not _is_sub(b)]), article.lang, article.topic,
        subheadings=False, facts=article.facts,
    )  # fmt: skip


# --- rule files ---------------------------------------------------------------------------------


@st.composite
def valid_rules(draw, prefix: str = "t") -> list[dict]:  # type: ignore[no-untyped-def]
    """A list of valid rules of every action, with unique ids."""
    out = []
    n = draw(st.integers(1, 6))
    for i in range(n):
        action = draw(st.sampled_from(("drop", "trim", "cut", "block", "meta", "repeated")))
        rule: dict = {"id": f"{prefix}.r{i}", "action": action}
        if action != "repeated":
            matcher = draw(st.sampled_from(("line", "prefix", "pattern")))
            rule[matcher] = draw(st.sampled_from(("Baca juga:", "Oke", "^Iklan$", "Promo")))
        if action == "block":
            rule["end"] = "^Akhir$"
        if action == "meta":
            rule["field"] = draw(st.sampled_from(("title", "authors", "wire")))
        if draw(st.booleans()):
            rule["head"] = draw(st.integers(1, 10))
        if action == "repeated" and draw(st.booleans()):
            rule["min_chars"] = draw(st.integers(1, 40))
        out.append(rule)
    return out


# A defect and the words the message must hold ("{where}" is the rule's place in the file).
DEFECTS = ("unknown-key", "bad-regex", "missing-id", "wrong-type", "bad-action", "bad-id")

# A JSON-compatible value of the wrong type for each typed key.
WRONG_TYPES = {
    "head": ("three", -1, 0, 2.5, True, [1]),
    "max_words": ("many", 0, -3, 1.5, False),
    "ignore_case": ("yes", 1, "true"),
    "pattern": (5, "", ["a"], None, True),
    "followed_by": (7, "", {"a": 1}),
    "min_chars": ("long", 0),
    "variant_overlap": (2, 0, "most", True),
    "description": (3, ["x"]),
}


# --- arbitrary input ----------------------------------------------------------------------------

# Text that mixes what the decoder cares about: controls, BOMs, NBSP, zero-width and C1 chars,
# mojibake pieces, combining marks, CR/LF; hypothesis' own text() adds the rest of Unicode.
AWKWARD = st.sampled_from(
    [
        "\r", "\n", "\r\n", "\t", " ", "\u00a0", "\u200b", "\ufeff", "\u200d", "\x00", "\x1b",
        "\x85", "\x9d", "\u2028", "Ã©", "â€œ", "â€\x9d", "Ã", "\u0301", "e\u0301", "ﬁ", "Ａ",
        "&amp;", "\ud7ff", "“", "”", "–", "—", "…", "é", "Baca juga:", "KOMPAS.com - ",
        "Terkini Lainnya", "No comments:", "[jm/em]", "Penulis", "\u00c3\u00a9", "\ud800",
        "\udfff",
    ]
)  # fmt: skip
# (lone surrogates included: JSON can escape them, and they reach the pipeline as str)
texts = st.one_of(
    st.text(),
    st.lists(st.one_of(AWKWARD, st.text(max_size=8)), max_size=30).map("".join),
)


@st.composite
def json_records(draw) -> bytes:  # type: ignore[no-untyped-def]
    """A JSONL line holding a record with arbitrary ids, bodies and fields (escapes as JSON has)."""
    record = {"id": draw(st.one_of(texts, st.integers(), st.none(), st.booleans()))}
    record[draw(st.sampled_from(("text", "html")))] = draw(texts)
    for key in draw(st.lists(st.sampled_from(("url", "note", "tags", "\ud800")), unique=True)):
        record[key] = draw(st.one_of(texts, st.lists(texts, max_size=2), st.integers()))
    return json.dumps(record).encode("ascii")


# Characters a dump holds inside real text that decoding repairs (NBSP, zero-width space, a
# combining accent NFC composes) or must leave as written (ligatures, full-width forms, curly
# quotes): the output is repaired, not restyled.
GLYPHS = ("ﬁ", "ﬂ", "Ａ", "ｂ", "\u00a0", "\u200b", "\u0301", "’", "“", "…", "\t", "  ", "\ufeff")


@st.composite
def noisy(draw, text: str) -> str:  # type: ignore[no-untyped-def]
    """``text`` with awkward characters put inside and between some of its words."""
    chars = list(text)
    for _ in range(draw(st.integers(1, 10))):
        chars.insert(draw(st.integers(0, len(chars))), draw(st.sampled_from(GLYPHS)))
    return "".join(chars)


@st.composite
def encoded_texts(draw) -> bytes:  # type: ignore[no-untyped-def]
    """Text as bytes in an encoding decode must detect: BOMs, UTF-16/32, cp1252, latin-1."""
    text = draw(st.one_of(texts, pages().map(lambda p: p.text)))
    codec = draw(st.sampled_from(("utf-8-sig", "utf-16", "utf-32", "cp1252", "latin-1", "utf-8")))
    return text.encode(codec, "replace")


def mojibake(text: str) -> str:
    """UTF-8 text read as windows-1252, as a dump that was decoded wrongly once holds it."""
    return as_windows_1252(text.encode("utf-8", "surrogatepass"))


# Text as the decoder meets it: arbitrary, real text with awkward characters, and its mojibake.
dumps = st.one_of(
    texts,
    pages().flatmap(lambda p: noisy(p.text)),
    pages().flatmap(lambda p: noisy(p.text)).map(mojibake),
    texts.map(mojibake),
)


# --- hostile inputs (issue 16): files that real crawls produce, and worse ---------------------
#
# Each builder returns bytes and, where a test needs it, what a run must make of them. Good
# records and files (ids and names starting ``good-``) are put beside the hostile ones: every
# one of them must come out of a run, whatever its neighbours hold.

# Articles that clean to themselves as documents (each checked in tests/test_fuzz.py); distinct
# stories, so never duplicates of each other.
GOOD = tuple(make_article(1600 + n, 2, "id" if n % 2 else "en").body for n in range(12))
# The document limit the fuzz runs use (--max-doc-mb 0.004): small, so that lines and files
# around it stay cheap. Every GOOD record fits under it with room to spare.
FUZZ_LIMIT = 4000


def good_record(n: int) -> bytes:
    """A JSONL line that must come out as the document ``good-N``."""
    return json.dumps({"id": f"good-{n}", "text": GOOD[n % len(GOOD)]}).encode()


def good_html(n: int) -> bytes:
    """A page whose article trafilatura finds: it must come out as a document."""
    paragraphs = "".join(f"<p>{p}</p>" for p in GOOD[n % len(GOOD)].split("\n\n"))
    return f"<html><body><article>{paragraphs}</article></body></html>".encode()


def nested(levels: int, closed: bool = True) -> bytes:
    """A record ``levels`` deep (the record itself is the first level), or a line cut short."""
    inner = levels - 1
    tail = b"]" * inner + b"}" if closed else b""
    return b'{"id": "h-deep", "text": "Isi.", "x": ' + b"[" * inner + tail


NUMBERS = (
    b"1e400", b"-1e400", b"NaN", b"Infinity", b"-Infinity", b"1" + b"0" * 5000, b"1e-400",
    b"-0", b"0." + b"0" * 400 + b"1", b"123456789012345678901234567890", b"1" + b"0" * 4300,
)  # fmt: skip
# Bytes that break a JSON string or its UTF-8: a lone byte of a sequence, an encoded surrogate
# (which Python's json reads with surrogatepass), an overlong NUL, raw control bytes, BOMs.
STRING_BREAKERS = (
    b"\xe9", b"\xc3", b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xc0\x80", b"\xff\xfe", b"\x00",
    b"\x1b[31m", b"\x07", b"\xef\xbb\xbf", b"\\ud800", b"\\udfff", b"\\u0000", b"\\", b'\\"',
    b"\r", b"\x0b", b"\x85", "\u2028".encode(),
)  # fmt: skip


def line_of_length(length: int) -> bytes:
    """A valid record line of exactly ``length`` bytes (its text padded with words)."""
    head = b'{"id": "h-long-%d", "text": "' % length
    room = max(0, length - len(head) - 2)
    body = (b"kata " * (room // 5 + 1))[:room]
    return head + body + b'"}'


@st.composite
def hostile_lines(draw) -> bytes:  # type: ignore[no-untyped-def]
    """One JSONL line of the kinds that crash or fool readers (never a ``good-`` id)."""
    kind = draw(
        st.sampled_from(
            ("deep", "deep-open", "number", "broken-string", "not-object", "duplicate-keys",
             "bom", "long", "garbage", "arbitrary", "fields", "html")
        )
    )  # fmt: skip
    if kind == "deep":
        return nested(draw(st.sampled_from((2, 99, 100, 101, 500, 998, 1000, 5000, 100_000))))
    if kind == "deep-open":
        return nested(draw(st.sampled_from((100, 1000, 100_000))), closed=False)
    if kind == "number":
        where = draw(st.sampled_from(("id", "extra", "text")))
        number = draw(st.sampled_from(NUMBERS))
        if where == "id":
            return b'{"id": ' + number + b', "text": "Isi berita."}'
        if where == "text":
            return b'{"id": "h-n", "text": ' + number + b"}"
        return b'{"id": "h-n", "text": "Isi berita.", "score": [' + number + b"]}"
    if kind == "broken-string":
        pieces = draw(st.lists(st.sampled_from(STRING_BREAKERS), min_size=1, max_size=4))
        field = draw(st.sampled_from((b"id", b"text", b"url", b"note")))
        value = b"Isi " + b" ".join(pieces) + b" berita"
        if field == b"id":
            return b'{"id": "h-' + value + b'", "text": "Isi."}'
        return b'{"id": "h-s", "text": "Isi.", "' + field + b'": "' + value + b'"}'
    if kind == "not-object":
        return draw(st.sampled_from((b"[1, 2]", b'"teks"', b"null", b"true", b"3", b"[]", b"{}")))
    if kind == "duplicate-keys":
        return draw(
            st.sampled_from(
                (b'{"id": "h-d", "text": "a", "text": 5}', b'{"id": "h-d", "id": [1], "text": "a"}',
                 b'{"id": "h-d", "text": 7, "text": "Isi."}', b'{"id": "h-d", "html": "<p>x", "html": null}')
            )
        )  # fmt: skip
    if kind == "bom":
        bom = draw(st.sampled_from((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")))
        at = draw(st.sampled_from(("start", "middle", "string")))
        if at == "start":
            return bom + b'{"id": "h-b", "text": "Isi."}'
        if at == "middle":
            return b'{"id": "h-b",' + bom + b' "text": "Isi."}'
        return b'{"id": "h-b", "text": "Isi' + bom + b' berita."}'
    if kind == "long":  # every length around the limit, and far past it
        delta = draw(st.sampled_from((-2, -1, 0, 1, 2, 10_000)))
        return line_of_length(FUZZ_LIMIT + delta)
    if kind == "garbage":
        return draw(
            st.sampled_from(
                (b'{"id": "h-g", "text": "a"} {"id": "h-g2", "text": "b"}', b'{"id": "h-g", "text": "a"}}',
                 b"{", b"}", b'{"id": "h-g", "text": "a"', b"\x00\x00\x00", b"\x1f\x8b\x08\x00",
                 b'{"id": "h-g", "text": "a"}\r', b'{"id": "h-g"\r"text": "a"}')
            )
        )  # fmt: skip
    if kind == "arbitrary":
        return draw(st.binary(max_size=60)).replace(b"\n", b" ")
    if kind == "html":  # a hostile page as a record's html (decoded: JSON holds text)
        page = draw(hostile_html()).decode("utf-8", "replace")
        return json.dumps({"id": "h-page", "html": page}).encode()
    # a record with arbitrary fields, its id prefixed so as never to be a good one's
    return draw(json_records()).replace(b'{"id": "', b'{"id": "h-', 1)


@st.composite
def jsonl_files(draw, lines: list[bytes]) -> bytes:  # type: ignore[no-untyped-def]
    """Lines joined as a file: LF or CRLF, a BOM or not, a final newline or not."""
    eol = draw(st.sampled_from((b"\n", b"\r\n")))
    data = eol.join(lines) + draw(st.sampled_from((eol, b"")))
    return (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + data


@st.composite
def hostile_jsonl(draw, first_good: int = 0) -> tuple[bytes, list[str], int]:  # type: ignore[no-untyped-def]
    """A JSONL file: hostile lines with good records between them; the good ids, and how many
    items a run must count (its non-blank lines)."""
    lines = draw(st.lists(hostile_lines(), min_size=1, max_size=6))
    goods = draw(st.integers(1, 3))
    for n in range(goods):
        lines.insert(draw(st.integers(0, len(lines))), good_record(first_good + n))
    if draw(st.booleans()):
        lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from((b"", b"  ", b"\t"))))
    data = draw(jsonl_files(lines))
    items = sum(1 for line in data.split(b"\n") if line.strip())
    return data, [f"good-{first_good + n}" for n in range(goods)], items


def gzip_member(data: bytes, name: bytes | None = None) -> bytes:
    """One gzip member of ``data``; with ``name``, the header carries it (FNAME)."""
    out = io.BytesIO()
    with gzip.GzipFile(
        filename=name.decode() if name else "", mode="wb", fileobj=out, mtime=0
    ) as f:
        f.write(data)
    return out.getvalue()


@st.composite
def hostile_gzip(draw, first_good: int = 0) -> tuple[bytes, list[str], int]:  # type: ignore[no-untyped-def]
    """A .jsonl.gz of concatenated members, the last ones maybe damaged (cut, corrupt, junk
    after): the good ids of the complete members before any damage, and the fewest items a
    run must count (their lines, and one for the damage)."""
    out, goods, items = b"", [], 0
    n = first_good
    for _ in range(draw(st.integers(1, 3))):
        lines = [good_record(n)]
        goods.append(f"good-{n}")
        n += 1
        if draw(st.booleans()):
            lines.append(draw(hostile_lines()))
        data = b"\n".join(lines) + b"\n"
        items += sum(1 for line in data.split(b"\n") if line.strip())
        name = draw(st.sampled_from((None, b"part.jsonl")))
        out += (
            gzip_member(data, name) if draw(st.booleans()) else gzip_member(b"") + gzip_member(data)
        )
    damage = draw(st.sampled_from(("none", "cut", "corrupt", "junk", "half-header", "zeros")))
    if damage == "none":
        return out, goods, items
    tail = gzip_member(b"".join(good_record(n + k) + b"\n" for k in range(40)))
    if damage == "cut":
        tail = tail[: draw(st.integers(1, len(tail) - 1))]
    elif damage == "corrupt":
        at = draw(st.integers(10, len(tail) - 9))
        tail = tail[:at] + bytes([tail[at] ^ 0xFF]) + tail[at + 1 :]
    elif damage == "junk":
        tail = draw(st.binary(min_size=1, max_size=40))
    elif damage == "half-header":
        tail = tail[:5]
    else:
        tail = b"\x00" * draw(st.integers(1, 600))  # tape archives pad members with zeros
    return out + tail, goods, items


@st.composite
def hostile_text(draw) -> tuple[bytes, bool]:  # type: ignore[no-untyped-def]
    """A text file: an article with stray bytes, BOMs in the middle, mixed encodings, lines
    around the limit, binary in disguise; and whether its article must come out."""
    article = GOOD[draw(st.integers(0, len(GOOD) - 1))]
    kind = draw(
        st.sampled_from(
            ("stray", "many-controls", "bom-middle", "mixed", "long", "binary", "signature",
             "utf16-no-bom", "arbitrary", "cr")
        )
    )  # fmt: skip
    raw = article.encode()
    if kind in ("stray", "many-controls"):  # two at most is text in any file (decode.py)
        count = draw(st.integers(1, 2)) if kind == "stray" else draw(st.integers(20, 200))
        for _ in range(count):
            at = draw(st.integers(0, len(raw)))
            byte = draw(st.sampled_from((0, 1, 7, 8, 11, 14, 27, 31, 127)))
            raw = raw[:at] + bytes([byte]) + raw[at:]
        return raw, kind == "stray"
    if kind == "bom-middle":
        bom = draw(st.sampled_from((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE)))
        at = draw(st.integers(0, len(raw)))
        return raw[:at] + bom + raw[at:], bom == codecs.BOM_UTF8
    if kind == "mixed":
        half = len(article) // 2
        return article[:half].encode("utf-8") + article[half:].encode("cp1252", "replace"), False
    if kind == "long":
        delta = draw(st.sampled_from((-1, 0, 1)))
        return (b"kata " * (FUZZ_LIMIT // 5 + 1))[: FUZZ_LIMIT + delta], False
    if kind == "binary":
        return draw(st.binary(min_size=1, max_size=3000)), False
    if kind == "signature":
        return draw(
            st.sampled_from((b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n", b"PK\x03\x04"))
        ) + raw, False
    if kind == "utf16-no-bom":
        return article.encode("utf-16-le"), False
    if kind == "cr":
        return article.replace("\n", "\r").encode(), True
    return draw(texts).encode("utf-8", "surrogatepass"), False


@st.composite
def hostile_html(draw) -> bytes:  # type: ignore[no-untyped-def]
    """A page that breaks parsers: deep nesting, unclosed tags, bad charsets and entities."""
    kind = draw(
        st.sampled_from(
            ("deep", "unclosed", "charset", "entities", "nul", "comment", "xml", "huge-attribute",
             "arbitrary")
        )
    )  # fmt: skip
    body = good_html(draw(st.integers(0, len(GOOD) - 1)))
    if kind == "deep":
        n = draw(st.sampled_from((255, 256, 257, 5000, 50_000)))
        return (
            b"<html><body>"
            + b"<div>" * n
            + b"<p>Isi berita.</p>"
            + b"</div>" * n
            + b"</body></html>"
        )
    if kind == "unclosed":
        return b"<html><body><p>" + b"<table><tr><td><b><i>" * draw(st.integers(1, 300)) + b"Isi"
    if kind == "charset":
        name = draw(
            st.sampled_from((b"utf-16", b"utf-7", b"x-unknown", b"ebcdic-cp-us", b"", b"utf-32"))
        )
        return b'<html><head><meta charset="' + name + b'"></head>' + body[6:]
    if kind == "entities":
        refs = draw(st.lists(st.sampled_from((b"&#0;", b"&#xD800;", b"&#x110000;", b"&#99999999999;",
                                               b"&amp", b"&#;", b"&nbsp;&nbsp;", b"&#x1F600;")), max_size=8))  # fmt: skip
        return body.replace(b"<p>", b"<p>" + b"".join(refs), 1)
    if kind == "nul":
        return body.replace(b"<p>", b"<p>\x00", 1)
    if kind == "comment":
        return (
            draw(st.sampled_from((b"<!--", b"<![CDATA[", b"<script>", b"<style>", b"<?php"))) + body
        )
    if kind == "xml":
        return (
            b'<?xml version="1.0" encoding="'
            + draw(st.sampled_from((b"ebcdic", b"utf-16", b"bogus")))
            + b'"?>'
            + body
        )
    if kind == "huge-attribute":
        return (
            b'<html><body><p class="'
            + b"x" * draw(st.sampled_from((100, 20_000)))
            + b'">Isi</p></body></html>'
        )
    return draw(st.binary(max_size=400))


# --- hostile rule files (issue 23): alias bombs, deep nesting, long values -------------------


@st.composite
def hostile_rule_files(draw) -> str:  # type: ignore[no-untyped-def]
    """A rule file (YAML text) that may hold an alias bomb, a value inside itself, nesting
    deeper than any rule file needs or a long value, anywhere in an otherwise valid file."""
    lines: list[str] = []
    anchors: list[str] = []
    levels = draw(st.integers(0, 12))
    fan = draw(st.integers(1, 12))
    for i in range(levels):  # each anchor the fan-out of the one before: fan ** levels values
        items = [f"*a{i - 1}" if i else draw(st.sampled_from(["x", "1", "[]", "{}"]))] * fan
        lines.append(f"a{i}: &a{i} [{', '.join(items)}]")
        anchors.append(f"a{i}")

    def value() -> st.SearchStrategy[str]:
        scalars = st.sampled_from(["1", "x.a", "drop", "'^Baca'", "true", "null", "[]"])
        deep = st.integers(1, 3000).map(lambda n: "[" * n + "]" * n)
        long = st.integers(1, 200_000).map(lambda n: "'" + "x" * n + "'")
        itself = st.just("&s [1, *s]")
        aliases = st.sampled_from([f"*{a}" for a in anchors]) if anchors else scalars
        return st.one_of(scalars, deep, long, itself, aliases, aliases, aliases)

    rules = st.sampled_from(["[]", "- {id: x.a, action: drop, prefix: 'Baca'}"])
    fields = {"version": draw(value()), "rules": draw(rules | value())}
    for key in draw(st.lists(st.sampled_from(["site", "description", "examples", "zzz"]),
                             max_size=3, unique=True)):  # fmt: skip
        fields[key] = draw(value())
    for key, text in fields.items():
        lines.append(f"{key}:\n  {text}" if text.startswith("-") else f"{key}: {text}")
    return "\n".join(lines) + "\n"
