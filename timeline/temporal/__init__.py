"""The temporal tagger: recognise + normalise (``recognise``), then resolve (``resolve``).

``tag(text, dct)`` is the one-call form.  The pipeline uses the two stages separately:
``analyse(text)`` once per document (the expensive, text-reading part: the grammar, then
the direction each clause's tense gives) and ``resolve_mentions(mentions, reference)``
(``timeline.temporal.narrative``) whenever the reference date changes.
"""

from __future__ import annotations

from datetime import date

from timeline.model import TemporalExpression, TimexType
from timeline.temporal.narrative import resolve_mentions
from timeline.temporal.recognise import Mention, recognise
from timeline.temporal.resolve import Reference
from timeline.temporal.sentence_bounds import SentenceBounds
from timeline.temporal.spec import parse_spec
from timeline.temporal.tense import SentenceTense, preposition_direction

__all__ = ["Mention", "Reference", "analyse", "mention_of", "resolve_mentions", "tag"]


def analyse(text: str) -> list[Mention]:
    """Recognise every expression and fix its direction from the tense of its clause."""
    mentions = recognise(text)
    bounds: SentenceBounds | None = None
    out: list[Mention] = []
    # each sentence's clauses and verb cues are read once, for all the expressions in it
    sentences: dict[tuple[int, int], SentenceTense] = {}
    for mention in mentions:
        if not mention.directed and mention.type in (TimexType.DATE, TimexType.TIME):
            # explicit dates get a direction too: dating reads "reported sales in 2023"
            direction = preposition_direction(text, mention.start, mention.end, mention.spec.op)
            if direction is None:
                if bounds is None:
                    bounds = SentenceBounds(text)
                s, e = bounds.around(mention.start, mention.end)
                tense = sentences.get((s, e))
                if tense is None:
                    tense = sentences[(s, e)] = SentenceTense(text[s:e])
                direction = tense.direction(mention.start - s, mention.end - s)
            mention = Mention(
                mention.start,
                mention.end,
                mention.text,
                mention.type,
                mention.spec.with_direction(direction),
                mention.mod,
                mention.directed,
                mention.rule,
            )
        out.append(mention)
    return out


def mention_of(expression: TemporalExpression) -> Mention:
    """Rebuild the stage-one mention of a stored expression, for re-resolution."""
    return Mention(
        expression.char_start,
        expression.char_end,
        expression.text,
        expression.type,
        parse_spec(expression.underspecified),
        expression.mod,
        directed=True,
        rule=expression.rule,
    )


def tag(text: str, dct: date | None = None) -> list[TemporalExpression]:
    """Tag and resolve all temporal expressions of ``text`` against the date ``dct``."""
    return resolve_mentions(analyse(text), Reference.of(dct) if dct else None)
