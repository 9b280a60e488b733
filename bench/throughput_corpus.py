"""Write a realistic corpus of raw news dumps for the throughput benchmark, fast and deterministic.

    python bench/throughput_corpus.py OUT --docs 10000 [--seed 1] [--html-share 0.1] [--jsonl]

Documents of about 3 KB: Indonesian and English article bodies wrapped in the chrome of one of
six fake sites (menus, a date line, a byline, "Baca juga:" / "Read also:" links, share and
subscribe prompts, tag lines, a copyright line). Some are damaged the way crawls are: UTF-8 read
as cp1252 or latin-1 and written back as UTF-8 (mojibake), or written in cp1252 bytes. Some are
planted copies of an earlier document: exact (the same body under another site's chrome), near
(5-15% of the words edited), partial (the body inside other paragraphs) and rewrite (about half
of the lower-case words replaced, names and numbers kept). A share are HTML pages.

Files go to ``OUT/files/SSS/NNNNNNN.txt|.html``, 1,000 per folder; with ``--jsonl`` the same
documents also go to ``OUT/jsonl/part-SSS.jsonl`` (``{"id", "text" | "html"}``, the id being the
file's path under ``OUT/files``). ``OUT/truth.jsonl`` says what each document is. The same
options give the same bytes.

Speed: sentences come from a pool drawn once with numpy; each document picks its sentences by
index and fills a few slots (names, numbers), so a million documents need no per-word Python work.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dedup_corpus import (
    EN_MONTHS,
    FIRST_NAMES,
    ID_MONTHS,
    LAST_NAMES,
    SECTIONS,
    VOCABULARY,
)

PER_FOLDER = 1000
POOL_SENTENCES = 40_000  # per language
TARGET_BYTES = (2300, 3000)  # body bytes; chrome adds about 400
KINDS = ("exact", "near", "partial", "rewrite")
COPY_SHARE = 0.12  # documents that are copies, spread evenly over the four kinds
MOJIBAKE_SHARE = 0.03
CP1252_SHARE = 0.02
WINDOW = 5000  # originals a copy may be taken from (bounded memory at 1M documents)

# Function words make the generated text read (and identify) as its language.
FUNCTION = {
    "en": "the of and to in a is that for on was with as by at from has have said it".split(),  # noqa: SIM905
    "id": "yang dan di ke dari ini itu dengan untuk pada tidak akan dalam juga ada kata".split(),  # noqa: SIM905
}
PLACES = {
    "en": ("LONDON", "NEW YORK", "SYDNEY", "SINGAPORE", "WASHINGTON", "GENEVA"),
    "id": ("JAKARTA", "BANDUNG", "SURABAYA", "MEDAN", "MAKASSAR", "DENPASAR", "SEMARANG"),
}
# Non-ASCII characters the text carries, so that mojibake has something to damage.
FLAVOURS = ("José Ramírez", "Café Batavia", "São Paulo", "Zürich", "Nestlé", "Müller")
QUOTES = {"en": ("“{}”", "‘{}’"), "id": ("“{}”",)}

SITES = (
    {
        "lang": "id",
        "head": [
            "Baca berita tanpa iklan. Gabung Kompas.com+",
            "",
            "{title}",
            "",
            "Kompas.com - {dd:02d}/{mm:02d}/{yyyy}, {HH:02d}:{MM:02d} WIB",
            "{author}",
            "",
            "Penulis",
            "",
        ],
        "dateline": "{place}, KOMPAS.com - ",
        "read_also": "Baca juga: {other}",
        "foot": [
            "",
            "Simak breaking news dan berita pilihan kami langsung di ponselmu.",
            "",
            "Terkini Lainnya",
            "",
            "{other}",
            "{other2}",
            "Komentar",
        ],
    },
    {
        "lang": "id",
        "head": [
            "Beranda | Nasional | Ekonomi | Olahraga | Teknologi | Gaya Hidup",
            "",
            "{section}",
            "{title}",
            "Oleh: {author}",
            "{dd} {month} {yyyy}, {HH:02d}:{MM:02d} WIB",
            "Bagikan",
            "",
        ],
        "dateline": "{place} - ",
        "read_also": "Baca juga: {other}",
        "foot": [
            "",
            "Tag: {tag1}, {tag2}, {tag3}",
            "Bagikan artikel ini",
            "Ikuti kami di Instagram",
            "© {yyyy} Warta Kota Digital. Hak cipta dilindungi undang-undang.",
        ],
    },
    {
        "lang": "id",
        "head": [
            "Home | Berita | Daerah | Bisnis | Bola",
            "",
            "{title}",
            "",
            "Reporter: {author}",
            "{dd}/{mm}/{yyyy} {HH:02d}:{MM:02d}",
            "",
        ],
        "dateline": "{place}, Suara Nusantara - ",
        "read_also": "Baca juga: {other}",
        "foot": [
            "",
            "Kata kunci: {tag1}, {tag2}",
            "Tulis komentar",
            "Berlangganan newsletter kami",
            "Copyright © {yyyy} Suara Nusantara. All rights reserved.",
        ],
    },
    {
        "lang": "en",
        "head": [
            "The Daily Ledger",
            "Home | News | World | Business | Sport",
            "",
            "{title}",
            "By {author}",
            "{month} {dd}, {yyyy}",
            "Share this article",
            "",
        ],
        "dateline": "{place} (Reuters) - ",
        "read_also": "Read also: {other}",
        "foot": [
            "",
            "Tags: {tag1}, {tag2}, {tag3}",
            "Share on Facebook",
            "Follow us on Twitter",
            "© {yyyy} Example Media. All rights reserved.",
        ],
    },
    {
        "lang": "en",
        "head": [
            "Menu",
            "World | Politics | Science | Tech | Opinion",
            "",
            "{section}",
            "{title}",
            "",
            "By {author}",
            "Updated {dd} {month} {yyyy}",
            "",
        ],
        "dateline": "{place} — ",
        "read_also": "Related: {other}",
        "foot": [
            "",
            "Advertisement",
            "Topics: {tag1}, {tag2}",
            "Sign up for our morning briefing",
            "Copyright {yyyy} The Evening Post",
        ],
    },
    {
        "lang": "en",
        "head": [
            "Skip to content",
            "News | Local | Business | Sports | Weather",
            "",
            "{title}",
            "",
            "By {author}",
            "Published {month} {dd}, {yyyy}",
            "",
        ],
        "dateline": "{place} (AP) — ",
        "read_also": "Also read: {other}",
        "foot": [
            "",
            "Tags: {tag1}, {tag2}",
            "No comments:",
            "Subscribe to: Post Comments (Atom)",
            "© {yyyy} Harbour Herald",
        ],
    },
)
SITES_BY_LANG = {
    lang: [i for i, s in enumerate(SITES) if s["lang"] == lang] for lang in ("en", "id")
}


class Pool:
    """Sentences of one language, drawn once: Zipf-weighted words, a few with name/number slots."""

    def __init__(self, lang: str, rng: np.random.Generator):
        function, vocabulary = FUNCTION[lang], VOCABULARY[lang]
        words = np.array(function + vocabulary)
        zipf = 1.0 / np.arange(1, len(vocabulary) + 1) ** 0.6
        zipf = zipf[rng.permutation(zipf.size)] / zipf.sum()
        # function words a third of the text, the vocabulary Zipf-like over the rest
        weights = np.concatenate((np.full(len(function), 0.35 / len(function)), 0.65 * zipf))
        lengths = rng.integers(10, 24, POOL_SENTENCES)
        drawn = rng.choice(words, size=int(lengths.sum()), p=weights)
        cuts = np.cumsum(lengths)[:-1]
        self.sentences = []
        for k, chunk in enumerate(np.split(drawn, cuts)):
            s = " ".join(chunk.tolist())
            if k % 4 == 0:  # a slot for a name or a number: filled per document
                pos = s.find(" ", len(s) // 2)
                s = s[:pos] + " {slot}" + s[pos:]
            self.sentences.append(s[0].upper() + s[1:] + ".")
        self.words = VOCABULARY[lang]
        self.lang = lang


class Writer:
    """Writes documents as sharded files and, optionally, JSONL parts; truth goes to truth.jsonl."""

    def __init__(self, out: Path, jsonl: bool):
        self.out = out
        self.files = out / "files"
        self.jsonl_dir = out / "jsonl" if jsonl else None
        self.truth = (out / "truth.jsonl").open("w", encoding="utf-8")
        self.part = None
        self.part_no = -1
        self.bytes = 0

    def write(self, n: int, ext: str, data: bytes, field: str, text: str, truth: dict) -> str:
        folder = self.files / f"{n // PER_FOLDER:03d}"
        if n % PER_FOLDER == 0:
            folder.mkdir(parents=True, exist_ok=True)
        doc_id = f"{n // PER_FOLDER:03d}/{n:07d}.{ext}"
        (self.files / doc_id).write_bytes(data)
        self.bytes += len(data)
        if self.jsonl_dir is not None:
            if n // PER_FOLDER != self.part_no:
                if self.part is not None:
                    self.part.close()
                self.part_no = n // PER_FOLDER
                self.jsonl_dir.mkdir(parents=True, exist_ok=True)
                self.part = (self.jsonl_dir / f"part-{self.part_no:03d}.jsonl").open(
                    "w", encoding="utf-8"
                )
            self.part.write(json.dumps({"id": doc_id, field: text}, ensure_ascii=False) + "\n")
        self.truth.write(json.dumps({"id": doc_id, **truth}) + "\n")
        return doc_id

    def close(self) -> None:
        self.truth.close()
        if self.part is not None:
            self.part.close()


class Generator:
    """Everything random about the corpus comes from one seeded numpy generator."""

    def __init__(self, seed: int):
        self.rng = np.random.default_rng(seed)
        self.pools = {lang: Pool(lang, self.rng) for lang in ("en", "id")}
        self.titles: dict[str, list[str]] = {"en": [], "id": []}

    def _pick(self, seq):  # type: ignore[no-untyped-def]
        return seq[int(self.rng.integers(len(seq)))]

    def name(self, lang: str) -> str:
        return f"{self._pick(FIRST_NAMES[lang])} {self._pick(LAST_NAMES[lang])}"

    def slot(self, lang: str) -> str:
        r = int(self.rng.integers(6))
        if r == 0:
            return f"{int(self.rng.integers(100, 99_999)):,}".replace(
                ",", "." if lang == "id" else ","
            )
        if r == 1:
            return self._pick(FLAVOURS)
        if r == 2:
            return self._pick(QUOTES[lang]).format(self.name(lang))
        if r == 3:
            return (
                f"{int(self.rng.integers(1, 99))} persen"
                if lang == "id"
                else f"{int(self.rng.integers(1, 99))}%"
            )
        return self.name(lang)

    def body(self, lang: str) -> list[str]:
        """Paragraphs of 2-4 pooled sentences until the body is about 3 KB."""
        pool = self.pools[lang]
        target = int(self.rng.integers(*TARGET_BYTES))
        paragraphs: list[str] = []
        size = 0
        while size < target:
            idx = self.rng.integers(0, POOL_SENTENCES, int(self.rng.integers(2, 5)))
            p = " ".join(pool.sentences[i] for i in idx)
            while "{slot}" in p:
                p = p.replace("{slot}", self.slot(lang), 1)
            paragraphs.append(p)
            size += len(p) + 2
        return paragraphs

    def title(self, lang: str) -> str:
        words = self.rng.choice(self.pools[lang].words, int(self.rng.integers(6, 11)))
        t = " ".join(words.tolist()).title()
        self.titles[lang].append(t)
        if len(self.titles[lang]) > 200:
            self.titles[lang].pop(0)
        return t

    def fields(self, lang: str, title: str) -> dict[str, object]:
        tags = self.rng.choice(self.pools[lang].words, 3)
        others = self.titles[lang][:-1] or [title]
        mm = int(self.rng.integers(1, 13))
        return {
            "title": title,
            "author": self.name(lang),
            "dd": int(self.rng.integers(1, 29)),
            "mm": mm,
            "yyyy": int(self.rng.integers(2019, 2026)),
            "HH": int(self.rng.integers(0, 24)),
            "MM": int(self.rng.integers(0, 60)),
            "month": (ID_MONTHS if lang == "id" else EN_MONTHS)[mm - 1],
            "section": self._pick(SECTIONS[lang]),
            "place": self._pick(PLACES[lang]),
            "other": self._pick(others),
            "other2": self._pick(others),
            "tag1": tags[0],
            "tag2": tags[1],
            "tag3": tags[2],
        }

    def page_text(self, site: dict, paragraphs: list[str], f: dict) -> str:
        lines = [line.format(**f) for line in site["head"]]
        for k, p in enumerate(paragraphs):
            lines += [site["dateline"].format(**f) + p if k == 0 else p, ""]
            if k == 1:
                lines += [site["read_also"].format(**f), ""]
        lines += [line.format(**f) for line in site["foot"]]
        return "\n".join(lines) + "\n"

    def page_html(self, site: dict, paragraphs: list[str], f: dict) -> str:
        esc = _escape
        menu = "".join(
            f"<li><a href='/{esc(m.strip()).lower()}'>{esc(m.strip())}</a></li>"
            for m in site["head"][1 if site["lang"] == "en" else 0].split("|")
        )
        body = "\n".join(
            f"<p>{esc(site['dateline'].format(**f) + p if k == 0 else p)}</p>"
            + (f"\n<p>{esc(site['read_also'].format(**f))}</p>" if k == 1 else "")
            for k, p in enumerate(paragraphs)
        )
        foot = "".join(f"<p>{esc(line.format(**f))}</p>" for line in site["foot"] if line)
        return (
            f"<!DOCTYPE html>\n<html lang='{site['lang']}'><head><meta charset='utf-8'>"
            f"<title>{esc(f['title'])}</title>"
            f"<meta name='author' content='{esc(f['author'])}'>"
            f"<meta property='article:published_time' content='{f['yyyy']}-{f['mm']:02d}-"
            f"{f['dd']:02d}T{f['HH']:02d}:{f['MM']:02d}:00+07:00'></head>\n"
            f"<body><header><nav><ul>{menu}</ul></nav></header>\n"
            f"<main><article><h1>{esc(f['title'])}</h1>\n"
            f"<div class='byline'>{esc(f['author'])}</div>\n{body}\n</article>\n"
            f"<aside><h3>Terpopuler</h3><ul><li>{esc(str(f['other']))}</li>"
            f"<li>{esc(str(f['other2']))}</li></ul></aside></main>\n"
            f"<footer>{foot}</footer></body></html>\n"
        )

    def near(self, paragraphs: list[str], lang: str) -> list[str]:
        """5-15% of the words substituted, deleted or doubled."""
        rate = float(self.rng.uniform(0.05, 0.15))
        vocab = self.pools[lang].words
        out = []
        for p in paragraphs:
            words = p.split(" ")
            ops = self.rng.random(len(words))
            picks = self.rng.integers(0, len(vocab), len(words))
            edited = []
            for w, op, pick in zip(words, ops, picks, strict=True):
                if op < rate / 3:
                    edited.append(vocab[pick])
                elif op < 2 * rate / 3:
                    continue
                elif op < rate:
                    edited += [w, vocab[pick]]
                else:
                    edited.append(w)
            out.append(" ".join(edited))
        return out

    def rewrite(self, paragraphs: list[str], lang: str) -> list[str]:
        """About half of the lower-case words replaced; names and numbers kept in place."""
        vocab = self.pools[lang].words
        out = []
        for p in paragraphs:
            words = p.split(" ")
            ops = self.rng.random(len(words))
            picks = self.rng.integers(0, len(vocab), len(words))
            out.append(
                " ".join(
                    vocab[k] if op < 0.5 and w.isalpha() and w.islower() else w
                    for w, op, k in zip(words, ops, picks, strict=True)
                )
            )
        return out


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")


def mojibake(text: str, rng: np.random.Generator) -> str:
    """UTF-8 bytes read as cp1252 (or latin-1 where cp1252 has no character)."""
    data = text.encode("utf-8")
    if rng.random() < 0.7:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return data.decode("latin-1")


def generate(out: Path, docs: int, seed: int, html_share: float, jsonl: bool) -> dict:
    """Write the corpus; returns its summary (also written to ``OUT/corpus.json``)."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    g = Generator(seed)
    rng = g.rng
    writer = Writer(out, jsonl)
    originals: list[tuple[str, str, list[str]]] = []  # (id, lang, paragraphs), a bounded window
    counts: dict[str, int] = {}
    started = time.perf_counter()
    for n in range(docs):
        roll = float(rng.random())
        kind = "original"
        if originals and roll < COPY_SHARE:
            kind = KINDS[int(roll / COPY_SHARE * len(KINDS))]
        if kind == "original":
            lang = "id" if rng.random() < 0.6 else "en"
            paragraphs = g.body(lang)
            source = None
        else:
            source, lang, base = originals[int(rng.integers(len(originals)))]
            if kind == "exact":
                paragraphs = list(base)
            elif kind == "near":
                paragraphs = g.near(base, lang)
            elif kind == "rewrite":
                paragraphs = g.rewrite(base, lang)
            else:  # partial: the story is 40-60% of the page
                extra = g.body(lang)[: max(2, len(base) // 2 + 1)]
                cut = int(rng.integers(len(extra) + 1))
                paragraphs = extra[:cut] + list(base) + extra[cut:]
        site = SITES[g._pick(SITES_BY_LANG[lang])]
        f = g.fields(lang, g.title(lang))
        html = bool(rng.random() < html_share)
        damage = float(rng.random())
        if html:
            text, ext, field = g.page_html(site, paragraphs, f), "html", "html"
            data = text.encode("utf-8")
        else:
            text, ext, field = g.page_text(site, paragraphs, f), "txt", "text"
            if damage < MOJIBAKE_SHARE:
                text = mojibake(text, rng)
                data = text.encode("utf-8")
            elif damage < MOJIBAKE_SHARE + CP1252_SHARE:
                data = text.encode("cp1252", errors="replace")
            else:
                data = text.encode("utf-8")
        damaged = (
            "mojibake"
            if not html and damage < MOJIBAKE_SHARE
            else "cp1252"
            if not html and damage < MOJIBAKE_SHARE + CP1252_SHARE
            else None
        )
        doc_id = writer.write(
            n,
            ext,
            data,
            field,
            text,
            {"kind": kind, "original": source, "lang": lang, "html": html, "damage": damaged},
        )
        if kind == "original":
            originals.append((doc_id, lang, paragraphs))
            if len(originals) > WINDOW:
                originals.pop(int(rng.integers(WINDOW)))
        counts[kind] = counts.get(kind, 0) + 1
    writer.close()
    summary = {
        "docs": docs,
        "seed": seed,
        "html_share": html_share,
        "bytes": writer.bytes,
        "kinds": counts,
        "seconds": round(time.perf_counter() - started, 1),
    }
    (out / "corpus.json").write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    return summary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, help="output folder (replaced if it exists)")
    ap.add_argument("--docs", type=int, default=10_000, help="documents (10000, 100000, 1000000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--html-share", type=float, default=0.1, help="share of HTML pages (0-1)")
    ap.add_argument("--jsonl", action="store_true", help="also write OUT/jsonl/part-SSS.jsonl")
    args = ap.parse_args(argv)
    if not 0 <= args.html_share <= 1:
        ap.error("--html-share must be in [0, 1]")
    s = generate(args.out, args.docs, args.seed, args.html_share, args.jsonl)
    print(
        f"{s['docs']} documents, {s['bytes'] / 1e6:.1f} MB in {args.out} ({s['seconds']} s): "
        + ", ".join(f"{k} {v}" for k, v in sorted(s["kinds"].items())),
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
