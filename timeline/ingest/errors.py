"""The single error type of the ingest stage.

Callers (CLI, API) catch one exception and show its message, so every message starts with
the file or payload it is about; ``source`` and ``reason`` stay available separately so a
folder reader can restate the error with the full path.
"""

from __future__ import annotations


class IngestError(ValueError):
    """A source could not be turned into a document: ``"<source>: <reason>"``.

    ``empty`` tells a source with nothing to read (an empty file, no text left after
    cleaning) from one that could not be read, so that ingest can count them apart.
    """

    def __init__(self, source: str, reason: str, *, empty: bool = False) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
        self.empty = empty
