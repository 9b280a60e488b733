"""Seeds against golden/ (the whole record) and against must-keep / must-drop snippets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.golden import ROOT, golden_path, render, run_seeds, seed_names

SNIPPETS = json.loads((ROOT / "tests" / "data" / "seed_snippets.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def records():
    return run_seeds()


@pytest.mark.parametrize("seed", seed_names())
def test_seed_matches_golden(records, seed):
    expected = golden_path(seed).read_text(encoding="utf-8")
    assert render(records[seed]) == expected, f"run `make golden` and read the diff for {seed}"


@pytest.mark.parametrize("seed", seed_names())
def test_seed_keeps_body_and_drops_chrome(records, seed):
    text = records[seed]["text"]
    snippets = SNIPPETS[Path(seed).stem]
    kept = [s for s in snippets["with"] if s not in text]
    left = [s for s in snippets["without"] if s in text]
    assert not kept, f"body lost: {kept}"
    assert not left, f"chrome left: {left}"


def test_every_seed_has_golden_file_and_snippets():
    for seed in seed_names():
        assert golden_path(seed).exists()
        assert Path(seed).stem in SNIPPETS
