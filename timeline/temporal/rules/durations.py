"""Durations: "three hours", "48 hours", "a three-and-a-half-year term", "2 1/2 years",
"a decade", "more than two weeks", "the past five days", "for years"."""

from __future__ import annotations

import re

from timeline.model import TimexType
from timeline.temporal.grammar import Mention, mention, mod_of, rule
from timeline.temporal.lexicon import (
    LEX,
    NUMBER,
    NUMBERS,
    UNIT,
    UNIT_QUALIFIER,
    UNITS,
    VAGUE_NUMBER,
    B,
    E,
    format_number,
    key,
    number,
    previous_word,
)
from timeline.temporal.spec import Spec

_AMBIGUOUS_UNIT_AFTER_ARTICLE = frozenset({"second", "quarter"})
_UNIT_WORD_FOLLOWS_RE = re.compile(
    r"[\s-]+(?!(?:ago|later|earlier|before|after|or|and|longer|more|less|from)\b)[A-Za-z]",
    re.IGNORECASE,
)
_AGE_SUFFIXES = tuple(LEX["age_suffixes"])
_OF_AFTER_RE = re.compile(r"\s+of\b", re.IGNORECASE)


def _duration(m: re.Match[str], text: str) -> Mention | None:
    if text.startswith(_AGE_SUFFIXES, m.end()):
        return None  # an age, "a 45-year-old man", "52 years old": TimeBank leaves it
    unit_word = m["unit"].casefold()
    if unit_word.startswith("quarter") and _OF_AFTER_RE.match(text, m.end()):
        return None  # "three-quarters of the vote": a fraction
    code = UNITS[unit_word]
    if code == "WE":
        return None
    raw = m["n"]
    if raw is None:
        if not unit_word.endswith("s") or m["half"]:
            return None  # "several week" is no duration
        n_text = "X"
    else:
        if (
            key(raw) in ("a", "an")
            and unit_word in _AMBIGUOUS_UNIT_AFTER_ARTICLE
            and _UNIT_WORD_FOLLOWS_RE.match(text, m.end())
        ):
            return None  # "a second wave", "a quarter point": an ordinal or a fraction
        n = number(raw)
        if n is None or n <= 0:
            return None
        if m["half"]:
            n += 0.5  # "a minute and a half"
        n_text = format_number(n)
    time_unit = code in ("H", "S") or (code == "M" and unit_word.startswith("min"))
    if code == "2W":
        n_text, code = (n_text if n_text == "X" else format_number(float(n_text) * 2)), "W"
    if code == "Q":
        n_text, code = (n_text if n_text == "X" else format_number(float(n_text) * 3)), "M"
    value = f"PT{n_text}{code}" if time_unit else f"P{n_text}{code}"
    if n_text != "X" and float(n_text) != int(float(n_text)):
        value = _whole_units(float(n_text), code, time_unit) or value
    return mention(m, TimexType.DURATION, Spec("dur", (value,)), mod_of(m))


# A fraction of a unit in the next smaller one: "2 1/2 years" is P2Y6M, "5 1/2 hours"
# PT5H30M, "a day and a half" P1DT12H; decades and centuries count in years.
_SMALLER_UNIT = {"Y": (12, "M"), "W": (7, "D"), "D": (24, "H"), "H": (60, "M"), "M": (60, "S")}
_IN_YEARS = {"DE": 10, "CE": 100}


def _whole_units(n: float, code: str, time_unit: bool) -> str | None:
    """The value of a fractional duration in whole units, if it has one."""
    if code in _IN_YEARS:
        years = n * _IN_YEARS[code]
        return f"P{int(years)}Y" if years == int(years) else None
    if code == "M" and not time_unit:
        return None  # a fraction of a month is no whole number of days
    if code not in _SMALLER_UNIT:
        return None
    factor, smaller = _SMALLER_UNIT[code]
    whole = int(n)
    rest = (n - whole) * factor
    if rest != int(rest):
        return None
    big = f"{whole}{code}" if whole else ""
    small = f"{int(rest)}{smaller}"
    if code == "D":
        return f"P{big}T{small}"
    if time_unit:
        return f"PT{big}{small}"
    return f"P{big}{small}"


_PLURAL_DETERMINERS = frozenset({"the", "these", "those", "many", "several", "few", "some"})


def _plural_duration(m: re.Match[str], text: str) -> Mention | None:
    """ "for years", "after weeks of talks", "months ago": an unspecified number of units."""
    if previous_word(text, m.start()) in _PLURAL_DETERMINERS:
        return None
    code = UNITS[m["unit"].casefold()]
    time_unit = code in ("H", "S") or m["unit"].casefold().startswith("min")
    value = f"PTX{code}" if time_unit else f"PX{code}"
    return mention(m, TimexType.DURATION, Spec("dur", (value,)))


def _trading_sessions(m: re.Match[str], _: str) -> Mention | None:
    """ "the past five trading sessions", "two straight sessions": market days, one session
    each."""
    n = number(m["n"])
    if n is None or n <= 0 or n != int(n):
        return None
    return mention(m, TimexType.DURATION, Spec("dur", (f"P{int(n)}D",)))


_NUMBER_ENDS = sorted(
    {p.split()[-1] for p in [*NUMBERS, *LEX["vague_numbers"]]} | {"half"}, key=len, reverse=True
)

RULES = (
    rule(
        "duration",
        rf"{B}(?:the\s+(?:past|last|next|first|final|previous|coming)\s+"
        rf"|(?:past|next)\s+)?(?:(?P<n>{NUMBER})|{VAGUE_NUMBER})[\s-]+"
        rf"(?:{UNIT_QUALIFIER}[\s-]+)?(?P<unit>{UNIT})"
        rf"(?:-long|(?P<half>\s+and\s+a\s+half))?{E}(?!-)",
        _duration,
        anchors=tuple(UNITS),
        reach=(54, 18),
        guard_before=rf"(?:\d|(?<![a-z])(?:{'|'.join(_NUMBER_ENDS)}))[\s-]+"
        rf"(?:{UNIT_QUALIFIER}[\s-]+)?",
    ),
    rule(
        "trading-sessions",
        rf"{B}(?:the\s+(?:past|last|next|previous|coming)\s+|(?:past|next)\s+)?"
        rf"(?P<n>{NUMBER})[\s-]+(?:(?:straight|consecutive|successive)[\s-]+"
        rf"(?:trading[\s-]+)?|trading[\s-]+)sessions?{E}",
        _trading_sessions,
        anchors=("session", "sessions"),
        reach=(54, 2),
        guard_before=r"(?:trading|straight|consecutive|successive)[\s-]+",
    ),
    rule(
        "plural-duration",
        r"(?:(?<=\bfor\s)|(?<=\bafter\s)|(?<=\bwithin\s)|(?<=\bover\s)|(?<=\bin\s)"
        rf"|{B}(?=\w+\s+(?:of|ago)\b))(?P<unit>years|months|weeks|days|hours|minutes|decades"
        rf"|centuries){E}",
        _plural_duration,
        anchors=("year", "month", "week", "day", "hour", "minute", "decade", "centuries"),
        reach=(0, 6),
    ),
)
