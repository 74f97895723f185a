"""``/api/v1/documents``: ingestion over HTTP, deduplication, listing and detail."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient

DOCUMENT_KEYS = {"id", "name", "title", "published", "language", "language_supported"}
DETAIL_KEYS = DOCUMENT_KEYS | {"text", "url", "expressions", "events"}
EXPRESSION_KEYS = {
    "text",
    "char_start",
    "char_end",
    "type",
    "value",
    "start",
    "end",
    "granularity",
    "mod",
    "underspecified",
    "rule",
}
EVENT_KEYS = {
    "trigger",
    "sentence",
    "char_start",
    "char_end",
    "participants",
    "participant_types",
    "start",
    "end",
    "value",
    "anchoring",
    "anchor_rule",
    "kind",
    "statements",
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
        assert expression["rule"]  # the stored expression names the rule that found it
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


ALASKA_TEXT = "On August 15, 2025, Donald Trump met Vladimir Putin in Alaska."


def test_post_plain_text_with_query_description(client: FlaskClient) -> None:
    response = client.post(
        "/api/v1/documents?name=alaska.txt&title=Summit&url=https://example.com/a"
        "&published=2025-08-16",
        data=ALASKA_TEXT.encode("utf-8"),
        content_type="text/plain; charset=utf-8",
    )
    assert response.status_code == 201, response.get_json()
    [created] = response.get_json()
    assert created == {"id": created["id"], "name": "alaska.txt", "created": True}
    assert response.headers["Location"].endswith(f"/api/v1/documents/{created['id']}")
    document = client.get(response.headers["Location"]).get_json()
    assert (document["title"], document["url"]) == ("Summit", "https://example.com/a")
    assert document["text"] == ALASKA_TEXT
    assert document["published"]["value"] == "2025-08-16"
    assert document["published"]["provenance"] == "metadata"


def test_post_html(client: FlaskClient) -> None:
    page = (
        "<html><head><title>Parade in Beijing</title></head><body><article><p>On September "
        "3, 2025, Xi Jinping hosted a military parade in Beijing.</p></article></body></html>"
    )
    response = client.post(
        "/api/v1/documents?published=2025-09-04", data=page, content_type="text/html"
    )
    assert response.status_code == 201, response.get_json()
    document = client.get(f"/api/v1/documents/{response.get_json()[0]['id']}").get_json()
    assert document["title"] == "Parade in Beijing"
    assert "<p>" not in document["text"] and "Xi Jinping" in document["text"]
    assert any(e["start"] == "2025-09-03" for e in document["events"])


def test_text_body_errors(client: FlaskClient, problem: Any, articles: Any) -> None:
    problem(client.post("/api/v1/documents", data="   \n", content_type="text/plain"), 422)
    problem(
        client.post(
            "/api/v1/documents", data=b"\xff\xfe", content_type="text/plain; charset=ascii"
        ),
        400,
    )
    body = problem(client.post("/api/v1/documents?title=x", json=articles.alaska), 422)
    assert "title" in body["errors"]["query"]
    problem(client.post("/api/v1/documents?nmae=x", data="text", content_type="text/plain"), 422)
    assert client.get("/api/v1/documents").get_json() == []


def test_documents_are_paged_with_a_link(client: FlaskClient, articles: Any) -> None:
    ids = [item["id"] for item in post(client, articles.corpus)]
    first = client.get("/api/v1/documents?limit=3")
    assert [d["id"] for d in first.get_json()] == ids[:3]
    link = first.headers["Link"]
    assert link.endswith('>; rel="next"') and "limit=3" in link
    url = link[1 : link.index(">")]
    second = client.get(url)
    assert [d["id"] for d in second.get_json()] == ids[3:]
    assert "Link" not in second.headers


def test_bad_document_listing_queries(client: FlaskClient, problem: Any) -> None:
    for query in ("limit=0", "limit=501", "cursor=nonsense", "cursor=WyJlIl0", "page=2"):
        problem(client.get(f"/api/v1/documents?{query}"), 422)


def test_patch_pins_the_publication_date(client: FlaskClient, articles: Any) -> None:
    undated = {"text": "On Tuesday, Donald Trump met Vladimir Putin in Alaska."}
    [created] = post(client, undated)
    response = client.patch(f"/api/v1/documents/{created['id']}", json={"published": "2025-09-03"})
    assert response.status_code == 200, response.get_json()
    document = response.get_json()
    assert set(document) == DETAIL_KEYS
    assert document["published"]["value"] == "2025-09-03"
    assert document["published"]["provenance"] == "user"
    assert document["published"]["confidence"] == 1.0
    # "On Tuesday" now resolves against the pinned date (the Tuesday before it).
    tuesday = next(e for e in document["expressions"] if e["text"] == "Tuesday")
    assert tuesday["value"] == "2025-09-02"
    assert client.get(f"/api/v1/documents/{created['id']}").get_json() == document


def test_patch_errors(client: FlaskClient, problem: Any, articles: Any) -> None:
    [created] = post(client, articles.alaska)
    url = f"/api/v1/documents/{created['id']}"
    problem(client.patch("/api/v1/documents/4242", json={"published": "2025-09-02"}), 404)
    for body in (
        {"published": "2025-02-30"},
        {"published": "2025-09"},
        {"published": "yesterday"},
        {"published": None},
        {},
        {"published": "2025-09-02", "title": "x"},
    ):
        errors = problem(client.patch(url, json=body), 422)["errors"]
        assert "json" in errors, body
    problem(client.patch(url, data="2025-09-02", content_type="text/plain"), 415)
    assert client.get(url).get_json()["published"]["provenance"] == "metadata"


def test_delete_removes_the_document_and_orphan_entries(
    client: FlaskClient, problem: Any, articles: Any
) -> None:
    alaska, parade = post(client, [articles.alaska, articles.parade])
    before = client.get("/api/v1/timeline").get_json()
    assert any(e["start"] == "2025-08-15" for e in before)
    response = client.delete(f"/api/v1/documents/{alaska['id']}")
    assert response.status_code == 204 and response.get_data() == b""
    after = client.get("/api/v1/timeline").get_json()
    assert not any(e["start"] == "2025-08-15" for e in after)
    assert all(s["document"] != alaska["id"] for e in after for s in e["sources"])
    assert any(e["start"] == "2025-09-03" for e in after)
    problem(client.get(f"/api/v1/documents/{alaska['id']}"), 404)
    problem(client.delete(f"/api/v1/documents/{alaska['id']}"), 404)
    assert [d["id"] for d in client.get("/api/v1/documents").get_json()] == [parade["id"]]


def test_document_as_timeml(client: FlaskClient, problem: Any, articles: Any) -> None:
    import xml.etree.ElementTree as ET

    [created] = post(client, articles.alaska)
    response = client.get(f"/api/v1/documents/{created['id']}?format=timeml")
    assert response.status_code == 200
    assert response.mimetype == "application/xml"
    root = ET.fromstring(response.get_data())
    assert root.tag == "TimeML"
    dct = root.find("DCT/TIMEX3")
    assert dct is not None and dct.get("value") == "2025-08-16"
    text = root.find("TEXT")
    assert text is not None
    assert "".join(text.itertext()) == articles.alaska["text"]
    values = {t.get("value") for t in text.iter("TIMEX3")}
    assert "2025-08-15" in values
    assert [e.text for e in text.iter("EVENT")] == ["met"]
    assert root.find("TLINK") is not None
    problem(client.get(f"/api/v1/documents/{created['id']}?format=pdf"), 422)


def test_huge_ids_are_404(client: FlaskClient, problem: Any) -> None:
    problem(client.get("/api/v1/documents/9223372036854775808"), 404)
    problem(client.delete("/api/v1/documents/0"), 404)
