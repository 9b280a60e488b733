"""Metadata (title, day of publication, authors) on labelled real pages, as HTML and raw text.

``../shared/eval/trafmeta/pages.jsonl.gz`` holds 449 pages with a labelled title, day and
byline, each as the page's HTML and as its raw full-page text dump (chrome kept, one block
per line). Both go through ``clean run`` (the bundled rules, no site rule for any of these
sites) as JSONL records ``{"id", "url", "html"}`` and ``{"id", "url", "text"}``;
``trafilatura.extract_metadata`` runs on the same HTML in the same process as the baseline.

Scoring (the same for every system):

- **title**: the tool's title equals the label after folding both: Unicode NFKC, format
  characters (soft hyphens, zero-width spaces) dropped, case folded, white space collapsed.
  Over every page.
- **date**: the day of ``published`` (its first ten characters, ``YYYY-MM-DD``) equals the
  label. Over the pages with a labelled day; an empty label mostly means unlabelled, not
  undated, so no figure is given on those.
- **authors**: over the pages with a labelled byline, right when every name of the label is one
  of the tool's names (folded as titles are, and punctuation dropped). The label is split into
  names at ``;`` ``,`` ``/`` ``&`` and the words and/und/et/y/e/dan, after a leading "By"/"Von";
  trafilatura's string is split the same way. **exact**: the tool's names are the label's names,
  nothing more. **false authors**: over the pages whose label has no byline, the share where the
  tool gives one (some labels miss a real byline, so 0% is not the aim).
- **raw text holds** (a ceiling for raw text): the label title is a whole line of the dump, the
  label's day is written in one of the forms :func:`day_forms` lists, every label name appears
  in the dump.

Pages are split in two by a hash of their id (:func:`held_out`, fixed before any tuning): the
metadata stage (issue 22) was tuned on the ``tuning`` part only; ``held-out`` figures are of
pages not looked at while tuning. Both are printed, and ``all``.

    .venv/bin/python bench/meta_eval.py [--part tuning|held-out|all] [--show FIELD] [--json F]
    .venv/bin/python bench/meta_eval.py --reuse --no-trafilatura --show title --kind text
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = ROOT.parent / "shared" / "eval" / "trafmeta" / "pages.jsonl.gz"
PARTS = ("tuning", "held-out")
NAME_SPLIT = re.compile(r"\s*(?:;|,|/|&|\b(?:and|und|et|y|e|dan)\b)\s*", re.IGNORECASE)
LEADING_BY = re.compile(r"^(?:by|von|par|por|oleh)\s+", re.IGNORECASE)
MONTH_NAMES = {
    1: "january januar janvier enero gennaio januari jan", 2: "february februar fevrier febrero "
    "febbraio februari feb", 3: "march marz mars marzo maart maret mar", 4: "april avril abril "
    "aprile apr", 5: "may mai mayo maggio mei", 6: "june juni juin junio giugno jun",
    7: "july juli juillet julio luglio jul", 8: "august aout agosto augustus agustus aug",
    9: "september septembre septiembre settembre sep sept", 10: "october oktober octobre "
    "octubre ottobre okt oct", 11: "november novembre noviembre nov", 12: "december dezember "
    "decembre diciembre dicembre desember dec dez des",
}


def held_out(page_id: str) -> bool:
    """A page is held out when the SHA-256 of ``trafmeta:<id>`` is odd (half the pages)."""
    return int(hashlib.sha256(f"trafmeta:{page_id}".encode()).hexdigest(), 16) % 2 == 1


def fold(text: str | None) -> str:
    """NFKC, format characters dropped, case folded, white space collapsed."""
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return " ".join(text.casefold().split())


def fold_name(name: str) -> str:
    """A name folded for comparison: as :func:`fold`, punctuation dropped."""
    return " ".join(re.findall(r"\w+", fold(name)))


def label_names(byline: str | list[str]) -> list[str]:
    """The names of a labelled byline (two labels are lists), or of trafilatura's string."""
    if isinstance(byline, list):
        return [n for b in byline for n in label_names(b)]
    byline = LEADING_BY.sub("", byline.strip())
    return [n for n in (fold_name(p) for p in NAME_SPLIT.split(byline)) if n]


def strip_accents(text: str) -> str:
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )


