"""Expressions counted from the narrative (the last date the text told of) or compared
with it: "the following week", "the preceding year", "that same day", "the day before",
"the quarter", "the latest quarter", "a year earlier", "the year-ago quarter", "the same
period last year", "last year's third quarter", "the 1988 period"."""

from __future__ import annotations

import re

from timeline.model import TimexType
from timeline.temporal.grammar import Mention, composer, mention, rule
from timeline.temporal.lexicon import (
    LEX,
    ORDINAL,
    ORDINALS,
    REL_YEAR_OFFSET,
    UNIT_NAMES,
    YEAR,
    B,
    E,
    alt,
)
from timeline.temporal.rules.relative_deictic import relative_unit
from timeline.temporal.spec import Spec

_PERIOD_NOUNS = alt(list(LEX["period_nouns"]))
_PERIOD_ADJECTIVES = alt(LEX["comparable_adjectives"])


def _year_earlier(m: re.Match[str], _: str) -> Mention | None:
    """ "year-earlier" / "year-ago" as an adjective: "the year-ago quarter" names the period
    compared with; before another noun ("a year-earlier loss") only the adjective is tagged."""
    if m["ord"]:
        n = ORDINALS.get(m["ord"].casefold()) or int(re.sub(r"\D", "", m["ord"]))
        if not 1 <= n <= 4:
            return None
        return mention(m, TimexType.DATE, Spec("within", (f"XXXX-Q{n}", "year", "-1")))
    spec = Spec("comparable", ("narr", "-1"))
    if m["noun"]:
        if m["noun"].casefold() == "period":
            spec = Spec("comparable", ("narr", "-1", "period"))
        return mention(m, TimexType.DATE, spec)
    start = m.start("ye")
    return Mention(start, m.end("ye"), m["ye"], TimexType.DATE, spec)


def _period_a_year_ago(m: re.Match[str], _: str) -> Mention | None:
    """ "the same period last year", "the quarter a year ago": the period the narrative is
    about (a "period" is whatever it was: a quarter, a month, a week), a year back."""
    base = "narr" if (m["when"] or "").casefold().endswith("earlier") else "ref"
    args = (base, "-1", "period") if m["noun"].casefold() == "period" else (base, "-1")
    return mention(m, TimexType.DATE, Spec("comparable", args))


def _years_period(m: re.Match[str], _: str) -> Mention | None:
    """ "last year's quarter", "this year's third quarter", "next year's first half"."""
    shift = str(REL_YEAR_OFFSET[m["ry"].casefold()])
    if m["ord"]:
        word = m["ord"].casefold()
        n = ORDINALS.get(word) or int(re.sub(r"\D", "", word))
        kind = "H" if m["noun"].casefold() == "half" else "Q"
        if not 1 <= n <= (2 if kind == "H" else 4):
            return None
        return mention(m, TimexType.DATE, Spec("within", (f"XXXX-{kind}{n}", "year", shift)))
    if m["noun"].casefold() == "half":
        return None
    return mention(m, TimexType.DATE, Spec("comparable", ("ref", shift)))


def _dated_period(m: re.Match[str], _: str) -> Mention | None:
    """ "the 1988 period", "the 1989 quarter": the report's period in that year."""
    return mention(m, TimexType.DATE, Spec("comparable", (m["y"], "0")))


_REPORT_SPAN_AFTER_RE = re.compile(r"\s+(?:ended|ending|that\s+ended|to\s+date)\b", re.IGNORECASE)


def _the_period(m: re.Match[str], text: str) -> Mention | None:
    """ "the quarter", "the latest quarter", "the year", "the latest period", "the full
    year": the period the narrative is about.  "the year ended Sept. 30" is a length."""
    unit = m["unit"].casefold()
    adj = (m["adj"] or "").casefold()
    if m["unit"][0].isupper():
        return None  # a title: "Person of the Year"
    if m["yn"]:
        return mention(m, TimexType.DATE, Spec("abs", (m["yn"],)))
    if unit == "period":
        if adj != "latest":
            return None
        return mention(m, TimexType.DATE, Spec("comparable", ("narr", "0")))
    if unit == "year" and _REPORT_SPAN_AFTER_RE.match(text, m.end()):
        return mention(m, TimexType.DURATION, Spec("dur", ("P1Y",)))
    if adj == "current":  # "the current fiscal year": the reference's
        return mention(m, TimexType.DATE, Spec("shift", (unit, "0")))
    if adj == "latest":
        # the period the narrative is about, else the last one completed: reports come
        # out after the quarter (the fiscal year) ends
        return mention(m, TimexType.DATE, Spec("anaphor", (unit, "0", "-1")))
    return mention(m, TimexType.DATE, Spec("anaphor", (unit, "0")))


