"""Extract the article from an HTML page with trafilatura, keeping its metadata.

The only module that uses trafilatura.
"""

from __future__ import annotations

from dataclasses import dataclass

from clean.errors import Rejection


@dataclass(frozen=True, slots=True)
class Extracted:
    """The article text of a page (one block per line) and the metadata trafilatura found."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None


def extract(html: str, url: str | None = None) -> Extracted:
    """The main text and metadata of an HTML page, or :class:`Rejection` if it has none.

    Comments are left out, tables kept; trafilatura's own cross-document deduplication is off
    (it keeps global state, and duplicates are this tool's own stage).
    """
    from trafilatura import bare_extraction

    try:
        result = bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            deduplicate=False,
        )
    except (ValueError, TypeError) as exc:  # malformed markup lxml gives up on
        raise Rejection("bad-html", f"cannot parse the page: {exc}") from None
    text = (getattr(result, "text", None) or "").strip() if result is not None else ""
    if not text:
        raise Rejection("no-text", "the page holds no article text trafilatura can extract")
    return Extracted(
        text=text,
        title=result.title or None,
        author=result.author or None,
        date=result.date or None,
        sitename=result.sitename or None,
        url=result.url or None,
    )
