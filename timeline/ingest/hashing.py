"""Content identity of a document, used by the store to make re-ingestion a no-op.

The hash ignores differences that do not change what an article says: Unicode composition
(NFC vs NFD accents) and whitespace (line endings, indentation, blank lines, NBSP runs).

A document that a corpus names (a TimeML ``DOCID``) is that document: wire services re-run
a story word for word days later (TBAQ's APW20000107.0088 and APW20000115.0209), and the
corpus counts two documents with two creation times.  Its identity is then the name and
the text together; text without a corpus name is identified by its text alone.
"""

from __future__ import annotations

import hashlib
import unicodedata


def normalise_for_hash(text: str) -> str:
    """NFC-normalise and collapse every run of Unicode whitespace to one space, stripped."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def content_hash(text: str, corpus_id: str | None = None) -> str:
    """SHA-256 hex digest of ``normalise_for_hash(text)`` encoded as UTF-8, preceded by
    ``corpus_id`` and a NUL when the document has one.

    Lone surrogates (possible in JSON input) are encoded as-is rather than raising: the
    hash is an identity, it must be defined for every ``str``.
    """
    normalised = normalise_for_hash(text)
    if corpus_id:
        normalised = f"{corpus_id}\0{normalised}"
    data = normalised.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()
