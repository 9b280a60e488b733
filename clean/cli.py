"""The command line: ``clean run SRC... -o OUT``. The only module that parses, prints or exits."""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path
from typing import TextIO

from clean import __version__
from clean.errors import EXIT_CONFIG, EXIT_OK, EXIT_REJECTIONS, SOURCE_MISSING, ConfigError

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
        description="Clean raw text dumps (.txt), HTML pages (.html) and JSONL records into OUT.",
    )
    run.add_argument(
        "sources",
        nargs="+",
        type=Path,
        metavar="SRC",
        help="a file or a folder (walked recursively, in sorted order)",
    )
    run.add_argument(
        "-o", "--output", required=True, type=Path, metavar="OUT", help="output folder"
    )
    run.add_argument(
        "--rules",
        action="append",
        type=Path,
        default=[],
        metavar="DIR",
        help="a folder (or file) of YAML rules, added to the bundled ones; repeatable",
    )
    run.add_argument(
        "--no-bundled-rules",
        action="store_true",
        help="do not load the bundled rules/ (site and generic)",
    )
    run.add_argument(
        "--force", action="store_true", help="overwrite the output of an earlier run in OUT"
    )
    run.add_argument("--no-dedup", action="store_true", help="do not look for duplicates")
    run.add_argument(
        "--drop-duplicates",
        action="store_true",
        help="keep only cluster representatives; the other members go to duplicates.jsonl",
    )
    run.add_argument(
        "--dedup-config",
        type=Path,
        metavar="FILE",
        help="YAML mapping of duplicate settings (see README)",
    )
    run.add_argument(
        "--dedup-set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="one duplicate setting, over the defaults and --dedup-config; repeatable",
    )
    run.add_argument("--strict", action="store_true", help="exit 1 if any input was rejected")
    run.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    run.add_argument(
        "--debug", action="store_true", help="show tracebacks; stop at the first internal error"
    )
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
        return command(args, sys.stderr)
    except ConfigError as exc:
        if args.debug:
            raise
        for problem in exc.problems:
            print(f"clean: error: {problem}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("clean: interrupted; no output was committed", file=sys.stderr)
        return 130


def run(args: argparse.Namespace, err: TextIO) -> int:
    from clean.dedup import Deduplicator, duplicate_summary
    from clean.pipeline import clean_items
    from clean.read import read
    from clean.records import Document
    from clean.rules import bundled_rules_dir, load_rules
    from clean.write import RunOutput

    started = time.perf_counter()
    missing = [SOURCE_MISSING.format(src=s) for s in args.sources if not s.exists()]
    if missing:
        raise ConfigError(missing)
    rule_dirs = ([] if args.no_bundled_rules else [bundled_rules_dir()]) + list(args.rules)
    rules = load_rules(rule_dirs)  # every rule problem is reported here, before any output
    config = None if args.no_dedup else dedup_config(args.dedup_config, args.dedup_set)
    with RunOutput(args.output, force=args.force) as out:
        dedup = Deduplicator(config) if config is not None else None
        for item in clean_items(read(args.sources, exclude=args.output), rules, debug=args.debug):
            out.write(item)
            if dedup is not None and isinstance(item, Document):
                dedup.add(item.id, item.text, item.published)
        duplicates = dedup.clusters() if dedup is not None else {}
        out.apply_duplicates(duplicates, drop=args.drop_duplicates)
        report = {
            "clean_version": __version__,
            "rules": {"digest": rules.digest, "files": _rule_files(rules, rule_dirs)},
            **out.tally.as_json(),
            "duplicates": duplicate_summary(duplicates, config),
            "elapsed_seconds": round(time.perf_counter() - started, 2),
        }
        out.commit(report)
    if not args.quiet:
        _summary(report, args.output, err)
    if args.strict and report["rejected"]:
        return EXIT_REJECTIONS
    return EXIT_OK


def explain(args: argparse.Namespace, err: TextIO) -> int:
    """``clean explain``: print each document of FILE as the pipeline sees it."""
    import os

    from clean.errors import EXPLAIN_NO_RECORD, EXPLAIN_NOT_INPUT
    from clean.read import kind_of, read_file, read_run_marks
    from clean.rules import bundled_rules_dir, load_rules

    path, line = Path(args.file), None
    if not path.exists() and (m := re.fullmatch(r"(.+):(\d+)", args.file)):
        path, line = Path(m[1]), int(m[2])
    if not path.is_file():
        raise ConfigError(SOURCE_MISSING.format(src=path))
    kind = kind_of(path)
    if kind not in ("text", "html", "jsonl"):
        raise ConfigError(EXPLAIN_NOT_INPUT.format(path=path, kind=kind))
    rule_dirs = ([] if args.no_bundled_rules else [bundled_rules_dir()]) + list(args.rules)
    rules = load_rules(rule_dirs)
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
    rules = load_rules(dirs)  # an invalid file: every problem printed by main, exit 2
    failures, examples = check_examples(rules)
    for failure in failures:
        print("\n".join(render_failure(failure)))
    files = len(rules.files)
    print(
        f"clean rules check: {files} file{'s' * (files != 1)}, {examples} examples, "
        + (f"{len(failures)} failed" if failures else "all passed")
    )
    return EXIT_REJECTIONS if failures else EXIT_OK


def dedup_config(path: Path | None, settings: list[str]):  # type: ignore[no-untyped-def]
    """Duplicate settings: defaults, then a YAML file, then ``KEY=VALUE`` options."""
    import yaml

    from clean.dedup import DedupConfig

    values: dict = {}  # type: ignore[type-arg]
    if path is not None:
        try:
            loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
        except yaml.YAMLError as exc:
            raise ConfigError(f"{path}: invalid YAML: {exc}") from None
        if not isinstance(loaded, dict):
            raise ConfigError(f"{path}: must be a mapping of setting: value")
        values.update(loaded)
    for setting in settings:
        key, sep, raw = setting.partition("=")
        if not sep:
            raise ConfigError(f"--dedup-set {setting}: expected KEY=VALUE")
        values[key.strip()] = yaml.safe_load(raw)
    return DedupConfig.from_mapping(
        values, str(path) if path and not settings else "duplicate settings"
    )


def _rule_files(rules, dirs: list[Path]) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Rule file versions, named relative to the folder they came from (stable across machines)."""
    out = {}
    for path, version in rules.versions().items():
        p = Path(path)
        for d in dirs:
            if d.is_dir() and p.is_relative_to(d):
                p = Path(d.name) / p.relative_to(d)
                break
        out[p.as_posix()] = version
    return out


def _summary(report: dict, out: Path, err: TextIO) -> None:  # type: ignore[type-arg]
    """A one-screen account of the run on stderr."""
    dups = report["duplicates"]
    dropped = report["duplicates_dropped"]
    top_rules = sorted(report["removals_by_rule"].items(), key=lambda kv: -kv[1])[
        :SUMMARY_TOP_RULES
    ]
    lines = [
        f"clean {report['clean_version']}: read {report['read']} inputs"
        f" in {report['elapsed_seconds']:.1f} s",
        f"  documents  {report['documents']:>7}   → {out / 'documents.jsonl'}",
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
