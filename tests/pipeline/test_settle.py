"""The settle job: ingest stores new documents unsettled, without re-dating the stored
documents they share names with; ``settle_unsettled`` re-dates their components later, and
the store then is what one ingest of every document gives (#16.4).  Pinning and deleting
touch the affected component only (found through the candidate index)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

import pytest
from settle_documents import DATED, NEWS, OTHER, SISTERS, WEEK
from settle_documents import fresh as _fresh

from timeline.export.canonical import canonical_state, differences
from timeline.model import AnalysedDocument, Document, Provenance
from timeline.pipeline import (
    delete_document,
    ingest_documents,
    pin_publication_date,
    settle_unsettled,
)
from timeline.store import Store, UnitOfWork


@pytest.fixture
def store() -> Iterator[Store]:
    with Store("sqlite://") as opened:
        opened.migrate()
        yield opened


def _reference(documents: Sequence[Document]) -> dict[str, Any]:
    """The store one ingest of ``documents`` gives."""
    with Store("sqlite://") as store:
        store.migrate()
        ingest_documents(store, _fresh(documents))
        return canonical_state(store)


def _same(state: dict[str, Any], reference: dict[str, Any]) -> None:
    assert state == reference, differences(state, reference)


def _provenance(store: Store, document_id: int) -> Provenance | None:
    record = store.document(document_id)
    assert record is not None
    published = record.analysed.document.published
    return None if published is None else published.provenance


def test_ingest_leaves_the_neighbours_to_the_settle_job(store: Store) -> None:
    (dated,) = ingest_documents(store, _fresh([DATED]), settle=False)
    (news,) = ingest_documents(store, _fresh([NEWS]), settle=False)
    (week,) = ingest_documents(store, _fresh([WEEK]), settle=False)
    ids = [dated.document_id, news.document_id, week.document_id]
    assert sorted(store.unsettled()) == sorted(ids)
    # stored without its sister: nothing in its own text dates it
    assert _provenance(store, news.document_id) is not Provenance.CORPUS
    settled = settle_unsettled(store)
    assert sorted(settled.documents) == sorted(ids)
    assert news.document_id in settled.redated
    assert store.unsettled() == [] and store.unsettled_count() == 0
    assert _provenance(store, news.document_id) is Provenance.CORPUS
    # the store is what one ingest of the three gives, whatever came first
    _same(canonical_state(store), _reference(SISTERS))
    # nothing is left to do: settling again changes nothing
    assert settle_unsettled(store).redated == []


def test_settled_in_any_order_and_chunks(store: Store) -> None:
    for document in reversed([*SISTERS, *OTHER]):
        ingest_documents(store, _fresh([document]), settle=False)
    settled = settle_unsettled(store, chunk=2)  # three transactions
    assert len(settled.documents) == 5
    _same(canonical_state(store), _reference([*SISTERS, *OTHER]))


def test_settling_in_the_ingest_call_gives_the_same_store(store: Store) -> None:
    for document in [WEEK, NEWS, DATED]:
        ingest_documents(store, _fresh([document]))  # settle=True: after each call
        assert store.unsettled() == []
    _same(canonical_state(store), _reference(SISTERS))


class _Reads:
    """The stored documents whose analyses a write reads (``analysed``/``document``)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.ids: set[int] = set()
        for owner in (Store, UnitOfWork):
            self._spy(monkeypatch, owner)

    def _spy(self, monkeypatch: pytest.MonkeyPatch, owner: type[Any]) -> None:
        analysed, document = owner.analysed, owner.document

        def spied_analysed(this: Any, ids: Sequence[int]) -> list[AnalysedDocument]:
            self.ids.update(ids)
            return list(analysed(this, ids))

        def spied_document(this: Any, document_id: int) -> Any:
            self.ids.add(document_id)
            return document(this, document_id)

        monkeypatch.setattr(owner, "analysed", spied_analysed)
        monkeypatch.setattr(owner, "document", spied_document)


def test_a_pin_re_dates_only_its_component(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    results = ingest_documents(store, _fresh([*SISTERS, *OTHER]))
    sisters = {r.document_id for r in results[:3]}
    news = results[1].document_id
    reads = _Reads(monkeypatch)
    changed = pin_publication_date(store, news, date(2025, 9, 1))
    assert news in changed
    assert reads.ids and reads.ids <= sisters  # the other story was never read
    assert set(changed) <= sisters
    record = store.document(news)
    assert record is not None and record.analysed.document.published is not None
    assert record.analysed.document.published.provenance is Provenance.USER


def test_a_delete_unsettles_the_neighbours_and_the_job_re_dates_them(store: Store) -> None:
    results = ingest_documents(store, _fresh([*SISTERS, *OTHER]))
    dated, news, week = (r.document_id for r in results[:3])
    assert _provenance(store, news) is Provenance.CORPUS
    assert delete_document(store, dated, settle=False)
    assert sorted(store.unsettled()) == sorted([news, week])  # not the other story
    settle_unsettled(store)
    assert store.unsettled() == []
    # as if the dated sister had never been stored
    _same(canonical_state(store), _reference([NEWS, WEEK, *OTHER]))
    assert not delete_document(store, dated)


def test_a_component_that_cannot_be_settled_is_set_aside_and_the_others_settle(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import timeline.pipeline as pipeline

    ids = {
        d.name: ingest_documents(store, _fresh([d]), settle=False)[0].document_id
        for d in [*SISTERS, *OTHER]
    }
    poison = ids["parade-news"]
    real = pipeline.settle

    def failing(analysed: Sequence[AnalysedDocument], *args: Any, **kwargs: Any) -> Any:
        if any(a.document.id == poison for a in analysed):
            raise ValueError("cannot settle this one")
        return real(analysed, *args, **kwargs)

    monkeypatch.setattr(pipeline, "settle", failing)
    settled = settle_unsettled(store)  # one chunk: it fails, then one by one
    reason = "ValueError: cannot settle this one"
    # the parade story's component holds the bad document: both set aside, with why
    assert sorted(settled.set_aside) == sorted((ids[d.name], reason) for d in OTHER)
    assert store.set_aside() == sorted(settled.set_aside)
    assert sorted(settled.documents) == sorted(ids[d.name] for d in SISTERS)
    assert store.unsettled_count() == 0
    assert _provenance(store, ids["beijing-news"]) is Provenance.CORPUS  # settled all the same
    # marked unsettled again (a new neighbour came), it is retried, and settles
    monkeypatch.setattr(pipeline, "settle", real)
    with store.unit_of_work() as work:
        work.mark_unsettled([poison])
    assert store.unsettled_count() == 1
    assert store.set_aside() == [(ids["parade"], reason)]
    assert settle_unsettled(store).documents == [poison]
