"""Row mapping: ``timeline.model`` dataclasses to table columns and back.

The only code that knows both the dataclasses and the columns (``tables``); the writes
(``unit_of_work``, ``entries``) and the reads (``repository``, ``queries``) go through it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from timeline.events.describe import EntryDescription
from timeline.model import (
    Anchoring,
    Document,
    EntryStatement,
    Event,
    EventKind,
    Evidence,
    Granularity,
    Interval,
    Provenance,
    PublicationDate,
    Sentence,
    Source,
    Statement,
    TemporalExpression,
    TimelineEntry,
    TimexType,
)
from timeline.store.keys import span_class
from timeline.store.tables import DocumentRow, EntryRow, EventRow, ExpressionRow


def interval_columns(interval: Interval | None) -> dict[str, Any]:
    if interval is None:
        return {"start": None, "end": None, "granularity": None}
    return {
        "start": interval.start,
        "end": interval.end,
        "granularity": interval.granularity.value,
    }


def interval_of(start: date | None, end: date | None, granularity: str | None) -> Interval | None:
    if start is None or end is None or granularity is None:
        return None
    return Interval(start, end, Granularity(granularity))


def describe_into(entry: EntryRow, description: EntryDescription) -> None:
    """Set an entry's time, title and text (and its span class) from ``description``."""
    entry.start = description.interval.start
    entry.end = description.interval.end
    entry.span_class = span_class(description.interval)
    entry.granularity = description.interval.granularity.value
    entry.value = description.value
    entry.title = description.title
    entry.text = description.text


def published_columns(published: PublicationDate | None) -> dict[str, Any]:
    if published is None:
        return {
            "published_start": None,
            "published_end": None,
            "published_point": None,
            "published_granularity": None,
            "published_confidence": None,
            "published_provenance": None,
            "published_evidence": None,
        }
    return {
        "published_start": published.interval.start,
        "published_end": published.interval.end,
        "published_point": published.point,
        "published_granularity": published.interval.granularity.value,
        "published_confidence": published.confidence,
        "published_provenance": published.provenance.value,
        "published_evidence": [evidence.as_dict() for evidence in published.evidence],
    }


def published_from_row(row: DocumentRow) -> PublicationDate | None:
    interval = interval_of(row.published_start, row.published_end, row.published_granularity)
    if interval is None or row.published_point is None:
        return None
    assert row.published_confidence is not None and row.published_provenance is not None
    return PublicationDate(
        interval=interval,
        point=row.published_point,
        confidence=row.published_confidence,
        provenance=Provenance(row.published_provenance),
        evidence=tuple(
            Evidence(source=e["source"], text=e["text"], implies=e["implies"])
            for e in row.published_evidence or ()
        ),
    )


def document_from_row(row: DocumentRow) -> Document:
    return Document(
        name=row.name,
        text=row.text,
        title=row.title,
        url=row.url,
        metadata=dict(row.metadata_),
        published=published_from_row(row),
        id=row.id,
        language=row.language,
    )


def sentences_to_json(text_: str, sentences: Sequence[Sentence]) -> list[list[Any]]:
    """Offsets only, unless a sentence's text is not simply ``text[start:end]``."""
    return [
        [s.start, s.end] if text_[s.start : s.end] == s.text else [s.start, s.end, s.text]
        for s in sentences
    ]


def sentences_from_json(text_: str, data: Sequence[Sequence[Any]]) -> list[Sentence]:
    return [
        Sentence(
            start=item[0],
            end=item[1],
            text=item[2] if len(item) > 2 else text_[item[0] : item[1]],
        )
        for item in data
    ]


def expression_columns(
    document_id: int, ordinal: int, expression: TemporalExpression
) -> dict[str, Any]:
    return {
        "document_id": document_id,
        "ordinal": ordinal,
        "char_start": expression.char_start,
        "char_end": expression.char_end,
        "text": expression.text,
        "type": expression.type.value,
        "value": expression.value,
        "underspecified": expression.underspecified,
        "mod": expression.mod,
        "rule": expression.rule,
        **interval_columns(expression.interval),
    }


