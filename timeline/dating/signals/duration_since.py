"""A duration since a named year: "the three-and-a-half-year war" in a text naming 2022.

A conflict, a term or a crisis said to have lasted N years, in a text that names the
year it began (the earliest explicit date it names), dates the text N years after it.
So do "N years after/since" a named year and the "Nth anniversary" of one: news marks
round numbers of years when they come round.

Examples:

* "the three-and-a-half-year war" + "since 2022" -> about 2025-08 (to the month: "3.5"
  is not rounded)
* "the three-year war" + "2022" -> 2025, give or take half a year (a round number)
* "ten years after the 2003 invasion" -> about 2013
* "the 10th anniversary of the 2003 invasion" -> 2013
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

from timeline.dating.clues import DatingInput
from timeline.dating.constraint import Constraint, odds_weight, within, years_in
from timeline.model import Evidence, Granularity, Interval, TimexType
from timeline.temporal.data import load_json

# "N-year war" since the earliest year the text names: often, not always, its start
DURATION_SINCE_RIGHT = 0.6
# "ten years after the 2003 invasion", "the 50th anniversary of the 1963 march": the
# named year is the start, and the text is written in the round year
ANNIVERSARY_RIGHT = 0.8
_AFTER_RE = re.compile(r"^\s+(?:after|since|on\s+from)\b[^.;:!?]{0,40}$", re.IGNORECASE)
# a duration that says how long something lasted, not how long ago it began
_ACTIVITY_RE = re.compile(r"(?i)\b(?:for|over|during|within|lasting|in)\s+(?:the\s+)?$")
_LEXICON = load_json("lexicon.json")
_ORDINAL_WORDS = {
    **{k: v for k, v in _LEXICON["ordinals"].items() if isinstance(v, int) and v > 0},
    # the round anniversaries the tagger's lexicon does not need
    **{"fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "seventy-fifth": 75},
    **{"eightieth": 80, "ninetieth": 90, "hundredth": 100, "centenary": 100},
}
_ANNIVERSARY_RE = re.compile(
    r"(?i)\b(?P<ord>\d{1,3}(?:st|nd|rd|th)|"
    + "|".join(sorted((re.escape(w) for w in _ORDINAL_WORDS), key=len, reverse=True))
    + r")\s+anniversary\s+of\b[^.;:!?]{0,50}$"
)
_YEAR_WORD_NOUNS = (
    "war",
    "conflict",
    "fight",
    "battle",
    "campaign",
    "occupation",
    "siege",
    "presidency",
    "term",
    "reign",
    "rule",
    "crisis",
    "invasion",
    "effort",
    "drought",
)
_YEARS_DURATION_RE = re.compile(r"^P(?P<y>\d+(?:\.\d+)?)Y(?:(?P<m>\d+)M)?$")


def _years_of(value: str) -> float | None:
    """Years in a TimeML duration of years (and months): P3Y -> 3, P3Y6M or P3.5Y -> 3.5."""
    m = _YEARS_DURATION_RE.match(value)
    if m is None:
        return None
    return float(m["y"]) + (int(m["m"]) / 12 if m["m"] else 0.0)


def constraints(clues: DatingInput) -> Iterable[Constraint]:
    """ "the three-and-a-half-year war" with the war's start year named elsewhere."""
    years = [
        i
        for _, i in clues.explicit
        if i.granularity in (Granularity.YEAR, Granularity.MONTH, Granularity.DAY)
    ]
    if not years:
        return
    text = clues.text
    start = min(years, key=lambda i: i.start)
    for mention in clues.mentions:
        if mention.type is not TimexType.DURATION or mention.spec.op != "dur":
            continue
        n = _years_of(mention.spec.args[0])
        if n is None:
            continue
        following = text[mention.end : mention.end + 20].casefold().split()
        if not following or following[0].strip(".,;") not in _YEAR_WORD_NOUNS:
            continue
        if n < 1:
            continue
        slack = 0 if n != int(n) else 183  # "three years" is rounded, "3.5 years" is not
        lo = start.start + timedelta(days=round(n * 365.25) - slack)
        hi = start.end + timedelta(days=round(n * 365.25) + slack)
        allowed = Interval(lo, hi, Granularity.YEAR)
        yield Constraint(
            Evidence(
                "duration-since",
                f"{mention.text} {following[0]} … {start.start.year}",
                f"about {n:g} years after {start.start.year}: {lo} to {hi}",
            ),
            within((allowed,), odds_weight(DURATION_SINCE_RIGHT, years_in((allowed,)))),
            hard=True,
        )


def anniversaries(clues: DatingInput) -> Iterable[Constraint]:
    """ "ten years after the 2003 invasion", "the 10th anniversary of the 2003 invasion":
    a named year and a round number of years from it date the text."""
    text = clues.text
    durations = [m for m in clues.mentions if m.type is TimexType.DURATION]
    seen: set[int] = set()
    for year_mention, interval in clues.explicit:
        if interval.granularity.rank > Granularity.YEAR.rank:
            continue
        start = year_mention.start
        window = text[max(0, start - 80) : start]
        anniversary = _ANNIVERSARY_RE.search(window)
        n: float | None = None
        if anniversary is not None:
            n, since = _ordinal(anniversary["ord"]), start - len(window) + anniversary.start()
        for d in durations:
            if n is None and 0 < start - d.end <= 50 and _AFTER_RE.match(text[d.end : start]):
                if _ACTIVITY_RE.search(text[max(0, d.start - 20) : d.start]):
                    continue  # "rose for three years after 2003": how long, not how long ago
                n, since = _years_of(d.spec.args[0] if d.spec.op == "dur" else ""), d.start
        if n is None or n < 1 or int(n) != n:
            continue
        year = interval.start.year + int(n)
        if year in seen:
            continue
        seen.add(year)
        allowed = Interval(date(year, 1, 1), date(year + 1, 1, 1), Granularity.YEAR)
        yield Constraint(
            Evidence(
                "anniversary",
                text[since : year_mention.end],
                f"{int(n)} years after {interval.start.year}: in {year}",
            ),
            within((allowed,), odds_weight(ANNIVERSARY_RIGHT, 1)),
            hard=True,
        )


def _ordinal(word: str) -> int | None:
    folded = word.casefold()
    return _ORDINAL_WORDS.get(folded) or int(re.sub(r"\D", "", folded) or 0) or None
