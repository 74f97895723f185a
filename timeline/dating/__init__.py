"""Publication-date inference (the document creation time, DCT).

Order of trust: a date pinned by a user, the publisher's metadata, a dateline, then an
estimate from the content (see ``content``).  Each result carries its provenance and the
evidence behind it.
"""

from __future__ import annotations

from collections.abc import Sequence

from timeline.dating.content import estimate_from_content
from timeline.dating.dateline import from_dateline
from timeline.dating.metadata import from_metadata, parse_date_string
from timeline.model import Document, PublicationDate
from timeline.temporal.recognise import Mention

__all__ = [
    "date_document",
    "estimate_from_content",
    "from_dateline",
    "from_metadata",
    "parse_date_string",
]


def date_document(
    document: Document, mentions: Sequence[Mention], *, ignore_metadata: bool = False
) -> PublicationDate | None:
    """The best publication date for ``document`` given its recognised expressions."""
    if not ignore_metadata:
        found = from_metadata(document)
        if found is not None:
            return found
    return from_dateline(document.text, mentions) or estimate_from_content(mentions, document.text)
