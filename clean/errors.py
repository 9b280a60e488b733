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
SOURCE_MISSING = "{src}: no such file or folder"
RULES_DIR_MISSING = "{path}: no such rules folder"
RUN_MISSING = "{out}: no documents.jsonl here; --output takes the folder of a finished run"
EXPLAIN_NOT_INPUT = "{path}: not an input type ({kind}); explain takes text, HTML or JSONL"
EXPLAIN_NO_RECORD = "{path}: no record {what}"


class ConfigError(Exception):
    """The run cannot start (bad rules, options or output folder); every problem is listed."""

    exit_code = EXIT_CONFIG

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


class Rejection(Exception):
    """One input cannot become a document; ``reason`` is a short stable code for the report."""

    def __init__(self, reason: str, detail: str):
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}: {detail}")
