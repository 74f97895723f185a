"""The OpenAPI document: served as JSON, complete, and internally consistent."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from flask.testing import FlaskClient

PATHS = {
    "/api/v1/documents": {"get", "post"},
    "/api/v1/documents/{document_id}": {"get", "patch", "delete"},
    "/api/v1/events": {"get"},
    "/api/v1/events/{entry_id}": {"get"},
    "/api/v1/timeline": {"get"},
    "/api/v1/entities": {"get"},
    "/api/v1/entities/{name}/timeline": {"get"},
    "/api/v1/tag": {"post"},
    "/api/v1/jobs": {"get"},
    "/api/v1/jobs/{job_id}": {"get"},
}
DOCUMENTS = "/api/v1/documents"
FILTERS = {
    "start",
    "end",
    "mode",
    "entity",
    "q",
    "document",
    "min_confidence",
    "granularity",
    "min_salience",
    "entity_type",
    "sort",
    "limit",
    "cursor",
}
WRITES = {
    ("/api/v1/documents", "post"),
    ("/api/v1/documents/{document_id}", "patch"),
    ("/api/v1/documents/{document_id}", "delete"),
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
            # one success, except where a batch can also partly succeed (207 Multi-Status)
            # and the jobs that a server with workers answers instead (202) to the writes
            # on documents (post, pin, delete)
            success = [
                code
                for code in operation["responses"]
                if code.startswith("2")
                and code != "207"
                and not (code == "202" and path.startswith(DOCUMENTS))
            ]
            assert len(success) == 1, where
            if "207" in operation["responses"]:
                partial = operation["responses"]["207"]["content"]["application/json"]
                assert "schema" in partial, where
            if success == ["204"]:
                assert "content" not in operation["responses"]["204"], where
            else:
                content = operation["responses"][success[0]]["content"]["application/json"]
                assert "schema" in content, where
            assert "default" in operation["responses"], where
            if method == "get":
                assert "304" in operation["responses"], where


def test_query_parameters_and_errors(client: FlaskClient) -> None:
    document = spec(client)
    for path, extra in (
        ("/api/v1/events", set()),
        ("/api/v1/timeline", {"format"}),
        ("/api/v1/entities/{name}/timeline", {"format"}),
    ):
        operation = document["paths"][path]["get"]
        names = {p["name"] for p in operation["parameters"] if p["in"] == "query"}
        expected = FILTERS | extra
        if "entities" in path:
            expected = expected - {"entity"}
        assert names == expected, path
        assert "422" in operation["responses"]
    post = document["paths"]["/api/v1/documents"]["post"]
    assert {"201", "400", "401", "413", "415", "422"} <= set(post["responses"])
    body = post["requestBody"]["content"]
    assert set(body) == {"application/json", "text/plain", "text/html"}
    assert len(body["application/json"]["schema"]["oneOf"]) == 2
    query = {p["name"] for p in post["parameters"] if p["in"] == "query"}
    assert query == {"name", "title", "url", "published"}
    detail = document["paths"]["/api/v1/documents/{document_id}"]
    assert "404" in detail["get"]["responses"]
    assert set(detail["get"]["responses"]["200"]["content"]) == {
        "application/json",
        "application/xml",
    }
    assert {"200", "401", "404", "422"} <= set(detail["patch"]["responses"])
    assert {"204", "401", "404"} <= set(detail["delete"]["responses"])
    timeline = document["paths"]["/api/v1/timeline"]["get"]["responses"]["200"]["content"]
    assert set(timeline) == {"application/json", "text/csv", "text/plain"}
    assert (
        "schema"
        in document["paths"]["/api/v1/tag"]["post"]["requestBody"]["content"]["application/json"]
    )


def test_writes_declare_the_bearer_scheme(client: FlaskClient) -> None:
    document = spec(client)
    scheme = document["components"]["securitySchemes"]["bearerAuth"]
    assert scheme["type"] == "http" and scheme["scheme"] == "bearer"
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if method == "parameters":
                continue
            if (path, method) in WRITES:
                assert operation["security"] == [{"bearerAuth": []}, {}], (path, method)
                assert "401" in operation["responses"]
            else:
                assert "security" not in operation, (path, method)


def test_interactive_docs_are_served_locally(client: FlaskClient) -> None:
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "/api/v1/openapi.json" in html
    assert "swagger-ui-bundle.js" in html
    # No asset from another host: every script and stylesheet comes from this server.
    assert "http://" not in html and "https://" not in html
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "swagger-ui-standalone-preset.js"):
        response = client.get(f"/api/v1/docs/assets/{asset}")
        assert response.status_code == 200, asset
        assert len(response.get_data()) > 1000
    problem_response = client.get("/api/v1/docs/assets/nothing.js")
    assert problem_response.status_code == 404


def test_errors_are_documented_as_problems(client: FlaskClient) -> None:
    document = spec(client)
    responses = document["components"]["responses"]
    assert responses
    for name, response in responses.items():
        if name == "NOT_MODIFIED":
            assert "content" not in response
            continue
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
