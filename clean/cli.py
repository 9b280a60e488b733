"""The command line: ``clean run SRC... -o OUT``. The only module that parses, prints or exits."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from clean import __version__
from clean.errors import (
    EXIT_CONFIG,
    EXIT_OK,
    EXIT_REJECTIONS,
    SOURCE_MISSING,
    ConfigError,
)
from clean.options import add_flags, from_flags
from clean.read import MB

SUMMARY_TOP_RULES = 8


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clean",
        description="Turn raw news-article dumps into clean documents with metadata.",
    )
    parser.add_argument("--version", action="version", version=f"clean {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    run = commands.add_parser(
        "run",
        help="clean files and folders into OUT/documents.jsonl",
        description="Clean raw text dumps (.txt), HTML pages (.html), JSONL, Parquet and WARC"
        " files (also .gz, .bz2, .zst) into OUT; - reads standard input.",
    )
    run.add_argument(
        "sources",
        nargs="+",
        type=Path,
        metavar="SRC",
        help="a file or a folder (walked recursively, in sorted order), or - for standard input",
    )
    run.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        metavar="OUT",
        help="output folder; - writes the documents (JSONL) to standard output and the rest of"
        " the run (report, rejections) to a new temporary folder named in the summary",
    )
    add_flags(run)
    run.add_argument("--strict", action="store_true", help="exit 1 if any input was rejected")
    run.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    _add_explain(commands)
    _add_rules(commands)
    return parser


def _add_explain(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    explain = commands.add_parser(
        "explain",
        help="show one document as the pipeline sees it: each line kept or removed, and why",
        description="Clean one input (a text or HTML file, or the records of a JSONL file) and "
        "print every line marked kept or removed with the rule that removed it, the metadata "
        "found and, with --output, the document's duplicate cluster in that run.",
    )
    explain.add_argument(
        "file", metavar="FILE", help="a .txt/.html file, a .jsonl file, or FILE.jsonl:LINE"
    )
    explain.add_argument("--id", help="the JSONL record with this id")
    explain.add_argument(
        "--rules",
        action="append",
        type=Path,
        default=[],
        metavar="DIR",
        help="a folder (or file) of YAML rules, added to the bundled ones; repeatable",
    )
    explain.add_argument(
        "--no-bundled-rules", action="store_true", help="do not load the bundled rules/"
    )
    explain.add_argument("--json", action="store_true", help="one JSON object per document")
    explain.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT",
        help="a finished run's folder: show the document's duplicate cluster there",
    )
    explain.add_argument(
        "--debug", action="store_true", help="show tracebacks, also of an internal error"
    )


def _add_rules(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    rules = commands.add_parser("rules", help="work with rule files")
    sub = rules.add_subparsers(dest="rules_command", metavar="COMMAND", required=True)
    check = sub.add_parser(
        "check",
        help="validate rule files and run their examples",
        description="Validate every rule file in DIR (default: the bundled rules/) and run the "
        "examples each file carries. Exit 0 if all pass, 1 if an example fails, 2 if a file "
        "is invalid.",
    )
    check.add_argument("dirs", nargs="*", type=Path, metavar="DIR", help="rule folders or files")
    check.add_argument("--debug", action="store_true", help="show tracebacks")


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``clean`` console script; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_CONFIG
    command = {"run": run, "explain": explain, "rules": rules_check}[args.command]
    try:
        with _terminated_as_interrupted():
            return command(args, sys.stderr)
    except ConfigError as exc:
        if args.debug:
            raise
        for problem in exc.problems:
            print(f"clean: error: {problem}", file=sys.stderr)
        return exc.exit_code
    except Terminated:
        print(f"clean: terminated; {NOT_COMMITTED}", file=sys.stderr)
        return 128 + signal.SIGTERM
    except KeyboardInterrupt:
        print(f"clean: interrupted; {NOT_COMMITTED}", file=sys.stderr)
        return 130


NOT_COMMITTED = "no output was committed (--resume goes on from here)"


class Terminated(KeyboardInterrupt):
    """SIGTERM (``kill``, a scheduler stopping a job), handled as Ctrl-C is: the run stops
    where it is, keeps what ``--resume`` needs and lets go of OUT's lock."""


