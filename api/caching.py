"""Conditional GETs: weak ETags from the store's change counter.

Every write bumps ``Store.revision()``, so ``(revision, URL)`` identifies a response's
content without reading it: a client revalidating with ``If-None-Match`` gets a 304 for
the price of one primary-key read.  The tag is weak because it promises equivalent
content, not identical bytes (JSON key spacing may differ between versions).

Which revision a 200 response is tagged with:

* views that read their data in one snapshot together with the revision (the entry
  listings: ``Store.entry_page``) report it with ``snapshot_revision`` and are tagged
  with exactly that, at no extra cost (``conditional(snapshot=True)``);
* the others are tagged with the revision read *before* the data: a write in between
  yields a tag older than the content, which only costs the client one extra full
  response later, never a stale 304.

A request with ``If-None-Match`` always reads the revision first, to answer 304 without
reading the data.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import partial, wraps
from typing import Any, TypeVar, overload

from flask import Response, g, make_response, request

from api.context import get_store

F = TypeVar("F", bound=Callable[..., Any])

# Bump when a representation changes shape, so old tags stop matching after an upgrade.
REPRESENTATION_VERSION = "2"

_SNAPSHOT_REVISION = "timeline_snapshot_revision"


def request_etag(revision: str) -> str:
    """The (unquoted) tag of the current request's response at store ``revision``."""
    query = sorted(request.args.items(multi=True))
    identity = f"{REPRESENTATION_VERSION}|{request.path}|{query!r}".encode()
    digest = hashlib.blake2b(identity, digest_size=8).hexdigest()
    return f"{revision}.{digest}"


def current_etag() -> str:
    """The (unquoted) tag of the current request's response at the store's revision."""
    return request_etag(get_store().revision())


def snapshot_revision(revision: str) -> None:
    """Record the revision the response's data was read at (see module docstring)."""
    setattr(g, _SNAPSHOT_REVISION, revision)


@overload
def conditional(func: F) -> F: ...
@overload
def conditional(*, snapshot: bool = False) -> Callable[[F], F]: ...
def conditional(func: F | None = None, *, snapshot: bool = False) -> Any:
    """Answer ``If-None-Match`` with 304 when nothing changed; tag 200 responses.

    ``snapshot=True``: the view reports the revision of its data (``snapshot_revision``),
    so it need not be read beforehand when the request has no ``If-None-Match``.
    """
    if func is None:
        return partial(_conditional, snapshot=snapshot)
    return _conditional(func, snapshot=snapshot)


def _conditional(func: F, *, snapshot: bool) -> F:
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        tag = None
        if request.if_none_match or not snapshot:
            tag = current_etag()
            if request.if_none_match.contains_weak(tag):
                not_modified = Response(status=304)
                not_modified.set_etag(tag, weak=True)
                not_modified.headers["Cache-Control"] = "no-cache"
                return not_modified
        response = make_response(func(*args, **kwargs))
        revision = g.pop(_SNAPSHOT_REVISION, None)
        if revision is not None:
            tag = request_etag(revision)
        # A snapshot view that reported no revision gets no tag: one read now could be
        # newer than its data.
        if response.status_code == 200 and tag is not None:
            response.set_etag(tag, weak=True)
            response.headers["Cache-Control"] = "no-cache"
        return response

    return wrapper  # type: ignore[return-value]
