"""Stage one of the tagger: find temporal expressions and normalise them to a ``Spec``.

Rules are regular expressions assembled from the word lists in ``data/lexicon.json`` and
``data/holidays.json``, each paired with a normaliser that turns a match into a TIMEX3
type, an underspecified ``Spec`` and an optional TimeML ``mod``.  All rules run over the
text; overlapping candidates are settled leftmost-longest, then alternatives and ranges
("February or March", "between 2019 and 2021") are joined.  Direction (past/future) for
specs that need it is filled in later from the clause's tense by ``timeline.temporal.tense``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache

from timeline.model import TimexType
from timeline.temporal.data import load_json
from timeline.temporal.holidays import canonical_name, context_words_for, holiday_names
from timeline.temporal.holidays import requires_context as holiday_requires_context
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


_MONTH_NAMES = [m for m in MONTHS if len(m) > 3 or m == "may"]
_MONTH_ABBR = [m for m in MONTHS if len(m) <= 4 and m != "may" and m != "june" and m != "july"]
MONTH = (
    rf"(?:{_alt(_MONTH_NAMES)}|(?:{_alt(_MONTH_ABBR)})\.(?!\w)|(?:{_alt(_MONTH_ABBR)})(?=\s+\d))"
)
WEEKDAY = rf"(?:{_alt(LEX['full_weekdays'])})"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[0-9]\d\d|20\d\d|2100)"
NUM_WORD = _alt(list(NUMBERS))
NUMBER = (
    rf"(?:\d+(?:\.\d+)?|(?:{NUM_WORD})(?:[\s-]+(?:{NUM_WORD}))?(?:[\s-]+and[\s-]+a[\s-]+half)?)"
)
UNIT = _alt(list(UNITS))
ORDINAL = rf"(?:{_alt(list(ORDINALS))}|\d{{1,2}}(?:st|nd|rd|th))"
MOD_PREFIX = rf"(?:(?P<mod>{_alt(list(LEX['mods']))})[\s-]*)"
APPROX_PREFIX = rf"(?:(?P<approx>{_alt(list(LEX['approx_mods']))})\s+)"
REL = r"(?P<rel>last|past|previous|this|current|next|coming|following|upcoming)"
PART = rf"(?:{_alt([p for p in PARTS_OF_DAY if p not in ('noon', 'midnight')])})"

_B = r"(?<![\w$£€])"  # left boundary: not inside a word or a price
_E = r"(?![\w%])"  # right boundary


def _month(word: str) -> int:
    return MONTHS[word.casefold().rstrip(".")]


def _day(word: str) -> int:
    return int(re.sub(r"\D", "", word))


def _number(text: str) -> float | None:
    """A cardinal written in digits or words: "12", "three", "twenty-four", "two and a half"."""
    t = re.sub(r"\s+", " ", text.casefold().replace("-", " ")).strip()
    half = 0.0
    if t.endswith(" and a half"):
        t, half = t[: -len(" and a half")], 0.5
    try:
        return float(t) + half
    except ValueError:
        pass
    if t in NUMBERS:
        return float(NUMBERS[t]) + half
    total = 0.0
    for part in t.split():
        if part not in NUMBERS:
            return None
        total += NUMBERS[part]
    return total + half


def _fmt_number(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def _mod(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    if groups.get("mod"):
        key = re.sub(r"\s+", " ", groups["mod"].casefold()).rstrip("-").strip()
        return LEX["mods"].get(key) or LEX["mods"].get(key + "-")
    if groups.get("approx"):
        return LEX["approx_mods"].get(re.sub(r"\s+", " ", groups["approx"].casefold()))
    return None


def _ymd(year: int | None, month: int, day: int) -> Spec | None:
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    if year is None:
        return Spec("fill", (f"XXXX-{month:02d}-{day:02d}",))
    return Spec("abs", (f"{year:04d}-{month:02d}-{day:02d}",))


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


def _month_day(m: re.Match[str], _: str) -> Mention | None:
    year = int(m["y"]) if m["y"] else None
    spec = _ymd(year, _month(m["m"]), _day(m["d"]))
    return _with_part(m, spec)


def _with_part(m: re.Match[str], spec: Spec | None) -> Mention | None:
    part = m.groupdict().get("part")
    if spec is not None and part:
        return _mention(m, TimexType.TIME, replace(spec, time=PARTS_OF_DAY[part.casefold()]))
    return _mention(m, TimexType.DATE, spec)


def _month_year(m: re.Match[str], _: str) -> Mention | None:
    return _mention(
        m, TimexType.DATE, Spec("abs", (f"{int(m['y']):04d}-{_month(m['m']):02d}",)), _mod(m)
    )


def _bare_month(m: re.Match[str], text: str) -> Mention | None:
    word = m["m"]
    ambiguous = word.casefold().rstrip(".") in ("may", "march") and not m.groupdict().get("mod")
    if ambiguous and (not word[0].isupper() or not _month_context(text, m.start())):
        return None
    rel = (m.groupdict().get("rel") or "").casefold()
    spec = Spec("fill", (f"XXXX-{_month(word):02d}",))
    if rel in ("last", "past", "previous"):
        return _mention(m, TimexType.DATE, spec.with_direction(Direction.PAST), _mod(m), True)
    if rel in ("next", "coming", "upcoming"):
        return _mention(m, TimexType.DATE, spec.with_direction(Direction.FUTURE), _mod(m), True)
    return _mention(m, TimexType.DATE, spec, _mod(m))


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
    r"calories|pages|words|hours|minutes|students|employees|workers|members|copies)\b",
    re.IGNORECASE,
)


def _year(m: re.Match[str], text: str) -> Mention | None:
    if _NOT_YEAR_AFTER_RE.match(text[m.end() : m.end() + 20]):
        return None
    before = text[max(0, m.start() - 2) : m.start()]
    if re.search(r"[\d,.#]$", before) or before.endswith("No"):
        return None
    return _mention(m, TimexType.DATE, Spec("abs", (f"{int(m['y']):04d}",)), _mod(m))


def _decade(m: re.Match[str], _: str) -> Mention | None:
    digits = m["dec"]
    if len(digits) == 2:  # the '90s
        decade = 190 + int(digits[0]) if int(digits) >= 20 else 200 + int(digits[0])
    else:
        decade = int(digits[:3])
    return _mention(m, TimexType.DATE, Spec("abs", (f"{decade:03d}",)), _mod(m))


def _century(m: re.Match[str], _: str) -> Mention | None:
    word = m["ord"].casefold()
    n = ORDINALS.get(word) or int(re.sub(r"\D", "", word) or 0)
    if not 1 <= n <= 21:
        return None
    return _mention(m, TimexType.DATE, Spec("abs", (f"{n - 1:02d}",)), _mod(m))


def _quarter(m: re.Match[str], _: str) -> Mention | None:
    word = m["ord"].casefold()
    n = {"final": 4, "last": 4}.get(word) or ORDINALS.get(word) or int(re.sub(r"\D", "", word))
    if not 1 <= n <= 4:
        return None
    if m["y"]:
        return _mention(m, TimexType.DATE, Spec("abs", (f"{int(m['y']):04d}-Q{n}",)))
    return _mention(m, TimexType.DATE, Spec("fill", (f"XXXX-Q{n}",)))


def _half(m: re.Match[str], _: str) -> Mention | None:
    n = 1 if m["ord"].casefold() == "first" else 2
    if m["y"]:
        return _mention(m, TimexType.DATE, Spec("abs", (f"{int(m['y']):04d}-H{n}",)))
    return _mention(m, TimexType.DATE, Spec("shift", ("year", "0")), "START" if n == 1 else "END")


def _season(m: re.Match[str], _: str) -> Mention | None:
    code = SEASONS[m["season"].casefold()]
    rel = (m.groupdict().get("rel") or "").casefold()
    if m["y"]:
        return _mention(m, TimexType.DATE, Spec("abs", (f"{int(m['y']):04d}-{code}",)), _mod(m))
    spec = Spec("fill", (f"XXXX-{code}",))
    if rel in ("last", "past", "previous"):
        return _mention(m, TimexType.DATE, spec.with_direction(Direction.PAST), _mod(m), True)
    if rel in ("next", "coming", "upcoming"):
        return _mention(m, TimexType.DATE, spec.with_direction(Direction.FUTURE), _mod(m), True)
    if rel in ("this", "current"):
        return _mention(m, TimexType.DATE, spec.with_direction(Direction.NEAR), _mod(m), True)
    return _mention(m, TimexType.DATE, spec, _mod(m))


def _deictic_day(m: re.Match[str], _: str) -> Mention | None:
    phrase = re.sub(r"\s+", " ", m["deictic"].casefold())
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


def _relative_unit(m: re.Match[str], _: str) -> Mention | None:
    rel = m["rel"].casefold()
    unit = _UNIT_NAMES[m["unit"].casefold()]
    the = bool(m.groupdict().get("the"))
    if (
        rel == "past"
        or (rel == "last" and the)
        or (rel == "next" and the and unit != "day" and not m.groupdict().get("mod"))
    ):
        # "the past week", "the last year", "the next month": a span up to/after now
        code = {
            "day": "P1D",
            "week": "P1W",
            "weekend": "P1WE",
            "month": "P1M",
            "year": "P1Y",
            "quarter": "P3M",
            "decade": "P1DE",
            "century": "P1CE",
            "season": "P3M",
        }[unit]
        return _mention(m, TimexType.DURATION, Spec("dur", (code,)))
    if rel in ("following", "preceding") or (rel == "next" and the):
        return _mention(m, TimexType.DATE, Spec("anaphor", (unit, str(_REL_OFFSET[rel]))), _mod(m))
    if unit == "season":
        return None  # handled by the season rule
    return _mention(m, TimexType.DATE, Spec("shift", (unit, str(_REL_OFFSET[rel]))), _mod(m))


def _this_unit_edge(m: re.Match[str], _: str) -> Mention | None:
    """ "earlier this month", "later this year", "earlier that day"."""
    unit = _UNIT_NAMES[m["unit"].casefold()]
    op = "anaphor" if m["det"].casefold() == "that" else "shift"
    return _mention(m, TimexType.DATE, Spec(op, (unit, "0")))


def _the_unit(m: re.Match[str], _: str) -> Mention | None:
    """ "the end of the year", "early in the month": the current one."""
    unit = _UNIT_NAMES[m["unit"].casefold()]
    return _mention(m, TimexType.DATE, Spec("shift", (unit, "0")), _mod(m))


def _weekday(m: re.Match[str], _: str) -> Mention | None:
    n = WEEKDAYS[m["wd"].casefold()]
    rel = (m.groupdict().get("rel") or "").casefold()
    spec = Spec("weekday", (str(n),))
    part = m.groupdict().get("part")
    if part:
        spec = replace(spec, time=PARTS_OF_DAY[part.casefold()])
    type_ = TimexType.TIME if part else TimexType.DATE
    if rel in ("last", "past", "previous"):
        return _mention(m, type_, spec.with_direction(Direction.PAST), None, True)
    if rel in ("next", "coming", "upcoming"):
        return _mention(m, type_, spec.with_direction(Direction.FUTURE), None, True)
    return _mention(m, type_, spec)


def _ago(m: re.Match[str], _: str) -> Mention | None:
    unit_word = m["unit"].casefold()
    code = UNITS[unit_word]
    n = _number(m["n"]) if m["n"] else 1.0
    if n is None or n != int(n):
        return None
    unit = {"D": "day", "W": "week", "M": "month", "Y": "year", "DE": "decade"}.get(code)
    if code == "M" and unit_word.startswith("min"):
        unit = None
    if unit is None:
        return None
    direction = m["dir"].casefold()
    sign = -1 if direction in ("ago", "earlier", "before", "previously") else 1
    op = "shift" if direction in ("ago", "from now", "hence") else "anaphor"
    value = int(n) * sign
    if unit == "week" and op == "shift":
        unit, value = "day", value * 7
    return _mention(m, TimexType.DATE, Spec(op, (unit, str(value))), _mod(m))


def _duration(m: re.Match[str], text: str) -> Mention | None:
    unit_word = m["unit"].casefold()
    code = UNITS[unit_word]
    if code == "WE":
        return None
    raw = m["n"]
    if raw is None:
        n_text = "X"
    else:
        n = _number(raw)
        if n is None or n <= 0:
            return None
        n_text = _fmt_number(n)
    time_unit = code in ("H", "S") or (code == "M" and unit_word.startswith("min"))
    if code == "2W":
        n_text, code = (n_text if n_text == "X" else _fmt_number(float(n_text) * 2)), "W"
    value = f"PT{n_text}{code}" if time_unit else f"P{n_text}{code}"
    return _mention(m, TimexType.DURATION, Spec("dur", (value,)), _mod(m))


def _plural_duration(m: re.Match[str], _: str) -> Mention | None:
    """ "for years", "decades of conflict": an unspecified number of units."""
    code = UNITS[m["unit"].casefold()]
    time_unit = code in ("H", "S")
    value = f"PTX{code}" if time_unit else f"PX{code}"
    return _mention(m, TimexType.DURATION, Spec("dur", (value,)))


def _clock(m: re.Match[str], _: str) -> Mention | None:
    hour = int(m["h"])
    minute = int(m["min"] or 0)
    ampm = (m["ampm"] or "").casefold().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if not (0 <= hour <= 24 and 0 <= minute < 60):
        return None
    return _mention(
        m, TimexType.TIME, Spec("anaphor", ("day", "0"), time=f"T{hour:02d}:{minute:02d}")
    )


def _noon(m: re.Match[str], _: str) -> Mention | None:
    return _mention(
        m, TimexType.TIME, Spec("anaphor", ("day", "0"), time=PARTS_OF_DAY[m["w"].casefold()])
    )


def _vague(m: re.Match[str], _: str) -> Mention | None:
    phrase = re.sub(r"\s+", " ", m["vague"].casefold())
    return _mention(m, TimexType.DATE, Spec("ref", (LEX["vague_references"][phrase],)))


def _set(m: re.Match[str], _: str) -> Mention | None:
    phrase = re.sub(r"\s+", " ", m["set"].casefold())
    return _mention(m, TimexType.SET, Spec("set", (LEX["set_adverbs"][phrase],)))


def _every_weekday(m: re.Match[str], _: str) -> Mention | None:
    return _mention(m, TimexType.SET, Spec("set", (f"XXXX-WXX-{WEEKDAYS[m['wd'].casefold()]}",)))


def _every_n(m: re.Match[str], _: str) -> Mention | None:
    n = _number(m["n"])
    code = UNITS[m["unit"].casefold()]
    if n is None or code in ("WE", "2W"):
        return None
    prefix = "PT" if code in ("H", "S") else "P"
    return _mention(m, TimexType.SET, Spec("set", (f"{prefix}{_fmt_number(n)}{code}",)))


def _holiday(m: re.Match[str], text: str) -> Mention | None:
    name = m["hol"].casefold()
    name = re.sub(r"\s+", " ", name)
    sentence_start = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
    window = text[sentence_start : m.end() + 40].casefold()
    words = set(re.findall(r"[a-z-]+", window))
    context = tuple(sorted(words & context_words_for(name)))
    if holiday_requires_context(name) and not context:
        return None
    args = (canonical_name(name), *context)
    if m["y"]:
        from timeline.temporal.holidays import holiday_date

        day = holiday_date(name, int(m["y"]), context)
        if day is None:
            return None
        return _mention(m, TimexType.DATE, Spec("abs", (day.isoformat(),)))
    return _mention(m, TimexType.DATE, Spec("holiday", args))


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


# --- rules ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    normalise: Normaliser


def _rule(name: str, pattern: str, normalise: Normaliser, flags: int = re.IGNORECASE) -> Rule:
    return Rule(name, re.compile(pattern, flags), normalise)


@cache
def rules() -> tuple[Rule, ...]:
    holidays = _alt(holiday_names())
    vague = _alt(list(LEX["vague_references"]))
    sets = _alt([s for s in LEX["set_adverbs"] if not s.startswith(("a ", "per "))])
    deictic = _alt(list(LEX["deictic_days"]))
    the_det = r"(?P<the>the\s+)?"
    return (
        _rule("iso-date", rf"{_B}(?P<y>\d{{4}})-(?P<mo>\d{{2}})-(?P<d>\d{{2}})(?!\d)", _iso_date),
        _rule(
            "numeric-date",
            rf"{_B}(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>\d{{4}}|\d{{2}})(?![\d/])",
            _numeric_date,
        ),
        _rule(
            "month-day",
            rf"{_B}(?:{WEEKDAY},?\s+)?(?P<m>{MONTH})\s+(?P<d>{DAY})(?![\d:])"
            rf"(?:(?:,\s*|\s+)(?P<y>{YEAR})(?!\d))?(?:\s+(?P<part>{PART}))?{_E}",
            _month_day,
        ),
        _rule(
            "day-month",
            rf"{_B}(?:{WEEKDAY},?\s+)?(?:the\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<m>{MONTH})"
            rf"(?:,?\s+(?P<y>{YEAR})(?!\d))?{_E}",
            _month_day,
        ),
        _rule(
            "month-year",
            rf"{_B}{MOD_PREFIX}?(?P<m>{MONTH}),?\s+(?:of\s+)?(?P<y>{YEAR})(?!\d)",
            _month_year,
        ),
        _rule("month", rf"{_B}(?:{REL}\s+)?{MOD_PREFIX}?(?P<m>{MONTH}){_E}", _bare_month),
        _rule(
            "decade",
            rf"{_B}(?:the\s+)?{MOD_PREFIX}?(?:(?P<dec>1\d\d0|20\d0)'?s|'(?P<dec2>\d0)s)",
            lambda m, t: _decade(m, t) if m["dec"] else _decade_short(m, t),
        ),
        _rule(
            "century", rf"{_B}(?:the\s+)?{MOD_PREFIX}?(?P<ord>{ORDINAL})[\s-]+century{_E}", _century
        ),
        _rule(
            "quarter",
            rf"{_B}(?:the\s+)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
            rf"[\s-]+quarter(?:\s+of\s+(?P<y>{YEAR}))?{_E}",
            _quarter,
        ),
        _rule(
            "quarter-short",
            rf"{_B}Q(?P<ord>[1-4])\s+(?P<y>{YEAR}){_E}",
            lambda m, t: _mention(m, TimexType.DATE, Spec("abs", (f"{m['y']}-Q{m['ord']}",))),
            0,
        ),
        _rule(
            "half",
            rf"{_B}(?:the\s+)?(?P<ord>first|second)\s+half\s+of\s+(?:(?P<y>{YEAR})|the\s+year){_E}",
            _half,
        ),
        _rule(
            "season",
            rf"{_B}(?:{REL}\s+|(?:in\s+)?the\s+)?{MOD_PREFIX}?(?P<season>spring|summer|autumn|winter|fall)"
            rf"(?:\s+(?:of\s+)?(?P<y>{YEAR}))?{_E}",
            _season_checked,
        ),
        _rule("year", rf"{_B}{MOD_PREFIX}?(?P<y>{YEAR})(?![\w%,.]\d|[\w%]|-\d)", _year),
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
            rf"{_B}{the_det}{MOD_PREFIX}?{REL}\s+(?P<unit>day|week|weekend|month|year|quarter|"
            rf"decade|century){_E}",
            _relative_unit,
        ),
        _rule(
            "preceding-unit",
            rf"{_B}(?P<the>the\s+)(?P<rel>preceding)\s+(?P<unit>day|week|month|year){_E}",
            _relative_unit,
        ),
        _rule(
            "the-unit",
            rf"{_B}{MOD_PREFIX}(?:in\s+)?the\s+(?P<unit>year|month|week|decade){_E}",
            _the_unit,
        ),
        _rule(
            "that-unit",
            rf"{_B}(?:that|the\s+same)\s+(?P<unit>day|week|month|year){_E}",
            lambda m, t: _mention(
                m, TimexType.DATE, Spec("anaphor", (_UNIT_NAMES[m["unit"].casefold()], "0"))
            ),
        ),
        _rule(
            "day-before",
            rf"{_B}the\s+(?P<w>day|night)\s+(?P<dir>before|after){_E}",
            lambda m, t: _mention(
                m,
                TimexType.DATE,
                Spec("anaphor", ("day", "-1" if m["dir"].casefold() == "before" else "1")),
            ),
        ),
        _rule(
            "weekday",
            rf"{_B}(?:{REL}\s+)?(?P<wd>{WEEKDAY})(?:'s)?(?:\s+(?P<part>{PART}))?{_E}",
            _weekday,
        ),
        _rule(
            "ago",
            rf"{_B}{APPROX_PREFIX}?(?:(?P<n>{NUMBER})[\s-]+)?(?P<unit>{UNIT})\s+"
            rf"(?P<dir>ago|earlier|later|before|after|from\s+now|hence)(?!\s+(?:the|a|an|his|her|"
            rf"their|its|he|she|they|it|we|i)\b)",
            _ago,
        ),
        _rule(
            "duration",
            rf"{_B}{APPROX_PREFIX}?(?:(?:the\s+)?(?:past|last|next|first|final)\s+)?"
            rf"(?P<n>{NUMBER})[\s-]+(?P<unit>{UNIT})(?:-long|-old)?{_E}",
            _duration,
        ),
        _rule(
            "plural-duration",
            rf"(?<=\bfor\s)(?P<unit>years|months|weeks|days|hours|decades|centuries){_E}",
            _plural_duration,
        ),
        _rule(
            "clock",
            rf"{_B}(?P<h>[01]?\d|2[0-3])(?::(?P<min>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am|pm)"
            rf"(?![\w])",
            _clock,
        ),
        _rule("noon", rf"{_B}(?P<w>noon|midnight){_E}", _noon),
        _rule("vague", rf"{_B}(?P<vague>{vague}){_E}", _vague),
        _rule("set", rf"{_B}(?P<set>{sets}){_E}", _set),
        _rule("every-weekday", rf"{_B}(?:every|each)\s+(?P<wd>{WEEKDAY}){_E}", _every_weekday),
        _rule("every-n", rf"{_B}every\s+(?P<n>{NUMBER})\s+(?P<unit>{UNIT}){_E}", _every_n),
        _rule("holiday", rf"{_B}(?P<hol>{holidays})(?:\s+(?P<y>{YEAR}))?{_E}", _holiday),
    )


def _decade_short(m: re.Match[str], text: str) -> Mention | None:
    digits = m["dec2"]
    decade = 190 + int(digits[0]) if int(digits) >= 20 else 200 + int(digits[0])
    return _mention(m, TimexType.DATE, Spec("abs", (f"{decade:03d}",)), _mod(m))


def _season_checked(m: re.Match[str], text: str) -> Mention | None:
    """ "fall" is a season only with a determiner or a year ("this fall", "fall 2024")."""
    word = m["season"].casefold()
    has_det = bool(m.groupdict().get("rel")) or m.group().casefold().startswith(("the", "in the"))
    if word == "fall" and not (has_det or m["y"]):
        return None
    if not (has_det or m["y"] or m.groupdict().get("mod")):
        before = text[max(0, m.start() - 4) : m.start()].casefold()
        if not before.endswith(("in ", "of ")):
            return None
    return _season(m, text)


# --- selection -----------------------------------------------------------------------


def _candidates(text: str) -> Iterator[Mention]:
    for rule in rules():
        for match in rule.pattern.finditer(text):
            mention = rule.normalise(match, text)
            if mention is not None:
                yield _trim(mention)


_LEADING_DROP_RE = re.compile(r"^(?:in|on|at|during)\s+", re.IGNORECASE)


def _trim(mention: Mention) -> Mention:
    """Drop a leading preposition some rules consume for context ("in the fall")."""
    m = _LEADING_DROP_RE.match(mention.text)
    if not m:
        return mention
    cut = m.end()
    return replace(mention, start=mention.start + cut, text=mention.text[cut:])


def _select(candidates: list[Mention]) -> list[Mention]:
    """Leftmost-longest, non-overlapping."""
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
                and _same_shape(a, b)
            ):
                word = gap["w"].casefold()
                between = bool(_BETWEEN_RE.search(text[max(0, a.start - 8) : a.start]))
                if (
                    word == "or"
                    or (word == "and" and between)
                    or word in ("to", "through", "until", "till", "-", "–")
                ):
                    if word == "and" and not between:
                        out.append(a)
                        i += 1
                        continue
                    op = "alt" if word == "or" else "range"
                    out.append(
                        Mention(
                            a.start,
                            b.end,
                            text[a.start : b.end],
                            TimexType.DATE,
                            Spec(op, parts=(a.spec, b.spec)),
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


def recognise(text: str) -> list[Mention]:
    """All temporal expressions in ``text``, in order, each normalised to a ``Spec``."""
    return _join(_select(list(_candidates(text))), text)
