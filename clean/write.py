"""Write a run's output atomically: documents.jsonl, rejected.jsonl, report.html, report.json last.

Every file is written under a temporary name and renamed into place when complete; the old
report.json is removed first and the new one written last, so a folder with a report.json holds
one complete run and nothing that looks complete is ever half written.

A run can be resumed: every ``checkpoint_every`` items (and every few seconds) the partial files
are flushed to disk and ``OUT/.progress`` records how many input items are done, the byte size
of each partial file at that point, the counts so far and the run's settings. ``--resume``
truncates the partial files back to those sizes and goes on from the next item; what was
written after the checkpoint is written again, the same way.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import socket
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from clean.errors import (
    LOCK_LINGERING,
    LOCK_STALE,
    LOCKED,
    OUTPUT_EXISTS,
    OUTPUT_NOT_DIR,
    OUTPUT_UNWRITABLE,
    RESUMABLE,
    RESUME_BROKEN,
    RESUME_MISMATCH,
    ConfigError,
)
from clean.records import Document, Rejected, Skipped
from clean.report_html import DETAIL_DOCS, Interner, cluster_rows, doc_row, page

DOCUMENTS = "documents.jsonl"
REJECTED = "rejected.jsonl"
DUPLICATES = "duplicates.jsonl"
REPORT = "report.json"
REPORT_HTML = "report.html"
OUTPUTS = (DOCUMENTS, REJECTED, DUPLICATES, REPORT_HTML, REPORT)
HTML_ROWS = ".report.html.rows"  # the page's document rows, streamed during the run
ROWS = HTML_ROWS.removeprefix(".")  # the same file named as the others: ``_partial(ROWS)``
PARTIAL = ".partial"
PROGRESS = ".progress"
INPUTS = ".inputs"  # the inputs as a run found them: a resumed run names those that changed
SHOWN_CHANGES = 3
PROGRESS_FORMAT = 1
CHECKPOINT_EVERY = 1000  # items
CHECKPOINT_SECONDS = 10.0
LOCK = ".lock"
# How long a run that finds OUT's lock held by a process that is gone waits for it: the workers
# of a killed run share its lock until they see their parent gone (each second, clean.engine).
LOCK_LINGER = 10.0


def sync_folder(folder: Path) -> None:
    """fsync a folder, so that the renames into it are on disk (a file's fsync is not enough)."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_whole(path: Path, text: str) -> None:
    """``text`` into ``path`` atomically: written and fsynced as ``.NAME.partial``, renamed."""
    partial = path.with_name(f".{path.name}{PARTIAL}")
    with open(partial, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(partial, path)


def dumps(record: dict[str, Any]) -> str:
    """One JSONL line: UTF-8 text as is, keys in the order given."""
    return json.dumps(record, ensure_ascii=False, separators=(", ", ": "))


@dataclass
class Tally:
    """The counts a run reports: ``read == documents + rejected + skipped + dropped``."""

    documents: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    removals: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    repairs: Counter[str] = field(default_factory=Counter)
    lines_removed: int = 0
    dropped: int = 0  # duplicates moved to duplicates.jsonl

    def add(self, item: Document | Rejected | Skipped) -> None:
        if isinstance(item, Document):
            self.documents += 1
            self.removals.update(r.rule for r in item.removed)
            self.languages[item.language or "unknown"] += 1
            self.repairs.update(r.split(":")[0] for r in item.repairs)
            self.lines_removed += item.counts.lines_removed
        elif isinstance(item, Rejected):
            self.rejected[item.reason] += 1
        else:
            self.skipped[item.type or "(no suffix)"] += 1

    def state(self) -> dict[str, Any]:
        """Everything counted so far, for a checkpoint (:meth:`from_state` reads it back)."""
        return {
            "documents": self.documents,
            "lines_removed": self.lines_removed,
            **{name: dict(getattr(self, name)) for name in COUNTERS},
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Tally:
        return cls(
            documents=state["documents"],
            lines_removed=state["lines_removed"],
            **{name: Counter(state[name]) for name in COUNTERS},
        )

    @property
    def read(self) -> int:
        return self.documents + sum(self.rejected.values()) + sum(self.skipped.values())

    def as_json(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "documents": self.documents - self.dropped,
            "duplicates_dropped": self.dropped,
            "rejected": sum(self.rejected.values()),
            "skipped": sum(self.skipped.values()),
            "rejected_by_reason": dict(sorted(self.rejected.items())),
            "skipped_by_type": dict(sorted(self.skipped.items())),
            "lines_removed": self.lines_removed,
            "removals_by_rule": dict(sorted(self.removals.items())),
            "languages": dict(sorted(self.languages.items(), key=lambda kv: (-kv[1], kv[0]))),
            "repairs": dict(sorted(self.repairs.items())),
        }


COUNTERS = ("rejected", "skipped", "removals", "languages", "repairs")
STREAMED = (DOCUMENTS, REJECTED, ROWS)  # written while items arrive, so checkpointed


@dataclass(frozen=True)
class Holder:
    """The process that holds an output folder's lock, as OUT/.lock names it.

    ``started`` is the process's start time (``/proc/PID/stat``), so that a pid the system
    has given to another process since is not taken for the run.
    """

    pid: int
    host: str
    started: str | None = None

    @classmethod
    def current(cls) -> Holder:
        """This process."""
        fields = _proc_stat(os.getpid())
        return cls(os.getpid(), socket.gethostname(), fields[19] if fields else None)

    @classmethod
    def parse(cls, text: str) -> Holder | None:
        """The holder a lock file names; None if it names none (empty, or being written)."""
        try:
            data = json.loads(text)
            return cls(int(data["pid"]), str(data["host"]), data.get("started"))
        except (ValueError, KeyError, TypeError):
            return None

    def alive(self) -> bool | None:
        """Whether the process still runs; None if it runs on another host (no way to tell)."""
        if self.host != socket.gethostname():
            return None
        fields = _proc_stat(self.pid)
        if fields is None:  # gone, or no /proc on this system
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                return False
            except PermissionError:  # another user's process
                pass
            return True
        if fields[0] in ("Z", "X"):  # killed, not yet reaped by its parent
            return False
        return self.started is None or fields[19] == self.started

    def named(self) -> str:
        """The pid as a message gives it: with the host when it is another one."""
        return str(self.pid) if self.host == socket.gethostname() else f"{self.pid} on {self.host}"


def _proc_stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (state first); None if none."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8", errors="replace") as f:
            return f.read().rpartition(")")[2].split()
    except OSError:
        return None


class OutputLock:
    """OUT/.lock: one run per output folder, taken before the run writes anything there.

    The file names its holder (pid, host, start time) and is locked with ``flock``, which the
    system releases when the holder dies, however it dies. A run that ends, even on an error,
    removes it. A file found unlocked was left by a run that was killed: it is stale, and
    taken over only when ``take_stale`` (``--resume``, ``--force``). Where the file system has
    no locks, whether the named process still runs decides.
    """

    def __init__(self, out: Path, take_stale: bool = False):
        self.path = out / LOCK
        self._fd: int | None = None
        deadline = time.monotonic() + LOCK_LINGER
        while self._fd is None:
            self._fd = self._take(out, take_stale, time.monotonic() < deadline)
            if self._fd is None:
                time.sleep(0.05)

    def _take(self, out: Path, take_stale: bool, may_wait: bool) -> int | None:
        """The locked file's descriptor; None to try again in a moment."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            locked = _flock(fd)
            holder = Holder.parse(os.pread(fd, 4096, 0).decode("utf-8", "replace"))
            alive = holder.alive() if holder is not None else None
            if locked is False or (locked is None and holder is not None and alive is not False):
                if may_wait and (holder is None or alive is False):
                    os.close(fd)  # being written as we read it, or a killed run's workers
                    return None
                message = LOCKED if holder is None or alive is not False else LOCK_LINGERING
                pid = holder.named() if holder is not None else "?"
                raise ConfigError(message.format(out=out, pid=pid))
            try:
                same = os.stat(self.path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if not same:  # removed by the run that held it, after we opened it
                os.close(fd)
                return None
            if holder is not None and not take_stale:
                raise ConfigError(LOCK_STALE.format(out=out, pid=holder.named()))
            me = Holder.current()
            data = json.dumps({"pid": me.pid, "host": me.host, "started": me.started})
            os.ftruncate(fd, 0)
            os.pwrite(fd, data.encode() + b"\n", 0)
            return fd
        except BaseException:
            os.close(fd)
            raise

    def release(self) -> None:
        """Remove the lock file, then let go of the lock (so no one takes a removed file)."""
        if self._fd is None:
            return
        try:
            self.path.unlink(missing_ok=True)
        finally:
            os.close(self._fd)
            self._fd = None


def _flock(fd: int) -> bool | None:
    """Lock ``fd`` without waiting: True if locked, False if another holds it, None if the
    file system (or the system) has no such locks."""
    try:
        import fcntl
    except ImportError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            return False
        return None
    return True


def _change(name: str, was: Sequence[Any], now: Sequence[Any]) -> str:
    """One changed input, as ``--resume`` names it: ``a.txt: 350 → 7 bytes``."""
    (size, _, note), (new_size, _, new_note) = was, now
    if note != new_note:
        return f"{name}: {note or 'a file'} → {new_note or 'a file'}"
    if size != new_size:
        return f"{name}: {size} → {new_size} bytes"
    return f"{name} was modified"


class RunOutput:
    """The output folder of one run; use as a context manager and call :meth:`commit` at the end.

    ``settings`` (JSON values: inputs, rules, options) must be the same for ``resume`` to go on
    from the checkpoint; :attr:`done` is then the number of input items already written, and
    :meth:`written_documents` gives their records back (to rebuild the duplicate index).
    Without a checkpoint, ``resume`` starts afresh.
    """

    def __init__(
        self,
        out: Path,
        force: bool = False,
        resume: bool = False,
        settings: dict[str, Any] | None = None,
        checkpoint_every: int = CHECKPOINT_EVERY,
        inputs: Iterable[Sequence[Any]] | None = None,
    ):
        self.out = out
        self._inputs = inputs
        self.settings = json.loads(json.dumps(settings or {}))
        self.checkpoint_every = checkpoint_every
        self.tally = Tally()
        self.done = 0
        self._offsets: dict[str, int] = {}
        self._checkpointed = False
        self._committed = False
        self._source: Path | None = None  # documents edited by a run-level stage (rewrite)
        self._last = (0, time.monotonic())
        self._rules: dict[str, int] = {}  # report.html: rule ids, document rows, removal texts
        self._ids: dict[str, int] = {}
        self._strings = Interner()
        self._duplicates: dict[str, dict[str, Any]] = {}
        if out.exists() and not out.is_dir():
            raise ConfigError(OUTPUT_NOT_DIR.format(out=out))
        try:
            existed = out.is_dir()
            out.mkdir(parents=True, exist_ok=True)
            self._lock = OutputLock(out, take_stale=force or resume)
        except OSError as exc:
            raise ConfigError(OUTPUT_UNWRITABLE.format(out=out, why=exc.strerror or exc)) from None
        try:
            self._open(force, resume, existed)
        except BaseException:
            self._lock.release()
            raise

    def _open(self, force: bool, resume: bool, existed: bool) -> None:
        """Check OUT against this run (its lock held) and open the partial files."""
        out = self.out
        state = self._load_progress() if resume else None
        fresh = state is None and existed and not force
        if fresh and any((out / name).exists() for name in OUTPUTS):
            raise ConfigError(OUTPUT_EXISTS.format(out=out))
        try:
            if state is None:
                # a stale checkpoint must not outlive the partial files it describes
                (out / PROGRESS).unlink(missing_ok=True)
                self._write_inputs()
            else:
                for name, size in self._offsets.items():
                    os.truncate(self._partial(name), size)
            mode = "a" if state is not None else "w"
            self._files = {
                name: open(self._partial(name), mode, encoding="utf-8", newline="\n")
                for name in STREAMED
            }
            self._rows = self._files[ROWS]
            if state is not None:
                self._replay_rows()
        except OSError as exc:
            raise ConfigError(OUTPUT_UNWRITABLE.format(out=out, why=exc.strerror or exc)) from None
        self._checkpointed = state is not None
        self._last = (self.done, time.monotonic())

    def _replay_rows(self) -> None:
        """report.html's tables as they stood at the checkpoint: ``doc_row`` over each document
        written before it (its rows are in the rows file already, so the new row is dropped)."""
        for record in self.written_documents():
            meta = record["metadata"]
            self._ids.setdefault(record["id"], len(self._ids))
            stand_in = SimpleNamespace(
                **{k: meta[k] for k in ("title", "site", "language", "published")},
                id=record["id"],
                text=record["text"],
                counts=SimpleNamespace(**meta["counts"]),
                removed=[
                    SimpleNamespace(rule=r["rule"], text=r["text"], kept=0, whole=True)
                    for r in meta["removed"]
                ],
            )
            doc_row(stand_in, self._rules, self._strings, detail=False)  # type: ignore[arg-type]

    def _load_progress(self) -> dict[str, Any] | None:
        """The checkpoint of an interrupted run in OUT, checked against this run; None if none."""
        path = self.out / PROGRESS
        if not path.is_file():
            return None
        try:
            state = json.loads(path.read_text(encoding="utf-8"))
            if state.get("format") != PROGRESS_FORMAT:
                raise ValueError(f"unknown format {state.get('format')!r}")
            offsets = {name: int(state["offsets"][name]) for name in STREAMED}
            for name, size in offsets.items():
                if self._partial(name).stat().st_size < size:
                    raise ValueError(f"{self._partial(name).name} is shorter than the checkpoint")
            tally = Tally.from_state(state["tally"])
            done = int(state["done"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ConfigError(RESUME_BROKEN.format(out=self.out, why=exc)) from None
        if state.get("settings") != self.settings:
            theirs = state.get("settings") or {}
            keys = sorted(
                k for k in set(theirs) | set(self.settings) if theirs.get(k) != self.settings.get(k)
            )
            changes = self._changed_inputs() if "inputs" in keys else []
            if changes:
                more = len(changes) - SHOWN_CHANGES
                shown = changes[:SHOWN_CHANGES] + ([f"and {more} more"] if more > 0 else [])
                keys[keys.index("inputs")] = f"inputs ({'; '.join(shown)})"
            raise ConfigError(RESUME_MISMATCH.format(out=self.out, what=", ".join(keys)))
        self._offsets, self.tally, self.done = offsets, tally, done
        return state

    def _write_inputs(self) -> None:
        """OUT/.inputs: one JSON line per input (path, size, mtime or what it is instead)."""
        if self._inputs is None:
            return
        partial = self.out / f"{INPUTS}{PARTIAL}"
        with open(partial, "w", encoding="utf-8", newline="\n") as f:
            for item in self._inputs:
                f.write(json.dumps(list(item)) + "\n")
        os.replace(partial, self.out / INPUTS)

    def _changed_inputs(self) -> list[str]:
        """What differs between the inputs now and OUT/.inputs, in the order they are read."""
        if self._inputs is None:
            return []
        try:
            with open(self.out / INPUTS, encoding="utf-8") as f:
                before = {line[0]: tuple(line[1:]) for line in map(json.loads, f)}
        except (OSError, ValueError, TypeError, IndexError):
            return []
        changes = []
        for name, *now in self._inputs:
            was = before.pop(name, None)
            if was is None:
                changes.append(f"{name} is new")
            elif tuple(now) != was:
                changes.append(_change(name, was, now))
        return changes + [f"{name} is gone" for name in before]

    def _partial(self, name: str) -> Path:
        return self.out / f".{name}{PARTIAL}"

    def __enter__(self) -> RunOutput:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        try:
            self._clean_up(exc_type is not None)
        finally:
            self._lock.release()

    def _clean_up(self, failed: bool) -> None:
        for f in self._files.values():
            with contextlib.suppress(OSError):  # the error that ended the run is the one to report
                f.close()
        self._annotated.unlink(missing_ok=True)
        (self.out / f".{REJECTED}.staged{PARTIAL}").unlink(missing_ok=True)
        for name in (DUPLICATES, REPORT_HTML, REPORT):
            self._partial(name).unlink(missing_ok=True)
        (self.out / f"{PROGRESS}{PARTIAL}").unlink(missing_ok=True)
        (self.out / f"{INPUTS}{PARTIAL}").unlink(missing_ok=True)
        self._edited.unlink(missing_ok=True)
        if failed and self._checkpointed and not self._committed:
            return  # interrupted after a checkpoint: keep what --resume needs
        for name in STREAMED:
            self._partial(name).unlink(missing_ok=True)
        (self.out / PROGRESS).unlink(missing_ok=True)
        (self.out / INPUTS).unlink(missing_ok=True)

    def write(self, item: Document | Rejected | Skipped) -> None:
        """Write one item's record (documents and rejections), count it, checkpoint now and then."""
        self.tally.add(item)
        self.done += 1
        try:
            if isinstance(item, Document):
                self._files[DOCUMENTS].write(dumps(item.as_json()) + "\n")
                n = self._ids.setdefault(item.id, len(self._ids))
                row = doc_row(item, self._rules, self._strings, detail=n < DETAIL_DOCS)
                self._rows.write(row + "\n")
            elif isinstance(item, Rejected):
                self._files[REJECTED].write(dumps(item.as_json()) + "\n")
            items, at = self._last
            if (
                self.done - items >= self.checkpoint_every
                or time.monotonic() - at >= CHECKPOINT_SECONDS
            ):
                self.checkpoint()
        except OSError as exc:  # out of disk space, a folder gone read-only
            raise self._unwritable(exc) from None

    def checkpoint(self) -> None:
        """Flush the partial files to disk, then record how far the run got in ``.progress``."""
        try:
            offsets = {}
            for name, f in self._files.items():
                f.flush()
                os.fsync(f.fileno())
                offsets[name] = os.fstat(f.fileno()).st_size
            state = {
                "format": PROGRESS_FORMAT,
                "done": self.done,
                "offsets": offsets,
                "tally": self.tally.state(),
                "settings": self.settings,
            }
            partial = self.out / f"{PROGRESS}{PARTIAL}"
            with open(partial, "w", encoding="utf-8") as f:
                f.write(json.dumps(state, ensure_ascii=False) + "\n")
                f.flush()
                os.fsync(f.fileno())
            os.replace(partial, self.out / PROGRESS)
            sync_folder(self.out)
        except OSError as exc:
            raise self._unwritable(exc) from None
        self._checkpointed = True
        self._last = (self.done, time.monotonic())

    def written_documents(self) -> Iterator[dict[str, Any]]:
        """The document records written before the checkpoint a resumed run goes on from."""
        if not self.done:
            return
        with open(self._partial(DOCUMENTS), encoding="utf-8") as f:
            for line in f:
                yield json.loads(line)

    def _unwritable(self, exc: OSError) -> ConfigError:
        why = str(exc.strerror or exc) + (RESUMABLE if self._checkpointed else "")
        return ConfigError(OUTPUT_UNWRITABLE.format(out=self.out, why=why))

    def apply_duplicates(self, duplicates: dict[str, dict[str, Any]], drop: bool = False) -> None:
        """Write ``{id: duplicate}`` into each record's metadata, in a second pass over documents.

        With ``drop`` only representatives stay in documents.jsonl; the other members go, as
        the same records, to duplicates.jsonl. Call once, before :meth:`commit`.
        """
        self.checkpoint()  # every input is done: a kill from here on loses no cleaning
        self._duplicates = duplicates
        try:
            for f in self._files.values():
                f.close()
            self._annotate(duplicates, drop)
        except OSError as exc:
            raise self._unwritable(exc) from None

    def commit(self, report: dict[str, Any]) -> None:
        """Move the finished files into place; report.json, written last, marks the run complete.

        The checkpoint and the streamed partial files stay until report.json is written, so a
        kill at any point of the commit can still be resumed.
        """
        try:
            (self.out / REPORT).unlink(missing_ok=True)
            os.replace(self._annotated, self.out / DOCUMENTS)
            os.replace(self._partial(DUPLICATES), self.out / DUPLICATES)
            self._copy_into_place(REJECTED)
            self._write_html(report)
            _write_whole(self.out / REPORT, json.dumps(report, ensure_ascii=False, indent=2) + "\n")
            self._committed = True
            for path in (self.out / PROGRESS, self.out / INPUTS, *map(self._partial, STREAMED)):
                path.unlink(missing_ok=True)
            sync_folder(self.out)  # the renames above, report.json's last
        except OSError as exc:
            raise self._unwritable(exc) from None

    def _copy_into_place(self, name: str) -> None:
        """``name``'s partial file in place, the partial kept (a hard link, else a copy)."""
        staged = self.out / f".{name}.staged{PARTIAL}"
        staged.unlink(missing_ok=True)
        try:
            os.link(self._partial(name), staged)
        except OSError:  # a file system without hard links
            shutil.copyfile(self._partial(name), staged)
        os.replace(staged, self.out / name)

    @property
    def _annotated(self) -> Path:
        return self.out / f".{DOCUMENTS}.annotated{PARTIAL}"

    def _write_html(self, report: dict[str, Any]) -> None:
        """report.html: the page around the document rows written during the run."""
        self._rows.close()
        partial = self._partial(REPORT_HTML)
        clusters = cluster_rows(self._duplicates, self._ids)
        title = self.out.resolve().name
        with (
            open(self.out / f"{HTML_ROWS}{PARTIAL}", encoding="utf-8") as rows,
            open(partial, "w", encoding="utf-8", newline="\n") as f,
        ):
            lines = (line.rstrip("\n") for line in rows)
            for chunk in page(report, title, self._rules, lines, clusters, self._strings):
                f.write(chunk)
            f.flush()
            os.fsync(f.fileno())
        os.replace(partial, self.out / REPORT_HTML)

    def rewrite(
        self, edit: Callable[[Iterator[dict[str, Any]]], Iterator[dict[str, Any] | None]]
    ) -> None:
        """Pass every written record through ``edit`` (a run-level stage such as site
        boilerplate), before :meth:`apply_duplicates`.

        ``edit`` takes the records in order and yields, for each, its new version or None
        when it is unchanged; it may read ahead (to hand records to workers). The edited
        records go to a file of their own, which :meth:`apply_duplicates` reads: the streamed
        file stays as the last checkpoint left it, so a kill here still resumes.
        """
        self.checkpoint()  # every input is done
        held: deque[str] = deque()  # lines read ahead of what edit has given back

        def records(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
            for line in lines:
                held.append(line)
                yield json.loads(line)

        try:
            with (
                open(self._partial(DOCUMENTS), encoding="utf-8") as lines,
                open(self._edited, "w", encoding="utf-8", newline="\n") as docs,
            ):
                for new in edit(records(lines)):
                    line = held.popleft()
                    docs.write(line if new is None else dumps(new) + "\n")
            self._source = self._edited
        except OSError as exc:
            raise self._unwritable(exc) from None

    @property
    def _edited(self) -> Path:
        return self.out / f".{DOCUMENTS}.edited{PARTIAL}"

    def write_text(self, name: str, text: str) -> None:
        """Write a side file of the run (``learned-rules/site.yaml``) under OUT, atomically."""
        path = self.out / name
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_whole(path, text)
            sync_folder(path.parent)  # and OUT, holding the new folder, at the commit
        except OSError as exc:
            raise self._unwritable(exc) from None

    def _annotate(self, duplicates: dict[str, dict[str, Any]], drop: bool) -> None:
        source = self._source or self._partial(DOCUMENTS)
        kept = self._annotated
        with (
            open(source, encoding="utf-8") as lines,
            open(kept, "w", encoding="utf-8", newline="\n") as docs,
            open(self._partial(DUPLICATES), "w", encoding="utf-8", newline="\n") as dups,
        ):
            for line in lines:
                record = json.loads(line)
                mark = duplicates.get(record["id"])
                if mark is not None:
                    record["metadata"]["duplicate"] = mark
                    line = dumps(record) + "\n"
                dropped = drop and mark is not None and mark["representative"] != record["id"]
                (dups if dropped else docs).write(line)
                self.tally.dropped += dropped
            for f in (docs, dups):
                f.flush()
                os.fsync(f.fileno())
        # the streamed file stays as it was: a kill before commit can still resume from it
