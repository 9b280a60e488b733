"""Running `clean` and reading and scoring its duplicate marks: shared by the dedup benchmarks.

- :func:`run_clean` runs ``clean run`` (the script beside this Python) with ``--dedup-set``
  settings and returns its wall and CPU seconds;
- :func:`read_output` reads ``documents.jsonl`` (and ``duplicates.jsonl``, ``rejected.jsonl``)
  of a run into texts, duplicate marks and rejections;
- :func:`pair_scores` is precision and recall of a yes/no decision over labelled pairs;
- :func:`dates` and :func:`date_conflicts` find ``near``/``exact`` verdicts between texts
  that report different days;
- :data:`SWEEP` is the grid of settings the benchmarks sweep, each alone around its default;
- :func:`markdown` and :func:`machine` print tables and record where they were measured.
"""

from __future__ import annotations

import itertools
import json
import os
import platform
import re
import resource
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from dedup_baselines import UnionFind

# The settings that decide what a rewrite is, each swept alone around its default.
SWEEP = {
    "rewrite_narrative": (0.1, 0.25, 0.4),
    "rewrite_quotes": (0.2, 0.5),
    "quoted_least": (0.02, 0.1),
    "rewrite_coverage": (0.3, 0.6),
    "paraphrase": (0.6, 0.8, 0.9),
    "sentence_overlap": (0.3, 0.4, 0.5),
    "min_sentences": (6, 10),
    "background": (0.4, 0.6),
    "conflicts": (1, 3),
    "series": (2, 10),
    "max_candidates": (4, 32),
}
DUPLICATE_RELATIONS = ("near", "exact")  # what --drop-duplicates may drop as the same text

# Day and month mentions. Numbers alone are dates only in parentheses ("Rabu (18/6)", the
# Indonesian dateline) or with a four-digit year (18/6/2025, 18-06-2025); month names in any
# of English and Indonesian forms, capitalised ("18 Juni 2025", "June 18, 2025").
MONTHS = {
    word: number
    for number, words in enumerate(
        (
            "january januari jan",
            "february februari pebruari feb",
            "march maret mar",
            "april apr",
            "may mei",
            "june juni jun",
            "july juli jul",
            "august agustus aug agu agt",
            "september sep sept",
            "october oktober oct okt",
            "november nopember nov",
            "december desember dec des",
        ),
        start=1,
    )
    for word in words.split()
}
PAREN_DATE = re.compile(r"\((?:[A-Za-z]+,?\s*)?(\d{1,2})/(\d{1,2})(?:/\d{2,4})?\)")
YEAR_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-]\d{4}(?!\d)")
ISO_DATE = re.compile(r"(?<!\d)\d{4}-(\d{2})-(\d{2})(?!\d)")
DAY_MONTH = re.compile(r"(?<!\d)(\d{1,2})(?:\s+|-)([A-Z][a-z]{2,8})\b")
MONTH_DAY = re.compile(r"\b([A-Z][a-z]{2,8})\.?\s+(\d{1,2})(?!\d)")


WEEKDAYS = {
    word: number
    for number, words in enumerate(
        ("monday senin", "tuesday selasa", "wednesday rabu", "thursday kamis",
         "friday jumat", "saturday sabtu", "sunday minggu ahad")
    )
    for word in words.split()
}  # fmt: skip
DATED = re.compile(r"\b([A-Za-z]+),?\s*\((\d{1,2})/(\d{1,2})/(\d{4})\)")


def misdated(text: str) -> frozenset[tuple[int, int]]:
    """The (day, month) dates a text writes beside a weekday the calendar does not give them
    ("Rabu (18/5/2025)": 18 May 2025 was a Sunday): typos, by the text's own weekday.

    >>> sorted(misdated("Rabu (18/5/2025), lalu Rabu (18/6/2025) dan Senin (16/6/2025)"))
    [(18, 5)]
    """
    import datetime

    found = set()
    for m in DATED.finditer(text):
        weekday = WEEKDAYS.get(m[1].lower())
        try:
            day = datetime.date(int(m[4]), int(m[3]), int(m[2]))
        except ValueError:
            continue
        if weekday is not None and day.weekday() != weekday:
            found.add((day.day, day.month))
    return frozenset(found)


def dates(text: str) -> frozenset[tuple[int, int]]:
    """The (day, month) pairs a text mentions.

    >>> sorted(dates("Rabu (18/6/2025), lalu Jumat (13/6). On June 20, 2025; 21 Juni; skor 2-1"))
    [(13, 6), (18, 6), (20, 6), (21, 6)]
    """
    found = set()
    for m in itertools.chain(PAREN_DATE.finditer(text), YEAR_DATE.finditer(text)):
        found.add((int(m[1]), int(m[2])))
    for m in ISO_DATE.finditer(text):
        found.add((int(m[2]), int(m[1])))
    for m in DAY_MONTH.finditer(text):
        if m[2].lower() in MONTHS:
            found.add((int(m[1]), MONTHS[m[2].lower()]))
    for m in MONTH_DAY.finditer(text):
        if m[1].lower() in MONTHS:
            found.add((int(m[2]), MONTHS[m[1].lower()]))
    return frozenset((d, m) for d, m in found if 1 <= d <= 31 and 1 <= m <= 12)


