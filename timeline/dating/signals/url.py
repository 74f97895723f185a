"""Dates in a document's address: its URL's path, else its file name.

Publishers put the day in the path ("/2019/10/21/interning-of-small-integers/"), and
archives name files by it ("APW19980807.0261"); both are the publisher's own date.

Examples:

* ``https://example.org/2019/10/21/a-story/`` -> url, 2019-10-21
* ``NYT20000105.0325.tml`` -> file-name, 2000-01-05
* ``/2019/13/40/`` -> nothing (no such day)
"""

from __future__ import annotations

import re
from datetime import date

from timeline.dating.constraint import exact_date
from timeline.model import Document, Provenance, PublicationDate

_URL_DATE_RE = re.compile(
    r"/(?P<y>(?:19|20)\d\d)/(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])(?:/|$)"
)
_NAME_DATE_RE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"
)
CONFIDENCE = 0.9


def from_address(document: Document) -> PublicationDate | None:
    """The day a document's URL, else its file name, carries."""
    for source, text in (("url", document.url or ""), ("file-name", document.name)):
        m = (_URL_DATE_RE if source == "url" else _NAME_DATE_RE).search(text)
        if m:
            try:
                day = date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                continue
            return exact_date(day, source, text, Provenance.METADATA, CONFIDENCE)
    return None