def expression_from_row(row: ExpressionRow) -> TemporalExpression:
    return TemporalExpression(
        char_start=row.char_start,
        char_end=row.char_end,
        text=row.text,
        type=TimexType(row.type),
        value=row.value,
        underspecified=row.underspecified,
        interval=interval_of(row.start, row.end, row.granularity),
        mod=row.mod,
        rule=row.rule,
    )


def event_columns(
    document_id: int, ordinal: int, event: Event, entry: EntryRow | None
) -> dict[str, Any]:
    return {
        "document_id": document_id,
        "ordinal": ordinal,
        "entry_id": entry.id if entry is not None else None,
        "char_start": event.char_start,
        "char_end": event.char_end,
        "trigger": event.trigger,
        "sentence": event.sentence,
        "sentence_start": event.sentence_start,
        "participants": list(event.participants),
        "value": event.value,
        "anchoring": event.anchoring.value,
        "timex_index": event.timex_index,
        "kind": event.kind.value,
        "statements": [statement_record(s) for s in event.statements] or None,
        "participant_types": list(event.participant_types) or None,
        "anchor_rule": event.anchor_rule or None,
        "coref": event.coref,
        **interval_columns(event.interval),
    }


def statement_record(statement: Statement) -> dict[str, Any]:
    return {
        "speaker": statement.speaker,
        "text": statement.text,
        "sentence": statement.sentence,
        "sentence_start": statement.sentence_start,
        "char_start": statement.char_start,
        "char_end": statement.char_end,
    }


def statement_of(data: dict[str, Any]) -> Statement:
    return Statement(
        speaker=data["speaker"],
        text=data["text"],
        sentence=data["sentence"],
        sentence_start=data["sentence_start"],
        char_start=data["char_start"],
        char_end=data["char_end"],
    )


def event_from_row(row: EventRow) -> Event:
    return Event(
        char_start=row.char_start,
        char_end=row.char_end,
        trigger=row.trigger,
        sentence=row.sentence,
        sentence_start=row.sentence_start,
        participants=tuple(row.participants),
        interval=interval_of(row.start, row.end, row.granularity),
        value=row.value,
        anchoring=Anchoring(row.anchoring),
        timex_index=row.timex_index,
        kind=EventKind(row.kind or EventKind.HAPPENING.value),
        statements=tuple(statement_of(s) for s in row.statements or ()),
        participant_types=tuple(row.participant_types or ()),
        anchor_rule=row.anchor_rule or "",
        coref=row.coref,
    )


def entry_from_record(record: dict[str, Any]) -> TimelineEntry:
    """A ``TimelineEntry`` from the documented JSON record the entry queries return."""
    return TimelineEntry(
        id=record["id"],
        interval=Interval(
            date.fromisoformat(record["start"]),
            date.fromisoformat(record["end"]),
            Granularity(record["granularity"]),
        ),
        value=record["value"],
        title=record["title"],
        text=record["text"],
        entities=tuple(record["entities"]),
        sources=tuple(
            Source(
                document_id=source["document"],
                document_name=source["document_name"],
                sentence=source["sentence"],
                char_start=source["char_start"],
                char_end=source["char_end"],
                anchor_rule=source.get("anchor_rule") or "",
                merge_signals=tuple(source.get("merge_signals") or ()),
            )
            for source in record["sources"]
        ),
        confidence=record["confidence"],
        kind=EventKind(record.get("kind") or EventKind.HAPPENING.value),
        salience=record.get("salience", 0.0),
        entity_types=tuple(p["type"] for p in record.get("participants", ())),
        statements=tuple(
            EntryStatement(
                document_id=st["document"],
                document_name=st["document_name"],
                speaker=st["speaker"],
                text=st["text"],
                sentence=st["sentence"],
                char_start=st["char_start"],
                char_end=st["char_end"],
            )
            for st in record.get("statements", ())
        ),
    )
