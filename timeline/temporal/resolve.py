"""Stage two of the tagger: resolve an underspecified ``Spec`` against a reference date.

Pure, cheap functions with no knowledge of text: the recogniser decided what an
expression means and which way it points (``Direction``); here we only do calendar
arithmetic.  A reference may itself be uncertain (a publication date known to the month):
then the expression is resolved at both ends of the reference interval and the result is
the honest hull of the two, at the granularity that hull really has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from timeline.model import Granularity, Interval
from timeline.temporal.holidays import holiday_date
from timeline.temporal.spec import LAST, NESTED, NEXT, REPORTED, Direction, Spec
from timeline.temporal.values import (
    add_months,
    day_interval,
    format_value,
    month_interval,
    value_interval,
    week_interval,
    year_interval,
)

MIN_YEAR, MAX_YEAR = 1, 9998
_MAX_MONTH_RANGE = 3  # wider uncertain spans are given as their year (or decade...)
# how long after a quarter ends its results come out (a 10-Q is due within 40-45 days):
# a report still ahead covers a quarter that ended at most this long ago, or a later one
_REPORTING_LAG = timedelta(days=45)


@dataclass(frozen=True, slots=True)
class Reference:
    """The date expressions are resolved against: a best day within a possible interval."""

    point: date
    interval: Interval | None = None

    @classmethod
    def of(cls, day: date) -> Reference:
        return cls(day, None)

    @property
    def is_exact(self) -> bool:
        return self.interval is None or self.interval.days <= 1


@dataclass(frozen=True, slots=True)
class Resolution:
    value: str
    interval: Interval | None


class _Unresolvable(ValueError):
    """The spec cannot be placed on the calendar near this reference (e.g. 29 Feb)."""


def resolve(spec: Spec, reference: Reference | None, anchor: Interval | None = None) -> Resolution:
    """The TimeML value and interval of ``spec`` seen from ``reference``.

    ``anchor`` is the narrative time (the last date the text mentioned) for anaphoric
    expressions such as "the following week".  Without a reference, relative expressions
    keep an underspecified TimeML value (``XXXX-06-14``) and no interval.
    """
    if not spec.needs_reference:
        try:
            return _resolve_at(spec, date(2000, 1, 1), anchor)
        except (_Unresolvable, ValueError, OverflowError):
            return Resolution(_unanchored_value(spec), None)
    if reference is None:
        return Resolution(_unanchored_value(spec), None)
    try:
        at_point = _resolve_at(spec, reference.point, anchor)
        if reference.is_exact or at_point.interval is None:
            return at_point
        assert reference.interval is not None
        if _on_narrative(spec) and anchor is not None:
            return at_point  # anchored on the narrative, not on the uncertain reference
        first = _resolve_at(spec, reference.interval.start, anchor).interval
        last = _resolve_at(spec, reference.interval.end - timedelta(days=1), anchor).interval
        if first is None or last is None:
            return at_point
        hull = Interval(
            min(first.start, last.start, at_point.interval.start),
            max(first.end, last.end, at_point.interval.end),
            at_point.interval.granularity,
        )
        if hull == at_point.interval:
            return at_point
        return covering(hull)
    except (_Unresolvable, ValueError, OverflowError):
        return Resolution(_unanchored_value(spec), None)


def _on_narrative(spec: Spec) -> bool:
    """Whether ``spec`` counts from the narrative's date rather than the reference."""
    if spec.op in NESTED:
        return _on_narrative(spec.parts[0])
    return spec.op in ("anaphor", "comparable")


