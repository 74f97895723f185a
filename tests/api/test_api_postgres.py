"""The entry listings on PostgreSQL answer exactly as on SQLite (same corpus, same bodies).

The API's hot path runs dialect-specific SQL (one prepared statement with ``json_agg`` on
PostgreSQL, two statements on SQLite), so the bodies and ETag behaviour are compared end
to end.  Skipped when ``$TIMELINE_TEST_POSTGRES_URL`` (default: the local test server) is
unreachable, like the store suite.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from api import close_store, create_app
from timeline.store.engine import normalise_url

POSTGRES_URL = (
    os.environ.get("TIMELINE_TEST_POSTGRES_URL")
    or "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)

PATHS = [
    "/api/v1/events?start=2024&end=2025",
    "/api/v1/events?start=2025-08&end=2025-09&limit=1",
    "/api/v1/events?sort=-time&granularity=day,month&limit=2",
    "/api/v1/events?entity=trump&q=the",
    "/api/v1/events?document=1&mode=within&start=2025",
    "/api/v1/timeline",
    "/api/v1/timeline?format=csv",
    "/api/v1/entities/trump/timeline?limit=1",
]


@pytest.fixture
def postgres_app(corpus: Any) -> Iterator[Flask]:
    engine = sa.create_engine(
        normalise_url(POSTGRES_URL), poolclass=NullPool, connect_args={"connect_timeout": 5}
    )
    schema = f"timeline_api_test_{os.getpid()}_{secrets.token_hex(4)}"
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    except sa.exc.DBAPIError as exc:
        engine.dispose()
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL not reachable: {exc.orig}", pytrace=False)
        pytest.skip(f"PostgreSQL not reachable: {exc.orig}")
    url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    application = create_app(
        {"TESTING": True, "TIMELINE_DATABASE_URL": url.render_as_string(hide_password=False)}
    )
    try:
        yield application
    finally:
        close_store(application)
        with engine.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        engine.dispose()


@pytest.fixture
def corpus(articles: Any) -> list[dict[str, Any]]:
    return list(articles.corpus)


@pytest.mark.postgres
def test_entry_listings_match_sqlite(
    app: Flask, postgres_app: Flask, corpus: list[dict[str, Any]]
) -> None:
    clients = [app.test_client(), postgres_app.test_client()]
    for client in clients:
        assert client.post("/api/v1/documents", json=corpus).status_code == 201
    tags = {}
    for path in PATHS:
        sqlite, postgres = (client.get(path) for client in clients)
        assert postgres.status_code == sqlite.status_code == 200, path
        assert postgres.get_data() == sqlite.get_data(), path
        assert postgres.headers.get("Link") == sqlite.headers.get("Link"), path
        tags[path] = postgres.headers["ETag"]
        assert clients[1].get(path, headers={"If-None-Match": tags[path]}).status_code == 304
    clients[1].post("/api/v1/documents", json={"text": "On May 1, 2025, it rained."})
    for path, tag in tags.items():
        assert clients[1].get(path, headers={"If-None-Match": tag}).status_code == 200, path
