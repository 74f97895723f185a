"""Query building: the SQL of the entry listings, compiled once per filter shape.

Every filter is a bound parameter, so one statement text serves every value of a
shape (which filters are used); it is compiled once per dialect and shape and run on a
bare DB-API connection (no SQLAlchemy execution or row objects): the API's hot path.
``entry_page_sql`` gives the text and parameters, ``run_page`` runs them; ``bench/api.py``
times the same pair as its raw-SQL floor.

An overlap query with a lower bound runs as one index range per span class (see
``tables``), each bounded below by ``start - 2**class``.  On PostgreSQL the revision, the
page and each entry's entities and sources (``json_agg``) come from one server-side
prepared statement, so one round trip; on SQLite a second statement in the same read
transaction fetches the entities and sources.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

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
    exists,
    func,
    literal_column,
    or_,
    select,
    true,
    tuple_,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY, aggregate_order_by
from sqlalchemy.dialects.postgresql import psycopg as postgresql_psycopg
from sqlalchemy.dialects.sqlite import dialect as sqlite_dialect

from timeline.export.records import participant_records, source_record, statement_record
from timeline.model import TimelineEntry
from timeline.store.engine import lower_text
from timeline.store.keys import MAX_SPAN_CLASS, entity_key
from timeline.store.tables import (
    DocumentRow,
    EntryEntityRow,
    EntryRow,
    EventRow,
    StoreStateRow,
)

OVERLAPS = "overlaps"
WITHIN = "within"
RANGE_MODES = (OVERLAPS, WITHIN)

# The position of an entry in timeline order, (start, end, id): what a cursor points at.
EntryKey = tuple[date, date, int]


def entry_key(entry: TimelineEntry) -> EntryKey:
    """Where ``entry`` sits in timeline order; pass it as ``after`` to get the next page."""
    return (entry.interval.start, entry.interval.end, entry.id)


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


@dataclass(frozen=True)
class EntryQuery:
    """Which entries, in which order, how many: the one value the API's and the CLI's
    filters build (``timeline.filters``) and the store takes (``Store.entries``).

    ``start``/``end``: the half-open range ``[start, end)``; either bound may be omitted.
    ``mode`` ``"overlaps"`` keeps entries whose ``[start, end)`` overlaps it, ``"within"``
    those lying entirely inside it.  ``entity``: entries with an entity of that name or
    whose name starts or ends with those whole words, case-insensitively
    (``keys.entity_key``).  ``q``: entries whose title or text, or a source sentence,
    contains ``q`` case-insensitively.  ``document``: entries reported by that document.
    ``min_confidence``: entries whose time confidence (``entries.entry_confidence``) is
    at least that.  ``granularities``: entries of these granularities.
    ``min_salience``: entries whose salience (``timeline.events.salience``) is at least
    that.  ``entity_types``: entries with a participant of one of these types (person,
    organisation, place, other).  Empty strings and an empty tuple mean no filter.

    ``descending`` reverses the timeline order (start, end, id); ``by_salience`` lists the
    most salient first (then in timeline order).  ``after`` (an ``entry_key``) starts
    after that position in the chosen order (keyset pagination; by salience,
    ``after_salience`` is the salience of that entry); ``limit`` caps the number of
    entries.

    A new filter is a field here, its ``_Filter`` below, and its field in
    ``timeline.filters.EntryFilterSchema`` (which gives the API and the CLI their option).
    """

    start: date | None = None
    end: date | None = None
    mode: str = OVERLAPS
    entity: str | None = None
    q: str | None = None
    document: int | None = None
    min_confidence: float | None = None
    granularities: tuple[str, ...] = ()
    min_salience: float | None = None
    entity_types: tuple[str, ...] = ()
    descending: bool = False
    by_salience: bool = False
    after: EntryKey | None = None
    after_salience: float | None = None
    limit: int | None = None

    def __post_init__(self) -> None:
        if self.limit is not None and self.limit < 0:
            raise ValueError(f"negative limit {self.limit}")
        if self.mode not in RANGE_MODES:
            raise ValueError(
                f"unknown range mode {self.mode!r}: use one of {', '.join(RANGE_MODES)}"
            )
        # one spelling per query: dates (a datetime would compare as a timestamp), and
        # granularities as a sorted set (one statement text for any order)
        for name in ("start", "end"):
            value = getattr(self, name)
            if isinstance(value, datetime):
                object.__setattr__(self, name, value.date())
        object.__setattr__(self, "granularities", tuple(sorted(set(self.granularities))))
        object.__setattr__(self, "entity_types", tuple(sorted(set(self.entity_types))))
        if self.by_salience and self.descending:
            raise ValueError("an entry listing is by salience or in reverse time order, not both")
        if self.by_salience and self.after is not None and self.after_salience is None:
            raise ValueError("a position in a listing by salience needs the entry's salience")


@dataclass(frozen=True)
class _Filter:
    """One entry filter: the parameters it binds for a query (None when the query does
    not use it) and its SQL condition on ``EntryRow`` over those parameters."""

    name: str
    params: Callable[[EntryQuery, str], dict[str, Any] | None]
    condition: Callable[[str], ColumnElement[bool]]


def _entity_params(query: EntryQuery, dialect: str) -> dict[str, Any] | None:
    key = entity_key(query.entity) if query.entity else ""
    if not key:
        return None
    words = key.split(" ")
    escaped = _escape_like(key)
    return {
        "entity_key": key,
        "entity_first": words[0],
        "entity_last": words[-1],
        "entity_prefix": f"{escaped} %",
        "entity_suffix": f"% {escaped}",
    }


def _entity_condition(dialect: str) -> ColumnElement[bool]:
    """Entries with an entity named ``key``, or whose name starts or ends with its whole
    words ("putin" matches "vladimir putin", "put" matches nothing).  Every branch is an
    index lookup: the whole key, or the first (last) word through ``first_word``
    (``last_word``), then the LIKE on those few rows."""
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
    return EntryRow.id.in_(select(matching.c.entry_id))


def _document_condition(dialect: str) -> ColumnElement[bool]:
    reported = (
        select(EventRow.entry_id)
        .where(EventRow.document_id == bindparam("document", type_=Integer()))
        .cte("reported")
    )
    return EntryRow.id.in_(select(reported.c.entry_id))


def _granularities_params(query: EntryQuery, dialect: str) -> dict[str, Any] | None:
    if not query.granularities:
        return None
    return {"granularities": _list_param(query.granularities, dialect)}


def _granularities_condition(dialect: str) -> ColumnElement[bool]:
    return _in_list(EntryRow.granularity, "granularities", dialect)


def _list_param(values: Sequence[str], dialect: str) -> Any:
    """A list bound as one parameter: an array on PostgreSQL, JSON text on SQLite (one
    statement text for any number of values; an expanding IN would compile, and on
    PostgreSQL prepare, a statement per list length)."""
    return list(values) if dialect == "postgresql" else json.dumps(list(values))


def _in_list(column: Any, name: str, dialect: str) -> ColumnElement[bool]:
    """``column`` is one of the values of the list parameter ``name`` (``_list_param``)."""
    if dialect == "postgresql":
        return column == any_(bindparam(name, type_=ARRAY(String())))
    listed = func.json_each(bindparam(name, type_=String())).table_valued("value")
    return column.in_(select(listed.c.value))


def _entity_types_condition(dialect: str) -> ColumnElement[bool]:
    """Entries with a participant of one of the types (``entry_entities.type`` is
    indexed)."""
    typed = (
        select(EntryEntityRow.entry_id)
        .where(_in_list(EntryEntityRow.type, "entity_types", dialect))
        .cte("typed")
    )
    return EntryRow.id.in_(select(typed.c.entry_id))


def _q_condition(dialect: str) -> ColumnElement[bool]:
    pattern = bindparam("q_pattern", type_=String())
    in_sources = exists().where(
        EventRow.entry_id == EntryRow.id,
        lower_text(EventRow.sentence).like(pattern, escape="\\"),
    )
    return or_(
        lower_text(EntryRow.title).like(pattern, escape="\\"),
        lower_text(EntryRow.text).like(pattern, escape="\\"),
        in_sources,
    )


_FILTERS = (
    _Filter("entity", _entity_params, _entity_condition),
    _Filter(
        "document",
        lambda query, _: None if query.document is None else {"document": query.document},
        _document_condition,
    ),
    _Filter(
        "min_confidence",
        lambda query, _: (
            None if query.min_confidence is None else {"min_confidence": query.min_confidence}
        ),
        lambda _: EntryRow.confidence >= bindparam("min_confidence", type_=Double()),
    ),
    _Filter("granularities", _granularities_params, _granularities_condition),
    _Filter(
        "min_salience",
        lambda query, _: (
            None if query.min_salience is None else {"min_salience": query.min_salience}
        ),
        lambda _: EntryRow.salience >= bindparam("min_salience", type_=Double()),
    ),
    _Filter(
        "entity_types",
        lambda query, dialect: (
            {"entity_types": _list_param(query.entity_types, dialect)}
            if query.entity_types
            else None
        ),
        _entity_types_condition,
    ),
    _Filter(
        "q",
        lambda query, _: {"q_pattern": f"%{_escape_like(query.q.lower())}%"} if query.q else None,
        _q_condition,
    ),
)
_FILTER_BY_NAME = {f.name: f for f in _FILTERS}


@dataclass(frozen=True)
class _Shape:
    """What an entry query's statement depends on (not the values): the range bounds and
    mode, the filters used, the order, and whether it is bounded by a position or a limit."""

    within: bool
    lo: bool
    hi: bool
    filters: tuple[str, ...]
    descending: bool
    after: bool
    limit: bool
    by_salience: bool = False

    @property
    def by_class(self) -> bool:
        """Overlap queries in timeline order with a lower bound run as one index range
        per span class (a listing by salience reads its matches and sorts them)."""
        return self.lo and not self.within and not self.by_salience


_SPAN_CLASSES = tuple(range(MAX_SPAN_CLASS + 1))

# The read path runs compiled SQL text on DB-API connections: named parameters on both
# databases (psycopg's ``%(name)s`` and sqlite3's ``:name``).
_DIALECTS = {
    "postgresql": postgresql_psycopg.dialect(),
    "sqlite": sqlite_dialect(paramstyle="named"),
}

REVISION_SQL = "SELECT epoch, revision FROM store_state WHERE id = 1"

# SQLite: the entities and sources of a page (``:ids`` a JSON array of entry ids), in
# one statement; per entry, sources in document order and entities by position.
_SQLITE_DETAILS = """\
SELECT ev.entry_id, 0 AS kind, ev.document_id, d.name, ev.sentence, ev.char_start,
       ev.char_end, ev.ordinal AS position, ev.anchor_rule, ev.merge_signals, ev.statements
