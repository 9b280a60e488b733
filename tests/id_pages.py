"""Labelled Indonesian pages written for the tests (``tests/data/id_pages/``): parse and score.

Each page is a raw text dump in the layout of an Indonesian news site, one line per block, each
line labelled: ``T|`` the headline (it goes to ``metadata.title``), ``B|`` body (kept), ``C|``
chrome (removed). In a body line, ``⟦...⟧`` marks a span that goes with the line staying (a
dateline, an editor's tag). ``#`` lines are notes. ``tuning/`` holds the pages the generic stage
was tuned on; ``held-out/`` pages were written first and are only measured (``make eval``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "data" / "id_pages"
SPAN = re.compile(r"\s*⟦[^⟧]*⟧\s*")


@dataclass(frozen=True)
class Page:
    """A labelled page: the dump as a site would give it and what a clean run should leave."""

    name: str
    dump: str
    title: str | None
    body: tuple[str, ...]  # the body lines as they should come out (spans removed)
    chrome: tuple[str, ...]  # the chrome lines, as in the dump
    spanned: tuple[str, ...]  # body lines with their spans, as in the dump

    @property
    def gold(self) -> str:
        return "\n".join(self.body)


def parse(name: str, text: str) -> Page:
    """A page from its labelled form."""
    dump, body, chrome, spanned = [], [], [], []
    title = None
    for n, raw in enumerate(text.splitlines(), start=1):
        if raw.startswith("#"):
            continue
        if not raw.strip():
            dump.append("")
            continue
        label, sep, line = raw.partition("| ")
        if not sep or label not in ("T", "B", "C"):
            raise ValueError(f"{name}:{n}: a line starts with 'T| ', 'B| ', 'C| ' or '#'")
        plain = line.replace("⟦", "").replace("⟧", "")
        dump.append(plain)
        if label == "T":
            title = plain
        elif label == "C":
            chrome.append(plain)
        else:
            kept = SPAN.sub(" ", line).strip()
            body.append(kept)
            if kept != plain:
                spanned.append(plain)
    return Page(name, "\n".join(dump) + "\n", title, tuple(body), tuple(chrome), tuple(spanned))


def load(part: str) -> dict[str, Page]:
    """The pages of one part (``tuning`` or ``held-out``), by file name without suffix."""
    return {
        p.stem: parse(p.stem, p.read_text(encoding="utf-8"))
        for p in sorted((FOLDER / part).glob("*.txt"))
    }


def mistakes(page: Page, text: str, title: str | None) -> dict[str, list[str]]:
    """What a clean run got wrong on a page: body lines lost, chrome lines and spans left, and
    a wrong title (compared with white space folded)."""
    out = {" ".join(line.split()) for line in text.split("\n") if line.strip()}
    return {
        "body lost": [b for b in page.body if b not in out],
        "chrome left": [c for c in page.chrome if c in out and c not in page.body],
        "spans left": [s for s in page.spanned if s in out],
        "title": [] if page.title is None or title == page.title else [f"{title!r}"],
    }
