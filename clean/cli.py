"""The command line: ``clean run SRC... -o OUT``. The only module that parses, prints or exits."""

from __future__ import annotations

import argparse
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
    run.add_argument(
        "--no-boilerplate",
        action="store_true",
        help="do not learn and remove lines that recur across documents of one site",
    )
    run.add_argument("--strict", action="store_true", help="exit 1 if any input was rejected")
    run.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    run.add_argument(
        "--debug", action="store_true", help="show tracebacks; stop at the first internal error"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``clean`` console script; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_CONFIG
    try:
        return run(args, sys.stderr)
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
    from clean.boilerplate import SiteLines, site_key
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
        site_lines = None if args.no_boilerplate else SiteLines()
        for item in clean_items(read(args.sources, exclude=args.output), rules, debug=args.debug):
            out.write(item)
            if isinstance(item, Document) and site_lines is not None:
                site_lines.observe(site_key(item.site, item.source), item.text)
            elif dedup is not None and isinstance(item, Document):
                dedup.add(item.id, item.text, item.published)
        learned = {}
        if site_lines is not None:  # a second pass: boilerplate out, then duplicates on the rest
            learned = remove_boilerplate(out, site_lines, dedup)
        duplicates = dedup.clusters() if dedup is not None else {}
        out.apply_duplicates(duplicates, drop=args.drop_duplicates)
        report = {
            "clean_version": __version__,
            "rules": {"digest": rules.digest, "files": _rule_files(rules, rule_dirs)},
            **out.tally.as_json(),
            "duplicates": duplicate_summary(duplicates, config),
            "boilerplate": learned,
            "elapsed_seconds": round(time.perf_counter() - started, 2),
        }
        out.commit(report)
    if not args.quiet:
        _summary(report, args.output, err)
    if args.strict and report["rejected"]:
        return EXIT_REJECTIONS
    return EXIT_OK


def remove_boilerplate(out, site_lines, dedup) -> dict:  # type: ignore[no-untyped-def]
    """Remove each site's learned boilerplate from the written documents; what was learned.

    Feeds the de-boilerplated texts to ``dedup``, and writes one rule file per site with the
    lines it removed to OUT/learned-rules/.
    """
    from clean.boilerplate import RULE, apply_record, key_of, rule_file, site_key

    learned = site_lines.learned()
    seen: dict[str, dict[int, str]] = {}

    def edit(record: dict) -> dict:  # type: ignore[type-arg]
        record, removed = apply_record(record, learned)
        if removed:
            site = site_key(record["metadata"]["site"], record["metadata"]["source"])
            for line in removed:
                seen.setdefault(site, {}).setdefault(key_of(line), line)  # type: ignore[arg-type]
            out.tally.removals[RULE] += len(removed)
            out.tally.lines_removed += sum(1 for x in removed if x.strip())
        if dedup is not None:
            dedup.add(record["id"], record["text"], record["metadata"]["published"])
        return record

    out.rewrite(edit)
    summary = {}
    for site, texts in sorted(seen.items()):
        lines = sorted(((t, learned[site][k]) for k, t in texts.items()), key=lambda x: -x[1])
        documents = site_lines.documents[site]
        name = "".join(c if c.isalnum() or c in ".-" else "-" for c in site.removeprefix("dir:"))
        out.write_text(f"learned-rules/{name.strip('.-') or 'root'}.yaml",
                       rule_file(site, lines, documents))  # fmt: skip
        summary[site] = {
            "documents": documents,
            "lines": [{"text": t, "documents": c} for t, c in lines],
        }
    return summary


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
        f"  report → {out / 'report.json'}",
    ]
    print("\n".join(lines), file=err)


def _counts(counter: dict[str, int]) -> str:
    return "   (" + ", ".join(f"{k} {v}" for k, v in counter.items()) + ")" if counter else ""
