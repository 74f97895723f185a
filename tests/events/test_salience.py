"""Salience's date precision (``timeline.events.salience``): an event dated by a precise
expression relative to an uncertain publication date is as precise as its expression."""

from __future__ import annotations

from datetime import date

from timeline.analysis import TextAnalysis
from timeline.events.extract import extract_events
from timeline.events.salience import expression_precision, salience
from timeline.model import (
    Anchoring,
    Event,
    EventKind,
    Granularity,
    Interval,
    Provenance,
    PublicationDate,
)
from timeline.temporal import tag
from timeline.temporal.values import day_interval

# an article dated only to "January or February 2025" (two months)
UNCERTAIN = PublicationDate(
    Interval(date(2025, 1, 1), date(2025, 3, 1), Granularity.MONTH),
    date(2025, 1, 31),
    0.3,
    Provenance.CONTENT,
)


def test_an_expression_is_as_precise_as_its_spec_whatever_the_reference() -> None:
    assert expression_precision("weekday 7 dir=past") is Granularity.DAY  # "on Sunday"
    assert expression_precision("fill XXXX-01-20 dir=past") is Granularity.DAY
    assert expression_precision("shift month 0 dir=near") is Granularity.MONTH
    assert expression_precision("shift year -1 dir=past") is Granularity.YEAR  # "last year"
    # an absolute expression resolves alike from any date: its interval is its precision
    assert expression_precision("abs 2022-06-28") is None
    two_months = "alt fill XXXX-02 dir=future ; fill XXXX-03 dir=future"
    assert expression_precision(two_months) is Granularity.RANGE  # "February or March"
    assert expression_precision("ref PRESENT_REF") is None
    assert expression_precision("dur P3Y") is None
    assert expression_precision("not a spec") is None


def _remarks(interval: Interval) -> Event:
    return Event(
        char_start=0,
        char_end=8,
        trigger="speaking",
        sentence="While speaking to reporters, Trump suggested progress.",
        sentence_start=0,
        participants=("Donald Trump",),
        interval=interval,
        value=None,
        anchoring=Anchoring.INHERITED,
        kind=EventKind.REMARKS,
        participant_types=("person",),
    )


def test_the_expression_precision_counts_not_the_spread_of_an_uncertain_date() -> None:
    spread = _remarks(UNCERTAIN.interval)  # "on Sunday" seen from January or February
    day = _remarks(day_interval(date(2025, 1, 26)))
    assert salience([spread], 1, [Granularity.DAY]) == salience([day], 1)
    assert salience([spread], 1) < salience([spread], 1, [Granularity.DAY])
    assert salience([spread], 1, [None]) == salience([spread], 1)
    # an expression coarser than the interval does not lower it
    assert salience([day], 1, [Granularity.YEAR]) == salience([day], 1)


def test_remarks_dated_by_a_statement_keep_its_expression() -> None:
    # the remarks are two sentences after the date: not its narrative time, but the
    # time of the statements made at them
    text = (
        "President Donald Trump stated on Sunday that talks with Russia are progressing. "
        "However, he refrained from sharing specifics about his contacts with Vladimir Putin. "
        "While speaking to reporters on Air Force One, Trump suggested that he and Putin "
        "have been in communication."
    )
    expressions = tag(text, UNCERTAIN.point)
    events = extract_events(TextAnalysis(text), expressions, UNCERTAIN)
    remarks = [e for e in events if e.trigger == "speaking"]
    assert [(e.anchoring, e.anchor_rule) for e in remarks] == [(Anchoring.INHERITED, "")]
    for event in remarks:
        assert event.timex_index is not None
        sunday = expressions[event.timex_index]
        assert sunday.text == "Sunday"
        assert expression_precision(sunday.underspecified) is Granularity.DAY
