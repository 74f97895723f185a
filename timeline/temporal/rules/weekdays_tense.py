"""Weekdays, placed by the tense of their clause: "on Tuesday" (past or future as the verb
says), "last Wednesday", "this Saturday", "the previous Friday", "Monday night",
"late Friday"."""

from __future__ import annotations

import re
from dataclasses import replace

from timeline.model import TimexType
from timeline.temporal.grammar import Mention, directed_by, mention, rule
from timeline.temporal.lexicon import (
    LEX,
    PART,
    PARTS_OF_DAY,
    WEEKDAY,
    WEEKDAY_REL,
    WEEKDAYS,
    B,
    E,
    alt,
)
from timeline.temporal.spec import Direction, Spec

_WEEKDAY_NAME_RE = re.compile(rf"\s+(?:{alt(LEX['weekday_name_continuations'])})\b")
# "Black Monday", "Super Tuesday", "Bloody Sunday": a capitalised word from this list makes
# the weekday part of a name (a day of its own, or a holiday the holiday rule knows)
_NAMED_DAY_RE = re.compile(
    rf"(?<![\w-])(?P<w>{alt(LEX['weekday_name_prefixes'])})\s+\Z", re.IGNORECASE
)


def _named_day(text: str, start: int) -> bool:
    m = _NAMED_DAY_RE.search(text, max(0, start - 24), start)
    return m is not None and m["w"][0].isupper()


def _weekday(m: re.Match[str], text: str) -> Mention | None:
    if _WEEKDAY_NAME_RE.match(text, m.end("wd")):
        return None  # "The Sunday Times", "Saturday Night Live"
    if m.start() == m.start("wd") and _named_day(text, m.start()):
        return None  # "Black Monday" is not the next Monday
    n = WEEKDAYS[m["wd"].casefold()]
    rel = (m.groupdict().get("rel") or "").casefold()
    part = m.groupdict().get("part")
    type_ = TimexType.TIME if part else TimexType.DATE
    time = PARTS_OF_DAY[part.casefold()] if part else ""
    if rel in ("this", "current"):
        # "this Saturday": the Saturday of the current week, whatever the tense
        return mention(m, type_, Spec("weekday", (str(n), "this"), time=time), None, True)
    if rel in ("previous", "preceding", "following"):
        # "the previous Friday": the one before the narrative's date, not the reference's
        side = "after" if rel == "following" else "before"
        spec = Spec("weekday", (str(n), side), time=time)
        return mention(m, type_, spec.with_direction(Direction.NEAR), None, True)
    spec, directed = directed_by(Spec("weekday", (str(n),), time=time), rel)
    if directed:
        # "last Wednesday" said on a Wednesday is a week ago, not today
        spec = replace(spec, args=(str(n), "last" if spec.direction is Direction.PAST else "next"))
    mod = {"early": "START", "late": "END"}.get((m["edge"] or "").casefold())
    return mention(m, type_, spec, mod, directed)


RULES = (
    rule(
        "weekday",
        rf"{B}(?:(?:the\s+(?=(?:previous|preceding|following)\s))?{WEEKDAY_REL}\s+"
        rf"|(?P<edge>early|late)\s+)?(?P<wd>{WEEKDAY})"
        rf"(?:\s+(?P<part>{PART}))?{E}",
        _weekday,
        anchors=tuple(LEX["full_weekdays"]),
        reach=(16, 12),
    ),
)
