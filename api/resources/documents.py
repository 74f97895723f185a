"""``/documents``: post articles to ingest, list them, inspect, re-date and delete one."""

from __future__ import annotations

import http
from typing import Any

from flask import Response, current_app, request, url_for
from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import RAISE

from api.auth import write_access
from api.caching import conditional
from api.context import get_store
from api.errors import require_json
from api.pagination import add_next_link, document_cursor
from api.resources._entries import json_response
from api.resources.jobs import JobSchema, accept, accept_action, get_queue
from api.schemas import (
    DocumentDetailSchema,
    DocumentFormatQuerySchema,
    DocumentListQuerySchema,
    DocumentSchema,
    DocumentTextQuerySchema,
    IngestedSchema,
    IngestItemSchema,
    PublishedPatchSchema,
)
from timeline.export import timeml
from timeline.export.records import (
    document_record,
    event_record,
    expression_detail_record,
)
from timeline.ingest.jsonpayload import Item, check_published, json_items
from timeline.ingest.limits import MAX_DOCUMENT_CHARS_SETTING
from timeline.ingest.readers import IngestError, read_html, read_text
from timeline.model import Document
from timeline.pipeline import delete_document, ingest_documents, pin_publication_date
from timeline.store import DocumentRecord, IngestResult
from timeline.store.errors import UNAVAILABLE_ERRORS
from timeline.store.jobs import Action, ActionKind

blp = Blueprint(
    "documents",
    __name__,
    description="Ingest news articles, inspect what the pipeline read from each, re-date "
    "or delete them.",
)

DOCUMENT_INPUT = "DocumentInput"
# The payload's source name for the reader (the CLI passes the file name): documents
# posted without a ``name`` are called "api" (one object) or "api#1", "api#2"... (a list).
PAYLOAD_NAME = "api"
JSON_TYPES = ("application/json",)
TEXT_TYPES = ("text/plain", "text/html")

_REQUEST_BODY = {
    "required": True,
    "description": (
        "One article or a non-empty array of articles as JSON; or one article's text as "
        "`text/plain` or `text/html`, described by the `name`, `title`, `url` and "
        "`published` query arguments (which JSON bodies carry as fields instead)."
    ),
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
        },
        "text/plain": {
            "schema": {"type": "string", "minLength": 1},
            "example": "On August 15, 2025, Donald Trump met Vladimir Putin in Alaska.",
        },
        "text/html": {
            "schema": {"type": "string", "minLength": 1},
            "example": "<html><head><title>Alaska summit</title></head><body><p>On August "
            "15, 2025, Donald Trump met Vladimir Putin in Alaska.</p></body></html>",
        },
    },
}
# JSON or TimeML (``format``): written out because ``Blueprint.response`` takes one
# media type.
_DETAIL_RESPONSES = {
    "200": {
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/DocumentDetail"}},
            timeml.MEDIA_TYPE: {"schema": {"type": "string"}},
        }
    },
}


def _status(code: int) -> str:
    """The name of flask-smorest's response component for ``code``.

    Looked up rather than spelled out because Python renames some members (413 became
    CONTENT_TOO_LARGE in 3.13).
    """
    return http.HTTPStatus(code).name


def _invalid(exc: IngestError, location: str = "json") -> None:
    """A reader error as a 413 (too long) or 422 problem.

    The reader names the offending list item ``api#<n>`` (1-based), which means nothing to
    an HTTP client; it becomes the 0-based index key of ``errors.json``, the usual shape
    for per-item validation errors.
    """
    status = 413 if exc.too_large else 422
    _, _, item = exc.source.partition("#")
    if item.isdigit():
        index = int(_index(exc))
        abort(
            status,
            message=f"The document at index {index} is invalid: {exc.reason}.",
            errors={location: {str(index): [exc.reason]}},
        )
    abort(status, message=f"The body is invalid: {exc.reason}.", errors={location: [exc.reason]})


def _max_chars() -> int:
    return int(current_app.config[MAX_DOCUMENT_CHARS_SETTING])


