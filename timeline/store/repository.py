"""The store: persists analysed documents and maintains the merged timeline.

The store is the only component that sees tables (``timeline.store.tables``); everything
it accepts and returns is a ``timeline.model`` dataclass.  See ``contract.md`` for the
interface shared with the CLI, the API and the pipeline.

Invariants the store maintains, whatever the order of ``add``/``replace_analysis``/
``delete`` calls:

* every anchored event (``interval`` set) is attached to exactly one entry, and every entry
  has at least one event (entries that lose their last event are deleted);
* an entry's interval, value, title and text are ``describe()`` of its earliest event, in
  ``(document_id, ordinal)`` order; because document ids only grow, that is the event that
  created it unless that event was later removed or re-analysed;
* an entry's entities are the union of its events' participants (by ``entity_key``), in
  order of first appearance, spelled as first seen.

Concurrency: each public write is one transaction.  On SQLite write transactions take the
database write lock up front (``BEGIN IMMEDIATE``, see ``engine``), so writers are
serialised.  On PostgreSQL, writers take a transaction-level advisory lock per blocking key
they touch (in sorted order, so two writers cannot deadlock) before reading merge
candidates: two documents reporting the same happening at the same time still end up in
one entry, and a delete cannot remove an entry that a concurrent add is joining.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    ColumnElement,
    Date,
    Double,
    Integer,
    Select,
    SmallInteger,
    String,
    and_,
    any_,
    bindparam,
    delete,
    exists,
    func,
    insert,
    literal_column,
    or_,
    select,
    text,
    true,
    tuple_,
    union_all,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY, aggregate_order_by
from sqlalchemy.dialects.postgresql import psycopg as postgresql_psycopg
from sqlalchemy.dialects.sqlite import dialect as sqlite_dialect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from timeline.events.describe import EntryDescription, describe
from timeline.events.merge import blocking_key, same_happening
from timeline.model import (
    AnalysedDocument,
    Anchoring,
    Document,
    Event,
    Evidence,
    Granularity,
    Interval,
    Provenance,
    PublicationDate,
    Sentence,
    Source,
    TemporalExpression,
    TimelineEntry,
    TimexType,
)
from timeline.store.engine import create_engine, database_url, lower_text, reader, writer
from timeline.store.tables import (
    DocumentRow,
    EntryEntityRow,
    EntryRow,
    EventRow,
    ExpressionRow,
    StoreStateRow,
)
from timeline.temporal.spec import parse_spec

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# Keeps IN (...) lists well below SQLite's bound-parameter limit however many entries an
# unlimited listing returns.
_IN_CHUNK = 500

# Advisory lock ids are a shared 64-bit namespace in a PostgreSQL database; derive ours
# from prefixed names so they are unlikely to collide with another application's.
_LOCK_PREFIX = b"timeline.store:"


def _lock_id(name: str) -> int:
    digest = hashlib.blake2b(_LOCK_PREFIX + name.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


_MIGRATE_LOCK = _lock_id("migrate")


def entity_key(name: str) -> str:
    """The normalised form of an entity name used for matching ("Putin" == "PUTIN ").

    Whitespace runs collapse to one space and case is folded (``str.casefold``, so "ß"
    matches "SS").  Computed in Python for both the stored keys and the queried name, so
    SQLite and PostgreSQL agree.
    """
    return " ".join(name.split()).casefold()


# The largest span class a calendar interval can have: ceil(log2(days from 0001 to 9999)).
MAX_SPAN_CLASS = (date.max - date.min).days.bit_length()

OVERLAPS = "overlaps"
WITHIN = "within"
RANGE_MODES = (OVERLAPS, WITHIN)

# The position of an entry in timeline order, (start, end, id): what a cursor points at.
EntryKey = tuple[date, date, int]


def span_class(interval: Interval) -> int:
    """``ceil(log2(days))`` of an interval: its entries start at most ``2**c`` days before
    any day they cover, which is what lets overlap queries use an index (``entries``)."""
    return (interval.days - 1).bit_length()


def entry_key(entry: TimelineEntry) -> EntryKey:
    """Where ``entry`` sits in timeline order; pass it as ``after`` to get the next page."""
    return (entry.interval.start, entry.interval.end, entry.id)


def entry_confidence(anchors: Iterable[tuple[bool, float | None]]) -> float:
    """How sure an entry's time is, from ``(absolute, publication confidence)`` per event.

    An event anchored on an absolute expression ("August 15, 2025", "in 2024") has a time
    that does not depend on when its article was published: the entry is certain (1.0) as
    soon as one of its reports states its date that way.  Otherwise every report derives
    the time from its article's publication date, and the entry is only as sure as the
    least sure of those dates (an undated article counts 0.0).  Simple on purpose: it is
    a filter (``min_confidence``), not a probability.
    """
    lowest = 1.0
    seen = False
    for absolute, published in anchors:
        if absolute:
            return 1.0
        seen = True
        lowest = min(lowest, published if published is not None else 0.0)
    return lowest if seen else 0.0


def _is_absolute(underspecified: str) -> bool:
    try:
        return not parse_spec(underspecified).needs_reference
    except ValueError:
        return False


@dataclass(frozen=True)
class IngestResult:
    """Outcome of ``Store.add``."""

    document_id: int
    created: bool  # False when the same content hash was already stored (no-op)


@dataclass(frozen=True)
class DocumentRecord:
    """A stored document with what was derived from it."""

    analysed: AnalysedDocument  # document.id and document.published are set
    content_hash: str


# One event of an entry with its position in merge order: (document_id, ordinal, event).
_Member = tuple[int, int, Event]


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
                connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATE_LOCK})
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    # -- writes ---------------------------------------------------------------------------

    def add(self, analysed: AnalysedDocument) -> IngestResult:
        """Store a document and its analysis, merging its events into the timeline.

        Re-ingesting the same content (same ``Document.content_hash``) is a no-op that
        returns the existing id with ``created=False``.  Everything happens in one
        transaction: if anything fails, nothing of the document is stored.
        """
        document = analysed.document
        content_hash = document.content_hash
        try:
            with self._write_session.begin() as session:
                existing = self._id_by_hash(session, content_hash)
                if existing is not None:
                    return IngestResult(existing, created=False)
                row = DocumentRow(
                    name=document.name,
                    url=document.url,
                    title=document.title,
                    text=document.text,
                    content_hash=content_hash,
                    metadata_=dict(document.metadata),
                    sentences=_sentences_to_json(document.text, analysed.sentences),
                    **_published_columns(document.published),
                )
                session.add(row)
                session.flush()
                self._lock_keys(session, _keys(analysed.events))
                self._insert_expressions(session, row.id, analysed.expressions)
                self._attach_events(session, row.id, analysed.events)
                self._bump_revision(session)
                return IngestResult(row.id, created=True)
        except IntegrityError:
            # A concurrent add of the same content won the unique content_hash race.
            with self._read_session.begin() as session:
                existing = self._id_by_hash(session, content_hash)
            if existing is None:
                raise
            return IngestResult(existing, created=False)

    def replace_analysis(self, document_id: int, analysed: AnalysedDocument) -> None:
        """Replace a document's publication date, expressions and events, in one transaction.

        Used after the publication date is pinned and everything is re-resolved: the new
        events are merged into the timeline as if freshly added (a happening that did not
        move stays in its entry, which keeps its id), entries that lost events are
        re-described, and entries left without events are deleted.  The text must be
        the same document (same content hash); it is stored again, together with the
        sentences, because the new offsets refer to it.  Name, title, URL and metadata are
        kept.  Raises ``KeyError`` for an unknown id and ``ValueError`` for other content.
        """
        content_hash = analysed.document.content_hash
        with self._write_session.begin() as session:
            row = session.get(DocumentRow, document_id, with_for_update=True)
            if row is None:
                raise KeyError(document_id)
            if row.content_hash != content_hash:
                raise ValueError(
                    f"document {document_id} has other content: replace_analysis keeps the "
                    "document and replaces only what was derived from it"
                )
            old_entries, old_keys = self._entries_of_document(session, document_id)
            self._lock_keys(session, old_keys | _keys(analysed.events))

            row.text = analysed.document.text
            row.sentences = _sentences_to_json(analysed.document.text, analysed.sentences)
            for column, value in _published_columns(analysed.document.published).items():
                setattr(row, column, value)
            session.execute(delete(ExpressionRow).where(ExpressionRow.document_id == document_id))
            self._insert_expressions(session, document_id, analysed.expressions)
            touched = self._attach_events(session, document_id, analysed.events, replacing=True)
            self._refresh_entries(session, old_entries - touched)
            self._bump_revision(session)

    def delete(self, document_id: int) -> bool:
        """Delete a document with its expressions and events; False if there was none.

        Entries that lose all their events disappear; the others are re-described from
        their remaining events (entities and, if needed, title and text).
        """
        with self._write_session.begin() as session:
            row = session.get(DocumentRow, document_id, with_for_update=True)
            if row is None:
                return False
            old_entries, old_keys = self._entries_of_document(session, document_id)
            self._lock_keys(session, old_keys)
            # Explicit deletes rather than relying on ON DELETE CASCADE alone, so that a
            # connection without SQLite's foreign_keys pragma cannot leave orphans.
            session.execute(delete(EventRow).where(EventRow.document_id == document_id))
            session.execute(delete(ExpressionRow).where(ExpressionRow.document_id == document_id))
            session.execute(delete(DocumentRow).where(DocumentRow.id == document_id))
            self._refresh_entries(session, old_entries)
            self._bump_revision(session)
            return True

    # -- reads ----------------------------------------------------------------------------

    def documents(self, *, limit: int | None = None, after: int | None = None) -> list[Document]:
        """Documents in id (ingestion) order, with ``id`` and ``published`` set.

        ``after``/``limit`` page through them (keyset: the ids after ``after``), so a page
        costs the same however deep it is.
        """
        stmt = select(DocumentRow).order_by(DocumentRow.id)
        if after is not None:
            stmt = stmt.where(DocumentRow.id > after)
        if limit is not None:
            stmt = stmt.limit(limit)
        with self._read_session.begin() as session:
            rows = session.scalars(stmt).all()
            return [_document_from_row(row) for row in rows]

    def revision(self) -> str:
        """A token that changes whenever any document, expression, event or entry changes.

        ``epoch-revision``: the epoch is random per database, the revision counts write
        transactions.  Cheap (one primary-key read), so the API derives ETags from it
        without reading the data.  Read it *before* the data it validates: a write in
        between then only makes the token older than the data, never newer
        (``entry_page`` returns the revision of its own snapshot instead).
        """
        rows = self._read(lambda connection: self._run(connection, _REVISION_SQL, {}))
        return _revision_token(rows[0] if rows else None)

    def has_entity(self, name: str) -> bool:
        """Whether some entry has an entity ``name`` matches (as the ``entity`` filter does)."""
        key = entity_key(name)
        if not key:
            return False
        with self._read_session.begin() as session:
            return bool(session.scalar(select(exists().where(_entity_match(key)))))

    def document(self, document_id: int) -> DocumentRecord | None:
        """A stored document with its sentences, expressions and events, or None."""
        with self._read_session.begin() as session:
            row = session.get(DocumentRow, document_id)
            if row is None:
                return None
            expressions = session.scalars(
                select(ExpressionRow)
                .where(ExpressionRow.document_id == document_id)
                .order_by(ExpressionRow.ordinal)
            ).all()
            events = session.scalars(
                select(EventRow)
                .where(EventRow.document_id == document_id)
                .order_by(EventRow.ordinal)
            ).all()
            analysed = AnalysedDocument(
                document=_document_from_row(row),
                sentences=_sentences_from_json(row.text, row.sentences),
                expressions=[_expression_from_row(e) for e in expressions],
                events=[_event_from_row(e) for e in events],
            )
            return DocumentRecord(analysed=analysed, content_hash=row.content_hash)

    def entries(
        self,
        *,
        start: date | None = None,
        end: date | None = None,
        entity: str | None = None,
        q: str | None = None,
        limit: int | None = None,
        mode: str = OVERLAPS,
        document: int | None = None,
        min_confidence: float | None = None,
        granularities: Collection[str] | None = None,
        descending: bool = False,
        after: EntryKey | None = None,
    ) -> list[TimelineEntry]:
        """Timeline entries in timeline order (interval start, end, then entry id).

        ``start``/``end``: the half-open range ``[start, end)``; either bound may be
        omitted.  ``mode`` ``"overlaps"`` (default) keeps entries whose ``[start, end)``
        overlaps it, ``"within"`` those lying entirely inside it.  ``entity``: keep
        entries with an entity of that name or whose name starts or ends with those whole
        words, case-insensitively (see ``entity_key``).  ``q``: keep entries whose title or
        text, or any source sentence, contains ``q`` case-insensitively.  ``document``:
        entries reported by that document.  ``min_confidence``: entries whose time
        confidence (``entry_confidence``) is at least that.  ``granularities``: entries of
        these granularities.  Empty strings mean no filter.

        ``descending`` reverses the order; ``after`` (an ``entry_key``) starts after that
        position in the chosen order (keyset pagination); ``limit`` caps the number of
        entries.

        The same query as ``entry_page``, as model objects.
        """
        page = self.entry_page(
            start=start,
            end=end,
            entity=entity,
            q=q,
            limit=limit,
            mode=mode,
            document=document,
            min_confidence=min_confidence,
            granularities=granularities,
            descending=descending,
            after=after,
        )
        return [entry_from_record(record) for record in page.records]

    def entry_page(
        self,
        *,
        start: date | None = None,
        end: date | None = None,
        entity: str | None = None,
        q: str | None = None,
        limit: int | None = None,
        mode: str = OVERLAPS,
        document: int | None = None,
        min_confidence: float | None = None,
        granularities: Collection[str] | None = None,
        descending: bool = False,
        after: EntryKey | None = None,
    ) -> EntryPage:
        """``entries`` as plain records (``EntryPage.records``), with the store revision
        they were read at: the API's hot path.

        Filtering, ordering and the limit happen in SQL.  An overlap query with a lower
        bound runs as one index range per span class (see ``tables``), each bounded below
        by ``start - 2**class``.  The statement is compiled once per dialect and filter
        shape and run on a bare DB-API connection (no SQLAlchemy execution or row
        objects).  On PostgreSQL the revision, the page and each entry's entities and
        sources (``json_agg``) come from one server-side prepared statement, so one
        round trip; on SQLite a second statement in the same read transaction fetches
        the entities and sources.
        """
        if limit is not None and limit < 0:
            raise ValueError(f"negative limit {limit}")
        if mode not in RANGE_MODES:
            raise ValueError(f"unknown range mode {mode!r}: use one of {', '.join(RANGE_MODES)}")
        if limit == 0:
            return EntryPage(self.revision(), [])
        lo = _as_date(start) if start is not None else None
        hi = _as_date(end) if end is not None else None
        key = entity_key(entity) if entity else ""
        kinds = sorted(set(granularities)) if granularities else []
        shape = _Shape(
            within=mode == WITHIN,
            lo=lo is not None,
            hi=hi is not None,
            entity=bool(key),
            q=bool(q),
            document=document is not None,
            min_confidence=min_confidence is not None,
            granularities=bool(kinds),
            descending=descending,
            after=after is not None,
            limit=limit is not None,
        )
        dialect = self._read_engine.dialect.name
        params: dict[str, Any] = {}
        if lo is not None:
            params["lo"] = lo
        if hi is not None:
            params["hi"] = hi
        if limit is not None:
            params["limit"] = limit
        if lo is not None and shape.by_class:
            # start > lo - 2**c, i.e. start >= lo - 2**c + 1 day (never before 0001-01-01)
            reach = (lo - date.min).days
            lowers = [lo - timedelta(days=min(reach, (1 << c) - 1)) for c in _SPAN_CLASSES]
            if dialect == "postgresql":
                params["classes"] = list(_SPAN_CLASSES)
                params["lowers"] = lowers
            else:
                params.update({f"lower_{c}": lower for c, lower in enumerate(lowers)})
        if key:
            words = key.split(" ")
            escaped = _escape_like(key)
            params.update(
                entity_key=key,
                entity_first=words[0],
                entity_last=words[-1],
                entity_prefix=f"{escaped} %",
                entity_suffix=f"% {escaped}",
            )
        if q:
            params["q_pattern"] = f"%{_escape_like(q.lower())}%"
        if document is not None:
            params["document"] = document
        if min_confidence is not None:
            params["min_confidence"] = min_confidence
        if kinds:
            params["granularities"] = kinds if dialect == "postgresql" else json.dumps(kinds)
        if after is not None:
            params.update(after_start=after[0], after_end=after[1], after_id=after[2])
        sql, fixed = _entry_sql(dialect, shape)
        params.update(fixed)
        if dialect == "postgresql":
            return self._read(lambda connection: _postgresql_page(connection, sql, params))
        # SQLite stores dates as ISO text: bind them as text, as SQLAlchemy's Date would.
        params = {k: v.isoformat() if isinstance(v, date) else v for k, v in params.items()}
        return self._read(lambda connection: _sqlite_page(connection, sql, params))

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

    @staticmethod
    def _id_by_hash(session: Session, content_hash: str) -> int | None:
        return session.scalar(
            select(DocumentRow.id).where(DocumentRow.content_hash == content_hash)
        )

    @staticmethod
    def _lock_keys(session: Session, keys: Iterable[str]) -> None:
        """Serialise PostgreSQL writers per blocking key (see module docstring)."""
        if session.get_bind().dialect.name != "postgresql":
            return  # SQLite writers are serialised by BEGIN IMMEDIATE.
        for lock in sorted({_lock_id(f"key:{key}") for key in keys}):
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": lock})

    @staticmethod
    def _entries_of_document(session: Session, document_id: int) -> tuple[set[int], set[str]]:
        """The entries a document's events belong to, and their blocking keys."""
        rows = session.execute(
            select(EntryRow.id, EntryRow.blocking_key)
            .join(EventRow, EventRow.entry_id == EntryRow.id)
            .where(EventRow.document_id == document_id)
            .distinct()
        ).all()
        return {row.id for row in rows}, {row.blocking_key for row in rows}

    @staticmethod
    def _insert_expressions(
        session: Session, document_id: int, expressions: Sequence[TemporalExpression]
    ) -> None:
        if not expressions:
            return
        session.execute(
            insert(ExpressionRow),
            [
                {
                    "document_id": document_id,
                    "ordinal": ordinal,
                    "char_start": e.char_start,
                    "char_end": e.char_end,
                    "text": e.text,
                    "type": e.type.value,
                    "value": e.value,
                    "underspecified": e.underspecified,
                    "mod": e.mod,
                    **_interval_columns(e.interval),
                }
                for ordinal, e in enumerate(expressions)
            ],
        )

    def _attach_events(
        self,
        session: Session,
        document_id: int,
        events: Sequence[Event],
        *,
        replacing: bool = False,
    ) -> set[int]:
        """Insert a document's events, merging each into an entry; returns touched entries.

        Candidates are the events of entries with the same blocking key (one query for
        all keys of the document), plus this document's own earlier events, so two
        mentions of one happening in one article share an entry too.  An event joins the
        oldest entry that has an event ``same_happening`` says it reports; otherwise
        ``describe(event)`` starts a new entry.  The caller holds the key locks.

        ``replacing``: the document's previous events are still stored; they take part in
        matching (so re-analysis that keeps a happening keeps its entry and entry id) and
        are deleted before the new ones are inserted.
        """
        keys = _keys(events)
        entries_by_key: dict[str, list[EntryRow]] = defaultdict(list)
        # Events to match against, and the events that will make up each entry.
        matchable: dict[EntryRow, list[Event]] = {}
        members: dict[EntryRow, list[_Member]] = {}
        if keys:
            rows = session.execute(
                select(EntryRow, EventRow)
                .join(EventRow, EventRow.entry_id == EntryRow.id)
                .where(EntryRow.blocking_key.in_(sorted(keys)))
                .order_by(EntryRow.id, EventRow.document_id, EventRow.ordinal)
            ).all()
            for entry, event_row in rows:
                if entry not in members:
                    matchable[entry], members[entry] = [], []
                    entries_by_key[entry.blocking_key].append(entry)
                stored = _event_from_row(event_row)
                matchable[entry].append(stored)
                if event_row.document_id != document_id:
                    members[entry].append((event_row.document_id, event_row.ordinal, stored))

        touched: dict[EntryRow, None] = {}  # insertion-ordered set
        assigned: list[EntryRow | None] = []
        for ordinal, event in enumerate(events):
            key = blocking_key(event)
            entry: EntryRow | None = None
            if key is not None:
                entry = next(
                    (
                        candidate
                        for candidate in entries_by_key[key]
                        if any(same_happening(event, other) for other in matchable[candidate])
                    ),
                    None,
                )
                if entry is None:
                    entry = EntryRow(blocking_key=key)
                    _describe_into(entry, describe(event))
                    session.add(entry)
                    entries_by_key[key].append(entry)
                    matchable[entry], members[entry] = [], []
                matchable[entry].append(event)
                members[entry].append((document_id, ordinal, event))
                touched[entry] = None
            assigned.append(entry)

        session.flush()  # new entries get their ids
        if replacing:
            session.execute(delete(EventRow).where(EventRow.document_id == document_id))
        if events:
            session.execute(
                insert(EventRow),
                [
                    _event_columns(document_id, ordinal, event, entry)
                    for ordinal, (event, entry) in enumerate(zip(events, assigned, strict=True))
                ],
            )
        self._present(session, {entry: members[entry] for entry in touched})
        return {entry.id for entry in touched}

    def _refresh_entries(self, session: Session, entry_ids: Iterable[int]) -> None:
        """Re-derive entries from their events after some were removed; drop empty ones."""
        ids = sorted(set(entry_ids))
        if not ids:
            return
        event_rows = session.scalars(
            select(EventRow)
            .where(EventRow.entry_id.in_(ids))
            .order_by(EventRow.entry_id, EventRow.document_id, EventRow.ordinal)
        ).all()
        by_entry: dict[int, list[_Member]] = defaultdict(list)
        for row in event_rows:
            assert row.entry_id is not None  # selected by entry_id
            by_entry[row.entry_id].append((row.document_id, row.ordinal, _event_from_row(row)))
        orphans = [entry_id for entry_id in ids if entry_id not in by_entry]
        if orphans:
            session.execute(delete(EntryEntityRow).where(EntryEntityRow.entry_id.in_(orphans)))
            session.execute(delete(EntryRow).where(EntryRow.id.in_(orphans)))
        if by_entry:
            live = session.scalars(select(EntryRow).where(EntryRow.id.in_(list(by_entry))))
            self._present(session, {entry: by_entry[entry.id] for entry in live})

    @staticmethod
    def _present(session: Session, groups: dict[EntryRow, list[_Member]]) -> None:
        """Make each entry's description and entities those of its current events.

        Description: ``describe`` of the earliest event.  Entities: union of the events'
        participants in order.  Unchanged descriptions cause no UPDATE (the ORM only
        writes changed attributes); entity rows are rewritten for the given entries.
        """
        if not groups:
            return
        entity_rows: list[dict[str, Any]] = []
        anchors = Store._anchors(session, groups.values())
        for entry, group in groups.items():
            group.sort(key=lambda member: (member[0], member[1]))
            # the entry's time is the most precise one its reports agree on
            _describe_into(entry, describe(group[0][2], [m[2] for m in group]))
            entry.confidence = entry_confidence(anchors[(m[0], m[1])] for m in group)
            seen: set[str] = set()
            for _, _, event in group:
                for name in event.participants:
                    key = entity_key(name)
                    if key and key not in seen:
                        seen.add(key)
                        words = key.split(" ")
                        entity_rows.append(
                            {
                                "entry_id": entry.id,
                                "name_key": key,
                                "name": " ".join(name.split()),
                                "position": len(seen) - 1,
                                "first_word": words[0],
                                "last_word": words[-1],
                            }
                        )
        session.flush()
        session.execute(
            delete(EntryEntityRow).where(
                EntryEntityRow.entry_id.in_([entry.id for entry in groups])
            )
        )
        if entity_rows:
            session.execute(insert(EntryEntityRow), entity_rows)

    @staticmethod
    def _anchors(
        session: Session, groups: Iterable[list[_Member]]
    ) -> dict[tuple[int, int], tuple[bool, float | None]]:
        """``(absolute, publication confidence)`` of each member event, for
        ``entry_confidence``: two queries for all the entries being presented."""
        members = [member for group in groups for member in group]
        document_ids = sorted({member[0] for member in members})
        published: dict[int, float | None] = {}
        timex: dict[tuple[int, int], bool] = {}
        wanted = {
            (document_id, event.timex_index)
            for document_id, _, event in members
            if event.anchoring is Anchoring.TIMEX and event.timex_index is not None
        }
        for chunk in _chunks(document_ids):
            rows = session.execute(
                select(DocumentRow.id, DocumentRow.published_confidence).where(
                    DocumentRow.id.in_(chunk)
                )
            ).all()
            published.update((document_id, confidence) for document_id, confidence in rows)
            if wanted:
                expressions = session.execute(
                    select(
                        ExpressionRow.document_id,
                        ExpressionRow.ordinal,
                        ExpressionRow.underspecified,
                    ).where(ExpressionRow.document_id.in_(chunk))
                ).all()
                for document_id, ordinal, underspecified in expressions:
                    if (document_id, ordinal) in wanted:
                        timex[(document_id, ordinal)] = _is_absolute(underspecified)
        return {
            (document_id, ordinal): (
                event.anchoring is Anchoring.TIMEX
                and event.timex_index is not None
                and timex.get((document_id, event.timex_index), False),
                published.get(document_id),
            )
            for document_id, ordinal, event in members
        }

    @staticmethod
    def _bump_revision(session: Session) -> None:
        """Count a write (see ``revision``); last in its transaction, so on PostgreSQL the
        row lock it takes is held only until the commit, after every key lock."""
        session.execute(
            update(StoreStateRow)
            .where(StoreStateRow.id == 1)
            .values(revision=StoreStateRow.revision + 1)
        )

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


