"""Property-based attacks (Hypothesis): whatever the input, no 5xx, no traceback, and every
value valid TimeML.

* the tagger and the resolver, on news phrases of the fixtures mixed with arbitrary text,
  against any reference day of the calendar (its first and last days included) or none;
* the readers, on arbitrary bytes and JSON: a document or an ``IngestError``, nothing else;
* the API's parameters (filters, cursors, pages, the tag request, posted documents), on
  SQLite and PostgreSQL: an answer below 500, a 4xx being a problem document.

Examples are bounded (``max_examples``) so the suite stays fast; a failure prints the
smallest input that shows it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api import close_store, create_app
from timeline.ingest import IngestError
from timeline.ingest.jsonpayload import json_items
from timeline.ingest.readers import read_html, read_json_items, read_text
from timeline.model import Document, TimexType
from timeline.temporal import Reference, analyse, resolve_mentions, tag
from timeline.temporal.values import LAST_DAY

ROOT = Path(__file__).resolve().parents[2]

# TimeML values as we write them (README, "TimeML values we emit"): dates to the day,
# week, month, quarter, half, season, year, decade or century, with unknown parts as X,
# a time (Z when the text says UTC or GMT) or part of day; the three references; durations
# and sets; an interval a/b.
_DATE = (
    r"(?:\d{2}|\d{3}|[\dX]{4}(?:-(?:[\dX]{2}(?:-[\dX]{2})?|W[\dX]{2}(?:-(?:[1-7]|WE))?"
    r"|Q[1-4X]|H[12]|SP|SU|FA|WI))?)(?:T(?:\d{2}(?::\d{2})?Z?|MO|AF|EV|NI|DT))?"
)
_NUMBER = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = (
    rf"P(?:{_NUMBER}(?:Y|M|W|D|DE|CE|ML|Q|H|E))+(?:T(?:{_NUMBER}[HMS])+)?"
    rf"|PT(?:{_NUMBER}[HMS])+"
)
_PART = rf"(?:{_DATE}|PRESENT_REF|PAST_REF|FUTURE_REF|{_DURATION})"
TIMEML_VALUE = re.compile(rf"{_PART}(?:/{_PART})?")


def _fixture_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "fixtures" / "temporal").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


PHRASES = _fixture_texts()
days = st.dates(min_value=date(1, 1, 1), max_value=LAST_DAY)
edge_days = st.sampled_from([date(1, 1, 1), date(1, 1, 2), LAST_DAY, date(9999, 12, 1)])
news = st.lists(
    st.one_of(st.sampled_from(PHRASES), st.text(max_size=30)), min_size=1, max_size=4
).map(" ".join)


def check_expressions(text: str, expressions: list[Any]) -> None:
    for e in expressions:
        assert 0 <= e.char_start < e.char_end <= len(text)
        assert text[e.char_start : e.char_end] == e.text
        assert TIMEML_VALUE.fullmatch(e.value), e.value
        if e.interval is not None:
            assert e.interval.start < e.interval.end
            assert e.type in (TimexType.DATE, TimexType.TIME)


@settings(max_examples=150)
@given(news, st.one_of(st.none(), days, edge_days))
def test_tagger_values_are_valid_timeml(text: str, dct: date | None) -> None:
    check_expressions(text, tag(text, dct))


@settings(max_examples=100)
@given(news, days, st.integers(min_value=0, max_value=4000))
def test_uncertain_references_resolve_to_valid_timeml(text: str, day: date, width: int) -> None:
    """A reference known to a span (an estimated publication date) resolves as well."""
    from timeline.model import Granularity, Interval

    end = day.toordinal() + max(1, width)
    if end > LAST_DAY.toordinal():
        return
    interval = Interval(day, date.fromordinal(end), Granularity.DAY)
    reference = Reference(day, interval) if width > 7 else Reference.of(day)
    check_expressions(text, resolve_mentions(analyse(text), reference))


def _document_or_ingest_error(read: Any, *args: Any) -> None:
    try:
        result = read(*args)
    except IngestError:
        return
    items = result if isinstance(result, list) else [result]
    for item in items:
        assert isinstance(item, Document | IngestError)
        if isinstance(item, Document):
            assert item.text.strip() and "\x00" not in item.text


@settings(max_examples=80)
@given(st.one_of(st.binary(max_size=300), news.map(str.encode)))
def test_text_reader_reads_or_refuses(raw: bytes) -> None:
    _document_or_ingest_error(read_text, "x.txt", raw)


_TAGS = st.sampled_from(["p", "div", "article", "main", "time", "br", "script", "meta", "td"])


@st.composite
def pages(draw: st.DrawFn) -> str:
    parts = draw(
        st.lists(st.tuples(_TAGS, st.one_of(st.sampled_from(PHRASES), st.text(max_size=20))))
    )
    body = "".join(
        f"<{t}>{text}</{t}>" if draw(st.booleans()) else f"<{t}>{text}" for t, text in parts
    )
    return f"<html><head><title>t</title></head><body>{body}</body></html>"


@settings(max_examples=60)
@given(st.one_of(pages(), st.text(max_size=300)))
def test_html_reader_reads_or_refuses(page: str) -> None:
    _document_or_ingest_error(read_html, "x.html", page)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
documents = st.fixed_dictionaries(
    {},
    optional={
        "text": st.one_of(st.sampled_from(PHRASES), json_values),
        "title": json_values,
        "published": st.one_of(days.map(date.isoformat), json_values),
        "url": json_values,
        "name": json_values,
        "source": json_values,
    },
)


@settings(max_examples=80)
@given(st.one_of(documents, st.lists(documents, max_size=3), json_values))
def test_json_reader_reads_or_refuses(payload: Any) -> None:
    _document_or_ingest_error(json_items, "x.json", payload)


@settings(max_examples=40)
@given(st.text(max_size=200))
def test_json_file_reader_reads_or_refuses(raw: str) -> None:
    _document_or_ingest_error(read_json_items, "x.json", raw)


# --------------------------------------------------------------------------- the API


@pytest.fixture(scope="module")
def app(database: str) -> Iterator[Flask]:
    application = create_app({"TIMELINE_DATABASE_URL": database, "TIMELINE_TAG_RATE_LIMIT": "off"})
    application.test_client().post(
        "/api/v1/documents",
        json=[{"text": text, "published": "2025-09-02"} for text in PHRASES[:40]],
    )
    yield application
    close_store(application)


def answered(response: Any) -> None:
    """Below 500; a 4xx is a problem document without a traceback."""
    body = response.get_data(as_text=True)
    assert response.status_code < 500, (response.status_code, body[:300])
    assert "Traceback" not in body
    if response.status_code >= 400:
        assert response.mimetype == "application/problem+json"
        assert json.loads(body)["status"] == response.status_code


query_text = st.text(st.characters(blacklist_categories=["Cs"]), max_size=30)
period = st.one_of(
    query_text,
    st.dates().map(date.isoformat),
    st.dates().map(lambda d: d.isoformat()[:7]),
    st.integers(-20, 12000).map(str),
)
filters = st.fixed_dictionaries(
    {},
    optional={
        "start": period,
        "end": period,
        "q": query_text,
        "entity": query_text,
        "mode": st.sampled_from(["overlaps", "within"]) | query_text,
        "document": st.integers(-(2**40), 2**40).map(str) | query_text,
        "min_confidence": st.floats().map(str) | query_text,
        "granularity": query_text,
        "sort": st.sampled_from(["time", "-time"]) | query_text,
        "limit": st.integers(-(2**70), 2**70).map(str) | query_text,
        "cursor": query_text,
    },
)
API_SETTINGS = settings(
    max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@API_SETTINGS
@given(filters, st.sampled_from(["/api/v1/events", "/api/v1/timeline"]))
def test_entry_filters_never_fail(app: Flask, args: dict[str, str], path: str) -> None:
    answered(app.test_client().get(path, query_string=args))


@API_SETTINGS
@given(query_text, filters)
def test_entity_timelines_never_fail(app: Flask, name: str, args: dict[str, str]) -> None:
    client: FlaskClient = app.test_client()
    path = quote(f"/api/v1/entities/{name or 'x'}/timeline")
    answered(client.get(path, query_string=args))


@API_SETTINGS
@given(
    st.fixed_dictionaries(
        {"text": st.one_of(news, json_values)},
        optional={"dct": st.one_of(days.map(date.isoformat), query_text, json_values)},
    )
)
def test_tag_requests_never_fail(app: Flask, body: dict[str, Any]) -> None:
    response = app.test_client().post("/api/v1/tag", json=body)
    answered(response)
    if response.status_code == 200:
        for expression in response.get_json():
            assert TIMEML_VALUE.fullmatch(expression["value"]), expression["value"]


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(documents, st.lists(documents, min_size=1, max_size=3)))
def test_posted_documents_never_fail(app: Flask, payload: Any) -> None:
    response = app.test_client().post("/api/v1/documents", json=payload)
    answered(response)
    if response.status_code == 207:
        for item in response.get_json():
            assert item["status"] in (200, 201) or 400 <= item["status"] < 500, item
    elif response.status_code == 201:
        assert all(isinstance(item["id"], int) for item in response.get_json())
