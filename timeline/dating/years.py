"""How far, in calendar years, news reaches from its publication to the years it names.

An explicit year in a text ("sales rose in 1988", "notes due 2011", "since the 2022
invasion") says something about the publication year, but less than it seems: news calls
its own year "this year" as often as it names it, so a *past* reference to a bare year
is as often last year's or the one before as this year's, and wire copy drops the year
from dates of the current year, so a full past date "Oct. 5, 1988" is as often last
year's as this year's (web pages, which write every date in full, make it this year's).
Future references point mostly to next year; years named with no tense sit mostly at
the publication year.

The tables below are probabilities of the gap ``k`` between the publication year and the
named year, counted the way the tense looks (for past references ``k`` = publication year
minus the named year, for future ones the reverse).  They are *relative*: no table holds
an absolute year, so what was learnt on 1989 news says nothing of 2013's years.  Each
past reference taken alone says little, but the *latest* past year, the *earliest*
future year and the *latest* year named without a tense bound the publication year, so
those carry the tables, with geometric tails for history ("since 1971") and for tense
errors on the wrong side.  As log-likelihoods they combine by addition: several clues
that agree make a strong one, one clue alone leaves a wide, honest range.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from timeline.temporal.spec import Direction


@dataclass(frozen=True, slots=True)
class GapTable:
    """P(gap = k) for k >= 0 on the expected side, with a geometric tail either side."""

    near: tuple[float, ...]  # k = 0, 1, 2 … on the expected side
    tail: float  # mass of the long tail beyond ``near``
    tail_ratio: float  # how slowly that tail decays, per year
    wrong: tuple[float, ...]  # k = -1, -2 … (a tense error, a misread year)
    wrong_ratio: float

    def probability(self, k: int) -> float:
        if 0 <= k < len(self.near):
            return self.near[k]
        if k >= len(self.near):
            steps = k - len(self.near)
            return self.tail * (1 - self.tail_ratio) * self.tail_ratio**steps
        back = -k - 1
        if back < len(self.wrong):
            return self.wrong[back]
        return self.wrong[-1] * self.wrong_ratio ** (back - len(self.wrong) + 1)

    def log_score(self, k: int) -> float:
        """log P(k) relative to the most likely gap, so the best gap scores 0."""
        return math.log(max(self.probability(k), 1e-9)) - math.log(max(self.near))


# Read off the development parts of ``bench/dating.py`` pooled across eras and genres
# (TBAQ wire stories of 1989-2000 and the tuning half of htmldate-eval's web pages of
# 2012-2023, 690 texts; never the held-out WikiNews era or pages), counted as gaps, then
# rounded and smoothed.  k = publication year - named year for past and undated
# references, named year - publication year for future ones.

# the latest year a text names in a past clause: publication is most often that year or
# one or two after it; texts naming only history make a long, slow tail.  On the wrong
# side only through a misread tense: a text naming 2012 as past is not dated before 2012.
_LATEST_PAST = GapTable((0.16, 0.16, 0.12, 0.11, 0.07, 0.04, 0.03), 0.27, 0.95, (0.01, 0.003), 0.3)
# a full past date ("March 3, 2012"), bylines aside (``signals.byline``): web pages date
# this year's events in full, wire copy drops the year of this year's dates, so last
# year's weigh a little more than this year's
_LATEST_PAST_DATED = GapTable(
    (0.23, 0.30, 0.15, 0.085, 0.064, 0.04), 0.13, 0.95, (0.005, 0.002), 0.3
)
# the earliest year named in a future clause: most often next year or this one; tense is
# misread more often here (a third of future years lie before publication)
_EARLIEST_FUTURE = GapTable((0.17, 0.26, 0.06, 0.03, 0.03), 0.05, 0.8, (0.1, 0.05, 0.04), 0.7)
# the latest year named with no tense to go by (headlines, captions, tables, and text the
# tagger reads no tense in): mostly the year of publication itself
_LATEST_NEAR = GapTable((0.5, 0.05, 0.05, 0.03, 0.03, 0.02), 0.16, 0.95, (0.1, 0.03, 0.02), 0.6)
_LATEST_NEAR_DATED = GapTable((0.65, 0.08, 0.03, 0.03, 0.02), 0.07, 0.95, (0.05, 0.01), 0.5)


def year_log_score(
    named: int, publication: int, direction: Direction, *, dated: bool, bound: bool
) -> float:
    """log-likelihood (0 at best) of publishing in ``publication`` for a reference to the
    year ``named``.

    ``dated``: the reference gives a month or a day too.  ``bound``: it is the latest
    past (earliest future, latest undated) year the text names; the other past (future)
    references only rule out the years on their wrong side, and the other undated ones
    say nothing the latest does not.
    """
    if direction is Direction.NEAR:
        if not bound:
            return 0.0
        table = _LATEST_NEAR_DATED if dated else _LATEST_NEAR
        return table.log_score(publication - named)
    if direction is Direction.PAST:
        table = _LATEST_PAST_DATED if dated else _LATEST_PAST
    else:
        table = _EARLIEST_FUTURE
    k = publication - named if direction is Direction.PAST else named - publication
    if not bound and k >= 0:
        return 0.0
    return table.log_score(k)
