"""Which way an underspecified date points, read from the tense of its clause.

"On June 14, Putin outlined..." looks back from the publication date; "is scheduled to
attend ... on Wednesday" looks ahead.  Without a parser we find the clause around the
expression and the verb cue nearest to it: future cues (modals, "scheduled to"), past
cues (past auxiliaries, irregular past forms, regular ``-ed`` forms not governed by a
present-tense "is/are"), present cues.  The cue nearest before the expression wins; a
fronted adverbial with no verb ("On Friday, Trump said...") takes the next clause's.
"""

from __future__ import annotations

import re
from functools import cache

from timeline.temporal.data import load_json
from timeline.temporal.spec import Direction

_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_CLAUSE_BREAK_RE = re.compile(
    r"[,;:—–()\[\]“”\"]|\s-\s|\b(?:that|which|who|while|although|though|but|because|when|"
    r"whereas|where|if|and|after|before|since|as)\b",
    re.IGNORECASE,
)


@cache
def _cues() -> tuple[
    frozenset[str], frozenset[str], frozenset[str], frozenset[str], frozenset[str], frozenset[str]
]:
    data = load_json("tense.json")
    return (
        frozenset(data["future_cues"]),
        frozenset(data["future_needs_to"]),
        frozenset(data["past_auxiliaries"]),
        frozenset(data["present_auxiliaries"]),
        frozenset(data["past_forms"]),
        frozenset(data["not_past_ed"]),
    )


def _cue(words: list[str], i: int) -> Direction | None:
    """The tense signalled by ``words[i]`` in its context, or None if it is no verb cue."""
    future, needs_to, past_aux, present_aux, past_forms, not_past_ed = _cues()
    w = words[i].casefold()
    nxt = words[i + 1].casefold() if i + 1 < len(words) else ""
    prev = words[i - 1].casefold() if i > 0 else ""
    if w in future:
        if w in needs_to and nxt != "to" and not (w == "set" and prev in present_aux):
            return None
        if w in ("scheduled", "planned", "expected") and prev in past_aux - {"has", "have"}:
            return Direction.FUTURE  # "was scheduled to" still points ahead of the report
        return Direction.FUTURE
    if w in past_aux:
        return Direction.PAST
    if w in past_forms:
        return Direction.PAST
    if w in present_aux:
        return Direction.NEAR
    if w.endswith("ed") and len(w) > 4 and w not in not_past_ed:
        if prev in present_aux:
            return Direction.NEAR  # present passive: "is considered"
        return Direction.PAST
    return None


def _clauses(sentence: str) -> list[tuple[int, int]]:
    bounds = [0]
    for m in _CLAUSE_BREAK_RE.finditer(sentence):
        bounds.extend((m.start(), m.end()))
    bounds.append(len(sentence))
    spans = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds) - 1, 2)]
    return [(a, b) for a, b in spans if sentence[a:b].strip()]


def _direction_in(sentence: str, start: int, end: int, expr: tuple[int, int]) -> Direction | None:
    """The cue nearest the expression in ``sentence[start:end]``, preferring earlier words."""
    words = [(m.start() + start, m.group()) for m in _WORD_RE.finditer(sentence[start:end])]
    tokens = [w for _, w in words]
    before: list[tuple[int, Direction]] = []
    after: list[tuple[int, Direction]] = []
    for i, (offset, _) in enumerate(words):
        if expr[0] <= offset < expr[1]:
            continue
        cue = _cue(tokens, i)
        if cue is None:
            continue
        (before if offset < expr[0] else after).append((offset, cue))
    if before:
        return max(before)[1]
    if after:
        return min(after)[1]
    return None


def direction_of(sentence: str, expr_start: int, expr_end: int) -> Direction:
    """The direction for an expression at ``sentence[expr_start:expr_end]``."""
    clauses = _clauses(sentence)
    here = next((k for k, (a, b) in enumerate(clauses) if a <= expr_start < b), None)
    if here is None:
        return Direction.NEAR
    order = [here, *range(here + 1, len(clauses)), *range(here - 1, -1, -1)]
    for k in order:
        a, b = clauses[k]
        found = _direction_in(sentence, a, b, (expr_start, expr_end))
        if found is not None:
            return found
    return Direction.NEAR
