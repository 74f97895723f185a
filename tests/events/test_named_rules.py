"""Every named rule of roles, anchoring and participant types has examples
(``fixtures/events/{roles,anchoring,participant_types}.jsonl``), each decided by that rule;
and every rule has at least one example, so a rule nobody can show is a rule to drop."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from timeline.analysis import TextAnalysis
from timeline.events import anchoring, participant_types, roles
from timeline.events.extract import event_mentions
from timeline.model import Granularity, Interval, Provenance, PublicationDate
from timeline.temporal import tag

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "events"
DCT = date(2025, 2, 9)  # a Sunday
PUBLISHED = PublicationDate(
    Interval(DCT, date(2025, 2, 10), Granularity.DAY), DCT, 1.0, Provenance.METADATA
)


def _examples(name: str) -> list[dict[str, Any]]:
    lines = (FIXTURES / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _mention(text: str, trigger: str) -> Any:
    mentions = event_mentions(TextAnalysis(text), tag(text, DCT), PUBLISHED)
    found = [m for m in mentions if m.trigger.text == trigger]
    assert found, (trigger, [m.trigger.text for m in mentions])
    return found[0]


@pytest.mark.parametrize("example", _examples("roles"), ids=lambda e: e["rule"])
def test_role_examples(example: dict[str, Any]) -> None:
    m = _mention(example["text"], example["trigger"])
    assert (m.role.value, m.role_rule) == (example["role"], example["rule"])


@pytest.mark.parametrize("example", _examples("anchoring"), ids=lambda e: e["rule"])
def test_anchoring_examples(example: dict[str, Any]) -> None:
    m = _mention(example["text"], example["trigger"])
    assert m.anchor is not None
    assert (m.anchor.rule, m.anchor.value) == (example["rule"], example["value"])


@pytest.mark.parametrize("example", _examples("participant_types"), ids=lambda e: e["rule"])
def test_participant_type_examples(example: dict[str, Any]) -> None:
    kind, rule = participant_types.participant_type(example["name"], [example["context"]])
    assert (kind.value, rule) == (example["type"], example["rule"])


@pytest.mark.parametrize(
    ("name", "rules"),
    [
        ("roles", [r.name for r in roles.RULES]),
        ("anchoring", [r.name for r in anchoring.RULES if r.name != "recent_occasion"]),
        ("participant_types", [r.name for r in participant_types.RULES] + ["acronym"]),
    ],
)
def test_every_rule_has_an_example(name: str, rules: list[str]) -> None:
    shown = {e["rule"] for e in _examples(name)}
    assert set(rules) <= shown, set(rules) - shown
