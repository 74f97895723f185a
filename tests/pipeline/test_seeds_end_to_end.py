"""End to end on the five seed articles: ingest, date, resolve, build the timeline.

The expectations are what a careful reader infers from the five texts together (the
real events: the Putin-Fico meeting in Beijing on Tuesday 2 September 2025, China's
Victory Day parade on Wednesday 3 September, the Alaska summit on Friday 15 August 2025,
Trump on Air Force One on Sunday 9 February 2025), with intervals where the texts do
not decide the day.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline.ingest import read_path
from timeline.model import AnalysedDocument, Provenance, TemporalExpression
from timeline.pipeline import analyse_corpus, ingest_documents
from timeline.store import EntryQuery, Store

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def analysed() -> dict[str, AnalysedDocument]:
    documents = read_path(SEEDS)
    return {a.document.name[:3]: a for a in analyse_corpus(documents)}


def expression(doc: AnalysedDocument, text: str, nth: int = 0) -> TemporalExpression:
    found = [e for e in doc.expressions if e.text == text]
    assert len(found) > nth, f"{text!r} not tagged in {doc.document.name}: " + ", ".join(
        e.text for e in doc.expressions
    )
    return found[nth]


def test_every_seed_is_dated_with_an_honest_interval(analysed: dict[str, AnalysedDocument]) -> None:
    truth = {
        "000": date(2025, 9, 2),
        "001": date(2025, 9, 2),
        "002": date(2025, 9, 2),
        "003": date(2025, 2, 9),
        "004": date(2025, 8, 15),
    }
    for key, day in truth.items():
        published = analysed[key].document.published
        assert published is not None, key
        assert published.interval.contains(day), (key, published.interval)
        assert published.interval.days <= 62, (key, published.interval)
        assert published.evidence, key
    # the Beijing meeting is pinned to its week by the Victory Day parade "on Wednesday"
    beijing = analysed["000"].document.published
    assert beijing is not None and beijing.interval.days <= 7
    assert beijing.provenance is Provenance.CONTENT
    assert any(e.source == "weekday-coincidence" for e in beijing.evidence)
    # the other two reports of the meeting are dated through the corpus
    for key in ("001", "002"):
        published = analysed[key].document.published
        assert published is not None and published.provenance is Provenance.CORPUS


def test_weekdays_follow_tense(analysed: dict[str, AnalysedDocument]) -> None:
    doc = analysed["000"]
    assert expression(doc, "Tuesday").value == "2025-09-02"  # past narration
    assert expression(doc, "Wednesday").value == "2025-09-03"  # "scheduled to attend"
    assert expression(doc, "victory Day").value == "2025-09-03"  # China's Victory Day


def test_relative_months_and_years(analysed: dict[str, AnalysedDocument]) -> None:
    assert expression(analysed["000"], "last month").value == "2025-08"
    assert expression(analysed["001"], "last month").value == "2025-08"
    assert expression(analysed["002"], "last year").value == "2024"
    assert expression(analysed["000"], "2022").value == "2022"


def test_alaska_friday_is_placed_in_august(analysed: dict[str, AnalysedDocument]) -> None:
    friday = expression(analysed["004"], "Friday")
    assert friday.interval is not None
    assert friday.interval.contains(date(2025, 8, 15))
    assert friday.interval.start >= date(2025, 8, 1) and friday.interval.end <= date(2025, 9, 1)
    assert expression(analysed["004"], "2019").value == "2019"
    assert expression(analysed["004"], "the 19th century").value == "18"


def test_unyeared_dates_in_a_february_article(analysed: dict[str, AnalysedDocument]) -> None:
    doc = analysed["003"]
    assert expression(doc, "June 14").value == "2024-06-14"  # past narration looks back
    assert expression(doc, "November").value == "2024-11"
    early = expression(doc, "early November")
    assert (early.value, early.mod) == ("2024-11", "START")
    assert expression(doc, "January 20").value == "2025-01-20"
    assert expression(doc, "February or March").value == "2025-02/2025-03"
    assert expression(doc, "last year").value == "2024"
    assert expression(doc, "February 2022").value == "2022-02"
    assert expression(doc, "earlier this month").value.startswith("2025")


def test_store_timeline_is_ordered_and_sourced(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'seeds.db'}")
    store.migrate()
    try:
        results = ingest_documents(store, read_path(SEEDS))
        assert [r.created for r in results] == [True] * 5
        again = ingest_documents(store, read_path(SEEDS))
        assert [r.created for r in again] == [False] * 5  # same content: a no-op
        entries = store.entries()
        assert entries
        keys = [(e.interval.start, e.interval.end) for e in entries]
        assert keys == sorted(keys)
        assert all(e.sources for e in entries)
        # the Alaska summit, reported by three articles, is one entry with three sources
        alaska = [e for e in entries if e.value.startswith("2025-08") and "Alaska" in e.entities]
        assert alaska and len({s.document_name for s in alaska[0].sources}) >= 2
        # the Beijing meeting on Tuesday 2 September 2025 is on the timeline
        tuesday = store.entries(
            EntryQuery(start=date(2025, 9, 2), end=date(2025, 9, 3), entity="Fico")
        )
        assert any(e.value == "2025-09-02" for e in tuesday)
        # ... once, with the three articles reporting it: 000 dates it ("in beijing on
        # Tuesday"), 001 and 002 report the remarks Putin made during it
        meetings = [e for e in tuesday if e.value == "2025-09-02" and "meeting" in e.title]
        assert len(meetings) == 1
        assert {s.document_name[:3] for s in meetings[0].sources} == {"000", "001", "002"}
        assert {"Vladimir Putin", "Robert Fico"} <= set(meetings[0].entities)
        # nothing dated by a year that is part of a name ("Alaska 2025") or that modifies
        # another noun ("since the early stages of the 2022 invasion")
        assert not [e for e in entries if e.value == "2025" and "emblazoned" in e.title]
        assert not [e for e in entries if e.value == "2022" and "advancing" in e.title]
    finally:
        store.close()


def test_a_later_ingest_narrows_stored_sisters(tmp_path: Path) -> None:
    """The Alaska article alone is dated only to 2025 or so; ingesting the Beijing
    article afterwards ("the Alaska summit last month") narrows it in the store."""
    store = Store(f"sqlite:///{tmp_path / 'later.db'}")
    store.migrate()
    try:
        documents = read_path(SEEDS)
        alaska = [d for d in documents if d.name.startswith("004")]
        beijing = [d for d in documents if d.name.startswith("000")]
        (first,) = ingest_documents(store, alaska)
        alone = store.document(first.document_id)
        assert alone is not None and alone.analysed.document.published is not None
        assert alone.analysed.document.published.interval.days > 62
        ingest_documents(store, beijing)
        narrowed = store.document(first.document_id)
        assert narrowed is not None and narrowed.analysed.document.published is not None
        published = narrowed.analysed.document.published
        assert published.interval.contains(date(2025, 8, 15))
        assert published.interval.days <= 62
        assert published.provenance is Provenance.CORPUS
    finally:
        store.close()