@contextlib.contextmanager
def _terminated_as_interrupted() -> Iterator[None]:
    """While the command runs, SIGTERM raises :class:`Terminated` (in the main thread only:
    Python delivers signals there)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminated(signum: int, frame: object) -> None:
        raise Terminated

    before = signal.signal(signal.SIGTERM, terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


def run(args: argparse.Namespace, err: TextIO) -> int:
    """``clean run``: the options to :class:`clean.runner.Run`, the summary to ``err``."""
    from clean.runner import Run

    if args.ray_address is not None and args.engine != "ray":
        raise ConfigError("--ray-address needs --engine ray")
    options = from_flags(args)
    progress = Progress(err, 0, not args.quiet and err.isatty())
    to_stdout = str(args.output) == "-"
    if to_stdout and options.output_format != "jsonl":
        raise ConfigError("-o - writes JSONL to standard output; --output-format needs a folder")
    # -o -: the run's folder is a new one, named in the summary; the documents go to stdout
    out = Path(tempfile.mkdtemp(prefix="clean-run-")) if to_stdout else args.output
    report = Run(args.sources, out, options, progress).execute()
    if to_stdout:
        _copy_to_stdout(out / "documents.jsonl")
    if not args.quiet:
        _summary(report, out, err, "standard output" if to_stdout else None)
    if args.strict and report["rejected"]:
        return EXIT_REJECTIONS
    return EXIT_OK


def _copy_to_stdout(path: Path) -> None:
    """A file's bytes to standard output; a reader that stops early (``| head``) is no error."""
    import shutil

    try:
        with open(path, "rb") as f:
            shutil.copyfileobj(f, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


class Progress:
    """One status line on a terminal, rewritten at most every ``every`` seconds. While inputs
    are read and cleaned: inputs, documents, megabytes read of the total, rates and the time
    left at the current rate; then each later phase's name, its count (of its total, where
    known), rate and time left. A phase that lasted ``every`` seconds or more leaves its line
    (its count, time and rate); a shorter one is written over by the next.

    >>> import io
    >>> from clean.records import Doc
    >>> clock = iter([0.0, 0.5, 2.0, 2.1, 2.1, 3.0, 4.0, 4.5, 4.6, 5.0])
    >>> stream = io.StringIO()
    >>> p = Progress(stream, 0, True, 4_000_000, every=1.0, clock=lambda: next(clock))
    >>> docs = list(p.reading([Doc("a", "a", "text", b"x" * 1_000_000)]))
    >>> p.step(True); p.step(False); p.step(True)
    >>> stream.getvalue()
    '\\r  2 inputs, 1 documents, 1.0/4.0 MB, 1.0 inputs/s, 0.50 MB/s, 6 s left '
    >>> p.phase("verifying pairs", 3000, "pairs"); p.advance(1000); p.advance(1000)
    >>> p.phase("clustering", None, ""); p.done("committed")
    >>> for line in stream.getvalue().split(" left ", 1)[1].replace("\\r", "\\n").split("\\n"):
    ...     print(line.rstrip())
    <BLANKLINE>
      verifying pairs: 0/3,000 pairs
      verifying pairs: 2,000/3,000 pairs, 1,053/s, 1 s left
      verifying pairs: 2,000 pairs in 2 s, 833/s
    <BLANKLINE>
      clustering
    <BLANKLINE>
    <BLANKLINE>
    """

    def __init__(  # type: ignore[no-untyped-def]
        self, stream: TextIO, done: int, enabled: bool, total_bytes: int = 0, every=1.0, clock=None
    ):
        self.stream, self.enabled, self.every = stream, enabled, every
        self.clock = clock or time.monotonic
        self.inputs = self.documents = self.bytes = 0
        self.total = total_bytes
        self.skipped = done  # inputs done before a resume
        self.start = self.last = self.clock()
        self.name: str | None = None  # the phase after reading, once one has begun
        self.count, self.of, self.unit, self.began = 0, None, "", 0.0
        self.width = 0  # of the line on screen, to be written over

    def begin(self, total_bytes: int) -> None:
        """The inputs' total size, once the run has surveyed them."""
        self.total = total_bytes

    def reading(self, items: Iterable[Any]) -> Iterator[Any]:
        """``items`` as they are, counting the bytes of the inputs read."""
        for item in items:
            raw = getattr(item, "raw", None)
            self.bytes += len(raw) if raw is not None else 0
            yield item

    def step(self, document: bool) -> None:
        self.inputs += 1
        self.documents += document
        if self.enabled and (now := self.clock()) - self.last >= self.every:
            self.last = now
            elapsed = max(now - self.start, 1e-9)
            resumed = f" (after {self.skipped} resumed)" if self.skipped else ""
            speed = self.bytes / elapsed
            left = (self.total - self.bytes) / speed if speed and self.total > self.bytes else 0
            self._show(
                f"  {self.inputs} inputs{resumed}, {self.documents} documents, "
                f"{self.bytes / MB:.1f}/{self.total / MB:.1f} MB, "
                f"{self.inputs / elapsed:.1f} inputs/s, {speed / MB:.2f} MB/s, "
                f"{_duration(left)} left "
            )

    def phase(self, name: str, total: int | None, unit: str) -> None:
        """A phase begins (the one before it has ended): shown at once, with no count yet."""
        self._end_phase()
        self.name, self.of, self.unit, self.count = name, total, unit, 0
        self.began = self.last = self.clock()
        if self.enabled:
            self._show(self._counted(0.0))

    def advance(self, count: int) -> None:
        self.count += count
        if self.enabled and (now := self.clock()) - self.last >= self.every:
            self.last = now
            self._show(self._counted(now - self.began))

    def done(self, what: str) -> None:
        if self.name is not None:  # the run's last phase
            self._end_phase()
            if self.enabled:
                self._show("")
                self.stream.write("\r")
                self.stream.flush()
        elif self.enabled:
            self._show(f"  {self.inputs} inputs, {self.documents} documents {what}")
            self.stream.write("\n")
            self.stream.flush()
            self.width = 0

    def _counted(self, elapsed: float) -> str:
        """The current phase's line: its count of its total, rate and time left."""
        line = f"  {self.name}"
        if not self.unit:
            return line
        of = f"/{self.of:,}" if self.of is not None else ""
        line += f": {self.count:,}{of} {self.unit}"
        if elapsed > 0 and self.count:
            rate = self.count / elapsed
            line += f", {rate:,.0f}/s"
            if self.of is not None and self.of > self.count:
                line += f", {_duration((self.of - self.count) / rate)} left"
        return line

    def _end_phase(self) -> None:
        """The current phase's final line, kept if it lasted ``every`` seconds or more."""
        if self.name is None or not self.enabled:
            return
        took = self.clock() - self.began
        if took < self.every:
            return
        line = f"  {self.name}"
        if self.unit:
            line += f": {self.count:,} {self.unit} in {_duration(took)}"
            line += f", {self.count / took:,.0f}/s"
        else:
            line += f" in {_duration(took)}"
        self._show(line)
        self.stream.write("\n")
        self.width = 0

    def _show(self, line: str) -> None:
        """``line`` over the one on screen, padded to cover all of it."""
        self.stream.write("\r" + line.ljust(self.width))
        self.width = len(line)
        self.stream.flush()


def _duration(seconds: float) -> str:
    """``6 s``, ``3 min 12 s``, ``2 h 05 min``."""
    s = round(seconds)
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60:02d} s"
    return f"{s // 3600} h {s % 3600 // 60:02d} min"


