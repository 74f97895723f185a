"""The learnt participation model (``timeline.events.participation``) and its training
data, MEANTIME's participation links (``timeline.tasks.meantime_participants``)."""

from __future__ import annotations

import json
from pathlib import Path

from timeline.events.participation import MODEL_PATH, pair_features, participation, train
from timeline.tasks.meantime_participants import read_participation, trial_counterpart

SENTENCE = [
    "Steve",
    "Jobs",
    "announced",
    "the",
    "iPhone",
    "at",
    "a",
    "conference",
    "in",
    "San",
    "Francisco",
    ",",
    "while",
    "Microsoft",
    "sold",
    "shares",
    ".",
]


def test_features_say_where_the_mention_stands() -> None:
    agent = pair_features(["The", "iPod", "was", "introduced", "by", "Jobs", "."], 3, 5, 6, "name")
    assert "agent_by" in agent and "side=after" in agent
    subject = pair_features(SENTENCE, 2, 0, 2, "name")
    assert "adjacent_before" in subject and "side_dist=before|1" in subject
    assert "prep=in" in pair_features(SENTENCE, 2, 9, 11, "name")


def test_the_committed_model_prefers_the_subject_to_a_name_of_another_clause() -> None:
    assert participation((SENTENCE, 2, 0, 2, "name")) > 0.5  # Jobs announced
    assert participation((SENTENCE, 2, 3, 5, "nominal")) > 0.5  # announced the iPhone
    assert participation((SENTENCE, 14, 0, 2, "name")) < 0.5  # Jobs did not sell
    assert participation((SENTENCE, 2, 9, 11, "name")) < 0.5  # nor San Francisco announce


def test_training_learns_a_shape_from_examples() -> None:
    words = ["A", "met", "B", "and", "C", "left"]
    examples = [(((words, 1, 0, 1, "name")), True), (((words, 5, 0, 1, "name")), False)] * 20
    weights = train(examples, epochs=20)
    assert participation((words, 1, 0, 1, "name"), weights) > 0.7
    assert participation((words, 5, 0, 1, "name"), weights) < 0.3


def test_the_model_file_states_its_split_and_figures() -> None:
    model = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert set(model["train_files"]).isdisjoint(model["held_out_files"])
    assert model["figures_at_0.5"]["held_out"]["f1"] > 50


def test_a_meantime_file_gives_its_participation_pairs(tmp_path: Path) -> None:
    path = tmp_path / "7_Jobs_unveils.xml"
    tokens = ["Jobs", "unveiled", "the", "iPod", "."]
    path.write_text(
        '<Document doc_id="7">'
        + "".join(
            f'<token number="{i}" sentence="2" t_id="{i + 1}">{w}</token>'
            for i, w in enumerate(tokens)
        )
        + '<Markables><ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="1"/>'
        '</ENTITY_MENTION><ENTITY_MENTION m_id="2" syntactic_type="NOM">'
        '<token_anchor t_id="3"/><token_anchor t_id="4"/></ENTITY_MENTION>'
        '<ENTITY_MENTION m_id="3"><token_anchor t_id="5"/></ENTITY_MENTION>'
        '<EVENT_MENTION m_id="9"><token_anchor t_id="2"/></EVENT_MENTION></Markables>'
        '<Relations><HAS_PARTICIPANT r_id="1"><source m_id="9"/><target m_id="1"/>'
        "</HAS_PARTICIPANT></Relations></Document>",
        encoding="utf-8",
    )
    parsed = read_participation(path)
    assert parsed.name == "7_Jobs_unveils"
    assert parsed.pairs == [
        ((tuple(tokens), 1, 0, 1, "name"), True),
        ((tuple(tokens), 1, 2, 4, "nominal"), False),
    ]


def test_a_meantime_file_finds_its_trial_document() -> None:
    trial = ["17174-Apple_executive_leaves", "10718_Apple_to_lower_UK_iTunes_prices"]
    assert trial_counterpart("199629_Apple_executive_leaves_company", trial) == trial[0]
    assert trial_counterpart("1_Apple_to_lower_UK_iTunes_prices", trial) == trial[1]
    assert trial_counterpart("2_Cisco_sues_Apple", trial) is None