def day_forms(day: str) -> list[re.Pattern[str]]:
    """Ways a day is written out (numeric in both orders, with a month's name, ISO)."""
    y, m, d = (int(x) for x in day.split("-"))
    names = "|".join(MONTH_NAMES[m].split())
    sep = r"\s*[./-]\s*"
    return [
        re.compile(rf"\b0?{d}{sep}0?{m}{sep}(?:{y}|{y % 100:02d})\b"),
        re.compile(rf"\b0?{m}{sep}0?{d}{sep}(?:{y}|{y % 100:02d})\b"),
        re.compile(rf"\b{y}{sep}0?{m}{sep}0?{d}\b"),
        re.compile(rf"\b0?{d}(?:st|nd|rd|th|er|º)?\.?\s*(?:de\s+)?(?:{names})\w*\.?,?\s*(?:de\s+)?{y}\b"),
        re.compile(rf"\b(?:{names})\w*\.?\s+0?{d}(?:st|nd|rd|th)?,?\s+{y}\b"),
    ]


def holds(page: dict) -> dict[str, bool | None]:
    """What the raw text dump holds of the labels."""
    text = page["text"]
    label = page["label"]
    lines = {fold(line) for line in text.split("\n")}
    folded = strip_accents(fold(text))
    names = label_names(label["authors"])
    words_text = " ".join(re.findall(r"\w+", fold(text)))
    return {
        "title": fold(label["title"]) in lines,
        "date": any(p.search(folded) for p in day_forms(label["date"])) if label["date"] else None,
        "authors": all(f" {n} " in f" {words_text} " for n in names) if names else None,
    }


def score(title: str | None, published: str | None, authors: list[str], label: dict) -> dict:
    """Right or wrong per field (None where the field is not scored on this page)."""
    names = label_names(label["authors"])
    given = {fold_name(a) for a in authors if fold_name(a)}
    return {
        "title": bool(title) and fold(title) == fold(label["title"]),
        "date": (published or "")[:10] == label["date"] if label["date"] else None,
        "authors": bool(names) and set(names) <= given if names else None,
        "authors_exact": set(names) == given if names else None,
        "false_authors": bool(given) if not names else None,
    }


def run_clean(
    pages: list[dict], kind: str, workers: int, keep: Path | None
) -> tuple[dict[str, dict], float]:
    """``clean run`` over the pages as JSONL records of one kind; metadata by id, seconds.

    With ``keep``, the run's output folder stays there (``--reuse`` scores it again)."""
    import clean

    with tempfile.TemporaryDirectory() as tmp:
        out_dir = keep / kind if keep else Path(tmp) / "out"
        src = Path(tmp) / f"{kind}.jsonl"
        with open(src, "w", encoding="utf-8") as f:
            for p in pages:
                f.write(json.dumps({"id": p["id"], "url": p["url"], kind: p[kind]}) + "\n")
        start = time.perf_counter()
        clean.run([src], out_dir, workers=workers, force=True, dedup=False, boilerplate=False)
        seconds = time.perf_counter() - start
        return read_run(out_dir), seconds


