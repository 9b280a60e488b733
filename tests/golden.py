"""Golden files: the whole expected record of each seed, reviewed by hand against the seed.

``make golden`` (``python -m tests.golden write``) rewrites golden/ from the current code and
shows the diff; read every changed line against its seed before committing it.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLDEN = ROOT / "golden"


def seed_names() -> list[str]:
    return sorted(p.name for p in SEEDS.iterdir() if not p.name.startswith("."))


def golden_path(seed: str) -> Path:
    return GOLDEN / f"{Path(seed).stem}.json"


def run_seeds() -> dict[str, dict[str, Any]]:
    """Clean seeds/ with the bundled rules through the CLI; records keyed by document id."""
    from clean.cli import main

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        code = main(["run", str(SEEDS), "-o", str(out), "--quiet"])
        if code != 0:
            raise RuntimeError(f"clean run seeds/ exited {code}")
        lines = (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    return {r["id"]: r for r in map(json.loads, lines)}


def render(record: dict[str, Any]) -> str:
    """The golden form of a record: ``text`` as its list of lines, so a diff shows paragraphs."""
    shown = {**record, "text": record["text"].split("\n")}
    return json.dumps(shown, ensure_ascii=False, indent=2) + "\n"


def write() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for seed, record in run_seeds().items():
        golden_path(seed).write_text(render(record), encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] != ["write"]:
        sys.exit("usage: python -m tests.golden write")
    write()
