"""Decide whether two events, usually from different documents, report one happening.

Version 1 is deliberately conservative: same time interval, a shared participant and the
same trigger lemma (or two triggers from the same family, e.g. "met"/"meeting").  The store
only asks about events whose intervals are equal (its blocking key), so the cost grows with
the number of events in one time window, not with the square of the corpus.
"""

from __future__ import annotations

from timeline.events.lemmas import trigger_family
from timeline.model import Anchoring, Event


def blocking_key(event: Event) -> str | None:
    """Events can only merge when they share this key (their interval); None never merges."""
    if event.interval is None:
        return None
    return f"{event.interval.start.isoformat()}/{event.interval.end.isoformat()}"


def same_happening(a: Event, b: Event) -> bool:
    """True when ``a`` and ``b`` are two reports of one happening."""
    if blocking_key(a) is None or blocking_key(a) != blocking_key(b):
        return False
    if Anchoring.PUBLICATION in (a.anchoring, b.anchoring):
        # A reporting event ("X said") at the publication date is the article itself
        # speaking; two articles saying things on the same day are not one happening.
        return False
    if trigger_family(a.trigger) != trigger_family(b.trigger):
        return False
    shared = {p.casefold() for p in a.participants} & {p.casefold() for p in b.participants}
    return bool(shared)
