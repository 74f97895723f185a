"""Marshmallow schemas of the REST API: request validation and the OpenAPI description.

The response bodies are the records of ``timeline.export.records`` (the same shapes the
CLI prints; entries straight from ``Store.entry_page``), and these schemas describe them
field for field in the OpenAPI document: the schemathesis test checks that responses
conform, and ``test_timeline_matches_export_records`` that the records are the CLI's.
Dates are already ISO strings in the records, so they are declared as strings with
``format: date`` rather than ``fields.Date``.  The entry filters are defined once, with
``timeline dump``'s, in ``timeline.filters``.
"""

from __future__ import annotations

from collections.abc import Mapping
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

from api.pagination import parse_document_cursor, parse_entry_cursor
from timeline.export.formats import FORMAT_NAMES, FORMATS
from timeline.filters import ENTITY_TYPES, GRANULARITIES, no_nul
from timeline.filters import EntryFilterSchema as SharedEntryFilterSchema
from timeline.model import Anchoring, EventKind, Provenance, TimexType
from timeline.store import EntryKey
from timeline.temporal.values import check_day

_GRANULARITIES = list(GRANULARITIES)
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


def _in_calendar(day: Any) -> None:
    """A day with a next day in the calendar (``timeline.temporal.values.LAST_DAY``)."""
    try:
        check_day(day)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc


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


class IngestItemSchema(Schema):
    """One item of a list post where some items failed (answered with 207)."""

    index = fields.Integer(required=True, metadata={"description": "0-based, request order."})
    status = fields.Integer(
        required=True,
        metadata={
            "description": "201 created, 200 already stored, 413 too long, 422 unreadable, "
            "500 failed; with workers, 202 queued (see job)."
        },
    )
    id = fields.Integer(required=True, allow_none=True)
    name = fields.String(required=True)
    created = fields.Boolean(required=True, allow_none=True)
    error = fields.String(
        required=True, allow_none=True, metadata={"description": "Why the item failed."}
    )
    problem = fields.Nested(
        ProblemSchema,
        metadata={"description": "A failed item's problem (RFC 9457); the others were stored."},
    )
    job = fields.Dict(
        allow_none=True,
        metadata={"description": "With workers: the item's job (as GET /jobs/<id>)."},
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
    point = _iso_date("The most likely day, inside the interval.")
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
    language = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "ISO 639-1 code of the text's language; null: undetermined"},
    )
    language_supported = fields.Boolean(
        required=True,
        metadata={
            "description": "False when the temporal tagger does not read this language "
            "(English only today): its dates and events may be wrong or missing"
        },
    )


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
    rule = fields.String(
        required=True,
        metadata={
            "description": (
                "The tagger rule that recognised it and the composers applied to its parts, "
                "e.g. `month-day` or `ago(duration)`; empty for expressions stored before "
                "rules were recorded."
            )
        },
    )


class ExpressionDetailSchema(ExpressionSchema):
    """A tagged expression with its modifier and its value before resolution."""

    mod = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "TIMEX3 mod: START, MID, END, APPROX, MORE_THAN, LESS_THAN."},
    )
    underspecified = fields.String(
        required=True,
        metadata={
            "description": (
                "The normalised value before resolution, e.g. `shift month -1 dir=past`."
            )
        },
    )


class EventSchema(Schema):
    """An event extracted from one clause of the document."""

    trigger = fields.String(required=True)
    sentence = fields.String(required=True)
    char_start = fields.Integer(required=True, metadata={"description": "Trigger span start."})
    char_end = fields.Integer(required=True, metadata={"description": "Trigger span end."})
    participants = fields.List(fields.String(), required=True)
    participant_types = fields.List(
        fields.String(validate=validate.OneOf(list(ENTITY_TYPES))),
        required=True,
        metadata={"description": "The type of each participant, in order."},
    )
    start = _iso_date("First day, or null when the event is not anchored.", allow_none=True)
    end = _iso_date("Day after the interval (exclusive), or null.", allow_none=True)
    value = fields.String(required=True, allow_none=True)
    anchoring = fields.String(required=True, validate=validate.OneOf([a.value for a in Anchoring]))
    anchor_rule = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "The anchoring rule that gave its time; null: none recorded."},
    )
    kind = fields.String(required=True, validate=validate.OneOf([k.value for k in EventKind]))
    statements = fields.List(fields.Nested(lambda: EventStatementSchema()), required=True)


class DocumentDetailSchema(DocumentSchema):
    """A stored document with its text and everything derived from it."""

    text = fields.String(required=True)
    url = fields.String(required=True, allow_none=True)
    expressions = fields.List(fields.Nested(ExpressionDetailSchema), required=True)
    events = fields.List(fields.Nested(EventSchema), required=True)


