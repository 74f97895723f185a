"""Marshmallow schemas of the REST API: request validation and the OpenAPI description.

The response bodies are built by ``timeline.export.records`` (the same functions the CLI
uses) and then dumped through these schemas, so the schemas must describe those dicts
field for field: a field missing here would be silently dropped from the API.  The test
``test_timeline_matches_export_records`` guards that.  Dates are already ISO strings in the
records, so they are declared as strings with ``format: date`` rather than ``fields.Date``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from marshmallow import (
    INCLUDE,
    Schema,
    ValidationError,
    fields,
    post_load,
    validate,
    validates_schema,
)

from timeline.model import Anchoring, Granularity, Provenance, TimexType
from timeline.temporal.values import parse_period, period_bounds

_GRANULARITIES = [g.value for g in Granularity]


def _iso_date(description: str, *, allow_none: bool = False) -> fields.String:
    """An ISO date the records already render as text (see module docstring)."""
    return fields.String(
        required=True,
        allow_none=allow_none,
        metadata={"format": "date", "description": description},
    )


# --------------------------------------------------------------------------- problems


class ProblemSchema(Schema):
    """RFC 9457 problem details: the body of every 4xx and 5xx response."""

    class Meta:
        # RFC 9457 allows extension members; clients must ignore the ones they don't know.
        unknown = INCLUDE

    type = fields.String(
        required=True,
        metadata={"description": 'A URI identifying the problem type, or "about:blank".'},
    )
    title = fields.String(required=True, metadata={"description": "The HTTP status phrase."})
    status = fields.Integer(required=True, metadata={"description": "The HTTP status code."})
    detail = fields.String(
        metadata={"description": "What went wrong with this request, for a human."}
    )
    errors = fields.Dict(
        metadata={
            "description": (
                "Validation errors by request location ('json', 'query') and field name."
            )
        }
    )


# --------------------------------------------------------------------------- documents


class DocumentInputSchema(Schema):
    """One article to ingest; the API also accepts a JSON array of these.

    Documentation only: the body is validated by the ingest reader
    (``read_json_payload``) so that the API accepts exactly what ``timeline ingest``
    accepts in a JSON file, aliases included.
    """

    class Meta:
        # The reader keeps other scalar fields as metadata rather than rejecting them.
        unknown = INCLUDE

    text = fields.String(
        required=True,
        validate=validate.Length(min=1),
        metadata={"description": ("The article's text, plain or HTML. Aliases: content, body.")},
    )
    title = fields.String(
        allow_none=True, metadata={"description": "The headline. Alias: headline."}
    )
    url = fields.String(
        allow_none=True, metadata={"description": "Where it was published. Alias: link."}
    )
    published = fields.String(
        allow_none=True,
        metadata={
            "description": (
                "Publication date or timestamp as given by the source, e.g. 2025-08-16; "
                "when absent the pipeline estimates it from the text. Aliases: date, "
                "datePublished, pubDate, published_at."
            )
        },
    )
    name = fields.String(
        allow_none=True,
        metadata={"description": "A name for the document; derived when absent."},
    )


class IngestedSchema(Schema):
    """The outcome of ingesting one posted document."""

    id = fields.Integer(required=True)
    name = fields.String(required=True)
    created = fields.Boolean(
        required=True,
        metadata={"description": "False when the same content was already stored."},
    )


class EvidenceSchema(Schema):
    source = fields.String(required=True)
    text = fields.String(required=True)
    implies = fields.String(required=True)


class PublishedSchema(Schema):
    """A publication-date estimate (``published_record``)."""

    value = fields.String(required=True, metadata={"description": "TimeML value."})
    start = _iso_date("First day of the interval.")
    end = _iso_date("Day after the interval (exclusive).")
    granularity = fields.String(required=True, validate=validate.OneOf(_GRANULARITIES))
    confidence = fields.Float(required=True)
    provenance = fields.String(
        required=True, validate=validate.OneOf([p.value for p in Provenance])
    )
    evidence = fields.List(fields.Nested(EvidenceSchema), required=True)


class DocumentSchema(Schema):
    """A stored document (``document_record``)."""

    id = fields.Integer(required=True)
    name = fields.String(required=True)
    title = fields.String(required=True, allow_none=True)
    published = fields.Nested(PublishedSchema, required=True, allow_none=True)


class ExpressionSchema(Schema):
    """A tagged temporal expression (``expression_record``)."""

    text = fields.String(required=True)
    char_start = fields.Integer(required=True)
    char_end = fields.Integer(required=True)
    type = fields.String(required=True, validate=validate.OneOf([t.value for t in TimexType]))
    value = fields.String(required=True, metadata={"description": "TimeML value."})
    start = _iso_date("First day, or null when not a calendar span.", allow_none=True)
    end = _iso_date("Day after the span (exclusive), or null.", allow_none=True)
    granularity = fields.String(required=True, allow_none=True)


class EventSchema(Schema):
    """An event extracted from one clause of the document."""

    trigger = fields.String(required=True)
    sentence = fields.String(required=True)
    char_start = fields.Integer(required=True, metadata={"description": "Trigger span start."})
    char_end = fields.Integer(required=True, metadata={"description": "Trigger span end."})
    participants = fields.List(fields.String(), required=True)
    start = _iso_date("First day, or null when the event is not anchored.", allow_none=True)
    end = _iso_date("Day after the interval (exclusive), or null.", allow_none=True)
    value = fields.String(required=True, allow_none=True)
    anchoring = fields.String(required=True, validate=validate.OneOf([a.value for a in Anchoring]))


class DocumentDetailSchema(DocumentSchema):
    """A stored document with its text and everything derived from it."""

    text = fields.String(required=True)
    url = fields.String(required=True, allow_none=True)
    expressions = fields.List(fields.Nested(ExpressionSchema), required=True)
    events = fields.List(fields.Nested(EventSchema), required=True)


# --------------------------------------------------------------------------- timeline


class SourceSchema(Schema):
    document = fields.Integer(required=True, metadata={"description": "Document id."})
    document_name = fields.String(required=True)
    sentence = fields.String(required=True)
    char_start = fields.Integer(required=True)
    char_end = fields.Integer(required=True)


class EntrySchema(Schema):
    """One timeline entry (``entry_record``): a happening and every report of it."""

    id = fields.Integer(required=True)
    start = _iso_date("First day of the interval.")
    end = _iso_date("Day after the interval (exclusive).")
    value = fields.String(required=True, metadata={"description": "TimeML value."})
    granularity = fields.String(required=True, validate=validate.OneOf(_GRANULARITIES))
    title = fields.String(required=True)
    text = fields.String(required=True)
    entities = fields.List(fields.String(), required=True)
    sources = fields.List(fields.Nested(SourceSchema), required=True)


def _check_period(text: str) -> None:
    """Reject a bound that is not YYYY, YYYY-MM or YYYY-MM-DD, with the CLI's message."""
    try:
        parse_period(text)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc


