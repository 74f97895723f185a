"""``/events``, ``/timeline`` and ``/entities``: filtering and ordering of entries.

The sample articles put events on 2024-11-05, 2025-07-04, 2025-08-15 and 2025-09-03; the
NLP may find more, so tests check that the known dates are in or out of a result and that
every returned entry really overlaps the requested range.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from api.context import get_store
from timeline.export.records import entry_record

ENTRY_KEYS = {
    "id",
    "start",
    "end",
    "value",
    "granularity",
    "confidence",
    "kind",
    "salience",
    "title",
    "text",
    "entities",
    "participants",
    "statements",
    "sources",
}
SOURCE_KEYS = {
    "document",
    "document_name",
    "sentence",
    "char_start",
    "char_end",
    "anchor_rule",
    "merge_signals",
}
KNOWN_DAYS = {"2024-11-05", "2025-07-04", "2025-08-15", "2025-09-03"}


def entries(client: FlaskClient, path: str = "/api/v1/events", **query: str) -> list[dict]:
    """The entries of ``path``: ``/events`` pages are unwrapped (one page of 500 holds the
    samples), the others are bare arrays."""
    if path == "/api/v1/events":
        query = {"limit": "500", **query}
    response = client.get(path, query_string=query)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    if path == "/api/v1/events":
        assert set(body) == {"items", "next"}
        assert body["next"] is None
        body = body["items"]
    assert isinstance(body, list)
    for entry in body:
        assert set(entry) == ENTRY_KEYS
        assert entry["start"] < entry["end"]
        for source in entry["sources"]:
            assert set(source) == SOURCE_KEYS
    return body


def known_days(body: list[dict]) -> set[str]:
    """The sample days that appear as one-day entries in ``body``."""
    return {e["start"] for e in body if e["granularity"] == "day"} & KNOWN_DAYS


def test_all_events_are_found(corpus_client: FlaskClient) -> None:
    body = entries(corpus_client)
    assert known_days(body) == KNOWN_DAYS
    alaska = next(e for e in body if e["start"] == "2025-08-15")
    assert alaska["end"] == "2025-08-16"
    assert alaska["value"] == "2025-08-15"
    assert any("Alaska" in s["sentence"] for s in alaska["sources"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"start": "2025"}, {"2025-07-04", "2025-08-15", "2025-09-03"}),
        ({"end": "2024"}, {"2024-11-05"}),
        ({"start": "2025", "end": "2025"}, {"2025-07-04", "2025-08-15", "2025-09-03"}),
        # Month bounds cover the whole month on both sides.
        ({"start": "2025-08", "end": "2025-08"}, {"2025-08-15"}),
        ({"start": "2025-07", "end": "2025-08"}, {"2025-07-04", "2025-08-15"}),
        ({"end": "2025-08"}, {"2024-11-05", "2025-07-04", "2025-08-15"}),
        ({"start": "2025-09"}, {"2025-09-03"}),
        # Day bounds are inclusive.
        ({"start": "2025-08-15", "end": "2025-08-15"}, {"2025-08-15"}),
        ({"start": "2025-08-15"}, {"2025-08-15", "2025-09-03"}),
        ({"start": "2025-08-16"}, {"2025-09-03"}),
        ({"end": "2025-08-15"}, {"2024-11-05", "2025-07-04", "2025-08-15"}),
        ({"end": "2025-08-14"}, {"2024-11-05", "2025-07-04"}),
        ({"start": "2025-07-05", "end": "2025-09-02"}, {"2025-08-15"}),
        ({"start": "2026"}, set()),
    ],
)
def test_range_filters(
    corpus_client: FlaskClient, query: dict[str, str], expected: set[str]
) -> None:
    body = entries(corpus_client, **query)
    assert known_days(body) == expected
    lo = {"2024": "2024-01-01", "2025": "2025-01-01", "2026": "2026-01-01"}
    # Every entry returned overlaps the requested half-open range.
    start = query.get("start")
    end = query.get("end")
    for entry in body:
        if start:
            first = lo.get(start) or (start + "-01" if len(start) == 7 else start)
            assert entry["end"] > first
        if end:
            assert entry["start"] <= _last_day(end)


def _last_day(bound: str) -> str:
    """The last day an inclusive YYYY, YYYY-MM or YYYY-MM-DD bound covers (ISO, sortable)."""
    if len(bound) == 4:
        return f"{bound}-12-31"
    if len(bound) == 7:
        return f"{bound}-31"  # compares correctly against real days of that month
    return bound


def test_entity_filter(corpus_client: FlaskClient) -> None:
    response = corpus_client.get("/api/v1/entities")
    assert response.status_code == 200
    listed = response.get_json()
    assert listed, "the samples name people"
    for item in listed:
        assert set(item) == {"name", "entries"}
        assert item["entries"] >= 1
    counts = [item["entries"] for item in listed]
    assert counts == sorted(counts, reverse=True)
    putin = next(item["name"] for item in listed if "putin" in item["name"].lower())

    # Case-insensitive match on the entity name.
    body = entries(corpus_client, entity=putin.upper())
    assert "2025-08-15" in known_days(body)
    assert "2025-07-04" not in known_days(body)
    for entry in body:
        assert putin.lower() in {e.lower() for e in entry["entities"]}
    counted = next(item["entries"] for item in listed if item["name"] == putin)
    assert len(body) == counted

    assert entries(corpus_client, entity="Nobody In Particular") == []


def test_q_filter(corpus_client: FlaskClient) -> None:
    body = entries(corpus_client, q="aLaSkA")
    assert known_days(body) == {"2025-08-15"}
    for entry in body:
        haystack = [entry["title"], entry["text"], *(s["sentence"] for s in entry["sources"])]
        assert any("alaska" in text.lower() for text in haystack)
    assert entries(corpus_client, q="no such words anywhere") == []


def test_filters_combine(corpus_client: FlaskClient) -> None:
    body = entries(corpus_client, q="trump", start="2025")
    assert known_days(body) == {"2025-07-04", "2025-08-15"}


def test_timeline_is_in_timeline_order(corpus_client: FlaskClient) -> None:
    body = entries(corpus_client, "/api/v1/timeline")
    keys = [(e["start"], e["end"], e["id"]) for e in body]
    assert keys == sorted(keys)
    days = [e["start"] for e in body if e["start"] in KNOWN_DAYS and e["granularity"] == "day"]
    assert days == sorted(days)
    assert set(days) == KNOWN_DAYS


def test_timeline_matches_export_records(app: Flask, corpus_client: FlaskClient) -> None:
    """The API body is exactly what the CLI's JSON dump is built from, key order included."""
    response = corpus_client.get("/api/v1/timeline")
    with app.app_context():
        expected = [entry_record(e) for e in get_store().entries()]
    assert expected
    assert response.get_json() == expected
    body = response.get_json()
    assert [list(entry) for entry in body] == [list(entry) for entry in expected]