def covering(hull: Interval) -> Resolution:
    """The smallest calendar period (month, quarter, year, decade...) containing ``hull``."""
    start, last = hull.start, hull.end - timedelta(days=1)
    if start == last:
        return Resolution(start.isoformat(), day_interval(start))
    if (start.year, start.month) == (last.year, last.month):
        return Resolution(
            format_value(start, Granularity.MONTH), month_interval(start.year, start.month)
        )
    months = (last.year - start.year) * 12 + last.month - start.month + 1
    if months <= _MAX_MONTH_RANGE:
        # a few consecutive months say more than their year: "2025-01/2025-02", the
        # range notation we use for "January or February" too
        first = month_interval(start.year, start.month)
        final = month_interval(last.year, last.month)
        return Resolution(
            f"{format_value(start, Granularity.MONTH)}/{format_value(last, Granularity.MONTH)}",
            Interval(first.start, final.end, Granularity.MONTH),
        )
    if start.year == last.year:
        return Resolution(f"{start.year:04d}", year_interval(start.year))
    for granularity, size in ((Granularity.DECADE, 10), (Granularity.CENTURY, 100)):
        if start.year // size == last.year // size:
            value = format_value(start, granularity)
            interval = value_interval(value)
            # the decade of years 1-9 and the century of 1-99 start before the calendar:
            # a range of years instead
            if interval is not None:
                return Resolution(value, interval)
    return Resolution(
        f"{start.year:04d}/{last.year:04d}", Interval(hull.start, hull.end, Granularity.CENTURY)
    )


def _unanchored_value(spec: Spec) -> str:
    """A TimeML value with unknown parts for a relative spec that has no reference."""
    match spec.op:
        case "fill" | "within":
            return spec.args[0]
        case "weekday":
            return f"XXXX-WXX-{spec.args[0]}"
        case "weekend":
            return "XXXX-WXX-WE"
        case "shift" | "anaphor" if spec.args[0] == "day":
            return "XXXX-XX-XX"
        case "shift" | "anaphor" if spec.args[0] == "month":
            return "XXXX-XX"
        case "alt" | "range":
            return "/".join(_unanchored_value(p) for p in spec.parts)
        case "offset" | "nth":
            return _unanchored_value(spec.parts[0])
    return "XXXX"


def _resolve_at(spec: Spec, ref: date, anchor: Interval | None) -> Resolution:
    match spec.op:
        case "abs":
            return _with_time(Resolution(spec.args[0], value_interval(spec.args[0])), spec)
        case "dur" | "set":
            return Resolution(spec.args[0], None)
        case "ref":
            return Resolution(spec.args[0], None)
        case "fill":
            direction = spec.direction
            strict = LAST in spec.args[1:] or NEXT in spec.args[1:]
            if direction is Direction.FUTURE and REPORTED in spec.args[1:]:
                # "expects to report third-quarter results", "expects fourth-quarter profit
                # to fall": the report lies ahead, so the quarter it covers is the first one
                # not reported yet, which may have ended up to a reporting lag ago
                ref = ref - _REPORTING_LAG
            return _with_time(_fill(spec.args[0], ref, direction, strict), spec)
        case "within":
            return _with_time(_within(spec.args[0], spec.args[1], int(spec.args[2]), ref), spec)
        case "weekday":
            if spec.args[1:] == ("this",):
                return _with_time(_this_weekday(int(spec.args[0]), ref), spec)
            if spec.args[1:] in (("before",), ("after",)):
                # "the previous Friday": the nearest one strictly before the narrative's date
                base = anchor.start if anchor is not None else ref
                step = -1 if spec.args[1] == "before" else 1
                way = Direction.PAST if step < 0 else Direction.FUTURE
                day = _weekday(int(spec.args[0]), base + timedelta(days=step), way)
                return _with_time(day, spec)
            if spec.args[1:] in (("last",), ("next",)):
                step = -1 if spec.args[1] == "last" else 1
                ref += timedelta(days=step)  # strictly before or after the reference day
            return _with_time(_weekday(int(spec.args[0]), ref, spec.direction), spec)
        case "weekend":
            return _weekend(ref, spec.direction)
        case "holiday":
            return _with_time(_holiday(spec.args[0], spec.args[1:], ref, spec.direction), spec)
        case "shift":
            return _with_time(_shift(spec.args[0], int(spec.args[1]), ref), spec)
        case "anaphor":
            base = anchor.start if anchor is not None else ref
            # a third argument: the offset from the reference when nothing anchors it
            # ("the latest quarter" of a report is the last one completed)
            offset = spec.args[2] if anchor is None and len(spec.args) > 2 else spec.args[1]
            return _with_time(_shift(spec.args[0], int(offset), base), spec)
        case "comparable":
            return _comparable(spec.args[0], int(spec.args[1]), ref, anchor)
        case "offset":
            inner = _resolve_at(spec.parts[0], ref, anchor)
            return _offset(inner, spec.args[0], int(spec.args[1]))
        case "nth":
            inner = _resolve_at(spec.parts[0], ref, anchor)
            return _with_time(_nth(inner, spec.args[0], int(spec.args[1])), spec)
        case "holding":
            inner = _resolve_at(spec.parts[0], ref, anchor)
            if inner.interval is None or spec.args[0] != "week":
                raise _Unresolvable(inner.value)
            week = week_interval(inner.interval.start)
            return Resolution(format_value(week.start, Granularity.WEEK), week)
        case "alt" | "range":
            resolved = _ongoing(spec, ref, anchor) or _resolve_parts(spec.parts, ref, anchor)
            intervals = [r.interval for r in resolved]
            value = "/".join(r.value for r in resolved)
            if any(i is None for i in intervals):
                return Resolution(value, None)
            first, last = intervals[0], intervals[-1]
            assert first is not None and last is not None
            if last.end <= first.start:
                return Resolution(value, None)
            coarsest = max((i.granularity for i in intervals if i), key=lambda g: g.rank)
            return Resolution(value, Interval(first.start, last.end, coarsest))
    raise ValueError(f"unknown spec op {spec.op!r}")


