"""Same event: a happening a text places only relatively ("the Alaska summit last month")
that a better-dated text places on the calendar ("on Friday", 15 August 2025) must fall
where that text puts it, which dates the first text.

Examples:

* "the Alaska summit last month" ~ another article's "met in Alaska on Friday" (dated
  2025-08-16) -> same-event: "last month" must be August 2025, so published in September
"""

from __future__ import annotations

from datetime import date, timedelta

from timeline.dating.constraint import Constraint
from timeline.model import Evidence, Interval
from timeline.temporal.recognise import Mention
from timeline.temporal.resolve import Reference, resolve

SAME_EVENT_WEIGHT = 4.0  # a shared event outweighs a shared story


def constraint(
    mention: Mention, target: Interval, source_name: str, sentence: str, trust: float
) -> Constraint:
    """``mention`` (relative) must resolve into ``target``, where ``source_name`` places the
    same happening; ``trust`` (0-1) is how far that document's own date can be trusted."""
    weight = SAME_EVENT_WEIGHT * trust

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
    )
