"""Behaviour of ``timeline.store.Store`` on SQLite and PostgreSQL (see ``contract.md``).

The analysed documents are built by hand from the model dataclasses, so these tests only
depend on the store, ``describe`` and the merge rules, not on the NLP pipeline.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

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
    TemporalExpression,
    TimelineEntry,
    TimexType,
)
from timeline.store import DocumentRecord, EntryQuery, IngestResult, Store
from timeline.store import entries as entries_module
from timeline.store.tables import (
    DocumentRow,
    EntryEntityRow,
    EntryRow,
    EventRow,
    ExpressionRow,
)

# -- builders ---------------------------------------------------------------------------------


def day(year: int, month: int, dom: int) -> Interval:
    start = date(year, month, dom)
    return Interval(start, start + timedelta(days=1), Granularity.DAY)


def month(year: int, number: int) -> Interval:
    end = date(year + 1, 1, 1) if number == 12 else date(year, number + 1, 1)
    return Interval(date(year, number, 1), end, Granularity.MONTH)


def week_from(start: date) -> Interval:
    return Interval(start, start + timedelta(days=7), Granularity.WEEK)


def value_of(interval: Interval) -> str:
    if interval.granularity is Granularity.MONTH:
        return interval.start.strftime("%Y-%m")
    if interval.granularity is Granularity.WEEK:
        year, week, _ = interval.start.isocalendar()
        return f"{year}-W{week:02d}"
    if interval.granularity is Granularity.YEAR:
        return str(interval.start.year)
    return interval.start.isoformat()


SEP2 = day(2025, 9, 2)
SEP3 = day(2025, 9, 3)
SEP4 = day(2025, 9, 4)


def event(
    sentence: str,
    trigger: str,
    participants: tuple[str, ...],
    interval: Interval | None,
    *,
    sentence_start: int = 0,
    anchoring: Anchoring = Anchoring.TIMEX,
    timex_index: int | None = None,
) -> Event:
    """An event whose trigger is found in ``sentence`` (which starts at ``sentence_start``)."""
    offset = sentence_start + sentence.index(trigger)
    return Event(
        char_start=offset,
        char_end=offset + len(trigger),
        trigger=trigger,
        sentence=sentence,
        sentence_start=sentence_start,
        participants=participants,
        interval=interval,
        value=value_of(interval) if interval else None,
        anchoring=anchoring,
        timex_index=timex_index,
    )


def report(
    name: str, *clauses: tuple[str, str, tuple[str, ...], Interval | None]
) -> AnalysedDocument:
    """A document of one sentence per clause ``(sentence, trigger, participants, interval)``."""
    text = ""
    sentences: list[Sentence] = []
    events: list[Event] = []
    for sentence, trigger, participants, interval in clauses:
        if text:
            text += " "
        sentences.append(Sentence(len(text), len(text) + len(sentence), sentence))
        events.append(event(sentence, trigger, participants, interval, sentence_start=len(text)))
        text += sentence
    return AnalysedDocument(Document(name=name, text=text), sentences, [], events)


def counts(store: Store) -> dict[str, int]:
    """Rows per table, to check that an operation wrote (or removed) nothing else."""
    tables = (DocumentRow, ExpressionRow, EntryRow, EventRow, EntryEntityRow)
    with store.engine.connect() as connection:
        return {
            table.__tablename__: connection.execute(
                sa.select(sa.func.count()).select_from(table)
            ).scalar_one()
            for table in tables
        }


def titles(entries: list[TimelineEntry]) -> list[str]:
    return [entry.title for entry in entries]


MEETING_A = ("Putin met Fico in Beijing on Tuesday.", "met", ("Putin", "Fico"), SEP2)
MEETING_B = (
    "The meeting of Putin and Xi Jinping was long.",
    "meeting",
    ("putin", "Xi Jinping"),
    SEP2,
)


# -- ingestion --------------------------------------------------------------------------------


def test_add_then_same_content_again_is_a_noop(store: Store) -> None:
    first = store.add(report("a.txt", MEETING_A))
    assert first == IngestResult(document_id=first.document_id, created=True)
    before = counts(store)
    entries_before = store.entries()

    # Same content up to whitespace (the content hash normalises it), another name.
    again = report("copy.txt", MEETING_A)
    again.document.text = "  " + again.document.text.replace(" ", "\n ") + "\n"
    assert store.add(again) == IngestResult(document_id=first.document_id, created=False)

    assert counts(store) == before
    assert store.entries() == entries_before
    assert [d.name for d in store.documents()] == ["a.txt"]


def test_round_trip_of_a_fully_analysed_document(store: Store) -> None:
    s1 = "Putin met Fico in Beijing on Tuesday, officials said."
    s2 = "The war began around 2022 and lasted for years."
    text = f"{s1}  {s2} "
    s2_start = len(s1) + 2
    published = PublicationDate(
        interval=day(2025, 9, 3),
        point=date(2025, 9, 3),
        confidence=0.85,
        provenance=Provenance.METADATA,
        evidence=(
            Evidence("json:published", "2025-09-03T08:00:00Z", "on 2025-09-03"),
            Evidence("weekday", "Tuesday", "on or after 2025-09-02"),
        ),
    )
    document = Document(
        name="putin-fico.html",
        text=text,
        title="Putin meets Fico",
        url="https://example.org/putin-fico",
        metadata={"site": "example", "tags": ["politics", "asia"], "words": 21, "x": {"y": 0.5}},
        published=published,
    )
    year_2022 = Interval(date(2022, 1, 1), date(2023, 1, 1), Granularity.YEAR)
    expressions = [
        TemporalExpression(
            s1.index("Tuesday"),
            s1.index("Tuesday") + 7,
            "Tuesday",
            TimexType.DATE,
            "2025-09-02",
            "XXXX-WXX-2",
            SEP2,
        ),
        TemporalExpression(
            s2_start + s2.index("around"),
            s2_start + s2.index("2022") + 4,
            "around 2022",
            TimexType.DATE,
            "2022",
            "2022",
            year_2022,
            mod="APPROX",
        ),
        TemporalExpression(
            s2_start + s2.index("years"),
            s2_start + s2.index("years") + 5,
            "years",
            TimexType.DURATION,
            "PXY",
            "PXY",
            None,
        ),
    ]
    events = [
        event(s1, "met", ("Putin", "Fico"), SEP2, timex_index=0),
        event(s1, "said", ("officials",), day(2025, 9, 3), anchoring=Anchoring.PUBLICATION),
        event(s2, "began", ("war",), year_2022, sentence_start=s2_start, timex_index=1),
        event(s2, "lasted", ("war",), None, sentence_start=s2_start, anchoring=Anchoring.INHERITED),
    ]
    sentences = [
        Sentence(0, len(s1), s1),
        # Offsets that include a trailing space, with the stripped text: kept verbatim.
        Sentence(s2_start, len(text), s2),
    ]
    analysed = AnalysedDocument(document, sentences, expressions, events)

    result = store.add(analysed)
    record = store.document(result.document_id)

    expected_document = replace(document, id=result.document_id)
    assert record == DocumentRecord(
        analysed=AnalysedDocument(expected_document, sentences, expressions, events),
        content_hash=document.content_hash,
    )
    assert store.documents() == [expected_document]
    # Equality alone would not catch a str where an enum or a tuple belongs.
    assert record is not None
    stored = record.analysed
    assert stored.document.published is not None
    assert type(stored.document.published.provenance) is Provenance
    assert type(stored.document.published.granularity) is Granularity
    assert type(stored.document.published.evidence) is tuple
    assert all(type(e) is Evidence for e in stored.document.published.evidence)
    assert type(stored.expressions[0].type) is TimexType
    assert all(type(e.anchoring) is Anchoring for e in stored.events)
    assert all(type(e.participants) is tuple for e in stored.events)
    # The unanchored event is stored without an entry; the three others got one each.
    assert counts(store)["events"] == 4
    assert len(store.entries()) == 3
    assert store.document(result.document_id + 1) is None


def test_documents_in_id_order(store: Store) -> None:
    ids = [
        store.add(report(f"{n}.txt", (f"Doc {n} signed.", "signed", ("X",), SEP2))).document_id
        for n in (3, 1, 2)
    ]
    assert ids == sorted(ids)
    assert [(d.id, d.name) for d in store.documents()] == list(
        zip(ids, ["3.txt", "1.txt", "2.txt"], strict=True)
    )
    assert all(d.published is None for d in store.documents())


# -- listing ----------------------------------------------------------------------------------


def test_entries_are_in_timeline_order(store: Store) -> None:
    september = month(2025, 9)
    week = week_from(date(2025, 9, 1))
    # Inserted out of order; the listing must not depend on insertion order except for ties.
    store.add(report("1.txt", ("Kyiv was attacked.", "attacked", ("Kyiv",), SEP2)))
    store.add(report("2.txt", ("Fico resigned in September.", "resigned", ("Fico",), september)))
    store.add(report("3.txt", ("Xi signed it that week.", "signed", ("Xi",), week)))
    store.add(report("4.txt", ("Musk sued Apple.", "sued", ("Musk",), SEP2)))
    store.add(report("5.txt", ("Biden voted in August.", "voted", ("Biden",), month(2025, 8))))

    entries = store.entries()
    assert titles(entries) == [
        "Biden: voted",  # [08-01, 09-01)
        "Xi: signed",  # [09-01, 09-08): same start as September, ends first
        "Fico: resigned",  # [09-01, 10-01)
        "Kyiv: attacked",  # [09-02, 09-03), created before ...
        "Musk: sued",  # ... this one with the same interval
    ]
    assert entries[3].id < entries[4].id
    assert entries[2].interval == september and entries[2].value == "2025-09"
    assert titles(store.entries(EntryQuery(limit=2))) == titles(entries)[:2]
    assert store.entries(EntryQuery(limit=0)) == []
    with pytest.raises(ValueError):
        store.entries(EntryQuery(limit=-1))


def test_range_filter_is_a_half_open_overlap(store: Store) -> None:
    store.add(report("1.txt", ("Biden voted in August.", "voted", ("Biden",), month(2025, 8))))
    store.add(report("2.txt", ("Kyiv was attacked.", "attacked", ("Kyiv",), SEP2)))
    store.add(report("3.txt", ("Xi signed.", "signed", ("Xi",), SEP4)))

    def between(start: date | None, end: date | None) -> list[str]:
        return titles(store.entries(EntryQuery(start=start, end=end)))

    assert between(None, None) == ["Biden: voted", "Kyiv: attacked", "Xi: signed"]
    assert between(date(2025, 9, 2), date(2025, 9, 3)) == ["Kyiv: attacked"]
    assert between(date(2025, 9, 3), None) == ["Xi: signed"]  # Sep 2 ends where we start
    assert between(None, date(2025, 9, 2)) == ["Biden: voted"]  # end is exclusive
    assert between(None, date(2025, 9, 3)) == ["Biden: voted", "Kyiv: attacked"]
    assert between(date(2025, 8, 15), date(2025, 8, 16)) == ["Biden: voted"]  # inside a month
    assert between(date(2025, 8, 31), date(2025, 9, 5)) == titles(store.entries())
    assert between(date(2025, 9, 5), date(2025, 12, 1)) == []


def test_entity_filter_is_case_insensitive_on_normalised_names(store: Store) -> None:
    store.add(
        report(
            "1.txt",
            (
                "Vladimir Putin met Maroš Šefčovič.",
                "met",
                ("Vladimir Putin", "Maroš Šefčovič"),
                SEP2,
            ),
        )
    )
    store.add(report("2.txt", ("Xi signed.", "signed", ("Xi",), SEP3)))
    # A second report of the meeting brings a new participant to the same entry.
    store.add(
        report(
            "3.txt",
            (
                "The meeting of vladimir putin and Lula.",
                "meeting",
                ("vladimir putin", "Lula"),
                SEP2,
            ),
        )
    )

    (meeting,) = store.entries(EntryQuery(entity="Vladimir Putin"))
    assert meeting.entities == ("Vladimir Putin", "Maroš Šefčovič", "Lula")
    for spelling in ("VLADIMIR PUTIN", "  vladimir   putin ", "MAROŠ ŠEFČOVIČ", "lula"):
        assert [e.id for e in store.entries(EntryQuery(entity=spelling))] == [meeting.id], spelling
    # whole first or last words of a name match ("Putin" is Vladimir Putin), fragments don't
    assert [e.id for e in store.entries(EntryQuery(entity="Putin"))] == [meeting.id]
    assert [e.id for e in store.entries(EntryQuery(entity="vladimir"))] == [meeting.id]
    assert store.entries(EntryQuery(entity="Puti")) == []
    assert store.entries(EntryQuery(entity="Vladimir Pu")) == []
    assert titles(store.entries(EntryQuery(entity="xi"))) == ["Xi: signed"]
    assert store.entries(EntryQuery(entity="Xi", start=date(2025, 9, 4))) == []
    assert len(store.entries(EntryQuery(entity=""))) == 2  # empty means no filter


def test_q_filter_matches_title_text_or_any_source_sentence(store: Store) -> None:
    store.add(
        report("1.txt", ("Macron met Scholz at the Élysée.", "met", ("Macron", "Scholz"), SEP2))
    )
    store.add(
        report(
            "2.txt",
            ("Scholz's meeting with Macron ended in a 50% deal.", "meeting", ("Scholz",), SEP2),
        )
    )
    store.add(report("3.txt", ("Meloni signed the budget_2026 bill.", "signed", ("Meloni",), SEP3)))

    def found(q: str) -> list[str]:
        return titles(store.entries(EntryQuery(q=q)))

    meeting, signing = "Macron, Scholz: met", "Meloni: signed"
    assert found("MACRON, scholz") == [meeting]  # title
    assert found("ÉLYSÉE") == [meeting]  # entry text, non-ASCII case folding
    assert found("ended in") == [meeting]  # only in the second source's sentence
    assert found("50% deal") == [meeting]
    assert found("budget_2026") == [signing]
    assert found("%") == [meeting]  # literal, not a wildcard
    assert found("_") == [signing]
    assert found("budget%2026") == []
    assert found("nowhere") == []
    assert found("") == [meeting, signing]
    assert (
        store.entries(EntryQuery(q="meloni", entity="Meloni", start=date(2025, 9, 3)))[0].title
        == signing
    )


def test_entities_counts_most_frequent_first(store: Store) -> None:
    store.add(
        report(
            "1.txt",
            ("Putin met Fico.", "met", ("Putin", "Fico"), SEP2),
            ("Putin signed.", "signed", ("Putin",), SEP3),
        )
    )
    store.add(
        report(
            "2.txt",
            ("PUTIN attacked.", "attacked", ("PUTIN", "Xi"), SEP4),
            ("Xi resigned.", "resigned", ("Xi",), SEP4),
        )
    )
    assert store.entities() == [("Putin", 3), ("Xi", 2), ("Fico", 1)]


# -- merging ----------------------------------------------------------------------------------


def at_publication(analysed: AnalysedDocument, index: int) -> AnalysedDocument:
    """Mark an event as anchored at the publication date (a reporting event)."""
    analysed.events[index] = replace(analysed.events[index], anchoring=Anchoring.PUBLICATION)
    return analysed


def _meeting_reports() -> tuple[AnalysedDocument, AnalysedDocument]:
    a = at_publication(
        report("a.txt", MEETING_A, ("Putin said it went well.", "said", ("Putin",), SEP2)), 1
    )
    b = at_publication(
        report(
            "b.txt",
            MEETING_B,
            ("Putin stated he was pleased.", "stated", ("Putin",), SEP2),
            ("Trump met Modi.", "met", ("Trump", "Modi"), SEP2),  # same day, nobody shared
        ),
        1,
    )
    return a, b


def test_equivalent_events_of_two_documents_share_one_entry(store: Store) -> None:
    first, second = _meeting_reports()
    a = store.add(first).document_id
    b = store.add(second).document_id
    # the entry is described by its first report in content order (content hash, then
    # position), whichever document came first (#16.4)
    a_leads = first.document.content_hash < second.document.content_hash
    lead_title = "Putin, Fico: met" if a_leads else "putin, Xi Jinping: meeting"

    entries = store.entries()
    meeting = next(e for e in entries if e.title == lead_title)
    assert [(s.document_id, s.document_name) for s in meeting.sources] == [
        (a, "a.txt"),
        (b, "b.txt"),
    ]
    assert [s.sentence for s in meeting.sources] == [MEETING_A[0], MEETING_B[0]]
    assert meeting.sources[1].char_start == MEETING_B[0].index("meeting")
    assert meeting.sources[1].char_end == meeting.sources[1].char_start + len("meeting")
    assert set(meeting.entities) == {"Putin", "Fico", "Xi Jinping"}
    lead_text = MEETING_A[0] if a_leads else MEETING_B[0]
    assert (meeting.text, meeting.interval, meeting.value) == (lead_text, SEP2, "2025-09-02")
    # the joining report carries the signals, the leading one none
    joined = meeting.sources[1] if a_leads else meeting.sources[0]
    assert (
        joined.merge_signals
        and not (meeting.sources[0] if a_leads else meeting.sources[1]).merge_signals
    )
    # Reporting events anchored at the publication date never merge across articles.
    assert sorted(titles(entries)) == sorted(
        [lead_title, "Putin: said", "Putin: stated", "Trump, Modi: met"]
    )
    assert all(len(e.sources) == 1 for e in entries if e is not meeting)


def test_entries_do_not_depend_on_the_order_documents_arrive_in(
    store: Store, tmp_path: Path
) -> None:
    first, second = _meeting_reports()
    store.add(first)
    store.add(second)
    with Store(f"sqlite:///{tmp_path / 'reversed.db'}") as other:
        other.migrate()
        again_first, again_second = _meeting_reports()
        other.add(again_second)
        other.add(again_first)

        def seen(s: Store) -> list[tuple[object, ...]]:  # everything but the ids
            return sorted(
                (
                    e.title,
                    e.text,
                    e.entities,
                    tuple(
                        sorted((x.document_name, x.sentence, x.merge_signals) for x in e.sources)
                    ),
                )
                for e in s.entries()
            )

        assert seen(other) == seen(store)


def test_publication_anchored_statements_merge_only_when_the_same_thing_is_said(
    store: Store,
) -> None:
    # the same speaker saying the same thing the same day, reported twice: one happening
    store.add(
        at_publication(report("a.txt", ("Putin said it went well.", "said", ("Putin",), SEP2)), 0)
    )
    store.add(
        at_publication(report("b.txt", ("Putin says it went well.", "says", ("Putin",), SEP2)), 0)
    )
    # the same speaker saying something else that day: another happening
    store.add(
        at_publication(
            report("c.txt", ("Putin said sanctions had failed.", "said", ("Putin",), SEP2)), 0
        )
    )
    assert sorted(len(e.sources) for e in store.entries()) == [1, 2]


def test_two_mentions_in_one_document_share_an_entry(store: Store) -> None:
    store.add(
        report("a.txt", MEETING_A, ("The talks with Fico lasted hours.", "talks", ("Fico",), SEP2))
    )
    (entry,) = store.entries()
    assert [s.sentence for s in entry.sources] == [
        MEETING_A[0],
        "The talks with Fico lasted hours.",
    ]


# -- re-analysis and deletion -----------------------------------------------------------------

SIGNING_A = ("Fico signed a deal.", "signed", ("Fico",), SEP2)


def _two_reports(store: Store) -> tuple[int, int]:
    """Documents a (meeting + signing) and b (the same meeting): two entries."""
    a = store.add(report("a.txt", MEETING_A, SIGNING_A)).document_id
    b = store.add(report("b.txt", MEETING_B)).document_id
    return a, b


def test_replace_analysis_moves_events_and_removes_orphans(store: Store) -> None:
    a, b = _two_reports(store)
    meeting_id, signing_id = (e.id for e in store.entries())

    pinned = PublicationDate(SEP4, date(2025, 9, 4), 1.0, Provenance.USER)
    moved = report("a.txt", (*MEETING_A[:3], SEP3), (*SIGNING_A[:3], SEP3))
    moved.document.published = pinned
    moved.expressions = [
        TemporalExpression(29, 36, "Tuesday", TimexType.DATE, "2025-09-03", "XXXX-WXX-2", SEP3)
    ]
    store.replace_analysis(a, moved)

    entries = store.entries()
    by_id = {e.id: e for e in entries}
    assert signing_id not in by_id  # lost its only event
    # The meeting entry keeps b's report only, and is now described by it.
    kept = by_id[meeting_id]
    assert [s.document_id for s in kept.sources] == [b]
    assert kept.title == "putin, Xi Jinping: meeting"
    assert kept.entities == ("putin", "Xi Jinping")  # Fico came from a only
    assert [(e.interval, e.title) for e in entries if e.id != meeting_id] == [
        (SEP3, "Putin, Fico: met"),
        (SEP3, "Fico: signed"),
    ]
    record = store.document(a)
    assert record is not None
    assert record.analysed.document.published == pinned
    assert record.analysed.expressions == moved.expressions
    assert record.analysed.events == moved.events
    assert record.analysed.document.name == "a.txt"
    assert counts(store) == {
        "documents": 2,
        "expressions": 1,
        "entries": 3,
        "events": 3,
        "entry_entities": 5,
    }

    # Moving back: a's meeting rejoins b's entry, whose description is again a's (the
    # earliest document); the September 3 entries are orphans and disappear.
    store.replace_analysis(a, report("a.txt", MEETING_A, SIGNING_A))
    entries = store.entries()
    assert [(e.id == meeting_id, e.title, e.entities) for e in entries] == [
        (True, "Putin, Fico: met", ("Putin", "Fico", "Xi Jinping")),
        (False, "Fico: signed", ("Fico",)),
    ]
    assert [s.document_id for s in entries[0].sources] == [a, b]
    record = store.document(a)
    assert record is not None and record.analysed.document.published is None
    assert record.analysed.expressions == []
    assert counts(store)["entries"] == 2


def test_replace_analysis_with_unchanged_events_keeps_entries(store: Store) -> None:
    a, _ = _two_reports(store)
    before = store.entries()
    analysed = report("a.txt", MEETING_A, SIGNING_A)
    analysed.document.published = PublicationDate(SEP3, date(2025, 9, 3), 0.5, Provenance.USER)
    store.replace_analysis(a, analysed)
    after = store.entries()

    # the same entries (ids, times, texts, sources); only their confidence follows the
    # new publication date of the reports it derives from, and a's re-analysed meeting
    # now joins b's stored report, with the signals that matched them
    def unchanged(entry: TimelineEntry) -> TimelineEntry:
        sources = tuple(replace(s, merge_signals=()) for s in entry.sources)
        return replace(entry, confidence=0.0, sources=sources)

    assert [unchanged(e) for e in after] == [unchanged(e) for e in before]
    # the meeting's two reports, one joined to the other with the signals that matched
    assert sum(bool(s.merge_signals) for s in after[0].sources) == 1
    assert [e.confidence for e in before] == [0.0, 0.0]  # the reports were undated
    # the meeting is also reported by b, still undated; the signing only by a
    assert [(e.title, e.confidence) for e in after] == [
        ("Putin, Fico: met", 0.0),
        ("Fico: signed", 0.5),
    ]


def test_replace_analysis_rejects_unknown_or_other_documents(store: Store) -> None:
    a, _ = _two_reports(store)
    before = counts(store)
    with pytest.raises(KeyError):
        store.replace_analysis(a + 100, report("a.txt", MEETING_A))
    with pytest.raises(ValueError, match="other content"):
        store.replace_analysis(
            a, report("a.txt", ("Something else happened.", "happened", (), SEP2))
        )
    assert counts(store) == before


def test_delete_removes_the_document_and_orphan_entries(store: Store) -> None:
    a, b = _two_reports(store)
    meeting_id, _ = (e.id for e in store.entries())

    assert store.delete(a) is True
    (meeting,) = store.entries()
    assert meeting.id == meeting_id
    assert [s.document_id for s in meeting.sources] == [b]
    assert (meeting.title, meeting.text) == ("putin, Xi Jinping: meeting", MEETING_B[0])
    assert meeting.entities == ("putin", "Xi Jinping")
    assert store.entries(EntryQuery(entity="Fico")) == []
    assert store.document(a) is None
    assert [d.id for d in store.documents()] == [b]
    assert store.delete(a) is False

    assert store.delete(b) is True
    assert store.entries() == []
    assert store.entities() == []
    assert counts(store) == dict.fromkeys(counts(store), 0)
    # Ids are never reused, so an old id cannot silently point at a new document.
    assert store.add(report("c.txt", MEETING_A)).document_id > b


# -- atomicity --------------------------------------------------------------------------------


def test_a_failing_add_leaves_no_partial_rows(store: Store) -> None:
    _two_reports(store)
    before, entries_before = counts(store), store.entries()

    broken = report(
        "broken.txt",
        ("Putin met Fico again.", "met", ("Putin",), SEP2),  # would join the meeting entry
        ("Xi attacked.", "attacked", ("Xi",), SEP4),  # would create an entry
        ("Xi signed.", "signed", ("Xi",), SEP3),
    )
    broken.expressions = [TemporalExpression(0, 2, "Xi", TimexType.DATE, "X", "X", None)]
    # Anchored but without a value: describe() refuses it, mid-transaction.
    broken.events[2] = replace(broken.events[2], value=None)
    with pytest.raises(ValueError, match="anchored"):
        store.add(broken)
    assert counts(store) == before
    assert store.entries() == entries_before

    # The same content is not considered stored: once fixed, it is added normally.
    broken.events[2] = replace(broken.events[2], value="2025-09-03")
    assert store.add(broken).created


def test_a_failure_after_all_writes_rolls_everything_back(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, _ = _two_reports(store)
    before, entries_before = counts(store), store.entries()
    original = entries_module.present

    def present_then_fail(session, groups):  # type: ignore[no-untyped-def]
        original(session, groups)
        raise RuntimeError("simulated failure before commit")

    monkeypatch.setattr(entries_module, "present", present_then_fail)
    with pytest.raises(RuntimeError):
        store.add(report("c.txt", ("Fico met Orban.", "met", ("Fico", "Orban"), SEP2)))
    with pytest.raises(RuntimeError):
        store.replace_analysis(a, report("a.txt", MEETING_A, (*SIGNING_A[:3], SEP3)))
    assert counts(store) == before
    assert store.entries() == entries_before


# -- concurrency ------------------------------------------------------------------------------


def test_concurrent_reports_of_one_happening_merge_into_one_entry(db_url: str) -> None:
    workers = 6
    with Store(db_url) as store:
        store.migrate()
        barrier = threading.Barrier(workers)
        errors: list[BaseException] = []

        def ingest(n: int) -> None:
            try:
                barrier.wait()
                store.add(
                    report(
                        f"{n}.txt", (f"Report {n}: Putin met Fico.", "met", ("Putin", "Fico"), SEP2)
                    )
                )
                # Everyone also adds the same content: exactly one of those creates it.
                store.add(report("same.txt", ("Xi signed.", "signed", ("Xi",), SEP3)))
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=ingest, args=(n,)) for n in range(workers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        meeting, signing = store.entries()
        assert len(meeting.sources) == workers
        assert len(signing.sources) == 1
        assert len(store.documents()) == workers + 1
