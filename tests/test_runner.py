"""The run as a library (``clean.run``), and a run's learned boilerplate through resume and
report.html."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

import clean
import clean.runner
import clean.write
from clean.errors import ConfigError
from tests.runs import records, report, run
from tests.test_reliability import article, interrupt_after, looks_complete, outputs

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
PROMO = "Ikuti kami di Google News untuk kabar terbaru setiap hari."
TAGLINE = "Kabar Kota - berita warga sejak 1998"
BOILERPLATE = "generic.site-boilerplate"
ARGS = ("--drop-duplicates", "--checkpoint-every", "5")


def boilerplate_corpus(src: Path) -> Path:
    """Two folders (two sites, as dumps without URLs are grouped) with more documents each than
    boilerplate learning needs, every one carrying its site's promo lines; and a copy."""
    for site, count in (("kota", 14), ("desa", 9)):
        (src / site).mkdir(parents=True)
        for n in range(count):
            lines = [TAGLINE] if site == "kota" else []
            lines += [article(n + (100 if site == "desa" else 0)), PROMO]
            (src / site / f"{n:03d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (src / "kota" / "copy.txt").write_text(
        (src / "kota" / "003.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return src


@pytest.fixture(scope="module")
def learned_run(tmp_path_factory):
    """The boilerplate corpus and its uninterrupted run."""
    root = tmp_path_factory.mktemp("learned")
    src = boilerplate_corpus(root / "in")
    assert run(src, "-o", root / "ref", *ARGS) == 0
    rep = report(root / "ref")
    assert rep["removals_by_rule"][BOILERPLATE] >= 23  # the learning did trigger
    return src, root / "ref"


def test_run_from_python_does_what_clean_run_does(tmp_path, learned_run):
    src, ref = learned_run
    got = clean.run([src], tmp_path / "out", drop_duplicates=True, shard_size=5, workers=1)
    assert outputs(tmp_path / "out") == outputs(ref)
    written = report(tmp_path / "out")
    assert got == written
    assert sorted(p.name for p in (tmp_path / "out" / "learned-rules").iterdir()) == [
        "desa.yaml",
        "kota.yaml",
    ]


def test_run_options_are_checked_before_output(tmp_path):
    with pytest.raises(ConfigError, match="workers must be more than 0, not 0"):
        clean.run(SEEDS, tmp_path / "out", workers=0)
    with pytest.raises(ConfigError, match="engine must be one of local, inprocess, pool, ray"):
        clean.run(SEEDS, tmp_path / "out", engine="spark")
    with pytest.raises(ConfigError) as bad:  # every problem at once, each named
        clean.run(SEEDS, tmp_path / "out", workerz=2, max_doc_mb="10", colour=True)
    assert bad.value.problems == [
        "unknown option 'workerz'; did you mean 'workers'?",
        "unknown option 'colour'",
    ]
    with pytest.raises(ConfigError) as bad:
        clean.run(SEEDS, tmp_path / "out", max_doc_mb="10", workers=1.5, rules="my-rules")
    assert bad.value.problems == [
        "max_doc_mb must be a number, not '10'",
        "workers must be a whole number, not 1.5",
    ]  # rules="my-rules" is one folder, as a list of one
    assert not (tmp_path / "out").exists()


def interrupt_at_rename(monkeypatch, name: str) -> None:
    """Ctrl-C as the commit renames OUT/``name`` into place."""
    replace = os.replace

    def interrupted(source, target):
        if Path(target).name == name:
            raise KeyboardInterrupt
        replace(source, target)

    monkeypatch.setattr(clean.write.os, "replace", interrupted)


# 24 inputs in shards of 5: 5 cleaned, then 5 edited (boilerplate out), then 5 annotated
STOPS = {
    "editing": lambda mp: interrupt_after(mp, 6),
    "annotating": lambda mp: interrupt_after(mp, 12),
    "committing documents.jsonl": lambda mp: interrupt_at_rename(mp, "documents.jsonl"),
    "committing report.json": lambda mp: interrupt_at_rename(mp, "report.json"),
}


@pytest.mark.parametrize("stop", list(STOPS))
def test_resume_counts_the_learned_boilerplate_once_wherever_the_run_stopped(
    tmp_path, monkeypatch, learned_run, stop
):
    """It was counted twice in report.json after a stop in the second pass or later."""
    src, ref = learned_run
    out = tmp_path / "out"
    STOPS[stop](monkeypatch)
    assert run(src, "-o", out, *ARGS, "-j", "1") == 130
    assert "report.json" not in looks_complete(out)
    monkeypatch.undo()
    assert run(src, "-o", out, *ARGS, "--resume") == 0
    assert report(out)["removals_by_rule"] == report(ref)["removals_by_rule"]
    assert report(out)["lines_removed"] == report(ref)["lines_removed"]
    assert outputs(out) == outputs(ref)  # every file, report.json and report.html included


def embedded(page: str, name: str):
    m = re.search(rf'<script type="application/json" id="{name}">(.*?)</script>', page, re.S)
    return json.loads(m.group(1))


def test_report_html_shows_what_the_run_wrote(learned_run):
    """report.html was drawn from the first pass, without the learned boilerplate."""
    _, ref = learned_run
    page = (ref / "report.html").read_text(encoding="utf-8")
    rows, meta = embedded(page, "d-docs"), embedded(page, "d-meta")
    written = records(ref) + records(ref, "duplicates.jsonl")
    by_id = {d["id"]: d for d in written}
    assert sorted(r[0] for r in rows) == sorted(by_id)
    boilerplate = 0
    for row in rows:
        doc = by_id[row[0]]
        counts = doc["metadata"]["counts"]
        assert row[8] == doc["text"], row[0]
        assert (row[4], row[5]) == (counts["words"], counts["lines_removed"]), row[0]
        strings = meta["strings"]
        removed = [(meta["rules"][r[0]], strings[r[3]] if isinstance(r[3], int) else r[3])
                   for r in row[7]]  # fmt: skip
        assert sorted(removed) == sorted((r["rule"], r["text"]) for r in doc["metadata"]["removed"])
        boilerplate += sum(rule == BOILERPLATE for rule, _ in removed)
        # removals stand in place: in text order, each before the kept line it preceded
        kept = [r[1] for r in row[7]]
        assert kept == sorted(kept), row[0]
    assert boilerplate == report(ref)["removals_by_rule"][BOILERPLATE]
    assert f'data-rule="{BOILERPLATE}"' in page


def readme_examples() -> list[str]:
    """The Python examples of the README's "As a library" section."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## As a library", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.S)


def run_example(code: str, where: Path, monkeypatch) -> None:
    """Run one README example in a folder where ``seeds/`` is the project's seeds."""
    where.mkdir()
    (where / "seeds").symlink_to(SEEDS)
    monkeypatch.chdir(where)
    exec(compile(code, "README.md", "exec"), {})


@pytest.mark.parametrize("n", [0, 1])
def test_readme_library_examples_run(tmp_path, monkeypatch, capsys, n):
    examples = readme_examples()
    assert len(examples) == 3 and "engine=" in examples[2]
    run_example(examples[n], tmp_path / "here", monkeypatch)
    printed = capsys.readouterr().out
    if n == 0:
        assert printed == "4 documents, 1 duplicate clusters\n"  # one dropped
        assert (tmp_path / "here" / "out" / "report.json").exists()
    else:
        assert printed.startswith("a1 Pemerintah membangun 1.200 rumah baru untuk warga. ")
        assert "'rule': 'kompas.read-also'" in printed


class PhaseRecorder(clean.runner.Quiet):
    """An observer that keeps what a run told it: each phase with its total and its count."""

    def __init__(self) -> None:
        self.inputs = 0
        self.phases: list[list] = []  # [name, total, unit, count]

    def step(self, document: bool) -> None:
        self.inputs += 1

    def phase(self, name: str, total: int | None, unit: str) -> None:
        self.phases.append([name, total, unit, 0])

    def advance(self, count: int) -> None:
        self.phases[-1][3] += count

    def done(self, what: str) -> None:
        self.phases.append([what, None, "", 0])


@pytest.mark.parametrize("workers", [1, 2])
def test_a_run_tells_each_phase_in_order_with_counts_ending_at_their_totals(
    tmp_path, learned_run, workers
):
    src, _ = learned_run
    seen = PhaseRecorder()
    got = clean.run([src], tmp_path / "out", observer=seen, shard_size=5, workers=workers)
    names = [name for name, *_ in seen.phases]
    # the copy of 003.txt makes a candidate pair; translations' rare-name pairs may add a round
    first = ["cleaned", "learning boilerplate", "editing and sketching", "finding candidates",
             "verifying pairs", "clustering"]  # fmt: skip
    assert names[:6] == first
    assert names[-3:] == ["annotating", "committing", "committed"]
    assert set(names[6:-3]) <= {"verifying pairs", "clustering"}
    assert seen.inputs == got["read"] == got["documents"] == 24
    totals = {name: (total, unit, count) for name, total, unit, count in seen.phases}
    assert totals["learning boilerplate"] == (2, "sites", 2)
    assert totals["editing and sketching"] == (24, "documents", 24)
    assert totals["annotating"] == (24, "documents", 24)
    assert totals["committing"] == (4 * 5, "parts", 20)  # 24 inputs in shards of 5
    for name, total, unit, count in seen.phases:
        assert count == (total or 0), name
        if name == "verifying pairs":
            assert total >= 1 and unit == "pairs"


def test_without_duplicates_or_learning_those_phases_are_not_told(tmp_path, learned_run):
    src, _ = learned_run
    seen = PhaseRecorder()
    clean.run([src], tmp_path / "out", observer=seen, dedup=False, boilerplate=False)
    assert [name for name, *_ in seen.phases] == [
        "cleaned", "editing", "annotating", "committing", "committed"
    ]  # fmt: skip
