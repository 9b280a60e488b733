"""Write a labelled corpus of raw news dumps for benchmarking the duplicates stage of clean.

    python bench/dedup_corpus.py OUT_DIR [--stories N] [--seed S]

Stories are real article bodies (the WCXB test articles of 150+ words, cut to whole paragraphs
of at most 1,200 words) and the five Indonesian seeds (their golden texts). Each story is
written as an original and some of four kinds of copy, every file wrapped in the chrome of one
of six fake sites (a copy never shares its original's site):

- exact: the identical body;
- near: 5-20% of the words substituted (by another word of the story), deleted or inserted,
  sometimes a sentence dropped and two paragraphs swapped;
- partial: the body (half the time lightly edited) inside a page of paragraphs of another
  article, so that the story is 30-60% of the page's words;
- rewrite: 40-60% of the lower-case words replaced by common words of the language, every
  capitalised word and number kept in order, a few sentences dropped or merged.

Distractors must stay unclustered: the remaining WCXB bodies (independent articles), and five
families of 15 templated articles (gold prices, prayer times, match reports, weather, market
close) whose instances share almost all their words and differ in names, dates and numbers.

OUT_DIR/truth.json maps each file name to its story (null for distractors) and kind. The same
arguments give the same bytes.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WCXB = Path("/work/shared/eval/wcxb/test/ground-truth")
GOLDEN = ROOT / "golden"

MIN_WORDS = 150
MAX_WORDS = 1200
SHARED_SHINGLES_MAX = 0.05  # a WCXB body sharing more of its 5-grams with an earlier one is out
KINDS = ("exact", "near", "partial", "rewrite")  # copies: one cluster with their story
NEGATIVES = ("same_event", "followup")  # about a story, written apart: never its cluster
KIND_SHARE = 0.45  # share of stories that get each kind of copy
TEMPLATE_INSTANCES = 15
TOO_MANY = "dedup_corpus: too few WCXB articles left for the partial copies: ask for fewer stories"

NEAR_RATE = (0.05, 0.20)
NEAR_RESHUFFLE_P = 0.3  # each of: drop a sentence, swap two paragraphs
PARTIAL_SHARE = (0.30, 0.60)
PARTIAL_EDIT_RATE = (0.01, 0.04)
# The outlet rewrite (rewrite_copy): each step drawn per copy.
REWRITE_TRIM_P = 0.6  # the end trimmed ...
REWRITE_TRIM = (0.5, 0.9)  # ... to this share of the paragraphs
REWRITE_LEAD_P = 0.6  # a new top paragraph
REWRITE_REWORD = (0.1, 0.9)  # share of the sentences reworded
REWORD_RATE = (0.3, 0.7)  # share of a reworded sentence's lower-case words replaced
REWRITE_SENTENCE_OPS = (0.05, 0.15)  # share of sentences dropped or merged
# Hard negatives: the same happening written separately, and a follow-up on another day.
SE_KEEP = (0.5, 0.9)  # share of the story's sentences the other reporter also reports
SE_REWORD = (0.4, 0.9)  # share of their lower-case words in the reporter's own words
SE_OWN = (0.2, 0.5)  # sentences of the reporter's own, per sentence kept
SE_QUOTES = 3  # the story's first quotes, all in both reports
SE_BLOCK_P = 0.5  # a passage of the press release both desks used, word for word ...
SE_BLOCK = 0.2  # ... at most this share of either text
FU_KEEP = (0.3, 0.6)  # share of the story's sentences the follow-up reports again, updated
FOLLOWUP_BACKGROUND = 0.2  # the reused background passage: at most this share of either text
NEGATIVE_SHARE = 0.35  # share of stories that get each kind of hard negative

QUOTE = re.compile(r"[“\"]([^”\"]{10,400})[”\"]")
NAME_PAIR = re.compile(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
PARENTHESIS = re.compile(r"\s*\([^()]{1,60}\)")
FULL_NAME = re.compile(r"(?<=\s)([A-Z][a-z]+)\s+([A-Z][a-z]+)")
LEADING_CLAUSE = re.compile(r"^((?:\S+\s){0,5}\S+),\s+(.+?)([.!?…]*)$", re.DOTALL)
MOVABLE = frozenset(
    """on in at after before during however meanwhile earlier later last this since while
    pada di dalam setelah sebelumnya sementara namun menurut saat usai kemudian selain
    sejak""".split()  # noqa: SIM905 - a word list
)
ATTRIBUTION = {
    "en": (
        (re.compile(r", (\w+(?: \w+)?) said\.$"), r", said \1."),
        (re.compile(r", said (\w+(?: \w+)?)\.$"), r", \1 said."),
        (re.compile(r"\btold reporters\b"), "said"),
        (re.compile(r"\bsaid\b"), "told reporters"),
    ),
    "id": (
        (re.compile(r"\bkata\b"), "ujar"),
        (re.compile(r"\bujar\b"), "kata"),
        (re.compile(r"\bmengatakan\b"), "menuturkan"),
        (re.compile(r"\bmenurut\b"), "kata"),
    ),
}
PERCENT = {
    "en": (re.compile(r"(\d) ?(?:%|per ?cent\b)"), r"\1 percent"),
    "id": (re.compile(r"(\d) ?(?:%|persen\b)"), r"\1 persen"),
}
SYNONYMS = {
    "en": {
        "said": ["stated", "added"],
        "people": ["residents", "citizens"],
        "government": ["authorities", "administration"],
        "about": ["around", "roughly"],
        "many": ["numerous", "several"],
        "new": ["fresh", "latest"],
        "large": ["big", "major"],
        "help": ["assist", "support"],
        "start": ["begin"],
        "began": ["started"],
        "show": ["indicate"],
        "showed": ["indicated", "revealed"],
        "because": ["as", "since"],
        "however": ["but"],
        "says": ["states"],
        "told": ["informed"],
        "also": ["additionally"],
        "important": ["key", "crucial"],
        "believe": ["think"],
        "recent": ["latest"],
    },
    "id": {
        "mengatakan": ["menyatakan", "menuturkan", "menyebutkan"],
        "kata": ["ujar", "ucap"],
        "akan": ["bakal"],
        "sudah": ["telah"],
        "telah": ["sudah"],
        "tersebut": ["itu"],
        "karena": ["lantaran", "sebab"],
        "namun": ["tetapi"],
        "hingga": ["sampai"],
        "sangat": ["amat"],
        "banyak": ["sejumlah"],
        "masyarakat": ["warga"],
        "pemerintah": ["otoritas"],
        "dilakukan": ["digelar", "dijalankan"],
        "bahwa": ["kalau"],
        "saat": ["ketika"],
        "ketika": ["saat"],
        "untuk": ["guna", "demi"],
        "menjadi": ["jadi"],
        "besar": ["tinggi"],
    },
}
SAID = {"en": ("said", "added", "explained"), "id": ("kata", "ujar", "jelas", "tegas")}
LEADS = {
    "en": (
        "{name} is back in the headlines.",
        "Here is what we know so far about the latest involving {name}.",
        "News concerning {name} has drawn wide attention this week.",
        "Readers have been asking about {name}; this is the story so far.",
    ),
    "id": (
        "{name} kembali menjadi sorotan publik.",
        "Berikut fakta terbaru terkait {name}.",
        "Kabar mengenai {name} ramai diperbincangkan warganet.",
        "Simak penjelasan lengkap soal {name} di bawah ini.",
    ),
}
DATELINES = {
    "en": ("LONDON (Reuters) - ", "WASHINGTON (AP) — ", "(AFP) - ", "NEW YORK — "),
    "id": (
        "Liputan6.com, Jakarta - ",
        "JAKARTA, KOMPAS.com - ",
        "Jakarta, CNN Indonesia -- ",
        "Okezone.com, Jakarta - ",
    ),
}
INLINE_LINKS = {
    "en": ("READ MORE: {title}", "Related: {title}", "Also read: {title}"),
    "id": ("Baca Juga: {title}", "Baca juga: {title}", "Simak Juga: {title}"),
}
CREDITS = {
    "en": ("(Reporting by {name})", "— With reporting by {name}", "Edited by {name}"),
    "id": ("(ant/{name})", "Sumber: Antara", "Editor: {name}"),
}
HEADLINE_PREFIXES = {
    "en": ("UPDATE: ", "VIDEO: ", "Breaking: ", "Explainer: ", ""),
    "id": ("Terungkap! ", "Fakta: ", "VIDEO: ", "Update: ", ""),
}

SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+(?=[\"“‘'(\[]?[A-Z0-9])")
AFFIXES = re.compile(r"^(\W*)(.*?)(\W*)$", re.DOTALL)

EN_VOCABULARY = """able about above across after again against almost along already also always
    among another around away back because before began behind being below best better
    between both brought called came change children city clear close come common could
    country course during early easy either enough even ever every example face fact family
    far feel felt few field find first follow food form found four free full gave give going
    good great group grow half hand hard head heard help high hold home however idea important
    inside keep kind knew known land large last later least leave left less light like little
    live long look made make many matter mean might money more most move much must near need
    never next night nothing number often once only open order other over part people perhaps
    place plan play point power public quite rather ready real reason right road room round
    same second seem seen several short should show side simple since small something soon
    still story strong study sure system take than their then there these thing think those
    though thought through time today together told took toward under until upon usual very
    want water well went what when where which while whole wide will with within without
    word work world would year young"""
ID_VOCABULARY = """ada adalah agar akan akhir akibat aman antara apabila atas atau awal bagi bahkan
    bahwa baik banyak baru belum benar berbagai berada berikut besar bisa buruk cepat cukup
    dalam dapat datang dekat demikian dengan depan diri dua hal hampir hanya harus hari hingga
    hidup ingin jalan jauh jelas juga jumlah kali kecil kembali kemudian kepada kerja ketika
    khusus kini kuat kurang lagi lain lalu lama langsung lebih lewat luar maka makin
    malam masa masih mau melalui memang menjadi menurut mereka milik mulai mungkin musim
    nanti negara orang pada paling panjang para pasti penting perlu pernah pihak pula pun
    rakyat rumah saat saja salah sama sampai sangat satu sebagai sebelum sedang segera sejak
    sekali sekitar selalu selama seluruh semua sendiri sering serta setelah setiap siang
    suatu sudah tahun tanpa tempat tengah tentang terus tetap tiga tinggi umum untuk utama
    waktu wilayah yakni"""
VOCABULARY = {"en": EN_VOCABULARY.split(), "id": ID_VOCABULARY.split()}

EN_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
ID_MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
EN_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ID_DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
WEEKDAY = re.compile(r"\b(?:" + "|".join(EN_DAYS + ID_DAYS) + r")\b")
FIRST_NAMES = {
    "en": ("James", "Sarah", "Daniel", "Emily", "Michael", "Laura", "David", "Hannah"),
    "id": ("Andi", "Rina", "Budi", "Sari", "Dewi", "Agus", "Fajar", "Intan", "Rizky", "Putri"),
}
LAST_NAMES = {
    "en": ("Carter", "Hughes", "Bennett", "Foster", "Reid", "Morgan", "Price", "Walsh"),
    "id": ("Pratama", "Santoso", "Wijaya", "Saputra", "Hidayat", "Nugroho", "Siregar", "Lubis"),
}
SECTIONS = {
    "en": ("World", "Business", "Technology", "Science", "Politics", "Lifestyle"),
    "id": ("Nasional", "Internasional", "Ekonomi", "Olahraga", "Teknologi", "Gaya Hidup"),
}


@dataclass(frozen=True)
class Story:
    """An article body: paragraphs without chrome, and the headline pages print above it."""

    id: str
    lang: str
    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Site:
    """A fake news site: lines around the body, filled from a page's title, date and so on."""

    lang: str
    header: tuple[str, ...]
    footer: tuple[str, ...]
    advert: str | None = None  # a line between the second and the third paragraph


