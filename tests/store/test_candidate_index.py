"""The candidate index (``timeline.store.index``) finds what a scan of the store found.

Merge candidates: for every stored event, the events of its merge key within its
interval (``merge_candidates``) include every stored event of the entries of its blocking
key that ``merge_signals`` matches, in the scan's order.  Neighbourhoods: the documents
``Store.related`` gives are those sharing a multi-word participant name, all of them below
the fan-out bound; above it, the bound cuts and the new documents' dates say so.  The
migration fills the index of a store written before it.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.orm import Session

from timeline.events.merge import merge_signals
from timeline.ingest import read_path
from timeline.model import Document
from timeline.pipeline import ingest_documents
from timeline.store import Store
from timeline.store.index import FANOUT_ENV, document_name_keys, merge_candidates
from timeline.store.repository import MIGRATIONS_DIR
from timeline.store.rows import event_from_row
from timeline.store.tables import DocumentNameRow, EntryRow, EventRow

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _ingest_one_by_one(store: Store, documents: list[Document]) -> None:
    store.migrate()
    for document in documents:
        ingest_documents(store, [document])


def test_merge_candidates_hold_every_event_the_scan_matched(store: Store) -> None:
    _ingest_one_by_one(store, read_path(SEEDS))
    with Session(store.engine) as session:
        rows = session.execute(
            sa.select(EventRow, EntryRow.blocking_key)
            .join(EntryRow, EntryRow.id == EventRow.entry_id)
            .order_by(EventRow.entry_id, EventRow.document_id, EventRow.ordinal)
        ).all()
        by_key: dict[str, list[EventRow]] = defaultdict(list)
        for row, key in rows:
            by_key[key].append(row)
        probes = 0
        for row, key in rows:
            probe = event_from_row(row)
            scanned = [
                (other.document_id, other.ordinal)
                for other in by_key[key]
                if merge_signals(probe, event_from_row(other)) is not None
            ]
            found = [(c[1], c[2]) for c in merge_candidates(session, key, probe)]
            assert [c for c in found if c in scanned] == scanned
            assert (row.document_id, row.ordinal) in found  # its own event, at least
            probes += 1
    assert probes > 20


def test_related_documents_are_those_sharing_a_full_name(store: Store) -> None:
    documents = read_path(SEEDS)
    _ingest_one_by_one(store, documents[:-1])
    stored = [r.analysed for d in store.documents() if (r := store.document(d.id or 0))]
    names = {a.document.id: document_name_keys(e.participants for e in a.events) for a in stored}
    for a in stored:
        mine = names[a.document.id]
        near = store.related(mine, fanout=100)
        assert near.ids == sorted(d for d, theirs in names.items() if theirs & mine)
        assert near.cut_from is None
        assert store.analysed(near.ids) == [store.document(d).analysed for d in near.ids]  # type: ignore[union-attr]


def test_a_bounded_neighbourhood_is_said_in_the_new_dates(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = read_path(SEEDS)
    _ingest_one_by_one(store, documents[:-1])
    last = documents[-1]
    monkeypatch.setenv(FANOUT_ENV, "1")
    (result,) = ingest_documents(store, [last])
    record = store.document(result.document_id)
    assert record is not None and record.analysed.document.published is not None
    related = store.related(
        document_name_keys(e.participants for e in record.analysed.events), fanout=100
    )
    limits = [e for e in record.analysed.document.published.evidence if e.source == "limit"]
    if len(related.ids) - 1 > 1:  # (itself among them now)
        assert [e.text for e in limits] == [
            f"dated with 1 of {len(related.ids) - 1} related stored documents"
        ]
    else:
        assert limits == []


def test_migration_fills_the_index_of_a_store_written_before_it(store: Store) -> None:
    _ingest_one_by_one(store, read_path(SEEDS))

    def index() -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
        with store.engine.connect() as connection:
            keys = connection.execute(
                sa.select(EventRow.document_id, EventRow.ordinal, EventRow.merge_key).order_by(
                    EventRow.document_id, EventRow.ordinal
                )
            ).all()
            names = connection.execute(
                sa.select(DocumentNameRow.document_id, DocumentNameRow.name_key).order_by(
                    DocumentNameRow.document_id, DocumentNameRow.name_key
                )
            ).all()
        return [tuple(k) for k in keys], [tuple(n) for n in names]

    written = index()
    assert any(k[2] for k in written[0]) and written[1]
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0007")
    store.migrate()
    assert index() == written
