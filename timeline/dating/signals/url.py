"""Dates in a document's address: its URL's path, else its file name.

Publishers put the day in the path ("/2019/10/21/interning-of-small-integers/"), and
archives name files by it ("APW19980807.0261"); both are the publisher's own date.  A
page without a URL given still declares its own address (``<link rel="canonical">``,
``og:url``: ``metadata["canonical_url"]``), which votes in its place.

Examples:

* ``https://example.org/2019/10/21/a-story/`` -> url, 2019-10-21
* ``NYT20000105.0325.tml`` -> file-name, 2000-01-05
* ``/2019/13/40/`` -> nothing (no such day)
* no URL given, a canonical link ``https://www.repubblica.it/esteri/2023/11/02/diretta/``
  -> canonical-url, 2023-11-02
"""

from __future__ import annotations

import re
from datetime import date

from timeline.model import Document

_URL_DATE_RE = re.compile(
    r"/(?P<y>(?:19|20)\d\d)/(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])(?:/|$)"
)
_NAME_DATE_RE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"
)


def address_dates(document: Document) -> list[tuple[str, date, str]]:
    """(source, day, address) for the day in the document's URL and in its file name."""
    found = []
    address = ("url", document.url or "")
    canonical = document.metadata.get("canonical_url")
    if not document.url and isinstance(canonical, str):
        address = ("canonical-url", canonical)
    for source, text in (address, ("file-name", document.name)):
        m = (_NAME_DATE_RE if source == "file-name" else _URL_DATE_RE).search(text)
        if m:
            try:
                found.append((source, date(int(m["y"]), int(m["m"]), int(m["d"])), text))
            except ValueError:
                continue
    return found
