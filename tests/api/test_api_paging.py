"""Cursor pagination, sorting, the new filters and conditional GETs (ETag / 304)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from flask.testing import FlaskClient

from api.context import get_store


def all_pages(client: FlaskClient, url: str) -> tuple[list[dict[str, Any]], int]:
    """Follow ``next`` cursors (checking the Link header agrees); entries and page count."""
    items: list[dict[str, Any]] = []
    pages = 0
    while True:
        response = client.get(url)
        assert response.status_code == 200, response.get_json()
        body = response.get_json()
        pages += 1
        items += body["items"]
        assert len(body["items"]) <= 2 or "limit=2" not in url
        if body["next"] is None:
            assert "Link" not in response.headers
            return items, pages
        link = response.headers["Link"]
        target = link[1 : link.index(">")]
        assert f"cursor={body['next']}" in target
        parts = urlsplit(target)
        url = f"{parts.path}?{parts.query}"


@pytest.mark.parametrize("sort", ["time", "-time", "salience"])
def test_events_pages_cover_everything_once(corpus_client: FlaskClient, sort: str) -> None:
    whole = corpus_client.get(f"/api/v1/events?limit=500&sort={sort}").get_json()["items"]
    assert len(whole) >= 4
    paged, pages = all_pages(corpus_client, f"/api/v1/events?limit=2&sort={sort}")
    assert paged == whole
    assert pages == (len(whole) + 1) // 2  # no empty last page: one extra row is peeked
    keys = [(e["start"], e["end"], e["id"]) for e in whole]
    if sort == "salience":
        ranked = [(-e["salience"], *key) for e, key in zip(whole, keys, strict=True)]
        assert ranked == sorted(ranked)
        assert len({e["salience"] for e in whole}) > 1
    else:
        assert keys == sorted(keys, reverse=sort == "-time")


def test_salience_and_entity_type_filters(corpus_client: FlaskClient) -> None:
    whole = corpus_client.get("/api/v1/events?limit=500").get_json()["items"]
    threshold = sorted(e["salience"] for e in whole)[len(whole) // 2]
    salient = corpus_client.get(f"/api/v1/events?limit=500&min_salience={threshold}")
    assert salient.get_json()["items"] == [e for e in whole if e["salience"] >= threshold]
    for kind in ("person", "organisation", "place", "other"):
        url = f"/api/v1/events?limit=500&entity_type={kind}"
        typed = corpus_client.get(url).get_json()["items"]
        assert typed == [e for e in whole if any(p["type"] == kind for p in e["participants"])]
    places = corpus_client.get("/api/v1/events?limit=500&entity_type=place").get_json()["items"]
    assert 0 < len(places) < len(whole)
    trump = corpus_client.get("/api/v1/entities/trump/timeline?entity_type=person").get_json()
    assert trump and all("person" in {p["type"] for p in e["participants"]} for e in trump)


def test_events_default_page_is_fifty(corpus_client: FlaskClient) -> None:
    body = corpus_client.get("/api/v1/events").get_json()
    assert set(body) == {"items", "next"}
    assert len(body["items"]) <= 50


def test_timeline_is_whole_unless_paged(corpus_client: FlaskClient) -> None:
    whole = corpus_client.get("/api/v1/timeline")
    assert "Link" not in whole.headers
    everything = whole.get_json()
    first = corpus_client.get("/api/v1/timeline?limit=1")
    assert first.get_json() == everything[:1]
    link = first.headers["Link"]
    rest = corpus_client.get(link[1 : link.index(">")].replace("limit=1", "limit=500"))
    assert rest.get_json() == everything[1:]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("cursor=nonsense", "cursor"),
        ("cursor=WyJkIiwgMV0", "cursor"),  # a documents cursor
        ("limit=0", "limit"),
        ("limit=501", "limit"),
        ("sort=time,-time", "sort"),
        ("mode=around", "mode"),
        ("granularity=fortnight", "granularity"),
        ("min_confidence=1.5", "min_confidence"),
        ("min_salience=-0.1", "min_salience"),
        ("entity_type=animal", "entity_type"),
        ("sort=salience,time", "sort"),
        ("document=0", "document"),
    ],
)
def test_bad_paging_queries(client: FlaskClient, problem: Any, query: str, field: str) -> None:
    body = problem(client.get(f"/api/v1/events?{query}"), 422)
    assert field in body["errors"]["query"]


@pytest.mark.parametrize(
    ("issued", "used"), [("time", "-time"), ("time", "salience"), ("salience", "time")]
)
def test_cursor_of_another_sort_is_refused(
    corpus_client: FlaskClient, problem: Any, issued: str, used: str
) -> None:
    cursor = corpus_client.get(f"/api/v1/events?limit=1&sort={issued}").get_json()["next"]
    url = f"/api/v1/events?limit=1&sort={used}&cursor={cursor}"
    body = problem(corpus_client.get(url), 422)
    assert "sort" in body["errors"]["query"]["cursor"][0]


def test_within_mode_and_granularity(corpus_client: FlaskClient) -> None:
    def days(query: str) -> set[tuple[str, str]]:
        items = corpus_client.get(f"/api/v1/events?limit=500&{query}").get_json()["items"]
        return {(e["start"], e["granularity"]) for e in items}

    overlapping = days("start=2025-08-15&end=2025-08-15")
    within = days("start=2025-08-15&end=2025-08-15&mode=within")
    assert within == {("2025-08-15", "day")}
    assert within <= overlapping
    assert all(g == "day" for _, g in days("granularity=day"))
    assert days("granularity=day,month") >= days("granularity=day")


def test_document_and_confidence_filters(corpus_client: FlaskClient, articles: Any) -> None:
    documents = corpus_client.get("/api/v1/documents").get_json()
    alaska = next(d for d in documents if d["title"] == articles.alaska["title"])
    items = corpus_client.get(f"/api/v1/events?document={alaska['id']}").get_json()["items"]
    assert items and all(any(s["document"] == alaska["id"] for s in e["sources"]) for e in items)
    # Written-out dates are certain: the four sample days survive the strictest filter.
    certain = corpus_client.get("/api/v1/events?min_confidence=1&limit=500").get_json()["items"]
    assert {"2024-11-05", "2025-07-04", "2025-08-15", "2025-09-03"} <= {e["start"] for e in certain}


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/events?start=2025",
        "/api/v1/timeline",
        "/api/v1/timeline?format=csv",
        "/api/v1/entities",
        "/api/v1/documents",
        "/api/v1/documents/1",
    ],
)
def test_conditional_get(corpus_client: FlaskClient, articles: Any, path: str) -> None:
    first = corpus_client.get(path)
    assert first.status_code == 200
    etag = first.headers["ETag"]
    assert etag.startswith('W/"')
    again = corpus_client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    assert again.headers["ETag"] == etag
    assert corpus_client.get(path, headers={"If-None-Match": "*"}).status_code == 304
    assert corpus_client.get(path, headers={"If-None-Match": 'W/"other"'}).status_code == 200
    # Other filters are another representation: another tag.
    other = corpus_client.get(path + ("&" if "?" in path else "?") + "limit=1")
    if other.status_code == 200:
        assert other.headers["ETag"] != etag
    # Any write changes every tag.
    corpus_client.post("/api/v1/documents", json={"text": "On May 1, 2025, it rained."})
    assert corpus_client.get(path, headers={"If-None-Match": etag}).status_code == 200


@pytest.mark.parametrize(
    "path", ["/api/v1/events?start=2025", "/api/v1/timeline", "/api/v1/entities/trump/timeline"]
)
def test_entry_listings_are_tagged_with_their_own_snapshot(
    corpus_client: FlaskClient, path: str
) -> None:
    """Entry listings read the revision with their data (no separate read before it): the
    tag names exactly the store revision the body was read at, and a write changes it."""
    app = corpus_client.application
    with app.app_context():
        revision = get_store().revision()
    first = corpus_client.get(path)
    assert first.status_code == 200
    assert first.headers["ETag"].startswith(f'W/"{revision}.')
    corpus_client.post("/api/v1/documents", json={"text": "On May 1, 2025, it rained."})
    with app.app_context():
        assert get_store().revision() != revision
    second = corpus_client.get(path)
    assert second.headers["ETag"] != first.headers["ETag"]
    stale = corpus_client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert stale.status_code == 200
    again = corpus_client.get(path, headers={"If-None-Match": second.headers["ETag"]})
    assert again.status_code == 304
