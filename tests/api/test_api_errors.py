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
        ([{"text": "On May 1, 2025, it rained."}, {"title": "no text"}], "1"),
        ([{"text": "On May 1, 2025, it rained."}, "just a string"], "1"),
        ("just a string", None),
        (42, None),
        (None, None),
        ([], None),
    ],
)
def test_invalid_document_is_a_422_problem(
    client: FlaskClient, problem: Any, payload: Any, item: str | None
) -> None:
    """Whole-body errors are a list under ``errors.json``; item errors are keyed by index."""
    response = client.post(
        "/api/v1/documents", data=json.dumps(payload), content_type="application/json"
    )
    body = problem(response, 422)
    errors = body["errors"]["json"]
    if item is None:
        assert isinstance(errors, list) and errors
    else:
        assert list(errors) == [item] and errors[item]
    assert all(isinstance(m, str) for m in (errors if item is None else errors[item]))
    # Nothing was stored: the whole body is read before anything is ingested.
    assert client.get("/api/v1/documents").get_json() == []


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