def _that_unit(m: re.Match[str], _: str) -> Mention | None:
    """ "that day", "the same week": the narrative's."""
    return mention(m, TimexType.DATE, Spec("anaphor", (UNIT_NAMES[m["unit"].casefold()], "0")))


_BACKWARDS = frozenset({"before", "earlier", "previous", "prior"})


def _day_before(m: re.Match[str], _: str) -> Mention | None:
    """ "the day before", "the night after", "the week earlier", "the month after": a unit
    of the narrative, one on or back."""
    offset = "-1" if m["dir"].casefold() in _BACKWARDS else "1"
    word = m["w"].casefold()
    if word == "night":
        return mention(m, TimexType.TIME, Spec("anaphor", ("day", offset), time="NI"))
    return mention(m, TimexType.DATE, Spec("anaphor", (UNIT_NAMES[word], offset)))


RULES = (
    rule(
        "preceding-unit",
        rf"{B}(?P<the>the\s+)(?P<rel>preceding)\s+(?P<unit>day|week|month|year){E}",
        relative_unit,
        anchors=("preceding",),
        reach=(4, 8),
    ),
    rule(
        "year-earlier",
        rf"{B}(?:(?:the|a|an)\s+(?:(?:{_PERIOD_ADJECTIVES})\s+)?)?(?P<ye>year-(?:earlier|ago))"
        rf"(?:\s+(?P<ord>first|second|third|fourth)[\s-]+quarter"
        rf"|\s+(?P<noun>{_PERIOD_NOUNS}))?{E}",
        _year_earlier,
        anchors=("year",),
        reach=(16, 26),
    ),
    rule(
        "period-a-year-ago",
        rf"{B}the\s+(?:(?:{_PERIOD_ADJECTIVES})\s+)?(?P<noun>{_PERIOD_NOUNS})\s+"
        rf"(?P<when>last\s+year|a\s+year\s+(?:ago|earlier))(?![\w'’])",
        _period_a_year_ago,
        anchors=("year",),
        reach=(28, 10),
    ),
    rule(
        "years-period",
        rf"{B}(?P<ry>this|last|next)\s+year['’]s\s+(?:(?P<ord>{ORDINAL})[\s-]+)?"
        rf"(?P<noun>quarter|half|period){E}",
        _years_period,
        anchors=("year",),
        reach=(6, 24),
    ),
    rule(
        "dated-period",
        rf"{B}the\s+(?P<y>{YEAR})\s+(?:fiscal\s+)?(?:{_PERIOD_NOUNS}){E}",
        _dated_period,
        anchors=("#4",),
        reach=(4, 16),
    ),
    rule(
        "the-period",
        rf"{B}the\s+(?:(?P<adj>latest|full|current|entire|whole)\s+)?(?:fiscal\s+)?"
        rf"(?P<unit>quarter|year|period)(?:\s+(?P<yn>{YEAR}))?{E}(?![-'’])",
        _the_period,
        anchors=("quarter", "year", "period"),
        reach=(20, 8),
    ),
    rule(
        "that-unit",
        rf"{B}(?:that\s+same|the\s+same|that)\s+(?P<unit>day|week|month|quarter|year){E}",
        _that_unit,
        anchors=("day", "week", "month", "quarter", "year"),
        reach=(10, 2),
        guard_before=r"(?<!\w)(?:that|same)\s+",
    ),
    rule(
        "day-before",
        rf"{B}the\s+(?P<w>day|night|week|weekend|month)\s+"
        rf"(?P<dir>before|after|earlier|later|previous|prior){E}"
        # not "the day after the vote": then it counts from an event, not a date
        r"(?!\s+(?:the|a|an|his|her|their|its|our|this|that|these|those|\d)\b"
        r"|\s+\w+\s+of\b|\s+[A-Z])",
        _day_before,
        anchors=("day", "night", "week", "weekend", "month"),
        reach=(4, 48),
        guard_before=r"(?<!\w)the\s+",
    ),
)


# --- composers: a period of the narrative moved ------------------------------------------

