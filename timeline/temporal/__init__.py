"""The temporal tagger: recognise + normalise (``recognise``), then resolve (``resolve``).

``tag(text, dct)`` is the one-call form.  The pipeline uses the two stages separately:
``analyse(text)`` once per document (the expensive, text-reading part) and
``resolve_mentions(mentions, reference)`` whenever the reference date changes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from timeline.model import Granularity, Interval, TemporalExpression, TimexType
from timeline.temporal.recognise import Mention, recognise
from timeline.temporal.resolve import Reference, resolve
from timeline.temporal.spec import parse_spec
from timeline.temporal.tense import direction_of

__all__ = ["Mention", "Reference", "analyse", "mention_of", "resolve_mentions", "tag"]

_SENTENCE_END_RE = re.compile(r"[.!?](?=[\s”\"’')\]]*(?:\s|$))|\n")
_ANCHOR_GRANULARITIES = {Granularity.DAY, Granularity.WEEK, Granularity.MONTH}
_MAX_SENTENCE = 1000


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence holding ``text[start:end]`` (a cheap local splitter, so the
    tagger stays independent of the document-level sentence splitter)."""
    lo = max(0, start - _MAX_SENTENCE)
    left = lo
    for m in _SENTENCE_END_RE.finditer(text, lo, start):
        left = m.end()
    m = _SENTENCE_END_RE.search(text, end, min(len(text), end + _MAX_SENTENCE))
    right = m.end() if m else min(len(text), end + _MAX_SENTENCE)
    return left, right


def analyse(text: str) -> list[Mention]:
    """Recognise every expression and fix its direction from the tense of its clause."""
    mentions = recognise(text)
    out: list[Mention] = []
    for mention in mentions:
        if not mention.directed and mention.type in (TimexType.DATE, TimexType.TIME):
            # explicit dates get a direction too: dating reads "reported sales in 2023"
            s, e = _sentence_around(text, mention.start, mention.end)
            direction = direction_of(text[s:e], mention.start - s, mention.end - s)
            mention = replace(mention, spec=mention.spec.with_direction(direction))
        out.append(mention)
    return out


def resolve_mentions(
    mentions: Sequence[Mention], reference: Reference | None
) -> list[TemporalExpression]:
    """Resolve mentions in text order; anaphoric ones ("the following week") take the last
    day/week/month-level date before them as their anchor, else the reference."""
    anchor: Interval | None = None
    out: list[TemporalExpression] = []
    for mention in mentions:
        resolution = resolve(mention.spec, reference, anchor)
        out.append(
            TemporalExpression(
                char_start=mention.start,
                char_end=mention.end,
                text=mention.text,
                type=mention.type,
                value=resolution.value,
                underspecified=str(mention.spec),
                interval=resolution.interval,
                mod=mention.mod,
            )
        )
        if (
            resolution.interval is not None
            and mention.type in (TimexType.DATE, TimexType.TIME)
            and resolution.interval.granularity in _ANCHOR_GRANULARITIES
        ):
            anchor = resolution.interval
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
    )


def tag(text: str, dct: date | None = None) -> list[TemporalExpression]:
    """Tag and resolve all temporal expressions of ``text`` against the date ``dct``."""
    return resolve_mentions(analyse(text), Reference.of(dct) if dct else None)
