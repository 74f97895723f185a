"""Expressions counted from the time of writing: "today", "yesterday morning", "last week",
"next year", "this quarter", "earlier this month", "the weekend",
"three weeks ago", "a year from now"."""

from __future__ import annotations

import re

from timeline.model import TimexType
from timeline.temporal.grammar import Mention, mention, mod_of, rule
from timeline.temporal.lexicon import (
    APPROX_PREFIX,
    LEX,
    NUMBER,
    REL,
    REL_OFFSET,
    UNIT,
    UNIT_NAMES,
    UNITS,
    VAGUE_NUMBER,
    B,
    E,
    alt,
    key,
    number,
)
from timeline.temporal.spec import Spec

_GENERIC_TODAY_RE = re.compile(
    rf"['’]s\s+(?:[a-z]+\s+)?(?:{alt(LEX['generic_today_nouns'])})\b", re.IGNORECASE
)


def _deictic_day(m: re.Match[str], text: str) -> Mention | None:
    phrase = key(m["deictic"])
    if phrase == "today" and _GENERIC_TODAY_RE.match(text, m.end()):
        # "in today's world": the present in general, not the day of writing
        end = m.end() + 2
        return Mention(
            m.start(), end, text[m.start() : end], TimexType.DATE, Spec("ref", ("PRESENT_REF",))
        )
    offset = LEX["deictic_days"][phrase]
    part = LEX["deictic_day_parts"].get(phrase, "")
    type_ = TimexType.TIME if part else TimexType.DATE
    return mention(m, type_, Spec("shift", ("day", str(offset)), time=part))


SPAN_CODES = {
    "day": "P1D",
    "week": "P1W",
    "weekend": "P1WE",
    "month": "P1M",
    "year": "P1Y",
    "quarter": "P3M",
    "decade": "P1DE",
    "century": "P1CE",
    "season": "P3M",
}


def relative_unit(m: re.Match[str], _: str) -> Mention | None:
    """ "last week", "next year", "late last year", "the following month"."""
    rel = m["rel"].casefold()
    unit = UNIT_NAMES[m["unit"].casefold()]
    the = bool(m.groupdict().get("the"))
    mod = mod_of(m)
    if not mod and (
        rel == "past" or (rel == "last" and the) or (rel == "next" and the and unit != "day")
    ):
        # "the past week", "the last year", "the next month": a span up to/after now
        return mention(m, TimexType.DURATION, Spec("dur", (SPAN_CODES[unit],)))
    if rel in ("following", "preceding", "previous") or (rel == "next" and the):
        # relative to the narrative, not to the publication date
        return mention(m, TimexType.DATE, Spec("anaphor", (unit, str(REL_OFFSET[rel]))), mod)
    if unit == "season":
        return None  # handled by the season rule
    if rel == "this" and unit == "quarter":
        # "This quarter's loss includes...": in a report, the quarter reported on; else
        # (or looking ahead, "expects a loss this quarter") the reference's
        return mention(m, TimexType.DATE, Spec("anaphor", (unit, "0", "0")), mod)
    return mention(m, TimexType.DATE, Spec("shift", (unit, str(REL_OFFSET[rel]))), mod)


def _this_unit_edge(m: re.Match[str], _: str) -> Mention | None:
    """ "earlier this month", "later this year", "earlier that day"."""
    unit = UNIT_NAMES[m["unit"].casefold()]
    op = "anaphor" if m["det"].casefold() == "that" else "shift"
    return mention(m, TimexType.DATE, Spec(op, (unit, "0")))


_AGO_UNITS = {"D": "day", "W": "week", "M": "month", "Y": "year", "DE": "decade"}
_COMPLEMENT_FOLLOWS_RE = re.compile(r"\s+[\w$]")


def _ago(m: re.Match[str], text: str) -> Mention | None:
    """ "three weeks ago", "two days later": a date at the unit's granularity."""
    unit_word = m["unit"].casefold()
    code = UNITS[unit_word]
    direction = key(m["dir"])
    if direction in ("before", "after") and _COMPLEMENT_FOLLOWS_RE.match(text, m.end()):
        # "wait 30 days before closing the purchase", "a month after Qantas suspended...":
        # counted from an event, not from the narrative's date; the length is tagged
        return None
    if m["vague"] or (m["n"] is None and unit_word.endswith("s")):
        # "years ago", "several weeks ago": only the side of now is known
        ref = {"ago": "PAST_REF", "from now": "FUTURE_REF", "hence": "FUTURE_REF"}.get(direction)
        return mention(m, TimexType.DATE, Spec("ref", (ref,))) if ref else None
    n = number(m["n"]) if m["n"] else 1.0
    if n is None or n != int(n):
        return None
    unit = _AGO_UNITS.get(code)
    if code == "M" and unit_word.startswith("min"):
        unit = None
    if unit is None:
        return None
    sign = -1 if direction in ("ago", "earlier", "before", "previously") else 1
    op = "shift" if direction in ("ago", "from now", "hence") else "anaphor"
    if unit == "year" and n == 1 and sign == -1 and not mod_of(m):
        # "up from $3 million a year earlier": the period the report compares with
        spec = Spec("comparable", ("ref" if op == "shift" else "narr", "-1"))
        return mention(m, TimexType.DATE, spec)
    return mention(m, TimexType.DATE, Spec(op, (unit, str(int(n) * sign))), mod_of(m))


_UNIT_WORDS = ("day", "week", "weekend", "month", "quarter", "year", "decade", "century")
_DEICTIC = list(LEX["deictic_days"])

RULES = (
    rule(
        "deictic",
        rf"{B}(?P<deictic>{alt(_DEICTIC)}){E}",
        _deictic_day,
        phrases=_DEICTIC,
        reach=(0, 2),
    ),
    rule(
        "edge-of-unit",
        rf"{B}(?:earlier|later)\s+(?P<det>this|that)\s+(?P<unit>day|week|month|year|summer|"
        rf"winter|spring|autumn|fall|decade|century){E}",
        _this_unit_edge,
        anchors=("earlier", "later"),
        reach=(0, 16),
        priority=1,
    ),
    rule(
        "relative-unit",
        rf"{B}(?P<the>the\s+)?{REL}\s+(?P<unit>day|week|weekend|month|year|"
        rf"quarter|decade|century){E}",
        relative_unit,
        anchors=_UNIT_WORDS,
        reach=(32, 2),
        guard_before=r"(?<!\w)(?:last|past|previous|this|current|next|coming|following|upcoming)\s+",
    ),
    rule(
        "the-weekend",
        rf"{B}the\s+weekend{E}",
        lambda m, t: mention(m, TimexType.DATE, Spec("weekend")),
        anchors=("weekend",),
        reach=(4, 2),
        guard_before=r"(?<!\w)the\s+",
    ),
    rule(
        "ago",
        rf"{B}{APPROX_PREFIX}?(?:(?P<vague>{VAGUE_NUMBER})[\s-]+|(?P<n>{NUMBER})[\s-]+)?"
        rf"(?P<unit>{UNIT})\s+(?P<dir>ago|earlier|later|before|after|from\s+now|hence)"
        rf"(?!\s+(?:the|a|an|his|her|their|its|he|she|they|it|we|i|than)\b)",
        _ago,
        anchors=tuple(UNITS),
        reach=(40, 24),
        guard_after=r"\s+(?:ago|earlier|later|before|after|from\s+now|hence)\b",
    ),
)
