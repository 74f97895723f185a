"""Article text and date hints from an HTML page.

The reader wants three things from a page: the article body as plain text with paragraph
breaks (so sentences never run across blocks), a title and canonical URL, and every
machine-readable date hint the page carries.  Dates are *not* parsed here: the dating
stage weighs them against the text.  ``html_meta`` maps a hint name to its raw value:

* ``<meta>`` / ``itemprop`` date properties under their canonical name, e.g.
  ``"article:published_time"``, ``"datePublished"``, ``"DC.date.issued"``;
* JSON-LD values as ``"jsonld:datePublished"`` and ``"jsonld:dateCreated"``;
* the page's ``<time datetime>`` as ``"time"``: one marked ``pubdate`` or with a class
  that says published (``entry-date published``: 64 of 71 right on the tuned half of
  htmldate-eval), else the first inside the article (a ``<time>`` in a sidebar or a
  list of related stories dates another story), else the first of the page; one marked
  as an update (``class="updated"``: 40 of 75) only when there is no other;
* the text of the first element in the article whose class or id names a date
  (``<span class="date">27.01.2022</span>``, ``<div class="att-publish-date">``) as
  ``"marked"``: the date the page prints for its reader, under a name its template gave
  it; elements inside comments, teasers or related-story lists are left out.

The first value seen for a name wins.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Tag


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


_DATE_META_NAMES = (
    "article:published_time",
    "og:published_time",
    "datePublished",
    "dateCreated",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "DC.date.issued",
    "DC.date",
    "dcterms.created",
    "dcterms.issued",
    "sailthru.date",
    "parsely-pub-date",
)
_DATE_META = {n.casefold(): n for n in _DATE_META_NAMES}
_JSONLD_DATE_KEYS = ("datePublished", "dateCreated")
_MAX_HINT_TEXT = 80

_DROP_TAGS = sorted(
    _names(
        """script style nav header footer aside form noscript template iframe svg button
        select textarea object"""
    )
)
_BLOCK_TAGS = _names(
    """address article blockquote caption center dd details dialog div dl dt fieldset
    figcaption figure h1 h2 h3 h4 h5 h6 hgroup hr li main ol p pre section summary table
    tbody tfoot thead tr ul"""
)
_CELL_TAGS = frozenset({"td", "th"})
# Browsers' HTML parsers stop nesting elements at 512 levels (Blink's kMaxDOMTreeDepth):
# no page a browser shows as written is deeper.  A deeper one is an attack or a generator
# gone wrong; it is refused before anything walks it (trafilatura and htmldate recurse).
MAX_HTML_DEPTH = 512
# Private-use sentinels mark block and line breaks through get_text(); HTML whitespace
# collapsing would otherwise erase real newlines along with source-formatting ones.
_PARA = "\ue000"
_LINE = "\ue001"
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


class PageTooDeep(ValueError):
    """A page nested deeper than ``MAX_HTML_DEPTH`` elements."""


@dataclass(slots=True)
class HtmlArticle:
    """What a page yields before cleaning: raw body text plus metadata."""

    text: str
    title: str | None = None
    url: str | None = None
    html_meta: dict[str, str] = field(default_factory=dict)
    # True when the text came from an <article> or <main> element: the page marks its
    # content itself, so no boilerplate guessing is needed
    has_container: bool = False


def extract_html(markup: str) -> HtmlArticle:
    """Parse ``markup`` and return body text (blocks separated by blank lines) and metadata.

    Raises ``PageTooDeep`` for a page nested deeper than ``MAX_HTML_DEPTH`` elements.
    """
    markup = markup.replace(_PARA, "").replace(_LINE, "")
    soup = BeautifulSoup(markup, "html.parser")
    depth = _depth(soup, MAX_HTML_DEPTH)
    if depth > MAX_HTML_DEPTH:
        raise PageTooDeep(
            f"HTML nested more than {MAX_HTML_DEPTH} elements deep (browsers stop at "
            f"{MAX_HTML_DEPTH}): not an article page"
        )
    article = HtmlArticle(text="", html_meta=_date_hints(soup, _content_root(soup)))
    jsonld = list(_jsonld_objects(soup))
    for key in _JSONLD_DATE_KEYS:
        value = _first_jsonld_value(jsonld, key)
        if value:
            article.html_meta.setdefault(f"jsonld:{key}", value)
    article.title = _title(soup, jsonld)
    article.url = _canonical_url(soup)
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    root = _content_root(soup)
    article.has_container = root.name in ("article", "main")
    article.text = _body_text(root)
    return article


def _depth(root: Tag, limit: int) -> int:
    """How deep elements nest under ``root``, counted up to ``limit + 1`` (no recursion)."""
    deepest = 0
    stack = [iter(root.contents)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
        elif isinstance(node, Tag):
            stack.append(iter(node.contents))
            deepest = max(deepest, len(stack) - 1)
            if deepest > limit:
                break
    return deepest


def _attr(tag: Tag, name: str) -> str | None:
    value = tag.get(name)
    if isinstance(value, list):
        value = " ".join(value)
    value = (value or "").strip()
    return value or None


# class or id words that name the element holding the page's date, and those that mark
# a part of the page about other texts (their dates are not the page's)
_DATE_CLASS = re.compile(r"(?i)date|datum|publish|posted|byline|dateline|timedata|timestamp")
_OTHER_TEXTS_CLASS = re.compile(
    r"(?i)related|teaser|popular|recent|comment|sidebar|widget|current|similar|more|next|prev"
    r"|updat|modif"
)
_PUBLISHED = re.compile(r"(?i)publish|entry-date|pubdate|post-date|date-posted")
_UPDATED = re.compile(r"(?i)updat|modif")
_MARKED_SKIP_TAGS = frozenset({"script", "style", "meta", "link", "html", "body", "head"})


def _date_hints(soup: BeautifulSoup, root: Tag) -> dict[str, str]:
    hints: dict[str, str] = {}
    times: list[Tag] = []
    for tag in soup.find_all(True):
        for key_attr in ("property", "name", "itemprop", "http-equiv"):
            key = _attr(tag, key_attr)
            canonical = _DATE_META.get(key.casefold()) if key else None
            if canonical:
                value = _attr(tag, "content") or _attr(tag, "datetime")
                if not value and key_attr == "itemprop" and tag.name != "meta":
                    # <span itemprop="datePublished">2 Sept 2025</span>: the text is the value
                    text = tag.get_text(" ", strip=True)
                    value = text if len(text) <= _MAX_HINT_TEXT else None
                if value:
                    hints.setdefault(canonical, value)
        if tag.name == "time" and _attr(tag, "datetime"):
            times.append(tag)
    if times:
        hints["time"] = _attr(_publication_time(times, root), "datetime") or ""
    marked = _marked_date(root)
    if marked:
        hints["marked"] = marked
    return hints


def _publication_time(times: list[Tag], root: Tag) -> Tag:
    """The ``<time>`` that says when the page was published: one marked ``pubdate`` or
    whose class or itemprop says published ("entry-date published"), else the first in
    the article, else the first of the page, in each case not one marked as an update
    (``class="updated"``, ``itemprop="dateModified"``) while another is left."""
    words = [f"{_class_words(t)} {_attr(t, 'itemprop') or ''}" for t in times]
    published = [
        t
        for t, w in zip(times, words, strict=True)
        if t.has_attr("pubdate") or _PUBLISHED.search(w)
    ]
    if published:
        return published[0]
    current = [t for t, w in zip(times, words, strict=True) if not _UPDATED.search(w)] or times
    inside = [t for t in current if root in t.parents]
    return (inside or current)[0]


def _class_words(tag: Tag) -> str:
    return f"{_attr(tag, 'class') or ''} {_attr(tag, 'id') or ''}"


def _marked_date(root: Tag) -> str | None:
    """The short text of the first element under ``root`` whose class or id names a date
    and that holds a digit, outside parts of the page about other texts."""
    for tag in root.find_all(True):
        if tag.name in _MARKED_SKIP_TAGS or not _DATE_CLASS.search(_class_words(tag)):
            continue
        text = _HTML_SPACE.sub(" ", tag.get_text(" ", strip=True))
        if not text or len(text) > _MAX_HINT_TEXT or not any(c.isdigit() for c in text):
            continue
        if not _about_other_texts(tag, root):
            return text
    return None


def _about_other_texts(tag: Tag, root: Tag) -> bool:
    """Whether ``tag`` or an element between it and ``root`` marks another text's part
    of the page (a comment, a teaser, a list of related stories) or an update."""
    node: Tag | None = tag
    while node is not None and node is not root:
        if _OTHER_TEXTS_CLASS.search(_class_words(node)):
            return True
        node = node.parent
    return False


def _jsonld_objects(soup: BeautifulSoup) -> list[dict[str, object]]:
    """Every JSON object in the page's JSON-LD blocks (lists and @graph flattened)."""
    found: list[dict[str, object]] = []
    for script in soup.find_all("script"):
        if "ld+json" not in (_attr(script, "type") or "").casefold():
            continue
        try:
            data = json.loads(script.get_text(), strict=False)
        except ValueError:
            continue  # broken JSON-LD is common and must not sink the article
        stack: list[object] = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                found.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(reversed(graph))
    return found


