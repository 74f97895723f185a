"""What a worker does with one job: claim it, run the pipeline, record the outcome.

A job stores a posted document (``ingest_documents``), or acts on a stored one
(``Action``): pins its publication date (``pin_publication_date``) or deletes it, the
writes of ``PATCH`` and ``DELETE /documents/<id>`` that re-date stored documents and so
must not run in the API's request workers either.

The outcome decides what happens next, by the kind of failure:

* the database was unavailable (down, unreachable, locked, a lock wait timed out): the
  same document will store fine later, so the job goes back to ``queued`` with the reason
  and is retried after an exponential backoff (``QueueSettings.backoff``), until
  ``max_attempts``;
* anything else (the pipeline failed on this text): retrying would fail the same way, so
  the job is ``failed`` at once with its reason; submitting the text again retries it.

A job is idempotent: the pipeline stores a text once (content hash), and a job that is done
or failed is not run again when its message comes twice (``Jobs.claim``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from timeline.jobs.settings import QueueSettings
from timeline.model import Document
from timeline.pipeline import (
    Settled,
    analyse_corpus,
    delete_document,
    ingest_documents,
    pin_publication_date,
    settle_unsettled,
)
from timeline.store import Store
from timeline.store.errors import DATABASE_ERRORS, UNAVAILABLE_ERRORS, database_message
from timeline.store.jobs import Action, ActionKind, Job, JobState

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    """Where a run left its job, and in how many seconds to retry it (None: never)."""

    state: JobState
    retry_in: float | None = None


# Read once by ``warm_up``: dated, with a participant and a happening, so that the tagger's
# grammar, the dating signals, the name finder and the event trigger model all load.
_WARM_UP = Document(
    name="warm-up",
    text="On Monday, June 2, 2025, the president met the prime minister in Geneva. "
    "Officials said the talks would resume next week.",
    metadata={"published": "2025-06-03"},
)


def warm_up() -> None:
    """Load what the pipeline loads lazily (grammars, models, tables) by analysing one
    short text, storing nothing: a worker does it before forking its pool, so every pool
    process starts warm and shares those tables with the others."""
    analyse_corpus([_WARM_UP])


def reason_of(error: BaseException) -> str:
    """A failure as one line: the exception's type and first line (a database error's
    driver message, without SQLAlchemy's SQL and link)."""
    message = database_message(error) if isinstance(error, DATABASE_ERRORS) else str(error)
    first = message.splitlines()[0] if message else ""
    return f"{type(error).__name__}: {first}" if first else type(error).__name__


def run_job(store: Store, job_id: int, settings: QueueSettings, worker: str) -> Outcome | None:
    """Run job ``job_id`` on ``store``; None when there was nothing to run (see
    ``Jobs.claim``).  Errors of the jobs table itself (the database is down before the
    job could even be claimed) propagate: the caller retries the message."""
    claimed = store.jobs.claim(job_id, worker, settings.max_attempts)
    if claimed is None:
        return None
    job, work = claimed
    if isinstance(work, Action):
        return _run_action(store, job, work, settings)
    try:
        results = ingest_documents(store, [work], settle=False)  # (``settle_job`` next)
    except UNAVAILABLE_ERRORS as error:
        return _unavailable(store, job, error, settings)
    except Exception as error:
        log.exception("job %s (%s) failed", job.id, job.name)
        store.jobs.fail(job.id, reason_of(error))
        return Outcome(JobState.FAILED)
    (result,) = results
    store.jobs.finish(job.id, result.document_id, result.created)
    return Outcome(JobState.DONE)


def settle_job(store: Store) -> Settled:
    """The settle job (``pipeline.settle_unsettled``): what a worker runs for a
    ``timeline.settle`` message, after the documents it settles were stored by their jobs."""
    settled = settle_unsettled(store)
    if settled.documents:
        log.info(
            "settled %d document(s), re-dated %d", len(settled.documents), len(settled.redated)
        )
    return settled


def _run_action(store: Store, job: Job, action: Action, settings: QueueSettings) -> Outcome:
    """Pin a stored document's date or delete it (what ``PATCH`` and ``DELETE
    /documents/<id>`` do in process), with the same outcomes as an ingest: a database
    that is unavailable retries, a document that is gone fails with that reason."""
    later = store.jobs.later_pin(job)
    if later is not None:
        store.jobs.finish(job.id, action.document_id, None, f"superseded by job {later}")
        return Outcome(JobState.DONE)
    try:
        if action.kind is ActionKind.PIN:
            assert action.published is not None
            pin_publication_date(store, action.document_id, action.published)
        elif action.kind is ActionKind.DELETE:
            # gone already: done all the same; the settle job follows (``celery_app``)
            delete_document(store, action.document_id, settle=False)
    except UNAVAILABLE_ERRORS as error:
        return _unavailable(store, job, error, settings)
    except KeyError:
        store.jobs.fail(job.id, f"there is no document with id {action.document_id}")
        return Outcome(JobState.FAILED)
    except Exception as error:
        log.exception("job %s (%s) failed", job.id, job.name)
        store.jobs.fail(job.id, reason_of(error))
        return Outcome(JobState.FAILED)
    store.jobs.finish(job.id, action.document_id, None)
    return Outcome(JobState.DONE)


def _unavailable(store: Store, job: Job, error: BaseException, settings: QueueSettings) -> Outcome:
    """The database was unavailable: retried after a backoff, failed after the last
    attempt."""
    reason = f"attempt {job.attempts}: {reason_of(error)}"
    if job.attempts >= settings.max_attempts:
        store.jobs.fail(job.id, f"gave up after {job.attempts} attempts; {reason}")
        return Outcome(JobState.FAILED)
    delay = settings.backoff(job.attempts)
    store.jobs.retry_later(job.id, f"{reason}; retrying in {delay:g} s")
    return Outcome(JobState.QUEUED, retry_in=delay)
