"""What an event mention is to a reader: a happening, a statement, a state, or nothing.

A timeline lists *happenings* (a meeting, a launch, a ruling, a lawsuit filed).  A
reporting verb ("said", "stated", "told") is not one: it is a *statement*, which belongs
to the occasion it was made at (``timeline.events.statements``).  A *state* ("owns",
"is", "regions claimed and controlled by Russia", "the iPhone plays music") holds over
time and is no happening on a day.  Plans without a date, negated and hypothetical
events are *nothing* a timeline shows.

The decision is an ordered tuple of named rules (``RULES``): the first that applies
gives the role, and the mention records the rule's name (``EventMention.role_rule``), so
every decision can be traced.  Each rule is one general fact about English news; its
examples are in ``fixtures/events/roles.jsonl`` and a test runs every one of them.  The
TimeML class the trigger model learnt from TimeBank (``Trigger.event_class``: STATE,
I_STATE, REPORTING, ...) is the first evidence; the rules add what the class cannot know
(the complement of a reporting verb, tense and aspect, negation).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from timeline.events.lemmas import lemma, trigger_family
from timeline.events.triggers import Trigger

__all__ = ["RULES", "Role", "RoleContext", "RoleRule", "decide_role"]


class Role(StrEnum):
    HAPPENING = "happening"  # an entry of the timeline
    OCCASION = "occasion"  # a happening that is the speaker's remarks ("speaking to reporters")
    STATEMENT = "statement"  # attaches to the occasion it was made at
    STATE = "state"  # holds over time: no happening on a day
    NONE = "none"  # negated, hypothetical, an undated plan


@dataclass(frozen=True, slots=True)
class RoleContext:
    """What the rules may look at: the trigger, its tense (``Tense`` value), whether a
    temporal expression of its own dates it, and the text around it."""

    trigger: Trigger
    tense: str
    dated: bool  # anchored by its own temporal expression
    before: str  # the sentence text before the trigger
    after: str  # the sentence text after the trigger
    headline: bool  # the document's first line without a full stop
    reporting: bool = False  # a verb of saying (REPORTING class, or a listed reporting verb)


@dataclass(frozen=True, slots=True)
class RoleRule:
    """One named rule: ``applies`` returns the role it gives, or None to pass."""

    name: str
    applies: Callable[[RoleContext], Role | None]


_NEGATION_RE = re.compile(r"\b(?:not|never|no|n[o’']t)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_HYPOTHETICAL_RE = re.compile(
    r"\b(?:if|whether|unless|could|would|might|may|should)\s+(?:\w+\s+){0,4}$", re.IGNORECASE
)


def _negated(c: RoleContext) -> Role | None:
    """ "has never objected", "did not reveal", "no deal has been reached"."""
    return Role.NONE if _NEGATION_RE.search(c.before[-40:]) else None


def _undated_future(c: RoleContext) -> Role | None:
    """ "will brief NATO allies", "could occur in February or March" (a possibility),
    "is expected to ...": a plan or a prospect is news only with a date of its own
    ("will be available on June 17" is a scheduled happening)."""
    if c.tense != "future":
        return None
    return None if c.dated else Role.NONE


def _hypothetical(c: RoleContext) -> Role | None:
    """ "if Ukraine were to fall", "whether it might deliver progress"."""
    if c.tense in ("present", "past") and not c.dated and _HYPOTHETICAL_RE.search(c.before[-50:]):
        return Role.NONE
    return None


_PRESS_RE = re.compile(
    r"^\s*(?:to|with)\s+(?:the\s+)?(?:reporters|journalists|press|media|news\s+media)\b",
    re.IGNORECASE,
)


def _press_remarks(c: RoleContext) -> Role | None:
    """ "While speaking to reporters on Air Force One", "talking with journalists": the
    occasion of the speaker's statements."""
    if lemma(c.trigger.text) in ("speak", "talk", "spoke") and _PRESS_RE.match(c.after):
        return Role.OCCASION
    return None


_STATEMENT_NOUNS = frozenset(
    {
        "remarks",
        "remark",
        "comments",
        "comment",
        "statement",
        "claims",
        "claim",
        "report",
        "reports",
        "allegations",
        "accusations",
    }
)


