"""The entry query shared by ``/events``, ``/timeline`` and ``/entities/<name>/timeline``,
so they cannot drift apart, and the rendering of its result in every export format."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any, cast

from flask import Response, current_app

from api.caching import snapshot_revision
from api.context import get_store
from api.pagination import add_next_link, entry_cursor
from timeline.export.formats import get_format
from timeline.store import EntryQuery
from timeline.store.rows import entry_from_record


def query_entries(
    args: dict[str, Any], *, paged: bool, entity: str | None = None
) -> tuple[list[dict[str, Any]], str | None]:
    """Entries matching schema-loaded ``args`` and the next page's cursor (None: no more).

    ``args["query"]`` is the ``EntryQuery`` the filters built (``timeline.filters``, the
    same as ``timeline dump``'s), so API and CLI list entries identically; ``entity``
    (a path parameter) replaces its entity.  ``paged`` False returns every match; a page
    fetches one entry more than asked, to know whether a next page exists.

    The entries are ``entry_record`` dicts, as ``Store.entry_page`` reads them; the
    revision they were read at is reported for the response's ETag
    (``conditional(snapshot=True)``).
    """
    query: EntryQuery = args["query"]
    if entity is not None:
        query = replace(query, entity=entity)
    limit = query.limit if paged else None
    page = get_store().entry_page(replace(query, limit=None if limit is None else limit + 1))
    snapshot_revision(page.revision)
    records = page.records
    if limit is None or len(records) <= limit:
        return records, None
    del records[limit:]
    last = records[-1]
    key = (date.fromisoformat(last["start"]), date.fromisoformat(last["end"]), last["id"])
    sort = "salience" if query.by_salience else "-time" if query.descending else "time"
    return records, entry_cursor(key, sort=sort, salience=last["salience"])


def json_response(data: Any, status: int = 200) -> Response:
    """A JSON response built directly, without a marshmallow dump.

    The records already have the documented shape (``timeline.export.records``); dumping
    them again through the schemas would only cost time on large timelines.  The schemas
    still describe them in the OpenAPI document, and the schemathesis test checks that
    the responses conform.
    """
    # the app's response class at run time; Flask's provider is annotated with werkzeug's base
    response = cast(Response, current_app.json.response(data))
    response.status_code = status
    return response


def events_response(records: list[dict[str, Any]], cursor: str | None) -> Response:
    """The ``/events`` envelope: ``{items, next}`` plus the ``Link`` header."""
    return add_next_link(json_response({"items": records, "next": cursor}), cursor)


def timeline_response(records: list[dict[str, Any]], cursor: str | None, export: str) -> Response:
    """The timeline in the requested export format (``timeline.export.formats``).

    ``json`` is the records themselves; the other formats render model entries.
    """
    if export == "json":
        response = json_response(records)
    else:
        fmt = get_format(export)
        entries = [entry_from_record(record) for record in records]
        if fmt.data is not None:
            response = json_response(fmt.data(entries))
        else:
            response = Response(fmt.render(entries), mimetype=None, content_type=fmt.media_type)
    if not get_format(export).is_json:  # a file to save (CSV, text): its name
        suffix = get_format(export).suffix
        response.headers["Content-Disposition"] = f'inline; filename="timeline{suffix}"'
    return add_next_link(response, cursor)
