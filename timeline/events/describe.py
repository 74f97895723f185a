"""How a timeline entry presents its events: title, text, entities, and its time.

An entry gathers every report of one happening, and the reports rarely agree on the time
to the same precision ("on Friday" vs "last month").  The entry takes the **most precise
consistent** time: the narrowest report interval that lies within every other report's
interval.  Reports that do not fit (two different days) are **conflicts**: the entry
keeps the most precise time most reports support and lists the others, so that a reader
sees the disagreement instead of a silently picked date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from timeline.events.honest_time import honest
from timeline.events.merge import contains
from timeline.events.triggers import lexicon_entry
from timeline.model import Anchoring, Event, EventKind, Interval

_TITLE_PARTICIPANTS = 3
# how much a way of knowing the time counts when reports disagree
_ANCHORING_WEIGHT = {Anchoring.TIMEX: 3, Anchoring.INHERITED: 2, Anchoring.PUBLICATION: 1}


@dataclass(frozen=True, slots=True)
class EntryDescription:
    interval: Interval
    value: str
    title: str
    text: str
    entities: tuple[str, ...]
    conflicts: tuple[str, ...] = ()  # TimeML values of reports inconsistent with ``value``


def _support(candidate: Event, reports: Sequence[Event]) -> int:
    """How many reports (weighted by how they know the time) agree with ``candidate``."""
    assert candidate.interval is not None
    return sum(
        _ANCHORING_WEIGHT[r.anchoring]
        for r in reports
        if r.interval is not None and contains(r.interval, candidate.interval)
    )


def entry_time(reports: Sequence[Event]) -> tuple[Event, tuple[str, ...]]:
    """The report whose time the entry shows, and the values that conflict with it.

    Among the reports, the one with the narrowest interval contained in every other's
    wins; if none is (the reports disagree), the narrowest interval supported by the most
    weighted reports wins, ties going to the earlier report.
    """
    anchored = [r for r in reports if r.interval is not None and r.value is not None]
    if not anchored:
        raise ValueError("only anchored events become timeline entries")
    order = {id(r): k for k, r in enumerate(anchored)}

    def narrowness(r: Event) -> tuple[int, int]:
        assert r.interval is not None
        return (r.interval.days, order[id(r)])

    consistent = [
        r
        for r in anchored
        if all(contains(o.interval, r.interval) for o in anchored if o.interval and r.interval)
    ]
    if consistent:
        return min(consistent, key=narrowness), ()
    best = min(anchored, key=lambda r: (-_support(r, anchored), *narrowness(r)))
    assert best.interval is not None
    conflicts = []
    for r in anchored:
        assert r.interval is not None and r.value is not None
        agrees = contains(r.interval, best.interval) or contains(best.interval, r.interval)
        if not agrees and r.value not in conflicts:
            conflicts.append(r.value)
    return best, tuple(conflicts)


def describe(event: Event, reports: Sequence[Event] = ()) -> EntryDescription:
    """Describe a timeline entry from its first event and, optionally, all its reports.

    The title names who took part and what happened ("Vladimir Putin, Robert Fico:
    meeting") so that a list of entries reads as a timeline; the text is the first
    event's sentence.  With ``reports`` (every event of the entry, the first included or
    not), the time is the most precise consistent one (``entry_time``), conflicting
    values are listed in ``conflicts`` and named in the text, and the entities are the
    union of all participants.
    """
    if event.interval is None or event.value is None:
        raise ValueError("only anchored events become timeline entries")
    everyone = [event, *[r for r in reports if r is not event]]
    timed, conflicts = entry_time(everyone) if reports else (event, ())
    assert timed.interval is not None and timed.value is not None
    entities: list[str] = []
    for report in everyone:
        for name in report.participants:
            if name.casefold() not in {e.casefold() for e in entities}:
                entities.append(name)
    who = ", ".join(event.participants[:_TITLE_PARTICIPANTS])
    what = _what(event)
    title = f"{who}: {what}" if who else what
    text = event.sentence.strip()
    if conflicts:
        text += f" [other reports date it {', '.join(conflicts)}]"
    interval, value = honest(timed.interval)
    return EntryDescription(
        interval=interval,
        value=value,
        title=title,
        text=text,
        entities=tuple(entities),
        conflicts=conflicts,
    )


def _what(event: Event) -> str:
    """The happening a title names: its trigger, except for a speaker's remarks reported
    with a verb ("commented", "insisted", "speaking to reporters"), which are "remarks": a
    title is never a bare reporting verb.  Remarks named by a noun keep it ("briefing")."""
    if event.kind is not EventKind.REMARKS:
        return event.trigger
    entry = lexicon_entry(event.trigger)
    noun = entry[3] == "NOUN" if entry is not None else event.trigger.endswith(_NOUN_ENDINGS)
    return event.trigger if noun else "remarks"


_NOUN_ENDINGS = ("ing", "tion", "ment", "ence", "ance")
