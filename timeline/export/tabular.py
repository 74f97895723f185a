"""CSV output of timeline entries: one row per entry, sources joined by "; ".

Cells are what the articles say, and articles are anyone's: a spreadsheet opening the file
would run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return before one) as a formula, ``=HYPERLINK(...)`` or worse.  Such a cell is written
with a leading apostrophe, as OWASP's CSV-injection advice says: spreadsheets show the text
as it was and run nothing.  Numbers and dates we write ourselves never start so.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from timeline.export.said import said_line
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
    "confidence",  # after the first columns, so that readers by position keep working
    "kind",
    "salience",
    "entity_types",
    "statements",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(cell: str) -> str:
    """``cell`` as a spreadsheet shows it without running it (see module docstring)."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def render_csv(entries: Iterable[TimelineEntry]) -> str:
    """``entity_types`` pairs each entity with its type ("Vladimir Putin: person; ...");
    ``statements`` holds one line per statement ("Vladimir Putin: “…”"), as a quoted
    multi-line cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        types = e.entity_types or ("other",) * len(e.entities)
        writer.writerow(
            [
                e.id,
                e.interval.start.isoformat(),
                e.interval.end.isoformat(),
                e.value,
                e.interval.granularity.value,
                neutralised(e.title),
                neutralised(e.text),
                neutralised("; ".join(e.entities)),
                neutralised("; ".join(sorted({s.document_name for s in e.sources}))),
                f"{e.confidence:.3g}",
                e.kind.value,
                f"{e.salience:.3g}",
                "; ".join(f"{n}: {t}" for n, t in zip(e.entities, types, strict=False)),
                "\n".join(said_line(s) for s in e.statements),
            ]
        )
    return buffer.getvalue()
