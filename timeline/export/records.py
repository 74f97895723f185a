"""Plain-dict forms of the model, shared by the CLI's JSON/CSV output and the REST API.

These shapes are the documented, stable machine formats (see README): change them only
together with the README and the API schemas.
"""

from __future__ import annotations

from typing import Any

from timeline.language import is_supported
from timeline.model import Document, Event, PublicationDate, TemporalExpression, TimelineEntry


def entry_record(entry: TimelineEntry) -> dict[str, Any]:
    """One timeline entry: interval (end exclusive), TimeML value, how sure that time is,
    text and its sources."""
    return {
        "id": entry.id,
        "start": entry.interval.start.isoformat(),
        "end": entry.interval.end.isoformat(),
        "value": entry.value,
        "granularity": entry.interval.granularity.value,
        "confidence": round(entry.confidence, 3),
        "title": entry.title,
        "text": entry.text,
        "entities": list(entry.entities),
        "sources": [
            {
                "document": s.document_id,
                "document_name": s.document_name,
                "sentence": s.sentence,
                "char_start": s.char_start,
                "char_end": s.char_end,
            }
            for s in entry.sources
        ],
    }


def published_record(published: PublicationDate | None) -> dict[str, Any] | None:
    """A publication date estimate with its interval, its most likely day (``point``),
    confidence and evidence."""
    if published is None:
        return None
    return {
        "value": published.value,
        "start": published.interval.start.isoformat(),
        "end": published.interval.end.isoformat(),
        "point": published.point.isoformat(),
        "granularity": published.granularity.value,
        "confidence": round(published.confidence, 3),
        "provenance": published.provenance.value,
        "evidence": [e.as_dict() for e in published.evidence],
    }


def document_record(document: Document) -> dict[str, Any]:
    """A document: ``language`` is its ISO 639-1 code (null: undetermined) and
    ``language_supported`` False when the tagger does not read it (``timeline.language``)."""
    return {
        "id": document.id,
        "name": document.name,
        "title": document.title,
        "published": published_record(document.published),
        "language": document.language,
        "language_supported": is_supported(document.language),
    }


def expression_record(expression: TemporalExpression) -> dict[str, Any]:
    """A tagged expression: span, TimeML type and value, resolved interval, and the tagger
    rule that recognised it."""
    interval = expression.interval
    return {
        "text": expression.text,
        "char_start": expression.char_start,
        "char_end": expression.char_end,
        "type": expression.type.value,
        "value": expression.value,
        "start": interval.start.isoformat() if interval else None,
        "end": interval.end.isoformat() if interval else None,
        "granularity": interval.granularity.value if interval else None,
        "rule": expression.rule,
    }


def expression_detail_record(expression: TemporalExpression) -> dict[str, Any]:
    """``expression_record`` plus the TIMEX3 ``mod`` and the underspecified value (the form
    before resolution, e.g. ``shift month -1 dir=past``), for the API's tag and document
    views: a client can see why an expression resolved as it did."""
    return {
        **expression_record(expression),
        "mod": expression.mod,
        "underspecified": expression.underspecified,
    }


def event_record(event: Event) -> dict[str, Any]:
    """An extracted event: trigger span, sentence, participants and its anchored interval."""
    interval = event.interval
    return {
        "trigger": event.trigger,
        "sentence": event.sentence,
        "char_start": event.char_start,
        "char_end": event.char_end,
        "participants": list(event.participants),
        "start": interval.start.isoformat() if interval else None,
        "end": interval.end.isoformat() if interval else None,
        "value": event.value,
        "anchoring": event.anchoring.value,
    }
