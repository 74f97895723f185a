"""The temporal corpus (fixtures/temporal/*.jsonl), one test per example.

Each example lists every expression the tagger must find in its text, with the exact span,
TIMEX3 type and TimeML value (and ``mod`` and the grammar ``rule`` that must win, when the
example gives them).  An example marked
``"xfail": "reason"`` documents a known gap and must keep failing (strict), so a fix shows
up as XPASS and the mark gets removed.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import pytest

from timeline.model import TemporalExpression
from timeline.temporal import tag

from .corpus import CORPUS, Case

FAMILIES = {
    "dates_absolute",
    "months_years",
    "weekdays_tense",
    "relative_deictic",
    "anaphoric",
    "modifiers",
    "ranges_alternatives",
    "decades_centuries_quarters_seasons",
    "holidays",
    "times",
    "durations",
    "sets",
    "vague_refs",
    "negatives",
    "tense",
    "resolution",
}


def _params() -> list[Any]:
    return [
        pytest.param(
            case,
            id=case.id,
            marks=[pytest.mark.xfail(reason=case.xfail, strict=True)] if case.xfail else [],
        )
        for case in CORPUS
    ]


def _observed(expr: TemporalExpression, want: dict[str, Any]) -> dict[str, Any]:
    got: dict[str, Any] = {"text": expr.text, "type": str(expr.type), "value": expr.value}
    if "mod" in want:
        got["mod"] = expr.mod
    if "rule" in want:
        got["rule"] = expr.rule
    return got


@pytest.mark.parametrize("case", _params())
def test_example(case: Case) -> None:
    found = tag(case.text, date.fromisoformat(case.dct))
    expected = [dict(e) for e in case.expect]
    # Compare pairwise so that a mod or a rule is checked only where the example states one.
    observed = [
        _observed(expr, want)
        for expr, want in zip(found, expected + [{}] * len(found), strict=False)
    ]
    assert observed == expected, f"{case.text!r} (dct {case.dct})"


def test_corpus_shape() -> None:
    """Every family is present, the corpus is large enough and known gaps stay rare."""
    families = Counter(case.family for case in CORPUS)
    assert set(families) == FAMILIES
    assert len(CORPUS) >= 250
    assert sum(1 for case in CORPUS if case.xfail) <= 0.05 * len(CORPUS)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in CORPUS])
def test_example_is_well_formed(case: Case) -> None:
    """Expected spans occur in the text, in order, and carry the fields the test reads."""
    date.fromisoformat(case.dct)
    position = 0
    for want in case.expect:
        assert set(want) <= {"text", "type", "value", "mod", "rule"}
        assert want["type"] in ("DATE", "TIME", "DURATION", "SET")
        assert want["value"]
        at = case.text.find(want["text"], position)
        assert at >= 0, f"{want['text']!r} not found after offset {position}"
        position = at + len(want["text"])
    if case.family == "negatives":
        assert case.expect == [] or case.xfail