def explain(args: argparse.Namespace, err: TextIO) -> int:
    """``clean explain``: print each document of FILE as the pipeline sees it."""

    from clean.errors import EXPLAIN_NO_RECORD, EXPLAIN_NOT_INPUT
    from clean.read import read_file, read_run_marks
    from clean.readers import reader_for
    from clean.rules import load_rules

    path, line = Path(args.file), None
    head, colon, number = args.file.rpartition(":")
    if not path.exists() and head and colon and number.isdecimal() and "\n" not in head:
        path, line = Path(head), int(number)
    if not path.is_file():
        raise ConfigError(SOURCE_MISSING.format(src=path))
    reader, _, kind = reader_for(path.name)
    if reader is None:
        raise ConfigError(EXPLAIN_NOT_INPUT.format(path=path, kind=kind))
    rules = load_rules(args.rules, bundled=not args.no_bundled_rules)
    marks = read_run_marks(args.output) if args.output is not None else None
    items = list(read_file(path, path.name))
    if line is not None:
        items = [i for i in items if i.source == f"{path.name}:{line}"]
    if args.id is not None:
        items = [i for i in items if i.id == args.id]
    if not items:
        what = f"with id {args.id!r}" if args.id is not None else f"at line {line}"
        raise ConfigError(EXPLAIN_NO_RECORD.format(path=path, what=what))
    colour = (
        not args.json
        and sys.stdout.isatty()
        and not os.environ.get("NO_COLOR")
        and os.environ.get("TERM") != "dumb"
    )
    try:
        _explain_items(items, rules, marks, args, colour, err)
    except BrokenPipeError:  # `clean explain ... | head`: the reader has seen enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_OK


