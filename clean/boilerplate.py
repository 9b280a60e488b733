"""Site boilerplate: lines that recur in many documents of one site are that site's chrome.

A run learns them in two passes, because a line is boilerplate only once enough documents of
its site have been seen:

1. :meth:`SiteLines.observe` each clean document (its site key and text): every distinct line
   of a document adds one to its site's count of that line. Only 8-byte hashes of folded lines
   (:func:`clean.text.line_key`) are kept, at most ``max_keys`` per site: when a site's table
   is full, lines seen in one document only are forgotten (a line that recurs in a share of a
   site's documents survives that), so memory is bounded whatever the run's size.
2. :meth:`SiteLines.learned` gives, per site, the keys seen in at least ``min_documents``
   documents and in at least ``min_share`` of the site's documents; :func:`apply` removes
   those lines from one document (never all of them: a document that would be left empty
   stays as it is).

Counting is per site and never across sites: one sentence in the stories of two outlets is
wire copy, not chrome. The site is the document's ``site`` (a rule file's site or the URL's
registrable domain); documents without one are grouped by the folder their file lies in
(``dir:<folder>``), since dumps are usually stored per site. Tables of two shards merge
(:meth:`SiteLines.merge`), so the first pass can run on workers.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from clean.records import Counts, Document, Removal, Row
from clean.text import line_key, words

RULE = "generic.site-boilerplate"
NAME_BYTES = 120  # of a learned rule file's name, before ".yaml": file systems allow 255


@dataclass(frozen=True, slots=True)
class BoilerplateConfig:
    """When a line counts as a site's boilerplate, and how much a site's table may hold."""

    min_documents: int = 5
    min_share: float = 0.3
    max_keys: int = 50_000

    def __post_init__(self) -> None:
        if self.min_documents < 2:
            raise ValueError("min_documents must be >= 2")
        if not 0.0 < self.min_share <= 1.0:
            raise ValueError("min_share must be in (0.0, 1.0]")
        if self.max_keys < 100:
            raise ValueError("max_keys must be >= 100")


def key_of(line: str) -> int | None:
    """The hashed key of a line (case, quotes and punctuation folded); None for no words.

    >>> key_of("Baca juga: Lain!") == key_of("baca JUGA lain"), key_of("—")
    (True, None)
    """
    folded = line_key(line)
    if not folded:
        return None
    return int.from_bytes(hashlib.blake2b(folded.encode(), digest_size=8).digest(), "big")


def site_key(site: str | None, source: str) -> str:
    """The group a document is counted in: its site, else the folder of its source.

    >>> site_key("kompas.com", "a/b.txt"), site_key(None, "dumps/x/1.txt"), site_key(None, "1.txt")
    ('kompas.com', 'dir:dumps/x', 'dir:.')
    """
    if site:
        return site
    path = source.split(".jsonl:")[0] if ".jsonl:" in source else source
    return f"dir:{PurePosixPath(path).parent.as_posix()}"


@dataclass
class SiteLines:
    """Per site: how many documents were seen and in how many of them each line key was."""

    config: BoilerplateConfig = field(default_factory=BoilerplateConfig)
    documents: Counter[str] = field(default_factory=Counter)
    counts: dict[str, Counter[int]] = field(default_factory=dict)

    def observe(self, site: str, text: str) -> None:
        """Count the distinct lines of one document of ``site``."""
        self.documents[site] += 1
        table = self.counts.setdefault(site, Counter())
        table.update({k for k in map(key_of, text.split("\n")) if k is not None})
        if len(table) > self.config.max_keys:
            _prune(table, self.config.max_keys)

    def merge(self, other: SiteLines) -> None:
        """Add another table's counts (from another shard of the same run)."""
        self.documents.update(other.documents)
        for site, table in other.counts.items():
            mine = self.counts.setdefault(site, Counter())
            mine.update(table)
            if len(mine) > self.config.max_keys:
                _prune(mine, self.config.max_keys)

    def learned(self) -> dict[str, dict[int, int]]:
        """Per site, the boilerplate keys and the number of documents each was seen in."""
        out = {}
        for site, table in sorted(self.counts.items()):
            n = self.documents[site]
            need = max(self.config.min_documents, self.config.min_share * n)
            keys = {k: c for k, c in table.items() if c >= need}
            if keys:
                out[site] = keys
        return out


def _prune(table: Counter[int], max_keys: int) -> None:
    """Forget the rarest keys until the table holds at most half of ``max_keys``."""
    floor = 1
    while len(table) > max_keys // 2:
        for k in [k for k, c in table.items() if c <= floor]:
            del table[k]
        floor += 1


def apply(text: str, keys: Iterable[int] | dict[int, int]) -> tuple[str, list[str]]:
    """The text without its boilerplate lines, and the lines removed (in text order).

    Nothing is removed if it would leave no line with words.

    >>> k = {key_of("Ikuti kami di Google News")}
    >>> apply("Isi berita.\\nIkuti kami di Google News", k)
    ('Isi berita.', ['Ikuti kami di Google News'])
    >>> apply("Ikuti kami di Google News", k)
    ('Ikuti kami di Google News', [])
    """
    keys = keys if isinstance(keys, (set, frozenset, dict)) else set(keys)
    kept: list[str] = []
    removed: list[str] = []
    for line in text.split("\n"):
        (removed if key_of(line) in keys else kept).append(line)
    if not removed or not any(key_of(line) is not None for line in kept):
        return text, []
    out = "\n".join(kept)
    while "\n\n\n" in out:
        out = out.replace("\n\n\n", "\n\n")
    return out.strip("\n"), removed


