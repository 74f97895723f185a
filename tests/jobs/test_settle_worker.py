"""The settle job on a real Redis broker and ``timeline worker``: a job stores its
document unsettled and queues ``timeline.settle``, which re-dates the stored sisters; a
delete posted to a server with workers is a job of its own, and the settle job follows
it.  The store ends as one ingest of the same documents in process leaves it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from broker_fixtures import WorkerProcess, app_with_queue, settled, wait_for
from settle_documents import DATED, NEWS, OTHER, WEEK
from settle_documents import fresh as _fresh

from timeline.export.canonical import canonical_state, differences
from timeline.jobs.settings import QueueSettings
from timeline.jobs.submit import JobQueue
from timeline.model import Provenance
from timeline.pipeline import ingest_documents
from timeline.store import Store
from timeline.store.jobs import Job


def _reference(documents: list[Any]) -> dict[str, Any]:
    with Store("sqlite://") as store:
        store.migrate()
        ingest_documents(store, _fresh(documents))
        return canonical_state(store)


def _done(store: Store, job: Job, worker: WorkerProcess) -> int:
    def check() -> Job | None:
        now = store.jobs.get(job.id)
        return now if settled(now) else None

    ended: Job = wait_for(f"job {job.id}", check, worker)
    assert ended.document_id is not None, ended.error
    return ended.document_id


def test_a_worker_settles_what_its_jobs_stored(
    migrated_sqlite: str,
    redis_broker: str,
    queue_for: Callable[[str], QueueSettings],
    worker_for: Callable[..., WorkerProcess],
) -> None:
    settings = queue_for(redis_broker)
    worker = worker_for(settings, migrated_sqlite)
    queue = JobQueue(settings)
    with Store(migrated_sqlite) as store:
        dated = _done(store, queue.submit(store, _fresh([DATED])[0]), worker)
        news = _done(store, queue.submit(store, _fresh([NEWS])[0]), worker)
        week = _done(store, queue.submit(store, _fresh([WEEK])[0]), worker)
        for document in _fresh(OTHER):
            _done(store, queue.submit(store, document), worker)

        def news_settled() -> bool:
            record = store.document(news)
            assert record is not None
            published = record.analysed.document.published
            return store.unsettled_count() == 0 and (
                published is not None and published.provenance is Provenance.CORPUS
            )

        wait_for("the settle job", news_settled, worker)
        state, reference = canonical_state(store), _reference([DATED, NEWS, WEEK, *OTHER])
        assert state == reference, differences(state, reference)

        with app_with_queue(migrated_sqlite, settings) as app:
            response = app.test_client().delete(f"/api/v1/documents/{dated}")
            assert response.status_code == 202  # the deletion is a job
        reference = _reference([NEWS, WEEK, *OTHER])
        wait_for(
            "the delete job and the settle job after it",
            lambda: store.unsettled_count() == 0 and canonical_state(store) == reference,
            worker,
        )
        assert {week, news} <= {d.id for d in store.documents()}
    queue.close()
