"""The office-holder table (world knowledge, ``timeline/dating/data/office_holders.json``):
per office, terms neither overlap nor leave a gap that the table does not explain."""

from __future__ import annotations

import json
from datetime import date, timedelta
from importlib import resources
from typing import Any

import pytest

from timeline.dating.offices import office_holders

_RAW: dict[str, Any] = json.loads(
    resources.files("timeline.dating").joinpath("data/office_holders.json").read_text("utf-8")
)
# a month between two holders is a hand-over (an election, a swearing-in), not a gap
_HAND_OVER = timedelta(days=31)


def _issues(office: dict[str, Any]) -> set[tuple[str, str]]:
    """The gaps and overlaps along an office's terms in time order, as (from, to)."""
    terms = sorted(
        (date.fromisoformat(s), date.fromisoformat(e) if e else date.max)
        for holder in office["holders"]
        for s, e in holder["terms"]
    )
    issues = set()
    covered = terms[0][1]  # the office is held until then
    for start, end in terms[1:]:
        if start < covered:
            issues.add((start.isoformat(), min(end, covered).isoformat()))  # overlap
        elif start - covered > _HAND_OVER:
            issues.add((covered.isoformat(), start.isoformat()))  # gap
        covered = max(covered, end)
    return issues


@pytest.mark.parametrize("office", _RAW["offices"], ids=lambda o: o["office"])
def test_terms_do_not_overlap_or_leave_unexplained_gaps(office: dict[str, Any]) -> None:
    explained = {(e["from"], e["to"]) for e in office.get("explained", ())}
    assert all(e["why"] for e in office.get("explained", ()))
    issues = _issues(office)
    assert issues - explained == set(), "unexplained gap or overlap"
    assert explained - issues == set(), "an explanation for a gap that is not there"


def test_the_table_states_its_source_and_marks_what_is_uncertain() -> None:
    assert "Wikipedia" in _RAW["source"]
    uncertain = [
        (o["office"], h["person"], h["terms"][-1])
        for o in _RAW["offices"]
        for h in o["holders"]
        if "uncertain" in h
    ]
    assert uncertain, "2025-26 entries not checked against a source are marked"
    # only what happened in 2025-26 is uncertain
    for _, _, (start, end) in uncertain:
        assert end is None or end >= "2025-01-01" or start >= "2025-01-01"


def test_an_uncertain_end_is_left_open_for_dating() -> None:
    (maduro,) = [h for h in office_holders() if h.person == "Nicolás Maduro"]
    assert maduro.terms[-1][1] is None
