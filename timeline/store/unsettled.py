"""The documents whose neighbourhood is still to be settled (``tables.UnsettledRow``).

Ingest stores new documents at a cost that does not grow with the store: it does not
re-date the stored documents they are related to.  It records them here instead, in the
transaction that stores them, and the settle job (``timeline.settling``) re-dates their
components and deletes the rows in the transaction that writes the result, so a document
is unsettled until exactly the moment its component's settled dates are visible.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from timeline.store.tables import DocumentRow, UnsettledRow

_IN_CHUNK = 500


def mark_unsettled(session: Session, document_ids: Iterable[int]) -> None:
    """Record documents (those stored, not yet recorded) as unsettled; one set aside
    before (``set_aside``) waits again, since what it is settled with has changed."""
    wanted = sorted(set(document_ids))
    for i in range(0, len(wanted), _IN_CHUNK):
        chunk = wanted[i : i + _IN_CHUNK]
        stored = set(session.scalars(select(DocumentRow.id).where(DocumentRow.id.in_(chunk))))
        known = set(
            session.scalars(
                select(UnsettledRow.document_id).where(UnsettledRow.document_id.in_(chunk))
            )
        )
        new = [d for d in chunk if d in stored and d not in known]
        if new:
            session.execute(insert(UnsettledRow), [{"document_id": d} for d in new])
        if known:
            session.execute(
                update(UnsettledRow)
                .where(UnsettledRow.document_id.in_(sorted(known)), UnsettledRow.error.is_not(None))
                .values(error=None)
            )


def unsettled_ids(session: Session, *, limit: int | None = None) -> list[int]:
    """Unsettled documents, the longest waiting first (then by id), at most ``limit``;
    not those set aside (``set_aside``)."""
    stmt = (
        select(UnsettledRow.document_id)
        .where(UnsettledRow.error.is_(None))
        .order_by(UnsettledRow.queued_at, UnsettledRow.document_id)
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(session.scalars(stmt))


def waiting_among(session: Session, document_ids: Iterable[int]) -> set[int]:
    """Those of ``document_ids`` that wait to be settled (not settled, not set aside)."""
    wanted = sorted(set(document_ids))
    waiting: set[int] = set()
    for i in range(0, len(wanted), _IN_CHUNK):
        waiting |= set(
            session.scalars(
                select(UnsettledRow.document_id).where(
                    UnsettledRow.document_id.in_(wanted[i : i + _IN_CHUNK]),
                    UnsettledRow.error.is_(None),
                )
            )
        )
    return waiting


def clear_unsettled(session: Session, document_ids: Iterable[int]) -> None:
    """The documents are settled: forget them."""
    wanted = sorted(set(document_ids))
    for i in range(0, len(wanted), _IN_CHUNK):
        session.execute(
            delete(UnsettledRow).where(UnsettledRow.document_id.in_(wanted[i : i + _IN_CHUNK]))
        )


def count_unsettled(session: Session) -> int:
    """How many documents wait to be settled (not counting those set aside)."""
    waiting = select(func.count()).select_from(UnsettledRow).where(UnsettledRow.error.is_(None))
    return int(session.scalar(waiting) or 0)


def set_aside(session: Session, document_id: int, reason: str) -> None:
    """The settle job failed on this document alone: keep it out of the next runs, with
    the reason, until it is marked unsettled again (``mark_unsettled``)."""
    session.execute(
        update(UnsettledRow).where(UnsettledRow.document_id == document_id).values(error=reason)
    )


def set_aside_documents(session: Session) -> list[tuple[int, str]]:
    """The documents set aside, with their reasons, by id."""
    rows = session.execute(
        select(UnsettledRow.document_id, UnsettledRow.error)
        .where(UnsettledRow.error.is_not(None))
        .order_by(UnsettledRow.document_id)
    )
    return [(document_id, str(error)) for document_id, error in rows]
