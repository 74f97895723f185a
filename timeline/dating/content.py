"""Estimate a publication date from the text alone, by scoring candidate dates.

Every recognised expression says something about when the text was written:

* an explicit date in a past-tense clause happened before publication, one in a future
  clause is still ahead (hard-ish interval constraints);
* a named day said to fall on a weekday ("China's Victory Day parade on Wednesday") only
  fits the years where it does, and lies within a week of publication;
* a war "three and a half years" old that began in an explicitly named year dates the text;
* unyeared dates, months and weekdays are, in news, close to publication ("On June 14"
  is rarely two years back), so their distance from the candidate is a soft penalty;
* publication usually follows closely the latest explicit date mentioned.

Each candidate day gets the sum of these scores; the estimate is the best-scoring stretch
of days, reported as an interval with a point, a granularity and the evidence used.
Candidates are scored monthly across the plausible range, then daily around the best
months, so the cost stays small.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from timeline.dating.dateline import HEAD_CHARS as _HEAD_CHARS
from timeline.dating.dateline import is_dateline
from timeline.dating.offices import OfficeMention, find_office_holders
from timeline.dating.years import year_log_score
from timeline.model import Evidence, Granularity, Interval, Provenance, PublicationDate, TimexType
from timeline.temporal.holidays import holiday_date
from timeline.temporal.recognise import Mention
from timeline.temporal.resolve import Reference, resolve
from timeline.temporal.spec import Direction, Spec
from timeline.temporal.values import value_interval

if TYPE_CHECKING:
    from timeline.analysis import TextAnalysis

COINCIDENCE = 5.0  # weight of a weekday + named day coincidence
DATELINE_DAY = 5.0  # weight of the day and month a yearless dateline prints
DURATION_SINCE = 1.5  # weight of "N-year war" since an explicit year
NEARNESS_PER_MONTH = 0.25  # penalty per month an unyeared date lies from publication
WEEKDAY_PER_DAY = 0.08  # penalty per day a weekday reference lies from publication
MARGIN = 1.5  # days scoring within this of the best form the reported interval
_REFINED_MONTHS = 12  # best coarse months searched day by day
_MAX_SEARCH_YEARS = 40  # widest search when other documents point somewhere
_HINT_PADDING_DAYS = 400  # how far beyond what other documents point to the search looks
CLUSTER_GAP = 45  # good days closer than this are one stretch
CREDIBLE = 0.9  # the reported years hold this share of the probability
VALLEY = 0.005  # years less likely than this share end the run of credible years
# what separates a named day from a weekday that is not its day ("on Tuesday, before
# Victory Day"): punctuation or a relation between two times
_NOT_SAME_DAY_RE = re.compile(
    r"[.;,\n]|\b(?:before|after|since|until|following|preceding)\b", re.IGNORECASE
)
_YEAR_WORD_NOUNS = (
    "war",
    "conflict",
    "fight",
    "battle",
    "campaign",
    "occupation",
    "siege",
    "presidency",
    "term",
    "reign",
    "rule",
    "crisis",
    "invasion",
    "effort",
    "drought",
)


@dataclass(frozen=True, slots=True)
class Constraint:
    """A scored condition on the publication day, with the evidence it stands for."""

    evidence: Evidence
    score: Callable[[date], float]
    hard: bool = False  # reported as evidence only where it holds at the estimate
    # where a narrow constraint holds: the search looks there day by day, since the
    # monthly first pass can step over a week-wide window
    focus: tuple[Interval, ...] = ()
    # a hard constraint is reported where it scores at least this at the estimate: above
    # zero for a bonus that holds, near zero for a penalty it hardly pays (the era)
    shown_from: float = 1e-9
    # where it allows publication at all, when that bounds the search (an office's terms)
    span: tuple[Interval, ...] = ()


def within(allowed: tuple[Interval, ...], weight: float) -> Callable[[date], float]:
    return lambda day: weight if any(i.contains(day) for i in allowed) else 0.0


# Within the year the gap tables of ``timeline.dating.years`` choose, a date given to the
# month or day is likelier to be a few months old (past) or ahead (future) than further:
# log-scores by months, looking the way the tense says.
_MONTH_GAPS = {
    "past": (-0.3, -0.5, -0.5, -0.9, -0.9, -0.9),
    "future": (-0.3, -0.5, -0.5, -0.9),
    "near": (-0.3, -0.6, -0.9),
}
_WITHIN_PERIOD = 0.6
# a past reference to a decade after publication: a tense error, common with decades
# ("the 1990s" looked forward to in 1989 but tagged past)
_WRONG_SIDE_COARSE = -2.0
_FAR_MONTHS = -1.5
_MONTH_BONUS = 0.5
_WRONG_SIDE_MONTHS = -3.0  # same year, wrong side of a dated reference: a tense error


def _gap_score(interval: Interval, direction: Direction, bound: bool) -> Callable[[date], float]:
    """Log-score of publication on ``day`` for an explicit date named with ``direction``.

    Which *year* comes from the gap tables of ``timeline.dating.years``; within a year,
    dates given to the month or day prefer the months just after (past) or before
    (future) them, and a bare year the part of it the tense implies.
    """
    by_month = interval.granularity.rank < Granularity.YEAR.rank
    table = _MONTH_GAPS[direction.value]
    coarse = interval.granularity.rank > Granularity.YEAR.rank  # decades, centuries
    start, last = interval.start, interval.end - timedelta(days=1)

    def score(day: date) -> float:
        if coarse:  # "the 1980s": only which side of it we are on
            if direction is Direction.PAST:
                return _WRONG_SIDE_COARSE if day < start else 0.0
            if direction is Direction.FUTURE:
                return _WRONG_SIDE_COARSE if day > last else 0.0
            return 0.0
        base = year_log_score(start.year, day.year, direction, dated=by_month, bound=bound)
        if by_month:
            before = (start.year - day.year) * 12 + start.month - day.month
            after = (day.year - last.year) * 12 + day.month - last.month
            if direction is Direction.PAST:
                k = after if before <= 0 else -1
            elif direction is Direction.FUTURE:
                k = before if after <= 0 else -1
            else:
                k = max(before, after, 0)
            if k < 0:
                return base + _WRONG_SIDE_MONTHS
            # a bonus for the months just after (before) it, none further away
            return base + _MONTH_BONUS * (
                (table[k] if k < len(table) else _FAR_MONTHS) - _FAR_MONTHS
            )
        if day.year == start.year and direction is not Direction.NEAR:
            # within the period itself, a past event is likelier the more of the period
            # has gone by ("his 2024 book" is unlikely to be three weeks old in January)
            elapsed = (day - start).days / max(1, (last - start).days + 1)
            remaining = elapsed if direction is Direction.PAST else 1.0 - elapsed
            base += _WITHIN_PERIOD * math.log(max(remaining, 0.1))
        return base

    return score


_SINCE_RE = re.compile(r"\bsince\b[^.;:,!?]{0,40}$", re.IGNORECASE)
# a contract's horizon ("debentures due March 1, 2011", "notes maturing in 2004", "the
# option expires Dec. 31, 1994"): years ahead, as far as the contract runs, so it bounds
# publication from above only, never as "the earliest future year" does
_HORIZON_RE = re.compile(
    r"\b(?:due|matur(?:e|es|ed|ing|ity)|expir(?:e|es|ing|ation)|redeemable|callable"
    r"|convertible)\b(?:\s+(?:in|on|at|by|until))?\s*$",
    re.IGNORECASE,
)
# a deadline or a goal ("boost revenue ... by the end of 1990", "divest all junk bonds
# by 1994"): said of the future whatever the tense of the verb that reports it
_DEADLINE_RE = re.compile(
    r"\bby\s+(?:the\s+(?:end|middle|start|beginning|close)\s+of\s+|(?:early|mid|late)-?\s*)?$",
    re.IGNORECASE,
)
_INTENT_RE = re.compile(
    r"\b(?:wants?|wanted|plans?|planned|intends?|intended|aims?|aimed|goal|target|expects?"
    r"|expected|requires?|required|must|will|would|should|hopes?|hoped|seeks?|sought"
    r"|projects?|projected|projections?|forecasts?|forecasted|predict(?:s|ed|ing)?"
    r"|estimates?|estimated|promised?|pledged?|vowed?|scheduled|set to)\b",
    re.IGNORECASE,
)


# a date that names a finished happening ("the November 1995 assassination", "the 1994
# act", "the 2022 invasion") is past whatever the clause's verb says of it
_DATED_HAPPENING_RE = re.compile(
    r"\s*(?:assassination|invasion|attacks?|bombings?|massacre|coup|revolution|crash"
    r"|murders?|killings?|riots?|uprising|earthquake|floods?|war|act|law|treaty|accords?"
    r"|agreement|ruling|decision|merger|acquisition|takeover|crisis|scandal|collapse"
    r"|victory|defeat|shootings?|disaster|referendum|annexation|withdrawal)\b",
    re.IGNORECASE,
)


def _reading(mention: Mention, text: str) -> tuple[Direction, bool]:
    """Which way an explicit date looks from the text, and whether it may bound the year.

    The direction is the clause's tense, except that whatever follows "since" lies in
    the past of the text whatever the verb ("the first talks since 2022 would..."), as
    does a date naming a finished happening ("the 1995 assassination"), and a contract's
    horizon or a deadline set by a wish or a duty ("wants to double sales by 1992") lies
    ahead.  Those two say how far ahead someone looks, not how near the present is, so
    they are never the latest past or earliest future year the text names.
    """
    before = text[max(0, mention.start - 48) : mention.start]
    horizon = _HORIZON_RE.search(before) is not None
    deadline = _DEADLINE_RE.search(before) is not None
    may_bound = not (horizon or deadline)
    if _SINCE_RE.search(before) or _DATED_HAPPENING_RE.match(text, mention.end):
        return Direction.PAST, may_bound
    if horizon or (deadline and _INTENT_RE.search(_clause_before(text, mention.start))):
        return Direction.FUTURE, may_bound
    return mention.spec.direction, may_bound


def _clause_before(text: str, position: int) -> str:
    start = max(text.rfind(". ", 0, position), text.rfind("\n", 0, position), position - 160)
    return text[max(0, start) : position]


def _explicit_interval(mention: Mention) -> Interval | None:
    spec = mention.spec
    if spec.op != "abs" or mention.type not in (TimexType.DATE, TimexType.TIME):
        return None
    return value_interval(spec.args[0])


def explicit_constraints(mentions: Sequence[Mention], text: str) -> list[Constraint]:
    """One constraint per distinct explicit date the text names, scored by tense and gap."""
    named: list[tuple[Mention, Interval, Direction, bool]] = []
    # a date named five times is one piece of evidence, not five
    seen: set[tuple[Interval, Direction]] = set()
    for mention in mentions:
        interval = _explicit_interval(mention)
        if interval is None:
            continue
        direction, may_bound = _reading(mention, text)
        if (interval, direction) not in seen:
            seen.add((interval, direction))
            named.append((mention, interval, direction, may_bound))
    bounds = {
        direction: pick(
            (
                (i.start.year, i.granularity is not Granularity.YEAR, k)
                for k, (_, i, d, may_bound) in enumerate(named)
                if d is direction and may_bound and i.granularity.rank <= Granularity.YEAR.rank
            ),
            default=None,
        )
        for direction, pick in ((Direction.PAST, max), (Direction.FUTURE, min))
    }
    out: list[Constraint] = []
    for k, (mention, interval, direction, _) in enumerate(named):
        bound = bounds.get(direction)
        is_bound = bound is not None and bound[2] == k
        implies = {
            Direction.PAST: f"published after {interval.start}",
            Direction.FUTURE: f"published before {interval.end}",
            Direction.NEAR: f"published around {interval.start}..{interval.end}",
        }[direction]
        source = f"{direction.value}-reference"
        out.append(
            Constraint(
                Evidence(source, mention.text, implies), _gap_score(interval, direction, is_bound)
            )
        )
    return out


def era_constraints(analysis: TextAnalysis) -> list[Constraint]:
    """The constraints that say which years the text can be from: its explicit dates,
    named days falling on weekdays, durations since named years.  These are the evidence
    of the text's era, which ``timeline.dating.corpus`` pools across similar documents
    (relative references, repeating every year, say nothing of it)."""
    mentions, text = analysis.mentions, analysis.text
    out = explicit_constraints(mentions, text)
    explicit = [(m, i) for m in mentions if (i := _explicit_interval(m)) is not None]
    out.extend(_coincidences(mentions, text))
    out.extend(_yearless_dateline(mentions, text))
    out.extend(_durations_since(mentions, explicit, text))
    out.extend(_office_constraints(analysis))
    return out


# a title in the present ("President Clinton said") fits its holder's terms; outside them
# it is history told without a year ("President Kennedy's assassination"), a story kept
# for later: a log-likelihood ratio of about 1 in 12
OFFICE_INSIDE = 2.5
# reporters keep the title a little while after a term ends (reports filed late, a
# successor not yet named in the story)
_OFFICE_GRACE = timedelta(days=60)


def _office_constraints(analysis: TextAnalysis) -> Iterable[Constraint]:
    """ "Russian President Boris Yeltsin", "the Clinton administration": the text was
    written while that person held that office (``timeline.dating.offices``).

    A sentence that names a year or a date of its own is about that time, not the
    text's ("In 1962, President Kennedy..."), so its titles are left out.
    """
    mentions, text = analysis.mentions, analysis.text
    offices = find_office_holders(text)
    if not offices:
        return
    dated_sentences = [
        s
        for s in analysis.sentences
        if any(s.start <= m.start < s.end and _explicit_interval(m) is not None for m in mentions)
    ]
    yield from _terms_taken_up(mentions, text, offices)
    seen: set[str] = set()
    for office in offices:
        if office.person in seen or any(s.start <= office.start < s.end for s in dated_sentences):
            continue
        seen.add(office.person)
        allowed = tuple(
            Interval(start, (end or date.today()) + _OFFICE_GRACE, Granularity.YEAR)
            for start, end in office.terms
        )
        terms = ", ".join(f"{start.year}-{end.year if end else ''}" for start, end in office.terms)
        yield Constraint(
            Evidence(
                "office-holder",
                office.text,
                f"{office.person} held the office ({office.office}) in {terms}",
            ),
            within(allowed, OFFICE_INSIDE),
            hard=True,
            span=allowed,
        )


# "after he took office on January 20", "since being sworn in in May": the start of a term
_TAKING_OFFICE_RE = re.compile(
    r"\b(?:t[ao]ok(?:ing)?\s+(?:office|power|the\s+oath)|assum(?:ed|ing)\s+(?:office|power)"
    r"|(?:sworn|swearing)\s+in|inaugurat(?:ed|ion)|came\s+to\s+power)\b"
    r"(?:\s+\w+){0,3}\s*$",
    re.IGNORECASE,
)
TERM_START = 3.0  # weight of a yearless day that is the start of a named holder's term


def _terms_taken_up(
    mentions: Sequence[Mention], text: str, offices: Sequence[OfficeMention]
) -> Iterable[Constraint]:
    """ "Trump ... after he took office on January 20": a yearless day said to be when
    someone took office is, in a text naming that holder, the start of one of their
    terms, which leaves only the years a term began (and the text lies after it)."""
    starts = sorted({start for office in offices for start, _ in office.terms})
    if not starts:
        return
    for mention in mentions:
        if not (mention.spec.needs_reference and mention.type is TimexType.DATE):
            continue
        if not _TAKING_OFFICE_RE.search(text, max(0, mention.start - 60), mention.start):
            continue

        def score(day: date, spec: Spec = mention.spec) -> float:
            got = resolve(spec, Reference.of(day)).interval
            if got is None or got.end > day + timedelta(days=1):
                return 0.0
            return TERM_START if any(got.contains(s) for s in starts) else 0.0

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


def _constraints(analysis: TextAnalysis) -> list[Constraint]:
    out = era_constraints(analysis)
    relative_seen: set[str] = set()
    for mention in analysis.mentions:
        if (
            mention.spec.op in ("fill", "holiday", "weekday", "alt")
            and mention.spec.needs_reference
            and str(mention.spec) not in relative_seen
        ):
            relative_seen.add(str(mention.spec))
            out.append(_nearness(mention))
    return out


def _nearness(mention: Mention) -> Constraint:
    per_day = WEEKDAY_PER_DAY if mention.spec.op == "weekday" else NEARNESS_PER_MONTH / 30.4
    free_days = 0 if mention.spec.op == "weekday" else 31

    def penalty(day: date) -> float:
        resolved = resolve(mention.spec, Reference.of(day)).interval
        if resolved is None:
            return 0.0
        if resolved.contains(day):
            return 0.0
        distance = min(abs((resolved.start - day).days), abs((resolved.end - day).days))
        return per_day * max(0, distance - free_days)

    return Constraint(
        Evidence(
            "near-reference",
            mention.text,
            f"a {mention.spec.direction.value} reference close to publication",
        ),
        lambda day: -penalty(day),
    )


def _coincidences(mentions: Sequence[Mention], text: str) -> Iterable[Constraint]:
    """A named day and a weekday in one clause ("Victory Day parade on Wednesday")."""
    for a, b in itertools.pairwise(mentions):
        pair = {a.spec.op: a, b.spec.op: b}
        if set(pair) != {"holiday", "weekday"} or b.start - a.end > 40:
            continue
        if _NOT_SAME_DAY_RE.search(text[a.end : b.start]):
            continue
        holiday, weekday = pair["holiday"], pair["weekday"]
        isoweekday = int(weekday.spec.args[0])
        direction = weekday.spec.direction
        allowed = []
        for year in range(1900, 2101):
            day = holiday_date(holiday.spec.args[0], year, holiday.spec.args[1:])
            if day is None or day.isoweekday() != isoweekday:
                continue
            if direction is Direction.FUTURE:
                allowed.append(
                    Interval(day - timedelta(days=6), day + timedelta(days=1), Granularity.WEEK)
                )
            elif direction is Direction.PAST:
                allowed.append(Interval(day, day + timedelta(days=7), Granularity.WEEK))
            else:
                allowed.append(
                    Interval(day - timedelta(days=6), day + timedelta(days=7), Granularity.WEEK)
                )
        if allowed:
            years = ", ".join(str(i.end.year) for i in allowed if 1990 <= i.end.year <= 2040)
            yield Constraint(
                Evidence(
                    "weekday-coincidence",
                    f"{holiday.text} … {weekday.text}",
                    f"{holiday.text} falls on a {weekday.text} in {years or 'few years'};"
                    f" published within a week of it",
                ),
                within(tuple(allowed), COINCIDENCE),
                hard=True,
                focus=tuple(allowed),
            )


_DATELINE_YEARS = range(1900, 2101)


def _yearless_dateline(mentions: Sequence[Mention], text: str) -> Iterable[Constraint]:
    """ "NICOSIA, August 8 (Xinhua) -- The Cypriot government Saturday condemned…"

    A wire dateline without its year gives the day and month of publication, and the
    weekday its lead sentence names is, in wire style, the dateline's own day: together
    they leave the few years in which that day fell on that weekday.
    """
    dateline = next(
        (
            m
            for m in mentions
            if m.start <= _HEAD_CHARS and is_dateline(m, text) and m.spec.op == "fill"
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
    weekday = int(lead.spec.args[0]) if lead is not None else None
    days = [d for y in _DATELINE_YEARS if (d := _day_or_none(y, month, day_of_month))]
    if weekday is not None:
        matching = [d for d in days if d.isoweekday() == weekday]
        years = ", ".join(str(d.year) for d in matching if 1980 <= d.year <= 2040)
        assert lead is not None
        windows = tuple(Interval(d, d + _FILED_WITHIN, Granularity.DAY) for d in matching)
        yield Constraint(
            Evidence(
                "dateline-weekday",
                f"{dateline.text} … {lead.text}",
                f"{dateline.text} was a {lead.text} in {years or 'few years'}",
            ),
            within(windows, COINCIDENCE),
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
    )


# a wire story is filed on its dateline's day or, across time zones, the next
_FILED_WITHIN = timedelta(days=2)


_MONTH_DAY_RE = re.compile(r"^XXXX-(?P<m>\d\d)-(?P<d>\d\d)$")


def _day_or_none(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:  # 29 February
        return None


_YEARS_DURATION_RE = re.compile(r"^P(?P<y>\d+(?:\.\d+)?)Y(?:(?P<m>\d+)M)?$")


def _years_of(value: str) -> float | None:
    """Years in a TimeML duration of years (and months): P3Y -> 3, P3Y6M or P3.5Y -> 3.5."""
    m = _YEARS_DURATION_RE.match(value)
    if m is None:
        return None
    return float(m["y"]) + (int(m["m"]) / 12 if m["m"] else 0.0)


def _durations_since(
    mentions: Sequence[Mention], explicit: list[tuple[Mention, Interval]], text: str
) -> Iterable[Constraint]:
    """ "the three-and-a-half-year war" with the war's start year named elsewhere."""
    years = [
        i
        for m, i in explicit
        if i.granularity in (Granularity.YEAR, Granularity.MONTH, Granularity.DAY)
    ]
    if not years:
        return
    start = min(years, key=lambda i: i.start)
    for mention in mentions:
        if mention.type is not TimexType.DURATION or mention.spec.op != "dur":
            continue
        n = _years_of(mention.spec.args[0])
        if n is None:
            continue
        following = text[mention.end : mention.end + 20].casefold().split()
        if not following or following[0].strip(".,;") not in _YEAR_WORD_NOUNS:
            continue
        if n < 1:
            continue
        slack = 0 if n != int(n) else 183  # "three years" is rounded, "3.5 years" is not
        lo = start.start + timedelta(days=round(n * 365.25) - slack)
        hi = start.end + timedelta(days=round(n * 365.25) + slack)
        yield Constraint(
            Evidence(
                "duration-since",
                f"{mention.text} {following[0]} … {start.start.year}",
                f"about {n:g} years after {start.start.year}: {lo} to {hi}",
            ),
            within((Interval(lo, hi, Granularity.YEAR),), DURATION_SINCE),
            hard=True,
        )


