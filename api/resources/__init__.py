"""The API's blueprints, one per resource, all mounted under ``/api/v1``."""

from __future__ import annotations

from flask_smorest import Api, Blueprint

from api.resources import documents, entities, events, timeline
from api.schemas import DocumentInputSchema

BLUEPRINTS: tuple[Blueprint, ...] = (documents.blp, events.blp, timeline.blp, entities.blp)


def register_spec_components(api: Api) -> None:
    """Register schemas referenced by hand-written parts of the spec.

    The documents POST body is "one object or an array", which ``Blueprint.arguments``
    cannot express, so its ``requestBody`` refers to this component by name.
    """
    api.spec.components.schema(documents.DOCUMENT_INPUT, schema=DocumentInputSchema)
