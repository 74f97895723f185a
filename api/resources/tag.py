"""``/tag``: the temporal tagger as a service, without storing anything."""

from __future__ import annotations

import http
from typing import Any

from flask import Response, current_app
from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import RAISE

from api.errors import require_json
from api.resources._entries import json_response
from api.schemas import ExpressionDetailSchema, TagRequestSchema
from timeline.export.records import expression_detail_record

# The longest text one request may ask to tag (characters): tagging is linear in the
# text, so this bounds what an anonymous request costs.
TAG_MAX_CONFIG = "TIMELINE_TAG_MAX_CHARS"
DEFAULT_TAG_MAX_CHARS = 100_000

blp = Blueprint("tag", __name__, description="Tag and resolve temporal expressions in a text.")


@blp.route("/tag")
class Tag(MethodView):
    @require_json
    @blp.arguments(TagRequestSchema, unknown=RAISE, as_kwargs=False)
    @blp.response(200, ExpressionDetailSchema(many=True))
    @blp.alt_response(400, response="BAD_REQUEST")
    @blp.alt_response(413, response=http.HTTPStatus(413).name)
    @blp.alt_response(415, response="UNSUPPORTED_MEDIA_TYPE")
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
    @blp.alt_response(429, response=http.HTTPStatus(429).name)
    def post(self, body: dict[str, Any]) -> Response:
        """Tag a text

        The temporal expressions of `text` in text order, as `timeline tag --format json`
        prints them plus `mod` and `underspecified`, resolved against `dct` (the document
        creation time) when given. Reads and writes no store; open without an API key,
        so limited per client (`TIMELINE_TAG_RATE_LIMIT`, 429 with `Retry-After` above it)
        and in size (`TIMELINE_TAG_MAX_CHARS` characters, 413 above it).
        """
        from timeline.temporal import tag

        limit = current_app.config[TAG_MAX_CONFIG]
        if len(body["text"]) > limit:
            abort(
                413,
                message=f"The text is {len(body['text']):,} characters long; this server "
                f"tags at most {limit:,} per request ({TAG_MAX_CONFIG}).",
            )

        expressions = tag(body["text"], body.get("dct"))
        return json_response([expression_detail_record(e) for e in expressions])
