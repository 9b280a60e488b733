"""Write a run's output: per-shard parts while it runs, then the output files, atomically.

A run is cut into shards (consecutive inputs). Whichever process runs a shard's step (clean,
edit, annotate) writes that shard's part files under ``OUT/.parts/<step>/`` and then a
completion marker holding the step's small result; each file is written under a temporary name
and renamed into place, so a step run twice (a retried task, a resumed run) leaves the same
bytes. ``--resume`` skips every shard step that has its marker. At the end :meth:`RunOutput.commit`
joins the parts in shard order into documents.jsonl, duplicates.jsonl, rejected.jsonl and
report.html, writes report.json last and removes ``.parts``: a folder with a report.json holds
one complete run, and nothing that looks complete is ever half written.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import socket
import stat
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from clean.errors import (
    LOCK_LINGERING,
    LOCK_NOT_FILE,
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
from clean.records import Document, Rejected, Row, Skipped

# The per-shard steps of a run, in order (clean.shards), each a folder of parts in OUT/.parts.
CLEAN, EDIT, ANNOTATE = "clean", "edit", "annotate"
STEPS = (CLEAN, EDIT, ANNOTATE)
DOCUMENTS = "documents.jsonl"
REJECTED = "rejected.jsonl"
DUPLICATES = "duplicates.jsonl"
REPORT = "report.json"
REPORT_HTML = "report.html"
ROWS = "rows.jsonl"  # report.html's document rows, one shard at a time
# every file a committed run may hold (Parquet output names its three files .parquet)
OUTPUTS = (
    DOCUMENTS, REJECTED, DUPLICATES, REPORT_HTML, REPORT,
    "documents.parquet", "rejected.parquet", "duplicates.parquet",
)  # fmt: skip
PARTS = ".parts"
COMMITTED = ".parts.committed"  # the parts of a committed run, while they are removed
SETTINGS = "settings.json"
PARTIAL = ".partial"
DONE = "done"
SHARD_SIZE = 256  # inputs per shard: the unit of work handed to a worker, and of --resume
INPUTS = "inputs.jsonl"  # in .parts: the inputs as a run found them, to name what changed
SHOWN_CHANGES = 3
LOCK = ".lock"
# How long a run that finds OUT's lock held by a process that is gone waits for it: the workers
# of a killed run share its lock until they see their parent gone (each second,
# clean.engines.pool).
LOCK_LINGER = 10.0


NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


def create(path: Path, binary: bool = False) -> IO[Any]:
    """A new file at ``path`` (text, or bytes), a temporary name of ours: whatever stands there
    (a file a killed run left, or a link planted to make this run write somewhere else) is
    removed first, and the file is created only if nothing stands there then, never through a
    link."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    fd = os.open(path, NEW_FILE, 0o644)
    if binary:
        return os.fdopen(fd, "wb")
    return os.fdopen(fd, "w", encoding="utf-8", newline="\n")


