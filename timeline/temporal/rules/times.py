"""Times of day: "3 p.m.", "10:42 a.m. local time", "14:30 GMT", "0800 GMT", "noon", "the
next morning", "that night"; and the day a time is said on: "3 p.m. Friday" (one TIME),
"9 a.m. on Monday" (the time takes Monday's day), "the morning of Sept. 1"."""

from __future__ import annotations

import re
from dataclasses import replace

from timeline.model import TimexType
from timeline.temporal.grammar import Mention, composer, mention, rule
from timeline.temporal.lexicon import (
    AMPM,
    LEX,
    PARTS_OF_DAY,
    REL_OFFSET,
    ZONE,
    B,
    E,
    previous_word,
)
from timeline.temporal.spec import Spec


def _clock_time(hour: int, minute: int, ampm: str) -> str | None:
    ampm = ampm.casefold().replace(".", "")
    if ampm and not 1 <= hour <= 12:
        return None
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if not (0 <= hour <= 24 and 0 <= minute < 60):
        return None
    return f"T{hour:02d}:{minute:02d}"


# zones whose time is UTC: the value says so ("16:08 UTC" is T16:08Z); other zones are
# left to the reader (TimeBank writes "5 p.m. EST" as T17:00)
_UTC = frozenset({"UTC", "GMT", "Z"})


def _zoned(time: str, m: re.Match[str]) -> str:
    return time + "Z" if m.groupdict().get("tz") in _UTC else time


def _clock(m: re.Match[str], _: str) -> Mention | None:
    groups = m.groupdict()
    time = _clock_time(int(groups["h"]), int(groups["min"] or 0), groups.get("ampm") or "")
    if time is None:
        return None
    return mention(m, TimexType.TIME, Spec("anaphor", ("day", "0"), time=_zoned(time, m)))


_CLOCK_CONTEXT = frozenset(LEX["clock_context_before"])
_CLOCK_CONTEXT_AFTER_RE = re.compile(r"\s+(?:local\s+time|hours|hrs|h)\b", re.IGNORECASE)


def _clock24(m: re.Match[str], text: str) -> Mention | None:
    """ "14:30", "0800 GMT": a 24-hour time needs a zone or a word that takes a time, so
    that scores ("3:1") and verses ("John 3:16") stay untagged; "0800" needs a zone or
    "hours"/"local time" after it."""
    if m["h"] is None:
        if not (m["tz"] or _CLOCK_CONTEXT_AFTER_RE.match(text, m.end())):
            return None
        time = _clock_time(int(m["h2"]), int(m["min2"]), "")
        if time is None:
            return None
        return mention(m, TimexType.TIME, Spec("anaphor", ("day", "0"), time=_zoned(time, m)))
    if not (
        m["tz"]
        or previous_word(text, m.start()) in _CLOCK_CONTEXT
        or _CLOCK_CONTEXT_AFTER_RE.match(text, m.end())
    ):
        return None
    return _clock(m, text)


def _noon(m: re.Match[str], _: str) -> Mention | None:
    """ "noon", "midnight", "midday": a clock time (midday is noon, as news means it)."""
    word = m["w"].casefold()
    time = "T12:00" if word == "midday" else PARTS_OF_DAY[word]
    return mention(m, TimexType.TIME, Spec("anaphor", ("day", "0"), time=time))


_HOUR_WORDS = {w: int(n) for w, n in LEX["numbers"].items() if 1 <= n <= 12 and n == int(n)}
# the half of the day an hour said "in the morning" falls in: 4 in the morning is 04:00,
# 8 in the evening 20:00, 11 at night 23:00 (but 2 at night is 02:00)
_HALF_OF_DAY = {"morning": "am", "afternoon": "pm", "evening": "pm"}


def _hour_of_part(m: re.Match[str], _: str) -> Mention | None:
    """ "4 in the morning", "eight o'clock in the evening", "11 at night": the clock time
    the part of the day makes of a bare hour."""
    word = m["h"].casefold()
    hour = int(word) if word.isdigit() else _HOUR_WORDS.get(word)
    if hour is None:
        return None
    part = (m["part"] or "night").casefold()
    ampm = _HALF_OF_DAY.get(part) or ("pm" if hour >= 6 else "am")
    time = _clock_time(hour, 0, ampm)
    if time is None:
        return None
    return mention(m, TimexType.TIME, Spec("anaphor", ("day", "0"), time=time))


_PART_EDGES = {"early": "START", "late": "END", "mid": "MID"}


def _part_of_day(m: re.Match[str], _: str) -> Mention | None:
    """ "placed orders in the morning", "by mid afternoon": a part of the narrative's day
    (its span leaves out the preposition: "the morning", "mid afternoon")."""
    part = PARTS_OF_DAY[m["part"].casefold()]
    edge = _PART_EDGES.get((m["edge"] or "").casefold())
    spec = Spec("anaphor", ("day", "0"), time=part)
    start = m.start("span")
    return Mention(start, m.end(), m.string[start : m.end()], TimexType.TIME, spec, edge)


def _relative_part_of_day(m: re.Match[str], _: str) -> Mention | None:
    """ "the next morning", "that night": a part of a day of the narrative."""
    rel = m["rel"].casefold()
    offset = {"that": 0, "same": 0}.get(rel, REL_OFFSET.get(rel, 0))
    spec = Spec("anaphor", ("day", str(offset)), time=PARTS_OF_DAY[m["part"].casefold()])
    return mention(m, TimexType.TIME, spec)


