"""Bylines: the day a page prints next to its headline ("Posted on September 21, 2020",
"Veröffentlicht: 07.11.2023", "27.04.2020 - 18:50 Uhr"), found by
``timeline.dating.bylines``.

Without metadata (content only), the page's own printed date is its best clue; with
metadata, bylines vote with the metadata (``signals.metadata``).  How often each kind is
right was read off the tuning half of htmldate-eval.

Examples:

* "Posted on September 21, 2020 by Adi Tzlil" -> byline, published on 2020-09-21
* "Aktualisiert: 11.04.2020, 10:27" -> byline (updated), 2020-04-11
* "Am 14. Juni 2005 hielt Steve Jobs eine Rede" -> nothing: a sentence's date
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from timeline.dating.clues import DatingInput
from timeline.dating.constraint import Constraint, odds_weight, within
from timeline.model import Evidence, Granularity, Interval

# how often the first byline of each kind is the publication day (tuning half of
# htmldate-eval: 79 of 90 plain, 17 of 18 "published" (a word says so), 9 of 17
# "dated" (a short word: "am", "vom", "Datum"), 16 of 20 "updated")
RIGHT = {"plain": 0.88, "published": 0.94, "dated": 0.53, "updated": 0.80}


def constraints(clues: DatingInput) -> Iterable[Constraint]:
    """The first byline of each kind: published on its day."""
    seen: set[str] = set()
    for byline in clues.bylines:
        if byline.kind in seen:
            continue
        seen.add(byline.kind)
        day = Interval(byline.day, byline.day + timedelta(days=1), Granularity.DAY)
        yield Constraint(
            Evidence("byline", byline.line, f"the page prints {byline.day} ({byline.kind})"),
            within((day,), odds_weight(RIGHT[byline.kind], 1)),
            hard=True,
            focus=(day,),
        )
