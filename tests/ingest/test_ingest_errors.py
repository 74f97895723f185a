"""Every failure is an IngestError (a ValueError) whose message names the source."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.ingest import IngestError, read_json_payload, read_path, read_text

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "ingest"


def test_is_a_value_error() -> None:
    assert issubclass(IngestError, ValueError)
    err = IngestError("a.json", "empty file")
    assert (str(err), err.source, err.reason) == ("a.json: empty file", "a.json", "empty file")


def test_invalid_json_fixture() -> None:
    with pytest.raises(IngestError, match=r"bad\.json: invalid JSON at line 2 column 1"):
        read_path(FIXTURES / "bad.json")


def test_missing_path() -> None:
    with pytest.raises(IngestError, match=r"nope\.txt: no such file or directory"):
        read_path(FIXTURES / "nope.txt")


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", r"empty\.txt: empty document"),
        ("blank.txt", b"  \n\n\t\n", r"blank\.txt: empty document"),
        ("only-noise.txt", b"Leave a Reply\n0\n23\n", r"only-noise\.txt: empty document"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", r"image\.txt: binary file"),
        ("empty.json", b"", r"empty\.json: empty file"),
        ("notext.json", b'{"title": "No body"}', r"notext\.json: missing text"),
        ("number.json", b"42", r"number\.json: expected a JSON object or a list"),
        ("emptylist.json", b"[]", r"emptylist\.json: empty JSON list"),
        ("badtype.json", b'{"text": 5}', r"badtype\.json: 'text' must be a string"),
        ("badtitle.json", b'{"text": "T.", "title": 5}', r"badtitle\.json: 'title' must be"),
        ("item.json", b'[{"text": "ok"}, "str"]', r"item\.json#2: expected a JSON object"),
        ("blank-text.json", b'{"text": "  "}', r"blank-text\.json: empty text"),
        ("lines.jsonl", b'{"text": "ok"}\n{oops}\n', r"lines\.jsonl#2: invalid JSON: Expecting"),
        ("lines2.jsonl", b'{"text": "ok"}\n\n{"title": "x"}\n', r"lines2\.jsonl#3: missing text"),
        ("empty.jsonl", b"\n\n", r"empty\.jsonl: empty file"),
        ("empty.html", b"<html><body><nav>Menu</nav></body></html>", r"empty\.html: empty"),
    ],
)
def test_bad_files_name_the_file(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = _write(tmp_path, name, data)
    with pytest.raises(IngestError, match=message) as info:
        read_path(path)
    assert str(info.value).startswith(str(tmp_path))


def test_unreadable_file(tmp_path: Path) -> None:
    folder = tmp_path / "dir.txt"
    folder.mkdir()  # a folder named like a file is read as a folder: empty, no error
    assert read_path(folder) == []
    with pytest.raises(IngestError, match=r"cannot read"):
        from timeline.ingest import read_file

        read_file(folder)


def test_payload_errors_name_the_payload() -> None:
    with pytest.raises(IngestError, match=r"^request: missing text"):
        read_json_payload("request", {"title": "x"})
    with pytest.raises(IngestError, match=r"^request#1: expected a JSON object, got a list"):
        read_json_payload("request", [[1]])
    with pytest.raises(IngestError, match=r"^paste: empty document"):
        read_text("paste", "Share this:\nAdvertisement")


def test_lone_surrogates_from_json_are_replaced() -> None:
    [doc] = read_json_payload("x", {"text": "bad \ud800 char", "title": "t\udc00"})
    assert doc.text == "bad \ufffd char"
    assert doc.title == "t\ufffd"
    assert len(doc.content_hash) == 64
