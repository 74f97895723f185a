"""Probes for whatever runs the server (a load balancer, Kubernetes, systemd, a script).

``GET /healthz`` answers as long as the process serves requests (liveness: restart it when
this fails).  ``GET /readyz`` also checks that the database answers and that its schema is
at the migrations' head (readiness: send traffic only when this succeeds); a failure is a
503 problem saying which.  Neither is cached, logged as an error or part of ``/api/v1``'s
OpenAPI document: they are about this process, not the data.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify

from api.context import get_store
from api.errors import problem_response
from timeline.store.errors import DATABASE_ERRORS, database_message
from timeline.store.schema import schema_state

__all__ = ["blp"]

blp = Blueprint("ops", __name__)


@blp.get("/healthz")
def healthz() -> Response:
    """The process is up and serving."""
    return _no_store(jsonify(status="ok"))


@blp.get("/readyz")
def readyz() -> Response:
    """The database answers and its schema is at the migrations' head."""
    store = get_store()
    try:
        state = schema_state(store.engine)
    except DATABASE_ERRORS as error:
        current_app.logger.warning("readyz: database unreachable: %s", error)
        detail = f"database unreachable: {database_message(error)}"
        return _no_store(problem_response(503, detail))
    if not state.at_head:
        return _no_store(problem_response(503, f"database not migrated: {state.describe()}"))
    backend = store.engine.dialect.name
    return _no_store(jsonify(status="ready", database=backend, schema=list(state.current)))


def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response
