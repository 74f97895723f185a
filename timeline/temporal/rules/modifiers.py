"""Modifiers that compose with any time or length the grammar built: where in a period
("early", "mid-", "late", "the end of" + a date: "late yesterday", "mid-2023", "the end of
November"), how sure ("about", "more than", "nearly" + a length; "around" + a date or time;
"or so" after either), open ends ("1994 or later", "two years or more"), the article of a
length ("the nine months"), a unit inside a period ("the last week of" + a month) and the
week holding a day ("the week of" + a date)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from timeline.model import Granularity, TimexType
from timeline.temporal.grammar import Mention, composer, mention, mod_of, rule, spanning
from timeline.temporal.lexicon import LEX, MOD_PREFIX, UNIT_NAMES, B, E, alt, key, ordinal_number
from timeline.temporal.resolve import Reference, resolve
from timeline.temporal.spec import Spec


def _the_unit(m: re.Match[str], _: str) -> Mention | None:
    """ "the end of the year", "early in the month": the current one."""
    unit = UNIT_NAMES[m["unit"].casefold()]
    return mention(m, TimexType.DATE, Spec("shift", (unit, "0")), mod_of(m))


RULES = (
    rule(
        "the-unit",
        rf"{B}{MOD_PREFIX}(?:in\s+)?the\s+(?P<unit>year|month|week|decade){E}",
        _the_unit,
        anchors=("year", "month", "week", "decade"),
        reach=(28, 2),
        guard_before=r"(?<!\w)the\s+",
    ),
)


# --- composers -------------------------------------------------------------------------


def is_point(m: Mention) -> bool:
    """A date or time on the calendar (not a vague "now"), without a modifier yet."""
    return m.type in (TimexType.DATE, TimexType.TIME) and m.spec.op != "ref" and m.mod is None


def is_length(m: Mention) -> bool:
    return m.type is TimexType.DURATION and m.mod is None


def _with_mod(table: dict[str, str]) -> Callable[[str, re.Match[str], Mention], Mention | None]:
    def build(text: str, match: re.Match[str], m: Mention) -> Mention | None:
        word = key(match["mod"]).rstrip("-").strip()
        mod = table.get(word) or table.get(word + "-")
        return spanning(text, match.start(), m.end, m, mod=mod) if mod else None

    return build


_POSSESSIVE_RE = re.compile(r"['’]s\b")


def _approx_length(text: str, match: re.Match[str], m: Mention) -> Mention | None:
    """ "about three weeks", "more than a year"; not "over the past year", where "over"
    is the preposition of a length already bounded by its article."""
    if m.text[:4].casefold() == "the ":
        return None
    return _with_mod(LEX["approx_mods"])(text, match, m)


def _approx_point(text: str, match: re.Match[str], m: Mention) -> Mention | None:
    """ "around 4 a.m.", "circa 1990"; not "around Wednesday's ruling", where the date
    names a thing."""
    if _POSSESSIVE_RE.match(text, m.end):
        return None
    return _with_mod(LEX["date_approx_mods"])(text, match, m)


_SUFFIX_MODS = {
    "later": "ON_OR_AFTER",
    "after": "ON_OR_AFTER",
    "beyond": "ON_OR_AFTER",
    "earlier": "ON_OR_BEFORE",
    "before": "ON_OR_BEFORE",
    "sooner": "ON_OR_BEFORE",
    "more": "EQUAL_OR_MORE",
    "longer": "EQUAL_OR_MORE",
    "less": "EQUAL_OR_LESS",
    "fewer": "EQUAL_OR_LESS",
}
_POINT_ENDS = {"later", "after", "beyond", "earlier", "before", "sooner"}


def _open_end(text: str, match: re.Match[str], m: Mention) -> Mention | None:
    """ "1994 or later", "1990 and beyond", "two years or more"."""
    word = match["w"].casefold()
    if (word in _POINT_ENDS) != (m.type is not TimexType.DURATION):
        return None
    return spanning(text, m.start, match.end(), m, mod=_SUFFIX_MODS[word])


def _or_so(text: str, match: re.Match[str], m: Mention) -> Mention:
    return spanning(text, m.start, match.end(), m, mod=m.mod or "APPROX")


def _article(text: str, match: re.Match[str], m: Mention) -> Mention | None:
    """ "the nine months", "the 10 days": TimeML keeps the article with the length; not
    "the [10-year] bond", where the length is an adjective of the noun."""
    if m.text[:1].isupper() or not m.text[:1].isalnum() or "-" in m.text:
        return None
    return spanning(text, match.start(), m.end, m)


_PROBE = Reference.of(date(2000, 6, 15))
_UNIT_RANK = {
    "day": Granularity.DAY.rank,
    "week": Granularity.WEEK.rank,
    "weekend": Granularity.WEEK.rank,
    "month": Granularity.MONTH.rank,
}


def _nth_of(text: str, match: re.Match[str], m: Mention) -> Mention | None:
    """ "the last week of March", "the first day of 2024", "the final weekend of May"."""
    unit = match["unit"].casefold()
    n = -1 if match["ord"].casefold() in ("last", "final") else ordinal_number(match["ord"])
    if not n:
        return None
    period = resolve(m.spec, _PROBE).interval
    if period is None or period.granularity.rank <= _UNIT_RANK[unit]:
        return None  # "the first day of Monday" is nothing
    spec = Spec("nth", (unit, str(n)), m.spec.direction, parts=(m.spec,))
    return Mention(
        match.start(), m.end, text[match.start() : m.end], TimexType.DATE, spec, None, m.directed
    )


def _week_of(text: str, match: re.Match[str], m: Mention) -> Mention | None:
    """ "the week of June 9", "during the week of Oct. 19": the week holding that day."""
    period = resolve(m.spec, _PROBE).interval
    if period is None or period.granularity is not Granularity.DAY:
        return None  # "the week of the vote" names no day; "the week of March" no week
    spec = Spec("holding", ("week",), m.spec.direction, parts=(m.spec,))
    return Mention(
        match.start(), m.end, text[match.start() : m.end], TimexType.DATE, spec, None, m.directed
    )


def _is_dated(m: Mention) -> bool:
    return m.type is TimexType.DATE and m.spec.op not in ("ref", "dur", "set") and not m.mod


_PLACE_MODS = {k: v for k, v in LEX["mods"].items() if v in ("START", "MID", "END")}


def _key_words(phrases: list[str]) -> tuple[str, ...]:
    """The longest word of each phrase: a match of any of them holds one."""

    def rank(word: str) -> tuple[bool, int]:
        return word not in ("the", "of", "in"), len(word)

    return tuple(sorted({max(p.split(), key=rank).strip("-") for p in phrases}))


COMPOSERS = (
    composer(
        "mod",
        "prefix",
        rf"(?<![\w-])(?:the\s+)?(?P<mod>{alt(list(_PLACE_MODS))})(?:[\s-]+in\s+|[\s-]+|(?<=-))",
        _with_mod(_PLACE_MODS),
        is_point,
        needs=_key_words(list(_PLACE_MODS)),
    ),
    composer(
        "approx",
        "prefix",
        rf"(?<![\w-])(?P<mod>{alt(list(LEX['approx_mods']))})\s+",
        _approx_length,
        is_length,
        needs=_key_words(list(LEX["approx_mods"])),
    ),
    composer(
        "approx-date",
        "prefix",
        rf"(?<![\w-])(?P<mod>{alt(list(LEX['date_approx_mods']))})\s+",
        _approx_point,
        is_point,
        needs=_key_words(list(LEX["date_approx_mods"])),
    ),
    composer(
        "or-so",
        "suffix",
        r",?\s+or\s+so\b",
        _or_so,
        lambda m: m.type is not TimexType.SET,
        needs=("so",),
    ),
    composer(
        "open-end",
        "suffix",
        rf",?\s+(?:or|and)\s+(?P<w>{alt(list(_SUFFIX_MODS))})\b",
        _open_end,
        lambda m: m.mod is None and m.type is not TimexType.SET,
        needs=("or", "and"),
    ),
    composer(
        "article",
        "prefix",
        r"(?<![\w-])the\s+",
        _article,
        lambda m: m.type is TimexType.DURATION,
        reach=8,
        needs=("the",),
    ),
    composer(
        "week-of",
        "prefix",
        r"(?<![\w-])the\s+week\s+of\s+",
        _week_of,
        _is_dated,
        reach=16,
        needs=("of",),
    ),
    composer(
        "nth-of",
        "prefix",
        r"(?<![\w-])(?:the\s+)?(?P<ord>first|second|third|fourth|fifth|last|final"
        r"|1st|2nd|3rd|4th|5th)\s+(?P<unit>day|week|weekend|month)\s+of\s+",
        _nth_of,
        _is_dated,
        reach=32,
        needs=("of",),
    ),
)
