"""``POST /documents`` with a broker, ``/jobs``, and the commands, with no worker running:
what the API itself does (it validates, stores jobs, publishes, and never analyses)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask

from api import close_store, create_app
from timeline.cli import main
from timeline.jobs.settings import QueueSettings
from timeline.model import Document
from timeline.pipeline import ingest_documents
from timeline.store import Store

ALASKA: dict[str, Any] = {
    "title": "Trump and Putin meet in Alaska",
    "published": "2025-08-16",
    "text": "On August 15, 2025, Donald Trump met Vladimir Putin in Alaska.",
}
PARADE: dict[str, Any] = {
    "published": "2025-09-04",
    "text": "On September 3, 2025, Xi Jinping hosted a military parade in Beijing.",
}


def _app(database: str, **config: Any) -> Flask:
    return create_app({"TIMELINE_DATABASE_URL": database, "TIMELINE_ACCESS_LOG": "off", **config})


@pytest.fixture
def database(migrated_sqlite: str) -> str:
    return migrated_sqlite


@pytest.fixture
def queued_app(
    database: str, redis_broker: str, queue_for: Callable[[str], QueueSettings]
) -> Iterator[Flask]:
    settings = queue_for(redis_broker)
    app = _app(database, TIMELINE_BROKER_URL=settings.broker_url, TIMELINE_QUEUE=settings.queue)
    yield app
    close_store(app)


def _queued_messages(app: Flask) -> int:
    """Messages waiting on the app's queue (0 when nothing ever declared it)."""
    from amqp.exceptions import ChannelError
    from kombu import Connection

    queue = app.extensions["timeline_queue"].settings
    with Connection(queue.broker_url) as connection:
        try:
            declared = connection.default_channel.queue_declare(queue.queue, passive=True)
        except ChannelError:
            return 0
        return int(declared.message_count)


def test_a_post_with_a_broker_is_a_job_and_no_document(queued_app: Flask, database: str) -> None:
    client = queued_app.test_client()
    response = client.post("/api/v1/documents", json=ALASKA)
    assert response.status_code == 202
    (job,) = response.get_json()
    assert response.headers["Location"] == f"/api/v1/jobs/{job['id']}"
    assert (job["state"], job["document"], job["attempts"], job["error"]) == (
        "queued",
        None,
        0,
        None,
    )
    with Store(database) as store:  # the API ran no pipeline: nothing is stored yet
        assert store.documents() == []
    assert _queued_messages(queued_app) == 1
    shown = client.get(f"/api/v1/jobs/{job['id']}")
    assert shown.status_code == 200 and shown.get_json() == job
    assert shown.headers["Cache-Control"] == "no-cache"
    unchanged = client.get(
        f"/api/v1/jobs/{job['id']}", headers={"If-None-Match": shown.headers["ETag"]}
    )
    assert unchanged.status_code == 304
    # the same text again: the same job, and no second message
    again = client.post("/api/v1/documents", data=ALASKA["text"], content_type="text/plain")
    assert again.status_code == 202 and again.get_json()[0]["id"] == job["id"]
    assert _queued_messages(queued_app) == 1
    assert [j["id"] for j in client.get("/api/v1/jobs?state=queued").get_json()] == [job["id"]]
    assert client.get("/api/v1/jobs?state=done").get_json() == []


def test_a_list_with_unreadable_items_gives_each_items_status(queued_app: Flask) -> None:
    client = queued_app.test_client()
    response = client.post("/api/v1/documents", json=[ALASKA, {"text": ""}, PARADE])
    assert response.status_code == 207
    items = response.get_json()
    assert [i["status"] for i in items] == [202, 422, 202]
    assert items[1]["job"] is None and items[1]["problem"]["status"] == 422
    assert items[0]["job"]["state"] == "queued" and items[0]["error"] is None
    assert items[0]["job"]["id"] != items[2]["job"]["id"]
    assert _queued_messages(queued_app) == 2
    whole = client.post("/api/v1/documents", json=[ALASKA, PARADE])
    assert whole.status_code == 202 and "Location" not in whole.headers
    assert [j["id"] for j in whole.get_json()] == [items[0]["job"]["id"], items[2]["job"]["id"]]


def test_text_stored_before_the_broker_is_a_done_job(database: str, queued_app: Flask) -> None:
    in_process = _app(database)
    created = in_process.test_client().post("/api/v1/documents", json=ALASKA)
    assert created.status_code == 201
    close_store(in_process)
    (job,) = queued_app.test_client().post("/api/v1/documents", json=ALASKA).get_json()
    assert (job["state"], job["document"], job["created"]) == (
        "done",
        created.get_json()[0]["id"],
        False,
    )
    assert _queued_messages(queued_app) == 0


