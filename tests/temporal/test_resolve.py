"""Pure calendar resolution (``timeline.temporal.resolve``): no text, only specs and dates.

These pin the arithmetic the corpus relies on at its edges: leap days, year boundaries,
ISO weeks that belong to the neighbouring year, and the hull of an uncertain reference.
"""

from __future__ import annotations

from datetime import date

import pytest

from timeline.model import Granularity, Interval
from timeline.temporal.resolve import Reference, covering, resolve
from timeline.temporal.spec import Direction, Spec, parse_spec
from timeline.temporal.values import value_interval


def _value(spec: str, ref: str, anchor: str | None = None) -> str:
    interval = value_interval(anchor) if anchor else None
    return resolve(parse_spec(spec), Reference.of(date.fromisoformat(ref)), interval).value


@pytest.mark.parametrize(
    ("spec", "ref", "value"),
    [
        # a date missing its year, chosen by direction around the new year
        ("fill XXXX-12-31 dir=past", "2025-01-02", "2024-12-31"),
        ("fill XXXX-12-31 dir=future", "2025-01-02", "2025-12-31"),
        ("fill XXXX-01-03 dir=future", "2024-12-30", "2025-01-03"),
        ("fill XXXX-01-03 dir=near", "2024-12-30", "2025-01-03"),
        ("fill XXXX-06-14 dir=past", "2025-06-14", "2025-06-14"),
        ("fill XXXX-06-14 dir=future", "2025-06-14", "2025-06-14"),
        # 29 February exists only in leap years
        ("fill XXXX-02-29 dir=past", "2025-03-01", "2024-02-29"),
        ("fill XXXX-02-29 dir=near", "2024-03-10", "2024-02-29"),
        ("fill XXXX-11 dir=past", "2025-02-10", "2024-11"),
        ("fill XXXX-11 dir=future", "2025-02-10", "2025-11"),
        ("fill XXXX-02 dir=past", "2025-02-10", "2025-02"),
        ("fill XXXX-Q4 dir=past", "2025-02-10", "2024-Q4"),
        ("fill XXXX-WI dir=future", "2025-09-02", "2025-WI"),
        ("fill XXXX-WI dir=past", "2025-09-02", "2024-WI"),
        ("fill XXXX-SU dir=past", "2025-02-10", "2024-SU"),
        # day arithmetic over leap days and year ends
        ("shift day 1 dir=future", "2024-02-28", "2024-02-29"),
        ("shift day 1 dir=future", "2023-02-28", "2023-03-01"),
        ("shift day -1 dir=past", "2024-03-01", "2024-02-29"),
        ("shift day 1 dir=future", "2024-12-31", "2025-01-01"),
        ("shift day -1 dir=past", "2025-01-01", "2024-12-31"),
        ("shift month -1 dir=past", "2025-01-15", "2024-12"),
        ("shift month 1 dir=future", "2024-12-31", "2025-01"),
        ("shift month -14 dir=past", "2025-01-31", "2023-11"),
        ("shift quarter -1 dir=past", "2025-02-10", "2024-Q4"),
        ("shift quarter 1 dir=future", "2025-11-30", "2026-Q1"),
        ("shift year 0 dir=near", "2024-12-31", "2024"),
        ("shift decade -1 dir=past", "2025-09-02", "201"),
        ("shift century 0 dir=near", "2000-06-01", "20"),
        ("shift century 0 dir=near", "1999-06-01", "19"),
        # ISO weeks: 30 December 2024 is in week 1 of 2025; 2020 had 53 weeks
        ("shift week 0 dir=near", "2024-12-30", "2025-W01"),
        ("shift week -1 dir=past", "2024-12-30", "2024-W52"),
        ("shift week 1 dir=future", "2024-12-30", "2025-W02"),
        ("shift week 0 dir=near", "2021-01-01", "2020-W53"),
        ("shift week -1 dir=past", "2021-01-04", "2020-W53"),
        ("shift week -1 dir=past", "2026-01-01", "2025-W52"),
        ("shift week 0 dir=near", "2027-01-01", "2026-W53"),
        ("shift weekend -1 dir=past", "2025-09-02", "2025-W35-WE"),
        ("shift weekend 0 dir=near", "2024-12-30", "2025-W01-WE"),
        # weekdays: the reference's own weekday is that day whatever the direction
        ("weekday 2 dir=past", "2025-09-02", "2025-09-02"),
        ("weekday 2 dir=future", "2025-09-02", "2025-09-02"),
        ("weekday 1 dir=past", "2025-09-02", "2025-09-01"),
        ("weekday 1 dir=future", "2025-09-02", "2025-09-08"),
        ("weekday 5 dir=future", "2024-12-30", "2025-01-03"),
        ("weekday 7 dir=past", "2025-01-01", "2024-12-29"),
        ("weekday 6 this dir=near", "2025-09-02", "2025-09-06"),
        ("weekday 1 this dir=near", "2025-09-05", "2025-09-01"),
        ("weekend dir=past", "2025-09-02", "2025-W35-WE"),
        ("weekend dir=future", "2025-09-02", "2025-W36-WE"),
        ("weekend dir=past", "2025-09-06", "2025-W36-WE"),
        ("weekend dir=future", "2024-12-31", "2025-W01-WE"),
        ("within XXXX-Q3 year -1 dir=past", "2025-09-02", "2024-Q3"),
        ("within XXXX-H2 year 0 dir=future", "2025-02-10", "2025-H2"),
        ("within XXXX-06 year -1 dir=past", "2025-01-05", "2024-06"),
        ("holiday christmas dir=past", "2025-12-24", "2024-12-25"),
        ("holiday christmas dir=future", "2025-12-26", "2026-12-25"),
        ("holiday christmas dir=past", "2025-12-25", "2025-12-25"),
        ("holiday easter dir=future", "2025-09-02", "2026-04-05"),
        ("holiday easter dir=past", "2025-09-02", "2025-04-20"),
        # times of day on a resolved day
        ("weekday 5 dir=future time=T15:00", "2025-09-02", "2025-09-05T15:00"),
        ("shift day -1 dir=past time=NI", "2025-01-01", "2024-12-31TNI"),
        ("fill XXXX-09-01 dir=past time=MO", "2025-09-02", "2025-09-01TMO"),
        # fully specified values need no reference
        ("abs 2019-06-28", "2025-09-02", "2019-06-28"),
        ("abs 199", "2025-09-02", "199"),
        ("dur P3.5Y", "2025-09-02", "P3.5Y"),
        ("set XXXX-WXX-1", "2025-09-02", "XXXX-WXX-1"),
        ("ref PAST_REF", "2025-09-02", "PAST_REF"),
        # ranges and alternatives: each later part comes after the one before
        ("range fill XXXX-10 dir=past ; fill XXXX-03 dir=past", "2025-02-10", "2024-10/2025-03"),
        (
            "range weekday 1 dir=future ; weekday 3 dir=future",
            "2025-09-02",
            "2025-09-08/2025-09-10",
        ),
        ("alt fill XXXX-12 dir=future ; fill XXXX-01 dir=future", "2025-09-02", "2025-12/2026-01"),
        ("range abs 2019 ; abs 2021", "2025-09-02", "2019/2021"),
    ],
)
def test_resolve_value(spec: str, ref: str, value: str) -> None:
    assert _value(spec, ref) == value


