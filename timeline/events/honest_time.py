"""An entry's time as precise as it really is: its granularity and value agree with its
interval.

Reports give times in many shapes: a day, a week, "last month", a publication estimate
of "1 August to 4 September", a range "after 20 January, before the article".  The
entry's *granularity* is the calendar unit its interval is exactly (a day, an ISO week,
a month, a quarter, a year, a decade, a century), and its *value* that unit's TimeML
value; an interval that is no single unit is a ``range`` (``2025-08/2025-09``,
``2025-08-28/2025-09-03``), shown and filtered as one, never labelled with a unit it does
not have ("year" for five weeks, "century" for two years, ``2025-W36`` for 28 August to
3 September, which is not ISO week 36).
"""

from __future__ import annotations

from datetime import date, timedelta

from timeline.model import Granularity, Interval
from timeline.temporal.values import format_value, value_interval

__all__ = ["honest"]

_UNITS = (
    Granularity.DAY,
    Granularity.WEEK,
    Granularity.MONTH,
    Granularity.QUARTER,
    Granularity.YEAR,
    Granularity.DECADE,
    Granularity.CENTURY,
)


def honest(interval: Interval) -> tuple[Interval, str]:
    """The interval with its true granularity, and the value that names exactly it."""
    for unit in _UNITS:
        value = format_value(interval.start, unit)
        exact = value_interval(value)
        if exact is not None and (exact.start, exact.end) == (interval.start, interval.end):
            return Interval(interval.start, interval.end, unit), value
    return Interval(interval.start, interval.end, Granularity.RANGE), _range_value(interval)


def _range_value(interval: Interval) -> str:
    start, last = interval.start, interval.end - timedelta(days=1)
    if _first_of_year(start) and _first_of_year(interval.end):
        return f"{start.year:04d}/{last.year:04d}"
    if start.day == 1 and interval.end.day == 1:
        return f"{start.year:04d}-{start.month:02d}/{last.year:04d}-{last.month:02d}"
    return f"{start.isoformat()}/{last.isoformat()}"


def _first_of_year(day: date) -> bool:
    return (day.month, day.day) == (1, 1)
