"""Extract the article from an HTML page with trafilatura, keeping its metadata.

The only module that uses trafilatura.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from clean.errors import Rejection

# <meta> names and properties that hold each field, in order of trust.
META_FIELDS = {
    "title": ("og:title", "twitter:title", "dc.title", "parsely-title", "sailthru.title"),
    "date": (
        "article:published_time", "og:published_time", "datepublished", "date", "pubdate",
        "publishdate", "publish-date", "dc.date.issued", "dc.date", "parsely-pub-date",
        "sailthru.date", "dcterms.created", "article:modified_time",
    ),
    "author": ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
               "byl", "twitter:creator"),
}  # fmt: skip
URL_LIKE = re.compile(r"^(?:https?:|www\.|/)|^@")
# Pages title themselves "Headline | Site" or "Headline - Site"; the last such part is the site
# (the last separator after which no separator character follows: :func:`_site_separator`).
TITLE_SEPARATOR = re.compile(r"\s{1,3}[|\-–—»·:]{1,2}\s{1,3}")
SEPARATOR_CHARS = re.compile(r"[|\-–—»·]")
TITLE_MAX = 1000  # characters of a title read for its site name


# Elements whose text a reader never sees, and elements that start a new line (a browser's
# blocks): the page's visible text, one block per line, is what a raw text dump of it holds.
HIDDEN_TAGS = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe",
                         "object", "select", "textarea"})  # fmt: skip
_BLOCK_TAGS = (
    "address article aside blockquote body br caption center dd details dialog div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr html legend li main "
    "menu nav ol p pre section summary table tbody td tfoot th thead tr ul button"
)
BLOCK_TAGS = frozenset(_BLOCK_TAGS.split())
PAGE_LINES_MAX = 5000  # a page's visible lines read for its metadata
META_ORIGIN = "the page's JSON-LD or meta tags"
FLAG_PARSER_LIMIT = "html.parser-limit"  # past libxml2's raised limits: read as text


@dataclass(frozen=True, slots=True)
class Extracted:
    """The article text of a page (one block per line) and the metadata trafilatura found,
    with what a reader of the page sees: its visible lines and its ``<h1>`` headlines."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None
    lines: tuple[str, ...] = ()  # the page's visible text, one block per line
    headlines: tuple[str, ...] = ()  # the text of each <h1>, as the page prints it
    origins: tuple[tuple[str, str], ...] = ()  # where title, author, date came from
    flags: tuple[str, ...] = ()
    # the parser could not read the page (FLAG_PARSER_LIMIT): the text is the whole page's,
    # chrome and all, to be stripped as a raw text dump is
    whole_page: bool = False


def extract(html: str, url: str | None = None) -> Extracted:
    """The main text and metadata of an HTML page, or :class:`Rejection` if it has none.

    Comments are left out, tables kept; trafilatura's own cross-document deduplication is off
    (it keeps global state, and duplicates are this tool's own stage). The page is parsed with
    libxml2's limits raised (:func:`parse`); one past even those (elements nested more than
    2,048 deep) is read as text instead (:func:`page_text`), flagged ``html.parser-limit``.
    """
    from trafilatura import bare_extraction

    tree, limited = parse(html)
    if limited:
        return _whole_page(html)
    try:
        result = bare_extraction(
            tree if tree is not None else html,
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
    # trafilatura works on a copy of the tree it is given (bare_extraction: ``tree =
    # copy(tree)``), so the page is read here from the same tree, not parsed a second time
    root = tree.getroottree().getroot() if tree is not None else _document(html)
    page = page_metadata(root)
    values = {"title": result.title, "author": result.author, "date": result.date}
    origins = []
    for name, value in list(values.items()):
        if value:
            origins.append((name, "trafilatura"))
        elif page.get(name):
            values[name] = page[name]
            origins.append((name, META_ORIGIN))
    title = values["title"] or None
    if title and _site_separator(title):
        title = without_site_name(title, page.get("title"), result.sitename, url or result.url)
    return Extracted(
        text=text,
        title=title,
        author=values["author"] or None,
        date=values["date"] or None,
        sitename=result.sitename or None,
        url=result.url or None,
        lines=tuple(visible_lines(root)) if root is not None else (),
        headlines=tuple(_headlines(root)) if root is not None else (),
        origins=tuple(origins),
    )


def parse(html: str) -> tuple[Any, bool]:
    """The page's tree as trafilatura parses it (``trafilatura.utils.load_html``: the same
    repairs, parser options and fallback to bytes), with libxml2's limits raised
    (``huge_tree``: elements 2,048 deep instead of 256, text nodes up to 1 GB instead of 10 MB);
    and whether the parser still stopped at a limit. The tree is None where trafilatura would
    refuse the page (it is then given the text, and says so itself).

    Under the usual limits a page with 255 unclosed ``<div>``s before its article lost the
    article without a word, 255 nested closed ones gave no text, and a text node over 10 MB
    (with ``--max-doc-mb`` raised) was dropped.
    """
    from lxml import etree
    from lxml.html import HTMLParser, fromstring
    from trafilatura.utils import is_dubious_html, repair_faulty_html

    parser = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                        remove_comments=True, remove_pis=True, huge_tree=True)  # fmt: skip
    beginning = html[:50].lower()
    repaired = repair_faulty_html(html, beginning)
    tree = None
    for markup in (repaired, repaired.encode("utf8", "surrogatepass")):
        try:
            tree = fromstring(markup, parser=parser)
        except (ValueError, etree.LxmlError):  # an encoding declaration in a str: bytes then
            continue
        if len(tree) >= 1:
            break
    limited = any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        tree = None
    return tree, limited


