"""The TempEval-3 TIMEX3 scorer on hand-made cases, on gold-vs-gold, and on directories."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from corpus_fixtures import TbaqCorpus

from timeline.io.timeml import TimeMLError
from timeline.tasks.tempeval import (
    Counts,
    Span,
    align_whitespace,
    count,
    format_table,
    match,
    score_dirs,
    score_documents,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "timeml"


def sp(start: int, end: int, value: str = "1998", type_: str = "DATE") -> Span:
    return Span(start, end, type_, value)


def test_exact_match_is_strict_and_relaxed() -> None:
    c = count([sp(0, 5)], [sp(0, 5)])
    assert (c.strict, c.relaxed) == (1, 1)
    assert c.strict_f1 == c.relaxed_f1 == c.value_f1 == c.type_f1 == 1.0


def test_one_character_overlap_is_relaxed_only() -> None:
    c = count([sp(0, 5)], [sp(4, 9)])
    assert (c.strict, c.relaxed) == (0, 1)
    assert c.strict_f1 == 0.0 and c.relaxed_f1 == 1.0
    assert count([sp(0, 5)], [sp(5, 9)]).relaxed == 0  # touching is not overlapping


def test_relaxed_matching_is_one_to_one() -> None:
    # one system span over two gold spans matches one of them
    c = count([sp(0, 3), sp(4, 8)], [sp(0, 8)])
    assert (c.relaxed, c.gold, c.system) == (1, 2, 1)
    # two system spans inside one gold span: one match, one false positive
    c = count([sp(0, 10)], [sp(0, 3), sp(5, 8)])
    assert (c.relaxed, c.strict) == (1, 0)
    assert c.relaxed_precision == 0.5 and c.relaxed_recall == 1.0


def test_exact_pairs_are_made_before_overlaps() -> None:
    gold = [sp(2, 5), sp(6, 10)]
    system = [sp(0, 8), sp(2, 5)]  # in document order sp(0, 8) would take sp(2, 5) first
    assert sorted(match(gold, system)) == [(0, 1, True), (1, 0, False)]
    c = count(gold, system)
    assert (c.strict, c.relaxed) == (1, 2)


def test_overlap_goes_to_the_leftmost_free_gold() -> None:
    gold = [sp(0, 3), sp(4, 8)]
    assert match(gold, [sp(2, 6)]) == [(0, 0, False)]
    # ... and system spans take their turn in document order
    assert match(gold, [sp(5, 6), sp(2, 6)]) == [(0, 1, False), (1, 0, False)]
    assert match(gold, [sp(2, 6), sp(2, 5)]) == [(0, 1, False), (1, 0, False)]


def test_value_and_type_f1_arithmetic() -> None:
    gold = [sp(0, 2, "A", "DATE"), sp(3, 5, "B", "DATE"), sp(6, 8, "C", "TIME"), sp(9, 11)]
    system = [
        sp(0, 2, "A", "DATE"),  # value and type right
        sp(3, 4, "B", "TIME"),  # value right, type wrong, relaxed only
        sp(6, 8, "C", "DATE"),  # value right, type wrong
        sp(9, 11, "X", "DURATION"),  # both wrong
        sp(20, 22),  # false positive
    ]
    c = count(gold, system)
    assert (c.gold, c.system, c.strict, c.relaxed, c.value, c.type) == (4, 5, 3, 4, 3, 1)
    relaxed_f1 = 2 * (4 / 5) * 1.0 / (4 / 5 + 1.0)
    assert c.relaxed_f1 == pytest.approx(8 / 9) == pytest.approx(relaxed_f1)
    assert c.value_f1 == pytest.approx(8 / 9 * 3 / 4)
    assert c.type_f1 == pytest.approx(8 / 9 * 1 / 4)
    assert c.strict_precision == pytest.approx(3 / 5) and c.strict_recall == pytest.approx(3 / 4)


def test_scores_are_pooled_over_documents() -> None:
    score = score_documents([("a", [sp(0, 2)], [sp(0, 2)]), ("b", [sp(0, 2)] * 3, [])])
    assert (score.gold, score.system, score.relaxed) == (4, 1, 1)
    assert score.relaxed_precision == 1.0 and score.relaxed_recall == 0.25  # not (1 + 0) / 2
    assert score.documents["b"].relaxed_recall == 0.0


def test_empty_sides() -> None:
    assert Counts().relaxed_f1 == 1.0  # nothing to find, nothing wrong
    assert count([sp(0, 1)], []).relaxed_f1 == 0.0
    assert count([], [sp(0, 1)]).relaxed_precision == 0.0


def test_align_whitespace() -> None:
    maps = align_whitespace("a  bc d", "a bc\nd")
    assert maps is not None
    starts, ends = maps
    assert (starts[3], ends[5]) == (2, 4)  # "bc"
    assert align_whitespace("a b", "a c") is None


# --- directories -----------------------------------------------------------------------

GOLD = """<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08"
functionInDocument="CREATION_TIME">x</TIMEX3></DCT><TEXT>{}</TEXT></TimeML>"""


def timex(text: str, value: str, type_: str = "DATE", extra: str = "") -> str:
    return f'<TIMEX3 tid="t1" type="{type_}" value="{value}"{extra}>{text}</TIMEX3>'


def write(directory: Path, name: str, text: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_text(GOLD.format(text), encoding="utf-8")


def test_score_dirs_pairs_stems_and_counts_missing_files(tmp_path: Path) -> None:
    gold, system = tmp_path / "gold", tmp_path / "system"
    write(gold, "a.tml", f"on {timex('Monday', '1998-01-05')} and {timex('1997', '1997')}")
    write(gold, "b.tml", f"in {timex('May', '1998-05')}")
    write(system, "a.tml.TE3input", f"on {timex('Monday', '1998-01-05')} and 1997")
    write(system, "c.tml", f"in {timex('May', '1998-05')}")
    score = score_dirs(gold, system)
    assert (score.gold, score.system, score.strict) == (3, 1, 1)
    assert score.missing_system == ["b"] and score.extra_system == ["c"]
    assert score.relaxed_recall == pytest.approx(1 / 3)
    table = format_table(score)
    assert "no system file for 1 gold document(s)" in table and "ignored 1" in table


def test_dct_and_creation_time_timexes_are_not_scored(tmp_path: Path) -> None:
    gold, system = tmp_path / "gold", tmp_path / "system"
    dct_in_text = timex("today", "1998-01-08", extra=' functionInDocument="CREATION_TIME"')
    write(gold, "a.tml", f"{dct_in_text} and {timex('1997', '1997')}")
    write(system, "a.tml", f"today and {timex('1997', '1997')}")
    score = score_dirs(gold, system)
    assert (score.gold, score.system, score.strict) == (1, 1, 1)


def test_system_text_with_other_whitespace_is_aligned(tmp_path: Path) -> None:
    gold, system = tmp_path / "gold", tmp_path / "system"
    write(gold, "a.tml", f"on\n{timex('Monday', '1998-01-05')}")
    write(system, "a.tml", f"on  {timex('Monday', '1998-01-05')}")
    assert score_dirs(gold, system).strict == 1
    write(system, "a.tml", f"in {timex('Monday', '1998-01-05')}")
    with pytest.raises(TimeMLError, match="differs from the gold"):
        score_dirs(gold, system)


def test_score_dirs_errors(tmp_path: Path) -> None:
    with pytest.raises(TimeMLError, match="not a directory"):
        score_dirs(tmp_path / "nope", tmp_path)
    with pytest.raises(TimeMLError, match=r"no \.tml or \.TE3input files"):
        score_dirs(tmp_path, tmp_path)


def test_gold_against_itself_scores_100_on_fixtures(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    for name in ("small.tml", "sentences.tml", "plain.tml.TE3input"):
        shutil.copy(FIXTURES / name, gold / name)
    score = score_dirs(gold, gold)
    assert score.gold == 4
    assert all(v == 1.0 for v in score.metrics().values())


def test_gold_against_itself_scores_100_on_tbaq(tbaq: TbaqCorpus) -> None:
    for part, gold in tbaq.timexes.items():
        score = score_dirs(tbaq.root / part, tbaq.root / part)
        assert score.gold == score.system == score.strict == gold
        assert all(v == 1.0 for v in score.metrics().values())
        assert "100.00  100.00  100.00" in format_table(score)
