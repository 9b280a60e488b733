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

import contextlib
import dataclasses
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from clean import __version__
from clean.errors import (
    OUTPUT_IS_SOURCE,
    RESUME_MISMATCH,
    RESUME_STDIN,
    SOURCE_MISSING,
    STDIN_TWICE,
    ConfigError,
    WorkerLost,
)
from clean.options import Options
from clean.read import MB, STDIN, Fields, Item
from clean.write import Parts, RunOutput, Tally

SHARD_BYTES = 64 * MB  # a shard is cut early when its inputs hold this many bytes
SETTING_CHARS = 100  # a longer key in the duplicate settings is no setting's name


class Observer(Protocol):
    """What a run tells while it works (the command line draws a status line from it).

    Reading and cleaning come as :meth:`begin`, :meth:`reading` and a :meth:`step` per input,
    ended by ``done("cleaned")``; each later phase as :meth:`phase` (its name, the number of
    its units when known, and their name) and :meth:`advance` as units finish, its count
    ending at its total; the run ends with ``done("committed")``."""

    def begin(self, total_bytes: int) -> None: ...
    def reading(self, items: Iterable[Any]) -> Iterator[Any]: ...
    def step(self, document: bool) -> None: ...
    def phase(self, name: str, total: int | None, unit: str) -> None: ...
    def advance(self, count: int) -> None: ...
    def done(self, what: str) -> None: ...


class Quiet:
    """An observer that shows nothing (a base for one that shows only some of it)."""

    def begin(self, total_bytes: int) -> None:
        pass

    def reading(self, items: Iterable[Any]) -> Iterator[Any]:
        return iter(items)

    def step(self, document: bool) -> None:
        pass

    def phase(self, name: str, total: int | None, unit: str) -> None:
        pass

    def advance(self, count: int) -> None:
        pass

    def done(self, what: str) -> None:
        pass


def run(
    sources: Sequence[str | os.PathLike[str]] | str | os.PathLike[str],
    output: str | os.PathLike[str],
    observer: Observer | None = None,
    **options: Any,
) -> dict[str, Any]:
    """Clean ``sources`` (files and folders, ``-`` for standard input) into the folder
    ``output`` as ``clean run`` does, and return the report (report.json's contents); options
    are :class:`~clean.options.Options`' fields, checked (an unknown one is a ConfigError)."""
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    opts = Options.from_keywords(**options)
    return Run([Path(s) for s in sources], Path(output), opts, observer).execute()


