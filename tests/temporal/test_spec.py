"""The text form of ``Spec`` (stored as ``underspecified``) parses back to the same spec,
direction included (a fully specified value's too: dating reads it)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.temporal import analyse, mention_of, resolve_mentions, tag
from timeline.temporal.resolve import Reference
from timeline.temporal.spec import Direction, Spec, parse_spec

from .corpus import CORPUS, Case


@pytest.mark.parametrize(
    "text",
    [
        "abs 2019-06-28",
        "abs 199",
        "abs 2023 dir=past",
        "fill XXXX-06-14 dir=past",
        "fill XXXX-Q3 dir=future",
        "weekday 2 dir=near",
        "weekday 6 this dir=near",
        "weekday 5 dir=future time=T15:00",
        "weekend dir=past",
        "within XXXX-H2 year 0 dir=future",
        "holiday victory_day china dir=future",
        "shift week -1 dir=past",
        "anaphor day 1 dir=past time=MO",
        "ref PAST_REF",
        "dur P3.5Y",
        "set XXXX-WXX-1",
        "alt fill XXXX-02 dir=past ; fill XXXX-03 dir=past",
        "range abs 2019 ; abs 2021",
        "offset year -1 (anaphor month 0 dir=past)",
        "nth week -1 (fill XXXX-03 dir=past)",
        "offset year -1 (nth day 1 (abs 2024-03))",
    ],
)
def test_text_form_round_trip(text: str) -> None:
    spec = parse_spec(text)
    assert str(spec) == text
    assert parse_spec(str(spec)) == spec


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in CORPUS])
def test_corpus_specs_round_trip(case: Case) -> None:
    """Every spec the recogniser produces on the corpus survives its text form, and
    re-resolving the stored form gives the same values (what the pipeline does when a
    publication date changes)."""
    text, dct = case.text, date.fromisoformat(case.dct)
    mentions = analyse(text)
    for mention in mentions:
        assert parse_spec(str(mention.spec)) == mention.spec, str(mention.spec)
    expressions = tag(text, dct)
    again = resolve_mentions([mention_of(e) for e in expressions], Reference.of(dct))
    assert [e.value for e in again] == [e.value for e in expressions]


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzXQWT0123456789-_:.", min_size=1, max_size=8)
_LEAF = st.builds(
    Spec,
    op=st.sampled_from(["abs", "fill", "weekday", "shift", "anaphor", "within", "weekend"]),
    args=st.lists(_WORD.filter(lambda w: not w.startswith(("dir=", "time="))), max_size=3).map(
        tuple
    ),
    direction=st.sampled_from(list(Direction)),
    time=st.sampled_from(["", "MO", "NI", "T14:30", "T24:00"]),
)


@settings(max_examples=200, deadline=None)
@given(_LEAF)
def test_any_leaf_spec_round_trips(spec: Spec) -> None:
    assert parse_spec(str(spec)) == spec


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["alt", "range"]), st.lists(_LEAF, min_size=2, max_size=3))
def test_any_composite_spec_round_trips(op: str, parts: list[Spec]) -> None:
    direction = parts[0].direction
    spec = Spec(op, parts=tuple(p.with_direction(direction) for p in parts), direction=direction)
    assert parse_spec(str(spec)) == spec


def test_malformed_specs_are_rejected() -> None:
    for text in (
        "",
        "   ",
        "alt fill XXXX-02 dir=past",
        "weekday 1 dir=sideways",
        "offset year -1 anaphor month 0",
        "nth (abs 2024)",
    ):
        with pytest.raises(ValueError):
            parse_spec(text)
