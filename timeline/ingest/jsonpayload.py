"""Documents from JSON objects, as sent to the API or exported by scrapers and feeds.

Field names vary between producers, so each field accepts a few common aliases.  The date
is kept *raw* in ``metadata["published"]``: the dating stage parses it and records it as
evidence, and a reader that guessed a format here would hide the original from it.
Unrecognised scalar fields are kept under ``metadata["extra"]`` rather than dropped.
"""

from __future__ import annotations

import re

from timeline.ingest.clean import clean_text
from timeline.ingest.errors import IngestError
from timeline.ingest.htmltext import extract_html
from timeline.model import Document

TEXT_KEYS = ("text", "content", "body")
TITLE_KEYS = ("title", "headline")
URL_KEYS = ("url", "link")
PUBLISHED_KEYS = ("published", "date", "datePublished", "pubDate", "published_at")
_KNOWN = frozenset({*TEXT_KEYS, *TITLE_KEYS, *URL_KEYS, *PUBLISHED_KEYS, "name"})
# Feeds often put the article's HTML in "content"; only real block markup counts, so a
# text that mentions "<b>" in passing is not parsed as HTML.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_LOOKS_HTML = re.compile(r"<(?:p|div|br|article|section|h[1-6]|li|blockquote)\b[^>]*>", re.I)


def objects_to_documents(name: str, payload: object) -> list[Document]:
    """One object or a list of objects; list items are named ``name#1``, ``name#2``, ..."""
    if isinstance(payload, dict):
        return [object_to_document(name, payload)]
    if isinstance(payload, list):
        if not payload:
            raise IngestError(name, "empty JSON list: no documents", empty=True)
        return [object_to_document(f"{name}#{i}", item) for i, item in enumerate(payload, 1)]
    raise IngestError(name, f"expected a JSON object or a list of objects, got {_kind(payload)}")


def object_to_document(label: str, obj: object) -> Document:
    """Build a document from one JSON object; ``label`` names it in errors and by default.

    The document name is the object's ``name`` field, else ``label``.
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
    title = _optional_str(label, obj, TITLE_KEYS)
    if _LOOKS_HTML.search(raw_text):
        page = extract_html(raw_text)
        raw_text, title = page.text, title or page.title
    text = clean_text(_no_lone_surrogates(raw_text))
    if not text:
        raise IngestError(label, "empty text", empty=True)
    metadata: dict[str, object] = {}
    published = _first(obj, PUBLISHED_KEYS)
    if published is not None and published != "":
        metadata["published"] = published
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