FROM events AS ev JOIN documents AS d ON d.id = ev.document_id
WHERE ev.entry_id IN (SELECT value FROM json_each(:ids))
UNION ALL
SELECT ee.entry_id, 1, NULL, ee.name, ee.type, NULL, NULL, ee.position, NULL, NULL, NULL
FROM entry_entities AS ee
WHERE ee.entry_id IN (SELECT value FROM json_each(:ids))
ORDER BY 2, 3, 8"""

_ENTRY_COLUMNS: tuple[Any, ...] = (
    EntryRow.id,
    EntryRow.start,
    EntryRow.end,
    EntryRow.granularity,
    EntryRow.value,
    EntryRow.confidence,
    EntryRow.title,
    EntryRow.text,
    EntryRow.kind,
    EntryRow.salience,
)


def entry_page_sql(dialect: str, query: EntryQuery) -> tuple[str, dict[str, Any]]:
    """The SQL text of ``query``'s page of entries on ``dialect`` and its parameters, for
    ``run_page``."""
    lo, hi = query.start, query.end
    params: dict[str, Any] = {}
    used: list[str] = []
    for entry_filter in _FILTERS:
        bound = entry_filter.params(query, dialect)
        if bound is not None:
            used.append(entry_filter.name)
            params.update(bound)
    shape = _Shape(
        within=query.mode == WITHIN,
        lo=lo is not None,
        hi=hi is not None,
        filters=tuple(used),
        descending=query.descending,
        after=query.after is not None,
        limit=query.limit is not None,
        by_salience=query.by_salience,
    )
    if lo is not None:
        params["lo"] = lo
    if hi is not None:
        params["hi"] = hi
    if query.limit is not None:
        params["limit"] = query.limit
    if lo is not None and shape.by_class:
        # start > lo - 2**c, i.e. start >= lo - 2**c + 1 day (never before 0001-01-01)
        reach = (lo - date.min).days
        lowers = [lo - timedelta(days=min(reach, (1 << c) - 1)) for c in _SPAN_CLASSES]
        if dialect == "postgresql":
            params["classes"] = list(_SPAN_CLASSES)
            params["lowers"] = lowers
        else:
            params.update({f"lower_{c}": lower for c, lower in enumerate(lowers)})
    if query.after is not None:
        after_start, after_end, after_id = query.after
        params.update(after_start=after_start, after_end=after_end, after_id=after_id)
        if query.by_salience:
            params["after_salience"] = query.after_salience
    sql, fixed = _entry_sql(dialect, shape)
    params.update(fixed)
    if dialect != "postgresql":
        # SQLite stores dates as ISO text: bind them as text, as SQLAlchemy's Date would.
        params = {k: v.isoformat() if isinstance(v, date) else v for k, v in params.items()}
    return sql, params


def run_page(connection: Any, dialect: str, sql: str, params: dict[str, Any]) -> EntryPage:
    """Run ``entry_page_sql``'s statement on a DB-API connection of ``dialect``."""
    if dialect == "postgresql":
        return _postgresql_page(connection, sql, params)
    return _sqlite_page(connection, sql, params)


