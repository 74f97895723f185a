"""``Store.stream_entries``: every entry of a query through a server-side cursor, the
same records in the same order as ``entry_page``, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from timeline.model import Document
from timeline.pipeline import ingest_documents
from timeline.store import EntryQuery, Store, streaming

ARTICLES = [
    Document(name="alaska", text="On August 15, 2025, Donald Trump met Vladimir Putin in Alaska."),
    Document(name="law", text="On July 4, 2025, Donald Trump signed the tax bill into law."),
    Document(name="parade", text="On September 3, 2025, Xi Jinping hosted a parade in Beijing."),
    Document(name="vote", text="On November 5, 2024, Donald Trump won the presidential election."),
]


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store(db_url) as store:
        store.migrate()
        yield store


@pytest.mark.parametrize("chunk", [500, 1])
def test_a_stream_is_the_page_of_every_entry(
    store: Store, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(streaming, "CHUNK", chunk)
    empty = store.stream_entries()
    assert (empty.revision, list(empty)) == (store.revision(), [])
    ingest_documents(store, ARTICLES)
    for query in (EntryQuery(), EntryQuery(entity="Trump", descending=True), EntryQuery(limit=1)):
        page = store.entry_page(query if query.limit is None else EntryQuery())
        stream = store.stream_entries(query)
        records = list(stream)
        assert len(records) >= 3 or query.entity
        assert (stream.revision, records) == (
            page.revision,
            store.entry_page(EntryQuery(entity=query.entity, descending=query.descending)).records,
        )


def test_a_stream_is_one_snapshot(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(streaming, "CHUNK", 1)
    ingest_documents(store, ARTICLES[:2])
    before = store.entry_page().records
    stream = store.stream_entries()
    first = next(stream.chunks())
    ingest_documents(store, ARTICLES[2:])  # written while the stream is half read
    assert first + [r for chunk in stream.chunks() for r in chunk] == before
    assert len(store.entry_page().records) > len(before)


def test_a_closed_stream_gives_its_connection_back(store: Store) -> None:
    ingest_documents(store, ARTICLES)
    stream = store.stream_entries()
    stream.close()
    stream.close()  # twice is fine
    assert list(store.stream_entries()) == store.entry_page().records
