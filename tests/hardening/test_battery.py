"""The black-box battery of issue 16: bad inputs, limits and exports, through the API and
the CLI, on SQLite and PostgreSQL.

Every case states what a client must get: an API answer below 500 (a 4xx is an RFC 9457
problem), a CLI error on one line with a non-zero exit, never a traceback, never a
half-written database, and exports that cannot attack whoever opens them.  The cases only
use the public surfaces (HTTP requests, command lines), so the battery says whether the
service holds, whatever the code behind it.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import socket
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import closing, suppress
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from api import close_store, create_app
from timeline.cli import main

PROBLEM = "application/problem+json"
MAX_DOCUMENT_CHARS = 5_000
MAX_TAG_CHARS = 2_000
TAG_RATE = "5 per minute"
ORIGIN = "https://news.example"
GOOD = "On May 4, 2021, the council of Springfield approved the new bridge."


def cursor(payload: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


def assert_problem(response: TestResponse, *statuses: int) -> dict[str, Any]:
    """A 4xx RFC 9457 problem (one of ``statuses`` when given), without a traceback."""
    text = response.get_data(as_text=True)
    assert 400 <= response.status_code < 500, (response.status_code, text[:300])
    if statuses:
        assert response.status_code in statuses, (response.status_code, text[:300])
    assert response.mimetype == PROBLEM, response.mimetype
    body = json.loads(text)
    assert body["status"] == response.status_code and body["title"] and body["type"]
    assert "Traceback" not in text
    return body  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- the API


@pytest.fixture(scope="module")
def app(database: str) -> Iterator[Flask]:
    application = create_app(
        {
            "TIMELINE_DATABASE_URL": database,
            "TIMELINE_MAX_DOCUMENT_CHARS": MAX_DOCUMENT_CHARS,
            "TIMELINE_TAG_MAX_CHARS": MAX_TAG_CHARS,
            "TIMELINE_CORS_ORIGINS": ORIGIN,
            "TIMELINE_TAG_RATE_LIMIT": "1000 per minute",
        }
    )
    yield application
    close_store(application)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def stored(client: FlaskClient) -> list[str]:
    """The texts of every stored document."""
    texts = []
    for item in client.get("/api/v1/documents?limit=500").get_json():
        texts.append(client.get(f"/api/v1/documents/{item['id']}").get_json()["text"])
    return texts


def post_json(client: FlaskClient, payload: Any) -> TestResponse:
    return client.post("/api/v1/documents", json=payload)


def unique(text: str) -> str:
    """A text no other case has stored (the store ignores a text it already has)."""
    unique.counter += 1  # type: ignore[attr-defined]
    return f"{text} Case {unique.counter}."  # type: ignore[attr-defined]


unique.counter = 0  # type: ignore[attr-defined]


def refused(client: FlaskClient, send: Callable[[], TestResponse], *statuses: int) -> None:
    """``send()`` gets a 4xx problem and stores nothing."""
    before = stored(client)
    assert_problem(send(), *statuses)
    assert stored(client) == before


API_QUERIES = {
    "events start at the calendar's end": "/api/v1/events?start=9999-12-31",
    "timeline end at the calendar's end": "/api/v1/timeline?end=9999-12-31",
    "events start in year 0": "/api/v1/events?start=0000",
    "events end after year 9999": "/api/v1/events?end=10000-01-01",
    "entity timeline from the calendar's end": "/api/v1/entities/bridge/timeline?start=9999-12",
    "q with a NUL": "/api/v1/events?q=bri%00dge",
    "entity with a NUL": "/api/v1/events?entity=spring%00field",
    "entity path with a NUL": "/api/v1/entities/spring%00field/timeline",
    "entry cursor id 10^30": "/api/v1/events?cursor="
    + cursor(["e", "time", "2021-05-04", "2021-05-05", 10**30]),
    "entry cursor day out of range": "/api/v1/events?cursor="
    + cursor(["e", "time", "2021-05-04", "99999-05-05", 1]),
    "document cursor id 10^30": "/api/v1/documents?cursor=" + cursor(["d", 10**30]),
    "document cursor id -1": "/api/v1/documents?cursor=" + cursor(["d", -1]),
    "limit 10^30": "/api/v1/events?limit=" + str(10**30),
    "min_confidence NaN": "/api/v1/events?min_confidence=nan",
    "document filter 10^30": "/api/v1/events?document=" + str(10**30),
}


@pytest.mark.parametrize("path", API_QUERIES.values(), ids=API_QUERIES.keys())
def test_bad_query_is_a_4xx_problem(client: FlaskClient, path: str) -> None:
    assert_problem(client.get(path), 400, 404, 422)


BAD_DOCUMENTS: dict[str, Any] = {
    "published at the calendar's end": {"published": "9999-12-31"},
    "published in year 0": {"published": "0000-01-01"},
    "published not a date": {"published": "the day after the storm"},
    "published a number": {"published": 20210504},
    "published an object": {"published": {"day": 4}},
    "text with a NUL": {"text": "On May 4, 2021,\u0000 the bridge opened."},
    "title with a NUL": {"title": "Bridge\u0000 opens"},
    "name with a NUL": {"name": "bridge\u0000.txt"},
    "url with a NUL": {"url": "https://example.com/\u0000"},
    "extra field with a NUL": {"source": "wire\u0000"},
    "text over the document limit": {"text": "It rained. " * (MAX_DOCUMENT_CHARS // 10)},
}


@pytest.mark.parametrize("fields", BAD_DOCUMENTS.values(), ids=BAD_DOCUMENTS.keys())
def test_bad_document_is_refused(client: FlaskClient, fields: dict[str, Any]) -> None:
    document = {"text": unique(GOOD), **fields}
    refused(client, lambda: post_json(client, document), 413, 422)


@pytest.mark.parametrize(
    "literal", ["NaN", "Infinity", "-Infinity"], ids=["NaN", "Infinity", "-Infinity"]
)
def test_published_not_json_is_refused(client: FlaskClient, literal: str) -> None:
    body = f'{{"text": "{unique(GOOD)}", "published": {literal}}}'
    refused(
        client,
        lambda: client.post("/api/v1/documents", data=body, content_type="application/json"),
        400,
        422,
    )


def test_deeply_nested_json_is_refused(client: FlaskClient) -> None:
    body = "[" * 100_000 + "]" * 100_000
    refused(
        client,
        lambda: client.post("/api/v1/documents", data=body, content_type="application/json"),
        400,
        413,
        422,
    )


@pytest.mark.parametrize(
    ("body", "query"),
    [
        ("On May 4, 2021,\u0000 the bridge opened.", ""),
        (GOOD, "?published=9999-12-31"),
        (GOOD, "?published=someday"),
        (GOOD, "?title=Bridge%00opens"),
        ("It rained. " * (MAX_DOCUMENT_CHARS // 10), ""),
    ],
    ids=["NUL", "published at the calendar's end", "published not a date", "NUL title", "long"],
)
def test_bad_text_body_is_refused(client: FlaskClient, body: str, query: str) -> None:
    text = unique(body)
    refused(
        client,
        lambda: client.post(
            f"/api/v1/documents{query}", data=text.encode(), content_type="text/plain"
        ),
        400,
        413,
        422,
    )


def test_deeply_nested_html_is_refused(client: FlaskClient) -> None:
    depth = 5_000
    page = "<html><body>" + "<div>" * depth + unique(GOOD) + "</div>" * depth + "</body></html>"
    refused(
        client,
        lambda: client.post("/api/v1/documents", data=page.encode(), content_type="text/html"),
        413,
        422,
    )


def test_chunked_body_over_the_limit_is_413_and_nothing_stored(app: Flask) -> None:
    limit = app.config["MAX_CONTENT_LENGTH"]
    app.config["MAX_CONTENT_LENGTH"] = 200
    try:
        client = app.test_client()
        body = json.dumps({"text": unique(GOOD) + " More text." * 40}).encode()
        assert len(body) > 200

        def send() -> TestResponse:
            return client.post(
                "/api/v1/documents",
                input_stream=io.BytesIO(body),
                content_type="application/json",
                headers={"Transfer-Encoding": "chunked"},
                environ_overrides={"wsgi.input_terminated": True},
            )

        refused(client, send, 413)
    finally:
        app.config["MAX_CONTENT_LENGTH"] = limit


def test_list_post_with_a_bad_second_item_stores_the_first_alone(client: FlaskClient) -> None:
    good = {"text": unique(GOOD)}
    bad = {"text": "On May 5, 2021,\u0000 it rained."}
    before = stored(client)
    response = post_json(client, [good, bad])
    assert response.status_code < 500, response.get_data(as_text=True)
    items = response.get_json()
    assert [item["status"] for item in items] == [201, 422]
    assert items[1]["problem"]["status"] == 422 and items[1]["problem"]["detail"]
    after = stored(client)
    assert len(after) == len(before) + 1 and good["text"] in after[-1]


def test_one_request_carries_no_more_text_than_one_document_may(client: FlaskClient) -> None:
    half = "It rained all day. " * (MAX_DOCUMENT_CHARS // 19 // 2 + 10)
    first, second = {"text": unique(half)}, {"text": unique(half)}
    before = stored(client)
    response = post_json(client, [first, second])
    assert response.status_code == 207, response.get_data(as_text=True)[:300]
    assert [item["status"] for item in response.get_json()] == [201, 413]
    assert len(stored(client)) == len(before) + 1


def test_patch_to_the_calendar_end_is_refused(client: FlaskClient) -> None:
    response = post_json(client, {"text": unique(GOOD), "published": "2021-05-05"})
    [item] = response.get_json()
    path = f"/api/v1/documents/{item['id']}"
    before = client.get(path).get_json()["published"]
    assert_problem(client.patch(path, json={"published": "9999-12-31"}), 422)
    assert client.get(path).get_json()["published"] == before


@pytest.mark.parametrize(
    "body",
    [
        {"text": "tomorrow", "dct": "9999-12-31"},
        {"text": "tomorrow", "dct": "0000-01-01"},
        {"text": "tomorrow\u0000", "dct": "2021-05-04"},
        {"text": "x" * (MAX_TAG_CHARS + 1)},
    ],
    ids=["dct at the calendar's end", "dct in year 0", "NUL", "over the tag limit"],
)
def test_bad_tag_request_is_a_4xx_problem(client: FlaskClient, body: dict[str, Any]) -> None:
    assert_problem(client.post("/api/v1/tag", json=body), 413, 422)


@pytest.mark.parametrize(
    "dct", ["0001-01-01", "0001-01-02", "9999-12-30"], ids=["first day", "second", "last"]
)
def test_tag_near_the_calendar_edges_answers_valid_values(client: FlaskClient, dct: str) -> None:
    text = "yesterday, tomorrow, last year, next year, in ten years, the 1990s, this week"
    response = client.post("/api/v1/tag", json={"text": text, "dct": dct})
    if response.status_code != 200:
        assert_problem(response, 422)
        return
    for expression in response.get_json():
        assert expression["value"] and "\n" not in expression["value"]


def test_tag_is_rate_limited(app_factory: Callable[..., Flask]) -> None:
    client = app_factory(TIMELINE_TAG_RATE_LIMIT=TAG_RATE).test_client()
    answers = [client.post("/api/v1/tag", json={"text": "yesterday"}) for _ in range(6)]
    assert [a.status_code for a in answers[:5]] == [200] * 5
    assert_problem(answers[5], 429)
    assert int(answers[5].headers["Retry-After"]) > 0


FORMULA_NAME = "=cmd|' /C calc'!A0"
FORMULA_TEXT = '=HYPERLINK("https://evil.example","click") On May 6, 2021, Mayor Quimby met Burns.'


def assert_no_formula_cells(exported: str) -> None:
    rows = list(csv.reader(io.StringIO(exported)))
    assert len(rows) > 1
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert any(cell.startswith("'=") for row in rows for cell in row)


def test_csv_export_has_no_formula_cells(client: FlaskClient) -> None:
    post_json(client, {"name": FORMULA_NAME, "text": unique(FORMULA_TEXT)})
    assert_no_formula_cells(client.get("/api/v1/timeline?format=csv").get_data(as_text=True))


def test_cors_responses_vary_by_origin(client: FlaskClient) -> None:
    response = client.get("/api/v1/events", headers={"Origin": ORIGIN})
    assert response.headers["Access-Control-Allow-Origin"] == ORIGIN
    assert "Origin" in response.headers.get("Vary", "")


@pytest.fixture
def app_factory(database: str) -> Iterator[Callable[..., Flask]]:
    made: list[Flask] = []

    def factory(**config: Any) -> Flask:
        made.append(create_app({"TIMELINE_DATABASE_URL": database, **config}))
        return made[-1]

    yield factory
    for application in made:
        close_store(application)


class Proxy:
    """A TCP forwarder to PostgreSQL that can be cut, as a database that goes down."""

    def __init__(self, port: int) -> None:
        self.target = ("127.0.0.1", port)
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.sockets: list[socket.socket] = []
        self.open = True
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while self.open:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            if not self.open:
                client.close()
                return
            upstream = socket.create_connection(self.target)
            self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, target: socket.socket) -> None:
        with closing(source), closing(target):
            try:
                while data := source.recv(65536):
                    target.sendall(data)
            except OSError:
                pass

    def cut(self) -> None:
        self.open = False
        with suppress(OSError):  # wakes the accepting thread (closing alone would not)
            self.server.shutdown(socket.SHUT_RDWR)
        self.server.close()
        for s in self.sockets:
            with suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()


def test_database_down_is_503_with_retry_after(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.engine import make_url

    url = make_url(database)
    if url.get_backend_name() == "sqlite":
        monkeypatch.setenv("TIMELINE_SQLITE_BUSY_TIMEOUT_MS", "500")  # not 30 s
        path = url.database
        assert path
        config: dict[str, Any] = {"TIMELINE_DATABASE_URL": database}
        application = create_app(config)
        holder = sqlite3.connect(path, timeout=0, isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
        # a write lock held past the busy timeout: the database cannot take a write now
        try:
            client = application.test_client()
            response = client.post("/api/v1/documents", json={"text": unique(GOOD)})
        finally:
            holder.execute("ROLLBACK")
            holder.close()
            close_store(application)
    else:
        proxy = Proxy(url.port or 5432)
        down = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
        application = create_app({"TIMELINE_DATABASE_URL": down})
        try:
            client = application.test_client()
            assert client.get("/api/v1/events").status_code == 200
            proxy.cut()
            response = client.get("/api/v1/events")
        finally:
            proxy.cut()
            close_store(application)
    assert response.status_code == 503, response.get_data(as_text=True)[:300]
    assert response.mimetype == PROBLEM
    assert int(response.headers["Retry-After"]) > 0


def test_unsupported_database_url_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="mysql"):
        create_app({"TIMELINE_DATABASE_URL": "mysql://user@127.0.0.1/timeline"})


# --------------------------------------------------------------------------- the CLI


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin)


def assert_one_line_error(result: Result) -> str:
    assert result.exit_code != 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    message = result.stderr.strip()
    assert message and "\n" not in message, result.stderr
    assert "Traceback" not in result.output
    return message


CLI_ERRORS = {
    "dump from the calendar's end": ["dump", "--from", "9999-12-31"],
    "dump to the calendar's end": ["dump", "--to", "9999-12"],
    "dump from year 0": ["dump", "--from", "0000"],
    "dump to year 10000": ["dump", "--to", "10000-01-01"],
    "tag with a DCT at the calendar's end": ["tag", "tomorrow", "--dct", "9999-12-31"],
    "tag with a DCT in year 0": ["tag", "tomorrow", "--dct", "0000-01-01"],
    "date --set at the calendar's end": ["date", "1", "--set", "9999-12-31"],
}


@pytest.mark.parametrize("args", CLI_ERRORS.values(), ids=CLI_ERRORS.keys())
def test_cli_bad_argument_is_one_line(database: str, args: list[str]) -> None:
    assert_one_line_error(run(*args, "--db", database))


@pytest.mark.parametrize(
    "url",
    ["mysql://user@127.0.0.1/timeline", "oracle://x", "nonsense", "postgresql://127.0.0.1:1/x"],
    ids=["mysql", "oracle", "not a URL", "nobody listening"],
)
def test_cli_unusable_database_is_one_line(url: str) -> None:
    message = assert_one_line_error(run("dump", "--db", url))
    assert "database" in message.lower()


def documents(database: str) -> list[dict[str, Any]]:
    return json.loads(run("documents", "--format", "json", "--db", database).stdout)  # type: ignore[no-any-return]


def test_cli_batch_stores_every_readable_document(
    database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIMELINE_MAX_DOCUMENT_CHARS", str(MAX_DOCUMENT_CHARS))
    folder = tmp_path / "batch"
    folder.mkdir()
    good = unique("On June 1, 2021, Shelbyville opened a new library.")
    (folder / "a.txt").write_text(good)
    (folder / "b.txt").write_bytes(b"\x00\x01\x02 binary \xff")
    (folder / "c.json").write_text(
        json.dumps(
            [
                {"text": unique(GOOD), "name": "c1"},
                {"text": unique(GOOD), "name": "c2", "published": "9999-12-31"},
                {"text": "On May 4, 2021,\u0000 it rained.", "name": "c3"},
                {"text": unique(GOOD), "name": "c4", "published": "someday"},
                {"text": "It rained. " * (MAX_DOCUMENT_CHARS // 10 + 1), "name": "c5"},
            ]
        )
    )
    depth = 5_000
    (folder / "d.html").write_text("<div>" * depth + unique(GOOD) + "</div>" * depth)
    before = {d["name"] for d in documents(database)}
    result = run("ingest", str(folder), "--db", database)
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    names = {d["name"] for d in documents(database)} - before
    assert names == {"a.txt", "c1"}
    for bad in ("b.txt", "c.json#2", "c.json#3", "c.json#4", "c.json#5", "d.html"):
        assert bad in result.stderr, (bad, result.stderr)


def test_cli_csv_has_no_formula_cells(database: str, tmp_path: Path) -> None:
    source = tmp_path / "formula.json"
    source.write_text(json.dumps({"name": "@SUM(1+1)", "text": unique(FORMULA_TEXT)}))
    run("ingest", str(source), "--db", database)
    result = run("dump", "--format", "csv", "--db", database)
    assert result.exit_code == 0
    assert_no_formula_cells(result.stdout)


TIMEML = """<?xml version="1.0"?>
<TimeML><DOCID>{doc}</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2021-05-05"
 functionInDocument="CREATION_TIME">2021-05-05</TIMEX3></DCT>
