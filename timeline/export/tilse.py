"""Timelines in the tilse / timeline17 text format, for timeline-summarisation evaluation.

    2025-08-15
    Donald Trump met Vladimir Putin in Alaska.
    --------------------------------
    2025-09-03
    Xi Jinping hosted a military parade in Beijing.
    --------------------------------

Each date line is followed by one sentence per line (the entry's text, whitespace folded
onto one line) and closed by a line of exactly 32 dashes.  Dates ascend; entries of one
day keep timeline order.

Only **day-granularity** entries are written.  tilse scores a timeline day by day against
daily reference timelines; putting "August 2025" under 2025-08-01 (its start day) would
assert a day no source gave and count as a wrong date, so coarser entries (weeks, months,
years, ...) are left out rather than guessed.  Use the JSON or CSV export for them.
"""

from __future__ import annotations

from collections.abc import Iterable

from timeline.model import Granularity, TimelineEntry

SEPARATOR = "-" * 32


def render_tilse(entries: Iterable[TimelineEntry]) -> str:
    """The timeline as tilse text (empty string when no day-level entry remains)."""
    by_day: dict[str, list[str]] = {}
    for entry in entries:
        if entry.interval.granularity is not Granularity.DAY:
            continue
        sentence = " ".join(entry.text.split())
        if sentence:
            by_day.setdefault(entry.interval.start.isoformat(), []).append(sentence)
    lines: list[str] = []
    for day in sorted(by_day):
        lines.append(day)
        lines.extend(by_day[day])
        lines.append(SEPARATOR)
    return "".join(line + "\n" for line in lines)
