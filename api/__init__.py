"""The REST API of timeline: ingest articles over HTTP and query the event timeline.

``create_app`` builds a Flask app around one ``timeline.store.Store``.  The store is opened
and migrated once at start-up and closed when the app goes away (garbage collection or
interpreter exit), not per request: its engine is a connection pool meant to be shared.
Call ``close_store(app)`` to close it earlier, e.g. at the end of a test.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from typing import Any

from flask import Flask

from api.context import STORE_EXTENSION
from api.errors import ApiRequest, ProblemApi
from api.resources import BLUEPRINTS, register_spec_components
from timeline.store import Store, database_url

__all__ = ["close_store", "create_app"]

_STORE_FINALIZER = "timeline_store_finalizer"

DEFAULT_MAX_CONTENT_LENGTH = 10 * 1024 * 1024


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
        API_SPEC_OPTIONS={
            "info": {
                "description": (
                    "Reads news articles and builds an ordered event timeline. Errors are "
                    "RFC 9457 problem details (application/problem+json)."
                )
            }
        },
    )
    # Keep the keys in the order export.records builds them, as the CLI prints them.
    app.json.sort_keys = False  # type: ignore[attr-defined]
    if config:
        app.config.update(config)
    app.config["TIMELINE_DATABASE_URL"] = database_url(app.config.get("TIMELINE_DATABASE_URL"))

    store = Store(app.config["TIMELINE_DATABASE_URL"])
    try:
        store.migrate()
    except BaseException:
        store.close()
        raise
    app.extensions[STORE_EXTENSION] = store
    # Runs once: at close_store(app), when the app is collected, or at interpreter exit.
    app.extensions[_STORE_FINALIZER] = weakref.finalize(app, store.close)

    api = ProblemApi(app)
    register_spec_components(api)
    for blueprint in BLUEPRINTS:
        api.register_blueprint(blueprint, url_prefix="/api/v1")
    return app


def close_store(app: Flask) -> None:
    """Close the app's store now (idempotent); later requests will fail."""
    finalizer = app.extensions.get(_STORE_FINALIZER)
    if finalizer is not None:
        finalizer()
