"""Every error the API returns is an RFC 9457 problem (``application/problem+json``).

Clients then need one error parser, whichever layer failed: Werkzeug routing (404, 405),
request parsing (400, 413, 415), webargs/marshmallow validation (422), our own ``abort``
calls and unexpected exceptions (500).  flask-smorest registers its own ``HTTPException``
handler with a different body (``code``/``status``/``message``), so ``ProblemApi``
overrides it rather than adding a second handler that would compete with it.
"""

from __future__ import annotations

import http
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from flask import Request, Response, current_app, request
from flask_smorest import Api, abort
from flask_smorest.utils import prepare_response
from werkzeug.exceptions import BadRequest, HTTPException, UnsupportedMediaType

from api.schemas import ProblemSchema

PROBLEM_MIMETYPE = "application/problem+json"

F = TypeVar("F", bound=Callable[..., Any])


def problem_response(
    status: int,
    detail: str | None = None,
    *,
    errors: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """Build a problem response; ``type`` is about:blank, so ``title`` is the status phrase."""
    try:
        title = http.HTTPStatus(status).phrase
    except ValueError:  # a non-standard code: RFC 9457 still wants a title
        title = "Error"
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    if errors is not None:
        body["errors"] = errors
    # the app's response class at run time; Flask's provider is annotated with werkzeug's base
    response = cast(Response, current_app.json.response(body))
    response.status_code = status
    response.mimetype = PROBLEM_MIMETYPE
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _exception_headers(error: HTTPException) -> dict[str, str]:
    """Headers the exception carries (e.g. ``Allow`` on 405), minus its HTML content type."""
    return {k: v for k, v in error.get_headers() if k.lower() != "content-type"}


class ApiRequest(Request):
    """Flask's request with body errors a client can act on.

    Outside debug mode Flask answers malformed JSON with Werkzeug's generic "The browser
    (or proxy) sent a request that this server could not understand"; say what is wrong.
    """

    def on_json_loading_failed(self, e: ValueError | None) -> Any:
        if e is None:
            raise UnsupportedMediaType(
                "The body must be JSON, sent with Content-Type: application/json."
            )
        raise BadRequest(f"The body is not valid JSON: {e}") from e


class ProblemApi(Api):
    """flask-smorest's ``Api`` speaking RFC 9457 for errors, in responses and in the spec."""

    ERROR_SCHEMA = ProblemSchema

    def handle_http_exception(self, error: HTTPException) -> Response:
        """Render any ``HTTPException`` as a problem.

        ``error.data`` is set by webargs/flask-smorest ``abort``: ``message`` becomes the
        detail and ``errors`` (or webargs' ``messages``) the field errors.  Flask also routes
        unhandled exceptions here as ``InternalServerError`` after logging them, so the 500
        body never carries a traceback.
        """
        code = error.code or 500
        headers = _exception_headers(error)
        detail = error.description
        errors: dict[str, Any] | None = None
        data = getattr(error, "data", None)
        if isinstance(data, dict):
            detail = data.get("message", detail)
            errors = data.get("errors", data.get("messages"))
            headers.update(data.get("headers") or {})
        if code == 422 and errors is not None and detail == error.description:
            # Werkzeug's default 422 text talks about "semantic errors"; be concrete.
            detail = "The request failed validation; see errors."
        return problem_response(code, detail, errors=errors, headers=headers)

    def _register_responses(self) -> None:
        """Document error responses as ``application/problem+json`` instead of JSON.

        flask-smorest registers one lazy response component per status code using
        ``DEFAULT_RESPONSE_CONTENT_TYPE``, which also applies to success bodies, so the error
        components are re-registered here with the problem media type.
        """
        for status in http.HTTPStatus:
            response: dict[str, Any] = {"description": status.phrase}
            if status >= 400:  # other codes are never problems: no body is documented
                response["schema"] = self.ERROR_SCHEMA
                prepare_response(response, self.spec, PROBLEM_MIMETYPE)
            self.spec.components.response(status.name, response, lazy=True)
        default: dict[str, Any] = {
            "description": "Default error response",
            "schema": self.ERROR_SCHEMA,
        }
        prepare_response(default, self.spec, PROBLEM_MIMETYPE)
        self.spec.components.response(self.DEFAULT_ERROR_RESPONSE_NAME, default, lazy=True)


def require_json(func: F) -> F:
    """415 for a body that is not JSON, before webargs reads it.

    webargs treats a non-JSON body as *missing* JSON and answers 422 "Missing data for
    required field", which sends the client looking for a typo instead of the header.
    """

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not request.is_json:
            sent = request.mimetype or "no Content-Type"
            abort(415, message=f"The body must be JSON (application/json), not {sent}.")
        return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
