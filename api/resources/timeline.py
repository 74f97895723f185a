"""``/timeline``: the ordered timeline, as ``timeline dump --format json`` prints it."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import RAISE

from api.resources._entries import query_entries
from api.schemas import EntryQuerySchema, EntrySchema

blp = Blueprint("timeline", __name__, description="The ordered event timeline.")


@blp.route("/timeline")
class Timeline(MethodView):
    # unknown=RAISE: a misspelt filter (?form=2025) must fail, not return everything.
    @blp.arguments(EntryQuerySchema, location="query", unknown=RAISE, as_kwargs=False)
    @blp.response(200, EntrySchema(many=True))
    def get(self, args: dict[str, Any]) -> list[dict[str, Any]]:
        """Get the timeline

        Entries in timeline order (interval start, then end, then creation), the same array
        as the CLI's `timeline dump --format json`, with the same optional filters as
        `/events`.
        """
        return query_entries(args)
