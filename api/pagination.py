"""Opaque cursors and ``Link`` headers for keyset pagination.

A cursor is the position of the last item of a page, not an offset: the next page is
"the items after this one in this order", which costs an index seek however deep the
client pages and never skips or repeats an item when entries are added before it.  The
position is base64url-encoded JSON so clients treat it as opaque; it names its kind and,
for entries, the sort it was issued for, so a cursor is never silently applied to another
listing.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from datetime import date
from typing import Any
from urllib.parse import urlencode

from flask import Response, request

from timeline.store.queries import EntryKey

_ENTRY = "e"
_DOCUMENT = "d"
# Ids are positive 32-bit integers (the store's columns on PostgreSQL): a cursor naming
# another is not one this API issued, and would overflow the databases' integers.
_MAX_ID = 2**31 - 1


def _is_id(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= _MAX_ID


def _encode(payload: list[Any]) -> str:
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        payload = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise ValueError("not a cursor from this API") from None
    if not isinstance(payload, list) or not payload:
        raise ValueError("not a cursor from this API")
    return payload


def entry_cursor(key: EntryKey, *, sort: str, salience: float | None = None) -> str:
    """The position of the entry at ``key`` in a listing in ``sort`` order (by salience:
    with the entry's ``salience``)."""
    start, end, entry_id = key
    payload: list[Any] = [_ENTRY, sort, start.isoformat(), end.isoformat(), entry_id]
    if sort == "salience":
        payload.append(salience)
    return _encode(payload)


def parse_entry_cursor(cursor: str, *, sort: str) -> tuple[EntryKey, float | None]:
    """The entry position in ``cursor`` and, by salience, the entry's salience;
    ValueError if it is not one, or for another sort."""
    payload = _decode(cursor)
    try:
        kind, issued, start, end, entry_id, *rest = payload
        if kind != _ENTRY or not _is_id(entry_id):
            raise ValueError
        key = (date.fromisoformat(start), date.fromisoformat(end), entry_id)
        salience: float | None = None
        if issued == "salience":
            (salience,) = rest
            if not isinstance(salience, int | float) or isinstance(salience, bool):
                raise ValueError
            if not math.isfinite(salience):
                raise ValueError
            salience = float(salience)
        elif rest:
            raise ValueError
    except (TypeError, ValueError):
        raise ValueError("not a cursor of this listing") from None
    if issued != sort:
        raise ValueError(f"this cursor was issued for sort={issued}")
    return key, salience


def document_cursor(document_id: int) -> str:
    return _encode([_DOCUMENT, document_id])


def parse_document_cursor(cursor: str) -> int:
    payload = _decode(cursor)
    if len(payload) != 2 or payload[0] != _DOCUMENT or not _is_id(payload[1]):
        raise ValueError("not a cursor of this listing")
    return int(payload[1])


def next_url(cursor: str) -> str:
    """This request's URL with ``cursor`` replaced: the next page, other arguments kept."""
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "cursor"]
    args.append(("cursor", cursor))
    return f"{request.base_url}?{urlencode(args)}"


def add_next_link(response: Response, cursor: str | None) -> Response:
    """``Link: <...>; rel="next"`` (RFC 8288) when there is a next page."""
    if cursor is not None:
        response.headers["Link"] = f'<{next_url(cursor)}>; rel="next"'
    return response
