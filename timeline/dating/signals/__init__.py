"""The dating signals: one module per kind of clue, each turning a document into
``Constraint``s on its publication day (``timeline.dating.constraint``).

A signal is a function ``DatingInput -> Iterable[Constraint]``, with its examples in its
module's docstring and its tests in ``tests/dating``.  Adding a signal is one module and
one line here.

``ERA_SIGNALS`` say which *years* a text can be from (they are what the corpus pools
across similar texts, ``timeline.dating.era``); ``DAY_SIGNALS`` only place the text
within its year (relative references repeat every year).  The corpus signals
(``same_story``, ``same_event``, ``era_prior``) link documents and are built by
``timeline.dating.corpus``; the decisive ones (``metadata``, ``url``, the full
``dateline``) give a date of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from timeline.dating.clues import DatingInput
from timeline.dating.constraint import Constraint
from timeline.dating.signals import (
    byline,
    dateline,
    duration_since,
    explicit_dates,
    holiday_weekday,
    nearness,
    office_holders,
    weekday_date,
)

Signal = Callable[[DatingInput], Iterable[Constraint]]

ERA_SIGNALS: tuple[Signal, ...] = (
    byline.constraints,
    explicit_dates.constraints,
    holiday_weekday.constraints,
    dateline.constraints,
    duration_since.constraints,
    duration_since.anniversaries,
    weekday_date.constraints,
    office_holders.constraints,
)
DAY_SIGNALS: tuple[Signal, ...] = (nearness.constraints,)


def era_constraints(clues: DatingInput) -> list[Constraint]:
    """What the text says of its years: the constraints the corpus pools."""
    return [c for signal in ERA_SIGNALS for c in signal(clues)]


def all_constraints(clues: DatingInput) -> list[Constraint]:
    """Every constraint the text gives on its own publication day."""
    return [*era_constraints(clues), *(c for signal in DAY_SIGNALS for c in signal(clues))]
