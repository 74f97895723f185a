"""Article text and publication date from a web page, with the libraries made for it.

trafilatura and htmldate lead the published benchmarks for main-text extraction and
publication-date extraction from HTML.  trafilatura decides which blocks of a page that
does not mark its article are boilerplate; the text itself stays ours (``htmltext``),
which keeps inline elements such as ``<time>`` that carry dates.  htmldate runs once without its
extensive text search (the date the publisher declares: meta tags, JSON-LD, ``<time>``,
the URL) and once with it (its best guess from the whole page), and the dating stage
weighs both with the page's other clues.
"""

from __future__ import annotations

import logging
import re

_QUIET = ("trafilatura", "htmldate", "courlan")
_WORD_RE = re.compile(r"\w+")
_KEEP_SHARE = 0.6


def _quiet() -> None:
    for name in _QUIET:
        logging.getLogger(name).setLevel(logging.ERROR)


def main_text(html: str) -> str | None:
    """The article body as plain text (paragraphs separated by newlines), or None."""
    import trafilatura  # imported lazily: a few hundred ms to import

    _quiet()
    try:
        text = trafilatura.extract(
            html,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            deduplicate=True,
        )
    except Exception:  # a malformed page must not stop ingestion; the fallback reads it
        return None
    return text.strip() if text and text.strip() else None


def publisher_date(html: str, url: str | None = None, *, extensive: bool = False) -> str | None:
    """The publication date the page declares, as ``YYYY-MM-DD``, or None.

    ``extensive``: also search the page's markup and text for dates when it declares none
    (htmldate's extensive search), a guess the dating stage weighs as such.
    """
    import htmldate

    _quiet()
    try:
        found = htmldate.find_date(
            html,
            url=url,
            original_date=True,
            extensive_search=extensive,
            outputformat="%Y-%m-%d",
        )
    except Exception:  # same: the date is optional, the page is not
        return None
    return found or None


def keep_content_blocks(ours: str, extracted: str | None) -> str:
    """Our paragraphs, minus those trafilatura judged boilerplate.

    trafilatura is good at telling content from menus and footers, but it drops inline
    elements we need (``<time>Monday</time>`` vanishes from its text), so it only decides
    which of our paragraphs to keep: those whose words mostly appear in its extraction.
    """
    if not extracted:
        return ours
    vocabulary = set(_WORD_RE.findall(extracted.casefold()))
    kept = []
    for block in ours.split("\n"):
        words = _WORD_RE.findall(block.casefold())
        if not words:
            kept.append(block)
            continue
        if sum(w in vocabulary for w in words) >= _KEEP_SHARE * len(words):
            kept.append(block)
    text = "\n".join(kept).strip()
    return text or ours
