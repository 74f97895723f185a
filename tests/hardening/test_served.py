"""The hardening that only a real server shows: ``timeline serve`` (gunicorn) started for
real on a free port, then attacked over HTTP.

* a chunked upload over ``TIMELINE_MAX_BODY_BYTES`` is a 413 and stores nothing (gunicorn
  hands the app a stream of unknown length, which Werkzeug used to cut at the limit and
  pass on as if complete);
* the database going away makes the API answer 503 with ``Retry-After`` while the workers
  keep serving, and a server started without its database waits a bounded time and says
  why in one line instead of dying with a traceback per worker;
* serving beyond the loopback interface without an API key is warned about.
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from server_process import HANG_GUARD_S, free_port, serve_command
from server_process import serving as serving_process
from sqlalchemy.engine import make_url
from test_battery import Proxy

from timeline.commands.startup import open_write_warning


@contextmanager
def serving(url: str, tmp_path: Path, **env: str) -> Iterator[str]:
    """``timeline serve`` on ``url`` until the block ends; yields its base URL."""
    err = tmp_path / "serve.err"
    args = ["--workers", "1", "--threads", "2"]
    with serving_process(args, {"TIMELINE_DATABASE_URL": url, **env}, err) as base:
        yield base
    assert "Traceback" not in err.read_text()


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_chunked_upload_over_the_limit_is_413_under_gunicorn(
    fresh_database: str, tmp_path: Path
) -> None:
    with serving(fresh_database, tmp_path, TIMELINE_MAX_BODY_BYTES="300") as base:
        port = int(base.rsplit(":", 1)[1])
        body = json.dumps({"text": "On May 4, 2021, the bridge opened. " * 20}).encode()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.putrequest("POST", "/api/v1/documents")
        connection.putheader("Content-Type", "application/json")
        connection.putheader("Transfer-Encoding", "chunked")
        connection.endheaders()
        for start in range(0, len(body), 100):
            chunk = body[start : start + 100]
            connection.send(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        connection.send(b"0\r\n\r\n")
        response = connection.getresponse()
        assert response.status == 413
        assert response.getheader("Content-Type") == "application/problem+json"
        connection.close()
        status, _, listed = get(f"{base}/api/v1/documents")
        assert (status, json.loads(listed)) == (200, [])


@pytest.mark.postgres
def test_database_going_away_is_503_and_the_server_stays(
    postgres_server: object, tmp_path: Path
) -> None:
    from database_fixtures import PostgresServer

    assert isinstance(postgres_server, PostgresServer)
    schema = postgres_server.create_schema()
    url = make_url(postgres_server.url_for(schema))
    proxy = Proxy(url.port or 5432)
    through = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    try:
        with serving(through, tmp_path) as base:
            assert get(f"{base}/api/v1/events")[0] == 200
            proxy.cut()
            status, headers, body = get(f"{base}/api/v1/events")
            assert status == 503, body
            assert int(headers["Retry-After"]) > 0
            assert json.loads(body)["status"] == 503
            assert get(f"{base}/healthz")[0] == 200  # the worker is still there
            assert get(f"{base}/readyz")[0] == 503
    finally:
        proxy.cut()
        postgres_server.drop_schema(schema)


def test_start_without_the_database_waits_then_says_why(tmp_path: Path) -> None:
    closed = f"postgresql://postgres@127.0.0.1:{free_port()}/test"
    result = subprocess.run(
        serve_command(free_port()),
        env={**os.environ, "TIMELINE_DATABASE_URL": closed, "TIMELINE_DATABASE_WAIT": "2"},
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_S,
    )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("waiting up to 2 s for the database: ")
    assert lines[-1].startswith("Error: the database did not answer within 2 s")
    assert len(lines) == 2 and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("address", "key", "warned"),
    [
        ("0.0.0.0:5000", None, True),
        ("192.168.1.20:80", None, True),
        ("[::]:5000", None, True),
        ("example.org:5000", None, True),
        ("0.0.0.0:5000", "s3cret", False),
        ("127.0.0.1:5000", None, False),
        ("127.0.0.2:5000", None, False),
        ("localhost:5000", None, False),
        ("[::1]:5000", None, False),
        ("unix:/run/timeline.sock", None, False),
    ],
)
def test_open_writes_beyond_loopback_are_warned_about(
    address: str, key: str | None, warned: bool
) -> None:
    warning = open_write_warning(address, key)
    assert (warning is not None) == warned
    if warning:
        assert "TIMELINE_API_KEY" in warning and address in warning
