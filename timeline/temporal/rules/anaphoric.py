"""Expressions counted from the narrative (the last date the text told of) or compared
with it: "the following week", "the preceding year", "that same day", "the day before",
"the quarter", "the latest quarter", "a year earlier", "the year-ago quarter", "the same
period last year", "last year's third quarter", "the 1988 period"."""

from __future__ import annotations

import re

from timeline.model import TimexType
from timeline.temporal.grammar import Mention, mention, rule
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
        return mention(m, TimexType.DATE, spec)
    start = m.start("ye")
    return Mention(start, m.end("ye"), m["ye"], TimexType.DATE, spec)


def _period_a_year_ago(m: re.Match[str], _: str) -> Mention | None:
    """ "the same period last year", "the quarter a year ago"."""
    base = "narr" if (m["when"] or "").casefold().endswith("earlier") else "ref"
    return mention(m, TimexType.DATE, Spec("comparable", (base, "-1")))


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
    if adj == "latest" and unit == "quarter":
        # the quarter the narrative is about, else the last one completed: reports come
        # out after the quarter ends
        return mention(m, TimexType.DATE, Spec("anaphor", (unit, "0", "-1")))
    return mention(m, TimexType.DATE, Spec("anaphor", (unit, "0")))


def _that_unit(m: re.Match[str], _: str) -> Mention | None:
    """ "that day", "the same week": the narrative's."""
    return mention(m, TimexType.DATE, Spec("anaphor", (UNIT_NAMES[m["unit"].casefold()], "0")))


def _day_before(m: re.Match[str], _: str) -> Mention | None:
    """ "the day before", "the night after": a day (or night) of the narrative."""
    offset = "-1" if m["dir"].casefold() == "before" else "1"
    if m["w"].casefold() == "night":
        return mention(m, TimexType.TIME, Spec("anaphor", ("day", offset), time="NI"))
    return mention(m, TimexType.DATE, Spec("anaphor", ("day", offset)))


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
        rf"{B}the\s+(?:(?:{_PERIOD_ADJECTIVES})\s+)?(?:{_PERIOD_NOUNS})\s+"
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
        rf"{B}(?:that\s+same|the\s+same|that)\s+(?P<unit>day|week|month|year){E}",
        _that_unit,
        anchors=("day", "week", "month", "year"),
        reach=(10, 2),
        guard_before=r"(?<!\w)(?:that|same)\s+",
    ),
    rule(
        "day-before",
        rf"{B}the\s+(?P<w>day|night)\s+(?P<dir>before|after){E}"
        # not "the day after the vote": then it counts from an event, not a date
        r"(?!\s+(?:the|a|an|his|her|their|its|our|this|that|these|those|\d)\b"
        r"|\s+\w+\s+of\b|\s+[A-Z])",
        _day_before,
        anchors=("day", "night"),
        reach=(4, 48),
        guard_before=r"(?<!\w)the\s+",
    ),
)
