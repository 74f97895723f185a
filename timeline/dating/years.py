"""How far, in calendar years, news reaches from its publication to the years it names.

An explicit year in a text ("sales rose in 1988", "notes due 2011", "since the 2022
invasion") says something about the publication year, but far less than it seems: the
year a text is written in is mostly called "this year", so a *past* reference to a bare
year is most often to last year or the one before, and reporters drop the year from
dates of the current year, so a full date "Oct. 5, 1988" in a past clause is most often
a year or more old.  Future references point mostly to next year; undated-tense ones
sit around the publication year.

The tables below are probabilities of the gap ``k`` between the publication year and the
named year, counted the way the tense looks (for past references ``k`` = publication year
minus the named year, for future ones the reverse).  Each past reference taken alone
says little (its gap is spread flat over the six years after it), but the *latest* past
year and the *earliest* future year bound the publication year tightly, so those two
carry the tables.  They were read off the dated news of ``../shared/corpora`` (TBAQ wire
stories of 1989-2000, 91 documents naming a year, and the WikiNews trial articles of
2004-2011), rounded and smoothed, with geometric tails for history ("since 1971") and for
tense errors on the wrong side (about 1 text in 15).  As log-likelihoods they combine by addition:
several clues that agree make a strong one, one clue alone leaves a wide, honest range.
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


# the latest year a text names in a past clause: publication is most often a year or two
# after it (k = publication year - named year); an earlier past year adds nothing the
# latest does not say, save that publication cannot precede it either
# (a bare year: flat over this year and the two before; a full date: reporters drop the
# year of this year's dates, so one with its year is most often last year's)
_LATEST_PAST = GapTable((0.11, 0.13, 0.12, 0.06, 0.06, 0.03), 0.30, 0.9, (0.05, 0.02), 0.5)
_LATEST_PAST_DATED = GapTable((0.10, 0.35, 0.22, 0.05, 0.04), 0.15, 0.9, (0.02, 0.01), 0.5)
# the earliest year named in a future clause: most often next year (k = named - publication)
_EARLIEST_FUTURE = GapTable((0.12, 0.33, 0.10, 0.08, 0.07), 0.18, 0.85, (0.06, 0.02), 0.5)
# no tense to go by: around the publication year, history more likely than the future
_NEAR_YEAR = (
    GapTable((0.22, 0.14, 0.07, 0.04), 0.25, 0.93, (), 0.8),
    GapTable((0.22, 0.10, 0.05, 0.03), 0.08, 0.8, (), 0.8),
)
_NEAR_DATE = (
    GapTable((0.55, 0.12, 0.04), 0.12, 0.9, (), 0.8),
    GapTable((0.55, 0.08, 0.03), 0.04, 0.8, (), 0.8),
)


def year_log_score(
    named: int, publication: int, direction: Direction, *, dated: bool, bound: bool
) -> float:
    """log-likelihood (0 at best) of publishing in ``publication`` for a reference to the
    year ``named``.

    ``dated``: the reference gives a month or a day too.  ``bound``: it is the latest
    past (earliest future) year the text names; the other past (future) references only
    rule out the years on their wrong side.
    """
    if direction is Direction.NEAR:
        past, future = _NEAR_DATE if dated else _NEAR_YEAR
        k = publication - named
        best = max(past.near[0], future.near[0])
        table = past if k >= 0 else future
        return math.log(max(table.probability(abs(k)), 1e-9)) - math.log(best)
    if direction is Direction.PAST:
        table = _LATEST_PAST_DATED if dated else _LATEST_PAST
    else:
        table = _EARLIEST_FUTURE
    k = publication - named if direction is Direction.PAST else named - publication
    if not bound and k >= 0:
        return 0.0
    return table.log_score(k)
