"""clean: raw news-article dumps in, clean documents with metadata out.

Two library entry points: :func:`run` does what ``clean run`` does (a folder in, an output
folder out, the report returned), and :func:`clean_documents` is the streaming step (records
in, records out, one at a time). Heavy libraries (trafilatura, ftfy, langid) load on first
use, not at import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable, Iterator, Sequence

__all__ = ["__version__", "clean_documents", "run"]


def run(
    sources: Sequence[str | os.PathLike[str]] | str | os.PathLike[str],
    output: str | os.PathLike[str],
    **options: Any,
) -> dict[str, Any]:
    """Clean ``sources`` into the folder ``output`` as ``clean run`` does; the report (a dict).

    Options are the keyword names of ``clean run``'s flags (:class:`clean.runner.Options`):
    ``engine="ray"``, ``workers=4``, ``drop_duplicates=True``, ``resume=True`` ...
    """
    from clean.runner import run as run_clean

    return run_clean(sources, output, **options)


def clean_documents(records: Iterable[dict[str, Any]], **options: Any) -> Iterator[dict[str, Any]]:
    """Clean an iterable of ``{"id", "text" | "html", "url"?}`` records, yielding output records."""
    from clean.pipeline import clean_documents as stream

    return stream(records, **options)
