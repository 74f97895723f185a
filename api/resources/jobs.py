"""``/jobs``: documents handed to the task queue's workers, and what became of them.

With a broker configured (``TIMELINE_BROKER_URL``), ``POST /documents`` validates what it is
sent, stores each readable document as a job and answers 202 at once (``accept``); the
pipeline runs in ``timeline worker`` processes, never in the API's.  ``GET /jobs/<id>``
says where a job is: ``queued`` (also while it waits for a retry, with the last failure in
``error``), ``running``, ``done`` (``document`` is the stored document's id) or ``failed``
(``error`` says why).
"""

from __future__ import annotations

import http
from typing import Any

from flask import Response, current_app, request, url_for
from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import RAISE, Schema, fields, validate

from api.context import get_store
from api.errors import problem_response
from api.resources._entries import json_response
from timeline.ingest.readers import IngestError
from timeline.jobs.records import job_record
from timeline.jobs.submit import JobQueue, QueueUnavailable
from timeline.model import Document
from timeline.store.jobs import Action, ActionKind, JobState

blp = Blueprint(
    "jobs",
    __name__,
    description="Documents posted to a server with workers: queued, running, done or failed.",
)

QUEUE_EXTENSION = "timeline_queue"
# Seconds a client is asked to wait before posting again when the broker is down.
QUEUE_RETRY_AFTER_SECONDS = 5


def get_queue() -> JobQueue | None:
    """The app's job queue, or None when the pipeline runs in process (no broker)."""
    queue: JobQueue | None = current_app.extensions.get(QUEUE_EXTENSION)
    return queue


class JobSchema(Schema):
    """A job of the task queue (``timeline jobs --format json`` prints the same)."""

    id = fields.Integer(required=True)
    state = fields.String(
        required=True,
        validate=validate.OneOf([s.value for s in JobState]),
        metadata={
            "description": "queued (waiting, or waiting for a retry: see error), running, "
            "done or failed."
        },
    )
    name = fields.String(required=True)
    action = fields.String(
        required=True,
        validate=validate.OneOf([a.value for a in ActionKind]),
        metadata={
            "description": "ingest (a posted document), pin (PATCH of a document's date) "
            "or delete (DELETE of a document)."
        },
    )
    document = fields.Integer(
        required=True,
        allow_none=True,
        metadata={"description": "The stored document, once done (an action's: its document)."},
    )
    created = fields.Boolean(
        required=True,
        allow_none=True,
        metadata={"description": "False when the text was stored already (null until done)."},
    )
    attempts = fields.Integer(
        required=True,
        metadata={"description": "Times a worker started it (one whose worker died counts)."},
    )
    error = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "The last failure's reason (a failed or retried job)."},
    )
    worker = fields.String(required=True, allow_none=True, metadata={"description": "host/pid"})
    submitted = fields.String(required=True, metadata={"description": "ISO 8601, UTC."})
    started = fields.String(required=True, allow_none=True)
    finished = fields.String(required=True, allow_none=True)


class JobListQuerySchema(Schema):
    state = fields.List(
        fields.String(validate=validate.OneOf([s.value for s in JobState])),
        metadata={"description": "Only jobs in these states (repeat the argument)."},
    )
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))
    before = fields.Integer(
        validate=validate.Range(min=1, max=2**31 - 1),  # ids are 32-bit on PostgreSQL
        metadata={"description": "Jobs older than this id (the next page)."},
    )


def accept(queue: JobQueue, items: list[Document | IngestError]) -> Response:
    """Store the readable documents as jobs and publish them: 202 with the jobs in request
    order (``Location``: the job, for one document), or 207 with each item's status when
    some could not be read.  503 when the broker refuses a message (the jobs published
    before it stand: posting again finds them)."""
    store = get_store()
    outcome: list[dict[str, Any]] = []
    for index, item in enumerate(items):
        if isinstance(item, IngestError):
            status = 413 if item.too_large else 422
            outcome.append(_invalid_item(index, item, status))
            continue
        try:
            job = queue.submit(store, item)
        except QueueUnavailable as error:
            current_app.logger.error("%s", error)
            return problem_response(
                503,
                "The task queue is unavailable right now; post again later.",
                headers={"Retry-After": str(QUEUE_RETRY_AFTER_SECONDS)},
            )
        outcome.append(
            {
                "index": index,
                "status": 202,
                "id": job.document_id,
                "name": item.name,
                "created": job.created,
                "error": None,
                "job": job_record(job),
            }
        )
    if any(o["error"] for o in outcome):
        return json_response(outcome, 207)
    response = json_response([o["job"] for o in outcome], 202)
    if len(outcome) == 1:
        response.headers["Location"] = url_for("jobs.JobDetail", job_id=outcome[0]["job"]["id"])
    return response


def accept_action(queue: JobQueue, action: Action) -> Response:
    """A ``PATCH`` or ``DELETE`` of a document as a job (it re-dates stored documents:
    workers run it, not the API): 202 with the job, ``Location`` the job; 503 when the
    broker refuses it."""
    try:
        job = queue.submit_action(get_store(), action)
    except QueueUnavailable as error:
        current_app.logger.error("%s", error)
        return problem_response(
            503,
            "The task queue is unavailable right now; send the request again later.",
            headers={"Retry-After": str(QUEUE_RETRY_AFTER_SECONDS)},
        )
    response = json_response(job_record(job), 202)
    response.headers["Location"] = url_for("jobs.JobDetail", job_id=job.id)
    return response


def _invalid_item(index: int, error: IngestError, status: int) -> dict[str, Any]:
    return {
        "index": index,
        "status": status,
        "id": None,
        "name": error.source,
        "created": None,
        "error": error.reason,
        "job": None,
        "problem": {
            "type": "about:blank",
            "title": http.HTTPStatus(status).phrase,
            "status": status,
            "detail": f"The document at index {index} is invalid: {error.reason}.",
        },
    }


def _revalidated(response: Response) -> Response:
    """Tagged with its own content (job writes do not move the store's revision, which
    the other ETags come from): a client polling a job gets 304 until it changes."""
    response.add_etag(weak=True)
    response.headers["Cache-Control"] = "no-cache"
    response.make_conditional(request)  # (304 and no body when the tag matches)
    return response


@blp.route("/jobs")
class Jobs(MethodView):
    @blp.arguments(JobListQuerySchema, location="query", unknown=RAISE, as_kwargs=False)
    @blp.response(200, JobSchema(many=True))
    @blp.alt_response(304, response="NOT_MODIFIED")
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
    def get(self, args: dict[str, Any]) -> Response:
        """List jobs

        The latest first, `limit` of them (default 50), only those in the `state`s given;
        `before=<id>` gives the jobs older than that one.
        """
        states = [JobState(s) for s in args.get("state") or []]
        found = get_store().jobs.latest(
            states=states, limit=args["limit"], before=args.get("before")
        )
        return _revalidated(json_response([job_record(job) for job in found]))


@blp.route("/jobs/<int(min=1, max=2147483647):job_id>")
class JobDetail(MethodView):
    @blp.response(200, JobSchema)
    @blp.alt_response(304, response="NOT_MODIFIED")
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, job_id: int) -> Response:
        """Get one job

        Its state, attempts, the reason of its last failure and, once done, the stored
        document's id (`GET /documents/<document>`).
        """
        job = get_store().jobs.get(job_id)
        if job is None:
            abort(404, message=f"There is no job with id {job_id}.")
        assert job is not None
        return _revalidated(json_response(job_record(job)))
