"""``timeline serve``: gunicorn by default, Flask's reloader with ``--dev``, both for real
(a subprocess on a free port, probed over HTTP, then stopped)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from server_process import serving as serving_process

from timeline.commands.serve import gunicorn_options


@contextmanager
def serving(tmp_path: Path, *args: str) -> Iterator[tuple[str, Path]]:
    """Run ``timeline serve ARGS`` until the block ends; yield its base URL and stderr file."""
    err = tmp_path / "serve.err"
    env = {"TIMELINE_DATABASE_URL": f"sqlite:///{tmp_path / 's.db'}"}
    with serving_process(list(args), env, err) as base:
        yield base, err


def test_serve_runs_gunicorn_and_answers_ready(tmp_path: Path) -> None:
    with serving(tmp_path, "--workers", "2", "--threads", "2") as (base, err):
        request = urllib.request.Request(f"{base}/readyz", headers={"X-Request-ID": "probe-1"})
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.headers["Server"].startswith("gunicorn")
            assert response.headers["X-Request-ID"] == "probe-1"
            assert json.load(response)["status"] == "ready"
        try:
            urllib.request.urlopen(f"{base}/api/v1/documents/999", timeout=30)
        except urllib.error.HTTPError as error:
            assert error.code == 404
            assert error.headers["Content-Type"] == "application/problem+json"
    log = err.read_text()
    assert "with gunicorn: 2 worker(s) x 2 thread(s)" in log
    lines = [json.loads(x) for x in log.splitlines() if x.startswith('{"time"')]
    assert [(x["path"], x["status"]) for x in lines] == [
        ("/healthz", 200),
        ("/readyz", 200),
        ("/api/v1/documents/999", 404),
    ]
    assert lines[1]["request_id"] == "probe-1"


def test_serve_dev_keeps_flasks_reloader(tmp_path: Path) -> None:
    with (
        serving(tmp_path, "--dev") as (base, err),
        urllib.request.urlopen(f"{base}/healthz", timeout=30) as response,
    ):
        assert "Werkzeug" in response.headers["Server"]
    assert "reloads on change" in err.read_text()


def test_gunicorn_options_follow_workers_and_threads() -> None:
    threaded = gunicorn_options("0.0.0.0:8000", 3, 8, 60, "info")
    assert threaded["bind"] == ["0.0.0.0:8000"] and threaded["workers"] == 3
    assert threaded["worker_class"] == "gthread" and threaded["threads"] == 8
    assert threaded["accesslog"] is None  # the app logs each request once
    assert gunicorn_options("unix:/run/t.sock", 1, 1, 60, "info")["worker_class"] == "sync"