# -- conversions between dataclasses and rows -----------------------------------------------


def _keys(events: Iterable[Event]) -> set[str]:
    return {key for event in events if (key := blocking_key(event)) is not None}


def _chunks(items: Sequence[int]) -> Iterator[Sequence[int]]:
    for i in range(0, len(items), _IN_CHUNK):
        yield items[i : i + _IN_CHUNK]


def _as_date(value: date) -> date:
    """Dates only: a ``datetime`` (a ``date`` subclass) would compare as a timestamp."""
    return value.date() if isinstance(value, datetime) else value


@dataclass(frozen=True)
class _Shape:
    """Which filters an entry query uses: the statement depends on this, not on values."""

    within: bool
    lo: bool
    hi: bool
    entity: bool
    q: bool
    document: bool
    min_confidence: bool
    granularities: bool
    descending: bool
    after: bool
    limit: bool

    @property
    def by_class(self) -> bool:
        """Overlap queries with a lower bound run as one index range per span class."""
        return self.lo and not self.within


@dataclass(frozen=True)
class EntryPage:
    """What ``Store.entry_page`` returns.

    ``records`` are ``timeline.export.records.entry_record`` dicts (the documented JSON
    shape: ISO dates, ``entities``, ``sources``), built straight from the rows;
    ``revision`` is ``Store.revision()`` in the snapshot they were read from, so an ETag
    made from it describes exactly these records.
    """

    revision: str
    records: list[dict[str, Any]]


