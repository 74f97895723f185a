"""Estimate a publication date by scoring candidate days against the signals' constraints.

Every signal (``timeline.dating.signals``) says something about when the text was
written, as a scored condition on the publication day (``Constraint``): explicit dates by
tense and gap, named days on weekdays, office holders, datelines, relative references
near publication, and, from the corpus, sister stories and shared events.  Each
candidate day gets the sum of their scores; the estimate is the best-scoring stretch of
days, reported as an interval with a point, a granularity and the evidence used.
Candidates are scored monthly across the plausible range, then daily around the best
months, so the cost stays small.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from timeline.dating.clues import DatingInput
from timeline.dating.constraint import Constraint
from timeline.dating.signals import all_constraints
from timeline.model import Granularity, Interval, Provenance, PublicationDate

if TYPE_CHECKING:
    from timeline.analysis import TextAnalysis

MARGIN = 1.5  # days scoring within this of the best form the reported interval
_REFINED_MONTHS = 12  # best coarse months searched day by day
_MAX_SEARCH_YEARS = 40  # widest search when other documents point somewhere
_HINT_PADDING_DAYS = 400  # how far beyond what other documents point to the search looks
CLUSTER_GAP = 45  # good days closer than this are one stretch
CREDIBLE = 0.9  # the reported years hold this share of the probability
VALLEY = 0.005  # years less likely than this share end the run of credible years


def _search_range(
    intervals: Sequence[Interval], hints: Sequence[Interval]
) -> tuple[date, date] | None:
    spans: list[tuple[date, date]] = []
    if hints:
        # other documents tell us where to look: search around them, not decades away
        spans.append(
            (
                min(h.start for h in hints) - timedelta(days=_HINT_PADDING_DAYS),
                max(h.end for h in hints) + timedelta(days=_HINT_PADDING_DAYS),
            )
        )
    if intervals:
        spans.append(
            (
                min(i.start for i in intervals),
                max(i.end for i in intervals) + timedelta(days=365 * 6),
            )
        )
    if not spans:
        return None
    lo = min(s for s, _ in spans)
    hi = max(e for _, e in spans)
    if hints and intervals and (hi - lo).days > 365 * _MAX_SEARCH_YEARS:
        # history named in passing ("since 1945") must not stretch a hinted search
        lo = max(lo, spans[0][0] - timedelta(days=365 * _MAX_SEARCH_YEARS // 2))
    return max(date(1900, 1, 1), lo), min(date(2100, 1, 1), hi)


def _score(constraints: Sequence[Constraint], day: date) -> float:
    return sum(c.score(day) for c in constraints)


def _months(lo: date, hi: date) -> Iterable[date]:
    y, m = lo.year, lo.month
    while date(y, m, 15) < hi:
        yield date(y, m, 15)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def estimate_from_content(analysis: TextAnalysis) -> PublicationDate | None:
    """The best publication-date estimate a text supports on its own, or None."""
    clues = DatingInput(analysis)
    return estimate(all_constraints(clues), clues.yearly)


def estimate(
    own: Sequence[Constraint],
    yearly: Sequence[Interval],
    extra: Sequence[Constraint] = (),
    hints: Sequence[Interval] = (),
    provenance: Provenance = Provenance.CONTENT,
) -> PublicationDate | None:
    """The best publication-date estimate the constraints support, or None without any
    explicit date to place the text in time.

    ``own`` are the text's own constraints and ``yearly`` the explicit dates it names (a
    year or finer), which bound the search; ``extra`` are constraints from other
    documents (``timeline.dating.corpus``) and ``hints`` the intervals they point at,
    which bound the search when the text itself names no year.
    """
    constraints = [*own, *extra]
    bounds = _search_range(yearly, [*hints, *(i for c in constraints for i in c.span)])
    if bounds is None:
        return None
    coarse = sorted(((_score(constraints, d), d) for d in _months(*bounds)), reverse=True)
    if not coarse:
        return None
    best_coarse = coarse[0][0]
    months = [d for s, d in coarse if s >= best_coarse - MARGIN - 1.0][:_REFINED_MONTHS]
    # narrow windows (a sister story's week, a holiday's) fall between the monthly samples
    narrow = [*hints, *(f for c in constraints for f in c.focus)]
    narrow = [h for h in narrow if h.days <= 62 and bounds[0] <= h.start < bounds[1]]
    months += [h.start.replace(day=15) for h in narrow]
    months += [(h.end - timedelta(days=1)).replace(day=15) for h in narrow]
    days: dict[date, float] = {}
    for centre in months:
        first = centre.replace(day=1) - timedelta(days=7)
        for k in range(31 + 14):
            day = first + timedelta(days=k)
            if day not in days:
                days[day] = _score(constraints, day)
    best = max(days.values())
    good = sorted(d for d, s in days.items() if s >= best - MARGIN)
    top = [d for d in good if days[d] == best]
    point = top[(len(top) - 1) // 2]
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
    years = _credible_years(coarse, days, point.year)
    if years[0] < lo.year or years[1] > hi.year:
        # the evidence does not settle the year: say so rather than guess one
        lo = min(lo, date(years[0], 1, 1))
        hi = max(hi, date(years[1], 12, 31))
    interval = Interval(lo, hi + timedelta(days=1), _granularity_of(lo, hi))
    used = tuple(c.evidence for c in constraints if c.hard and c.score(point) >= c.shown_from)
    soft = tuple(c.evidence for c in constraints if not c.hard)
    return PublicationDate(interval, point, _confidence(interval), provenance, used + soft)


def _credible_years(
    coarse: Sequence[tuple[float, date]], days: dict[date, float], point_year: int
) -> tuple[int, int]:
    """The run of years around the point's that holds ``CREDIBLE`` of the probability.

    Scores are log-likelihoods; each year weighs ``exp`` of the best score it reaches
    (a profile likelihood: a week-wide window that fits, like a holiday falling on the
    weekday the text says, makes its year as likely as a whole year that fits).  The run
    grows a year at a time, towards the likelier side, and stops at years too unlikely
    to matter (``VALLEY``): a far-off second guess ("the 1961 Bay of Pigs" taken for the
    latest news) is not bridged by decades of years nobody believes in.
    """
    best_of: dict[int, float] = {}
    for score, day in [*coarse, *((s, d) for d, s in days.items())]:
        best_of[day.year] = max(best_of.get(day.year, -math.inf), score)
    top = max(best_of.values())
    mass = {year: math.exp(score - top) for year, score in best_of.items()}
    total = sum(mass.values())
    lo = hi = point_year
    held = mass.get(point_year, 0.0)
    while held < CREDIBLE * total:
        below, above = mass.get(lo - 1, 0.0), mass.get(hi + 1, 0.0)
        if max(below, above) < VALLEY * total:
            break
        if below >= above:
            lo -= 1
            held += below
        else:
            hi += 1
            held += above
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
