"""Every entry of a query, read through a server-side cursor and handed out a chunk at a
time, so the full ``GET /timeline`` export costs memory for one chunk, not the store.

The statement is the listing's own (``queries.entry_page_sql`` without a limit), run in
one read transaction, so the stream is one snapshot exactly like ``Store.entry_page``: the
same records in the same order, and the revision of that snapshot (read with the first
chunk, before anything is sent, so an ETag can be made from it and a database error is
still an error response).

* PostgreSQL: a named (server-side) cursor in a ``READ ONLY`` transaction, fetched
  ``CHUNK`` rows at a time; each row carries its entities and sources already.
* SQLite: the statement's own cursor, stepped ``CHUNK`` rows at a time (SQLite produces
  rows as they are stepped), and one details statement per chunk in the same transaction.

The stream holds a pooled connection until it is exhausted or closed: close it (the WSGI
server closes a streamed response's iterator when the client is gone).
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from typing import Any

from timeline.store.queries import postgresql_records, revision_token, sqlite_records

CHUNK = 500
_CURSOR_NAME = "timeline_entries"

Records = list[dict[str, Any]]
Chunks = Generator[tuple[str, Records], None, None]


class EntryStream:
    """The records of a query in order (iterate), and the ``revision`` they were read at.

    ``close()`` ends the read and gives the connection back (iterating to the end does
    too); it is safe to call at any point, also before any record was taken.
    """

    def __init__(self, revision: str, first: Records, rest: Chunks):
        self.revision = revision
        self._first: Records | None = first
        self._rest = rest

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for chunk in self.chunks():
            yield from chunk

    def chunks(self) -> Iterator[Records]:
        """The records a chunk at a time, as read (at most ``CHUNK`` each)."""
        first, self._first = self._first, None
        if first:
            yield first
        for _, records in self._rest:
            if records:
                yield records

    def close(self) -> None:
        self._first = None
        self._rest.close()  # runs the reader's cleanup: the transaction, the connection


def open_stream(
    acquire: Callable[[], Any], dialect: str, sql: str, params: dict[str, Any]
) -> EntryStream:
    """Start reading ``sql`` on a connection from ``acquire()`` (a pooled DB-API proxy,
    closed when the stream ends); the first chunk is read now."""
    proxy = acquire()
    reader = _postgresql if dialect == "postgresql" else _sqlite
    chunks = reader(proxy, sql, params)
    try:
        revision, first = next(chunks)
    except BaseException:
        chunks.close()
        raise
    return EntryStream(revision, first, chunks)


def _postgresql(proxy: Any, sql: str, params: dict[str, Any]) -> Chunks:
    connection = proxy.driver_connection
    try:
        connection.execute("BEGIN READ ONLY")
        try:
            with connection.cursor(name=_CURSOR_NAME) as cursor:
                cursor.execute(sql, params)
                rows = cursor.fetchmany(CHUNK)
                revision = revision_token(rows[0] if rows else None)
                while rows:
                    yield revision, postgresql_records(rows)
                    rows = cursor.fetchmany(CHUNK)
                yield revision, []  # (the first chunk of an empty result)
        finally:
            connection.execute("ROLLBACK")  # a read: nothing to commit
    finally:
        proxy.close()


def _sqlite(proxy: Any, sql: str, params: dict[str, Any]) -> Chunks:
    connection = proxy.driver_connection
    try:
        connection.execute("BEGIN")
        try:
            cursor = connection.execute(sql, params)
            rows = cursor.fetchmany(CHUNK)
            revision = revision_token(rows[0] if rows else None)
            while rows:
                yield revision, sqlite_records(connection, rows)
                rows = cursor.fetchmany(CHUNK)
            cursor.close()
            yield revision, []
        finally:
            connection.rollback()
    finally:
        proxy.close()