_CHAINED_OPS = frozenset({"fill", "weekday", "holiday"})


def _resolve_parts(parts: tuple[Spec, ...], ref: date, anchor: Interval | None) -> list[Resolution]:
    """Resolve the parts of a range or an alternative in order, each later part after the
    one before it: "from October to March" said in February is October to March, not
    October to the March before it."""
    out: list[Resolution] = []
    for part in parts:
        resolution = _resolve_at(part, ref, anchor)
        previous = out[-1].interval if out else None
        if (
            previous is not None
            and resolution.interval is not None
            and resolution.interval.start < previous.start
            and part.op in _CHAINED_OPS
        ):
            resolution = _resolve_at(part.with_direction(Direction.FUTURE), previous.start, anchor)
        out.append(resolution)
    return out


# how long before the reference an event said to lie ahead may have begun
_JUST_BEGUN = timedelta(days=45)


def _ongoing(spec: Spec, ref: date, anchor: Interval | None) -> list[Resolution] | None:
    """A range of dates said to lie ahead that has just begun: "will hold its conference
    from June 9 to June 13" said on June 10 is this June, not next year's.  The last part is placed
    ahead, each earlier one at its latest before the next; kept when that span holds the
    reference and began at most ``_JUST_BEGUN`` before it."""
    if spec.direction is not Direction.FUTURE or any(p.op != "fill" for p in spec.parts):
        return None  # weekdays: "will last from Monday to Wednesday" is next week's
    out = [_resolve_at(spec.parts[-1], ref, anchor)]
    for part in reversed(spec.parts[:-1]):
        later = out[0].interval
        if later is None:
            return None
        before = later.start - timedelta(days=1)
        out.insert(0, _resolve_at(part.with_direction(Direction.PAST), before, anchor))
    first, last = out[0].interval, out[-1].interval
    if first is None or last is None:
        return None
    if first.start <= ref < last.end and ref - first.start <= _JUST_BEGUN:
        return out
    return None


def _with_time(resolution: Resolution, spec: Spec) -> Resolution:
    interval = resolution.interval
    if not spec.time or interval is None or interval.granularity != Granularity.DAY:
        return resolution
    time = spec.time if spec.time.startswith("T") else f"T{spec.time}"
    return Resolution(resolution.value + time, interval)


def _pick(candidates: list[Interval], ref: date, direction: Direction) -> Interval:
    """The candidate period the direction selects; the reference's own period is both past
    and future (a weekday equal to the reference's is that day)."""
    if direction is Direction.PAST:
        past = [c for c in candidates if c.start <= ref]
        if past:
            return max(past, key=lambda c: c.start)
    elif direction is Direction.FUTURE:
        future = [c for c in candidates if c.end > ref]
        if future:
            return min(future, key=lambda c: c.start)

    return min(candidates, key=lambda c: (_distance(c, ref), c.start > ref))


