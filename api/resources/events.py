"""``/events``: timeline entries overlapping a period, filtered by entity or text."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import RAISE

from api.resources._entries import query_entries
from api.schemas import EntryQuerySchema, EntrySchema

blp = Blueprint("events", __name__, description="Search the happenings on the timeline.")


@blp.route("/events")
class Events(MethodView):
    # unknown=RAISE: a misspelt filter (?form=2025) must fail, not return everything.
    @blp.arguments(EntryQuerySchema, location="query", unknown=RAISE, as_kwargs=False)
    @blp.response(200, EntrySchema(many=True))
    def get(self, args: dict[str, Any]) -> list[dict[str, Any]]:
        """Find events

        Timeline entries whose interval overlaps the range from `start` to `end`. Both
        bounds are inclusive and cover their whole period: `start=2025-08&end=2025-08` is
        all of August 2025. An entry of coarser granularity (e.g. "2025") overlapping the
        range is included.
        """
        return query_entries(args)
