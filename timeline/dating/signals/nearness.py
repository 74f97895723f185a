"""Relative references lie near publication: "On June 14", "last month", "on Tuesday".

A date without its year, a month or a weekday is, in news, close to the day the text
was written: "On June 14" is rarely two years back.  The further the day it resolves to
from a candidate publication day, the more that candidate pays.  These references repeat
every year, so they place a text within its year, never in one.

Examples:

* "On June 14" (past) -> a past reference close to publication: June 14 within the
  month before is free, each month further costs ``NEARNESS_PER_MONTH``
* "on Tuesday" -> each day the Tuesday lies from publication costs ``WEEKDAY_PER_DAY``
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from timeline.dating.clues import DatingInput
from timeline.dating.constraint import Constraint
from timeline.model import Evidence
from timeline.temporal.recognise import Mention
from timeline.temporal.resolve import Reference, resolve

NEARNESS_PER_MONTH = 0.25  # penalty per month an unyeared date lies from publication
WEEKDAY_PER_DAY = 0.08  # penalty per day a weekday reference lies from publication
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
    per_day = WEEKDAY_PER_DAY if mention.spec.op == "weekday" else NEARNESS_PER_MONTH / 30.4
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
    )
