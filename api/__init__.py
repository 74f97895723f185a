"""The REST API of timeline: ingest articles over HTTP and query the event timeline.

``create_app`` builds a Flask app around one ``timeline.store.Store``.  The store is opened
and migrated once at start-up and closed when the app goes away (garbage collection or
interpreter exit), not per request: its engine is a connection pool meant to be shared.
Call ``close_store(app)`` to close it earlier, e.g. at the end of a test.

Settings come from the ``config`` mapping, else from the environment variable of the same
name, else a default: ``TIMELINE_DATABASE_URL``, ``TIMELINE_API_KEY`` (writes need it as a
bearer token when set), ``TIMELINE_CORS_ORIGINS`` (comma-separated origins allowed to call
the API from a browser; none by default) and ``TIMELINE_MAX_BODY_BYTES`` (request body
limit, 10 MiB by default; Flask's ``MAX_CONTENT_LENGTH`` in ``config`` works too) and
``TIMELINE_ACCESS_LOG`` (where the one JSON line per request goes: ``-`` for stderr, the
default, a file path, or ``off``; see ``api.requestlog``) and ``TIMELINE_TRUSTED_PROXIES``
(how many reverse proxies in front set ``X-Forwarded-*``; 0 by default) and
``TIMELINE_BROKER_URL`` (a Celery broker: posted documents become jobs for ``timeline
worker`` and the API never runs the pipeline; see ``api.resources.jobs``).

``/healthz`` and ``/readyz`` (``api.ops``) are the probes a process manager or load
balancer polls.  Responses of 500 bytes or more are compressed (gzip) when the client
accepts it (flask-compress), so the page's JSON pages travel at a fraction of their size
whatever server or proxy is in front.

The interactive documentation (Swagger UI) is served at ``/api/v1/docs`` with its assets
from the ``flask-swagger-ui`` package: no CDN, so it works offline and leaks nothing.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Mapping
from importlib.resources import files
from typing import Any

from flask import Flask, Response, request, send_from_directory

from api.auth import API_KEY_CONFIG
from api.context import STORE_EXTENSION
from api.errors import ApiRequest, ProblemApi, StrictJSONProvider, register_database_errors
from api.ratelimit import RATE_CONFIG, STORAGE_CONFIG, install_rate_limits
from api.requestlog import configure_access_log, install_request_log
from api.resources import BLUEPRINTS, RATE_LIMITED, register_spec_components
from api.resources.jobs import QUEUE_EXTENSION
from api.resources.tag import DEFAULT_TAG_MAX_CHARS, TAG_MAX_CONFIG
from timeline.ingest.limits import MAX_DOCUMENT_CHARS_SETTING, max_document_chars
from timeline.jobs.settings import QueueSettings
from timeline.store import Store, database_url

__all__ = ["close_store", "create_app"]

_STORE_FINALIZER = "timeline_store_finalizer"
_QUEUE_FINALIZER = "timeline_queue_finalizer"

DEFAULT_MAX_CONTENT_LENGTH = 10 * 1024 * 1024
MAX_BODY_CONFIG = "TIMELINE_MAX_BODY_BYTES"
CORS_CONFIG = "TIMELINE_CORS_ORIGINS"
# False: the app does not touch the database while it starts (``timeline serve`` migrates
# once before its workers start, and a worker must not die because the database is down:
# it answers 503 until the database is back)
MIGRATE_CONFIG = "TIMELINE_MIGRATE_ON_START"
ACCESS_LOG_CONFIG = "TIMELINE_ACCESS_LOG"
PROXIES_CONFIG = "TIMELINE_TRUSTED_PROXIES"
# What flask-compress may compress: every text format the API and the page serve.
COMPRESSED_MIMETYPES = [
    "application/json",
    "application/problem+json",
    "application/xml",
    "text/csv",
    "text/plain",
    "text/html",
    "text/css",
    "text/javascript",
    "application/javascript",
]
DOCS_ASSETS_URL = "/api/v1/docs/assets/"
# Swagger UI 5 (OpenAPI 3.1 support), as shipped by the flask-swagger-ui package.
SWAGGER_UI_DIST = str(files("flask_swagger_ui") / "dist")


def _setting(config: Mapping[str, Any], name: str) -> Any:
    """``config[name]`` when given, else ``$name``, else None."""
    value = config.get(name)
    return value if value is not None else os.environ.get(name)


def _origins(value: Any) -> list[str]:
    if not value:
        return []
    items = value.split(",") if isinstance(value, str) else list(value)
    return [item.strip() for item in items if item and item.strip()]


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app; ``config`` overrides the defaults (e.g. ``TIMELINE_DATABASE_URL``).

    The database URL defaults to ``timeline.store.database_url()`` ($TIMELINE_DATABASE_URL,
    else a local SQLite file) so that the API and the CLI see the same data by default.
    """
    app = Flask(__name__)
    app.request_class = ApiRequest
    app.config.update(
        API_TITLE="timeline",
        API_VERSION="v1",
        OPENAPI_VERSION="3.1.0",
        OPENAPI_URL_PREFIX="/api/v1",
        OPENAPI_JSON_PATH="openapi.json",
        MAX_CONTENT_LENGTH=DEFAULT_MAX_CONTENT_LENGTH,
        OPENAPI_SWAGGER_UI_PATH="docs",
        OPENAPI_SWAGGER_UI_URL=DOCS_ASSETS_URL,
        OPENAPI_SWAGGER_UI_CONFIG={"deepLinking": True, "tryItOutEnabled": False},
        API_SPEC_OPTIONS={
            "info": {
                "description": (
                    "Reads news articles and builds an ordered event timeline. Errors are "
                    "RFC 9457 problem details (application/problem+json)."
                )
            }
        },
    )
    app.json = StrictJSONProvider(app)
    # Keep the keys in the order export.records builds them, as the CLI prints them.
    app.json.sort_keys = False
    given = dict(config or {})
    app.config.update(given)
    app.config["TIMELINE_DATABASE_URL"] = database_url(app.config.get("TIMELINE_DATABASE_URL"))
    app.config[API_KEY_CONFIG] = _setting(given, API_KEY_CONFIG) or None
    max_body = given.get(MAX_BODY_CONFIG)
    if max_body is None and "MAX_CONTENT_LENGTH" not in given:
        max_body = os.environ.get(MAX_BODY_CONFIG)
    if max_body is not None:
        app.config["MAX_CONTENT_LENGTH"] = int(max_body)
    app.config[CORS_CONFIG] = _origins(_setting(given, CORS_CONFIG))
    app.config[MAX_DOCUMENT_CHARS_SETTING] = max_document_chars(
        _setting(given, MAX_DOCUMENT_CHARS_SETTING)
    )
    app.config[TAG_MAX_CONFIG] = int(_setting(given, TAG_MAX_CONFIG) or DEFAULT_TAG_MAX_CHARS)
    for name in (RATE_CONFIG, STORAGE_CONFIG):
        app.config[name] = _setting(given, name)
    app.config.setdefault("COMPRESS_ALGORITHM", ["gzip"])
    # the streamed full export (``GET /timeline``) is compressed a chunk at a time
    app.config.setdefault("COMPRESS_ALGORITHM_STREAMING", ["gzip"])
    app.config.setdefault("COMPRESS_MIMETYPES", COMPRESSED_MIMETYPES)
    configure_access_log(_setting(given, ACCESS_LOG_CONFIG))
    proxies = int(_setting(given, PROXIES_CONFIG) or 0)
    if proxies:
        # Behind N reverse proxies, take the client address, scheme, host and prefix from
        # their X-Forwarded-* headers (links, Location and the access log then show what
        # the client sees); never trust them from a client that reaches us directly.
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_prefix=proxies
        )

    store = Store(app.config["TIMELINE_DATABASE_URL"])
    if app.config.get(MIGRATE_CONFIG, True):
        try:
            store.migrate()
        except BaseException:
            store.close()
            raise
    app.extensions[STORE_EXTENSION] = store
    # Runs once: at close_store(app), when the app is collected, or at interpreter exit.
    app.extensions[_STORE_FINALIZER] = weakref.finalize(app, store.close)
    settings = QueueSettings.load(given)
    if settings is not None:  # workers run the pipeline; the API queues jobs
        from timeline.jobs.submit import JobQueue

        queue = JobQueue(settings)
        app.extensions[QUEUE_EXTENSION] = queue
        app.extensions[_QUEUE_FINALIZER] = weakref.finalize(app, queue.close)

    install_request_log(app)
    register_database_errors(app)
    api = ProblemApi(app)
    register_spec_components(api)
    for blueprint in BLUEPRINTS:
        api.register_blueprint(blueprint, url_prefix="/api/v1")
    install_rate_limits(app, RATE_LIMITED)
    from api.web import blp as web_blueprint  # the timeline page at / (outside the OpenAPI spec)

    app.register_blueprint(web_blueprint)
    from api.ops import blp as ops_blueprint  # /healthz, /readyz

    app.register_blueprint(ops_blueprint)
    from flask_compress import Compress

    Compress(app)
    app.add_url_rule(f"{DOCS_ASSETS_URL}<path:filename>", "swagger_ui_assets", _swagger_ui_asset)
    if app.config[CORS_CONFIG]:
        _enable_cors(app, app.config[CORS_CONFIG])
    return app


