"""The timeline page without a browser: HTML at ``/``, its assets, and only local references."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

STATIC = Path(__file__).resolve().parents[2] / "api" / "static"
VENDOR = STATIC / "vendor" / "vis-timeline"
LOCK = Path(__file__).resolve().parents[2] / "web" / "package-lock.json"
JS_TYPES = {"text/javascript", "application/javascript"}
URL = re.compile(r"\b(?:https?:)?//[\w.-]+\.\w", re.IGNORECASE)


class _References(HTMLParser):
    """Every ``src``/``href`` of the page, with the tag it is on."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in {"src", "href", "action"} and value is not None:
                self.refs.append((tag, value))


@pytest.fixture(scope="module")
def client(seeded_app: Flask) -> FlaskClient:
    return seeded_app.test_client()


@pytest.fixture(scope="module")
def page(client: FlaskClient) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _references(html: str) -> list[tuple[str, str]]:
    parser = _References()
    parser.feed(html)
    return parser.refs


def test_index_is_html_with_the_page_skeleton(client: FlaskClient, page: str) -> None:
    response = client.get("/")
    assert response.mimetype == "text/html"
    assert response.mimetype_params.get("charset") == "utf-8"
    for marker in ('id="timeline"', 'id="filters"', 'id="panel"', 'name="group"', 'id="error"'):
        assert marker in page
    for name in ("start", "end", "entity", "q"):
        assert f'name="{name}"' in page
    assert 'data-api="/api/v1"' in page


def test_index_sends_a_strict_script_policy(client: FlaskClient) -> None:
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "default-src 'self'" in policy
    assert "unsafe-eval" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_assets_are_served_with_their_content_types(client: FlaskClient, page: str) -> None:
    refs = _references(page)
    scripts = [ref for tag, ref in refs if tag == "script"]
    sheets = [ref for tag, ref in refs if tag == "link" and ref.endswith(".css")]
    assert any(s.endswith("/vis-timeline-graph2d.min.js") for s in scripts)
    assert any(s.endswith("/timeline.js") for s in scripts)
    assert any(s.endswith("/vis-timeline-graph2d.min.css") for s in sheets)
    assert any(s.endswith("/timeline.css") for s in sheets)
    for ref in scripts:
        response = client.get(ref)
        assert response.status_code == 200, ref
        assert response.mimetype in JS_TYPES, (ref, response.mimetype)
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert len(response.get_data()) > 1000
    for ref in sheets:
        response = client.get(ref)
        assert response.status_code == 200, ref
        assert response.mimetype == "text/css", (ref, response.mimetype)


def test_the_page_references_only_local_assets(page: str) -> None:
    for tag, ref in _references(page):
        # Same-origin paths, or an inline data: URL (the empty favicon).
        local = ref.startswith("/") and not ref.startswith("//")
        assert local or ref.startswith("data:"), (tag, ref)
    assert not URL.search(page), URL.search(page)


@pytest.mark.parametrize("name", ["timeline.js", "timeline.css"])
def test_our_assets_name_no_remote_url(name: str) -> None:
    source = (STATIC / name).read_text(encoding="utf-8")
    assert "http://" not in source and "https://" not in source
    assert not URL.search(source), URL.search(source)
    assert "@import" not in source


def test_the_script_never_parses_article_text_as_html() -> None:
    """Article text is inserted as text nodes only: no HTML-parsing DOM sinks at all."""
    source = (STATIC / "timeline.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in source, sink


def test_the_vendored_vis_timeline_is_the_locked_npm_version(client: FlaskClient) -> None:
    """``api/static/vendor`` is what ``make web-vendor`` builds from ``web/package-lock.json``."""
    lock = json.loads(LOCK.read_text(encoding="utf-8"))
    locked = lock["packages"]["node_modules/vis-timeline"]["version"]
    assert (VENDOR / "VERSION").read_text(encoding="utf-8").split() == ["vis-timeline", locked]
    script = (VENDOR / "vis-timeline-graph2d.min.js").read_text(encoding="utf-8")
    assert f"@version {locked}" in script[:2000]
    assert (VENDOR / "LICENSE.md").is_file()
    # The stylesheet loads nothing (no fonts or images from elsewhere).
    css = (VENDOR / "vis-timeline-graph2d.min.css").read_text(encoding="utf-8")
    assert "@import" not in css and not re.search(r"url\(\s*['\"]?(?:https?:)?//", css)


def test_missing_assets_are_404(client: FlaskClient) -> None:
    assert client.get("/assets/nope.js").status_code == 404
    assert client.get("/assets/../web.py").status_code == 404


def test_the_page_is_not_part_of_the_api_spec(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    assert "/" not in spec["paths"]
    assert all(path.startswith("/api/v1/") for path in spec["paths"])
