"""The full ``GET /timeline`` export is streamed from a server-side cursor: the same bytes
as the array built whole, without holding it, and the read ends however the response
does (read to the end, HEAD, a client gone half-way)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from api.context import get_store
from timeline.store import streaming


def _whole_array(app: Flask, **filters: Any) -> bytes:
    """The body the export had before it streamed: the records read as one page, sent
    through ``app.json.response``."""
    from timeline.store import EntryQuery

    with app.app_context():
        records = get_store().entry_page(EntryQuery(**filters)).records
        return bytes(app.json.response(records).get_data())


def _dispatched(app: Flask, url: str, method: str = "GET") -> Any:
    """The response object the app builds for ``url`` (the test client wraps every body
    in an iterator, so only this says whether the app streamed it); closed after."""
    with app.test_request_context(url, method=method):
        response = app.full_dispatch_request()
        try:
            return response.is_streamed, response.get_data()
        finally:
            response.close()


def _checked_out(app: Flask) -> int:
    with app.app_context():
        return int(get_store().engine.pool.checkedout())  # type: ignore[attr-defined]


@pytest.mark.parametrize("chunk", [500, 2])  # one chunk, and chunk boundaries crossed
def test_the_streamed_export_is_the_whole_array_byte_for_byte(
    app: Flask, corpus_client: FlaskClient, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(streaming, "CHUNK", chunk)
    response = corpus_client.get("/api/v1/timeline")
    assert response.status_code == 200 and response.mimetype == "application/json"
    body = response.get_data()
    assert _dispatched(app, "/api/v1/timeline") == (True, body)
    assert len(json.loads(body)) >= 4
    assert body == _whole_array(app)
    filtered = corpus_client.get("/api/v1/timeline?entity=Putin&sort=-time")
    assert filtered.get_data() == _whole_array(app, entity="Putin", descending=True)
    assert _checked_out(app) == 0


def test_an_empty_timeline_streams_an_empty_array(app: Flask, client: FlaskClient) -> None:
    assert client.get("/api/v1/timeline").get_data() == b"[]\n" == _whole_array(app)
    assert _dispatched(app, "/api/v1/timeline") == (True, b"[]\n")


def test_pages_and_other_formats_are_not_streamed(app: Flask, corpus_client: FlaskClient) -> None:
    assert not _dispatched(app, "/api/v1/timeline?limit=2")[0]
    assert not _dispatched(app, "/api/v1/timeline?format=csv")[0]
    assert _dispatched(app, "/api/v1/entities/Putin/timeline")[0]


def test_the_stream_is_tagged_with_its_snapshot(corpus_client: FlaskClient) -> None:
    response = corpus_client.get("/api/v1/timeline")
    response.get_data()
    tag = response.headers["ETag"]
    again = corpus_client.get("/api/v1/timeline", headers={"If-None-Match": tag})
    assert again.status_code == 304


def test_the_read_ends_when_the_response_is_not_read(
    app: Flask, corpus_client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(streaming, "CHUNK", 1)
    head = corpus_client.head("/api/v1/timeline")
    assert head.status_code == 200 and head.get_data() == b""
    head.close()  # as a WSGI server does with every response (PEP 3333)
    assert _checked_out(app) == 0
    half = corpus_client.get("/api/v1/timeline", buffered=False)
    chunks = iter(half.response)
    assert next(chunks).startswith(b"[{")  # the first entry, before the others are read
    assert _checked_out(app) == 1  # the cursor is open while the client reads
    half.close()  # the client went away
    assert _checked_out(app) == 0


def test_the_stream_is_gzipped_and_ends_for_head(app: Flask, corpus_client: FlaskClient) -> None:
    import gzip

    plain = corpus_client.get("/api/v1/timeline").get_data()
    zipped = corpus_client.get("/api/v1/timeline", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.get_data()) == plain
    head = corpus_client.head("/api/v1/timeline", headers={"Accept-Encoding": "gzip"})
    head.close()
    assert _checked_out(app) == 0
