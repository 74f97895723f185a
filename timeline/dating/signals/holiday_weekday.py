"""A named day said to fall on a weekday: "China's Victory Day parade on Wednesday".

The named day falls on that weekday only in some years, and the text, speaking of it by
its weekday, was written within a week of it (before it when the weekday looks ahead,
after it when it looks back).

Examples:

* "the Victory Day parade on Wednesday" (future) -> published in the six days before a
  3 September that was a Wednesday: 2025, 2031...
* "on Tuesday, before Victory Day" -> nothing: the weekday is not the named day's
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from datetime import timedelta

from timeline.dating.clues import DatingInput
from timeline.dating.constraint import Constraint, odds_weight, within, years_in
from timeline.model import Evidence, Granularity, Interval
from timeline.temporal.holidays import holiday_date
from timeline.temporal.spec import Direction

COINCIDENCE_RIGHT = 0.95  # a named day and a weekday in one clause are the same day
_YEARS = range(1900, 2101)
# what separates a named day from a weekday that is not its day ("on Tuesday, before
# Victory Day"): punctuation or a relation between two times
_NOT_SAME_DAY_RE = re.compile(
    r"[.;,\n]|\b(?:before|after|since|until|following|preceding)\b", re.IGNORECASE
)


def constraints(clues: DatingInput) -> Iterable[Constraint]:
    """A named day and a weekday in one clause ("Victory Day parade on Wednesday")."""
    text = clues.text
    for a, b in itertools.pairwise(clues.mentions):
        pair = {a.spec.op: a, b.spec.op: b}
        if set(pair) != {"holiday", "weekday"} or b.start - a.end > 40:
            continue
        if _NOT_SAME_DAY_RE.search(text[a.end : b.start]):
            continue
        holiday, weekday = pair["holiday"], pair["weekday"]
        isoweekday = int(weekday.spec.args[0])
        direction = weekday.spec.direction
        allowed = []
        for year in _YEARS:
            day = holiday_date(holiday.spec.args[0], year, holiday.spec.args[1:])
            if day is None or day.isoweekday() != isoweekday:
                continue
            if direction is Direction.FUTURE:
                allowed.append(
                    Interval(day - timedelta(days=6), day + timedelta(days=1), Granularity.WEEK)
                )
            elif direction is Direction.PAST:
                allowed.append(Interval(day, day + timedelta(days=7), Granularity.WEEK))
            else:
                allowed.append(
                    Interval(day - timedelta(days=6), day + timedelta(days=7), Granularity.WEEK)
                )
        if allowed:
            years = ", ".join(str(i.end.year) for i in allowed if 1990 <= i.end.year <= 2040)
            yield Constraint(
                Evidence(
                    "weekday-coincidence",
                    f"{holiday.text} … {weekday.text}",
                    f"{holiday.text} falls on a {weekday.text} in {years or 'few years'};"
                    f" published within a week of it",
                ),
                within(tuple(allowed), odds_weight(COINCIDENCE_RIGHT, years_in(allowed))),
                hard=True,
                focus=tuple(allowed),
            )
