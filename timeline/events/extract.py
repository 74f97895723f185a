"""Event extraction: one event per happening per clause, with participants and a time.

A sentence is cut into clauses (punctuation, coordinators, relative and complement
markers).  Event triggers come from the trigger model (``timeline.events.triggers``,
learnt from TimeBank), backed by the hand lists of ``data/events.json`` for the event
nouns and reporting verbs news relies on.  Each clause yields at most one event:

* a clause a temporal expression governs gets the trigger that expression modifies (the
  nearest trigger before it, English putting the verb before its time adjunct; after it
  only for a fronted adjunct such as "On June 14, Putin outlined");
* any other clause gets its main event: its first finite verb that is not a light verb
  ("took place", "was held") nor a participle describing a noun ("allies, led by the
  United States, have characterized"), else its strongest event noun;
* besides, a gathering the clause's event happened at ("made these comments during a
  bilateral meeting with Fico in Beijing") is an event of its own: news reports the
  occasion of a statement as the day's happening, and other articles date it.

A year premodifying an event noun ("the 2022 invasion") dates that noun, not the verb
before it; a year inside a quoted name ("Alaska 2025") dates nothing.

The time anchor, in order of preference (``Event.anchoring``):

1. ``TIMEX``: the temporal expression governing the clause (a time after "since" or
   "until" starts or ends a period and anchors nothing);
2. ``INHERITED``: for a definite event noun, the time of the event it refers back to
   ("... met on Friday. Joining Putin for the talks were ..."); else the narrative time of
   the previous sentence, for a past-tense clause without its own time ("On Friday,
   Trump met Putin. They spoke for three hours."), unless that time is background (a
   decade, a century) or, for a reporting verb, coarser than a week;
3. ``PUBLICATION``: the publication date, for reporting events ("X said"): the article is
   the report; an undated occasion of a past statement ("during a meeting") takes that
   time too, as ``INHERITED`` (widened to the week before a publication known closer);
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
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from timeline.events.anchoring import Anchor, AnchorContext, Tense, anchor_of
from timeline.events.data import load_json
from timeline.events.entities import EntityMention
from timeline.events.lemmas import irregular_forms, lemma, trigger_family
from timeline.events.roles import Role, RoleContext, decide_role
from timeline.events.triggers import Trigger, find_triggers, known_word
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

if TYPE_CHECKING:
    from timeline.analysis import TextAnalysis

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
# "sold 3 million in the past year", "rose over the last week": a stretch reaching up to
# the report (TimeML's duration anchored at the document's time), which the tagger writes
# as the calendar unit before this one (TimeBank's DATE); the event happened somewhere in
# the stretch, not in last calendar year, so the expression dates no event (news puts
# cumulative figures there, which are no happening of a day either)
_UP_TO_THE_REPORT_RE = re.compile(
    r"^the\s+(?:past|last)\s+(?:day|week|weekend|month|quarter|season|year|decade)$",
    re.IGNORECASE,
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
_FINITE = frozenset({"past", "present", "future"})  # tenses of a verb with a subject
# "made these comments during a bilateral meeting with Fico in Beijing": an event noun
# introduced by "during a/an" is the occasion of its clause's event, a happening of its
# own (only gatherings: "during a war" or "during a crisis" frame, they are not news of
# the day)
_OCCASION_RE = re.compile(
    r"\bduring\s+(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE
)
_OCCASION_FAMILIES = frozenset(
    {"meet", "conferenc", "interview", "communicate", "negotiation", "dinner", "ceremony"}
)
_OCCASION_END_RE = re.compile(r"[,;:—–()]")  # the occasion's phrase ends at a comma


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
    occasion: bool = False  # an occasion noun ("during a meeting"): an event of its own
    role: Role = Role.HAPPENING  # what it is to a reader (``timeline.events.roles``)
    role_rule: str = ""  # the rule that decided ``role``
    speaker: str | None = None  # for a statement: who said it (subject, or "said X")

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


# a short quotation of capitalised words and numbers is a name: a slogan, a title, a
# programme ("a backdrop emblazoned with “Alaska 2025”", "“Vision 2030”")
_QUOTED_RE = re.compile(r"[“\"‘]([^”\"’“‘]{1,60})[”\"’]")
_NAME_WORDS = 5


def _in_quoted_name(sentence: str, start: int, end: int) -> bool:
    """Whether the expression at ``[start, end)`` of ``sentence`` is part of a quoted name
    ("Alaska 2025"): the year of a slogan or a title dates no event of the sentence."""
    for m in _QUOTED_RE.finditer(sentence):
        if m.start(1) <= start and end <= m.end(1):
            tokens = m.group(1).split()
            return (
                len(tokens) <= _NAME_WORDS
                and all(t[:1].isupper() or t[:1].isdigit() for t in tokens)
                and any(t[:1].isupper() for t in tokens)
            )
    return False


_DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "this", "that"})


def _premodified(words: Sequence[_Word], lo: int, hi: int, span: tuple[int, int]) -> int | None:
    """Index of the event noun an expression stands before as a modifier, between a
    determiner and the noun ("since the early stages of the 2022 invasion", "their 2019
    summit"): the time is the noun's, not that of the verb before it ("is advancing ...
    since the early stages of the 2022 invasion" is no advance in 2022)."""
    before = [i for i, w in enumerate(words) if lo <= w.start and w.end <= span[0]]
    after = [i for i, w in enumerate(words) if span[1] <= w.start < hi]
    if not after:
        return None
    noun = words[after[0]]
    prev = words[after[0] - 1].text if after[0] else ""
    # "the 2022 invasion", "their 2019 summit"; or a named day right before its event
    # noun, whatever precedes it ("China’s Victory Day parade")
    determined = bool(before) and (
        words[before[-1]].text.casefold() in _DETERMINERS and span[0] - words[before[-1]].end <= 1
    )
    named_day = not any(c.isdigit() for c in noun.text) and span[1] - span[0] > 4
    if (
        (determined or named_day)
        and noun.start - span[1] <= 1
        and (
            (
                noun.trigger is not None
                and noun.trigger.pos == "NOUN"
                and _is_candidate(noun.text, prev, noun.trigger)
            )
            or (named_day and noun.text.casefold() in _lists().nouns)
        )
    ):
        return after[0]
    return None


def _governed(words: Sequence[_Word], lo: int, hi: int, avoid: tuple[int, int]) -> int | None:
    """Index of the trigger the expression at ``avoid`` modifies, within ``[lo, hi)``:
    the event noun it premodifies (``_premodified``), else the nearest trigger before it
    (English puts the verb before its time adjunct), else the nearest after it."""
    noun = _premodified(words, lo, hi, avoid)
    if noun is not None:
        return noun
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


_PASSIVE_AUX = frozenset({"is", "are", "was", "were", "be", "been", "being", "has", "have", "had"})


def _reduced_relative(words: Sequence[_Word], i: int) -> bool:
    """Whether ``words[i]`` is a participle describing a noun ("Ukraine and its Western
    allies, led by the United States, have characterized ..."; "Putin, accompanied by
    Lavrov, arrived"): a past form followed by "by" without an auxiliary before it.  It
    says who someone is, not what happened: the clause's event is the verb after it."""
    w = words[i].text.casefold()
    if not (w.endswith("ed") or w in _lists().past_forms or _irregular_participle(w)):
        return False
    if i + 1 >= len(words) or words[i + 1].text.casefold() != "by":
        return False
    return not any(x.text.casefold() in _PASSIVE_AUX for x in words[max(0, i - 2) : i])


def _main(words: Sequence[_Word], tenses: dict[int, Tense], lo: int, hi: int) -> int | None:
    """The clause's main event: its first finite, non-light verb trigger; else the first
    finite verb; else its strongest event noun."""
    light = _lists().light
    finite = (Tense.PAST, Tense.PRESENT, Tense.FUTURE)
    inside = [i for i in tenses if lo <= words[i].start < hi]
    verbs = [i for i in inside if tenses[i] in finite]
    heavy = [
        i
        for i in verbs
        if words[i].text.casefold() not in light and not _reduced_relative(words, i)
    ]
    if heavy:
        return heavy[0]
    if verbs:
        return verbs[0]
    nouns = [i for i in inside if tenses[i] is Tense.NOMINAL]
    if nouns:
        return max(nouns, key=lambda i: _trigger_score(words[i].trigger))
    return inside[0] if inside else None


def _trigger_score(trigger: Trigger | None) -> float:
    return trigger.score if trigger is not None else 0.0


# the head words of named happenings ("the G20 Summit in Osaka", "the Victory Day
# Parade", "the Paris Peace Conference"): the name is the event, its head the trigger
_NAMED_EVENT_HEADS = frozenset(
    {
        "summit",
        "conference",
        "parade",
        "games",
        "olympics",
        "forum",
        "congress",
        "convention",
        "expo",
        "festival",
        "ceremony",
        "election",
        "elections",
        "referendum",
        "championship",
        "talks",
        "meeting",
        "keynote",
    }
)


def _names_an_event(entity: EntityMention, word: _Word) -> bool:
    """Whether ``word`` is the head of a named happening: the last word of the name and
    an event noun ("G20 Summit", "Macworld Conference")."""
    return word.end == entity.end and word.text.casefold() in _NAMED_EVENT_HEADS


def _participants(
    entities: Sequence[EntityMention], lo: int, hi: int, subject: str | None
) -> tuple[str, ...]:
    names: list[str] = [subject] if subject else []
    for e in entities:
        name = e.name
        head = name.rsplit(" ", 1)
        if len(head) == 2 and head[1].casefold() in _NAMED_EVENT_HEADS:
            name = head[0]  # the "G20" of the "G20 Summit": who meets, not the meeting
        if lo <= e.start < hi and name not in names:
            names.append(name)
    return tuple(names)


def _looks_like_person(name: str) -> bool:
    parts = name.split()
    return 2 <= len(parts) <= 4 and all(p[:1].isupper() for p in parts)


def _is_occasion(text: str, trigger: Trigger, tense: Tense) -> bool:
    """Whether an event noun is the occasion its clause's event happened at ("during a
    bilateral meeting", "during a high-profile meeting in Beijing"): a gathering news
    reports as a happening of its own, whether or not the text dates it."""
    return (
        tense is Tense.NOMINAL
        and trigger_family(trigger.text) in _OCCASION_FAMILIES
        and _OCCASION_RE.search(text, max(0, trigger.start - 60), trigger.start) is not None
    )


def _occasion_verb(
    words: Sequence[_Word], tenses: dict[int, Tense], i: int, clause: tuple[int, int]
) -> int | None:
    """The verb an occasion noun at ``words[i]`` frames: the nearest verb of its clause
    before it ("made these comments during a meeting"), else after it ("During a meeting
    ..., Putin drew a clear line")."""
    verbs = [
        j
        for j, tense in tenses.items()
        if tense is not Tense.NOMINAL and clause[0] <= words[j].start < clause[1]
    ]
    before = [j for j in verbs if j < i]
    after = [j for j in verbs if j > i]
    return max(before) if before else min(after) if after else None


def _occasion_participants(
    text: str,
    entities: Sequence[EntityMention],
    trigger: Trigger,
    clause: tuple[int, int],
    subject: str | None,
) -> tuple[str, ...]:
    """Who was at an occasion: the subject of the verb it frames (who made the comments
    during the meeting) and the names of its own phrase, up to the next comma ("a meeting
    with Robert Fico in Beijing on Tuesday, following talks with Xi Jinping": not Xi,
    whose talks are another happening, nor the names of what was said there)."""
    end = _OCCASION_END_RE.search(text, trigger.end, clause[1])
    hi = end.start() if end else clause[1]
    return _participants(entities, trigger.end, hi, subject)


class _StartIndex:
    """Which items start inside ``[lo, hi)``, in item order, by a binary search."""

    def __init__(self, starts: Sequence[int]) -> None:
        self._order = sorted(range(len(starts)), key=starts.__getitem__)
        self._starts = [starts[i] for i in self._order]

    def within(self, lo: int, hi: int) -> list[int]:
        a, b = bisect_left(self._starts, lo), bisect_left(self._starts, hi)
        return sorted(self._order[a:b])


def event_mentions(
    analysis: TextAnalysis,
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
    text, sentences = analysis.text, analysis.sentences
    entities = analysis.entities(known_entities)
    out: list[EventMention] = []
    expression_starts = {k: e.char_start for k, e in enumerate(expressions)}
    narrative: Anchor | None = None
    narrative_age = 0
    salient: list[tuple[int, str]] = []  # (sentence index, person-like subject) seen so far
    # per-sentence windows on the document's entities and expressions (by start offset),
    # so each sentence looks at its own and the document stays linear in its length
    entity_index = _StartIndex([e.start for e in entities])
    expression_index = _StartIndex([e.char_start for e in expressions])
    for s_index, sentence in enumerate(sentences):
        s_lo, s_hi = sentence.start, sentence.end
        sentence_entities = [entities[i] for i in entity_index.within(s_lo, s_hi)]
        words = [
            w
            for w in _sentence_words(text, sentence)
            if not any(
                e.start <= w.start < e.end and not _names_an_event(e, w) for e in sentence_entities
            )
        ]
        clauses = [(s_lo + a, s_lo + b) for a, b in clause_spans(sentence.text)]

        candidates: dict[int, Trigger] = {}
        tenses: dict[int, Tense] = {}
        texts = [w.text for w in words]
        for i, w in enumerate(words):
            prev = words[i - 1].text if i else ""
            if _is_candidate(w.text, prev, w.trigger) and not _in_quoted_name(
                sentence.text, w.start - s_lo, w.end - s_lo
            ):
                trig = _as_trigger(w, prev)
                candidates[i] = trig
                tenses[i] = _tense(texts, i, trig)

        local = [
            (k, e)
            for k in expression_index.within(s_lo, s_hi)
            if (e := expressions[k]).type in _ANCHOR_TYPES
            and e.interval is not None
            and not _NOT_ANCHORING_RE.search(text, max(s_lo, e.char_start - 24), e.char_start)
            and not _UP_TO_THE_REPORT_RE.match(e.text)
            and not _in_quoted_name(sentence.text, e.char_start - s_lo, e.char_end - s_lo)
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
            # "Trump mentioned that he is likely to meet": the sentence's own subject first
            here = _topic_subject(sentence_mentions)
            known = [*salient, (s_index, here)] if here else salient
            subject = _subject(text, words, i, clause, sentence_entities, known, s_index)
            occasion = _is_occasion(text, trig, tense)
            occasion_verb = _occasion_verb(words, tenses, i, clause) if occasion else None
            if occasion_verb is not None:
                subject = _subject(
                    text, words, occasion_verb, clause, sentence_entities, known, s_index
                )
            own: Anchor | None = None
            if i in governed:
                k, expression = governed[i]
                assert expression.interval is not None
                own = Anchor(expression.interval, expression.value, Anchoring.TIMEX, k)
            anchor = anchor_of(
                AnchorContext(
                    text=text,
                    trigger=trig,
                    tense=tense,
                    sentence_index=s_index,
                    own=own,
                    clause=clause_time.get(clause),
                    clause_start=clause[0],
                    fronted=fronted,
                    earlier=out,
                    narrative=narrative,
                    narrative_fresh=narrative_age < inherit_hops,
                    reporting=_is_reporting(trig),
                    present_perfect=_present_perfect(words, i),
                    published=published,
                    occasion_of_past=occasion_verb is not None
                    and tenses[occasion_verb] is Tense.PAST,
                    expression_starts=expression_starts,
                )
            )
            if (
                i in governed
                and anchor is not None
                and tense in (Tense.PAST, Tense.NOMINAL, Tense.NONFINITE)
            ):
                new_narrative = anchor
            offset = trig.start - s_lo
            role, role_rule = decide_role(
                RoleContext(
                    trigger=trig,
                    tense=tense.value,
                    dated=anchor is not None and anchor.rule == "own_expression",
                    reporting=_is_reporting(trig),
                    before=sentence.text[:offset],
                    after=sentence.text[offset + len(trig.text) :],
                    headline=s_index == 0 and not _terminated(sentence.text),
                )
            )
            if occasion and role is not Role.STATEMENT:
                role, role_rule = Role.HAPPENING, "occasion_of_a_statement"
            speaker = subject
            if role is Role.STATEMENT and speaker is None:
                speaker = _inverted_speaker(text, trig, sentence_entities)
            sentence_mentions.append(
                EventMention(
                    trigger=trig,
                    sentence_index=s_index,
                    clause=clause,
                    tense=tense,
                    anchor=anchor,
                    main=i in main_set,
                    subject=subject,
                    participants=(
                        _occasion_participants(text, sentence_entities, trig, clause, subject)
                        if occasion
                        else _participants(sentence_entities, clause[0], clause[1], subject)
                    ),
                    occasion=occasion,
                    role=role,
                    role_rule=role_rule,
                    speaker=speaker,
                )
            )
        out.extend(sentence_mentions)
        if (topic := _topic_subject(sentence_mentions)) is not None:
            salient.append((s_index, topic))
        if new_narrative is not None:
            narrative, narrative_age = new_narrative, 0
        elif narrative is not None:
            narrative_age += 1
    return out


def _terminated(sentence: str) -> bool:
    """Whether a sentence ends like one (a headline does not)."""
    return sentence.rstrip().endswith((".", "!", "?", "”", '"', "’", "…"))


_INVERTED_SPEAKER_GAP = 40  # characters between "said" and its speaker ("said Apple Inc. CEO")


def _inverted_speaker(text: str, trigger: Trigger, entities: Sequence[EntityMention]) -> str | None:
    """The speaker named after the verb ("…,” said Apple Inc. CEO Steve Jobs"): of the
    names right after it, the person's (a company before a title is the employer)."""
    if not re.search(r"[,”\"’]\s*$", text[max(0, trigger.start - 4) : trigger.start]):
        return None  # "The president emphasized that the United States ...": no speaker
    after = [
        e
        for e in entities
        if trigger.end <= e.start <= trigger.end + _INVERTED_SPEAKER_GAP
        and not re.search(r"[.;:!?]", text[trigger.end : e.start])
    ]
    if not after:
        return None
    people = [e.name for e in after if _looks_like_person(e.name)]
    return people[0] if people else after[0].name


def _is_reporting(trigger: Trigger) -> bool:
    return trigger.event_class == "REPORTING" or lemma(trigger.text) in _reporting_lemmas()


@cache
def _reporting_lemmas() -> frozenset[str]:
    return frozenset(lemma(w) for w in _lists().reporting)


_PERFECT_AUX = frozenset({"has", "have", "'ve", "’ve"})


def _present_perfect(words: Sequence[_Word], i: int) -> bool:
    """ "has never been opposed": a state reaching the present, not a step of the
    narrative, so it does not take the narrated time."""
    return any(w.text.casefold() in _PERFECT_AUX for w in words[max(0, i - 4) : i])


def _topic_subject(mentions: Sequence[EventMention]) -> str | None:
    """The person a sentence is about, whom a later "he" or "she" refers to: the subject
    of its first reporting verb, else of its first finite verb ("Putin stated he believes
    the administration of Donald Trump is listening. He made these remarks ..." is Putin;
    "When questioned about whether his conversation with Putin occurred ..., Trump
    responded. He added" is Trump), not whatever name stands last before some verb or
    participle ("noting a “mutual understanding” following")."""
    finite = [m for m in mentions if m.tense in _FINITE and m.subject]
    # a speaker first: news goes on with what they said ("..., Trump responded. He added")
    speaking = [m for m in finite if _is_reporting(m.trigger)]
    for m in speaking[:1] or finite[:1]:
        return m.subject if m.subject and _looks_like_person(m.subject) else None
    return None


_PREPOSITION_BEFORE_RE = re.compile(
    r"\b(?:from|in|at|to|with|for|of|by|on|into|near)\s+(?:the\s+)?$", re.IGNORECASE
)


def _subject(
    text: str,
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
    # a name after a preposition is a place or an oblique ("reporting from Moscow,
    # noted"), never the subject
    before = [
        e
        for e in entities
        if clause[0] <= e.start < start
        and not _PREPOSITION_BEFORE_RE.search(text[max(clause[0], e.start - 20) : e.start])
    ]
    if before:
        return before[-1].name
    # a pronoun subject: "he said", "he has also announced"
    j = i - 1
    while j >= 0 and words[j].start >= clause[0] and j >= i - 4:
        w = words[j].text.casefold()
        if w in _SUBJECT_PRONOUNS:
            # the latest subject, if recent enough (``salient`` is in text order: its last
            # item, not a pass over all of it, keeps a long text linear)
            if not salient or s_index - salient[-1][0] > _MAX_SUBJECT_LOOKBACK:
                return None
            return salient[-1][1]
        j -= 1
    return None


def extract_events(
    analysis: TextAnalysis,
    expressions: Sequence[TemporalExpression],
    published: PublicationDate | None,
    known_entities: Iterable[str] = (),
    *,
    inherit_hops: int = 1,
) -> list[Event]:
    """The entries of one document, in text order: its happenings with a time, each with
    the statements made at it, and the remarks of speakers who spoke at no occasion the
    text names (``timeline.events.happenings``).

    A happening is kept when it is anchored by a temporal expression, or, inherited or at
    the publication date, when it has a named participant or statements (an anonymous
    "it happened" is no entry of a news timeline).  Unanchored mentions are left out:
    they cannot be placed on a timeline (``event_mentions`` keeps them, with their place
    in the text, for ``timeline.events.order``).
    """
    from timeline.events.happenings import document_events
    from timeline.events.participant_types import participant_type

    text, sentences = analysis.text, analysis.sentences
    mentions = event_mentions(
        analysis, expressions, published, known_entities, inherit_hops=inherit_hops
    )
    contexts: dict[str, list[str]] = {}
    for e in analysis.entities(known_entities):
        contexts.setdefault(e.name, []).append(text[max(0, e.start - 40) : e.start])

    @cache  # once per name: every event naming it would read all its mentions again
    def typer(name: str) -> str:
        kind, rule = participant_type(name, contexts.get(name, ()))
        return "outlet" if rule == "news_outlet" else kind.value

    return document_events(
        text, sentences, mentions, lambda i: context_window(text, sentences, i), typer
    )


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
