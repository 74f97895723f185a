"""The relational schema of the store, as SQLAlchemy 2.0 typed declarative models.

Only ``timeline.store`` knows about these tables; the rest of the library sees the
dataclasses of ``timeline.model``.  The schema is shaped by the queries the store runs:

* ``entries`` is the timeline itself; ``(start, end, id)`` is indexed because every listing
  is ordered (and usually range-filtered) by it, and ``blocking_key`` is indexed because
  merging a new event only looks at entries with exactly the same interval.  An overlap
  query ("entries overlapping August") cannot bound ``start`` from below on that index
  alone: ``span_class`` (``ceil(log2(days))``) does, since an entry of class ``c`` that
  overlaps ``[lo, hi)`` starts after ``lo - 2**c``; ``(span_class, start, end, id)`` turns the
  query into one short index range per class (see ``Store.entries``).  ``confidence`` is
  how sure the entry's time is, stored so that ``min_confidence`` is a column filter.
* ``events`` are the per-document reports; ``entry_id`` is indexed because sources are
  loaded per page of entries and orphan entries are found through it.
* ``entry_entities`` denormalises the union of an entry's participants, keyed by a
  normalised ``name_key``, so that entity filters and entity counts are index lookups
  instead of scans of JSON participant lists; ``first_word``/``last_word`` make "Putin"
  (a whole first or last word of "Vladimir Putin") an index lookup too.
* ``events.merge_key`` and ``document_names`` are the candidate index (``index``): the
  events a new event can merge with, and the documents a new document can re-date, found
  by index rather than by scanning the store.
* ``store_state`` is one row: a random ``epoch`` and a ``revision`` bumped by every write,
  from which the API derives ETags without reading the data.

Enum values are stored as their string values (no database enum types) so that adding a
member to a ``StrEnum`` does not need a schema migration on PostgreSQL.  Dates are ``Date``
columns; SQLite stores them as ISO strings, which sort and compare correctly.

Any change here must come with a new migration in ``migrations/versions``: the test suite
checks that the migrated schema matches these models exactly.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    Double,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    func,
)
from sqlalchemy import (
    text as sql_text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Explicit constraint names make migrations deterministic and portable: PostgreSQL and
# SQLite would otherwise invent different names, and a later migration could not refer
# to a constraint by name.
NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Short codes: enum values (``Granularity``, ``TimexType``, ``Anchoring``, ``Provenance``)
# and TIMEX3 modifiers.
CODE = String(16)


class Base(DeclarativeBase):
    """Declarative base carrying the shared ``MetaData`` (and its naming convention)."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: dict[Any, Any] = {  # noqa: RUF012 - SQLAlchemy reads it as is
        str: Text(),
        int: Integer(),
        float: Double(),
        date: Date(),
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
    }


class DocumentRow(Base):
    """One ingested article, its text and its publication date (flattened)."""

    __tablename__ = "documents"
    # Never reuse ids (SQLite would hand out max(id)+1 again after deleting the newest
    # row): ids are public (API, CLI) and the merge order relies on increasing ids.
    __table_args__ = {"sqlite_autoincrement": True}  # noqa: RUF012

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    url: Mapped[str | None]
    title: Mapped[str | None]
    text: Mapped[str]
    content_hash: Mapped[str] = mapped_column(String(128), unique=True)
    metadata_: Mapped[dict[str, Any]] = mapped_column("metadata", JSON())
    # Sentence spans ``[[start, end], ...]`` (``[start, end, text]`` when the sentence text
    # is not ``text[start:end]``): cheap to keep, and needed to give back the
    # ``AnalysedDocument`` exactly as it was stored.
    sentences: Mapped[list[Any]] = mapped_column(JSON())
    published_start: Mapped[date | None]
    published_end: Mapped[date | None]
    published_point: Mapped[date | None]
    published_granularity: Mapped[str | None] = mapped_column(CODE)
    published_confidence: Mapped[float | None]
    published_provenance: Mapped[str | None] = mapped_column(CODE)
    published_evidence: Mapped[list[Any] | None] = mapped_column(JSON())
    # ISO 639-1, NULL while undetermined (migration 0006)
    language: Mapped[str | None] = mapped_column(CODE)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ExpressionRow(Base):
    """A TIMEX3 tagged in a document; the interval columns are NULL for non-spans."""

    __tablename__ = "expressions"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    ordinal: Mapped[int] = mapped_column(primary_key=True)
    char_start: Mapped[int]
    char_end: Mapped[int]
    text: Mapped[str]
    type: Mapped[str] = mapped_column(CODE)
    value: Mapped[str]
    underspecified: Mapped[str]
    mod: Mapped[str | None] = mapped_column(CODE)
    start: Mapped[date | None]
    end: Mapped[date | None]
    granularity: Mapped[str | None] = mapped_column(CODE)
    # the tagger rule that built it ("month-day", "ago(duration)"); '' before migration 0005
    rule: Mapped[str] = mapped_column(server_default=sql_text("''"))


