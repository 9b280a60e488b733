"""Fuzz targets on every reader (issue 16): hostile files through the real `clean run`.

Whatever the bytes, a run ends with exit 0 (1 under ``--strict`` with rejections), every input
is accounted for (``read = documents + rejected + skipped + duplicates_dropped``, and the files
agree), every good record or file beside the hostile ones comes out, nothing is rejected as an
``internal-error`` (a bug caught at a boundary is still a bug), and what is written is strict
JSON in UTF-8. Strategies are in ``tests/strategies.py``; ``make test`` runs a few examples of
each target (the ``ci`` profile), ``make fuzz`` many more (``thorough``), and, where atheris
installs, the coverage-guided target in ``tests/fuzz_atheris.py``. A failing example found once
is kept below as an ``@example``.
"""

from __future__ import annotations

import json
import pickle
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from io import StringIO
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from clean.cli import main
from clean.pipeline import clean_one
from clean.read import Limits, read_bytes
from clean.records import Doc, Document, Rejected
from clean.rules import bundled_rules_dir, load_rules
from tests import strategies as gen
from tests.expressions import (
    adversarial_units,
    alphabet,
    builtin_expressions,
    cost,
    dynamic_calls,
    worst_line,
)
from tests.expressions import line as adversarial_line

RULES = load_rules([bundled_rules_dir()])
LIMITS = Limits(doc_bytes=gen.FUZZ_LIMIT)
MAX_DOC_MB = str(gen.FUZZ_LIMIT / 1_000_000)
# What a hostile input may be rejected for: internal-error is not here, on purpose.
REASONS = {
    "empty", "binary", "undecodable", "no-text", "bad-html", "no-text-left", "invalid-json",
    "bad-record", "duplicate-id", "bad-gzip", "unreadable", "too-large",
}  # fmt: skip


def strict_json(line: str) -> object:
    """``json.loads`` as jq or serde read: NaN and Infinity are not JSON."""

    def refuse(name: str) -> None:
        raise ValueError(f"{name} is not JSON")

    return json.loads(line, parse_constant=refuse)


def assert_writable(doc: Doc) -> None:
    """A read record can go to a worker (pickle) and be written as strict JSON."""
    pickle.loads(pickle.dumps(doc))
    record = {"id": doc.id, "url": doc.url, "extra": doc.extra}
    json.dumps(record, ensure_ascii=False, allow_nan=False).encode("utf-8")


def test_good_records_clean_to_themselves():
    """The fuzz targets require every good record to come out: each one does, alone."""
    for n, body in enumerate(gen.GOOD):
        out = clean_one(Doc(f"good-{n}", f"good-{n}", "text", body.encode()), RULES, debug=True)
        assert isinstance(out, Document) and out.text == body, (n, out)
        page = clean_one(Doc(f"good-{n}.html", "p", "html", gen.good_html(n)), RULES, debug=True)
        assert isinstance(page, Document), (n, page)
        assert page.text.split() == body.split(), (n, page)  # paragraphs apart by one line
        assert len(gen.good_record(n)) < gen.FUZZ_LIMIT // 2


# --- the JSONL reader on its own: fast, so many examples ---------------------------------------


@given(gen.hostile_jsonl())
@example((gen.nested(100_000) + b"\n" + gen.good_record(0), ["good-0"], 2))  # issue 16
@example((gen.nested(1000, closed=False) + b"\n" + gen.good_record(0), ["good-0"], 2))
@example((b'{"id": "h", "text": "t", "x": NaN}\n' + gen.good_record(0), ["good-0"], 2))
def test_jsonl_reader_gives_one_item_per_line_and_keeps_the_good(hostile):
    data, goods, items = hostile
    read = list(read_bytes(data, "f.jsonl", limits=LIMITS))
    assert len(read) == items
    lines = [line for line in data.split(b"\n") if line.strip()]
    for line, item in zip(lines, read, strict=True):
        assert isinstance(item, Doc | Rejected), item
        if isinstance(item, Rejected):
            assert item.reason in REASONS, item
        else:
            assert_writable(item)
        assert (len(line) > gen.FUZZ_LIMIT) == (getattr(item, "reason", "") == "too-large")
    docs = {i.id: i.raw for i in read if isinstance(i, Doc)}
    for good in goods:
        assert docs.get(good) == gen.GOOD[int(good[5:]) % len(gen.GOOD)]


@given(gen.hostile_gzip())
def test_gzip_reader_keeps_every_complete_member_before_the_damage(hostile):
    data, goods, items = hostile
    read = list(read_bytes(data, "f.jsonl.gz", limits=LIMITS))
    assert len(read) >= items
    for item in read:
        assert isinstance(item, Doc | Rejected), item
        if isinstance(item, Rejected):
            assert item.reason in REASONS, item
    assert all(isinstance(i, Doc) or i.source != "f.jsonl.gz" for i in read[:-1])  # one, last
    assert set(goods) <= {i.id for i in read if isinstance(i, Doc)}


# --- through `clean run`: every reader, one run an example --------------------------------------


