"""Event extraction: one event per happening per clause, with participants and a time.

A sentence is cut into clauses (punctuation, coordinators, relative and complement
markers).  Event triggers come from the trigger model (``timeline.events.triggers``,
learnt from TimeBank), backed by the hand lists of ``data/events.json`` for the event
nouns and reporting verbs news relies on.  Each clause yields at most one event:

* a clause a temporal expression governs gets the trigger that expression modifies (the
  nearest trigger before it, English putting the verb before its time adjunct; after it
  only for a fronted adjunct such as "On June 14, Putin outlined");
* any other clause gets its main event: its first finite verb that is not a light verb
  ("took place", "was held"), else its strongest event noun.

The time anchor, in order of preference (``Event.anchoring``):

1. ``TIMEX``: the temporal expression governing the clause (a time after "since" or
   "until" starts or ends a period and anchors nothing);
2. ``INHERITED``: for a definite event noun, the time of the event it refers back to
   ("... met on Friday. Joining Putin for the talks were ..."); else the narrative time of
   the previous sentence, for a past-tense clause without its own time ("On Friday,
   Trump met Putin. They spoke for three hours."), unless that time is background (a
   decade, a century) or, for a reporting verb, coarser than a week;
3. ``PUBLICATION``: the publication date, for reporting events ("X said"): the article is
   the report;
4. none: ``event_mentions`` keeps the event (it has a place in its document, which
   ``timeline.events.order`` uses); ``extract_events`` leaves it out of the timeline.

Participants are the named entities of the clause (``timeline.events.entities``, names
canonical within the document and, through ``known_entities``, across the corpus), its
subject first; a subject pronoun ("He made these remarks") resolves to the most recent
person-like subject of the preceding sentences.

``event_mentions`` exposes the richer analysis (every trigger, tense, clause, subject)
that the SemEval timeline builder and the evaluations use; ``extract_events`` is the
pipeline's view: the one event per clause that the store turns into timeline entries.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cache

from timeline.events.data import load_json
from timeline.events.entities import EntityMention, find_entities
from timeline.events.lemmas import irregular_forms, trigger_family
from timeline.events.triggers import Trigger, find_triggers, known_word
from timeline.model import (
    Anchoring,
    Event,
    Granularity,
    Interval,
    PublicationDate,
    Sentence,
    TemporalExpression,
    TimexType,
)
from timeline.temporal.data import load_json as load_temporal_json

__all__ = [
    "Anchor",
    "EventMention",
    "Tense",
    "clause_spans",
    "event_mentions",
    "extract_events",
]

_WORD_RE = re.compile(r"[A-Za-z][A-Za-z’'-]*")
_CLAUSE_BREAK_RE = re.compile(
    r"[;:—–()]|\s-\s"
    r"|,\s+(?:and|but|while|which|who|whom|whose|where|though|although|as|because|after|"
    r"before|when|whereas|so|since|until)\b"
    r"|\b(?:that|which|who|because|although|though|whereas|while)\b"
)
_RELATIVE_RE = re.compile(r",\s+(?:which|who|whom|whose)\b[^,;:()—–]*,")
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
_LIGHT_PENALTY = 1000
_SUBJECT_PRONOUNS = frozenset({"he", "she"})
_POSSESSIVE_PRONOUNS = frozenset({"his", "her"})
_PERSON_CONTEXT_RE = re.compile(
    r"^\s*(?:,\s*(?:the|a|an)?\s*[\w\s.-]{0,60}?,\s*)?"  # an apposition: "Jobs, the CEO,"
    r"(?:also\s+|then\s+|later\s+|has\s+|had\s+|was\s+|is\s+|will\s+)*"
    r"(?:said|says|told|stated|added|announced|noted|explained|argued|insisted|claimed|"
    r"warned|replied|wrote|met|resigned|died|thanked|urged|praised|criticised|criticized)\b"
)
_MAX_SUBJECT_LOOKBACK = 3  # sentences a pronoun may look back for its antecedent


class Tense(StrEnum):
    """What the verb group says about when the event is, relative to the narration."""

    PAST = "past"  # "met", "has met", "was held", "had said"
    PRESENT = "present"  # "meets", "is meeting", "says"
    FUTURE = "future"  # "will meet", "is expected to meet", "would meet"
    NONFINITE = "nonfinite"  # "walking", "to unveil": takes the time of the verb it serves
    NOMINAL = "nominal"  # an event noun ("the summit"): timed by its clause


@dataclass(frozen=True, slots=True)
class Anchor:
    """When an event happened, and how we know."""

    interval: Interval
    value: str
    anchoring: Anchoring
    timex_index: int | None = None


@dataclass(frozen=True, slots=True)
class EventMention:
    """One trigger of one document with everything the extractors know about it."""

    trigger: Trigger
    sentence_index: int
    clause: tuple[int, int]  # document offsets of the clause
    tense: Tense
    anchor: Anchor | None
    main: bool  # the clause's event (what ``extract_events`` keeps)
    subject: str | None  # canonical name of the clause's subject, if a named entity
    participants: tuple[str, ...]

    def to_event(self, sentence: Sentence, context: str = "") -> Event:
        anchor = self.anchor
        if anchor is None:
            raise ValueError("an unanchored mention is no Event: it has no time")
        return Event(
            char_start=self.trigger.start,
            char_end=self.trigger.end,
            trigger=self.trigger.text,
            sentence=sentence.text,
            sentence_start=sentence.start,
            participants=self.participants,
            interval=anchor.interval,
            value=anchor.value,
            anchoring=anchor.anchoring,
            timex_index=anchor.timex_index,
            context=context,
        )


@dataclass(frozen=True, slots=True)
class _Lists:
    reporting: frozenset[str]
    nouns: frozenset[str]
    not_verbs: frozenset[str]
    past_forms: frozenset[str]
    present: frozenset[str]
    light: frozenset[str]
    modals: frozenset[str]
    future: frozenset[str]
    future_needs_to: frozenset[str]


@cache
def _lists() -> _Lists:
    data = load_json("events.json")
    tense = load_temporal_json("tense.json")
    return _Lists(
        reporting=frozenset(data["reporting_verbs"]),
        nouns=frozenset(data["event_nouns"]),
        not_verbs=frozenset(data["not_verbs"]) | frozenset(tense["not_past_ed"]),
        past_forms=frozenset(tense["past_forms"])
        - {"ago", "earlier", "last", "former", "then", "previously"},
        present=frozenset(data["present_verbs"]),
        light=frozenset(data["light_verbs"]),
        modals=frozenset(tense["modals"]),
        future=frozenset(tense["future_cues"]) - frozenset(tense["modals"]),
        future_needs_to=frozenset(tense["future_needs_to"]),
    )


def clause_spans(sentence: str) -> list[tuple[int, int]]:
    """Clauses of a sentence as ``[start, end)`` offsets into it, covering it entirely.

    Cheap on purpose (no parser): a clause ends at strong punctuation, at a comma before a
    coordinator or subordinator, and before a relative or complement marker ("that",
    "which").  A clause without a word joins the one before it.
    """
    found = sorted(
        {m.start() for m in _CLAUSE_BREAK_RE.finditer(sentence)}
        # a relative clause between commas ends at its closing comma, and the clause it
        # interrupted resumes ("The Widget, which Smith introduced, went on sale")
        | {m.end() for m in _RELATIVE_RE.finditer(sentence)}
    )
    cuts = [0]
    for cut in found:
        if cut > cuts[-1]:
            cuts.append(cut)
    cuts.append(len(sentence))
    spans: list[tuple[int, int]] = []
    for a, b in itertools.pairwise(cuts):
        if (spans and not _WORD_RE.search(sentence, a, b)) or (
            spans and not _WORD_RE.search(sentence, spans[-1][0], spans[-1][1])
        ):
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return spans or [(0, len(sentence))]


def _is_candidate(word: str, prev: str, trigger: Trigger | None) -> bool:
    """Whether a word may be a trigger: the model says so, or the hand lists do."""
    w = word.casefold()
    if trigger is not None and known_word(w):
        return True
    return _hand_candidate(w, prev)


def _hand_candidate(w: str, prev: str) -> bool:
    lists = _lists()
    if w in lists.not_verbs:
        return False
    if w in lists.reporting or w in lists.nouns or w in lists.present:
        return True
    if w in lists.past_forms and w not in lists.light:
        return True
    if w.endswith("ed") and len(w) > 4:
        return True
    return w.endswith("ing") and len(w) > 5 and prev.casefold() in _ING_GOVERNORS


def _irregular_participle(word: str) -> bool:
    """A past form of an irregular verb ("born" -> "bear", "fought" -> "fight")."""
    base = irregular_forms().get(word)
    return base is not None and base != word and not word.endswith("s")


def _tense(words: Sequence[str], i: int, trigger: Trigger) -> Tense:
    """The tense of the verb group ending at ``words[i]`` (looking back three words)."""
    lists = _lists()
    w = words[i].casefold()
    before = [x.casefold() for x in words[max(0, i - 3) : i]]
    prev = before[-1] if before else ""
    if (
        trigger.pos == "NOUN"
        and prev not in ("to", "will", "would")
        and not (w.endswith("ed") or w in lists.past_forms or _irregular_participle(w))
    ):
        return Tense.NOMINAL
    if any(b in lists.modals for b in before) or "going" in before:
        return Tense.FUTURE
    if prev == "to":
        future_cue = len(before) > 1 and before[-2] in lists.future_needs_to | lists.future
        return Tense.FUTURE if future_cue else Tense.NONFINITE
    if any(b in ("had", "has", "have", "was", "were", "did", "'d", "’d") for b in before):
        return Tense.PAST
    if any(b in ("is", "are", "am", "'s", "’s", "'re", "’re") for b in before):
        return Tense.PRESENT
    if w in lists.past_forms or (w.endswith("ed") and w not in lists.not_verbs):
        return Tense.PAST
    if _irregular_participle(w):
        return Tense.PAST  # "born", "fought", "built"
    if w.endswith("ing"):
        return Tense.NONFINITE
    if w.endswith("s") and trigger.pos == "VERB":
        return Tense.PRESENT
    if trigger.pos == "VERB":
        return Tense.PRESENT if prev in ("i", "we", "they", "you") else Tense.NONFINITE
    return Tense.NOMINAL


@dataclass(slots=True)
class _Word:
    start: int  # document offsets
    end: int
    text: str
    trigger: Trigger | None


def _sentence_words(text: str, sentence: Sentence) -> list[_Word]:
    triggers = {t.start: t for t in find_triggers(text, sentence.start, sentence.end)}
    return [
        _Word(
            sentence.start + m.start(),
            sentence.start + m.end(),
            m.group(),
            triggers.get(sentence.start + m.start()),
        )
        for m in _WORD_RE.finditer(sentence.text)
    ]


def _as_trigger(word: _Word, prev: str) -> Trigger:
    """The model's trigger for a word, or a stand-in for a hand-list candidate."""
    if word.trigger is not None:
        return word.trigger
    from timeline.events.lemmas import lemma
    from timeline.events.triggers import event_class

    lists = _lists()
    w = word.text.casefold()
    pos = "NOUN" if w in lists.nouns else "VERB"
    return Trigger(word.start, word.end, word.text, lemma(w), 0.0, event_class(w), pos)


