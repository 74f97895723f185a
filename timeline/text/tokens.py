"""Word-level tokens with exact character offsets.

Later stages (temporal tagging, event triggers, participants) match on tokens and must
point back into the document text, so every token carries ``[start, end)`` offsets and
``text[start:end] == token.text`` always holds.

Kept whole: numbers with separators ("3.5", "1,000", "10:30"), hyphenated words
("de-escalate", "12-day", "Elmendorf-Richardson"), words with an inner apostrophe
("Russia’s", "don't") and dotted abbreviations ("U.S.", "a.m.").  Every other
non-space character is a token of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Token:
    """A token of a text: ``text[start:end] == self.text``."""

    start: int
    end: int
    text: str


_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.:]\d+)+"
_WORD = r"[^\W_]+(?:['’][^\W_]+)*"
_UNIT = rf"(?:{_NUMBER}|{_WORD})"
_HYPHENS = "-\u2010\u2011"
_TOKEN = re.compile(
    rf"(?:[^\W\d_]\.){{2,}}"  # dotted abbreviations: U.S., a.m., e.g.
    rf"|{_UNIT}(?:[{_HYPHENS}]{_UNIT})*"  # words and numbers, hyphenated runs kept whole
    r"|\S"  # any other single non-space character: punctuation, symbols
)


def tokenize(text: str, start: int = 0) -> list[Token]:
    """Tokens of ``text``; ``start`` is added to every offset.

    Pass a sentence's text and its ``start`` to get tokens with document offsets.
    """
    return [Token(m.start() + start, m.end() + start, m.group()) for m in _TOKEN.finditer(text)]
