"""Conditional GETs: weak ETags from the store's change counter.

Every write bumps ``Store.revision()``, so ``(revision, URL)`` identifies a response's
content without reading it: a client revalidating with ``If-None-Match`` gets a 304 for
the price of one primary-key read.  The tag is weak because it promises equivalent
content, not identical bytes (JSON key spacing may differ between versions).  The
revision is read before the data: a write in between yields a tag older than the content,
which only costs the client one extra full response later, never a stale 304.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Response, make_response, request

from api.context import get_store

F = TypeVar("F", bound=Callable[..., Any])

# Bump when a representation changes shape, so old tags stop matching after an upgrade.
REPRESENTATION_VERSION = "2"


def current_etag() -> str:
    """The (unquoted) tag of the current request's response at the store's revision."""
    query = sorted(request.args.items(multi=True))
    identity = f"{REPRESENTATION_VERSION}|{request.path}|{query!r}".encode()
    digest = hashlib.blake2b(identity, digest_size=8).hexdigest()
    return f"{get_store().revision()}.{digest}"


def conditional(func: F) -> F:
    """Answer ``If-None-Match`` with 304 when nothing changed; tag 200 responses."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        tag = current_etag()
        if request.if_none_match.contains_weak(tag):
            not_modified = Response(status=304)
            not_modified.set_etag(tag, weak=True)
            not_modified.headers["Cache-Control"] = "no-cache"
            return not_modified
        response = make_response(func(*args, **kwargs))
        if response.status_code == 200:
            response.set_etag(tag, weak=True)
            response.headers["Cache-Control"] = "no-cache"
        return response

    return wrapper  # type: ignore[return-value]
