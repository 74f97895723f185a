"""Entry maintenance: merging a document's events into timeline entries, and keeping every
entry's description, entities and confidence those of its current events.

Invariants kept here, whatever the order of adds, re-analyses and deletes:

* every anchored event (``interval`` set) is attached to exactly one entry, and every entry
  has at least one event (entries that lose their last event are deleted);
* an entry's interval, value, title and text are ``describe()`` of its first event in
  canonical order (its document's content hash, then its position: ``regroup``), never
  of the first to arrive;
* after every write, the entries of the blocking keys it touched are what grouping all
  their events in canonical order gives (``timeline.store.regroup``): the timeline is a
  function of the stored documents, not of their order (#16.4);
* an entry's entities are the union of its events' participants (by ``entity_key``), in
  order of first appearance, each by its most capitalised spelling (``spelling``).

Every function works inside the caller's transaction (a ``Session``).  On PostgreSQL the
caller holds the advisory lock of every blocking key it touches (``lock_keys``, in sorted
order so two writers cannot deadlock) before merge candidates are read: two documents
reporting the same happening at the same time still end up in one entry, and a delete
cannot remove an entry that a concurrent add is joining.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import delete, insert, select, text
from sqlalchemy.orm import Session

from timeline.events.describe import describe
from timeline.events.merge import blocking_key, merge_signals
from timeline.events.salience import expression_precision, salience
from timeline.model import Anchoring, Event, EventKind, Granularity
from timeline.store.index import Candidate, MergeCandidates, index_document_names, merge_key
from timeline.store.keys import blocking_lock, entity_key
from timeline.store.rows import describe_into, event_columns, event_from_row
from timeline.store.tables import DocumentRow, EntryEntityRow, EntryRow, EventRow, ExpressionRow
from timeline.temporal.spec import parse_spec

# Keeps IN (...) lists well below SQLite's bound-parameter limit however many documents
# an entry has.
_IN_CHUNK = 500

# One event of an entry with its position in merge order: (document_id, ordinal, event).
Member = tuple[int, int, Event]


def event_keys(events: Iterable[Event]) -> set[str]:
    """The blocking keys of ``events`` (the entries their merge candidates are in)."""
    return {key for event in events if (key := blocking_key(event)) is not None}


def event_merge_keys(events: Iterable[Event]) -> set[str]:
    """The merge keys (``index.merge_key``) ``events`` are stored under: the partitions of
    the timeline a write of them touches (``regroup``)."""
    return {merge_key(key, event) for event in events if (key := blocking_key(event)) is not None}


def merge_keys_of_document(session: Session, document_id: int) -> set[str]:
    """The merge keys a stored document's events are under (before they are replaced)."""
    rows = session.scalars(
        select(EventRow.merge_key)
        .where(EventRow.document_id == document_id)
        .where(EventRow.merge_key.is_not(None))
        .distinct()
    )
    return {key for key in rows if key is not None}


def lock_keys(session: Session, keys: Iterable[str]) -> None:
    """Serialise PostgreSQL writers per blocking key (see module docstring)."""
    if session.get_bind().dialect.name != "postgresql":
        return  # SQLite writers are serialised by BEGIN IMMEDIATE.
    for lock in sorted({blocking_lock(key) for key in keys}):
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": lock})


def entries_of_document(session: Session, document_id: int) -> tuple[set[int], set[str]]:
    """The entries a document's events belong to, and their blocking keys."""
    rows = session.execute(
        select(EntryRow.id, EntryRow.blocking_key)
        .join(EventRow, EventRow.entry_id == EntryRow.id)
        .where(EventRow.document_id == document_id)
        .distinct()
    ).all()
    return {row.id for row in rows}, {row.blocking_key for row in rows}


