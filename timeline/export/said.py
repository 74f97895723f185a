"""How a statement reads in the text exports: ``Vladimir Putin: “…”`` for a quotation,
``Vladimir Putin: that …`` for a paraphrase; shared by the listing, CSV, TimelineJS and
vis, so a statement reads the same everywhere."""

from __future__ import annotations

from timeline.events.statements import statement_form
from timeline.model import EntryStatement

UNKNOWN_SPEAKER = "(unnamed)"


def said_line(statement: EntryStatement, width: int | None = None) -> str:
    """One statement on one line, its text clipped to ``width`` characters when given."""
    text = " ".join(statement.text.split())
    if width is not None and len(text) > width:
        text = text[: width - 1].rstrip() + "…"
    quoted = f"“{text}”" if statement_form(statement.sentence) == "quote" else text
    return f"{statement.speaker or UNKNOWN_SPEAKER}: {quoted}"