SITES = (
    Site(
        "en",
        ("The Daily Ledger", "Home | News | World | Business | Sport", "{title}", "By {author}"),
        ("Share this article", "Related: {related}", "© 2025 Example Media. All rights reserved."),
    ),
    Site(
        "en",
        ("NORTHERN HERALD", "News > {section}", "{date}", "{title}"),
        ("Share on Facebook", "Read more: {related}", "Copyright 2025 Northern Herald Ltd"),
    ),
    Site(
        "en",
        ("Evening Courier", "Menu", "Search", "{title}", "Updated {stamp}"),
        ("Follow us on X and Facebook", "Tags: {tags}", "© 2025 Evening Courier"),
        advert="Advertisement",
    ),
    Site(
        "id",
        ("KABAR NUSANTARA", "Beranda | Nasional | Internasional | Ekonomi", "{title}"),
        ("Bagikan artikel ini", "Baca juga: {related}", "© 2025 Kabar Nusantara"),
    ),
    Site(
        "id",
        ("Warta Kini", "Home / Berita / {section}", "{title}", "{stamp} WIB", "Oleh {author}"),
        ("Simak juga: {related}", "Ikuti kami di Google News", "Copyright © 2025 Warta Kini"),
    ),
    Site(
        "id",
        ("Suara Harian", "{section}", "{date}", "{title}"),
        ("Tulis Komentar", "Berita Terkait: {related}", "© 2025 Suara Harian Media"),
        advert="Iklan",
    ),
)


def words(text: str) -> int:
    """The number of white-space separated words in text."""
    return len(text.split())


def body_words(paragraphs: list[str] | tuple[str, ...]) -> int:
    """The number of words in a list of paragraphs."""
    return sum(words(p) for p in paragraphs)


def cap(paragraphs: list[str]) -> tuple[str, ...]:
    """The leading paragraphs that fit in MAX_WORDS (at least the first one)."""
    kept, total = [], 0
    for paragraph in paragraphs:
        total += words(paragraph)
        if kept and total > MAX_WORDS:
            break
        kept.append(paragraph)
    return tuple(kept)


def shingles(paragraphs: tuple[str, ...]) -> set[str]:
    """Lower-cased word 5-grams of a body."""
    tokens = re.findall(r"\w+", " ".join(paragraphs).lower())
    return {" ".join(tokens[i : i + 5]) for i in range(len(tokens) - 4)}


