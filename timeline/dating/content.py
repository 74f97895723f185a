"""Estimate a publication date by scoring candidate days against the signals' constraints.

Every signal (``timeline.dating.signals``) says something about when the text was
written, as a scored condition on the publication day (``Constraint``): explicit dates by
tense and gap, named days on weekdays, office holders, datelines, relative references
near publication, and, from the corpus, sister stories, shared events and the era of
similar texts.  Scores are log-likelihoods, so they add up.

No era is assumed: before the text speaks, every year from ``FIRST_YEAR`` to next year is
as likely as any other.  The estimate is made in two steps, so that the whole range costs
little:

1. **Which years.**  Each year gets the best score its days reach under the constraints
   that say something of the year (a profile likelihood, sampled mid-month and on the
   narrow windows constraints point at); relative references ("on Tuesday"), which
   repeat every year, are left out of this step.  The credible years are the span of
   the likeliest ones holding ``CREDIBLE`` of the probability.
2. **Which days.**  Within the likeliest years, months then days are scored with every
   constraint; the point is the best day, the interval the stretch of good days around
   it, widened to the credible years when the evidence does not settle the year.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from timeline.dating.clues import DatingInput
from timeline.dating.constraint import FIRST_YEAR, Constraint
from timeline.dating.signals import all_constraints
from timeline.model import Granularity, Interval, Provenance, PublicationDate

if TYPE_CHECKING:
    from timeline.analysis import TextAnalysis

MARGIN = 1.5  # days scoring within this of the best form the reported interval
_REFINED_MONTHS = 12  # best coarse months searched day by day
_SEARCHED_YEARS = 8  # the likeliest years searched month by month
_RECHECKED_YEARS = 16  # the likeliest years weighed with the relative references too
_RECHECKED_WITHIN = 12.0  # ... as long as they are within this log-score of the best
CLUSTER_GAP = 45  # good days closer than this are one stretch
CREDIBLE = 0.9  # the reported years hold this share of the probability


def last_year() -> int:
    """The latest year a text is dated to: next year (clocks and time zones differ)."""
    return date.today().year + 1


def years() -> range:
    """Every year a text may be from: ``FIRST_YEAR`` to next year."""
    return range(FIRST_YEAR, last_year() + 1)


def year_curve(
    constraints: Sequence[Constraint],
    only: Iterable[int] | None = None,
    *,
    integrated: bool = False,
) -> list[float]:
    """The best score each year of ``years()`` reaches under ``constraints`` (for the
    years in ``only``, when given; the others get -inf).

    Sampled mid-month, and on the narrow windows the constraints focus on (a holiday
    that falls on the weekday the text says), which mid-month samples step over.

    ``integrated``: how likely the year is as a whole (the log of the mean likelihood
    of its samples) rather than its best day.  The best day over-credits the year a
    past reference names: "in October 1997" fits the last days of 1997 as well as any
    day of 1998, but the whole of 1998 and only a quarter of 1997.  Asked which *year*
    a text is from, the whole year is the right measure (``YEAR_BY``).
    """
    span = years()
    wanted = set(span) if only is None else set(only)
    samples: list[list[date]] = [
        [date(y, m, 15) for m in range(1, 13)] if y in wanted else [] for y in span
    ]
    for c in constraints:
        for window in c.focus:
            for day in (window.start, window.end - timedelta(days=1)):
                if day.year in wanted and day.year in span:
                    samples[day.year - span.start].append(day)
    return [
        (_log_mean_exp if integrated else max)([_score(constraints, day) for day in days])
        if days
        else -math.inf
        for days in samples
    ]


def _log_mean_exp(values: Sequence[float]) -> float:
    top = max(values)
    if top == -math.inf:
        return top
    return top + math.log(sum(math.exp(v - top) for v in values) / len(values))


def _score(constraints: Sequence[Constraint], day: date) -> float:
    return sum(c.score(day) for c in constraints)


def _months(year: int) -> Iterable[date]:
    return (date(year, m, 15) for m in range(1, 13))


def estimate_from_content(analysis: TextAnalysis) -> PublicationDate | None:
    """The best publication-date estimate a text supports on its own, or None."""
    return estimate(all_constraints(DatingInput(analysis)))


def estimate(
    constraints: Sequence[Constraint], provenance: Provenance = Provenance.CONTENT
) -> PublicationDate | None:
    """The best publication-date estimate the constraints support, or None when none of
    them says anything of the year (relative references alone place a text in no year).
    """
    yearly = [c for c in constraints if not c.periodic]
    if not yearly:
        return None
    span = years()
    curve = _year_scores(constraints)
    if curve is None:
        return None  # flat: nothing tells one year from another
    top = max(curve)
    mass = [math.exp(x - top) for x in curve]
    likeliest = sorted(range(len(curve)), key=lambda k: -curve[k])[:_SEARCHED_YEARS]
    # the likeliest years, as long as they are within a hundredth of the best
    searched = [span.start + k for k in likeliest if mass[k] >= 0.01]
    coarse = sorted(
        ((_score(constraints, d), d) for y in searched for d in _months(y)), reverse=True
    )
    best_coarse = coarse[0][0]
    months = [d for s, d in coarse if s >= best_coarse - MARGIN - 1.0][:_REFINED_MONTHS]
    # the point's year is the likeliest year as a whole, its day the best day in it
    chosen = likeliest_year(constraints, searched)
    months += [d for _, d in coarse if d.year == chosen][:3]
    # narrow windows (a sister story's week, a holiday's) fall between the monthly samples
    narrow = [f for c in constraints for f in c.focus if f.days <= 62 and f.start.year in searched]
    months += [h.start.replace(day=15) for h in narrow]
    months += [(h.end - timedelta(days=1)).replace(day=15) for h in narrow]
    days: dict[date, float] = {}
    for centre in months:
        first = centre.replace(day=1) - timedelta(days=7)
        for k in range(31 + 14):
            day = first + timedelta(days=k)
            if day not in days and day.year in span:
                days[day] = _score(constraints, day)
    in_year = {d: s for d, s in days.items() if d.year == chosen} or days
    best = max(in_year.values())
    top_days = sorted(d for d, s in in_year.items() if s == best)
    point = top_days[(len(top_days) - 1) // 2]
    good = sorted(d for d, s in days.items() if s >= best - MARGIN)
    # the reported interval is the hull of the cluster of good days around the point
    # (good days separated by less than CLUSTER_GAP belong together: weekday references
    # make scores oscillate day to day, which must not split an otherwise solid stretch)
    lo = hi = point
    for day in reversed([d for d in good if d < point]):
        if (lo - day).days > CLUSTER_GAP:
            break
        lo = day
    for day in (d for d in good if d > point):
        if (day - hi).days > CLUSTER_GAP:
            break
        hi = day
    first_year, final_year = credible_years(mass, point.year - span.start)
    own = (
        None
        if any(c.link for c in yearly)
        else _own_credible_years([c for c in constraints if not c.prior], len(yearly))
    )
    if own is not None:
        # the batch's era is a guess from other texts: it may pick the point, but the
        # years the text's own evidence holds credible stay in the interval
        first_year, final_year = min(first_year, own[0]), max(final_year, own[1])
    first_year, final_year = span.start + first_year, span.start + final_year
    if first_year < lo.year or final_year > hi.year:
        # the evidence does not settle the year: say so rather than guess one
        lo = min(lo, date(first_year, 1, 1))
        hi = max(hi, date(final_year, 12, 31))
    interval = Interval(lo, hi + timedelta(days=1), _granularity_of(lo, hi))
    used = tuple(c.evidence for c in constraints if c.hard and c.score(point) >= c.shown_from)
    soft = tuple(c.evidence for c in constraints if not c.hard)
    return PublicationDate(interval, point, _confidence(interval), provenance, used + soft)


def likeliest_year(constraints: Sequence[Constraint], candidates: Sequence[int]) -> int:
    """Of ``candidates`` (sorted likeliest first by their best day), the year likeliest
    as a whole (``year_curve(integrated=True)``): asked for a year, the whole year counts,
    not its best day."""
    if len(candidates) < 2:
        return candidates[0]
    span = years()
    whole = year_curve(constraints, candidates, integrated=True)
    return max(candidates, key=lambda y: whole[y - span.start])


def _year_scores(constraints: Sequence[Constraint]) -> list[float] | None:
    """The best score each year of ``years()`` reaches, or None when it is flat.

    The likeliest years are weighed again with every constraint: a year that fits only
    in a month the relative references rule out ("took office on January 20" read in
    the next January) is not as likely as one that fits all year."""
    yearly = [c for c in constraints if not c.periodic]
    if not yearly:
        return None
    span = years()
    curve = year_curve(yearly)
    top = max(curve)
    if top - min(curve) < 1e-9:
        return None
    close = sorted(
        (k for k in range(len(curve)) if curve[k] >= top - _RECHECKED_WITHIN),
        key=lambda k: -curve[k],
    )[:_RECHECKED_YEARS]
    if len(yearly) < len(constraints):
        full = year_curve(constraints, [span.start + k for k in close])
        for k in close:
            curve[k] = full[k]
    return curve


def _own_credible_years(own: Sequence[Constraint], yearly: int) -> tuple[int, int] | None:
    """The credible years (indices into ``years()``) of the text's own evidence, when a
    prior from other texts (``Constraint.prior``) was weighed with it; else None."""
    if len([c for c in own if not c.periodic]) in (0, yearly):
        return None
    curve = _year_scores(own)
    if curve is None:
        return None  # the text says nothing of its years: the prior's span stands
    top = max(curve)
    mass = [math.exp(x - top) for x in curve]
    return credible_years(mass, curve.index(top))


def credible_years(mass: Sequence[float], at: int) -> tuple[int, int]:
    """The span of years (indices into ``mass``) that holds ``CREDIBLE`` of the
    probability: the likeliest years, taken until they hold that much, and everything
    between them, with the point's year ``at``.

    Each year weighs ``exp`` of the best score it reaches (a profile likelihood: a
    week-wide window that fits, like a holiday falling on the weekday the text says,
    makes its year as likely as a whole year that fits).  When the evidence leaves two
    far-apart years (a yearless dateline that fits 1998 and 2009), the span holds both:
    the estimate does not pick one and hide the other.
    """
    total = sum(mass)
    lo = hi = at
    held = 0.0
    for k in sorted(range(len(mass)), key=lambda k: -mass[k]):
        if held >= CREDIBLE * total:
            break
        held += mass[k]
        lo, hi = min(lo, k), max(hi, k)
    return lo, hi


def _granularity_of(lo: date, hi: date) -> Granularity:
    """The granularity whose period around the point covers ``lo..hi`` (inclusive)."""
    width = (hi - lo).days + 1
    if width <= 1:
        return Granularity.DAY
    if width <= 7:
        return Granularity.WEEK
    if (lo.year, lo.month) == (hi.year, hi.month):
        return Granularity.MONTH
    if lo.year == hi.year:
        return Granularity.YEAR
    if lo.year // 10 == hi.year // 10:
        return Granularity.DECADE
    return Granularity.CENTURY


def _confidence(interval: Interval) -> float:
    return round(max(0.05, min(0.9, 0.9 - 0.12 * math.log2(max(1, interval.days)))), 3)
