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
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from alembic import command
from alembic.config import Config
from sqlalchemy import delete, exists, func, insert, or_, select, text
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
)

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
        self._read_session = sessionmaker(reader(self._engine), expire_on_commit=False)
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
            return True

    # -- reads ----------------------------------------------------------------------------

    def documents(self) -> list[Document]:
        """All documents in id (ingestion) order, with ``id`` and ``published`` set."""
        with self._read_session.begin() as session:
            rows = session.scalars(select(DocumentRow).order_by(DocumentRow.id)).all()
            return [_document_from_row(row) for row in rows]

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
    ) -> list[TimelineEntry]:
        """Timeline entries in timeline order (interval start, end, then entry id).

        ``start``/``end``: keep entries whose ``[start, end)`` overlaps the half-open range
        ``[start, end)``; either bound may be omitted.  ``entity``: keep entries with an
        entity of that name or whose name starts or ends with those whole words,
        case-insensitively (see ``entity_key``).  ``q``: keep entries
        whose title or text, or any source sentence, contains ``q`` case-insensitively.
        Empty strings mean no filter.  ``limit`` caps the number of entries.

        Filtering, ordering and the limit happen in SQL; the page's sources and entities
        are then fetched with one query each, so the cost follows the page size.
        """
        if limit is not None and limit < 0:
            raise ValueError(f"negative limit {limit}")
        if limit == 0:
            return []
        stmt = select(EntryRow)
        if start is not None:
            stmt = stmt.where(EntryRow.end > _as_date(start))
        if end is not None:
            stmt = stmt.where(EntryRow.start < _as_date(end))
        if entity and (key := entity_key(entity)):
            # "Putin" finds "Vladimir Putin": a query matches a whole name or its whole
            # first/last words, never a fragment of a word ("Put" finds nothing)
            escaped = _escape_like(key)
            stmt = stmt.where(
                EntryRow.id.in_(
                    select(EntryEntityRow.entry_id).where(
                        or_(
                            EntryEntityRow.name_key == key,
                            EntryEntityRow.name_key.like(f"% {escaped}", escape="\\"),
                            EntryEntityRow.name_key.like(f"{escaped} %", escape="\\"),
                        )
                    )
                )
            )
        if q:
            pattern = f"%{_escape_like(q.lower())}%"
            in_sources = exists().where(
                EventRow.entry_id == EntryRow.id,
                lower_text(EventRow.sentence).like(pattern, escape="\\"),
            )
            stmt = stmt.where(
                or_(
                    lower_text(EntryRow.title).like(pattern, escape="\\"),
                    lower_text(EntryRow.text).like(pattern, escape="\\"),
                    in_sources,
                )
            )
        stmt = stmt.order_by(EntryRow.start, EntryRow.end, EntryRow.id)
        if limit is not None:
            stmt = stmt.limit(limit)

        with self._read_session.begin() as session:
            rows = session.scalars(stmt).all()
            ids = [row.id for row in rows]
            sources = self._sources(session, ids)
            entities = self._entities(session, ids)
            return [
                TimelineEntry(
                    id=row.id,
                    interval=Interval(row.start, row.end, Granularity(row.granularity)),
                    value=row.value,
                    title=row.title,
                    text=row.text,
                    entities=tuple(entities.get(row.id, ())),
                    sources=tuple(sources.get(row.id, ())),
                )
                for row in rows
            ]

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
        for entry, group in groups.items():
            group.sort(key=lambda member: (member[0], member[1]))
            _describe_into(entry, describe(group[0][2]))
            seen: set[str] = set()
            for _, _, event in group:
                for name in event.participants:
                    key = entity_key(name)
                    if key and key not in seen:
                        seen.add(key)
                        entity_rows.append(
                            {
                                "entry_id": entry.id,
                                "name_key": key,
                                "name": " ".join(name.split()),
                                "position": len(seen) - 1,
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
    def _sources(session: Session, entry_ids: Sequence[int]) -> dict[int, list[Source]]:
        """The sources of a page of entries, in document order, one query per chunk."""
        result: dict[int, list[Source]] = defaultdict(list)
        for chunk in _chunks(entry_ids):
            rows = session.execute(
                select(
                    EventRow.entry_id,
                    EventRow.document_id,
                    DocumentRow.name,
                    EventRow.sentence,
                    EventRow.char_start,
                    EventRow.char_end,
                )
                .join(DocumentRow, DocumentRow.id == EventRow.document_id)
                .where(EventRow.entry_id.in_(chunk))
                .order_by(EventRow.entry_id, EventRow.document_id, EventRow.ordinal)
            ).all()
            for entry_id, document_id, name, sentence, char_start, char_end in rows:
                result[entry_id].append(
                    Source(
                        document_id=document_id,
                        document_name=name,
                        sentence=sentence,
                        char_start=char_start,
                        char_end=char_end,
                    )
                )
        return result

    @staticmethod
    def _entities(session: Session, entry_ids: Sequence[int]) -> dict[int, list[str]]:
        result: dict[int, list[str]] = defaultdict(list)
        for chunk in _chunks(entry_ids):
            rows = session.execute(
                select(EntryEntityRow.entry_id, EntryEntityRow.name)
                .where(EntryEntityRow.entry_id.in_(chunk))
                .order_by(EntryEntityRow.entry_id, EntryEntityRow.position)
            ).all()
            for entry_id, name in rows:
                result[entry_id].append(name)
        return result


# -- conversions between dataclasses and rows -----------------------------------------------


def _keys(events: Iterable[Event]) -> set[str]:
    return {key for event in events if (key := blocking_key(event)) is not None}


def _chunks(items: Sequence[int]) -> Iterator[Sequence[int]]:
    for i in range(0, len(items), _IN_CHUNK):
        yield items[i : i + _IN_CHUNK]


def _as_date(value: date) -> date:
    """Dates only: a ``datetime`` (a ``date`` subclass) would compare as a timestamp."""
    return value.date() if isinstance(value, datetime) else value


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
