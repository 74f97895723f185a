"""The tagger's lexicon macros: regex pieces built from the word lists in ``data/*.json``.

Rules are written with these names (``MONTH``, ``DAY``, ``YEAR``, ``NUMBER``, ``UNIT``,
``ORDINAL``...) rather than with literal alternations, so a word added to
``data/lexicon.json`` reaches every rule that speaks of months, units or numbers.  The
helpers read words back out of a match (``month_number``, ``number``, ``key``).
"""

from __future__ import annotations

import re

from timeline.temporal.data import load_json

LEX = load_json("lexicon.json")
MONTHS: dict[str, int] = LEX["months"]
WEEKDAYS: dict[str, int] = LEX["weekdays"]
NUMBERS: dict[str, float] = LEX["numbers"]
ORDINALS: dict[str, int] = LEX["ordinals"]
UNITS: dict[str, str] = LEX["units"]
SEASONS: dict[str, str] = LEX["seasons"]
PARTS_OF_DAY: dict[str, str] = LEX["parts_of_day"]


def alt(words: list[str] | tuple[str, ...] | dict[str, object]) -> str:
    """A regex alternation of words, longest first, spaces matching any whitespace."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def key(text: str) -> str:
    """A matched phrase as a lexicon key: casefolded, single spaces."""
    return re.sub(r"\s+", " ", text.casefold()).strip()


_MONTH_NAMES = [m for m in MONTHS if len(m) > 3 or m == "may"]
_MONTH_ABBR = [m for m in MONTHS if len(m) <= 4 and m != "may" and m != "june" and m != "july"]
MONTH = rf"(?:{alt(_MONTH_NAMES)}|(?:{alt(_MONTH_ABBR)})\.(?!\w)|(?:{alt(_MONTH_ABBR)})(?=\s+\d))"
WEEKDAY = rf"(?:{alt(LEX['full_weekdays'])})"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[0-9]\d\d|20\d\d|2100)"
# Cardinals: digits, one lexicon word ("three", "a dozen"), or a tens-units compound
# ("twenty-four").  A bare article counts as one only right before its unit, so "a
# three-year term" reads "three-year", not "a" plus "three".
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
DIGIT_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_NUM_WORDS = [w for w in NUMBERS if w not in ("a", "an")]
NUMBER = (
    rf"(?:\d+(?:\.\d+|\s+1/2)?|(?:{alt(list(TENS))})[\s-]+(?:{alt(list(DIGIT_WORDS))})"
    rf"|(?:{alt(_NUM_WORDS)})|an?)(?:[\s-]+and[\s-]+a[\s-]+half)?"
)
VAGUE_NUMBER = rf"(?:{alt(LEX['vague_numbers'])})"
UNIT = alt(list(UNITS))
# words that make a unit a kind of it, whose length counts the same: "six straight days",
# "five trading days", "20 more years"
UNIT_QUALIFIER = rf"(?:{alt(LEX['unit_qualifiers'])})"
ORDINAL = rf"(?:{alt(list(ORDINALS))}|\d{{1,2}}(?:st|nd|rd|th))"
MOD_PREFIX = rf"(?:(?P<mod>{alt(list(LEX['mods']))})[\s-]*)"
APPROX_PREFIX = rf"(?:(?P<approx>{alt(list(LEX['approx_mods']))})\s+)"
DATE_APPROX_PREFIX = rf"(?:(?P<dapprox>{alt(list(LEX['date_approx_mods']))})\s+)"
REL = r"(?P<rel>last|past|previous|this|current|next|coming|following|upcoming)"
WEEKDAY_REL = r"(?P<rel>last|past|previous|preceding|this|current|next|coming|following|upcoming)"
PART = rf"(?:{alt([p for p in PARTS_OF_DAY if p not in ('noon', 'midnight')])})"
ZONE = rf"(?-i:{alt(LEX['time_zones'])})"
AMPM = r"(?:a\.m\.|p\.m\.|am|pm)"
REL_YEAR = r"(?:of\s+)?(?P<ry>this|last|next|current|previous)\s+year"
PART_YEAR = rf"(?:\s+of\s+(?:(?P<y>{YEAR})|(?P<ry>this|last|next|the|current)\s+year))"

B = r"(?<![\w$£€])"  # left boundary: not inside a word or a price
E = r"(?![\w%])"  # right boundary

# the unit words of relative phrases ("last week", "the following month") and their units
UNIT_NAMES = {
    "day": "day",
    "week": "week",
    "weekend": "weekend",
    "month": "month",
    "year": "year",
    "quarter": "quarter",
    "decade": "decade",
    "century": "century",
    "summer": "season",
    "winter": "season",
    "spring": "season",
    "autumn": "season",
    "fall": "season",
}
REL_OFFSET = {
    "last": -1,
    "past": -1,
    "previous": -1,
    "this": 0,
    "current": 0,
    "next": 1,
    "coming": 1,
    "upcoming": 1,
    "following": 1,
    "preceding": -1,
    "prior": -1,
}
REL_YEAR_OFFSET = {"this": 0, "the": 0, "current": 0, "last": -1, "previous": -1, "next": 1}


def month_number(word: str) -> int:
    return MONTHS[word.casefold().rstrip(".")]


def day_number(word: str) -> int:
    return int(re.sub(r"\D", "", word))


def ordinal_number(word: str) -> int:
    """ "third" or "3rd" as 3 (0 when it is neither)."""
    w = word.casefold()
    return ORDINALS.get(w) or int(re.sub(r"\D", "", w) or 0)


def number(text: str) -> float | None:
    """A cardinal written in digits or words: "12", "three", "twenty-four", "two and a half",
    "2 1/2"."""
    t = key(text.replace("-", " "))
    half = 0.0
    if t.endswith(" and a half"):
        t, half = t[: -len(" and a half")], 0.5
    elif t.endswith(" 1/2"):
        t, half = t[: -len(" 1/2")], 0.5
    try:
        return float(t) + half
    except ValueError:
        pass
    if t in NUMBERS:
        return float(NUMBERS[t]) + half
    parts = t.split()
    if len(parts) == 2 and parts[0] in TENS and parts[1] in DIGIT_WORDS:
        return float(NUMBERS[parts[0]] + NUMBERS[parts[1]]) + half
    return None


def format_number(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


_LAST_WORD_RE = re.compile(r"([\w.]+)\s*$")
NEXT_WORD_RE = re.compile(r"\s+([A-Za-z][\w'-]*)")


def previous_word(text: str, start: int) -> str:
    """The word right before ``start`` (casefolded), or "" after punctuation."""
    m = _LAST_WORD_RE.search(text[max(0, start - 24) : start])
    return m.group(1).casefold() if m else ""


def next_word(text: str, end: int) -> str:
    """The word right after ``end`` as written, or "" before punctuation."""
    m = NEXT_WORD_RE.match(text, end)
    return m.group(1) if m else ""
