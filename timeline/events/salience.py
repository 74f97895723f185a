"""How much a reader wants an entry: a score in [0, 1] from named components.

An editor keeps the happenings several outlets reported, of a kind that makes news
(a summit, an invasion, a ruling, a launch), with people, organisations and places
named, on a date known precisely, and with something said at them; a passing mention
of a generic verb dated "some time this year" is what they drop.  ``COMPONENTS`` are
those five signals, each in [0, 1] with its weight; the score is their weighted sum.
``SALIENT`` is the threshold ``timeline dump`` and the page use by default.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from timeline.events.honest_time import honest
from timeline.events.merge import event_family
from timeline.model import Event, EventKind, Granularity, ParticipantType

__all__ = ["COMPONENTS", "SALIENT", "Component", "expression_precision", "salience"]

SALIENT = 0.5

# families (``merge.event_family``) of happenings that make news on their own
_NEWS_FAMILIES = frozenset(
    {
        "meet",
        "invade",
        "attack",
        "elect",
        "sign",
        "agree",
        "sue",
        "die",
        "resign",
        "release",
        "announce",
        "buy",
        "sell",
        "found",
        "fire",
        "parade",
        "arrive",
        "impose",
        "communicate",
        "conferenc",
        "conference",
        "interview",
        "ceremony",
        "lose",
        "win",
        "rule",
        "vote",
        "kill",
        "launch",
        "file",
    }
)
_PRECISION = {
    Granularity.DAY: 1.0,
    Granularity.WEEK: 0.8,
    Granularity.MONTH: 0.6,
    Granularity.QUARTER: 0.4,
    Granularity.SEASON: 0.4,
    Granularity.YEAR: 0.3,
    Granularity.DECADE: 0.05,
    Granularity.CENTURY: 0.0,
}


# the own precision of the expression that dated each event (``expression_precision``),
# aligned with the events; None (or a shorter sequence) where unknown
Precisions = Sequence[Granularity | None]


@dataclass(frozen=True, slots=True)
class Component:
    name: str
    weight: float
    value: Callable[[Sequence[Event], int, Precisions], float]


def _sources(events: Sequence[Event], documents: int, precisions: Precisions) -> float:
    """Independent reports: one article 0, two 0.5, three or more 1."""
    return min(1.0, (documents - 1) / 2)


def _kind(events: Sequence[Event], documents: int, precisions: Precisions) -> float:
    """A happening of a newsworthy family 1, a speaker's remarks 0.6, anything else 0.3."""
    if all(e.kind is EventKind.REMARKS for e in events):
        return 0.6
    return 1.0 if any(event_family(e) in _NEWS_FAMILIES for e in events) else 0.3


def _participants(events: Sequence[Event], documents: int, precisions: Precisions) -> float:
    """Named participants: people and organisations count 1, places and others 0.5; two
    points make 1."""
    seen: dict[str, float] = {}
    for e in events:
        types = e.participant_types or ("other",) * len(e.participants)
        for name, kind in zip(e.participants, types, strict=False):
            weight = 1.0 if kind in (ParticipantType.PERSON, ParticipantType.ORGANISATION) else 0.5
            seen[name.casefold()] = max(seen.get(name.casefold(), 0.0), weight)
    return min(1.0, sum(seen.values()) / 2)


def _date(events: Sequence[Event], documents: int, precisions: Precisions) -> float:
    """The precision of the best date: a day 1, a month 0.6, a year 0.3; a range by its
    length (a week 0.7, a year 0.15).  An event dated by an expression of its own is as
    precise as that expression (``precisions``, aligned with ``events``: "on Sunday" is a
    day), even while the uncertain publication date it is relative to spreads its interval
    over two months: the report is precise, and pinning the date will show it."""
    best = 0.0
    for k, e in enumerate(events):
        if e.interval is None:
            continue
        g = e.interval.granularity
        if g is Granularity.RANGE:
            value = max(0.0, 0.8 * (1 - math.log(e.interval.days) / math.log(1000)))
        else:
            value = _PRECISION[g]
        own = precisions[k] if k < len(precisions) else None
        if own is not None and own in _PRECISION:
            value = max(value, _PRECISION[own])
        best = max(best, value)
    return best


def expression_precision(underspecified: str) -> Granularity | None:
    """The precision a relative expression has of its own, whatever the date it is
    relative to: its spec resolved against a known day (``timeline.temporal.spec``:
    "weekday 7" is a day, "shift month 0" a month).  None for an absolute expression (its
    interval already is its precision), durations, sets, vague references and specs that
    do not parse."""
    from timeline.temporal.resolve import Reference, resolve
    from timeline.temporal.spec import parse_spec

    try:
        spec = parse_spec(underspecified)
    except ValueError:
        return None
    if not spec.needs_reference:
        return None
    interval = resolve(spec, Reference.of(_KNOWN_DAY)).interval
    # "February or March" is a range of two months, not a month (``honest_time``)
    return honest(interval)[0].granularity if interval is not None else None


_KNOWN_DAY = date(2001, 6, 13)  # any day: a spec's precision does not depend on which


def _statements(events: Sequence[Event], documents: int, precisions: Precisions) -> float:
    """Something said at it: three statements or more 1."""
    return min(1.0, sum(len(e.statements) for e in events) / 3)


COMPONENTS: tuple[Component, ...] = (
    Component("independent_sources", 0.3, _sources),
    Component("kind_of_happening", 0.25, _kind),
    Component("date_precision", 0.2, _date),
    Component("named_participants", 0.15, _participants),
    Component("statements", 0.1, _statements),
)


def salience(events: Sequence[Event], documents: int, precisions: Precisions = ()) -> float:
    """The salience of an entry made of ``events`` reported by ``documents`` articles;
    ``precisions``: the own precision of the expression that dated each event
    (``expression_precision``; None or absent when unknown)."""
    if not events:
        return 0.0
    score = sum(c.weight * c.value(events, documents, precisions) for c in COMPONENTS)
    return round(min(1.0, score), 3)
