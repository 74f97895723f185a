"""The grammar's rules, one family per module, each next to its examples in
``fixtures/temporal/<family>.jsonl``.

Adding a rule: write it in its family's module (a ``rule(...)`` in ``RULES`` or a
``composer(...)`` in ``COMPOSERS``) and give it an example in the family's fixture file,
labelled with the rule's name (``tests/temporal/test_rules.py`` fails otherwise).  A new
family is one module listed in ``FAMILIES`` and one fixture file.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from importlib import import_module

from timeline.temporal.grammar import Composer, Rule

# In this order: on equal spans of equal priority the earlier family's rule wins, and
# composers apply in this order on each pass (modifiers first: "about" + "two years" is
# a length before "ago" makes it a date).
FAMILIES = (
    "modifiers",
    "dates_absolute",
    "ranges_alternatives",
    "months_years",
    "decades_centuries_quarters_seasons",
    "times",
    "relative_deictic",
    "anaphoric",
    "weekdays_tense",
    "sets",
    "durations",
    "vague_refs",
    "holidays",
)


@cache
def rules() -> tuple[Rule, ...]:
    """Every recognition rule, each knowing its family."""
    out: list[Rule] = []
    for family in FAMILIES:
        module = import_module(f"{__name__}.{family}")
        out.extend(replace(r, family=family) for r in getattr(module, "RULES", ()))
    names = [r.name for r in out]
    if len(set(names)) != len(names):
        raise ValueError(
            f"two rules share a name: {sorted(n for n in names if names.count(n) > 1)}"
        )
    return tuple(out)


@cache
def composers() -> tuple[Composer, ...]:
    """Every composer, each knowing its family, in the order they apply."""
    out: list[Composer] = []
    for family in FAMILIES:
        module = import_module(f"{__name__}.{family}")
        out.extend(replace(c, family=family) for c in getattr(module, "COMPOSERS", ()))
    names = [r.name for r in rules()] + [c.name for c in out]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ValueError(f"rule names must be unique: {', '.join(twice)}")
    return tuple(out)
