"""The timeline page: one HTML page at ``/`` drawing ``/api/v1/events`` with vis-timeline.

The page is static apart from its asset URLs and two settings (the page size, and the
salience threshold of the "salient only" view it opens on, ``SALIENT``):
``api/static/timeline.js`` queries the REST API from the browser.  vis-timeline is
vendored in ``api/static/vendor/`` (``make web-vendor`` re-creates it from
``web/package-lock.json``), so the page needs no network beyond this server.  Its assets
are served by this blueprint under ``/assets/``.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, make_response, render_template

from timeline.events.salience import SALIENT

__all__ = ["CONTENT_SECURITY_POLICY", "blp"]

blp = Blueprint(
    "web",
    __name__,
    static_folder="static",
    static_url_path="/assets",
    template_folder="templates",
)

# Everything comes from this server; article text is only ever inserted as text nodes, and
# this policy makes an injected <script> or inline handler inert even if that ever changed.
# Styles must allow 'unsafe-inline': vis-timeline writes style attributes (setAttribute).
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)


# Entries per /events request of the page: a few hundred keep each response small (and
# quick to draw) while a dense window still needs only a few requests.
PAGE_SIZE_CONFIG = "TIMELINE_PAGE_SIZE"
DEFAULT_PAGE_SIZE = 250


@blp.get("/")
def index() -> Response:
    """The timeline page."""
    page_size = int(current_app.config.get(PAGE_SIZE_CONFIG) or DEFAULT_PAGE_SIZE)
    response = make_response(render_template("timeline.html", page_size=page_size, salient=SALIENT))
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    return response


@blp.after_request
def _no_sniffing(response: Response) -> Response:
    """The page and its assets are used only as the type they are served with."""
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