_T = TypeVar("_T")
_SPAN_CLASSES = tuple(range(MAX_SPAN_CLASS + 1))

# The read path runs compiled SQL text on DB-API connections: named parameters on both
# databases (psycopg's ``%(name)s`` and sqlite3's ``:name``).
_DIALECTS = {
    "postgresql": postgresql_psycopg.dialect(),
    "sqlite": sqlite_dialect(paramstyle="named"),
}

_REVISION_SQL = "SELECT epoch, revision FROM store_state WHERE id = 1"

# SQLite: the entities and sources of a page (``:ids`` a JSON array of entry ids), in
# one statement; per entry, sources in document order and entities by position.
_SQLITE_DETAILS = """\
SELECT ev.entry_id, 0 AS kind, ev.document_id, d.name, ev.sentence, ev.char_start,
       ev.char_end, ev.ordinal AS position
FROM events AS ev JOIN documents AS d ON d.id = ev.document_id
WHERE ev.entry_id IN (SELECT value FROM json_each(:ids))
UNION ALL
SELECT ee.entry_id, 1, NULL, ee.name, NULL, NULL, NULL, ee.position
FROM entry_entities AS ee
WHERE ee.entry_id IN (SELECT value FROM json_each(:ids))
ORDER BY 2, 3, 8"""

