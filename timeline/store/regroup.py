"""Entries as a function of the stored events, whatever order they arrived in (#16.4).

``attach_events`` merges a document's events into the entries already there: the first
entry with a matching report wins, so what an event joins depends on what came before it
(reports A and B of one happening that do not match each other, both matching C, make one
entry when C comes first and two when it comes last).  After every write the entries the
write touched are therefore derived again from all the events they could hold (the
*partition* of its merge keys, see ``regroup``: the events of its families in that year,
not the whole year's), in a canonical order (``canonical_order``: the document's content
hash, then the event's position in it), by the same rule: an event joins the first entry holding a
report ``merge_signals`` matches (or its own document's mention of the same happening,
``same_document_coreference``), else it starts one.  The grouping, each event's merge
signals and each entry's description are then functions of the set of stored documents;
only database ids still tell the arrival order.

Entry ids are kept where they can be: a group takes the lowest id its events were in that
no earlier group took, so a write that changes nothing moves nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from timeline.events.describe import describe
from timeline.events.merge import event_family, merge_signals
from timeline.model import Event
from timeline.store.rows import describe_into, event_from_row
from timeline.store.tables import DocumentRow, EntryEntityRow, EntryRow, EventRow

__all__ = ["canonical_order", "regroup"]

# (content hash, ordinal): the order events are grouped in, the same for any arrival order
CanonicalKey = tuple[str, int]
_IN_CHUNK = 500  # ids per IN (...) list


def canonical_order(content_hash: str, ordinal: int) -> CanonicalKey:
    """Where an event stands when entries are derived: by its document's content, not its
    id (ids follow arrival)."""
    return (content_hash, ordinal)


@dataclass
class _Group:
    members: list[tuple[CanonicalKey, int, int, Event]] = field(default_factory=list)
    by_family: dict[str, list[Event]] = field(default_factory=lambda: defaultdict(list))


def regroup(session: Session, merge_keys: Iterable[str]) -> None:
    """Derive again, from all their events, the entries that the events of ``merge_keys``
    (``index.merge_key``: blocking key and event family) can be in (see the module
    docstring).  The caller holds the blocking keys' locks (``entries.lock_keys``).

    Only reports of one family match (``merge_signals``), and only a document's own
    coreferent mentions join events of two families, so the grouping of a blocking key
    falls apart into *partitions*: families linked by such mentions.  Deriving the
    partitions a write touched gives what deriving the whole blocking key gives, at the
    cost of those families' events instead of the whole year's."""
    from timeline.store.entries import present

    for families in _partitions(session, set(merge_keys)):
        rows = session.execute(
            select(EventRow, DocumentRow.content_hash)
            .join(DocumentRow, DocumentRow.id == EventRow.document_id)
            .where(EventRow.entry_id.is_not(None))
            .where(EventRow.merge_key.in_(sorted(families)))
        ).all()
        if not rows:
            continue
        key = next(iter(families)).split("|", 1)[0]
        ordered = sorted(rows, key=lambda r: canonical_order(r[1], r[0].ordinal))
        groups: list[_Group] = []
        signals: list[list[str] | None] = []
        of_row: list[int] = []
        coref: dict[tuple[int, int], int] = {}
        for row, content_hash in ordered:
            event = event_from_row(row)
            family = event_family(event)
            found: int | None = None
            why: list[str] | None = None
            if event.coref is not None and (row.document_id, event.coref) in coref:
                found, why = coref[(row.document_id, event.coref)], ["same_document_coreference"]
            else:
                found, why = _first_match(event, family, groups)
            if found is None:
                found = len(groups)
                groups.append(_Group())
            group = groups[found]
            group.members.append(
                (canonical_order(content_hash, row.ordinal), row.document_id, row.ordinal, event)
            )
            group.by_family[family].append(event)
            if event.coref is not None:
                coref.setdefault((row.document_id, event.coref), found)
            signals.append(why)
            of_row.append(found)
        entries, gone = _entry_rows(session, key, [row for row, _ in ordered], of_row, len(groups))
        for (row, _), found, why in zip(ordered, of_row, signals, strict=True):
            entry_id = entries[found].id
            if row.entry_id != entry_id or (row.merge_signals or None) != why:
                session.execute(
                    update(EventRow)
                    .where(EventRow.document_id == row.document_id)
                    .where(EventRow.ordinal == row.ordinal)
                    .values(entry_id=entry_id, merge_signals=why)
                )
        if gone:
            session.execute(delete(EntryEntityRow).where(EntryEntityRow.entry_id.in_(gone)))
            session.execute(delete(EntryRow).where(EntryRow.id.in_(gone)))
        present(
            session,
            {
                entries[k]: [(doc, ordinal, event) for _, doc, ordinal, event in group.members]
                for k, group in enumerate(groups)
            },
        )


def _first_match(
    event: Event, family: str, groups: list[_Group]
) -> tuple[int | None, list[str] | None]:
    """The first group with a report of ``event``'s happening, and the signals that said
    so (only reports of its family can match: ``merge_signals``)."""
    for k, group in enumerate(groups):
        for other in group.by_family.get(family, ()):
            found = merge_signals(event, other)
            if found is not None:
                return k, list(found)
    return None, None


def _entry_rows(
    session: Session, key: str, rows: list[EventRow], of_row: list[int], n: int
) -> tuple[list[EntryRow], list[int]]:
    """An entry row per group: the lowest id among its events' current entries that no
    earlier group took, else a new one; and the ids of the partition's other entries, to
    delete once no event is in them."""
    ids = sorted({row.entry_id for row in rows if row.entry_id is not None})
    current: dict[int, EntryRow] = {
        entry.id: entry
        for chunk in range(0, len(ids), _IN_CHUNK)
        for entry in session.scalars(
            select(EntryRow).where(EntryRow.id.in_(ids[chunk : chunk + _IN_CHUNK]))
        )
    }
    wanted: list[set[int]] = [set() for _ in range(n)]
    for row, found in zip(rows, of_row, strict=True):
        if row.entry_id is not None:
            wanted[found].add(row.entry_id)
    taken: set[int] = set()
    out: list[EntryRow] = []
    for k in range(n):
        free = sorted(i for i in wanted[k] if i not in taken and i in current)
        if free:
            taken.add(free[0])
            out.append(current[free[0]])
        else:
            entry = EntryRow(blocking_key=key)
            out.append(entry)
    first_events = {found: row for row, found in reversed(list(zip(rows, of_row, strict=True)))}
    for k, entry in enumerate(out):
        if entry.id is None:
            describe_into(entry, describe(event_from_row(first_events[k])))
            session.add(entry)
    session.flush()
    return out, sorted(i for i in current if i not in taken)


def _partitions(session: Session, merge_keys: set[str]) -> list[frozenset[str]]:
    """The merge keys of ``merge_keys``' partitions (see ``regroup``), each closed over the
    coreferent mentions that link a family to another of its blocking key, in a canonical
    order."""
    parent = {key: key for key in merge_keys}

    def find(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    frontier = set(merge_keys)
    while frontier:
        # the coreferent mentions of the frontier's events, and the merge keys they carry
        mentions = (
            select(EventRow.document_id, EventRow.coref)
            .where(EventRow.merge_key.in_(sorted(frontier)))
            .where(EventRow.coref.is_not(None))
            .where(EventRow.entry_id.is_not(None))
            .distinct()
            .subquery()
        )
        linked = session.execute(
            select(EventRow.document_id, EventRow.coref, EventRow.merge_key)
            .join(
                mentions,
                (EventRow.document_id == mentions.c.document_id)
                & (EventRow.coref == mentions.c.coref),
            )
            .where(EventRow.merge_key.is_not(None))
            .where(EventRow.entry_id.is_not(None))
        ).all()
        # a mention links families of one blocking key only (entries never span two)
        by_mention: dict[tuple[int, int | None, str], list[str]] = defaultdict(list)
        for document_id, coref, linked_key in linked:
            if linked_key is not None:
                by_mention[(document_id, coref, linked_key.split("|", 1)[0])].append(linked_key)
        frontier = set()
        for keys in by_mention.values():
            for key in keys:
                if key not in parent:
                    parent[key] = key
                    frontier.add(key)
            first = find(keys[0])
            for key in keys[1:]:
                root = find(key)
                if root != first:
                    parent[root] = first
    parts: dict[str, set[str]] = defaultdict(set)
    for key in parent:
        parts[find(key)].add(key)
    return sorted((frozenset(p) for p in parts.values()), key=lambda p: sorted(p))
