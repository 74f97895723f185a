"""Months and years: "March 2021", "June of last year", "in June", "last May", "2019",
"mid-2023", "circa 1990", "nineteen ninety-six", "the year two thousand"."""

from __future__ import annotations

import re

from timeline.model import TimexType
from timeline.temporal.grammar import (
    Mention,
    composer,
    directed_by,
    lowercase_ambiguous_month,
    mention,
    mod_of,
    rule,
    spanning,
    within_year,
)
from timeline.temporal.holidays import holiday_date
from timeline.temporal.lexicon import (
    DIGIT_WORDS,
    LEX,
    MONTH,
    MONTHS,
    NUMBERS,
    REL,
    REL_YEAR,
    TENS,
    YEAR,
    B,
    E,
    alt,
    month_number,
    previous_word,
)
from timeline.temporal.spec import Spec


def _month_year(m: re.Match[str], _: str) -> Mention | None:
    if lowercase_ambiguous_month(m["m"]):
        return None
    value = f"{int(m['y']):04d}-{month_number(m['m']):02d}"
    return mention(m, TimexType.DATE, Spec("abs", (value,)), mod_of(m))


def _month_rel_year(m: re.Match[str], _: str) -> Mention | None:
    if lowercase_ambiguous_month(m["m"]):
        return None
    spec = within_year(f"XXXX-{month_number(m['m']):02d}", m["ry"])
    return mention(m, TimexType.DATE, spec, mod_of(m))


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


def _bare_month(m: re.Match[str], text: str) -> Mention | None:
    word = m["m"]
    ambiguous = word.casefold().rstrip(".") in ("may", "march") and not m.groupdict().get("mod")
    # "last May", "next March": the relative word is the context that makes it a month
    rel_word = m.groupdict().get("rel")
    if ambiguous and (not word[0].isupper() or not (rel_word or _month_context(text, m.start()))):
        return None
    rel = (m.groupdict().get("rel") or "").casefold()
    spec, directed = directed_by(Spec("fill", (f"XXXX-{month_number(word):02d}",)), rel)
    return mention(m, TimexType.DATE, spec, mod_of(m), directed)


_NOT_YEAR_AFTER_RE = re.compile(
    r"^\s*(?:%|percent|per\s+cent|people|persons|troops|soldiers|men|women|children|"
    r"dollars|euros|pounds|yen|km|kilometers|kilometres|miles|meters|metres|feet|tons|tonnes|"
    r"barrels|votes|seats|jobs|units|cars|homes|square|acres|points|shares|times|deaths|cases|"
    r"calories|pages|words|hours|hrs|minutes|students|employees|workers|members|copies|"
    rf"local\s+time|(?-i:{alt(LEX['time_zones'])}))\b",
    re.IGNORECASE,
)
_YEAR_LABELS = frozenset(LEX["year_labels"])


def _year(m: re.Match[str], text: str) -> Mention | None:
    if _NOT_YEAR_AFTER_RE.match(text[m.end() : m.end() + 20]):
        return None
    before = text[max(0, m.start() - 2) : m.start()]
    if re.search(r"[\d,.#]$", before) or before.endswith("No"):
        return None
    if previous_word(text, m.start()) in _YEAR_LABELS:
        return None  # "Room 1984", "Flight 2019": a number that names something
    return mention(m, TimexType.DATE, Spec("abs", (f"{int(m['y']):04d}",)), mod_of(m))


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
_SPELLED_YEAR = (
    rf"(?:(?P<cw>{alt(list(_CENTURY_WORDS))})[\s-]+(?:(?P<tens>{alt(list(TENS))})"
    rf"(?:[\s-]+(?P<units>{alt(list(DIGIT_WORDS))}))?|(?P<teen>{alt(list(_TEENS))}))"
    rf"|two\s+thousand(?:\s+(?:and\s+)?(?:(?P<tu>{alt(list(DIGIT_WORDS))})"
    rf"|(?P<tt>{alt(list(_TEENS))})))?)"
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
    return mention(m, TimexType.DATE, Spec("abs", (f"{year:04d}",)))


_MONTHS = tuple(MONTHS)


def _dated_fiscal_year(m: re.Match[str], _: str) -> Mention | None:
    """ "the 2008 fiscal year": that year, as "fiscal 2008" is."""
    return mention(m, TimexType.DATE, Spec("abs", (m["y"],)))


RULES = (
    rule(
        "dated-fiscal-year",
        rf"{B}the\s+(?P<y>{YEAR})\s+fiscal\s+year{E}",
        _dated_fiscal_year,
        anchors=("#4",),
        reach=(4, 14),
    ),
    rule(
        "month-year",
        rf"{B}(?P<m>{MONTH})\s?,?\s+(?:of\s+)?(?P<y>{YEAR})(?!\d)",
        _month_year,
        anchors=_MONTHS,
        reach=(20, 12),
        guard_after=r"\.?\s?,?\s+(?:of\s+)?\d",
    ),
    rule(
        "month-rel-year",
        rf"{B}(?P<m>{MONTH})\s+{REL_YEAR}{E}",
        _month_rel_year,
        anchors=_MONTHS,
        reach=(20, 20),
        guard_after=r"\.?\s+(?:of\s+)?(?:this|last|next|current|previous)\b",
    ),
    rule(
        "month",
        rf"{B}(?:{REL}\s+)?(?P<m>{MONTH}){E}",
        _bare_month,
        anchors=_MONTHS,
        reach=(30, 2),
    ),
    rule(
        "year",
        rf"{B}(?P<y>{YEAR})(?![\w%,.]\d|[\w%]|-\d)",
        _year,
        anchors=("#4",),
        reach=(20, 6),
    ),
    rule(
        "spelled-year",
        rf"{B}(?:the\s+year\s+)?{_SPELLED_YEAR}{E}(?!-)",
        _spelled_year,
        anchors=(*_CENTURY_WORDS, "thousand"),
        reach=(10, 18),
    ),
)


# --- composers: a yearless date and the year written after it ------------------------------

_YEARLESS_RE = re.compile(r"XXXX(-(?:\d\d(?:-\d\d)?|SP|SU|FA|WI|Q\d|H\d))")


def _is_yearless(m: Mention) -> bool:
    return m.type in (TimexType.DATE, TimexType.TIME) and (
        (m.spec.op == "fill" and _YEARLESS_RE.fullmatch(m.spec.args[0]) is not None)
        or m.spec.op == "holiday"
    )


def _is_year(m: Mention) -> bool:
    return (
        m.type is TimexType.DATE
        and m.spec.op == "abs"
        and len(m.spec.args[0]) == 4
        and m.mod is None
    )


def _with_year(text: str, _: re.Match[str], date_: Mention, year: Mention) -> Mention | None:
    """ "January nineteen ninety-seven", "the winter of nineteen ninety-four", "June 14 of
    2024", "Christmas of 2019": the date in that year."""
    spec = date_.spec
    if spec.op == "holiday":
        day = holiday_date(spec.args[0], int(year.spec.args[0]), spec.args[1:])
        if day is None:
            return None
        value = day.isoformat()
    else:
        value = year.spec.args[0] + spec.args[0][4:]
    return Mention(
        date_.start,
        year.end,
        text[date_.start : year.end],
        date_.type,
        Spec("abs", (value,), time=spec.time),
        date_.mod,
    )


def _fiscal(text: str, match: re.Match[str], m: Mention) -> Mention:
    """ "fiscal 1989", "fiscal year 2024": the year, as TimeBank values it."""
    return spanning(text, match.start(), m.end, m)


COMPOSERS = (
    composer("with-year", "join", r"\s*,?\s*(?:of\s+)?", _with_year, _is_yearless, _is_year),
    composer(
        "fiscal",
        "prefix",
        r"(?<![\w-])fiscal(?:\s+year)?\s+",
        _fiscal,
        _is_year,
        needs=("fiscal",),
    ),
)
