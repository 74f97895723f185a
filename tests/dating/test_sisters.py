"""Sisters share the day: documents reporting one happening take the narrowest window
consistent with all of them, whichever of them is the better dated."""

from __future__ import annotations

from datetime import date

from timeline.analysis import TextAnalysis
from timeline.dating.corpus import date_corpus
from timeline.ingest import read_json_payload
from timeline.model import Document
from timeline.pipeline import ingest_documents, pin_publication_date
from timeline.store import Store

# the meeting dated relatively ("on Tuesday") in one report, as the day's news in another
DATED = (
    "Russian President Vladimir Putin met Slovak Prime Minister Robert Fico in Beijing on "
    "Tuesday, officials said. Putin praised the talks."
)
NEWS = (
    "Vladimir Putin made the remarks during a bilateral meeting with Slovak Prime Minister "
    "Robert Fico in Beijing. The Kremlin called the talks constructive."
)


def _date(documents: list[Document]) -> list[date]:
    dates = date_corpus(documents, [TextAnalysis(d.text) for d in documents])
    assert all(d is not None for d in dates)
    return [d.point for d in dates if d is not None]


def test_a_report_of_the_days_news_takes_the_date_of_its_dated_sister() -> None:
    dated = Document("dated.txt", DATED, metadata={"published": "2025-09-02"})
    news = Document("news.txt", NEWS)
    dates = date_corpus([dated, news], [TextAnalysis(DATED), TextAnalysis(NEWS)])
    published = dates[1]
    assert published is not None
    # the meeting was on Tuesday 2 September: the report follows within days
    assert date(2025, 9, 2) <= published.interval.start
    assert published.interval.end <= date(2025, 9, 10)
    assert published.point in (date(2025, 9, 2), date(2025, 9, 3))
    assert any(e.source == "same-event" for e in published.evidence)


def test_the_narrowing_flows_back_to_the_relatively_dated_sister() -> None:
    # the report of the day's news is known (pinned): "on Tuesday" in its sister can only
    # be the Tuesday of the week before it
    news = Document("news.txt", NEWS, published=None, metadata={"published": "2025-09-03"})
    dated = Document(
        "dated.txt",
        DATED + " Fico has led Slovakia's government since 2023 and met Putin in 2024.",
    )
    published = date_corpus([news, dated], [TextAnalysis(NEWS), TextAnalysis(dated.text)])[1]
    assert published is not None
    assert published.interval.start >= date(2025, 9, 2)
    assert published.interval.end <= date(2025, 9, 10)
    assert any(e.source == "same-event" for e in published.evidence)


def test_pinning_one_sister_re_dates_the_others() -> None:
    with Store("sqlite://") as store:
        store.migrate()
        payload = [
            {"name": "dated.json", "text": DATED + " Fico took office in 2023."},
            {"name": "news.json", "text": NEWS},
        ]
        results = ingest_documents(store, read_json_payload("api", payload))
        dated_id, news_id = (r.document_id for r in results)
        pin_publication_date(store, news_id, date(2025, 9, 3))
        record = store.document(dated_id)
        assert record is not None
        published = record.analysed.document.published
        assert published is not None
        assert date(2025, 9, 2) <= published.interval.start
        assert published.interval.end <= date(2025, 9, 10)


def test_a_sister_dated_only_to_its_years_pins_no_one() -> None:
    # a sister whose own date spans years says "the same era", which the era prior pools
    # once; as a same-story link it would count the batch's guess again for every sister
    from timeline.dating.corpus import _links
    from timeline.model import Granularity, Interval, Provenance, PublicationDate

    def dated(start: date, end: date) -> PublicationDate:
        return PublicationDate(
            Interval(start, end, Granularity.DAY), start, 0.9, Provenance.CONTENT
        )

    documents = [Document("a.txt", "a"), Document("b.txt", "b")]
    sisters = {1: [(0, 0.9)]}
    years = dated(date(1998, 1, 1), date(2001, 1, 1))
    assert _links(1, documents, [years, None], sisters, [[], []]) == []
    week = dated(date(1998, 8, 3), date(1998, 8, 10))
    (link,) = _links(1, documents, [week, None], sisters, [[], []])
    assert link.evidence.source == "same-story"