def _read_json(described: dict[str, Any]) -> list[Item]:
    """A JSON body as documents, each list item read on its own: an item that cannot be
    read is its ``IngestError``, in its place, and does not stop the others.  The ingest
    reader is the only validator, so the API accepts exactly what ``timeline ingest``
    accepts in a JSON file (aliases included); ``get_json`` raises 400 for malformed JSON
    (``NaN`` and nesting too deep included: ``api.errors``)."""
    if described:
        abort(
            422,
            message="A JSON body carries name, title, url and published as fields, "
            "not as query arguments.",
            errors={"query": {name: ["Not allowed with a JSON body."] for name in described}},
        )
    payload = request.get_json()
    try:
        items = json_items(PAYLOAD_NAME, payload, max_chars=_max_chars())
    except IngestError as exc:  # no document at all (a number, an empty list)
        _invalid(exc)
        raise  # unreachable: abort raised
    if not isinstance(payload, list) and isinstance(items[0], IngestError):
        _invalid(items[0])  # one object: its own problem
    return items


def _read_text(mimetype: str, described: dict[str, Any]) -> list[Item]:
    """A ``text/plain`` or ``text/html`` body, read as ``timeline ingest`` reads such files,
    then described by the query arguments (which win over what the reader found)."""
    name = described.get("name") or PAYLOAD_NAME
    body = request.get_data()
    raw: bytes | str = body
    charset = request.mimetype_params.get("charset")
    if charset:
        try:
            raw = body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            abort(400, message=f"The body is not valid text in the declared charset {charset!r}.")
    read = read_html if mimetype == "text/html" else read_text
    try:
        document = read(name, raw, max_chars=_max_chars())
    except IngestError as exc:
        _invalid(exc, "body")
    if described.get("published"):
        try:
            document.metadata["published"] = check_published(name, described["published"])
        except IngestError as exc:
            _invalid(exc, "query")
    if described.get("title"):
        document.title = " ".join(described["title"].split())
    if described.get("url"):
        document.url = described["url"].strip()
    return [document]


def _read_documents(described: dict[str, Any]) -> list[Item]:
    """The body as documents (or, for list items that cannot be read, their errors),
    whatever its supported media type; 415 for others."""
    mimetype = request.mimetype
    if mimetype in JSON_TYPES:
        return _read_json(described)
    if mimetype in TEXT_TYPES:
        return _read_text(mimetype, described)
    abort(
        415,
        message="Send the article as application/json, text/plain or text/html"
        + (f", not {mimetype}." if mimetype else " (the request had no Content-Type)."),
    )
    raise AssertionError  # unreachable: abort raised


def _stored_name(result: IngestResult, posted: Document) -> str:
    """The name of the document ``result`` refers to.

    A duplicate keeps the name it was first stored under, whatever the new post called it,
    so ``{id, name}`` always describes the same stored document as ``GET /documents/<id>``.
    """
    if result.created:
        return posted.name
    record = get_store().document(result.document_id)
    return record.analysed.document.name if record is not None else posted.name


def detail_record(record: DocumentRecord) -> dict[str, Any]:
    """A stored document with its text, expressions (with their underspecified values),
    events and publication-date evidence."""
    analysed = record.analysed
    document = analysed.document
    return {
        **document_record(document),
        "text": document.text,
        "url": document.url,
        "expressions": [expression_detail_record(e) for e in analysed.expressions],
        "events": [event_record(e) for e in analysed.events],
    }


def _record_or_404(document_id: int) -> DocumentRecord:
    record = get_store().document(document_id)
    if record is None:
        abort(404, message=f"There is no document with id {document_id}.")
    assert record is not None
    return record


