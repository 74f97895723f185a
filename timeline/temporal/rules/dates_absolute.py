"""Dates written out: "2024-11-05", "11/05/2024", "June 14", "Jan. 15, 2024", "3 March 2023",
"Saturday, April 25", "last Oct. 23", "June 14 morning", "the first of January"."""

from __future__ import annotations

import re
from dataclasses import replace

from timeline.model import TimexType
from timeline.temporal.grammar import (
    Mention,
    directed_by,
    lowercase_ambiguous_month,
    mention,
    rule,
    ymd,
)
from timeline.temporal.lexicon import (
    DAY,
    MONTH,
    MONTHS,
    ORDINALS,
    PART,
    PARTS_OF_DAY,
    WEEKDAY,
    YEAR,
    B,
    E,
    alt,
    day_number,
    month_number,
    ordinal_number,
)
from timeline.temporal.spec import Spec


def _iso_date(m: re.Match[str], _: str) -> Mention | None:
    return mention(m, TimexType.DATE, ymd(int(m["y"]), int(m["mo"]), int(m["d"])))


def _numeric_date(m: re.Match[str], _: str) -> Mention | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if y < 100:
        y += 2000 if y < 50 else 1900
    month, day = (a, b) if a <= 12 else (b, a)
    return mention(m, TimexType.DATE, ymd(y, month, day))


def with_part(m: re.Match[str], spec: Spec | None) -> Mention | None:
    """A date, or a TIME when a part of the day follows it ("June 14 morning")."""
    part = m.groupdict().get("part")
    if spec is not None and part:
        return mention(m, TimexType.TIME, replace(spec, time=PARTS_OF_DAY[part.casefold()]))
    return mention(m, TimexType.DATE, spec)


def _month_day(m: re.Match[str], text: str) -> Mention | None:
    if lowercase_ambiguous_month(m["m"]):
        return None
    year = int(m["y"]) if m["y"] else None
    spec = ymd(year, month_number(m["m"]), day_number(m["d"]))
    rel = (m.groupdict().get("rel") or "").casefold()
    if spec is not None and rel and spec.op == "fill":
        # "shot to death last Oct. 23": the words fix the way, however far back
        spec, _directed = directed_by(spec, rel)
        found = with_part(m, spec)
        return replace(found, directed=True) if found is not None else None
    return with_part(m, spec)


_MONTHS = tuple(MONTHS)
_DAY_ORDINALS = alt([o for o in ORDINALS if o != "last"])


def _ordinal_day_month(m: re.Match[str], _: str) -> Mention | None:
    """ "the first of January", "the twenty-first of June, 2009": a day in words."""
    if lowercase_ambiguous_month(m["m"]):
        return None
    n = ordinal_number(m["o"])
    if not n:
        return None
    return mention(m, TimexType.DATE, ymd(int(m["y"]) if m["y"] else None, month_number(m["m"]), n))


RULES = (
    rule(
        "iso-date",
        rf"{B}(?P<y>\d{{4}})-(?P<mo>\d{{2}})-(?P<d>\d{{2}})(?!\d)",
        _iso_date,
        anchors=("#4",),
        reach=(0, 8),
    ),
    rule(
        "numeric-date",
        rf"{B}(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>\d{{4}}|\d{{2}})(?![\d/])",
        _numeric_date,
        anchors=("#sep",),
        reach=(0, 10),
    ),
    rule(
        "month-day",
        rf"{B}(?:(?P<rel>last|next)\s+)?(?:{WEEKDAY}\s?,?\s+)?(?P<m>{MONTH})\s+(?P<d>{DAY})"
        rf"(?!\d|:\d)"
        rf"(?:(?:\s?,\s*|\s+)(?P<y>{YEAR})(?!\d))?(?:\s+(?P<part>{PART}))?{E}",
        _month_day,
        anchors=_MONTHS,
        reach=(12, 26),
        guard_after=r"\.?\s+\d",
    ),
    rule(
        "day-month",
        rf"{B}(?:{WEEKDAY}\s?,?\s+)?(?:the\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<m>{MONTH})"
        rf"(?:\s?,?\s+(?P<y>{YEAR})(?!\d))?{E}",
        _month_day,
        anchors=_MONTHS,
        reach=(24, 10),
        guard_before=r"\d(?:st|nd|rd|th)?\s+(?:of\s+)?",
    ),
    rule(
        "ordinal-day-month",
        rf"{B}the\s+(?P<o>{_DAY_ORDINALS})\s+of\s+(?P<m>{MONTH})"
        rf"(?:\s?,?\s+(?P<y>{YEAR})(?!\d))?{E}",
        _ordinal_day_month,
        anchors=_MONTHS,
        reach=(30, 10),
        guard_before=r"[a-z]\s+of\s+",
    ),
)