def places(text: str, keys: Iterable[int] | dict[int, int]) -> tuple[list[int], list[int]]:
    """Where :func:`apply` takes lines out of ``text``, for showing removals in place: for each
    removed line, the non-blank kept lines above it; and for each count of non-blank lines above
    a place in ``text``, the count once the lines are gone.

    >>> places("Isi.\\nIkuti kami\\n\\nAkhir.", {key_of("Ikuti kami")})
    ([1], [0, 1, 1, 2])
    """
    keys = keys if isinstance(keys, (set, frozenset, dict)) else set(keys)
    removed: list[int] = []
    after = [0]
    for line in text.split("\n"):
        if key_of(line) in keys:
            removed.append(after[-1])
            after.append(after[-1])
        elif line:
            after.append(after[-1] + 1)
    return removed, after


def rule_file_names(sites: Iterable[str]) -> dict[str, str]:
    """The file name of each site's learned rules (``learned-rules/NAME.yaml``), one per site.

    A name is the site's (a host, or a folder without ``dir:``) in letters, digits, ``.`` and
    ``-``, the rest made ``-``. Where that is longer than :data:`NAME_BYTES` (a file name has
    255 bytes), or where a site comes to the name another already has (a folder and a host of
    the same name, names that differ in case or in the characters replaced: a rule id is made
    of the name too; hosts are named first), the name is cut and a hash of the site follows.

    >>> names = rule_file_names(["dir:beritaku.id", "beritaku.id", "dir:" + "x" * 300])
    >>> names["beritaku.id"], names["dir:beritaku.id"], len(names["dir:" + "x" * 300])
    ('beritaku.id', 'beritaku.id-d46b143a', 120)
    """
    names: dict[str, str] = {}
    taken: set[str] = set()
    for site in sorted(set(sites), key=lambda s: (s.startswith("dir:"), s)):
        name = _file_name(site)
        n = 0
        while _slug(name) in taken or len(name.encode()) > NAME_BYTES:
            cut = _file_name(site).encode()[: NAME_BYTES - 9].decode("utf-8", "ignore")
            key = f"{site}\0{n}" if n else site  # again, if even that name is taken
            name = f"{cut.rstrip('.-')}-{hashlib.blake2b(key.encode(), digest_size=4).hexdigest()}"
            n += 1
        taken.add(_slug(name))
        names[site] = name
    return names


def _file_name(site: str) -> str:
    bare = site.removeprefix("dir:")
    name = "".join(c if c.isalnum() or c in ".-" else "-" for c in bare)
    return name.strip(".-") or "root"


def rule_file(
    site: str, lines: list[tuple[str, int]], documents: int, name: str | None = None
) -> str:
    """A site rule file (YAML) dropping the learned ``(line, documents)``, ready for rules/;
    ``name`` is its file's (:func:`rule_file_names`), which its rule ids are made of.

    A host becomes ``match.hosts``; a folder group (``dir:...``) has no host, so its most
    common line, anchored, becomes the signature.
    """
    import yaml

    ordered = sorted(lines, key=lambda x: (-x[1], x[0]))
    name = name or rule_file_names([site])[site]
    match = (
        {"signatures": [f"(?m)^{_escape(ordered[0][0])}$"]}
        if site.startswith("dir:")
        else {"hosts": [site]}
    )
    data = {
        "version": 1,
        "site": site,
        "description": f"learned by clean from {documents} documents: lines seen in many of them",
        "match": match,
        "rules": [
            {
                "id": f"learned.{_slug(name)}.{n}",
                "action": "drop",
                "line": text,
                "description": f"in {count} of {documents} documents",
            }
            for n, (text, count) in enumerate(ordered, start=1)
        ],
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _escape(line: str) -> str:
    return re.escape(line)


def apply_document(
    doc: Document, row: Row, learned: dict[str, dict[int, int]]
) -> tuple[Document, Row, list[str]]:
    """A document and its report row without its site's boilerplate lines, and the lines
    removed.

    The removals follow the per-document ones in ``removed`` as ``generic.site-boilerplate``
    (they were decided later), and the counts are updated; in the row each removal keeps its
    place in the text that is left.
    """
    keys = learned.get(site_key(doc.site, doc.source))
    if not keys:
        return doc, row, []
    text, removed = apply(doc.text, keys)
    if not removed:
        return doc, row, []
    counts = Counts(
        chars=len(text),
        words=len(words(text)),
        lines_removed=doc.counts.lines_removed + sum(1 for x in removed if x.strip()),
    )
    new = dataclasses.replace(
        doc,
        text=text,
        counts=counts,
        removed=(*doc.removed, *(Removal(RULE, x) for x in removed)),
    )
    at, after = places(doc.text, keys)
    moved = [(r, after[k], w, t) for r, k, w, t in row.removals]
    moved += [(RULE, k, 1, x) for k, x in zip(at, removed, strict=True)]
    row = dataclasses.replace(
        row,
        words=counts.words,
        lines_removed=counts.lines_removed,
        removals=tuple(sorted(moved, key=lambda r: (r[1], not r[2]))),
    )
    return new, row, removed


def apply_record(
    record: dict[str, Any], learned: dict[str, dict[int, int]]
) -> tuple[dict[str, Any], list[str]]:
    """:func:`apply_document` for an output record as the library step gives it (a dict): the
    record without its site's boilerplate lines, and the lines removed."""
    doc = Document.from_json(record)
    new, _, removed = apply_document(doc, Row.of(doc), learned)
    return (new.as_json(), removed) if removed else (record, [])


def _slug(name: str) -> str:
    out = "".join(ch if ch.isalnum() else "-" for ch in name.lower()).strip("-")
    return out or "site"
