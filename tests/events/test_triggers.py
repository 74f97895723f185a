"""The trigger model: what it finds, and its held-out quality on TBAQ (AQUAINT)."""

from __future__ import annotations

import sys
from pathlib import Path

from corpus_fixtures import corpus_dir

from timeline.events.data import load_json
from timeline.events.triggers import (
    MODEL_VERSION,
    event_class,
    event_probability,
    find_triggers,
    lexicon_entry,
)

ROOT = Path(__file__).resolve().parents[2]


def words(text: str) -> list[str]:
    return [t.text for t in find_triggers(text)]


def test_verbs_and_event_nouns_are_triggers() -> None:
    assert words("Apple CEO Steve Jobs unveiled the device by walking onto the stage.") == [
        "unveiled",
        "walking",
    ]
    found = words("He made these remarks during a bilateral meeting with Robert Fico.")
    assert "meeting" in found and "Robert" not in found and "bilateral" not in found


def test_context_decides_noun_or_event() -> None:
    attack = {t.text: t for t in find_triggers("The attack killed three people.")}["attack"]
    modifier = {t.text: t for t in find_triggers("They bought an attack helicopter.")}["attack"]
    assert attack.score > modifier.score  # a noun modifier is a weaker event reading
    assert words("The company is based in Paris.") == []  # a participle of state, no event


def test_offsets_point_into_the_text() -> None:
    text = "Intro. Fico met Putin in Beijing on Tuesday."
    (met,) = [t for t in find_triggers(text, 7) if t.text == "met"]
    assert text[met.start : met.end] == "met" and met.lemma == "meet" and met.is_verb


def test_lexicon_knows_reporting_verbs() -> None:
    assert event_class("said") == "REPORTING"
    assert event_probability("said") > 0.9
    assert event_probability("the") < 0.05
    entry = lexicon_entry("said")
    assert entry is not None and entry[1] > 100


def test_the_shipped_model_is_current() -> None:
    model = load_json("event_model.json")
    assert model["version"] == MODEL_VERSION
    assert model["held_out"]["model"]["f1"] >= 0.8


def test_held_out_trigger_precision_and_recall() -> None:
    """Train on TimeBank, test on AQUAINT (what scripts/build_event_model.py reports)."""
    tbaq = corpus_dir("tbaq")
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_event_model as build
    finally:
        sys.path.pop(0)
    train = build.examples(sorted((tbaq / "TimeBank").glob("*.tml")))
    test = build.examples(sorted((tbaq / "AQUAINT").glob("*.tml")))
    weights = build.prune(build.train(train, epochs=4))
    scores = build.evaluate(weights, build.lexicon(train), test)
    precision, recall, f1 = scores["model"]
    assert precision >= 0.82 and recall >= 0.74 and f1 >= 0.79, scores
    assert f1 > scores["lexicon"][2]  # context helps over the word list
