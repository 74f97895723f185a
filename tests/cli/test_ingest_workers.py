"""``timeline ingest --workers N``: batches analysed in local processes, stored in order.

The store must come out the same whatever the number of workers: the batches are fixed
by the input and the batch size, each analysed by the same function, stored in reading
order (``timeline.batches``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.batches import BATCH_ENV, batches
from timeline.cli import main
from timeline.model import Document

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _ingest_and_dump(tmp_path: Path, workers: int) -> tuple[str, str]:
    db = f"sqlite:///{tmp_path / f'workers-{workers}.db'}"
    ingest = CliRunner().invoke(
        main, ["ingest", str(SEEDS), "--quiet", "--workers", str(workers), "--db", db]
    )
    assert ingest.exit_code == 0, ingest.output
    dump = CliRunner().invoke(main, ["dump", "--all", "--format", "json", "--db", db])
    documents = CliRunner().invoke(main, ["documents", "--format", "json", "--db", db])
    assert dump.exit_code == 0 and documents.exit_code == 0
    return dump.stdout, documents.stdout


def test_one_or_two_workers_give_the_same_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(BATCH_ENV, "2")  # five seeds: three batches, the later ones re-dating
    one = _ingest_and_dump(tmp_path, 1)
    two = _ingest_and_dump(tmp_path, 2)
    assert one == two
    assert '"sources"' in one[0]


def test_batches_keep_order_and_size() -> None:
    documents = [Document(name=str(i), text=f"text {i}") for i in range(7)]
    cut = list(batches(documents, 3))
    assert [[d.name for d in b] for b in cut] == [["0", "1", "2"], ["3", "4", "5"], ["6"]]


def test_workers_must_be_positive(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    result = CliRunner().invoke(main, ["ingest", str(SEEDS), "--workers", "0", "--db", db])
    assert result.exit_code == 2
    assert "--workers" in result.output
