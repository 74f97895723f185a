"""Fixtures of the hardening suite: the same attacks on SQLite and on PostgreSQL.

``database`` is one fresh database of each kind per test module (a PostgreSQL schema of
its own), shared by the module's tests: the battery's cases compare what a request stored
with what was there before it, so they need no empty store each.  ``fresh_database`` is
a new one per test, for the cases that count from zero.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from database_fixtures import PostgresServer, postgres_server

__all__ = ["database", "fresh_database", "postgres_server"]

KINDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def _url(
    kind: str, request: pytest.FixtureRequest, folder: Path
) -> Iterator[str]:  # pragma: no cover - trivial
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'timeline.db'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    schema = server.create_schema()
    try:
        yield server.url_for(schema)
    finally:
        server.drop_schema(schema)


@pytest.fixture(scope="module", params=KINDS)
def database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A database URL of each kind, shared by the tests of one module."""
    yield from _url(request.param, request, tmp_path_factory.mktemp("hardening"))


@pytest.fixture(params=KINDS)
def fresh_database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """An empty database URL of each kind, for one test."""
    yield from _url(request.param, request, tmp_path_factory.mktemp("fresh"))