class Run:
    """One run: its inputs, output folder and options; :meth:`execute` runs the phases."""

    def __init__(
        self, sources: list[Path], output: Path, options: Options, observer: Observer | None = None
    ):
        self.sources, self.output, self.options = sources, output, options
        self.observer = observer or Quiet()

    def execute(self) -> dict[str, Any]:
        """Run every phase and commit the output; the report."""
        from clean.engines import open_engine
        from clean.read import Limits, survey
        from clean.rules import bundled_rules_dir, load_rules

        o, started = self.options, time.perf_counter()
        missing = [
            SOURCE_MISSING.format(src=s)
            for s in self.sources
            if str(s) != STDIN and not s.exists()
        ]
        stdin = sum(1 for s in self.sources if str(s) == STDIN)
        if stdin > 1:
            missing.append(STDIN_TWICE)
        if stdin and o.resume:
            missing.append(RESUME_STDIN)
        if missing:
            raise ConfigError(missing)
        if any(s.is_dir() and s.resolve() == self.output.resolve() for s in self.sources):
            raise ConfigError(OUTPUT_IS_SOURCE.format(out=self.output))
        rule_dirs = ([bundled_rules_dir()] if o.bundled_rules else []) + list(o.rules)
        # every rule problem is reported here, before any output
        rules = load_rules(o.rules, regex_timeout=o.regex_timeout, bundled=o.bundled_rules)
        config = dedup_config(o.dedup_config, o.dedup_set) if o.dedup else None
        limits = Limits(doc_bytes=round(o.max_doc_mb * MB), gzip_ratio=o.max_gzip_ratio)
        inputs = survey(self.sources, self.output, o.follow_links)
        settings = self.settings(inputs.digest, rules.digest, config)
        self.observer.begin(inputs.total)
        with (
            open_engine(o.engine, o.workers, o.ray_address) as engine,
            RunOutput(self.output, o.force, o.resume, settings, inputs, o.output_format) as out,
        ):
            if out.finished is not None:  # a run killed while it removed its parts: done
                return out.finished
            try:
                return self._phases(engine, out, rules, rule_dirs, config, limits, started)
            except OSError as exc:  # the driver's own files in OUT (the duplicate sketches)
                raise out.parts.unwritable(exc) from None

    def _phases(
        self,
        engine: Any,
        out: RunOutput,
        rules: Any,
        rule_dirs: list[Path],
        config: Any,
        limits: Any,
        started: float,
    ) -> dict[str, Any]:
        """The phases, from the first shard step to the commit; the report."""
        from clean.boilerplate import SiteLines
        from clean.dedup import Deduplicator, duplicate_summary

        shards, tally, site_lines = self.clean(engine, out.parts, rules, limits)
        observer = self.observer
        observer.done("cleaned")
        learned = {}
        if site_lines is not None:
            observer.phase("learning boilerplate", len(site_lines.counts), "sites")
            learned = site_lines.learned()
            observer.advance(len(site_lines.counts))
        # the sketches' files live in OUT/.parts: a killed run's go with its parts
        dedup = Deduplicator(config, out.parts.root) if config is not None else None
        try:
            seen = self.edit(engine, out.parts, shards, learned, dedup, tally)
            marks = {}
            if dedup is not None:
                observer.phase("finding candidates", None, "")
                marks = dedup.clusters(self.verifying(engine.map))
            passages = dedup.passages if dedup is not None else {}
        except BaseException:
            if dedup is not None:
                with contextlib.suppress(OSError):  # the first error is the one to tell
                    dedup.close()
            raise
        if dedup is not None:
            dedup.close()  # its files on disk: a full disk shows here too
        dropped = self.annotate(engine, out.parts, shards, marks, passages, tally.documents)
        tally.dropped = sum(dropped)
        report = {
            "clean_version": __version__,
            "rules": {"digest": rules.digest, "files": rule_files(rules, rule_dirs)},
            "settings": self.options.settings(),
            **tally.as_json(),
            "duplicates": duplicate_summary(marks, config, passages),
            "boilerplate": self.learned_rules(out, learned, seen, site_lines or SiteLines()),
            "elapsed_seconds": round(time.perf_counter() - started, 2),
        }
        observer.phase("committing", 4 * shards, "parts")
        out.commit(shards, report, marks, observer.advance)
        observer.done("committed")
        return report

    def documents(self, shard: int, total: int) -> int:
        """The number of documents shard ``shard`` of the clean phase kept (``total``: all)."""
        end = self._firsts[shard + 1] if shard + 1 < len(self._firsts) else total
        return end - self._firsts[shard]

    def verifying(self, mapper: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
        """``mapper`` (an engine's map) telling the observer of the candidate pairs it verifies:
        the duplicate stage hands it the pairs in chunks, and clusters when they are done."""

        def counted(task: Any, jobs: Iterable[Any], state: dict[str, Any]) -> Iterator[Any]:
            chunks = list(jobs)
            self.observer.phase("verifying pairs", sum(map(len, chunks)), "pairs")
            for chunk, result in zip(chunks, mapper(task, chunks, state), strict=True):
                self.observer.advance(len(chunk))
                yield result
            self.observer.phase("clustering", None, "")

        return counted

    def clean(self, engine: Any, parts: Parts, rules: Any, limits: Any) -> tuple[int, Tally, Any]:
        """Read, check ids, cut into shards and clean them; the number of shards, the counts
        and the merged site line counts (None without boilerplate learning)."""
        from clean.boilerplate import SiteLines
        from clean.pipeline import unique_ids
        from clean.read import read
        from clean.shards import CLEAN, clean_shard

        o = self.options
        fields = Fields(
            id=o.id_field,
            text=o.text_field,
            html=o.html_field,
            url=o.url_field,
            title=o.title_field,
            published=o.published_field,
            authors=o.authors_field,
        )
        items = self.observer.reading(
            read(self.sources, self.output, limits, o.follow_links, o.debug, fields)
        )
        self._inputs: list[tuple[str, str]] = []  # each shard's first and last input

        def jobs() -> Iterator[tuple[int, list[Item]]]:
            for k, shard in enumerate(shards_of(unique_ids(items), o.shard_size, SHARD_BYTES)):
                self._inputs.append((shard[0].source, shard[-1].source))
                yield k, shard

        state = {"parts": parts, "rules": rules, "debug": o.debug, "learn": o.boilerplate}
        tally, site_lines = Tally(), SiteLines() if o.boilerplate else None
        self._firsts: list[int] = []  # the run-wide number of each shard's first document
        for result in resumed(engine, clean_shard, jobs(), state, parts, CLEAN, None, self.names,
                              self.same_inputs):  # fmt: skip
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
        num_perm = config.num_perm if config is not None else None
        what = "editing and sketching" if dedup is not None else "editing"
        self.observer.phase(what, tally.documents, "documents")
        results = resumed(engine, edit_shard, jobs, state, parts, EDIT, num_perm, self.names)
        for k, result in enumerate(results):
            self.observer.advance(self.documents(k, tally.documents))
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
        total: int,
    ) -> Iterator[int]:
        """Duplicate marks and shared passages written in, per shard (``total``: the
        documents of the run); the documents each shard dropped."""
        from clean.shards import ANNOTATE, annotate_shard

        state = {"parts": parts, "marks": marks, "passages": passages,
                 "drop": self.options.drop_duplicates}  # fmt: skip
        jobs = ((k, None) for k in range(shards))
        self.observer.phase("annotating", total, "documents")
        results = resumed(engine, annotate_shard, jobs, state, parts, ANNOTATE, None, self.names)
        for k, dropped in enumerate(results):
            self.observer.advance(self.documents(k, total))
            yield dropped

    def same_inputs(self, items: list[Item], stored: Any) -> None:
        """Refuse to go on where an input read now is not what the interrupted run read (the
        walk's sizes and times can miss a change: the same size, the time set back)."""
        from clean.shards import input_digest

        now, was = [input_digest(item) for item in items], list(stored.inputs)
        if now == was:
            return
        changed = next((i for i, d in enumerate(now) if i >= len(was) or d != was[i]),
                       len(now) - 1)  # fmt: skip
        what = f"inputs ({items[changed].source} holds other bytes than the interrupted run read)"
        raise ConfigError(RESUME_MISMATCH.format(out=self.output, what=what))

    def names(self, shard: int) -> str:
        """A shard's inputs, as a message names them: ``in/a.txt to in/k.txt``."""
        first, last = self._inputs[shard]
        return first if first == last else f"inputs {first} to {last}"

    def learned_rules(
        self,
        out: RunOutput,
        learned: dict[str, dict[int, int]],
        seen: dict[str, dict[int, str]],
        site_lines: Any,
    ) -> dict[str, Any]:
        """Write one rule file per site with the lines it removed to OUT/learned-rules/; the
        report's account of them."""
        from clean.boilerplate import rule_file, rule_file_names

        summary = {}
        names = rule_file_names(seen)
        for site, texts in sorted(seen.items()):
            lines = sorted(((t, learned[site][k]) for k, t in texts.items()), key=lambda x: -x[1])
            documents = site_lines.documents[site]
            out.write_text(f"learned-rules/{names[site]}.yaml",
                           rule_file(site, lines, documents, names[site]))  # fmt: skip
            summary[site] = {
                "documents": documents,
                "lines": [{"text": t, "documents": c} for t, c in lines],
            }
        return summary

    def settings(self, inputs_digest: str, rules_digest: str, config: Any) -> dict[str, Any]:
        """What a resumed run must share with the interrupted one to give the same bytes."""
        return {
            "clean": __version__,
            # real paths: the same sources spelled another way (./in, /abs/in) are the same
            "inputs": [os.path.realpath(s) for s in self.sources] + [inputs_digest],
            "rules": rules_digest,
            "options": {
                **self.options.settings(parts=True),
                "dedup": dataclasses.asdict(config) if config is not None else None,
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
    num_perm: int | None = None,
    names: Callable[[int], str] | None = None,
    verify: Callable[[Any, Any], None] | None = None,
) -> Iterator[Any]:
    """``engine.map`` over the jobs ``(shard, payload)``, results in shard order; a shard whose
    step completed before (a resumed run) is not run again: its stored result is used
    (``num_perm``: the length of the duplicate signatures a stored result holds; ``names``
    gives the inputs of a shard, for the message if a worker dies on it each time; ``verify``
    checks a job's payload against the stored result it stands for, and raises if it differs)."""
    held: deque[Any] = deque()  # stored results, or None for a job sent to the engine
    waiting = object()

    def pending() -> Iterator[tuple[int, Any]]:
        for shard, payload in jobs:
            stored = parts.result(step, shard, num_perm)
            if stored is not None and verify is not None:
                verify(payload, stored)
            held.append(waiting if stored is None else stored)
            if stored is None:
                yield shard, payload

    try:
        for result in engine.map(task, pending(), state):
            while held[0] is not waiting:
                yield held.popleft()
            held.popleft()
            yield result
    except WorkerLost as lost:
        shard = lost.job[0]  # type: ignore[index]
        what = f"shard {shard} of the {step} step" + (f" ({names(shard)})" if names else "")
        raise WorkerLost(lost.job, lost.deaths, what) from None
    yield from held


def dedup_config(path: Path | None, settings: Sequence[str] | dict[str, Any]) -> Any:
    """Duplicate settings: defaults, then a YAML file, then ``KEY=VALUE`` settings (or a
    mapping of them)."""
    import yaml

    from clean.dedup import DedupConfig
    from clean.rules import YamlBomb, load_yaml, read_bounded, shown, yaml_problem

    def loaded(text: bytes | str, where: str) -> Any:
        try:
            return load_yaml(text)
        except YamlBomb as exc:
            raise ConfigError(f"{where}: refused: {exc}") from None
        except yaml.YAMLError as exc:
            raise ConfigError(f"{where}: invalid YAML: {yaml_problem(exc)}") from None

    values: dict[str, Any] = {}
    if path is not None:
        try:
            data = loaded(read_bounded(path), str(path))
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: must be a mapping of setting: value")
        values.update(data)
    if isinstance(settings, dict):
        values.update(settings)
    for setting in settings if not isinstance(settings, dict) else ():
        key, sep, raw = setting.partition("=")
        if not sep:
            raise ConfigError(f"--dedup-set {shown(setting)}: expected KEY=VALUE")
        values[key.strip()] = loaded(raw, f"--dedup-set {shown(key.strip())}")
    odd = [k for k in values if not isinstance(k, str) or len(k) > SETTING_CHARS]
    if odd:  # the settings' own check prints the names it does not know in full
        raise ConfigError([f"{path or 'duplicate settings'}: unknown setting {shown(k)}"
                           for k in odd])  # fmt: skip
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