def date_conflicts(marks: dict[str, dict], texts: dict[str, str]) -> list[dict]:
    """Pairs of documents joined by ``near`` or ``exact`` verdicts whose texts each mention a
    day the other does not: what the run calls one text though the two report different days.

    A document's mark names one verdict, its strongest (``relation`` with ``matched``); the
    documents joined through those that are ``near`` or ``exact`` (directly or in a chain) are
    checked pair by pair. ``verdict`` says whether one of the pair is the other's ``matched``;
    ``typo`` that every day one text has and the other lacks is written beside a weekday the
    calendar does not give it (:func:`misdated`): a mistyped date, not another day.
    """
    sets = UnionFind(marks)
    for doc_id, mark in marks.items():
        if mark.get("relation") in DUPLICATE_RELATIONS and mark.get("matched") in marks:
            sets.union(doc_id, mark["matched"])
    groups = defaultdict(list)
    for doc_id in sorted(marks):
        groups[sets.find(doc_id)].append(doc_id)
    found = []
    for ids in groups.values():
        days = {i: dates(texts.get(i, "")) for i in ids}
        for a, b in itertools.combinations(ids, 2):
            da, db = days[a], days[b]
            if da - db and db - da:
                found.append(
                    {
                        "a": a,
                        "b": b,
                        "cluster": marks[a]["cluster"],
                        "relations": [marks[a]["relation"], marks[b]["relation"]],
                        "verdict": marks[a].get("matched") == b or marks[b].get("matched") == a,
                        "dates_a": [f"{d}/{m}" for d, m in sorted(da - db)],
                        "dates_b": [f"{d}/{m}" for d, m in sorted(db - da)],
                        "typo": bool(
                            (da - db) <= misdated(texts.get(a, ""))
                            or (db - da) <= misdated(texts.get(b, ""))
                        ),
                    }
                )
    return found


def cluster_date_pairs(clusters: dict[str, str], texts: dict[str, str]) -> int:
    """Pairs of one cluster (of a method that has no relations) whose texts each mention a day
    the other does not."""
    members = defaultdict(list)
    for doc_id, cluster in sorted(clusters.items()):
        members[cluster].append(doc_id)
    count = 0
    for ids in members.values():
        days = [dates(texts.get(i, "")) for i in ids]
        count += sum(bool(a - b and b - a) for a, b in itertools.combinations(days, 2))
    return count


@dataclass(frozen=True)
class Output:
    """What a `clean run` wrote: texts and duplicate marks by id, rejections with their reason."""

    texts: dict[str, str]
    marks: dict[str, dict]
    rejected: dict[str, str]
    published: dict[str, str | None]

    def clusters(self) -> dict[str, str]:
        """The cluster of each document that has one."""
        return {i: str(m["cluster"]) for i, m in self.marks.items()}


def read_output(out: Path) -> Output:
    """The documents of a run (kept and moved to duplicates.jsonl) and its rejections."""
    texts, marks, rejected, published = {}, {}, {}, {}
    for name in ("documents.jsonl", "duplicates.jsonl"):
        path = out / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    record = json.loads(line)
                    texts[record["id"]] = record["text"]
                    published[record["id"]] = record["metadata"].get("published")
                    mark = record["metadata"].get("duplicate")
                    if mark:
                        marks[record["id"]] = mark
    path = out / "rejected.jsonl"
    if path.exists():
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    record = json.loads(line)
                    rejected[record.get("id") or record["source"]] = record["reason"]
    return Output(texts, marks, rejected, published)


@dataclass(frozen=True)
class Run:
    """One `clean run`: where it wrote, its wall and CPU seconds."""

    out: Path
    wall: float
    cpu: float


def clean_script() -> Path:
    """The ``clean`` console script beside the running Python (the project's .venv)."""
    clean = Path(sys.executable).with_name("clean")
    if not clean.exists():
        sys.exit(f"no clean script at {clean}; run this with .venv/bin/python")
    return clean


def run_clean(sources: Iterable[Path], out: Path, settings: dict | None = None) -> Run:
    """``clean run SOURCES -o OUT --force --quiet`` with each setting as ``--dedup-set``."""
    command = [str(clean_script()), "run", *map(str, sources), "-o", str(out), "--force", "-q"]
    for key, value in (settings or {}).items():
        command += ["--dedup-set", f"{key}={value}"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} exited with {result.returncode}:\n{result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(out, wall, cpu)


def pair_scores(pairs: Iterable[tuple[str, str, bool]], decide: Callable[[str, str], bool]) -> dict:
    """Precision and recall of ``decide`` over ``(a, b, positive)`` pairs, with the pairs it
    missed and those it took wrongly."""
    tp, missed, false = [], [], []
    for a, b, positive in pairs:
        said = decide(a, b)
        if positive and said:
            tp.append((a, b))
        elif positive:
            missed.append((a, b))
        elif said:
            false.append((a, b))
    return {
        "precision": len(tp) / (len(tp) + len(false)) if tp or false else None,
        "recall": len(tp) / (len(tp) + len(missed)) if tp or missed else None,
        "found": len(tp),
        "missed": missed,
        "false": false,
    }


def same_cluster(clusters: dict[str, str]) -> Callable[[str, str], bool]:
    """The decision "both documents are in one cluster"."""
    return lambda a, b: a in clusters and clusters.get(a) == clusters.get(b)


def clean_default(key: str):
    """The default value of one of clean's duplicate settings."""
    from clean.dedup import DedupConfig

    return getattr(DedupConfig(), key)


def figure(value: float | None, digits: int = 3) -> str:
    """A share with ``digits`` decimals, or a dash when undefined."""
    return "–" if value is None else f"{value:.{digits}f}"


def markdown(rows: list[list[str]]) -> str:
    """A markdown table: the first row is the header; columns after the first right-aligned."""
    head, *body = rows
    lines = ["| " + " | ".join(head) + " |", "| --- |" + " ---: |" * (len(head) - 1)]
    lines += ["| " + " | ".join(row) + " |" for row in body]
    return "\n".join(lines)


def machine() -> dict:
    """Where and when figures were measured: load averages, cores, Python, the commit."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:
        commit = ""
    return {
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "commit": commit,
        "time": time.strftime("%Y-%m-%d %H:%M:%S"),
    }
