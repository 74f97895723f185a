"""The store's writes, and a unit of work that makes several of them one transaction.

``Store.add``, ``replace_analysis`` and ``delete`` are each one transaction.  A change
that is several writes (ingesting a batch and re-dating the stored documents it narrows;
pinning a date and re-resolving everything that leaned on the old one) runs them all in
one ``UnitOfWork``, which also reads what it has written so far: either all of it is
stored or, on any error, none of it.

Other writers wait while a unit of work runs, so a caller should prepare its writes
outside (reading from a snapshot) and open the unit with the revision it read
(``Store.unit_of_work(expected_revision=...)``): if anything was written since, the
unit raises ``StoreChanged`` before writing and the caller prepares again.  The pipeline
does so (``timeline.pipeline``): the write lock is then held for the writes only.

Concurrency: on SQLite every write transaction takes the database write lock up front
(``BEGIN IMMEDIATE``, see ``engine``), so writers are serialised.  On PostgreSQL
single-document writes hold the writer lock shared and serialise among themselves per
blocking key (``entries.lock_keys``); a unit of work, whose later writes depend on what
it read first, holds the writer lock exclusively, so no other write interleaves with it
(and none can take blocking keys in another order than it does).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from timeline.model import AnalysedDocument, Document, Event, TemporalExpression
from timeline.store.entries import (
    attach_events,
    entries_of_document,
    event_keys,
    event_merge_keys,
    lock_keys,
    merge_keys_of_document,
    refresh_entries,
)
from timeline.store.index import (
    FULL_NAMES_KEY,
    Neighbourhood,
    any_document,
    related_documents,
    stored_hashes,
)
from timeline.store.keys import WRITER_LOCK
from timeline.store.queries import revision_token
from timeline.store.regroup import regroup
from timeline.store.rows import (
    document_from_row,
    event_from_row,
    expression_columns,
    expression_from_row,
    published_columns,
    sentences_from_json,
    sentences_to_json,
)
from timeline.store.tables import (
    DocumentNameRow,
    DocumentRow,
    EventRow,
    ExpressionRow,
    StoreStateRow,
    UnsettledRow,
)
from timeline.store.unsettled import (
    clear_unsettled,
    mark_unsettled,
    set_aside,
    unsettled_ids,
    waiting_among,
)


class StoreChanged(Exception):
    """A unit of work was opened for a revision of the store that is no longer current."""


@dataclass(frozen=True)
class IngestResult:
    """Outcome of ``Store.add``."""

    document_id: int
    created: bool  # False when the same content hash was already stored (no-op)


@dataclass(frozen=True)
class DocumentRecord:
    """A stored document with what was derived from it."""

    analysed: AnalysedDocument  # document.id and document.published are set
    content_hash: str


class UnitOfWork:
    """Writes and reads of the store inside one open transaction (``Store.unit_of_work``).

    Reads see this transaction's own writes.  Nothing is visible to others, or kept,
    before the ``with`` block that opened it ends without an exception.
    """

    def __init__(self, session: Session) -> None:
        self._session = session
        self._touched: set[str] = set()  # merge keys whose entries to derive again

    def settle(self) -> None:
        """Derive the entries of every merge key written to again from all their events
        (``regroup``), so that they do not depend on the order of the writes.  The store
        calls it before committing a unit of work; calling it again does nothing new."""
        touched, self._touched = self._touched, set()
        regroup(self._session, touched)

    def add(self, analysed: AnalysedDocument, *, regroup: bool = True) -> IngestResult:
        """Store a document and its analysis, merging its events into the timeline.

        Re-adding the same content (same ``Document.content_hash``) is a no-op that
        returns the existing id with ``created=False``.  Without ``regroup`` the entries
        its events joined are not derived again when the unit ends (``settle``): the
        caller records the document as unsettled and the settle job does it
        (``regroup_documents``), so an ingest does not pay for re-deriving entries whose
        partitions grow with the store.
        """
        session = self._session
        document = analysed.document
        content_hash = document.content_hash
        existing = _id_by_hash(session, content_hash)
        if existing is not None:
            return IngestResult(existing, created=False)
        try:
            # a savepoint: losing the race below must not undo the rest of the unit
            with session.begin_nested():
                row = DocumentRow(
                    name=document.name,
                    url=document.url,
                    title=document.title,
                    text=document.text,
                    content_hash=content_hash,
                    metadata_=dict(document.metadata),
                    sentences=sentences_to_json(document.text, analysed.sentences),
                    language=document.language,
                    **published_columns(document.published),
                )
                session.add(row)
                session.flush()
                lock_keys(session, event_keys(analysed.events))
                _insert_expressions(session, row.id, analysed.expressions)
                attach_events(session, row.id, analysed.events, full_names=_full_names(analysed))
            if regroup:
                self._touched |= event_merge_keys(analysed.events)
        except IntegrityError:
            # A concurrent add of the same content won the unique content_hash race.
            existing = _id_by_hash(session, content_hash)
            if existing is None:
                raise
            return IngestResult(existing, created=False)
        _bump_revision(session)
        return IngestResult(row.id, created=True)

    def replace_analysis(self, document_id: int, analysed: AnalysedDocument) -> None:
        """Replace a document's publication date, expressions and events.

        Used after the publication date is pinned and everything is re-resolved: the new
        events are merged into the timeline as if freshly added (a happening that did not
        move stays in its entry, which keeps its id), entries that lost events are
        re-described, and entries left without events are deleted.  The text must be
        the same document (same content hash); it is stored again, together with the
        sentences, because the new offsets refer to it, and the metadata, which records what
        it was read with (limits, corpus names).  Name, title and URL are kept.  Raises
        ``KeyError`` for an unknown id and ``ValueError`` for other content.
        """
        session = self._session
        content_hash = analysed.document.content_hash
        row = session.get(DocumentRow, document_id, with_for_update=True)
        if row is None:
            raise KeyError(document_id)
        if row.content_hash != content_hash:
            raise ValueError(
                f"document {document_id} has other content: replace_analysis keeps the "
                "document and replaces only what was derived from it"
            )
        old_entries, old_keys = entries_of_document(session, document_id)
        lock_keys(session, old_keys | event_keys(analysed.events))
        self._touched |= merge_keys_of_document(session, document_id) | event_merge_keys(
            analysed.events
        )

        row.text = analysed.document.text
        row.metadata_ = dict(analysed.document.metadata)  # (what it was read with: limits, names)
        row.sentences = sentences_to_json(analysed.document.text, analysed.sentences)
        for column, value in published_columns(analysed.document.published).items():
            setattr(row, column, value)
        session.execute(delete(ExpressionRow).where(ExpressionRow.document_id == document_id))
        _insert_expressions(session, document_id, analysed.expressions)
        touched = attach_events(
            session,
            document_id,
            analysed.events,
            replacing=True,
            full_names=_full_names(analysed),
        )
        refresh_entries(session, old_entries - touched)
        _bump_revision(session)

    def delete(self, document_id: int) -> bool:
        """Delete a document with its expressions and events; False if there was none.

        Entries that lose all their events disappear; the others are re-described from
        their remaining events (entities and, if needed, title and text).
        """
        session = self._session
        row = session.get(DocumentRow, document_id, with_for_update=True)
        if row is None:
            return False
        old_entries, old_keys = entries_of_document(session, document_id)
        lock_keys(session, old_keys)
        self._touched |= merge_keys_of_document(session, document_id)
        # Explicit deletes rather than relying on ON DELETE CASCADE alone, so that a
        # connection without SQLite's foreign_keys pragma cannot leave orphans.
        session.execute(delete(EventRow).where(EventRow.document_id == document_id))
        session.execute(delete(ExpressionRow).where(ExpressionRow.document_id == document_id))
        session.execute(delete(DocumentNameRow).where(DocumentNameRow.document_id == document_id))
        session.execute(delete(UnsettledRow).where(UnsettledRow.document_id == document_id))
        session.execute(delete(DocumentRow).where(DocumentRow.id == document_id))
        refresh_entries(session, old_entries)
        _bump_revision(session)
        return True

    def regroup_documents(self, document_ids: Iterable[int]) -> None:
        """Derive again, when the unit ends, the entries the events of these stored
        documents are in (the partitions of their merge keys, ``regroup``): what an
        ``add`` without ``regroup`` left to the settle job."""
        for document_id in document_ids:
            self._touched |= merge_keys_of_document(self._session, document_id)

    def mark_unsettled(self, document_ids: Iterable[int]) -> None:
        """Record stored documents as unsettled: their components are to be re-dated by
        the settle job (``timeline.settling``).  Not a change a reader sees (no revision)."""
        mark_unsettled(self._session, document_ids)

    def unsettled(self, *, limit: int | None = None) -> list[int]:
        """``Store.unsettled``, as this transaction sees it."""
        return unsettled_ids(self._session, limit=limit)

    def unsettled_among(self, document_ids: Iterable[int]) -> set[int]:
        """``Store.unsettled_among``, as this transaction sees it."""
        return waiting_among(self._session, document_ids)

    def clear_unsettled(self, document_ids: Iterable[int]) -> None:
        """The documents are settled (by the writes of this unit of work)."""
        clear_unsettled(self._session, document_ids)

    def set_aside(self, document_id: int, reason: str) -> None:
        """The settle job cannot settle this document (``unsettled.set_aside``)."""
        set_aside(self._session, document_id, reason)

    def revision(self) -> str:
        """``Store.revision``, as this transaction sees it."""
        row = self._session.execute(
            select(StoreStateRow.epoch, StoreStateRow.revision).where(StoreStateRow.id == 1)
        ).first()
        return revision_token(row)

    def documents(self, *, limit: int | None = None, after: int | None = None) -> list[Document]:
        """``Store.documents``, as this transaction sees them."""
        return read_documents(self._session, limit=limit, after=after)

    def document(self, document_id: int) -> DocumentRecord | None:
        """``Store.document``, as this transaction sees it."""
        return read_document(self._session, document_id)

    def related(
        self, names: Iterable[str], *, fanout: int, exclude: Iterable[int] = ()
    ) -> Neighbourhood:
        """``Store.related``, as this transaction sees it."""
        return related_documents(self._session, names, fanout=fanout, exclude=exclude)

    def analysed(self, document_ids: Sequence[int]) -> list[AnalysedDocument]:
        """``Store.analysed``, as this transaction sees it."""
        return read_analysed(self._session, document_ids)

    def stored_hashes(self, hashes: Iterable[str]) -> set[str]:
        """``Store.stored_hashes``, as this transaction sees it."""
        return stored_hashes(self._session, hashes)

    def has_documents(self) -> bool:
        """``Store.has_documents``, as this transaction sees it."""
        return any_document(self._session)


def hold_writer_lock(session: Session, *, exclusive: bool) -> None:
    """Take the PostgreSQL writer lock for the transaction (see module docstring)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    function = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
    session.execute(text(f"SELECT {function}(:k)"), {"k": WRITER_LOCK})


