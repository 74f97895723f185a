"""Every error the API returns is an RFC 9457 problem (``application/problem+json``).

Clients then need one error parser, whichever layer failed: Werkzeug routing (404, 405),
request parsing (400, 413, 415), webargs/marshmallow validation (422), our own ``abort``
calls, rate limits (429), an unavailable database (503 with ``Retry-After``) and
unexpected exceptions (500).  flask-smorest registers its own ``HTTPException``
handler with a different body (``code``/``status``/``message``), so ``ProblemApi``
overrides it rather than adding a second handler that would compete with it.

The request body is read as Werkzeug reads it, with two guards: a body sent in chunks
(no ``Content-Length``) over the size limit is a 413 like any other (Werkzeug stops
reading at the limit and would hand over the first ``MAX_CONTENT_LENGTH`` bytes as if
they were all), and JSON is parsed strictly (``timeline.ingest.jsonpayload.parse_json``:
no ``NaN``, no nesting deeper than the parser can follow).
"""

from __future__ import annotations

import http
from collections.abc import Callable
from functools import wraps
from typing import IO, Any, TypeVar, cast

from flask import Request, Response, current_app, request
from flask.json.provider import DefaultJSONProvider
from flask_smorest import Api, abort
from flask_smorest.utils import prepare_response
from werkzeug.exceptions import (
    BadRequest,
    HTTPException,
    RequestEntityTooLarge,
    UnsupportedMediaType,
)
from werkzeug.utils import cached_property
from werkzeug.wsgi import LimitedStream, get_input_stream

from api.schemas import ProblemSchema
from timeline.ingest.jsonpayload import parse_json
from timeline.store.errors import UNAVAILABLE_ERRORS, database_message

# Seconds a client is asked to wait before retrying when the database is unavailable.
RETRY_AFTER_SECONDS = 5

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


class _ChunkedBody(LimitedStream):
    """A chunked body read up to the size limit, and a 413 when more follows.

    Werkzeug's stream stops silently when it has read exactly ``MAX_CONTENT_LENGTH`` bytes
    of a body of unknown length; one more byte from the server's stream tells a body that
    ends there from one that was cut.
    """

    def on_exhausted(self) -> None:
        if self._stream.read(1):
            raise RequestEntityTooLarge()

    def readall(self) -> bytes:
        data = super().readall()
        if self.is_exhausted:
            self.on_exhausted()
        return data


class ApiRequest(Request):
    """Flask's request with body errors a client can act on.

    Outside debug mode Flask answers malformed JSON with Werkzeug's generic "The browser
    (or proxy) sent a request that this server could not understand"; say what is wrong.
    """

    @cached_property
    def stream(self) -> IO[bytes]:
        limit = self.max_content_length
        if (
            limit is not None
            and self.content_length is None
            and "wsgi.input_terminated" in self.environ
        ):
            return _ChunkedBody(self.environ["wsgi.input"], limit, is_max=True)  # type: ignore[return-value]
        return get_input_stream(self.environ, max_content_length=limit)

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


class StrictJSONProvider(DefaultJSONProvider):
    """Flask's JSON, parsing request bodies with ``parse_json`` (see module docstring)."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        text = s.decode("utf-8") if isinstance(s, bytes) else s
        return parse_json(text)


def database_unavailable(error: Exception) -> Response:
    """503 with ``Retry-After`` when the database is down, unreachable or locked: the
    request was fine and may succeed later, and nothing was half-written (every write is
    one transaction)."""
    current_app.logger.warning("database unavailable: %s", database_message(error))
    return problem_response(
        503,
        "The database is unavailable right now; retry later.",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


def register_database_errors(app: Any) -> None:
    for error in UNAVAILABLE_ERRORS:
        app.register_error_handler(error, database_unavailable)


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
