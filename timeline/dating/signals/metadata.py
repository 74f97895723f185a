"""Publication dates the publisher wrote down: JSON fields and HTML meta (the page's own
meta tags, JSON-LD, ``<time>``, and htmldate's reading of them), then the URL and file
name (``timeline.dating.signals.url``).

Examples:

* ``{"published": "Tue, 2 Sep 2025 10:00 GMT"}`` -> json:published, 2025-09-02
* ``<meta property="article:published_time" content="2025-09-02">`` -> html:...
* ``{"published": "not a date"}`` -> no date, and the field is reported as unreadable

Date strings are parsed with dateparser, which is strong at exactly this (any format,
many languages); finding dates in running text is the tagger's job, not dateparser's.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from timeline.dating.constraint import exact_date
from timeline.dating.signals.url import from_address
from timeline.model import Document, Evidence, Provenance, PublicationDate

JSON_FIELDS = (
    "htmldate",
    "published",
    "date",
    "datePublished",
    "pubDate",
    "published_at",
    "publication_date",
    "dct",
    "created",
)
HTML_FIELDS = (
    "article:published_time",
    "datePublished",
    "og:published_time",
    "pubdate",
    "publishdate",
    "DC.date.issued",
    "dc.date",
    "date",
    "dateCreated",
    "time",
)


def parse_date_string(raw: object) -> date | None:
    """A calendar date from a metadata value ("2025-09-02", "Tue, 2 Sep 2025 10:00 GMT"...)."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if not isinstance(raw, str) or not raw.strip() or len(raw) > 100:
        return None
    text = raw.strip()
    iso = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if iso:
        try:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            return None
    import dateparser  # imported lazily: it is slow to import and rarely needed

    parsed = dateparser.parse(
        text,
        settings={
            "PREFER_DAY_OF_MONTH": "first",
            "REQUIRE_PARTS": ["day", "month", "year"],
            "RELATIVE_BASE": datetime(2000, 1, 1),
        },
    )
    return parsed.date() if parsed else None


def from_metadata(document: Document) -> PublicationDate | None:
    """The publisher's own date for ``document``, if it carries one."""
    return read_metadata(document)[0]


def read_metadata(document: Document) -> tuple[PublicationDate | None, list[Evidence]]:
    """The publisher's date, and the date fields that could not be read (as evidence)."""
    meta = document.metadata
    problems: list[Evidence] = []
    for key in JSON_FIELDS:
        if key in meta:
            day = parse_date_string(meta[key])
            if day is not None:
                source = "html:htmldate" if key == "htmldate" else f"json:{key}"
                return exact_date(day, source, str(meta[key]), Provenance.METADATA, 0.99), problems
            problems.append(Evidence(f"json:{key}", str(meta[key])[:80], "not a date: ignored"))
    html = meta.get("html_meta")
    if isinstance(html, dict):
        for key in HTML_FIELDS:
            if key in html:
                day = parse_date_string(html[key])
                if day is not None:
                    source = f"html:{key}"
                    return exact_date(
                        day, source, str(html[key]), Provenance.METADATA, 0.97
                    ), problems
    return from_address(document), problems
