"""Named days: Easter arithmetic, nth-weekday holidays and country-dependent dates."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.temporal import tag
from timeline.temporal.holidays import easter, holiday_date, nth_weekday


@pytest.mark.parametrize(
    ("year", "day"),
    [
        (1961, date(1961, 4, 2)),
        (2000, date(2000, 4, 23)),
        (2008, date(2008, 3, 23)),
        (2011, date(2011, 4, 24)),
        (2019, date(2019, 4, 21)),
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2038, date(2038, 4, 25)),  # the latest possible date
        (2285, date(2285, 3, 22)),  # the earliest possible date
    ],
)
def test_easter(year: int, day: date) -> None:
    assert easter(year) == day
    assert easter(year).isoweekday() == 7


@pytest.mark.parametrize(
    ("name", "year", "day"),
    [
        ("good friday", 2025, date(2025, 4, 18)),
        ("easter monday", 2024, date(2024, 4, 1)),
        ("ash wednesday", 2024, date(2024, 2, 14)),
        ("pentecost", 2025, date(2025, 6, 8)),
        ("thanksgiving", 2023, date(2023, 11, 23)),
        ("thanksgiving", 2024, date(2024, 11, 28)),
        ("thanksgiving", 2025, date(2025, 11, 27)),
        ("black friday", 2025, date(2025, 11, 28)),
        ("memorial day", 2024, date(2024, 5, 27)),
        ("labor day", 2025, date(2025, 9, 1)),
        ("martin luther king day", 2025, date(2025, 1, 20)),
        ("christmas", 2025, date(2025, 12, 25)),
        ("new year's eve", 2024, date(2024, 12, 31)),
        ("victory day", 2025, date(2025, 5, 9)),
    ],
)
def test_holiday_date(name: str, year: int, day: date) -> None:
    assert holiday_date(name, year) == day


def test_country_context_changes_the_date() -> None:
    assert holiday_date("victory day", 2025, ("china",)) == date(2025, 9, 3)
    assert holiday_date("victory day", 2025, ("russia",)) == date(2025, 5, 9)
    assert holiday_date("victory day", 2025, ("britain",)) == date(2025, 5, 8)
    assert holiday_date("thanksgiving", 2025, ("canada",)) == date(2025, 10, 13)
    assert holiday_date("independence day", 2025, ("india",)) == date(2025, 8, 15)
    assert holiday_date("no such day", 2025) is None


def test_nth_weekday() -> None:
    assert nth_weekday(2025, 11, 4, 4) == date(2025, 11, 27)
    assert nth_weekday(2024, 5, 1, -1) == date(2024, 5, 27)
    assert nth_weekday(2025, 9, 1, 1) == date(2025, 9, 1)
    assert nth_weekday(2026, 2, 7, -1) == date(2026, 2, 22)


@pytest.mark.parametrize(
    ("text", "dct", "value"),
    [
        ("China's Victory Day parade will be held on Wednesday.", "2025-08-28", "2025-09-03"),
        ("Beijing will mark Victory Day with a parade.", "2025-08-28", "2025-09-03"),
        ("Russia's Victory Day parade was held in Moscow.", "2025-09-02", "2025-05-09"),
        ("Putin attended the Victory Day parade.", "2025-09-02", "2025-05-09"),
        ("Thanksgiving travel is expected to break records.", "2025-11-20", "2025-11-27"),
        ("Canada will celebrate Thanksgiving next month.", "2025-09-15", "2025-10-13"),
        ("Shops will close over Easter.", "2025-09-02", "2026-04-05"),
    ],
)
def test_holidays_in_text(text: str, dct: str, value: str) -> None:
    found = [
        e for e in tag(text, date.fromisoformat(dct)) if e.underspecified.startswith("holiday")
    ]
    assert [e.value for e in found] == [value]
