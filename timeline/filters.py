"""The entry filters, defined once for both front doors.

``EntryFilterSchema`` is the one definition of the filters a user can give.  The REST API
loads its query strings with it (``api.schemas`` adds paging), and ``timeline dump``
turns its fields into command-line options (``cli_options``) and loads those with it
too: both accept the same values, reject the same mistakes in the same words, and hand
the store the same ``EntryQuery``.

A new filter: a field here (its API parameter and CLI option come with it), and a field
and a ``_Filter`` in ``timeline.store.queries``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import click
from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema
from webargs.fields import DelimitedList

from timeline.events.salience import SALIENT
from timeline.ingest.limits import NUL
from timeline.model import Granularity, ParticipantType
from timeline.store.queries import OVERLAPS, RANGE_MODES, EntryKey, EntryQuery
from timeline.temporal.values import parse_period, period_bounds

GRANULARITIES = tuple(g.value for g in Granularity)
ENTITY_TYPES = tuple(t.value for t in ParticipantType)
# timeline order, latest first, most salient first
SORTS = ("time", "-time", "salience")

F = TypeVar("F", bound=Callable[..., Any])


def no_nul(value: str) -> None:
    """No NUL character (U+0000): no text holds one, and PostgreSQL cannot compare it."""
    if NUL in value:
        raise ValidationError("Must not contain a NUL character (U+0000).")


def _check_period(text: str) -> None:
    """Reject a bound that is not YYYY, YYYY-MM or YYYY-MM-DD."""
    try:
        parse_period(text)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc


class EntryFilterSchema(Schema):
    """The filters of ``/events``, ``/timeline``, ``/entities/<name>/timeline`` and
    ``timeline dump``.

    Bounds are inclusive and each covers its whole period, so ``start=2025-08&end=2025-08``
    is all of August.  Loading adds ``query``: the ``EntryQuery`` for the store (half-open
    ``[start, end)`` dates, ``descending`` from ``sort``, ``limit`` and the position to
    start after, when the front door's own schema has them).  A field's ``cli`` metadata
    names its command-line option when that is not ``--field-name``.
    """

    start = fields.String(
        validate=_check_period,
        metadata={
            "description": "Inclusive lower bound: YYYY, YYYY-MM or YYYY-MM-DD.",
            "example": "2025-08",
            "cli": ("--from",),
            "metavar": "DATE",
        },
    )
    end = fields.String(
        validate=_check_period,
        metadata={
            "description": "Inclusive upper bound (its whole period): YYYY, YYYY-MM or YYYY-MM-DD.",
            "example": "2025-08-15",
            "cli": ("--to",),
            "metavar": "DATE",
        },
    )
    mode = fields.String(
        load_default=OVERLAPS,
        validate=validate.OneOf(RANGE_MODES),
        metadata={
            "description": (
                "`overlaps`: entries whose interval overlaps the range (a month entry "
                "counts for a day inside it); `within`: entries lying entirely inside it."
            )
        },
    )
    entity = fields.String(
        validate=[validate.Length(min=1), no_nul],
        metadata={
            "description": (
                "Only entries involving this entity: its whole name or its whole first or "
                "last words, case-insensitive (`putin` finds Vladimir Putin)."
            ),
            "metavar": "NAME",
        },
    )
    q = fields.String(
        validate=[validate.Length(min=1), no_nul],
        metadata={
            "description": (
                "Case-insensitive substring of the entry's title or text, or of a source sentence."
            ),
            "cli": ("-q", "--query"),
            "metavar": "TEXT",
        },
    )
    document = fields.Integer(
        validate=validate.Range(min=1, max=2**31 - 1),
        metadata={
            "description": "Only entries reported by this document (its id).",
            "metavar": "ID",
        },
    )
    min_confidence = fields.Float(
        allow_nan=False,
        validate=validate.Range(min=0.0, max=1.0),
        metadata={
            "description": (
                "Only entries whose time confidence is at least this: 1.0 when a source "
                "states the date absolutely, else the lowest publication-date confidence of "
                "the sources it was derived from."
            ),
            "metavar": "0-1",
        },
    )
    granularity = DelimitedList(
        fields.String(validate=validate.OneOf(GRANULARITIES)),
        validate=validate.Length(min=1),
        metadata={"description": "Only entries of these granularities, comma-separated."},
    )
    min_salience = fields.Float(
        allow_nan=False,
        validate=validate.Range(min=0.0, max=1.0),
        metadata={
            "description": (
                "Only entries at least this salient: how much a reader of the timeline "
                "wants the entry, from independent sources, the kind of happening, the "
                f"precision of its date, named participants and statements ({SALIENT} and "
                "above: what `timeline dump` and the page show by default)."
            ),
            "metavar": "0-1",
        },
    )
    entity_type = DelimitedList(
        fields.String(validate=validate.OneOf(ENTITY_TYPES)),
        validate=validate.Length(min=1),
        metadata={
            "description": (
                "Only entries with a participant of one of these types, comma-separated: "
                + ", ".join(ENTITY_TYPES)
                + "."
            ),
        },
    )
    sort = fields.String(
        load_default="time",
        validate=validate.OneOf(SORTS),
        metadata={
            "description": (
                "`time` (timeline order), `-time` (latest first) or `salience` (most "
                "salient first, then in timeline order)."
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

    def position(self, data: Mapping[str, Any]) -> tuple[EntryKey, float | None] | None:
        """Where the listing starts (after this entry, and its salience when the listing
        is by salience): a front door with paging says."""
        return None

    @post_load
    def _to_query(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        lo, hi = period_bounds(data.get("start"), data.get("end"))
        position = self.position(data)
        query = EntryQuery(
            start=lo,
            end=hi,
            mode=data["mode"],
            entity=data.get("entity"),
            q=data.get("q"),
            document=data.get("document"),
            min_confidence=data.get("min_confidence"),
            granularities=tuple(data.get("granularity") or ()),
            min_salience=data.get("min_salience"),
            entity_types=tuple(data.get("entity_type") or ()),
            descending=data["sort"] == "-time",
            by_salience=data["sort"] == "salience",
            after=position[0] if position else None,
            after_salience=position[1] if position else None,
            limit=data.get("limit"),
        )
        return {**data, "query": query}


def option_names(name: str, field: fields.Field) -> tuple[str, ...]:
    """The command-line option of a schema field: its ``cli`` metadata, else ``--name``."""
    return tuple(field.metadata.get("cli", (f"--{name.replace('_', '-')}",)))


def cli_options(schema: Schema) -> Callable[[F], F]:
    """click options for every field of ``schema``, passed to the command by field name.

    The options take text, as query strings do; ``load_options`` validates them with the
    schema itself, so the CLI and the API accept and reject exactly the same values.
    """

    def decorate(command: F) -> F:
        for name, field in reversed(schema.fields.items()):
            description = field.metadata.get("description", "").replace("`", "'")
            metavar = field.metadata.get("metavar") or _metavar(name, field)
            command = click.option(
                *option_names(name, field), name, metavar=metavar, help=description
            )(command)
        return command

    return decorate


def _metavar(name: str, field: fields.Field) -> str:
    """``a|b`` for a field with choices, ``LIST`` for a list, else its name."""
    if isinstance(field, DelimitedList):
        return "LIST"
    choices = [v for v in field.validators if isinstance(v, validate.OneOf)]
    if choices:
        return "|".join(str(c) for c in choices[0].choices)
    return name.upper()


def load_options(schema: Schema, options: Mapping[str, str | None]) -> dict[str, Any]:
    """``schema.load`` of the options given; ValueError naming the option otherwise."""
    given = {name: value for name, value in options.items() if value is not None}
    try:
        loaded: dict[str, Any] = schema.load(given)
    except ValidationError as exc:
        raise ValueError(_option_errors(schema, exc)) from None
    return loaded


def _option_errors(schema: Schema, error: ValidationError) -> str:
    messages = error.messages if isinstance(error.messages, dict) else {"": error.messages}
    parts = []
    for name, problem in messages.items():
        field = schema.fields.get(str(name))
        option = "/".join(option_names(str(name), field)) if field is not None else str(name)
        parts.append(f"{option}: {_flatten(problem)}")
    return "; ".join(parts)


def _flatten(problem: Any) -> str:
    if isinstance(problem, dict):
        return " ".join(_flatten(p) for p in problem.values())
    if isinstance(problem, list):
        return " ".join(_flatten(p) for p in problem)
    return str(problem)
