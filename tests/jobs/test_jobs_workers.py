"""Real brokers and real ``timeline worker`` processes: a post is answered 202, the job
runs, the entry appears; a database that makes a job wait is retried with backoff and, when
it keeps failing, the job is failed with its reason; a worker SIGKILLed mid-job loses
nothing and duplicates nothing.

To stop a job half-way on purpose, the test locks the ``documents`` table of its
PostgreSQL schema (``LOCK TABLE ... IN EXCLUSIVE MODE``): a worker can claim its job and
analyse the text (reads go on) but waits at the insert of the document, until the lock is
released (or, with ``lock_timeout``, fails as a database that is unavailable for a while).
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from broker_fixtures import WorkerProcess, app_with_queue, postgres_url, settled, wait_for
from click.testing import CliRunner
from database_fixtures import PostgresServer
from flask import Flask

from timeline.cli import main
from timeline.jobs.batch import Progress, submit_all, wait_for_jobs
from timeline.jobs.settings import QueueSettings
from timeline.jobs.submit import JobQueue
from timeline.model import Document
from timeline.store import EntryQuery, Store
from timeline.store.jobs import Job, JobState

ALASKA: dict[str, Any] = {
    "title": "Trump and Putin meet in Alaska",
    "published": "2025-08-16",
    "text": "On August 15, 2025, Donald Trump met Vladimir Putin in Alaska.",
}
ALASKA_DOC: dict[str, Any] = {"name": "alaska", "text": ALASKA["text"]}
PARADE: dict[str, Any] = {
    "published": "2025-09-04",
    "text": "On September 3, 2025, Xi Jinping hosted a military parade in Beijing.",
}
ELECTION: dict[str, Any] = {
    "published": "2024-11-06",
    "text": "On November 5, 2024, Donald Trump won the presidential election.",
}


def post(app: Flask, article: dict[str, Any]) -> dict[str, Any]:
    response = app.test_client().post("/api/v1/documents", json=article)
    assert response.status_code == 202, response.get_data(as_text=True)
    (job,) = response.get_json()
    return dict(job)


def job_of(store: Store, job_id: int) -> Job:
    job = store.jobs.get(job_id)
    assert job is not None
    return job


def job_when(
    what: str, store: Store, job_id: int, worker: WorkerProcess, test: Callable[[Job], bool]
) -> Job:
    """The job, once ``test`` holds for it (polled)."""

    def check() -> Job | None:
        job = job_of(store, job_id)
        return job if test(job) else None

    found: Job = wait_for(what, check, worker)
    return found


def until_settled(store: Store, job_id: int, worker: WorkerProcess) -> Job:
    return job_when(f"job {job_id} to finish", store, job_id, worker, settled)


@pytest.fixture
def schema(postgres_server: PostgresServer) -> Iterator[str]:
    name = postgres_server.create_schema()
    try:
        yield name
    finally:
        postgres_server.drop_schema(name)


@contextmanager
def documents_locked(server: PostgresServer, schema: str) -> Iterator[None]:
    """No document can be inserted in ``schema`` while this holds (reads go on)."""
    with server.engine.connect() as connection, connection.begin():
        connection.exec_driver_sql(f'LOCK TABLE "{schema}".documents IN EXCLUSIVE MODE')
        yield


def test_redis_worker_stores_a_posted_document_once(
    tmp_path: Path,
    migrated_sqlite: str,
    redis_broker: str,
    queue_for: Callable[[str], QueueSettings],
    worker_for: Callable[..., WorkerProcess],
) -> None:
    settings = queue_for(redis_broker)
    worker = worker_for(settings, migrated_sqlite)
    with app_with_queue(migrated_sqlite, settings) as app, Store(migrated_sqlite) as store:
        job = post(app, ALASKA)
        done = until_settled(store, job["id"], worker)
        assert (done.state, done.created, done.attempts, done.error) == (
            JobState.DONE,
            True,
            1,
            None,
        )
        client = app.test_client()
        shown = client.get(f"/api/v1/jobs/{job['id']}").get_json()
        assert shown["state"] == "done" and shown["document"] == done.document_id
        document = client.get(f"/api/v1/documents/{done.document_id}").get_json()
        assert document["title"] == ALASKA["title"]
        entries = client.get("/api/v1/events?entity=Alaska").get_json()["items"]
        assert [e["sources"][0]["document"] for e in entries] == [done.document_id]
        # posted again: the same job, done; nothing new is stored
        assert post(app, ALASKA)["id"] == job["id"]
        response = client.post("/api/v1/documents", json=[PARADE, ELECTION])
        assert response.status_code == 202
        for one in response.get_json():
            assert until_settled(store, one["id"], worker).state == JobState.DONE
        assert len(store.documents()) == 3
        # a batch through the same jobs, waited for (what ingest --workers does with a broker)
        batch = [
            Document(name=f"b{n}", text=f"On March {n + 1}, 2025, Xi Jinping met Lula in Beijing.")
            for n in range(3)
        ]
        seen: list[Progress] = []
        jobs = submit_all(store, JobQueue(settings), [*batch, batch[0], Document(**ALASKA_DOC)])
        ended = wait_for_jobs(store, jobs, on_progress=seen.append, poll_seconds=0.05, patience=60)
        assert [j.state for j in ended] == [JobState.DONE] * 5
        assert all(j.created for j in ended)
        assert ended[0].id == ended[3].id  # the same text twice: one job
        assert ended[4].id == job["id"]  # a text posted before: its job, done
        assert seen[-1] == Progress(total=4, done=4, failed=0)
        assert [p.done for p in seen] == sorted(p.done for p in seen)
        assert len(store.documents()) == 6
        # timeline ingest --workers N with a broker: the same jobs, run by the worker
        folder = tmp_path / "articles"
        folder.mkdir()
        (folder / "new.txt").write_text("On May 9, 2025, Xi Jinping attended a parade in Moscow.")
        (folder / "again.txt").write_text(ALASKA["text"])
        (folder / "twice.txt").write_text("On May 9, 2025, Xi Jinping attended a parade in Moscow.")
        environment = {"TIMELINE_BROKER_URL": settings.broker_url, "TIMELINE_QUEUE": settings.queue}
        result = CliRunner().invoke(
            main,
            ["ingest", str(folder), "--workers", "2", "--db", migrated_sqlite, "--quiet"],
            env=environment,
        )
        assert result.exit_code == 0, result.output
        assert "2 job(s) on queue" in result.output
        assert "1 new, 2 unchanged, 0 skipped, 0 failed" in result.output
        assert len(store.documents()) == 7
        # PATCH and DELETE re-date stored documents: jobs the worker runs too
        url = f"/api/v1/documents/{done.document_id}"
        pinned = client.patch(url, json={"published": "2025-08-20"})
        assert pinned.status_code == 202
        assert until_settled(store, pinned.get_json()["id"], worker).state == JobState.DONE
        assert client.get(url).get_json()["published"]["value"] == "2025-08-20"
        deleted = client.delete(url)
        assert deleted.status_code == 202
        assert until_settled(store, deleted.get_json()["id"], worker).state == JobState.DONE
        assert client.get(url).status_code == 404
    # the worker and its pool process yield the CPU to the API (nice 10 by default)
    assert {_niceness(pid) for pid in _process_tree(worker.process.pid)} == {
        max(10, os.getpriority(os.PRIO_PROCESS, 0))
    }


def _niceness(pid: int) -> int:
    return os.getpriority(os.PRIO_PROCESS, pid)


def _process_tree(root: int) -> list[int]:
    """``root`` and its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    out, frontier = [root], [root]
    while frontier:
        frontier = [c for p in frontier for c in children.get(p, [])]
        out += frontier
    return out


