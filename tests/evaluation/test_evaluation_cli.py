"""``timeline annotate`` and ``timeline eval tempeval`` through click's CliRunner."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from corpus_fixtures import TbaqCorpus

from timeline.cli import main
from timeline.commands.eval_group import eval_group
from timeline.io.timeml import read_timeml, strip_text_timexes

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "timeml"
GOOD = ("small.tml", "sentences.tml", "plain.tml.TE3input")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    directory = tmp_path / "in"
    directory.mkdir()
    for name in GOOD:
        shutil.copy(FIXTURES / name, directory / name)
    (directory / "notes.txt").write_text("not TimeML", encoding="utf-8")
    return directory


def test_annotate_writes_one_tml_per_input(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "nested"
    result = run("annotate", str(inputs), str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["plain.tml", "sentences.tml", "small.tml"]
    assert "annotated 3 of 3 documents" in result.stderr
    for name in GOOD:
        source = read_timeml(inputs / name)
        written = (out / (name.split(".")[0] + ".tml")).read_text(encoding="utf-8")
        assert strip_text_timexes(written) == strip_text_timexes(source.raw)
    small = read_timeml(out / "small.tml")
    assert any(t.text == "Wednesday" and t.value == "1998-01-07" for t in small.timexes)
    assert all("tid" in t.attrs and t.attrs.get("temporalFunction") is None for t in small.timexes)
    plain = read_timeml(out / "plain.tml")
    assert [t.text for t in plain.timexes][:1] == ["Monday"]


def test_annotate_bad_directories(inputs: Path, tmp_path: Path) -> None:
    missing = run("annotate", str(tmp_path / "nope"), str(tmp_path / "out"))
    assert missing.exit_code == 1
    assert missing.stderr.strip().splitlines() == [
        f"Error: INPUT_DIR {tmp_path / 'nope'}: no such directory"
    ]
    same = run("annotate", str(inputs), str(inputs))
    assert same.exit_code == 1 and "must differ" in same.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = run("annotate", str(empty), str(tmp_path / "out"))
    assert nothing.exit_code == 1 and "no .tml or .TE3input files" in nothing.stderr
    not_dir = run("annotate", str(inputs), str(inputs / "notes.txt"))
    assert not_dir.exit_code == 1 and "not a directory" in not_dir.stderr


def test_annotate_reports_a_malformed_file_and_goes_on(inputs: Path, tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "broken.tml", inputs / "broken.tml")
    out = tmp_path / "out"
    result = run("annotate", str(inputs), str(out))
    assert result.exit_code == 1
    assert "broken.tml: </EVENT> on line 6 does not match" in result.stderr
    assert "Error: 1 file(s) failed" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["plain.tml", "sentences.tml", "small.tml"]


def test_eval_is_a_shared_group() -> None:
    assert isinstance(eval_group, click.Group)
    assert main.commands["eval"] is eval_group
    assert "tempeval" in eval_group.commands
    assert "tempeval" in run("eval", "--help").output


def test_eval_tempeval_text_and_json(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run("annotate", str(inputs), str(out))
    text = run("eval", "tempeval", str(inputs), str(out))
    assert text.exit_code == 0
    assert "TIMEX3 (TempEval-3)" in text.output and "relaxed" in text.output
    as_json = run("eval", "tempeval", str(inputs), str(out), "--format", "json")
    data = json.loads(as_json.output)
    assert data["documents"] == 3 and data["counts"]["gold"] == 4
    assert 0.0 <= data["metrics"]["relaxed_f1"] <= 1.0
    same = json.loads(run("eval", "tempeval", str(inputs), str(inputs), "--format", "json").output)
    assert same["metrics"]["strict_f1"] == 1.0


def test_eval_tempeval_errors(inputs: Path, tmp_path: Path) -> None:
    result = run("eval", "tempeval", str(tmp_path / "nope"), str(inputs))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: GOLD_DIR {tmp_path / 'nope'}: no such directory"
    shutil.copy(FIXTURES / "broken.tml", inputs / "broken.tml")
    broken = run("eval", "tempeval", str(inputs), str(inputs))
    assert broken.exit_code == 1 and "broken.tml" in broken.stderr


def test_annotate_then_score_tbaq(tbaq: TbaqCorpus, tmp_path: Path) -> None:
    """The whole loop on TimeBank: every file written, scores in a sane range."""
    out = tmp_path / "tb"
    result = run("annotate", str(tbaq.root / "TimeBank"), str(out))
    assert result.exit_code == 0, result.stderr
    assert len(list(out.glob("*.tml"))) == tbaq.files["TimeBank"]
    data = json.loads(
        run("eval", "tempeval", str(tbaq.root / "TimeBank"), str(out), "--format", "json").output
    )
    assert data["missing_system"] == [] and data["counts"]["gold"] == tbaq.timexes["TimeBank"]
    assert data["metrics"]["relaxed_f1"] > tbaq.min_relaxed_f1
