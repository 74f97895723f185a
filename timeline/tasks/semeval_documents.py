"""SemEval-2015 Task 4 documents as readable text: TimeML ``<s>`` sentences re-joined.

The task's documents are tokenised ("February 24 , 1955"); the tagger and the event
analysis want text as a newspaper prints it ("February 24, 1955").  ``prepare`` joins each
``<s>`` sentence's tokens back (``detokenize``) and keeps every token's offsets, so results
map back to the task's ``DOCID-SENTID-TOKEN`` ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from timeline.io.timeml import TimeMLDocument
from timeline.model import Provenance, PublicationDate, Sentence
from timeline.temporal.values import day_interval

__all__ = ["PreparedDocument", "Token", "detokenize", "prepare"]

# tokens glued to the one before / after them when the text is re-joined
_NO_SPACE_BEFORE = frozenset(",.;:!?%)]}”’…") | {"'s", "’s", "n't", "'re", "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = frozenset("([{$“‘")
_CLITICS = frozenset({"s", "re", "ve", "ll", "d", "m", "t"})


_PARTICLES = frozenset({"off", "down", "out", "up", "away", "back", "over"})
# what may follow a particle separated from its verb ("rounded the services off by ...")
_PARTICLE_FOLLOWERS = frozenset({"by", "in", "of", "to", "at", "on", "for", "with", "from", "and"})
_PARTICLE_REACH = 3


@dataclass(frozen=True, slots=True)
class Token:
    """A token of a task sentence, with its offsets in the re-joined text."""

    sentence_id: str
    text: str
    start: int
    end: int


def detokenize(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join tokens into readable text: ``["June", "9", ",", "2008"]`` -> ``"June 9, 2008"``.

    Returns the text and each token's ``[start, end)`` in it.  Straight double quotes
    alternate between opening and closing; an apostrophe token followed by a clitic
    ("Apple ' s", "we ' re") is glued to both neighbours.
    """
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    open_quote = False
    glue_next = False
    for k, token in enumerate(tokens):
        space = bool(out) and not glue_next
        if token in _NO_SPACE_BEFORE:
            space = False
        if token == '"':
            if open_quote:
                space = False
            open_quote = not open_quote
        if token in ("'", "’") and k + 1 < len(tokens) and tokens[k + 1].casefold() in _CLITICS:
            space = False
        if k and tokens[k - 1] in ("'", "’") and token.casefold() in _CLITICS and not glue_next:
            space = False
        if space:
            out.append(" ")
            length += 1
        spans.append((length, length + len(token)))
        out.append(token)
        length += len(token)
        glue_next = token in _NO_SPACE_AFTER or (token == '"' and open_quote)
    return "".join(out), spans


@dataclass
class PreparedDocument:
    """A task document as readable text with its sentences and tokens mapped."""

    doc_id: str
    dct: date | None
    text: str
    sentences: list[Sentence]
    sentence_ids: list[str]
    tokens: list[Token]

    @cached_property
    def _token_starts(self) -> dict[int, Token]:
        return {t.start: t for t in self.tokens}

    def token_at(self, start: int) -> Token | None:
        """The token starting at ``start`` (a trigger's start), if any."""
        return self._token_starts.get(start)

    @cached_property
    def _token_index(self) -> dict[int, int]:
        return {t.start: k for k, t in enumerate(self.tokens)}

    def trigger_text(self, token: Token) -> str:
        """The trigger as the task writes it: the token, joined with ``_`` to the particle
        of a phrasal verb ("showed off", "took six months off in" -> ``took_off``)."""
        k = self._token_index[token.start]
        for gap in range(1, _PARTICLE_REACH + 1):
            if k + gap >= len(self.tokens):
                break
            nxt = self.tokens[k + gap]
            if nxt.sentence_id != token.sentence_id or not nxt.text[:1].isalnum():
                break
            if nxt.text.casefold() == "to":
                break  # "chosen to step down": the particle is the infinitive's
            if nxt.text.casefold() in _PARTICLES:
                after = self.tokens[k + gap + 1] if k + gap + 1 < len(self.tokens) else None
                closes = (
                    after is None
                    or after.sentence_id != token.sentence_id
                    or not after.text[:1].isalnum()
                    or after.text.casefold() in _PARTICLE_FOLLOWERS
                )
                if gap == 1 or closes:
                    return f"{token.text}_{nxt.text}"
                break
        return token.text

    @property
    def published(self) -> PublicationDate | None:
        if self.dct is None:
            return None
        return PublicationDate(day_interval(self.dct), self.dct, 1.0, Provenance.METADATA)


def prepare(doc: TimeMLDocument) -> PreparedDocument:
    """Re-join the document's ``<s>`` sentences (one per line) into readable text.

    Documents without ``<s>`` tags are split by the pipeline's splitter and numbered
    from 1, which keeps the output well-formed if not aligned with any gold.
    """
    if doc.sentences:
        raw = [(s.id, doc.text[s.start : s.end]) for s in doc.sentences]
    else:
        from timeline.text.sentences import split_sentences

        raw = [(str(k), s.text) for k, s in enumerate(split_sentences(doc.text), start=1)]
    parts: list[str] = []
    sentences: list[Sentence] = []
    ids: list[str] = []
    tokens: list[Token] = []
    offset = 0
    for sid, chunk in raw:
        words = chunk.split()
        if not words:
            continue
        line, spans = detokenize(words)
        sentences.append(Sentence(offset, offset + len(line), line))
        ids.append(sid)
        tokens.extend(
            Token(sid, word, offset + a, offset + b)
            for word, (a, b) in zip(words, spans, strict=True)
        )
        parts.append(line)
        offset += len(line) + 1
    return PreparedDocument(doc.doc_id, doc.dct, "\n".join(parts), sentences, ids, tokens)