@pytest.mark.parametrize(
    ("spec", "anchor", "value"),
    [
        ("anaphor day 1 dir=past", "2023-06-02", "2023-06-03"),
        ("anaphor day -1 dir=past", "2024-03-01", "2024-02-29"),
        ("anaphor week 1 dir=past", "2024-12-30", "2025-W02"),
        ("anaphor month 3 dir=past", "2020-03", "2020-06"),
        ("anaphor year 1 dir=past", "2019", "2020"),
        ("anaphor decade 1 dir=past", "1998", "200"),
        ("anaphor day 0 dir=past time=T03:15", "2025-08-28", "2025-08-28T03:15"),
    ],
)
def test_anaphor_counts_from_the_anchor(spec: str, anchor: str, value: str) -> None:
    assert _value(spec, "2025-09-02", anchor) == value


@pytest.mark.parametrize(
    ("spec", "anchor", "value"),
    [
        # "the same month a year ago": the narrative's month, a year back
        ("offset year -1 (anaphor month 0 dir=past)", "2025-03-14", "2024-03"),
        ("offset year -1 (anaphor quarter 0 dir=past)", "2025-Q3", "2024-Q3"),
        ("offset year -1 (anaphor week 0 dir=past)", "2025-W10", "2024-W10"),
        ("offset year -2 (anaphor day 0 dir=past time=MO)", "2025-06-01", "2023-06-01TMO"),
        ("offset year -1 (abs 2024-02-29)", "2025", "2023-02-28"),
        ("offset week -1 (weekday 5 dir=past)", "2025-09-02", "2025-08-22"),
        ("offset month 1 (abs 2025-01-31)", "2025", "2025-02-28"),
        # "the last week of March" belongs to March by its Thursday (ISO)
        ("nth week -1 (fill XXXX-03 dir=past)", "2025-09-02", "2025-W13"),
        ("nth week 1 (fill XXXX-03 dir=past)", "2025-09-02", "2025-W10"),
        ("nth week 1 (abs 2026-01)", "2025", "2026-W01"),
        ("nth day -1 (abs 2024-02)", "2025", "2024-02-29"),
        ("nth day 1 (abs 2024)", "2025", "2024-01-01"),
        ("nth weekend 1 (abs 2025-05)", "2025", "2025-W18-WE"),
        ("nth weekend -1 (abs 2025-05)", "2025", "2025-W22-WE"),
        ("nth month -1 (abs 2024-Q3)", "2025", "2024-09"),
        ("nth month 2 (abs 2024)", "2025", "2024-02"),
    ],
)
def test_nested_specs_build_on_their_part(spec: str, anchor: str, value: str) -> None:
    assert _value(spec, "2025-09-02", anchor) == value


