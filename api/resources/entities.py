"""``/entities``: who and what the timeline is about, and each one's own timeline."""

from __future__ import annotations

from typing import Any

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import RAISE

from api.caching import conditional
from api.context import get_store
from api.resources._entries import (
    json_response,
    query_entries,
    streamed_entries,
    streams,
    timeline_response,
)
from api.resources.timeline import TIMELINE_RESPONSES, is_paged
from api.schemas import EntitySchema, EntityTimelineQuerySchema
from timeline.ingest.limits import NUL

blp = Blueprint("entities", __name__, description="The entities named in timeline entries.")


@blp.route("/entities")
class Entities(MethodView):
    @conditional
    @blp.response(200, EntitySchema(many=True))
    @blp.alt_response(304, response="NOT_MODIFIED")
    def get(self) -> Response:
        """List entities

        Each entity with the number of timeline entries involving it, most frequent first;
        pass a name as `entity` to `/events`, or use `/entities/{name}/timeline`, to see
        those entries.
        """
        return json_response(
            [{"name": name, "entries": count} for name, count in get_store().entities()]
        )


@blp.route("/entities/<path:name>/timeline")
class EntityTimeline(MethodView):
    @conditional(snapshot=True)
    @blp.arguments(EntityTimelineQuerySchema(), location="query", unknown=RAISE, as_kwargs=False)
    @blp.response(200)
    @blp.doc(responses=TIMELINE_RESPONSES)
    @blp.alt_response(304, response="NOT_MODIFIED")
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
    def get(self, args: dict[str, Any], name: str) -> Response:
        """Get an entity's timeline

        The timeline of the entries involving `name` (its whole name or its whole first
        or last words, case-insensitive: `putin` is Vladimir Putin), with the filters and
        formats of `/timeline`. 404 when no entry involves such an entity.
        """
        if NUL in name or not get_store().has_entity(name):  # no name holds a NUL
            abort(404, message=f"No timeline entry involves an entity named {name!r}.")
        if not is_paged(args) and streams(args):  # the whole array: streamed
            return streamed_entries(args, entity=name)
        entries, cursor = query_entries(args, paged=is_paged(args), entity=name)
        return timeline_response(entries, cursor, args["format"])
