"""The candidate index: what a new document can touch, found by index lookups.

Ingest cost must not grow with the store.  Two questions used to scan it:

* **which stored events can a new event merge with?**  Every event of every entry of the
  new event's year was compared (``merge_signals``, recomputing both families each time).
  Yet an event only joins an entry through an event of its own family (the first thing
  ``merge.merge_signals`` checks) with a compatible time (one interval containing the
  other; overlapping, for two reports dated by their articles).  ``events.merge_key`` is
  ``<entry's blocking key>|<event family>``, indexed with the event's interval, so the
  candidates are one index range, narrowed by containment in SQL (``merge_candidates``):
  exactly the events the scan could have matched, in the order it met them.
* **which stored documents can a new one re-date?**  Every stored document was loaded and
  those sharing a multi-word participant name with the new ones kept
  (``pipeline._related``).  ``document_names`` indexes those names, so the same documents
  come from one query (``related_documents``), those sharing the most names first and at
  most ``fanout`` of them: a name every tenth article uses must not pull half the store into
  each ingest.  When the bound cuts, the caller says so in the new documents' evidence.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import and_, delete, func, insert, or_, select
from sqlalchemy.orm import Session

from timeline.events.merge import event_family
from timeline.model import Anchoring, Event, Provenance
from timeline.store.rows import event_from_row
from timeline.store.tables import DocumentNameRow, DocumentRow, EventRow

FANOUT_ENV = "TIMELINE_REDATE_FANOUT"
DEFAULT_FANOUT = 50  # stored documents one ingest call re-dates at most
_IN_CHUNK = 500


def redate_fanout() -> int:
    """How many stored documents one ingest call re-dates at most (``$TIMELINE_REDATE_FANOUT``)."""
    try:
        value = int(os.environ.get(FANOUT_ENV, ""))
    except ValueError:
        return DEFAULT_FANOUT
    return value if value > 0 else DEFAULT_FANOUT


def document_name_keys(participant_lists: Iterable[Iterable[str] | None]) -> set[str]:
    """The names a document is found by: its events' participants of two words or more,
    casefolded (single words, "Apple", "Monday", are too common to relate articles)."""
    return {p.casefold() for ps in participant_lists for p in ps or () if " " in p}


def merge_key(entry_key: str, event: Event) -> str:
    """The ``events.merge_key`` of ``event`` attached to an entry of ``entry_key``."""
    return f"{entry_key}|{event_family(event)}"


# document metadata: the full names its text uses by itself (``TextAnalysis.full_names``),
# recorded by the pipeline; the document is indexed under them too, so that the components
# of the corpus step (``timeline.pipeline.components``) are found through the index
FULL_NAMES_KEY = "full_names"


def index_document_names(
    session: Session,
    document_id: int,
    events: Sequence[Event],
    *,
    full_names: Iterable[str] = (),
    replacing: bool = False,
) -> None:
    """Index a document under its names (``document_name_keys``) and its ``full_names``."""
    if replacing:
        session.execute(delete(DocumentNameRow).where(DocumentNameRow.document_id == document_id))
    names = sorted(
        document_name_keys(e.participants for e in events) | document_name_keys([list(full_names)])
    )
    if names:
        session.execute(
            insert(DocumentNameRow), [{"name_key": n, "document_id": document_id} for n in names]
        )


# a stored merge candidate: (entry id, document id, ordinal, event)
Candidate = tuple[int, int, int, Event]


class MergeCandidates:
    """The stored events new events can merge with (see the module docstring), read once
    per merge key, interval and kind of anchoring while one document is attached (its
    mentions of a happening share them), as plain rows: no ORM state for events that are
    only compared."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._found: dict[tuple[str, object, object, bool], list[Candidate]] = {}

    def __call__(self, key: str, event: Event) -> list[Candidate]:
        """``(entry id, document id, ordinal, event)`` of the candidates of ``event`` (an
        event of blocking key ``key``), ordered by entry, then document and ordinal: the
        order in which a scan of the entries of the blocking key met them.  Containment is
        asked of the index; ``merge_signals`` decides."""
        interval = event.interval
        if interval is None:
            return []
        published = event.anchoring is Anchoring.PUBLICATION
        cache_key = (merge_key(key, event), interval.start, interval.end, published)
        found = self._found.get(cache_key)
        if found is None:
            found = self._found[cache_key] = self._read(cache_key[0], event, published)
        return found

    def _read(self, key: str, event: Event, published: bool) -> list[Candidate]:
        assert event.interval is not None
        start, end = event.interval.start, event.interval.end
        events = EventRow.__table__.c
        if published:
            # reports dated by their articles merge only with such reports, on overlapping days
            when = and_(
                events.anchoring == Anchoring.PUBLICATION.value,
                events.start < end,
                events.end > start,
            )
        else:
            when = and_(
                events.anchoring != Anchoring.PUBLICATION.value,
                or_(
                    and_(events.start <= start, events.end >= end),
                    and_(events.start >= start, events.end <= end),
                ),
            )
        rows = self._session.execute(
            select(EventRow.__table__)
            .where(events.merge_key == key, events.entry_id.is_not(None))
            .where(when)
            .order_by(events.entry_id, events.document_id, events.ordinal)
        ).all()
        return [
            (row.entry_id, row.document_id, row.ordinal, event_from_row(row))  # type: ignore[arg-type]
            for row in rows
        ]


