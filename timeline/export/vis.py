"""vis-timeline items: ``[{id, content, start, end, group, title}]``.

``group`` is the entry's granularity, so a page can show one lane per precision (days
apart from months and years) by creating vis groups with those ids.  ``start``/``end`` are
the ISO dates of the half-open interval, which is exactly how vis-timeline reads a range
(``end`` is the first instant after it).  The tooltip (``title``) holds the text, what
was said at the happening and the sources.  vis-timeline puts ``content`` into the DOM
as HTML and ``title`` likewise, so both are HTML-escaped.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from timeline.export.said import said_line
from timeline.model import TimelineEntry


def vis_item(entry: TimelineEntry) -> dict[str, Any]:
    """One vis-timeline item for ``entry``."""
    names = sorted({s.document_name for s in entry.sources})
    said = "".join(f"\nsaid: {said_line(st, 160)}" for st in entry.statements)
    tooltip = f"{entry.value}: {entry.text}{said}\nsources: {', '.join(names)}"
    return {
        "id": entry.id,
        "content": html.escape(entry.title),
        "start": entry.interval.start.isoformat(),
        "end": entry.interval.end.isoformat(),
        "group": entry.interval.granularity.value,
        "title": html.escape(tooltip),
    }


def vis_items(entries: Iterable[TimelineEntry]) -> list[dict[str, Any]]:
    """The items of a vis ``DataSet``, in timeline order."""
    return [vis_item(entry) for entry in entries]
