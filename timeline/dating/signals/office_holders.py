"""Office holders: "Russian President Boris Yeltsin" dates a text to Yeltsin's terms.

Reporters write the title of the office a person holds *now*, and qualify a past one
("former President Carter"); ``timeline.dating.offices`` finds such titles (world
knowledge in ``data/office_holders.json``).  A text naming a holder with a present
title was written during one of the holder's terms, give or take a grace period.

A sentence that names a year or a date of its own is about that time, not the text's
("In 1962, President Kennedy..."), so its titles are left out.  A yearless day someone
"took office" on is the start of one of the named holders' terms.

Examples:

* "President Clinton said" -> office-holder, 1993-2001
* "In 1962, President Kennedy..." -> nothing (history)
* "after he took office on January 20" + "President Trump" -> term-start: 2017-01-20
  or 2025-01-20
* "the newly elected President Lee Jae-myung" -> office-holder, the first year of his
  term (June 2025 to June 2026); "the incoming Chancellor Merz" -> the weeks before his
  term began (May 2025)
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from timeline.dating.clues import DatingInput
from timeline.dating.constraint import Constraint, odds_weight, within, years_in
from timeline.dating.offices import NEW_BEFORE, OfficeMention
from timeline.model import Evidence, Granularity, Interval, TimexType
from timeline.temporal.recognise import Mention
from timeline.temporal.resolve import Reference, resolve
from timeline.temporal.spec import Spec

# a title in the present ("President Clinton said") fits its holder's terms; outside them
# it is history told without a year ("President Truman's doctrine"), a story kept for
# later, or a title misread: 4 of 131 on the development set (TBAQ, pages, seeds)
OFFICE_RIGHT = 0.97
# reporters keep the title a little while after a term ends (reports filed late, a
# successor not yet named in the story)
_OFFICE_GRACE = timedelta(days=60)
TERM_START_RIGHT = 0.9  # "took office on January 20" is the start of a named holder's term
# "after he took office on January 20", "since being sworn in in May": the start of a term
_TAKING_OFFICE_RE = re.compile(
    r"\b(?:t[ao]ok(?:ing)?\s+(?:office|power|the\s+oath)|assum(?:ed|ing)\s+(?:office|power)"
    r"|(?:sworn|swearing)\s+in|inaugurat(?:ed|ion)|came\s+to\s+power)\b"
    r"(?:\s+\w+){0,3}\s*$",
    re.IGNORECASE,
)


def constraints(clues: DatingInput) -> Iterable[Constraint]:
    """The terms of the office holders the text names with a present title."""
    offices = clues.offices
    if not offices:
        return
    # the sentences naming a date, by index: one binary search per date and per title
    # (comparing every sentence with every date made a long text quadratic)
    starts = [s.start for s in clues.sentences]

    def sentence_of(offset: int) -> int | None:
        i = bisect_right(starts, offset) - 1
        return i if i >= 0 and offset < clues.sentences[i].end else None

    dated_sentences = {sentence_of(m.start) for m, _ in clues.explicit} - {None}
    yield from _terms_taken_up(clues.mentions, clues.text, offices)
    seen: set[str] = set()
    for office in offices:
        if office.person in seen or sentence_of(office.start) in dated_sentences:
            continue
        seen.add(office.person)
        allowed = tuple(
            Interval(start, (end or date.today()) + _OFFICE_GRACE, Granularity.YEAR)
            for start, end in office.terms
        )
        yield Constraint(
            Evidence("office-holder", office.text, _implies(office)),
            within(allowed, odds_weight(OFFICE_RIGHT, years_in(allowed))),
            hard=True,
        )


def _implies(office: OfficeMention) -> str:
    if office.new:
        begun = ", ".join(str(start + NEW_BEFORE) for start, _ in office.terms)
        return f"{office.person} was new in the office ({office.office}), begun {begun}"
    if office.elect:
        begun = ", ".join(str(end) for _, end in office.terms)
        return f"{office.person} was about to take the office ({office.office}) on {begun}"
    terms = ", ".join(f"{start.year}-{end.year if end else ''}" for start, end in office.terms)
    return f"{office.person} held the office ({office.office}) in {terms}"


def _terms_taken_up(
    mentions: Sequence[Mention], text: str, offices: Sequence[OfficeMention]
) -> Iterable[Constraint]:
    """ "Trump ... after he took office on January 20": a yearless day said to be when
    someone took office is, in a text naming that holder, the start of one of their
    terms, which leaves only the years a term began (and the text lies after it)."""
    starts = sorted({start for office in offices for start, _ in office.terms})
    if not starts:
        return
    weight = odds_weight(TERM_START_RIGHT, len({s.year for s in starts}))
    for mention in mentions:
        if not (mention.spec.needs_reference and mention.type is TimexType.DATE):
            continue
        if not _TAKING_OFFICE_RE.search(text, max(0, mention.start - 60), mention.start):
            continue

        def score(day: date, spec: Spec = mention.spec) -> float:
            got = resolve(spec, Reference.of(day)).interval
            if got is None or got.end > day + timedelta(days=1):
                return 0.0
            return weight if any(got.contains(s) for s in starts) else 0.0

        fitting = ", ".join(str(s) for s in starts if _month_day(s) in _month_days(mention))
        yield Constraint(
            Evidence(
                "term-start",
                mention.text,
                f"a term began then: {fitting or 'on a day a named holder took office'}",
            ),
            score,
            hard=True,
        )


def _month_day(day: date) -> tuple[int, int]:
    return day.month, day.day


def _month_days(mention: Mention) -> set[tuple[int, int]]:
    """The (month, day) pairs a yearless date can stand for, for the evidence's sake."""
    got = resolve(mention.spec, Reference.of(date(2001, 7, 1))).interval
    if got is None or got.days > 31:
        return set()
    return {_month_day(got.start + timedelta(days=k)) for k in range(got.days)}
