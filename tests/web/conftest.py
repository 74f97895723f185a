"""Fixtures for the timeline page: an app on the ingested seeds, a live server, a browser.

The browser is the Debian ``chromium`` + ``chromium-driver`` pair (``make test`` installs
them when it runs as root).  Selenium is pointed at ``/usr/bin/chromedriver`` explicitly,
so Selenium Manager never runs and nothing is downloaded.  Without a browser the browser
tests skip locally and fail under ``CI=true``.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

from api import close_store, create_app
from api.context import get_store
from timeline.ingest import read_path
from timeline.pipeline import ingest_documents

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROME_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # tall enough that every stacked row of the seeds timeline is in view: vis-timeline
    # only puts items of the visible rows into the DOM
    "--window-size=1400,3000",
)


def _unavailable(reason: str) -> None:
    """Skip, or fail under CI where the browser must be there (``make test`` installs it)."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: the browser tests must run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def seeded_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """An app whose SQLite store holds ``seeds/``, ingested as ``timeline ingest seeds`` does."""
    db = tmp_path_factory.mktemp("web") / "web.db"
    app = create_app({"TESTING": True, "TIMELINE_DATABASE_URL": f"sqlite:///{db}"})
    with app.app_context():
        ingest_documents(get_store(), read_path(SEEDS))
    yield app
    close_store(app)


@contextmanager
def serve(app: Any) -> Iterator[str]:
    """Serve ``app`` on a free loopback port in a thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="web-live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def serve_wsgi() -> Callable[[Any], AbstractContextManager[str]]:
    """``with serve_wsgi(wsgi_app) as url:`` serves any WSGI app on the loopback."""
    return serve


@pytest.fixture(scope="session")
def live_server(seeded_app: Flask) -> Iterator[str]:
    """The seeded app served over HTTP for the browser."""
    with serve(seeded_app) as url:
        yield url


@pytest.fixture
def live_app(tmp_path: Path) -> Iterator[tuple[Flask, str]]:
    """A fresh app on an empty database of its own, served; yields ``(app, base URL)``."""
    app = create_app(
        {"TESTING": True, "TIMELINE_DATABASE_URL": f"sqlite:///{tmp_path / 'live.db'}"}
    )
    try:
        with serve(app) as url:
            yield app, url
    finally:
        close_store(app)


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Headless Chromium through chromedriver, with a throw-away profile."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.is_file()]
    if missing:
        _unavailable(
            f"no headless browser: {', '.join(missing)} missing "
            "(apt-get install chromium chromium-driver, or run `make test` as root)"
        )
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _unavailable("selenium is not installed (pip install -e '.[dev]')")

    profile = tmp_path_factory.mktemp("chromium-profile")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*CHROME_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # An explicit driver path: Selenium Manager (which downloads drivers) never runs.
    service = Service(str(CHROMEDRIVER))
    try:
        driver = webdriver.Chrome(service=service, options=options)
    except Exception as exc:  # a broken install should say so, not error in every test
        _unavailable(f"headless Chromium did not start: {exc}")
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