def page_text(html: str) -> str:
    """The text of a page, one block per line, without what is not text (scripts, styles,
    the head): read as a tokenizer reads it, so nesting of any depth costs nothing.

    >>> page_text("<html><head><title>T</title></head><body><div><p>Satu <b>dua</b></p>"
    ...           "<script>x()</script><p>Tiga</div>").split("\\n")
    ['Satu dua', 'Tiga']
    """
    from html.parser import HTMLParser

    lines: list[str] = []
    current: list[str] = []
    skipping = [0]

    def end_line() -> None:
        line = " ".join("".join(current).split())
        if line:
            lines.append(line)
        current.clear()

    class Reader(HTMLParser):
        def handle_starttag(self, tag: str, attrs: Any) -> None:
            if tag in HIDDEN_TAGS:
                skipping[0] += 1
            elif tag in BLOCK_TAGS:
                end_line()

        def handle_endtag(self, tag: str) -> None:
            if tag in HIDDEN_TAGS:
                skipping[0] = max(0, skipping[0] - 1)
            elif tag in BLOCK_TAGS:
                end_line()

        def handle_data(self, data: str) -> None:
            if not skipping[0]:
                current.append(data)

    reader = Reader(convert_charrefs=True)
    reader.feed(html)
    reader.close()
    end_line()
    return "\n".join(lines)


def _whole_page(html: str) -> Extracted:
    """A page the parser cannot read, as its text (flagged); its metadata from its head."""
    text = page_text(html)
    if not text:
        raise Rejection("no-text", "the page holds no text (too deeply nested to parse)")
    found = page_metadata(_document(html))
    return Extracted(
        text=text,
        title=found.get("title"),
        author=found.get("author"),
        date=found.get("date"),
        lines=tuple(text.split("\n")[:PAGE_LINES_MAX]),
        origins=tuple((n, META_ORIGIN) for n in ("title", "author", "date") if found.get(n)),
        flags=(FLAG_PARSER_LIMIT,),
        whole_page=True,
    )


def _document(html: str):  # type: ignore[no-untyped-def]  # an lxml element, or None
    """The page parsed by lxml, or None where lxml gives up."""
    from lxml import etree
    from lxml import html as lxml_html

    try:  # the limits raised as for the article (parse): a deep page's head is still read
        return lxml_html.document_fromstring(html, parser=lxml_html.HTMLParser(huge_tree=True))
    except (etree.ParserError, ValueError):
        return None


def visible_lines(root) -> list[str]:  # type: ignore[no-untyped-def]
    """The text a reader sees on a page, one block element per line, inline elements' text
    joined as a browser joins it (white space folded), at most :data:`PAGE_LINES_MAX` lines.

    >>> from lxml import html
    >>> visible_lines(html.fromstring("<div><h1>Title</h1><p>By <b>Ann</b> Lee</p>"
    ...                               "<script>x()</script><p>Body.</p></div>"))
    ['Title', 'By Ann Lee', 'Body.']
    >>> visible_lines(html.fromstring("<div><p>By <!-- x -->Ann Lee</p></div>"))
    ['By Ann Lee']
    """
    from lxml import etree

    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = " ".join("".join(current).split())
        current.clear()
        if line:
            lines.append(line)

    # comments and processing instructions are not shown, but the text after them is
    walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, el in walker:
        if len(lines) >= PAGE_LINES_MAX:
            break
        tag = el.tag.lower() if isinstance(el.tag, str) else None
        if event in ("comment", "pi"):
            if el.tail:
                current.append(el.tail)
        elif event == "start":
            if tag is None or tag in HIDDEN_TAGS:
                walker.skip_subtree()  # a script's text is not shown
                continue
            if tag in BLOCK_TAGS:
                flush()
            if el.text:
                current.append(el.text)
        else:
            if tag in BLOCK_TAGS:
                flush()
            if el.tail:
                current.append(el.tail)
    flush()
    return lines