@pytest.mark.parametrize(
    "spec",
    ["nth week 6 (abs 2025-03)", "nth day 0 (abs 2025)", "nth month 13 (abs 2025)"],
)
def test_nested_spec_outside_its_part_is_unresolved(spec: str) -> None:
    assert resolve(parse_spec(spec), Reference.of(date(2025, 9, 2))).interval is None


def test_anaphor_without_anchor_counts_from_the_reference() -> None:
    assert _value("anaphor day 1 dir=past", "2025-09-02") == "2025-09-03"


def test_without_reference_values_keep_unknown_parts() -> None:
    unanchored = {
        "fill XXXX-06-14 dir=past": "XXXX-06-14",
        "weekday 3 dir=future": "XXXX-WXX-3",
        "shift day -1 dir=past": "XXXX-XX-XX",
        "shift month 1 dir=future": "XXXX-XX",
        "within XXXX-Q3 year -1 dir=past": "XXXX-Q3",
        "weekend dir=past": "XXXX-WXX-WE",
        "abs 2024-06": "2024-06",
    }
    for spec, value in unanchored.items():
        resolution = resolve(parse_spec(spec), None)
        assert resolution.value == value, spec
    assert resolve(parse_spec("fill XXXX-06-14 dir=past"), None).interval is None


def test_resolved_intervals_match_their_values() -> None:
    resolution = resolve(parse_spec("shift week -1 dir=past"), Reference.of(date(2021, 1, 4)))
    assert resolution.interval == Interval(date(2020, 12, 28), date(2021, 1, 4), Granularity.WEEK)
    weekend = resolve(parse_spec("weekend dir=past"), Reference.of(date(2025, 9, 2)))
    assert weekend.interval == Interval(date(2025, 8, 30), date(2025, 9, 1), Granularity.WEEK)
    alt = resolve(
        parse_spec("alt fill XXXX-02 dir=past ; fill XXXX-03 dir=past"),
        Reference.of(date(2025, 9, 2)),
    )
    assert alt.interval == Interval(date(2025, 2, 1), date(2025, 4, 1), Granularity.MONTH)


def _month(year: int, month: int) -> Interval:
    interval = value_interval(f"{year:04d}-{month:02d}")
    assert interval is not None
    return interval