def revision_token(row: Sequence[Any] | None) -> str:
    if row is None or row[0] is None:
        return "none-0"
    return f"{row[0]}-{row[1]}"


def _record(row: Sequence[Any], entities: list[Any], sources: list[Any]) -> dict[str, Any]:
    """The documented entry record (``timeline.export.records``) of a page row
    ``(id, start, end, granularity, value, confidence, title, text, kind, salience)``,
    its entities ``[(name, type)]`` and its sources (dicts with the stored ``anchor_rule``,
    ``merge_signals`` and ``statements``; JSON text on SQLite)."""
    entry_id, start, end, granularity, value, confidence, title, text_, kind, salience = row
    record: dict[str, Any] = {
        "id": entry_id,
        # PostgreSQL returns dates, SQLite keeps them as ISO text already
        "start": start if isinstance(start, str) else start.isoformat(),
        "end": end if isinstance(end, str) else end.isoformat(),
        "value": value,
        "granularity": granularity,
        "confidence": round(confidence, 3),
        "kind": kind,
        "salience": round(salience, 3),
        "title": title,
        "text": text_,
        "entities": [name for name, _ in entities],
        "participants": participant_records(entities),
        "statements": [],
        "sources": [],
    }
    for source in sources:
        document, document_name = source["document"], source["document_name"]
        record["sources"].append(
            source_record(
                document=document,
                document_name=document_name,
                sentence=source["sentence"],
                char_start=source["char_start"],
                char_end=source["char_end"],
                anchor_rule=source["anchor_rule"],
                merge_signals=_json(source["merge_signals"]),
            )
        )
        for said in _json(source["statements"]) or ():
            record["statements"].append(
                statement_record(
                    speaker=said["speaker"],
                    text=said["text"],
                    sentence=said["sentence"],
                    char_start=said["char_start"],
                    char_end=said["char_end"],
                    document=document,
                    document_name=document_name,
                )
            )
    return record


