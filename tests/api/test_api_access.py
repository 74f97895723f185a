"""Write access (bearer API key), CORS and the body size limit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

KEY = "s3cret-key"


def test_without_a_key_writes_are_open(client: Any, articles: Any) -> None:
    assert client.post("/api/v1/documents", json=articles.alaska).status_code == 201


@pytest.mark.parametrize(
    ("headers", "error"),
    [
        ({}, None),
        ({"Authorization": "Basic czNjcmV0LWtleQ=="}, None),
        ({"Authorization": "Bearer"}, None),
        ({"Authorization": "Bearer wrong-key"}, "invalid_token"),
        ({"Authorization": f"Bearer {KEY}x"}, "invalid_token"),
    ],
)
def test_writes_need_the_key(
    app_factory: Callable[..., Flask],
    problem: Any,
    articles: Any,
    headers: dict[str, str],
    error: str | None,
) -> None:
    client = app_factory(TIMELINE_API_KEY=KEY).test_client()
    response = client.post("/api/v1/documents", json=articles.alaska, headers=headers)
    problem(response, 401)
    challenge = response.headers["WWW-Authenticate"]
    assert challenge.startswith("Bearer")
    assert (error in challenge) if error else ("error=" not in challenge)
    problem(
        client.patch("/api/v1/documents/1", json={"published": "2025-09-02"}, headers=headers), 401
    )
    problem(client.delete("/api/v1/documents/1", headers=headers), 401)
    assert client.get("/api/v1/documents").get_json() == []


def test_the_key_opens_writes_and_reads_stay_open(
    app_factory: Callable[..., Flask], articles: Any
) -> None:
    client = app_factory(TIMELINE_API_KEY=KEY).test_client()
    auth = {"Authorization": f"Bearer {KEY}"}
    created = client.post("/api/v1/documents", json=articles.alaska, headers=auth)
    assert created.status_code == 201
    document_id = created.get_json()[0]["id"]
    for path in (
        "/api/v1/documents",
        f"/api/v1/documents/{document_id}",
        "/api/v1/timeline",
        "/api/v1/events",
        "/api/v1/entities",
        "/api/v1/openapi.json",
    ):
        assert client.get(path).status_code == 200, path
    # Tagging stores nothing: open without the key.
    assert client.post("/api/v1/tag", json={"text": "on Monday"}).status_code == 200
    patched = client.patch(
        f"/api/v1/documents/{document_id}", json={"published": "2025-08-17"}, headers=auth
    )
    assert patched.status_code == 200
    assert client.delete(f"/api/v1/documents/{document_id}", headers=auth).status_code == 204


def test_the_key_can_come_from_the_environment(
    app_factory: Callable[..., Flask], monkeypatch: pytest.MonkeyPatch, problem: Any
) -> None:
    monkeypatch.setenv("TIMELINE_API_KEY", KEY)
    client = app_factory().test_client()
    problem(client.delete("/api/v1/documents/1"), 401)
    response = client.delete("/api/v1/documents/1", headers={"Authorization": f"bearer {KEY}"})
    problem(response, 404)  # authorised; there is just no such document


def test_body_limit_from_config_and_environment(
    app_factory: Callable[..., Flask],
    monkeypatch: pytest.MonkeyPatch,
    problem: Any,
    articles: Any,
) -> None:
    client = app_factory(TIMELINE_MAX_BODY_BYTES=64).test_client()
    problem(client.post("/api/v1/documents", json=articles.alaska), 413)
    problem(client.post("/api/v1/documents", data="x" * 100, content_type="text/plain"), 413)
    problem(client.post("/api/v1/tag", json={"text": "x" * 100}), 413)
    monkeypatch.setenv("TIMELINE_MAX_BODY_BYTES", "64")
    client = app_factory().test_client()
    problem(client.post("/api/v1/documents", json=articles.alaska), 413)
    assert client.post("/api/v1/tag", json={"text": "today"}).status_code == 200


def test_cors_only_for_configured_origins(app_factory: Callable[..., Flask]) -> None:
    client = app_factory(
        TIMELINE_CORS_ORIGINS="https://news.example, https://other.example"
    ).test_client()
    allowed = client.get("/api/v1/timeline", headers={"Origin": "https://news.example"})
    assert allowed.headers["Access-Control-Allow-Origin"] == "https://news.example"
    exposed = {
        h.strip().lower() for h in allowed.headers["Access-Control-Expose-Headers"].split(",")
    }
    assert {"etag", "link"} <= exposed
    denied = client.get("/api/v1/timeline", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in denied.headers
    preflight = client.options(
        "/api/v1/documents",
        headers={
            "Origin": "https://other.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Authorization, Content-Type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == "https://other.example"
    assert "authorization" in preflight.headers["Access-Control-Allow-Headers"].lower()
    # Problems carry the CORS headers too, so a page can read them.
    missing = client.get("/api/v1/documents/999", headers={"Origin": "https://news.example"})
    assert missing.status_code == 404
    assert missing.headers["Access-Control-Allow-Origin"] == "https://news.example"


def test_no_cors_by_default(client: Any) -> None:
    response = client.get("/api/v1/timeline", headers={"Origin": "https://news.example"})
    assert "Access-Control-Allow-Origin" not in response.headers
