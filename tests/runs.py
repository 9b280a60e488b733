"""Helpers for tests that run the CLI in-process and read what it wrote."""

from __future__ import annotations

import json
from pathlib import Path

from clean.cli import main


def run(*args: str | Path) -> int:
    """``clean run ARGS --quiet``; the exit code."""
    return main(["run", *map(str, args), "--quiet"])


def records(out: Path, name: str = "documents.jsonl") -> list[dict]:
    """The records of one JSONL output file."""
    return [json.loads(line) for line in (out / name).read_text(encoding="utf-8").splitlines()]


def report(out: Path) -> dict:
    """OUT/report.json."""
    return json.loads((out / "report.json").read_text(encoding="utf-8"))
