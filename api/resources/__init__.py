"""The API's blueprints, one per resource, all mounted under ``/api/v1``."""

from __future__ import annotations

from flask_smorest import Api, Blueprint

from api.auth import SECURITY_SCHEME
from api.resources import documents, entities, events, jobs, tag, timeline
from api.schemas import DocumentInputSchema, EntrySchema, TimelineJSSchema, VisItemSchema

BLUEPRINTS: tuple[Blueprint, ...] = (
    documents.blp,
    events.blp,
    timeline.blp,
    entities.blp,
    tag.blp,
    jobs.blp,
)
# Open to anyone (no API key) and costly: limited per client (``api.ratelimit``).
RATE_LIMITED = [tag.blp]


def register_spec_components(api: Api) -> None:
    """Register what hand-written parts of the spec refer to by name.

    The documents POST body is "one object or an array", and the timeline's JSON body is
    one of three shapes (``format``), which ``Blueprint.arguments``/``response`` cannot
    express, so those parts refer to these components by name.  The bearer scheme backs
    the ``security`` of write operations (``api.auth``).
    """
    api.spec.components.schema(documents.DOCUMENT_INPUT, schema=DocumentInputSchema)
    api.spec.components.schema("Entry", schema=EntrySchema)
    api.spec.components.schema("TimelineJS", schema=TimelineJSSchema)
    api.spec.components.schema("VisItem", schema=VisItemSchema)
    api.spec.components.security_scheme(
        SECURITY_SCHEME,
        {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "The server's API key (TIMELINE_API_KEY). Needed for writes only, and only "
                "when the server has a key."
            ),
        },
    )
