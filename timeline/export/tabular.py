"""CSV output of timeline entries: one row per entry, sources joined by "; "."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from timeline.model import TimelineEntry

CSV_COLUMNS = (
    "id",
    "start",
    "end",
    "value",
    "granularity",
    "title",
    "text",
    "entities",
    "sources",
    "confidence",  # last, so that readers of the earlier columns by position keep working
)


def render_csv(entries: Iterable[TimelineEntry]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        writer.writerow(
            [
                e.id,
                e.interval.start.isoformat(),
                e.interval.end.isoformat(),
                e.value,
                e.interval.granularity.value,
                e.title,
                e.text,
                "; ".join(e.entities),
                "; ".join(sorted({s.document_name for s in e.sources})),
                f"{e.confidence:.3g}",
            ]
        )
    return buffer.getvalue()
