"""A folder of many small Kompas-like pages, to measure report.html (and clean) at scale.

    .venv/bin/python bench/report_corpus.py bench/out/report-100k --docs 100000

Each page has the chrome the bundled rules remove (ad prompt, title, date line, author,
"Penulis", dateline, "Baca juga:" links, WhatsApp prompt, "Terkini Lainnya" list) around three
to six paragraphs of generated Indonesian-looking text; one page in 40 is a light edit of an
earlier one, so the run has clusters. Files go in sub-folders of 1,000. The same options give
the same bytes.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

WORDS = (
    "pemerintah presiden menteri rakyat kota desa wilayah pasukan perbatasan keamanan ekonomi "
    "harga pasar bank rupiah ekspor impor sekolah siswa guru rumah sakit dokter pasien banjir "
    "hujan jalan tol kereta bandara penerbangan listrik air bersih petani beras pupuk nelayan "
    "laut pulau provinsi kabupaten gubernur bupati polisi jaksa hakim sidang kasus korupsi "
    "anggaran pajak investasi pabrik pekerja upah serikat mahasiswa kampus penelitian vaksin"
).split()
VERBS = "mengatakan menyatakan meminta menolak membangun menambah mengurangi membahas".split()
PLACES = "JAKARTA BANDUNG SURABAYA MEDAN MAKASSAR DENPASAR SEMARANG PALEMBANG".split()
NAMES = "Aditya Iswara|Rina Kurnia|Bayu Saputra|Dewi Lestari|Agus Santoso|Sri Wahyuni".split("|")
LATEST = [
    "Harga Beras Naik di Sejumlah Pasar Tradisional",
    "Banjir Rendam Ratusan Rumah di Pesisir Utara",
    "Pemerintah Tambah Anggaran untuk Sekolah Dasar",
    "Kereta Cepat Tambah Jadwal Perjalanan Akhir Pekan",
]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 22))]
    words.insert(rng.randint(1, 4), rng.choice(VERBS))
    return " ".join(words).capitalize() + "."


def page(rng: random.Random, n: int) -> tuple[str, list[str]]:
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 10))).title()
    paragraphs = [" ".join(sentence(rng) for _ in range(rng.randint(2, 3))) for _ in range(rng.randint(3, 6))]
    day, month, hour = rng.randint(1, 28), rng.randint(1, 12), rng.randint(0, 23)
    lines = [
        "Baca berita tanpa iklan. Gabung Kompas.com+",
        "",
        title,
        "",
        f"Kompas.com - {day:02d}/{month:02d}/2024, {hour:02d}:{rng.randint(0, 59):02d} WIB",
        rng.choice(NAMES),
        "",
        "Penulis",
        "",
        f"{rng.choice(PLACES)}, KOMPAS.com - {paragraphs[0]}",
    ]
    for k, p in enumerate(paragraphs[1:], start=1):
        lines += ["", p]
        if k == 2:
            lines += ["", f"Baca juga: {rng.choice(LATEST)}"]
    lines += [
        "",
        "Simak breaking news dan berita pilihan kami langsung di ponselmu.",
        "",
        "Terkini Lainnya",
        "",
        *rng.sample(LATEST, 2),
        "Komentar",
    ]
    return "\n".join(lines) + "\n", paragraphs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pages: list[str] = []
    for n in range(args.docs):
        if n % 40 == 39:  # a light edit of an earlier page: one sentence changed
            text = pages[rng.randrange(len(pages))]
            text = text.replace(" dan ", " serta ", 1) + "Tambahan kalimat penutup dari redaksi.\n"
        else:
            text, _ = page(rng, n)
        if len(pages) < 2000:
            pages.append(text)
        path = args.folder / f"{n // 1000:03d}" / f"{n:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    print(f"{args.docs} pages in {args.folder}")


if __name__ == "__main__":
    main()
