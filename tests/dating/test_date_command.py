"""``timeline date`` over a batch: every readable file is dated, the others are listed
with their reasons, and one document never stops the others."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import timeline.dating.corpus as corpus
from timeline.analysis import TextAnalysis
from timeline.cli import main
from timeline.dating.corpus import date_batch
from timeline.model import Document

PAGE_WITHOUT_TEXT = (
    '<html><head><meta property="article:published_time" content="2024-03-05T10:00:00Z">'
    "</head><body><nav>Home | News</nav></body></html>"
)


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "summit.txt").write_text(
        "On August 15, 2025, Donald Trump met Vladimir Putin in Alaska.", encoding="utf-8"
    )
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    (folder / "menu.html").write_text(PAGE_WITHOUT_TEXT, encoding="utf-8")
    (folder / "vague.txt").write_text("The meeting was held on Tuesday.", encoding="utf-8")
    (folder / "README.md").write_text("About this folder.", encoding="utf-8")
    (folder / "gone.txt").symlink_to(tmp_path / "deleted.txt")  # unreadable: nothing behind it
    return folder


def test_every_readable_file_is_dated_and_the_others_are_listed(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["date", str(_folder(tmp_path)), "--format", "json"])
    assert result.exit_code == 1  # some failed
    records = {r["name"]: r for r in json.loads(result.stdout)}
    assert set(records) == {
        "summit.txt",
        "empty.txt",
        "binary.txt",
        "broken.json",
        "menu.html",
        "vague.txt",
        "gone.txt",
    }
    summit = records["summit.txt"]
    assert summit["error"] is None and summit["published"]["point"] >= "2025-08-15"
    # a page with no article text is still dated from what it declares
    menu = records["menu.html"]
    assert menu["error"] is None and menu["published"]["point"] == "2024-03-05"
    assert menu["published"]["provenance"] == "metadata"
    for name, reason in (
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
        ("broken.json", "invalid JSON"),
        ("gone.txt", "cannot read"),
    ):
        assert records[name]["published"] is None and reason in records[name]["error"], name
    assert "README.md (not an article)" in result.stderr


def test_the_exit_status_is_zero_when_everything_is_dated(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("On August 15, 2025, Trump met Putin.", encoding="utf-8")
    result = CliRunner().invoke(main, ["date", str(tmp_path / "a.txt")])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("a.txt: ") and "undated" not in result.stdout


def test_a_text_nothing_dates_says_so(tmp_path: Path) -> None:
    (tmp_path / "vague.txt").write_text("The meeting was held on Tuesday.", encoding="utf-8")
    result = CliRunner().invoke(main, ["date", str(tmp_path), "--format", "json"])
    assert result.exit_code == 1
    (record,) = json.loads(result.stdout)
    assert record["published"] is None and "nothing" in record["error"]


def test_a_document_whose_dating_fails_stays_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    documents = [
        Document("good.txt", "On August 15, 2025, Donald Trump met Vladimir Putin in Alaska."),
        Document("bad.txt", "On August 16, 2025, Trump flew home."),
    ]
    real = corpus.date_document

    def failing(document: Document, *args: object, **kwargs: object) -> object:
        if document.name == "bad.txt":
            raise RuntimeError("a bug")
        return real(document, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(corpus, "date_document", failing)
    good, bad = date_batch(documents, [TextAnalysis(d.text) for d in documents])
    assert good.published is not None and good.error is None
    assert bad.published is None and bad.error and "RuntimeError: a bug" in bad.error


def test_ingest_stores_the_others_when_one_cannot_be_dated(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from timeline.pipeline import ingest_documents
    from timeline.store import Store

    documents = [
        Document("good.txt", "On August 15, 2025, Donald Trump met Vladimir Putin in Alaska."),
        Document("bad.txt", "On August 16, 2025, Trump flew home."),
    ]
    real = corpus.date_document

    def failing(document: Document, *args: object, **kwargs: object) -> object:
        if document.name == "bad.txt":
            raise RuntimeError("a bug")
        return real(document, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(corpus, "date_document", failing)
    failed: list[tuple[str, str]] = []
    with Store("sqlite://") as store:
        store.migrate()
        results = ingest_documents(
            store, documents, on_failure=lambda d, e: failed.append((d.name, str(e)))
        )
        assert [r.created for r in results] == [True]
        assert [d.name for d in store.documents()] == ["good.txt"]
    assert failed == [("bad.txt", "a bug")]


def test_ingest_stores_every_readable_file_and_lists_the_others(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'batch.db'}"
    result = CliRunner().invoke(
        main, ["ingest", str(_folder(tmp_path)), "--quiet"], env={"TIMELINE_DATABASE_URL": database}
    )
    assert result.exit_code == 1  # some could not be read
    for name, reason in (
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
        ("broken.json", "invalid JSON"),
        ("gone.txt", "cannot read"),
    ):
        assert any(name in line and reason in line for line in result.stderr.splitlines()), name
    listed = CliRunner().invoke(
        main, ["documents", "--format", "json"], env={"TIMELINE_DATABASE_URL": database}
    )
    assert listed.exit_code == 0, listed.output
    stored = {d["name"]: d["published"] for d in json.loads(listed.stdout)}
    assert {"summit.txt", "vague.txt"} <= set(stored)
    summit = stored["summit.txt"]
    assert summit is not None and summit["point"] >= "2025-08-15"
