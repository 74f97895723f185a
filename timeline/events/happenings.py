"""A document's happenings: the entries it contributes, with their statements.

From the analysed mentions of one document (``extract.event_mentions``, each with its
role, ``timeline.events.roles``):

* **happenings**: the main event of a clause, an occasion ("during a meeting", "speaking
  to reporters"), or what a statement reports ("announced Monday it has *settled*"), when
  they are happenings to a reader and have a time;
* **event coreference** within the document (``COREF_SIGNALS``): mentions of one family
  at compatible times that share a participant, or where the later one is a definite
  reference ("the talks", "this new settlement"), are one happening: they share
  ``Event.coref`` and the store puts them in one entry;
* **statements** attach to the occasion they were made at, or to the speaker's remarks
  of that day (``timeline.events.statements``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from timeline.events.coref_model import Mention, coreference, mode, threshold
from timeline.events.extract import EventMention, Tense
from timeline.events.merge import compatible, event_family, shared_participants
from timeline.events.roles import Role
from timeline.events.statements import is_occasion_family, make_statement, same_speaker
from timeline.model import Anchoring, Event, EventKind, Interval, Sentence, Statement

__all__ = [
    "COREF_SIGNALS",
    "IDENTITY_SIGNALS",
    "LEARNT_SIGNAL",
    "document_events",
    "joined",
    "learnt_mention",
]

# how far from a statement its occasion may be named: news states the occasion once and
# reports what was said there through the whole article
_BACK = 1000
_AHEAD = 1000


@dataclass(slots=True)
class _Item:
    mention: EventMention
    event: Event
    statements: list[Statement]
    kept: bool
    own_act: bool = False  # its statements only announce it (``_own_act_reported``)


def _overlap(a: Interval | None, b: Interval | None) -> bool:
    return a is None or b is None or a.overlaps(b)


def _names_speaker(event: Event, speaker: str) -> bool:
    return any(same_speaker(speaker, p) for p in event.participants)


_FRAMING_RE = re.compile(
    r"\b(?:at|in|during|on|after)\s+(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)


def _framing(text: str, m: EventMention) -> bool:
    """Whether an occasion is named as where a statement was made ("during an interview
    with NBC News", "In a recent interview with the New York Post, he mentioned", "While
    speaking to reporters"), not as what the statement is about ("noting a mutual
    understanding following recent discussions")."""
    if m.occasion or m.role is Role.OCCASION:
        return True
    return bool(_FRAMING_RE.search(text, max(0, m.trigger.start - 60), m.trigger.start))


def _occasion_for(
    text: str, statement: EventMention, items: Sequence[_Item], speaker: str | None
) -> _Item | None:
    """The occasion a statement was made at (see ``timeline.events.statements``)."""
    k = statement.sentence_index
    anchor = statement.anchor.interval if statement.anchor else None

    def fits(item: _Item) -> bool:
        m = item.mention
        return (m.occasion or m.role is Role.OCCASION or is_occasion_family(m.trigger.text)) and (
            _overlap(anchor, m.anchor.interval if m.anchor else None)
        )

    same = [
        it
        for it in items
        if it.mention.sentence_index == k and fits(it) and _framing(text, it.mention)
    ]
    if same:
        return min(same, key=lambda it: abs(it.mention.trigger.start - statement.trigger.start))
    if speaker is None:
        return None
    near = [
        it
        for it in items
        if -_BACK <= it.mention.sentence_index - k <= _AHEAD
        and fits(it)
        and (_names_speaker(it.event, speaker) or it.mention.role is Role.OCCASION)
        and (
            it.mention.role is not Role.OCCASION
            or same_speaker(speaker, it.event.participants[0] if it.event.participants else "")
        )
    ]
    if not near:
        return None
    # the speaker's own remarks to the press first, then an occasion the speaker leads,
    # then the nearest, preferring one before the statement (news names the occasion
    # first)
    return min(
        near,
        key=lambda it: (
            it.mention.role is not Role.OCCASION,
            not _led_by(it.event, speaker),
            abs(it.mention.sentence_index - k),
            it.mention.sentence_index > k,
        ),
    )


_OWN_SUBJECT_RE = re.compile(r"^\W*(?:\w+\W+){0,2}?(?:it|he|she|they|we|i)\s+\w+", re.IGNORECASE)


def _own_act_reported(text: str, statement: EventMention, items: Sequence[_Item]) -> _Item | None:
    """A speaker announcing its own act ("Apple Inc. announced Monday it has settled its
    dispute", "Jobs said he had resigned") reports a happening of the same sentence: the
    statement belongs to that happening's entry, not to remarks of its own."""
    if statement.speaker is None:
        return None
    anchor = statement.anchor.interval if statement.anchor else None
    for it in items:
        m = it.mention
        if (
            m.sentence_index != statement.sentence_index
            or m.trigger.start <= statement.trigger.end
            or m.role is not Role.HAPPENING
            or not it.kept
            or not _overlap(anchor, m.anchor.interval if m.anchor else None)
        ):
            continue
        between = text[statement.trigger.end : m.trigger.start]
        if _OWN_SUBJECT_RE.match(between) or _names_speaker(it.event, statement.speaker):
            return it
        return None  # the first happening it reports is someone else's
    return None


def _led_by(event: Event, speaker: str) -> bool:
    """Whether ``speaker`` is the first participant (the subject) of ``event``."""
    return bool(event.participants) and same_speaker(speaker, event.participants[0])


def _definite(text: str, mention: EventMention) -> bool:
    return bool(
        _DEFINITE_RE.search(text, max(0, mention.trigger.start - 30), mention.trigger.start)
    )


_DEFINITE_RE = re.compile(r"\b(?:the|this|these|that|those)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)

CorefSignal = Callable[[str, _Item, _Item], bool]


def _same_family_and_time(text: str, a: _Item, b: _Item) -> bool:
    """One family, compatible times, a participant in common (or none named on one
    side): "welcomed Putin on Friday" and "the closed-door meeting" with Putin."""
    x, y = a.event, b.event
    if x.interval is None or y.interval is None or not compatible(x.interval, y.interval):
        return False
    if _family(a) != _family(b):
        return False
    return shared_participants(x, y) > 0 or not x.participants or not y.participants


def _family(item: _Item) -> str:
    """The event family, with a speaker's remarks to the press a family of their own
    ("speaking to reporters" is no conversation with Putin)."""
    return "remarks" if item.mention.role is Role.OCCASION else event_family(item.event)


def _definite_reference(text: str, a: _Item, b: _Item) -> bool:
    """A definite event noun refers back to the happening of its family reported before
    it ("the talks", "this new settlement"), unless their times disagree."""
    x, y = a.event, b.event
    later = b.mention if b.mention.trigger.start > a.mention.trigger.start else a.mention
    if later.tense is not Tense.NOMINAL or not _definite(text, later):
        return False
    if _family(a) != _family(b):
        return False
    return x.interval is None or y.interval is None or compatible(x.interval, y.interval)


_DURING_RE = re.compile(r"\bduring\s+(?:the|a|an|his|her|their|its)\s+", re.IGNORECASE)


def _during_occasion(text: str, a: _Item, b: _Item) -> bool:
    """What was done "during the Alaska summit" ("he and Trump discussed Ukraine's
    security during the Alaska summit") is part of that occasion: one happening."""
    first, second = sorted((a.mention, b.mention), key=lambda m: m.trigger.start)
    if first.sentence_index != second.sentence_index or first.clause != second.clause:
        return False
    if not second.occasion or not is_occasion_family(second.trigger.text):
        return False
    between = text[first.trigger.end : second.trigger.start]
    return bool(_DURING_RE.search(between)) and len(between) < 120


def learnt_mention(text: str, item: _Item) -> Mention:
    """What the learnt model reads of a mention (``coref_model.Mention``)."""
    m = item.mention
    return (
        item.event,
        m.tense.value,
        m.role.value,
        m.sentence_index,
        m.clause,
        m.tense is Tense.NOMINAL and _definite(text, m),
    )


def _probability(text: str, a: _Item, b: _Item) -> float:
    """P(one happening) by the model learnt from MEANTIME's chains (``coref_model``)."""
    first, second = sorted((a, b), key=lambda it: it.mention.trigger.start)
    return coreference(learnt_mention(text, first), learnt_mention(text, second))


def _learnt_coreference(text: str, a: _Item, b: _Item) -> bool:
    """The learnt model says one happening, at the threshold chosen on the tune half."""
    return _probability(text, a, b) >= threshold()


COREF_SIGNALS: tuple[tuple[str, CorefSignal], ...] = (
    ("same_family_and_time", _same_family_and_time),
    ("definite_reference", _definite_reference),
    ("during_occasion", _during_occasion),
)
LEARNT_SIGNAL: tuple[str, CorefSignal] = ("learnt_coreference", _learnt_coreference)


# the signals of one happening reported twice (identity), which MEANTIME's chains
# annotate and the learnt model confirms; what was done during an occasion is part of
# it by this project's guideline, a relation MEANTIME does not annotate as coreference
IDENTITY_SIGNALS = frozenset({"same_family_and_time", "definite_reference"})


def joined(
    fired: Sequence[str],
    probability: Callable[[], float],
    learnt: str,
    at: float | None = None,
) -> bool:
    """Whether two mentions are one happening, given the ``COREF_SIGNALS`` that held for
    them and the learnt model's probability (asked only when needed): a rule says so and,
    with ``TIMELINE_LEARNT_COREF=confirm``, the model agrees when the rule is one of
    identity (``IDENTITY_SIGNALS``); with ``decide`` the model alone (``coref_model.mode``).
    ``at``: the threshold (the committed one by default)."""
    at = threshold() if at is None else at
    if learnt == "decide":
        return probability() >= at
    if not fired:
        return False
    if learnt != "confirm" or not IDENTITY_SIGNALS.issuperset(fired):
        return True
    return probability() >= at


def _joined(text: str, a: _Item, b: _Item, learnt: str) -> bool:
    if learnt == "off":
        return any(signal(text, a, b) for _, signal in COREF_SIGNALS)  # the first that holds
    fired = [] if learnt == "decide" else [n for n, s in COREF_SIGNALS if s(text, a, b)]
    return joined(fired, lambda: _probability(text, a, b), learnt)


def _coref(text: str, items: Sequence[_Item]) -> list[int]:
    """Union-find over the kept happenings: one number per happening of the document.

    Every signal asks for one family at compatible times, or for one clause
    (``_during_occasion``), so each happening is compared only with the earlier ones
    ``_candidates`` finds that way, not with every other: the cost follows the number
    of happenings that could be one, not its square."""
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    learnt = mode()
    for j, i in _candidates(items):
        if find(i) == find(j):
            continue
        if _joined(text, items[i], items[j], learnt):
            parent[find(j)] = find(i)
    return [find(i) for i in range(len(items))]


def _span_class(interval: Interval) -> int:
    """``ceil(log2(days))``: an interval of class ``c`` lasts at most ``2**c`` days."""
    return max(0, (interval.days - 1).bit_length())


def _candidates(items: Sequence[_Item]) -> list[tuple[int, int]]:
    """The pairs ``(j, i)``, ``i < j``, a coreference signal may join: one family and one
    interval inside the other (found by span class and start, as the store finds
    overlapping entries), or one clause of one sentence; in the order of the pairwise
    loop they replace (every ``j``, then every ``i`` before it)."""
    # family -> span class -> sorted (start ordinal, index)
    index: dict[str, dict[int, list[tuple[int, int]]]] = {}
    clauses: dict[tuple[int, tuple[int, int]], list[int]] = {}
    families = [_family(it) for it in items]
    for k, it in enumerate(items):
        interval = it.event.interval
        if interval is not None:
            by_class = index.setdefault(families[k], {})
            by_class.setdefault(_span_class(interval), []).append((interval.start.toordinal(), k))
        clauses.setdefault((it.mention.sentence_index, it.mention.clause), []).append(k)
    for by_class in index.values():
        for starts in by_class.values():
            starts.sort()
    pairs: list[tuple[int, int]] = []
    for j, it in enumerate(items):
        found = {i for i in clauses[(it.mention.sentence_index, it.mention.clause)] if i < j}
        interval = it.event.interval
        if interval is not None:
            s, e, own = interval.start.toordinal(), interval.end.toordinal(), _span_class(interval)
            for c, starts in index[families[j]].items():
                # containers start at most 2**c days before j's end; contained ones in j
                lo = e - (1 << c) if c >= own else s
                hi = s if c > own else e - 1
                for start, i in starts[bisect_left(starts, (lo, -1)) :]:
                    if start > hi:
                        break
                    other = items[i].event.interval
                    if i < j and other is not None and compatible(interval, other):
                        found.add(i)
        pairs.extend((j, i) for i in sorted(found))
    return pairs


def document_events(
    text: str,
    sentences: Sequence[Sentence],
    mentions: Sequence[EventMention],
    context: Callable[[int], str],
    typer: Callable[[str], str] = lambda name: "other",
) -> list[Event]:
    """The entries one document contributes (see the module docstring); ``typer`` gives
    each participant's type (``participant_types``)."""
    items: list[_Item] = []
    reported_in: set[tuple[int, int]] = set()  # clauses whose main is a statement
    for m in mentions:
        if m.role is Role.STATEMENT and m.main:
            reported_in.add((m.sentence_index, m.clause[0]))
    reported_taken: set[int] = set()
    for m in mentions:
        if m.role not in (Role.HAPPENING, Role.OCCASION):
            continue
        reported = (
            not m.main
            and m.sentence_index not in reported_taken
            and any(s == m.sentence_index for s, _ in reported_in)
            and m.tense in (Tense.PAST, Tense.NOMINAL)
            and m.anchor is not None
        )
        if reported:
            reported_taken.add(m.sentence_index)
        keep = m.main or m.occasion or m.role is Role.OCCASION or reported
        sentence = sentences[m.sentence_index]
        event = _as_event(m, sentence, context(m.sentence_index))
        if m.role is Role.OCCASION:
            # remarks to the press are the remarks of whoever speaks in that sentence
            speaker = next(
                (
                    x.speaker
                    for x in mentions
                    if x.sentence_index == m.sentence_index
                    and x.role is Role.STATEMENT
                    and x.speaker
                ),
                None,
            )
            if speaker:
                rest = tuple(p for p in event.participants if not same_speaker(speaker, p))
                event = replace(event, participants=(speaker, *rest))
        items.append(_Item(m, event, [], keep))

    remarks: dict[tuple[str, str], tuple[Event, list[Statement]]] = {}
    for m in mentions:
        if m.role is not Role.STATEMENT:
            continue
        sentence = sentences[m.sentence_index]
        statement = make_statement(
            m.speaker, sentence.text, sentence.start, m.trigger.start, m.trigger.end
        )
        occasion = _occasion_for(text, m, items, m.speaker)
        if occasion is None:
            occasion = _own_act_reported(text, m, items)
            if occasion is not None:
                # the act is announced, not dated, by the announcement: keep its own time
                occasion.statements.append(statement)
                occasion.own_act = not any(s is not statement for s in occasion.statements)
                continue
        if occasion is not None:
            occasion.statements.append(statement)
            occasion.kept = True
            speaker = m.speaker
            if speaker and not _names_speaker(occasion.event, speaker):
                # who spoke there took part ("In a recent interview with the New York
                # Post, he mentioned ..."): the speaker leads the occasion's participants
                occasion.event = replace(
                    occasion.event, participants=(speaker, *occasion.event.participants)
                )
            continue
        if m.speaker is None or m.anchor is None or typer(m.speaker) == "outlet":
            continue  # nobody, no time, or a news outlet reporting: no remarks entry
        key = (m.speaker.casefold(), m.anchor.value)
        if key not in remarks:
            event = replace(
                _as_event(m, sentence, context(m.sentence_index)),
                participants=(m.speaker,),
                kind=EventKind.REMARKS,
            )
            remarks[key] = (event, [])
        remarks[key][1].append(statement)

    kept = [it for it in items if (it.kept and it.event.interval is not None) or it.statements]
    for it in kept:
        if it.own_act:
            continue
        if it.event.interval is None or (
            it.statements and it.event.anchoring is not Anchoring.TIMEX
        ):
            it.event = _timed_by_statements(it, mentions)
    kept = [
        it
        for it in kept
        if it.event.interval is not None
        and (it.event.anchoring is Anchoring.TIMEX or it.event.participants or it.statements)
    ]
    groups = _coref(text, kept)
    out = [
        replace(
            it.event,
            statements=tuple(it.statements),
            coref=groups[k],
            kind=EventKind.REMARKS if it.mention.role is Role.OCCASION else it.event.kind,
        )
        for k, it in enumerate(kept)
    ]
    base = len(kept)
    for n, (event, said) in enumerate(remarks.values()):
        out.append(replace(event, statements=tuple(said), coref=base + n))
    out = [
        replace(e, participant_types=tuple(_public(typer(p)) for p in e.participants)) for e in out
    ]
    out.sort(key=lambda e: e.char_start)
    return out


def _public(kind: str) -> str:
    """A news outlet is an organisation to the reader."""
    return "organisation" if kind == "outlet" else kind


def _timed_by_statements(item: _Item, mentions: Sequence[EventMention]) -> Event:
    """An occasion the text does not date (or dates only by the article) takes the most
    precise time its statements have of their own ("stated on Sunday")."""
    by_start = {m.trigger.start: m for m in mentions}
    anchors = [
        by_start[s.char_start].anchor
        for s in item.statements
        if s.char_start in by_start and by_start[s.char_start].anchor is not None
    ]
    own = [a for a in anchors if a is not None and a.rule == "own_expression"]
    chosen = min(own, key=lambda a: a.interval.days) if own else (anchors[0] if anchors else None)
    if chosen is None:
        return item.event
    current = item.event.interval
    if current is not None and not current.overlaps(chosen.interval):
        return item.event
    if current is not None and current.days <= chosen.interval.days:
        return item.event
    # inherited, not the event's own expression; its index is kept so that the entry's
    # salience knows how precise the statement's expression is ("stated on Sunday")
    return replace(
        item.event,
        interval=chosen.interval,
        value=chosen.value,
        anchoring=Anchoring.INHERITED,
        timex_index=chosen.timex_index,
    )


def _as_event(m: EventMention, sentence: Sentence, context: str) -> Event:
    anchor = m.anchor
    return Event(
        char_start=m.trigger.start,
        char_end=m.trigger.end,
        trigger=m.trigger.text,
        sentence=sentence.text,
        sentence_start=sentence.start,
        participants=m.participants,
        interval=anchor.interval if anchor else None,
        value=anchor.value if anchor else None,
        anchoring=anchor.anchoring if anchor else Anchoring.INHERITED,
        timex_index=anchor.timex_index if anchor else None,
        context=context,
        anchor_rule=anchor.rule if anchor else "",
    )
