"""How a timeline entry presents the event that created it: title, text and entities."""

from __future__ import annotations

from dataclasses import dataclass

from timeline.model import Event, Interval

_TITLE_PARTICIPANTS = 3


@dataclass(frozen=True, slots=True)
class EntryDescription:
    interval: Interval
    value: str
    title: str
    text: str
    entities: tuple[str, ...]


def describe(event: Event) -> EntryDescription:
    """Describe a new timeline entry from its first event.

    The title names who took part and what happened ("Vladimir Putin, Robert Fico: meeting")
    so that a list of entries reads as a timeline; the text is the source sentence.
    """
    if event.interval is None or event.value is None:
        raise ValueError("only anchored events become timeline entries")
    who = ", ".join(event.participants[:_TITLE_PARTICIPANTS])
    title = f"{who}: {event.trigger}" if who else event.trigger
    return EntryDescription(
        interval=event.interval,
        value=event.value,
        title=title,
        text=event.sentence.strip(),
        entities=event.participants,
    )
