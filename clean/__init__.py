"""clean: raw news-article dumps in, clean documents with metadata out.

The library entry point is :func:`clean_documents`; the command line is ``clean run``.
Heavy libraries (trafilatura, ftfy, langid) load on first use, not at import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = ["__version__", "clean_documents"]


def clean_documents(records: Iterable[dict[str, Any]], **options: Any) -> Iterator[dict[str, Any]]:
    """Clean an iterable of ``{"id", "text" | "html", "url"?}`` records, yielding output records."""
    from clean.pipeline import clean_documents as run

    return run(records, **options)