_ENTRY_COLUMNS = (
    EntryRow.id,
    EntryRow.start,
    EntryRow.end,
    EntryRow.granularity,
    EntryRow.value,
    EntryRow.title,
    EntryRow.text,
)


def _revision_token(row: Sequence[Any] | None) -> str:
    if row is None or row[0] is None:
        return "none-0"
    return f"{row[0]}-{row[1]}"


def _postgresql_page(connection: Any, sql: str, params: dict[str, Any]) -> EntryPage:
    """Run the one-statement page of ``_entry_statement`` (prepared server-side)."""
    rows = connection.execute(sql, params, prepare=True).fetchall()
    records = [
        {
            "id": entry_id,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "value": value,
            "granularity": granularity,
            "title": title,
            "text": text_,
            "entities": entities or [],
            "sources": sources or [],
        }
        for _, _, entry_id, start, end, granularity, value, title, text_, entities, sources in rows
        if entry_id is not None
    ]
    return EntryPage(_revision_token(rows[0] if rows else None), records)


def _sqlite_page(connection: Any, sql: str, params: dict[str, Any]) -> EntryPage:
    """The page, then its entities and sources, in one read transaction (one snapshot)."""
    connection.execute("BEGIN")
    try:
        rows = connection.execute(sql, params).fetchall()
        records: dict[int, dict[str, Any]] = {}
        for _, _, entry_id, start, end, granularity, value, title, text_ in rows:
            if entry_id is not None:
                records[entry_id] = {
                    "id": entry_id,
                    "start": start,  # SQLite keeps dates as ISO text already
                    "end": end,
                    "value": value,
                    "granularity": granularity,
                    "title": title,
                    "text": text_,
                    "entities": [],
                    "sources": [],
                }
        if records:
            details = connection.execute(_SQLITE_DETAILS, {"ids": json.dumps(list(records))})
            for entry_id, kind, document_id, name, sentence, char_start, char_end, _ in details:
                if kind:
                    records[entry_id]["entities"].append(name)
                else:
                    records[entry_id]["sources"].append(
                        {
                            "document": document_id,
                            "document_name": name,
                            "sentence": sentence,
                            "char_start": char_start,
                            "char_end": char_end,
                        }
                    )
    finally:
        connection.rollback()  # ends the (read-only) transaction
    return EntryPage(_revision_token(rows[0] if rows else None), list(records.values()))


