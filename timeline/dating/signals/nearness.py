"""Relative references lie near publication: "On June 14", "last month", "on Tuesday".

A date without its year, a month or a weekday is, in news, close to the day the text
was written: "On June 14" is rarely two years back.  The further the day it resolves to
from a candidate publication day, the more that candidate pays.  These references repeat
every year, so they place a text within its year, never in one.

Examples:

* "On June 14" (past) -> a past reference close to publication: June 14 within the
  month before is free, each month further costs ``NEARNESS_PER_MONTH``
* "on Tuesday" (past) -> each day the Tuesday lies before publication costs 0.5: the
  day itself or the next is likeliest
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from timeline.dating.clues import DatingInput
from timeline.dating.constraint import Constraint
from timeline.model import Evidence
from timeline.temporal.recognise import Mention
from timeline.temporal.resolve import Reference, resolve

# How far news reaches with a relative date, read off the development corpora (TBAQ and
# the tuning half of htmldate-eval, each reference resolved against the true date): a
# yearless day said in the past is within the month before publication about half the
# time, and each month further halves it; a weekday said in the past is today's or
# yesterday's two times in three (0: 160, 1: 98, 2: 40, 3: 48, 4: 17, 5: 4, 6: 9 of 378);
# one said of the future is spread over the week ahead.
NEARNESS_PER_MONTH = 0.6  # penalty per month an unyeared date lies from publication
WEEKDAY_PER_DAY = {"past": 0.5, "future": 0.2, "near": 0.3}  # per day a weekday lies away
_OPS = ("fill", "holiday", "weekday", "alt")


def constraints(clues: DatingInput) -> Iterable[Constraint]:
    """One soft constraint per distinct relative date the text names."""
    seen: set[str] = set()
    for mention in clues.mentions:
        if (
            mention.spec.op in _OPS
            and mention.spec.needs_reference
            and str(mention.spec) not in seen
        ):
            seen.add(str(mention.spec))
            yield _nearness(mention)


def _nearness(mention: Mention) -> Constraint:
    if mention.spec.op == "weekday":
        per_day = WEEKDAY_PER_DAY[mention.spec.direction.value]
    else:
        per_day = NEARNESS_PER_MONTH / 30.4
    free_days = 0 if mention.spec.op == "weekday" else 31

    def penalty(day: date) -> float:
        resolved = resolve(mention.spec, Reference.of(day)).interval
        if resolved is None:
            return 0.0
        if resolved.contains(day):
            return 0.0
        distance = min(abs((resolved.start - day).days), abs((resolved.end - day).days))
        return per_day * max(0, distance - free_days)

    return Constraint(
        Evidence(
            "near-reference",
            mention.text,
            f"a {mention.spec.direction.value} reference close to publication",
        ),
        lambda day: -penalty(day),
        periodic=True,
    )
