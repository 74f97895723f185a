"""Vague references to the present, past or future: "now", "currently", "recently", "in
the past", "the coming weeks", "soon", "in the near future"."""

from __future__ import annotations

import re

from timeline.model import TimexType
from timeline.temporal.grammar import Mention, mention, rule
from timeline.temporal.lexicon import LEX, NEXT_WORD_RE, B, E, alt, key, previous_word
from timeline.temporal.spec import Spec

_VAGUE_NOT_AFTER: dict[str, frozenset[str]] = {
    k: frozenset(v) for k, v in LEX["vague_not_after"].items()
}
_VAGUE_NOT_BEFORE: dict[str, frozenset[str]] = {
    k: frozenset(v) for k, v in LEX["vague_not_before"].items()
}
_DISCOURSE_MARKERS = frozenset(LEX["discourse_markers"])
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?]['\"’”`]*\s+|\n\s*|^['\"‘“`]+|\s['\"‘“`]+)$")


def _vague(m: re.Match[str], text: str) -> Mention | None:
    phrase = key(m["vague"])
    previous = previous_word(text, m.start())
    nxt = NEXT_WORD_RE.match(text, m.end())
    if previous in _VAGUE_NOT_AFTER.get(phrase, ()):
        return None  # "as soon as": a conjunction
    if nxt and nxt.group(1).casefold() in _VAGUE_NOT_BEFORE.get(phrase, ()):
        return None  # "soon after the vote": counts from an event
    if (
        phrase in _DISCOURSE_MARKERS
        and text.startswith(",", m.end())
        and _SENTENCE_START_RE.search(text[max(0, m.start() - 4) : m.start()])
    ):
        return None  # "Now, he says...": a discourse marker, not the present
    return mention(m, TimexType.DATE, Spec("ref", (LEX["vague_references"][phrase],)))


_PHRASES = list(LEX["vague_references"])

RULES = (
    rule(
        "vague", rf"{B}(?P<vague>{alt(_PHRASES)}){E}(?!-\w)", _vague, phrases=_PHRASES, reach=(0, 3)
    ),
)
