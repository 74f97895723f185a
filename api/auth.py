"""Write access: a bearer API key, when one is configured.

Reads are open.  Operations that change the store (posting, re-dating and deleting
documents) require ``Authorization: Bearer <key>`` when ``TIMELINE_API_KEY`` is set in the
app config or the environment; without a key the API is open, as for a local tool.  The
key is compared with ``hmac.compare_digest`` so the time taken does not reveal how much
of a guess was right.  Failures are 401 problems with ``WWW-Authenticate: Bearer``
(RFC 6750), checked before the body is read, so an anonymous client cannot make the
server parse (or run the pipeline on) a large upload.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import current_app, request
from flask_smorest import Blueprint, abort

F = TypeVar("F", bound=Callable[..., Any])

API_KEY_CONFIG = "TIMELINE_API_KEY"
SECURITY_SCHEME = "bearerAuth"
_REALM = 'Bearer realm="timeline"'


def check_write_access() -> None:
    """Abort with 401 unless the request carries the configured key (if any)."""
    key = current_app.config.get(API_KEY_CONFIG)
    if not key:
        return
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        abort(
            401,
            message="This operation needs an API key: send Authorization: Bearer <key>.",
            headers={"WWW-Authenticate": _REALM},
        )
    if not hmac.compare_digest(token.strip().encode(), str(key).encode()):
        abort(
            401,
            message="The API key is not valid.",
            headers={"WWW-Authenticate": f'{_REALM}, error="invalid_token"'},
        )


def write_access(blp: Blueprint) -> Callable[[F], F]:
    """Protect a write operation and document it (security requirement, 401 problem).

    Apply it outermost (above ``blp.arguments``) so the key is checked before the body is
    parsed.  ``security: [{bearerAuth: []}, {}]`` says the key is optional in general: it
    is required only when the server has one.
    """

    def decorator(func: F) -> F:
        @wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            check_write_access()
            return func(*args, **kwargs)

        documented = blp.alt_response(401, response="UNAUTHORIZED")(wrapper)
        return blp.doc(security=[{SECURITY_SCHEME: []}, {}])(documented)

    return decorator
