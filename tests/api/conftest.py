"""Fixtures for the REST API tests: an app on a throw-away SQLite database per test.

Test modules get the samples and helpers through fixtures rather than imports, so they do
not depend on pytest's import mode (``tests/api`` has no ``__init__.py``: it would shadow
the ``api`` package).  The sample articles state their dates explicitly ("On August 15,
2025, ...") so that the assertions hold for any reasonable NLP: they check shapes and
filtering, and exact values only where a full date is written out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from api import close_store, create_app
from api.errors import PROBLEM_MIMETYPE

ALASKA: dict[str, Any] = {
    "title": "Trump and Putin meet in Alaska",
    "published": "2025-08-16",
    "url": "https://example.com/2025/08/16/alaska-summit",
    "text": "On August 15, 2025, Donald Trump met Vladimir Putin in Alaska.",
}
TAX_LAW: dict[str, Any] = {
    "title": "Tax bill becomes law",
    "published": "2025-07-05",
    "text": "On July 4, 2025, Donald Trump signed the tax bill into law.",
}
PARADE: dict[str, Any] = {
    "title": "Military parade in Beijing",
    "published": "2025-09-04",
    "text": "On September 3, 2025, Xi Jinping hosted a military parade in Beijing.",
}
ELECTION: dict[str, Any] = {
    "title": "Election result",
    "published": "2024-11-06",
    "text": "On November 5, 2024, Donald Trump won the presidential election.",
}
CORPUS = [ALASKA, TAX_LAW, PARADE, ELECTION]


class Articles:
    """The sample articles, by name, as handed to tests by the ``articles`` fixture."""

    alaska = ALASKA
    tax_law = TAX_LAW
    parade = PARADE
    election = ELECTION
    corpus = CORPUS


def check_problem(response: TestResponse, status: int) -> dict[str, Any]:
    """Assert ``response`` is an RFC 9457 problem with ``status``; return its body."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM_MIMETYPE
    body = response.get_json(force=True)
    assert isinstance(body, dict)
    assert body["type"] == "about:blank"
    assert body["status"] == status
    assert isinstance(body["title"], str) and body["title"]
    assert isinstance(body.get("detail", ""), str)
    assert "Traceback" not in response.get_data(as_text=True)
    return body


@pytest.fixture
def api_db(tmp_path: Path, migrated_sqlite_at: Callable[[Path], str]) -> str:
    """The test's database: its own copy of the session's migrated SQLite file."""
    return migrated_sqlite_at(tmp_path / "api.db")


@pytest.fixture
def app_factory(api_db: str) -> Iterator[Callable[..., Flask]]:
    """``app_factory(**config)``: an extra app on the test's database, closed afterwards."""
    made: list[Flask] = []

    def factory(**config: Any) -> Flask:
        made.append(make_app(api_db, **config))
        return made[-1]

    yield factory
    for application in made:
        close_store(application)


def make_app(database_url: str, **config: Any) -> Flask:
    """An app on the SQLite database at ``database_url``; callers must ``close_store`` it."""
    return create_app({"TESTING": True, "TIMELINE_DATABASE_URL": database_url, **config})


@pytest.fixture
def articles() -> type[Articles]:
    return Articles


@pytest.fixture
def problem() -> Callable[[TestResponse, int], dict[str, Any]]:
    """``problem(response, status)`` checks a problem response and returns its body."""
    return check_problem


@pytest.fixture
def app(api_db: str) -> Iterator[Flask]:
    application = make_app(api_db)
    yield application
    close_store(application)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def corpus_client(client: FlaskClient) -> FlaskClient:
    """A client whose store holds the four sample articles."""
    response = client.post("/api/v1/documents", json=CORPUS)
    assert response.status_code == 201, response.get_json()
    return client