def read_run(out_dir: Path) -> dict[str, dict]:
    """Each document's metadata in a run's output, by id."""
    out = {}
    with open(out_dir / "documents.jsonl", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            out[r["id"]] = r["metadata"]
    return out


def run_trafilatura(pages: list[dict]) -> tuple[dict[str, dict], float]:
    """``trafilatura.extract_metadata`` on each page's HTML."""
    from trafilatura import extract_metadata

    out = {}
    start = time.perf_counter()
    for p in pages:
        try:
            m = extract_metadata(p["html"], default_url=p["url"])
        except Exception:
            m = None
        out[p["id"]] = {
            "title": getattr(m, "title", None),
            "published": getattr(m, "date", None),
            "authors": label_names(getattr(m, "author", None) or ""),
        }
    return out, time.perf_counter() - start


FIELDS = ("title", "date", "authors", "authors_exact", "false_authors")
HEADS = ("title", "date (day)", "authors", "authors exact", "false authors (lower is better)")
RULES = """Scoring (the same for every system):
  title: equal to the label after NFKC, format characters dropped, case and white space folded;
  date: the day of `published` equals the labelled day (pages with a labelled day only);
  authors: every name of the label is one of the tool's names (folded, punctuation dropped;
    labels split at ; , / & and/und/et/y/e/dan); exact: the same names, nothing more;
  false authors: share of pages whose label has no byline where the tool gives one.
Parts: a page is held out when SHA-256('trafmeta:' + id) is odd; the metadata stage was tuned
on the tuning part (its figures are in-sample), never on the held-out part."""


def table(rows: dict[str, dict[str, list[dict]]], parts: list[str]) -> list[str]:
    """Markdown table: one row per system and part, one column per field (share, pages)."""
    lines = ["| system | part | " + " | ".join(HEADS) + " |", "|" + " --- |" * (len(HEADS) + 2)]
    for system, by_part in rows.items():
        for p in parts:
            cells = [system, p]
            for f in FIELDS:
                values = [v[f] for v in by_part[p] if v.get(f) is not None]
                cells.append(f"{sum(values) / len(values):.2f} ({len(values)})" if values else "-")
            lines.append("| " + " | ".join(cells) + " |")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--part", choices=[*PARTS, "all"], default=None,
                    help="score one part only (default: both, and all)")  # fmt: skip
    ap.add_argument("--show", choices=["title", "date", "authors", "false_authors"],
                    help="list the pages of the shown part where clean is wrong on this field")
    ap.add_argument("--kind", choices=["text", "html"], help="with --show: one input kind")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", type=Path, help="write every page's scores here")
    ap.add_argument("--no-trafilatura", action="store_true")
    ap.add_argument("--keep", type=Path, default=ROOT / "bench" / "out" / "meta",
                    help="where the runs' outputs stay (default bench/out/meta)")
    ap.add_argument("--reuse", action="store_true",
                    help="score the runs kept by the last call again instead of running clean")
    args = ap.parse_args(argv)
    pages = [json.loads(line) for line in gzip.open(DATA, "rt", encoding="utf-8")]
    part_of = {p["id"]: "held-out" if held_out(p["id"]) else "tuning" for p in pages}
    if args.part in PARTS:
        pages = [p for p in pages if part_of[p["id"]] == args.part]
    parts = [args.part] if args.part else [*PARTS, "all"]
    results: dict[str, dict] = {}
    timings = {}
    for system, kind in (("clean, raw text", "text"), ("clean, HTML", "html")):
        if args.reuse:
            results[system], timings[system] = read_run(args.keep / kind), 0.0
        else:
            results[system], timings[system] = run_clean(pages, kind, args.workers, args.keep)
    if not args.no_trafilatura:
        results["trafilatura, HTML"], timings["trafilatura, HTML"] = run_trafilatura(pages)
    rows: dict[str, dict[str, list]] = {}
    per_page: dict[str, dict] = {}
    for system, out in results.items():
        rows[system] = {p: [] for p in parts}
        for page in pages:
            m = out.get(page["id"]) or {}
            s = score(m.get("title"), m.get("published"), m.get("authors") or [], page["label"])
            for p in parts:
                if p in ("all", part_of[page["id"]]):
                    rows[system][p].append(s)
            per_page.setdefault(page["id"], {"part": part_of[page["id"]]})[system] = {
                "scores": s, "title": m.get("title"), "published": m.get("published"),
                "authors": m.get("authors"),
            }  # fmt: skip
    rows["raw text holds"] = {p: [] for p in parts}
    for page in pages:
        h = holds(page)
        s = {"title": h["title"], "date": h["date"], "authors": h["authors"]}
        for p in parts:
            if p in ("all", part_of[page["id"]]):
                rows["raw text holds"][p].append(s)
    counts = {p: sum(1 for page in pages if p in ("all", part_of[page["id"]])) for p in parts}
    print(f"trafmeta: {len(pages)} pages ({', '.join(f'{p} {n}' for p, n in counts.items())});"
          " cells: share right (pages scored)")  # fmt: skip
    print(RULES)
    print("\n".join(table(rows, parts)))
    print("seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in timings.items()))
    if args.show:
        part = args.part or "tuning"
        for system in results:
            if not system.startswith("clean") or (args.kind and args.kind not in system.lower()):
                continue
            print(f"\n## {system}: wrong {args.show} ({part})")
            for page in pages:
                if part != "all" and part_of[page["id"]] != part:
                    continue
                got = per_page[page["id"]][system]
                wrong = args.show == "false_authors"  # True there is the mistake
                if got["scores"].get(args.show) is wrong:
                    field = {"date": "published", "false_authors": "authors"}.get(
                        args.show, args.show
                    )
                    label = page["label"][{"false_authors": "authors"}.get(args.show, args.show)]
                    print(f"{page['id']} {page['url'][:70]}\n  label: {label!r}\n"
                          f"  got:   {got[field]!r}")  # fmt: skip
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(per_page, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
