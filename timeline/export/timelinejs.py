"""TimelineJS3 JSON: one slide per timeline entry, ready for ``new TL.Timeline(el, data)``.

TimelineJS dates are objects of optional parts (``year``, ``month``, ``day``), so an entry's
precision maps onto the parts it keeps: day and week entries keep the day, month, quarter
and season entries the month, year and coarser entries the year.  ``end_date`` is the last
day (month, year) inside the entry's half-open interval at that precision, and is left out
when it equals the start: TimelineJS then draws a point, not a span.  TimelineJS renders
``headline`` and ``text`` as HTML, so both are HTML-escaped; ``text`` lists what was
said at the happening (``blockquote``s, speaker cited), then every source sentence with
the document it comes from.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from timeline.export.said import said_line
from timeline.model import Granularity, TimelineEntry

_DAY = {Granularity.DAY, Granularity.WEEK}
_MONTH = {Granularity.MONTH, Granularity.QUARTER, Granularity.SEASON}


def _date_parts(day: date, granularity: Granularity) -> dict[str, int]:
    parts = {"year": day.year}
    if granularity in _DAY or granularity in _MONTH:
        parts["month"] = day.month
    if granularity in _DAY:
        parts["day"] = day.day
    return parts


def slide(entry: TimelineEntry) -> dict[str, Any]:
    """One TimelineJS slide (event) for ``entry``."""
    granularity = entry.interval.granularity
    start = _date_parts(entry.interval.start, granularity)
    last = _date_parts(entry.interval.end - timedelta(days=1), granularity)
    said = "".join(
        f"<blockquote>{html.escape(said_line(st))} <cite>{html.escape(st.document_name)}</cite>"
        "</blockquote>"
        for st in entry.statements
    )
    sources = said + "".join(
        f"<p>{html.escape(s.sentence)} <cite>{html.escape(s.document_name)}</cite></p>"
        for s in entry.sources
    )
    item: dict[str, Any] = {"start_date": start}
    if last != start:
        item["end_date"] = last
    item["text"] = {"headline": html.escape(entry.title), "text": sources}
    item["unique_id"] = f"entry-{entry.id}"
    return item


def timelinejs_document(entries: Iterable[TimelineEntry]) -> dict[str, Any]:
    """The TimelineJS3 data object: ``{"events": [slide, ...]}`` in timeline order."""
    return {"events": [slide(entry) for entry in entries]}
