"""Expressions counted from the time of writing: "today", "yesterday morning", "last week",
"next year", "this quarter", "earlier this month", "the weekend",
"three weeks ago", "a year from now"."""

from __future__ import annotations

import re

from timeline.model import TimexType
from timeline.temporal.grammar import Mention, composer, mention, mod_of, rule, spanning
from timeline.temporal.lexicon import (
    LEX,
    REL,
    REL_OFFSET,
    UNIT_NAMES,
    B,
    E,
    alt,
    key,
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


def relative_unit(m: re.Match[str], _: str) -> Mention | None:
    """ "last week", "next year", "the past year", "the following month", "the prior year".
    "the last year" is the year before this one, as TimeBank has it, not a length (counted
    lengths are: "the past two years")."""
    rel = (m["rel"] or m.groupdict().get("prior") or "").casefold()
    unit = UNIT_NAMES[m["unit"].casefold()]
    the = bool(m.groupdict().get("the") or m.groupdict().get("prior"))
    mod = mod_of(m)
    if rel in ("following", "preceding", "previous", "prior") or (rel == "next" and the):
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


_AGO_UNITS = {"D": "day", "W": "week", "M": "month", "Y": "year", "DE": "decade", "CE": "century"}
_LENGTH_RE = re.compile(r"P(?P<n>\d+|X)(?P<code>DE|CE|[DWMY])")
_COMPLEMENT_FOLLOWS_RE = re.compile(r"\s+[\w$]")
_REF_OF = {"ago": "PAST_REF", "from now": "FUTURE_REF", "hence": "FUTURE_REF"}


def _ago(text: str, match: re.Match[str], m: Mention) -> Mention | None:
    """Any length + "ago", "earlier", "later", "from now": "three weeks ago", "about two
    years ago", "a week or so later" (a date at the unit's granularity); "several weeks
    ago" only says which side of now.  "a year ago" is the period compared with."""
    direction = key(match["dir"])
    if direction in ("before", "after") and _COMPLEMENT_FOLLOWS_RE.match(text, match.end()):
        # "wait 30 days before closing the purchase", "a month after Qantas suspended...":
        # counted from an event, not from the narrative's date; the length is tagged
        return None
    length = _LENGTH_RE.fullmatch(m.spec.args[0])
    if length is None:
        return None  # hours and minutes, fractions: not a date of their own
    end = match.end()
    if length["n"] == "X":
        ref = _REF_OF.get(direction)
        if ref is None:
            return None
        return Mention(m.start, end, text[m.start : end], TimexType.DATE, Spec("ref", (ref,)))
    n, unit = int(length["n"]), _AGO_UNITS[length["code"]]
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    op = "shift" if direction in ("ago", "from now", "hence") else "anaphor"
    if unit == "year" and n == 1 and sign == -1 and not m.mod:
        # "up from $3 million a year earlier": the period the report compares with
        spec = Spec("comparable", ("ref" if op == "shift" else "narr", "-1"))
    else:
        spec = Spec(op, (unit, str(n * sign)))
    return Mention(m.start, end, text[m.start : end], TimexType.DATE, spec, m.mod)


def _countable(m: Mention) -> bool:
    """A length counted from a point: not "the past two years", not "10-year"."""
    return (
        m.type is TimexType.DURATION
        and m.spec.op == "dur"
        and not m.text[:5].casefold().startswith(("the ", "past ", "next "))
        and "-" not in m.text.split()[-1]
    )


def _year_end(m: re.Match[str], _: str) -> Mention | None:
    """ "year-end", "by year's end": the end of the reference's year."""
    return mention(m, TimexType.DATE, Spec("shift", ("year", "0")), "END")


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
        rf"{B}(?:(?P<the>the\s+)?{REL}|the\s+(?P<prior>prior))\s+(?P<unit>day|week|weekend|"
        rf"month|year|quarter|decade|century){E}",
        relative_unit,
        anchors=_UNIT_WORDS,
        reach=(32, 2),
        guard_before=r"(?<!\w)(?:last|past|previous|prior|this|current|next|coming|following"
        r"|upcoming)\s+",
    ),
    rule(
        "year-end",
        rf"{B}(?:the\s+)?year(?:[-\s]end|['’]s\s+end){E}",
        _year_end,
        anchors=("year",),
        reach=(4, 8),
    ),
    rule(
        "the-weekend",
        rf"{B}the\s+weekend{E}",
        lambda m, t: mention(m, TimexType.DATE, Spec("weekend")),
        anchors=("weekend",),
        reach=(4, 2),
        guard_before=r"(?<!\w)the\s+",
    ),
)


_LOOKING_RE = re.compile(r"(?:past|coming|last|next|upcoming)\s", re.IGNORECASE)


def _this_past(text: str, match: re.Match[str], m: Mention) -> Mention | None:
    """ "this past weekend", "this coming Sunday": "this" belongs to the expression."""
    if not _LOOKING_RE.match(m.text):
        return None
    return spanning(text, match.start(), m.end, m)


COMPOSERS = (
    composer(
        "ago",
        "suffix",
        # "before"/"after" are conjunctions too: "two days after the vote"
        r"\s+(?P<dir>ago|earlier|later|from\s+now|hence|(?:before|after)"
        r"(?!\s+(?:the|a|an|his|her|their|its|he|she|they|it|we|i)\b))\b"
        r"(?!\s+than\b)",  # "a week later than planned": a length
        _ago,
        _countable,
        needs=("ago", "earlier", "later", "before", "after", "now", "hence"),
    ),
    composer(
        "this-past",
        "prefix",
        r"(?<![\w-])this\s+",
        _this_past,
        lambda m: m.type in (TimexType.DATE, TimexType.TIME),
        reach=8,
        needs=("this",),
    ),
)
