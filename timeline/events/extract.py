"""Event extraction, version 1: one event per clause a temporal expression anchors, plus
reporting events ("X said") at the publication date.

The trigger of a time-anchored clause is the verb or event noun nearest the expression
(preferring the words before it, which in English usually hold the clause's verb);
participants are the named entities of the sentence, canonicalised by
``timeline.events.entities``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

from timeline.events.data import load_json
from timeline.events.entities import EntityMention, find_entities
from timeline.model import (
    Anchoring,
    Event,
    Interval,
    PublicationDate,
    Sentence,
    TemporalExpression,
    TimexType,
)
from timeline.temporal.data import load_json as load_temporal_json

_WORD_RE = re.compile(r"[A-Za-z][A-Za-z’'-]*")
_CLAUSE_BREAK_RE = re.compile(r"[;:—–()]|,\s+(?:and|but|while|which|who)\b|\s-\s")
_ANCHOR_TYPES = (TimexType.DATE, TimexType.TIME)
# "-ing" forms that are events: progressive ("was meeting") or after a temporal
# preposition ("after leaving the White House in 2021")
_ING_GOVERNORS = frozenset(
    {"is", "are", "was", "were", "be", "been", "after", "before", "since", "while", "upon", "by"}
)
# a time after "since" starts a period; it does not date the clause's event ("the first
# meeting since 2019" did not happen in 2019)
_NOT_ANCHORING_RE = re.compile(
    r"\b(?:since|until|till)\s+(?:the\s+|its\s+|early\s+|late\s+)?$", re.IGNORECASE
)


@cache
def _lexicon() -> tuple[
    frozenset[str], frozenset[str], frozenset[str], frozenset[str], frozenset[str]
]:
    data = load_json("events.json")
    tense = load_temporal_json("tense.json")
    return (
        frozenset(data["reporting_verbs"]),
        frozenset(data["event_nouns"]),
        frozenset(data["not_verbs"]) | frozenset(tense["not_past_ed"]),
        frozenset(tense["past_forms"]) - {"ago", "earlier", "last", "former", "then", "previously"},
        frozenset(data["present_verbs"]),
    )


_LIGHT_PENALTY = 1000


@cache
def _light_verbs() -> frozenset[str]:
    return frozenset(load_json("events.json")["light_verbs"])


def _is_trigger(word: str, prev: str) -> bool:
    reporting, nouns, not_verbs, past_forms, present = _lexicon()
    w = word.casefold()
    if w in not_verbs:
        return False
    if w in reporting or w in nouns or w in past_forms or w in present:
        return True
    if w.endswith("ed") and len(w) > 4:
        return True
    return w.endswith("ing") and len(w) > 5 and prev.casefold() in _ING_GOVERNORS


def _clause_bounds(sentence: str, at: int) -> tuple[int, int]:
    start, end = 0, len(sentence)
    for m in _CLAUSE_BREAK_RE.finditer(sentence):
        if m.end() <= at:
            start = m.end()
        elif m.start() >= at:
            end = m.start()
            break
    return start, end


def _trigger_near(
    sentence: str, lo: int, hi: int, avoid: tuple[int, int]
) -> tuple[int, int, str] | None:
    """The trigger word governing the expression at ``avoid`` within ``sentence[lo:hi]``.

    English puts the verb before its time adjunct ("met ... on Tuesday"), so the nearest
    trigger before the expression wins; only a fronted adjunct ("On June 14, Putin
    outlined") takes the nearest trigger after it.
    """
    words = list(_WORD_RE.finditer(sentence, lo, hi))
    before: tuple[int, int, int, str] | None = None
    after: tuple[int, int, int, str] | None = None
    for i, m in enumerate(words):
        if avoid[0] <= m.start() < avoid[1]:
            continue
        prev = words[i - 1].group() if i else ""
        if not _is_trigger(m.group(), prev):
            continue
        # a light verb ("took place", "was held") is the trigger only if nothing better is near
        light = _LIGHT_PENALTY if m.group().casefold() in _light_verbs() else 0
        if m.end() <= avoid[0]:
            candidate = (avoid[0] - m.end() + light, m.start(), m.end(), m.group())
            if before is None or candidate[0] < before[0]:
                before = candidate
        else:
            candidate = (m.start() - avoid[1] + light, m.start(), m.end(), m.group())
            if after is None or candidate[0] < after[0]:
                after = candidate
    best = before or after
    return best[1:] if best else None


def _participants(entities: Sequence[EntityMention], lo: int, hi: int) -> tuple[str, ...]:
    names: list[str] = []
    for e in entities:
        if lo <= e.start < hi and e.name not in names:
            names.append(e.name)
    return tuple(names)


def extract_events(
    text: str,
    sentences: Sequence[Sentence],
    expressions: Sequence[TemporalExpression],
    published: PublicationDate | None,
    known_entities: Iterable[str] = (),
) -> list[Event]:
    """Events of one document in text order."""
    entities = find_entities(text, known_entities)
    reporting = _lexicon()[0]
    events: list[Event] = []
    for sentence in sentences:
        s_lo, s_hi = sentence.start, sentence.end
        local = [
            (k, e)
            for k, e in enumerate(expressions)
            if s_lo <= e.char_start < s_hi
            and e.type in _ANCHOR_TYPES
            and e.interval is not None
            and not _NOT_ANCHORING_RE.search(text, max(s_lo, e.char_start - 24), e.char_start)
        ]
        participants = _participants(entities, s_lo, s_hi)
        seen_triggers: set[int] = set()
        seen_clauses: set[tuple[int, int, Interval | None]] = set()
        for index, expression in local:
            rel = (expression.char_start - s_lo, expression.char_end - s_lo)
            c_lo, c_hi = _clause_bounds(sentence.text, rel[0])
            found = _trigger_near(sentence.text, c_lo, c_hi, rel) or _trigger_near(
                sentence.text, 0, len(sentence.text), rel
            )
            clause_time = (c_lo, c_hi, expression.interval)
            if found is None or found[0] in seen_triggers or clause_time in seen_clauses:
                continue  # one event per happening per clause
            seen_triggers.add(found[0])
            seen_clauses.add(clause_time)
            start, end, word = found
            events.append(
                Event(
                    char_start=s_lo + start,
                    char_end=s_lo + end,
                    trigger=word,
                    sentence=sentence.text,
                    sentence_start=s_lo,
                    participants=participants,
                    interval=expression.interval,
                    value=expression.value,
                    anchoring=Anchoring.TIMEX,
                    timex_index=index,
                )
            )
        if local or published is None or not participants:
            continue
        for m in _WORD_RE.finditer(sentence.text):
            if m.group().casefold() in reporting and (m.group().islower() or m.start() == 0):
                events.append(
                    Event(
                        char_start=s_lo + m.start(),
                        char_end=s_lo + m.end(),
                        trigger=m.group(),
                        sentence=sentence.text,
                        sentence_start=s_lo,
                        participants=participants,
                        interval=published.interval,
                        value=published.value,
                        anchoring=Anchoring.PUBLICATION,
                    )
                )
                break
    return events