# the granularity rank of the units a period is moved by
_SHIFT_UNITS = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 5}
_COMPLEMENT_RE = re.compile(
    r"\s+(?:the|a|an|his|her|their|its|our|this|that|these|those|\d)\b|\s+\w+\s+of\b",
    re.IGNORECASE,
)
_TEMPLATE_RE = re.compile(r"XXXX-(?:\d\d(?:-\d\d)?|Q\d|H\d|SP|SU|FA|WI)")


def _move(spec: Spec) -> tuple[str, int, str] | None:
    """(unit, count, base) when ``spec`` only says "so many units from now" (base "ref":
    "a year ago", "last year") or "from the narrative" ("narr": "a year earlier", "the
    previous year")."""
    if spec.op == "comparable" and len(spec.args) == 2 and not spec.args[0].isdigit():
        return "year", int(spec.args[1]), spec.args[0]
    if spec.op in ("shift", "anaphor") and len(spec.args) == 2 and spec.args[0] in _SHIFT_UNITS:
        n = int(spec.args[1])
        return (spec.args[0], n, "ref" if spec.op == "shift" else "narr") if n else None
    return None


def _finer(m: Mention, unit: str) -> bool:
    """Whether ``m`` names a period finer than ``unit`` that can be moved by it."""
    spec = m.spec
    if spec.op in ("anaphor", "shift") and len(spec.args) >= 2 and spec.args[1] == "0":
        rank = _SHIFT_UNITS.get(spec.args[0])
        return rank is not None and rank < _SHIFT_UNITS[unit]
    if spec.op == "fill" and _TEMPLATE_RE.fullmatch(spec.args[0]):
        return unit == "year"
    return spec.op == "weekday" and unit in ("week", "month", "year")


def _is_period(m: Mention) -> bool:
    return m.type in (TimexType.DATE, TimexType.TIME) and m.mod is None and not m.spec.parts


def _is_move(m: Mention) -> bool:
    return m.type is TimexType.DATE and m.mod is None and _move(m.spec) is not None


def _shifted(text: str, _: re.Match[str], period: Mention, move: Mention) -> Mention | None:
    """ "the same month a year ago", "the same quarter last year", "that day a week
    earlier", "July a year ago": the period moved by the other's offset."""
    moved = _move(move.spec)
    assert moved is not None
    unit, n, base = moved
    if not _finer(period, unit):
        return None
    spec = period.spec
    if spec.op == "weekday" and unit == "week" and base == "ref" and len(spec.args) == 1:
        # "Monday next week", "Friday last week": that weekday of the week counted from
        # now, not the nearest Monday moved by a week
        spec = Spec("weekday", (spec.args[0], "this"), spec.direction, spec.time)
    if spec.op == "fill" and base == "ref":
        # a yearless date in a year counted from now: "July a year ago" is July of last year
        new = Spec("within", (spec.args[0], "year", str(n)), spec.direction, spec.time)
    else:
        new = Spec("offset", (unit, str(n)), spec.direction, parts=(spec,))
    return Mention(
        period.start,
        move.end,
        text[period.start : move.end],
        period.type,
        new,
        None,
        period.directed or move.directed,
    )


def _unit_before(text: str, match: re.Match[str], m: Mention) -> Mention | None:
    """ "the year before", "the quarter previous": the narrative's period one back (or on,
    "the year after"); not "the year before the war", counted from an event."""
    if _COMPLEMENT_RE.match(text, match.end()):
        return None
    offset = "-1" if match["dir"].casefold() in _BACKWARDS else "1"
    spec = Spec("anaphor", (m.spec.args[0], offset), m.spec.direction)
    return Mention(m.start, match.end(), text[m.start : match.end()], m.type, spec, m.mod)


def _is_the_period(m: Mention) -> bool:
    """ "the year", "the quarter" (the narrative's)."""
    return (
        m.spec.op == "anaphor"
        and m.spec.args[1:] == ("0",)
        and m.text[:4].casefold() == "the "
        and m.mod is None
    )


COMPOSERS = (
    composer("shifted", "join", r"\s+(?:of\s+)?", _shifted, _is_period, _is_move, reach=24),
    composer(
        "unit-before",
        "suffix",
        r"\s+(?P<dir>before|after|earlier|later|previous|prior)\b(?!-)",
        _unit_before,
        _is_the_period,
        needs=("before", "after", "earlier", "later", "previous", "prior"),
    ),
)