def run_folder(files: dict[str, bytes], strict: bool, drop: bool) -> tuple[int, dict, dict]:
    """``clean run`` over ``files`` in process: the exit code, report.json and the records."""
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in", Path(tmp) / "out"
        src.mkdir()
        for name, data in files.items():
            (src / name).write_bytes(data)
        args = ["run", str(src), "-o", str(out), "-q", "-j", "1", "--max-doc-mb", MAX_DOC_MB]
        args += ["--strict"] * strict + ["--drop-duplicates"] * drop
        err = StringIO()
        with redirect_stderr(err):
            code = main(args)
        assert err.getvalue() == "", err.getvalue()
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        written = {}
        for name in ("documents", "rejected", "duplicates"):
            text = (out / f"{name}.jsonl").read_bytes().decode("utf-8")  # strict UTF-8
            written[name] = [strict_json(line) for line in text.splitlines()]
    return code, report, written


def check_run(
    files: dict[str, bytes], goods: set[str], inputs: int, exact: bool, strict: bool, drop: bool
) -> None:
    """The fuzz property of a run over ``files``: see the module's docstring."""
    code, report, written = run_folder(files, strict, drop)
    assert code == (1 if strict and report["rejected"] else 0), (code, report)
    parts = ("documents", "rejected", "skipped", "duplicates_dropped")
    assert report["read"] == sum(report[k] for k in parts), report
    assert report["read"] == inputs if exact else report["read"] >= inputs, (report, inputs)
    assert len(written["documents"]) == report["documents"]
    assert len(written["rejected"]) == report["rejected"]
    assert len(written["duplicates"]) == report["duplicates_dropped"]
    for rejected in written["rejected"]:
        assert rejected["reason"] in REASONS, rejected
    out = {d["id"] for d in written["documents"] + written["duplicates"]}
    assert goods <= out, goods - out


@settings(max_examples=gen.examples(0.2))
@given(st.lists(gen.hostile_jsonl(), min_size=1, max_size=3), st.booleans(), st.booleans())
def test_run_over_hostile_jsonl(hostile, strict, drop):
    files, goods, inputs = {"good-t.txt": gen.GOOD[0].encode()}, {"good-t.txt"}, 1
    for n, (data, ids, items) in enumerate(hostile):
        # the good ids of each file its own: an id used twice is rejected as duplicate-id
        for old in reversed(ids):
            data = data.replace(f'"{old}"'.encode(), f'"{old}-f{n}"'.encode())
        files[f"h{n}.jsonl"] = data
        goods |= {f"{old}-f{n}" for old in ids}
        inputs += items
    check_run(files, goods, inputs, True, strict, drop)


@settings(max_examples=gen.examples(0.2))
@given(gen.hostile_gzip(0), st.none() | gen.hostile_gzip(100), st.booleans(), st.booleans())
def test_run_over_hostile_gzip(first, second, strict, drop):
    files, goods, inputs = {"good-t.txt": gen.GOOD[0].encode()}, {"good-t.txt"}, 1
    for n, (data, ids, items) in enumerate(h for h in (first, second) if h is not None):
        files[f"h{n}.jsonl.gz"] = data
        goods |= set(ids)
        inputs += items  # at least: what a damaged member still gives cannot be told here
    check_run(files, goods, inputs, False, strict, drop)


@settings(max_examples=gen.examples(0.2))
@given(st.lists(gen.hostile_text(), min_size=1, max_size=4), st.booleans(), st.booleans())
def test_run_over_hostile_text(hostile, strict, drop):
    files = {"good-t.txt": gen.GOOD[1].encode()}
    goods = {"good-t.txt"}
    for n, (data, keep) in enumerate(hostile):
        files[f"h{n}.txt"] = data
        if keep:
            goods.add(f"h{n}.txt")
    check_run(files, goods, len(files), True, strict, drop)


@settings(max_examples=gen.examples(0.2))
@given(st.lists(gen.hostile_html(), min_size=1, max_size=3), st.booleans(), st.booleans())
def test_run_over_hostile_html(hostile, strict, drop):
    files = {"good-p.html": gen.good_html(2), "good-t.txt": gen.GOOD[3].encode()}
    files |= {f"h{n}.html": data for n, data in enumerate(hostile)}
    check_run(files, {"good-p.html", "good-t.txt"}, len(files), True, strict, drop)


def test_every_record_is_one_line_for_any_reader():
    """JSON leaves U+2028, U+2029 and U+0085 unescaped; Python's str.splitlines (and older
    JavaScript) end a line there. The output escapes them: one record, one line, whatever
    splits it. Found by make fuzz (an id holding U+2028)."""
    lines = [
        json.dumps({"id": f"id-{n}\u2028{c}", "text": f"{gen.GOOD[n]}\n{c}Tambahan.{c}"})
        for n, c in enumerate(("\u2028", "\u2029", "\x85"))
    ]
    code, report, written = run_folder({"r.jsonl": "\n".join(lines).encode()}, False, False)
    assert code == 0 and report["documents"] == len(written["documents"]) == 3
    assert {d["id"] for d in written["documents"]} == {json.loads(x)["id"] for x in lines}


