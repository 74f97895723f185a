"""``/events``: a page of timeline entries overlapping a period, filtered and sorted."""

from __future__ import annotations

from typing import Any

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import RAISE

from api.caching import conditional, snapshot_revision
from api.context import get_store
from api.resources._entries import events_response, json_response, query_entries
from api.schemas import EntryPageSchema, EntrySchema, EventsQuerySchema

blp = Blueprint("events", __name__, description="Search the happenings on the timeline.")


@blp.route("/events")
class Events(MethodView):
    @conditional(snapshot=True)
    # unknown=RAISE: a misspelt filter (?form=2025) must fail, not return everything.
    @blp.arguments(EventsQuerySchema(), location="query", unknown=RAISE, as_kwargs=False)
    @blp.response(200, EntryPageSchema)
    @blp.alt_response(304, response="NOT_MODIFIED")
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
    def get(self, args: dict[str, Any]) -> Response:
        """Find events

        A page of timeline entries whose interval overlaps (`mode=overlaps`) or lies
        within (`mode=within`) the range from `start` to `end`. Both bounds are inclusive
        and cover their whole period: `start=2025-08&end=2025-08` is all of August 2025.
        An entry of coarser granularity (e.g. "2025") overlapping the range is included
        in `overlaps` mode. Pages hold `limit` entries (default 50); follow `next` (or
        the `Link: rel="next"` header) for the next one. Responses carry a weak ETag:
        revalidate with `If-None-Match` to get 304 when nothing changed.
        """
        entries, cursor = query_entries(args, paged=True)
        return events_response(entries, cursor)


@blp.route("/events/<int(min=1, max=2147483647):entry_id>")
class Event(MethodView):
    @conditional(snapshot=True)
    @blp.response(200, EntrySchema)
    @blp.alt_response(304, response="NOT_MODIFIED")
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, entry_id: int) -> Response:
        """Get one event

        One timeline entry, as in `/events` and `/timeline` (the page links each entry
        here). Entry ids are stable while the entry exists; an entry disappears when its
        last source document is deleted, or merges away when re-dating joins it to another.
        """
        revision, record = get_store().entry_record(entry_id)
        if record is None:
            abort(404, message=f"There is no event with id {entry_id}.")
        snapshot_revision(revision)
        return json_response(record)
