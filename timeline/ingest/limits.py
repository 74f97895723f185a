"""What one document may be: how long, and which characters it may hold.

Every stage after reading is linear in the text (``bench/linearity.py``), so the cost of a
document is bounded by its length; the length is bounded here, with one setting for the
CLI and the API alike: ``TIMELINE_MAX_DOCUMENT_CHARS`` (characters of cleaned text,
500,000 by default: about 80,000 words, a hundred long news articles; at the worst rate
measured, a line of nothing but dates, that is under a minute of one worker).  A longer
document is refused with its length and the limit, never cut: a silently truncated
article would be dated and mined for events from a part of it.  The API also bounds the
text of one request by the same number (``api.resources.documents``).

NUL (U+0000) is no character of any text: PostgreSQL cannot store it, and a file holding
it is binary or corrupt.  A text, a title or a name with one is refused, whatever reads it.
"""

from __future__ import annotations

import os

from timeline.ingest.errors import IngestError

MAX_DOCUMENT_CHARS_SETTING = "TIMELINE_MAX_DOCUMENT_CHARS"
DEFAULT_MAX_DOCUMENT_CHARS = 500_000
NUL = "\x00"


def max_document_chars(configured: object = None) -> int:
    """The document length limit: ``configured`` when given, else the environment's
    ``TIMELINE_MAX_DOCUMENT_CHARS``, else 500,000.  ValueError for a setting that is
    not a positive whole number."""
    value = configured if configured is not None else os.environ.get(MAX_DOCUMENT_CHARS_SETTING)
    if value is None or value == "":
        return DEFAULT_MAX_DOCUMENT_CHARS
    try:
        limit = int(str(value).replace("_", ""))
    except ValueError:
        limit = 0
    if limit < 1:
        raise ValueError(f"{MAX_DOCUMENT_CHARS_SETTING} must be a positive number, not {value!r}")
    return limit


def check_length(name: str, text: str, limit: int | None = None) -> str:
    """``text`` when it is within the limit (``max_document_chars()`` by default)."""
    limit = max_document_chars() if limit is None else limit
    if len(text) > limit:
        raise IngestError(
            name,
            f"too long: {len(text):,} characters, the limit is {limit:,} "
            f"({MAX_DOCUMENT_CHARS_SETTING})",
            too_large=True,
        )
    return text


def check_no_nul(name: str, value: str, what: str = "text") -> str:
    """``value`` when it holds no NUL character."""
    at = value.find(NUL)
    if at >= 0:
        raise IngestError(name, f"the {what} contains a NUL character (U+0000) at {at}: not text")
    return value