def _fill(template: str, ref: date, direction: Direction, strict: bool = False) -> Resolution:
    """The year of a yearless date the direction picks; ``strict`` ("last June", "next
    spring"): never the one the reference is in, unless it is a day already behind (or
    still ahead) of it ("last Oct. 23" said on Oct. 25)."""
    suffix = template.removeprefix("XXXX")
    candidates: list[Interval] = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        if MIN_YEAR <= year <= MAX_YEAR:
            interval = value_interval(f"{year:04d}{suffix}")
            if interval is not None and not (strict and interval.contains(ref)):
                candidates.append(interval)
    if not candidates:
        raise _Unresolvable(template)
    chosen = _pick(candidates, ref, direction)
    return Resolution(f"{_value_year(chosen, suffix):04d}{suffix}", chosen)


def _distance(interval: Interval, ref: date) -> int:
    """Days between ``ref`` and the nearest day of ``interval`` (0 inside it)."""
    if interval.contains(ref):
        return 0
    return min(abs((interval.start - ref).days), abs((interval.end - timedelta(days=1) - ref).days))


def _value_year(interval: Interval, suffix: str) -> int:
    """The year a filled value is written with (winter starting in December keeps it)."""
    return interval.start.year


def _weekday(isoweekday: int, ref: date, direction: Direction) -> Resolution:
    back = ref - timedelta(days=(ref.isoweekday() - isoweekday) % 7)
    ahead = ref + timedelta(days=(isoweekday - ref.isoweekday()) % 7)
    if direction is Direction.PAST:
        day = back
    elif direction is Direction.FUTURE:
        day = ahead
    else:
        day = back if (ref - back) <= (ahead - ref) else ahead
    return Resolution(day.isoformat(), day_interval(day))


def _this_weekday(isoweekday: int, ref: date) -> Resolution:
    """ "this Saturday": that day of the reference's own ISO week."""
    day = ref + timedelta(days=isoweekday - ref.isoweekday())
    return Resolution(day.isoformat(), day_interval(day))


def _weekend(ref: date, direction: Direction) -> Resolution:
    """ "the weekend": the reference's own weekend if it falls on one, else the one before
    or after it as the direction says (the nearer one when it says nothing)."""
    saturday = ref + timedelta(days=6 - ref.isoweekday())
    if ref.isoweekday() < 6:
        before = saturday - timedelta(days=7)
        since_sunday, to_saturday = (ref - before).days - 1, (saturday - ref).days
        nearer_before = direction is Direction.NEAR and since_sunday < to_saturday
        if direction is Direction.PAST or nearer_before:
            saturday = before
    iso_year, week, _ = saturday.isocalendar()
    return Resolution(
        f"{iso_year:04d}-W{week:02d}-WE",
        Interval(saturday, saturday + timedelta(days=2), Granularity.WEEK),
    )


def _within(template: str, unit: str, n: int, ref: date) -> Resolution:
    """A part of a year given relative to the reference: "the third quarter of last year"."""
    if unit != "year":
        raise ValueError(f"unknown unit {unit!r}")
    year = ref.year + n
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _Unresolvable(template)
    value = template.replace("XXXX", f"{year:04d}", 1)
    interval = value_interval(value)
    if interval is None:
        raise _Unresolvable(template)
    return Resolution(value, interval)


_YEAR_PARTS = frozenset({Granularity.MONTH, Granularity.WEEK, Granularity.SEASON})
_SEASON_CODES = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}


