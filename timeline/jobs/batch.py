"""Many documents through the queue, and waiting for them: what a batch ingest does when a
broker is set (``timeline ingest DIR --workers N`` fans out over the same jobs as the API;
the workers are the ``timeline worker`` processes consuming the queue).

Each document becomes its job (``JobQueue.submit``: the same text twice is one job, a text
already stored a job done at once), then the jobs table is polled until every job is done
or failed, reporting progress whenever a count changes.  The broker only carries ids, so
a batch of any size costs the producer one row and one message per document.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from timeline.jobs.submit import JobQueue
from timeline.model import Document
from timeline.store import Store
from timeline.store.jobs import Job, JobState

POLL_SECONDS = 0.5


@dataclass(frozen=True)
class Progress:
    """Where a batch stands: its jobs (a text posted twice counts once), and how many are
    done and failed."""

    total: int
    done: int
    failed: int

    @property
    def settled(self) -> bool:
        return self.done + self.failed == self.total


class BatchTimeout(Exception):
    """The jobs did not all finish within the time given (they go on: see ``timeline jobs``)."""


def submit_all(store: Store, queue: JobQueue, documents: Iterable[Document]) -> list[Job]:
    """Every document's job, in order (``JobQueue.submit``; ``QueueUnavailable`` when the
    broker refuses one, the jobs before it standing)."""
    return [queue.submit(store, document) for document in documents]


def wait_for_jobs(
    store: Store,
    jobs: Iterable[Job],
    *,
    on_progress: Callable[[Progress], None] | None = None,
    poll_seconds: float = POLL_SECONDS,
    patience: float | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> list[Job]:
    """The jobs as they end (in the order given), once each is done or failed; progress
    reported at the start and whenever it changes; ``BatchTimeout`` after ``patience``
    seconds (None: wait as long as it takes)."""
    order = [job.id for job in jobs]
    deadline = None if patience is None else time.monotonic() + patience
    shown: Progress | None = None
    while True:
        current = store.jobs.many(order)
        states = [current[i].state for i in set(order) if i in current]
        progress = Progress(
            total=len(set(order)),
            done=sum(s == JobState.DONE for s in states),
            failed=sum(s == JobState.FAILED for s in states) + len(set(order) - set(current)),
        )
        if progress != shown and on_progress is not None:
            on_progress(progress)
        shown = progress
        if progress.settled:
            return [current[i] for i in order if i in current]
        if deadline is not None and time.monotonic() > deadline:
            raise BatchTimeout(
                f"{progress.total - progress.done - progress.failed} of {progress.total} "
                "jobs still queued or running"
            )
        sleep(poll_seconds)