def merge_candidates(session: Session, key: str, event: Event) -> list[Candidate]:
    """``MergeCandidates`` of one event (no cache kept)."""
    return MergeCandidates(session)(key, event)


@dataclass(frozen=True)
class Neighbourhood:
    """The stored documents related to some new ones: their ids (in id order), and how
    many related documents there were when the fan-out bound cut (else None)."""

    ids: list[int]
    cut_from: int | None = None
    # how many of them have a date re-dating may move (not pinned by a user, not from
    # metadata): with none, and new documents dated by metadata, nothing can move
    movable: int = 0


def related_documents(
    session: Session, names: Iterable[str], *, fanout: int, exclude: Iterable[int] = ()
) -> Neighbourhood:
    """Stored documents sharing one of ``names`` (``document_name_keys``): all of them
    when there are at most ``fanout``, else the ``fanout`` sharing the most names (the
    newest first among equals)."""
    wanted = sorted(set(names))
    if not wanted:
        return Neighbourhood([])
    excluded = set(exclude)
    shared: dict[int, int] = {}
    for i in range(0, len(wanted), _IN_CHUNK):
        rows = session.execute(
            select(DocumentNameRow.document_id, func.count())
            .where(DocumentNameRow.name_key.in_(wanted[i : i + _IN_CHUNK]))
            .group_by(DocumentNameRow.document_id)
        ).all()
        for document_id, count in rows:
            if document_id not in excluded:
                shared[document_id] = shared.get(document_id, 0) + count
    cut_from = None
    kept = sorted(shared)
    if len(shared) > fanout:
        kept = sorted(sorted(shared, key=lambda d: (-shared[d], -d))[:fanout])
        cut_from = len(shared)
    movable = 0
    for i in range(0, len(kept), _IN_CHUNK):
        movable += (
            session.scalar(
                select(func.count())
                .select_from(DocumentRow)
                .where(DocumentRow.id.in_(kept[i : i + _IN_CHUNK]))
                .where(
                    or_(
                        DocumentRow.published_provenance.is_(None),
                        DocumentRow.published_provenance.not_in(_KEPT),
                    )
                )
            )
            or 0
        )
    return Neighbourhood(kept, cut_from, movable)


# dates re-dating never moves (``timeline.pipeline``)
_KEPT = (Provenance.USER.value, Provenance.METADATA.value)


def stored_hashes(session: Session, hashes: Iterable[str]) -> set[str]:
    """Which of ``hashes`` are stored already."""
    wanted = sorted(set(hashes))
    found: set[str] = set()
    for i in range(0, len(wanted), _IN_CHUNK):
        found.update(
            session.scalars(
                select(DocumentRow.content_hash).where(
                    DocumentRow.content_hash.in_(wanted[i : i + _IN_CHUNK])
                )
            ).all()
        )
    return found


def any_document(session: Session) -> bool:
    """Whether the store holds a document."""
    return session.scalar(select(DocumentRow.id).limit(1)) is not None