def _comparable(base: str, years: int, ref: date, anchor: Interval | None) -> Resolution:
    """The period a report compares with: "a year earlier", "the year-ago quarter", "the
    1988 period".  When the narrative is about a quarter or a half (an earnings report),
    that period ``years`` on, or in the year ``base`` names; otherwise a year: ``base``
    itself, the narrative's year ("narr") or the reference's ("ref"), plus ``years``."""
    if base.isdigit():
        year = int(base) + years
    else:
        origin = anchor.start if base == "narr" and anchor is not None else ref
        year = origin.year + years
    if anchor is not None and anchor.granularity in _YEAR_PARTS:
        # a month, week or season of the narrative ("the same period last year" after
        # "sales in May"): the same part of the year ``years`` from it
        start = anchor.start
        if not base.isdigit():
            year = start.year + years
        if anchor.granularity is Granularity.MONTH:
            value = f"{year:04d}-{start.month:02d}"
        elif anchor.granularity is Granularity.WEEK:
            value = f"{year:04d}-W{start.isocalendar()[1]:02d}"
        else:
            value = f"{year:04d}-{_SEASON_CODES[start.month]}"
        interval = value_interval(value)
        if interval is not None:
            return Resolution(value, interval)
    if anchor is not None and anchor.granularity is Granularity.QUARTER:
        months = (anchor.end.year - anchor.start.year) * 12 + anchor.end.month - anchor.start.month
        if months == 6 and anchor.start.month in (1, 7):
            value = f"{year:04d}-H{(anchor.start.month - 1) // 6 + 1}"
        elif months == 3:
            value = f"{year:04d}-Q{(anchor.start.month - 1) // 3 + 1}"
        else:
            value = ""
        interval = value_interval(value) if value else None
        if interval is not None:
            return Resolution(value, interval)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _Unresolvable(base)
    return Resolution(f"{year:04d}", year_interval(year))


def _holiday(name: str, context: tuple[str, ...], ref: date, direction: Direction) -> Resolution:
    candidates = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        day = holiday_date(name, year, context)
        if day is not None:
            candidates.append(day_interval(day))
    if not candidates:
        raise _Unresolvable(name)
    chosen = _pick(candidates, ref, direction)
    return Resolution(chosen.start.isoformat(), chosen)


def _shift(unit: str, n: int, base: date) -> Resolution:
    """``n`` units from ``base``; a period off the calendar (before year 1, after 9999)
    cannot be placed, and is left unresolved rather than given a value like ``-01``."""
    resolution = _shifted(unit, n, base)
    if resolution.interval is None:
        raise _Unresolvable(f"{unit} {n:+d} from {base}")
    return resolution


