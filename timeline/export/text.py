"""The human-readable timeline: one block per entry, in timeline order."""

from __future__ import annotations

from collections.abc import Iterable

from timeline.export.said import said_line
from timeline.model import EventKind, TimelineEntry

_WIDTH = 100
# statements listed under an entry; the rest are counted
_STATEMENTS_SHOWN = 3


def _clip(text: str, width: int = _WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def render_text(entries: Iterable[TimelineEntry]) -> str:
    """``2025-08-15  [day]  Donald Trump, Vladimir Putin: welcomed``, the text, what was
    said at it (``said``: up to three statements, each once), who took part with their types, the
    sources, then the entry's id (what ``--format json`` and the API call it), its
    confidence and salience."""
    lines: list[str] = []
    pad = f"{'':14}  "
    for entry in entries:
        lines.append(
            f"{entry.value:<12} [{entry.interval.granularity.value}]  {_clip(entry.title, 80)}"
        )
        lines.append(pad + _clip(entry.text))
        said = list(dict.fromkeys(said_line(s) for s in entry.statements))  # once each
        for line in said[:_STATEMENTS_SHOWN]:
            lines.append(pad + "said: " + _clip(line, _WIDTH - 6))
        more = len(said) - _STATEMENTS_SHOWN
        if more > 0:
            lines.append(pad + f"said: … and {more} more")
        if entry.entities:
            types = entry.entity_types or ("other",) * len(entry.entities)
            who = ", ".join(f"{n} ({t})" for n, t in zip(entry.entities, types, strict=False))
            lines.append(pad + "who: " + _clip(who, _WIDTH - 5))
        names = sorted({s.document_name for s in entry.sources})
        lines.append(pad + f"sources: {', '.join(names)}")
        remarks = ", remarks" if entry.kind is EventKind.REMARKS else ""
        lines.append(
            pad + f"entry {entry.id}, confidence {entry.confidence:.2f}, "
            f"salience {entry.salience:.2f}{remarks}"
        )
        lines.append("")
    return "\n".join(lines)
