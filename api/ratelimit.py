"""Rate limits for the operations anyone may call: ``POST /api/v1/tag``.

Tagging stores nothing and needs no API key, so any client can make the server work; it
is limited per client address (``TIMELINE_TAG_RATE_LIMIT``, ``60 per minute`` by default,
``off`` to disable; the syntax is the ``limits`` package's: ``10 per second``,
``1000/hour``...).  The text it tags is size-capped as well (``TIMELINE_TAG_MAX_CHARS``,
see ``api.resources.tag``), so a client's share of the server is bounded in both ways.

The counters live in memory (per worker process) unless ``TIMELINE_RATELIMIT_STORAGE_URL``
names a shared store, e.g. ``redis://127.0.0.1:6379/0``: then every worker and every
server behind a load balancer counts together.  If that store is unreachable the limits
fall back to memory rather than refusing or failing requests.  A client over its limit
gets a 429 problem with ``Retry-After``; every answer of a limited operation carries
``X-RateLimit-Limit``, ``-Remaining`` and ``-Reset``.

Flask-Limiter does the counting (moving windows, Redis storage, the headers): the
well-kept extension for exactly this, rather than counters of our own.
"""

from __future__ import annotations

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_smorest import Blueprint

RATE_CONFIG = "TIMELINE_TAG_RATE_LIMIT"
STORAGE_CONFIG = "TIMELINE_RATELIMIT_STORAGE_URL"
DEFAULT_TAG_RATE = "60 per minute"
OFF = "off"
LIMITER_EXTENSION = "timeline_limiter"


def install_rate_limits(app: Flask, limited: list[Blueprint]) -> None:
    """Limit the operations of the ``limited`` blueprints per client address."""
    rate = str(app.config.get(RATE_CONFIG) or DEFAULT_TAG_RATE).strip()
    if rate.casefold() == OFF:
        return
    storage = app.config.get(STORAGE_CONFIG) or "memory://"
    limiter = Limiter(
        get_remote_address,
        app=app,
        storage_uri=storage,
        strategy="moving-window",
        headers_enabled=True,
        in_memory_fallback_enabled=storage != "memory://",
        key_prefix="timeline",
    )
    for blueprint in limited:
        limiter.limit(rate)(blueprint)
    app.extensions[LIMITER_EXTENSION] = limiter