def open_read(path: Path, binary: bool = False) -> IO[Any]:
    """A file of the run's state or parts, for reading; refused if it is a link (a planted
    one would have the run read, and maybe copy out, a file it was never given)."""
    fd = os.open(path, os.O_RDONLY | NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise IsADirectoryError(errno.EISDIR, "not a regular file", str(path))
        if binary:
            return os.fdopen(fd, "rb")
        return os.fdopen(fd, encoding="utf-8", newline="\n")
    except BaseException:
        os.close(fd)
        raise


def own_folder(path: Path) -> Path:
    """``path`` as a folder of the run's, made if missing; a link or a file there is refused
    (the run's files would be written wherever it points)."""
    with contextlib.suppress(FileExistsError):
        path.mkdir(parents=True)
    if not stat.S_ISDIR(os.lstat(path).st_mode):
        why = f"{path.name} is a link or a file, not a folder; remove it"
        raise NotADirectoryError(errno.ENOTDIR, why, str(path))
    return path


def remove(path: Path) -> None:
    """Remove a file, a link (not what it points to) or a folder and what it holds."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISDIR(mode):
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)


def sync_folder(folder: Path) -> None:
    """fsync a folder, so that the renames into it are on disk (a file's fsync is not enough)."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _atomic(path: Path, binary: bool = False) -> Iterator[IO[Any]]:
    """``path`` written atomically: as the hidden ``.NAME.partial`` beside it, fsynced, then
    renamed into place when the block ends well."""
    partial = path.with_name(f".{path.name}{PARTIAL}")
    with create(partial, binary) as f:
        yield f
        f.flush()
        os.fsync(f.fileno())
    os.replace(partial, path)


def _write_whole(path: Path, text: str) -> None:
    """``text`` into ``path`` atomically (:func:`_atomic`)."""
    with _atomic(path) as f:
        f.write(text)


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
            self.rejected[item.reason] += item.count
        else:
            self.skipped[item.type or "(no suffix)"] += 1

    def merge(self, other: Tally) -> None:
        """Add the counts of another shard of the same run."""
        self.documents += other.documents
        self.lines_removed += other.lines_removed
        self.dropped += other.dropped
        for name in COUNTERS:
            getattr(self, name).update(getattr(other, name))

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
        try:
            # never through a link (a planted one would have us write our pid into its target)
            flags = os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | NOFOLLOW | os.O_NONBLOCK
            fd = os.open(self.path, flags, 0o644)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise ConfigError(LOCK_NOT_FILE.format(out=out)) from None
            raise
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise ConfigError(LOCK_NOT_FILE.format(out=out))
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


@dataclass(frozen=True)
class Parts:
    """A run's per-shard files under ``OUT/.parts``; small and picklable, so the process that
    runs a shard's step (a worker, a Ray task) writes that shard's files itself."""

    root: Path
    out: Path  # OUT as the user named it, for messages

    def path(self, step: str, shard: int, name: str) -> Path:
        return self.root / step / f"{shard:06d}.{name}"

    @contextlib.contextmanager
    def writing(self, step: str, shard: int, *names: str) -> Iterator[dict[str, IO[str]]]:
        """Files to write one shard's parts to, renamed into place only if the block ends well."""
        temps = {n: self.path(step, shard, f"{n}.{os.getpid()}{PARTIAL}") for n in names}
        files: dict[str, IO[str]] = {}
        try:
            own_folder(self.root)
            own_folder(temps[names[0]].parent)
            for name, temp in temps.items():
                files[name] = create(temp)
            yield files
            for name, f in files.items():
                f.flush()
                os.fsync(f.fileno())
                f.close()
                os.replace(temps[name], self.path(step, shard, name))
            sync_folder(self.path(step, shard, DONE).parent)  # on disk before the marker
        except OSError as exc:
            raise self.unwritable(exc) from None
        finally:
            for name, f in files.items():
                f.close()
                temps[name].unlink(missing_ok=True)

    def lines(self, step: str, shard: int, name: str) -> Iterator[str]:
        """The lines of one part file, as written."""
        try:
            with open_read(self.path(step, shard, name)) as f:
                yield from f
        except OSError as exc:
            raise self.unwritable(exc) from None

    def finish(self, step: str, shard: int, result: Any) -> None:
        """Mark a shard's step complete, with its result (read back by ``--resume``) as JSON
        (:mod:`clean.state`)."""
        from clean.state import encode

        done = self.path(step, shard, DONE)
        temp = done.with_name(f"{done.name}.{os.getpid()}{PARTIAL}")
        try:
            with create(temp) as f:
                f.write(encode(step, shard, result))
                f.flush()
                os.fsync(f.fileno())
            os.replace(temp, done)
        except OSError as exc:
            temp.unlink(missing_ok=True)
            raise self.unwritable(exc) from None

    def result(self, step: str, shard: int, num_perm: int | None = None) -> Any | None:
        """A completed step's result, checked (:func:`clean.state.decode`); None if the step
        has not completed. ``num_perm``: the length of the duplicate sketches' signatures."""
        from clean.state import Unusable, decode

        path = self.path(step, shard, DONE)
        try:
            with open_read(path, binary=True) as f:
                return decode(step, shard, f.read(), num_perm)
        except FileNotFoundError:
            return None
        except (OSError, Unusable) as exc:
            raise self.broken(path, exc) from None

    def broken(self, path: Path, exc: Exception) -> ConfigError:
        """The error for a file of the run's state that is not what a run writes."""
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        where = path.relative_to(self.root.parent).as_posix()
        return ConfigError(RESUME_BROKEN.format(out=self.out, why=f"{where}: {why}"))

    def document(self, step: str, shard: int, line: str) -> Document:
        """One line of a shard's documents part, checked (:func:`clean.state.document_line`)."""
        from clean.state import Unusable, document_line

        try:
            return document_line(line)
        except Unusable as exc:
            raise self.broken(self.path(step, shard, DOCUMENTS), exc) from None

    def row(self, shard: int, line: str) -> Row:
        """One line of a shard's report rows, checked (:func:`clean.state.row_line`)."""
        from clean.state import Unusable, row_line

        try:
            return row_line(line)
        except Unusable as exc:
            raise self.broken(self.path(EDIT, shard, ROWS), exc) from None

    def drop(self, step: str, shard: int, *names: str) -> None:
        """Remove part files no later step reads."""
        for name in names:
            self.path(step, shard, name).unlink(missing_ok=True)

    def completed(self) -> int:
        """How many shard steps have completed."""
        return sum(1 for _ in self.root.glob(f"*/*.{DONE}"))

    def unwritable(self, exc: OSError) -> ConfigError:
        why = str(exc.strerror or exc) + RESUMABLE
        return ConfigError(OUTPUT_UNWRITABLE.format(out=self.out, why=why))


def _remove_committed(folder: Path) -> None:
    """Remove a committed run's parts, its settings last: while they are there, ``--resume``
    can tell whether the run it finishes is its own."""
    if not stat.S_ISDIR(os.lstat(folder).st_mode):
        remove(folder)
        return
    for path in folder.iterdir():
        if path.name != SETTINGS:
            remove(path)
    remove(folder / SETTINGS)
    folder.rmdir()


class RunOutput:
    """The output folder of one run; use as a context manager and call :meth:`commit` at the end.

    ``settings`` (JSON values: inputs, rules, options) must be the same for ``resume`` to go on
    with the shards an interrupted run completed (:attr:`parts` holds them). Without an
    interrupted run in OUT, ``resume`` starts afresh.
    """

    def __init__(
        self,
        out: Path,
        force: bool = False,
        resume: bool = False,
        settings: dict[str, Any] | None = None,
        inputs: Iterable[Sequence[Any]] | None = None,
        output_format: str = "jsonl",
    ):
        self.out = out
        self.output_format = output_format
        self._inputs = inputs  # the inputs as this run finds them (read.Survey)
        self.settings = json.loads(json.dumps(settings or {}))
        # absolute: the process that runs a shard (a Ray worker) may have another working folder
        self.parts = Parts(Path(os.path.abspath(out / PARTS)), out)
        self._committed = False
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
        """Check OUT against this run (its lock held); a fresh run's .parts laid out."""
        self.finished: dict[str, Any] | None = None
        if resume and os.path.lexists(self.out / COMMITTED):
            self.finished = self._finish_committed()
            if self.finished is not None:
                return
        self.resumed = resume and self._check_settings()
        fresh = not self.resumed and existed and not force
        if fresh and any(os.path.lexists(self.out / name) for name in OUTPUTS):
            raise ConfigError(OUTPUT_EXISTS.format(out=self.out))
        if self.resumed:
            return
        try:
            # parts of an earlier interrupted run must not be taken for this one's
            remove(self.parts.root)
            remove(self.out / COMMITTED)
            self.parts.root.mkdir()
            if self._inputs is not None:
                with _atomic(self.parts.root / INPUTS) as f:  # a line at a time
                    for item in self._inputs:
                        f.write(json.dumps(list(item)) + "\n")
            # last: a .parts with its settings is a run that --resume can go on with
            _write_whole(self.parts.root / SETTINGS, json.dumps(self.settings) + "\n")
        except OSError as exc:
            why = exc.strerror or exc
            raise ConfigError(OUTPUT_UNWRITABLE.format(out=self.out, why=why)) from None

    def _finish_committed(self) -> dict[str, Any] | None:
        """The report of a run killed while it removed its parts (report.json written, the
        parts renamed to .parts.committed), its clean-up finished; None if there is none."""
        path = self.out / REPORT
        if not os.path.lexists(path):
            remove(self.out / COMMITTED)  # not a committed run's: junk
            return None
        settings = self.out / COMMITTED / SETTINGS
        if os.path.lexists(settings):  # removed last: a run with other settings is refused
            self._compare(self._mapping_in(settings))
        report = self._mapping_in(path)
        try:
            _remove_committed(self.out / COMMITTED)
        except OSError as exc:
            raise self.parts.unwritable(exc) from None
        return report

    def _mapping_in(self, path: Path) -> dict[str, Any]:
        """A JSON mapping of the run's (settings, report.json), read without following a link;
        anything else is the run's state broken, said in one line."""
        try:
            with open_read(path) as f:
                value = json.loads(f.read())
            if not isinstance(value, dict):
                raise ValueError(f"{path.name} is not a mapping")
        except (OSError, ValueError, RecursionError) as exc:
            raise self.parts.broken(path, exc) from None
        return value

    def _check_settings(self) -> bool:
        """True if OUT holds an interrupted run with these settings; refuses other settings."""
        path = self.parts.root / SETTINGS
        if not os.path.lexists(path):
            return False
        self._compare(self._mapping_in(path))
        return True

    def _compare(self, theirs: dict[str, Any]) -> None:
        """Refuse to go on with a run whose settings differ from this one's, naming what."""
        if theirs != self.settings:
            keys = sorted(
                k for k in set(theirs) | set(self.settings) if theirs.get(k) != self.settings.get(k)
            )
            changes = self._changed_inputs() if "inputs" in keys else []
            if changes:
                more = len(changes) - SHOWN_CHANGES
                shown = changes[:SHOWN_CHANGES] + ([f"and {more} more"] if more > 0 else [])
                keys[keys.index("inputs")] = f"inputs ({'; '.join(shown)})"
            raise ConfigError(RESUME_MISMATCH.format(out=self.out, what=", ".join(keys)))

    def _changed_inputs(self) -> list[str]:
        """What differs between the inputs now and as the interrupted run found them."""
        if self._inputs is None:
            return []
        try:
            with open_read(self.parts.root / INPUTS) as f:
                before = {str(line[0]): tuple(line[1:]) for line in map(json.loads, f)}
        except (OSError, ValueError, TypeError, IndexError, KeyError, RecursionError):
            return []  # the settings differ anyway: only the details are lost
        changes = []
        for name, *now in self._inputs:
            was = before.pop(name, None)
            if was is None:
                changes.append(f"{name} is new")
            elif tuple(now) != was:
                changes.append(_change(name, was, now))
        return changes + [f"{name} is gone" for name in before]

    def __enter__(self) -> RunOutput:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        try:
            self._clean_up(exc_type is not None)
        finally:
            self._lock.release()

    def _clean_up(self, failed: bool) -> None:
        for name in OUTPUTS:
            (self.out / f".{name}{PARTIAL}").unlink(missing_ok=True)
        if self._committed:
            return
        if failed and self.parts.root.is_dir() and self.parts.completed():
            return  # interrupted after a shard completed: keep what --resume needs
        remove(self.parts.root)

    def write_text(self, name: str, text: str) -> None:
        """Write a side file of the run (``learned-rules/site.yaml``) under OUT, atomically."""
        path = self.out / name
        try:
            own_folder(path.parent)
            _write_whole(path, text)
            sync_folder(path.parent)  # and OUT, holding the new folder, at the commit
        except OSError as exc:
            raise self.parts.unwritable(exc) from None

    def commit(
        self,
        shards: int,
        report: dict[str, Any],
        duplicates: dict[str, dict[str, Any]],
        done: Callable[[int], None] | None = None,
    ) -> None:
        """Join the shards' parts into the output files, report.json last, then drop the parts;
        ``done(1)`` after each of the ``4 * shards`` parts read (three files and the report's
        rows).

        The parts stay until report.json is written, so a kill at any point of the commit can
        still be resumed.
        """
        from clean.report_html import page

        done = done or (lambda count: None)
        try:
            (self.out / REPORT).unlink(missing_ok=True)
            self._join(DOCUMENTS, ANNOTATE, shards, done)
            self._join(DUPLICATES, ANNOTATE, shards, done)
            self._join(REJECTED, CLEAN, shards, done)
            rows = (row for k in range(shards) for row in self._rows(k, done))
            title = self.out.resolve().name
            with _atomic(self.out / REPORT_HTML) as f:
                for chunk in page(report, title, rows, duplicates):
                    f.write(chunk)
            _write_whole(self.out / REPORT, json.dumps(report, ensure_ascii=False, indent=2) + "\n")
            sync_folder(self.out)  # the renames above, report.json's last
            self._committed = True
            remove(self.out / COMMITTED)
            os.replace(self.parts.root, self.out / COMMITTED)  # never taken for a run to resume
            _remove_committed(self.out / COMMITTED)
        except OSError as exc:
            raise self.parts.unwritable(exc) from None

    def _rows(self, shard: int, done: Callable[[int], None]) -> Iterator[Row]:
        """The report's rows of one shard, then ``done(1)``."""
        for line in self.parts.lines(EDIT, shard, ROWS):
            yield self.parts.row(shard, line)
        done(1)

    def _join(self, name: str, step: str, shards: int, done: Callable[[int], None]) -> None:
        """One output file from its parts, in shard order, by the run's output format;
        ``done(1)`` after each part."""
        from clean.writers import file_name, writer_class

        kind = name.removesuffix(".jsonl")
        with _atomic(self.out / file_name(kind, self.output_format), binary=True) as f:
            writer = writer_class(self.output_format)(f, kind)
            for k in range(shards):
                with open_read(self.parts.path(step, k, name), binary=True) as part:
                    writer.copy(part)
                done(1)
            writer.close()

