"""Same story: an article whose words and names overlap strongly with a better-dated one
reports the same news, most often the same day's, sometimes a follow-up days later.

Examples:

* two wire stories on one NATO decision (TF-IDF cosine 0.6), one dated 1999-02-10 ->
  same-story: the other is published within three days of it, fading over a month
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from timeline.dating.constraint import Constraint, odds_weight
from timeline.model import Evidence, Granularity, Interval, PublicationDate

SAME_STORY_SIMILARITY = 0.2  # cosine from which two texts may be the same story
SAME_STORY_DAYS = 3
SAME_STORY_RIGHT = 0.9  # a sister story is the same month's news
SAME_STORY_FOLLOW_UP_DAYS = 30
SAME_STORY_SURE = 0.5  # similarity at which a sister story weighs fully


def near(window: Interval, weight: float) -> Callable[[date], float]:
    """Full weight inside ``window``, fading over ``SAME_STORY_FOLLOW_UP_DAYS`` beyond it: a
    sister story is most often the same day's news, but follow-ups come days later."""

    def score(day: date) -> float:
        if window.contains(day):
            return weight
        off = (window.start - day).days if day < window.start else (day - window.end).days + 1
        return weight * max(0.0, 1.0 - off / SAME_STORY_FOLLOW_UP_DAYS)

    return score


def constraint(
    sister: str, published: PublicationDate, similarity: float, trust: float
) -> Constraint:
    """The pull of a sister story ``sister`` dated ``published``.

    ``trust`` (0-1) is how far the sister's own date can be trusted."""
    window = Interval(
        published.interval.start - timedelta(days=SAME_STORY_DAYS),
        published.interval.end + timedelta(days=SAME_STORY_DAYS),
        Granularity.WEEK,
    )
    return Constraint(
        Evidence(
            "same-story",
            sister,
            f"reports the same story as {sister} (published {published.value})",
        ),
        # the closer the texts, the surer they are the same day's news
        near(
            window,
            odds_weight(SAME_STORY_RIGHT, 1) * min(1.0, similarity / SAME_STORY_SURE) * trust,
        ),
        hard=True,
        link=True,
        focus=(window,),
    )
