"""Statements: what was said, by whom, and at which occasion.

A reporting verb ("said", "stated", "told reporters") is not an entry of the timeline;
the statement belongs to the occasion it was made at:

1. an occasion named in its own sentence ("He made these remarks during a bilateral
   meeting with Fico"; "Waltz stated during an interview with NBC News"; "While speaking
   to reporters on Air Force One, Trump suggested ...");
2. else the nearest occasion around it (a few sentences before, one or two after) that
   its speaker took part in, at a compatible time ("He described the talks as
   constructive" after the summit was reported; not the summit of last month for a
   remark of this week);
3. else the speaker's *remarks* of that day: one entry per speaker and time, which every
   other statement of the speaker at that time joins (``remarks_event``).

An occasion is a happening of a gathering or speaking family (meetings, talks, summits,
interviews, conferences, calls, speeches).  An occasion the text does not date takes the
time of the statements made at it ("Trump stated on Sunday ... While speaking to
reporters on Air Force One").
"""

from __future__ import annotations

import re

from timeline.events.lemmas import trigger_family
from timeline.model import Statement

__all__ = [
    "OCCASION_FAMILIES",
    "is_occasion_family",
    "same_speaker",
    "statement_form",
    "statement_text",
]

# families (``trigger_family``) of happenings at which things are said
OCCASION_FAMILIES = frozenset(
    {
        "meet",
        "conferenc",
        "conference",
        "interview",
        "speech",
        "address",
        "briefing",
        "hearing",
        "debate",
        "ceremony",
        "dinner",
        "keynote",
    }
)
_QUOTE_RE = re.compile(r"[“\"]([^”\"]{2,400})[”\"]")
_LEAD_RE = re.compile(r"^[\s,:]*(?:that\s+)?", re.IGNORECASE)
_TEXT_WORDS = 60  # a paraphrase is cut after this many words


def is_occasion_family(word: str) -> bool:
    """Whether a trigger names a happening at which statements are made."""
    return trigger_family(word) in OCCASION_FAMILIES


def statement_text(sentence: str, verb_start: int, verb_end: int) -> str:
    """What a statement says: its quotation(s), else the paraphrase after the verb
    ("stated he believes the administration ... is listening")."""
    quotes = [m.group(1).strip(" ,") for m in _QUOTE_RE.finditer(sentence)]
    if quotes:
        return " … ".join(q for q in quotes if q)
    rest = _LEAD_RE.sub("", sentence[verb_end:], count=1).strip()
    words = rest.split()
    if len(words) > _TEXT_WORDS:
        return " ".join(words[:_TEXT_WORDS]) + " …"
    return rest or sentence.strip()


def statement_form(sentence: str) -> str:
    """``quote`` when a statement's text is the quotation(s) of its sentence (what
    ``statement_text`` takes first), else ``paraphrase``."""
    return "quote" if _QUOTE_RE.search(sentence) else "paraphrase"


def same_speaker(name: str, other: str) -> bool:
    """One speaker: the same name ignoring case, or a surname standing for the full name
    ("Putin" / "Vladimir Putin")."""
    a, b = name.casefold().split(), other.casefold().split()
    if not a or not b:
        return False
    return a == b or (len(a) == 1 and a[0] == b[-1]) or (len(b) == 1 and b[0] == a[-1])


def make_statement(
    speaker: str | None, sentence: str, sentence_start: int, start: int, end: int
) -> Statement:
    """A statement whose reporting verb spans ``[start, end)`` of the document."""
    text = statement_text(sentence, start - sentence_start, end - sentence_start)
    return Statement(speaker, text, sentence, sentence_start, start, end)
