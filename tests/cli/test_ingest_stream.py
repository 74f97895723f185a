"""``timeline ingest DIR`` reads its folder as a stream: a batch is stored before the
files of later batches are read, so memory holds the batches in flight, not the folder;
the walk gives the files in the order ``list_sources`` sorts them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import timeline.batches as batches_module
import timeline.commands.ingest as ingest_module
from timeline.batches import BATCH_ENV
from timeline.cli import main
from timeline.ingest import SUPPORTED_SUFFIXES
from timeline.ingest.sources import SourceFile, iter_sources, list_sources


def _tree(root: Path) -> Path:
    for path, text in {
        "b.txt": "B.",
        "b/one.txt": "One.",
        "b/z/deep.md": "Deep.",
        "a.json": '{"text": "A."}',
        "c.pdf": "%PDF",
        "README.txt": "about",
        ".hidden/x.txt": "hidden",
        "B2.txt": "upper case sorts first",
    }.items():
        file = root / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")
    return root


def test_the_stream_gives_the_listing_in_its_order(tmp_path: Path) -> None:
    root = _tree(tmp_path / "folder")
    files, skipped = list_sources(root, SUPPORTED_SUFFIXES)
    streamed = list(iter_sources(root, SUPPORTED_SUFFIXES))
    assert [i for i in streamed if isinstance(i, SourceFile)] == files
    assert [f.name for f in files] == ["B2.txt", "a.json", "b/one.txt", "b/z/deep.md", "b.txt"]
    rest = sorted((i for i in streamed if not isinstance(i, SourceFile)), key=lambda s: s.source)
    assert rest == skipped


def test_a_batch_is_stored_before_later_files_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(5):
        (folder / f"{i}.txt").write_text(f"Story {i}: the council met on May {i + 1}, 2024.")
    (folder / "2.txt").unlink()
    (folder / "2.json").write_text("{not json")  # unreadable: reported, not fatal
    read: list[str] = []
    stored_after: list[int] = []
    reader, store = ingest_module.read_source_items, batches_module.store_analysed

    def reading(source: SourceFile) -> list[object]:
        read.append(source.name)
        return reader(source)  # type: ignore[return-value]

    def storing(*args: object, **kwargs: object) -> object:
        stored_after.append(len(read))
        return store(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ingest_module, "read_source_items", reading)
    monkeypatch.setattr(batches_module, "store_analysed", storing)
    monkeypatch.setenv(BATCH_ENV, "2")
    db = f"sqlite:///{tmp_path / 'stream.db'}"
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", db])
    assert read == ["0.txt", "1.txt", "2.json", "3.txt", "4.txt"]
    # batches of two documents: the first stored after two files, not after all five
    assert stored_after == [2, 5]
    assert result.exit_code == 1, result.output  # the unreadable file
    assert "skipped (unreadable)" in result.output
    last = result.output.splitlines()[-1]
    assert last == "4 new, 0 unchanged, 1 skipped (1 unreadable), 0 failed"