class EntryRow(Base):
    """One happening on the timeline; its presentation comes from its earliest event."""

    __tablename__ = "entries"
    __table_args__ = (
        Index("ix_entries_start_end_id", "start", "end", "id"),
        Index("ix_entries_span_class_start_end_id", "span_class", "start", "end", "id"),
        # Entry ids order entries with equal intervals ("creation order"): never reuse them.
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    start: Mapped[date]
    end: Mapped[date]
    granularity: Mapped[str] = mapped_column(CODE)
    value: Mapped[str]
    title: Mapped[str]
    text: Mapped[str]
    blocking_key: Mapped[str] = mapped_column(String(32), index=True)
    # ``ceil(log2(end - start in days))``: bounds how far before a range an overlapping
    # entry can start (see the module docstring).
    span_class: Mapped[int] = mapped_column(SmallInteger, server_default=sql_text("0"))
    # How sure the entry's time is, in [0, 1] (see ``entries.entry_confidence``).
    confidence: Mapped[float] = mapped_column(server_default=sql_text("1.0"))
    # "happening", or "remarks": the statements of one speaker at no named occasion
    kind: Mapped[str] = mapped_column(CODE, server_default=sql_text("'happening'"))
    # how much a reader of the timeline wants this entry (``events.salience``), 0-1
    salience: Mapped[float] = mapped_column(server_default=sql_text("0.0"), index=True)


class EventRow(Base):
    """One event of one document, attached to the entry it reports (NULL when unanchored)."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_merge_key_start_end", "merge_key", "start", "end"),)

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    ordinal: Mapped[int] = mapped_column(primary_key=True)
    # No ON DELETE action on purpose: the store deletes an entry only once it has no
    # events, so a failing delete here means a bug, not something to cascade over.
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("entries.id"), index=True)
    char_start: Mapped[int]
    char_end: Mapped[int]
    trigger: Mapped[str]
    sentence: Mapped[str]
    sentence_start: Mapped[int]
    participants: Mapped[list[Any]] = mapped_column(JSON())
    start: Mapped[date | None]
    end: Mapped[date | None]
    granularity: Mapped[str | None] = mapped_column(CODE)
    value: Mapped[str | None]
    anchoring: Mapped[str] = mapped_column(CODE)
    timex_index: Mapped[int | None]
    kind: Mapped[str] = mapped_column(CODE, server_default=sql_text("'happening'"))
    # [{speaker, text, sentence, sentence_start, char_start, char_end}]: what was said at it
    statements: Mapped[list[Any] | None] = mapped_column(JSON())
    participant_types: Mapped[list[Any] | None] = mapped_column(JSON())
    anchor_rule: Mapped[str | None] = mapped_column(String(40))
    # the merge signals that joined this event to its entry (names, in the order found)
    merge_signals: Mapped[list[Any] | None] = mapped_column(JSON())
    # ``<entry's blocking key>|<event family>``: the only events a new event of that key
    # and family can merge through (``timeline.store.index``; migration 0008)
    merge_key: Mapped[str | None] = mapped_column(String(96))
    # mentions of one happening in one document share this number (``Event.coref``)
    coref: Mapped[int | None]


class DocumentNameRow(Base):
    """A multi-word participant name of a document, casefolded (migration 0008): the
    stored documents a new one can re-date are found through it (``timeline.store.index``)."""

    __tablename__ = "document_names"

    name_key: Mapped[str] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class EntryEntityRow(Base):
    """One entity of an entry: the union of the participants of the entry's events.

    ``name_key`` is the normalised name (whitespace collapsed, casefolded) used for
    case-insensitive lookups; ``name`` is the spelling first seen; ``position`` keeps the
    order in which the entities first appear in the entry's events.
    """

    __tablename__ = "entry_entities"
    __table_args__ = (
        Index("ix_entry_entities_first_word_name_key", "first_word", "name_key"),
        Index("ix_entry_entities_last_word_name_key", "last_word", "name_key"),
    )

    entry_id: Mapped[int] = mapped_column(
        ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True
    )
    name_key: Mapped[str] = mapped_column(primary_key=True, index=True)
    name: Mapped[str]
    position: Mapped[int]
    # The first and last words of ``name_key``: "putin" finds "vladimir putin" through an
    # index instead of a LIKE '% putin' scan.
    first_word: Mapped[str] = mapped_column(server_default=sql_text("''"))
    last_word: Mapped[str] = mapped_column(server_default=sql_text("''"))
    # person, organisation, place or other (``timeline.model.ParticipantType``)
    type: Mapped[str] = mapped_column(CODE, server_default=sql_text("'other'"), index=True)


class StoreStateRow(Base):
    """The store's change counter: one row, bumped in every write transaction.

    ``epoch`` is random per database, so that a revision number from another database
    (or one re-created from scratch) never matches; ``(epoch, revision)`` changes whenever
    anything the API serves may have changed.
    """

    __tablename__ = "store_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    epoch: Mapped[str] = mapped_column(String(32))
    revision: Mapped[int] = mapped_column(BigInteger)


class JobRow(Base):
    """One document waiting for, or done by, a queue worker (``timeline.jobs``).

    The raw document (``text`` and ``document``: name, title, url, metadata) is kept here
    until a worker has stored it, so a message on the broker carries only the job id and a
    job can be retried or re-delivered however often.  ``content_hash`` is unique: the
    same text posted twice is one job.  ``document_id`` is the stored document once done;
    ``error`` the reason of the last failure.

    ``document_id`` is no foreign key on purpose: on PostgreSQL every insert into a table
    with one locks the referenced table (``ROW SHARE``), so posting a job would wait for
    any writer holding ``documents`` (and the API must answer in milliseconds).  A deleted
    document leaves its id in the job, which then says ``done`` with a document that is
    gone; posting the text again runs it again (``Jobs.submit``).
    """

    __tablename__ = "jobs"
    __table_args__ = (
        Index("ix_jobs_state_id", "state", "id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    state: Mapped[str] = mapped_column(CODE)  # queued, running, done, failed
    content_hash: Mapped[str] = mapped_column(String(128), unique=True)
    name: Mapped[str]
    document: Mapped[dict[str, Any]] = mapped_column(JSON())
    text: Mapped[str | None]  # cleared once the document is stored
    document_id: Mapped[int | None] = mapped_column(index=True)
    created: Mapped[bool | None]
    attempts: Mapped[int] = mapped_column(server_default=sql_text("0"))
    error: Mapped[str | None]
    worker: Mapped[str | None]
    submitted_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class UnsettledRow(Base):
    """A stored document whose neighbourhood is still to be settled (``timeline.settling``).

    Ingest stores new documents without re-dating the stored documents they are related
    to (the corpus step over their component, ``pipeline.settle``): it records them here,
    in the same transaction, and the settle job re-dates their components later and
    deletes the rows in the transaction that writes the result.  A deleted document's
    neighbours are recorded too (they may have leaned on it).  ``queued_at`` says since
    when (the oldest first).
    """

    __tablename__ = "unsettled"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    queued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # why the settle job set the document aside (it failed settling it alone); NULL while
    # it waits to be settled.  Marking it unsettled again (a new neighbour) clears it.
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
