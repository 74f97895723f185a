"""The entry query shared by ``/events`` and ``/timeline``, so they cannot drift apart."""

from __future__ import annotations

from typing import Any

from api.context import get_store
from timeline.export.records import entry_record


def query_entries(args: dict[str, Any]) -> list[dict[str, Any]]:
    """Entries matching ``EntryQuerySchema``-loaded ``args``, in timeline order.

    ``args["start"]``/``args["end"]`` are already the half-open bounds ``Store.entries``
    takes; the store does the ordering so that API and CLI list entries identically.
    """
    entries = get_store().entries(
        start=args.get("start"),
        end=args.get("end"),
        entity=args.get("entity"),
        q=args.get("q"),
    )
    return [entry_record(e) for e in entries]