def entry_from_record(record: dict[str, Any]) -> TimelineEntry:
    return TimelineEntry(
        id=record["id"],
        interval=Interval(
            date.fromisoformat(record["start"]),
            date.fromisoformat(record["end"]),
            Granularity(record["granularity"]),
        ),
        value=record["value"],
        title=record["title"],
        text=record["text"],
        entities=tuple(record["entities"]),
        sources=tuple(
            Source(
                document_id=source["document"],
                document_name=source["document_name"],
                sentence=source["sentence"],
                char_start=source["char_start"],
                char_end=source["char_end"],
            )
            for source in record["sources"]
        ),
    )


@lru_cache(maxsize=256)
def _entry_sql(dialect: str, shape: _Shape) -> tuple[str, dict[str, Any]]:
    """``_entry_statement`` compiled once per dialect and shape, and the values of the
    parameters SQLAlchemy added itself (SQLite's ``OFFSET 0``): executing SQL text skips
    SQLAlchemy's per-execution cache-key walk over the statement, which is large."""
    compiled = _entry_statement(dialect, shape).compile(dialect=_DIALECTS[dialect])
    fixed = {name: value for name, value in compiled.params.items() if value is not None}
    return compiled.string, fixed


def _entry_statement(dialect: str, shape: _Shape) -> Select[Any]:
    """The entry query for ``shape``, with bound parameters for every value.

    Its rows are ``(epoch, revision, id, start, end, granularity, value, title, text)``
    in timeline order, plus the entities and sources of each entry as JSON arrays on
    PostgreSQL; a page without entries is one row with the revision and NULLs, so the
    revision always comes from the statement's own snapshot.  Its parameters are those
    ``Store.entry_page`` fills in (``lo``, ``hi``, ``lower_<class>`` on SQLite,
    ``classes`` and ``lowers`` on PostgreSQL, ``entity_*``, ``q_pattern``, ``document``,
    ``min_confidence``, ``granularities``, ``after_*``, ``limit``).
    """
    postgres = dialect == "postgresql"
    conditions: list[ColumnElement[bool]] = []
    if shape.hi:
        conditions.append(EntryRow.start < bindparam("hi", type_=Date()))
        if shape.within:
            conditions.append(EntryRow.end <= bindparam("hi", type_=Date()))
    if shape.lo:
        lo = bindparam("lo", type_=Date())
        conditions.append(EntryRow.start >= lo if shape.within else EntryRow.end > lo)
    if shape.entity:
        matching = (
            select(EntryEntityRow.entry_id)
            .where(
                or_(
                    EntryEntityRow.name_key == bindparam("entity_key"),
                    and_(
                        EntryEntityRow.last_word == bindparam("entity_last"),
                        EntryEntityRow.name_key.like(bindparam("entity_suffix"), escape="\\"),
                    ),
                    and_(
                        EntryEntityRow.first_word == bindparam("entity_first"),
                        EntryEntityRow.name_key.like(bindparam("entity_prefix"), escape="\\"),
                    ),
                )
            )
            .cte("matching")
        )
        conditions.append(EntryRow.id.in_(select(matching.c.entry_id)))
    if shape.document:
        reported = (
            select(EventRow.entry_id)
            .where(EventRow.document_id == bindparam("document", type_=Integer()))
            .cte("reported")
        )
        conditions.append(EntryRow.id.in_(select(reported.c.entry_id)))
    if shape.min_confidence:
        conditions.append(EntryRow.confidence >= bindparam("min_confidence", type_=Double()))
    if shape.granularities:
        # One statement text for any number of granularities (an expanding IN would
        # compile, and on PostgreSQL prepare, a statement per list length).
        if postgres:
            kinds = bindparam("granularities", type_=ARRAY(String()))
            conditions.append(EntryRow.granularity == any_(kinds))
        else:
            listed = func.json_each(bindparam("granularities", type_=String())).table_valued(
                "value"
            )
            conditions.append(EntryRow.granularity.in_(select(listed.c.value)))
    if shape.q:
        pattern = bindparam("q_pattern", type_=String())
        in_sources = exists().where(
            EventRow.entry_id == EntryRow.id,
            lower_text(EventRow.sentence).like(pattern, escape="\\"),
        )
        conditions.append(
            or_(
                lower_text(EntryRow.title).like(pattern, escape="\\"),
                lower_text(EntryRow.text).like(pattern, escape="\\"),
                in_sources,
            )
        )
    if shape.after:
        after_start = bindparam("after_start", type_=Date())
        position = tuple_(EntryRow.start, EntryRow.end, EntryRow.id)
        boundary = tuple_(
            bindparam("after_start", type_=Date()),
            bindparam("after_end", type_=Date()),
            bindparam("after_id", type_=Integer()),
        )
        if shape.descending:
            conditions += [EntryRow.start <= after_start, position < boundary]
        else:
            conditions += [EntryRow.start >= after_start, position > boundary]

    order = _timeline_order(EntryRow.start, EntryRow.end, EntryRow.id, shape.descending)
    limit = bindparam("limit", type_=Integer())
    stmt: Select[Any]
    if shape.by_class:
        # One index range per span class, each with its own order and limit (at most
        # classes x limit keys, read from the index alone), ordered and cut once more;
        # only the page's rows are then read from the table.
        keys: Any
        if postgres:
            # A lateral subquery per row of unnest(classes, lowers): a short statement
            # (psycopg caches its parsing and PostgreSQL its plan) where a UNION of one
            # branch per class would be 25 times as long.
            classes = (
                func.unnest(
                    bindparam("classes", type_=ARRAY(SmallInteger())),
                    bindparam("lowers", type_=ARRAY(Date())),
                )
                .table_valued("n", "lower")
                .render_derived(name="c")
            )
            branch = select(EntryRow.id, EntryRow.start, EntryRow.end).where(
                EntryRow.span_class == classes.c.n, EntryRow.start >= classes.c.lower, *conditions
            )
            branch = branch.order_by(*order)
            if shape.limit:
                branch = branch.limit(limit)
            ranges = branch.lateral("k")
            keys = (
                select(ranges.c.id, ranges.c.start, ranges.c.end)
                .select_from(classes)
                .join(ranges, true())
            )
            key_order = _timeline_order(ranges.c.start, ranges.c.end, ranges.c.id, shape.descending)
        else:
            branches = []
            for c in _SPAN_CLASSES:
                branch = (
                    select(EntryRow.id, EntryRow.start, EntryRow.end)
                    .where(
                        EntryRow.span_class == c,
                        EntryRow.start >= bindparam(f"lower_{c}", type_=Date()),
                        *conditions,
                    )
                    .order_by(*order)
                )
                if shape.limit:
                    branch = branch.limit(limit)
                branches.append(select(branch.subquery()))
            union = union_all(*branches).subquery("ranges")
            keys = select(union.c.id, union.c.start, union.c.end)
            key_order = _timeline_order(union.c.start, union.c.end, union.c.id, shape.descending)
        keys = keys.order_by(*key_order)
        if shape.limit:
            keys = keys.limit(limit)
        page_keys = keys.subquery("page_keys")
        stmt = select(*_ENTRY_COLUMNS).join(page_keys, EntryRow.id == page_keys.c.id)
    else:
        stmt = select(*_ENTRY_COLUMNS).where(*conditions)
    stmt = stmt.order_by(*order)
    if shape.limit:
        stmt = stmt.limit(limit)
    page = stmt.subquery("page")

    # The revision of the same snapshot; the one-row driver keeps it when the page (or,
    # in a broken database, store_state) is empty.
    one = select(literal_column("1").label("one")).subquery("one")
    state = (
        select(StoreStateRow.epoch, StoreStateRow.revision)
        .where(StoreStateRow.id == literal_column("1"))
        .subquery("state")
    )
    columns: list[Any] = [state.c.epoch, state.c.revision, *page.c]
    if postgres:
        entities = (
            select(func.json_agg(aggregate_order_by(EntryEntityRow.name, EntryEntityRow.position)))
            .where(EntryEntityRow.entry_id == page.c.id)
            .scalar_subquery()
        )
        source = func.json_build_object(
            literal_column("'document'"),
            EventRow.document_id,
            literal_column("'document_name'"),
            DocumentRow.name,
            literal_column("'sentence'"),
            EventRow.sentence,
            literal_column("'char_start'"),
            EventRow.char_start,
            literal_column("'char_end'"),
            EventRow.char_end,
        )
        in_order = aggregate_order_by(source, EventRow.document_id, EventRow.ordinal)
        sources = (
            select(func.json_agg(in_order))
            .select_from(EventRow)
            .join(DocumentRow, DocumentRow.id == EventRow.document_id)
            .where(EventRow.entry_id == page.c.id)
            .scalar_subquery()
        )
        columns += [entities, sources]
    return (
        select(*columns)
        .select_from(one.outerjoin(state, true()).outerjoin(page, true()))
        .order_by(*_timeline_order(page.c.start, page.c.end, page.c.id, shape.descending))
    )