def _search_range(
    mentions: Sequence[Mention], hints: Sequence[Interval]
) -> tuple[date, date] | None:
    intervals = [
        i
        for m in mentions
        if (i := _explicit_interval(m)) is not None and i.granularity.rank <= Granularity.YEAR.rank
    ]
    spans: list[tuple[date, date]] = []
    if hints:
        # other documents tell us where to look: search around them, not decades away
        spans.append(
            (
                min(h.start for h in hints) - timedelta(days=_HINT_PADDING_DAYS),
                max(h.end for h in hints) + timedelta(days=_HINT_PADDING_DAYS),
            )
        )
    if intervals:
        spans.append(
            (
                min(i.start for i in intervals),
                max(i.end for i in intervals) + timedelta(days=365 * 6),
            )
        )
    if not spans:
        return None
    lo = min(s for s, _ in spans)
    hi = max(e for _, e in spans)
    if hints and intervals and (hi - lo).days > 365 * _MAX_SEARCH_YEARS:
        # history named in passing ("since 1945") must not stretch a hinted search
        lo = max(lo, spans[0][0] - timedelta(days=365 * _MAX_SEARCH_YEARS // 2))
    return max(date(1900, 1, 1), lo), min(date(2100, 1, 1), hi)


def _score(constraints: Sequence[Constraint], day: date) -> float:
    return sum(c.score(day) for c in constraints)


def _months(lo: date, hi: date) -> Iterable[date]:
    y, m = lo.year, lo.month
    while date(y, m, 15) < hi:
        yield date(y, m, 15)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def estimate_from_content(
    analysis: TextAnalysis,
    extra: Sequence[Constraint] = (),
    hints: Sequence[Interval] = (),
    provenance: Provenance = Provenance.CONTENT,
) -> PublicationDate | None:
    """The best publication-date estimate the expressions support, or None without any
    explicit date to place the text in time.

    ``extra`` are constraints from other documents (``timeline.dating.corpus``) and
    ``hints`` the intervals they point at, which bound the search when the text itself
    names no year.
    """
    constraints = [*_constraints(analysis), *extra]
    bounds = _search_range(analysis.mentions, [*hints, *(i for c in constraints for i in c.span)])
    if bounds is None:
        return None
    coarse = sorted(((_score(constraints, d), d) for d in _months(*bounds)), reverse=True)
    if not coarse:
        return None
    best_coarse = coarse[0][0]
    months = [d for s, d in coarse if s >= best_coarse - MARGIN - 1.0][:_REFINED_MONTHS]
    # narrow windows (a sister story's week, a holiday's) fall between the monthly samples
    narrow = [*hints, *(f for c in constraints for f in c.focus)]
    narrow = [h for h in narrow if h.days <= 62 and bounds[0] <= h.start < bounds[1]]
    months += [h.start.replace(day=15) for h in narrow]
    months += [(h.end - timedelta(days=1)).replace(day=15) for h in narrow]
    days: dict[date, float] = {}
    for centre in months:
        first = centre.replace(day=1) - timedelta(days=7)
        for k in range(31 + 14):
            day = first + timedelta(days=k)
            if day not in days:
                days[day] = _score(constraints, day)
    best = max(days.values())
    good = sorted(d for d, s in days.items() if s >= best - MARGIN)
    top = [d for d in good if days[d] == best]
    point = top[(len(top) - 1) // 2]
    # the reported interval is the hull of the cluster of good days around the point
    # (good days separated by less than CLUSTER_GAP belong together: weekday references
    # make scores oscillate day to day, which must not split an otherwise solid stretch)
    lo = hi = point
    for day in reversed([d for d in good if d < point]):
        if (lo - day).days > CLUSTER_GAP:
            break
        lo = day
    for day in (d for d in good if d > point):
        if (day - hi).days > CLUSTER_GAP:
            break
        hi = day
    years = _credible_years(coarse, days, point.year)
    if years[0] < lo.year or years[1] > hi.year:
        # the evidence does not settle the year: say so rather than guess one
        lo = min(lo, date(years[0], 1, 1))
        hi = max(hi, date(years[1], 12, 31))
    interval = Interval(lo, hi + timedelta(days=1), _granularity_of(lo, hi))
    used = tuple(c.evidence for c in constraints if c.hard and c.score(point) >= c.shown_from)
    soft = tuple(c.evidence for c in constraints if not c.hard)
    return PublicationDate(interval, point, _confidence(interval), provenance, used + soft)


def _credible_years(
    coarse: Sequence[tuple[float, date]], days: dict[date, float], point_year: int
) -> tuple[int, int]:
    """The run of years around the point's that holds ``CREDIBLE`` of the probability.

    Scores are log-likelihoods; each year weighs ``exp`` of the best score it reaches
    (a profile likelihood: a week-wide window that fits, like a holiday falling on the
    weekday the text says, makes its year as likely as a whole year that fits).  The run
    grows a year at a time, towards the likelier side, and stops at years too unlikely
    to matter (``VALLEY``): a far-off second guess ("the 1961 Bay of Pigs" taken for the
    latest news) is not bridged by decades of years nobody believes in.
    """
    best_of: dict[int, float] = {}
    for score, day in [*coarse, *((s, d) for d, s in days.items())]:
        best_of[day.year] = max(best_of.get(day.year, -math.inf), score)
    top = max(best_of.values())
    mass = {year: math.exp(score - top) for year, score in best_of.items()}
    total = sum(mass.values())
    lo = hi = point_year
    held = mass.get(point_year, 0.0)
    while held < CREDIBLE * total:
        below, above = mass.get(lo - 1, 0.0), mass.get(hi + 1, 0.0)
        if max(below, above) < VALLEY * total:
            break
        if below >= above:
            lo -= 1
            held += below
        else:
            hi += 1
            held += above
    return lo, hi


def _granularity_of(lo: date, hi: date) -> Granularity:
    """The granularity whose period around the point covers ``lo..hi`` (inclusive)."""
    width = (hi - lo).days + 1
    if width <= 1:
        return Granularity.DAY
    if width <= 7:
        return Granularity.WEEK
    if (lo.year, lo.month) == (hi.year, hi.month):
        return Granularity.MONTH
    if lo.year == hi.year:
        return Granularity.YEAR
    if lo.year // 10 == hi.year // 10:
        return Granularity.DECADE
    return Granularity.CENTURY


def _confidence(interval: Interval) -> float:
    return round(max(0.05, min(0.9, 0.9 - 0.12 * math.log2(max(1, interval.days)))), 3)
