"""One structured log line per request, and a request id to find it by.

Each request gets an id: the client's (or the reverse proxy's) ``X-Request-ID`` when it is
a sane token, else a fresh random one.  It is returned as ``X-Request-ID`` on every
response, errors included, so a user reporting a failure can quote it, and it is the key
of the request's log line: one JSON object with the time, method, path, status, duration
in milliseconds, request id, client address and response size.

The line goes to the ``timeline.access`` logger.  ``configure_access_log`` gives it a
handler writing to stderr (``-``) or a file; ``TIMELINE_ACCESS_LOG=off`` silences it.
A JSON line per request is what log shippers (journald, Loki, CloudWatch, ELK) parse
without a custom pattern.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime

from flask import Flask, Response, g, request

__all__ = ["ACCESS_LOGGER", "REQUEST_ID_HEADER", "configure_access_log", "install_request_log"]

ACCESS_LOGGER = "timeline.access"
REQUEST_ID_HEADER = "X-Request-ID"
OFF = "off"
# What we accept from a client as an id: short, no spaces or control characters, so it
# cannot forge or break a log line.
_SANE_ID = re.compile(r"[A-Za-z0-9._:@/+=-]{1,128}")

_log = logging.getLogger(ACCESS_LOGGER)


def request_id(given: str | None) -> str:
    """The client's id when sane, else a new random one (32 hex digits)."""
    if given and _SANE_ID.fullmatch(given):
        return given
    return uuid.uuid4().hex


def install_request_log(app: Flask) -> None:
    """Time every request, give it an id and log one line when its response is ready."""
    app.before_request(_start)
    app.after_request(_finish)


def configure_access_log(destination: str | None) -> None:
    """Send ``timeline.access`` lines to stderr (``-`` or None), a file path, or nowhere
    (``off``).  Idempotent: a second call replaces the handler it installed."""
    for installed in list(_log.handlers):
        if getattr(installed, "_timeline_access", False):
            _log.removeHandler(installed)
            installed.close()
    _log.setLevel(logging.INFO)
    if destination == OFF:
        _log.disabled = True
        return
    _log.disabled = False
    handler: logging.Handler
    if destination in (None, "", "-"):
        handler = _StderrHandler()
    else:
        handler = logging.FileHandler(destination, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler._timeline_access = True  # type: ignore[union-attr]
    _log.addHandler(handler)
    _log.propagate = False


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is at the time (test runners swap it)."""

    def __init__(self) -> None:
        super().__init__()

    @property
    def stream(self) -> object:
        return sys.stderr

    @stream.setter
    def stream(self, _: object) -> None:
        pass


def _start() -> None:
    g.request_started = time.perf_counter()
    g.request_id = request_id(request.headers.get(REQUEST_ID_HEADER))


def _finish(response: Response) -> Response:
    rid = g.get("request_id") or request_id(None)
    response.headers[REQUEST_ID_HEADER] = rid
    started = g.get("request_started")
    duration = (time.perf_counter() - started) * 1000 if started is not None else 0.0
    if _log.isEnabledFor(logging.INFO):
        _log.info(
            json.dumps(
                {
                    "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
                    "method": request.method,
                    "path": request.path,
                    "query": request.query_string.decode("latin-1") or None,
                    "status": response.status_code,
                    "duration_ms": round(duration, 2),
                    "request_id": rid,
                    "remote": request.remote_addr,
                    # null for a streamed body: counting it would read it all into memory
                    "bytes": None if response.is_streamed else response.calculate_content_length(),
                },
                ensure_ascii=False,
            )
        )
    return response
