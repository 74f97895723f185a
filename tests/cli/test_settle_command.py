"""``timeline settle``: the settle job by hand; ``timeline ingest`` settles once per run."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from settle_documents import DATED, NEWS, WEEK, fresh

from timeline.cli import main
from timeline.model import Provenance
from timeline.pipeline import ingest_documents
from timeline.store import Store


def test_settle_runs_the_job_and_check_counts(migrated_sqlite: str) -> None:
    with Store(migrated_sqlite) as store:
        for document in fresh([DATED, NEWS]):
            ingest_documents(store, [document], settle=False)
    runner = CliRunner()
    checked = runner.invoke(main, ["settle", "--check", "--db", migrated_sqlite])
    assert checked.exit_code == 0 and "2 document(s) unsettled" in checked.output
    result = runner.invoke(main, ["settle", "--db", migrated_sqlite])
    assert result.exit_code == 0, result.output
    assert "settled 2 document(s)" in result.output
    with Store(migrated_sqlite) as store:
        assert store.unsettled_count() == 0
        news = next(d for d in store.documents() if d.name == NEWS.name)
        assert news.published is not None and news.published.provenance is Provenance.CORPUS


def test_ingest_settles_once_at_the_end(migrated_sqlite: str, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for document in (DATED, NEWS, WEEK):
        payload = {"title": document.name, "text": document.text, **document.metadata}
        (folder / f"{document.name}.json").write_text(json.dumps(payload), encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["ingest", str(folder), "--db", migrated_sqlite, "--quiet"],
        env={"TIMELINE_INGEST_BATCH": "1"},  # three batches, one settle
    )
    assert result.exit_code == 0, result.output
    with Store(migrated_sqlite) as store:
        assert store.unsettled_count() == 0
        dates = {d.title: d.published for d in store.documents()}
        assert all(p is not None for p in dates.values())
        assert dates[NEWS.name].provenance is Provenance.CORPUS  # type: ignore[union-attr]


def test_settle_lists_what_it_set_aside_and_exits_1(migrated_sqlite: str) -> None:
    with Store(migrated_sqlite) as store:
        (stored,) = ingest_documents(store, fresh([NEWS]), settle=False)
        with store.unit_of_work() as work:
            work.set_aside(stored.document_id, "ValueError: cannot settle this one")
    runner = CliRunner()
    for args in (["settle"], ["settle", "--check"]):
        result = runner.invoke(main, [*args, "--db", migrated_sqlite])
        assert result.exit_code == 1
        assert f"set aside: document {stored.document_id}: ValueError" in result.output
