"""Resolution in context: each mention of a document against the reference date and the
narrative so far.

``resolve`` (``timeline.temporal.resolve``) is pure calendar arithmetic on one spec; this
module chooses what it is given, reading the mentions in text order: the anchor of an
anaphoric expression ("the next day": the latest date fine enough), the period a report is
about ("a year earlier", "the quarter"), what "the same period last year" compares with,
and two checks on dates without a year (the nearest such date when the tense points about
a year away; the year where a written weekday falls).  Dating re-runs it whenever the
reference date changes, so it reads mentions, never the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from contextlib import suppress
from datetime import date

from timeline.model import Granularity, Interval, TemporalExpression, TimexType
from timeline.temporal.data import load_json
from timeline.temporal.grammar import Mention
from timeline.temporal.resolve import Reference, Resolution, resolve
from timeline.temporal.spec import LAST, NESTED, NEXT, Direction, Spec
from timeline.temporal.values import year_interval

__all__ = ["resolve_mentions"]

# A date without its year is the nearest one rather than the one the tense points to,
# when that is this far off (days) and the nearest is this close.
_YEARLESS_RE = re.compile(r"XXXX-\d\d(?:-\d\d)?$")
_SCHEDULED_FAR = 240
_SCHEDULED_NEAR = 45
# "last December", "next March": the words fixed the way, no schedule moves it
_FIXED = frozenset({LAST, NEXT})
# "Saturday, April 25": the weekday an expression opens with
_LEADING_WEEKDAY_RE = re.compile(r"([A-Za-z]+)\.?,?\s")
_WEEKDAYS: dict[str, int] = load_json("lexicon.json")["weekdays"]
# The granularity an anaphoric unit needs of its anchor: "the next day" needs a day,
# "the following year" anything from a day to a year.
_UNIT_GRANULARITY = {
    "day": Granularity.DAY,
    "week": Granularity.WEEK,
    "weekend": Granularity.WEEK,
    "month": Granularity.MONTH,
    "quarter": Granularity.QUARTER,
    "half": Granularity.QUARTER,
    "season": Granularity.SEASON,
    "year": Granularity.YEAR,
    "decade": Granularity.DECADE,
    "century": Granularity.CENTURY,
}


# Granularity.rank, looked up: it is asked for every date mentioned
_RANK = {g: g.rank for g in Granularity}


def _anchor_for(
    spec: Spec,
    anchors: list[tuple[Interval, Granularity]],
    period: Interval | None = None,
    reported: Interval | None = None,
    narrative_year: Interval | None = None,
) -> Interval | None:
    """The narrative time for ``spec``: the latest date mentioned so far that is at least
    as fine as the unit it counts in ("the next day" skips a year mentioned since).

    Each anchor carries the granularity its words meant ("Friday": a day).  When that
    latest fine-enough date could only be placed coarsely (a Friday of an article dated
    to a month), it is still the narrative time, so older dates are not used; the
    expression then resolves from the reference, as coarsely as that is known.

    ``period`` is the period a report is about (see ``resolve_mentions``): what "a year
    earlier" and "the quarter" refer to while it holds; ``reported`` the last such period,
    which "the quarter" keeps referring to after the narrative moved on to a year;
    ``narrative_year`` the year of the latest date told of as such, not as a comparison.
    A spec built on another (``offset``, ``nth``) takes the anchor its part needs.
    """
    while spec.op in NESTED:
        spec = spec.parts[0]
    if spec.op == "comparable" or (spec.op == "anaphor" and spec.args[0] == "quarter"):
        if spec.args == ("quarter", "0", "0") and spec.direction is Direction.FUTURE:
            return None  # "expects a loss this quarter": the reference's quarter
        if period is not None:
            return period
        if spec.op == "comparable":
            # no report period: the narrative's year ("a year earlier" than 2019 is 2018)
            return narrative_year
        # no current report period: the last one reported, not any day since ("the
        # latest quarter" after "closed yesterday" is still the reported one)
        return reported
    elif spec.op != "anaphor":
        return anchors[-1][0] if anchors else None
    else:
        needed = _RANK[_UNIT_GRANULARITY.get(spec.args[0], Granularity.CENTURY)]
    for interval, meant in reversed(anchors):
        if _RANK[meant] <= needed:
            return interval if _RANK[interval.granularity] <= needed else None
    return None


_EXACT_PROBE = Reference.of(date(2000, 6, 15))
# "the nine months", "the year ended Sept. 30": a span of a report; not "a two-year cycle"
_REPORT_SPAN_RE = re.compile(r"P(?:(?:\d+|X)M|1Y)$")


_MEANT: dict[Spec, Granularity | None] = {}


def _meant_granularity(spec: Spec, resolved: Interval) -> Granularity:
    """The granularity the words name, whatever the certainty of the reference.

    It depends on the spec alone (a day, a month...), so it is worked out once per spec,
    on a probe reference, rather than by resolving every mention twice."""
    if not spec.needs_reference:
        return resolved.granularity
    try:
        meant = _MEANT[spec]
    except KeyError:
        probe = resolve(spec, _EXACT_PROBE).interval
        meant = probe.granularity if probe is not None else None
        if len(_MEANT) < 4096:
            _MEANT[spec] = meant
    return meant if meant is not None else resolved.granularity


def _days_away(interval: Interval, day: date) -> int:
    if interval.start <= day < interval.end:
        return 0
    return min(abs((interval.start - day).days), abs((interval.end - day).days - 1))


def _scheduled(
    spec: Spec, reference: Reference, anchor: Interval | None, resolution: Resolution
) -> Resolution:
    """A date without its year ("has set Nov. 10 as the deadline", "will testify on Feb.
    10", "invited them to a ceremony on March 12", "in May") is the nearest such date
    when the tense puts it about a year away but the other way it is only weeks off:
    news writes the year of a date almost a year back or ahead, so a yearless one that
    close is the near one (a deadline set in the past still lies ahead, a hearing
    announced ahead may just have passed, the tense of the clause may belong to another
    event).  Only here, not in ``resolve``: dating scores candidate publication days with
    the tense direction alone."""
    chosen = resolution.interval
    if chosen is None or spec.direction is Direction.NEAR:
        return resolution
    nearest = resolve(spec.with_direction(Direction.NEAR), reference, anchor)
    other = nearest.interval
    if other is None or other == chosen:
        return resolution
    point = reference.point
    if _days_away(chosen, point) >= _SCHEDULED_FAR and _days_away(other, point) <= _SCHEDULED_NEAR:
        return nearest
    return resolution


def _on_its_weekday(mention: Mention, reference: Reference, resolution: Resolution) -> Resolution:
    """A date written with its weekday ("Saturday, April 25") is in the year where it
    falls on that weekday, when the one the tense chose does not and the year before or
    after does."""
    interval = resolution.interval
    m = _LEADING_WEEKDAY_RE.match(mention.text)
    if interval is None or m is None or interval.granularity is not Granularity.DAY:
        return resolution
    weekday = _WEEKDAYS.get(m.group(1).casefold())
    day = interval.start
    if weekday is None or day.isoweekday() == weekday:
        return resolution
    for year in sorted((day.year - 1, day.year + 1), key=lambda y: abs(y - reference.point.year)):
        try:
            other = date(year, day.month, day.day)
        except ValueError:
            continue
        if other.isoweekday() == weekday:
            return resolve(Spec("abs", (other.isoformat(),), time=mention.spec.time), None)
    return resolution


_PARTS_OF_YEAR = frozenset({Granularity.WEEK, Granularity.MONTH, Granularity.SEASON})


def _compares_a_period(spec: Spec) -> bool:
    """ "the same period last year": the comparison names no unit of its own."""
    return spec.op == "comparable" and spec.args[2:] == ("period",)


def resolve_mentions(
    mentions: Sequence[Mention], reference: Reference | None
) -> list[TemporalExpression]:
    """Resolve mentions in text order; anaphoric ones ("the following week") take the last
    date before them that is fine enough as their anchor, else the reference."""
    anchors: list[tuple[Interval, Granularity]] = []
    # The period a report is about: the latest quarter or half mentioned.  Days and months
    # since do not change it ("said yesterday", "in April"); a year or a span of months
    # does ("for the nine months, ... a year earlier" compares nine months, not a quarter).
    # ``reported`` is the last such period, kept past a year mentioned since: what "the
    # quarter" still refers to after "its second dividend increase this year".
    period: Interval | None = None
    reported: Interval | None = None
    narrative_year: Interval | None = None
    # The latest week, month or season told of (not one ahead), or the report's quarter
    # when that came later: what "the same period last year" compares with ("sales in May
    # fell from the same period last year" is May of last year).
    recent: Interval | None = None
    out: list[TemporalExpression] = []
    for mention in mentions:
        if _compares_a_period(mention.spec):
            anchor = recent or period or narrative_year
        else:
            anchor = _anchor_for(mention.spec, anchors, period, reported, narrative_year)
        resolution = resolve(mention.spec, reference, anchor)
        if reference is not None and mention.spec.op == "fill":
            if _YEARLESS_RE.match(mention.spec.args[0]) and not _FIXED & set(mention.spec.args):
                resolution = _scheduled(mention.spec, reference, anchor, resolution)
            resolution = _on_its_weekday(mention, reference, resolution)
        out.append(
            TemporalExpression(
                char_start=mention.start,
                char_end=mention.end,
                text=mention.text,
                type=mention.type,
                value=resolution.value,
                underspecified=str(mention.spec),
                interval=resolution.interval,
                mod=mention.mod,
                rule=mention.rule,
            )
        )
        if (
            resolution.interval is not None
            and mention.type in (TimexType.DATE, TimexType.TIME)
            and mention.spec.op != "comparable"  # a comparison does not move the narrative
        ):
            meant = _meant_granularity(mention.spec, resolution.interval)
            anchors.append((resolution.interval, meant))
            # "last year" in a report is a comparison ("up from $3 million last year"): "the
            # year-earlier results" that follow are still a year before the report's year
            last_year = mention.spec.op == "shift" and mention.spec.args[:2] == ("year", "-1")
            if _RANK[meant] <= _RANK[Granularity.YEAR] and not last_year:
                with suppress(ValueError):  # 9999 has no year after it in the calendar
                    narrative_year = year_interval(resolution.interval.start.year)
            told = reference is None or resolution.interval.start <= reference.point
            if meant in _PARTS_OF_YEAR and told:
                recent = resolution.interval
            elif _RANK[meant] >= _RANK[Granularity.YEAR] and not last_year:
                recent = None
            if meant is Granularity.QUARTER:
                # a report is about a period that is over (or a fiscal one told in the
                # past, "earned ... in the fourth quarter ended Sept. 30"): "a fourth-quarter
                # charge" said in October looks ahead and leaves the reported quarter in
                # place, and so does an earlier one ("after a flat second quarter")
                interval = resolution.interval
                ahead = reference is not None and interval.end > reference.point
                earlier = period is not None and interval.start < period.start
                if not earlier and not (ahead and mention.spec.direction is not Direction.PAST):
                    period = reported = recent = interval
            elif (
                _RANK[meant] >= _RANK[Granularity.YEAR]
                and not (reference is not None and resolution.interval.start > reference.point)
                and not last_year
            ):
                # a year ahead is a forecast, "last year" a comparison: the report goes on
                # after them
                period = None
        elif (
            mention.type is TimexType.DURATION
            and _REPORT_SPAN_RE.match(resolution.value)
            and "-" not in mention.text  # an adjective: "a nine-month contract"
        ):
            period = recent = None
    return out