<TEXT><s id="1">{text}</s></TEXT></TimeML>
"""


def test_cli_timelines_stay_inside_out(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "1.tml").write_text(
        TIMEML.format(doc="1", text="On May 4, 2021, the mayor of Springfield resigned.")
    )
    entities = tmp_path / "entities.txt"
    entities.write_text("../../escaped\n/tmp/absolute\nmayor\n")
    out = tmp_path / "deep" / "out"
    result = run("timelines", str(docs), "--entities", str(entities), "--out", str(out))
    assert "Traceback" not in result.output
    written = {p for p in tmp_path.rglob("*.txt")} - {entities}
    assert written and all(out in p.parents for p in written), written
    assert not Path("/tmp/absolute.txt").exists()


def test_cli_annotate_deep_timeml_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    depth = 5_000
    (source / "deep.tml").write_text(
        TIMEML.format(doc="deep", text="<s>" * depth + "On May 4, 2021." + "</s>" * depth)
    )
    (source / "fine.tml").write_text(TIMEML.format(doc="fine", text="On May 4, 2021, it rained."))
    result = run("annotate", str(source), str(tmp_path / "out"))
    assert "Traceback" not in result.output
    assert (tmp_path / "out" / "fine.tml").exists()
    assert not (tmp_path / "out" / "deep.tml").exists()
    assert "deep.tml" in result.stderr and "nested" in result.stderr
