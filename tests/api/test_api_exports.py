"""``/timeline?format=...``, entity timelines and ``/tag``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from timeline.cli import main as cli

MEDIA = {
    "json": "application/json",
    "timelinejs": "application/json",
    "vis": "application/json",
    "csv": "text/csv",
    "text": "text/plain",
    "tilse": "text/plain",
}


def dump(app: Flask, fmt: str, *args: str) -> str:
    """``timeline dump`` on the app's database."""
    result = CliRunner().invoke(
        cli,
        ["dump", "--format", fmt, "--db", app.config["TIMELINE_DATABASE_URL"], *args],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("fmt", list(MEDIA))
def test_every_format_matches_the_cli(app: Flask, corpus_client: FlaskClient, fmt: str) -> None:
    response = corpus_client.get(f"/api/v1/timeline?format={fmt}&start=2025")
    assert response.status_code == 200
    assert response.mimetype == MEDIA[fmt]
    printed = dump(app, fmt, "--from", "2025")
    if MEDIA[fmt] == "application/json":
        assert response.get_json() == json.loads(printed)
    elif fmt == "text":
        assert response.get_data(as_text=True).strip() == printed.strip()
    else:
        assert response.get_data(as_text=True) == printed


def test_default_json_is_the_cli_dump(app: Flask, corpus_client: FlaskClient) -> None:
    assert corpus_client.get("/api/v1/timeline").get_json() == json.loads(dump(app, "json"))


def test_csv_columns(corpus_client: FlaskClient) -> None:
    text = corpus_client.get("/api/v1/timeline?format=csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and list(rows[0]) == [
        "id",
        "start",
        "end",
        "value",
        "granularity",
        "title",
        "text",
        "entities",
        "sources",
        "confidence",
        "kind",
        "salience",
        "entity_types",
        "statements",
    ]
    # every sample states its date absolutely ("On August 15, 2025, ...")
    assert {row["confidence"] for row in rows} == {"1"}
    records = corpus_client.get("/api/v1/timeline").get_json()
    for row, record in zip(rows, records, strict=True):
        assert float(row["salience"]) == pytest.approx(record["salience"], abs=5e-3)
        assert row["kind"] == record["kind"]
        typed = [f"{p['name']}: {p['type']}" for p in record["participants"]]
        assert row["entity_types"] == "; ".join(typed)
        assert len(row["statements"].splitlines()) == len(record["statements"])


def test_timelinejs_and_vis_shapes(corpus_client: FlaskClient) -> None:
    slides = corpus_client.get("/api/v1/timeline?format=timelinejs").get_json()["events"]
    alaska = next(s for s in slides if s["start_date"] == {"year": 2025, "month": 8, "day": 15})
    assert "end_date" not in alaska  # a single day is a point
    assert alaska["unique_id"].startswith("entry-")
    assert "Alaska" in alaska["text"]["text"]
    items = corpus_client.get("/api/v1/timeline?format=vis").get_json()
    for item in items:
        assert set(item) == {"id", "content", "start", "end", "group", "title"}
        assert item["start"] < item["end"]


def test_tilse(corpus_client: FlaskClient) -> None:
    text = corpus_client.get("/api/v1/timeline?format=tilse").get_data(as_text=True)
    lines = text.splitlines()
    assert lines[0] == "2024-11-05"
    assert "-" * 32 in lines and all(len(line) == 32 for line in lines if set(line) == {"-"})


def test_entity_timeline(corpus_client: FlaskClient, problem: Any) -> None:
    everything = corpus_client.get("/api/v1/timeline?entity=putin").get_json()
    response = corpus_client.get("/api/v1/entities/PUTIN/timeline")
    assert response.status_code == 200
    assert response.get_json() == everything
    assert everything and all(
        any("putin" in name.lower() for name in e["entities"]) for e in everything
    )
    csv_text = corpus_client.get("/api/v1/entities/Vladimir Putin/timeline?format=csv")
    assert csv_text.mimetype == "text/csv"
    page = corpus_client.get("/api/v1/entities/putin/timeline?limit=1")
    assert page.get_json() == everything[:1]
    problem(corpus_client.get("/api/v1/entities/Nobody%20At%20All/timeline"), 404)
    problem(corpus_client.get("/api/v1/entities/putin/timeline?entity=xi"), 422)


def test_tag(client: FlaskClient, problem: Any) -> None:
    response = client.post(
        "/api/v1/tag", json={"text": "Last month, on Tuesday, in 2024.", "dct": "2025-09-03"}
    )
    assert response.status_code == 200
    tagged = response.get_json()
    by_text = {e["text"]: e for e in tagged}
    assert by_text["Last month"]["value"] == "2025-08"
    assert by_text["Last month"]["underspecified"].startswith("shift month -1")
    assert by_text["Last month"]["rule"] == "relative-unit"
    assert by_text["Tuesday"]["value"] == "2025-09-02"
    assert by_text["2024"]["value"] == "2024"
    for expression in tagged:
        assert {"mod", "underspecified", "text", "value", "start", "end"} <= set(expression)
    undated = client.post("/api/v1/tag", json={"text": "Last month, in 2024."}).get_json()
    assert {e["text"]: e["value"] for e in undated}["2024"] == "2024"
    for body in ({}, {"text": ""}, {"text": "x", "dct": "2025-13-01"}, {"text": "x", "y": 1}):
        problem(client.post("/api/v1/tag", json=body), 422)
    assert client.get("/api/v1/documents").get_json() == []  # nothing was stored


def test_cli_dump_offers_the_export_formats(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["dump", "--help"])
    for fmt in MEDIA:
        assert fmt in result.output
    db = f"sqlite:///{tmp_path / 'empty.db'}"
    empty = CliRunner().invoke(cli, ["dump", "--format", "timelinejs", "--db", db])
    assert json.loads(empty.stdout) == {"events": []}
    assert CliRunner().invoke(cli, ["dump", "--format", "tilse", "--db", db]).stdout == ""