def _swagger_ui_asset(filename: str) -> Response:
    return send_from_directory(SWAGGER_UI_DIST, filename, max_age=24 * 3600)


def _enable_cors(app: Flask, origins: list[str]) -> None:
    """Let pages from ``origins`` call the API: reads, and writes with the API key.

    The headers a page needs to page and revalidate (``Link``, ``ETag``) and to react to
    a failed write (``WWW-Authenticate``, ``Location``) are exposed; error responses get
    the CORS headers too, so a page can read their problem details.
    """
    from flask_cors import CORS

    CORS(
        app,
        resources={r"/api/*": {"origins": origins}},
        methods=["GET", "HEAD", "POST", "PATCH", "DELETE", "OPTIONS"],
        allow_headers=["Authorization", "Content-Type", "If-None-Match"],
        expose_headers=["ETag", "Link", "Location", "WWW-Authenticate", "Retry-After"],
        max_age=600,
    )
    app.after_request(_vary_by_origin)


def _vary_by_origin(response: Response) -> Response:
    """``Vary: Origin`` on every API response once CORS is on: the CORS headers depend on
    the request's ``Origin`` (present or not, allowed or not), so a shared cache must not
    serve one origin's answer to another."""
    if request.path.startswith("/api/"):
        response.vary.add("Origin")
    return response


def close_store(app: Flask) -> None:
    """Close the app's store (and job queue) now (idempotent); later requests will fail."""
    for name in (_QUEUE_FINALIZER, _STORE_FINALIZER):
        finalizer = app.extensions.get(name)
        if finalizer is not None:
            finalizer()
