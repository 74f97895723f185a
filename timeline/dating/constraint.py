"""The common currency of dating: a scored condition on the publication day.

Every signal (``timeline.dating.signals``) turns what it reads into ``Constraint``s; the
estimate (``timeline.dating.content``) sums their scores over candidate days.  Scores are
log-likelihoods, so independent clues combine by addition and one clue alone leaves a
wide, honest range.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from timeline.model import Evidence, Interval, Provenance, PublicationDate
from timeline.temporal.values import day_interval


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
    # where it allows publication at all, when that bounds the search (an office's terms)
    span: tuple[Interval, ...] = ()


def within(allowed: tuple[Interval, ...], weight: float) -> Callable[[date], float]:
    """``weight`` on the days inside any of ``allowed``, nothing elsewhere."""
    return lambda day: weight if any(i.contains(day) for i in allowed) else 0.0


def exact_date(
    day: date, source: str, text: str, provenance: Provenance, confidence: float
) -> PublicationDate:
    """A publication date known to the day, from one piece of evidence."""
    return PublicationDate(
        day_interval(day),
        day,
        confidence,
        provenance,
        (Evidence(source, text, f"published on {day}"),),
    )