def test_without_a_broker_documents_are_ingested_in_process(database: str) -> None:
    app = _app(database, TIMELINE_BROKER_URL="")  # "" overrides the environment too
    try:
        response = app.test_client().post("/api/v1/documents", json=ALASKA)
        assert response.status_code == 201
        with Store(database) as store:
            assert len(store.documents()) == 1 and store.jobs.latest() == []
    finally:
        close_store(app)


def test_a_broker_that_is_down_is_a_503_and_a_failed_job(database: str) -> None:
    app = _app(database, TIMELINE_BROKER_URL="redis://127.0.0.1:9/0", TIMELINE_QUEUE="nowhere")
    try:
        response = app.test_client().post("/api/v1/documents", json=ALASKA)
        assert response.status_code == 503
        assert response.mimetype == "application/problem+json"
        assert response.headers["Retry-After"]
        with Store(database) as store:
            (job,) = store.jobs.latest()
            assert job.state == "failed" and job.error is not None
            assert job.error.startswith("could not be queued: the task queue at redis://")
            assert store.documents() == []
    finally:
        close_store(app)


def test_unknown_jobs_and_bad_filters_are_problems(queued_app: Flask) -> None:
    client = queued_app.test_client()
    missing = client.get("/api/v1/jobs/99")
    assert missing.status_code == 404 and missing.mimetype == "application/problem+json"
    assert client.get("/api/v1/jobs?state=lost").status_code == 422
    assert client.get("/api/v1/jobs?limit=0").status_code == 422
    spec = client.get("/api/v1/openapi.json").get_json()
    assert {"/api/v1/jobs", "/api/v1/jobs/{job_id}"} <= set(spec["paths"])
    assert "202" in spec["paths"]["/api/v1/documents"]["post"]["responses"]


def test_the_jobs_command(queued_app: Flask, database: str, tmp_path: Path) -> None:
    client = queued_app.test_client()
    (job,) = client.post("/api/v1/documents", json=ALASKA).get_json()
    runner = CliRunner()
    listed = runner.invoke(main, ["jobs", "--db", database])
    assert listed.exit_code == 0, listed.output
    assert f"{job['id']:>6}  queued   attempts 0" in listed.output
    one = runner.invoke(main, ["jobs", str(job["id"]), "--db", database, "--format", "json"])
    assert one.exit_code == 0 and '"state": "queued"' in one.output
    unknown = runner.invoke(main, ["jobs", "99", "--db", database])
    assert unknown.exit_code == 1 and "there is no job 99" in unknown.output


def test_a_worker_needs_a_broker(database: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TIMELINE_BROKER_URL", raising=False)
    result = CliRunner().invoke(main, ["worker", "--db", database])
    assert result.exit_code == 1
    assert "no broker: pass --broker URL or set TIMELINE_BROKER_URL" in result.output


def test_with_a_broker_pin_and_delete_are_jobs_and_change_nothing_here(
    queued_app: Flask, database: str
) -> None:
    with Store(database) as store:
        (stored,) = ingest_documents(store, [Document(name="alaska", text=ALASKA["text"])])
    before = _snapshot(database)
    client = queued_app.test_client()
    url = f"/api/v1/documents/{stored.document_id}"
    pinned = client.patch(url, json={"published": "2025-08-20"})
    assert pinned.status_code == 202, pinned.get_data(as_text=True)
    job = pinned.get_json()
    assert pinned.headers["Location"] == f"/api/v1/jobs/{job['id']}"
    assert (job["action"], job["state"], job["document"], job["name"]) == (
        "pin",
        "queued",
        stored.document_id,
        f"pin document {stored.document_id} to 2025-08-20",
    )
    again = client.patch(url, json={"published": "2025-08-20"}).get_json()
    assert again["id"] != job["id"]  # each pin its own job: the latest one wins
    deleted = client.delete(url)
    assert deleted.status_code == 202
    removal = deleted.get_json()
    assert (removal["action"], removal["state"]) == ("delete", "queued")
    assert client.delete(url).get_json()["id"] == removal["id"]  # one job while it waits
    assert _queued_messages(queued_app) == 3
    missing = client.patch("/api/v1/documents/999", json={"published": "2025-08-20"})
    assert missing.status_code == 404
    assert client.delete("/api/v1/documents/999").status_code == 404
    assert _snapshot(database) == before  # the API re-dated and deleted nothing


def _snapshot(database: str) -> list[Any]:
    with Store(database) as store:
        return [(d.id, d.published) for d in store.documents()]
