"""The OpenAPI document: served as JSON, complete, and internally consistent."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from flask.testing import FlaskClient

PATHS = {
    "/api/v1/documents": {"get", "post"},
    "/api/v1/documents/{document_id}": {"get"},
    "/api/v1/events": {"get"},
    "/api/v1/timeline": {"get"},
    "/api/v1/entities": {"get"},
}


def spec(client: FlaskClient) -> dict[str, Any]:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    document = json.loads(response.get_data(as_text=True))
    assert isinstance(document, dict)
    return document


def refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from refs(item)


def test_spec_is_served(client: FlaskClient) -> None:
    document = spec(client)
    assert document["openapi"] == "3.1.0"
    assert document["info"]["title"] == "timeline"
    assert document["info"]["version"] == "v1"
    methods = {path: set(item) - {"parameters"} for path, item in document["paths"].items()}
    assert methods == PATHS


def test_every_operation_is_documented(client: FlaskClient) -> None:
    document = spec(client)
    tags = {tag["name"] for tag in document["tags"]}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if method == "parameters":  # path-level parameters, not an operation
                continue
            where = f"{method.upper()} {path}"
            assert operation.get("summary"), where
            assert set(operation["tags"]) <= tags, where
            success = [code for code in operation["responses"] if code.startswith("2")]
            assert len(success) == 1, where
            content = operation["responses"][success[0]]["content"]["application/json"]
            assert "schema" in content, where
            assert "default" in operation["responses"], where


def test_query_parameters_and_errors(client: FlaskClient) -> None:
    document = spec(client)
    for path in ("/api/v1/events", "/api/v1/timeline"):
        operation = document["paths"][path]["get"]
        names = {p["name"] for p in operation["parameters"] if p["in"] == "query"}
        assert names == {"start", "end", "entity", "q"}
        assert "422" in operation["responses"]
    post = document["paths"]["/api/v1/documents"]["post"]
    assert {"201", "400", "413", "415", "422"} <= set(post["responses"])
    body = post["requestBody"]["content"]["application/json"]["schema"]
    assert len(body["oneOf"]) == 2
    assert "404" in document["paths"]["/api/v1/documents/{document_id}"]["get"]["responses"]


def test_errors_are_documented_as_problems(client: FlaskClient) -> None:
    document = spec(client)
    responses = document["components"]["responses"]
    assert responses
    for name, response in responses.items():
        assert set(response["content"]) == {"application/problem+json"}, name
    problem = document["components"]["schemas"]["Problem"]
    assert {"type", "title", "status"} <= set(problem["required"])


def test_every_reference_resolves(client: FlaskClient) -> None:
    document = spec(client)
    found = list(refs(document))
    assert found
    for ref in found:
        assert ref.startswith("#/"), ref
        node: Any = document
        for part in ref[2:].split("/"):
            assert part in node, ref
            node = node[part]
