"""Same event: a happening a text places only relatively ("the Alaska summit last month")
that a better-dated text places on the calendar ("on Friday", 15 August 2025) must fall
where that text puts it, which dates the first text.

Examples:

* "the Alaska summit last month" ~ another article's "met in Alaska on Friday" (dated
  2025-08-16) -> same-event: "last month" must be August 2025, so published in September
* "during a bilateral meeting with Fico in Beijing" (no date: the day's news) ~ another
  article's "meeting with Fico in Beijing on Tuesday" (2 September 2025) -> same-event:
  published within a week after 2 September; and, the other way, that article's "on
  Tuesday" must fall within the week before this one's date
"""

from __future__ import annotations

from datetime import date, timedelta

from timeline.dating.constraint import Constraint, odds_weight
from timeline.model import Evidence, Interval
from timeline.temporal.recognise import Mention
from timeline.temporal.resolve import Reference, resolve

SAME_EVENT_RIGHT = 0.95  # a shared event outweighs a shared story
# a happening a text reports as its news, with no date of its own, happened days before:
# most often the same day or the day before, as with weekdays named in the past tense
# (``nearness``), each day later costing as much
NEWS_LAG = timedelta(days=7)
NEWS_RIGHT = 0.85
NEWS_PER_DAY = 0.5


def constraint(
    mention: Mention, target: Interval, source_name: str, sentence: str, trust: float
) -> Constraint:
    """``mention`` (relative) must resolve into ``target``, where ``source_name`` places the
    same happening; ``trust`` (0-1) is how far that document's own date can be trusted."""
    weight = trust * odds_weight(SAME_EVENT_RIGHT, 1)

    def score(day: date) -> float:
        got = resolve(mention.spec, Reference.of(day)).interval
        return weight if got is not None and got.overlaps(target) else 0.0

    snippet = " ".join(sentence.split())[:80]
    return Constraint(
        Evidence(
            "same-event",
            f"{mention.text} ~ {source_name}: {snippet}",
            f"{mention.text!r} lies in {target.start}..{target.end - timedelta(days=1)}",
        ),
        score,
        hard=True,
        link=True,
        focus=(target,) if target.days <= 62 else (),
    )


def reported(target: Interval, source_name: str, sentence: str, trust: float) -> Constraint:
    """A happening this text reports as its news (no date of its own) lies in ``target``,
    where ``source_name`` places it: the text was published within ``NEWS_LAG`` after."""
    window = Interval(target.start, target.end + NEWS_LAG, target.granularity)
    weight = trust * odds_weight(NEWS_RIGHT, 1)
    snippet = " ".join(sentence.split())[:80]

    def score(day: date) -> float:
        if not window.contains(day):
            return 0.0
        late = max(0, (day - target.end).days)  # days after the happening's last day
        return weight - trust * NEWS_PER_DAY * late

    return Constraint(
        Evidence(
            "same-event",
            f"{source_name}: {snippet}",
            f"reports as news what happened {target.start}..{target.end - timedelta(days=1)}",
        ),
        score,
        hard=True,
        link=True,
        focus=(window,),
    )
