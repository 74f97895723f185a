"""``/api/v1/documents``: ingestion over HTTP, deduplication, listing and detail."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient

DOCUMENT_KEYS = {"id", "name", "title", "published"}
DETAIL_KEYS = DOCUMENT_KEYS | {"text", "url", "expressions", "events"}
EXPRESSION_KEYS = {"text", "char_start", "char_end", "type", "value", "start", "end", "granularity"}
EVENT_KEYS = {
    "trigger",
    "sentence",
    "char_start",
    "char_end",
    "participants",
    "start",
    "end",
    "value",
    "anchoring",
}


def post(client: FlaskClient, payload: Any) -> list[dict[str, Any]]:
    response = client.post("/api/v1/documents", json=payload)
    assert response.status_code == 201, response.get_json()
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert isinstance(body, list)
    for item in body:
        assert set(item) == {"id", "name", "created"}
        assert isinstance(item["id"], int)
        assert isinstance(item["name"], str) and item["name"]
    return body


def test_post_one_document(client: FlaskClient, articles: Any) -> None:
    body = post(client, articles.alaska)
    assert len(body) == 1
    assert body[0]["created"] is True


def test_post_a_list_keeps_request_order(client: FlaskClient, articles: Any) -> None:
    body = post(client, [articles.tax_law, articles.parade])
    assert [item["created"] for item in body] == [True, True]
    assert body[0]["id"] != body[1]["id"]
    listed = client.get("/api/v1/documents").get_json()
    titles = {d["id"]: d["title"] for d in listed}
    assert titles[body[0]["id"]] == articles.tax_law["title"]
    assert titles[body[1]["id"]] == articles.parade["title"]


def test_same_content_is_not_stored_twice(client: FlaskClient, articles: Any) -> None:
    [first] = post(client, {**articles.alaska, "name": "alaska-summit"})
    assert first["name"] == "alaska-summit"
    again = post(client, [{**articles.alaska, "name": "renamed"}, articles.parade])
    # The duplicate is reported as the stored document, under its stored name.
    assert again[0] == {"id": first["id"], "name": "alaska-summit", "created": False}
    assert again[1]["created"] is True
    assert len(client.get("/api/v1/documents").get_json()) == 2


def test_list_documents(client: FlaskClient, articles: Any) -> None:
    assert client.get("/api/v1/documents").get_json() == []
    ids = [item["id"] for item in post(client, articles.corpus)]
    response = client.get("/api/v1/documents")
    assert response.status_code == 200
    listed = response.get_json()
    assert [d["id"] for d in listed] == sorted(ids)
    for document in listed:
        assert set(document) == DOCUMENT_KEYS
    alaska = next(d for d in listed if d["title"] == articles.alaska["title"])
    # An explicit publication date is taken as given.
    published = alaska["published"]
    assert published["value"] == "2025-08-16"
    assert (published["start"], published["end"]) == ("2025-08-16", "2025-08-17")
    assert published["granularity"] == "day"
    assert isinstance(published["evidence"], list)


def test_get_document(client: FlaskClient, articles: Any) -> None:
    [created] = post(client, articles.alaska)
    response = client.get(f"/api/v1/documents/{created['id']}")
    assert response.status_code == 200
    document = response.get_json()
    assert set(document) == DETAIL_KEYS
    assert document["id"] == created["id"]
    assert document["name"] == created["name"]
    assert document["text"] == articles.alaska["text"]
    assert document["url"] == articles.alaska["url"]
    assert document["title"] == articles.alaska["title"]

    for expression in document["expressions"]:
        assert set(expression) == EXPRESSION_KEYS
        span = document["text"][expression["char_start"] : expression["char_end"]]
        assert span == expression["text"]
    # The written-out date resolves exactly.
    dated = [e for e in document["expressions"] if "August 15, 2025" in e["text"]]
    assert dated, document["expressions"]
    assert dated[0]["value"] == "2025-08-15"
    assert (dated[0]["start"], dated[0]["end"]) == ("2025-08-15", "2025-08-16")
    assert dated[0]["type"] == "DATE"

    assert document["events"], "the meeting should be extracted"
    for event in document["events"]:
        assert set(event) == EVENT_KEYS
        assert isinstance(event["participants"], list)
        assert event["anchoring"] in {"timex", "publication", "inherited"}
        assert document["text"][event["char_start"] : event["char_end"]] == event["trigger"]
    assert any(e["start"] == "2025-08-15" and e["end"] == "2025-08-16" for e in document["events"])


def test_get_missing_document_is_a_404_problem(client: FlaskClient, problem: Any) -> None:
    body = problem(client.get("/api/v1/documents/4242"), 404)
    assert "4242" in body["detail"]


def test_non_integer_id_is_a_404_problem(client: FlaskClient, problem: Any) -> None:
    problem(client.get("/api/v1/documents/abc"), 404)