def _json(value: Any) -> Any:
    """A JSON column's value: parsed on PostgreSQL, text on SQLite's raw driver."""
    return json.loads(value) if isinstance(value, str) else value


def _postgresql_page(connection: Any, sql: str, params: dict[str, Any]) -> EntryPage:
    """Run the one-statement page of ``_entry_statement`` (prepared server-side)."""
    rows = connection.execute(sql, params, prepare=True).fetchall()
    return EntryPage(revision_token(rows[0] if rows else None), postgresql_records(rows))


def _sqlite_page(connection: Any, sql: str, params: dict[str, Any]) -> EntryPage:
    """The page, then its entities and sources, in one read transaction (one snapshot)."""
    connection.execute("BEGIN")
    try:
        rows = connection.execute(sql, params).fetchall()
        records = sqlite_records(connection, rows)
    finally:
        connection.rollback()  # ends the (read-only) transaction
    return EntryPage(revision_token(rows[0] if rows else None), records)


def sqlite_records(connection: Any, rows: Sequence[Sequence[Any]]) -> list[dict[str, Any]]:
    """The records of SQLite page rows, their entities and sources read in one more
    statement (run inside the transaction that read ``rows``)."""
    pages = {row[2]: row[2:] for row in rows if row[2] is not None}
    entities: dict[int, list[tuple[str, str]]] = {entry_id: [] for entry_id in pages}
    sources: dict[int, list[dict[str, Any]]] = {entry_id: [] for entry_id in pages}
    if pages:
        details = connection.execute(_SQLITE_DETAILS, {"ids": json.dumps(list(pages))})
        for (
            entry_id,
            kind,
            document_id,
            name,
            sentence,
            char_start,
            char_end,
            _,
            anchor_rule,
            merge_signals,
            statements,
        ) in details:
            if kind:
                entities[entry_id].append((name, sentence))  # the type, in that column
            else:
                sources[entry_id].append(
                    {
                        "document": document_id,
                        "document_name": name,
                        "sentence": sentence,
                        "char_start": char_start,
                        "char_end": char_end,
                        "anchor_rule": anchor_rule,
                        "merge_signals": merge_signals,
                        "statements": statements,
                    }
                )
    return [_record(row, entities[entry_id], sources[entry_id]) for entry_id, row in pages.items()]


