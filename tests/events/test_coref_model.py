"""Event coreference within a document learnt from MEANTIME (``timeline.events.coref_model``),
its training data (``timeline.tasks.meantime_coref``) and how a document's coreference
asks it (``happenings.joined``, ``TIMELINE_LEARNT_COREF``)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from timeline.analysis import TextAnalysis
from timeline.events import happenings
from timeline.events.coref_model import (
    LEARNT_COREF_ENV,
    MODEL_PATH,
    Mention,
    coreference,
    mode,
    pair_features,
    threshold,
    train,
)
from timeline.events.extract import extract_events
from timeline.events.happenings import joined
from timeline.model import Anchoring, Event, Granularity, Interval, Provenance, PublicationDate
from timeline.tasks.meantime_coref import gold_happenings, read_documents
from timeline.temporal import tag
from timeline.temporal.values import day_interval

DCT = date(2025, 9, 2)
PUBLISHED = PublicationDate(day_interval(DCT), DCT, 1.0, Provenance.METADATA)
FRIDAY = Interval(date(2025, 8, 29), date(2025, 8, 30), Granularity.DAY)
MONTH = Interval(date(2025, 8, 1), date(2025, 9, 1), Granularity.MONTH)


def _mention(
    trigger: str, sentence: str, start: int, interval: Interval, definite: bool
) -> Mention:
    offset = sentence.index(trigger)
    event = Event(
        char_start=start + offset,
        char_end=start + offset + len(trigger),
        trigger=trigger,
        sentence=sentence,
        sentence_start=start,
        participants=("Donald Trump", "Vladimir Putin"),
        interval=interval,
        value=None,
        anchoring=Anchoring.TIMEX,
    )
    tense = "nominal" if definite else "past"
    return (event, tense, "happening", 0 if start == 0 else 1, (start, start + 40), definite)


MET = _mention("met", "Donald Trump met Vladimir Putin on Friday.", 0, FRIDAY, False)
TALKS = _mention("talks", "The talks between Trump and Putin were long.", 43, FRIDAY, True)


def test_features_name_what_the_rules_compare() -> None:
    features = pair_features(MET, TALKS)
    assert "bias" in features
    assert "time=equal" in features
    assert "shared=2" in features
    assert "same_family=True" in features  # "met" and "talks": one family (meet)
    assert "later_definite=True|True" in features
    assert "distance=<300" in features
    assert "tense=nominal|past" in features


def test_a_probability_from_weights() -> None:
    assert coreference(MET, TALKS, {"bias": 0.0}) == pytest.approx(0.5)
    assert coreference(MET, TALKS, {"time=equal": 5.0}) > 0.99
    assert coreference(MET, TALKS, {"time=equal": -5.0}) < 0.01


def test_training_learns_a_shape_from_examples() -> None:
    examples = [(["bias", "same_lemma=True"], True), (["bias", "same_lemma=False"], False)]
    examples += [(["bias", "same_lemma=False"], False)] * 3  # negatives outnumber positives
    weights = train(examples * 10, epochs=20)
    assert weights["same_lemma=True"] > 0 > weights["same_lemma=False"]


def test_the_model_file_states_its_split_threshold_and_figures() -> None:
    model = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert len(model["train_files"]) == len(model["held_out_files"]) == 15
    assert set(model["train_files"]).isdisjoint(model["held_out_files"])
    assert 0 < model["threshold"] < 1 and model["threshold"] == threshold()
    held_out = model["figures"]["held_out"]["within_document"]
    assert {"rules", "rules_confirmed", "model"} <= set(held_out)
    assert model["train_positives"] > 0 and model["weights"]


def test_the_setting_chooses_how_the_model_is_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(LEARNT_COREF_ENV, raising=False)
    assert mode() == "off"
    monkeypatch.setenv(LEARNT_COREF_ENV, " Confirm ")
    assert mode() == "confirm"
    monkeypatch.setenv(LEARNT_COREF_ENV, "always")
    with pytest.raises(ValueError, match=LEARNT_COREF_ENV):
        mode()


def test_joined_by_rules_by_a_confirmed_rule_or_by_the_model() -> None:
    def unlikely() -> float:
        return 0.1

    def likely() -> float:
        return 0.9

    identity = ["same_family_and_time"]
    assert joined(identity, unlikely, "off", 0.5)
    assert not joined([], likely, "off", 0.5)
    assert not joined(identity, unlikely, "confirm", 0.5)  # the model vetoes
    assert joined(identity, likely, "confirm", 0.5)
    # what was done during an occasion is part of it by the guideline, not a MEANTIME chain
    assert joined(["during_occasion"], unlikely, "confirm", 0.5)
    assert joined([], likely, "decide", 0.5) and not joined(identity, unlikely, "decide", 0.5)


def test_a_document_coreference_asks_the_model_only_when_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "Donald Trump met Vladimir Putin on Friday. Trump said the talks were constructive."

    def corefs() -> set[int | None]:
        events = extract_events(TextAnalysis(text), tag(text, DCT), PUBLISHED)
        return {e.coref for e in events if e.statements or e.trigger in ("met", "talks")}

    monkeypatch.setattr(happenings, "coreference", lambda first, second: 0.0)
    monkeypatch.delenv(LEARNT_COREF_ENV, raising=False)
    assert len(corefs()) == 1  # the rules: met = the talks
    monkeypatch.setenv(LEARNT_COREF_ENV, "confirm")
    assert len(corefs()) == 2  # a model that says "never" vetoes it


def _write(path: Path, tokens: list[tuple[int, str]], markables: str, relations: str) -> None:
    path.write_text(
        '<Document doc_id="7">'
        + "".join(
            f'<token number="{i}" sentence="{s}" t_id="{i + 1}">{w}</token>'
            for i, (s, w) in enumerate(tokens)
        )
        + f"<Markables>{markables}</Markables><Relations>{relations}</Relations></Document>",
        encoding="utf-8",
    )


def test_a_meantime_file_gives_each_event_its_happening(tmp_path: Path) -> None:
    words = "Apple sued Cisco on Friday . The lawsuit was filed in court ."
    tokens = [(0, "Apple"), (0, "sues"), (0, "Cisco"), (1, "May"), (1, "5"), (1, ",")]
    tokens += [(1, "2007")] + [(2, w) for w in words.split()]
    sued, lawsuit, filed = 9, 16, 18  # t_ids of "sued", "lawsuit", "filed"
    markables = (
        '<TIMEX3 m_id="1" functionInDocument="CREATION_TIME" value="2007-05-05">'
        + "".join(f'<token_anchor t_id="{t}"/>' for t in (4, 5, 6, 7))
        + "</TIMEX3>"
        + "".join(
            f'<EVENT_MENTION m_id="{m}"><token_anchor t_id="{t}"/></EVENT_MENTION>'
            for m, t in ((10, 2), (11, sued), (12, lawsuit), (13, filed))
        )
        + '<EVENT m_id="20" instance_id="OTH1"/><EVENT m_id="21"/>'
    )
    relations = (
        '<REFERS_TO r_id="1"><source m_id="10"/><source m_id="11"/><source m_id="12"/>'
        '<target m_id="20"/></REFERS_TO>'
        '<REFERS_TO r_id="2"><source m_id="13"/><target m_id="21"/></REFERS_TO>'
    )
    path = tmp_path / "7_Apple_sues_Cisco.xml"
    _write(path, tokens, markables, relations)
    chains = gold_happenings(ET.parse(path).getroot(), path.stem)
    assert chains == {"10": "OTH1", "11": "OTH1", "12": "OTH1", "13": "7_Apple_sues_Cisco#21"}
    (doc,) = read_documents([path])
    assert "May 5" not in doc.text  # the date line is the DCT, not text
    by_trigger = {e.trigger: g for e, g in zip(doc.events, doc.gold, strict=True)}
    assert by_trigger.get("sued") == "OTH1"
    assert len(doc.mentions) == len(doc.events) == len(doc.gold)


def test_the_apple_articles_have_chains_within_documents(meantime_dir: Path) -> None:
    docs = read_documents(sorted(meantime_dir.glob("*.xml"))[:6])
    gold = [g for d in docs for g in d.gold if g is not None]
    assert len(gold) > 20  # most timed events sit on a gold event mention
    assert len(gold) > len(set(gold))  # and some mentions share a happening
