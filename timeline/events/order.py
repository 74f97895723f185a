"""Ordering: a total display order for timeline items and the relations evidence supports.

Two different questions, kept apart on purpose:

* **display order** (``display_key``, ``display_order``): every item gets a place, so a
  list can be printed.  Anchored items sort by interval start, then end (a day before
  the month that starts with it: the more precise first), then by the tie rules below;
  an unanchored item keeps its place in its document, right after the anchored item
  that precedes it in the text (or before the document's first anchored item).
* **relations** (``relation``, ``relations``): what the times actually say.  ``before``
  / ``after`` when the intervals do not overlap, ``includes`` / ``included`` when one
  contains the other, ``simultaneous`` when they are equal, and nothing when they
  overlap partially or either is unanchored: a display order is not evidence.

Tie rules, applied in this order after start and end: items from earlier documents
first (document id or name), then earlier in their document (character offset), then the
item's own key (e.g. an entry id), so the order is total and stable across runs.

All functions are pure: they take ``Placed`` items (anything with an interval or none,
a document and an offset) and return new lists.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from timeline.model import Interval

__all__ = [
    "Placed",
    "Relation",
    "display_key",
    "display_order",
    "group_simultaneous",
    "relation",
    "relations",
]


class Relation(StrEnum):
    BEFORE = "before"
    AFTER = "after"
    INCLUDES = "includes"
    INCLUDED = "included"  # the inverse of includes ("is included in")
    SIMULTANEOUS = "simultaneous"


@dataclass(frozen=True, slots=True)
class Placed:
    """An item to order: its interval (``None`` if unanchored) and where it was read."""

    key: Hashable  # identifies the item to the caller (entry id, event id, ...)
    interval: Interval | None
    document: str  # document id or name; the tie rule compares it as a string
    offset: int  # character offset in the document (text order)


def relation(a: Interval | None, b: Interval | None) -> Relation | None:
    """The relation interval arithmetic supports between ``a`` and ``b``, or None."""
    if a is None or b is None:
        return None
    if a == b or (a.start == b.start and a.end == b.end):
        return Relation.SIMULTANEOUS
    if a.end <= b.start:
        return Relation.BEFORE
    if b.end <= a.start:
        return Relation.AFTER
    if a.start <= b.start and b.end <= a.end:
        return Relation.INCLUDES
    if b.start <= a.start and a.end <= b.end:
        return Relation.INCLUDED
    return None  # partial overlap: neither order nor inclusion is known


def display_key(item: Placed) -> tuple[date, date, str, int, str]:
    """The sort key of an anchored item (raises for an unanchored one)."""
    if item.interval is None:
        raise ValueError("an unanchored item has no display key of its own")
    return (item.interval.start, item.interval.end, item.document, item.offset, repr(item.key))


def display_order(items: Sequence[Placed]) -> list[Placed]:
    """All items in display order (see the module docstring for the rules).

    Unanchored items follow the anchored item before them in their own document; those
    before any anchored item of their document come right before its first one; a
    document without any anchored item goes last, in text order.
    """
    anchored = sorted((i for i in items if i.interval is not None), key=display_key)
    floating: dict[str, list[Placed]] = {}
    for item in items:
        if item.interval is None:
            floating.setdefault(item.document, []).append(item)
    for group in floating.values():
        group.sort(key=lambda i: (i.offset, repr(i.key)))
    by_document: dict[str, list[Placed]] = {}
    for item in items:
        if item.interval is not None:
            by_document.setdefault(item.document, []).append(item)
    # each floating item attaches after the anchored item preceding it in the text
    after: dict[int, list[Placed]] = {}  # id(anchored item) -> floating items
    before_first: dict[int, list[Placed]] = {}
    orphans: list[Placed] = []
    for document, group in floating.items():
        own = sorted(by_document.get(document, []), key=lambda i: (i.offset, repr(i.key)))
        if not own:
            orphans.extend(group)
            continue
        for item in group:
            preceding = [a for a in own if a.offset <= item.offset]
            if preceding:
                after.setdefault(id(preceding[-1]), []).append(item)
            else:
                before_first.setdefault(id(own[0]), []).append(item)
    out: list[Placed] = []
    for item in anchored:
        out.extend(before_first.get(id(item), ()))
        out.append(item)
        out.extend(after.get(id(item), ()))
    out.extend(sorted(orphans, key=lambda i: (i.document, i.offset, repr(i.key))))
    return out


def relations(items: Sequence[Placed]) -> list[tuple[Hashable, Relation, Hashable]]:
    """Explicit relations between consecutive distinct times of the display order.

    Every pair would be quadratic and mostly implied; consecutive anchored items (in
    display order) carry the information a reader needs: each is ``before``,
    ``includes``/``included`` or ``simultaneous`` with the next, when the intervals say
    so.  Items with equal intervals are linked ``simultaneous`` to the first of them.
    """
    anchored = [i for i in display_order(items) if i.interval is not None]
    out: list[tuple[Hashable, Relation, Hashable]] = []
    for a, b in itertools.pairwise(anchored):
        found = relation(a.interval, b.interval)
        if found is not None:
            out.append((a.key, found, b.key))
    return out


def group_simultaneous(items: Sequence[Placed]) -> list[list[Placed]]:
    """Anchored items in display order, grouped by equal interval (one group per time)."""
    groups: list[list[Placed]] = []
    for item in display_order(items):
        if item.interval is None:
            continue
        if groups and groups[-1][0].interval == item.interval:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups
