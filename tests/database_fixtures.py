"""Databases for tests that run on SQLite and on PostgreSQL (the store suite, the
hardening battery).

PostgreSQL comes from ``$TIMELINE_TEST_POSTGRES_URL`` (default: the local test service).
Each test gets its own freshly created schema, named after a per-session random prefix and
selected through ``search_path`` in the URL; the store (and its migrations) then work in
that schema without knowing about it.  Parallel or leftover runs therefore never see each
other's tables, and every test migrates an empty database.  When PostgreSQL is unreachable
its tests are skipped, except under ``CI=true`` where that is a failure.
"""

from __future__ import annotations

import itertools
import os
import secrets
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import NullPool

from timeline.store.engine import normalise_url

POSTGRES_URL_ENV = "TIMELINE_TEST_POSTGRES_URL"
POSTGRES_URL_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _postgres_url() -> str:
    return os.environ.get(POSTGRES_URL_ENV) or POSTGRES_URL_DEFAULT


class PostgresServer:
    """An admin connection to the test server and the schema names of this session."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self.prefix = f"timeline_test_{os.getpid()}_{secrets.token_hex(4)}"
        self._counter = itertools.count(1)

    def create_schema(self) -> str:
        schema = f"{self.prefix}_{next(self._counter)}"
        with self.engine.begin() as connection:
            connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        return schema

    def drop_schema(self, schema: str) -> None:
        with self.engine.begin() as connection:
            # Never hang the suite on a connection a failed test left in a transaction.
            connection.exec_driver_sql("SET LOCAL lock_timeout = '10s'")
            connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')

    def url_for(self, schema: str) -> str:
        url = make_url(self.url).update_query_dict({"options": f"-csearch_path={schema}"})
        return url.render_as_string(hide_password=False)

    def drop_leftovers(self) -> None:
        with self.engine.connect() as connection:
            schemas = (
                connection.execute(
                    sa.text("SELECT nspname FROM pg_namespace WHERE starts_with(nspname, :p)"),
                    {"p": f"{self.prefix}_"},
                )
                .scalars()
                .all()
            )
        for schema in schemas:
            self.drop_schema(schema)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """The PostgreSQL test server, or a skip (a failure under ``CI=true``) if unreachable."""
    url = _postgres_url()
    shown = make_url(url).render_as_string(hide_password=True)
    engine = sa.create_engine(
        normalise_url(url), poolclass=NullPool, connect_args={"connect_timeout": 5}
    )
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except sa.exc.DBAPIError as exc:
        engine.dispose()
        message = f"PostgreSQL not reachable at {shown}: {exc.orig}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    server = PostgresServer(engine, url)
    try:
        yield server
    finally:
        server.drop_leftovers()
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A URL of an empty database (not migrated yet) of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('store') / 'timeline.db'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    schema = server.create_schema()
    try:
        yield server.url_for(schema)
    finally:
        server.drop_schema(schema)
