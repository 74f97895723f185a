"""What reading one document's text yields, computed once and read by every stage.

Dating, event extraction and the pipeline all need the same things of a text: its
sentences, its temporal mentions (stage 1 of the tagger) and its named participants.
Computed where each stage needed them, a document was split into sentences and searched
for names several times per ingest (more on every round of corpus dating).  A
``TextAnalysis`` computes each on first use and keeps it; stages take the analysis
instead of the bare text.

It holds nothing that depends on the publication date (resolved expressions and events
do, and are recomputed whenever the date changes), so one analysis serves every re-dating
of its document.  What it was given (stored mentions and sentences on re-dating, the
TimeML ``<s>`` sentences of a benchmark document) is used as is rather than recomputed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cached_property

from timeline.events.entities import EntityMention, find_entities
from timeline.language import DetectedLanguage, detect_language
from timeline.model import Sentence
from timeline.temporal import Mention, analyse
from timeline.text.sentences import MAX_SENTENCE_CHARS, split_sentences

__all__ = ["TextAnalysis"]

_WORD = re.compile(r"\w+")


class TextAnalysis:
    """The date-independent analysis of one text: sentences, mentions, participants.

    Read-only: every value is computed at most once (entities once per set of corpus
    names), so the object may be shared by all the stages that read the document.
    """

    def __init__(
        self,
        text: str,
        *,
        mentions: Sequence[Mention] | None = None,
        sentences: Sequence[Sentence] | None = None,
    ) -> None:
        self.text = text
        # what was read within a limit (an overlong sentence read in pieces...), for the
        # output to say: the pipeline keeps them with the document (``metadata["limits"]``)
        self.limits: list[str] = []
        self._mentions = tuple(mentions) if mentions is not None else None
        self._sentences = tuple(sentences) if sentences is not None else None
        self._entities: dict[tuple[str, ...], tuple[EntityMention, ...]] = {}

    def __repr__(self) -> str:
        head = self.text[:40].replace("\n", " ")
        return f"TextAnalysis({head!r}{'…' if len(self.text) > 40 else ''})"

    @cached_property
    def mentions(self) -> tuple[Mention, ...]:
        """The recognised temporal expressions, underspecified (``timeline.temporal``)."""
        return self._mentions if self._mentions is not None else tuple(analyse(self.text))

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        """The sentences with their offsets in ``text`` (``timeline.text.sentences``)."""
        if self._sentences is not None:
            return self._sentences
        return tuple(split_sentences(self.text, on_cap=self._capped))

    def _capped(self, start: int, end: int) -> None:
        self.limits.append(
            f"the sentence at {start}-{end} ({end - start:,} characters) was read in pieces "
            f"of at most {MAX_SENTENCE_CHARS:,}"
        )

    def entities(self, known: Iterable[str] = ()) -> tuple[EntityMention, ...]:
        """The participants named in the text, canonical within the document and, given the
        corpus's ``known`` names, across it (``timeline.events.entities.find_entities``).

        Only the known names that can bear on this text are used (``corpus_names``), so
        the participants do not change when unrelated names join the corpus."""
        key = self.corpus_names(known)
        found = self._entities.get(key)
        if found is None:
            found = self._entities[key] = tuple(find_entities(self.text, key))
        return found

    def corpus_names(self, known: Iterable[str]) -> tuple[str, ...]:
        """The corpus's ``known`` full names that share a word with the text (a name's
        lower-cased or last-name mentions are its words), sorted: the only ones
        ``entities`` can use, whatever else the corpus holds."""
        words = self._words
        return tuple(
            sorted({k for k in known if any(w in words for w in _WORD.findall(k.casefold()))})
        )

    @cached_property
    def _words(self) -> frozenset[str]:
        return frozenset(_WORD.findall(self.text.casefold()))

    @cached_property
    def language(self) -> DetectedLanguage:
        """The text's language (``timeline.language``): the tagger reads English only."""
        return detect_language(self.text)

    @cached_property
    def full_names(self) -> frozenset[str]:
        """The names of two words or more the text uses by itself (without corpus names):
        the names short and lower-cased mentions elsewhere in a corpus resolve to."""
        return frozenset(e.name for e in self.entities() if " " in e.name)


def known_names(analyses: Iterable[TextAnalysis]) -> list[str]:
    """The full names used anywhere in a corpus, sorted: ``known`` for its entities."""
    return sorted(set().union(*(a.full_names for a in analyses)))