class EntryQuerySchema(Schema):
    """Filters shared by ``/events`` and ``/timeline`` (the CLI's ``timeline dump`` ones).

    Bounds are inclusive and each covers its whole period, so ``start=2025-08&end=2025-08``
    is all of August.  After loading, ``start``/``end`` are the half-open ``[lo, hi)`` dates
    that ``Store.entries`` expects.
    """

    start = fields.String(
        validate=_check_period,
        metadata={
            "description": "Inclusive lower bound: YYYY, YYYY-MM or YYYY-MM-DD.",
            "example": "2025-08",
        },
    )
    end = fields.String(
        validate=_check_period,
        metadata={
            "description": "Inclusive upper bound (its whole period): YYYY, YYYY-MM or YYYY-MM-DD.",
            "example": "2025-08-15",
        },
    )
    entity = fields.String(
        validate=validate.Length(min=1),
        metadata={"description": "Only entries involving this entity (case-insensitive)."},
    )
    q = fields.String(
        validate=validate.Length(min=1),
        metadata={
            "description": (
                "Case-insensitive substring of the entry's title or text, or of a source sentence."
            )
        },
    )

    @validates_schema(skip_on_field_errors=True)
    def _check_range(self, data: dict[str, Any], **_: Any) -> None:
        """An empty range is a user mistake, not an empty result: say so."""
        try:
            period_bounds(data.get("start"), data.get("end"))
        except ValueError as exc:
            raise ValidationError(str(exc), field_name="end") from exc

    @post_load
    def _to_bounds(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        lo, hi = period_bounds(data.get("start"), data.get("end"))
        bounds: dict[str, date | None] = {"start": lo, "end": hi}
        return {**data, **bounds}


class EntitySchema(Schema):
    name = fields.String(required=True)
    entries = fields.Integer(
        required=True, metadata={"description": "Number of timeline entries involving it."}
    )
