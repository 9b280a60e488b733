"""Headless Chromium for the report tests: the DOM after the page's script ran, and screenshots.

``python -m tests.browser OUT/report.html docs/report.png`` writes the screenshot that
docs/explain-and-report.md shows.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# The network is closed here: no first-run, sync, update or QUIC traffic from the browser.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
TIMEOUT = 120


def chromium() -> str | None:
    """The Chromium executable, or None."""
    return next(
        (
            p
            for p in (
                "/usr/bin/chromium",
                shutil.which("chromium"),
                shutil.which("chromium-browser"),
            )
            if p and Path(p).exists()
        ),
        None,
    )


def _run(url: str, *extra: str) -> str:
    exe = chromium()
    if exe is None:
        raise RuntimeError("chromium not found")
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [exe, *FLAGS, f"--user-data-dir={profile}", *extra, url],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=True,
        )
    return done.stdout


def dump_dom(page: Path, fragment: str = "") -> str:
    """The page's DOM as HTML once loaded (its script has drawn the lists)."""
    return _run(page.resolve().as_uri() + fragment, "--dump-dom", "--virtual-time-budget=5000")


def screenshot(page: Path, png: Path, fragment: str = "", size: str = "1280,1900") -> None:
    png.parent.mkdir(parents=True, exist_ok=True)
    _run(
        page.resolve().as_uri() + fragment, f"--screenshot={png.resolve()}", f"--window-size={size}"
    )


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m tests.browser OUT/report.html PNG")
    screenshot(Path(sys.argv[1]), Path(sys.argv[2]), "#doc=003_e9dbd6ffd908c287.txt")
