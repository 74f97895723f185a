"""The producer side: a document becomes a job row, then a message on the broker.

The row is written first, so a worker never receives the id of a job it cannot read; when
the broker cannot take the message, the job is failed with that reason (submitting the
same text again retries it) and the caller answers 503.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from timeline.jobs.celery_app import INGEST_TASK, PUBLISH_RETRY_POLICY, make_app, publish_settle
from timeline.jobs.settings import QueueSettings
from timeline.model import Document
from timeline.store import Store
from timeline.store.jobs import Action, Job, Submitted

if TYPE_CHECKING:
    from celery import Celery


class QueueUnavailable(Exception):
    """The broker did not take the message (down, unreachable, refusing)."""


def broker_errors() -> tuple[type[BaseException], ...]:
    """What publishing raises when the broker is not there."""
    from kombu.exceptions import KombuError, OperationalError

    return (OperationalError, KombuError, OSError)


class JobQueue:
    """Publishes jobs to the broker of ``settings`` (one Celery app, made on first use and
    shared by the threads of the process)."""

    def __init__(self, settings: QueueSettings) -> None:
        self.settings = settings
        self._app: Celery | None = None
        self._lock = threading.Lock()

    @property
    def app(self) -> Celery:
        with self._lock:
            if self._app is None:
                self._app = make_app(self.settings)
            return self._app

    def publish(self, job_id: int) -> None:
        """Put the job's id on the queue; ``QueueUnavailable`` when the broker refuses."""
        try:
            self.app.send_task(
                INGEST_TASK,
                args=[job_id],
                queue=self.settings.queue,
                retry=True,
                retry_policy=PUBLISH_RETRY_POLICY,
            )
        except broker_errors() as error:
            raise QueueUnavailable(
                f"the task queue at {self.settings.shown_broker} is unavailable: {error}"
            ) from error

    def settle(self) -> None:
        """Queue the settle job (``timeline.settle``): after a write that left documents
        unsettled outside a job (a delete)."""
        publish_settle(self.app, self.settings)

    def submit(self, store: Store, document: Document) -> Job:
        """The document's job (``Jobs.submit``), published when it is new or failed before."""
        return self._published(store, store.jobs.submit(document))

    def submit_action(self, store: Store, action: Action) -> Job:
        """The action's job (``Jobs.submit_action``), published when it is to run."""
        return self._published(store, store.jobs.submit_action(action))

    def _published(self, store: Store, submitted: Submitted) -> Job:
        """The submitted job, its message published when it is to run; a broker that is
        down fails the job with that reason (and raises ``QueueUnavailable``)."""
        if submitted.publish:
            try:
                self.publish(submitted.job.id)
            except QueueUnavailable as error:
                store.jobs.fail(submitted.job.id, f"could not be queued: {error}")
                raise
        return submitted.job

    def close(self) -> None:
        with self._lock:
            if self._app is not None:
                self._app.close()
                self._app = None