@blp.route("/documents")
class Documents(MethodView):
    @conditional
    @blp.arguments(DocumentListQuerySchema, location="query", unknown=RAISE, as_kwargs=False)
    @blp.response(200, DocumentSchema(many=True))
    @blp.alt_response(304, response=_status(304))
    @blp.alt_response(422, response=_status(422))
    def get(self, args: dict[str, Any]) -> Response:
        """List stored documents

        In id (ingestion) order, each with its publication-date estimate and evidence;
        `limit` per page (default 100), the next page in the `Link: <...>; rel="next"`
        header.
        """
        limit = args["limit"]
        documents = get_store().documents(limit=limit + 1, after=args.get("after"))
        cursor = None
        if len(documents) > limit:
            documents = documents[:limit]
            assert documents[-1].id is not None
            cursor = document_cursor(documents[-1].id)
        return add_next_link(json_response([document_record(d) for d in documents]), cursor)

    @write_access(blp)
    @blp.arguments(DocumentTextQuerySchema, location="query", unknown=RAISE, as_kwargs=False)
    @blp.doc(requestBody=_REQUEST_BODY)
    @blp.response(201, IngestedSchema(many=True))
    @blp.alt_response(207, schema=IngestItemSchema(many=True), description="Some items failed")
    @blp.alt_response(
        202,
        schema=JobSchema(many=True),
        description="With workers (a broker configured): the documents' jobs",
    )
    @blp.alt_response(400, response=_status(400))
    @blp.alt_response(413, response=_status(413))
    @blp.alt_response(415, response=_status(415))
    @blp.alt_response(422, response=_status(422))
    def post(self, described: dict[str, Any]) -> Response:
        """Ingest articles

        Each article is dated, tagged and mined for events. Posting text that is already
        stored is a no-op reported as `created: false` with the stored document's id and
        name, so retrying a request that failed half-way is safe. Results are in request
        order. A single new document's URL is in the `Location` header.

        A list is a batch: each item is validated and written on its own (all of its rows
        or none), and one article that cannot be read or stored never stops the others.
        When some fail, the answer is `207` with every item's own `status` (`201` created,
        `200` already stored, `413` too long, `422` unreadable, `500` failed), `error` and,
        for a failed item, its `problem` (RFC 9457); when none can be read, `413` or
        `422` with the errors keyed by index. One object that cannot be read is its own
        problem (413 or 422). The documents of one request may hold at most
        `TIMELINE_MAX_DOCUMENT_CHARS` characters together (later items: 413).

        With workers (the server has a broker, `TIMELINE_BROKER_URL`) nothing is analysed
        here: each readable document is stored as a job and the answer is `202` with the
        jobs in request order (`Location`: `/jobs/<id>` for one document); the same text
        posted again is the same job. When some items cannot be read, `207` as above,
        each readable item's `status` 202 with its `job` (`id` and `created` are the
        stored document's once the job is done).
        """
        items = _within_budget(_read_documents(described), _max_chars())
        documents = [item for item in items if isinstance(item, Document)]
        if not documents:
            _all_invalid([item for item in items if isinstance(item, IngestError)])
        queue = get_queue()
        if queue is not None:  # workers run the pipeline
            return accept(queue, items)
        failures: dict[int, str] = {}

        def failed(document: Document, error: Exception) -> None:
            if isinstance(error, UNAVAILABLE_ERRORS):
                raise error  # the store is down: every document would fail the same way (503)
            current_app.logger.error("could not ingest %s", document.name, exc_info=error)
            failures[id(document)] = f"{type(error).__name__}: {error}"

        results = iter(ingest_documents(get_store(), documents, on_failure=failed))
        outcome: list[dict[str, Any]] = []
        for index, item in enumerate(items):
            if isinstance(item, IngestError):
                status = 413 if item.too_large else 422
                outcome.append(_failed_item(index, item.source, status, item.reason))
            elif id(item) in failures:
                outcome.append(_failed_item(index, item.name, 500, failures[id(item)]))
            else:
                result = next(results)
                outcome.append(
                    {
                        "index": index,
                        "status": 201 if result.created else 200,
                        "id": result.document_id,
                        "name": _stored_name(result, item),
                        "created": result.created,
                        "error": None,
                    }
                )
        if len(outcome) == 1 and failures:
            abort(500, message=f"The document could not be ingested: {outcome[0]['error']}.")
        if any(o["error"] for o in outcome):
            return json_response(outcome, 207)
        body = [{k: o[k] for k in ("id", "name", "created")} for o in outcome]
        response = json_response(body, 201)
        if len(outcome) == 1:
            response.headers["Location"] = url_for(
                "documents.DocumentDetail", document_id=outcome[0]["id"]
            )
        return response


