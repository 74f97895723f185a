"""Ranges and alternatives: "June 3-5", "June 12 to 15", "8-10 March", "2009-2010", and two
dates joined "February or March", "between 2019 and 2021", "from 2010 to 2018" (one
expression, valued as an ISO 8601 interval, the hull of both)."""

from __future__ import annotations

import re
from collections.abc import Callable

from timeline.model import TimexType
from timeline.temporal.grammar import (
    Mention,
    composer,
    lowercase_ambiguous_month,
    mention,
    rule,
    ymd,
)
from timeline.temporal.lexicon import DAY, MONTH, MONTHS, YEAR, B, E, day_number, month_number
from timeline.temporal.spec import Spec


def _day_range(m: re.Match[str], _: str) -> Mention | None:
    """ "June 3-5", "8-10 March": one range of days within a month."""
    if lowercase_ambiguous_month(m["m"]):
        return None
    first, last = day_number(m["d1"]), day_number(m["d2"])
    if not first < last:
        return None
    year = int(m["y"]) if m["y"] else None
    a, b = ymd(year, month_number(m["m"]), first), ymd(year, month_number(m["m"]), last)
    if a is None or b is None:
        return None
    return mention(m, TimexType.DATE, Spec("range", parts=(a, b)))


def _year_range(m: re.Match[str], _: str) -> Mention | None:
    a, b = int(m["a"]), m["b"]
    end = int(b) if len(b) == 4 else (a // 100) * 100 + int(b)
    if not a < end <= a + 100:
        return None
    return mention(
        m,
        TimexType.DATE,
        Spec("range", parts=(Spec("abs", (f"{a:04d}",)), Spec("abs", (f"{end:04d}",)))),
    )


_MONTHS = tuple(MONTHS)
_DAY_BEFORE_MONTH = r"\d(?:st|nd|rd|th)?\s+(?:of\s+)?"

RULES = (
    rule(
        "month-day-range",
        rf"{B}(?P<m>{MONTH})\s+(?P<d1>{DAY})(?:\s*[-–]\s*|\s+(?:to|through|thru|until)\s+)"
        rf"(?P<d2>{DAY})(?!\d|:\d|\s*(?:%|percent|per\b|a\.m|p\.m|am\b|pm\b))"
        rf"(?:\s?,?\s+(?P<y>{YEAR})(?!\d))?{E}",
        _day_range,
        anchors=_MONTHS,
        reach=(0, 24),
        guard_after=r"\.?\s+\d",
    ),
    rule(
        "day-month-range",
        rf"{B}(?P<d1>{DAY})\s*[-–]\s*(?P<d2>{DAY})\s+(?:of\s+)?(?P<m>{MONTH})"
        rf"(?:\s?,?\s+(?P<y>{YEAR})(?!\d))?{E}",
        _day_range,
        anchors=_MONTHS,
        reach=(16, 10),
        guard_before=_DAY_BEFORE_MONTH,
    ),
    rule(
        "year-range",
        rf"{B}(?P<a>{YEAR})[-–](?P<b>\d{{4}}|\d{{2}})(?!\d)",
        _year_range,
        anchors=("#4",),
        reach=(0, 8),
    ),
)


# --- composers: two dates of one shape joined by "or", "to", "through", "-" ------------

_BETWEEN_RE = re.compile(r"(?:between|from)\s+$", re.IGNORECASE)


def _joinable(m: Mention) -> bool:
    return m.type is TimexType.DATE and m.spec.op in ("fill", "abs", "weekday")


def _joined(op: str) -> Callable[[str, re.Match[str], Mention, Mention], Mention | None]:
    def build(text: str, gap: re.Match[str], a: Mention, b: Mention) -> Mention | None:
        if (
            a.spec.op != b.spec.op
            or a.mod != b.mod  # "late 2026 or early 2027" keeps its two mods
            or not a.spec.args
            or not b.spec.args
            or len(a.spec.args[0]) != len(b.spec.args[0])  # the same shape
        ):
            return None
        if gap["w"].casefold() == "and" and not _BETWEEN_RE.search(
            text[max(0, a.start - 8) : a.start]
        ):
            return None  # "in 2019 and 2021" names two years; "between 2019 and 2021" one span
        return Mention(
            a.start,
            b.end,
            text[a.start : b.end],
            TimexType.DATE,
            Spec(op, parts=(a.spec, b.spec), direction=a.spec.direction),
            a.mod or b.mod,
            a.directed and b.directed,
        )

    return build


COMPOSERS = (
    composer(
        "alternative",
        "join",
        r"\s*(?P<w>or)\s*",
        _joined("alt"),
        _joinable,
        _joinable,
        reach=64,
    ),
    composer(
        "range",
        "join",
        r"\s*(?P<w>and|to|through|until|till|-|–)\s*",
        _joined("range"),
        _joinable,
        _joinable,
        reach=64,
    ),
)
