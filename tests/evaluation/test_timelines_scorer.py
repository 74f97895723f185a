"""The SemEval-2015 Task 4 scorer (``timeline.evaluation.timelines``) on hand-made cases.

Every expected number below is worked out by hand from the rules in the module
docstring, so a change in the scorer's semantics shows up here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from corpus_fixtures import TrialCorpus

from timeline.cli import main
from timeline.evaluation.timelines import (
    PointGraph,
    Relation,
    RelType,
    Timeline,
    core_relations,
    format_timeline,
    parse_timeline,
    score_dirs,
    score_timeline,
    timeline_file_name,
    timeline_relations,
)

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures" / "events"

GOLD = """X
1\t2010-01-01\td-1-a
2\t2010-02-01\td-2-b
3\t2010-03-01\td-3-c
"""


def tl(text: str) -> Timeline:
    return parse_timeline(text)


def test_gold_against_itself_is_perfect() -> None:
    score = score_timeline(tl(GOLD), tl(GOLD))
    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)
    assert score.gold_core == 5  # three date links, two BEFORE links


def test_two_swapped_events_cost_one_relation_each_way() -> None:
    system = tl("X\n1\t2010-01-01\td-1-a\n2\t2010-03-01\td-3-c\n3\t2010-02-01\td-2-b\n")
    score = score_timeline(tl(GOLD), system)
    # system core: a=t1, c=t3, a<c, b=t2, c<b; only c<b is not implied by the gold
    # gold core: a=t1, b=t2, a<b, c=t3, b<c; only b<c is not implied by the system
    assert (score.system_correct, score.system_core) == (4, 5)
    assert (score.gold_found, score.gold_core) == (4, 5)
    assert score.f1 == pytest.approx(0.8)


def test_a_missing_system_timeline_counts_as_empty() -> None:
    score = score_timeline(tl(GOLD), None)
    assert score.missing and score.recall == 0.0 and score.precision == 0.0


def test_order_zero_lines_are_dropped_and_unknown_dates_make_no_node() -> None:
    relations = timeline_relations(
        tl("X\n0\tXXXX-XX-XX\td-1-a\n1\tXXXX-XX-XX\td-2-b\n2\t2010\td-3-c\n")
    )
    assert relations == [
        Relation("e:d-3-c", RelType.SIMULTANEOUS, "t:2010"),
        Relation("e:d-2-b", RelType.BEFORE, "e:d-3-c"),
    ]


def test_contradictions_are_counted_not_added() -> None:
    # same date node, then BEFORE between the two events: a=t, b=t, so a<b contradicts
    core, contradictions, _ = core_relations(
        timeline_relations(tl("X\n1\t2010\td-1-a\n2\t2010\td-2-b\n"))
    )
    assert contradictions == 1
    assert [r.rel for r in core] == [RelType.SIMULTANEOUS, RelType.SIMULTANEOUS]


def test_implied_relations_are_skipped() -> None:
    graph = PointGraph()
    assert graph.add(Relation("a", RelType.BEFORE, "b")) == "added"
    assert graph.add(Relation("b", RelType.BEFORE, "c")) == "added"
    assert graph.add(Relation("a", RelType.BEFORE, "c")) == "implied"
    assert graph.add(Relation("c", RelType.SIMULTANEOUS, "d")) == "added"
    assert graph.implies(Relation("a", RelType.BEFORE, "d"))
    assert graph.add(Relation("d", RelType.BEFORE, "a")) == "contradiction"
    assert not graph.implies(Relation("a", RelType.BEFORE, "unknown"))


def test_lines_of_one_order_are_simultaneous() -> None:
    system = tl("X\n1\t2010-01-01\td-1-a\td-2-b\n")
    gold = tl("X\n1\t2010-01-01\td-1-a\n1\t2010-01-01\td-2-b\n")
    assert score_timeline(gold, system).f1 == 1.0


def test_format_round_trips_and_file_names() -> None:
    assert format_timeline(tl(GOLD)) == GOLD
    assert timeline_file_name("iTunes store") == "itunes_store.txt"
    assert timeline_file_name("Steve  Jobs ") == "steve_jobs.txt"
    with pytest.raises(ValueError, match="ORDER"):
        parse_timeline("X\nfirst\t2010\td-1-a\n")


def test_score_dirs_micro_averages_and_treats_missing_files_as_empty(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    system = tmp_path / "system"
    gold.mkdir()
    system.mkdir()
    (gold / "x.txt").write_text(GOLD)
    (gold / "y.txt").write_text("Y\n1\t2011\td-9-z\n")
    (system / "x.txt").write_text(GOLD)
    (system / "extra.txt").write_text("Z\n1\t2011\td-9-q\n")  # ignored: no gold
    score = score_dirs(gold, system)
    assert [p.name for p in score.parts] == ["x.txt", "y.txt"]
    assert score.parts[1].missing
    assert (score.system_correct, score.system_core) == (5, 5)
    assert (score.gold_found, score.gold_core) == (5, 6)


def test_cli_eval_timelines_on_the_fixture(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "out"
    built = runner.invoke(
        main,
        [
            "timelines",
            str(FIXTURES / "timeml"),
            "--entities",
            str(FIXTURES / "entities.txt"),
            "--out",
            str(out),
        ],
    )
    assert built.exit_code == 0, built.output
    assert sorted(p.name for p in out.iterdir()) == ["john_smith.txt", "widget_3.txt"]
    assert (out / "john_smith.txt").read_text().startswith("John Smith\n")
    scored = runner.invoke(main, ["eval", "timelines", str(FIXTURES / "gold-timelines"), str(out)])
    assert scored.exit_code == 0, scored.output
    micro = next(line for line in scored.output.splitlines() if line.startswith("micro"))
    assert float(micro.split()[3]) >= 80.0  # F1 on two hand-made documents


def test_cli_errors_are_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["eval", "timelines", str(tmp_path / "nope"), str(tmp_path)])
    assert result.exit_code != 0 and "no such directory" in result.output
    empty = tmp_path / "entities.txt"
    empty.write_text("\n# nothing\n")
    result = runner.invoke(
        main, ["timelines", str(FIXTURES / "timeml"), "--entities", str(empty), "--out", "x"]
    )
    assert result.exit_code != 0 and "no entity names" in result.output


def test_gold_trial_timelines_score_perfectly_against_themselves(trial: TrialCorpus) -> None:
    score = score_dirs(trial.gold, trial.gold)
    assert len(score.parts) == trial.timelines and score.f1 == 1.0
