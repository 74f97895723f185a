"""Display order and interval relations (``timeline.events.order``)."""

from __future__ import annotations

from datetime import date

from timeline.events.order import (
    Placed,
    Relation,
    display_order,
    group_simultaneous,
    relation,
    relations,
)
from timeline.model import Granularity, Interval
from timeline.temporal.values import day_interval, month_interval, year_interval

AUG15 = day_interval(date(2025, 8, 15))
AUG = month_interval(2025, 8)
SEP2 = day_interval(date(2025, 9, 2))


def test_relations_follow_interval_arithmetic() -> None:
    assert relation(AUG15, SEP2) is Relation.BEFORE
    assert relation(SEP2, AUG15) is Relation.AFTER
    assert relation(AUG, AUG15) is Relation.INCLUDES
    assert relation(AUG15, AUG) is Relation.INCLUDED
    assert relation(AUG15, day_interval(date(2025, 8, 15))) is Relation.SIMULTANEOUS
    partial = Interval(date(2025, 8, 20), date(2025, 9, 10), Granularity.MONTH)
    assert relation(AUG, partial) is None  # overlap without inclusion: nothing known
    assert relation(AUG, None) is None


def test_display_order_by_start_then_end_then_tie_rules() -> None:
    items = [
        Placed("year", year_interval(2025), "b", 5),
        Placed("month", AUG, "b", 9),
        Placed("day-b", AUG15, "b", 1),
        Placed("day-a", AUG15, "a", 50),
        Placed("sep", SEP2, "a", 0),
    ]
    order = [i.key for i in display_order(items)]
    # the year starts first; Aug 1 (month) before Aug 15; equal days: document, then offset
    assert order == ["year", "month", "day-a", "day-b", "sep"]
    assert display_order(list(reversed(items))) == display_order(items)  # total and stable


def test_unanchored_items_keep_their_place_in_their_document() -> None:
    items = [
        Placed("a-first", None, "a", 0),  # before any anchored item of its document
        Placed("a-sep", SEP2, "a", 10),
        Placed("a-after-sep", None, "a", 20),
        Placed("b-aug", AUG15, "b", 10),
        Placed("b-after-aug", None, "b", 30),
        Placed("c-alone", None, "c", 0),  # a document without any time goes last
    ]
    order = [i.key for i in display_order(items)]
    assert order == ["b-aug", "b-after-aug", "a-first", "a-sep", "a-after-sep", "c-alone"]


def test_relations_between_consecutive_entries_and_groups() -> None:
    items = [
        Placed(1, AUG, "a", 0),
        Placed(2, AUG15, "a", 5),
        Placed(3, AUG15, "b", 5),
        Placed(4, SEP2, "a", 9),
        Placed(5, None, "a", 12),
    ]
    assert relations(items) == [
        (1, Relation.INCLUDES, 2),
        (2, Relation.SIMULTANEOUS, 3),
        (3, Relation.BEFORE, 4),
    ]
    assert [[i.key for i in g] for g in group_simultaneous(items)] == [[1], [2, 3], [4]]
