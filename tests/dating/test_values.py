"""A publication date's TimeML value agrees with its interval, and its point is reported."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.export.records import published_record
from timeline.model import Granularity, Interval, Provenance, PublicationDate
from timeline.temporal.values import value_interval


def estimate(start: date, end: date, granularity: Granularity, point: date) -> PublicationDate:
    return PublicationDate(Interval(start, end, granularity), point, 0.5, Provenance.CONTENT)


@pytest.mark.parametrize(
    ("start", "end", "granularity", "value"),
    [
        (date(2025, 9, 2), date(2025, 9, 3), Granularity.DAY, "2025-09-02"),
        # inside ISO week 36 (Monday 1 to Sunday 7 September)
        (date(2025, 9, 2), date(2025, 9, 4), Granularity.WEEK, "2025-W36"),
        (date(2025, 9, 1), date(2025, 9, 8), Granularity.WEEK, "2025-W36"),
        # seven days across two ISO weeks: not "2025-W36", which starts on 1 September
        (date(2025, 8, 28), date(2025, 9, 4), Granularity.WEEK, "2025-08-28/2025-09-03"),
        (date(2025, 8, 3), date(2025, 8, 25), Granularity.MONTH, "2025-08"),
        (date(2021, 3, 1), date(2024, 1, 1), Granularity.DECADE, "202"),
        (date(2019, 1, 1), date(2027, 1, 1), Granularity.CENTURY, "2019/2026"),
    ],
)
def test_the_value_holds_the_whole_interval(
    start: date, end: date, granularity: Granularity, value: str
) -> None:
    published = estimate(start, end, granularity, start)
    assert published.value == value
    denoted = value_interval(published.value)
    assert denoted is not None
    assert denoted.start <= start and end <= denoted.end


def test_the_point_is_in_the_record() -> None:
    published = estimate(date(2025, 9, 1), date(2025, 9, 8), Granularity.WEEK, date(2025, 9, 2))
    record = published_record(published)
    assert record is not None
    assert (record["value"], record["start"], record["end"], record["point"]) == (
        "2025-W36",
        "2025-09-01",
        "2025-09-08",
        "2025-09-02",
    )
