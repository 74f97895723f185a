"""Content identity of a document, used by the store to make re-ingestion a no-op.

The hash ignores differences that do not change what an article says: Unicode composition
(NFC vs NFD accents) and whitespace (line endings, indentation, blank lines, NBSP runs).
"""

from __future__ import annotations

import hashlib
import unicodedata


def normalise_for_hash(text: str) -> str:
    """NFC-normalise and collapse every run of Unicode whitespace to one space, stripped."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def content_hash(text: str) -> str:
    """SHA-256 hex digest of ``normalise_for_hash(text)`` encoded as UTF-8.

    Lone surrogates (possible in JSON input) are encoded as-is rather than raising: the
    hash is an identity, it must be defined for every ``str``.
    """
    data = normalise_for_hash(text).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()