def attach_events(
    session: Session,
    document_id: int,
    events: Sequence[Event],
    *,
    replacing: bool = False,
    full_names: Iterable[str] = (),
) -> set[int]:
    """Insert a document's events, merging each into an entry; returns touched entries.

    An event joins the oldest entry of its blocking key that has an event
    ``merge_signals`` says reports its happening; otherwise ``describe(event)`` starts a
    new entry.  Candidates are the stored events of its merge key with a compatible
    interval (``index.merge_candidates``: one index range, not every event of the year),
    then this document's own earlier events, so two mentions of one happening in one
    article share an entry too; entries are met in id order (the entries this document
    starts last), each entry's stored events before this document's.  The caller holds
    the key locks.

    ``replacing``: the document's previous events are still stored; they take part in
    matching (so re-analysis that keeps a happening keeps its entry and entry id) and
    are deleted before the new ones are inserted.
    """
    # this document's events so far, by the entry they joined; entries by blocking key
    mine: dict[EntryRow, list[Event]] = {}
    mine_by_key: dict[str, list[EntryRow]] = defaultdict(list)
    assigned: list[EntryRow | None] = []
    signals: list[list[str] | None] = []
    keys: list[str | None] = []
    by_coref: dict[int, EntryRow] = {}  # this document's happenings (event coreference)
    candidates = MergeCandidates(session)
    for event in events:
        key = blocking_key(event)
        entry: EntryRow | None = None
        why: list[str] | None = None
        if key is not None:
            if event.coref is not None and event.coref in by_coref:
                entry, why = by_coref[event.coref], ["same_document_coreference"]
            else:
                entry, why = _matching_entry(
                    session, candidates(key, event), event, mine, mine_by_key[key]
                )
            if entry is None:
                entry = EntryRow(blocking_key=key)
                describe_into(entry, describe(event))
                session.add(entry)
            if entry not in mine:
                mine[entry] = []
                mine_by_key[entry.blocking_key].append(entry)
            mine[entry].append(event)
            if event.coref is not None:
                by_coref.setdefault(event.coref, entry)
        assigned.append(entry)
        signals.append(why)
        keys.append(merge_key(entry.blocking_key, event) if entry is not None else None)

    session.flush()  # new entries get their ids
    members: dict[EntryRow, list[Member]] = {entry: [] for entry in mine}
    stored_ids = [entry.id for entry in mine]
    by_id = {entry.id: entry for entry in mine}
    for chunk in _chunks(stored_ids):
        rows = session.scalars(
            select(EventRow)
            .where(EventRow.entry_id.in_(chunk), EventRow.document_id != document_id)
            .order_by(EventRow.entry_id, EventRow.document_id, EventRow.ordinal)
        ).all()
        for row in rows:
            assert row.entry_id is not None  # selected by entry_id
            members[by_id[row.entry_id]].append((row.document_id, row.ordinal, event_from_row(row)))
    for ordinal, (event, entry) in enumerate(zip(events, assigned, strict=True)):
        if entry is not None:
            members[entry].append((document_id, ordinal, event))
    if replacing:
        session.execute(delete(EventRow).where(EventRow.document_id == document_id))
    if events:
        session.execute(
            insert(EventRow),
            [
                event_columns(document_id, ordinal, event, entry)
                | {"merge_signals": why, "merge_key": key}
                for ordinal, (event, entry, why, key) in enumerate(
                    zip(events, assigned, signals, keys, strict=True)
                )
            ],
        )
    index_document_names(session, document_id, events, full_names=full_names, replacing=replacing)
    present(session, members)
    return {entry.id for entry in mine}


def _matching_entry(
    session: Session,
    candidates: Sequence[Candidate],
    event: Event,
    mine: dict[EntryRow, list[Event]],
    mine_of_key: Sequence[EntryRow],
) -> tuple[EntryRow | None, list[str] | None]:
    """The oldest entry of ``event``'s blocking key with a report of its happening,
    and the merge signals (``merge.merge_signals``) that said so: the stored candidates
    (``index.merge_candidates``) and this document's events of the entries it touched."""
    stored: dict[int, list[Event]] = defaultdict(list)
    for entry_id, _, _, other in candidates:
        stored[entry_id].append(other)
    new = [entry for entry in mine_of_key if entry.id is None]
    touched = {entry.id: entry for entry in mine_of_key if entry.id is not None}
    for entry_id in sorted(stored.keys() | touched.keys()):
        entry = touched.get(entry_id)
        for other in stored.get(entry_id, ()):
            found = merge_signals(event, other)
            if found is not None:
                if entry is None:
                    entry = session.get(EntryRow, entry_id)
                    assert entry is not None  # an event points at it
                return entry, list(found)
        for other in mine.get(entry, ()) if entry is not None else ():
            found = merge_signals(event, other)
            if found is not None:
                return entry, list(found)
    for entry in new:
        for other in mine[entry]:
            found = merge_signals(event, other)
            if found is not None:
                return entry, list(found)
    return None, None