def _failed_item(index: int, name: str, status: int, error: str) -> dict[str, Any]:
    detail = (
        f"The document at index {index} could not be stored (server error)."
        if status >= 500
        else f"The document at index {index} is invalid: {error}."
    )
    problem = {
        "type": "about:blank",
        "title": http.HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    return {
        "index": index,
        "status": status,
        "id": None,
        "name": name,
        "created": None,
        "error": error,
        "problem": problem,
    }


def _all_invalid(errors: list[IngestError]) -> None:
    """Nothing in the body could be read: a 413 (all too long) or 422 problem, item errors
    keyed by index."""
    if len(errors) == 1:
        _invalid(errors[0])
    abort(
        413 if all(e.too_large for e in errors) else 422,
        message="None of the documents could be read.",
        errors={"json": {_index(e): [e.reason] for e in errors}},
    )


def _within_budget(items: list[Item], budget: int) -> list[Item]:
    """The items, those past ``budget`` characters of text in all refused (413): one
    request costs a worker no more than one document of the largest size may."""
    kept: list[Item] = []
    used = 0
    for item in items:
        if isinstance(item, Document):
            used += len(item.text)
            if used > budget:
                item = IngestError(
                    item.name,
                    f"the request's documents together exceed {budget:,} characters "
                    f"({MAX_DOCUMENT_CHARS_SETTING}): post this one in another request",
                    too_large=True,
                )
        kept.append(item)
    return kept


def _index(error: IngestError) -> str:
    _, _, item = error.source.partition("#")
    return str(int(item) - 1) if item.isdigit() else "0"


_AS_JOB = "With workers (a broker configured): the job that does it"


# Ids are positive 32-bit integers (the store's column type on PostgreSQL); others are 404
# before any query is made.
@blp.route("/documents/<int(min=1, max=2147483647):document_id>")
class DocumentDetail(MethodView):
    @conditional
    @blp.arguments(DocumentFormatQuerySchema, location="query", unknown=RAISE, as_kwargs=False)
    @blp.response(200, DocumentDetailSchema)
    @blp.doc(responses=_DETAIL_RESPONSES)
    @blp.alt_response(304, response=_status(304))
    @blp.alt_response(404, response=_status(404))
    @blp.alt_response(422, response=_status(422))
    def get(self, args: dict[str, Any], document_id: int) -> Response:
        """Get one document

        Its text, its publication date with the evidence behind it, and the temporal
        expressions (with their values before resolution) and events the pipeline found
        in it. `format=timeml` returns the document as TimeML with TIMEX3 and EVENT tags.
        """
        record = _record_or_404(document_id)
        if args["format"] == "timeml":
            return Response(
                timeml.render_timeml(record.analysed),
                content_type=f"{timeml.MEDIA_TYPE}; charset=utf-8",
            )
        return json_response(detail_record(record))

    @write_access(blp)
    @require_json
    @blp.arguments(PublishedPatchSchema, unknown=RAISE, as_kwargs=False)
    @blp.response(200, DocumentDetailSchema)
    @blp.alt_response(202, schema=JobSchema, description=_AS_JOB)
    @blp.alt_response(400, response=_status(400))
    @blp.alt_response(404, response=_status(404))
    @blp.alt_response(415, response=_status(415))
    @blp.alt_response(422, response=_status(422))
    def patch(self, changes: dict[str, Any], document_id: int) -> Response:
        """Pin a document's publication date

        The date a user knows (`{"published": "2025-09-02"}`) replaces the estimate with
        provenance `user` and confidence 1; the document, and the stored documents linked
        to it by a shared full name (its component, found by index), are re-dated and
        re-resolved from their stored underspecified values (never re-tagged), and the
        timeline follows. Returns the updated document.

        With workers (a broker configured) the re-dating is a job: `202` with the job
        (`Location`: `/jobs/<id>`); of several pins of one document, the latest sent wins.
        """
        _record_or_404(document_id)
        queue = get_queue()
        if queue is not None:  # workers re-date
            return accept_action(queue, Action(ActionKind.PIN, document_id, changes["published"]))
        try:
            pin_publication_date(get_store(), document_id, changes["published"])
        except KeyError:  # deleted concurrently
            abort(404, message=f"There is no document with id {document_id}.")
        return json_response(detail_record(_record_or_404(document_id)))

    @write_access(blp)
    @blp.response(204)
    @blp.alt_response(202, schema=JobSchema, description=_AS_JOB)
    @blp.alt_response(404, response=_status(404))
    def delete(self, document_id: int) -> Response:
        """Delete a document

        Removes it with its expressions and events; timeline entries that lose all their
        sources disappear, the others are re-described from the sources left. The stored
        documents that shared a name with it are re-dated without it by the settle job:
        before the answer without workers, right after the deletion with workers.

        With workers (a broker configured) the deletion is a job: `202` with the job
        (`Location`: `/jobs/<id>`); deleting again while it waits is the same job.
        """
        queue = get_queue()
        if queue is not None:  # workers delete, then settle
            _record_or_404(document_id)
            return accept_action(queue, Action(ActionKind.DELETE, document_id))
        if not delete_document(get_store(), document_id):
            abort(404, message=f"There is no document with id {document_id}.")
        return Response(status=204)