def _governed(words: Sequence[_Word], lo: int, hi: int, avoid: tuple[int, int]) -> int | None:
    """Index of the trigger the expression at ``avoid`` modifies, within ``[lo, hi)``."""
    light = _lists().light
    before: tuple[int, int] | None = None
    after: tuple[int, int] | None = None
    for i, w in enumerate(words):
        if not lo <= w.start < hi or avoid[0] <= w.start < avoid[1]:
            continue
        prev = words[i - 1].text if i else ""
        if not _is_candidate(w.text, prev, w.trigger):
            continue
        penalty = _LIGHT_PENALTY if w.text.casefold() in light else 0
        if w.end <= avoid[0]:
            key = avoid[0] - w.end + penalty
            if before is None or key < before[0]:
                before = (key, i)
        else:
            key = w.start - avoid[1] + penalty
            if after is None or key < after[0]:
                after = (key, i)
    best = before or after
    return best[1] if best else None


def _main(words: Sequence[_Word], tenses: dict[int, Tense], lo: int, hi: int) -> int | None:
    """The clause's main event: its first finite, non-light verb trigger; else the first
    finite verb; else its strongest event noun."""
    light = _lists().light
    finite = (Tense.PAST, Tense.PRESENT, Tense.FUTURE)
    inside = [i for i in tenses if lo <= words[i].start < hi]
    verbs = [i for i in inside if tenses[i] in finite]
    heavy = [i for i in verbs if words[i].text.casefold() not in light]
    if heavy:
        return heavy[0]
    if verbs:
        return verbs[0]
    nouns = [i for i in inside if tenses[i] is Tense.NOMINAL]
    if nouns:
        return max(nouns, key=lambda i: words[i].trigger.score if words[i].trigger else 0.0)
    return inside[0] if inside else None


