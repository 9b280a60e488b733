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
