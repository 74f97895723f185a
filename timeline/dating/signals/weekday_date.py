"""A yearless date given with its weekday: "on Wednesday, March 13", "Tuesday (March 19)".

The calendar has a given day of the month fall on a given weekday only one year in
seven or so, and a text naming a date without its year speaks of one near publication:
together they leave the few years in which the text can be.  (A yearless dateline and
the weekday of its lead are ``dateline``'s; this is the same knowledge anywhere in the
text.)

Examples:

* "the pope was elected on Wednesday, March 13" -> March 13 was a Wednesday in 2002,
  2013, 2019, 2024: published within months after one of them (the tense says which
  side; a few days either way are allowed for a misread tense)
* "He spoke on Tuesday (March 19)" -> 2002, 2013, 2019, 2024
* "Friday, March 13" in a text naming no other year -> as many years, each a little
* "THURSDAY APRIL 2" heading a line of a tour's dates -> 2009, 2015, 2020, 2026 (a
  dateline that names its own weekday says as much)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

from timeline.dating.clues import DatingInput
from timeline.dating.constraint import FIRST_YEAR, Constraint, odds_weight, within, years_in
from timeline.dating.signals.dateline import is_dateline
from timeline.model import Evidence, Granularity, Interval
from timeline.temporal.data import load_json
from timeline.temporal.recognise import Mention
from timeline.temporal.spec import Direction

# a text names a yearless date of its own weeks, and the weekday it gives is that date's
# (a misprint or a misread weekday is the rest)
WEEKDAY_DATE_RIGHT = 0.9
# how far from publication a yearless date with its weekday lies: mostly days, at most
# a few months (a programme announced ahead, a recap)
NEAR = timedelta(days=120)
# ... on the side its tense says: a past one lies behind publication, a future one ahead,
# give or take a few days ("The Times said in an editorial on Monday, Oct. 26", filed
# the evening before)
WRONG_SIDE = timedelta(days=7)
_MONTH_DAY_RE = re.compile(r"^XXXX-(?P<m>\d\d)-(?P<d>\d\d)$")
_WEEKDAYS: dict[str, int] = {
    name: k for k, name in enumerate(load_json("lexicon.json")["full_weekdays"], 1)
}
_WEEKDAY_RE = re.compile(r"(?i)\b(" + "|".join(_WEEKDAYS) + r")\b")
# between a weekday and its date: a comma, "the", brackets ("Tuesday (March 19)")
_BETWEEN_RE = re.compile(r"^[\s,]*(?:the\s+)?\(?\s*$", re.IGNORECASE)


def constraints(clues: DatingInput) -> Iterable[Constraint]:
    """One constraint per distinct (day of the year, weekday) the text names."""
    seen: set[tuple[int, int, int, Direction]] = set()
    for k, mention in enumerate(clues.mentions):
        found = _weekday_date(clues, k, mention)
        if found is None or found in seen:
            continue
        seen.add(found)
        month, day, weekday, direction = found
        last = date.today().year + 1
        days = [
            d
            for y in range(FIRST_YEAR, last + 1)
            if (d := _day_or_none(y, month, day)) and d.isoweekday() == weekday
        ]
        if not days:
            continue
        before, after = _reach(direction)
        windows = tuple(Interval(d - before, d + after, Granularity.MONTH) for d in days)
        years = ", ".join(str(d.year) for d in days[-4:])
        yield Constraint(
            Evidence(
                "weekday-date",
                mention.text,
                f"{date(2001, month, day):%B} {day} was a {_name(weekday)} in {years}"
                f"{' …' if len(days) > 4 else ''}: published within months "
                f"{_SIDE[direction]} one",
            ),
            within(windows, odds_weight(WEEKDAY_DATE_RIGHT, years_in(windows))),
            hard=True,
        )


_SIDE = {Direction.PAST: "after", Direction.FUTURE: "before", Direction.NEAR: "of"}


def _reach(direction: Direction) -> tuple[timedelta, timedelta]:
    """How far before and after a named day publication may lie, by the tense."""
    if direction is Direction.PAST:
        return WRONG_SIDE, NEAR + timedelta(days=1)
    if direction is Direction.FUTURE:
        return NEAR, WRONG_SIDE + timedelta(days=1)
    return NEAR, NEAR + timedelta(days=1)


def _weekday_date(
    clues: DatingInput, k: int, mention: Mention
) -> tuple[int, int, int, Direction] | None:
    """(month, day, weekday, tense) of a yearless day named with its weekday, else None."""
    match = _MONTH_DAY_RE.match(mention.spec.args[0]) if mention.spec.op == "fill" else None
    if match is None:
        return None
    weekday = _WEEKDAY_RE.match(mention.text)
    # a yearless dateline is dateline's, which reads its weekday off the lead; one that
    # names its own weekday ("THURSDAY APRIL 2" heading a line) is a weekday-date too
    if weekday is None and is_dateline(mention, clues.text):
        return None
    if weekday is None and k > 0:  # "Tuesday (March 19)": two mentions side by side
        before = clues.mentions[k - 1]
        between = clues.text[before.end : mention.start]
        if before.spec.op == "weekday" and _BETWEEN_RE.match(between):
            weekday = _WEEKDAY_RE.match(before.text)
    if weekday is None:
        return None
    weekday_number = _WEEKDAYS[weekday.group(1).casefold()]
    return int(match["m"]), int(match["d"]), weekday_number, mention.spec.direction


def _name(weekday: int) -> str:
    return next(name for name, k in _WEEKDAYS.items() if k == weekday).capitalize()


def _day_or_none(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:  # 29 February
        return None
