"""``/timeline``: the ordered timeline, as ``timeline dump`` prints it, in every format."""

from __future__ import annotations

from typing import Any

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import RAISE

from api.caching import conditional
from api.resources._entries import query_entries, streamed_entries, streams, timeline_response
from api.schemas import TimelineQuerySchema
from timeline.export.formats import FORMATS

blp = Blueprint("timeline", __name__, description="The ordered event timeline.")

# One 200 response, several representations (``format``): documented by hand because
# ``Blueprint.response`` takes one schema and one media type.
TIMELINE_CONTENT: dict[str, Any] = {
    "application/json": {
        "schema": {
            "anyOf": [
                {"type": "array", "items": {"$ref": "#/components/schemas/Entry"}},
                {"$ref": "#/components/schemas/TimelineJS"},
                {"type": "array", "items": {"$ref": "#/components/schemas/VisItem"}},
            ]
        }
    },
    "text/csv": {"schema": {"type": "string"}},
    "text/plain": {"schema": {"type": "string"}},
}
TIMELINE_RESPONSES: dict[str, Any] = {
    "200": {
        "description": "The entries, in the export `format` asked for: "
        + "; ".join(f"`{f.name}`: {f.description}" for f in FORMATS.values()),
        "content": TIMELINE_CONTENT,
    }
}


def is_paged(args: dict[str, Any]) -> bool:
    """The timeline is paged only when the client asks (``limit`` or ``cursor``)."""
    return args.get("limit") is not None or args.get("cursor") is not None


@blp.route("/timeline")
class Timeline(MethodView):
    @conditional(snapshot=True)
    # unknown=RAISE: a misspelt filter (?form=2025) must fail, not return everything.
    @blp.arguments(TimelineQuerySchema(), location="query", unknown=RAISE, as_kwargs=False)
    @blp.response(200)
    @blp.doc(responses=TIMELINE_RESPONSES)
    @blp.alt_response(304, response="NOT_MODIFIED")
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
    def get(self, args: dict[str, Any]) -> Response:
        """Get the timeline

        Entries in timeline order (interval start, then end, then creation), with the same
        filters as `/events`. With `format=json` (default) and no `limit`/`cursor` it is
        exactly the array of the CLI's `timeline dump --format json`; `format` picks
        another export (any of the CLI's `--format`s). Given `limit` or `cursor`, the
        response is one page in the same format and `Link: <...>; rel="next"` points at
        the next one.
        """
        if not is_paged(args) and streams(args):  # the whole array: streamed
            return streamed_entries(args)
        entries, cursor = query_entries(args, paged=is_paged(args))
        return timeline_response(entries, cursor, args["format"])
