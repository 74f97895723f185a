"""Explicit dates: a year the text names, read by tense and by how far news reaches.

An explicit date in a past-tense clause happened before publication, one in a future
clause is still ahead.  Which *year* that leaves comes from the gap tables of
``timeline.dating.years`` (relative gaps, never absolute years): the latest year named
in a past clause and the earliest named in a future clause bound the publication year;
the other references only rule out the years on their wrong side.

Examples (the evidence each gives):

* "sales rose in 1988" -> past-reference, published after 1988-01-01
* "the notes mature in 2011" -> a contract's horizon: future, but no bound
* "wants to sell them by 1994" -> a goal: future whatever the verb's tense, no bound
* "the November 1995 assassination" -> past, whatever the clause says
* "the first talks since 2022 would..." -> past
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from datetime import date, timedelta

from timeline.dating.clues import DatingInput
from timeline.dating.constraint import Constraint
from timeline.dating.years import year_log_score
from timeline.model import Evidence, Granularity, Interval
from timeline.temporal.recognise import Mention
from timeline.temporal.spec import Direction

# Within the year the gap tables of ``timeline.dating.years`` choose, a date given to the
# month or day is likelier to be a few months old (past) or ahead (future) than further:
# log-scores by months, looking the way the tense says.
_MONTH_GAPS = {
    "past": (-0.3, -0.5, -0.5, -0.9, -0.9, -0.9),
    "future": (-0.3, -0.5, -0.5, -0.9),
    "near": (-0.3, -0.6, -0.9),
}
_WITHIN_PERIOD = 0.6
# ... a shape within the year that averages to one: the gap tables give the year as a
# whole its probability, so how it spreads over the year must not lower it (the mean of
# ``remaining ** _WITHIN_PERIOD`` over the year, ``remaining`` floored at 0.1)
_WITHIN_PERIOD_MEAN = 0.1 * 0.1**_WITHIN_PERIOD + (1 - 0.1 ** (1 + _WITHIN_PERIOD)) / (
    1 + _WITHIN_PERIOD
)
# a past reference to a decade after publication: a tense error, common with decades
# ("the 1990s" looked forward to in 1989 but tagged past)
_WRONG_SIDE_COARSE = -2.0
_FAR_MONTHS = -1.5
_MONTH_BONUS = 0.5
_WRONG_SIDE_MONTHS = -3.0  # same year, wrong side of a dated reference: a tense error


def _gap_score(interval: Interval, direction: Direction, bound: bool) -> Callable[[date], float]:
    """Log-score of publication on ``day`` for an explicit date named with ``direction``.

    Which *year* comes from the gap tables of ``timeline.dating.years``; within a year,
    dates given to the month or day prefer the months just after (past) or before
    (future) them, and a bare year the part of it the tense implies.
    """
    by_month = interval.granularity.rank < Granularity.YEAR.rank
    table = _MONTH_GAPS[direction.value]
    coarse = interval.granularity.rank > Granularity.YEAR.rank  # decades, centuries
    start, last = interval.start, interval.end - timedelta(days=1)

    def score(day: date) -> float:
        if coarse:  # "the 1980s": only which side of it we are on
            if direction is Direction.PAST:
                return _WRONG_SIDE_COARSE if day < start else 0.0
            if direction is Direction.FUTURE:
                return _WRONG_SIDE_COARSE if day > last else 0.0
            return 0.0
        base = year_log_score(start.year, day.year, direction, dated=by_month, bound=bound)
        if by_month:
            before = (start.year - day.year) * 12 + start.month - day.month
            after = (day.year - last.year) * 12 + day.month - last.month
            if direction is Direction.PAST:
                k = after if before <= 0 else -1
            elif direction is Direction.FUTURE:
                k = before if after <= 0 else -1
            else:
                k = max(before, after, 0)
            if k < 0:
                return base + _WRONG_SIDE_MONTHS
            # a bonus for the months just after (before) it, none further away
            return base + _MONTH_BONUS * (
                (table[k] if k < len(table) else _FAR_MONTHS) - _FAR_MONTHS
            )
        if day.year == start.year and direction is not Direction.NEAR:
            # within the period itself, a past event is likelier the more of the period
            # has gone by ("his 2024 book" is unlikely to be three weeks old in January)
            elapsed = (day - start).days / max(1, (last - start).days + 1)
            remaining = elapsed if direction is Direction.PAST else 1.0 - elapsed
            base += _WITHIN_PERIOD * math.log(max(remaining, 0.1)) - math.log(_WITHIN_PERIOD_MEAN)
        return base

    return score


_SINCE_RE = re.compile(r"\bsince\b[^.;:,!?]{0,40}$", re.IGNORECASE)
# a contract's horizon ("debentures due March 1, 2011", "notes maturing in 2004", "the
# option expires Dec. 31, 1994"): years ahead, as far as the contract runs, so it bounds
# publication from above only, never as "the earliest future year" does
_HORIZON_RE = re.compile(
    r"\b(?:due|matur(?:e|es|ed|ing|ity)|expir(?:e|es|ing|ation)|redeemable|callable"
    r"|convertible)\b(?:\s+(?:in|on|at|by|until))?\s*$",
    re.IGNORECASE,
)
# a deadline or a goal ("boost revenue ... by the end of 1990", "divest all junk bonds
# by 1994"): said of the future whatever the tense of the verb that reports it
_DEADLINE_RE = re.compile(
    r"\bby\s+(?:the\s+(?:end|middle|start|beginning|close)\s+of\s+|(?:early|mid|late)-?\s*)?$",
    re.IGNORECASE,
)
_INTENT_RE = re.compile(
    r"\b(?:wants?|wanted|plans?|planned|intends?|intended|aims?|aimed|goal|target|expects?"
    r"|expected|requires?|required|must|will|would|should|hopes?|hoped|seeks?|sought"
    r"|projects?|projected|projections?|forecasts?|forecasted|predict(?:s|ed|ing)?"
    r"|estimates?|estimated|promised?|pledged?|vowed?|scheduled|set to)\b",
    re.IGNORECASE,
)


# a date that names a finished happening ("the November 1995 assassination", "the 1994
# act", "the 2022 invasion") is past whatever the clause's verb says of it
_DATED_HAPPENING_RE = re.compile(
    r"\s*(?:assassination|invasion|attacks?|bombings?|massacre|coup|revolution|crash"
    r"|murders?|killings?|riots?|uprising|earthquake|floods?|war|act|law|treaty|accords?"
    r"|agreement|ruling|decision|merger|acquisition|takeover|crisis|scandal|collapse"
    r"|victory|defeat|shootings?|disaster|referendum|annexation|withdrawal)\b",
    re.IGNORECASE,
)


def reading(mention: Mention, text: str) -> tuple[Direction, bool]:
    """Which way an explicit date looks from the text, and whether it may bound the year.

    The direction is the clause's tense, except that whatever follows "since" lies in
    the past of the text whatever the verb ("the first talks since 2022 would..."), as
    does a date naming a finished happening ("the 1995 assassination"), and a contract's
    horizon or a deadline set by a wish or a duty ("wants to double sales by 1992") lies
    ahead.  Those two say how far ahead someone looks, not how near the present is, so
    they are never the latest past or earliest future year the text names.
    """
    before = text[max(0, mention.start - 48) : mention.start]
    horizon = _HORIZON_RE.search(before) is not None
    deadline = _DEADLINE_RE.search(before) is not None
    may_bound = not (horizon or deadline)
    if _SINCE_RE.search(before) or _DATED_HAPPENING_RE.match(text, mention.end):
        return Direction.PAST, may_bound
    if horizon or (deadline and _INTENT_RE.search(_clause_before(text, mention.start))):
        return Direction.FUTURE, may_bound
    return mention.spec.direction, may_bound


def _clause_before(text: str, position: int) -> str:
    start = max(text.rfind(". ", 0, position), text.rfind("\n", 0, position), position - 160)
    return text[max(0, start) : position]


def constraints(clues: DatingInput) -> Iterable[Constraint]:
    """One constraint per distinct explicit date the text names, scored by tense and gap."""
    named: list[tuple[Mention, Interval, Direction, bool]] = []
    # a date named five times is one piece of evidence, not five
    seen: set[tuple[Interval, Direction]] = set()
    for mention, interval in clues.explicit:
        if clues.in_byline(mention):
            continue  # the page's own date: ``signals.byline``'s
        direction, may_bound = reading(mention, clues.text)
        if (interval, direction) not in seen:
            seen.add((interval, direction))
            named.append((mention, interval, direction, may_bound))
    bounds = {
        direction: pick(
            (
                (i.start.year, i.granularity is not Granularity.YEAR, k)
                for k, (_, i, d, may_bound) in enumerate(named)
                if d is direction and may_bound and i.granularity.rank <= Granularity.YEAR.rank
            ),
            default=None,
        )
        for direction, pick in (
            (Direction.PAST, max),
            (Direction.FUTURE, min),
            (Direction.NEAR, max),
        )
    }
    for k, (mention, interval, direction, _) in enumerate(named):
        bound = bounds.get(direction)
        is_bound = bound is not None and bound[2] == k
        implies = {
            Direction.PAST: f"published after {interval.start}",
            Direction.FUTURE: f"published before {interval.end}",
            Direction.NEAR: f"published around {interval.start}..{interval.end}",
        }[direction]
        source = f"{direction.value}-reference"
        yield Constraint(
            Evidence(source, mention.text, implies), _gap_score(interval, direction, is_bound)
        )
