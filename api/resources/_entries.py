"""The entry query shared by ``/events``, ``/timeline`` and ``/entities/<name>/timeline``,
so they cannot drift apart, and the rendering of its result in every export format."""

from __future__ import annotations

from collections.abc import Callable, Iterator
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
from timeline.store.streaming import EntryStream


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


def streams(args: dict[str, Any]) -> bool:
    """Whether the answer is the whole JSON array, streamed (``streamed_entries``): no
    page asked for, format ``json``, and the app writes compact JSON (its pretty-printing
    in debug mode is left to the whole-body path)."""
    provider = current_app.json
    compact = getattr(provider, "compact", None)
    pretty = compact is False or (compact is None and current_app.debug)
    return args["format"] == "json" and not pretty


class _JSONArray:
    """A response body that writes the records of ``stream`` as one JSON array, a chunk
    at a time, byte for byte what ``json_response(records)`` would send.  ``close`` (which
    the WSGI server calls, also when the client went away or for HEAD) ends the read."""

    def __init__(self, stream: EntryStream, dumps: Callable[..., str]) -> None:
        self._stream = stream
        self._dumps = dumps

    def __iter__(self) -> Iterator[bytes]:
        try:
            separator = "["
            for chunk in self._stream.chunks():
                parts = [self._dumps(record, separators=(",", ":")) for record in chunk]
                yield (separator + ",".join(parts)).encode()
                separator = ","
            yield ("[]\n" if separator == "[" else "]\n").encode()
        finally:
            self._stream.close()

    def close(self) -> None:
        self._stream.close()


def streamed_entries(args: dict[str, Any], *, entity: str | None = None) -> Response:
    """Every entry matching ``args`` as a JSON array, streamed from a server-side cursor
    (``Store.stream_entries``): the full export never sits in memory as a whole, and its
    first bytes leave before its last entries are read.  The snapshot's revision is the
    ETag's, as for ``query_entries``."""
    query: EntryQuery = args["query"]
    if entity is not None:
        query = replace(query, entity=entity)
    stream = get_store().stream_entries(query)
    snapshot_revision(stream.revision)
    body = _JSONArray(stream, current_app.json.dumps)
    response = current_app.response_class(body, mimetype="application/json")
    # also when a wrapper (compression) replaces the body before anything was read of it
    response.call_on_close(stream.close)
    return response


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
