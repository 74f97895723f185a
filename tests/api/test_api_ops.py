"""Probes (/healthz, /readyz), request ids, the JSON access line and compression."""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text
from werkzeug.test import TestResponse

from api import close_store, create_app
from api.context import get_store

Problem = Callable[[TestResponse, int], dict[str, Any]]


def test_healthz_answers_while_the_process_serves(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}
    assert response.headers["Cache-Control"] == "no-store"


def test_readyz_checks_the_database_and_its_schema(client: FlaskClient) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ready" and body["database"] == "sqlite"
    assert body["schema"] and all(isinstance(r, str) for r in body["schema"])


def test_readyz_is_503_when_the_schema_is_behind(app: Flask, problem: Problem) -> None:
    with app.app_context(), get_store().engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    body = problem(app.test_client().get("/readyz"), 503)
    assert body["detail"].startswith("database not migrated: schema 0001; code expects ")


def test_readyz_is_503_when_the_database_is_gone(tmp_path: Path, problem: Problem) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    app = create_app({"TESTING": True, "TIMELINE_DATABASE_URL": f"sqlite:///{folder / 'x.db'}"})
    try:
        with app.app_context():
            get_store().engine.dispose()
        shutil.rmtree(folder)  # the file and its folder: SQLite cannot open it again
        body = problem(app.test_client().get("/readyz"), 503)
        assert body["detail"].startswith("database unreachable: ")
        assert app.test_client().get("/healthz").status_code == 200  # still alive
    finally:
        close_store(app)


def _access_lines(err: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in err.splitlines() if line.startswith('{"time"')]


def test_one_json_line_per_request_with_its_id(
    client: FlaskClient, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    given = client.get("/api/v1/events?limit=5", headers={"X-Request-ID": "req-42.a"})
    fresh = client.get("/nope")
    forged = client.get("/healthz", headers={"X-Request-ID": 'bad id" {"status": 200}'})
    lines = _access_lines(capsys.readouterr().err)
    assert len(lines) == 3
    first, second, third = lines
    assert given.headers["X-Request-ID"] == "req-42.a" == first["request_id"]
    assert (first["method"], first["path"], first["query"], first["status"]) == (
        "GET",
        "/api/v1/events",
        "limit=5",
        200,
    )
    assert isinstance(first["duration_ms"], float) and first["duration_ms"] >= 0
    assert second["status"] == 404 and second["request_id"] == fresh.headers["X-Request-ID"]
    assert len(second["request_id"]) == 32  # a fresh random id
    assert third["request_id"] == forged.headers["X-Request-ID"] != 'bad id"'
    assert len(third["request_id"]) == 32  # an unsafe client id is replaced


def test_access_log_to_a_file_or_off(
    app_factory: Callable[..., Flask], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "access.log"
    app_factory(TIMELINE_ACCESS_LOG=str(log)).test_client().get("/healthz")
    (line,) = log.read_text().splitlines()
    assert json.loads(line)["path"] == "/healthz"
    capsys.readouterr()
    app_factory(TIMELINE_ACCESS_LOG="off").test_client().get("/healthz")
    assert _access_lines(capsys.readouterr().err) == []
    app_factory().test_client().get("/healthz")  # back to stderr by default
    assert len(_access_lines(capsys.readouterr().err)) == 1


def test_large_responses_are_gzipped(corpus_client: FlaskClient) -> None:
    plain = corpus_client.get("/api/v1/timeline")
    zipped = corpus_client.get("/api/v1/timeline", headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in plain.headers
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped.headers["Vary"]
    assert json.loads(gzip.decompress(zipped.get_data())) == plain.get_json()
    assert len(zipped.get_data()) < len(plain.get_data())
    # the weak ETag survives compression, so revalidation still gets a 304
    again = corpus_client.get(
        "/api/v1/timeline",
        headers={"Accept-Encoding": "gzip", "If-None-Match": zipped.headers["ETag"]},
    )
    assert again.status_code == 304


def test_behind_a_trusted_proxy_the_log_shows_the_client(
    app_factory: Callable[..., Flask], capsys: pytest.CaptureFixture[str]
) -> None:
    forwarded = {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"}
    capsys.readouterr()
    app_factory(TIMELINE_TRUSTED_PROXIES="1").test_client().get("/healthz", headers=forwarded)
    app_factory().test_client().get("/healthz", headers=forwarded)  # no proxy trusted
    trusted, direct = _access_lines(capsys.readouterr().err)
    assert trusted["remote"] == "203.0.113.7"
    assert direct["remote"] == "127.0.0.1"  # a client cannot claim another address
