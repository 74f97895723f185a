"""``/entities``: who and what the timeline is about, for building entity filters."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from api.context import get_store
from api.schemas import EntitySchema

blp = Blueprint("entities", __name__, description="The entities named in timeline entries.")


@blp.route("/entities")
class Entities(MethodView):
    @blp.response(200, EntitySchema(many=True))
    def get(self) -> list[dict[str, Any]]:
        """List entities

        Each entity with the number of timeline entries involving it, most frequent first;
        pass a name as `entity` to `/events` to see those entries.
        """
        return [{"name": name, "entries": count} for name, count in get_store().entities()]