def test_events_and_timeline_agree(corpus_client: FlaskClient) -> None:
    for query in ({}, {"start": "2025-08"}, {"entity": "Donald Trump", "end": "2025"}):
        assert entries(corpus_client, "/api/v1/events", **query) == entries(
            corpus_client, "/api/v1/timeline", **query
        )


def test_empty_store(client: FlaskClient) -> None:
    assert entries(client) == []
    assert entries(client, "/api/v1/timeline") == []
    assert client.get("/api/v1/entities").get_json() == []


@pytest.mark.parametrize("path", ["/api/v1/events", "/api/v1/timeline"])
@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"start": "2025-13"}, "start"),
        ({"start": "yesterday"}, "start"),
        ({"end": "2025-02-30"}, "end"),
        ({"end": "15/08/2025"}, "end"),
        ({"start": "2025-09", "end": "2025-08"}, "end"),
        ({"entity": ""}, "entity"),
        ({"form": "2025"}, "form"),
    ],
)
def test_bad_query_is_a_422_problem(
    client: FlaskClient, problem: Any, path: str, query: dict[str, str], field: str
) -> None:
    body = problem(client.get(path, query_string=query), 422)
    assert body["detail"]
    messages = body["errors"]["query"][field]
    assert isinstance(messages, list) and all(isinstance(m, str) for m in messages)
