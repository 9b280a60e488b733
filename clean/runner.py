"""A run of ``clean``: every phase from the inputs to the committed output, as a library call.

``clean.run(sources, output, **options)`` does what ``clean run`` does and returns the report.
The phases are data flowing one way; the per-document ones run on an engine (:mod:`clean.engines`)
over shards of consecutive inputs (:mod:`clean.shards`), the rest on the driver, here:

1. read (driver): walk the sources in sorted order, check ids are unique, cut into shards;
2. clean (per shard): each input through the stages; documents and rejections written;
   returns counts and the site line counts, merged here in shard order;
3. learn (driver): each site's boilerplate lines from the merged counts;
4. edit + sketch (per shard): the boilerplate out, the duplicate sketch of what is left;
5. cluster (driver): duplicates from the sketches alone; the candidate pairs are verified
   on the engine, in chunks, by workers reading the sketch store's files;
6. annotate (per shard): each document's duplicate mark written in;
7. write + report (driver): the shards joined into the output files, report.json last.

Every shard step leaves a completion marker (:class:`clean.write.Parts`), so ``resume`` skips
what an interrupted run finished, and the report is the sum of the shards' results, counted
once whatever was interrupted where.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from clean import __version__
from clean.errors import OUTPUT_IS_SOURCE, SOURCE_MISSING, ConfigError
from clean.read import MAX_DOC_MB, MAX_GZIP_RATIO, MB, Item
from clean.rules import REGEX_TIMEOUT
from clean.write import SHARD_SIZE, Parts, RunOutput, Tally

SHARD_BYTES = 64 * MB  # a shard is cut early when its inputs hold this many bytes


@dataclasses.dataclass(frozen=True)
class Options:
    """The options of a run; the keyword arguments of :func:`run` (``clean run``'s flags)."""

    rules: tuple[Path, ...] = ()  # rule folders or files, after the bundled ones
    bundled_rules: bool = True
    force: bool = False
    resume: bool = False
    dedup: bool = True
    drop_duplicates: bool = False
    dedup_config: Path | None = None  # a YAML mapping of duplicate settings
    dedup_set: tuple[str, ...] | dict[str, Any] = ()  # KEY=VALUE strings, or a mapping
    boilerplate: bool = True
    follow_links: bool = False
    max_doc_mb: float = MAX_DOC_MB
    max_gzip_ratio: float = MAX_GZIP_RATIO
    regex_timeout: float = REGEX_TIMEOUT
    shard_size: int = SHARD_SIZE
    workers: int | None = None  # None: the number of cores (of the Ray cluster's CPUs)
    engine: str = "local"  # local (a process pool, or this process for one worker), ray
    ray_address: str | None = None  # join this Ray cluster (None: start a local Ray)
    debug: bool = False

    def __post_init__(self) -> None:
        from clean.engines import ENGINES

        problems = [
            f"{name} must be more than 0, not {getattr(self, name)}"
            for name in ("max_doc_mb", "max_gzip_ratio", "regex_timeout", "shard_size")
            if not getattr(self, name) > 0
        ]
        if self.workers is not None and self.workers < 1:
            problems.append(f"workers must be 1 or more, not {self.workers}")
        if self.engine not in ENGINES:
            problems.append(f"engine must be one of {', '.join(ENGINES)}, not {self.engine!r}")
        if problems:
            raise ConfigError(problems)


class Observer(Protocol):
    """What a run tells while it works (the command line draws a status line from it)."""

    def begin(self, total_bytes: int) -> None: ...
    def reading(self, items: Iterable[Any]) -> Iterator[Any]: ...
    def step(self, document: bool) -> None: ...
    def done(self, what: str) -> None: ...


class Quiet:
    """An observer that shows nothing."""

    def begin(self, total_bytes: int) -> None:
        pass

    def reading(self, items: Iterable[Any]) -> Iterator[Any]:
        return iter(items)

    def step(self, document: bool) -> None:
        pass

    def done(self, what: str) -> None:
        pass


def run(
    sources: Sequence[str | os.PathLike[str]] | str | os.PathLike[str],
    output: str | os.PathLike[str],
    observer: Observer | None = None,
    **options: Any,
) -> dict[str, Any]:
    """Clean ``sources`` (files and folders) into the folder ``output`` as ``clean run`` does,
    and return the report (report.json's contents); options are :class:`Options`' fields."""
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    if "rules" in options:
        options["rules"] = tuple(Path(p) for p in options["rules"])
    return Run([Path(s) for s in sources], Path(output), Options(**options), observer).execute()


class Run:
    """One run: its inputs, output folder and options; :meth:`execute` runs the phases."""

    def __init__(
        self, sources: list[Path], output: Path, options: Options, observer: Observer | None = None
    ):
        self.sources, self.output, self.options = sources, output, options
        self.observer = observer or Quiet()

    def execute(self) -> dict[str, Any]:
        """Run every phase and commit the output; the report."""
        from clean.boilerplate import SiteLines
        from clean.dedup import Deduplicator, duplicate_summary
        from clean.engines import open_engine
        from clean.read import Limits, survey
        from clean.rules import bundled_rules_dir, load_rules

        o, started = self.options, time.perf_counter()
        missing = [SOURCE_MISSING.format(src=s) for s in self.sources if not s.exists()]
        if missing:
            raise ConfigError(missing)
        if any(s.is_dir() and s.resolve() == self.output.resolve() for s in self.sources):
            raise ConfigError(OUTPUT_IS_SOURCE.format(out=self.output))
        rule_dirs = ([bundled_rules_dir()] if o.bundled_rules else []) + list(o.rules)
        # every rule problem is reported here, before any output
        rules = load_rules(rule_dirs, regex_timeout=o.regex_timeout)
        config = dedup_config(o.dedup_config, o.dedup_set) if o.dedup else None
        limits = Limits(doc_bytes=round(o.max_doc_mb * MB), gzip_ratio=o.max_gzip_ratio)
        inputs = survey(self.sources, self.output, o.follow_links)
        settings = self.settings(inputs.digest, rules.digest, config)
        self.observer.begin(inputs.total)
        with (
            open_engine(o.engine, o.workers, o.ray_address) as engine,
            RunOutput(self.output, o.force, o.resume, settings, inputs) as out,
        ):
            shards, tally, site_lines = self.clean(engine, out.parts, rules, limits)
            self.observer.done("cleaned; finding duplicates" if config is not None else "cleaned")
            learned = site_lines.learned() if site_lines is not None else {}
            # the sketches' files live in OUT/.parts: a killed run's go with its parts
            dedup = Deduplicator(config, out.parts.root) if config is not None else None
            try:
                seen = self.edit(engine, out.parts, shards, learned, dedup, tally)
                marks = dedup.clusters(engine.map) if dedup is not None else {}
                passages = dedup.passages if dedup is not None else {}
            finally:
                if dedup is not None:
                    dedup.close()  # its files on disk
            tally.dropped = sum(self.annotate(engine, out.parts, shards, marks, passages))
            report = {
                "clean_version": __version__,
                "rules": {"digest": rules.digest, "files": rule_files(rules, rule_dirs)},
                **tally.as_json(),
                "duplicates": duplicate_summary(marks, config, passages),
                "boilerplate": self.learned_rules(out, learned, seen, site_lines or SiteLines()),
                "elapsed_seconds": round(time.perf_counter() - started, 2),
            }
            out.commit(shards, report, marks)
        return report

    def clean(self, engine: Any, parts: Parts, rules: Any, limits: Any) -> tuple[int, Tally, Any]:
        """Read, check ids, cut into shards and clean them; the number of shards, the counts
        and the merged site line counts (None without boilerplate learning)."""
        from clean.boilerplate import SiteLines
        from clean.pipeline import unique_ids
        from clean.read import read
        from clean.shards import CLEAN, clean_shard

        o = self.options
        items = self.observer.reading(
            read(self.sources, self.output, limits, o.follow_links, debug=o.debug)
        )
        jobs = enumerate(shards_of(unique_ids(items), o.shard_size, SHARD_BYTES))
        state = {"parts": parts, "rules": rules, "debug": o.debug, "learn": o.boilerplate}
        tally, site_lines = Tally(), SiteLines() if o.boilerplate else None
        self._firsts: list[int] = []  # the run-wide number of each shard's first document
        for result in resumed(engine, clean_shard, jobs, state, parts, CLEAN):
            self._firsts.append(tally.documents)
            tally.merge(result.tally)
            if site_lines is not None:
                site_lines.merge(result.lines)
            documents = result.tally.documents
            for n in range(result.items):
                self.observer.step(n < documents)
        return len(self._firsts), tally, site_lines

    def edit(
        self,
        engine: Any,
        parts: Parts,
        shards: int,
        learned: dict[str, dict[int, int]],
        dedup: Any,
        tally: Tally,
    ) -> dict[str, dict[int, str]]:
        """Boilerplate out and sketches made, per shard; each learned line's text by site."""
        from clean.boilerplate import RULE
        from clean.shards import EDIT, edit_shard

        config = dedup.config if dedup is not None else None
        state = {"parts": parts, "learned": learned, "config": config}
        jobs = ((k, self._firsts[k]) for k in range(shards))
        seen: dict[str, dict[int, str]] = {}
        for result in resumed(engine, edit_shard, jobs, state, parts, EDIT):
            tally.removals[RULE] += result.removals
            tally.lines_removed += result.lines_removed
            for site, texts in result.seen.items():
                for key, text in texts.items():
                    seen.setdefault(site, {}).setdefault(key, text)
            if dedup is not None:
                for s in result.sketches:
                    dedup.add_sketch(s)
        if tally.removals[RULE] == 0:
            del tally.removals[RULE]
        return seen

    def annotate(
        self,
        engine: Any,
        parts: Parts,
        shards: int,
        marks: dict[str, dict[str, Any]],
        passages: dict[str, list[dict[str, Any]]],
    ) -> Iterator[int]:
        """Duplicate marks and shared passages written in, per shard; the documents each
        shard dropped."""
        from clean.shards import ANNOTATE, annotate_shard

        state = {"parts": parts, "marks": marks, "passages": passages,
                 "drop": self.options.drop_duplicates}  # fmt: skip
        jobs = ((k, None) for k in range(shards))
        return resumed(engine, annotate_shard, jobs, state, parts, ANNOTATE)

    def learned_rules(
        self,
        out: RunOutput,
        learned: dict[str, dict[int, int]],
        seen: dict[str, dict[int, str]],
        site_lines: Any,
    ) -> dict[str, Any]:
        """Write one rule file per site with the lines it removed to OUT/learned-rules/; the
        report's account of them."""
        from clean.boilerplate import rule_file

        summary = {}
        for site, texts in sorted(seen.items()):
            lines = sorted(((t, learned[site][k]) for k, t in texts.items()), key=lambda x: -x[1])
            documents = site_lines.documents[site]
            bare = site.removeprefix("dir:")
            name = "".join(c if c.isalnum() or c in ".-" else "-" for c in bare)
            out.write_text(f"learned-rules/{name.strip('.-') or 'root'}.yaml",
                           rule_file(site, lines, documents))  # fmt: skip
            summary[site] = {
                "documents": documents,
                "lines": [{"text": t, "documents": c} for t, c in lines],
            }
        return summary

    def settings(self, inputs_digest: str, rules_digest: str, config: Any) -> dict[str, Any]:
        """What a resumed run must share with the interrupted one to give the same bytes."""
        o = self.options
        return {
            "clean": __version__,
            "inputs": [os.path.abspath(s) for s in self.sources] + [inputs_digest],
            "rules": rules_digest,
            "options": {
                "dedup": dataclasses.asdict(config) if config is not None else None,
                "drop_duplicates": o.drop_duplicates,
                "boilerplate": o.boilerplate,
                "follow_links": o.follow_links,
                "max_doc_mb": o.max_doc_mb,
                "max_gzip_ratio": o.max_gzip_ratio,
                "regex_timeout": o.regex_timeout,
                "shard_size": o.shard_size,
            },
        }


def shards_of(items: Iterable[Item], size: int, max_bytes: int) -> Iterator[list[Item]]:
    """Consecutive items in lists of ``size``, cut early once they hold ``max_bytes`` of input.

    >>> [len(s) for s in shards_of(range(5), 2, 10)]
    [2, 2, 1]
    """
    shard: list[Item] = []
    held = 0
    for item in items:
        shard.append(item)
        raw = getattr(item, "raw", None)
        held += len(raw) if raw is not None else 0
        if len(shard) >= size or held >= max_bytes:
            yield shard
            shard, held = [], 0
    if shard:
        yield shard


def resumed(
    engine: Any,
    task: Callable[[dict[str, Any], Any], Any],
    jobs: Iterable[tuple[int, Any]],
    state: dict[str, Any],
    parts: Parts,
    step: str,
) -> Iterator[Any]:
    """``engine.map`` over the jobs ``(shard, payload)``, results in shard order; a shard whose
    step completed before (a resumed run) is not run again: its stored result is used."""
    held: deque[Any] = deque()  # stored results, or None for a job sent to the engine
    waiting = object()

    def pending() -> Iterator[tuple[int, Any]]:
        for shard, payload in jobs:
            stored = parts.result(step, shard)
            held.append(waiting if stored is None else stored)
            if stored is None:
                yield shard, payload

    for result in engine.map(task, pending(), state):
        while held[0] is not waiting:
            yield held.popleft()
        held.popleft()
        yield result
    yield from held


def dedup_config(path: Path | None, settings: Sequence[str] | dict[str, Any]) -> Any:
    """Duplicate settings: defaults, then a YAML file, then ``KEY=VALUE`` settings (or a
    mapping of them)."""
    import yaml

    from clean.dedup import DedupConfig

    values: dict[str, Any] = {}
    if path is not None:
        try:
            loaded = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
        except yaml.YAMLError as exc:
            raise ConfigError(f"{path}: invalid YAML: {exc}") from None
        if not isinstance(loaded, dict):
            raise ConfigError(f"{path}: must be a mapping of setting: value")
        values.update(loaded)
    if isinstance(settings, dict):
        values.update(settings)
    for setting in settings if not isinstance(settings, dict) else ():
        key, sep, raw = setting.partition("=")
        if not sep:
            raise ConfigError(f"--dedup-set {setting}: expected KEY=VALUE")
        values[key.strip()] = yaml.safe_load(raw)
    return DedupConfig.from_mapping(
        values, str(path) if path and not settings else "duplicate settings"
    )


def rule_files(rules: Any, dirs: list[Path]) -> dict[str, int]:
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
