"""Stage one of the tagger: find temporal expressions and normalise them to a ``Spec``.

Rules are regular expressions assembled from the word lists in ``data/lexicon.json`` and
``data/holidays.json``, each paired with a normaliser that turns a match into a TIMEX3
type, an underspecified ``Spec`` and an optional TimeML ``mod``.  All rules run over the
text; overlapping candidates are settled leftmost-longest, then neighbours are combined:
alternatives and ranges ("February or March", "between 2019 and 2021") become one
expression, a clock time takes the day written next to it ("3 p.m. Friday", "9 a.m. on
Monday") and "the morning of Sept. 1" becomes a time of that day.  Direction (past/future)
for specs that need it is filled in later from the clause's tense by
``timeline.temporal.tense``.

Spans follow TimeML: determiners and modifiers belong to the expression ("the 1990s",
"late last year", "more than two weeks"), governing prepositions do not ("in", "on").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from timeline.model import TimexType
from timeline.temporal.data import load_json
from timeline.temporal.holidays import (
    canonical_name,
    context_words_for,
    holiday_date,
    holiday_names,
)
from timeline.temporal.holidays import requires_context as holiday_requires_context
from timeline.temporal.patterns import trie
from timeline.temporal.spec import Direction, Spec

LEX = load_json("lexicon.json")
MONTHS: dict[str, int] = LEX["months"]
WEEKDAYS: dict[str, int] = LEX["weekdays"]
NUMBERS: dict[str, float] = LEX["numbers"]
ORDINALS: dict[str, int] = LEX["ordinals"]
UNITS: dict[str, str] = LEX["units"]
SEASONS: dict[str, str] = LEX["seasons"]
PARTS_OF_DAY: dict[str, str] = LEX["parts_of_day"]


@dataclass(frozen=True, slots=True)
class Mention:
    """A recognised expression before resolution."""

    start: int
    end: int
    text: str
    type: TimexType
    spec: Spec
    mod: str | None = None
    directed: bool = False  # the words themselves fix the direction ("last June")


Normaliser = Callable[[re.Match[str], str], "Mention | None"]


def _alt(words: list[str] | dict[str, object]) -> str:
    """A regex alternation of words, longest first, spaces matching any whitespace."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def _key(text: str) -> str:
    """A matched phrase as a lexicon key: casefolded, single spaces."""
    return re.sub(r"\s+", " ", text.casefold()).strip()


_MONTH_NAMES = [m for m in MONTHS if len(m) > 3 or m == "may"]
_MONTH_ABBR = [m for m in MONTHS if len(m) <= 4 and m != "may" and m != "june" and m != "july"]
MONTH = (
    rf"(?:{_alt(_MONTH_NAMES)}|(?:{_alt(_MONTH_ABBR)})\.(?!\w)|(?:{_alt(_MONTH_ABBR)})(?=\s+\d))"
)
WEEKDAY = rf"(?:{_alt(LEX['full_weekdays'])})"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[0-9]\d\d|20\d\d|2100)"
# Cardinals: digits, one lexicon word ("three", "a dozen"), or a tens-units compound
# ("twenty-four").  A bare article counts as one only right before its unit, so "a
# three-year term" reads "three-year", not "a" plus "three".
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_DIGIT_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_NUM_WORDS = [w for w in NUMBERS if w not in ("a", "an")]
NUMBER = (
    rf"(?:\d+(?:\.\d+|\s+1/2)?|(?:{_alt(list(_TENS))})[\s-]+(?:{_alt(list(_DIGIT_WORDS))})"
    rf"|(?:{_alt(_NUM_WORDS)})|an?)(?:[\s-]+and[\s-]+a[\s-]+half)?"
)
VAGUE_NUMBER = rf"(?:{_alt(LEX['vague_numbers'])})"
UNIT = _alt(list(UNITS))
ORDINAL = rf"(?:{_alt(list(ORDINALS))}|\d{{1,2}}(?:st|nd|rd|th))"
MOD_PREFIX = rf"(?:(?P<mod>{_alt(list(LEX['mods']))})[\s-]*)"
APPROX_PREFIX = rf"(?:(?P<approx>{_alt(list(LEX['approx_mods']))})\s+)"
DATE_APPROX_PREFIX = rf"(?:(?P<dapprox>{_alt(list(LEX['date_approx_mods']))})\s+)"
REL = r"(?P<rel>last|past|previous|this|current|next|coming|following|upcoming)"
WEEKDAY_REL = r"(?P<rel>last|past|previous|preceding|this|current|next|coming|following|upcoming)"
PART = rf"(?:{_alt([p for p in PARTS_OF_DAY if p not in ('noon', 'midnight')])})"
ZONE = rf"(?-i:{_alt(LEX['time_zones'])})"
AMPM = r"(?:a\.m\.|p\.m\.|am|pm)"

_B = r"(?<![\w$£€])"  # left boundary: not inside a word or a price
_E = r"(?![\w%])"  # right boundary


def _month(word: str) -> int:
    return MONTHS[word.casefold().rstrip(".")]


def _day(word: str) -> int:
    return int(re.sub(r"\D", "", word))


def _number(text: str) -> float | None:
    """A cardinal written in digits or words: "12", "three", "twenty-four", "two and a half",
    "2 1/2"."""
    t = _key(text.replace("-", " "))
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
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _DIGIT_WORDS:
        return float(NUMBERS[parts[0]] + NUMBERS[parts[1]]) + half
    return None


