"""``/documents``: post articles to ingest, list them, and inspect what was read from one."""

from __future__ import annotations

import http
from typing import Any

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint, abort

from api.context import get_store
from api.schemas import DocumentDetailSchema, DocumentSchema, IngestedSchema
from timeline.export.records import document_record, expression_record
from timeline.ingest.readers import IngestError, read_json_payload
from timeline.model import Document, Event
from timeline.pipeline import ingest_documents
from timeline.store import IngestResult

blp = Blueprint(
    "documents",
    __name__,
    description="Ingest news articles and inspect what the pipeline read from each.",
)

DOCUMENT_INPUT = "DocumentInput"
# The payload's source name for the reader (the CLI passes the file name): documents
# posted without a ``name`` are called "api" (one object) or "api#1", "api#2"... (a list).
PAYLOAD_NAME = "api"

_REQUEST_BODY = {
    "required": True,
    "description": "One article, or a non-empty array of articles.",
    "content": {
        "application/json": {
            "schema": {
                "oneOf": [
                    {"$ref": f"#/components/schemas/{DOCUMENT_INPUT}"},
                    {
                        "type": "array",
                        "minItems": 1,
                        "items": {"$ref": f"#/components/schemas/{DOCUMENT_INPUT}"},
                    },
                ]
            },
            "example": {
                "title": "Trump and Putin meet in Alaska",
                "published": "2025-08-16",
                "text": "On August 15, 2025, Donald Trump met Vladimir Putin in Alaska.",
            },
        }
    },
}


def _status(code: int) -> str:
    """The name of flask-smorest's response component for ``code``.

    Looked up rather than spelled out because Python renames some members (413 became
    CONTENT_TOO_LARGE in 3.13).
    """
    return http.HTTPStatus(code).name


def event_record(event: Event) -> dict[str, Any]:
    """An extracted event as JSON (``EventSchema``).

    ``timeline.export.records`` has no event form yet; keep this one next to the schema.
    """
    interval = event.interval
    return {
        "trigger": event.trigger,
        "sentence": event.sentence,
        "char_start": event.char_start,
        "char_end": event.char_end,
        "participants": list(event.participants),
        "start": interval.start.isoformat() if interval else None,
        "end": interval.end.isoformat() if interval else None,
        "value": event.value,
        "anchoring": event.anchoring.value,
    }


def _read_payload() -> list[Document]:
    """The JSON body as documents, or a 415/400/422 problem.

    ``request.get_json`` raises 415 for a non-JSON content type and 400 for malformed JSON.
    The ingest reader is the only validator of the body, so the API accepts exactly what
    ``timeline ingest`` accepts in a JSON file (field aliases included).  Its error names
    the offending list item as ``api#<n>`` (1-based), which means nothing to an HTTP
    client; it becomes the 0-based index key of ``errors.json``, the usual shape for
    per-item validation errors.
    """
    payload = request.get_json()
    try:
        return read_json_payload(PAYLOAD_NAME, payload)
    except IngestError as exc:
        _, _, item = exc.source.partition("#")
        if item.isdigit():
            index = int(item) - 1
            abort(
                422,
                message=f"The document at index {index} is invalid: {exc.reason}.",
                errors={"json": {str(index): [exc.reason]}},
            )
        abort(422, message=f"The body is invalid: {exc.reason}.", errors={"json": [exc.reason]})


def _stored_name(result: IngestResult, posted: Document) -> str:
    """The name of the document ``result`` refers to.

    A duplicate keeps the name it was first stored under, whatever the new post called it,
    so ``{id, name}`` always describes the same stored document as ``GET /documents/<id>``.
    """
    if result.created:
        return posted.name
    record = get_store().document(result.document_id)
    return record.analysed.document.name if record is not None else posted.name


@blp.route("/documents")
class Documents(MethodView):
    @blp.response(200, DocumentSchema(many=True))
    def get(self) -> list[dict[str, Any]]:
        """List stored documents

        In id (ingestion) order, each with its publication-date estimate.
        """
        return [document_record(d) for d in get_store().documents()]

    @blp.doc(requestBody=_REQUEST_BODY)
    @blp.response(201, IngestedSchema(many=True))
    @blp.alt_response(400, response=_status(400))
    @blp.alt_response(413, response=_status(413))
    @blp.alt_response(415, response=_status(415))
    @blp.alt_response(422, response=_status(422))
    def post(self) -> list[dict[str, Any]]:
        """Ingest articles

        Each article is dated, tagged and mined for events, and stored in its own
        transaction. Posting text that is already stored is a no-op reported as
        `created: false` with the stored document's id and name, so retrying a request
        that failed half-way is safe. Results are in request order. The whole body is
        validated before anything is stored.
        """
        documents = _read_payload()
        results = ingest_documents(get_store(), documents)
        return [
            {
                "id": result.document_id,
                "name": _stored_name(result, document),
                "created": result.created,
            }
            for document, result in zip(documents, results, strict=True)
        ]


@blp.route("/documents/<int:document_id>")
class DocumentDetail(MethodView):
    @blp.response(200, DocumentDetailSchema)
    @blp.alt_response(404, response=_status(404))
    def get(self, document_id: int) -> dict[str, Any]:
        """Get one document

        Its text, and the temporal expressions and events the pipeline found in it.
        """
        record = get_store().document(document_id)
        if record is None:
            abort(404, message=f"There is no document with id {document_id}.")
        analysed = record.analysed
        document = analysed.document
        return {
            **document_record(document),
            "text": document.text,
            "url": document.url,
            "expressions": [expression_record(e) for e in analysed.expressions],
            "events": [event_record(e) for e in analysed.events],
        }
