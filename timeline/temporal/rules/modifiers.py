"""Modifiers: where in a period ("early", "mid-", "late", "the end of"), and how sure a
length or date is ("about", "more than", "nearly")."""

from __future__ import annotations

import re

from timeline.model import TimexType
from timeline.temporal.grammar import Mention, mention, mod_of, rule
from timeline.temporal.lexicon import MOD_PREFIX, UNIT_NAMES, B, E
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
