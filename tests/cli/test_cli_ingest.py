"""``timeline ingest``: progress, accounting of every file, TimeML, and one bad document
never stopping the others."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import main

ROOT = Path(__file__).resolve().parents[2]
TRIAL_DOC = ROOT / "fixtures" / "corpora" / "timeline-trial" / "documents"
TBAQ_DOC = ROOT / "fixtures" / "corpora" / "tbaq" / "TimeBank" / "wsj_fx01.tml"


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'ingest.db'}"


def ingest(db: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["ingest", *args, "--db", db])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def documents(db: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(main, ["documents", "--format", "json", "--db", db])
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_every_file_is_accounted_for(tmp_path: Path, db: str) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("On May 2, 2024, the bridge reopened.\n")
    shutil.copy(TBAQ_DOC, folder / "sub" / "story.tml")
    (folder / "bad.json").write_text("{not json")
    (folder / "broken.tml").write_text("<TimeML><TEXT>a <EVENT eid='e1'>b</TEXT></TimeML>")
    (folder / "empty.txt").write_text("  \n")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    (folder / "SOURCE-README.txt").write_text("Where these files come from.")
    (folder / ".DS_Store").write_bytes(b"\0")
    code, output = ingest(db, str(folder))
    assert code == 1  # unreadable files: scripts must notice
    assert output.splitlines()[-1] == (
        "2 new, 0 unchanged, 5 skipped (1 unsupported type, 1 not an article, 1 empty, "
        "2 unreadable), 0 failed"
    )
    assert f"skipped (unreadable): {folder / 'bad.json'}: invalid JSON" in output
    assert f"skipped (unreadable): {folder / 'broken.tml'}: not valid TimeML: " in output
    assert f"skipped (empty): {folder / 'empty.txt'}" in output
    assert f"skipped (not an article): {folder / 'SOURCE-README.txt'}: documentation" in output
    assert "skipped (unsupported type): 1 file (.pdf 1); ingest reads .htm .html " in output
    assert "scan.pdf" not in output  # counted by type, not listed
    assert sorted(str(d["name"]) for d in documents(db)) == ["a.txt", "sub/story.tml"]
    code, output = ingest(db, str(folder / "a.txt"), str(folder / "sub"))
    assert (code, output.splitlines()[-1]) == (0, "0 new, 2 unchanged, 0 skipped, 0 failed")


def test_progress_is_plain_lines_off_a_terminal_and_quiet_hides_it(db: str) -> None:
    code, output = ingest(db, str(TRIAL_DOC))
    lines = output.splitlines()
    assert code == 0
    assert lines[:3] == ["reading: 1/3 files", "reading: 2/3 files", "reading: 3/3 files"]
    for stage in ("tagging", "analysing", "storing"):
        assert f"{stage}: 3/3 documents" in lines
    assert lines[-1] == "3 new, 0 unchanged, 0 skipped, 0 failed"
    assert ingest(db, "--quiet", str(TRIAL_DOC))[1] == "0 new, 3 unchanged, 0 skipped, 0 failed\n"


def test_a_timeml_file_is_its_text_dated_by_its_dct(db: str) -> None:
    assert ingest(db, str(TBAQ_DOC))[0] == 0
    (doc,) = documents(db)
    assert doc["name"] == "wsj_fx01.tml"
    published = doc["published"]
    assert isinstance(published, dict)
    assert published["value"] == "1998-03-12" and published["provenance"] == "metadata"
    detail = CliRunner().invoke(main, ["dump", "--all", "--format", "json", "--db", db]).stdout
    assert "<TIMEX3" not in detail and "<EVENT" not in detail
    assert "Northfield Shipping" in detail


def test_one_failing_document_never_stops_the_others(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import timeline.analysis as analysis

    real = analysis.analyse

    def analyse(text: str) -> object:  # an analysis bug that only one text triggers
        if "poison" in text:
            raise RuntimeError("tagger crashed")
        return real(text)

    monkeypatch.setattr(analysis, "analyse", analyse)
    (tmp_path / "good.txt").write_text("On May 2, 2024, the bridge reopened.")
    (tmp_path / "bad.txt").write_text("On May 3, 2024, poison was found.")
    code, output = ingest(db, str(tmp_path / "good.txt"), str(tmp_path / "bad.txt"))
    assert code == 1
    assert "failed: bad.txt: RuntimeError: tagger crashed" in output
    assert output.splitlines()[-1] == "1 new, 0 unchanged, 0 skipped, 1 failed"
    assert [d["name"] for d in documents(db)] == ["good.txt"]


def test_a_page_with_no_article_text_is_reported_with_its_date(tmp_path: Path, db: str) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "story.html").write_text(
        "<html><body><article><p>On May 2, 2024, the bridge reopened.</p></article></body></html>"
    )
    (folder / "gallery.html").write_text(
        '<html><head><meta property="article:published_time" content="2024-05-03T09:00:00Z">'
        "</head><body><img src='a.jpg'></body></html>"
    )
    (folder / "blank.html").write_text("<html><body><img src='a.jpg'></body></html>")
    code, output = ingest(db, str(folder))
    assert code == 0  # nothing unreadable: an empty page is no error
    assert output.splitlines()[-1] == "1 new, 0 unchanged, 2 skipped (2 empty), 0 failed"
    assert (
        f"skipped (empty): {folder / 'gallery.html'}: empty document: no text left after "
        "cleaning; its metadata dates it 2024-05-03 (no article text to store)"
    ) in output
    assert (
        f"skipped (empty): {folder / 'blank.html'}: empty document: no text left after "
        "cleaning; no article text to store and no date in its metadata"
    ) in output
    assert [d["name"] for d in documents(db)] == ["story.html"]