RULES = (
    rule(
        "clock",
        rf"{B}(?P<h>[01]?\d|2[0-3])(?:[:.](?P<min>[0-5]\d))?\s*(?P<ampm>{AMPM})(?!\w)"
        rf"(?:\s+(?P<tz>{ZONE})\b)?",
        _clock,
        anchors=("#ampm",),
        reach=(0, 16),
    ),
    rule(
        "clock-24",
        rf"{B}(?:(?P<h>[01]?\d|2[0-3]):(?P<min>[0-5]\d)|(?P<compact>(?=[01]\d|2[0-3]))"
        rf"(?P<h2>\d\d)(?P<min2>[0-5]\d))(?![\d:.,]\d|\s*{AMPM})(?:\s+(?P<tz>{ZONE})\b)?",
        _clock24,
        anchors=("#sep", "#4"),
        reach=(0, 16),
    ),
    rule(
        "noon",
        rf"{B}(?P<w>noon|midnight|midday){E}",
        _noon,
        anchors=("noon", "midnight", "midday"),
        reach=(0, 2),
    ),
    rule(
        "hour-of-part-of-day",
        rf"{B}(?P<h>1[0-2]|[1-9]|{'|'.join(sorted(_HOUR_WORDS, key=len, reverse=True))})"
        r"(?:\s+o['’]clock)?\s+(?:in\s+the\s+(?P<part>morning|afternoon|evening)|at\s+night)"
        rf"{E}",
        _hour_of_part,
        anchors=("morning", "afternoon", "evening", "night"),
        reach=(24, 2),
    ),
    rule(
        "part-of-day",
        r"(?<![\w-])(?:(?:in|during|through|by|until|since)\s+)(?P<span>(?:the\s+)?"
        r"(?:(?P<edge>early|late|mid)(?:-|\s+))?(?P<part>morning|afternoon|evening))"
        rf"{E}(?!\s+(?:of|hours|session|edition|paper|news|show|shift|rush|trading)\b)",
        _part_of_day,
        anchors=("morning", "afternoon", "evening"),
        reach=(24, 2),
    ),
    rule(
        "relative-part-of-day",
        rf"{B}(?:the\s+)?(?P<rel>next|following|previous|preceding|that|same)\s+"
        rf"(?P<part>morning|afternoon|evening|night){E}",
        _relative_part_of_day,
        anchors=("morning", "afternoon", "evening", "night"),
        reach=(16, 2),
    ),
)


# --- composers: a time and the day it is said on ----------------------------------------

_DAY_OPS = frozenset({"weekday", "holiday"})
_DAY_VALUE_RE = re.compile(r"(?:\d{4}|XXXX)-\d{2}-\d{2}")


def is_day(m: Mention) -> bool:
    """A DATE naming one calendar day, without a time yet."""
    spec = m.spec
    if m.type is not TimexType.DATE or spec.time or spec.parts:
        return False
    if spec.op in _DAY_OPS:
        return True
    if spec.op in ("shift", "anaphor"):
        return spec.args[0] == "day"
    if spec.op in ("fill", "abs"):
        return bool(_DAY_VALUE_RE.fullmatch(spec.args[0]))
    return False


def is_clock(m: Mention) -> bool:
    """A clock time not yet given a day."""
    spec = m.spec
    return (
        m.type is TimexType.TIME
        and spec.op == "anaphor"
        and spec.args == ("day", "0")
        and spec.time.startswith("T")
    )


def _clock_day(text: str, _: re.Match[str], clock: Mention, day: Mention) -> Mention:
    """ "3 p.m. Friday", "noon, Sept. 1": one TIME."""
    spec = replace(day.spec, time=clock.spec.time)
    return Mention(
        clock.start, day.end, text[clock.start : day.end], TimexType.TIME, spec, None, day.directed
    )


def _clock_on_day(_: str, __: re.Match[str], clock: Mention, day: Mention) -> tuple[Mention, ...]:
    """ "9 a.m. on Monday": the time keeps its span and takes Monday's day."""
    spec = replace(day.spec, time=clock.spec.time)
    return (replace(clock, spec=spec, directed=day.directed), day)


def _part_of_day_of(text: str, m: re.Match[str], day: Mention) -> Mention:
    """ "the morning of Sept. 1": a TIME of that day."""
    part = PARTS_OF_DAY[m["part"].casefold()]
    return Mention(
        m.start(),
        day.end,
        text[m.start() : day.end],
        TimexType.TIME,
        replace(day.spec, time=part),
        day.mod,
        day.directed,
    )


_EDGES = {"early": "START", "late": "END", "mid": "MID"}


def _part_before_day(text: str, m: re.Match[str], day: Mention) -> Mention:
    """ "mid-afternoon yesterday", "early morning Friday": a TIME of that day."""
    edge = (m["edge"] or "").casefold()
    return Mention(
        m.start(),
        day.end,
        text[m.start() : day.end],
        TimexType.TIME,
        replace(day.spec, time=PARTS_OF_DAY[m["part"].casefold()]),
        _EDGES.get(edge, day.mod),
        day.directed,
    )


COMPOSERS = (
    composer("clock-day", "join", r"(?:\s*,)?\s*", _clock_day, is_clock, is_day, reach=64),
    composer("clock-on-day", "join", r"(?:\s*,)?\s*on\s+", _clock_on_day, is_clock, is_day),
    composer(
        "part-of-day-of",
        "prefix",
        r"\bthe\s+(?P<part>morning|afternoon|evening|night)\s+of\s+",
        _part_of_day_of,
        is_day,
        reach=30,
        needs=("of",),
    ),
    composer(
        "part-before-day",
        "prefix",
        r"(?<![\w-])(?:(?P<edge>early|late|mid)(?:-|\s+))?"
        r"(?P<part>morning|afternoon|evening|night)\s+",
        _part_before_day,
        is_day,
        reach=30,
        needs=("morning", "afternoon", "evening", "night"),
    ),
)
