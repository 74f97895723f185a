"""The jobs table (``timeline.store.jobs``) and what a worker does with a job
(``timeline.jobs.run``), on SQLite and PostgreSQL, without a broker."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from timeline.jobs.run import run_job
from timeline.jobs.settings import QueueSettings
from timeline.model import Document
from timeline.pipeline import ingest_documents
from timeline.store import EntryQuery, Store
from timeline.store.jobs import Action, ActionKind, JobState

ALASKA = Document(
    name="alaska.txt",
    text="On August 15, 2025, Donald Trump met Vladimir Putin in Alaska.",
    title="Trump and Putin meet in Alaska",
    metadata={"published": "2025-08-16"},
)
SETTINGS = QueueSettings(broker_url="redis://unused", max_attempts=2, backoff_seconds=0.5)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store(db_url) as store:
        store.migrate()
        yield store


def test_the_same_text_is_one_job(store: Store) -> None:
    first = store.jobs.submit(ALASKA)
    again = store.jobs.submit(Document(name="copy.txt", text="  " + ALASKA.text + "\n"))
    assert first.publish and not again.publish
    assert again.job.id == first.job.id
    assert first.job.state == JobState.QUEUED and first.job.attempts == 0
    assert [j.id for j in store.jobs.latest()] == [first.job.id]


def test_text_stored_already_is_a_job_done_at_once(store: Store) -> None:
    (stored,) = ingest_documents(store, [ALASKA])
    submitted = store.jobs.submit(ALASKA)
    assert not submitted.publish
    job = submitted.job
    assert (job.state, job.document_id, job.created) == (JobState.DONE, stored.document_id, False)


def test_a_claimed_job_runs_once(store: Store) -> None:
    job = store.jobs.submit(ALASKA).job
    claimed = store.jobs.claim(job.id, "host/1", max_attempts=3)
    assert claimed is not None
    running, document = claimed
    assert (running.state, running.attempts, running.worker) == (JobState.RUNNING, 1, "host/1")
    assert (document.name, document.text, document.title) == (
        ALASKA.name,
        ALASKA.text,
        ALASKA.title,
    )
    assert document.metadata == ALASKA.metadata
    assert document.content_hash == ALASKA.content_hash
    (stored,) = ingest_documents(store, [document])
    done = store.jobs.finish(job.id, stored.document_id, created=True)
    assert done is not None and done.state == JobState.DONE
    assert done.document_id == stored.document_id
    assert store.jobs.claim(job.id, "host/2", max_attempts=3) is None  # delivered twice


def test_a_failed_job_keeps_its_reason_until_submitted_again(store: Store) -> None:
    job = store.jobs.submit(ALASKA).job
    store.jobs.claim(job.id, "host/1", max_attempts=3)
    store.jobs.fail(job.id, "ValueError: no")
    failed = store.jobs.get(job.id)
    assert failed is not None and (failed.state, failed.error) == (
        JobState.FAILED,
        "ValueError: no",
    )
    assert store.jobs.claim(job.id, "host/1", max_attempts=3) is None
    again = store.jobs.submit(ALASKA)
    assert again.publish and again.job.id == job.id
    assert (again.job.state, again.job.attempts, again.job.error) == (JobState.QUEUED, 0, None)


def test_a_job_its_workers_keep_dying_on_is_failed_by_its_attempts(store: Store) -> None:
    job = store.jobs.submit(ALASKA).job
    for worker in ("host/1", "host/2"):  # each claimed, and never finished: the worker died
        assert store.jobs.claim(job.id, worker, max_attempts=2) is not None
    assert store.jobs.claim(job.id, "host/3", max_attempts=2) is None
    failed = store.jobs.get(job.id)
    assert failed is not None and failed.state == JobState.FAILED
    assert failed.error == "gave up after 2 attempts: the worker running it was lost"


def test_running_a_job_stores_its_document_once(store: Store) -> None:
    job = store.jobs.submit(ALASKA).job
    outcome = run_job(store, job.id, SETTINGS, "host/1")
    assert outcome is not None and outcome.state == JobState.DONE
    done = store.jobs.get(job.id)
    assert done is not None and done.created is True and done.attempts == 1
    documents = store.documents()
    assert [(d.id, d.name) for d in documents] == [(done.document_id, ALASKA.name)]
    assert any("Alaska" in e.entities for e in store.entries(EntryQuery()))
    assert run_job(store, job.id, SETTINGS, "host/2") is None  # the message came twice
    assert len(store.documents()) == 1


def test_counts_and_filters(store: Store) -> None:
    first = store.jobs.submit(ALASKA).job
    second = store.jobs.submit(Document(name="b", text="On Monday, talks resumed.")).job
    store.jobs.fail(second.id, "no")
    counts = store.jobs.counts()
    assert counts[JobState.QUEUED] == 1 and counts[JobState.FAILED] == 1
    assert [j.id for j in store.jobs.latest(states=[JobState.FAILED])] == [second.id]
    assert [j.id for j in store.jobs.latest(before=second.id)] == [first.id]
    assert [j.id for j in store.jobs.latest(limit=1)] == [second.id]


def test_a_done_job_whose_document_was_deleted_runs_again(store: Store) -> None:
    job = store.jobs.submit(ALASKA).job
    run_job(store, job.id, SETTINGS, "host/1")
    done = store.jobs.get(job.id)
    assert done is not None and done.document_id is not None
    assert not store.jobs.submit(ALASKA).publish  # stored: nothing to do
    assert store.delete(done.document_id)
    again = store.jobs.submit(ALASKA)
    assert again.publish and again.job.state == JobState.QUEUED and again.job.id == job.id


def test_pin_and_delete_jobs_re_date_and_delete_the_latest_pin_winning(store: Store) -> None:
    (stored,) = ingest_documents(store, [ALASKA])
    target = stored.document_id
    first = store.jobs.submit_action(Action(ActionKind.PIN, target, date(2025, 8, 20)))
    second = store.jobs.submit_action(Action(ActionKind.PIN, target, date(2025, 8, 21)))
    assert first.publish and second.publish and first.job.id < second.job.id
    # the later pin runs first (two workers): the earlier has nothing left to do
    assert _run(store, second.job.id) == JobState.DONE
    assert _run(store, first.job.id) == JobState.DONE
    skipped = store.jobs.get(first.job.id)
    assert skipped is not None and skipped.error == f"superseded by job {second.job.id}"
    record = store.document(target)
    assert record is not None and record.analysed.document.published is not None
    assert record.analysed.document.published.value == "2025-08-21"
    # a delete: one job while it waits, done when the document is gone
    removal = store.jobs.submit_action(Action(ActionKind.DELETE, target))
    assert not store.jobs.submit_action(Action(ActionKind.DELETE, target)).publish
    assert _run(store, removal.job.id) == JobState.DONE
    assert store.document(target) is None
    # a pin of a document that is gone fails with that reason
    late = store.jobs.submit_action(Action(ActionKind.PIN, target, date(2025, 8, 22)))
    assert _run(store, late.job.id) == JobState.FAILED
    failed = store.jobs.get(late.job.id)
    assert failed is not None and failed.error == f"there is no document with id {target}"


def _run(store: Store, job_id: int) -> JobState:
    outcome = run_job(store, job_id, SETTINGS, "host/1")
    assert outcome is not None
    return outcome.state
