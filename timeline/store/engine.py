"""Database URLs and engines: the only place that knows how SQLite and PostgreSQL differ.

SQLite is the zero-setup default for a single user and PostgreSQL the choice for a shared
service; both run the same schema, migrations and queries.  SQLite needs some help to be
a good citizen when several processes (the CLI and the API) share one file:

* ``journal_mode=WAL`` so readers never block the writer and vice versa;
* ``foreign_keys=ON`` because SQLite ignores foreign keys (and ON DELETE CASCADE) otherwise;
* ``busy_timeout`` (30 s, ``$TIMELINE_SQLITE_BUSY_TIMEOUT_MS``) so a second writer waits for
  the lock instead of failing at once.  Five seconds was too short on a loaded machine: a
  unit of work that re-dates its neighbourhood can hold the lock that long, and the
  waiting writer then failed with "database is locked";
* write transactions start with ``BEGIN IMMEDIATE``.  A deferred transaction that reads
  and then writes (as ``Store.add`` does: dedup check, merge candidates, then inserts)
  takes the write lock only at its first write, and when another writer committed in
  between SQLite fails it with "database is locked" without honouring the busy timeout.
  Taking the lock up front makes the busy timeout apply and serialises merges.

To control ``BEGIN`` ourselves, pysqlite's own transaction handling is switched off
(``isolation_level = None``), as the SQLAlchemy documentation recommends; this also makes
SQLite DDL transactional, so a failed migration leaves nothing half-done.
"""

from __future__ import annotations

import os
import sqlite3
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.pool import ConnectionPoolEntry, StaticPool
from sqlalchemy.sql.functions import FunctionElement

DEFAULT_URL = "sqlite:///timeline.db"
ENV_VAR = "TIMELINE_DATABASE_URL"

# Execution option marking engines (and so sessions) that will write; see module docstring.
WRITE_OPTION = "timeline_write"

_SQLITE_BUSY_TIMEOUT_ENV = "TIMELINE_SQLITE_BUSY_TIMEOUT_MS"
_SQLITE_BUSY_TIMEOUT_DEFAULT_MS = 30_000


def sqlite_busy_timeout_ms() -> int:
    """How long a SQLite writer waits for the write lock, in milliseconds."""
    raw = os.environ.get(_SQLITE_BUSY_TIMEOUT_ENV, "")
    try:
        value = int(raw)
    except ValueError:
        return _SQLITE_BUSY_TIMEOUT_DEFAULT_MS
    return value if value >= 0 else _SQLITE_BUSY_TIMEOUT_DEFAULT_MS


def database_url(explicit: str | None = None) -> str:
    """The database to use: ``explicit``, else ``$TIMELINE_DATABASE_URL``, else SQLite.

    The default is a ``timeline.db`` file in the working directory so that the CLI works
    with no configuration at all.
    """
    if explicit:
        return explicit
    return os.environ.get(ENV_VAR) or DEFAULT_URL


def normalise_url(url: str | URL) -> URL:
    """Parse ``url`` and pick the psycopg 3 driver for plain PostgreSQL URLs.

    ``postgresql://`` (and Heroku-style ``postgres://``) would make SQLAlchemy look for
    psycopg2, which the project does not depend on; psycopg 3 is what is installed.  Other
    databases (``mysql://``...) and text that is no URL are a ValueError saying which
    URLs work, rather than a driver import error from deep inside SQLAlchemy.
    """
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise ValueError(f"not a database URL: {str(url)[:60]!r} ({_SUPPORTED})") from error
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        shown = parsed.render_as_string(hide_password=True)
        raise ValueError(f"unsupported database URL {shown}: {_SUPPORTED}")
    return parsed


# The two databases the schema, its migrations and its queries are written and tested for.
_SUPPORTED = "use sqlite:///PATH or postgresql://USER@HOST/DATABASE"


def is_memory_sqlite(url: URL) -> bool:
    """True for SQLite URLs whose database lives (and dies) with one connection."""
    if url.get_backend_name() != "sqlite":
        return False
    database = url.database or ""
    return database in ("", ":memory:") or (
        database.startswith("file:") and "mode=memory" in database
    )


def create_engine(url: str | URL, **kwargs: Any) -> Engine:
    """An engine for ``url`` configured as the store needs it (see module docstring).

    In-memory SQLite gets a single shared connection (``StaticPool``): every connection
    would otherwise see its own empty database, and the migrated schema would vanish.
    """
    parsed = normalise_url(url)
    if parsed.get_backend_name() != "sqlite":
        kwargs.setdefault("pool_pre_ping", True)
        return sa.create_engine(parsed, **kwargs)

    if is_memory_sqlite(parsed):
        kwargs.setdefault("poolclass", StaticPool)
        connect_args = dict(kwargs.pop("connect_args", {}))
        connect_args.setdefault("check_same_thread", False)
        kwargs["connect_args"] = connect_args
    engine = sa.create_engine(parsed, **kwargs)
    event.listen(engine, "connect", _on_sqlite_connect)
    event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def writer(engine: Engine) -> Engine:
    """A view of ``engine`` (same pool) whose transactions are write transactions."""
    return engine.execution_options(**{WRITE_OPTION: True})


def reader(engine: Engine) -> Engine:
    """A view of ``engine`` whose transactions see one consistent snapshot.

    A listing runs several queries (entries, then their sources and entities); under
    PostgreSQL's default READ COMMITTED a concurrent delete could slip in between them.
    SQLite read transactions are snapshots already (WAL).
    """
    if engine.dialect.name == "postgresql":
        return engine.execution_options(isolation_level="REPEATABLE READ")
    return engine


def _on_sqlite_connect(dbapi_connection: sqlite3.Connection, _: ConnectionPoolEntry) -> None:
    # Let the "begin" listener emit BEGIN instead of pysqlite's implicit, late BEGIN.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        # busy_timeout first: switching to WAL needs a lock another process may hold.
        cursor.execute(f"PRAGMA busy_timeout={sqlite_busy_timeout_ms()}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()
    dbapi_connection.create_function("timeline_lower", 1, _lower, deterministic=True)


def _on_sqlite_begin(connection: Connection) -> None:
    if connection.get_execution_options().get(WRITE_OPTION):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")


def _lower(value: str | None) -> str | None:
    return None if value is None else value.lower()


class lower_text(FunctionElement[str]):
    """Unicode-aware ``lower()`` on both databases.

    SQLite's built-in ``lower()`` only folds ASCII, so "ÉTÉ" would not match "été"; the
    store registers Python's ``str.lower`` as ``timeline_lower`` on each SQLite connection.
    PostgreSQL's ``lower()`` is Unicode-aware already.  Compare against ``str.lower()`` of
    the other operand.
    """

    type = sa.Text()
    name = "lower_text"
    inherit_cache = True


@compiles(lower_text)
def _compile_lower_text(element: lower_text, compiler: Any, **kw: Any) -> str:
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(lower_text, "sqlite")
def _compile_lower_text_sqlite(element: lower_text, compiler: Any, **kw: Any) -> str:
    return f"timeline_lower({compiler.process(element.clauses, **kw)})"
