"""The timeline's export formats, by name: one registry shared by the CLI and the API.

``timeline dump --format NAME`` (or ``-o FILE``, by its suffix) and
``GET /api/v1/timeline?format=NAME`` look formats up here, so both always offer the same
formats with the same bytes (up to JSON whitespace: the CLI indents, the API does not).
JSON formats build plain data first (``data``) so the API can serialise it with its own
encoder; text formats render straight to a string.  A new format: a module rendering it
and one ``TimelineFormat`` below.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from timeline.export.records import entry_record
from timeline.export.tabular import CSV_COLUMNS, render_csv
from timeline.export.text import render_text
from timeline.export.tilse import render_tilse
from timeline.export.timelinejs import timelinejs_document
from timeline.export.vis import vis_items
from timeline.model import TimelineEntry

Entries = Sequence[TimelineEntry]


@dataclass(frozen=True)
class TimelineFormat:
    """One way to write a timeline: a media type and either a data or a text renderer."""

    name: str
    media_type: str
    description: str
    suffix: str  # of a file holding it; ``format_for_path`` reads the first format's
    data: Callable[[Entries], Any] | None = None
    text: Callable[[Entries], str] | None = None

    @property
    def is_json(self) -> bool:
        return self.data is not None

    def render(self, entries: Entries, *, indent: int | None = None) -> str:
        """The whole export as text (JSON formats: ``json.dumps`` with ``indent``)."""
        if self.data is not None:
            return json.dumps(self.data(entries), ensure_ascii=False, indent=indent)
        assert self.text is not None
        return self.text(entries)


def _records(entries: Entries) -> list[dict[str, Any]]:
    return [entry_record(entry) for entry in entries]


FORMATS: dict[str, TimelineFormat] = {
    f.name: f
    for f in (
        TimelineFormat(
            "json",
            "application/json",
            "an array of entries (the stable format documented in the README)",
            ".json",
            data=_records,
        ),
        TimelineFormat(
            "csv",
            "text/csv; charset=utf-8",
            "one row per entry: " + ",".join(CSV_COLUMNS),
            ".csv",
            text=render_csv,
        ),
        TimelineFormat(
            "text",
            "text/plain; charset=utf-8",
            "the human-readable listing of `timeline dump`",
            ".txt",
            text=render_text,
        ),
        TimelineFormat(
            "timelinejs",
            "application/json",
            "TimelineJS3 data: {events: [{start_date, end_date, text, unique_id}]}",
            ".json",
            data=timelinejs_document,
        ),
        TimelineFormat(
            "vis",
            "application/json",
            "vis-timeline items: [{id, content, start, end, group, title}]",
            ".json",
            data=vis_items,
        ),
        TimelineFormat(
            "tilse",
            "text/plain; charset=utf-8",
            "tilse/timeline17 text: date line, sentences, 32 dashes (day entries only)",
            ".txt",
            text=render_tilse,
        ),
    )
}

FORMAT_NAMES: tuple[str, ...] = tuple(FORMATS)


def get_format(name: str) -> TimelineFormat:
    """The format called ``name``; ValueError naming the choices otherwise."""
    try:
        return FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}: use one of {', '.join(FORMAT_NAMES)}") from None


def format_for_path(path: str | PurePath) -> TimelineFormat:
    """The format a file name asks for by its suffix (``.json`` json, ``.csv`` csv, ``.txt``
    text: the first format registered with it); ValueError when none has it."""
    suffix = PurePath(path).suffix.lower()
    for fmt in FORMATS.values():
        if fmt.suffix == suffix:
            return fmt
    known = ", ".join(sorted({f.suffix for f in FORMATS.values()}))
    raise ValueError(
        f"cannot tell the format of {str(path)!r} from its suffix ({known}): give --format"
    )
