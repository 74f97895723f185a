"""Calendar arithmetic on TimeML values and intervals.

A TimeML date value names a period at some granularity (``2025``, ``2025-Q3``, ``2025-08``,
``2025-W36``, ``2025-08-15``, ``201`` for the 2010s, ``19`` for the 1900s, ``2025-SU`` for a
season).  These helpers turn such a value into a half-open interval of days and back, and
parse the user-facing period bounds accepted by the CLI and the API.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from timeline.model import Granularity, Interval

_SEASON_MONTHS = {"SP": (3, 6), "SU": (6, 9), "FA": (9, 12), "WI": (12, 15)}
_VALUE_RE = re.compile(
    r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2}))?|W(?P<week>\d{2})"
    r"|Q(?P<quarter>[1-4])|H(?P<half>[12])|(?P<season>SP|SU|FA|WI)))?$"
)
_DECADE_RE = re.compile(r"^(?P<decade>\d{3})$")
# The last day with a next day: a day is the half-open interval [day, day + 1), and the
# calendar (Python's and the databases') ends on 9999-12-31.  Publication and reference
# dates, and the periods users filter by, must end by then.
LAST_DAY = date(9999, 12, 30)
_CENTURY_RE = re.compile(r"^(?P<century>\d{2})$")


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) shifted by ``delta`` months."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def month_interval(year: int, month: int) -> Interval:
    ny, nm = add_months(year, month, 1)
    return Interval(date(year, month, 1), date(ny, nm, 1), Granularity.MONTH)


def day_interval(day: date) -> Interval:
    return Interval(day, day + timedelta(days=1), Granularity.DAY)


def year_interval(year: int) -> Interval:
    return Interval(date(year, 1, 1), date(year + 1, 1, 1), Granularity.YEAR)


def week_interval(day: date) -> Interval:
    """The ISO week (Monday to Sunday) containing ``day``."""
    monday = day - timedelta(days=day.weekday())
    return Interval(monday, monday + timedelta(days=7), Granularity.WEEK)


def format_value(day: date, granularity: Granularity) -> str:
    """The TimeML value naming the period of ``granularity`` that contains ``day``."""
    match granularity:
        case Granularity.DAY:
            return day.isoformat()
        case Granularity.WEEK:
            iso_year, week, _ = day.isocalendar()
            return f"{iso_year:04d}-W{week:02d}"
        case Granularity.MONTH:
            return f"{day.year:04d}-{day.month:02d}"
        case Granularity.QUARTER:
            return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
        case Granularity.SEASON:
            return f"{day.year:04d}"
        case Granularity.YEAR:
            return f"{day.year:04d}"
        case Granularity.DECADE:
            return f"{day.year // 10:03d}"
        case Granularity.CENTURY:
            return f"{day.year // 100:02d}"
    raise ValueError(granularity)


def value_interval(value: str) -> Interval | None:
    """The interval a fully specified TimeML date value denotes, or None if it is not one.

    Unknown parts (``XXXX``), durations, sets and references (``PAST_REF``) return None.
    """
    m = _VALUE_RE.match(value)
    if m:
        year = int(m["year"])
        if year < 1:
            return None
        try:
            if m["day"]:
                return day_interval(date(year, int(m["month"]), int(m["day"])))
            if m["month"]:
                month = int(m["month"])
                return month_interval(year, month) if 1 <= month <= 12 else None
            if m["week"]:
                monday = date.fromisocalendar(year, int(m["week"]), 1)
                return Interval(monday, monday + timedelta(days=7), Granularity.WEEK)
            if m["quarter"]:
                q = int(m["quarter"])
                start = date(year, 3 * q - 2, 1)
                ey, em = add_months(year, 3 * q - 2, 3)
                return Interval(start, date(ey, em, 1), Granularity.QUARTER)
            if m["half"]:
                h = int(m["half"])
                start = date(year, 6 * h - 5, 1)
                ey, em = add_months(year, 6 * h - 5, 6)
                return Interval(start, date(ey, em, 1), Granularity.QUARTER)
            if m["season"]:
                first, last = _SEASON_MONTHS[m["season"]]
                sy, sm = add_months(year, first, 0)
                ey, em = add_months(year, last, 0)
                return Interval(date(sy, sm, 1), date(ey, em, 1), Granularity.SEASON)
        except (ValueError, OverflowError):  # a period running past the calendar's end
            return None
        try:
            return year_interval(year)
        except ValueError:
            return None
    m = _DECADE_RE.match(value)
    if m:
        start_year = int(m["decade"]) * 10
        if start_year < 1:
            return None
        return Interval(date(start_year, 1, 1), date(start_year + 10, 1, 1), Granularity.DECADE)
    m = _CENTURY_RE.match(value)
    if m:
        start_year = int(m["century"]) * 100
        if start_year < 1:
            return None
        return Interval(date(start_year, 1, 1), date(start_year + 100, 1, 1), Granularity.CENTURY)
    if "/" in value:
        head, _, tail = value.partition("/")
        a, b = value_interval(head), value_interval(tail)
        if a and b and a.start < b.end:
            coarser = a.granularity if a.granularity.rank >= b.granularity.rank else b.granularity
            return Interval(a.start, b.end, coarser)
    return None


_PERIOD_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def parse_period(text: str) -> Interval:
    """Parse a user bound ``2025``, ``2025-08`` or ``2025-08-15`` into the period it covers.

    Raises ValueError with a message fit for a user when the text is not such a bound.
    """
    text = text.strip()
    interval = value_interval(text) if _PERIOD_RE.match(text) else None
    if interval is None:
        if _PERIOD_RE.match(text) and text.startswith(("0000", "9999")):
            raise ValueError(f"{text!r} is outside the calendar: {_CALENDAR}")
        raise ValueError(f"{text!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    return interval


_CALENDAR = f"dates run from 0001-01-01 to {LAST_DAY}"


def check_day(day: date) -> date:
    """``day`` when it has a next day in the calendar (see ``LAST_DAY``); else ValueError
    with a message fit for a user."""
    if day > LAST_DAY:
        raise ValueError(f"{day} is outside the calendar: {_CALENDAR}")
    return day


def period_bounds(start: str | None, end: str | None) -> tuple[date | None, date | None]:
    """Inclusive user bounds to a half-open ``[start, end)`` range of days.

    Each bound covers its whole period: ``start=2025-08, end=2025-09`` is 1 August to
    30 September, i.e. ``[2025-08-01, 2025-10-01)``.
    """
    lo = parse_period(start).start if start else None
    hi = parse_period(end).end if end else None
    if lo and hi and hi <= lo:
        raise ValueError(f"the range {start}..{end} is empty: end is before start")
    return lo, hi
