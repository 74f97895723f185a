"""Named days: fixed (Christmas), nth-weekday (Thanksgiving) and Easter-based (Good Friday).

The table lives in ``data/holidays.json``; some names depend on the country in the
sentence ("China's Victory Day" is 3 September, Russia's is 9 May), which the recogniser
passes as context words.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from typing import Any

from timeline.temporal.data import load_json


@cache
def _by_name() -> dict[str, dict[str, Any]]:
    return {name: rule for rule in load_json("holidays.json") for name in rule["names"]}


def holiday_names() -> list[str]:
    """Every recognised holiday name, longest first (for building the recogniser)."""
    return sorted(_by_name(), key=len, reverse=True)


def canonical_name(name: str) -> str:
    """The first listed name of the holiday ``name`` belongs to (a stable spec argument)."""
    return str(_by_name()[name.casefold()]["names"][0]).replace(" ", "_")


def easter(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month = (h + leap - 7 * m + 114) // 31
    day = (h + leap - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def nth_weekday(year: int, month: int, isoweekday: int, n: int) -> date:
    """The n-th (1-based; -1 = last) given weekday of a month."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(isoweekday - first.isoweekday()) % 7 + 7 * (n - 1))
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - timedelta(days=1)
    return last - timedelta(days=(last.isoweekday() - isoweekday) % 7)


def holiday_date(name: str, year: int, context: tuple[str, ...] = ()) -> date | None:
    """The date of holiday ``name`` (any listed form or its canonical name) in ``year``."""
    rule = _by_name().get(name.replace("_", " ").casefold())
    if rule is None or not 1 <= year <= 9998:
        return None
    override = next((rule["context"][w] for w in context if w in rule.get("context", {})), None)
    if rule["rule"] == "fixed":
        month, day = override or (rule["month"], rule["day"])
        return date(year, month, day)
    if rule["rule"] == "nth_weekday":
        if override:  # [month, n, weekday-offset-free form]: Canadian Thanksgiving etc.
            month, n = override[0], override[1]
            return nth_weekday(year, month, 1, n)
        base = nth_weekday(year, rule["month"], rule["weekday"], rule["n"])
        return base + timedelta(days=rule.get("offset", 0))
    if rule["rule"] == "easter":
        return easter(year) + timedelta(days=rule["offset"])
    return None


def context_words_for(name: str) -> frozenset[str]:
    """The context words that change the date of holiday ``name``."""
    rule = _by_name().get(name.replace("_", " ").casefold())
    return frozenset(rule.get("context", {})) if rule else frozenset()


def requires_context(name: str) -> bool:
    """True for names too generic to tag without a country ("National Day")."""
    rule = _by_name().get(name.casefold())
    return bool(rule and rule.get("requires_context"))
