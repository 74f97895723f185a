"""Bytes to text for scraped files of unknown provenance.

Most inputs are UTF-8 (often with a BOM from Windows tools); legacy scrapes are cp1252.
Binary files are refused early so they never reach the cleaner as mojibake.
"""

from __future__ import annotations

import codecs

from timeline.ingest.errors import IngestError
from timeline.ingest.limits import check_no_nul

_SNIFF_BYTES = 8192


def decode_bytes(name: str, raw: bytes) -> str:
    """Decode ``raw``: UTF-16 by BOM, else UTF-8 (BOM stripped), else cp1252, else Latin-1.

    Raises ``IngestError`` for binary content (NUL bytes without a UTF-16 BOM).
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise IngestError(name, f"invalid UTF-16 text ({exc.reason})") from exc
    if b"\x00" in raw[:_SNIFF_BYTES]:
        raise IngestError(name, "binary file (contains NUL bytes), not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; Latin-1 maps every byte, so this cannot fail.
        return raw.decode("latin-1")


def as_text(name: str, raw: str | bytes) -> str:
    """Accept already-decoded text or bytes; strip a leading BOM either way.  Text holding
    a NUL character is refused (``timeline.ingest.limits``)."""
    text = decode_bytes(name, raw) if isinstance(raw, bytes) else raw
    return check_no_nul(name, text.removeprefix("\ufeff"))