def test_rabbitmq_worker_retries_with_backoff_and_keeps_failures(
    postgres_server: PostgresServer,
    schema: str,
    rabbitmq_broker: str,
    queue_for: Callable[[str], QueueSettings],
    worker_for: Callable[..., WorkerProcess],
) -> None:
    from dataclasses import replace

    # retries 2 s and 4 s after a failure: the test releases the lock after the first one
    settings = replace(queue_for(rabbitmq_broker), max_attempts=3, backoff_seconds=2.0)
    database = postgres_url(postgres_server, schema)
    with Store(database) as store:
        store.migrate()
    # the worker's sessions give up on a lock after 300 ms: "the database is unavailable"
    worker = worker_for(settings, postgres_url(postgres_server, schema, lock_timeout_ms=300))
    with app_with_queue(database, settings) as app, Store(database) as store:
        parade = post(app, PARADE)
        assert until_settled(store, parade["id"], worker).state == JobState.DONE

        with documents_locked(postgres_server, schema):
            alaska = post(app, ALASKA)
            waiting = job_when(
                "the first attempt to fail and a retry to be scheduled",
                store,
                alaska["id"],
                worker,
                lambda j: j.error is not None,
            )
            assert waiting.state == JobState.QUEUED and waiting.attempts == 1
            assert waiting.error.startswith("attempt 1: OperationalError: ")
            assert waiting.error.endswith("; retrying in 2 s")
        done = until_settled(store, alaska["id"], worker)
        assert (done.state, done.created, done.error) == (JobState.DONE, True, None)
        assert done.attempts in (2, 3)  # 3 only when this process was starved past 2 s

        with documents_locked(postgres_server, schema):
            election = post(app, ELECTION)
            failed = until_settled(store, election["id"], worker)
        assert (failed.state, failed.attempts) == (JobState.FAILED, 3)
        assert failed.error is not None
        assert failed.error.startswith("gave up after 3 attempts; attempt 3: OperationalError: ")
        assert "lock timeout" in failed.error
        shown = app.test_client().get(f"/api/v1/jobs/{election['id']}").get_json()
        assert (shown["state"], shown["error"]) == ("failed", failed.error)
        # posted again once the database is back: the same job, queued and run again
        again = post(app, ELECTION)
        assert (again["id"], again["state"], again["attempts"]) == (election["id"], "queued", 0)
        assert until_settled(store, election["id"], worker).state == JobState.DONE
        assert len(store.documents()) == 3


