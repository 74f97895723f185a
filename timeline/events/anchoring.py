"""When a mention happened: an ordered tuple of named anchoring rules.

Each rule looks at one mention in its sentence (``AnchorContext``) and either gives its
time (an ``Anchor``, which records the rule's name) or passes.  The first rule that
gives a time wins; a mention no rule dates stays unanchored (it keeps its place in the
text for ``timeline.events.order``, but is no timeline entry).  In order (``RULES``):

1. ``after_a_dated_event``: a mention dated only through an event it follows ("his
   conversation with Putin occurred after he took office on January 20") happened
   between that date and the article, not on it;
2. ``own_expression``: the temporal expression governing the trigger ("met on Friday");
3. ``clause_expression``: the expression governing the trigger's clause, or one fronted
   at the start of the sentence ("On June 14, Putin outlined ..."), for non-future
   mentions;
4. ``definite_antecedent``: a definite event noun takes the time of the event of its
   family reported just before ("... met on Friday. Joining Putin for the talks ...");
5. ``narrative_time``: a past clause without a time of its own takes the narrative time
   of the sentence before ("On Friday, Trump met Putin. They spoke for three hours."),
   unless that time is background (a decade, a century) or, for a reporting verb,
   coarser than a week;
6. ``publication_of_report``: a reporting verb ("X said") at the article's publication
   date (the article is the report);
7. ``recent_occasion``: an undated occasion of a past statement ("made these comments
   during a meeting") in the week before publication.

Examples for every rule are in ``fixtures/events/anchoring.jsonl``; a test runs them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from enum import StrEnum
from typing import Any

from timeline.events.lemmas import trigger_family
from timeline.events.triggers import Trigger
from timeline.model import Anchoring, Granularity, Interval, PublicationDate

__all__ = ["RULES", "Anchor", "AnchorContext", "AnchorRule", "Tense", "anchor_of"]


class Tense(StrEnum):
    """What the verb group says about when the event is, relative to the narration."""

    PAST = "past"  # "met", "has met", "was held", "had said"
    PRESENT = "present"  # "meets", "is meeting", "says"
    FUTURE = "future"  # "will meet", "is expected to meet", "would meet"
    NONFINITE = "nonfinite"  # "walking", "to unveil": takes the time of the verb it serves
    NOMINAL = "nominal"  # an event noun ("the summit"): timed by its clause


@dataclass(frozen=True, slots=True)
class Anchor:
    """When an event happened, how we know, and the rule that said so."""

    interval: Interval
    value: str
    anchoring: Anchoring
    timex_index: int | None = None
    rule: str = ""


@dataclass(frozen=True, slots=True)
class AnchorContext:
    """One mention in its sentence, with the times around it."""

    text: str
    trigger: Trigger
    tense: Tense
    sentence_index: int
    own: Anchor | None  # the expression governing the trigger itself
    clause: Anchor | None  # the expression governing the trigger's clause
    clause_start: int  # document offset of the trigger's clause
    fronted: Anchor | None  # an expression opening the sentence
    earlier: Sequence[Any]  # the mentions before (``EventMention``)
    narrative: Anchor | None  # the narrative time carried from the sentences before
    narrative_fresh: bool  # carried over no more sentences than allowed
    reporting: bool  # a reporting verb
    present_perfect: bool  # "has never been opposed"
    published: PublicationDate | None
    occasion_of_past: bool  # an occasion noun framing a past verb ("made ... during a meeting")
    expression_starts: Mapping[int, int]  # expression index -> its offset in the text


@dataclass(frozen=True, slots=True)
class AnchorRule:
    name: str
    applies: Callable[[AnchorContext], Anchor | None]


def _own_expression(c: AnchorContext) -> Anchor | None:
    return c.own


# "after he took office on January 20": a subordinate event dated by the expression,
# which the main clause's event follows
_AFTER_EVENT_RE = re.compile(
    r"\bafter\s+(?:he|she|they|it|we|[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)\s+(?:\w+\s+){0,4}$"
)


def _after_a_dated_event(c: AnchorContext) -> Anchor | None:
    """ "his conversation with Putin occurred after he took office on January 20": the
    clause's time belongs to the subordinate event ("took office"); the trigger outside
    it only follows that date, up to the article's (a range, honestly labelled)."""
    anchor = (c.own or c.clause) if c.tense is not Tense.FUTURE else None
    if anchor is None or c.published is None or anchor.timex_index is None:
        return None
    expression_start = _expression_start(c, anchor)
    if expression_start is None or expression_start < c.trigger.end:
        return None
    between = c.text[c.trigger.end : expression_start]
    if not _AFTER_EVENT_RE.search(between):
        return None
    start, end = anchor.interval.start, c.published.interval.end
    if end <= start:
        return None
    interval = Interval(start, end, Granularity.RANGE)
    value = f"{start.isoformat()}/{(end - timedelta(days=1)).isoformat()}"
    return Anchor(interval, value, Anchoring.INHERITED)


