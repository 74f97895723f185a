"""The batch and era priors: many broad clues that overlap make a sharp era."""

from __future__ import annotations

import math

from timeline.dating import era


def _broad(peak: int, years: int, spread: float = 3.0) -> list[float]:
    """A likelihood over ``years`` years, highest at ``peak`` and broad around it."""
    return [math.exp(-abs(k - peak) / spread) for k in range(years)]


def test_batch_prior_finds_where_broad_clues_overlap() -> None:
    # twenty texts, each only roughly dated, all around year 10 of the grid
    likes = [_broad(10 + d, 30) for d in (-2, -1, 0, 1, 2) * 4]
    prior = era.batch_prior(likes, 30)
    assert max(range(30), key=prior.__getitem__) == 10
    assert prior[10] > 5 * prior[20]
    assert math.isclose(sum(prior), 1.0)


def test_batch_prior_keeps_two_periods_apart() -> None:
    likes = [_broad(5, 30, 1.0)] * 8 + [_broad(20, 30, 1.0)] * 8
    prior = era.batch_prior(likes, 30)
    assert prior[5] > 3 * prior[12] and prior[20] > 3 * prior[12]


def test_a_small_batch_says_little() -> None:
    one = era.batch_prior([_broad(5, 30, 1.0)], 30)
    many = era.batch_prior([_broad(5, 30, 1.0)] * 20, 30)
    assert one[5] < many[5]
    assert one[25] > many[25]


def test_batch_without_evidence_is_even() -> None:
    assert era.batch_prior([None, None], 4) == [0.25] * 4


def test_neighbours_outweigh_the_batch_but_do_not_erase_it() -> None:
    batch = era.batch_prior([_broad(5, 30, 1.0)] * 10 + [_broad(20, 30, 1.0)] * 10, 30)
    neighbour = era.posterior(batch, _broad(20, 30, 1.0))
    prior = era.era_prior([(1.0, neighbour), (1.0, neighbour)], batch)
    assert max(range(30), key=prior.__getitem__) == 20
    assert prior[5] > 0.05  # the other period stays possible


def test_smoothing_lets_the_next_year_in() -> None:
    # every text sharply of year 20: year 21 stays possible, year 26 does not
    batch = era.batch_prior([_broad(20, 30, 0.3)] * 10, 30)
    assert batch[21] > 0.15 * batch[20]
    assert batch[26] < 0.02 * batch[20]


def test_the_era_picks_the_point_but_never_narrows_the_texts_own_years() -> None:
    # a text that names only officials in office 1993-2001, in a batch whose era is 1998:
    # the batch's guess chooses 1998, and the years the text allows stay in the interval
    from datetime import date

    from timeline.dating.constraint import FIRST_YEAR, Constraint, odds_weight, within
    from timeline.dating.content import estimate, years
    from timeline.dating.signals import era_prior
    from timeline.model import Evidence, Granularity, Interval

    term = Interval(date(1993, 1, 20), date(2001, 1, 20), Granularity.DAY)
    office = Constraint(
        Evidence("office-holder", "President Clinton", "1993-2001"),
        within((term,), odds_weight(0.97, 8)),
        hard=True,
    )
    prior = [math.exp(-1.5 * abs(y - 1998)) for y in years()]
    total = sum(prior)
    era = era_prior.constraint([p / total for p in prior], FIRST_YEAR, [])
    published = estimate([office, era])
    assert published is not None
    assert published.point.year == 1998
    assert published.interval.start <= date(1993, 6, 1)
    assert published.interval.end > date(2000, 6, 1)
    # the text alone allows the same years
    alone = estimate([office])
    assert alone is not None
    assert alone.interval.start <= date(1993, 6, 1) and alone.interval.end > date(2000, 6, 1)


def test_a_year_is_weighed_as_a_whole_not_by_its_best_day() -> None:
    from datetime import date

    from timeline.dating.constraint import Constraint
    from timeline.dating.content import likeliest_year, year_curve, years
    from timeline.model import Evidence

    # "in October 1997" (past): the last weeks of 1997 fit as well as any day of 1998
    # (slightly better, even), but the months before October do not fit at all
    def score(day: date) -> float:
        if day.year == 1997:
            return 0.1 if day.month >= 10 else -3.0
        return 0.0 if day.year == 1998 else -6.0

    named = Constraint(Evidence("past-reference", "October 1997", "after 1997-10-01"), score)
    start = years().start
    best_day = year_curve([named], [1997, 1998])
    whole = year_curve([named], [1997, 1998], integrated=True)
    assert best_day[1997 - start] > best_day[1998 - start]
    assert whole[1998 - start] > whole[1997 - start]
    assert likeliest_year([named], [1997, 1998]) == 1998
