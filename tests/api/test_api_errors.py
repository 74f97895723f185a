"""Every error is an RFC 9457 problem (``application/problem+json``), never HTML."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient


def test_unknown_route(client: FlaskClient, problem: Any) -> None:
    problem(client.get("/api/v1/nothing-here"), 404)
    problem(client.get("/nothing-here"), 404)


def test_method_not_allowed(client: FlaskClient, problem: Any) -> None:
    response = client.delete("/api/v1/documents")
    problem(response, 405)
    allowed = {m.strip() for m in response.headers["Allow"].split(",")}
    assert {"GET", "POST"} <= allowed
    problem(client.post("/api/v1/timeline", json={}), 405)


@pytest.mark.parametrize("content_type", ["application/xml", "application/x-www-form-urlencoded"])
def test_unsupported_body_is_415(client: FlaskClient, problem: Any, content_type: str) -> None:
    response = client.post(
        "/api/v1/documents",
        data="On August 15, 2025, Donald Trump met Vladimir Putin in Alaska.",
        content_type=content_type,
    )
    body = problem(response, 415)
    assert "text/plain" in body["detail"]
    problem(client.post("/api/v1/documents"), 415)
    problem(client.post("/api/v1/tag", data="text", content_type="text/plain"), 415)


@pytest.mark.parametrize("data", ['{"text": "unterminated', "", "[1, 2,]"])
def test_malformed_json_is_400(client: FlaskClient, problem: Any, data: str) -> None:
    response = client.post("/api/v1/documents", data=data, content_type="application/json")
    problem(response, 400)


def test_too_large_body_is_413(
    app_factory: Callable[..., Flask], problem: Any, articles: Any
) -> None:
    client = app_factory(MAX_CONTENT_LENGTH=64).test_client()
    problem(client.post("/api/v1/documents", json=articles.alaska), 413)
    assert client.get("/api/v1/documents").get_json() == []


@pytest.mark.parametrize(
    ("payload", "item"),
    [
        ({"title": "no text"}, None),
        ({"text": ""}, None),
        ({"text": 42}, None),
        ({"text": "On May 1, 2025, it rained.", "title": ["a", "list"]}, None),
        ([{"title": "no text"}], "0"),
        ([{"text": ""}, "just a string"], ["0", "1"]),
        ("just a string", None),
        (42, None),
        (None, None),
        ([], None),
    ],
)
def test_invalid_document_is_a_422_problem(
    client: FlaskClient, problem: Any, payload: Any, item: str | list[str] | None
) -> None:
    """Whole-body errors are a list under ``errors.json``; item errors are keyed by index
    (a list where some items can be read is answered item by item, see below)."""
    response = client.post(
        "/api/v1/documents", data=json.dumps(payload), content_type="application/json"
    )
    body = problem(response, 422)
    errors = body["errors"]["json"]
    if item is None:
        assert isinstance(errors, list) and errors
        assert all(isinstance(m, str) for m in errors)
    else:
        items = [item] if isinstance(item, str) else item
        assert list(errors) == items
        assert all(errors[k] and all(isinstance(m, str) for m in errors[k]) for k in items)
    # Nothing could be read, so nothing was stored.
    assert client.get("/api/v1/documents").get_json() == []


def test_a_list_is_answered_item_by_item_when_some_fail(client: FlaskClient) -> None:
    """One article that cannot be read never stops the others (207, a status per item)."""
    payload = [
        {"text": "On May 1, 2025, it rained.", "name": "rain.json"},
        {"title": "no text"},
        "just a string",
        {"text": "On May 2, 2025, it snowed.", "name": "snow.json"},
    ]
    response = client.post("/api/v1/documents", json=payload)
    assert response.status_code == 207
    items = response.get_json()
    assert [(i["index"], i["status"]) for i in items] == [(0, 201), (1, 422), (2, 422), (3, 201)]
    assert [i["name"] for i in items if i["status"] == 201] == ["rain.json", "snow.json"]
    assert all(i["error"] and i["id"] is None for i in items if i["status"] == 422)
    assert all(i["error"] is None and i["created"] for i in items if i["status"] == 201)
    stored = client.get("/api/v1/documents").get_json()
    assert sorted(d["name"] for d in stored) == ["rain.json", "snow.json"]
    # posting the same list again: the readable ones are already stored
    again = client.post("/api/v1/documents", json=payload).get_json()
    assert [(i["index"], i["status"]) for i in again] == [(0, 200), (1, 422), (2, 422), (3, 200)]


@pytest.mark.parametrize(
    "bad", [{"text": "A\u0000B."}, {"text": "It rained.", "published": "soon"}]
)
def test_a_failed_item_carries_its_problem(client: FlaskClient, bad: Any) -> None:
    """Each failed item of a batch has its RFC 9457 problem; the good item is stored."""
    good = {"text": "On May 1, 2025, it rained.", "name": "rain"}
    response = client.post("/api/v1/documents", json=[good, bad])
    assert response.status_code == 207
    first, second = response.get_json()
    assert (first["status"], first["name"], first["created"]) == (201, "rain", True)
    assert second["status"] == 422 and second["id"] is None
    assert second["problem"]["status"] == 422
    assert "index 1" in second["problem"]["detail"]
    assert [d["name"] for d in client.get("/api/v1/documents").get_json()] == ["rain"]


def test_unexpected_exception_is_a_logged_500_problem(
    app_factory: Callable[..., Flask], problem: Any, caplog: pytest.LogCaptureFixture
) -> None:
    app = app_factory(PROPAGATE_EXCEPTIONS=False)

    def boom() -> str:
        raise RuntimeError("secret internal detail")

    app.add_url_rule("/api/v1/boom", view_func=boom)
    with caplog.at_level(logging.ERROR):
        response = app.test_client().get("/api/v1/boom")
    body = problem(response, 500)
    assert "secret internal detail" not in response.get_data(as_text=True)
    assert body["title"] == "Internal Server Error"
    assert any(
        r.exc_info and "secret internal detail" in str(r.exc_info[1]) for r in caplog.records
    )
