"""The store's query features for the API, on SQLite and PostgreSQL: range modes, span-class
overlap queries, keyset pagination, filters, entry confidence, the change counter and the
0002 migration's back-fill."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from timeline.export.records import entry_record
from timeline.model import (
    AnalysedDocument,
    Anchoring,
    Document,
    Event,
    EventKind,
    Evidence,
    Granularity,
    Interval,
    Provenance,
    PublicationDate,
    Statement,
    TemporalExpression,
    TimelineEntry,
    TimexType,
)
from timeline.store import EntryQuery, Store
from timeline.store.entries import entry_confidence
from timeline.store.keys import span_class
from timeline.store.queries import entry_key
from timeline.store.repository import MIGRATIONS_DIR

GRANULARITY_DAYS = (
    (Granularity.DAY, 1),
    (Granularity.WEEK, 7),
    (Granularity.MONTH, 31),
    (Granularity.QUARTER, 92),
    (Granularity.YEAR, 365),
    (Granularity.DECADE, 3652),
    (Granularity.CENTURY, 36524),
)


def one_event(
    name: str,
    interval: Interval,
    participants: tuple[str, ...],
    *,
    published: PublicationDate | None = None,
    anchoring: Anchoring = Anchoring.TIMEX,
    underspecified: str | None = None,
    types: tuple[str, ...] = (),
    said: tuple[Statement, ...] = (),
    kind: EventKind = EventKind.HAPPENING,
) -> AnalysedDocument:
    """A one-sentence document with one event (and its anchoring expression, if TIMEX),
    its participants of ``types``, ``said`` at it."""
    text = f"{' and '.join(participants)} met on that day. Reported by {name}."
    offset = text.index("met")
    when = text.index("that day")
    expressions = []
    timex_index = None
    if anchoring is Anchoring.TIMEX:
        expressions.append(
            TemporalExpression(
                char_start=when,
                char_end=when + len("that day"),
                text="that day",
                type=TimexType.DATE,
                value=interval.start.isoformat(),
                underspecified=underspecified or f"abs {interval.start.isoformat()}",
                interval=interval,
            )
        )
        timex_index = 0
    event = Event(
        char_start=offset,
        char_end=offset + 3,
        trigger="met",
        sentence=text,
        sentence_start=0,
        participants=participants,
        interval=interval,
        value=interval.start.isoformat(),
        anchoring=anchoring,
        timex_index=timex_index,
        participant_types=types,
        statements=said,
        kind=kind,
        anchor_rule="own_expression" if anchoring is Anchoring.TIMEX else "publication_of_report",
    )
    document = Document(name=name, text=text, published=published)
    return AnalysedDocument(document, [], expressions, [event])


def published_on(day: date, confidence: float) -> PublicationDate:
    return PublicationDate(
        Interval(day, day + timedelta(days=1), Granularity.DAY),
        day,
        confidence,
        Provenance.CONTENT,
        (Evidence("test", "x", "y"),),
    )


def random_interval(rng: random.Random) -> Interval:
    granularity, days = rng.choice(GRANULARITY_DAYS)
    if rng.random() < 0.2:  # a hull ("between 2019 and 2021"): any length
        days = rng.randint(2, 2000)
    start = date(2000, 1, 1) + timedelta(days=rng.randint(0, 9000))
    return Interval(start, start + timedelta(days=days), granularity)


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def random_store(
    request: pytest.FixtureRequest,
    migrated_sqlite_at: Callable[[Path], str],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Store, list[TimelineEntry]]]:
    """60 entries with random intervals of every width (one event each), in a database of
    their own built once per module: the tests that use them only read."""
    if request.param == "sqlite":
        url = migrated_sqlite_at(tmp_path_factory.mktemp("random") / "random.db")
        schema = None
    else:
        server = request.getfixturevalue("postgres_server")
        schema = server.create_schema()
        url = server.url_for(schema)
    rng = random.Random(7)
    with Store(url) as store:
        store.migrate()
        with store.unit_of_work() as work:
            for number in range(60):
                types = (rng.choice(("person", "organisation", "place", "other")),)
                who = (f"Person{number} Smith",)
                work.add(one_event(f"d{number}", random_interval(rng), who, types=types))
        everything = store.entries()
        assert len(everything) == 60
        yield store, everything
    if schema is not None:
        request.getfixturevalue("postgres_server").drop_schema(schema)


def brute_force(
    entries: list[TimelineEntry], lo: date | None, hi: date | None, mode: str
) -> list[TimelineEntry]:
    kept = []
    for entry in entries:
        start, end = entry.interval.start, entry.interval.end
        if mode == "within":
            ok = (lo is None or start >= lo) and (hi is None or end <= hi)
        else:
            ok = (lo is None or end > lo) and (hi is None or start < hi)
        if ok:
            kept.append(entry)
    return kept


RANGES = [
    (date(2010, 1, 1), date(2010, 2, 1)),
    (date(2005, 6, 1), date(2007, 1, 1)),
    (date(2000, 1, 1), date(2000, 1, 2)),
    (None, date(2003, 1, 1)),
    (date(2020, 1, 1), None),
    (date(1999, 1, 1), date(2050, 1, 1)),
]


@pytest.mark.parametrize("mode", ["overlaps", "within"])
@pytest.mark.parametrize(("lo", "hi"), RANGES)
def test_range_modes_match_brute_force(
    random_store: tuple[Store, list[TimelineEntry]], mode: str, lo: date | None, hi: date | None
) -> None:
    store, everything = random_store
    expected = brute_force(everything, lo, hi, mode)
    assert [e.id for e in store.entries(EntryQuery(start=lo, end=hi, mode=mode))] == [
        e.id for e in expected
    ]
    backwards = store.entries(EntryQuery(start=lo, end=hi, mode=mode, descending=True))
    assert [e.id for e in backwards] == [e.id for e in reversed(expected)]


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize(("lo", "hi"), RANGES[:2] + RANGES[3:5])
def test_keyset_pages_cover_the_result_exactly_once(
    random_store: tuple[Store, list[TimelineEntry]],
    descending: bool,
    lo: date | None,
    hi: date | None,
) -> None:
    store, _ = random_store
    whole = [e.id for e in store.entries(EntryQuery(start=lo, end=hi, descending=descending))]
    seen: list[int] = []
    after = None
    while True:
        page = store.entries(
            EntryQuery(start=lo, end=hi, descending=descending, limit=4, after=after)
        )
        seen += [e.id for e in page]
        if len(page) < 4:
            break
        after = entry_key(page[-1])
    assert seen == whole


@pytest.mark.parametrize(("lo", "hi"), [*RANGES[:2], (None, None)])
def test_pages_by_salience_cover_the_result_exactly_once(
    random_store: tuple[Store, list[TimelineEntry]], lo: date | None, hi: date | None
) -> None:
    store, everything = random_store
    expected = sorted(
        brute_force(everything, lo, hi, "overlaps"),
        key=lambda e: (-e.salience, e.interval.start, e.interval.end, e.id),
    )
    assert len({e.salience for e in expected}) > 2, "the dataset should have several saliences"
    whole = store.entries(EntryQuery(start=lo, end=hi, by_salience=True))
    assert [e.id for e in whole] == [e.id for e in expected]
    seen: list[int] = []
    after, after_salience = None, None
    while True:
        page = store.entries(
            EntryQuery(
                start=lo,
                end=hi,
                by_salience=True,
                limit=3,
                after=after,
                after_salience=after_salience,
            )
        )
        seen += [e.id for e in page]
        if len(page) < 3:
            break
        after, after_salience = entry_key(page[-1]), page[-1].salience
    assert seen == [e.id for e in expected]
    with pytest.raises(ValueError, match="salience"):
        EntryQuery(by_salience=True, after=entry_key(whole[0]))
    with pytest.raises(ValueError, match="not both"):
        EntryQuery(by_salience=True, descending=True)


@pytest.mark.parametrize("types", [("person",), ("organisation", "place"), ("other",)])
def test_entity_type_and_salience_filters_match_brute_force(
    random_store: tuple[Store, list[TimelineEntry]], types: tuple[str, ...]
) -> None:
    store, everything = random_store
    typed = [e for e in everything if set(e.entity_types) & set(types)]
    assert 0 < len(typed) < len(everything)
    assert store.entries(EntryQuery(entity_types=types)) == typed
    threshold = sorted(e.salience for e in everything)[len(everything) // 2]
    salient = [e for e in everything if e.salience >= threshold]
    assert 0 < len(salient) < len(everything)
    assert store.entries(EntryQuery(min_salience=threshold)) == salient
    both = store.entries(EntryQuery(min_salience=threshold, entity_types=types))
    assert both == [e for e in typed if e.salience >= threshold]


def test_entries_carry_kind_salience_types_statements_and_signals(store: Store) -> None:
    day = Interval(date(2025, 9, 2), date(2025, 9, 3), Granularity.DAY)
    text = "Xi Jinping and Vladimir Putin met on that day. Reported by a."
    said = Statement("Vladimir Putin", "“We agree”", "“We agree,” Putin said.", 100, 112, 116)
    first = store.add(
        one_event("a", day, ("Xi Jinping", "Vladimir Putin"), types=("person", "person"))
    )
    second = store.add(
        one_event("b", day, ("Vladimir Putin", "Beijing"), types=("person", "place"), said=(said,))
    )
    remarks = store.add(
        one_event(
            "c",
            Interval(date(2025, 9, 5), date(2025, 9, 6), Granularity.DAY),
            ("Robert Fico",),
            types=("person",),
            kind=EventKind.REMARKS,
            said=(Statement("Robert Fico", "that talks went well", "Fico said that ...", 0, 5, 9),),
        )
    )
    meeting, fico = store.entries()
    assert text.startswith(meeting.text[:10])
    assert meeting.entities == ("Xi Jinping", "Vladimir Putin", "Beijing")
    assert meeting.entity_types == ("person", "person", "place")
    assert meeting.kind is EventKind.HAPPENING and fico.kind is EventKind.REMARKS
    assert 0 < fico.salience < meeting.salience <= 1
    assert [(s.document_id, s.speaker, s.text) for s in meeting.statements] == [
        (second.document_id, "Vladimir Putin", "“We agree”")
    ]
    assert [s.document_id for s in fico.statements] == [remarks.document_id]
    assert [s.anchor_rule for s in meeting.sources] == ["own_expression"] * 2
    assert meeting.sources[0].merge_signals == ()  # the report that started the entry
    assert meeting.sources[1].merge_signals[:2] == ("same_family", "compatible_times")
    assert meeting.sources[0].document_id == first.document_id
    record = entry_record(meeting)
    assert record["participants"][2] == {"name": "Beijing", "type": "place"}
    assert record["statements"][0]["form"] == "quote"
    assert record["statements"][0]["document_name"] == "b"
    assert record["kind"] == "happening" and record["salience"] == round(meeting.salience, 3)
    assert store.entry_page().records == [entry_record(e) for e in (meeting, fico)]
    assert store.entries(EntryQuery(entity_types=("place",))) == [meeting]
    assert store.entries(EntryQuery(min_salience=meeting.salience)) == [meeting]
    assert store.entries(EntryQuery(by_salience=True)) == [meeting, fico]


def test_span_class_bounds_the_interval() -> None:
    for days in (1, 2, 3, 4, 5, 7, 8, 31, 366, 36525):
        start = date(2000, 1, 1)
        interval = Interval(start, start + timedelta(days=days), Granularity.DAY)
        c = span_class(interval)
        assert days <= 2**c and (c == 0 or days > 2 ** (c - 1))


def test_filters_granularity_document_confidence(store: Store) -> None:
    day = Interval(date(2025, 9, 2), date(2025, 9, 3), Granularity.DAY)
    month = Interval(date(2025, 8, 1), date(2025, 9, 1), Granularity.MONTH)
    first = store.add(one_event("a", day, ("Xi Jinping",), published=published_on(day.start, 0.9)))
    store.add(
        one_event(
            "b",
            month,
            ("Robert Fico",),
            published=published_on(date(2025, 9, 10), 0.4),
            anchoring=Anchoring.PUBLICATION,
        )
    )
    assert [e.title for e in store.entries(EntryQuery(granularities=("month",)))] == [
        "Robert Fico: met"
    ]
    assert len(store.entries(EntryQuery(granularities=("month", "day")))) == 2
    assert [e.title for e in store.entries(EntryQuery(document=first.document_id))] == [
        "Xi Jinping: met"
    ]
    assert store.entries(EntryQuery(document=4242)) == []
    # Absolute date: 1.0; publication-anchored: its document's confidence (0.4).
    assert [e.title for e in store.entries(EntryQuery(min_confidence=0.5))] == ["Xi Jinping: met"]
    assert len(store.entries(EntryQuery(min_confidence=0.4))) == 2
    with pytest.raises(ValueError, match="range mode"):
        store.entries(EntryQuery(mode="sideways"))


def test_entry_confidence_rule() -> None:
    assert entry_confidence([(True, 0.2)]) == 1.0
    assert entry_confidence([(False, 0.9), (True, None)]) == 1.0
    assert entry_confidence([(False, 0.9), (False, 0.6)]) == 0.6
    assert entry_confidence([(False, None)]) == 0.0
    assert entry_confidence([]) == 0.0


def test_confidence_follows_relative_anchors_and_redating(store: Store) -> None:
    day = Interval(date(2025, 9, 2), date(2025, 9, 3), Granularity.DAY)
    relative = one_event(
        "rel",
        day,
        ("Xi Jinping",),
        published=published_on(date(2025, 9, 3), 0.5),
        underspecified="shift day -1 dir=past",
    )
    added = store.add(relative)

    def confidence() -> float:
        with store.engine.connect() as connection:
            return float(connection.exec_driver_sql("SELECT confidence FROM entries").scalar_one())

    assert confidence() == pytest.approx(0.5)
    # Re-dated by a user: the same entry now rests on a sure publication date.
    record = store.document(added.document_id)
    assert record is not None
    analysed = record.analysed
    analysed.document.published = published_on(date(2025, 9, 3), 1.0)
    store.replace_analysis(added.document_id, analysed)
    assert confidence() == pytest.approx(1.0)
    # A second report stating the date absolutely makes it certain whatever the first says.
    analysed.document.published = published_on(date(2025, 9, 3), 0.3)
    store.replace_analysis(added.document_id, analysed)
    assert confidence() == pytest.approx(0.3)
    store.add(one_event("abs", day, ("Xi Jinping",), published=published_on(day.start, 0.2)))
    assert len(store.entries()) == 1
    assert confidence() == pytest.approx(1.0)


def test_revision_counts_writes_only(store: Store) -> None:
    day = Interval(date(2025, 9, 2), date(2025, 9, 3), Granularity.DAY)
    start = store.revision()
    epoch, number = start.rsplit("-", 1)
    assert len(epoch) == 32 and number == "0"
    added = store.add(one_event("a", day, ("Xi",)))
    after_add = store.revision()
    assert after_add == f"{epoch}-1"
    store.add(one_event("a", day, ("Xi",)))  # duplicate content: nothing written
    assert store.revision() == after_add
    store.entries()
    assert store.revision() == after_add
    assert store.delete(added.document_id)
    assert store.revision() == f"{epoch}-2"
    assert not store.delete(added.document_id)
    assert store.revision() == f"{epoch}-2"


def test_entity_words_and_has_entity(store: Store) -> None:
    day = Interval(date(2025, 9, 2), date(2025, 9, 3), Granularity.DAY)
    store.add(one_event("a", day, ("President Vladimir Putin",)))
    store.add(one_event("b", day, ("Putinism Expert",)))
    assert [e.entities for e in store.entries(EntryQuery(entity="putin"))] == [
        ("President Vladimir Putin",)
    ]
    assert len(store.entries(EntryQuery(entity="Vladimir  PUTIN"))) == 1
    assert len(store.entries(EntryQuery(entity="president vladimir"))) == 1
    assert store.entries(EntryQuery(entity="put")) == []
    assert (
        store.entries(EntryQuery(entity="vladimir")) == []
    )  # a middle word is not a first/last word
    assert store.has_entity("PUTIN") and store.has_entity("putinism")
    assert not store.has_entity("put") and not store.has_entity("  ")


def test_documents_pages(store: Store) -> None:
    day = Interval(date(2025, 9, 2), date(2025, 9, 3), Granularity.DAY)
    ids = [store.add(one_event(f"d{n}", day, (f"P{n}",))).document_id for n in range(5)]
    assert [d.id for d in store.documents(limit=2)] == ids[:2]
    assert [d.id for d in store.documents(limit=2, after=ids[1])] == ids[2:4]
    assert [d.id for d in store.documents(after=ids[3])] == ids[4:]


def test_migration_0002_backfills_existing_rows(db_url: str) -> None:
    """A database created by 0001 with data in it gains correct new columns at 0002."""
    with Store(db_url) as store:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        with store.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0001")
        with store.engine.begin() as connection:
            insert = connection.exec_driver_sql
            insert(
                "INSERT INTO documents (id, name, text, content_hash, metadata, sentences, "
                "published_start, published_end, published_point, published_granularity, "
                "published_confidence, published_provenance, published_evidence) VALUES "
                "(1, 'a', 'x', 'h1', '{}', '[]', '2025-09-03', '2025-09-04', '2025-09-03', "
                "'day', 0.7, 'content', '[]'), "
                "(2, 'b', 'y', 'h2', '{}', '[]', NULL, NULL, NULL, NULL, NULL, NULL, NULL)"
            )
            insert(
                "INSERT INTO expressions (document_id, ordinal, char_start, char_end, text, "
                "type, value, underspecified) VALUES "
                "(1, 0, 0, 1, 'x', 'DATE', '2025-09-02', 'shift day -1 dir=past'), "
                "(2, 0, 0, 1, 'y', 'DATE', '2025', 'abs 2025')"
            )
            insert(
                'INSERT INTO entries (id, start, "end", granularity, value, title, text, '
                "blocking_key) VALUES "
                "(1, '2025-09-02', '2025-09-03', 'day', '2025-09-02', 't', 'x', '2025'), "
                "(2, '2025-01-01', '2026-01-01', 'year', '2025', 't', 'y', '2025')"
            )
            insert(
                "INSERT INTO events (document_id, ordinal, entry_id, char_start, char_end, "
                'trigger, sentence, sentence_start, participants, start, "end", granularity, '
                "value, anchoring, timex_index) VALUES "
                "(1, 0, 1, 0, 1, 'x', 'x', 0, '[]', '2025-09-02', '2025-09-03', 'day', "
                "'2025-09-02', 'timex', 0), "
                "(2, 0, 2, 0, 1, 'y', 'y', 0, '[]', '2025-01-01', '2026-01-01', 'year', "
                "'2025', 'timex', 0)"
            )
            insert(
                "INSERT INTO entry_entities (entry_id, name_key, name, position) VALUES "
                "(1, 'vladimir putin', 'Vladimir Putin', 0), (2, 'xi', 'Xi', 0)"
            )
        store.migrate()
        with store.engine.connect() as connection:
            entries = connection.execute(
                sa.text("SELECT id, span_class, confidence FROM entries ORDER BY id")
            ).all()
            words = connection.execute(
                sa.text("SELECT first_word, last_word FROM entry_entities ORDER BY entry_id")
            ).all()
        assert [(row.id, row.span_class) for row in entries] == [(1, 0), (2, 9)]
        assert [round(row.confidence, 3) for row in entries] == [0.7, 1.0]
        assert [tuple(row) for row in words] == [("vladimir", "putin"), ("xi", "xi")]
        assert store.revision().endswith("-0")
        assert [
            e.id for e in store.entries(EntryQuery(start=date(2025, 9, 1), entity="putin"))
        ] == [1]


def test_entry_page_records_and_snapshot_revision(store: Store) -> None:
    """``entry_page``: the documented records of ``entries``, with the revision they were
    read at; every write moves it, and an empty page still carries it."""
    day = Interval(date(2025, 9, 2), date(2025, 9, 3), Granularity.DAY)
    month = Interval(date(2025, 9, 1), date(2025, 10, 1), Granularity.MONTH)
    empty = store.entry_page(EntryQuery(start=date(2025, 9, 1), end=date(2025, 10, 1), limit=5))
    assert empty.records == [] and empty.revision == store.revision()
    store.add(one_event("a", day, ("Xi Jinping", "Robert Fico")))
    store.add(one_event("b", day, ("Xi Jinping",)))
    store.add(one_event("c", month, ("Vladimir Putin",)))
    for query in (
        EntryQuery(),
        EntryQuery(start=date(2025, 9, 2), end=date(2025, 9, 3), limit=1),
        EntryQuery(start=date(2025, 9, 1), granularities=("month", "day"), descending=True),
        EntryQuery(entity="fico", q="met", min_confidence=0.0),
    ):
        page = store.entry_page(query)
        assert page.revision == store.revision()
        entries = store.entries(query)
        assert page.records == [entry_record(e) for e in entries]
        for record in page.records:
            assert list(record) == list(entry_record(store.entries()[0]))
    assert sum(len(record["sources"]) for record in store.entry_page().records) == 3
    before = store.entry_page().revision
    store.add(one_event("d", day, ("Emmanuel Macron",)))
    assert store.entry_page().revision != before


@pytest.mark.postgres
@pytest.mark.parametrize("store", ["postgresql"], indirect=True)  # server-side loss only
def test_reads_survive_a_dropped_connection(store: Store) -> None:
    """The read pool does not ping at checkout: a dead pooled connection is replaced."""
    assert store.engine.dialect.name == "postgresql"
    day = Interval(date(2025, 9, 2), date(2025, 9, 3), Granularity.DAY)
    store.add(one_event("a", day, ("Xi Jinping",)))
    pid = store._read(lambda connection: connection.info.backend_pid)
    with store.engine.connect() as connection:
        connection.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    assert len(store.entry_page(EntryQuery(start=date(2025, 9, 1))).records) == 1
    assert store.revision().endswith("-1")
