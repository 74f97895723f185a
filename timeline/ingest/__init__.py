"""Ingest stage: files, folders and JSON payloads in, cleaned ``Document`` objects out.

Public API::

    read_path(path, *, on_error=None) -> list[Document]
    read_file(path, *, name=None) -> list[Document]
    read_text(name, raw) -> Document
    read_html(name, raw) -> Document
    read_json_payload(name, obj) -> list[Document]
    clean_text(text) -> str
    content_hash(text) -> str
    IngestError (a ValueError whose message starts with the offending source)
"""

from timeline.ingest.clean import clean_text
from timeline.ingest.errors import IngestError
from timeline.ingest.hashing import content_hash
from timeline.ingest.readers import (
    SUPPORTED_SUFFIXES,
    read_file,
    read_html,
    read_json_payload,
    read_path,
    read_text,
)

__all__ = [
    "SUPPORTED_SUFFIXES",
    "IngestError",
    "clean_text",
    "content_hash",
    "read_file",
    "read_html",
    "read_json_payload",
    "read_path",
    "read_text",
]