# URLs urllib cannot split; found by hand while writing these targets.
BROKEN_URLS = ("http://[::1", "http://[", "https://[kompas.com]x/")


def test_a_record_whose_url_cannot_be_split_keeps_its_article():
    lines = [
        json.dumps({"id": f"good-{n}", "text": gen.GOOD[n], "url": url}).encode()
        for n, url in enumerate(BROKEN_URLS)
    ]
    goods = {f"good-{n}" for n in range(len(BROKEN_URLS))}
    check_run({"u.jsonl": b"\n".join(lines)}, goods, len(lines), True, False, False)


# --- the rule loader: alias bombs, deep nesting, long values (issue 23) ----------------------


@settings(max_examples=gen.examples(0.5))
@given(gen.hostile_rule_files())
@example("a0: &a0 [x, x]\n" + "".join(f"a{i}: &a{i} [*a{i-1}, *a{i-1}]\n" for i in range(1, 40))
         + "version: *a39\nrules: []\n")  # 2**40 values in 1.5 KB  # fmt: skip
def test_the_rule_loader_ends_at_once_with_a_short_answer(text):
    """Whatever a rule file holds, `clean rules check` answers in bounded time with lines of
    bounded length (exit 0, 1 or 2, never a traceback), and never holds its aliases expanded."""
    import time
    import tracemalloc

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "hostile.yaml"
        path.write_text(text, encoding="utf-8")
        err, out = StringIO(), StringIO()
        tracemalloc.start()
        started = time.process_time()
        try:
            with redirect_stderr(err), redirect_stdout(out):
                code = main(["rules", "check", str(path)])
            seconds = time.process_time() - started
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert code in (0, 1, 2)
    assert seconds < 10 and peak < 20 * len(text) + 50_000_000, (seconds, peak)
    for line in err.getvalue().splitlines() + out.getvalue().splitlines():
        assert len(line) < 400 + len(str(path)), line[:1000]


# --- every built-in expression is linear (issue 23) ------------------------------------------
# A built-in date pattern took 20-43 s on one 40,000-letter <meta> value: quadratic, and built-in
# patterns run without a time limit. Each one (tests/expressions.py collects them: module
# constants, literals in functions, the bundled rule files) is timed on long adversarial lines:
# its cost per character must stay under MAX_US_PER_CHAR (CPU microseconds: a quadratic pattern
# is hundreds there) and must not grow with the line (a quadratic one is 4 times as much a
# character on a line 4 times as long).

EXPRESSIONS = builtin_expressions()
LONG, SHORT = 20_000, 5_000
MAX_US_PER_CHAR = 5.0


def check_linear(e, prefix: str, unit: str, suffix: str, long: int, short: int) -> None:
    per_char = cost(e, adversarial_line(e, prefix, unit, long, suffix), 3) / long * 1e6
    shorter = cost(e, adversarial_line(e, prefix, unit, short, suffix), 3) / short * 1e6
    what = f"{e.where}: {prefix!r} + {unit!r} * n + {suffix!r}: {per_char:.2f} µs a character"
    assert per_char <= MAX_US_PER_CHAR, what
    assert per_char <= 2 * shorter + 0.2, f"{what}, {shorter:.2f} on a line of {short}"


def test_every_builtin_expression_is_collected():
    """The property below sees every pattern: none is built at run time out of its sight."""
    assert dynamic_calls() == []
    wheres = " ".join(e.where for e in EXPRESSIONS)
    for known in ("clean.dates.MONTH_DAY_YEAR", "clean.generic.DATELINE", "clean/describe.py:",
                  "generic.photo-caption.match", "clean.decode.META_CHARSET",
                  "kompas.source.match", "kompas.com.yaml: match.signatures[0]"):  # fmt: skip
        assert known in wheres, known
    assert len(EXPRESSIONS) >= 100


@pytest.mark.parametrize("e", EXPRESSIONS, ids=lambda e: e.where)
def test_a_builtin_expression_is_linear_on_adversarial_lines(e):
    """The slowest of the lines tests/expressions.py builds for the pattern (hundreds)."""
    _, prefix, unit, suffix = worst_line(e, LONG)
    check_linear(e, prefix, unit, suffix, LONG, SHORT)


@settings(max_examples=gen.examples(1.0))
@given(st.data())
def test_builtin_expressions_stay_linear_on_random_lines(data):
    """make fuzz: random units of each pattern's own characters, on lines 5 times as long."""
    e = data.draw(st.sampled_from(EXPRESSIONS), label="expression")
    chars = st.sampled_from(alphabet(e))
    prefixes, _ = adversarial_units(e)
    prefix = data.draw(st.sampled_from(prefixes) | st.text(chars, max_size=8), label="prefix")
    unit = data.draw(st.text(chars, min_size=1, max_size=6), label="unit")
    suffix = data.draw(st.text(chars, max_size=3), label="suffix")
    check_linear(e, prefix, unit, suffix, 5 * LONG, LONG)
