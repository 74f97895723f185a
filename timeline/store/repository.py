"""The store: persists analysed documents and maintains the merged timeline.

The store is the only component that sees tables (``timeline.store.tables``); everything
it accepts and returns is a ``timeline.model`` dataclass.  See ``contract.md`` for the
interface shared with the CLI, the API and the pipeline.  ``Store`` is the facade over
the parts, each with one job:

* ``unit_of_work``: the writes (add, re-analyse, delete a document) and the transaction
  that makes several of them one;
* ``entries``: merging events into entries and keeping entries true to their events;
* ``queries``: the SQL of the entry listings, compiled once per filter shape;
* ``rows``: dataclasses to columns and back; ``keys``: the normalised keys it indexes by.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker

from timeline.model import AnalysedDocument, Document, TimelineEntry
from timeline.store.engine import create_engine, database_url, reader, writer
from timeline.store.index import Neighbourhood, any_document, related_documents, stored_hashes
from timeline.store.jobs import Jobs
from timeline.store.keys import MIGRATE_LOCK, entity_key
from timeline.store.queries import (
    REVISION_SQL,
    WITHIN,
    EntryPage,
    EntryQuery,
    entry_page_sql,
    revision_token,
    run_page,
)
from timeline.store.rows import entry_from_record
from timeline.store.streaming import EntryStream, open_stream
from timeline.store.tables import EntryEntityRow, EntryRow
from timeline.store.unit_of_work import (
    DocumentRecord,
    IngestResult,
    StoreChanged,
    UnitOfWork,
    hold_writer_lock,
    read_analysed,
    read_document,
    read_documents,
)
from timeline.store.unsettled import (
    count_unsettled,
    set_aside_documents,
    unsettled_ids,
    waiting_among,
)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

_T = TypeVar("_T")
_EVERY_ENTRY = EntryQuery()


class Store:
    """Persistence of documents, their analyses, and the merged timeline.

    A ``Store`` is cheap to share: it holds an engine (a connection pool) and opens one
    session per call, so it can be used from several threads.  Call ``migrate()`` once at
    startup before anything else.
    """

    def __init__(self, url: str | None = None) -> None:
        self.url = database_url(url)
        self._engine = create_engine(self.url)
        self._writer = writer(self._engine)
        self._reader = reader(self._engine)
        # The hot read path (``entry_page``, ``revision``) runs precompiled SQL on bare
        # DB-API connections (see ``_read``).  On PostgreSQL it has its own small pool in
        # autocommit mode without a pre-ping: each of its reads is one statement (a
        # consistent snapshot by itself), so a page costs one round trip, not five
        # (ping, BEGIN, query, COMMIT...).  A connection found dead is replaced and the
        # read retried once instead.
        self._read_engine = self._engine
        if self._engine.dialect.name == "postgresql":
            self._read_engine = create_engine(
                self.url, isolation_level="AUTOCOMMIT", pool_pre_ping=False
            )
        self._read_session = sessionmaker(self._reader, expire_on_commit=False)
        self._write_session = sessionmaker(self._writer, expire_on_commit=False)

    @property
    def engine(self) -> Engine:
        """The underlying engine (for tooling and tests; the store API needs no SQL)."""
        return self._engine

    @property
    def jobs(self) -> Jobs:
        """The task queue's jobs (``timeline.store.jobs``), in this store's database."""
        return Jobs(self._write_session, self._read_session)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release pooled connections (an in-memory SQLite database is gone after this)."""
        self._engine.dispose()
        if self._read_engine is not self._engine:
            self._read_engine.dispose()

    # -- schema ---------------------------------------------------------------------------

    def migrate(self) -> None:
        """Bring the schema to the latest migration (``alembic upgrade head``); idempotent.

        Alembic runs on one of our own connections, inside one transaction: that makes it
        work on in-memory SQLite and in whatever PostgreSQL schema ``search_path`` selects,
        and a failed migration leaves nothing behind.  On PostgreSQL an advisory lock
        makes concurrent starts (several API workers) migrate one at a time.
        """
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
        with self._writer.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATE_LOCK})
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    # -- writes ---------------------------------------------------------------------------

    @contextmanager
    def unit_of_work(self, *, expected_revision: str | None = None) -> Iterator[UnitOfWork]:
        """One transaction for several writes (and the reads they depend on)::

            revision = store.revision()
            ...  # read what the writes depend on, prepare them
            with store.unit_of_work(expected_revision=revision) as work:
                results = [work.add(a) for a in analysed]
                work.replace_analysis(...)

        Committed when the block ends, rolled back entirely if it raises.  Other writers
        wait for it (see ``timeline.store.unit_of_work``), so prepare the writes before:
        with ``expected_revision`` it raises ``StoreChanged`` (writing nothing) when the
        store was written to since that revision was read.
        """
        with self._write_session.begin() as session:
            hold_writer_lock(session, exclusive=True)
            work = UnitOfWork(session)
            if expected_revision is not None and work.revision() != expected_revision:
                raise StoreChanged(f"the store moved on from revision {expected_revision}")
            yield work
            work.settle()

    @contextmanager
    def _single_write(self) -> Iterator[UnitOfWork]:
        with self._write_session.begin() as session:
            hold_writer_lock(session, exclusive=False)
            work = UnitOfWork(session)
            yield work
            work.settle()

    def add(self, analysed: AnalysedDocument) -> IngestResult:
        """Store a document and its analysis, merging its events into the timeline.

        Re-ingesting the same content (same ``Document.content_hash``) is a no-op that
        returns the existing id with ``created=False``.  Everything happens in one
        transaction: if anything fails, nothing of the document is stored.
        """
        with self._single_write() as work:
            return work.add(analysed)

    def replace_analysis(self, document_id: int, analysed: AnalysedDocument) -> None:
        """``UnitOfWork.replace_analysis`` in a transaction of its own."""
        with self._single_write() as work:
            work.replace_analysis(document_id, analysed)

    def delete(self, document_id: int) -> bool:
        """``UnitOfWork.delete`` in a transaction of its own."""
        with self._single_write() as work:
            return work.delete(document_id)

    # -- reads ----------------------------------------------------------------------------

    def documents(self, *, limit: int | None = None, after: int | None = None) -> list[Document]:
        """Documents in id (ingestion) order, with ``id`` and ``published`` set.

        ``after``/``limit`` page through them (keyset: the ids after ``after``), so a page
        costs the same however deep it is.
        """
        with self._read_session.begin() as session:
            return read_documents(session, limit=limit, after=after)

    def revision(self) -> str:
        """A token that changes whenever any document, expression, event or entry changes.

        ``epoch-revision``: the epoch is random per database, the revision counts write
        transactions.  Cheap (one primary-key read), so the API derives ETags from it
        without reading the data.  Read it *before* the data it validates: a write in
        between then only makes the token older than the data, never newer
        (``entry_page`` returns the revision of its own snapshot instead).
        """
        rows = self._read(lambda connection: self._run(connection, REVISION_SQL, {}))
        return revision_token(rows[0] if rows else None)

    def has_entity(self, name: str) -> bool:
        """Whether some entry has an entity ``name`` matches (as the ``entity`` filter does)."""
        if not entity_key(name):
            return False
        return bool(self.entry_page(EntryQuery(entity=name, limit=1)).records)

    def document(self, document_id: int) -> DocumentRecord | None:
        """A stored document with its sentences, expressions and events, or None."""
        with self._read_session.begin() as session:
            return read_document(session, document_id)

    def related(
        self, names: Iterable[str], *, fanout: int, exclude: Iterable[int] = ()
    ) -> Neighbourhood:
        """The stored documents sharing one of ``names`` (multi-word participant names,
        casefolded: ``index.document_name_keys``), at most ``fanout`` of them besides
        ``exclude``, through the candidate index (``timeline.store.index.related_documents``)."""
        with self._read_session.begin() as session:
            return related_documents(session, names, fanout=fanout, exclude=exclude)

    def unsettled(self, *, limit: int | None = None) -> list[int]:
        """The documents whose neighbourhood the settle job has still to re-date
        (``timeline.settling``), the longest waiting first, at most ``limit``."""
        with self._read_session.begin() as session:
            return unsettled_ids(session, limit=limit)

    def unsettled_among(self, document_ids: Iterable[int]) -> set[int]:
        """Those of ``document_ids`` the settle job has still to settle."""
        with self._read_session.begin() as session:
            return waiting_among(session, document_ids)

    def unsettled_count(self) -> int:
        """How many documents the settle job has still to settle."""
        with self._read_session.begin() as session:
            return count_unsettled(session)

    def set_aside(self) -> list[tuple[int, str]]:
        """The documents the settle job set aside (it failed on them alone), with why."""
        with self._read_session.begin() as session:
            return set_aside_documents(session)

    def analysed(self, document_ids: Sequence[int]) -> list[AnalysedDocument]:
        """Stored documents with their sentences, expressions and events, in the order
        of ``document_ids`` (unknown ones left out): ``document`` for many at once."""
        with self._read_session.begin() as session:
            return read_analysed(session, document_ids)

    def stored_hashes(self, hashes: Iterable[str]) -> set[str]:
        """Which of these content hashes are stored."""
        with self._read_session.begin() as session:
            return stored_hashes(session, hashes)

    def has_documents(self) -> bool:
        """Whether any document is stored."""
        with self._read_session.begin() as session:
            return any_document(session)

    def entries(self, query: EntryQuery = _EVERY_ENTRY) -> list[TimelineEntry]:
        """The entries ``query`` selects (``EntryQuery``; default: all of them), in
        timeline order (interval start, end, then entry id) unless it says otherwise.

        The same query as ``entry_page``, as model objects.
        """
        return [entry_from_record(record) for record in self.entry_page(query).records]

    def entry_page(self, query: EntryQuery = _EVERY_ENTRY) -> EntryPage:
        """``entries`` as plain records (``EntryPage.records``), with the store revision
        they were read at: the API's hot path (``timeline.store.queries``).
        """
        if query.limit == 0:
            return EntryPage(self.revision(), [])
        dialect = self._read_engine.dialect.name
        sql, params = entry_page_sql(dialect, query)
        return self._read(lambda connection: run_page(connection, dialect, sql, params))

    def stream_entries(self, query: EntryQuery = _EVERY_ENTRY) -> EntryStream:
        """Every entry ``query`` selects (its ``limit`` ignored), as ``entry_page``
        records, read through a server-side cursor a chunk at a time
        (``timeline.store.streaming``): the full export without the whole array in memory.
        One snapshot, whose revision is ``EntryStream.revision``; close the stream.
        """
        dialect = self._read_engine.dialect.name
        sql, params = entry_page_sql(dialect, replace(query, limit=None))
        return open_stream(self._read_engine.raw_connection, dialect, sql, params)

    def entry_record(self, entry_id: int) -> tuple[str, dict[str, Any] | None]:
        """One entry as ``entry_page`` reads it, and the revision: ``(revision, None)``
        when there is no such entry.

        The entry's interval is read first, then the page of entries lying within it
        that starts right after ``(start, end, id - 1)`` in timeline order: that page's
        one record is the entry itself, read by the same query as every listing (so the
        shapes cannot differ).
        """
        with self._read_session.begin() as session:
            row = session.execute(
                select(EntryRow.start, EntryRow.end).where(EntryRow.id == entry_id)
            ).first()
        if row is None:
            return self.revision(), None
        start, end = row
        page = self.entry_page(
            EntryQuery(start=start, end=end, mode=WITHIN, after=(start, end, entry_id - 1), limit=1)
        )
        found = page.records[0] if page.records and page.records[0]["id"] == entry_id else None
        return page.revision, found

    def entities(self) -> list[tuple[str, int]]:
        """Every entity with its number of entries, most frequent first.

        Names that differ only in case or spacing are one entity (``entity_key``); it is
        shown with its most frequent spelling.  Ties are broken alphabetically so the
        order is the same on every database.
        """
        stmt = select(
            EntryEntityRow.name_key, EntryEntityRow.name, func.count().label("n")
        ).group_by(EntryEntityRow.name_key, EntryEntityRow.name)
        with self._read_session.begin() as session:
            rows = session.execute(stmt).all()
        totals: dict[str, int] = defaultdict(int)
        spellings: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for key, name, count in rows:
            totals[key] += count
            spellings[key].append((count, name))
        named = [
            (min(spellings[key], key=lambda s: (-s[0], s[1]))[1], total)
            for key, total in totals.items()
        ]
        named.sort(key=lambda item: (-item[1], item[0].casefold(), item[0]))
        return named

    # -- internals ------------------------------------------------------------------------

    def _read(self, work: Callable[[Any], _T]) -> _T:
        """``work(connection)`` on a bare DB-API connection of the read pool.

        The read pool does not ping connections at checkout (a round trip per request):
        a read that fails because its pooled connection died (the server restarted) is
        retried once on a fresh one.
        """
        engine = self._read_engine
        for attempt in range(2):
            proxy = engine.raw_connection()
            try:
                return work(proxy.driver_connection)
            except engine.dialect.loaded_dbapi.Error as exc:
                if attempt or not engine.dialect.is_disconnect(exc, proxy.dbapi_connection, None):
                    raise
                proxy.invalidate()
            finally:
                proxy.close()
        raise AssertionError("unreachable")

    def _run(self, connection: Any, sql: str, params: dict[str, Any]) -> list[Any]:
        if self._read_engine.dialect.name == "postgresql":
            return list(connection.execute(sql, params, prepare=True).fetchall())
        return list(connection.execute(sql, params).fetchall())
