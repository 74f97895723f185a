"""Holidays and named days: "Christmas", "Christmas Eve", "Easter 2024", "Good Friday",
"Thanksgiving", "China's Victory Day" (the country in the sentence picks the date)."""

from __future__ import annotations

import re

from timeline.model import TimexType
from timeline.temporal.grammar import Mention, mention, rule
from timeline.temporal.holidays import (
    canonical_name,
    context_words_for,
    holiday_date,
    holiday_names,
)
from timeline.temporal.holidays import requires_context as holiday_requires_context
from timeline.temporal.lexicon import LEX, NEXT_WORD_RE, YEAR, B, E, alt, key
from timeline.temporal.spec import Spec

_HOLIDAY_BLOCKERS = frozenset(LEX["holiday_blockers"])


def _holiday(m: re.Match[str], text: str) -> Mention | None:
    name = key(m["hol"])
    nxt = NEXT_WORD_RE.match(text, m.end())
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
        return mention(m, TimexType.DATE, Spec("abs", (day.isoformat(),)))
    return mention(m, TimexType.DATE, Spec("holiday", (canonical_name(name), *context)))


_NAMES = holiday_names()

RULES = (
    rule(
        "holiday",
        rf"{B}(?P<hol>{alt(_NAMES)})(?:\s+(?P<y>{YEAR}))?{E}",
        _holiday,
        phrases=_NAMES,
        reach=(0, 6),
    ),
)