def _expression_start(c: AnchorContext, anchor: Anchor) -> int | None:
    """Where in the text the expression of ``anchor`` starts (its index is recorded)."""
    return None if anchor.timex_index is None else c.expression_starts.get(anchor.timex_index)


def _clause_expression(c: AnchorContext) -> Anchor | None:
    if c.tense is Tense.FUTURE:
        return None
    return c.clause or c.fronted


_DEFINITE_RE = re.compile(r"\b(?:the|this|these|those|that)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_ANTECEDENT_SENTENCES = 8


def _definite_antecedent(c: AnchorContext) -> Anchor | None:
    """The time of the event a definite event noun refers back to.

    "Joining Putin for the talks were ..." names talks the article already reported
    ("welcomed Putin ... on Friday for their first meeting"): the most recent dated
    event of the same family (``trigger_family``) in the last few sentences.
    """
    if c.tense is not Tense.NOMINAL:
        return None
    if not _DEFINITE_RE.search(c.text, max(0, c.trigger.start - 40), c.trigger.start):
        return None
    family = trigger_family(c.trigger.text)
    for m in reversed(c.earlier):
        if c.sentence_index - m.sentence_index > _ANTECEDENT_SENTENCES:
            break
        if (
            m.anchor is not None
            and m.anchor.anchoring is Anchoring.TIMEX
            and trigger_family(m.trigger.text) == family
        ):
            return replace(m.anchor, anchoring=Anchoring.INHERITED, timex_index=None)
    return None


def _inherits(narrative: Anchor, reporting: bool) -> bool:
    """Whether a clause without its own time takes the narrative time.

    Decades and centuries are background ("Alaska's history in the 19th century"), not
    narration; and a reporting verb is the source speaking, which belongs to the
    narrated day or week ("On Friday they met. Trump said ...") but not to a narrated
    month or year, where it is rather the article's present.
    """
    limit = Granularity.WEEK if reporting else Granularity.YEAR
    return narrative.interval.granularity.rank <= limit.rank


def _narrative_time(c: AnchorContext) -> Anchor | None:
    if (
        c.tense in (Tense.PAST, Tense.NONFINITE, Tense.NOMINAL)
        and c.narrative is not None
        and c.narrative_fresh
        and _inherits(c.narrative, c.reporting)
        and not c.present_perfect
    ):
        return replace(c.narrative, anchoring=Anchoring.INHERITED, timex_index=None)
    return None


def _publication_of_report(c: AnchorContext) -> Anchor | None:
    if c.published is not None and c.tense in (Tense.PAST, Tense.PRESENT) and c.reporting:
        return Anchor(c.published.interval, c.published.value, Anchoring.PUBLICATION)
    return None


_RECENT_DAYS = 7  # an undated occasion of the reported news: the week before publication


def _recent_occasion(c: AnchorContext) -> Anchor | None:
    """The time of an undated occasion of the reported news: the publication period,
    widened to the week before publication when it is known closer than that (the
    meeting reported on Wednesday may have been on Tuesday).  Inherited: the occasion
    takes the time of the statement made at it, which the article's date gives."""
    if not c.occasion_of_past or c.published is None:
        return None
    interval = c.published.interval
    if interval.days >= _RECENT_DAYS:
        return Anchor(interval, c.published.value, Anchoring.INHERITED)
    from timeline.temporal.resolve import covering

    week = Interval(interval.end - timedelta(days=_RECENT_DAYS), interval.end, Granularity.WEEK)
    return Anchor(week, covering(week).value, Anchoring.INHERITED)


RULES: tuple[AnchorRule, ...] = (
    AnchorRule("after_a_dated_event", _after_a_dated_event),
    AnchorRule("own_expression", _own_expression),
    AnchorRule("clause_expression", _clause_expression),
    AnchorRule("definite_antecedent", _definite_antecedent),
    AnchorRule("narrative_time", _narrative_time),
    AnchorRule("publication_of_report", _publication_of_report),
    AnchorRule("recent_occasion", _recent_occasion),
)


def anchor_of(context: AnchorContext) -> Anchor | None:
    """The first rule's time, with the rule's name recorded; None if no rule dates it."""
    for rule in RULES:
        anchor = rule.applies(context)
        if anchor is not None:
            return replace(anchor, rule=rule.name)
    return None