def _shifted(unit: str, n: int, base: date) -> Resolution:
    match unit:
        case "day":
            day = base + timedelta(days=n)
            return Resolution(day.isoformat(), day_interval(day))
        case "week":
            interval = week_interval(base + timedelta(weeks=n))
            return Resolution(format_value(interval.start, Granularity.WEEK), interval)
        case "weekend":
            monday = week_interval(base + timedelta(weeks=n)).start
            saturday = monday + timedelta(days=5)
            iso_year, week, _ = monday.isocalendar()
            return Resolution(
                f"{iso_year:04d}-W{week:02d}-WE",
                Interval(saturday, saturday + timedelta(days=2), Granularity.WEEK),
            )
        case "month":
            year, month = add_months(base.year, base.month, n)
            return Resolution(f"{year:04d}-{month:02d}", month_interval(year, month))
        case "quarter":
            q0 = (base.month - 1) // 3
            year, month = add_months(base.year, 3 * q0 + 1, 3 * n)
            value = f"{year:04d}-Q{(month - 1) // 3 + 1}"
            return Resolution(value, value_interval(value))
        case "half":
            h0 = (base.month - 1) // 6
            year, month = add_months(base.year, 6 * h0 + 1, 6 * n)
            value = f"{year:04d}-H{(month - 1) // 6 + 1}"
            return Resolution(value, value_interval(value))
        case "season":
            season_of = {
                12: "WI",
                1: "WI",
                2: "WI",
                3: "SP",
                4: "SP",
                5: "SP",
                6: "SU",
                7: "SU",
                8: "SU",
                9: "FA",
                10: "FA",
                11: "FA",
            }
            year, month = add_months(base.year, base.month, 3 * n)
            season = season_of[month]
            if season == "WI" and month in (1, 2):
                year -= 1
            value = f"{year:04d}-{season}"
            return Resolution(value, value_interval(value))
        case "year":
            year = base.year + n
            return Resolution(f"{year:04d}", year_interval(year))
        case "decade":
            start = (base.year // 10 + n) * 10
            value = f"{start // 10:03d}"
            return Resolution(value, value_interval(value))
        case "century":
            start = (base.year // 100 + n) * 100
            value = f"{start // 100:02d}"
            return Resolution(value, value_interval(value))
    raise ValueError(f"unknown unit {unit!r}")


_YEAR_PREFIX_RE = re.compile(r"^(\d{4})(?=-|T|$)")


def _offset(inner: Resolution, unit: str, n: int) -> Resolution:
    """``inner`` moved by ``n`` units at its own precision: "the same month a year ago" is
    that month of the year before, "the same day last week" that weekday a week before."""
    interval = inner.interval
    if interval is None:
        return inner
    if unit == "year":
        m = _YEAR_PREFIX_RE.match(inner.value)
        if m is None:
            raise _Unresolvable(inner.value)
        year = int(m.group(1)) + n
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise _Unresolvable(inner.value)
        value = f"{year:04d}{inner.value[4:]}"
        date_part, _, _time = value.partition("T")
        moved = value_interval(date_part)
        if moved is None and interval.granularity is Granularity.DAY:
            # 29 February a year on: the last day of February
            day = date(year, interval.start.month, 28)
            value = day.isoformat() + inner.value[10:]
            moved = day_interval(day)
        if moved is None:
            raise _Unresolvable(inner.value)
        return Resolution(value, moved)
    days = {"day": 1, "week": 7}.get(unit)
    if days is not None:
        start = interval.start + timedelta(days=days * n)
    elif unit == "month":
        year, month = add_months(interval.start.year, interval.start.month, n)
        start = date(year, month, min(interval.start.day, 28))
    else:
        raise ValueError(f"unknown unit {unit!r}")
    moved = Interval(start, start + (interval.end - interval.start), interval.granularity)
    value = format_value(start, interval.granularity)
    if interval.granularity is Granularity.WEEK and inner.value.endswith("-WE"):
        value += "-WE"
    return Resolution(value + (inner.value[10:] if "T" in inner.value else ""), moved)


def _nth(inner: Resolution, unit: str, n: int) -> Resolution:
    """The ``n``-th (1-based; -1 the last) ``unit`` of the period ``inner``: "the last day
    of 2024" is 31 December; a week belongs to the period holding its Thursday, as ISO
    weeks belong to years ("the last week of March 2025" is 24-30 March)."""
    period = inner.interval
    if period is None or n == 0:
        raise _Unresolvable(inner.value)
    match unit:
        case "day":
            day = period.start + timedelta(days=n - 1) if n > 0 else period.end + timedelta(days=n)
            if not period.contains(day):
                raise _Unresolvable(inner.value)
            return Resolution(day.isoformat(), day_interval(day))
        case "week":
            thursday = _nth_weekday_in(period, 4, n, inner.value)
            return Resolution(format_value(thursday, Granularity.WEEK), week_interval(thursday))
        case "weekend":
            saturday = _nth_weekday_in(period, 6, n, inner.value)
            iso_year, number, _ = saturday.isocalendar()
            return Resolution(
                f"{iso_year:04d}-W{number:02d}-WE",
                Interval(saturday, saturday + timedelta(days=2), Granularity.WEEK),
            )
        case "month":
            months = (period.end.year - period.start.year) * 12 + period.end.month
            months -= period.start.month
            index = n - 1 if n > 0 else months + n
            if not 0 <= index < months:
                raise _Unresolvable(inner.value)
            y, m = add_months(period.start.year, period.start.month, index)
            return Resolution(f"{y:04d}-{m:02d}", month_interval(y, m))
    raise ValueError(f"unknown unit {unit!r}")


def _nth_weekday_in(period: Interval, isoweekday: int, n: int, value: str) -> date:
    """The ``n``-th (-1: last) given weekday inside ``period``."""
    last = period.end - timedelta(days=1)
    first = period.start + timedelta(days=(isoweekday - period.start.isoweekday()) % 7)
    final = last - timedelta(days=(last.isoweekday() - isoweekday) % 7)
    day = first + timedelta(weeks=n - 1) if n > 0 else final + timedelta(weeks=n + 1)
    if not period.contains(day):
        raise _Unresolvable(value)
    return day
