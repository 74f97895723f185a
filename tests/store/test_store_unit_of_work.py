"""The unit of work: several writes (and the reads between them) as one transaction.

Ingest, the settle job that re-dates its neighbourhood, and a pinned date + the re-dating
it causes, are each one unit: a failure anywhere in them leaves the store exactly as it
was (an ingest whose settle failed leaves its documents unsettled).  Runs on SQLite
and PostgreSQL.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from timeline import pipeline
from timeline.ingest import read_path
from timeline.model import Document
from timeline.pipeline import analyse_corpus, ingest_documents, pin_publication_date
from timeline.store import Store, StoreChanged, UnitOfWork

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _seeds(*prefixes: str) -> list[Document]:
    return [d for d in read_path(SEEDS) if d.name[:3] in prefixes]


def _snapshot(store: Store) -> tuple[Any, ...]:
    documents = store.documents()
    return (
        store.revision(),
        [(d.id, d.published) for d in documents],
        store.entries(),
    )


def _fail_on_re_dating(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Make ``replace_analysis`` fail after writing; returns the ids it was called with."""
    original = UnitOfWork.replace_analysis
    called: list[int] = []

    def replace_then_fail(self: UnitOfWork, document_id: int, analysed: Any) -> None:
        original(self, document_id, analysed)
        called.append(document_id)
        raise RuntimeError("simulated failure while re-dating")

    monkeypatch.setattr(UnitOfWork, "replace_analysis", replace_then_fail)
    return called


def test_a_unit_reads_its_own_writes_and_commits_at_the_end(store: Store) -> None:
    (alaska,) = _seeds("004")

    (analysed,) = analyse_corpus([alaska])
    with store.unit_of_work() as work:
        result = work.add(analysed)
        assert result.created
        assert [d.id for d in work.documents()] == [result.document_id]
        record = work.document(result.document_id)
        assert record is not None and record.analysed.events == analysed.events
        assert work.add(analysed).created is False  # the same content, within the unit
    assert [d.id for d in store.documents()] == [result.document_id]


def test_a_unit_that_raises_stores_nothing(store: Store) -> None:

    before = _snapshot(store)
    analysed = analyse_corpus(_seeds("000", "004"))
    with pytest.raises(RuntimeError), store.unit_of_work() as work:
        for a in analysed:
            work.add(a)
        raise RuntimeError("after every add")
    assert _snapshot(store) == before


def test_a_settle_that_fails_keeps_its_component_as_it_was(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ingest and the settle job are two transactions: a settle that fails half-way has
    written nothing (the stored documents keep their dates); the new document, which
    could not be settled even alone, is set aside with the reason (it never blocks the
    others) until it is marked unsettled again."""
    (first,) = ingest_documents(store, _seeds("004"))
    dates = {d.id: d.published for d in store.documents()}
    called = _fail_on_re_dating(monkeypatch)
    ingest_documents(store, _seeds("000"))  # narrows the stored Alaska article: fails
    assert called, "the settle re-dated nothing: the test proves nothing"
    # the new document is stored and set aside; the stored one's new date was not kept
    (new,) = [d for d in store.documents() if d.id != first.document_id]
    assert store.unsettled() == []
    assert [(d, r.split(":")[0]) for d, r in store.set_aside()] == [(new.id, "RuntimeError")]
    assert {d.id: d.published for d in store.documents() if d.id in dates} == dates
    monkeypatch.undo()
    with store.unit_of_work() as work:
        work.mark_unsettled([new.id])  # retried
    settled = pipeline.settle_unsettled(store)
    assert settled.documents == [new.id] and first.document_id in settled.redated
    assert store.unsettled() == [] and store.set_aside() == []


def test_a_pinned_date_and_its_re_dating_are_one_transaction(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    results = ingest_documents(store, _seeds("000", "001", "004"))
    before = _snapshot(store)
    called = _fail_on_re_dating(monkeypatch)
    with pytest.raises(RuntimeError, match="re-dating"):
        pin_publication_date(store, results[0].document_id, date(2025, 9, 4))
    assert called
    assert _snapshot(store) == before


def test_pinning_an_unknown_document_writes_nothing(store: Store) -> None:
    ingest_documents(store, _seeds("004"))
    before = _snapshot(store)
    with pytest.raises(KeyError):
        pin_publication_date(store, 999, date(2025, 9, 4))
    assert _snapshot(store) == before


def test_concurrent_ingests_and_pins_all_land(db_url: str) -> None:
    """Units of work exclude the other writers instead of deadlocking with them."""
    documents = _seeds("000", "001", "004")  # a pin and two ingests contend
    with Store(db_url) as store:
        store.migrate()
        (anchor,) = ingest_documents(store, documents[:1])
        barrier = threading.Barrier(len(documents))
        errors: list[BaseException] = []

        def work(n: int) -> None:
            try:
                barrier.wait()
                if n == 0:
                    pin_publication_date(store, anchor.document_id, date(2025, 9, 4))
                else:
                    ingest_documents(store, documents[n : n + 1])
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(n,)) for n in range(len(documents))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert len(store.documents()) == len(documents)
        pinned = store.document(anchor.document_id)
        assert pinned is not None and pinned.analysed.document.published is not None
        assert pinned.analysed.document.published.point == date(2025, 9, 4)


def test_a_unit_for_a_stale_revision_writes_nothing(store: Store) -> None:
    revision = store.revision()
    ingest_documents(store, _seeds("004"))
    before = _snapshot(store)
    (analysed,) = analyse_corpus(_seeds("000"))
    with pytest.raises(StoreChanged), store.unit_of_work(expected_revision=revision) as work:
        work.add(analysed)
    assert _snapshot(store) == before


def test_a_write_that_lost_the_race_is_prepared_again(
    store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Another ingest commits between preparing a settle and writing it: the settle is
    prepared again on the new state, and the end is as if they had run one after the
    other."""
    ingest_documents(store, _seeds("004"))
    ingest_documents(store, _seeds("000"), settle=False)
    original = pipeline._prepare_settle
    prepared: list[list[int]] = []

    def prepare_then_someone_writes(reader: Any, **options: Any) -> Any:
        result = original(reader, **options)
        prepared.append(sorted(result.documents))
        if len(prepared) == 1:
            ingest_documents(store, _seeds("001"), settle=False)  # gets in first
        return result

    monkeypatch.setattr(pipeline, "_prepare_settle", prepare_then_someone_writes)
    pipeline.settle_unsettled(store)
    # ours, then ours again with the document that got in
    assert [len(p) for p in prepared] == [1, 2]
    assert store.unsettled() == []
    monkeypatch.undo()
    with Store(f"sqlite:///{tmp_path / 'sequential.db'}") as sequential:
        sequential.migrate()
        for prefix in ("004", "001", "000"):
            ingest_documents(sequential, _seeds(prefix))
        expected = {d.name: d.published for d in sequential.documents()}
    assert {d.name: d.published for d in store.documents()} == expected