def _fmt_number(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def _mod(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    if groups.get("mod"):
        key = _key(groups["mod"]).rstrip("-").strip()
        return LEX["mods"].get(key) or LEX["mods"].get(key + "-")
    if groups.get("approx"):
        return LEX["approx_mods"].get(_key(groups["approx"]))
    if groups.get("dapprox"):
        return LEX["date_approx_mods"].get(_key(groups["dapprox"]))
    return None


def _ymd(year: int | None, month: int, day: int) -> Spec | None:
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    if year is None:
        return Spec("fill", (f"XXXX-{month:02d}-{day:02d}",))
    return Spec("abs", (f"{year:04d}-{month:02d}-{day:02d}",))


def _directed(spec: Spec, rel: str) -> tuple[Spec, bool]:
    """A spec whose direction the words fix ("last June", "next spring"), if they do."""
    if rel in ("last", "past", "previous"):
        return spec.with_direction(Direction.PAST), True
    if rel in ("next", "coming", "upcoming"):
        return spec.with_direction(Direction.FUTURE), True
    return spec, False


# --- normalisers ---------------------------------------------------------------------


def _mention(
    m: re.Match[str],
    type_: TimexType,
    spec: Spec | None,
    mod: str | None = None,
    directed: bool = False,
) -> Mention | None:
    if spec is None:
        return None
    return Mention(m.start(), m.end(), m.group(), type_, spec, mod, directed)


def _iso_date(m: re.Match[str], _: str) -> Mention | None:
    return _mention(m, TimexType.DATE, _ymd(int(m["y"]), int(m["mo"]), int(m["d"])))


def _numeric_date(m: re.Match[str], _: str) -> Mention | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if y < 100:
        y += 2000 if y < 50 else 1900
    month, day = (a, b) if a <= 12 else (b, a)
    return _mention(m, TimexType.DATE, _ymd(y, month, day))


def _lowercase_ambiguous_month(word: str) -> bool:
    """ "may" and "march" in lower case are the modal and the verb, not months."""
    return word.casefold().rstrip(".") in ("may", "march") and not word[0].isupper()


def _month_day(m: re.Match[str], _: str) -> Mention | None:
    if _lowercase_ambiguous_month(m["m"]):
        return None
    year = int(m["y"]) if m["y"] else None
    spec = _ymd(year, _month(m["m"]), _day(m["d"]))
    rel = (m.groupdict().get("rel") or "").casefold()
    if spec is not None and rel and spec.op == "fill":
        # "shot to death last Oct. 23": the words fix the way, however far back
        spec, _ = _directed(spec, rel)
        mention = _with_part(m, spec)
        return replace(mention, directed=True) if mention is not None else None
    return _with_part(m, spec)


def _day_range(m: re.Match[str], _: str) -> Mention | None:
    """ "June 3-5", "8-10 March": one range of days within a month."""
    if _lowercase_ambiguous_month(m["m"]):
        return None
    first, last = _day(m["d1"]), _day(m["d2"])
    if not first < last:
        return None
    year = int(m["y"]) if m["y"] else None
    a, b = _ymd(year, _month(m["m"]), first), _ymd(year, _month(m["m"]), last)
    if a is None or b is None:
        return None
    return _mention(m, TimexType.DATE, Spec("range", parts=(a, b)))


def _with_part(m: re.Match[str], spec: Spec | None) -> Mention | None:
    part = m.groupdict().get("part")
    if spec is not None and part:
        return _mention(m, TimexType.TIME, replace(spec, time=PARTS_OF_DAY[part.casefold()]))
    return _mention(m, TimexType.DATE, spec)


def _month_year(m: re.Match[str], _: str) -> Mention | None:
    if _lowercase_ambiguous_month(m["m"]) and not m["mod"]:
        return None
    return _mention(
        m, TimexType.DATE, Spec("abs", (f"{int(m['y']):04d}-{_month(m['m']):02d}",)), _mod(m)
    )


_REL_YEAR = {"this": 0, "the": 0, "current": 0, "last": -1, "previous": -1, "next": 1}


def _within_year(template: str, rel: str) -> Spec:
    """ "June of last year", "the third quarter of this year": a part of a relative year."""
    return Spec("within", (template, "year", str(_REL_YEAR[rel.casefold()])))


def _month_rel_year(m: re.Match[str], _: str) -> Mention | None:
    if _lowercase_ambiguous_month(m["m"]):
        return None
    spec = _within_year(f"XXXX-{_month(m['m']):02d}", m["ry"])
    return _mention(m, TimexType.DATE, spec, _mod(m))


def _bare_month(m: re.Match[str], text: str) -> Mention | None:
    word = m["m"]
    ambiguous = word.casefold().rstrip(".") in ("may", "march") and not m.groupdict().get("mod")
    # "last May", "next March": the relative word is the context that makes it a month
    rel_word = m.groupdict().get("rel")
    if ambiguous and (not word[0].isupper() or not (rel_word or _month_context(text, m.start()))):
        return None
    rel = (m.groupdict().get("rel") or "").casefold()
    spec, directed = _directed(Spec("fill", (f"XXXX-{_month(word):02d}",)), rel)
    return _mention(m, TimexType.DATE, spec, _mod(m), directed)


_MONTH_CONTEXT_RE = re.compile(
    r"(?:\b(?:in|of|since|until|by|from|through|early|late|mid|last|"
    r"next|this|during|before|after)[\s-]+)$",
    re.IGNORECASE,
)


_COORDINATED_MONTH_RE = re.compile(
    rf"(?:{MONTH})\s*(?:,|or|and|to|through|until|-|–)\s*$", re.IGNORECASE
)


def _month_context(text: str, start: int) -> bool:
    """ "May"/"March" are months only after a preposition that takes a date, or coordinated
    with another month ("February or March")."""
    before = text[max(0, start - 24) : start]
    return bool(_MONTH_CONTEXT_RE.search(before[-12:]) or _COORDINATED_MONTH_RE.search(before))


_NOT_YEAR_AFTER_RE = re.compile(
    r"^\s*(?:%|percent|per\s+cent|people|persons|troops|soldiers|men|women|children|"
    r"dollars|euros|pounds|yen|km|kilometers|kilometres|miles|meters|metres|feet|tons|tonnes|"
    r"barrels|votes|seats|jobs|units|cars|homes|square|acres|points|shares|times|deaths|cases|"
    r"calories|pages|words|hours|hrs|minutes|students|employees|workers|members|copies|"
    rf"local\s+time|(?-i:{_alt(LEX['time_zones'])}))\b",
    re.IGNORECASE,
)
_YEAR_LABELS = frozenset(LEX["year_labels"])
_LAST_WORD_RE = re.compile(r"([\w.]+)\s*$")


def _previous_word(text: str, start: int) -> str:
    """The word right before ``start`` (casefolded), or "" after punctuation."""
    m = _LAST_WORD_RE.search(text[max(0, start - 24) : start])
    return m.group(1).casefold() if m else ""


def _year(m: re.Match[str], text: str) -> Mention | None:
    if _NOT_YEAR_AFTER_RE.match(text[m.end() : m.end() + 20]):
        return None
    before = text[max(0, m.start() - 2) : m.start()]
    if re.search(r"[\d,.#]$", before) or before.endswith("No"):
        return None
    if not m["mod"] and not m["dapprox"] and _previous_word(text, m.start()) in _YEAR_LABELS:
        return None  # "Room 1984", "Flight 2019": a number that names something
    return _mention(m, TimexType.DATE, Spec("abs", (f"{int(m['y']):04d}",)), _mod(m))


def _decade(m: re.Match[str], _: str) -> Mention | None:
    """ "the 1990s" is the decade 199; "the 1800s" (but not "the 2000s") is a century."""
    digits = m["dec"]
    if digits is None:  # the '90s
        short = m["dec2"]
        decade = 190 + int(short[0]) if int(short) >= 20 else 200 + int(short[0])
        return _mention(m, TimexType.DATE, Spec("abs", (f"{decade:03d}",)), _mod(m))
    if digits.endswith("00") and digits != "2000":
        return _mention(m, TimexType.DATE, Spec("abs", (digits[:2],)), _mod(m))
    return _mention(m, TimexType.DATE, Spec("abs", (digits[:3],)), _mod(m))


def _century(m: re.Match[str], _: str) -> Mention | None:
    word = m["ord"].casefold()
    n = ORDINALS.get(word) or int(re.sub(r"\D", "", word) or 0)
    if not 1 <= n <= 21:
        return None
    return _mention(m, TimexType.DATE, Spec("abs", (f"{n - 1:02d}",)), _mod(m))


def _part_of_year(m: re.Match[str], template: str) -> Mention | None:
    """A quarter or half, with its year written, relative ("of last year") or left open."""
    if m["y"]:
        return _mention(m, TimexType.DATE, Spec("abs", (template.replace("XXXX", m["y"]),)))
    if m["ry"]:
        return _mention(m, TimexType.DATE, _within_year(template, m["ry"]))
    return _mention(m, TimexType.DATE, Spec("fill", (template,)))


def _quarter(m: re.Match[str], text: str) -> Mention | None:
    adjective = "-" in m["sep"]  # "a third-quarter loss", "the fourth-quarter results"
    nxt = _NEXT_WORD_RE.match(text, m.end())
    if (
        not adjective
        and _previous_word(text, m.start()) in ("a", "an")
        and (nxt is None or nxt.group(1).casefold() == "of")
    ):
        return None  # "a second quarter of losses": a count, not a calendar quarter
    word = m["ord"].casefold()
    n = {"final": 4, "last": 4}.get(word) or ORDINALS.get(word) or int(re.sub(r"\D", "", word))
    if not 1 <= n <= 4:
        return None
    if m["y0"]:  # "the 1988 third quarter"
        return _mention(m, TimexType.DATE, Spec("abs", (f"{m['y0']}-Q{n}",)))
    mention = _part_of_year(m, f"XXXX-Q{n}")
    if mention is not None and adjective and m["the"] and not (m["y"] or m["ry"]):
        # TimeML leaves the article to the noun: "the [third-quarter] loss"
        cut = m.end("the") - m.start()
        mention = replace(mention, start=mention.start + cut, text=mention.text[cut:])
    return mention


def _half(m: re.Match[str], _: str) -> Mention | None:
    """ "the first half of 2024", "the last half of 1989", "the first two quarters of 1990"."""
    n = 1 if (m["ord"] or m["ord2"]).casefold() == "first" else 2
    return _part_of_year(m, f"XXXX-H{n}")


def _short_part(m: re.Match[str], _: str) -> Mention | None:
    """ "Q3 2024", "H1 2025"."""
    kind, n = m["kind"], int(m["ord"])
    if kind == "H" and n > 2:
        return None
    return _mention(m, TimexType.DATE, Spec("abs", (f"{m['y']}-{kind}{n}",)))


_SEASON_NOUN_FOLLOWERS = frozenset(LEX["season_noun_followers"])
_NEXT_WORD_RE = re.compile(r"\s+([A-Za-z][\w'-]*)")
_SEASON_PREPOSITIONS = frozenset(
    {"in", "during", "by", "until", "till", "through", "over", "since", "before", "after"}
)


def _season(m: re.Match[str], text: str) -> Mention | None:
    """A season, told apart from the noun "fall" and from names ("the Summer Palace").

    Without a year or a relative word, a season needs a determiner and, for "fall", a
    preposition before "the"; followed by "of"/"in" and no year it is a noun ("the fall of
    Kabul", "the fall in prices").
    """
    word = m["season"]
    rel = (m.groupdict().get("rel") or "").casefold()
    code = SEASONS[word.casefold()]
    if m["y"]:
        return _mention(m, TimexType.DATE, Spec("abs", (f"{int(m['y']):04d}-{code}",)), _mod(m))
    if m["ry"]:
        return _mention(m, TimexType.DATE, _within_year(f"XXXX-{code}", m["ry"]), _mod(m))
    nxt = _NEXT_WORD_RE.match(text, m.end())
    if word[0].isupper() and nxt and nxt.group(1)[0].isupper():
        return None  # a name: "the Summer Palace", "Spring Festival"
    if not rel:
        if nxt and nxt.group(1).casefold() in _SEASON_NOUN_FOLLOWERS:
            return None
        has_the = bool(m["the"])
        before = _previous_word(text, m.start("the") if has_the else m.start("season"))
        if word.casefold() == "fall":
            if not (has_the and before in _SEASON_PREPOSITIONS):
                return None
        elif not (has_the or m["mod"] or before in ("in", "of")):
            return None
    spec = Spec("fill", (f"XXXX-{code}",))
    if rel in ("this", "current"):
        return _mention(m, TimexType.DATE, spec.with_direction(Direction.NEAR), _mod(m), True)
    spec, directed = _directed(spec, rel)
    return _mention(m, TimexType.DATE, spec, _mod(m), directed)


_GENERIC_TODAY_RE = re.compile(
    rf"['’]s\s+(?:[a-z]+\s+)?(?:{_alt(LEX['generic_today_nouns'])})\b", re.IGNORECASE
)


def _deictic_day(m: re.Match[str], text: str) -> Mention | None:
    phrase = _key(m["deictic"])
    if phrase == "today" and _GENERIC_TODAY_RE.match(text, m.end()):
        # "in today's world": the present in general, not the day of writing
        end = m.end() + 2
        return Mention(
            m.start(), end, text[m.start() : end], TimexType.DATE, Spec("ref", ("PRESENT_REF",))
        )
    offset = LEX["deictic_days"][phrase]
    part = LEX["deictic_day_parts"].get(phrase, "")
    type_ = TimexType.TIME if part else TimexType.DATE
    return _mention(m, type_, Spec("shift", ("day", str(offset)), time=part))


_REL_OFFSET = {
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
}
_UNIT_NAMES = {
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
_SPAN_CODES = {
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


def _relative_unit(m: re.Match[str], _: str) -> Mention | None:
    """ "last week", "next year", "late last year", "the following month"."""
    rel = m["rel"].casefold()
    unit = _UNIT_NAMES[m["unit"].casefold()]
    the = bool(m.groupdict().get("the"))
    mod = _mod(m)
    if not mod and (
        rel == "past" or (rel == "last" and the) or (rel == "next" and the and unit != "day")
    ):
        # "the past week", "the last year", "the next month": a span up to/after now
        return _mention(m, TimexType.DURATION, Spec("dur", (_SPAN_CODES[unit],)))
    if rel in ("following", "preceding", "previous") or (rel == "next" and the):
        # relative to the narrative, not to the publication date
        return _mention(m, TimexType.DATE, Spec("anaphor", (unit, str(_REL_OFFSET[rel]))), mod)
    if unit == "season":
        return None  # handled by the season rule
    if rel == "this" and unit == "quarter":
        # "This quarter's loss includes...": in a report, the quarter reported on; else
        # (or looking ahead, "expects a loss this quarter") the reference's
        return _mention(m, TimexType.DATE, Spec("anaphor", (unit, "0", "0")), mod)
    return _mention(m, TimexType.DATE, Spec("shift", (unit, str(_REL_OFFSET[rel]))), mod)


def _relative_part_of_day(m: re.Match[str], _: str) -> Mention | None:
    """ "the next morning", "that night": a part of a day of the narrative."""
    rel = m["rel"].casefold()
    offset = {"that": 0, "same": 0}.get(rel, _REL_OFFSET.get(rel, 0))
    spec = Spec("anaphor", ("day", str(offset)), time=PARTS_OF_DAY[m["part"].casefold()])
    return _mention(m, TimexType.TIME, spec)


def _this_unit_edge(m: re.Match[str], _: str) -> Mention | None:
    """ "earlier this month", "later this year", "earlier that day"."""
    unit = _UNIT_NAMES[m["unit"].casefold()]
    op = "anaphor" if m["det"].casefold() == "that" else "shift"
    return _mention(m, TimexType.DATE, Spec(op, (unit, "0")))


def _the_unit(m: re.Match[str], _: str) -> Mention | None:
    """ "the end of the year", "early in the month": the current one."""
    unit = _UNIT_NAMES[m["unit"].casefold()]
    return _mention(m, TimexType.DATE, Spec("shift", (unit, "0")), _mod(m))


_WEEKDAY_NAME_RE = re.compile(rf"\s+(?:{_alt(LEX['weekday_name_continuations'])})\b")


def _weekday(m: re.Match[str], text: str) -> Mention | None:
    if _WEEKDAY_NAME_RE.match(text, m.end("wd")):
        return None  # "The Sunday Times", "Saturday Night Live"
    n = WEEKDAYS[m["wd"].casefold()]
    rel = (m.groupdict().get("rel") or "").casefold()
    part = m.groupdict().get("part")
    type_ = TimexType.TIME if part else TimexType.DATE
    time = PARTS_OF_DAY[part.casefold()] if part else ""
    if rel in ("this", "current"):
        # "this Saturday": the Saturday of the current week, whatever the tense
        return _mention(m, type_, Spec("weekday", (str(n), "this"), time=time), None, True)
    if rel in ("previous", "preceding", "following"):
        # "the previous Friday": the one before the narrative's date, not the reference's
        side = "after" if rel == "following" else "before"
        spec = Spec("weekday", (str(n), side), time=time)
        return _mention(m, type_, spec.with_direction(Direction.NEAR), None, True)
    spec, directed = _directed(Spec("weekday", (str(n),), time=time), rel)
    if directed:
        # "last Wednesday" said on a Wednesday is a week ago, not today
        spec = replace(spec, args=(str(n), "last" if spec.direction is Direction.PAST else "next"))
    mod = {"early": "START", "late": "END"}.get((m["edge"] or "").casefold())
    return _mention(m, type_, spec, mod, directed)


_AGO_UNITS = {"D": "day", "W": "week", "M": "month", "Y": "year", "DE": "decade"}


_COMPLEMENT_FOLLOWS_RE = re.compile(r"\s+[\w$]")


def _ago(m: re.Match[str], text: str) -> Mention | None:
    """ "three weeks ago", "two days later": a date at the unit's granularity."""
    unit_word = m["unit"].casefold()
    code = UNITS[unit_word]
    direction = _key(m["dir"])
    if direction in ("before", "after") and _COMPLEMENT_FOLLOWS_RE.match(text, m.end()):
        # "wait 30 days before closing the purchase", "a month after Qantas suspended...":
        # counted from an event, not from the narrative's date; the length is tagged
        return None
    if m["vague"] or (m["n"] is None and unit_word.endswith("s")):
        # "years ago", "several weeks ago": only the side of now is known
        ref = {"ago": "PAST_REF", "from now": "FUTURE_REF", "hence": "FUTURE_REF"}.get(direction)
        return _mention(m, TimexType.DATE, Spec("ref", (ref,))) if ref else None
    n = _number(m["n"]) if m["n"] else 1.0
    if n is None or n != int(n):
        return None
    unit = _AGO_UNITS.get(code)
    if code == "M" and unit_word.startswith("min"):
        unit = None
    if unit is None:
        return None
    sign = -1 if direction in ("ago", "earlier", "before", "previously") else 1
    op = "shift" if direction in ("ago", "from now", "hence") else "anaphor"
    if unit == "year" and n == 1 and sign == -1 and not _mod(m):
        # "up from $3 million a year earlier": the period the report compares with
        spec = Spec("comparable", ("ref" if op == "shift" else "narr", "-1"))
        return _mention(m, TimexType.DATE, spec)
    return _mention(m, TimexType.DATE, Spec(op, (unit, str(int(n) * sign))), _mod(m))


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
            _key(raw) in ("a", "an")
            and unit_word in _AMBIGUOUS_UNIT_AFTER_ARTICLE
            and _UNIT_WORD_FOLLOWS_RE.match(text, m.end())
        ):
            return None  # "a second wave", "a quarter point": an ordinal or a fraction
        n = _number(raw)
        if n is None or n <= 0:
            return None
        if m["half"]:
            n += 0.5  # "a minute and a half"
        n_text = _fmt_number(n)
    time_unit = code in ("H", "S") or (code == "M" and unit_word.startswith("min"))
    if code == "2W":
        n_text, code = (n_text if n_text == "X" else _fmt_number(float(n_text) * 2)), "W"
    if code == "Q":
        n_text, code = (n_text if n_text == "X" else _fmt_number(float(n_text) * 3)), "M"
    value = f"PT{n_text}{code}" if time_unit else f"P{n_text}{code}"
    if n_text != "X" and float(n_text) != int(float(n_text)):
        value = _whole_units(float(n_text), code, time_unit) or value
    return _mention(m, TimexType.DURATION, Spec("dur", (value,)), _mod(m))


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
    """ "for years", "after weeks of talks": an unspecified number of units."""
    if _previous_word(text, m.start()) in _PLURAL_DETERMINERS:
        return None
    code = UNITS[m["unit"].casefold()]
    time_unit = code in ("H", "S") or m["unit"].casefold().startswith("min")
    value = f"PTX{code}" if time_unit else f"PX{code}"
    return _mention(m, TimexType.DURATION, Spec("dur", (value,)))


def _clock_time(hour: int, minute: int, ampm: str) -> str | None:
    ampm = ampm.casefold().replace(".", "")
    if ampm and not 1 <= hour <= 12:
        return None
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if not (0 <= hour <= 24 and 0 <= minute < 60):
        return None
    return f"T{hour:02d}:{minute:02d}"


def _clock(m: re.Match[str], _: str) -> Mention | None:
    groups = m.groupdict()
    time = _clock_time(int(groups["h"]), int(groups["min"] or 0), groups.get("ampm") or "")
    if time is None:
        return None
    return _mention(m, TimexType.TIME, Spec("anaphor", ("day", "0"), time=time))


_CLOCK_CONTEXT = frozenset(LEX["clock_context_before"])
_CLOCK_CONTEXT_AFTER_RE = re.compile(r"\s+(?:local\s+time|hours|hrs|h)\b", re.IGNORECASE)


def _clock24(m: re.Match[str], text: str) -> Mention | None:
    """ "14:30", "0800 GMT": a 24-hour time needs a zone or a word that takes a time, so
    that scores ("3:1") and verses ("John 3:16") stay untagged."""
    if not (
        m["tz"]
        or _previous_word(text, m.start()) in _CLOCK_CONTEXT
        or _CLOCK_CONTEXT_AFTER_RE.match(text, m.end())
    ):
        return None
    if m["compact"] and not (m["tz"] or _CLOCK_CONTEXT_AFTER_RE.match(text, m.end())):
        return None  # "at 1430" alone could be anything
    return _clock(m, text)


def _noon(m: re.Match[str], _: str) -> Mention | None:
    return _mention(
        m, TimexType.TIME, Spec("anaphor", ("day", "0"), time=PARTS_OF_DAY[m["w"].casefold()])
    )


_VAGUE_NOT_AFTER: dict[str, frozenset[str]] = {
    k: frozenset(v) for k, v in LEX["vague_not_after"].items()
}
_VAGUE_NOT_BEFORE: dict[str, frozenset[str]] = {
    k: frozenset(v) for k, v in LEX["vague_not_before"].items()
}
_DISCOURSE_MARKERS = frozenset(LEX["discourse_markers"])
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?]['\"’”`]*\s+|\n\s*|^['\"‘“`]+|\s['\"‘“`]+)$")


def _vague(m: re.Match[str], text: str) -> Mention | None:
    phrase = _key(m["vague"])
    previous = _previous_word(text, m.start())
    nxt = _NEXT_WORD_RE.match(text, m.end())
    if previous in _VAGUE_NOT_AFTER.get(phrase, ()):
        return None  # "as soon as": a conjunction
    if nxt and nxt.group(1).casefold() in _VAGUE_NOT_BEFORE.get(phrase, ()):
        return None  # "soon after the vote": counts from an event
    if (
        phrase in _DISCOURSE_MARKERS
        and text.startswith(",", m.end())
        and _SENTENCE_START_RE.search(text[max(0, m.start() - 4) : m.start()])
    ):
        return None  # "Now, he says...": a discourse marker, not the present
    return _mention(m, TimexType.DATE, Spec("ref", (LEX["vague_references"][phrase],)))


_CLASSIFYING_SETS = frozenset(LEX["classifying_set_adjectives"])
_NOUN_AFTER_RE = re.compile(
    r"\s+(?!(?:and|or|but|to|in|on|at|by|for|of|from|with|since|until|through|as|than)\b)"
    r"[a-z][a-z-]*"
)


def _set(m: re.Match[str], text: str) -> Mention | None:
    phrase = _key(m["set"])
    if phrase in _CLASSIFYING_SETS and _NOUN_AFTER_RE.match(text, m.end()):
        return None  # "its quarterly dividend": the kind of payment, not a frequency
    return _mention(m, TimexType.SET, Spec("set", (LEX["set_adverbs"][phrase],)))


def _every_weekday(m: re.Match[str], _: str) -> Mention | None:
    return _mention(m, TimexType.SET, Spec("set", (f"XXXX-WXX-{WEEKDAYS[m['wd'].casefold()]}",)))


def _every_named(m: re.Match[str], _: str) -> Mention | None:
    """ "every summer", "each morning", "every other week"."""
    word = m["what"].casefold()
    if m["other"]:
        value = LEX["every_other"].get(word)
    elif word in LEX["season_sets"]:
        value = LEX["season_sets"][word]
    elif word in LEX["part_sets"]:
        value = f"XXXX-XX-XX{LEX['part_sets'][word]}"
    else:
        value = None  # "every day" is a set adverb of its own
    return _mention(m, TimexType.SET, Spec("set", (value,))) if value else None


def _every_n(m: re.Match[str], _: str) -> Mention | None:
    n = _number(m["n"])
    unit_word = m["unit"].casefold()
    code = UNITS[unit_word]
    if n is None or code in ("WE", "2W"):
        return None
    prefix = "PT" if code in ("H", "S") or unit_word.startswith("min") else "P"
    return _mention(m, TimexType.SET, Spec("set", (f"{prefix}{_fmt_number(n)}{code}",)))


_SET_BLOCKERS = frozenset(LEX["set_blockers_before"])
_QUANTITY_RE = re.compile(
    r"\d|\b(?:million|billion|trillion|thousand|hundred|percent|dozen)s?\b", re.IGNORECASE
)
_CLAUSE_END_RE = re.compile(r"[.;:!?]")
_RATE_NOT_AFTER_RE = re.compile(r"\s+(?:later|earlier|ago|than|before|after)\b", re.IGNORECASE)


def _rate(m: re.Match[str], text: str) -> Mention | None:
    """ "twice a day", "per year", "$5 billion a year": a frequency, i.e. a SET.

    "a year" alone is a rate only after a quantity in its clause ("3 percent a year") and
    not after a word that makes it a length ("for a year", "more than a year").
    """
    value = LEX["set_rates"][m["unit"].casefold()]
    if not (m["freq"] or m["art"].casefold() == "per"):
        if _RATE_NOT_AFTER_RE.match(text, m.end()):
            return None  # "a week later", "a year ago": a length, not a frequency
        previous = _previous_word(text, m.start())
        if not previous or previous in _SET_BLOCKERS:
            return None
        before = text[max(0, m.start() - 60) : m.start()]
        clause = _CLAUSE_END_RE.split(before)[-1]
        if not _QUANTITY_RE.search(clause):
            return None
    return _mention(m, TimexType.SET, Spec("set", (value,)))


_HOLIDAY_BLOCKERS = frozenset(LEX["holiday_blockers"])


def _holiday(m: re.Match[str], text: str) -> Mention | None:
    name = _key(m["hol"])
    nxt = _NEXT_WORD_RE.match(text, m.end())
    if nxt and nxt.group(1).casefold() in _HOLIDAY_BLOCKERS:
        return None  # "the Good Friday Agreement", "Christmas Island"
    sentence_start = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
    window = text[sentence_start : m.end() + 40].casefold()
    words = set(re.findall(r"[a-z-]+", window))
    context = tuple(sorted(words & context_words_for(name)))
    if holiday_requires_context(name) and not context:
        return None
    if m["y"]:
        day = holiday_date(name, int(m["y"]), context)
        if day is None:
            return None
        return _mention(m, TimexType.DATE, Spec("abs", (day.isoformat(),)))
    return _mention(m, TimexType.DATE, Spec("holiday", (canonical_name(name), *context)))


def _year_range(m: re.Match[str], _: str) -> Mention | None:
    a, b = int(m["a"]), m["b"]
    end = int(b) if len(b) == 4 else (a // 100) * 100 + int(b)
    if not a < end <= a + 100:
        return None
    return _mention(
        m,
        TimexType.DATE,
        Spec("range", parts=(Spec("abs", (f"{a:04d}",)), Spec("abs", (f"{end:04d}",)))),
    )


_PERIOD_NOUNS = frozenset(LEX["period_nouns"])


def _year_earlier(m: re.Match[str], text: str) -> Mention | None:
    """ "year-earlier" / "year-ago" as an adjective: "the year-ago quarter" names the period
    compared with; before another noun ("a year-earlier loss") only the adjective is tagged."""
    if m["ord"]:
        n = ORDINALS.get(m["ord"].casefold()) or int(re.sub(r"\D", "", m["ord"]))
        if not 1 <= n <= 4:
            return None
        return _mention(m, TimexType.DATE, Spec("within", (f"XXXX-Q{n}", "year", "-1")))
    spec = Spec("comparable", ("narr", "-1"))
    if m["noun"]:
        return _mention(m, TimexType.DATE, spec)
    start = m.start("ye")
    return Mention(start, m.end("ye"), m["ye"], TimexType.DATE, spec)


def _period_a_year_ago(m: re.Match[str], _: str) -> Mention | None:
    """ "the same period last year", "the quarter a year ago"."""
    base = "narr" if (m["when"] or "").casefold().endswith("earlier") else "ref"
    return _mention(m, TimexType.DATE, Spec("comparable", (base, "-1")))


def _years_period(m: re.Match[str], _: str) -> Mention | None:
    """ "last year's quarter", "this year's third quarter", "next year's first half"."""
    shift = str(_REL_YEAR[m["ry"].casefold()])
    if m["ord"]:
        word = m["ord"].casefold()
        n = ORDINALS.get(word) or int(re.sub(r"\D", "", word))
        kind = "H" if m["noun"].casefold() == "half" else "Q"
        if not 1 <= n <= (2 if kind == "H" else 4):
            return None
        return _mention(m, TimexType.DATE, Spec("within", (f"XXXX-{kind}{n}", "year", shift)))
    if m["noun"].casefold() == "half":
        return None
    return _mention(m, TimexType.DATE, Spec("comparable", ("ref", shift)))


def _dated_period(m: re.Match[str], _: str) -> Mention | None:
    """ "the 1988 period", "the 1989 quarter": the report's period in that year."""
    return _mention(m, TimexType.DATE, Spec("comparable", (m["y"], "0")))


_REPORT_SPAN_AFTER_RE = re.compile(r"\s+(?:ended|ending|that\s+ended|to\s+date)\b", re.IGNORECASE)


def _the_period(m: re.Match[str], text: str) -> Mention | None:
    """ "the quarter", "the latest quarter", "the year", "the latest period", "the full
    year": the period the narrative is about.  "the year ended Sept. 30" is a length."""
    unit = m["unit"].casefold()
    adj = (m["adj"] or "").casefold()
    if m["unit"][0].isupper():
        return None  # a title: "Person of the Year"
    if m["yn"]:
        return _mention(m, TimexType.DATE, Spec("abs", (m["yn"],)))
    if unit == "period":
        if adj != "latest":
            return None
        return _mention(m, TimexType.DATE, Spec("comparable", ("narr", "0")))
    if unit == "year" and _REPORT_SPAN_AFTER_RE.match(text, m.end()):
        return _mention(m, TimexType.DURATION, Spec("dur", ("P1Y",)))
    if adj == "current":  # "the current fiscal year": the reference's
        return _mention(m, TimexType.DATE, Spec("shift", (unit, "0")))
    if adj == "latest" and unit == "quarter":
        # the quarter the narrative is about, else the last one completed: reports come
        # out after the quarter ends
        return _mention(m, TimexType.DATE, Spec("anaphor", (unit, "0", "-1")))
    return _mention(m, TimexType.DATE, Spec("anaphor", (unit, "0")))


_TEENS = (
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_CENTURY_WORDS = {"eighteen": 18, "nineteen": 19, "twenty": 20}
SPELLED_YEAR = (
    rf"(?:(?P<cw>{_alt(list(_CENTURY_WORDS))})[\s-]+(?:(?P<tens>{_alt(list(_TENS))})"
    rf"(?:[\s-]+(?P<units>{_alt(list(_DIGIT_WORDS))}))?|(?P<teen>{_alt(list(_TEENS))}))"
    rf"|two\s+thousand(?:\s+(?:and\s+)?(?:(?P<tu>{_alt(list(_DIGIT_WORDS))})"
    rf"|(?P<tt>{_alt(list(_TEENS))})))?)"
)


def _spelled_year(m: re.Match[str], _: str) -> Mention | None:
    """ "nineteen ninety-six", "the year two thousand": years as broadcast transcripts
    write them."""
    if m["cw"]:
        low = NUMBERS[m["tens"].casefold()] if m["tens"] else NUMBERS[m["teen"].casefold()]
        if m["units"]:
            low += NUMBERS[m["units"].casefold()]
        year = _CENTURY_WORDS[m["cw"].casefold()] * 100 + int(low)
    else:
        extra = m["tu"] or m["tt"]
        year = 2000 + (int(NUMBERS[extra.casefold()]) if extra else 0)
    return _mention(m, TimexType.DATE, Spec("abs", (f"{year:04d}",)))


# --- rules ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    normalise: Normaliser
    anchors: tuple[str, ...] = ()
    before: int = 0  # how far before an anchor a match may start
    after: int = 0  # how far after an anchor a match may end, look-aheads included
    # what every match has right before / after its anchor (a cheap test of each anchor)
    guard_before: re.Pattern[str] | None = None
    guard_after: re.Pattern[str] | None = None
    # for rules over a list of phrases: per anchor word, the phrases that hold it
    phrase_guards: dict[str, re.Pattern[str]] | None = None


def _rule(name: str, pattern: str, normalise: Normaliser, flags: int = re.IGNORECASE) -> Rule:
    before, after = _GUARDS.get(name, (None, None))
    return Rule(
        name,
        re.compile(pattern, flags),
        normalise,
        *_rule_anchors(name),
        re.compile(rf"(?:{before})\Z", re.IGNORECASE) if before else None,
        re.compile(after, re.IGNORECASE) if after else None,
        _phrase_guards(_PHRASE_RULES[name]()) if name in _PHRASE_RULES else None,
    )


_PHRASE_RULES: dict[str, Callable[[], list[str]]] = {
    "deictic": lambda: list(LEX["deictic_days"]),
    "vague": lambda: list(LEX["vague_references"]),
    "set": lambda: [s for s in LEX["set_adverbs"] if not s.startswith(("a ", "per "))],
    "holiday": holiday_names,
}


# How far before an anchor ``guard_before`` looks.
_GUARD_REACH = 24
_NUMBER_ENDS = sorted(
    {p.split()[-1] for p in [*NUMBERS, *LEX["vague_numbers"]]} | {"half"}, key=len, reverse=True
)
_GUARDS: dict[str, tuple[str | None, str | None]] = {
    "month-day": (None, r"\.?\s+\d"),
    "month-day-range": (None, r"\.?\s+\d"),
    "month-year": (None, r"\.?\s?,?\s+(?:of\s+)?\d"),
    "month-rel-year": (None, r"\.?\s+(?:of\s+)?(?:this|last|next|current|previous)\b"),
    "day-month": (r"\d(?:st|nd|rd|th)?\s+(?:of\s+)?", None),
    "day-month-range": (r"\d(?:st|nd|rd|th)?\s+(?:of\s+)?", None),
    "ago": (None, r"\s+(?:ago|earlier|later|before|after|from\s+now|hence)\b"),
    "rate": (r"(?<!\w)(?:an?|per)\s+", None),
    "relative-unit": (
        r"(?<!\w)(?:last|past|previous|this|current|next|coming|following|upcoming)\s+",
        None,
    ),
    "duration": (rf"(?:\d|(?<![a-z])(?:{'|'.join(_NUMBER_ENDS)}))[\s-]+", None),
    "the-unit": (r"(?<!\w)the\s+", None),
    "that-unit": (r"(?<!\w)(?:that|same)\s+", None),
    "the-weekend": (r"(?<!\w)the\s+", None),
    "day-before": (r"(?<!\w)the\s+", None),
}


_GENERIC_WORDS = frozenset({"day", "days", "year", "years", "eve", "the", "of", "new", "s"})


def _phrase_anchors(phrases: object, after: int = 0) -> tuple[tuple[str, ...], int, int]:
    """Anchors for a list of phrases: the longest word of each that is not generic (every
    match of the phrase contains it), with the room a phrase needs before and after it."""
    words: list[str] = []
    before = tail = 0
    for phrase in phrases:
        word, at = _phrase_anchor(phrase)
        words.append(word)
        before = max(before, at.start())
        tail = max(tail, len(phrase) - at.end())
    return tuple(words), before, tail + after


def _phrase_anchor(phrase: str) -> tuple[str, re.Match[str]]:
    p = phrase.casefold()
    word = max(re.findall(r"[a-z]+", p), key=lambda w: (w not in _GENERIC_WORDS, len(w)))
    at = re.search(rf"(?<![a-z]){word}(?![a-z])", p)
    assert at is not None
    return word, at


def _phrase_guards(phrases: list[str]) -> dict[str, re.Pattern[str]]:
    """For each anchor word, the phrases holding it: one must be near a hit of the word."""
    by_word: dict[str, list[str]] = {}
    for phrase in phrases:
        by_word.setdefault(_phrase_anchor(phrase)[0], []).append(phrase)
    out: dict[str, re.Pattern[str]] = {}
    for word, group in by_word.items():
        out[word] = out[word + "s"] = re.compile(_alt(group), re.IGNORECASE)
    return out


_UNIT_WORDS = ("day", "week", "weekend", "month", "quarter", "year", "decade", "century")
_PARTS = ("morning", "afternoon", "evening", "night")


def _rule_anchors(name: str) -> tuple[tuple[str, ...], int, int]:
    """Words (or digit shapes, ``#...``) of which every match of rule ``name`` contains one
    as a whole word, with how far, in characters written with single spaces, a match (and
    its look-arounds) reaches before and after it: the rule only runs in windows around
    its anchors (see ``_candidates``).  ``#4``: four digits; ``#ampm``: "5 p.m.",
    "10:30am"; ``#sep``: "12/25", "14:30"; ``#dec``: "'90s".  A word also stands for its
    plural in ``s``."""
    months = tuple(MONTHS)
    weekdays = tuple(LEX["full_weekdays"])
    units = tuple(UNITS)
    table: dict[str, tuple[tuple[str, ...], int, int]] = {
        "iso-date": (("#4",), 0, 8),
        "numeric-date": (("#sep",), 0, 10),
        "month-day-range": (months, 0, 24),
        "day-month-range": (months, 16, 10),
        "month-day": (months, 12, 26),
        "day-month": (months, 24, 10),
        "month-year": (months, 20, 12),
        "month-rel-year": (months, 20, 20),
        "month": (months, 30, 2),
        "decade": (("#4", "#dec"), 24, 4),
        "century": (("century",), 36, 2),
        "quarter": (("quarter",), 24, 20),
        "short-part": (("#4",), 4, 2),
        "half": (("half", "quarter"), 16, 20),
        "season": (tuple(SEASONS), 30, 16),
        "clock": (("#ampm",), 0, 16),
        "clock-24": (("#sep", "#4"), 0, 16),
        "year": (("#4",), 20, 6),
        "spelled-year": ((*_CENTURY_WORDS, "thousand"), 10, 18),
        "year-range": (("#4",), 0, 8),
        "deictic": _phrase_anchors(_PHRASE_RULES["deictic"](), 2),
        "edge-of-unit": (("earlier", "later"), 0, 16),
        "relative-unit": (_UNIT_WORDS, 32, 2),
        "preceding-unit": (("preceding",), 4, 8),
        "year-earlier": (("year",), 16, 26),
        "period-a-year-ago": (("year",), 28, 10),
        "years-period": (("year",), 6, 24),
        "dated-period": (("#4",), 4, 16),
        "the-period": (("quarter", "year", "period"), 20, 8),
        "relative-part-of-day": (_PARTS, 16, 2),
        "the-weekend": (("weekend",), 4, 2),
        "the-unit": (("year", "month", "week", "decade"), 28, 2),
        "that-unit": (("day", "week", "month", "year"), 10, 2),
        "day-before": (("day", "night"), 4, 48),
        "weekday": (weekdays, 16, 12),
        "weekdays": (weekdays, 0, 2),
        "ago": (units, 40, 24),
        "rate": (tuple(LEX["set_rates"]), 34, 2),
        "duration": (units, 40, 18),
        "plural-duration": (
            ("year", "month", "week", "day", "hour", "minute", "decade", "centuries"),
            0,
            6,
        ),
        "noon": (("noon", "midnight"), 0, 2),
        "vague": _phrase_anchors(_PHRASE_RULES["vague"](), 3),
        "set": _phrase_anchors(_PHRASE_RULES["set"](), 2),
        "every-weekday": (("every", "each"), 0, 12),
        "every-named": (("every", "each"), 0, 16),
        "every-n": (("every",), 0, 34),
        "holiday": _phrase_anchors(_PHRASE_RULES["holiday"](), 6),
    }
    words, before, after = table[name]
    # room for longer runs of white space, and for the look-arounds at either end
    return words, before + before // 2 + 8, after + after // 2 + 8


@cache
def rules() -> tuple[Rule, ...]:
    """Every recognition rule; on equal spans the earlier rule wins."""
    holidays = _alt(holiday_names())
    vague = _alt(list(LEX["vague_references"]))
    sets = _alt([s for s in LEX["set_adverbs"] if not s.startswith(("a ", "per "))])
    deictic = _alt(list(LEX["deictic_days"]))
    frequencies = _alt(LEX["frequencies"])
    rates = _alt(list(LEX["set_rates"]))
    the_det = r"(?P<the>the\s+)"
    period_nouns = _alt(list(_PERIOD_NOUNS))
    periods_adj = _alt(LEX["comparable_adjectives"])
    rel_year = r"(?:of\s+)?(?P<ry>this|last|next|current|previous)\s+year"
    part_year = rf"(?:\s+of\s+(?:(?P<y>{YEAR})|(?P<ry>this|last|next|the|current)\s+year))"
    return (
        _rule("iso-date", rf"{_B}(?P<y>\d{{4}})-(?P<mo>\d{{2}})-(?P<d>\d{{2}})(?!\d)", _iso_date),
        _rule(
            "numeric-date",
            rf"{_B}(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>\d{{4}}|\d{{2}})(?![\d/])",
            _numeric_date,
        ),
        _rule(
            "month-day-range",
            rf"{_B}(?P<m>{MONTH})\s+(?P<d1>{DAY})\s*[-–]\s*(?P<d2>{DAY})(?!\d|:\d)"
            rf"(?:\s?,?\s+(?P<y>{YEAR})(?!\d))?{_E}",
            _day_range,
        ),
        _rule(
            "day-month-range",
            rf"{_B}(?P<d1>{DAY})\s*[-–]\s*(?P<d2>{DAY})\s+(?:of\s+)?(?P<m>{MONTH})"
            rf"(?:\s?,?\s+(?P<y>{YEAR})(?!\d))?{_E}",
            _day_range,
        ),
        _rule(
            "month-day",
            rf"{_B}(?:(?P<rel>last|next)\s+)?(?:{WEEKDAY}\s?,?\s+)?(?P<m>{MONTH})\s+(?P<d>{DAY})"
            rf"(?!\d|:\d)"
            rf"(?:(?:\s?,\s*|\s+)(?P<y>{YEAR})(?!\d))?(?:\s+(?P<part>{PART}))?{_E}",
            _month_day,
        ),
        _rule(
            "day-month",
            rf"{_B}(?:{WEEKDAY}\s?,?\s+)?(?:the\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<m>{MONTH})"
            rf"(?:\s?,?\s+(?P<y>{YEAR})(?!\d))?{_E}",
            _month_day,
        ),
        _rule(
            "month-year",
            rf"{_B}{MOD_PREFIX}?(?P<m>{MONTH})\s?,?\s+(?:of\s+)?(?P<y>{YEAR})(?!\d)",
            _month_year,
        ),
        _rule(
            "month-rel-year",
            rf"{_B}{MOD_PREFIX}?(?P<m>{MONTH})\s+{rel_year}{_E}",
            _month_rel_year,
        ),
        _rule("month", rf"{_B}(?:{REL}\s+)?{MOD_PREFIX}?(?P<m>{MONTH}){_E}", _bare_month),
        _rule(
            "decade",
            rf"{_B}(?:the\s+)?{MOD_PREFIX}?(?:(?P<dec>1\d\d0|20\d0)'?s|'(?P<dec2>\d0)s){_E}",
            _decade,
        ),
        _rule(
            "century", rf"{_B}(?:the\s+)?{MOD_PREFIX}?(?P<ord>{ORDINAL})[\s-]+century{_E}", _century
        ),
        _rule(
            "quarter",
            rf"{_B}(?:(?P<the>the\s+)(?:(?P<y0>{YEAR})\s+)?)?(?:fiscal[\s-]+)?"
            rf"(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
            rf"(?P<sep>[\s-]+)quarter{part_year}?{_E}",
            _quarter,
        ),
        _rule(
            "short-part", rf"{_B}(?P<kind>[QH])(?P<ord>[1-4])\s+(?P<y>{YEAR}){_E}", _short_part, 0
        ),
        _rule(
            "half",
            rf"{_B}(?:the\s+)?(?:(?P<ord>first|second|last)\s+half"
            rf"|(?P<ord2>first|last)\s+two\s+quarters){part_year}{_E}",
            _half,
        ),
        _rule(
            "season",
            rf"{_B}(?:{REL}\s+|(?P<the>the\s+))?{MOD_PREFIX}?"
            rf"(?P<season>spring|summer|autumn|winter|fall)"
            rf"(?:\s+(?:of\s+)?(?P<y>{YEAR})(?!\d)|\s+of\s+(?P<ry>this|last|next)\s+year)?{_E}",
            _season,
        ),
        _rule(
            "clock",
            rf"{_B}(?P<h>[01]?\d|2[0-3])(?:[:.](?P<min>[0-5]\d))?\s*(?P<ampm>{AMPM})(?!\w)"
            rf"(?:\s+(?P<tz>{ZONE})\b)?",
            _clock,
        ),
        _rule(
            "clock-24",
            rf"{_B}(?:(?P<h>[01]?\d|2[0-3]):(?P<min>[0-5]\d)|(?P<compact>(?=[01]\d|2[0-3]))"
            rf"(?P<h2>\d\d)(?P<min2>[0-5]\d))(?![\d:.,]\d|\s*{AMPM})(?:\s+(?P<tz>{ZONE})\b)?",
            lambda m, t: _clock24(m, t) if m["h"] else _clock24_compact(m, t),
        ),
        _rule(
            "year",
            rf"{_B}(?:{MOD_PREFIX}|{DATE_APPROX_PREFIX})?(?P<y>{YEAR})(?![\w%,.]\d|[\w%]|-\d)",
            _year,
        ),
        _rule(
            "spelled-year",
            rf"{_B}(?:the\s+year\s+)?{SPELLED_YEAR}{_E}(?!-)",
            _spelled_year,
        ),
        _rule("year-range", rf"{_B}(?P<a>{YEAR})[-–](?P<b>\d{{4}}|\d{{2}})(?!\d)", _year_range),
        _rule("deictic", rf"{_B}(?P<deictic>{deictic}){_E}", _deictic_day),
        _rule(
            "edge-of-unit",
            rf"{_B}(?:earlier|later)\s+(?P<det>this|that)\s+(?P<unit>day|week|month|year|summer|"
            rf"winter|spring|autumn|fall|decade|century){_E}",
            _this_unit_edge,
        ),
        _rule(
            "relative-unit",
            rf"{_B}(?:{MOD_PREFIX}|{the_det})?{REL}\s+(?P<unit>day|week|weekend|month|year|"
            rf"quarter|decade|century){_E}",
            _relative_unit,
        ),
        _rule(
            "preceding-unit",
            rf"{_B}(?P<the>the\s+)(?P<rel>preceding)\s+(?P<unit>day|week|month|year){_E}",
            _relative_unit,
        ),
        _rule(
            "year-earlier",
            rf"{_B}(?:(?:the|a|an)\s+(?:(?:{periods_adj})\s+)?)?(?P<ye>year-(?:earlier|ago))"
            rf"(?:\s+(?P<ord>first|second|third|fourth)[\s-]+quarter"
            rf"|\s+(?P<noun>{period_nouns}))?{_E}",
            _year_earlier,
        ),
        _rule(
            "period-a-year-ago",
            rf"{_B}the\s+(?:(?:{periods_adj})\s+)?(?:{period_nouns})\s+"
            rf"(?P<when>last\s+year|a\s+year\s+(?:ago|earlier))(?![\w'’])",
            _period_a_year_ago,
        ),
        _rule(
            "years-period",
            rf"{_B}(?P<ry>this|last|next)\s+year['’]s\s+(?:(?P<ord>{ORDINAL})[\s-]+)?"
            rf"(?P<noun>quarter|half|period){_E}",
            _years_period,
        ),
        _rule(
            "dated-period",
            rf"{_B}the\s+(?P<y>{YEAR})\s+(?:fiscal\s+)?(?:{period_nouns}){_E}",
            _dated_period,
        ),
        _rule(
            "the-period",
            rf"{_B}the\s+(?:(?P<adj>latest|full|current|entire|whole)\s+)?(?:fiscal\s+)?"
            rf"(?P<unit>quarter|year|period)(?:\s+(?P<yn>{YEAR}))?{_E}(?![-'’])",
            _the_period,
        ),
        _rule(
            "relative-part-of-day",
            rf"{_B}(?:the\s+)?(?P<rel>next|following|previous|preceding|that|same)\s+"
            rf"(?P<part>morning|afternoon|evening|night){_E}",
            _relative_part_of_day,
        ),
        _rule(
            "the-weekend",
            rf"{_B}the\s+weekend{_E}",
            lambda m, t: _mention(m, TimexType.DATE, Spec("weekend")),
        ),
        _rule(
            "the-unit",
            rf"{_B}{MOD_PREFIX}(?:in\s+)?the\s+(?P<unit>year|month|week|decade){_E}",
            _the_unit,
        ),
        _rule(
            "that-unit",
            rf"{_B}(?:that\s+same|the\s+same|that)\s+(?P<unit>day|week|month|year){_E}",
            lambda m, t: _mention(
                m, TimexType.DATE, Spec("anaphor", (_UNIT_NAMES[m["unit"].casefold()], "0"))
            ),
        ),
        _rule(
            "day-before",
            rf"{_B}the\s+(?P<w>day|night)\s+(?P<dir>before|after){_E}"
            # not "the day after the vote": then it counts from an event, not a date
            r"(?!\s+(?:the|a|an|his|her|their|its|our|this|that|these|those|\d)\b"
            r"|\s+\w+\s+of\b|\s+[A-Z])",
            _day_before,
        ),
        _rule(
            "weekday",
            rf"{_B}(?:(?:the\s+(?=(?:previous|preceding|following)\s))?{WEEKDAY_REL}\s+"
            rf"|(?P<edge>early|late)\s+)?(?P<wd>{WEEKDAY})"
            rf"(?:\s+(?P<part>{PART}))?{_E}",
            _weekday,
        ),
        _rule(
            "weekdays",
            rf"{_B}(?P<wd>{WEEKDAY})s{_E}",
            _every_weekday,
        ),
        _rule(
            "ago",
            rf"{_B}{APPROX_PREFIX}?(?:(?P<vague>{VAGUE_NUMBER})[\s-]+|(?P<n>{NUMBER})[\s-]+)?"
            rf"(?P<unit>{UNIT})\s+(?P<dir>ago|earlier|later|before|after|from\s+now|hence)"
            rf"(?!\s+(?:the|a|an|his|her|their|its|he|she|they|it|we|i|than)\b)",
            _ago,
        ),
        _rule(
            "rate",
            rf"{_B}(?:(?P<freq>{frequencies}|{NUMBER}\s+times)\s+)?(?P<art>an?|per)\s+"
            rf"(?P<unit>{rates}){_E}(?!-)",
            _rate,
        ),
        _rule(
            "duration",
            rf"{_B}(?:{APPROX_PREFIX}|the\s+(?:past|last|next|first|final|previous|coming)\s+"
            rf"|(?:past|next)\s+)?(?:(?P<n>{NUMBER})|{VAGUE_NUMBER})[\s-]+(?P<unit>{UNIT})"
            rf"(?:-long|(?P<half>\s+and\s+a\s+half))?{_E}(?!-)",
            _duration,
        ),
        _rule(
            "plural-duration",
            r"(?:(?<=\bfor\s)|(?<=\bafter\s)|(?<=\bwithin\s)|(?<=\bover\s)|(?<=\bin\s)"
            rf"|{_B}(?=\w+\s+of\b))(?P<unit>years|months|weeks|days|hours|minutes|decades"
            rf"|centuries){_E}",
            _plural_duration,
        ),
        _rule("noon", rf"{_B}(?P<w>noon|midnight){_E}", _noon),
        _rule("vague", rf"{_B}(?P<vague>{vague}){_E}(?!-\w)", _vague),
        _rule("set", rf"{_B}(?P<set>{sets}){_E}", _set),
        _rule("every-weekday", rf"{_B}(?:every|each)\s+(?P<wd>{WEEKDAY}){_E}", _every_weekday),
        _rule(
            "every-named",
            rf"{_B}(?:every|each)\s+(?:(?P<other>other)\s+)?(?P<what>"
            rf"{_alt([*LEX['season_sets'], *LEX['part_sets'], *LEX['every_other']])}){_E}",
            _every_named,
        ),
        _rule("every-n", rf"{_B}every\s+(?P<n>{NUMBER})\s+(?P<unit>{UNIT}){_E}", _every_n),
        _rule("holiday", rf"{_B}(?P<hol>{holidays})(?:\s+(?P<y>{YEAR}))?{_E}", _holiday),
    )


def _clock24_compact(m: re.Match[str], text: str) -> Mention | None:
    """ "0800 GMT": military time, only with a zone or "hours"/"local time" after it."""
    if not (m["tz"] or _CLOCK_CONTEXT_AFTER_RE.match(text, m.end())):
        return None
    time = _clock_time(int(m["h2"]), int(m["min2"]), "")
    if time is None:
        return None
    return _mention(m, TimexType.TIME, Spec("anaphor", ("day", "0"), time=time))


def _day_before(m: re.Match[str], _: str) -> Mention | None:
    """ "the day before", "the night after": a day (or night) of the narrative."""
    offset = "-1" if m["dir"].casefold() == "before" else "1"
    if m["w"].casefold() == "night":
        return _mention(m, TimexType.TIME, Spec("anaphor", ("day", offset), time="NI"))
    return _mention(m, TimexType.DATE, Spec("anaphor", ("day", offset)))


# --- selection -----------------------------------------------------------------------


@cache
def _anchor_index() -> tuple[re.Pattern[str], dict[str, tuple[int, ...]]]:
    """One case-sensitive regex over the lowercased text finding every anchor, and for
    each anchor word or digit shape the indices of the rules it anchors."""
    index: dict[str, set[int]] = {}
    for i, rule in enumerate(rules()):
        for anchor in rule.anchors:
            keys = (anchor,) if anchor.startswith("#") else (anchor, anchor + "s")
            for key in keys:
                index.setdefault(key, set()).add(i)
    words = sorted(k for k in index if not k.startswith("#"))
    pattern = re.compile(
        rf"\b(?:(?:{trie(words)})(?![a-z])|(?P<_4>\d\d\d\d)(?!\d)"
        r"|(?P<_ampm>\d\d?(?:[:.]\d\d)?\s*[ap]\.?m)|(?P<_sep>\d\d?[/:]\d))|(?P<_dec>'\d0s)"
    )
    # a group name, unlike a word, holds "_"
    shapes = {"_4": "#4", "_ampm": "#ampm", "_sep": "#sep", "_dec": "#dec"}
    table = {k: tuple(sorted(v)) for k, v in index.items()}
    for group, key in shapes.items():
        table[group] = table.get(key, ())
    return pattern, table


def _windows(text: str) -> list[list[tuple[int, int]]] | None:
    """Per rule, the merged windows of ``text`` around its anchors (None: scan it all).

    One pass of the anchor index finds every anchor; each rule then only looks at the
    hits of its own anchors (a rule none of whose anchors occurs gets no window), tests
    its guards on them, and merges the windows around what is left."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return None
    pattern, table = _anchor_index()
    hits: dict[str, list[tuple[int, int]]] = {}
    for m in pattern.finditer(lowered):
        key = m.lastgroup or m.group()
        spans = hits.get(key)
        if spans is None:
            hits[key] = [m.span()]
        else:
            spans.append(m.span())
    margins = _margins()
    # per rule, the keys of its anchors that occur, in the order the index lists them
    present: list[list[str]] = [[] for _ in margins]
    for key in hits:
        for i in table[key]:
            present[i].append(key)
    n = len(text)
    # the hits of a set of keys, and a guard's verdict on them, shared by the rules with
    # the same anchors (the month rules) or the same guard too ("May 5" and "May 5-7")
    merged: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    guarded: dict[tuple[re.Pattern[str], tuple[str, ...]], list[tuple[int, int]]] = {}
    windows: list[list[tuple[int, int]]] = []
    for keys, (before, after, guard_before, guard_after, phrases) in zip(
        present, margins, strict=True
    ):
        if not keys:
            windows.append([])
            continue
        if phrases is not None:
            spans = _near_phrases(text, hits, keys, phrases, before, after)
        else:
            group = tuple(keys)
            spans = merged.get(group)  # type: ignore[assignment]
            if spans is None:
                # anchors do not overlap: ordered by start, the hits are in text order
                spans = merged[group] = (
                    hits[keys[0]] if len(keys) == 1 else sorted([h for k in keys for h in hits[k]])
                )
            guard = guard_after if guard_after is not None else guard_before
            if guard is not None:
                verdict = guarded.get((guard, group))
                if verdict is None:
                    verdict = guarded[(guard, group)] = _guarded(
                        text, spans, guard, after=guard_after is not None
                    )
                spans = verdict
                if guard_before is not None and guard is not guard_before:
                    spans = _guarded(text, spans, guard_before, after=False)
        windows.append(_merged(spans, before, after, n) if spans else [])
    return windows


def _near_phrases(
    text: str,
    hits: dict[str, list[tuple[int, int]]],
    keys: list[str],
    phrases: dict[str, re.Pattern[str]],
    before: int,
    after: int,
) -> list[tuple[int, int]]:
    """The hits of ``keys`` that one of the phrases holding them lies around."""
    out: list[tuple[int, int]] = []
    for key in keys:
        near = phrases[key].search
        out.extend(
            (s, e)
            for s, e in hits[key]
            if near(text, s - before if s > before else 0, e + after) is not None
        )
    if len(keys) > 1:
        out.sort()
    return out


def _guarded(
    text: str, spans: list[tuple[int, int]], guard: re.Pattern[str], *, after: bool
) -> list[tuple[int, int]]:
    """The hits ``spans`` whose guard holds right after (or before) them."""
    if after:
        match = guard.match
        return [(s, e) for s, e in spans if match(text, e) is not None]
    search = guard.search
    return [
        (s, e)
        for s, e in spans
        if search(text, s - _GUARD_REACH if s > _GUARD_REACH else 0, s) is not None
    ]


def _merged(spans: list[tuple[int, int]], before: int, after: int, n: int) -> list[tuple[int, int]]:
    """The windows ``before`` / ``after`` characters around ``spans`` (in text order),
    overlapping or touching ones merged, clipped to the text."""
    gap = before + after
    out: list[tuple[int, int]] = []
    lo, hi = spans[0]
    for s, e in spans:
        if s - hi > gap:
            out.append((lo - before if lo > before else 0, hi + after if hi + after < n else n))
            lo = s
        hi = e
    out.append((lo - before if lo > before else 0, hi + after if hi + after < n else n))
    return out


@cache
def _margins() -> tuple[tuple[Any, ...], ...]:
    return tuple(
        (r.before, r.after, r.guard_before, r.guard_after, r.phrase_guards) for r in rules()
    )


def _candidates(text: str) -> Iterator[Mention]:
    """Every rule's matches, rule by rule in text order: the same matches as running each
    rule over the whole text, since every match holds an anchor of its rule and lies,
    with its look-arounds, in that anchor's window."""
    windows = _windows(text)
    for i, rule in enumerate(rules()):
        spans = [(0, len(text))] if windows is None else windows[i]
        finditer = rule.pattern.finditer
        normalise = rule.normalise
        for a, b in spans:
            for match in finditer(text, a, b):
                mention = normalise(match, text)
                if mention is not None:
                    yield _trim(mention)


_LEADING_DROP_RE = re.compile(r"^(?:in|on|during|at(?=\s+(?:the|this)\b))\s+", re.IGNORECASE)


def _trim(mention: Mention) -> Mention:
    """Drop a leading preposition some rules consume for context ("in the past")."""
    m = _LEADING_DROP_RE.match(mention.text)
    if not m:
        return mention
    cut = m.end()
    return replace(mention, start=mention.start + cut, text=mention.text[cut:])


def _select(candidates: list[Mention]) -> list[Mention]:
    """Leftmost-longest, non-overlapping; on equal spans the earlier rule wins."""
    chosen: list[Mention] = []
    for c in sorted(candidates, key=lambda c: (c.start, -(c.end - c.start))):
        if chosen and c.start < chosen[-1].end:
            continue
        chosen.append(c)
    return chosen


_JOIN_RE = re.compile(r"^\s*(?P<w>or|and|to|through|until|till|-|–)\s*$", re.IGNORECASE)
_BETWEEN_RE = re.compile(r"(?:between|from)\s+$", re.IGNORECASE)


def _join(mentions: list[Mention], text: str) -> list[Mention]:
    """Join "February or March" / "between 2019 and 2021" into one alt/range mention."""
    out: list[Mention] = []
    i = 0
    while i < len(mentions):
        a = mentions[i]
        if i + 1 < len(mentions):
            b = mentions[i + 1]
            gap = _JOIN_RE.match(text[a.end : b.start])
            if (
                gap
                and a.type is TimexType.DATE
                and b.type is TimexType.DATE
                and a.spec.op in ("fill", "abs", "weekday")
                and a.spec.op == b.spec.op
                and a.mod == b.mod  # "late 2026 or early 2027" keeps its two mods
                and _same_shape(a, b)
            ):
                word = gap["w"].casefold()
                between = bool(_BETWEEN_RE.search(text[max(0, a.start - 8) : a.start]))
                if word != "and" or between:
                    op = "alt" if word == "or" else "range"
                    out.append(
                        Mention(
                            a.start,
                            b.end,
                            text[a.start : b.end],
                            TimexType.DATE,
                            Spec(op, parts=(a.spec, b.spec), direction=a.spec.direction),
                            a.mod or b.mod,
                            a.directed and b.directed,
                        )
                    )
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


def _same_shape(a: Mention, b: Mention) -> bool:
    return len(a.spec.args[0]) == len(b.spec.args[0]) if a.spec.args and b.spec.args else False


_DAY_OPS = frozenset({"weekday", "holiday"})


def _is_day(spec: Spec) -> bool:
    """True for a spec naming one calendar day, without a time yet."""
    if spec.time or spec.parts:
        return False
    if spec.op in _DAY_OPS:
        return True
    if spec.op in ("shift", "anaphor"):
        return spec.args[0] == "day"
    if spec.op in ("fill", "abs"):
        return bool(re.fullmatch(r"(?:\d{4}|XXXX)-\d{2}-\d{2}", spec.args[0]))
    return False


def _is_clock(mention: Mention) -> bool:
    spec = mention.spec
    return (
        mention.type is TimexType.TIME
        and spec.op == "anaphor"
        and spec.args == ("day", "0")
        and spec.time.startswith("T")
    )


_CLOCK_DAY_GAP_RE = re.compile(r"^(?:\s*,)?\s*(?P<on>on\s+)?$", re.IGNORECASE)
_PART_OF_RE = re.compile(
    r"\bthe\s+(?P<part>morning|afternoon|evening|night)\s+of\s+$", re.IGNORECASE
)


def _attach_days(mentions: list[Mention], text: str) -> list[Mention]:
    """Give clock times and parts of day the day written next to them.

    "3 p.m. Friday" becomes one TIME; in "9 a.m. on Monday" the clock time keeps its own
    span but takes Monday's day; "the morning of Sept. 1" becomes a TIME of that day.
    """
    out: list[Mention] = []
    i = 0
    while i < len(mentions):
        a = mentions[i]
        b = mentions[i + 1] if i + 1 < len(mentions) else None
        if b is not None and _is_clock(a) and b.type is TimexType.DATE and _is_day(b.spec):
            gap = _CLOCK_DAY_GAP_RE.match(text[a.end : b.start])
            if gap:
                spec = replace(b.spec, time=a.spec.time)
                if gap["on"]:
                    out.append(replace(a, spec=spec, directed=b.directed))
                    i += 1
                    continue
                merged = Mention(
                    a.start, b.end, text[a.start : b.end], TimexType.TIME, spec, None, b.directed
                )
                out.append(merged)
                i += 2
                continue
        if a.type is TimexType.DATE and _is_day(a.spec):
            before = _PART_OF_RE.search(text, max(0, a.start - 30), a.start)
            if before and (not out or out[-1].end <= before.start()):
                part = PARTS_OF_DAY[before["part"].casefold()]
                a = Mention(
                    before.start(),
                    a.end,
                    text[before.start() : a.end],
                    TimexType.TIME,
                    replace(a.spec, time=part),
                    a.mod,
                    a.directed,
                )
        out.append(a)
        i += 1
    return out


def recognise(text: str) -> list[Mention]:
    """All temporal expressions in ``text``, in order, each normalised to a ``Spec``."""
    return _attach_days(_join(_select(list(_candidates(text))), text), text)
