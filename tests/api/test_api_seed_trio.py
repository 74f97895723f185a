"""The three seed reports of one meeting in Beijing share its week, at ingest and after a
PATCH on any one of them: the narrowing flows from the pinned report to its sisters, and
from them back, and every record carries the most likely day (``published.point``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from flask.testing import FlaskClient

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TRIO = ("000", "001", "002")  # the Putin-Fico meeting in Beijing, Tuesday 2 September 2025
WEEK = (date(2025, 9, 1), date(2025, 9, 8))  # ISO week 36 of 2025, end exclusive


def _ingest(client: FlaskClient) -> dict[str, int]:
    payload = [
        {"name": f.name, "text": f.read_text(encoding="utf-8")} for f in sorted(SEEDS.glob("*.txt"))
    ]
    response = client.post("/api/v1/documents", json=payload)
    assert response.status_code == 201, response.get_json()
    return {item["name"][:3]: item["id"] for item in response.get_json()}


def _published(client: FlaskClient, document_id: int) -> dict[str, Any]:
    response = client.get(f"/api/v1/documents/{document_id}")
    assert response.status_code == 200
    published = response.get_json()["published"]
    assert published is not None
    return dict(published)


def _in_the_week(published: dict[str, Any]) -> bool:
    start, end = date.fromisoformat(published["start"]), date.fromisoformat(published["end"])
    point = date.fromisoformat(published["point"])
    return WEEK[0] <= start <= point < end <= WEEK[1] and published["value"] in (
        "2025-W36",
        published["start"],
    )


def test_the_trio_shares_the_week_at_ingest(client: FlaskClient) -> None:
    ids = _ingest(client)
    for key in TRIO:
        assert _in_the_week(_published(client, ids[key])), (key, _published(client, ids[key]))


def test_a_patch_on_any_sister_keeps_all_three_in_the_week(client: FlaskClient) -> None:
    ids = _ingest(client)
    before = {key: _published(client, ids[key]) for key in TRIO}
    for pinned, day in (("001", "2025-09-03"), ("000", "2025-09-02")):
        response = client.patch(f"/api/v1/documents/{ids[pinned]}", json={"published": day})
        assert response.status_code == 200, response.get_json()
        after = {key: _published(client, ids[key]) for key in TRIO}
        assert after[pinned]["point"] == day and after[pinned]["provenance"] == "user"
        for key in TRIO:
            assert _in_the_week(after[key]), (pinned, key, after[key])
            # a pin narrows its sisters or leaves them, never widens them
            width = date.fromisoformat(after[key]["end"]) - date.fromisoformat(after[key]["start"])
            was = date.fromisoformat(before[key]["end"]) - date.fromisoformat(before[key]["start"])
            assert width <= was, (pinned, key, before[key], after[key])
        before = after
