"""The human-readable timeline: one block per entry, in timeline order."""

from __future__ import annotations

from collections.abc import Iterable

from timeline.model import TimelineEntry

_WIDTH = 100


def _clip(text: str, width: int = _WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def render_text(entries: Iterable[TimelineEntry]) -> str:
    """``2025-08-15  [day]  Donald Trump, Vladimir Putin: welcomed``, the text, the sources,
    then the entry's id (what ``--format json`` and the API call it) and confidence."""
    lines: list[str] = []
    for entry in entries:
        lines.append(
            f"{entry.value:<12} [{entry.interval.granularity.value}]  {_clip(entry.title, 80)}"
        )
        lines.append(f"{'':14}  {_clip(entry.text)}")
        names = sorted({s.document_name for s in entry.sources})
        lines.append(f"{'':14}  sources: {', '.join(names)}")
        lines.append(f"{'':14}  entry {entry.id}, confidence {entry.confidence:.2f}")
        lines.append("")
    return "\n".join(lines)
