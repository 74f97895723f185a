"""Merging reports of one happening: the rules, the entry time, batch clustering, and
precision/recall on the hand-checked same-event pairs (``fixtures/events``)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from timeline.events.crossdoc import candidate_pairs, cluster
from timeline.events.describe import describe, entry_time
from timeline.events.merge import blocking_key, blocking_keys, same_happening
from timeline.model import Anchoring, Event, Granularity, Interval
from timeline.temporal.values import day_interval, month_interval, year_interval

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "events"


def event(
    trigger: str,
    interval: Interval,
    participants: tuple[str, ...],
    sentence: str = "",
    anchoring: Anchoring = Anchoring.TIMEX,
    value: str | None = None,
) -> Event:
    return Event(
        0,
        len(trigger),
        trigger,
        sentence or f"{' '.join(participants)} {trigger}",
        0,
        participants,
        interval,
        value or interval.start.isoformat(),
        anchoring,
    )


FRIDAY = day_interval(date(2025, 8, 15))
AUGUST = month_interval(2025, 8)


def test_a_day_report_and_a_month_report_of_the_alaska_summit_merge() -> None:
    friday = event("met", FRIDAY, ("Donald Trump", "Vladimir Putin"), value="2025-08-15")
    last_month = event("summit", AUGUST, ("Vladimir Putin", "Alaska"), value="2025-08")
    assert blocking_key(friday) == blocking_key(last_month) == "2025"
    assert same_happening(friday, last_month) and same_happening(last_month, friday)
    september = event("met", day_interval(date(2025, 9, 2)), ("Vladimir Putin",))
    assert not same_happening(september, last_month)  # not inside August


def test_a_year_is_too_wide_without_more_evidence() -> None:
    friday = event("met", FRIDAY, ("Donald Trump", "Vladimir Putin"))
    this_year = event("meeting", year_interval(2025), ("Vladimir Putin", "Xi Jinping"))
    assert not same_happening(friday, this_year)  # one name in common, a year apart in precision
    both = event("meeting", year_interval(2025), ("Vladimir Putin", "Donald Trump"))
    assert same_happening(friday, both)  # two participants in common


def test_statements_merge_only_when_the_same_speaker_says_the_same_thing() -> None:
    week = Interval(date(2025, 9, 1), date(2025, 9, 8), Granularity.WEEK)
    other_week = Interval(date(2025, 8, 29), date(2025, 9, 5), Granularity.WEEK)
    a = event(
        "stated",
        week,
        ("Vladimir Putin",),
        "Putin stated the US is listening, noting a “mutual understanding”.",
        Anchoring.PUBLICATION,
    )
    b = event(
        "said",
        other_week,
        ("Vladimir Putin",),
        "Citing his summit, Putin said a “mutual understanding” had emerged.",
        Anchoring.PUBLICATION,
    )
    c = event(
        "said",
        other_week,
        ("Vladimir Putin",),
        "Putin said there has never been any desire to attack anyone.",
        Anchoring.PUBLICATION,
    )
    d = event("said", other_week, ("Robert Fico",), b.sentence, Anchoring.PUBLICATION)
    assert same_happening(a, b)  # a shared quote, overlapping publication estimates
    assert not same_happening(a, c)  # another statement
    assert not same_happening(b, d)  # another speaker


def test_blocking_keys_cover_every_possible_merge() -> None:
    a = event("met", FRIDAY, ("Donald Trump", "Vladimir Putin"))
    b = event("summit", AUGUST, ("Vladimir Putin",))
    assert blocking_keys(a) & blocking_keys(b) == {"2025|vladimir putin"}
    assert blocking_key(
        event("war", Interval(date(2014, 1, 1), date(2022, 1, 1), Granularity.DECADE), ())
    ) == ("2014-01-01/2022-01-01")


def test_entry_time_is_the_most_precise_consistent_one_with_conflicts_visible() -> None:
    month = event("summit", AUGUST, ("Vladimir Putin",), value="2025-08")
    friday = event("met", FRIDAY, ("Vladimir Putin",), value="2025-08-15")
    best, conflicts = entry_time([month, friday])
    assert best is friday and conflicts == ()
    saturday = event(
        "met", day_interval(date(2025, 8, 16)), ("Vladimir Putin",), value="2025-08-16"
    )
    best, conflicts = entry_time([month, friday, saturday])
    assert best is friday and conflicts == ("2025-08-16",)
    described = describe(month, [month, friday, saturday])
    assert described.value == "2025-08-15" and described.conflicts == ("2025-08-16",)
    assert "2025-08-16" in described.text
    assert describe(month).value == "2025-08"  # without reports: the first event's time


def test_cluster_is_transitive_and_blocked() -> None:
    month = event("summit", AUGUST, ("Vladimir Putin", "Donald Trump"))
    friday = event("met", FRIDAY, ("Vladimir Putin",))
    talks = event("talks", FRIDAY, ("Donald Trump",))
    other = event("met", FRIDAY, ("Robert Fico",))
    events = [month, friday, talks, other]
    assert (0, 3) not in candidate_pairs(events)  # nobody in common: never compared
    assert cluster(events) == [[0, 1, 2], [3]]


def _fixture() -> tuple[dict[str, Event], list[dict[str, object]]]:
    events = {}
    for line in (FIXTURES / "same_event_events.jsonl").read_text().splitlines():
        r = json.loads(line)
        interval = Interval(
            date.fromisoformat(r["start"]),
            date.fromisoformat(r["end"]),
            Granularity(r["granularity"]),
        )
        events[r["id"]] = Event(
            r["char_start"],
            r["char_start"] + len(r["trigger"]),
            r["trigger"],
            r["sentence"],
            r["sentence_start"],
            tuple(r["participants"]),
            interval,
            r["value"],
            Anchoring(r["anchoring"]),
        )
    pairs = [
        json.loads(line) for line in (FIXTURES / "same_event_pairs.jsonl").read_text().splitlines()
    ]
    return events, pairs


def test_merging_precision_and_recall_on_the_hand_checked_pairs() -> None:
    """Measured: precision 1.00, recall 0.58 (14 of 24 same-happening pairs); the misses
    are paraphrased statements, reports without a participant in common, and reports
    whose extracted time is a year wide (see fixtures/events/README.md)."""
    events, pairs = _fixture()
    assert len(pairs) > 700 and sum(p["same"] for p in pairs) == 24
    tp = fp = fn = 0
    for p in pairs:
        got = same_happening(events[p["a"]], events[p["b"]])
        assert got == same_happening(events[p["b"]], events[p["a"]])  # symmetric
        tp += got and p["same"]
        fp += got and not p["same"]
        fn += p["same"] and not got
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= 0.9, (tp, fp, fn)
    assert recall >= 0.55, (tp, fp, fn)
