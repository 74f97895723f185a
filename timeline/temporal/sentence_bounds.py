"""Where the sentence of an expression starts and ends, looked for only around it.

The tagger reads the tense of an expression's clause (``timeline.temporal.tense``), so it
needs the sentence around each expression, and only those: the marks that may end it are
looked for outwards from the expression and judged one by one, which keeps tagging linear
and the tagger independent of the document-level splitter (``timeline.text``), whose
tokens and offsets it does not need.
"""

from __future__ import annotations

import re

from timeline.temporal.data import load_json

# A full stop ends a sentence unless it closes an abbreviation ("a.m.", "Aug.", "Mr.") or
# the next word starts in lower case ("at 9 a.m. on Monday"); a newline always does.
_SENTENCE_END_RE = re.compile(r"[.!?](?=[\s”\"’')\]]*(?:\s|$))|\n")
_MARKS = ".!?\n"
_WORD_BEFORE_RE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_NEXT_CHAR_RE = re.compile(r"[\s”\"’')\]]*(\S)")
_ABBREVIATIONS = frozenset(load_json("lexicon.json")["abbreviations"])
_MAX_SENTENCE = 1000


def _ends_sentence(text: str, end: int) -> bool:
    """Whether the mark right before ``end`` (a match of ``_SENTENCE_END_RE``) ends a
    sentence."""
    if text[end - 1] in "\n!?":
        return True
    word = _WORD_BEFORE_RE.search(text, max(0, end - 13), end - 1)
    if word and (len(word.group(1)) == 1 or word.group(1).casefold() in _ABBREVIATIONS):
        return False
    nxt = _NEXT_CHAR_RE.match(text, end)
    return not (nxt and nxt.group(1).islower())


class SentenceBounds:
    """The sentences of a text, bounded only where asked for: the marks that may end the
    sentence of an expression are looked for outwards from it, and only those are judged
    (a cheap local splitter, so the tagger stays independent of the document-level
    sentence splitter)."""

    __slots__ = ("_text", "_verdicts")

    def __init__(self, text: str) -> None:
        self._text = text
        self._verdicts: dict[int, bool] = {}

    def _ends(self, i: int) -> bool:
        """Whether the character at ``i`` (a full stop, "!", "?" or newline) ends a
        sentence."""
        verdict = self._verdicts.get(i)
        if verdict is None:
            text = self._text
            verdict = _SENTENCE_END_RE.match(text, i) is not None and _ends_sentence(text, i + 1)
            self._verdicts[i] = verdict
        return verdict

    def around(self, start: int, end: int) -> tuple[int, int]:
        """Bounds of the sentence holding ``text[start:end]``, at most ``_MAX_SENTENCE``
        characters either side."""
        text = self._text
        left = max(start - _MAX_SENTENCE, 0)
        hi = start
        lo = max(left - 1, 0)
        while True:
            i = max(text.rfind(c, lo, hi) for c in _MARKS)
            if i < 0:
                break
            if self._ends(i):
                left = i + 1
                break
            hi = i
        right = min(end + _MAX_SENTENCE, len(text))
        lo = end
        while True:
            found = [i for i in (text.find(c, lo, right) for c in _MARKS) if i >= 0]
            if not found:
                break
            i = min(found)
            if self._ends(i):
                right = i + 1
                break
            lo = i + 1
        return left, right
