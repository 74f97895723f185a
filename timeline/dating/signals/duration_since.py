"""A duration since a named year: "the three-and-a-half-year war" in a text naming 2022.

A conflict, a term or a crisis said to have lasted N years, in a text that names the
year it began (the earliest explicit date it names), dates the text N years after it.

Examples:

* "the three-and-a-half-year war" + "since 2022" -> about 2025-08 (to the month: "3.5"
  is not rounded)
* "the three-year war" + "2022" -> 2025, give or take half a year (a round number)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import timedelta

from timeline.dating.clues import DatingInput
from timeline.dating.constraint import Constraint, within
from timeline.model import Evidence, Granularity, Interval, TimexType

DURATION_SINCE = 1.5  # weight of "N-year war" since an explicit year
_YEAR_WORD_NOUNS = (
    "war",
    "conflict",
    "fight",
    "battle",
    "campaign",
    "occupation",
    "siege",
    "presidency",
    "term",
    "reign",
    "rule",
    "crisis",
    "invasion",
    "effort",
    "drought",
)
_YEARS_DURATION_RE = re.compile(r"^P(?P<y>\d+(?:\.\d+)?)Y(?:(?P<m>\d+)M)?$")


def _years_of(value: str) -> float | None:
    """Years in a TimeML duration of years (and months): P3Y -> 3, P3Y6M or P3.5Y -> 3.5."""
    m = _YEARS_DURATION_RE.match(value)
    if m is None:
        return None
    return float(m["y"]) + (int(m["m"]) / 12 if m["m"] else 0.0)


def constraints(clues: DatingInput) -> Iterable[Constraint]:
    """ "the three-and-a-half-year war" with the war's start year named elsewhere."""
    years = [
        i
        for _, i in clues.explicit
        if i.granularity in (Granularity.YEAR, Granularity.MONTH, Granularity.DAY)
    ]
    if not years:
        return
    text = clues.text
    start = min(years, key=lambda i: i.start)
    for mention in clues.mentions:
        if mention.type is not TimexType.DURATION or mention.spec.op != "dur":
            continue
        n = _years_of(mention.spec.args[0])
        if n is None:
            continue
        following = text[mention.end : mention.end + 20].casefold().split()
        if not following or following[0].strip(".,;") not in _YEAR_WORD_NOUNS:
            continue
        if n < 1:
            continue
        slack = 0 if n != int(n) else 183  # "three years" is rounded, "3.5 years" is not
        lo = start.start + timedelta(days=round(n * 365.25) - slack)
        hi = start.end + timedelta(days=round(n * 365.25) + slack)
        yield Constraint(
            Evidence(
                "duration-since",
                f"{mention.text} {following[0]} … {start.start.year}",
                f"about {n:g} years after {start.start.year}: {lo} to {hi}",
            ),
            within((Interval(lo, hi, Granularity.YEAR),), DURATION_SINCE),
            hard=True,
        )
