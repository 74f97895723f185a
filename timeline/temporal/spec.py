"""Underspecified temporal values: what an expression means before we know "when now is".

Recognition produces a ``Spec``; resolution (``timeline.temporal.resolve``) turns it into a
TimeML value and an interval given a reference date.  Specs are small immutable values
with a compact, stable text form (stored in the database as ``underspecified``), so a new
publication date re-resolves a document without re-tagging it.

Text form: ``OP ARG... [dir=past|future|near] [time=MO|T14:30]``, one of:

=============================  =========================================================
``abs 2019-06-28``             fully specified TimeML value (also ``2024``, ``199``, ``2024-Q1``)
``fill XXXX-06-14``            a date missing its year: chosen from the reference by ``dir``
``fill XXXX-11``               a month missing its year (also ``XXXX-SU``, ``XXXX-Q3``)
``fill XXXX-06 last``          "last June": the latest June before the reference's month
                               (``next``: the first after it), whatever the tense
``fill XXXX-Q3 reported``      a quarter reported on ("third-quarter results", "a loss for
                               the third quarter"): looking ahead it is the nearest one
``weekday 2``                  ISO weekday (Mon=1): the nearest such day in ``dir``
``weekday 6 this``             that weekday in the reference's own ISO week ("this Saturday")
``weekday 3 last``             the nearest such day strictly before the reference ("last
                               Wednesday" said on a Wednesday is a week ago); ``next`` after
``weekday 5 before``           the nearest such day strictly before the narrative time (the
                               last date mentioned), "the previous Friday"; ``after`` too
``weekend``                    the nearest weekend in ``dir`` ("over the weekend")
``within XXXX-Q3 year -1``     a part of the reference's year shifted by -1 ("the third
                               quarter of last year", "June of this year")
``holiday christmas``          a named day (see data/holidays.json), year chosen by ``dir``
``shift month -1``             reference's month minus one ("last month"); units day, week,
                               weekend, month, quarter, season, year, decade, century
``anaphor day 1``              like ``shift`` but from the narrative time (the last date
                               mentioned before that is at least as fine as the unit),
                               "the following day"
``comparable narr -1``         the period a report compares with, "a year earlier": the
                               narrative's quarter or half (else its year) a year back;
                               ``ref`` counts from the reference ("a year ago"), a year
                               ("comparable 1988 0", "the 1988 period") fixes the year
``ref PAST_REF``               vague reference, no interval
``dur P3Y``                    duration; ``dur PXY`` for "years"
``set P1W``                    set ("weekly"); ``set XXXX-WXX-1`` for "every Monday"
``alt SPEC ; SPEC``            alternatives ("February or March"): the hull of both
``range SPEC ; SPEC``          a range ("between 2019 and 2021"): the hull of both
``offset year -1 (SPEC)``      SPEC moved by whole units, its precision kept ("the same
                               month a year ago": ``offset year -1 (anaphor month 0)``)
``nth week -1 (SPEC)``         the first (1), second (2)... or last (-1) unit inside SPEC
                               ("the last week of March": ``nth week -1 (fill XXXX-03)``)
``holding week (SPEC)``        the week holding SPEC's day ("the week of June 9")
=============================  =========================================================

``offset``, ``nth`` and ``holding`` are how composers build on any value the grammar has built: the
inner spec is resolved first, with everything it needs (its direction, the narrative).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Direction(StrEnum):
    """Which way from the reference an underspecified date lies, decided from tense."""

    PAST = "past"
    FUTURE = "future"
    NEAR = "near"


_COMPOSITES = ("alt", "range")
# ops over one inner spec, written ``OP ARG... (SPEC)``
NESTED = ("offset", "nth", "holding")
# the extra argument of a ``fill`` naming a period reported on ("third-quarter results")
REPORTED = "reported"
# the extra argument of a ``fill`` whose words fix its way ("last June", "next spring")
LAST, NEXT = "last", "next"


@dataclass(frozen=True, slots=True)
class Spec:
    op: str
    args: tuple[str, ...] = ()
    direction: Direction = Direction.NEAR
    time: str = ""
    parts: tuple[Spec, ...] = ()

    def with_direction(self, direction: Direction) -> Spec:
        # built directly: ``dataclasses.replace`` is slow, and this runs for every date
        parts = tuple(p.with_direction(direction) for p in self.parts) if self.parts else ()
        return Spec(self.op, self.args, direction, self.time, parts)

    @property
    def needs_reference(self) -> bool:
        """False for values that resolve without any reference date."""
        if self.parts:
            return any(p.needs_reference for p in self.parts)
        if self.op == "comparable":
            return not self.args[0].isdigit()
        return self.op not in ("abs", "dur", "set", "ref")

    def __str__(self) -> str:
        if self.op in NESTED:
            return f"{' '.join((self.op, *self.args))} ({self.parts[0]})"
        if self.parts:
            inner = " ; ".join(str(p) for p in self.parts)
            return f"{self.op} {inner}"
        words = [self.op, *self.args]
        # a fully specified value keeps its direction too when it has one: dating reads it
        # ("reported sales in 2023" lies behind the article), and a stored document must
        # be re-dated from what a fresh one is dated from (#16.4)
        if self.needs_reference or self.direction is not Direction.NEAR:
            words.append(f"dir={self.direction.value}")
        if self.time:
            words.append(f"time={self.time}")
        return " ".join(words)


def parse_spec(text: str) -> Spec:
    """Inverse of ``str(spec)``; raises ValueError on malformed input."""
    text = text.strip()
    op, _, rest = text.partition(" ")
    if op in NESTED:
        head, bracket, inner = rest.partition("(")
        if not bracket or not inner.endswith(")") or not head.split():
            raise ValueError(f"malformed nested spec {text!r}")
        part = parse_spec(inner[:-1])
        return Spec(op, tuple(head.split()), part.direction, parts=(part,))
    if op in _COMPOSITES:
        parts = tuple(parse_spec(p) for p in rest.split(" ; "))
        if len(parts) < 2:
            raise ValueError(f"malformed composite spec {text!r}")
        # the composite's direction is its parts' (the text form writes it only on parts
        # that need a reference, so an absolute first part does not tell it)
        direction = next((p.direction for p in parts if p.needs_reference), parts[0].direction)
        return Spec(op, parts=parts, direction=direction)
    if not op:
        raise ValueError("empty spec")
    args: list[str] = []
    direction = Direction.NEAR
    time = ""
    for word in rest.split():
        if word.startswith("dir="):
            direction = Direction(word[4:])
        elif word.startswith("time="):
            time = word[5:]
        else:
            args.append(word)
    return Spec(op, tuple(args), direction, time)
