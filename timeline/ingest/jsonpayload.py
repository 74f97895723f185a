"""Documents from JSON objects, as sent to the API or exported by scrapers and feeds.

Field names vary between producers, so each field accepts a few common aliases.  The date
is kept *raw* in ``metadata["published"]``: the dating stage parses it and records it as
evidence, and a reader that guessed a format here would hide the original from it.  It
must be a date all the same (``check_published``): a value nobody can read is refused,
not silently replaced by an estimate from the content.  Unrecognised scalar fields are
kept under ``metadata["extra"]`` rather than dropped.

JSON is parsed strictly (``parse_json``): ``NaN`` and ``Infinity`` are not JSON (RFC 8259)
and no database stores them in a JSON column; nesting deeper than Python's recursion
allows is refused rather than crashing the reader.

A list is read item by item (``json_items``): one bad object is reported with its index
and does not stop the others.
"""

from __future__ import annotations

import json
import math
import re

from timeline.ingest.clean import clean_text
from timeline.ingest.errors import IngestError
from timeline.ingest.htmltext import PageTooDeep, extract_html
from timeline.ingest.limits import check_length, check_no_nul
from timeline.model import Document
from timeline.temporal.values import check_day

Item = Document | IngestError

TEXT_KEYS = ("text", "content", "body")
TITLE_KEYS = ("title", "headline")
URL_KEYS = ("url", "link")
PUBLISHED_KEYS = ("published", "date", "datePublished", "pubDate", "published_at")
_KNOWN = frozenset({*TEXT_KEYS, *TITLE_KEYS, *URL_KEYS, *PUBLISHED_KEYS, "name"})
# Feeds often put the article's HTML in "content"; only real block markup counts, so a
# text that mentions "<b>" in passing is not parsed as HTML.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_LOOKS_HTML = re.compile(r"<(?:p|div|br|article|section|h[1-6]|li|blockquote)\b[^>]*>", re.I)


def parse_json(text: str) -> object:
    """``json.loads`` for untrusted input: ValueError for ``NaN``/``Infinity`` and for
    nesting too deep to parse, as for any other invalid JSON."""
    try:
        return json.loads(text, parse_constant=_not_json)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def _not_json(constant: str) -> object:
    raise ValueError(f"{constant} is not a JSON value (write null or a string)")


def json_items(name: str, payload: object, *, max_chars: int | None = None) -> list[Item]:
    """One object or a list of objects, each read on its own: a document, or the error
    that refused it.  List items are named ``name#1``, ``name#2``, ...  A payload that is
    neither (or an empty list) raises ``IngestError``."""
    if isinstance(payload, dict):
        return [object_item(name, payload, max_chars)]
    if isinstance(payload, list):
        if not payload:
            raise IngestError(name, "empty JSON list: no documents", empty=True)
        return [object_item(f"{name}#{i}", obj, max_chars) for i, obj in enumerate(payload, 1)]
    raise IngestError(name, f"expected a JSON object or a list of objects, got {_kind(payload)}")


def object_item(label: str, obj: object, max_chars: int | None = None) -> Item:
    """``object_to_document``, or the error refusing the object."""
    try:
        return object_to_document(label, obj, max_chars=max_chars)
    except IngestError as error:
        return error


def objects_to_documents(
    name: str, payload: object, *, max_chars: int | None = None
) -> list[Document]:
    """``json_items``, raising the first error."""
    documents = []
    for item in json_items(name, payload, max_chars=max_chars):
        if isinstance(item, IngestError):
            raise item
        documents.append(item)
    return documents


def object_to_document(label: str, obj: object, *, max_chars: int | None = None) -> Document:
    """Build a document from one JSON object; ``label`` names it in errors and by default.

    The document name is the object's ``name`` field, else ``label``.  ``max_chars`` is
    the length limit of its text (``timeline.ingest.limits``).
    """
    if not isinstance(obj, dict):
        raise IngestError(label, f"expected a JSON object, got {_kind(obj)}")
    raw_text = _first(obj, TEXT_KEYS)
    if isinstance(raw_text, list) and all(isinstance(p, str) for p in raw_text):
        raw_text = "\n\n".join(raw_text)  # some exporters store paragraphs as a list
    if raw_text is None:
        raise IngestError(label, "missing text: expected a 'text', 'content' or 'body' field")
    if not isinstance(raw_text, str):
        raise IngestError(label, f"'text' must be a string, got {_kind(raw_text)}")
    _check_values(label, obj)
    title = _optional_str(label, obj, TITLE_KEYS)
    if _LOOKS_HTML.search(raw_text):
        try:
            page = extract_html(raw_text)
        except PageTooDeep as error:
            raise IngestError(label, str(error)) from error
        raw_text, title = page.text, title or page.title
    text = check_length(label, clean_text(_no_lone_surrogates(raw_text)), max_chars)
    if not text:
        raise IngestError(label, "empty text", empty=True)
    metadata: dict[str, object] = {}
    published = _first(obj, PUBLISHED_KEYS)
    if published is not None and published != "":
        metadata["published"] = check_published(label, published)
    metadata["source_format"] = "json"
    extra = {k: v for k, v in obj.items() if k not in _KNOWN and _is_scalar(v)}
    if extra:
        metadata["extra"] = extra
    name = obj.get("name")
    return Document(
        name=name.strip() if isinstance(name, str) and name.strip() else label,
        text=text,
        title=title,
        url=_optional_str(label, obj, URL_KEYS),
        metadata=metadata,
    )


def check_published(label: str, value: object) -> str:
    """``value`` when it is a publication date the dating stage can read (a date string in
    any format dateparser knows, to the day, up to ``values.LAST_DAY``); else
    ``IngestError``."""
    from timeline.dating.signals.metadata import parse_date_string  # late: dateparser

    if not isinstance(value, str):
        raise IngestError(
            label, f"'published' must be a date string such as 2025-08-16, got {_kind(value)}"
        )
    day = parse_date_string(value)
    if day is None:
        raise IngestError(label, f"'published' is not a date: {value[:80]!r} (e.g. 2025-08-16)")
    try:
        check_day(day)
    except ValueError as error:
        raise IngestError(label, f"'published' {error}") from error
    return value


def _check_values(label: str, obj: dict[object, object]) -> None:
    """No NUL in a string the document would keep (``timeline.ingest.limits``), and no
    number JSON cannot carry (a producer's ``NaN`` read by a lenient parser)."""
    for key, value in obj.items():
        check_no_nul(label, str(key), "field name")
        parts = value if isinstance(value, list) else [value]
        for part in parts:
            if isinstance(part, str):
                check_no_nul(label, part, f"'{key}' field")
            elif isinstance(part, float) and not math.isfinite(part):
                raise IngestError(label, f"'{key}' is {part}, which is not a JSON number")


def _first(obj: dict[str, object], keys: tuple[str, ...]) -> object:
    for key in keys:
        if obj.get(key) is not None:
            return obj[key]
    return None


def _optional_str(label: str, obj: dict[str, object], keys: tuple[str, ...]) -> str | None:
    value = _first(obj, keys)
    if value is None:
        return None
    if not isinstance(value, str):
        raise IngestError(label, f"'{keys[0]}' must be a string, got {_kind(value)}")
    return " ".join(_no_lone_surrogates(value).split()) or None


def _no_lone_surrogates(text: str) -> str:
    """JSON escapes can produce lone surrogates, which no encoder or database accepts."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def _is_scalar(value: object) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _kind(value: object) -> str:
    kinds = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    return kinds.get(type(value), "a number" if isinstance(value, int | float) else "a value")