def refresh_entries(session: Session, entry_ids: Iterable[int]) -> None:
    """Re-derive entries from their events after some were removed; drop empty ones."""
    ids = sorted(set(entry_ids))
    if not ids:
        return
    event_rows = session.scalars(
        select(EventRow)
        .where(EventRow.entry_id.in_(ids))
        .order_by(EventRow.entry_id, EventRow.document_id, EventRow.ordinal)
    ).all()
    by_entry: dict[int, list[Member]] = defaultdict(list)
    for row in event_rows:
        assert row.entry_id is not None  # selected by entry_id
        by_entry[row.entry_id].append((row.document_id, row.ordinal, event_from_row(row)))
    orphans = [entry_id for entry_id in ids if entry_id not in by_entry]
    if orphans:
        session.execute(delete(EntryEntityRow).where(EntryEntityRow.entry_id.in_(orphans)))
        session.execute(delete(EntryRow).where(EntryRow.id.in_(orphans)))
    if by_entry:
        live = session.scalars(select(EntryRow).where(EntryRow.id.in_(list(by_entry))))
        present(session, {entry: by_entry[entry.id] for entry in live})


def present(session: Session, groups: dict[EntryRow, list[Member]]) -> None:
    """Make each entry's description, confidence and entities those of its current events.

    Description: ``describe`` of the first event in canonical order (content hash, then
    position).  Entities: union of the events' participants in that order.  Unchanged
    descriptions cause no UPDATE (the ORM only writes changed attributes); entity rows are
    rewritten for the given entries.
    """
    if not groups:
        return
    entity_rows: list[dict[str, Any]] = []
    anchors, hashes, precisions = _anchors(session, groups.values())
    for entry, group in groups.items():
        # canonical order (content hash, position), not ids: ids follow arrival (#16.4)
        group.sort(key=lambda member: (hashes.get(member[0], ""), member[1]))
        # the entry's time is the most precise one its reports agree on
        events = [m[2] for m in group]
        describe_into(entry, describe(_lead(events), events))
        entry.confidence = entry_confidence(anchors[(m[0], m[1])] for m in group)
        entry.kind = (
            EventKind.REMARKS.value
            if all(e.kind is EventKind.REMARKS for e in events)
            else EventKind.HAPPENING.value
        )
        own = [precisions.get((m[0], m[1])) for m in group]
        entry.salience = salience(events, len({m[0] for m in group}), own)
        seen: dict[str, dict[str, Any]] = {}
        spellings: dict[str, Counter[str]] = defaultdict(Counter)
        for _, _, event in group:
            types = event.participant_types or ("other",) * len(event.participants)
            for name, kind in zip(event.participants, types, strict=False):
                key = entity_key(name)
                if not key:
                    continue
                spellings[key][" ".join(name.split())] += 1
                if key not in seen:
                    words = key.split(" ")
                    seen[key] = {
                        "entry_id": entry.id,
                        "name_key": key,
                        "position": len(seen),
                        "first_word": words[0],
                        "last_word": words[-1],
                        "type": kind,
                    }
        for key, row in seen.items():
            entity_rows.append(row | {"name": spelling(spellings[key])})
    session.flush()
    session.execute(
        delete(EntryEntityRow).where(EntryEntityRow.entry_id.in_([entry.id for entry in groups]))
    )
    if entity_rows:
        session.execute(insert(EntryEntityRow), entity_rows)


