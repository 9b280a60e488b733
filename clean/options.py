"""The options of a run, declared once: :class:`Options`' fields are the table.

Each field carries its default, its kind (how a value is checked), its range or choices, its
help and its flag in ``metadata``; from that one table come ``clean run``'s flags
(:func:`add_flags`), the library's keywords (:meth:`Options.from_keywords`, which names an
unknown keyword and the nearest valid one), and the settings a run records in report.json and
that ``--resume`` compares (:meth:`Options.settings`).
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from clean.engines import ENGINES
from clean.errors import ConfigError
from clean.readers.base import MAX_DOC_MB, MAX_GZIP_RATIO, MIN_GZIP_MB
from clean.rules import BUDGET_CHARS, REGEX_TIMEOUT
from clean.write import SHARD_SIZE

OUTPUT_FORMATS = ("jsonl", "parquet")


def option(
    default: Any,
    kind: str,
    help: str,
    *,
    flag: str | None = None,
    aliases: tuple[str, ...] = (),
    metavar: str | None = None,
    above: float | None = None,
    choices: tuple[str, ...] | None = None,
    cli_choices: tuple[str, ...] | None = None,
    shapes_output: bool = False,
    shapes_parts: bool = False,
) -> Any:
    """One row of the table. ``kind``: bool, int, float, str, path, paths, strs or settings;
    ``above``: values must be more than this; ``shapes_output``: the option changes what a run
    writes, so report.json records it and ``--resume`` must be given the same;
    ``shapes_parts``: it changes only how the run cuts its work (a resumed run needs the same)."""
    meta = {
        "kind": kind,
        "help": help,
        "flag": flag,
        "aliases": aliases,
        "metavar": metavar,
        "above": above,
        "choices": choices,
        "cli_choices": cli_choices or choices,
        "shapes_output": shapes_output,
        "shapes_parts": shapes_parts or shapes_output,
    }
    return field(default=default, metadata=meta)


@dataclass(frozen=True)
class Options:
    """The options of a run: the keyword arguments of :func:`clean.run`, the flags of
    ``clean run`` (a bool that defaults to True is turned off by ``--no-NAME``)."""

    # rules
    rules: tuple[Path, ...] = option(
        (), "paths", "a folder (or file) of YAML rules, added to the bundled ones; repeatable",
        metavar="DIR",
    )  # fmt: skip
    bundled_rules: bool = option(
        True, "bool", "do not load the bundled rules (site and generic)"
    )
    regex_timeout: float = option(
        REGEX_TIMEOUT, "float",
        f"longest the rule patterns may take on one document, all their searches together,"
        f" and as long again per {BUDGET_CHARS:,} characters of it; past it the document is"
        f" rejected as rule-timeout, naming the rule",
        metavar="SECONDS", above=0, shapes_output=True,
    )  # fmt: skip
    # inputs
    follow_links: bool = option(
        False, "bool",
        "follow symbolic links to files and folders outside SRC (loops are still refused)",
        shapes_output=True,
    )  # fmt: skip
    max_doc_mb: float = option(
        MAX_DOC_MB, "float",
        "largest document (a file, a record, a row); larger ones are rejected as too-large",
        metavar="MB", above=0, shapes_output=True,
    )  # fmt: skip
    max_gzip_ratio: float = option(
        MAX_GZIP_RATIO, "float",
        f"a compressed input expanding past N times its size (and past {MIN_GZIP_MB} MB) is"
        " refused from there as a decompression bomb",
        metavar="N", above=0, shapes_output=True,
    )  # fmt: skip
    id_field: str = option(
        "id", "str", "the record field (JSONL, Parquet) that holds a document's id",
        metavar="NAME", shapes_output=True,
    )  # fmt: skip
    text_field: str = option(
        "text", "str", "the record field that holds a raw text dump",
        metavar="NAME", shapes_output=True,
    )  # fmt: skip
    html_field: str = option(
        "html", "str", "the record field that holds an HTML page (read when there is no text)",
        metavar="NAME", shapes_output=True,
    )  # fmt: skip
    url_field: str = option(
        "url", "str", "the record field that holds the page's URL",
        metavar="NAME", shapes_output=True,
    )  # fmt: skip
    title_field: str | None = option(
        "title", "str",
        "the record field whose value is the title, kept over the page's own ('' for none)",
        metavar="NAME", shapes_output=True,
    )  # fmt: skip
    published_field: str | None = option(
        "published", "str",
        "the record field whose value is the date of publication, kept over the page's own",
        metavar="NAME", shapes_output=True,
    )  # fmt: skip
    authors_field: str | None = option(
        "authors", "str",
        "the record field whose value is the authors (text or a list), kept over the page's own",
        metavar="NAME", shapes_output=True,
    )  # fmt: skip
    # duplicates and boilerplate
    dedup: bool = option(True, "bool", "do not look for duplicates", shapes_output=True)
    drop_duplicates: bool = option(
        False, "bool",
        "keep only cluster representatives; the other members go to duplicates.jsonl",
        shapes_output=True,
    )  # fmt: skip
    dedup_config: Path | None = option(  # noqa: RUF009 - option() is a dataclasses.field
        None, "path", "YAML mapping of duplicate settings (see docs/duplicates.md)",
        metavar="FILE",
    )  # fmt: skip
    dedup_set: tuple[str, ...] | dict[str, Any] = option(  # noqa: RUF009 - a field, as above
        (), "settings",
        "one duplicate setting, over the defaults and --dedup-config; repeatable",
        metavar="KEY=VALUE",
    )  # fmt: skip
    boilerplate: bool = option(
        True, "bool", "do not learn and remove lines that recur across documents of one site",
        shapes_output=True,
    )  # fmt: skip
    # the output folder
    output_format: str = option(
        "jsonl", "str", "write documents, duplicates and rejections as JSONL or Parquet",
        choices=OUTPUT_FORMATS, shapes_output=True,
    )  # fmt: skip
    force: bool = option(False, "bool", "overwrite the output of an earlier run in OUT")
    resume: bool = option(
        False, "bool",
        "go on with an interrupted run in OUT from the shard steps it completed (same inputs"
        " and options); without an interrupted run, start afresh",
    )  # fmt: skip
    shard_size: int = option(
        SHARD_SIZE, "int",
        "inputs per shard, the unit of work of a worker; each finished shard is a checkpoint"
        " for --resume",
        aliases=("--checkpoint-every",), metavar="N", above=0, shapes_parts=True,
    )  # fmt: skip
    # where it runs
    workers: int | None = option(
        None, "int",
        f"clean and sketch documents on N processes, or N Ray tasks at once (the output is the"
        f" same bytes; default: the number of cores, {os.cpu_count()} here, or of the Ray"
        f" cluster's CPUs)",
        flag="-j", aliases=("--workers",), metavar="N", above=0,
    )  # fmt: skip
    engine: str = option(
        "local", "str",
        "where shards run: local processes (default), or Ray tasks (needs clean-news[ray]);"
        " without --ray-address a local Ray is started",
        choices=ENGINES, cli_choices=("local", "ray"),
    )  # fmt: skip
    ray_address: str | None = option(
        None, "str", "with --engine ray: join this Ray cluster (host:port, or auto)",
        metavar="ADDRESS",
    )  # fmt: skip
    debug: bool = option(False, "bool", "show tracebacks; stop at the first internal error")

    def __post_init__(self) -> None:
        problems = [p for f in fields(self) if (p := _problem(f, getattr(self, f.name)))]
        if self.ray_address is not None and self.engine != "ray":
            problems.append("ray_address needs engine 'ray' (--ray-address needs --engine ray)")
        if problems:
            raise ConfigError(problems)

    @classmethod
    def from_keywords(cls, **keywords: Any) -> Options:
        """Options from :func:`clean.run`'s keywords: paths given as text become paths, an
        empty field name none; an unknown keyword is named with the nearest valid one."""
        names = [f.name for f in fields(cls)]
        unknown = []
        for key in keywords:
            if key not in names:
                near = difflib.get_close_matches(key, names, n=1)
                hint = f"; did you mean {near[0]!r}?" if near else ""
                unknown.append(f"unknown option {key!r}{hint}")
        if unknown:
            raise ConfigError(unknown)
        values = {}
        for f in fields(cls):
            if f.name not in keywords:
                continue
            value, kind = keywords[f.name], f.metadata["kind"]
            if kind == "paths" and isinstance(value, (list, tuple)):
                value = tuple(Path(v) if isinstance(v, (str, os.PathLike)) else v for v in value)
            elif kind == "paths" and isinstance(value, (str, os.PathLike)):
                value = (Path(value),)
            elif kind == "path" and isinstance(value, (str, os.PathLike)):
                value = Path(value)
            elif kind == "settings" and isinstance(value, list):
                value = tuple(value)
            elif f.name.endswith("_field") and value == "":
                value = None
            values[f.name] = value
        return cls(**values)

    def settings(self, parts: bool = False) -> dict[str, Any]:
        """The options that shape what a run writes, as JSON values (report.json); with
        ``parts``, also those that shape its parts (what a resumed run must have the same)."""
        key = "shapes_parts" if parts else "shapes_output"
        return {f.name: getattr(self, f.name) for f in fields(self) if f.metadata[key]}


def _problem(f: Any, value: Any) -> str | None:
    """What is wrong with ``value`` for the option ``f``, or None."""
    kind, meta = f.metadata["kind"], f.metadata
    optional = f.default is None or f.name.endswith("_field")
    if value is None and optional:
        return None
    ok = {
        "bool": lambda v: isinstance(v, bool),
        "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "float": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "str": lambda v: isinstance(v, str),
        "path": lambda v: isinstance(v, Path),
        "paths": lambda v: isinstance(v, tuple) and all(isinstance(p, Path) for p in v),
        "settings": lambda v: isinstance(v, dict)
        or (isinstance(v, tuple) and all(isinstance(s, str) for s in v)),
    }[kind](value)
    if not ok:
        want = {
            "bool": "True or False",
            "int": "a whole number",
            "float": "a number",
            "str": "a string",
            "path": "a path",
            "paths": "a list of paths",
            "settings": "a mapping or a list of KEY=VALUE strings",
        }[kind]
        return f"{f.name} must be {want}, not {value!r}"
    if meta["above"] is not None and not value > meta["above"]:
        return f"{f.name} must be more than {meta['above']:g}, not {value}"
    if meta["choices"] is not None and value not in meta["choices"]:
        return f"{f.name} must be one of {', '.join(meta['choices'])}, not {value!r}"
    return None


def flag_of(f: Any) -> str:
    """The command-line flag of an option: its own, or ``--name`` (``--no-name`` for a bool
    that defaults to True)."""
    if f.metadata["flag"]:
        return f.metadata["flag"]
    name = f.name.replace("_", "-")
    return f"--no-{name}" if f.metadata["kind"] == "bool" and f.default is True else f"--{name}"


def add_flags(parser: Any) -> None:
    """Add a flag per option to an argparse parser (``clean run``'s)."""
    for f in fields(Options):
        meta = f.metadata
        names = [flag_of(f), *meta["aliases"]]
        kw: dict[str, Any] = {"dest": f.name, "help": meta["help"]}
        if meta["kind"] == "bool":
            kw["action"] = "store_false" if f.default is True else "store_true"
        else:
            kw["metavar"] = meta["metavar"]
            kw["default"] = [] if meta["kind"] in ("paths", "settings") else f.default
            if meta["kind"] in ("paths", "settings"):
                kw["action"] = "append"
            kw["type"] = {"int": int, "float": float, "path": Path, "paths": Path}.get(
                meta["kind"], str
            )
            if meta["cli_choices"] is not None:
                kw["choices"] = meta["cli_choices"]
                del kw["metavar"]
            if meta["above"] is not None:
                kw["type"] = _above(kw["type"], meta["above"])
            if f.default not in (None, ()):
                shown = f"{f.default:g}" if isinstance(f.default, float) else f.default
                kw["help"] += f" (default {shown})"
        parser.add_argument(*names, **kw)


def _above(kind: type, bound: float) -> Any:
    """An argparse type: a number of ``kind`` more than ``bound``."""
    import argparse

    def parse(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a number, not {text!r}") from None
        if not value > bound:
            raise argparse.ArgumentTypeError(f"must be more than {bound:g}, not {text}")
        return value

    return parse


def from_flags(namespace: Any) -> Options:
    """The options of a parsed ``clean run`` command line."""
    values = {f.name: getattr(namespace, f.name) for f in fields(Options)}
    for f in fields(Options):
        if f.metadata["kind"] in ("paths", "settings"):
            values[f.name] = tuple(values[f.name])
    return Options.from_keywords(**values)
