"""Rule files carry examples; ``clean rules check`` validates the files and runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from clean.cli import main
from clean.rules import bundled_rules_dir

ROOT = Path(__file__).resolve().parent.parent

GOOD_RULES = """\
version: 1
rules:
  - id: t.read
    action: drop
    prefix: 'Baca juga:'
"""


def write(tmp_path: Path, examples: str) -> Path:
    f = tmp_path / "t.yaml"
    f.write_text(GOOD_RULES + "examples:\n" + examples, encoding="utf-8")
    return f


def test_bundled_rules_pass_their_examples(capsys):
    assert main(["rules", "check", str(bundled_rules_dir())]) == 0
    out = capsys.readouterr().out
    assert out.startswith("clean rules check: 2 files, ") and out.endswith(" examples, all passed\n")


def test_each_failure_is_reported_with_expected_and_got(tmp_path, capsys):
    f = write(
        tmp_path,
        "  - remove: 'Simak juga: X'\n"
        "    rule: t.read\n"
        "  - keep: 'Baca juga: Y'\n"
        "  - text: \"Berita ini.\\nBaca juga: Z\\n\"\n"
        "    remove: 'Baca juga: Z'\n"
        "    found: {authors: Nama}\n"
        "  - remove: 'Baca juga: W'\n"
        "    rule: t.read\n",
    )
    assert main(["rules", "check", str(tmp_path)]) == 1
    assert capsys.readouterr().out == (
        f"FAIL {f.as_posix()}: examples[0].remove[0]\n"
        "  expected: 'Simak juga: X' removed by t.read\n"
        "  got:      kept\n"
        "  output:\n"
        "    | Simak juga: X\n"
        f"FAIL {f.as_posix()}: examples[1].keep[0]\n"
        "  expected: 'Baca juga: Y' kept\n"
        "  got:      removed by t.read\n"
        "  output: (nothing left)\n"
        f"FAIL {f.as_posix()}: examples[2].found.authors\n"
        "  expected: authors 'Nama'\n"
        "  got:      nothing\n"
        "  output:\n"
        "    | Berita ini.\n"
        "clean rules check: 1 file, 4 examples, 3 failed\n"
    )


@pytest.mark.parametrize(
    ("examples", "message"),
    [
        ("  - remove: 3\n", "examples[0].remove: must be a string or a list of non-empty strings"),
        ("  - text: 'A.'\n    remove: B\n", "examples[0].remove[0]: 'B' is not in the example's text"),
        ("  - remove: A\n    rule: t.nope\n", "examples[0].rule: 't.nope' is not a rule of this file"),
        ("  - keep: A\n    rule: t.read\n", "examples[0].rule: names the rule for 'remove'; this example has none"),
        ("  - remove: A\n    colour: red\n", "examples[0]: unknown key 'colour' (known: description, found, keep, remove, rule, text)"),
        ("  - description: nothing\n", "examples[0]: needs 'remove' or 'keep' (or 'text' and 'found')"),
        ("  - remove: A\n    found: {mood: x}\n", "examples[0].found: 'mood' is not a field (title, published, authors, site, wire, dateline)"),
        ("  - A\n", "examples[0]: must be a mapping with 'remove' and/or 'keep'"),
    ],
)
def test_invalid_examples_are_rule_file_errors(tmp_path, capsys, examples, message):
    f = write(tmp_path, examples)
    assert main(["rules", "check", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"clean: error: {f.as_posix()}: {message}\n"


def test_examples_are_validated_by_run_too(tmp_path, capsys):
    write(tmp_path, "  - remove: 3\n")
    assert main(["run", str(ROOT / "seeds"), "-o", str(tmp_path / "out"), "--rules", str(tmp_path)]) == 2
    assert "examples[0].remove" in capsys.readouterr().err
