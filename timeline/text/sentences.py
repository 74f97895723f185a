"""Rule-based sentence splitting for news text, with exact character offsets.

Events and temporal expressions are reported per sentence, so a sentence that swallows
its neighbour merges two happenings and one cut at "Sen." loses its subject.  Statistical
splitters were not worth a model dependency: news prose is regular enough for rules.

Rules, in order:

1. A line break always ends a sentence (scraped paragraphs, headlines and captions have
   no final period but are never continued on the next line).
2. ``.``, ``!``, ``?`` or an ellipsis, with any closing quotes/brackets, followed by
   whitespace and an uppercase letter, digit or opening quote ends a sentence, so
   ``...," he said.`` and ``."`` keep their quotes.
3. Except after abbreviations (see ``timeline.text.abbreviations``): titles ("Sen.",
   "Gen.") and initials ("George W. Bush") hold the sentence together; abbreviations that
   may end a sentence ("U.S.", "Inc.", "Jan.", "a.m.") end it only when a typical
   sentence opener follows ("... in the U.S. The talks ...").
4. ``!``/``?`` inside a quote followed by an attribution ("“Stop!” Trump said") do not
   end the sentence.
5. A lowercase word after a period never starts a sentence ("etc. and", "… and") unless
   the text is visibly case-damaged: a plain lowercase word of four or more letters, a
   period, then a lowercase word ("...have rejected. ukraine has stated").

6. A sentence longer than ``MAX_SENTENCE_CHARS`` (1,000 characters: 1 in 2,500 of the
   sentences of TBAQ, the trial data and 745 real web pages, all of them tables, lists
   or text without punctuation) is read in pieces of at most that length, cut at its
   last ``;`` or ``:`` in the second half of the piece, else its last comma, else its
   last space.
   What later stages do per sentence (an expression against every word of it) is then
   bounded, and a text that is one endless line costs no more than prose.  ``on_cap``
   hears of each sentence cut so, for the output to say so.

Splitting is one regex scan per line plus bounded look-around, so it is linear in the
text length.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from timeline.model import Sentence
from timeline.text.abbreviations import LOWERCASE, MAY_END, NEVER_FINAL, STARTERS, TITLES
from timeline.text.tokens import Token, tokenize

__all__ = ["Sentence", "Token", "split_sentences", "tokenize"]

_LINE = re.compile(r"[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")
_QUOTES = "”’\"'»"
_OPENERS = "“‘\"'([«"
_END = re.compile(r"(?P<term>[.!?…]+)(?P<close>[”’\"')\]»]*)(?=\s)")
_NON_SPACE = re.compile(r"\S")
_NEXT_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_ATTRIBUTION = re.compile(
    r"(?:[A-Z][\w’'.-]*\s+){1,3}?(?:said|says|told|asked|added|stated|wrote|tweeted|"
    r"replied|explained|noted|insisted|declared|continued|warned|argued|recalled|posted|"
    r"shouted|cried|exclaimed)\b"
)
_MAX_WORD = 40  # how far back to look for the word before a period
MAX_SENTENCE_CHARS = 1_000
# where to cut an overlong sentence, best first: a clause end, a comma, a space
_CUTS = (re.compile(r"[;:]\s"), re.compile(r",\s"), re.compile(r"\s"))

CapHook = Callable[[int, int], None]


def split_sentences(text: str, *, on_cap: CapHook | None = None) -> list[Sentence]:
    """Split ``text`` into sentences; ``text[s.start:s.end] == s.text`` and each is stripped.

    ``on_cap(start, end)`` is called for each sentence longer than ``MAX_SENTENCE_CHARS``,
    which comes out in pieces (rule 6).
    """
    sentences: list[Sentence] = []
    for line in _LINE.finditer(text):
        start, line_end = line.start(), line.end()
        for m in _END.finditer(text, start, line_end):
            nxt = _NON_SPACE.search(text, m.end(), line_end)
            if nxt is None:
                break  # only trailing whitespace: the line end closes the sentence
            if _is_boundary(text, m, nxt.start(), line.start(), line_end):
                _emit(sentences, text, start, m.end(), on_cap)
                start = m.end()
        _emit(sentences, text, start, line_end, on_cap)
    return sentences


def _emit(
    out: list[Sentence], text: str, start: int, end: int, on_cap: CapHook | None = None
) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start > MAX_SENTENCE_CHARS:
        if on_cap is not None:
            on_cap(start, end)
        while end - start > MAX_SENTENCE_CHARS:
            cut = _cut(text, start, start + MAX_SENTENCE_CHARS)
            _emit(out, text, start, cut)
            start = cut
        _emit(out, text, start, end)
        return
    if start < end:
        out.append(Sentence(start, end, text[start:end]))


def _cut(text: str, start: int, limit: int) -> int:
    """Where to end a piece of an overlong sentence that may reach ``limit`` (rule 6)."""
    half = start + MAX_SENTENCE_CHARS // 2
    for pattern in _CUTS:
        last = None
        for m in pattern.finditer(text, half, limit):
            last = m
        if last is not None:
            return last.start() + 1
    return limit


def _is_boundary(text: str, m: re.Match[str], j: int, line_start: int, line_end: int) -> bool:
    """Does the terminator ``m``, followed by whitespace and ``text[j]``, end a sentence?"""
    term, close = m["term"], m["close"]
    nxt = text[j]
    if nxt.islower():
        return term == "." and not close and _case_damaged(_word_before(text, m, line_start))
    if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS):
        return False
    quoted = any(c in _QUOTES for c in close)
    if "!" in term or "?" in term:
        return not (quoted and _ATTRIBUTION.match(text, j, line_end))
    if term != "." or quoted:
        return True  # an ellipsis before a capital, or a period closed by a quote
    word = _word_before(text, m, line_start)
    next_word = _NEXT_WORD.match(text, j, line_end)
    return not _abbreviation_holds(word, nxt, next_word[0] if next_word else "")


def _word_before(text: str, m: re.Match[str], line_start: int) -> str:
    i = end = m.start()
    low = max(line_start, end - _MAX_WORD)
    while i > low and not text[i - 1].isspace() and text[i - 1] not in _OPENERS:
        i -= 1
    return text[i:end]


def _abbreviation_holds(word: str, nxt: str, next_word: str) -> bool:
    """True when the period after ``word`` belongs to an abbreviation, not a sentence end."""
    if not word:
        return False
    if word in TITLES or word.casefold() in NEVER_FINAL:
        return True
    if word == "No":
        return nxt.isdigit()  # "No. 1" but "He said: No. The ..."
    if len(word) == 1 and word.isupper():  # an initial, unless "Plan B. The ..."
        return not (len(next_word) > 1 and next_word in STARTERS)
    if word in MAY_END or _DOTTED.fullmatch(word):
        return nxt not in _OPENERS and next_word not in STARTERS
    return False


def _case_damaged(word: str) -> bool:
    return len(word) >= 4 and word.isalpha() and word.islower() and word not in LOWERCASE