def _participants(
    entities: Sequence[EntityMention], lo: int, hi: int, subject: str | None
) -> tuple[str, ...]:
    names: list[str] = [subject] if subject else []
    for e in entities:
        if lo <= e.start < hi and e.name not in names:
            names.append(e.name)
    return tuple(names)


def _looks_like_person(name: str) -> bool:
    parts = name.split()
    return 2 <= len(parts) <= 4 and all(p[:1].isupper() for p in parts)


def event_mentions(
    text: str,
    sentences: Sequence[Sentence],
    expressions: Sequence[TemporalExpression],
    published: PublicationDate | None,
    known_entities: Iterable[str] = (),
    *,
    inherit_hops: int = 1,
) -> list[EventMention]:
    """Every trigger of the document, in text order, analysed.

    ``inherit_hops``: how many sentences a narrative time may be carried forward without
    a new temporal expression (1: only from the sentence right before).
    """
    entities = find_entities(text, known_entities)
    out: list[EventMention] = []
    narrative: Anchor | None = None
    narrative_age = 0
    salient: list[tuple[int, str]] = []  # (sentence index, person-like subject) seen so far
    for s_index, sentence in enumerate(sentences):
        s_lo, s_hi = sentence.start, sentence.end
        sentence_entities = [e for e in entities if s_lo <= e.start < s_hi]
        words = [
            w
            for w in _sentence_words(text, sentence)
            if not any(e.start <= w.start < e.end for e in sentence_entities)
        ]
        clauses = [(s_lo + a, s_lo + b) for a, b in clause_spans(sentence.text)]

        candidates: dict[int, Trigger] = {}
        tenses: dict[int, Tense] = {}
        texts = [w.text for w in words]
        for i, w in enumerate(words):
            prev = words[i - 1].text if i else ""
            if _is_candidate(w.text, prev, w.trigger):
                trig = _as_trigger(w, prev)
                candidates[i] = trig
                tenses[i] = _tense(texts, i, trig)

        local = [
            (k, e)
            for k, e in enumerate(expressions)
            if s_lo <= e.char_start < s_hi
            and e.type in _ANCHOR_TYPES
            and e.interval is not None
            and not _NOT_ANCHORING_RE.search(text, max(s_lo, e.char_start - 24), e.char_start)
        ]
        # the trigger each expression governs (one event per clause and time)
        governed: dict[int, tuple[int, TemporalExpression]] = {}
        seen_clause_times: set[tuple[tuple[int, int], Interval | None]] = set()
        for k, expression in local:
            span = (expression.char_start, expression.char_end)
            clause = next((c for c in clauses if c[0] <= span[0] < c[1]), clauses[-1])
            found = _governed(words, clause[0], clause[1], span)
            if found is None:
                found = _governed(words, s_lo, s_hi, span)
            if found is None or found in governed:
                continue
            key = (clause, expression.interval)
            if key in seen_clause_times:
                continue
            seen_clause_times.add(key)
            governed[found] = (k, expression)
            if found not in candidates:
                prev = words[found - 1].text if found else ""
                candidates[found] = _as_trigger(words[found], prev)
                tenses[found] = _tense(texts, found, candidates[found])

        # the clause each trigger is in, and each clause's main event
        clause_of = {
            i: next((c for c in clauses if c[0] <= words[i].start < c[1]), clauses[-1])
            for i in candidates
        }
        mains: dict[tuple[int, int], int] = {}
        for clause in clauses:
            owned = [i for i in governed if clause_of[i] == clause]
            if owned:
                mains[clause] = owned[0]
                continue
            main = _main(words, {i: tenses[i] for i in candidates}, clause[0], clause[1])
            if main is not None:
                mains[clause] = main
        main_set = set(mains.values())

        # times governing the clauses, for the triggers an expression does not govern
        clause_time: dict[tuple[int, int], Anchor] = {}
        for i, (k, expression) in governed.items():
            assert expression.interval is not None
            clause_time.setdefault(
                clause_of[i],
                Anchor(expression.interval, expression.value, Anchoring.TIMEX, k),
            )
        fronted = next(
            (
                Anchor(e.interval, e.value, Anchoring.TIMEX, k)
                for k, e in local
                if e.interval is not None and e.char_start - s_lo < 4
            ),
            None,
        )

        new_narrative: Anchor | None = None
        sentence_mentions: list[EventMention] = []
        for i in sorted(candidates):
            trig = candidates[i]
            tense = tenses[i]
            clause = clause_of[i]
            subject = _subject(words, i, clause, sentence_entities, salient, s_index)
            anchor: Anchor | None = None
            if i in governed:
                k, expression = governed[i]
                assert expression.interval is not None
                anchor = Anchor(expression.interval, expression.value, Anchoring.TIMEX, k)
            elif tense is not Tense.FUTURE and (clause in clause_time or fronted):
                anchor = clause_time.get(clause, fronted)
            elif tense is Tense.NOMINAL and (antecedent := _antecedent(text, trig, out, s_index)):
                anchor = antecedent  # "the talks": the talks the text already dated
            elif (
                tense in (Tense.PAST, Tense.NONFINITE, Tense.NOMINAL)
                and narrative is not None
                and narrative_age < inherit_hops
                and _inherits(narrative, _is_reporting(trig))
                and not _present_perfect(words, i)
            ):
                anchor = replace(narrative, anchoring=Anchoring.INHERITED, timex_index=None)
            elif (
                published is not None
                and tense in (Tense.PAST, Tense.PRESENT)
                and _is_reporting(trig)
            ):
                anchor = Anchor(published.interval, published.value, Anchoring.PUBLICATION)
            if (
                i in governed
                and anchor is not None
                and tense in (Tense.PAST, Tense.NOMINAL, Tense.NONFINITE)
            ):
                new_narrative = anchor
            sentence_mentions.append(
                EventMention(
                    trigger=trig,
                    sentence_index=s_index,
                    clause=clause,
                    tense=tense,
                    anchor=anchor,
                    main=i in main_set,
                    subject=subject,
                    participants=_participants(sentence_entities, clause[0], clause[1], subject),
                )
            )
        out.extend(sentence_mentions)
        for m in sentence_mentions:
            if m.subject and _looks_like_person(m.subject):
                salient.append((s_index, m.subject))
        if new_narrative is not None:
            narrative, narrative_age = new_narrative, 0
        elif narrative is not None:
            narrative_age += 1
    return out