def _first_jsonld_value(objects: list[dict[str, object]], key: str) -> str | None:
    for obj in objects:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _meta_content(soup: BeautifulSoup, prop: str) -> str | None:
    tag = soup.find("meta", attrs={"property": prop})
    return _attr(tag, "content") if isinstance(tag, Tag) else None


def _title(soup: BeautifulSoup, jsonld: list[dict[str, object]]) -> str | None:
    """og:title first (it rarely carries the " | Site" suffix), then <title>, headline, <h1>."""
    title = _meta_content(soup, "og:title")
    if not title and soup.title is not None:
        title = soup.title.get_text(" ", strip=True) or None
    title = title or _first_jsonld_value(jsonld, "headline")
    if not title:
        h1 = soup.find("h1")
        title = h1.get_text(" ", strip=True) if isinstance(h1, Tag) else None
    return _HTML_SPACE.sub(" ", title).strip() if title else None


def _canonical_url(soup: BeautifulSoup) -> str | None:
    for link in soup.find_all("link"):
        rels = (_attr(link, "rel") or "").casefold().split()
        if "canonical" in rels and _attr(link, "href"):
            return _attr(link, "href")
    return _meta_content(soup, "og:url")


def _content_root(soup: BeautifulSoup) -> Tag:
    """The largest <article>, else <main>, else <body>, else the whole document."""
    articles = soup.find_all("article")
    if articles:
        return max(articles, key=lambda t: len(t.get_text()))
    for name in ("main", "body"):
        tag = soup.find(name)
        if isinstance(tag, Tag):
            return tag
    return soup


def _body_text(root: Tag) -> str:
    """The text under ``root``, blocks separated by blank lines and ``<br>`` by newlines.

    One walk over the tree, in document order, with a stack of the open elements: what
    ``get_text`` would give after marking every block with paragraph sentinels, without
    inserting them (each insertion looks for the end of the element's last descendant,
    which made deep pages quadratic).
    """
    types = root.interesting_string_types or Tag.MAIN_CONTENT_STRING_TYPES
    pieces: list[str] = []
    closing: list[str] = []  # what to emit when each open element ends
    stack = [iter(root.contents)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            if closing:
                pieces.append(closing.pop())
            continue
        if isinstance(node, Tag):
            if node.name == "br":
                pieces.append(_LINE)
                continue
            if node.name in _BLOCK_TAGS:
                pieces.append(_PARA)
                closing.append(_PARA)
            else:
                closing.append(" " if node.name in _CELL_TAGS else "")
            stack.append(iter(node.contents))
        elif type(node) in types:
            pieces.append(str(node))
    flat = _HTML_SPACE.sub(" ", "".join(pieces))
    paragraphs = []
    for block in flat.split(_PARA):
        lines = [line.strip() for line in block.split(_LINE)]
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)
