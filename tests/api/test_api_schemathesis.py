"""Property-based checks of the whole API against its own OpenAPI document (schemathesis).

For every operation in ``/api/v1/openapi.json`` schemathesis generates requests from the
documented parameters and bodies (valid ones, and some that break the schema) and sends
them to the app through its WSGI interface; every response must be no server error, and
every documented response must match its schema, status code, media type and headers.

Bounded so the suite stays fast: ``max_examples`` per operation, a deterministic seed
(``derandomize``) so a failure reproduces, and one store per module holding the sample
articles, so reads have entries to return.  The write operations run too (without an API
key): posting random text runs the real pipeline on it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api import close_store, create_app

MAX_EXAMPLES = 20
CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
]
SAMPLES: list[dict[str, Any]] = [
    {
        "title": "Trump and Putin meet in Alaska",
        "published": "2025-08-16",
        "text": "On August 15, 2025, Donald Trump met Vladimir Putin in Alaska. "
        "Last month, Putin said the talks would be constructive.",
    },
    {
        "title": "Military parade in Beijing",
        "published": "2025-09-04",
        "text": "On September 3, 2025, Xi Jinping hosted a military parade in Beijing.",
    },
]


@pytest.fixture(scope="module")
def schemathesis_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    path: Path = tmp_path_factory.mktemp("schemathesis") / "api.db"
    app = create_app({"TESTING": True, "TIMELINE_DATABASE_URL": f"sqlite:///{path}"})
    response = app.test_client().post("/api/v1/documents", json=SAMPLES)
    assert response.status_code == 201, response.get_json()
    yield app
    close_store(app)


@pytest.fixture(scope="module")
def api_schema(schemathesis_app: Flask) -> Any:
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", schemathesis_app)


def _operations() -> list[tuple[str, GenerationMode]]:
    """``(METHOD /path, mode)`` of every documented operation, read from a throw-away app.

    Listed at collection time so each operation is its own test; schemathesis' own pytest
    plugin (``from_fixture``) does not work with the pytest this project uses.  Negative
    cases (requests that break the schema) only exist for operations that take input.
    """
    app = create_app({"TESTING": True, "TIMELINE_DATABASE_URL": "sqlite:///:memory:"})
    try:
        document = app.test_client().get("/api/v1/openapi.json").get_json()
    finally:
        close_store(app)
    cases = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            label = f"{method.upper()} {path}"
            cases.append((label, GenerationMode.POSITIVE))
            takes_input = operation.get("parameters") or item.get("parameters")
            if takes_input or operation.get("requestBody"):
                cases.append((label, GenerationMode.NEGATIVE))
    return cases


@pytest.mark.parametrize(("label", "mode"), _operations())
def test_api_conforms_to_its_openapi_document(
    api_schema: Any, label: str, mode: GenerationMode
) -> None:
    operation = api_schema.find_operation_by_label(label)
    assert operation is not None, label

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Any) -> None:
        # the WSGI transport does not undo gzip as an HTTP client would (tests/api/
        # test_api_ops.py checks compression), so ask for the bytes as documented
        case.call_and_validate(checks=CHECKS, headers={"Accept-Encoding": "identity"})

    check()