def _entity_match(key: str) -> ColumnElement[bool]:
    """Entity rows named ``key``, or whose name starts or ends with its whole words.

    "putin" matches "vladimir putin", "vladimir putin" matches "president vladimir putin",
    "put" matches nothing.  Every branch is an index lookup: the whole key, or the first
    (last) word through ``first_word`` (``last_word``), then the LIKE on those few rows.
    """
    words = key.split(" ")
    escaped = _escape_like(key)
    return or_(
        EntryEntityRow.name_key == key,
        and_(
            EntryEntityRow.last_word == words[-1],
            EntryEntityRow.name_key.like(f"% {escaped}", escape="\\"),
        ),
        and_(
            EntryEntityRow.first_word == words[0],
            EntryEntityRow.name_key.like(f"{escaped} %", escape="\\"),
        ),
    )


def _timeline_order(
    start: Any, end: Any, entry_id: Any, descending: bool
) -> tuple[ColumnElement[Any], ...]:
    if descending:
        return (start.desc(), end.desc(), entry_id.desc())
    return (start.asc(), end.asc(), entry_id.asc())


def _escape_like(value: str) -> str:
    """Make ``%``, ``_`` and the escape character itself match literally in LIKE."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _interval_columns(interval: Interval | None) -> dict[str, Any]:
    if interval is None:
        return {"start": None, "end": None, "granularity": None}
    return {
        "start": interval.start,
        "end": interval.end,
        "granularity": interval.granularity.value,
    }


def _interval(start: date | None, end: date | None, granularity: str | None) -> Interval | None:
    if start is None or end is None or granularity is None:
        return None
    return Interval(start, end, Granularity(granularity))


def _describe_into(entry: EntryRow, description: EntryDescription) -> None:
    entry.start = description.interval.start
    entry.end = description.interval.end
    entry.span_class = span_class(description.interval)
    entry.granularity = description.interval.granularity.value
    entry.value = description.value
    entry.title = description.title
    entry.text = description.text


def _published_columns(published: PublicationDate | None) -> dict[str, Any]:
    if published is None:
        return {
            "published_start": None,
            "published_end": None,
            "published_point": None,
            "published_granularity": None,
            "published_confidence": None,
            "published_provenance": None,
            "published_evidence": None,
        }
    return {
        "published_start": published.interval.start,
        "published_end": published.interval.end,
        "published_point": published.point,
        "published_granularity": published.interval.granularity.value,
        "published_confidence": published.confidence,
        "published_provenance": published.provenance.value,
        "published_evidence": [evidence.as_dict() for evidence in published.evidence],
    }


def _published_from_row(row: DocumentRow) -> PublicationDate | None:
    interval = _interval(row.published_start, row.published_end, row.published_granularity)
    if interval is None or row.published_point is None:
        return None
    assert row.published_confidence is not None and row.published_provenance is not None
    return PublicationDate(
        interval=interval,
        point=row.published_point,
        confidence=row.published_confidence,
        provenance=Provenance(row.published_provenance),
        evidence=tuple(
            Evidence(source=e["source"], text=e["text"], implies=e["implies"])
            for e in row.published_evidence or ()
        ),
    )


def _document_from_row(row: DocumentRow) -> Document:
    return Document(
        name=row.name,
        text=row.text,
        title=row.title,
        url=row.url,
        metadata=dict(row.metadata_),
        published=_published_from_row(row),
        id=row.id,
    )


def _sentences_to_json(text_: str, sentences: Sequence[Sentence]) -> list[list[Any]]:
    """Offsets only, unless a sentence's text is not simply ``text[start:end]``."""
    return [
        [s.start, s.end] if text_[s.start : s.end] == s.text else [s.start, s.end, s.text]
        for s in sentences
    ]