def postgresql_records(rows: Sequence[Sequence[Any]]) -> list[dict[str, Any]]:
    """The records of PostgreSQL page rows (entities and sources are in each row)."""
    return [
        _record(
            row[2:12],
            [(e["name"], e["type"]) for e in row[12] or ()],
            row[13] or [],
        )
        for row in rows
        if row[2] is not None
    ]


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

    Its rows are ``(epoch, revision, id, start, end, granularity, value, confidence,
    title, text, kind, salience)`` in the query's order, plus the entities and sources of
    each entry as JSON arrays on PostgreSQL; a page without entries is one row with the
    revision and NULLs, so the revision always comes from the statement's own snapshot.
    Its parameters are those
    ``entry_page_sql`` fills in (``lo``, ``hi``, ``lower_<class>`` on SQLite,
    ``classes`` and ``lowers`` on PostgreSQL, ``entity_*``, ``q_pattern``, ``document``,
    ``min_confidence``, ``granularities``, ``min_salience``, ``entity_types``,
    ``after_*``, ``limit``).
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
    conditions += [_FILTER_BY_NAME[name].condition(dialect) for name in shape.filters]
    if shape.after:
        after_start = bindparam("after_start", type_=Date())
        position = tuple_(EntryRow.start, EntryRow.end, EntryRow.id)
        boundary = tuple_(
            bindparam("after_start", type_=Date()),
            bindparam("after_end", type_=Date()),
            bindparam("after_id", type_=Integer()),
        )
        if shape.by_salience:
            # most salient first, then timeline order among equals
            after_salience: Any = bindparam("after_salience", type_=Double())
            conditions.append(
                or_(
                    EntryRow.salience < after_salience,
                    and_(EntryRow.salience == after_salience, position > boundary),
                )
            )
        elif shape.descending:
            conditions += [EntryRow.start <= after_start, position < boundary]
        else:
            conditions += [EntryRow.start >= after_start, position > boundary]

    order = _timeline_order(EntryRow.start, EntryRow.end, EntryRow.id, shape.descending)
    if shape.by_salience:
        order = (EntryRow.salience.desc(), *order)
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
        entity = func.json_build_object(
            literal_column("'name'"),
            EntryEntityRow.name,
            literal_column("'type'"),
            EntryEntityRow.type,
        )
        entities = (
            select(func.json_agg(aggregate_order_by(entity, EntryEntityRow.position)))
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
            literal_column("'anchor_rule'"),
            EventRow.anchor_rule,
            literal_column("'merge_signals'"),
            EventRow.merge_signals,
            literal_column("'statements'"),
            EventRow.statements,
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
    page_order = _timeline_order(page.c.start, page.c.end, page.c.id, shape.descending)
    if shape.by_salience:
        page_order = (page.c.salience.desc(), *page_order)
    return (
        select(*columns)
        .select_from(one.outerjoin(state, true()).outerjoin(page, true()))
        .order_by(*page_order)
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
