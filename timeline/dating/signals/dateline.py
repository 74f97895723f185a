"""Datelines: the date a wire story or WikiNews article prints at its top.

"June 9, 2008" alone on the first line, or "WASHINGTON, June 3 (Reuters) -" opening the
first paragraph, is the publication date.  A full date (with year) found in the first
few lines, in a line of its own or before a dateline dash, is taken with high confidence
(``from_dateline``).  A dateline without its year gives the day and month, and the
weekday its lead sentence names leaves the few years in which they fell together
(``constraints``).

Examples:

* "June 9 , 2008" on the first line -> published on 2008-06-09
* "NICOSIA, August 8 (Xinhua) -- The Cypriot government Saturday condemned…" -> an
  8 August that was a Saturday: 1998, 2009, 2015...
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from timeline.dating.clues import DatingInput
from timeline.dating.constraint import Constraint, odds_weight, within, years_in
from timeline.model import Evidence, Granularity, Interval, Provenance, PublicationDate
from timeline.temporal.recognise import Mention
from timeline.temporal.values import value_interval

HEAD_CHARS = 400
# the weekday a wire lead names is its dateline's day ("NICOSIA, August 8 -- ... Saturday")
COINCIDENCE_RIGHT = 0.95
DATELINE_DAY = 5.0  # weight of the day and month a yearless dateline prints, within a year
_DATELINE_TAIL_RE = re.compile(r"^\s*(?:\([^)]{1,40}\)\s*)?(?:[-–—:]|$|\n)")
# what goes with a dateline's date when it is cut: an agency in brackets and the dash
_CUT_TAIL_RE = re.compile(r"[ \t]*(?:\([^)\n]{1,40}\)[ \t]*)?(?:[-–—:]+|(?=\n)|\Z)")
_DATELINE_HEAD_RE = re.compile(
    r"(?:^|\n)\s*(?:[A-Z][A-Za-z .'-]{1,40},\s*)?(?:[A-Z][a-z]+day,?\s*)?$"
)
_YEARS = range(1900, 2101)
# a wire story is filed on its dateline's day or, across time zones, the next
_FILED_WITHIN = timedelta(days=2)
_MONTH_DAY_RE = re.compile(r"^XXXX-(?P<m>\d\d)-(?P<d>\d\d)$")


def from_dateline(text: str, mentions: Sequence[Mention]) -> PublicationDate | None:
    """The dateline's date if the text opens with one."""
    for mention in mentions:
        if mention.start > HEAD_CHARS:
            break
        if mention.spec.op != "abs":
            continue
        interval = value_interval(mention.spec.args[0])
        if interval is None or interval.granularity is not Granularity.DAY:
            continue
        if is_dateline(mention, text):
            return PublicationDate(
                interval,
                interval.start,
                0.95,
                Provenance.CONTENT,
                (Evidence("dateline", mention.text, f"published on {interval.start}"),),
            )
    return None


def is_dateline(mention: Mention, text: str) -> bool:
    """Whether ``mention`` sits where a dateline's date does: at the start of a line,
    after at most a place name and a weekday, before a dash or an agency in brackets."""
    before = text[max(0, mention.start - 60) : mention.start]
    after = text[mention.end : mention.end + 40]
    return bool(_DATELINE_HEAD_RE.search(before) and _DATELINE_TAIL_RE.match(after))


def strip_dateline(text: str, mentions: Sequence[Mention] | None = None) -> str:
    """``text`` without the dateline it opens with, for measuring dating from content alone.

    A date alone on a line ("June 9 , 2008") goes with its line; a wire lead ("BRUSSELS,
    February 10 (Xinhua) -- NATO has...") loses its place, date and agency up to the dash,
    so the story starts at its first word.  Only the head of the text is looked at, and
    what counts as a dateline is exactly what ``from_dateline`` reads as one.
    """
    if mentions is None:
        from timeline.temporal import analyse

        mentions = analyse(text)
    cuts: list[tuple[int, int]] = []
    for mention in mentions:
        if mention.start > HEAD_CHARS:
            break
        if mention.type.value not in ("DATE", "TIME") or not is_dateline(mention, text):
            continue
        line_start = text.rfind("\n", 0, mention.start) + 1
        tail = _CUT_TAIL_RE.match(text, mention.end)
        end = tail.end() if tail else mention.end
        cuts.append((line_start, end))
    for start, end in reversed(cuts):
        text = text[:start] + text[end:].lstrip(" \t")
    return text


def constraints(clues: DatingInput) -> Iterable[Constraint]:
    """ "NICOSIA, August 8 (Xinhua) -- The Cypriot government Saturday condemned…"

    A wire dateline without its year gives the day and month of publication, and the
    weekday its lead sentence names is, in wire style, the dateline's own day: together
    they leave the few years in which that day fell on that weekday.
    """
    text, mentions = clues.text, clues.mentions
    dateline = next(
        (
            m
            for m in mentions
            if m.start <= HEAD_CHARS and is_dateline(m, text) and m.spec.op == "fill"
        ),
        None,
    )
    if dateline is None:
        return
    match = _MONTH_DAY_RE.match(dateline.spec.args[0])
    if match is None:
        return
    month, day_of_month = int(match["m"]), int(match["d"])
    lead_end = text.find(". ", dateline.end)
    lead = next(
        (
            m
            for m in mentions
            if m.spec.op == "weekday"
            and m.start > dateline.end
            and (lead_end < 0 or m.start < lead_end)
        ),
        None,
    )
    days = [d for y in _YEARS if (d := _day_or_none(y, month, day_of_month))]
    if lead is not None:
        weekday = int(lead.spec.args[0])
        matching = [d for d in days if d.isoweekday() == weekday]
        years = ", ".join(str(d.year) for d in matching if 1980 <= d.year <= 2040)
        windows = tuple(Interval(d, d + _FILED_WITHIN, Granularity.DAY) for d in matching)
        yield Constraint(
            Evidence(
                "dateline-weekday",
                f"{dateline.text} … {lead.text}",
                f"{dateline.text} was a {lead.text} in {years or 'few years'}",
            ),
            within(windows, odds_weight(COINCIDENCE_RIGHT, years_in(windows))),
            hard=True,
            focus=windows,
        )
    yield Constraint(
        Evidence("dateline", dateline.text, f"published on {dateline.text} of some year"),
        lambda day: (
            DATELINE_DAY
            if any(
                (d.month, d.day) == (month, day_of_month) for d in (day, day - timedelta(days=1))
            )
            else 0.0
        ),
        hard=True,
        periodic=True,
    )


def _day_or_none(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:  # 29 February
        return None
