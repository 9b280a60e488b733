"""Labelled Indonesian raw dumps: the seeds' bodies under the chrome of other sites.

Each seed body (its reviewed golden text) is wrapped in four layouts: the Kompas chrome moved
onto another seed's body, a news portal (menus, breadcrumb, "Baca Juga" lines, tags, "Berita
Terkait", share buttons, copyright, links to the newsroom pages), a blog template (labels,
comment prompts, older/newer links, popular posts) and a magazine (cookie notice, photo credit
and caption, "Simak juga", newsletter prompts, "Berita Lainnya" with dates). Nothing is random:
the same code writes the same files. ``write_dumps(folder)`` writes ``<seed>-<layout>.txt`` and
returns the labels: ``{"body", "body_lines", "chrome"}`` per file.

    .venv/bin/python bench/id_dumps.py OUT_FOLDER
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TITLES = {
    "000": "Tajikistan Kerahkan 20 Ribu Tentara Cadangan ke Perbatasan Afghanistan",
    "001": "Putin dan Rahmon Bahas Situasi di Perbatasan Tajik-Afghanistan",
    "002": "Tajikistan Minta Bantuan CSTO Hadapi Ancaman dari Afghanistan",
    "003": "Kalah Bentrok dengan Taliban, 1.000 Tentara Afghanistan Lari ke Tajikistan",
    "004": "Kunjungan ke Tajikistan: Putin Ingin Menjalin Hubungan dengan Taliban",
}
HEADLINES = [
    "Hamas Rilis Video Perlihatkan Sandera Israel di Gaza, Ini Pesannya",
    "Demo Protes Perang Gaza Terus Meningkat di Sejumlah Kampus AS",
    "Sejarah Panjang Hubungan Korea Utara dan Iran",
    "Biden Teken Bantuan Baru untuk Ukraina, Dikirim dalam Hitungan Jam",
    "Israel Serang Lebanon Selatan, Sasar 40 Target Hezbollah",
    "Wakil Menteri Pertahanan Rusia Ditahan Terkait Skandal Korupsi",
    "Harga Emas Antam Hari Ini Naik Rp 5.000 per Gram",
    "Jadwal Sholat Jakarta Hari Ini Lengkap dengan Imsak",
]


def kompas(title: str, body: list[str], n: int) -> tuple[list[str], list[str]]:
    head = [
        "Baca berita tanpa iklan. Gabung Kompas.com+",
        title,
        "Kompas.com - 05/07/2021, 14:54 WIB",
        "Aditya Jaya Iswara",
        "Penulis",
        "Sumber AFP",
    ]
    tail = [
        "Simak breaking news dan berita pilihan kami langsung di ponselmu. Pilih saluran "
        "andalanmu akses berita Kompas.com WhatsApp Channel : "
        "https://www.whatsapp.com/channel/0029VaFPbedBPzjZrk13HO3D. Pastikan kamu sudah "
        "install aplikasi WhatsApp ya.",
        "Video rekomendasi",
        "Video lainnya",
        "Terkini Lainnya",
        *[x for h in HEADLINES[:5] for x in (h, h, "Global")],
        "Komentar",
        "Close Ads",
        "Bagikan artikel ini melalui",
        "Oke",
        "Login untuk memaksimalkan pengalaman mengakses Kompas.com",
    ]
    inline = [[f"Baca juga: {HEADLINES[(n + k) % len(HEADLINES)]}"] for k in range(3)]
    return head, _interleave(body, inline, every=3) + tail


def portal(title: str, body: list[str], n: int) -> tuple[list[str], list[str]]:
    head = [
        "Home", "News", "Nasional", "Internasional", "Ekonomi", "Olahraga", "Tekno",
        "Otomotif", "Masuk", "Daftar",
        "Home > Internasional > Asia",
        title,
        "Reporter: Rina Wulandari | Editor: Budi Santoso",
        "Senin, 05 Jul 2021 14:54 WIB",
        "Bagikan:",
    ]  # fmt: skip
    inline = [
        ["Baca Juga", HEADLINES[(n + k) % len(HEADLINES)], "ADVERTISEMENT",
         "SCROLL TO CONTINUE WITH CONTENT"]
        for k in range(2)
    ]  # fmt: skip
    tail = [
        "Tags",
        "#taliban",
        "#tajikistan",
        "#afghanistan",
        "Berita Terkait",
        *HEADLINES[(n + 2) % 8 : (n + 2) % 8 + 4],
        "Bagikan artikel ini",
        "Facebook",
        "Twitter",
        "WhatsApp",
        "Salin Link",
        "Copyright © 2021 PT Portal Berita Nusantara. All rights reserved.",
        "Redaksi | Pedoman Media Siber | Kontak | Tentang Kami | Karir",
    ]
    return head, _interleave(body, inline, every=4) + tail


def blog(title: str, body: list[str], n: int) -> tuple[list[str], list[str]]:
    head = ["Beranda", "Tentang Kami", "Kontak", "Kebijakan Privasi", "Selasa, 06 Juli 2021",
            title, "Diposting oleh Admin Berita pada 06.30"]  # fmt: skip
    tail = [
        "Label: Internasional, Asia Tengah",
        "Bagikan artikel ini",
        "Tulis komentar",
        "0 Komentar",
        "Postingan Lebih Baru",
        "Postingan Lama",
        "Beranda",
        "Langganan: Posting Komentar (Atom)",
        "Artikel Populer",
        *HEADLINES[n % 4 : n % 4 + 4],
        "© 2021 Blog Berita Dunia. Hak cipta dilindungi undang-undang.",
        "Diberdayakan oleh Blogger.",
    ]
    return head, list(body) + tail


def magazine(title: str, body: list[str], n: int) -> tuple[list[str], list[str]]:
    head = [
        "Kami menggunakan cookie untuk meningkatkan pengalaman Anda di situs ini. Dengan "
        "melanjutkan, Anda menyetujui kebijakan privasi kami.",
        "Setuju",
        "INTERNASIONAL",
        title,
        "Oleh: Dewi Lestari",
        "Kamis, 8 Juli 2021 | 10:15 WIB",
        "Foto: Ilustrasi tentara di perbatasan (REUTERS)",
    ]
    inline = [[f"Simak juga: {HEADLINES[(n + 3) % len(HEADLINES)]}"], ["Advertisement"]]
    tail = [
        "Ikuti kami di Google News",
        "Dapatkan update berita pilihan dan breaking news setiap hari dari Majalah Dunia. "
        "Mari bergabung di Grup Telegram kami, caranya klik link berikut lalu join.",
        "Berita Lainnya",
        *[x for h in HEADLINES[n % 4 : n % 4 + 3] for x in (h, "Kamis, 8 Juli 2021 | 09:00 WIB")],
        "Terpopuler",
        *[x for k, h in enumerate(HEADLINES[4:7], start=1) for x in (str(k), h)],
        "Hak Cipta © 2021 Majalah Dunia. Dilarang mengutip tanpa izin.",
    ]
    return head, _interleave(body, inline, every=5) + tail


LAYOUTS = {"kompas": kompas, "portal": portal, "blog": blog, "magazine": magazine}


def _interleave(body: list[str], inline: list[list[str]], every: int) -> list[str]:
    """Body paragraphs with a box of chrome lines after every ``every``-th, while any are left."""
    out: list[str] = []
    pending = list(inline)
    for k, line in enumerate(body, start=1):
        out.append(line)
        if pending and k % every == 0 and k < len(body):
            out.extend(pending.pop(0))
    return out


def bodies() -> dict[str, list[str]]:
    """The reviewed body of each seed: its golden text, as lines (blank lines dropped)."""
    out = {}
    for path in sorted((ROOT / "golden").glob("*.json")):
        out[path.stem[:3]] = [x for x in json.loads(path.read_text("utf-8"))["text"] if x]
    return out


def write_dumps(folder: Path) -> dict[str, dict]:
    """Write every seed body under every layout into ``folder``; the labels by file name."""
    folder.mkdir(parents=True, exist_ok=True)
    truth = {}
    for n, (seed, body) in enumerate(sorted(bodies().items())):
        for name, layout in LAYOUTS.items():
            if name == "kompas" and seed == "003":
                continue  # its own chrome, already a seed
            head, rest = layout(TITLES[seed], body, n)
            text = "\n\n".join([*head, *rest]) if name != "portal" else "\n".join([*head, *rest])
            file = f"{seed}-{name}.txt"
            (folder / file).write_text(text + "\n", encoding="utf-8")
            chrome = [x for x in [*head, *rest] if x not in body and len(x.split()) >= 3]
            truth[file] = {"body": "\n".join(body), "body_lines": body, "chrome": chrome}
    return truth


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: bench/id_dumps.py OUT_FOLDER")
    labels = write_dumps(Path(sys.argv[1]))
    print(f"{len(labels)} dumps written to {sys.argv[1]}")