def spelling(counts: Counter[str]) -> str:
    """The name an entity is shown by among the spellings its reports use: the most
    capitalised ("Putin" over "putin"), then the most used, then the first alphabetically:
    a rule, so that the first report to arrive does not decide it (#16.4)."""
    return min(counts, key=lambda name: (-_capitals(name), -counts[name], name))


def _capitals(name: str) -> int:
    return sum(word[:1].isupper() for word in name.split())


def _lead(events: Sequence[Event]) -> Event:
    """The event an entry is described by: its earliest happening (a speaker's remarks
    only when the entry is nothing else), so that "Putin, Fico: meeting" heads the
    entry its statements joined."""
    return next((e for e in events if e.kind is EventKind.HAPPENING), events[0])


def entry_confidence(anchors: Iterable[tuple[bool, float | None]]) -> float:
    """How sure an entry's time is, from ``(absolute, publication confidence)`` per event.

    An event anchored on an absolute expression ("August 15, 2025", "in 2024") has a time
    that does not depend on when its article was published: the entry is certain (1.0) as
    soon as one of its reports states its date that way.  Otherwise every report derives
    the time from its article's publication date, and the entry is only as sure as the
    least sure of those dates (an undated article counts 0.0).  Simple on purpose: it is
    a filter (``min_confidence``), not a probability.
    """
    lowest = 1.0
    seen = False
    for absolute, published in anchors:
        if absolute:
            return 1.0
        seen = True
        lowest = min(lowest, published if published is not None else 0.0)
    return lowest if seen else 0.0


def _is_absolute(underspecified: str) -> bool:
    try:
        return not parse_spec(underspecified).needs_reference
    except ValueError:
        return False


def _anchors(
    session: Session, groups: Iterable[list[Member]]
) -> tuple[
    dict[tuple[int, int], tuple[bool, float | None]],
    dict[int, str],
    dict[tuple[int, int], Granularity | None],
]:
    """``(absolute, publication confidence)`` of each member event, for
    ``entry_confidence``, each member document's content hash (the canonical order), and
    the own precision of the expression that dated each event (``salience``): two
    queries for all the entries being presented."""
    members = [member for group in groups for member in group]
    document_ids = sorted({member[0] for member in members})
    published: dict[int, float | None] = {}
    hashes: dict[int, str] = {}
    timex: dict[tuple[int, int], bool] = {}
    precision: dict[tuple[int, int], Granularity | None] = {}
    # an event dated through its statements' expression keeps its index too
    wanted = {
        (document_id, event.timex_index)
        for document_id, _, event in members
        if event.timex_index is not None
    }
    for chunk in _chunks(document_ids):
        rows = session.execute(
            select(
                DocumentRow.id, DocumentRow.published_confidence, DocumentRow.content_hash
            ).where(DocumentRow.id.in_(chunk))
        ).all()
        published.update((document_id, confidence) for document_id, confidence, _ in rows)
        hashes.update((document_id, content_hash) for document_id, _, content_hash in rows)
        if wanted:
            expressions = session.execute(
                select(
                    ExpressionRow.document_id,
                    ExpressionRow.ordinal,
                    ExpressionRow.underspecified,
                ).where(ExpressionRow.document_id.in_(chunk))
            ).all()
            for document_id, ordinal, underspecified in expressions:
                if (document_id, ordinal) in wanted:
                    timex[(document_id, ordinal)] = _is_absolute(underspecified)
                    precision[(document_id, ordinal)] = expression_precision(underspecified)
    anchors = {
        (document_id, ordinal): (
            event.anchoring is Anchoring.TIMEX
            and event.timex_index is not None
            and timex.get((document_id, event.timex_index), False),
            published.get(document_id),
        )
        for document_id, ordinal, event in members
    }
    precisions = {
        (document_id, ordinal): precision.get((document_id, event.timex_index))
        for document_id, ordinal, event in members
        if event.timex_index is not None
    }
    return anchors, hashes, precisions


def _chunks(items: Sequence[int]) -> Iterator[Sequence[int]]:
    for i in range(0, len(items), _IN_CHUNK):
        yield items[i : i + _IN_CHUNK]
