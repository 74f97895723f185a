"""The Celery application both sides build from the same ``QueueSettings``: the producer
(API, ``timeline ingest``) publishes job ids with it, ``timeline worker`` runs its task.

Delivery is *at least once*, and the job makes it *done once*:

* ``task_acks_late``: a message is acknowledged when its job is over, not when a worker
  takes it, so a job whose worker dies is delivered again;
* ``task_reject_on_worker_lost``: when a pool process dies mid-job (killed, out of
  memory), the message goes back on the queue instead of being acknowledged as failed;
* ``worker_prefetch_multiplier = 1``: a worker process holds one message beyond the one it
  runs, so a dying worker strands few and a long job does not hold others back;
* no result backend: the job's state is in the database (``timeline.store.jobs``), which
  the API and the CLI read;
* JSON messages carrying only the job id (the raw document waits in the jobs table).

Two tasks: ``timeline.ingest`` stores one posted document (a job), and ``timeline.settle``
re-dates the neighbourhoods of the documents stored since (``pipeline.settle_unsettled``),
queued after each stored document: ingest does not wait for its neighbours' re-dating.

A job killed often enough is failed by its attempt count (``Jobs.claim``), so a document
that crashes the worker cannot loop forever.
"""

from __future__ import annotations

import logging
import os
import socket
from typing import TYPE_CHECKING, Any

from timeline.jobs.run import run_job, settle_job
from timeline.jobs.settings import QueueSettings
from timeline.store import Store
from timeline.store.errors import UNAVAILABLE_ERRORS
from timeline.store.jobs import JobState

if TYPE_CHECKING:
    from celery import Celery

log = logging.getLogger(__name__)

INGEST_TASK = "timeline.ingest"
# Re-dates the neighbourhoods of the documents stored unsettled (``pipeline.settle_unsettled``);
# published after every job that stored a new document, and after a delete.
SETTLE_TASK = "timeline.settle"
# Publishing waits this long for a broker that does not answer (then the API answers 503).
PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5}
CONNECT_TIMEOUT_SECONDS = 3

# One store per worker process and database, made in the process that uses it (an engine's
# pooled connections must not cross a fork).
_stores: dict[tuple[int, str], Store] = {}


def worker_store(url: str) -> Store:
    key = (os.getpid(), url)
    store = _stores.get(key)
    if store is None:
        store = _stores[key] = Store(url)
    return store


def worker_name() -> str:
    """``host/pid`` of the process running a job (the pid is the pool process's)."""
    return f"{socket.gethostname()}/{os.getpid()}"


def make_app(settings: QueueSettings, database_url: str | None = None) -> Celery:
    """The Celery app for ``settings``; with ``database_url`` (a worker) its task runs
    jobs on that database."""
    from celery import Celery

    app = Celery("timeline", broker=settings.broker_url, set_as_current=False)
    app.conf.update(
        task_default_queue=settings.queue,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_ignore_result=True,
        task_serializer="json",
        accept_content=["json"],
        broker_connection_retry_on_startup=True,
        broker_connection_timeout=CONNECT_TIMEOUT_SECONDS,
        broker_transport_options={
            "visibility_timeout": settings.visibility_timeout,
            "max_retries": PUBLISH_RETRY_POLICY["max_retries"],
        },
        task_publish_retry_policy=PUBLISH_RETRY_POLICY,
        worker_send_task_events=False,
        # no remote control (``celery inspect``/``control``): its per-node queue on the
        # broker is one more thing to name uniquely, and the jobs table says what runs
        worker_enable_remote_control=False,
        enable_utc=True,
    )

    @app.task(bind=True, name=INGEST_TASK)
    def ingest(task: Any, job_id: int) -> str:
        """Run one job; a database that cannot even record the job retries the message."""
        if database_url is None:
            raise RuntimeError("this app publishes jobs only: it has no database to run them")
        store = worker_store(database_url)
        try:
            outcome = run_job(store, job_id, settings, worker_name())
        except UNAVAILABLE_ERRORS as error:
            attempt = int(task.request.retries) + 1
            if attempt >= settings.max_attempts:
                raise
            raise task.retry(countdown=settings.backoff(attempt), max_retries=None) from error
        if outcome is None:
            return "skipped"
        if outcome.retry_in is not None:
            raise task.retry(countdown=outcome.retry_in, max_retries=None)
        if outcome.state is JobState.DONE:
            publish_settle(app, settings)
        return outcome.state.value

    @app.task(bind=True, name=SETTLE_TASK)
    def settle(task: Any) -> int:
        """Settle what is unsettled (however many settle messages are queued, the first
        does the work and the others find little or nothing); a database that is
        unavailable retries the message with backoff, and the unsettled documents wait in
        their table whatever happens to it."""
        if database_url is None:
            raise RuntimeError("this app publishes jobs only: it has no database to run them")
        try:
            settled = settle_job(worker_store(database_url))
        except UNAVAILABLE_ERRORS as error:
            attempt = int(task.request.retries) + 1
            if attempt >= settings.max_attempts:
                raise
            raise task.retry(countdown=settings.backoff(attempt), max_retries=None) from error
        return len(settled.documents)

    return app


def publish_settle(app: Celery, settings: QueueSettings) -> None:
    """Queue the settle job; a broker that refuses is logged, not raised: the unsettled
    documents wait in their table for the next settle job."""
    try:
        app.send_task(
            SETTLE_TASK, queue=settings.queue, retry=True, retry_policy=PUBLISH_RETRY_POLICY
        )
    except Exception:
        log.exception("the settle job could not be queued; it runs with the next one")
