"""The ``timeline`` CLI through click's runner, on a temporary SQLite store."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import main

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
ARTICLE = {
    "title": "Summit in Alaska",
    "text": "On August 15, 2025, Donald Trump met Vladimir Putin in Alaska. "
    "Putin said the talks were constructive.",
    "published": "2025-08-16",
    "name": "alaska.json",
}


@pytest.fixture
def db(migrated_sqlite: str) -> str:
    return migrated_sqlite


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_ingest_seeds_then_dump_json_is_ordered_with_sources(runner: CliRunner, db: str) -> None:
    invoke(runner, "ingest", str(SEEDS), "--db", db)
    entries = json.loads(invoke(runner, "dump", "--all", "--format", "json", "--db", db))
    assert entries
    assert [(e["start"], e["end"]) for e in entries] == sorted(
        (e["start"], e["end"]) for e in entries
    )
    for entry in entries:
        assert set(entry) == {
            "id",
            "start",
            "end",
            "value",
            "granularity",
            "confidence",
            "kind",
            "salience",
            "title",
            "text",
            "entities",
            "participants",
            "statements",
            "sources",
        }
        assert 0.0 <= entry["confidence"] <= 1.0
        assert 0.0 <= entry["salience"] <= 1.0
        assert [p["name"] for p in entry["participants"]] == entry["entities"]
        assert entry["sources"]
        for source in entry["sources"]:
            assert set(source) == {
                "document",
                "document_name",
                "sentence",
                "char_start",
                "char_end",
                "anchor_rule",
                "merge_signals",
            }
            assert source["document_name"].endswith(".txt")


def test_dump_filters_by_range_entity_and_text(runner: CliRunner, db: str, tmp_path: Path) -> None:
    path = tmp_path / "alaska.json"
    path.write_text(json.dumps(ARTICLE), encoding="utf-8")
    invoke(runner, "ingest", str(path), "--db", db)
    august = json.loads(
        invoke(
            runner, "dump", "--from", "2025-08", "--to", "2025-08", "--format", "json", "--db", db
        )
    )
    assert any(e["value"] == "2025-08-15" for e in august)
    assert (
        json.loads(invoke(runner, "dump", "--from", "2025-09", "--format", "json", "--db", db))
        == []
    )
    putin = json.loads(invoke(runner, "dump", "--entity", "putin", "--format", "json", "--db", db))
    assert putin and all("Vladimir Putin" in e["entities"] for e in putin)
    assert (
        json.loads(invoke(runner, "dump", "--entity", "Macron", "--format", "json", "--db", db))
        == []
    )
    rows = list(csv.DictReader(io.StringIO(invoke(runner, "dump", "--format", "csv", "--db", db))))
    assert rows and rows[0]["value"]
    text = invoke(runner, "dump", "--db", db)
    assert "2025-08-15" in text and "alaska.json" in text


def test_documents_json_shape(runner: CliRunner, db: str, tmp_path: Path) -> None:
    path = tmp_path / "alaska.json"
    path.write_text(json.dumps(ARTICLE), encoding="utf-8")
    invoke(runner, "ingest", str(path), "--db", db)
    (doc,) = json.loads(invoke(runner, "documents", "--format", "json", "--db", db))
    assert doc["name"] == "alaska.json" and doc["title"] == "Summit in Alaska"
    published = doc["published"]
    assert published["value"] == "2025-08-16" and published["provenance"] == "metadata"
    assert set(published) == {
        "value",
        "start",
        "end",
        "point",
        "granularity",
        "confidence",
        "provenance",
        "evidence",
    }
    assert published["point"] == "2025-08-16"
    assert "alaska.json" in invoke(runner, "documents", "--db", db)


def test_tag_json(runner: CliRunner) -> None:
    out = invoke(
        runner,
        "tag",
        "On June 14, Putin outlined his conditions; talks could follow in February or March.",
        "--dct",
        "2025-02-10",
        "--format",
        "json",
    )
    tags = json.loads(out)
    assert [(t["text"], t["value"]) for t in tags] == [
        ("June 14", "2024-06-14"),
        ("February or March", "2025-02/2025-03"),
    ]
    assert tags[0] == {
        "text": "June 14",
        "char_start": 3,
        "char_end": 10,
        "type": "DATE",
        "value": "2024-06-14",
        "start": "2024-06-14",
        "end": "2024-06-15",
        "granularity": "day",
        "rule": "month-day",
    }
    assert tags[1]["rule"] == "alternative(month, month)"
    assert "2024-06-14" in invoke(runner, "tag", "On June 14 it rained.", "--dct", "2025-02-10")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["dump", "--from", "August"], "is not a date"),
        (["dump", "--from", "2025-09", "--to", "2025-08"], "empty"),
        (["tag", "today", "--dct", "2025-13-01"], "is not a date"),
        (["tag", "today", "--dct", "2025-02"], "is not a day"),
        (["dump", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none"], "database error"),
    ],
)
def test_user_errors_are_one_line_and_non_zero(
    runner: CliRunner, args: list[str], message: str, db: str
) -> None:
    if "--db" not in args:
        args = [*args, "--db", db] if args[0] != "tag" else args
    result = runner.invoke(main, args)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_ingest_bad_file_exits_non_zero_and_writes_nothing(
    runner: CliRunner, db: str, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    result = runner.invoke(main, ["ingest", str(bad), "--db", db])
    assert result.exit_code != 0 and "bad.json" in result.output
    assert "Traceback" not in result.output
    assert json.loads(invoke(runner, "documents", "--format", "json", "--db", db)) == []
    missing = runner.invoke(main, ["ingest", str(tmp_path / "nope.txt"), "--db", db])
    assert missing.exit_code != 0