def read_documents(
    session: Session, *, limit: int | None = None, after: int | None = None
) -> list[Document]:
    """Documents in id order after ``after`` (keyset paging), at most ``limit``."""
    stmt = select(DocumentRow).order_by(DocumentRow.id)
    if after is not None:
        stmt = stmt.where(DocumentRow.id > after)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [document_from_row(row) for row in session.scalars(stmt).all()]


def read_document(session: Session, document_id: int) -> DocumentRecord | None:
    """A stored document with its sentences, expressions and events, or None."""
    row = session.get(DocumentRow, document_id)
    if row is None:
        return None
    expressions = session.scalars(
        select(ExpressionRow)
        .where(ExpressionRow.document_id == document_id)
        .order_by(ExpressionRow.ordinal)
    ).all()
    events = session.scalars(
        select(EventRow).where(EventRow.document_id == document_id).order_by(EventRow.ordinal)
    ).all()
    analysed = AnalysedDocument(
        document=document_from_row(row),
        sentences=sentences_from_json(row.text, row.sentences),
        expressions=[expression_from_row(e) for e in expressions],
        events=[event_from_row(e) for e in events],
    )
    return DocumentRecord(analysed=analysed, content_hash=row.content_hash)


def read_analysed(session: Session, document_ids: Sequence[int]) -> list[AnalysedDocument]:
    """Stored documents with their analyses (``read_document``), in the order of
    ``document_ids`` (unknown ids left out), three queries per 500 documents."""
    out: dict[int, AnalysedDocument] = {}
    ids = sorted(set(document_ids))
    for i in range(0, len(ids), _IN_CHUNK):
        chunk = ids[i : i + _IN_CHUNK]
        rows = session.scalars(select(DocumentRow).where(DocumentRow.id.in_(chunk))).all()
        expressions: dict[int, list[TemporalExpression]] = {d: [] for d in chunk}
        for e in session.scalars(
            select(ExpressionRow)
            .where(ExpressionRow.document_id.in_(chunk))
            .order_by(ExpressionRow.document_id, ExpressionRow.ordinal)
        ):
            expressions[e.document_id].append(expression_from_row(e))
        events: dict[int, list[Event]] = {d: [] for d in chunk}
        for v in session.scalars(
            select(EventRow)
            .where(EventRow.document_id.in_(chunk))
            .order_by(EventRow.document_id, EventRow.ordinal)
        ):
            events[v.document_id].append(event_from_row(v))
        for row in rows:
            out[row.id] = AnalysedDocument(
                document=document_from_row(row),
                sentences=sentences_from_json(row.text, row.sentences),
                expressions=expressions[row.id],
                events=events[row.id],
            )
    return [out[d] for d in document_ids if d in out]


_IN_CHUNK = 500


def _insert_expressions(
    session: Session, document_id: int, expressions: Sequence[TemporalExpression]
) -> None:
    if expressions:
        session.execute(
            insert(ExpressionRow),
            [expression_columns(document_id, k, e) for k, e in enumerate(expressions)],
        )


def _id_by_hash(session: Session, content_hash: str) -> int | None:
    return session.scalar(select(DocumentRow.id).where(DocumentRow.content_hash == content_hash))


def _bump_revision(session: Session) -> None:
    """Count a write (see ``Store.revision``).  On PostgreSQL the row lock it takes is
    held until the commit; every key lock of the write is taken before it."""
    session.execute(
        update(StoreStateRow)
        .where(StoreStateRow.id == 1)
        .values(revision=StoreStateRow.revision + 1)
    )


def _full_names(analysed: AnalysedDocument) -> list[str]:
    """The full names the pipeline recorded for the document (``index.FULL_NAMES_KEY``)."""
    recorded = analysed.document.metadata.get(FULL_NAMES_KEY)
    return [str(n) for n in recorded] if isinstance(recorded, list) else []
