"""Fixtures and helpers for the task-queue tests (``tests/jobs``): the real brokers, and
real ``timeline worker`` processes.

The brokers are the local services (``TIMELINE_TEST_REDIS_URL``, default
``redis://127.0.0.1:6379/0``; ``TIMELINE_TEST_AMQP_URL``, default
``amqp://guest:guest@127.0.0.1:5672//``).  When one is unreachable its tests are skipped with
the reason, and fail under ``CI=true``.  Every test gets a queue of its own (deleted after
it), so parallel runs on one broker never take each other's jobs.  Workers are subprocesses
running ``timeline worker`` as a deployment would, so a test can SIGKILL one.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from database_fixtures import PostgresServer
from flask import Flask
from sqlalchemy.engine import make_url

from api import close_store, create_app
from timeline.jobs.settings import (
    ATTEMPTS_ENV,
    BACKOFF_ENV,
    BROKER_ENV,
    QUEUE_ENV,
    QueueSettings,
)
from timeline.store.jobs import Job, JobState

REDIS_URL = os.environ.get("TIMELINE_TEST_REDIS_URL") or "redis://127.0.0.1:6379/0"
AMQP_URL = os.environ.get("TIMELINE_TEST_AMQP_URL") or "amqp://guest:guest@127.0.0.1:5672//"
BROKERS = {"redis": REDIS_URL, "rabbitmq": AMQP_URL}
# How long a test waits for what a worker should do in well under a second: a worker that
# hangs fails the test after this, with its log, instead of hanging the suite.
PATIENCE_SECONDS = 60.0


def _unreachable(kind: str, url: str) -> str | None:
    """Why the broker at ``url`` cannot be used, or None."""
    from kombu import Connection

    connection = Connection(url, connect_timeout=3)
    try:
        connection.ensure_connection(max_retries=1)
    except Exception as error:
        return f"{kind} broker not reachable at {connection.as_uri()}: {error}"
    finally:
        connection.release()
    return None


def _broker_or_skip(kind: str) -> str:
    url = BROKERS[kind]
    reason = _unreachable(kind, url)
    if reason is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return url


def _delete_queue(url: str, queue: str) -> None:
    from kombu import Connection

    with Connection(url, connect_timeout=3) as connection:
        channel = connection.default_channel
        # (a queue never declared, as when nothing was published, has nothing to delete)
        with contextlib.suppress(Exception):
            channel.queue_delete(queue)


@pytest.fixture(scope="session")
def redis_broker() -> str:
    return _broker_or_skip("redis")


@pytest.fixture(scope="session")
def rabbitmq_broker() -> str:
    return _broker_or_skip("rabbitmq")


def fresh_queue() -> str:
    return f"timeline-test-{os.getpid()}-{secrets.token_hex(4)}"


@pytest.fixture
def queue_for() -> Iterator[Callable[[str], QueueSettings]]:
    """``settings(broker_url)``: settings with a queue of this test's own, deleted after."""
    made: list[QueueSettings] = []

    def settings(url: str) -> QueueSettings:
        made.append(QueueSettings(broker_url=url, queue=fresh_queue()))
        return made[-1]

    yield settings
    for one in made:
        _delete_queue(one.broker_url, one.queue)


def postgres_url(server: PostgresServer, schema: str, lock_timeout_ms: int | None = None) -> str:
    """The URL of ``schema`` on the test server, with a lock timeout for its sessions."""
    options = f"-csearch_path={schema}"
    if lock_timeout_ms is not None:
        options += f" -clock_timeout={lock_timeout_ms}"
    url = make_url(server.url).update_query_dict({"options": options})
    return url.render_as_string(hide_password=False)


@dataclass
class WorkerProcess:
    """A ``timeline worker`` subprocess and its log."""

    process: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        """End the worker and its pool processes (its process group) at once: the test is
        over and its queue is deleted, so nothing needs a warm shutdown."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()


def start_worker(settings: QueueSettings, database: str, log: Path, **env: str) -> WorkerProcess:
    """``timeline worker -c 1`` on ``settings``' queue and ``database``, once it is ready."""
    environment = {
        **os.environ,
        BROKER_ENV: settings.broker_url,
        QUEUE_ENV: settings.queue,
        ATTEMPTS_ENV: str(settings.max_attempts),
        BACKOFF_ENV: str(settings.backoff_seconds),
        "TIMELINE_DATABASE_WAIT": "5",
        **env,
    }
    command = [sys.executable, "-m", "timeline.cli", "worker", "-c", "1", "--db", database]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stop() ends it and its pool
        )
    worker = WorkerProcess(process, log)
    deadline = time.monotonic() + PATIENCE_SECONDS
    while " ready." not in worker.output():
        if process.poll() is not None or time.monotonic() > deadline:
            worker.stop()
            pytest.fail(f"the worker did not start:\n{worker.output()}", pytrace=False)
        time.sleep(0.1)
    return worker


@pytest.fixture
def worker_for(tmp_path: Path) -> Iterator[Callable[..., WorkerProcess]]:
    """``worker(settings, database, **env)``: a running worker, stopped after the test."""
    started: list[WorkerProcess] = []

    def worker(settings: QueueSettings, database: str, **env: str) -> WorkerProcess:
        started.append(
            start_worker(settings, database, tmp_path / f"worker{len(started)}.log", **env)
        )
        return started[-1]

    yield worker
    for one in started:
        one.stop()


def wait_for(what: str, check: Callable[[], Any], worker: WorkerProcess | None = None) -> Any:
    """``check()``'s first truthy value, polled; a failure naming ``what`` (with the
    worker's log) when it does not come."""
    deadline = time.monotonic() + PATIENCE_SECONDS
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            log = f"\nworker log:\n{worker.output()}" if worker is not None else ""
            pytest.fail(f"timed out waiting for {what}{log}", pytrace=False)
        time.sleep(0.05)


def settled(job: Job | None) -> bool:
    return job is not None and job.state in (JobState.DONE, JobState.FAILED)


@contextmanager
def app_with_queue(database: str, settings: QueueSettings) -> Iterator[Flask]:
    """The API on ``database`` with workers: its writes go to the queue of ``settings``."""
    app = create_app(
        {
            "TIMELINE_DATABASE_URL": database,
            "TIMELINE_ACCESS_LOG": "off",
            "TIMELINE_BROKER_URL": settings.broker_url,
            "TIMELINE_QUEUE": settings.queue,
        }
    )
    try:
        yield app
    finally:
        close_store(app)