def _headlines(root) -> list[str]:  # type: ignore[no-untyped-def]
    """The text of each ``<h1>`` of the page, white space folded, in document order."""
    out = []
    for h1 in root.iter("h1"):
        text = " ".join(h1.text_content().split())
        if text:
            out.append(text)
    return out


def without_site_name(
    title: str | None, headline: str | None, sitename: str | None, url: str | None
) -> str | None:
    """A page title without the site's name after the last separator.

    The name goes when the page's own headline (JSON-LD, og:title) is the part before it, or
    when it is the site's name or made of the words of the URL's host.

    >>> without_site_name("Brief History of Coffee - Charleston Coffee Roasters", None, None,
    ...                   "https://charlestoncoffeeroasters.com/blogs/x")
    'Brief History of Coffee'
    >>> without_site_name("Regular activity can boost mood - Harvard Health", None, None,
    ...                   "https://www.health.harvard.edu/blog/x")
    'Regular activity can boost mood'
    >>> without_site_name("Tajikistan - Afghanistan: a border", None, None, "https://x.com/")
    'Tajikistan - Afghanistan: a border'
    """
    if not title:
        return title
    m = _site_separator(title)
    if not m:
        return title
    head, tail = title[: m.start()].strip(), title[m.end() :].strip()
    if headline and headline.casefold() == head.casefold():
        return head
    squashed = re.sub(r"\W+", "", tail.casefold())
    host = re.sub(r"^www\.", "", (url or "").split("//")[-1].split("/")[0].casefold())
    host_letters = re.sub(r"\W+", "", host.rsplit(".", 1)[0]) if host else ""
    tail_words = re.findall(r"\w+", tail.casefold())
    if squashed and (
        (sitename and squashed == re.sub(r"\W+", "", sitename.casefold()))
        or (host_letters and squashed in host_letters)
        or (host and len(tail_words) <= 4 and all(w in host for w in tail_words))
    ):
        return head
    return title


def _site_separator(title: str) -> re.Match[str] | None:
    """The separator before a title's last part, where no separator character follows it
    ("Headline - Site", not the dash inside "Tajikistan - Afghanistan: a border"); one pass.

    >>> _site_separator("A - B | Site").start(), _site_separator("A | B-C") is None
    (5, True)
    """
    title = title[:TITLE_MAX]
    last = max((m.start() for m in SEPARATOR_CHARS.finditer(title)), default=-1)
    found = None
    for m in TITLE_SEPARATOR.finditer(title):
        if m.end() > last:
            found = m
    return found


def page_metadata(root) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Title, author and date from a page's ``<meta>`` tags, JSON-LD and ``<time>`` (the page
    parsed by :func:`_document`; None gives nothing).

    What trafilatura misses is filled from here; the first value found per field wins: JSON-LD
    of an article first (publishers fill it for search engines), then meta tags.

    >>> page_metadata(_document('<html><head><meta property="article:published_time" '
    ...               'content="2025-03-01T10:00:00Z"><script type="application/ld+json">'
    ...               '{"@type": "NewsArticle", "headline": "H", "author": [{"name": "A B"}]}'
    ...               '</script></head><body></body></html>'))
    {'title': 'H', 'author': 'A B', 'date': '2025-03-01T10:00:00Z'}
    """
    if root is None:
        return {}
    found: dict[str, str] = {}
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in _ld_items(data):
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if not any(isinstance(k, str) and ("Article" in k or k in ("BlogPosting", "Report"))
                       for k in kinds):  # fmt: skip
                continue
            _put(found, "title", item.get("headline") or item.get("name"))
            _put(found, "date", item.get("datePublished") or item.get("dateCreated"))
            _put(found, "author", _ld_names(item.get("author")))
    metas: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = (meta.get("content") or "").strip()
        if key and content:
            metas.setdefault(key, content)
    for name, keys in META_FIELDS.items():
        for key in keys:
            value = metas.get(key)
            if value and not (name == "author" and URL_LIKE.search(value)):
                _put(found, name, value)
                break
    if "date" not in found:
        time = next((t.get("datetime") for t in root.iter("time") if t.get("datetime")), None)
        _put(found, "date", time)
    return found


def _put(found: dict[str, str], name: str, value: Any) -> None:
    if isinstance(value, str) and value.strip() and name not in found:
        found[name] = " ".join(value.split())


def _ld_items(data: Any) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object in a script: top-level lists and ``@graph`` members too."""
    if isinstance(data, list):
        for d in data:
            yield from _ld_items(d)
    elif isinstance(data, dict):
        yield data
        yield from _ld_items(data.get("@graph"))


def _ld_names(author: Any) -> str | None:
    """Author names from JSON-LD: a string, a Person, or a list of them, joined with ``, ``."""
    items = author if isinstance(author, list) else [author]
    names = [a.get("name") if isinstance(a, dict) else a for a in items]
    names = [n.strip() for n in names if isinstance(n, str) and n.strip()]
    return ", ".join(names) or None
