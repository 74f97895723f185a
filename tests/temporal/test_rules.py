"""The grammar's rules and their examples: every rule and composer of a family has an
example in the family's fixture file on which it wins (the example names it in ``rule``),
and the family modules and fixture files match one to one."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from timeline.temporal.grammar import Composer, Rule
from timeline.temporal.recognise import recognise
from timeline.temporal.rules import FAMILIES, composers, rules

from .corpus import CORPUS, FIXTURES

# examples that no rule may match (they guard every family), and examples of what the
# tagger decides beyond recognising: the direction read from the clause, the anchor
RULELESS_FAMILIES = {"negatives", "tense", "resolution"}


def _named_in_examples() -> dict[str, set[str]]:
    """For each rule or composer name, the families whose examples name it in a ``rule``
    label (``ago(duration)`` names both ``ago`` and ``duration``)."""
    named: dict[str, set[str]] = defaultdict(set)
    for case in CORPUS:
        if case.xfail:
            continue
        for want in case.expect:
            for name in re.findall(r"[\w-]+", want.get("rule", "")):
                named[name].add(case.family)
    return named


GRAMMAR: list[Rule | Composer] = [*rules(), *composers()]


def test_families_match_fixture_files() -> None:
    files = {p.stem for p in FIXTURES.glob("*.jsonl")}
    assert set(FAMILIES) == files - RULELESS_FAMILIES
    assert {r.family for r in GRAMMAR} == set(FAMILIES)


def test_names_are_unique() -> None:
    names = [r.name for r in GRAMMAR]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("item", GRAMMAR, ids=[r.name for r in GRAMMAR])
def test_rule_has_an_example_in_its_family(item: Rule | Composer) -> None:
    """Its family's fixture file labels an example with it; ``test_corpus`` checks that
    the rule named in the label is the one that wins there."""
    assert item.family in _named_in_examples().get(item.name, set()), (
        f"{item.name}: no example in fixtures/temporal/{item.family}.jsonl is labelled with it"
    )


def test_every_label_names_a_rule() -> None:
    known = {r.name for r in GRAMMAR}
    unknown = {name for name in _named_in_examples() if name not in known}
    assert not unknown


def test_mentions_record_their_rule() -> None:
    found = recognise("About three weeks ago, on June 14, at 3 p.m. Friday, in 2019 or 2020.")
    assert [m.rule for m in found] == [
        "ago(approx(duration))",
        "month-day",
        "clock-day(clock, weekday)",
        "alternative(year, year)",
    ]