class DocumentListQuerySchema(Schema):
    """Pages of ``/documents``."""

    limit = fields.Integer(
        load_default=100,
        validate=validate.Range(min=1, max=MAX_PAGE_SIZE),
        metadata={"description": f"Page size, 1 to {MAX_PAGE_SIZE} (default 100)."},
    )
    cursor = fields.String(
        validate=validate.Length(min=1, max=512),
        metadata={"description": "Opaque position from the previous page's Link header."},
    )

    @post_load
    def _decode(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        cursor = data.get("cursor")
        try:
            after = parse_document_cursor(cursor) if cursor else None
        except ValueError as exc:
            raise ValidationError(str(exc), field_name="cursor") from exc
        return {**data, "after": after}


class DocumentTextQuerySchema(Schema):
    """Query arguments describing a ``text/plain`` or ``text/html`` document body."""

    name = fields.String(
        validate=[validate.Length(min=1, max=500), no_nul],
        metadata={"description": "A name for the document (default `api`)."},
    )
    title = fields.String(
        validate=[validate.Length(min=1, max=2000), no_nul],
        metadata={"description": "The headline (text: else its first line; HTML: else <title>)."},
    )
    url = fields.String(
        validate=[validate.Length(min=1, max=2000), no_nul],
        metadata={"description": "Where it was published."},
    )
    published = fields.String(
        validate=[validate.Length(min=1, max=100), no_nul],
        metadata={
            "description": "Publication date as given by the source, e.g. 2025-08-16 (any "
            "format naming the day; 422 when it names none)."
        },
    )


class DocumentFormatQuerySchema(Schema):
    format = fields.String(
        load_default="json",
        validate=validate.OneOf(["json", "timeml"]),
        metadata={"description": "`json` (default) or `timeml` (TimeML XML with TIMEX3 tags)."},
    )


class PublishedPatchSchema(Schema):
    """``PATCH /documents/<id>``: pin the publication date a user knows."""

    published = fields.Date(
        required=True,
        validate=_in_calendar,
        metadata={"description": "The day the document was published, YYYY-MM-DD."},
    )


class TagRequestSchema(Schema):
    """``POST /tag``: a text to tag and an optional reference date."""

    text = fields.String(
        required=True,
        validate=[validate.Length(min=1), no_nul],
        metadata={
            "description": "The text to tag, at most TIMELINE_TAG_MAX_CHARS characters "
            "(100,000 by default; 413 above)."
        },
    )
    dct = fields.Date(
        allow_none=True,
        validate=_in_calendar,
        metadata={
            "description": (
                "Document creation time (YYYY-MM-DD) relative expressions resolve against; "
                "without it they stay unresolved (value with X placeholders, no interval)."
            )
        },
    )


# --------------------------------------------------------------------------- timeline


class SourceSchema(Schema):
    """One report of an entry (``source_record``)."""

    document = fields.Integer(required=True, metadata={"description": "Document id."})
    document_name = fields.String(required=True)
    sentence = fields.String(required=True)
    char_start = fields.Integer(required=True, metadata={"description": "Trigger span start."})
    char_end = fields.Integer(required=True, metadata={"description": "Trigger span end."})
    anchor_rule = fields.String(
        required=True,
        allow_none=True,
        metadata={
            "description": (
                "The anchoring rule that gave this report its time (`own_expression`, "
                "`clause_expression`, `publication_of_report`, ...); null when none was "
                "recorded."
            )
        },
    )
    merge_signals = fields.List(
        fields.String(),
        required=True,
        metadata={
            "description": (
                "Why this report joined the entry (`same_family`, `compatible_times`, "
                "`shared_participant`, `same_document_coreference`, ...); empty for the "
                "report that started it."
            )
        },
    )


class ParticipantSchema(Schema):
    """An entity of an entry with its type."""

    name = fields.String(required=True)
    type = fields.String(required=True, validate=validate.OneOf(list(ENTITY_TYPES)))


class EventStatementSchema(Schema):
    """What someone said at an event of a document."""

    speaker = fields.String(
        required=True, allow_none=True, metadata={"description": "Who said it (null: unknown)."}
    )
    text = fields.String(required=True, metadata={"description": "The quotation or paraphrase."})
    form = fields.String(
        required=True,
        validate=validate.OneOf(["quote", "paraphrase"]),
        metadata={"description": "`quote`: the words in quotation marks; else a paraphrase."},
    )
    sentence = fields.String(required=True)
    char_start = fields.Integer(
        required=True, metadata={"description": "Start of the reporting verb in the document."}
    )
    char_end = fields.Integer(required=True, metadata={"description": "End of the reporting verb."})


class StatementSchema(EventStatementSchema):
    """What someone said at the happening, and in which report (``statement_record``)."""

    document = fields.Integer(required=True, metadata={"description": "Document id."})
    document_name = fields.String(required=True)


class EntrySchema(Schema):
    """One timeline entry (``entry_record``): a happening and every report of it."""

    id = fields.Integer(required=True)
    start = _iso_date("First day of the interval.")
    end = _iso_date("Day after the interval (exclusive).")
    value = fields.String(required=True, metadata={"description": "TimeML value."})
    granularity = fields.String(required=True, validate=validate.OneOf(_GRANULARITIES))
    confidence = fields.Float(
        required=True,
        metadata={
            "description": (
                "How sure the entry's time is, 0-1: 1.0 when a source states the date "
                "absolutely, else the lowest publication-date confidence of its sources."
            )
        },
    )
    kind = fields.String(
        required=True,
        validate=validate.OneOf([k.value for k in EventKind]),
        metadata={
            "description": (
                "`happening` (a meeting, a launch, a ruling...) or `remarks`: what one "
                "speaker said on one day at no occasion the text names."
            )
        },
    )
    salience = fields.Float(
        required=True,
        metadata={
            "description": (
                "How much a reader of the timeline wants this entry, 0-1 (independent "
                "sources, kind of happening, date precision, named participants, "
                "statements); see `min_salience` and `sort=salience`."
            )
        },
    )
    title = fields.String(required=True)
    text = fields.String(required=True)
    entities = fields.List(fields.String(), required=True)
    participants = fields.List(
        fields.Nested(ParticipantSchema),
        required=True,
        metadata={"description": "The entities with their types, in the order of `entities`."},
    )
    statements = fields.List(fields.Nested(StatementSchema), required=True)
    sources = fields.List(fields.Nested(SourceSchema), required=True)


class EntryFilterSchema(SharedEntryFilterSchema):
    """The entry filters (``timeline.filters``, shared with ``timeline dump``) and the
    cursor of a page: after loading, ``query`` starts after the decoded position."""

    cursor = fields.String(
        validate=validate.Length(min=1, max=512),
        metadata={"description": "Opaque position from a previous page's `next` / Link header."},
    )

    @validates_schema(skip_on_field_errors=True)
    def _check_cursor(self, data: dict[str, Any], **_: Any) -> None:
        if data.get("cursor") is not None:
            try:
                parse_entry_cursor(data["cursor"], sort=data.get("sort", "time"))
            except ValueError as exc:
                raise ValidationError(str(exc), field_name="cursor") from exc

    def position(self, data: Mapping[str, Any]) -> tuple[EntryKey, float | None] | None:
        cursor = data.get("cursor")
        return parse_entry_cursor(cursor, sort=data["sort"]) if cursor else None


def _page_size(*, default: int | None) -> fields.Integer:
    described = f"Page size, 1 to {MAX_PAGE_SIZE}" + (
        f" (default {default})."
        if default
        else "; without it (and without `cursor`) the response holds every matching entry."
    )
    return fields.Integer(
        strict=False,
        load_default=default,
        validate=validate.Range(min=1, max=MAX_PAGE_SIZE),
        metadata={"description": described},
    )


class EventsQuerySchema(EntryFilterSchema):
    """``/events``: always a page (``limit`` defaults to 50)."""

    limit = _page_size(default=DEFAULT_PAGE_SIZE)


class TimelineQuerySchema(EntryFilterSchema):
    """``/timeline``: every matching entry unless ``limit``/``cursor`` ask for a page."""

    limit = _page_size(default=None)
    format = fields.String(
        load_default="json",
        validate=validate.OneOf(FORMAT_NAMES),
        metadata={
            "description": "; ".join(f"`{f.name}`: {f.description}" for f in FORMATS.values())
        },
    )


class EntityTimelineQuerySchema(TimelineQuerySchema):
    """``/entities/<name>/timeline``: the timeline filters but the entity, which is the path."""

    class Meta:
        exclude = ("entity",)


class EntryPageSchema(Schema):
    """A page of entries and the cursor of the next one."""

    items = fields.List(fields.Nested(EntrySchema), required=True)
    next = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "Pass as `cursor` for the next page; null on the last page."},
    )


