"""Write a run's output atomically: documents.jsonl, rejected.jsonl, then report.json last.

Every file is written under a temporary name and renamed into place when complete; the old
report.json is removed first and the new one written last, so a folder with a report.json holds
one complete run and nothing that looks complete is ever half written.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clean.errors import OUTPUT_EXISTS, OUTPUT_NOT_DIR, OUTPUT_UNWRITABLE, ConfigError
from clean.records import Document, Rejected, Skipped

DOCUMENTS = "documents.jsonl"
REJECTED = "rejected.jsonl"
DUPLICATES = "duplicates.jsonl"
REPORT = "report.json"
OUTPUTS = (DOCUMENTS, REJECTED, DUPLICATES, REPORT)
PARTIAL = ".partial"


def dumps(record: dict[str, Any]) -> str:
    """One JSONL line: UTF-8 text as is, keys in the order given."""
    return json.dumps(record, ensure_ascii=False, separators=(", ", ": "))


@dataclass
class Tally:
    """The counts a run reports: ``read == documents + rejected + skipped + dropped``."""

    documents: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    removals: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    repairs: Counter[str] = field(default_factory=Counter)
    lines_removed: int = 0
    dropped: int = 0  # duplicates moved to duplicates.jsonl

    def add(self, item: Document | Rejected | Skipped) -> None:
        if isinstance(item, Document):
            self.documents += 1
            self.removals.update(r.rule for r in item.removed)
            self.languages[item.language or "unknown"] += 1
            self.repairs.update(r.split(":")[0] for r in item.repairs)
            self.lines_removed += item.counts.lines_removed
        elif isinstance(item, Rejected):
            self.rejected[item.reason] += 1
        else:
            self.skipped[item.type or "(no suffix)"] += 1

    @property
    def read(self) -> int:
        return self.documents + sum(self.rejected.values()) + sum(self.skipped.values())

    def as_json(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "documents": self.documents - self.dropped,
            "duplicates_dropped": self.dropped,
            "rejected": sum(self.rejected.values()),
            "skipped": sum(self.skipped.values()),
            "rejected_by_reason": dict(sorted(self.rejected.items())),
            "skipped_by_type": dict(sorted(self.skipped.items())),
            "lines_removed": self.lines_removed,
            "removals_by_rule": dict(sorted(self.removals.items())),
            "languages": dict(sorted(self.languages.items(), key=lambda kv: (-kv[1], kv[0]))),
            "repairs": dict(sorted(self.repairs.items())),
        }


class RunOutput:
    """The output folder of one run; use as a context manager and call :meth:`commit` at the end."""

    def __init__(self, out: Path, force: bool = False):
        self.out = out
        if out.exists() and not out.is_dir():
            raise ConfigError(OUTPUT_NOT_DIR.format(out=out))
        if out.is_dir() and not force and any((out / name).exists() for name in OUTPUTS):
            raise ConfigError(OUTPUT_EXISTS.format(out=out))
        try:
            out.mkdir(parents=True, exist_ok=True)
            self._files = {
                name: open(self._partial(name), "w", encoding="utf-8", newline="\n")
                for name in (DOCUMENTS, REJECTED)
            }
        except OSError as exc:
            raise ConfigError(OUTPUT_UNWRITABLE.format(out=out, why=exc.strerror or exc)) from None
        self.tally = Tally()

    def _partial(self, name: str) -> Path:
        return self.out / f".{name}{PARTIAL}"

    def __enter__(self) -> RunOutput:
        return self

    def __exit__(self, *exc: object) -> None:
        for f in self._files.values():
            f.close()
        for name in OUTPUTS:
            self._partial(name).unlink(missing_ok=True)
        (self.out / f".{DOCUMENTS}.annotated{PARTIAL}").unlink(missing_ok=True)
        (self.out / f".{DOCUMENTS}.edited{PARTIAL}").unlink(missing_ok=True)

    def write(self, item: Document | Rejected | Skipped) -> None:
        self.tally.add(item)
        try:
            if isinstance(item, Document):
                self._files[DOCUMENTS].write(dumps(item.as_json()) + "\n")
            elif isinstance(item, Rejected):
                self._files[REJECTED].write(dumps(item.as_json()) + "\n")
        except OSError as exc:  # out of disk space, a folder gone read-only
            raise ConfigError(
                OUTPUT_UNWRITABLE.format(out=self.out, why=exc.strerror or exc)
            ) from None

    def apply_duplicates(self, duplicates: dict[str, dict[str, Any]], drop: bool = False) -> None:
        """Write ``{id: duplicate}`` into each record's metadata, in a second pass over documents.

        With ``drop`` only representatives stay in documents.jsonl; the other members go, as
        the same records, to duplicates.jsonl. Call once, before :meth:`commit`.
        """
        try:
            for f in self._files.values():
                f.close()
            self._annotate(duplicates, drop)
        except OSError as exc:
            raise ConfigError(
                OUTPUT_UNWRITABLE.format(out=self.out, why=exc.strerror or exc)
            ) from None

    def commit(self, report: dict[str, Any]) -> None:
        """Move the finished files into place; report.json, written last, marks the run complete."""
        try:
            (self.out / REPORT).unlink(missing_ok=True)
            for name in (DOCUMENTS, REJECTED, DUPLICATES):
                os.replace(self._partial(name), self.out / name)
            partial = self._partial(REPORT)
            with open(partial, "w", encoding="utf-8", newline="\n") as f:
                f.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
                f.flush()
                os.fsync(f.fileno())
            os.replace(partial, self.out / REPORT)
        except OSError as exc:
            raise ConfigError(
                OUTPUT_UNWRITABLE.format(out=self.out, why=exc.strerror or exc)
            ) from None

    def rewrite(self, edit: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
        """Pass every written record through ``edit`` (a run-level stage such as site
        boilerplate), before :meth:`apply_duplicates`."""
        source = self._partial(DOCUMENTS)
        edited = self.out / f".{DOCUMENTS}.edited{PARTIAL}"
        try:
            self._files[DOCUMENTS].flush()
            with (
                open(source, encoding="utf-8") as lines,
                open(edited, "w", encoding="utf-8", newline="\n") as docs,
            ):
                for line in lines:
                    record = json.loads(line)
                    new = edit(record)
                    docs.write(line if new is record else dumps(new) + "\n")
            self._files[DOCUMENTS].close()
            os.replace(edited, source)
            self._files[DOCUMENTS] = open(source, "a", encoding="utf-8", newline="\n")
        except OSError as exc:
            raise ConfigError(
                OUTPUT_UNWRITABLE.format(out=self.out, why=exc.strerror or exc)
            ) from None

    def write_text(self, name: str, text: str) -> None:
        """Write a side file of the run (``learned-rules/site.yaml``) under OUT, atomically."""
        path = self.out / name
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f".{path.name}{PARTIAL}")
            partial.write_text(text, encoding="utf-8")
            os.replace(partial, path)
        except OSError as exc:
            raise ConfigError(
                OUTPUT_UNWRITABLE.format(out=self.out, why=exc.strerror or exc)
            ) from None

    def _annotate(self, duplicates: dict[str, dict[str, Any]], drop: bool) -> None:
        source = self._partial(DOCUMENTS)
        kept = self.out / f".{DOCUMENTS}.annotated{PARTIAL}"
        with (
            open(source, encoding="utf-8") as lines,
            open(kept, "w", encoding="utf-8", newline="\n") as docs,
            open(self._partial(DUPLICATES), "w", encoding="utf-8", newline="\n") as dups,
        ):
            for line in lines:
                record = json.loads(line)
                mark = duplicates.get(record["id"])
                if mark is not None:
                    record["metadata"]["duplicate"] = mark
                    line = dumps(record) + "\n"
                dropped = drop and mark is not None and mark["representative"] != record["id"]
                (dups if dropped else docs).write(line)
                self.tally.dropped += dropped
            for f in (docs, dups):
                f.flush()
                os.fsync(f.fileno())
        os.replace(kept, source)
