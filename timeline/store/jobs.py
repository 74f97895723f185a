"""The jobs table: documents waiting for a queue worker, and what became of them.

A server with workers (``timeline.jobs``) does not analyse what it is posted: it stores
the raw document here and publishes the job's id on the broker.  The worker that takes the
message *claims* the job (``running``, one more attempt), runs the pipeline and records the
outcome (``done`` with the document id, or ``failed`` with the reason); a transient
failure puts it back to ``queued`` with the reason until the retry.  Every state lives in
the database, not in the broker, so ``GET /jobs/<id>`` and ``timeline jobs`` answer
whatever happened to the broker or to the worker.

Jobs are keyed by content hash (``Document.content_hash``, as documents are): the same text
submitted twice is one job, and text already stored is a job that is done at once.  Job
writes never bump the store's revision: they change nothing a reader of the timeline sees.

Two other writes of the API re-date stored documents and so run as jobs too with workers
(``Action``): *pinning* a document's publication date (``PATCH /documents/<id>``) and
*deleting* a document.  Their key is the action and the document (``delete:<id>``: deleting
twice is one job; ``pin:<id>:<random>``: each pin its own job, the latest pin of a document
being the one that counts, see ``Jobs.later_pin``); their payload is the action, in the
``document`` column, with no text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any
from uuid import uuid4

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from timeline.model import Document
from timeline.store.tables import DocumentRow, JobRow


class JobState(StrEnum):
    """Where a job is: waiting (or waiting to be retried), taken by a worker, or over."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class ActionKind(StrEnum):
    """What a job does: store a posted document, or re-date through a stored one."""

    INGEST = "ingest"
    PIN = "pin"  # PATCH /documents/<id> {"published": ...}
    DELETE = "delete"  # DELETE /documents/<id>


@dataclass(frozen=True)
class Job:
    """One job as the API and the CLI show it (the raw document stays in the table)."""

    id: int
    state: JobState
    name: str
    content_hash: str
    document_id: int | None  # the stored document, once done
    created: bool | None  # False: the text was stored already (no new document)
    attempts: int  # times a worker started it (a lost worker's attempt counts)
    error: str | None  # the last failure's reason (kept while it is retried, and after)
    worker: str | None  # the worker that took it last (``host/pid``)
    submitted_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    action: ActionKind = ActionKind.INGEST


@dataclass(frozen=True)
class Action:
    """A job that acts on a stored document (``document_id``) rather than storing one:
    pin its publication date to ``published``, or delete it."""

    kind: ActionKind
    document_id: int
    published: date | None = None

    @property
    def name(self) -> str:
        if self.kind is ActionKind.PIN:
            return f"pin document {self.document_id} to {self.published}"
        return f"{self.kind.value} document {self.document_id}"

    def payload(self) -> dict[str, Any]:
        return {
            "action": self.kind.value,
            "name": self.name,
            "document_id": self.document_id,
            "published": None if self.published is None else self.published.isoformat(),
        }


@dataclass(frozen=True)
class Submitted:
    """``Jobs.submit``'s answer: the job, and whether the caller must publish it (a new
    job, or one that failed and is submitted again); False for a job already queued,
    running or done."""

    job: Job
    publish: bool


def _now() -> datetime:
    return datetime.now(UTC)


def _payload(document: Document) -> dict[str, Any]:
    return {
        "name": document.name,
        "title": document.title,
        "url": document.url,
        "metadata": dict(document.metadata),
    }


def action_of(row: JobRow) -> Action | None:
    """The action a job holds, or None for a document to store."""
    payload = row.document or {}
    kind = payload.get("action")
    if kind in (None, ActionKind.INGEST.value):
        return None
    published = payload.get("published")
    return Action(
        ActionKind(kind),
        int(payload["document_id"]),
        date.fromisoformat(published) if published else None,
    )


def document_of(row: JobRow) -> Document:
    """The raw document a job holds, as it was submitted."""
    payload = row.document
    return Document(
        name=payload["name"],
        text=row.text or "",
        title=payload.get("title"),
        url=payload.get("url"),
        metadata=dict(payload.get("metadata") or {}),
    )


def _job(row: JobRow) -> Job:
    return Job(
        id=row.id,
        state=JobState(row.state),
        name=row.name,
        content_hash=row.content_hash,
        document_id=row.document_id,
        created=row.created,
        attempts=row.attempts,
        error=row.error,
        worker=row.worker,
        submitted_at=_aware(row.submitted_at),
        started_at=_aware(row.started_at) if row.started_at else None,
        finished_at=_aware(row.finished_at) if row.finished_at else None,
        action=ActionKind((row.document or {}).get("action") or ActionKind.INGEST.value),
    )