@pytest.mark.parametrize(
    ("spec", "value", "granularity"),
    [
        # the reference is only known to the month (August 2025, best guess the 15th)
        ("shift month 0 dir=near", "2025-08", Granularity.MONTH),  # the same at both ends
        ("shift day 0 dir=near", "2025-08", Granularity.MONTH),  # any day of August
        ("shift day -1 dir=past", "2025-07/2025-08", Granularity.MONTH),  # 31 July .. 30 Aug
        ("shift year -1 dir=past", "2024", Granularity.YEAR),
        ("weekday 5 dir=past", "2025-08", Granularity.MONTH),  # 1 August .. 29 August
        ("fill XXXX-06-14 dir=past", "2025-06-14", Granularity.DAY),
    ],
)
def test_uncertain_reference_gives_the_covering_period(
    spec: str, value: str, granularity: Granularity
) -> None:
    reference = Reference(date(2025, 8, 15), _month(2025, 8))
    resolution = resolve(parse_spec(spec), reference)
    assert resolution.value == value
    assert resolution.interval is not None
    assert resolution.interval.granularity is granularity


def test_uncertain_reference_over_a_year_end() -> None:
    """Known only to December 2024 .. January 2025: "this year" is 2024 or 2025."""
    span = Interval(date(2024, 12, 1), date(2025, 2, 1), Granularity.MONTH)
    reference = Reference(date(2024, 12, 30), span)
    assert resolve(parse_spec("shift year 0 dir=near"), reference).value == "202"


@pytest.mark.parametrize(
    ("start", "end", "value", "granularity"),
    [
        ("2025-08-14", "2025-08-15", "2025-08-14", Granularity.DAY),
        ("2025-08-01", "2025-08-20", "2025-08", Granularity.MONTH),
        # up to three consecutive months are a month range, the notation of "June or July"
        ("2025-07-31", "2025-08-31", "2025-07/2025-08", Granularity.MONTH),
        ("2025-01-20", "2025-03-31", "2025-01/2025-03", Granularity.MONTH),
        ("2019-12-31", "2020-01-02", "2019-12/2020-01", Granularity.MONTH),
        ("2025-01-20", "2025-04-02", "2025", Granularity.YEAR),
        ("2011-12-31", "2013-01-02", "201", Granularity.DECADE),
        ("2019-06-30", "2020-08-02", "20", Granularity.CENTURY),  # two decades
        ("2015-06-01", "2022-01-01", "20", Granularity.CENTURY),
        ("1999-06-30", "2000-08-02", "1999/2000", Granularity.CENTURY),
    ],
)
def test_covering(start: str, end: str, value: str, granularity: Granularity) -> None:
    hull = Interval(date.fromisoformat(start), date.fromisoformat(end), Granularity.DAY)
    resolution = covering(hull)
    assert resolution.value == value
    assert resolution.interval is not None
    assert resolution.interval.granularity is granularity
    assert resolution.interval.start <= hull.start and hull.end <= resolution.interval.end


def test_unresolvable_spec_falls_back_to_its_unknown_value() -> None:
    far = Reference.of(date(9999, 12, 31))
    assert resolve(parse_spec("shift year 1 dir=future"), far).interval is None
    assert resolve(Spec("fill", ("XXXX-02-30",), Direction.PAST), far).value == "XXXX-02-30"


@pytest.mark.parametrize(
    ("spec", "ref", "value"),
    [
        # a range said to lie ahead that began days ago is under way
        (
            "range fill XXXX-06-09 dir=future ; fill XXXX-06-13 dir=future",
            "2008-06-10",
            "2008-06-09/2008-06-13",
        ),
        # one that began months ago is the next one
        (
            "range fill XXXX-10 dir=future ; fill XXXX-03 dir=future",
            "2008-02-10",
            "2008-10/2009-03",
        ),
        (
            "range fill XXXX-06-09 dir=future ; fill XXXX-06-13 dir=future",
            "2008-06-20",
            "2009-06-09/2009-06-13",
        ),
    ],
)
def test_range_ahead(spec: str, ref: str, value: str) -> None:
    assert _value(spec, ref) == value