def _sentences_from_json(text_: str, data: Sequence[Sequence[Any]]) -> list[Sentence]:
    return [
        Sentence(
            start=item[0],
            end=item[1],
            text=item[2] if len(item) > 2 else text_[item[0] : item[1]],
        )
        for item in data
    ]


def _expression_from_row(row: ExpressionRow) -> TemporalExpression:
    return TemporalExpression(
        char_start=row.char_start,
        char_end=row.char_end,
        text=row.text,
        type=TimexType(row.type),
        value=row.value,
        underspecified=row.underspecified,
        interval=_interval(row.start, row.end, row.granularity),
        mod=row.mod,
    )


def _event_columns(
    document_id: int, ordinal: int, event: Event, entry: EntryRow | None
) -> dict[str, Any]:
    return {
        "document_id": document_id,
        "ordinal": ordinal,
        "entry_id": entry.id if entry is not None else None,
        "char_start": event.char_start,
        "char_end": event.char_end,
        "trigger": event.trigger,
        "sentence": event.sentence,
        "sentence_start": event.sentence_start,
        "participants": list(event.participants),
        "value": event.value,
        "anchoring": event.anchoring.value,
        "timex_index": event.timex_index,
        **_interval_columns(event.interval),
    }


def _event_from_row(row: EventRow) -> Event:
    return Event(
        char_start=row.char_start,
        char_end=row.char_end,
        trigger=row.trigger,
        sentence=row.sentence,
        sentence_start=row.sentence_start,
        participants=tuple(row.participants),
        interval=_interval(row.start, row.end, row.granularity),
        value=row.value,
        anchoring=Anchoring(row.anchoring),
        timex_index=row.timex_index,
    )
