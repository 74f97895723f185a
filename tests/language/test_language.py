"""Language detection: what each document is written in, and the warning when the tagger
cannot read it (in the evidence, the document JSON, the ingest summary)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import main
from timeline.language import (
    SUPPORTED_LANGUAGES,
    DetectedLanguage,
    detect_language,
    is_supported,
    language_note,
)
from timeline.model import Evidence, Granularity, Interval, Provenance, PublicationDate

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "language"


@pytest.mark.parametrize("code", ["en", "de", "fr", "es", "it", "nl"])
def test_each_fixture_is_detected_as_its_language(code: str) -> None:
    found = detect_language((FIXTURES / f"{code}.txt").read_text(encoding="utf-8"))
    assert found.code == code and found.confidence >= 0.9
    assert found.supported is (code in SUPPORTED_LANGUAGES)


def test_too_short_or_unsure_is_undetermined_and_read_as_english() -> None:
    assert detect_language("Update: 12:40") == DetectedLanguage(None, 0.0)
    unsure = detect_language("Putin met Fico in Beijing on Tuesday.")
    assert unsure.code is None or unsure.code == "en"  # never a confident wrong guess
    assert unsure.supported and is_supported(None)


def _published(provenance: Provenance) -> PublicationDate:
    day = date(2025, 8, 16)
    interval = Interval(day, date(2025, 8, 17), Granularity.DAY)
    return PublicationDate(interval, day, 0.5, provenance, (Evidence("x", "y", "z"),))


def test_a_date_read_from_a_foreign_text_says_so_in_its_evidence() -> None:
    content = language_note(_published(Provenance.CONTENT), "de")
    assert content is not None
    note = content.evidence[-1]
    assert (note.source, note.text) == ("language", "de")
    assert "German" in note.implies and "English only" in note.implies
    assert language_note(content, "de") == content  # noted once
    # a publisher's date does not depend on reading the text; English needs no note
    assert language_note(_published(Provenance.METADATA), "de") == _published(Provenance.METADATA)
    assert language_note(_published(Provenance.CONTENT), "en") == _published(Provenance.CONTENT)
    assert language_note(_published(Provenance.CONTENT), None) == _published(Provenance.CONTENT)
    assert language_note(None, "de") is None


def test_ingest_stores_shows_and_warns(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'lang.db'}"
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(FIXTURES), "--db", db])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[-2] == (
        "5 document(s) not in a language the tagger reads (English): "
        "Dutch 1, French 1, German 1, Italian 1, Spanish 1; "
        "their dates and events may be wrong or missing"
    )
    assert lines[-1] == "6 new, 0 unchanged, 1 skipped (1 not an article), 0 failed"
    documents = json.loads(
        runner.invoke(main, ["documents", "--format", "json", "--db", db]).stdout
    )
    by_name = {d["name"]: d for d in documents}
    assert by_name["en.txt"]["language"] == "en" and by_name["en.txt"]["language_supported"]
    german = by_name["de.txt"]
    assert german["language"] == "de" and german["language_supported"] is False
    if german["published"] and german["published"]["provenance"] in ("content", "corpus"):
        assert german["published"]["evidence"][-1]["source"] == "language"
    listing = runner.invoke(main, ["documents", "--db", db]).stdout
    assert " de!  de.txt" in listing and " en   en.txt" in listing


def test_the_api_document_says_it_too(tmp_path: Path) -> None:
    from api import close_store, create_app

    app = create_app({"TESTING": True, "TIMELINE_DATABASE_URL": f"sqlite:///{tmp_path / 'api.db'}"})
    try:
        client = app.test_client()
        text = (FIXTURES / "fr.txt").read_text(encoding="utf-8")
        created = client.post("/api/v1/documents", json={"name": "fr.txt", "text": text})
        assert created.status_code == 201, created.get_json()
        document = client.get(f"/api/v1/documents/{created.get_json()[0]['id']}").get_json()
        assert (document["language"], document["language_supported"]) == ("fr", False)
        listed = client.get("/api/v1/documents").get_json()
        assert listed[0]["language"] == "fr"
    finally:
        close_store(app)
