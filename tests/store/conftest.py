"""Fixtures for the store tests: every database test runs on SQLite and on PostgreSQL.

PostgreSQL comes from ``$TIMELINE_TEST_POSTGRES_URL`` (default: the local test service).
Each session works in schemas named after a per-session random prefix and selected through
``search_path`` in the URL; the store (and its migrations) then work in that schema
without knowing about it, and parallel or leftover runs never see each other's tables.
When PostgreSQL is unreachable its tests are skipped, except under ``CI=true`` where that
is a failure.

``store``: every test gets an empty database migrated to head, its own: on SQLite a copy
of the session's migrated file, on PostgreSQL the session's migrated schema emptied before
the test (tables truncated, ids restarted, a new epoch), so the migrations run once per
session, not once per test.  ``db_url``: a freshly created, empty database that is not
migrated (for the tests of migrations themselves, and those that need a second database;
with the server, from ``database_fixtures``, which the hardening suite shares).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from database_fixtures import PostgresServer, db_url, postgres_server

from timeline.store import Store
from timeline.store.tables import Base

__all__ = ["PostgresServer", "db_url", "postgres_migrated", "postgres_server", "store"]


@pytest.fixture(scope="session")
def postgres_migrated(postgres_server: PostgresServer) -> str:
    """The URL of a schema migrated to head once per session (emptied by ``store``)."""
    url = postgres_server.url_for(postgres_server.create_schema())
    with Store(url) as migrated:
        migrated.migrate()
    return url


# Every table the store writes (``store_state`` is reset, not emptied).
_DATA_TABLES = tuple(t.name for t in Base.metadata.sorted_tables if t.name != "store_state")


def _empty(url: str) -> None:
    """Make a migrated PostgreSQL schema what migrating an empty one gives."""
    with Store(url) as emptied, emptied.engine.begin() as connection:
        connection.exec_driver_sql("SET LOCAL lock_timeout = '10s'")
        connection.exec_driver_sql(f"TRUNCATE {', '.join(_DATA_TABLES)} RESTART IDENTITY CASCADE")
        connection.exec_driver_sql("DELETE FROM store_state")
        connection.execute(
            sa.text("INSERT INTO store_state (id, epoch, revision) VALUES (1, :epoch, 0)"),
            {"epoch": uuid.uuid4().hex},
        )


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """An empty store migrated to head, of its own, on each database (see above)."""
    if request.param == "sqlite":
        url = request.getfixturevalue("migrated_sqlite")
    else:
        url = request.getfixturevalue("postgres_migrated")
        _empty(url)
    with Store(url) as migrated:
        yield migrated