class TimelineJSDateSchema(Schema):
    year = fields.Integer(required=True)
    month = fields.Integer()
    day = fields.Integer()


class TimelineJSTextSchema(Schema):
    headline = fields.String(required=True)
    text = fields.String(required=True, metadata={"description": "The sources, as HTML."})


class TimelineJSSlideSchema(Schema):
    start_date = fields.Nested(TimelineJSDateSchema, required=True)
    end_date = fields.Nested(TimelineJSDateSchema)
    text = fields.Nested(TimelineJSTextSchema, required=True)
    unique_id = fields.String(required=True)


class TimelineJSSchema(Schema):
    """TimelineJS3 data (``format=timelinejs``)."""

    events = fields.List(fields.Nested(TimelineJSSlideSchema), required=True)


class VisItemSchema(Schema):
    """A vis-timeline item (``format=vis``)."""

    id = fields.Integer(required=True)
    content = fields.String(required=True)
    start = _iso_date("First day.")
    end = _iso_date("Day after the interval (exclusive).")
    group = fields.String(required=True, validate=validate.OneOf(_GRANULARITIES))
    title = fields.String(required=True)


class EntitySchema(Schema):
    name = fields.String(required=True)
    entries = fields.Integer(
        required=True, metadata={"description": "Number of timeline entries involving it."}
    )
