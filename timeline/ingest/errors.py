"""The single error type of the ingest stage.

Callers (CLI, API) catch one exception and show its message, so every message starts with
the file or payload it is about; ``source`` and ``reason`` stay available separately so a
folder reader can restate the error with the full path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from timeline.model import Document


class IngestError(ValueError):
    """A source could not be turned into a document: ``"<source>: <reason>"``.

    ``empty`` tells a source with nothing to read (an empty file, no text left after
    cleaning) from one that could not be read, so that ingest can count them apart;
    ``too_large`` one over a size limit (``timeline.ingest.limits``: HTTP 413).
    ``partial`` is what could be read of a source with no text but some metadata (a web
    page with no article text still declares its date): no article to store, but a
    document ``timeline date`` can still date.
    """

    def __init__(
        self,
        source: str,
        reason: str,
        *,
        empty: bool = False,
        too_large: bool = False,
        partial: Document | None = None,
    ) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
        self.empty = empty
        self.too_large = too_large
        self.partial = partial

    def restated(self, source: str) -> IngestError:
        """The same error about ``source`` (e.g. the file's full path)."""
        return IngestError(
            source, self.reason, empty=self.empty, too_large=self.too_large, partial=self.partial
        )
