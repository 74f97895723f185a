"""``GET /api/v1/events/<id>``: one entry, as the listings show it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient
from werkzeug.test import TestResponse


def test_each_entry_reads_as_in_the_listing(corpus_client: FlaskClient) -> None:
    entries = corpus_client.get("/api/v1/timeline").get_json()
    assert len(entries) >= 4
    for entry in entries:
        response = corpus_client.get(f"/api/v1/events/{entry['id']}")
        assert response.status_code == 200 and response.get_json() == entry
        again = corpus_client.get(
            f"/api/v1/events/{entry['id']}", headers={"If-None-Match": response.headers["ETag"]}
        )
        assert again.status_code == 304


def test_an_unknown_or_deleted_entry_is_404(
    corpus_client: FlaskClient, problem: Callable[[TestResponse, int], dict[str, Any]]
) -> None:
    body = problem(corpus_client.get("/api/v1/events/987654"), 404)
    assert body["detail"] == "There is no event with id 987654."
    entry = corpus_client.get("/api/v1/timeline").get_json()[0]
    document = entry["sources"][0]["document"]
    assert corpus_client.delete(f"/api/v1/documents/{document}").status_code == 204
    if len({s["document"] for s in entry["sources"]}) == 1:
        problem(corpus_client.get(f"/api/v1/events/{entry['id']}"), 404)
