"""Weekdays, placed by the tense of their clause: "on Tuesday" (past or future as the verb
says), "last Wednesday", "this Saturday", "the previous Friday", "Monday night",
"late Friday"; a weekday in apposition to a date is that date ("on Dec. 18, a
Wednesday", "today (Thursday)", "Sunday morning, November 3, 2013")."""

from __future__ import annotations

import re
from dataclasses import replace

from timeline.model import TimexType
from timeline.temporal.grammar import Mention, composer, directed_by, mention, rule
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


# --- composers: a weekday naming the date before it ------------------------------------

_DAY_VALUE_RE = re.compile(r"(?:XXXX|\d{4})-\d\d-\d\d$")


def _is_dated_day(m: Mention) -> bool:
    """A date to the day ("Dec. 18", "18 December 2019"), with no time or modifier."""
    spec = m.spec
    return (
        m.type is TimexType.DATE
        and m.mod is None
        and spec.op in ("fill", "abs")
        and _DAY_VALUE_RE.match(spec.args[0]) is not None
    )


def _is_named_day(m: Mention) -> bool:
    """A date to the day, or a day counted from today ("today", "yesterday")."""
    spec = m.spec
    deictic = spec.op == "shift" and spec.args[0] == "day" and not spec.time
    return _is_dated_day(m) or (deictic and m.type is TimexType.DATE and m.mod is None)


def _is_bare_weekday(m: Mention) -> bool:
    return m.type is TimexType.DATE and m.spec.op == "weekday" and m.spec.args[1:] == ()


def _is_weekday(m: Mention) -> bool:
    """A weekday, perhaps with its part of the day ("Sunday morning")."""
    return m.spec.op == "weekday" and m.spec.args[1:] == () and m.mod is None


def _weekday_date(text: str, _: re.Match[str], weekday: Mention, day: Mention) -> Mention:
    """ "Sunday morning, November 3, 2013": the date, at the weekday's part of the day
    (the dates rules read "Sunday, November 3" whole already)."""
    time = weekday.spec.time
    return Mention(
        weekday.start,
        day.end,
        text[weekday.start : day.end],
        TimexType.TIME if time else TimexType.DATE,
        replace(day.spec, time=time),
        None,
        day.directed,
    )


def _apposed(text: str, _: re.Match[str], day: Mention, weekday: Mention) -> list[Mention]:
    """ "on Dec. 18, a Wednesday and the day the House voted": the weekday says which day
    of the week the date was; it is that date (the narrative's day, which the date has
    just set), not the Wednesday nearest the reference."""
    return [day, replace(weekday, spec=Spec("anaphor", ("day", "0")), directed=True)]


COMPOSERS = (
    composer(
        "apposed-weekday",
        "join",
        r"\s*(?:,\s*(?:a|which\s+(?:was|is|will\s+be))\s+|\(\s*(?:a\s+)?)",
        _apposed,
        _is_named_day,
        _is_bare_weekday,
        reach=24,
    ),
    composer("weekday-date", "join", r"\s*,\s*", _weekday_date, _is_weekday, _is_dated_day),
)