def _explain_items(items, rules, marks, args, colour: bool, err: TextIO) -> None:  # type: ignore[no-untyped-def]
    """Print each read item of ``clean explain`` as text or (``--json``) one object per line."""
    import json

    from clean.explain import as_json, cluster_of, render_text, trace
    from clean.records import Doc, Rejected, Skipped

    for n, item in enumerate(items):
        if isinstance(item, (Rejected, Skipped)):  # a JSONL line that is not a record
            reason = f"{item.reason}: {item.detail}" if isinstance(item, Rejected) else item.type
            print(f"== {item.source}  (rejected: {reason})", file=err)
            continue
        assert isinstance(item, Doc)
        ex = trace(item, rules, debug=args.debug)
        cluster = cluster_of(ex.id, *marks) if marks is not None else None
        if args.json:
            print(json.dumps(as_json(ex, cluster), ensure_ascii=False))
        else:
            if n:
                print()
            print("\n".join(render_text(ex, cluster, colour)), flush=True)


def rules_check(args: argparse.Namespace, err: TextIO) -> int:
    """``clean rules check``: validate rule files, run their examples, report each failure."""
    from clean.rulecheck import check_examples, render_failure
    from clean.rules import bundled_rules_dir, load_rules

    bundled = bundled_rules_dir()
    if bundled.is_relative_to(Path.cwd()):  # name files as the user sees them: rules/x.yaml
        bundled = bundled.relative_to(Path.cwd())
    dirs = list(args.dirs) or [bundled]
    # DIRs given: those alone; an invalid file: every problem printed by main, exit 2
    rules = load_rules(dirs, bundled=False)
    failures, examples = check_examples(rules)
    for failure in failures:
        print("\n".join(render_failure(failure)))
    files = len(rules.files)
    print(
        f"clean rules check: {files} file{'s' * (files != 1)}, {examples} examples, "
        + (f"{len(failures)} failed" if failures else "all passed")
    )
    return EXIT_REJECTIONS if failures else EXIT_OK


def _summary(report: dict, out: Path, err: TextIO, documents: str | None = None) -> None:  # type: ignore[type-arg]
    """A one-screen account of the run on stderr (``documents``: where they went instead of
    OUT/documents.jsonl)."""
    dups = report["duplicates"]
    dropped = report["duplicates_dropped"]
    top_rules = sorted(report["removals_by_rule"].items(), key=lambda kv: -kv[1])[
        :SUMMARY_TOP_RULES
    ]
    lines = [
        f"clean {report['clean_version']}: read {report['read']} inputs"
        f" in {report['elapsed_seconds']:.1f} s",
        f"  documents  {report['documents']:>7}   → {documents or out / 'documents.jsonl'}",
        f"  duplicates {dups['documents']:>7}   in {dups['clusters']} clusters"
        + _counts(dups["clusters_by_relation"])
        + (f", {dropped} dropped → {out / 'duplicates.jsonl'}" if dropped else ""),
        f"  rejected   {report['rejected']:>7}   → {out / 'rejected.jsonl'}"
        + _counts(report["rejected_by_reason"]),
        f"  skipped    {report['skipped']:>7}" + _counts(report["skipped_by_type"]),
        f"  lines removed {report['lines_removed']} by {len(report['removals_by_rule'])} rules"
        + _counts(dict(top_rules)),
        "  languages" + _counts(report["languages"]),
        f"  report → {out / 'report.json'}, {out / 'report.html'}",
    ]
    print("\n".join(lines), file=err)


def _counts(counter: dict[str, int]) -> str:
    return "   (" + ", ".join(f"{k} {v}" for k, v in counter.items()) + ")" if counter else ""