@pytest.mark.parametrize("broker", ["redis", "rabbitmq"])
def test_a_killed_worker_process_job_is_redelivered_and_stored_once(
    broker: str,
    request: pytest.FixtureRequest,
    postgres_server: PostgresServer,
    schema: str,
    queue_for: Callable[[str], QueueSettings],
    worker_for: Callable[..., WorkerProcess],
) -> None:
    settings = queue_for(request.getfixturevalue(f"{broker}_broker"))
    database = postgres_url(postgres_server, schema)
    with Store(database) as store:
        store.migrate()
    worker = worker_for(settings, database)
    with app_with_queue(database, settings) as app, Store(database) as store:
        with documents_locked(postgres_server, schema):
            job = post(app, ALASKA)
            running = job_when(
                "a worker to start the job",
                store,
                job["id"],
                worker,
                lambda j: j.state == JobState.RUNNING,
            )
            pid = int(running.worker.rsplit("/", 1)[1])
            assert pid != worker.process.pid  # a pool process, not the worker itself
            os.kill(pid, signal.SIGKILL)
            again = job_when(
                "the job to be delivered to another pool process",
                store,
                job["id"],
                worker,
                lambda j: j.attempts == 2,
            )
            assert again.state == JobState.RUNNING and again.worker != running.worker
        done = until_settled(store, job["id"], worker)
        assert (done.state, done.attempts, done.created) == (JobState.DONE, 2, True)
        assert len(store.documents()) == 1
        (entry,) = store.entries(EntryQuery(entity="Alaska"))
        assert [s.document_id for s in entry.sources] == [done.document_id]
        assert worker.process.poll() is None  # the worker itself lives on