def _statement_noun(c: RoleContext) -> Role | None:
    """ "He made these remarks during a bilateral meeting": what was said, not a
    happening."""
    return Role.STATEMENT if c.trigger.text.casefold() in _STATEMENT_NOUNS else None


_ANNOUNCING = frozenset({"announce"})
# what may stand between a reporting verb and its object: a time adjunct
_ADJUNCT_RE = re.compile(
    r"^\s*(?:(?:on|last|this|early|late)\s+)?(?:today|yesterday|tonight|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|morning|afternoon|evening|week)\b[\s,]*",
    re.IGNORECASE,
)
# the start of a clause or a quotation: what a statement reports
_CLAUSE_RE = re.compile(
    r"^\s*(?:that\b|[“\"‘:,]|$|\.|(?:he|she|it|they|we|i|there|this)\b"
    r"|(?:[A-Z][\w.’'-]*\s+){1,4}(?:is|are|was|were|has|had|have|will|would|can|could)\b)"
)


def _announcement_of_a_thing(c: RoleContext) -> Role | None:
    """ "announced on Tuesday the first generation of products", "unveiled the device",
    "introduced the iPhone": an announcement with a thing as its object is a happening
    (a launch, an unveiling); "announced that ..." or "announced Monday it has settled"
    reports something else, and is a statement (``reporting_verb``)."""
    if trigger_family(c.trigger.text) not in _ANNOUNCING:
        return None
    if c.trigger.pos == "NOUN":
        return Role.HAPPENING  # "Apple's announcement"
    rest = _ADJUNCT_RE.sub("", c.after, count=1)
    return None if _CLAUSE_RE.match(rest) else Role.HAPPENING


_SAY_FAMILIES = frozenset({"say", "report", "propose"})


def _reporting_verb(c: RoleContext) -> Role | None:
    """ "said", "stated", "told reporters that", "described the talks as", "claimed":
    a statement (the TimeML REPORTING class, learnt from TimeBank, or a verb of saying)."""
    if c.trigger.pos == "NOUN":
        return None
    if (
        c.reporting
        or c.trigger.event_class == "REPORTING"
        or trigger_family(c.trigger.text) in _SAY_FAMILIES
    ):
        return Role.STATEMENT
    return None


_STATIVE_LEMMAS = frozenset(
    {
        "be",
        "have",
        "own",
        "possess",
        "remain",
        "seem",
        "appear",
        "contain",
        "include",
        "consist",
        "belong",
        "cost",
        "weigh",
        "compete",
        "hold",
        "control",
        "need",
        "lack",
        "exist",
        "mean",
        "represent",
        "account",
        "equal",
    }
)


def _state_class(c: RoleContext) -> Role | None:
    """ "believes", "wants", "owns", "is": TimeBank's STATE and I_STATE classes, and the
    verbs of being and having; not when a time of their own makes them news ("took
    control on Monday" is no state)."""
    if c.dated:
        return None
    if c.trigger.event_class in ("STATE", "I_STATE") or lemma(c.trigger.text) in _STATIVE_LEMMAS:
        return Role.STATE
    return None


_PRESENT_PASSIVE_RE = re.compile(r"\b(?:is|are|am)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_COORDINATED_PARTICIPLE_RE = re.compile(
    r"\b(?:is|are)\s+\w+(?:ed|en)\s+(?:and|or)\s+(?:\w+ly\s+)?$", re.IGNORECASE
)


def _present_passive(c: RoleContext) -> Role | None:
    """ "regions that are claimed and predominantly controlled by Russia": a participle
    after a present "is/are" describes how things stand."""
    if c.dated or c.tense not in ("present", "past"):
        return None
    tail = c.before[-40:]
    if _PRESENT_PASSIVE_RE.search(tail) or _COORDINATED_PARTICIPLE_RE.search(tail):
        word = c.trigger.text.casefold()
        if word.endswith(("ed", "en")) or lemma(word) != word:
            return Role.STATE
    return None


