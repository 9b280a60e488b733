"""Errors by consequence: configuration errors stop the run, input errors reject one document.

Message texts are constants so that tests compare them word for word.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_REJECTIONS = 1  # --strict and at least one input was rejected
EXIT_CONFIG = 2  # rules, options or output folder unusable: nothing was written

OUTPUT_EXISTS = "{out}: holds the output of an earlier run; pass --force to overwrite it"
OUTPUT_NOT_DIR = "{out}: exists and is not a folder"
OUTPUT_UNWRITABLE = "{out}: cannot write output: {why}"
RESUMABLE = "; free space or fix the folder, then rerun with --resume to go on"
RESUME_BROKEN = (
    "{out}: cannot resume: the interrupted run's state is unusable ({why}); rerun without --resume"
)
RESUME_MISMATCH = (
    "{out}: cannot resume: the interrupted run had other {what}; rerun it as it was,"
    " or without --resume (and --force) to start afresh"
)
LOCKED = (
    "{out} is being written by another clean run (pid {pid}); wait for it or choose another folder"
)
LOCK_STALE = (
    "{out}: a clean run that stopped without finishing (pid {pid}) left its lock here; it is"
    " stale: --resume takes it and goes on from the shard steps that run completed, --force"
    " takes it and starts afresh"
)
LOCK_LINGERING = (
    "{out}: the clean run that was writing it (pid {pid}) is gone, but processes it started"
    " still hold its lock; wait for them to exit"
)
LOCK_NOT_FILE = (
    "{out}: .lock there is a link or not a file, not a clean run's lock; remove it if no run"
    " is writing the folder"
)
OUTPUT_IS_SOURCE = "{out}: is also a source folder; choose an output folder of its own"
SOURCE_MISSING = "{src}: no such file or folder"
STDIN_TWICE = "-: standard input can be read once; name it as one SRC"
RESUME_STDIN = (
    "-: --resume cannot go on with standard input (its bytes are gone); save it to a file"
)
RULES_DIR_MISSING = "{path}: no such rules folder"
TOO_LARGE = "is {mb:.1f} MB, over the limit of {limit:g} MB per document (--max-doc-mb)"
LINE_TOO_LARGE = "line is over the limit of {limit:g} MB per document (--max-doc-mb)"
EXPANDED_TOO_LARGE = (
    "expands past {mb:.0f} MB ({ratio:g} times its size: a decompression bomb?);"
    " what follows {unit} {n} not read (--max-gzip-ratio)"
)
COMPRESSED_PARQUET = (
    "is a compressed Parquet file ({codec}); Parquet compresses its own columns and is read"
    " with random access: decompress it first"
)
REJECTIONS_SUMMARISED = (
    "{count} more rejections of this input for this reason, from {first} on ({detail});"
    " an input's first {shown} rejections are written one by one"
)
NESTED_TOO_DEEP = "nested deeper than {limit} levels (arrays and objects inside each other)"
NOT_FINITE = "{what} holds {value}, which JSON does not allow (numbers must be finite)"
NUMBER_TOO_LONG = "a number has more than {digits} digits"
READER_FAILED = "reading stopped{where}: {why}"
NOT_A_FILE = "is no longer a regular file (replaced since the folder was walked?)"
BINARY = "holds binary data (NUL or control bytes), not text"
BINARY_FORMAT = "is a {name} file, not text"
LINK_OUTSIDE = "links to {target}, outside the source folder; --follow-links reads it"
RULE_TIMEOUT = (
    "{where}: the rule patterns took over {seconds:.3g} s on this document, this one searching"
    " when the time ran out (catastrophic backtracking?); simplify the pattern or raise"
    " --regex-timeout"
)
RUN_MISSING = (
    "{out}: no documents.jsonl or documents.parquet here; --output takes the folder of a"
    " finished run"
)
EXPLAIN_NOT_INPUT = (
    "{path}: not an input type ({kind}); explain takes text, HTML, JSONL, Parquet or WARC"
)
EXPLAIN_NO_RECORD = "{path}: no record {what}"
RAY_NOT_INSTALLED = "--engine ray needs Ray ({why}); install it with: pip install 'clean-news[ray]'"


class ConfigError(Exception):
    """The run cannot start (bad rules, options or output folder); every problem is listed."""

    exit_code = EXIT_CONFIG

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


WORKER_LOST = (
    "a worker process died {deaths} times running {what} (killed by the system: out of"
    " memory?); the shard steps done so far are kept: rerun with --resume, with fewer --workers"
    " or more memory"
)


class WorkerLost(ConfigError):
    """A job whose worker died each time it ran (the run stops; ``--resume`` goes on)."""

    def __init__(self, job: object, deaths: int, what: str = "one task"):
        self.job, self.deaths, self.what = job, deaths, what
        super().__init__(WORKER_LOST.format(deaths=deaths, what=what))

    def __reduce__(self) -> tuple[object, ...]:
        return (WorkerLost, (self.job, self.deaths, self.what))


class Rejection(Exception):
    """One input cannot become a document; ``reason`` is a short stable code for the report."""

    def __init__(self, reason: str, detail: str):
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}: {detail}")