_DEFINITE_RE = re.compile(r"\b(?:the|this|these|those|that)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_ANTECEDENT_SENTENCES = 8


def _antecedent(
    text: str, trigger: Trigger, earlier: Sequence[EventMention], s_index: int
) -> Anchor | None:
    """The time of the event a definite event noun refers back to.

    "Joining Putin for the talks were ..." names talks the article already reported
    ("welcomed Putin ... on Friday for their first meeting"): the most recent dated
    event of the same family (``trigger_family``) in the last few sentences.
    """
    if not _DEFINITE_RE.search(text, max(0, trigger.start - 40), trigger.start):
        return None
    family = trigger_family(trigger.text)
    for m in reversed(earlier):
        if s_index - m.sentence_index > _ANTECEDENT_SENTENCES:
            break
        if (
            m.anchor is not None
            and m.anchor.anchoring is Anchoring.TIMEX
            and trigger_family(m.trigger.text) == family
        ):
            return replace(m.anchor, anchoring=Anchoring.INHERITED, timex_index=None)
    return None


def _is_reporting(trigger: Trigger) -> bool:
    return trigger.event_class == "REPORTING" or trigger.text.casefold() in _lists().reporting


_PERFECT_AUX = frozenset({"has", "have", "'ve", "’ve"})


def _present_perfect(words: Sequence[_Word], i: int) -> bool:
    """"has never been opposed": a state reaching the present, not a step of the
    narrative, so it does not take the narrated time."""
    return any(w.text.casefold() in _PERFECT_AUX for w in words[max(0, i - 4) : i])


def _inherits(narrative: Anchor, reporting: bool) -> bool:
    """Whether a clause without its own time takes the narrative time.

    Decades and centuries are background ("Alaska's history in the 19th century"), not
    narration; and a reporting verb is the source speaking, which belongs to the
    narrated day or week ("On Friday they met. Trump said ...") but not to a narrated
    month or year, where it is rather the article's present.
    """
    limit = Granularity.WEEK if reporting else Granularity.YEAR
    return narrative.interval.granularity.rank <= limit.rank


def _subject(
    words: Sequence[_Word],
    i: int,
    clause: tuple[int, int],
    entities: Sequence[EntityMention],
    salient: Sequence[tuple[int, str]],
    s_index: int,
) -> str | None:
    """The named subject of the trigger at ``words[i]``: the last entity before it in its
    clause (or, for the clause opening the sentence, in the sentence before it), or the
    antecedent of a subject pronoun right before the verb group."""
    start = words[i].start
    before = [e for e in entities if clause[0] <= e.start < start]
    if before:
        return before[-1].name
    # a pronoun subject: "he said", "he has also announced"
    j = i - 1
    while j >= 0 and words[j].start >= clause[0] and j >= i - 4:
        w = words[j].text.casefold()
        if w in _SUBJECT_PRONOUNS:
            recent = [name for k, name in salient if s_index - k <= _MAX_SUBJECT_LOOKBACK]
            return recent[-1] if recent else None
        j -= 1
    return None


def extract_events(
    text: str,
    sentences: Sequence[Sentence],
    expressions: Sequence[TemporalExpression],
    published: PublicationDate | None,
    known_entities: Iterable[str] = (),
    *,
    inherit_hops: int = 1,
) -> list[Event]:
    """Events of one document in text order: one per clause (its main event), for the
    clauses that have a time.

    An event is kept when it is anchored by a temporal expression, or, inherited or at
    the publication date, when it has a named participant (an anonymous "it was said"
    is no entry of a news timeline).  Unanchored events are left out: they cannot be
    placed on a timeline (``event_mentions`` keeps them, with their place in the text,
    for ``timeline.events.order``).
    """
    out: list[Event] = []
    for mention in event_mentions(
        text, sentences, expressions, published, known_entities, inherit_hops=inherit_hops
    ):
        anchor = mention.anchor
        if not mention.main or anchor is None:
            continue
        if anchor.anchoring is not Anchoring.TIMEX and not mention.participants:
            continue
        i = mention.sentence_index
        out.append(mention.to_event(sentences[i], context_window(text, sentences, i)))
    return out


_CONTEXT_BEFORE = 2  # sentences before an event's sentence that say what it is about
_CONTEXT_AFTER = 1


def context_window(text: str, sentences: Sequence[Sentence], index: int) -> str:
    """The text of the sentences around ``sentences[index]`` (two before, one after): the
    topic of an event, which a paraphrased report shares with another report of it even
    when the event's own sentence does not ("Our position here is well known, Putin
    stated", right after the sentence saying what the position is)."""
    lo = sentences[max(0, index - _CONTEXT_BEFORE)].start
    hi = sentences[min(len(sentences) - 1, index + _CONTEXT_AFTER)].end
    return text[lo:hi]