def _present_habitual(c: RoleContext) -> Role | None:
    """ "The iPhone plays music", "Moscow controls an area", "is advancing at its fastest
    rate": the simple or progressive present of news describes what is so, not what
    happened on a day; a headline's present is the news itself ("Apple unveils iPhone
    4"), and a present with a time of its own is a happening ("meets on Friday")."""
    if c.tense != "present" or c.dated or c.headline or c.trigger.pos == "NOUN":
        return None
    return Role.STATE


_PROSPECTIVE_RE = re.compile(
    r"\b(?:next|upcoming|future|possible|potential|proposed|planned|likely|new\s+round\s+of)"
    r"\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)


def _prospective_noun(c: RoleContext) -> Role | None:
    """ "the next meeting", "a future three-way summit", "a potential venue for
    ceasefire talks": an event noun for something that has not happened."""
    if c.trigger.pos == "NOUN" and _PROSPECTIVE_RE.search(c.before[-40:]):
        return Role.NONE
    return None


def _secondary_predicate(c: RoleContext) -> Role | None:
    """ "…, describing it as a special military operation", "to address the situation",
    "scheduled to attend": a participle after a comma or an infinitive serves the clause's
    main verb (a manner, a purpose, a plan); it is no happening of its own."""
    if c.tense != "nonfinite":
        return None
    if re.search(r"(?:,|\bto)\s*$", c.before[-6:]):
        return Role.NONE
    return None


def _adjectival_participle(c: RoleContext) -> Role | None:
    """ "a backdrop emblazoned with “Alaska 2025”", "the phone made by Apple": a past
    participle right after a common noun describes it."""
    word = c.trigger.text.casefold()
    if not word.endswith("ed") or c.dated:
        return None
    prev = re.search(r"([a-z]+)\s*$", c.before)
    if prev is None or prev.group(1) in _NOT_NOUNS:
        return None
    return Role.NONE if re.match(r"^\s*(?:with|by)\b", c.after) else None


_NOT_NOUNS = frozenset(
    {
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "who",
        "which",
        "that",
        "also",
        "then",
        "has",
        "have",
        "had",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "not",
        "never",
        "and",
        "or",
        "but",
        "later",
        "first",
        "jointly",
        "today",
        "yesterday",
    }
)
_CONDITION_NOUNS = frozenset(
    {
        "war",
        "conflict",
        "crisis",
        "dispute",
        "relations",
        "tension",
        "tensions",
        "occupation",
        "control",
        "position",
        "pressure",
        "support",
        "efforts",
        "aggression",
        "hostilities",
        "security",
    }
)


def _condition_noun(c: RoleContext) -> Role | None:
    """ "the war in Ukraine", "the conflict", "relations between Washington and Moscow":
    a condition that lasts, no happening on a day (unless a date of its own says when it
    began: "the war of 2008")."""
    if c.dated:
        return None
    if c.trigger.text.casefold() in _CONDITION_NOUNS or (
        c.trigger.pos == "NOUN" and re.search(r"\bbeen\s+in\s+$", c.before[-20:])
    ):
        return Role.STATE  # also "have been in communication": a standing contact
    return None


def _default(c: RoleContext) -> Role | None:
    return Role.HAPPENING


RULES: tuple[RoleRule, ...] = (
    RoleRule("negated", _negated),
    RoleRule("undated_future", _undated_future),
    RoleRule("hypothetical", _hypothetical),
    RoleRule("prospective_noun", _prospective_noun),
    RoleRule("press_remarks", _press_remarks),
    RoleRule("statement_noun", _statement_noun),
    RoleRule("secondary_predicate", _secondary_predicate),
    RoleRule("adjectival_participle", _adjectival_participle),
    RoleRule("condition_noun", _condition_noun),
    RoleRule("announcement_of_a_thing", _announcement_of_a_thing),
    RoleRule("reporting_verb", _reporting_verb),
    RoleRule("state_class", _state_class),
    RoleRule("present_passive", _present_passive),
    RoleRule("present_habitual", _present_habitual),
    RoleRule("happening", _default),
)


def decide_role(context: RoleContext) -> tuple[Role, str]:
    """The role of a mention and the name of the rule that gave it."""
    for rule in RULES:
        role = rule.applies(context)
        if role is not None:
            return role, rule.name
    raise AssertionError("the last rule always applies")
