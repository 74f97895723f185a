"""Plain-dict forms of the model, shared by the CLI's JSON/CSV output and the REST API.

These shapes are the documented, stable machine formats (see README): change them only
together with the README and the API schemas.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from timeline.events.statements import statement_form
from timeline.language import is_supported
from timeline.model import Document, Event, PublicationDate, TemporalExpression, TimelineEntry


def entry_record(entry: TimelineEntry) -> dict[str, Any]:
    """One timeline entry: interval (end exclusive), TimeML value, how sure that time is,
    what kind of entry it is and how salient, its typed participants, what was said at it
    and its sources."""
    types = entry.entity_types or ("other",) * len(entry.entities)
    return {
        "id": entry.id,
        "start": entry.interval.start.isoformat(),
        "end": entry.interval.end.isoformat(),
        "value": entry.value,
        "granularity": entry.interval.granularity.value,
        "confidence": round(entry.confidence, 3),
        "kind": entry.kind.value,
        "salience": round(entry.salience, 3),
        "title": entry.title,
        "text": entry.text,
        "entities": list(entry.entities),
        "participants": participant_records(zip(entry.entities, types, strict=False)),
        "statements": [
            statement_record(
                speaker=st.speaker,
                text=st.text,
                sentence=st.sentence,
                char_start=st.char_start,
                char_end=st.char_end,
                document=st.document_id,
                document_name=st.document_name,
            )
            for st in entry.statements
        ],
        "sources": [
            source_record(
                document=s.document_id,
                document_name=s.document_name,
                sentence=s.sentence,
                char_start=s.char_start,
                char_end=s.char_end,
                anchor_rule=s.anchor_rule,
                merge_signals=s.merge_signals,
            )
            for s in entry.sources
        ],
    }


def participant_records(typed: Iterable[tuple[str, str]]) -> list[dict[str, str]]:
    """``[{name, type}]``: an entry's entities with their ``ParticipantType`` values."""
    return [{"name": name, "type": kind} for name, kind in typed]


def statement_record(
    *,
    speaker: str | None,
    text: str,
    sentence: str,
    char_start: int,
    char_end: int,
    document: int,
    document_name: str,
) -> dict[str, Any]:
    """What someone said at a happening: the speaker (null when the text does not say),
    the quotation or the paraphrase (``form``), its sentence, and where: the document
    and the span of the reporting verb."""
    return {
        "speaker": speaker,
        "text": text,
        "form": statement_form(sentence),
        "sentence": sentence,
        "document": document,
        "document_name": document_name,
        "char_start": char_start,
        "char_end": char_end,
    }


def source_record(
    *,
    document: int,
    document_name: str,
    sentence: str,
    char_start: int,
    char_end: int,
    anchor_rule: str | None,
    merge_signals: Iterable[str] | None,
) -> dict[str, Any]:
    """One report of an entry: its document, sentence and trigger span, the anchoring rule
    that dated it (null when none was recorded) and the merge signals that joined it to
    the entry (empty for the report that started it)."""
    return {
        "document": document,
        "document_name": document_name,
        "sentence": sentence,
        "char_start": char_start,
        "char_end": char_end,
        "anchor_rule": anchor_rule or None,
        "merge_signals": list(merge_signals or ()),
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
    """An extracted event: trigger span, sentence, participants and their types, its
    anchored interval and the anchoring rule that gave it, its kind and what was said
    at it."""
    interval = event.interval
    types = event.participant_types or ("other",) * len(event.participants)
    return {
        "trigger": event.trigger,
        "sentence": event.sentence,
        "char_start": event.char_start,
        "char_end": event.char_end,
        "participants": list(event.participants),
        "participant_types": list(types),
        "start": interval.start.isoformat() if interval else None,
        "end": interval.end.isoformat() if interval else None,
        "value": event.value,
        "anchoring": event.anchoring.value,
        "anchor_rule": event.anchor_rule or None,
        "kind": event.kind.value,
        "statements": [
            {
                "speaker": st.speaker,
                "text": st.text,
                "form": statement_form(st.sentence),
                "sentence": st.sentence,
                "char_start": st.char_start,
                "char_end": st.char_end,
            }
            for st in event.statements
        ],
    }