def load_wcxb(folder: Path) -> list[Story]:
    """WCXB articles of MIN_WORDS+ words (uncapped), without any sharing text with an earlier one.

    Two bodies share text when over SHARED_SHINGLES_MAX of the shorter one's 5-grams are in both.
    """
    stories: list[Story] = []
    owner: dict[str, int] = {}  # 5-gram -> index of the first kept story that has it
    sizes: list[int] = []
    for path in sorted(folder.glob("*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))["ground_truth"]
        lines = (truth.get("main_content") or "").split("\n")
        paragraphs = tuple(line.strip() for line in lines if line.strip())
        if body_words(cap(list(paragraphs))) < MIN_WORDS:
            continue
        grams = shingles(paragraphs)
        shared = Counter(owner[g] for g in grams if g in owner)
        if any(n > SHARED_SHINGLES_MAX * min(len(grams), sizes[i]) for i, n in shared.items()):
            continue
        for gram in grams:
            owner.setdefault(gram, len(stories))
        sizes.append(len(grams))
        stories.append(Story(f"wcxb-{path.stem}", "en", truth["title"].strip(), paragraphs))
    return stories


# Seed 001 holds its own translation of the Reuters story that seed 000 translates: one story
# (a partial rewrite, as issue #3 defines it), so both carry the same story id.
SAME_STORY = {"001": "000"}


def load_seeds(folder: Path) -> list[Story]:
    """The Indonesian seeds' golden texts, titled by their headline or their first words."""
    stories = []
    for path in sorted(folder.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = tuple(line for line in record["text"] if line.strip())
        title = record["metadata"]["title"] or " ".join(paragraphs[0].split()[:10]).rstrip(",.")
        number = path.stem[:3]
        stories.append(Story(f"seed-{SAME_STORY.get(number, number)}", "id", title, paragraphs))
    return stories


def split_affixes(token: str) -> tuple[str, str, str]:
    """A token's leading punctuation, word and trailing punctuation."""
    lead, core, trail = AFFIXES.match(token).groups()
    return lead, core, trail


def sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences."""
    return SENTENCE_BREAK.split(paragraph)


def edit_words(paragraphs: list[str], rate: float, rng: random.Random) -> list[str]:
    """Substitute (by a word of the text), delete or insert at `rate` of the word positions."""
    tokens = [p.split() for p in paragraphs]
    # Words as the text writes them inside a sentence: an editor does not carry a capitalised
    # "However" from a sentence start into the middle of another sentence.
    pool = [
        core
        for line in tokens
        for k, t in enumerate(line)
        if (core := split_affixes(t)[1]) and k > 0 and not line[k - 1].endswith((".", "!", "?"))
    ]
    positions = [(i, j) for i, line in enumerate(tokens) for j in range(len(line))]
    chosen = set(rng.sample(positions, round(rate * len(positions))))
    edited = []
    for i, line in enumerate(tokens):
        new: list[str] = []
        for j, token in enumerate(line):
            if (i, j) not in chosen:
                new.append(token)
                continue
            operation = rng.choice(("substitute", "delete", "insert"))
            if operation == "substitute":
                lead, _, trail = split_affixes(token)
                new.append(lead + rng.choice(pool) + trail)
            elif operation == "insert":
                new.extend((token, rng.choice(pool)))
        if new:
            edited.append(" ".join(new))
    return edited


def near_copy(story: Story, rng: random.Random) -> list[str]:
    """The body with 5-20% of its words edited, sometimes a sentence dropped or a swap."""
    paragraphs = edit_words(list(story.paragraphs), rng.uniform(*NEAR_RATE), rng)
    if rng.random() < NEAR_RESHUFFLE_P:
        i = rng.randrange(len(paragraphs))
        parts = sentences(paragraphs[i])
        del parts[rng.randrange(len(parts))]
        if parts:
            paragraphs[i] = " ".join(parts)
        elif len(paragraphs) > 1:
            del paragraphs[i]
    if len(paragraphs) > 1 and rng.random() < NEAR_RESHUFFLE_P:
        i, j = rng.sample(range(len(paragraphs)), 2)
        paragraphs[i], paragraphs[j] = paragraphs[j], paragraphs[i]
    return paragraphs


def drop_or_merge(paragraphs: list[str], lang: str, rng: random.Random) -> list[str]:
    """Drop some sentences and merge others with the next one (", and" / ", dan")."""
    split = [sentences(p) for p in paragraphs]
    total = sum(len(s) for s in split)
    for _ in range(max(1, round(total * rng.uniform(*REWRITE_SENTENCE_OPS)))):
        candidates = [(i, j) for i, parts in enumerate(split) for j in range(len(parts))]
        if len(candidates) < 2:
            break
        i, j = rng.choice(candidates)
        parts = split[i]
        if j + 1 < len(parts) and rng.random() < 0.5:
            conjunction = ", and " if lang == "en" else ", dan "
            parts[j : j + 2] = [parts[j].rstrip(".!?…") + conjunction + parts[j + 1]]
        else:
            del parts[j]
    return [" ".join(parts) for parts in split if parts]


def rewrite_copy(story: Story, rng: random.Random) -> list[str]:
    """What another outlet makes of a wire story or press release it carries.

    Each step is drawn per copy, so copies range from light edits to heavy rewrites, and none
    keeps the story's names or numbers by construction: the end trimmed, a new top paragraph
    written by the outlet, some sentences dropped or merged, a share of the sentences reworded
    (words, attribution, clause order, name forms, a parenthesis or a figure's form dropped),
    the paragraphs split differently, and the outlet's dateline, inline links and credits.
    """
    lang = story.lang
    paragraphs = list(story.paragraphs)
    if len(paragraphs) > 2 and rng.random() < REWRITE_TRIM_P:
        keep = max(2, round(len(paragraphs) * rng.uniform(*REWRITE_TRIM)))
        paragraphs = paragraphs[:keep]
    paragraphs = drop_or_merge(paragraphs, lang, rng)
    share = rng.uniform(*REWRITE_REWORD)
    paragraphs = [
        " ".join(
            reword(s, lang, rng.uniform(*REWORD_RATE), rng) if rng.random() < share else s
            for s in sentences(p)
        )
        for p in paragraphs
    ]
    if rng.random() < REWRITE_LEAD_P:
        paragraphs.insert(0, new_lead(story, rng))
    paragraphs = resplit(paragraphs, rng)
    return outlet_chrome(paragraphs, lang, rng)


def same_event(story: Story, rng: random.Random) -> list[str]:
    """A report of the same happening written separately: the story's names, numbers and
    first quotes, in other words, another order and with material of its own; half the time
    a passage of the press release both desks used, word for word."""
    lang = story.lang
    parts = [s for p in story.paragraphs for s in sentences(p)]
    chosen = sorted(
        rng.sample(range(len(parts)), max(2, round(len(parts) * rng.uniform(*SE_KEEP))))
    )
    chosen = loosely_shuffled(chosen, rng)
    written = [reword(parts[i], lang, rng.uniform(*SE_REWORD), rng, force=True) for i in chosen]
    names, numbers = facts(story)
    for _ in range(round(len(written) * rng.uniform(*SE_OWN))):
        written.insert(rng.randrange(len(written) + 1), invented(lang, names, numbers, rng))
    text = " ".join(story.paragraphs)
    quotes = [q.rstrip(",.;: ") for q in QUOTE.findall(text) if 5 <= words(q) <= 40]
    # Both reporters heard the same statement: its quotes, in its order, each in a sentence
    # of the reporter's own.
    at = 0
    for quote in quotes[:SE_QUOTES]:
        speaker = rng.choice(names) if names else pick_name(lang, rng)
        at = rng.randint(at, len(written))
        written.insert(at, f"“{quote},” {rng.choice(SAID[lang])} {speaker}.")
        at += 1
    paragraphs = group(written, rng)
    if rng.random() < SE_BLOCK_P:  # a paragraph of the press release, as both desks got it
        paragraphs.insert(
            rng.randint(0, len(paragraphs)), passage(story, paragraphs, SE_BLOCK, rng)
        )
    return paragraphs


def followup(story: Story, rng: random.Random) -> list[str]:
    """The story followed up on another day: new sentences about the same names with other
    figures and days, and one background passage of the story reused word for word (at most
    ``FOLLOWUP_BACKGROUND`` of the smaller text)."""
    lang = story.lang
    shift = rng.randint(1, 6)
    parts = [s for p in story.paragraphs for s in sentences(p)]
    chosen = sorted(
        rng.sample(range(len(parts)), max(2, round(len(parts) * rng.uniform(*FU_KEEP))))
    )
    written = [
        other_facts(reword(parts[i], lang, rng.uniform(*SE_REWORD), rng, force=True), shift, rng)
        for i in chosen
    ]
    names, _ = facts(story)
    for _ in range(round(len(written) * rng.uniform(*SE_OWN))):
        written.insert(rng.randrange(len(written) + 1), invented(lang, names, [], rng))
    paragraphs = group(written, rng)
    paragraphs.insert(
        rng.randint(1, len(paragraphs)), passage(story, paragraphs, FOLLOWUP_BACKGROUND, rng)
    )
    return paragraphs


def passage(story: Story, other: list[str], share: float, rng: random.Random) -> str:
    """Consecutive sentences of the story after its first paragraph, word for word: at most
    ``share`` of the smaller of the story and ``other`` (one sentence at least)."""
    limit = share * min(body_words(story.paragraphs), body_words(other))
    later = [s for p in story.paragraphs[1:] for s in sentences(p)]
    later = later or [s for p in story.paragraphs for s in sentences(p)]
    start = rng.randrange(len(later))
    taken = [later[start]]
    for s in later[start + 1 :]:
        if words(" ".join(taken)) + words(s) > limit:
            break
        taken.append(s)
    return " ".join(taken)


def reword(sentence: str, lang: str, rate: float, rng: random.Random, force: bool = False) -> str:
    """One sentence in other words: ``rate`` of its lower-case words replaced (by a synonym
    where the table has one), and, each with some chance (always with ``force``), the
    attribution turned round, a leading clause moved to the end, a parenthesis dropped, a
    name shortened and a percentage written the other way."""
    tokens = sentence.split()
    synonyms = SYNONYMS[lang]
    vocabulary = VOCABULARY[lang]
    for k, token in enumerate(tokens):
        lead, core, trail = split_affixes(token)
        if core.isalpha() and core.islower() and rng.random() < rate:
            choices = synonyms.get(core) or vocabulary
            replacement = rng.choice(choices)
            if replacement != core:
                tokens[k] = lead + replacement + trail
    text = " ".join(tokens)
    chance = 1.0 if force else 0.4
    if rng.random() < chance:
        text = turn_attribution(text, lang)
    if rng.random() < chance:
        text = move_clause(text)
    if rng.random() < chance:
        text = PARENTHESIS.sub("", text)
    if rng.random() < chance:
        text = FULL_NAME.sub(lambda m: m[2], text, count=1)
    if rng.random() < chance:
        text = PERCENT[lang][0].sub(PERCENT[lang][1], text)
    return text


def turn_attribution(text: str, lang: str) -> str:
    """``…, X said.`` as ``…, said X.`` and back (``kata X`` as ``ujar X``)."""
    for pattern, replacement in ATTRIBUTION[lang]:
        turned = pattern.sub(replacement, text, count=1)
        if turned != text:
            return turned
    return text


def move_clause(text: str) -> str:
    """``On Monday, the court ruled.`` as ``The court ruled on Monday.``: a leading clause of
    at most six words, opened by a preposition or a linking adverb, moved to the end."""
    m = LEADING_CLAUSE.match(text)
    if not m:
        return text
    clause, rest, end = m[1], m[2], m[3]
    first, _, tail = clause.partition(" ")
    if first.lower() not in MOVABLE:
        return text
    return rest[:1].upper() + rest[1:] + " " + first.lower() + (" " + tail if tail else "") + end


def loosely_shuffled(items: list[int], rng: random.Random) -> list[int]:
    """The items with about a third of them moved elsewhere: another writer's order."""
    items = list(items)
    for _ in range(max(1, len(items) // 3)):
        item = items.pop(rng.randrange(len(items)))
        items.insert(rng.randrange(len(items) + 1), item)
    return items


def facts(story: Story) -> tuple[list[str], list[str]]:
    """The story's names (capitalised word pairs inside sentences) and numbers, in order."""
    text = " ".join(story.paragraphs)
    names = list(dict.fromkeys(m[0] for m in NAME_PAIR.finditer(text)))
    numbers = list(dict.fromkeys(NUMBER.findall(text)))
    return names, numbers


def invented(lang: str, names: list[str], numbers: list[str], rng: random.Random) -> str:
    """A sentence of the reporter's own: common words around a name and a number of the story."""
    pool = VOCABULARY[lang]
    body = [rng.choice(pool) for _ in range(rng.randint(10, 22))]
    if names:
        body.insert(rng.randrange(1, len(body)), rng.choice(names))
    if numbers:
        body.insert(rng.randrange(1, len(body)), rng.choice(numbers))
    return body[0].capitalize() + " " + " ".join(body[1:]) + "."


def other_facts(sentence: str, shift: int, rng: random.Random) -> str:
    """The sentence as a later day reports it: other figures (years kept), weekdays moved on
    by ``shift`` days."""

    def number(m: re.Match) -> str:
        value = m[0]
        digits = value.replace(",", "").replace(".", "")
        if not digits.isdigit() or 1900 <= int(digits) <= 2100:
            return value
        new = str(max(1, round(int(digits) * rng.uniform(0.5, 1.6))))
        return new if new != digits else str(int(digits) + 1)

    def weekday(m: re.Match) -> str:
        days = EN_DAYS if m[0] in EN_DAYS else ID_DAYS
        return days[(days.index(m[0]) + shift) % 7]

    return WEEKDAY.sub(weekday, NUMBER.sub(number, sentence))


def group(parts: list[str], rng: random.Random) -> list[str]:
    """Sentences as paragraphs of one to three sentences."""
    paragraphs, at = [], 0
    while at < len(parts):
        size = rng.randint(1, 3)
        paragraphs.append(" ".join(parts[at : at + size]))
        at += size
    return paragraphs


def new_lead(story: Story, rng: random.Random) -> str:
    """A top paragraph the outlet writes itself: its own words about the story's first name."""
    names, _ = facts(story)
    name = rng.choice(names[:3]) if names else pick_name(story.lang, rng)
    lead = rng.choice(LEADS[story.lang]).format(name=name)
    first = sentences(story.paragraphs[0])[0]
    return lead + " " + reword(first, story.lang, rng.uniform(0.6, 0.9), rng, force=True)


def resplit(paragraphs: list[str], rng: random.Random) -> list[str]:
    """Paragraphs broken differently: two joined, or a long one split between sentences."""
    paragraphs = list(paragraphs)
    for _ in range(rng.randint(0, 2)):
        if len(paragraphs) > 1 and rng.random() < 0.5:
            i = rng.randrange(len(paragraphs) - 1)
            paragraphs[i : i + 2] = [paragraphs[i] + " " + paragraphs[i + 1]]
        else:
            i = rng.randrange(len(paragraphs))
            parts = sentences(paragraphs[i])
            if len(parts) > 1:
                cut = rng.randint(1, len(parts) - 1)
                paragraphs[i : i + 1] = [" ".join(parts[:cut]), " ".join(parts[cut:])]
    return paragraphs


def outlet_chrome(paragraphs: list[str], lang: str, rng: random.Random) -> list[str]:
    """The carrying outlet's own lines inside the body: a dateline before the first words, a
    link to another story between paragraphs, a credit at the end."""
    paragraphs = list(paragraphs)
    if rng.random() < 0.5:
        paragraphs[0] = rng.choice(DATELINES[lang]) + paragraphs[0]
    if len(paragraphs) > 2 and rng.random() < 0.5:
        link = rng.choice(INLINE_LINKS[lang]).format(
            title=" ".join(rng.sample(VOCABULARY[lang], 6))
        )
        paragraphs.insert(rng.randint(1, len(paragraphs) - 1), link)
    if rng.random() < 0.5:
        paragraphs.append(rng.choice(CREDITS[lang]).format(name=pick_name(lang, rng)))
    return paragraphs


class Filler:
    """Paragraphs of articles used nowhere else in the corpus, handed out once each, in order."""

    def __init__(self, stories: list[Story]):
        self.stories: Iterator[Story] = iter(stories)
        self.paragraphs: list[str] = []

    def take(self, count: int) -> list[str]:
        """The next paragraphs, until they hold at least `count` words."""
        taken: list[str] = []
        while body_words(taken) < count:
            if not self.paragraphs:
                story = next(self.stories, None)
                if story is None:
                    sys.exit(TOO_MANY)
                self.paragraphs = list(story.paragraphs)
            taken.append(self.paragraphs.pop(0))
        return taken

    def unused(self) -> list[Story]:
        """The articles none of whose paragraphs were handed out."""
        return list(self.stories)


def partial_copy(story: Story, filler: Filler, rng: random.Random) -> list[str]:
    """The body (half the time lightly edited) with other paragraphs before and/or after it."""
    body = list(story.paragraphs)
    if rng.random() < 0.5:
        body = edit_words(body, rng.uniform(*PARTIAL_EDIT_RATE), rng)
    share = rng.uniform(*PARTIAL_SHARE)
    other = filler.take(round(body_words(body) * (1 - share) / share))
    place = rng.choice(("before", "after", "around"))
    if place == "before":
        return other + body
    if place == "after":
        return body + other
    cut = rng.randint(1, len(other) - 1) if len(other) > 1 else 1
    return other[:cut] + body + other[cut:]


def day_of_2025(offset: int) -> datetime.date:
    """The day `offset` days after 1 January 2025."""
    return datetime.date(2025, 1, 1) + datetime.timedelta(days=offset)


def long_date(day: datetime.date, lang: str) -> str:
    """The day written out: "Tuesday, 8 July 2025" or "Selasa, 8 Juli 2025"."""
    days, months = (EN_DAYS, EN_MONTHS) if lang == "en" else (ID_DAYS, ID_MONTHS)
    return f"{days[day.weekday()]}, {day.day} {months[day.month - 1]} {day.year}"


def wrap(
    site: Site,
    title: str,
    paragraphs: list[str],
    related: str,
    rng: random.Random,
    day: datetime.date | None = None,
) -> str:
    """A raw dump: the site's header (dated `day`, or a random day), the body and the footer."""
    day = day or day_of_2025(rng.randrange(365))
    fields = {
        "title": title,
        "related": related,
        "author": pick_name(site.lang, rng),
        "section": rng.choice(SECTIONS[site.lang]),
        "date": long_date(day, site.lang),
        "stamp": f"{day:%d/%m/%Y} {rng.randrange(6, 23):02d}:{rng.randrange(60):02d}",
        "tags": ", ".join(w.lower().strip(",.:?!") for w in title.split() if len(w) > 5)[:60],
    }
    body = list(paragraphs)
    if site.advert and len(body) > 3:
        body.insert(2, site.advert)
    header = "\n".join(line.format(**fields) for line in site.header)
    footer = "\n".join(line.format(**fields) for line in site.footer)
    return "\n\n".join([header, *body, footer]) + "\n"


def rupiah(amount: int) -> str:
    """An amount in Indonesian style: "Rp 935.000"."""
    return "Rp " + f"{amount:,}".replace(",", ".")


def pick_name(lang: str, rng: random.Random) -> str:
    """A random person's name."""
    return f"{rng.choice(FIRST_NAMES[lang])} {rng.choice(LAST_NAMES[lang])}"


CITIES = (
    ("Jakarta", "WIB", 0),
    ("Bandung", "WIB", 3),
    ("Semarang", "WIB", -7),
    ("Yogyakarta", "WIB", -8),
    ("Surabaya", "WIB", -17),
    ("Medan", "WIB", 23),
    ("Palembang", "WIB", 6),
    ("Padang", "WIB", 22),
    ("Pontianak", "WIB", -8),
    ("Denpasar", "WITA", 30),
    ("Makassar", "WITA", 19),
    ("Mataram", "WITA", 26),
    ("Balikpapan", "WITA", 23),
    ("Ambon", "WIT", 31),
    ("Jayapura", "WIT", -10),
)


def gold_price(day: datetime.date, rng: random.Random) -> tuple[str, list[str]]:
    """Antam's gold price of the day, with the price list and the tax notes."""
    price = rng.randrange(900, 1300) * 1000
    delta = rng.randrange(1, 15) * 1000
    rising = rng.random() < 0.5
    move = "naik" if rising else "turun"
    previous = price - delta if rising else price + delta
    buyback = price - rng.randrange(110, 140) * 1000
    city = rng.choice(CITIES)[0]
    when = f"{ID_DAYS[day.weekday()]} ({day:%d/%m/%Y})"
    sizes = ((0.5, 1.07), (1, 1.0), (2, 0.99), (3, 0.985), (5, 0.98), (10, 0.975), (25, 0.972))
    prices = [
        f"Emas {str(size).replace('.', ',')} gram: {rupiah(int(round(price * size * f, -3)))}"
        for size, f in sizes
    ]
    title = f"Harga Emas Antam Hari Ini, {long_date(day, 'id')}, {move.title()} {rupiah(delta)}"
    return title, [
        f"Harga emas batangan produksi PT Aneka Tambang Tbk (Antam) hari ini, {when}, {move} "
        f"{rupiah(delta)} menjadi {rupiah(price)} per gram. Pada perdagangan sebelumnya, harga "
        f"emas Antam tercatat {rupiah(previous)} per gram.",
        f"Mengutip laman resmi Logam Mulia, harga pembelian kembali atau buyback emas Antam "
        f"hari ini berada di posisi {rupiah(buyback)} per gram. Artinya, jika Anda menjual "
        f"emas Antam hari ini, Antam akan membelinya dengan harga {rupiah(buyback)} per gram.",
        f"Harga tersebut berlaku di Butik Emas Logam Mulia {city}. Harga emas di butik lain "
        f"bisa berbeda, tergantung pada biaya distribusi dan ketersediaan stok di masing-masing "
        f"lokasi.",
        "Berikut rincian harga emas Antam hari ini:",
        *prices,
        "Bagi Anda yang ingin membeli emas batangan, pembelian dapat dilakukan langsung di "
        "butik Logam Mulia atau secara daring melalui laman resmi Logam Mulia. Setiap pembelian "
        "akan mendapatkan sertifikat resmi dari Antam yang menjamin keaslian dan kemurnian emas "
        "tersebut.",
        "Emas batangan Antam memiliki kadar kemurnian 99,99 persen dan telah bersertifikat "
        "London Bullion Market Association (LBMA). Karena itu, emas Antam banyak dipilih "
        "masyarakat sebagai sarana investasi jangka panjang maupun untuk berjaga-jaga dari "
        "inflasi.",
        "Harga emas batangan tersebut belum termasuk pajak. Sesuai dengan Peraturan Menteri "
        "Keuangan (PMK) Nomor 34/PMK.10/2017, pembelian emas batangan dikenakan Pajak "
        "Penghasilan (PPh) Pasal 22 sebesar 0,45 persen bagi pemegang Nomor Pokok Wajib Pajak "
        "(NPWP) dan 0,9 persen bagi yang tidak memiliki NPWP.",
        "Sementara itu, penjualan kembali emas batangan ke PT Antam Tbk dengan nominal lebih "
        "dari Rp 10 juta dikenakan PPh 22 sebesar 1,5 persen untuk pemegang NPWP dan 3 persen "
        "untuk non-NPWP. PPh 22 atas transaksi buyback dipotong langsung dari total nilai "
        "buyback.",
    ]


def prayer_times(day: datetime.date, rng: random.Random) -> tuple[str, list[str]]:
    """A city's prayer times of the day, with the usual exhortation."""
    city, zone, offset = rng.choice(CITIES)
    base = offset + rng.randrange(-6, 7)
    schedule = (
        ("Imsak", 4 * 60 + 28),
        ("Subuh", 4 * 60 + 38),
        ("Terbit", 5 * 60 + 55),
        ("Dhuha", 6 * 60 + 24),
        ("Dzuhur", 11 * 60 + 58),
        ("Ashar", 15 * 60 + 17),
        ("Maghrib", 17 * 60 + 54),
        ("Isya", 19 * 60 + 5),
    )
    # Each prayer moves on its own through the year (dawn and dusk drift apart), so two cities
    # or days share a whole schedule only by a rare accident, as in real timetables.
    shifted = [(name, m + base + rng.randrange(-4, 5)) for name, m in schedule]
    times = [f"{name}: {m // 60:02d}:{m % 60:02d} {zone}" for name, m in shifted]
    date = long_date(day, "id")
    return f"Jadwal Sholat {city} dan Sekitarnya Hari Ini, {date}", [
        f"Berikut jadwal sholat untuk wilayah {city} dan sekitarnya pada hari ini, {date}. "
        "Jadwal ini dikutip dari laman resmi Bimas Islam Kementerian Agama Republik Indonesia.",
        *times,
        f"Waktu sholat di atas dapat berbeda beberapa menit untuk daerah di sekitar {city}. Umat "
        "Muslim dianjurkan untuk menunaikan sholat tepat waktu dan memperhatikan pengumuman dari "
        "masjid terdekat.",
        "Sholat lima waktu merupakan kewajiban bagi setiap Muslim yang sudah baligh dan berakal. "
        "Allah SWT berfirman dalam Surat An-Nisa ayat 103 bahwa sesungguhnya sholat itu adalah "
        "kewajiban yang ditentukan waktunya atas orang-orang yang beriman.",
        "Selain sholat wajib, umat Muslim juga dianjurkan untuk menunaikan sholat sunnah seperti "
        "sholat Dhuha pada pagi hari dan sholat Tahajud pada sepertiga malam terakhir. Sholat "
        "sunnah dapat menjadi penyempurna bagi sholat wajib yang dikerjakan.",
        "Bagi umat Muslim yang sedang dalam perjalanan, sholat dapat dikerjakan dengan cara "
        "jamak atau qashar sesuai dengan ketentuan yang berlaku. Sholat jamak adalah "
        "menggabungkan dua sholat dalam satu waktu, sedangkan sholat qashar adalah meringkas "
        "sholat yang berjumlah empat rakaat menjadi dua rakaat.",
        "Jadwal sholat ini disusun berdasarkan perhitungan astronomis dengan memperhatikan "
        "posisi matahari. Perbedaan waktu antara satu daerah dengan daerah lain disebabkan oleh "
        "letak geografis masing-masing wilayah.",
        f"Demikian jadwal sholat untuk wilayah {city} dan sekitarnya hari ini. Semoga bermanfaat.",
    ]


TEAMS = (
    ("Persib Bandung", "Stadion Gelora Bandung Lautan Api", "Bandung"),
    ("Persija Jakarta", "Jakarta International Stadium", "Jakarta"),
    ("Arema FC", "Stadion Kanjuruhan", "Malang"),
    ("Bali United", "Stadion Kapten I Wayan Dipta", "Gianyar"),
    ("PSM Makassar", "Stadion Gelora BJ Habibie", "Parepare"),
    ("Persebaya Surabaya", "Stadion Gelora Bung Tomo", "Surabaya"),
    ("Borneo FC", "Stadion Segiri", "Samarinda"),
    ("PSIS Semarang", "Stadion Jatidiri", "Semarang"),
    ("Madura United", "Stadion Gelora Bangkalan", "Bangkalan"),
    ("Persik Kediri", "Stadion Brawijaya", "Kediri"),
    ("Dewa United", "Stadion Indomilk Arena", "Tangerang"),
    ("PSS Sleman", "Stadion Maguwoharjo", "Sleman"),
)


def match_report(day: datetime.date, rng: random.Random) -> tuple[str, list[str]]:
    """A 2-1 league win: goals, statistics, the coach's words and the next fixtures."""
    (home, stadium, town), (away, _, _), (next_home, _, _), (next_away, _, _) = rng.sample(TEAMS, 4)
    scorer, equaliser, winner, coach = (pick_name("id", rng) for _ in range(4))
    first, second = sorted(rng.sample(range(5, 45), 2))
    third = rng.randrange(50, 90)
    week = rng.randrange(3, 30)
    possession, shots = rng.randrange(45, 66), rng.randrange(9, 20)
    rank, points = rng.randrange(1, 10), rng.randrange(10, 50)
    return f"{home} Kalahkan {away} 2-1 di {stadium}", [
        f"{home} berhasil mengalahkan {away} dengan skor 2-1 dalam lanjutan Liga 1 pekan ke-{week} "
        f"di {stadium}, {town}, {ID_DAYS[day.weekday()]} ({day:%d/%m/%Y}) malam.",
        f"Tuan rumah langsung tampil menekan sejak menit awal. Gol pembuka dicetak oleh {scorer} "
        f"pada menit ke-{first} setelah memanfaatkan umpan silang dari sisi kanan pertahanan "
        "lawan.",
        f"{away} sempat menyamakan kedudukan melalui {equaliser} pada menit ke-{second}. Namun, "
        f"{home} kembali unggul lewat gol {winner} pada menit ke-{third} yang bertahan hingga "
        "peluit panjang dibunyikan.",
        f"Sepanjang laga, {home} menguasai {possession} persen penguasaan bola dan melepaskan "
        f"{shots} tembakan. Kemenangan ini membuat {home} naik ke peringkat {rank} klasemen "
        f"sementara dengan koleksi {points} poin.",
        f'Pelatih {home}, {coach}, mengaku puas dengan penampilan anak asuhnya. "Para pemain '
        "bekerja keras sepanjang pertandingan dan menjalankan instruksi dengan baik. Kami akan "
        f'terus memperbaiki kekurangan menjelang laga berikutnya," kata {coach} seusai '
        "pertandingan.",
        f"Pada pekan berikutnya, {home} akan menjamu {next_home}, sedangkan {away} akan bertandang "
        f"ke markas {next_away}. Kedua laga tersebut dijadwalkan berlangsung pada akhir pekan.",
    ]


def weather(day: datetime.date, rng: random.Random) -> tuple[str, list[str]]:
    """BMKG's forecast for a city: morning, noon and night, temperature, wind, warnings."""
    city = rng.choice(CITIES)[0]
    skies = ("cerah", "cerah berawan", "berawan", "hujan ringan", "hujan sedang", "berkabut")
    morning, noon, night = (rng.choice(skies) for _ in range(3))
    low = rng.randrange(20, 26)
    damp = rng.randrange(55, 75)
    wind = rng.choice(("utara", "timur", "selatan", "barat", "barat laut", "tenggara"))
    date = long_date(day, "id")
    return f"Prakiraan Cuaca {city} Hari Ini, {date}", [
        "Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) memprakirakan cuaca di "
        f"{city} pada {date} pagi {morning}. Pada siang hari cuaca diprakirakan {noon}, "
        f"sedangkan pada malam hari {night}.",
        f"Suhu udara di {city} berkisar antara {low} hingga {low + rng.randrange(6, 11)} derajat "
        f"Celsius, dengan kelembapan udara {damp} hingga {damp + rng.randrange(15, 25)} persen. "
        f"Angin bertiup dari arah {wind} dengan kecepatan {rng.randrange(5, 30)} kilometer per "
        "jam.",
        "BMKG mengimbau masyarakat untuk mewaspadai potensi hujan disertai kilat atau petir dan "
        "angin kencang yang dapat terjadi secara tiba-tiba, terutama pada siang hingga sore hari. "
        "Masyarakat yang tinggal di daerah rawan banjir dan tanah longsor diminta untuk tetap "
        "waspada.",
        f"Berdasarkan pantauan citra satelit, potensi pertumbuhan awan hujan di wilayah {city} "
        "dan sekitarnya masih cukup tinggi dalam beberapa hari ke depan.",
        "Masyarakat juga diminta untuk selalu memperbarui informasi cuaca melalui aplikasi "
        "InfoBMKG atau laman resmi BMKG. Prakiraan cuaca ini dapat berubah sewaktu-waktu sesuai "
        "dengan kondisi atmosfer.",
        "Bagi masyarakat yang hendak bepergian, terutama menggunakan kendaraan roda dua, BMKG "
        "menyarankan untuk membawa perlengkapan hujan dan menghindari berteduh di bawah pohon "
        "besar atau papan reklame saat hujan lebat disertai angin kencang. Pengendara juga "
        "diimbau untuk mengurangi kecepatan karena jalan yang licin dapat membahayakan "
        "keselamatan.",
        "Nelayan dan operator kapal penyeberangan diminta memperhatikan peringatan dini "
        "gelombang tinggi yang dikeluarkan BMKG secara berkala. Gelombang tinggi dapat terjadi "
        "di sejumlah perairan akibat angin kencang, sehingga aktivitas pelayaran sebaiknya "
        "disesuaikan dengan kondisi cuaca terkini.",
        "Selain itu, masyarakat diminta menjaga kebersihan saluran air di lingkungan tempat "
        "tinggal masing-masing agar air hujan dapat mengalir dengan lancar. Saluran yang "
        "tersumbat sampah menjadi salah satu penyebab genangan dan banjir saat hujan deras "
        "mengguyur dalam waktu yang lama.",
        "Untuk informasi lebih lanjut, masyarakat dapat menghubungi stasiun meteorologi terdekat "
        "atau pusat layanan informasi BMKG yang dapat diakses selama 24 jam setiap hari.",
    ]


COMPANIES = (
    "Rolls-Royce",
    "BP",
    "Shell",
    "HSBC",
    "Barclays",
    "Unilever",
    "AstraZeneca",
    "Tesco",
    "Vodafone",
    "Rio Tinto",
    "Glencore",
    "Diageo",
    "National Grid",
    "Aviva",
)


def market_close(day: datetime.date, rng: random.Random) -> tuple[str, list[str]]:
    """The FTSE close: the indices, the biggest movers, currencies, oil and the disclaimer."""
    rising = rng.random() < 0.5
    verb, noun = ("rose", "gainers") if rising else ("fell", "fallers")
    leader, runner_up, laggard = rng.sample(COMPANIES, 3)
    index, mid, first, second, other = (rng.randrange(5, 400) / 100 for _ in range(5))
    level, mid_level = rng.randrange(760000, 920000) / 100, rng.randrange(19000, 22000)
    first_price, second_price = rng.randrange(200, 9000), rng.randrange(200, 9000)
    dollar, euro = rng.randrange(12000, 14000) / 10000, rng.randrange(11200, 12200) / 10000
    brent = rng.randrange(6000, 9000) / 100
    weekday, date = EN_DAYS[day.weekday()], f"{day.day} {EN_MONTHS[day.month - 1]} {day.year}"
    return f"FTSE 100 closes {'higher' if rising else 'lower'} on {weekday}, {date}", [
        f"London's FTSE 100 index closed {'up' if rising else 'down'} {index:.2f}% at "
        f"{level:,.2f} points on {weekday}, {date}, while the mid-cap FTSE 250 {verb} {mid:.2f}% "
        f"to {mid_level:,}.",
        f"{leader} led the {noun} on the blue-chip index and {verb} {first:.1f}% to "
        f"{first_price}p, followed by {runner_up}, which {verb} {second:.1f}% to {second_price}p. "
        f"{laggard} moved the other way, by {other:.1f}%.",
        f"In currency markets, sterling traded at ${dollar:.4f} against the US dollar and at "
        f"€{euro:.4f} against the euro. Brent crude was at ${brent:.2f} a barrel.",
        "Analysts said investors remained cautious ahead of the next interest rate decision by "
        "the central bank, with traders weighing the latest figures on inflation, wages and "
        "consumer spending. Market participants will also be watching for any comments from "
        "policymakers on the outlook for the economy and the pace of future rate cuts.",
        "Trading volumes were close to the recent average, and shares in housebuilders and "
        "retailers, which are sensitive to changes in borrowing costs, were among the most "
        "actively traded stocks of the session.",
        "This report is updated automatically at the close of each trading day and is based on "
        "data supplied by the exchange. Prices are delayed and are provided for information "
        "only; they are not an offer or a recommendation to buy or sell any security.",
    ]


CASES = ("pengadaan alat kesehatan", "izin tambang", "dana hibah", "kredit bank", "impor gula")


def verdict(day: datetime.date, rng: random.Random) -> tuple[str, list[str]]:
    """A corruption court's sentence: one hearing of many, each defendant's read the same way."""
    defendant, judge = pick_name("id", rng), pick_name("id", rng)
    years, months, demand = rng.randint(2, 15), rng.randint(2, 12), rng.randint(1, 4)
    fine = rng.choice((100, 200, 250, 300, 500, 750, 1000)) * 1_000_000
    loss = rng.randrange(1_000, 900_000) * 1_000_000
    case = rng.choice(CASES)
    return f"{defendant} Divonis {years} Tahun Penjara dalam Kasus Korupsi {case.title()}", [
        "Majelis hakim Pengadilan Tindak Pidana Korupsi (Tipikor) Jakarta menjatuhkan vonis "
        f"{years} tahun penjara kepada terdakwa {defendant} dalam perkara korupsi {case} pada "
        f"{ID_DAYS[day.weekday()]} ({day:%d/%m/%Y}).",
        f"Selain pidana badan, {defendant} juga dijatuhi pidana denda sebesar {rupiah(fine)} "
        f"subsider {months} bulan kurungan. Hakim menyatakan terdakwa terbukti secara sah dan "
        "meyakinkan bersalah melakukan tindak pidana korupsi secara bersama-sama.",
        f"Perbuatan terdakwa dinilai telah merugikan keuangan negara sebesar {rupiah(loss)}. "
        "Majelis hakim juga mewajibkan terdakwa membayar uang pengganti sesuai dengan kerugian "
        "negara yang dinikmatinya.",
        "Vonis tersebut lebih ringan dibandingkan tuntutan jaksa penuntut umum yang sebelumnya "
        f"menuntut {defendant} dengan pidana penjara selama {years + demand} tahun.",
        "Dalam pertimbangannya, majelis hakim menyebutkan hal yang memberatkan adalah perbuatan "
        "terdakwa tidak mendukung program pemerintah dalam pemberantasan korupsi. Adapun hal yang "
        "meringankan, terdakwa bersikap sopan selama persidangan dan belum pernah dihukum.",
        f'"Mengadili, menyatakan terdakwa {defendant} terbukti bersalah melakukan tindak pidana '
        f'korupsi sebagaimana dakwaan primer," kata ketua majelis hakim {judge} saat membacakan '
        "amar putusan.",
        "Atas putusan tersebut, baik terdakwa maupun jaksa penuntut umum menyatakan pikir-pikir "
        "selama tujuh hari sebelum memutuskan untuk mengajukan banding.",
    ]


Template = Callable[[datetime.date, random.Random], tuple[str, list[str]]]
# (language, template, days): "few" puts the instances on three days, as parallel hearings
# of one court are read on the same day; "many" on fifteen.
TEMPLATES: tuple[tuple[str, Template, str], ...] = (
    ("id", gold_price, "many"),
    ("id", prayer_times, "many"),
    ("id", match_report, "many"),
    ("id", weather, "many"),
    ("en", market_close, "many"),
    ("id", verdict, "few"),
)


def other_site(lang: str, avoid: Site | None, rng: random.Random) -> Site:
    """A random site of the language, other than `avoid`."""
    return rng.choice([s for s in SITES if s.lang == lang and s is not avoid])


@dataclass(frozen=True)
class Document:
    """One raw dump of the corpus and its label."""

    name: str
    kind: str
    story: str | None  # the story this is a copy of (None: a copy of nothing)
    about: str | None  # the story a hard negative reports on too; a template's family
    text: str


def capped(story: Story) -> Story:
    """The story with its body cut to MAX_WORDS."""
    return Story(story.id, story.lang, story.title, cap(list(story.paragraphs)))


def copy_body(kind: str, story: Story, filler: Filler, rng: random.Random) -> list[str]:
    """The paragraphs of a copy (or a hard negative) of `kind`."""
    if kind == "near":
        return near_copy(story, rng)
    if kind == "partial":
        return partial_copy(story, filler, rng)
    if kind == "rewrite":
        return rewrite_copy(story, rng)
    if kind == "same_event":
        return same_event(story, rng)
    if kind == "followup":
        return followup(story, rng)
    return list(story.paragraphs)


def headline(title: str, lang: str, rng: random.Random) -> str:
    """Another outlet's headline for a story: a prefix, and the words in another order."""
    words_ = title.split()
    if len(words_) > 3:
        cut = rng.randrange(1, len(words_))
        words_ = words_[cut:] + words_[:cut]
    return rng.choice(HEADLINE_PREFIXES[lang]) + " ".join(words_)


def build(count: int, seed: int) -> list[Document]:
    """Every document of the corpus: stories with their copies and hard negatives,
    distractors and templates."""
    rng = random.Random(seed)
    seeds = load_seeds(GOLDEN)
    articles = load_wcxb(WCXB)
    rng.shuffle(articles)
    used = max(0, count - len(seeds))
    stories = [*seeds, *(capped(a) for a in articles[:used])][:count]
    if len(stories) < count or used >= len(articles):
        sys.exit(TOO_MANY)
    filler = Filler(articles[used:])
    titles = [s.title for s in (*seeds, *articles)]
    shares = {**dict.fromkeys(KINDS, KIND_SHARE), **dict.fromkeys(NEGATIVES, NEGATIVE_SHARE)}
    chosen = {
        kind: set(rng.sample(range(count), round(count * share))) for kind, share in shares.items()
    }
    pages: list[tuple[str, str | None, str | None, str]] = []

    def add(
        kind: str,
        story: str | None,
        site: Site,
        title: str,
        paragraphs: list[str],
        day: datetime.date | None = None,
        about: str | None = None,
    ) -> None:
        related = rng.choice([t for t in titles if t != title])
        pages.append((kind, story, about, wrap(site, title, paragraphs, related, rng, day)))

    for index, story in enumerate(stories):
        site = other_site(story.lang, None, rng)
        add("original", story.id, site, story.title, list(story.paragraphs))
        for kind in (*KINDS, *NEGATIVES):
            if index not in chosen[kind]:
                continue
            copy_site = other_site(story.lang, site, rng)
            body = copy_body(kind, story, filler, rng)
            title = (
                story.title
                if kind in ("exact", "near", "partial")
                else headline(story.title, story.lang, rng)
            )
            if kind in NEGATIVES:
                add(kind, None, copy_site, title, body, about=story.id)
            else:
                add(kind, story.id, copy_site, title, body)
    for article in map(capped, filler.unused()):
        add(
            "distractor", None, other_site("en", None, rng), article.title, list(article.paragraphs)
        )
    workdays = [d for d in map(day_of_2025, range(365)) if d.weekday() < 5]  # markets are open
    for lang, template, spread in TEMPLATES:
        if spread == "few":
            days = rng.choices(rng.sample(workdays, 3), k=TEMPLATE_INSTANCES)
        else:
            days = rng.sample(workdays, TEMPLATE_INSTANCES)
        for day in days:
            title, paragraphs = template(day, rng)
            site = other_site(lang, None, rng)
            add("template", None, site, title, paragraphs, day, about=template.__name__)
    numbers = rng.sample(range(1, len(pages) + 1), len(pages))
    width = max(4, len(str(len(pages))))
    return [
        Document(f"{number:0{width}d}_{kind}.txt", kind, story, about, text)
        for number, (kind, story, about, text) in zip(numbers, pages, strict=True)
    ]


def prepare(folder: Path) -> None:
    """Make `folder` ready for a corpus: create it, or remove the corpus written there before."""
    truth = folder / "truth.json"
    if truth.exists():
        for name in json.loads(truth.read_text(encoding="utf-8"))["docs"]:
            (folder / name).unlink(missing_ok=True)
        truth.unlink()
    elif folder.exists() and any(folder.iterdir()):
        sys.exit(f"dedup_corpus: {folder} is not empty and holds no earlier corpus")
    folder.mkdir(parents=True, exist_ok=True)


def write_corpus(folder: Path, stories: int, seed: int) -> dict[str, dict[str, str | None]]:
    """Write the corpus and truth.json into `folder`; return truth.json's "docs"."""
    documents = build(stories, seed)
    prepare(folder)
    for document in documents:
        (folder / document.name).write_text(document.text, encoding="utf-8", newline="\n")
    truth = {d.name: {"story": d.story, "kind": d.kind, "about": d.about} for d in documents}
    text = json.dumps({"docs": truth}, ensure_ascii=False, indent=1, sort_keys=True)
    (folder / "truth.json").write_text(text + "\n", encoding="utf-8", newline="\n")
    return truth


def main() -> None:
    """Parse the command line and write the corpus."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR", help="folder to write into")
    parser.add_argument("--stories", type=int, default=120, help="stories (default 120)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args()
    truth = write_corpus(args.out_dir, args.stories, args.seed)
    kinds = Counter(label["kind"] for label in truth.values())
    summary = ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items()))
    print(f"{len(truth)} documents in {args.out_dir}: {summary}", file=sys.stderr)


if __name__ == "__main__":
    main()