def _aware(value: datetime) -> datetime:
    """SQLite gives timestamps back without their zone; they were written in UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


class Jobs:
    """The jobs of one store (``Store.jobs``): each method is one short transaction."""

    def __init__(self, write: sessionmaker[Session], read: sessionmaker[Session]) -> None:
        self._write = write
        self._read = read

    def submit(self, document: Document) -> Submitted:
        """The job for ``document``: a new one (``queued``), or the one its text already
        has.  A failed job, or a done one whose document was deleted since, is queued
        again with this submission's document.  Text stored before (ingested in process)
        is a job that is ``done`` at once, with ``created`` False."""
        content_hash = document.content_hash
        with self._write.begin() as session:
            row = self._by_hash(session, content_hash)
            if row is not None:
                resubmit = row.state == JobState.FAILED or (
                    row.state == JobState.DONE and not _stored(session, row.document_id)
                )
                if resubmit:
                    _requeue(row, document)
                    session.flush()
                return Submitted(_job(row), publish=resubmit)
            stored = session.scalar(
                select(DocumentRow.id).where(DocumentRow.content_hash == content_hash)
            )
            now = _now()
            row = JobRow(
                state=JobState.QUEUED if stored is None else JobState.DONE,
                content_hash=content_hash,
                name=document.name,
                document=_payload(document),
                text=document.text if stored is None else None,
                document_id=stored,
                created=None if stored is None else False,
                attempts=0,
                submitted_at=now,
                finished_at=None if stored is None else now,
            )
            # a concurrent submit of the same text may win
            return self._inserted(session, row, publish=stored is None)

    def submit_action(self, action: Action) -> Submitted:
        """The job for ``action`` (see the module docstring): a new one, or the one already
        waiting for the same action (``delete:<id>`` queued or running); a finished one is
        queued again (a document deleted, stored again under its old id, deleted again).
        A pin is always a new job, numbered after the others: which pin is the latest is
        the order of the jobs table, whatever order the workers run them in."""
        with self._write.begin() as session:
            key = f"{action.kind.value}:{action.document_id}"
            if action.kind is ActionKind.PIN:
                key = f"{key}:{uuid4().hex}"
            row = self._by_hash(session, key)
            if row is not None:
                if row.state in (JobState.QUEUED, JobState.RUNNING):
                    return Submitted(_job(row), publish=False)
                _requeue_action(row, action)
                session.flush()
                return Submitted(_job(row), publish=True)
            row = JobRow(
                state=JobState.QUEUED,
                content_hash=key,
                name=action.name,
                document=action.payload(),
                text=None,
                document_id=action.document_id,
                created=None,
                attempts=0,
                submitted_at=_now(),
            )
            # a concurrent delete of the same document may win
            return self._inserted(session, row, publish=True)

    def _inserted(self, session: Session, row: JobRow, *, publish: bool) -> Submitted:
        """``row`` added as a new job, or, when a concurrent submit of the same key won the
        race (the unique key), that job, not to be published again."""
        try:
            with session.begin_nested():
                session.add(row)
                session.flush()
        except IntegrityError:
            winner = self._by_hash(session, row.content_hash)
            if winner is None:
                raise
            return Submitted(_job(winner), publish=False)
        return Submitted(_job(row), publish=publish)

    def later_pin(self, job: Job) -> int | None:
        """The id of a pin of the same document submitted after ``job`` (a pin), if any:
        that one sets the date, so ``job`` has nothing left to do.  Pins of one document
        then end on the date of the latest request, as a client sending them one after the
        other expects, even when two workers take them out of order."""
        if job.action is not ActionKind.PIN or job.document_id is None:
            return None
        stmt = (
            select(JobRow.id)
            .where(JobRow.content_hash.like(f"{ActionKind.PIN.value}:{job.document_id}:%"))
            .where(JobRow.id > job.id)
            .order_by(JobRow.id.desc())
            .limit(1)
        )
        with self._read.begin() as session:
            return session.scalar(stmt)

    def claim(
        self, job_id: int, worker: str, max_attempts: int
    ) -> tuple[Job, Document | Action] | None:
        """Take a job to run it: ``running``, one more attempt, with its raw document.

        None when there is nothing to run: no such job, or it is done or failed already (a
        message delivered twice), or it has had ``max_attempts`` attempts (a document on
        which the worker keeps dying: it is failed with that reason).
        """
        with self._write.begin() as session:
            row = session.get(JobRow, job_id, with_for_update=True)
            if row is None or row.state in (JobState.DONE, JobState.FAILED):
                return None
            if row.attempts >= max_attempts:
                last = row.error or "the worker running it was lost"
                _finish(row, JobState.FAILED, f"gave up after {row.attempts} attempts: {last}")
                return None
            row.state = JobState.RUNNING
            row.attempts += 1
            row.worker = worker
            row.started_at = _now()
            session.flush()
            return _job(row), action_of(row) or document_of(row)

    def finish(
        self, job_id: int, document_id: int, created: bool | None, note: str | None = None
    ) -> Job | None:
        """The job is done: its document is stored as ``document_id`` (``created`` False
        when the text was there already; None for an action).  The raw text is dropped:
        the document has it.  ``note``: why a job that did nothing did nothing (in
        ``error``, the only free text a job has)."""
        with self._write.begin() as session:
            row = session.get(JobRow, job_id, with_for_update=True)
            if row is None:
                return None
            row.document_id = document_id
            row.created = created
            row.text = None
            _finish(row, JobState.DONE, note)
            return _job(row)

    def retry_later(self, job_id: int, reason: str) -> None:
        """Back to ``queued`` until a retry that is already scheduled, with the reason."""
        with self._write.begin() as session:
            row = session.get(JobRow, job_id, with_for_update=True)
            if row is not None and row.state != JobState.DONE:
                row.state = JobState.QUEUED
                row.error = reason

    def fail(self, job_id: int, reason: str) -> None:
        """The job failed for good (its reason kept); submitting the text again retries it."""
        with self._write.begin() as session:
            row = session.get(JobRow, job_id, with_for_update=True)
            if row is not None and row.state != JobState.DONE:
                _finish(row, JobState.FAILED, reason)

    def get(self, job_id: int) -> Job | None:
        with self._read.begin() as session:
            row = session.get(JobRow, job_id)
            return None if row is None else _job(row)

    def many(self, job_ids: Sequence[int]) -> dict[int, Job]:
        """The jobs of ``job_ids`` that exist, by id (in chunks: a batch may be large)."""
        found: dict[int, Job] = {}
        unique = sorted(set(job_ids))
        with self._read.begin() as session:
            for start in range(0, len(unique), 500):
                chunk = unique[start : start + 500]
                for row in session.scalars(select(JobRow).where(JobRow.id.in_(chunk))):
                    found[row.id] = _job(row)
        return found

    def latest(
        self, *, states: Sequence[JobState] = (), limit: int = 50, before: int | None = None
    ) -> list[Job]:
        """The latest jobs first (in ``states`` when given), ``limit`` of them, those with
        an id below ``before`` (the next page)."""
        stmt = select(JobRow).order_by(JobRow.id.desc()).limit(limit)
        if states:
            stmt = stmt.where(JobRow.state.in_([s.value for s in states]))
        if before is not None:
            stmt = stmt.where(JobRow.id < before)
        with self._read.begin() as session:
            return [_job(row) for row in session.scalars(stmt)]

    def counts(self) -> dict[JobState, int]:
        """How many jobs are in each state (``timeline jobs``'s summary, progress)."""
        stmt = select(JobRow.state, func.count()).group_by(JobRow.state)
        with self._read.begin() as session:
            found = {JobState(state): n for state, n in session.execute(stmt)}
        return {state: found.get(state, 0) for state in JobState}

    @staticmethod
    def _by_hash(session: Session, content_hash: str) -> JobRow | None:
        return session.scalar(
            select(JobRow).where(JobRow.content_hash == content_hash).with_for_update()
        )


def _stored(session: Session, document_id: int | None) -> bool:
    """Whether the document a done job stored is still there (not deleted since)."""
    if document_id is None:
        return False
    found = session.scalar(select(DocumentRow.id).where(DocumentRow.id == document_id))
    return found is not None


def _requeue(row: JobRow, document: Document) -> None:
    row.state = JobState.QUEUED
    row.name = document.name
    row.document = _payload(document)
    row.text = document.text
    row.document_id = None
    row.created = None
    row.attempts = 0
    row.error = None
    row.worker = None
    row.submitted_at = _now()
    row.started_at = None
    row.finished_at = None


def _requeue_action(row: JobRow, action: Action) -> None:
    row.state = JobState.QUEUED
    row.name = action.name
    row.document = action.payload()
    row.document_id = action.document_id
    row.created = None
    row.attempts = 0
    row.error = None
    row.worker = None
    row.submitted_at = _now()
    row.started_at = None
    row.finished_at = None


def _finish(row: JobRow, state: JobState, error: str | None) -> None:
    row.state = state
    row.error = error
    row.finished_at = _now()
