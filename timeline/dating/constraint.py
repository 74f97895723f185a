"""The common currency of dating: a scored condition on the publication day.

Every signal (``timeline.dating.signals``) turns what it reads into ``Constraint``s; the
estimate (``timeline.dating.content``) sums their scores over candidate days.  Scores are
log-likelihoods, so independent clues combine by addition and one clue alone leaves a
wide, honest range.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from timeline.model import Evidence, Interval


@dataclass(frozen=True, slots=True)
class Constraint:
    """A scored condition on the publication day, with the evidence it stands for."""

    evidence: Evidence
    score: Callable[[date], float]
    hard: bool = False  # reported as evidence only where it holds at the estimate
    # where a narrow constraint holds: the search looks there day by day, since the
    # monthly first pass can step over a week-wide window
    focus: tuple[Interval, ...] = ()
    # a hard constraint is reported where it scores at least this at the estimate: above
    # zero for a bonus that holds, near zero for a penalty it hardly pays (the era)
    shown_from: float = 1e-9
    # the same every year ("on Tuesday" lies near publication whatever the year): it
    # places a text within its year, never in one, so the choice of years leaves it out
    periodic: bool = False
    # a prior guessed from other texts (the era of the batch, of similar texts): it may
    # choose among the years the text allows, never rule one out of the reported interval
    prior: bool = False
    # a link to another text's date (the same story, the same event): targeted evidence
    # that may narrow the interval below the years the text alone allows
    link: bool = False


FIRST_YEAR = 1900  # the earliest year a text is dated to


def span_years() -> int:
    """How many years a text may be from: ``FIRST_YEAR`` to next year."""
    return date.today().year + 2 - FIRST_YEAR


def odds_weight(sure: float, years_inside: float) -> float:
    """The log-likelihood ratio of a year a clue allows against one it rules out.

    A clue right with probability ``sure`` puts publication in ``years_inside`` years;
    wrong, anywhere in the others.  Per year, inside weighs ``sure / years_inside`` and
    outside ``(1 - sure) / years_outside``: a president's eight years named in a text
    right 97 times in 100 weigh e^6 against any other year, a clue that allows twenty
    years far less.  Weights are per year because years are what the estimate weighs
    (``content.year_curve``).
    """
    inside = max(years_inside, 1.0)
    outside = max(span_years() - inside, 1.0)
    return math.log(sure / inside) - math.log((1.0 - sure) / outside)


def years_in(intervals: Sequence[Interval]) -> float:
    """How many years a text may be from ``intervals`` cover, each counted once."""
    last = date.today().year + 1
    return float(
        len(
            {
                y
                for i in intervals
                for y in range(max(i.start.year, FIRST_YEAR), min(i.end.year, last) + 1)
            }
        )
    )


def within(allowed: tuple[Interval, ...], weight: float) -> Callable[[date], float]:
    """``weight`` on the days inside any of ``allowed``, nothing elsewhere."""
    return lambda day: weight if any(i.contains(day) for i in allowed) else 0.0
