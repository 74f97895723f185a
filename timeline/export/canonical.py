"""A store's results as a value that does not depend on how they were reached.

Two stores holding the same documents must hold the same timeline, whatever the order the
documents arrived in, the batches they came in and the crashes in between (#16.4).  What
legitimately differs between such stores is only what a database assigns: document and
entry ids, and the order of rows that tie on every visible key.  ``canonical_state``
drops exactly that: documents are keyed by name, an entry's sources and statements name
their documents instead of ids, and lists are sorted by their content.  Everything a reader
sees otherwise (dates with their evidence, titles, texts, participants, sources, merge
signals, confidence, salience) is kept, so two states compare equal only when the
timelines do.  The permutation and crash tests and ``bench/order.py`` compare these.
"""

from __future__ import annotations

import json
from typing import Any

from timeline.export.records import entry_record, published_record
from timeline.store import EntryQuery, Store

__all__ = ["canonical_state", "differences"]


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def canonical_state(store: Store) -> dict[str, Any]:
    """``{"documents": {name: published record}, "entries": [entry records]}`` without
    database ids, entries sorted by their content (see the module docstring)."""
    documents: dict[str, Any] = {}
    for document in store.documents():
        documents[document.name] = published_record(document.published)
    entries = []
    for entry in store.entries(EntryQuery()):
        record = entry_record(entry)
        record.pop("id")
        for part in ("sources", "statements"):
            for item in record[part]:
                item.pop("document")
            record[part].sort(key=_key)
        entries.append(record)
    entries.sort(key=_key)
    return {"documents": dict(sorted(documents.items())), "entries": entries}


def differences(a: dict[str, Any], b: dict[str, Any]) -> dict[str, int]:
    """How far two canonical states are apart: documents dated differently (either side
    missing counts), and entries of either that the other lacks."""
    names = set(a["documents"]) | set(b["documents"])
    dated = sum(a["documents"].get(n, "missing") != b["documents"].get(n, "missing") for n in names)
    left = sorted(_key(e) for e in a["entries"])
    right = sorted(_key(e) for e in b["entries"])
    only_left, only_right = _multiset_minus(left, right), _multiset_minus(right, left)
    return {
        "documents": len(names),
        "documents_dated_differently": dated,
        "entries": len(left),
        "entries_only_here": only_left,
        "entries_only_there": only_right,
    }


def _multiset_minus(a: list[str], b: list[str]) -> int:
    from collections import Counter

    return sum((Counter(a) - Counter(b)).values())
