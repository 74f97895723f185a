"""Mentions of a SemEval-2015 Task 4 target entity in a document.

The name (any case, possessive, plural), its distinctive parts ("Jobs" for "Steve Jobs",
"Apple Corps" for "Beatles Apple Corps", "iTunes Music Store" for "iTunes store": all
target words within a short window), a definite description by the target's head noun
once the target has been named ("the store"), and a pronoun ("he"/"his" for a person,
"it"/"its" for a thing) whose nearest candidate antecedent is the target.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field

from timeline.events.entities import find_entities
from timeline.tasks.semeval_documents import PreparedDocument
from timeline.text.tokens import tokenize

__all__ = ["TargetMatcher", "TargetMention", "Word", "after_preposition", "words_of"]

_ORG_WORDS = frozenset(
    [
        "inc",
        "corp",
        "corps",
        "company",
        "co",
        "ltd",
        "llc",
        "group",
        "store",
        "records",
        "music",
        "bank",
        "university",
        "computer",
        "association",
        "agency",
        "council",
        "party",
        "court",
        "house",
    ]
)
_NEW = frozenset({"new", "newest", "latest"})
_PERSON_PRONOUNS = {"he": "subject", "him": "object", "his": "possessive"}
# a pronoun opening a sentence right after one that opened the sentence before refers to
# the same person ("He also stood in Steve Jobs' place ... He received $59 million": Tim
# Cook both times), whoever was named in between as a possessor or an object
_OPENING_PRONOUNS = frozenset({"he", "she"})
_THING_PRONOUNS = {"it": "subject", "its": "possessive"}


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    text: str
    norm: str  # case-folded, possessive stripped


@dataclass(frozen=True, slots=True)
class TargetMention:
    """A mention of the target: ``kind`` is ``name``, ``nominal`` ("the store", "the new
    iPhone") or a pronoun role (``subject``, ``object``, ``possessive``)."""

    start: int
    end: int
    kind: str
    possessive: bool = False  # "Jobs'", "Apple's", "his", "its"


def words_of(text: str) -> list[Word]:
    return [Word(t.start, t.end, t.text, _norm(t.text)) for t in tokenize(text)]


def _norm(word: str) -> str:
    w = word.casefold()
    for suffix in ("'s", "’s"):
        if w.endswith(suffix):
            return w[: -len(suffix)]
    return w


def _person_shaped(name: str) -> bool:
    parts = name.split()
    return (
        1 < len(parts) <= 3
        and all(p[:1].isupper() and p.replace("-", "").isalpha() for p in parts)
        and not {p.casefold() for p in parts} & _ORG_WORDS
    )


@dataclass
class TargetMatcher:
    """Finds a target entity's mentions in a document (see the module docstring)."""

    target: str
    words: list[str] = field(init=False)
    person: bool = field(init=False)

    def __post_init__(self) -> None:
        self.words = [w.casefold() for w in self.target.split()]
        self.person = _person_shaped(self.target)

    def _variants(self) -> list[list[str]]:
        """Word sequences that name the target, longest first."""
        variants = [self.words]
        if self.person:
            variants += [self.words[-1:], self.words[:1]]  # "Jobs", "Steve"
        elif len(self.words) > 2:
            variants.append(self.words[1:])  # "Apple Corps" for "Beatles Apple Corps"
        return variants

    def mentions(self, doc: PreparedDocument) -> list[TargetMention]:
        """The target's mentions in ``doc``, in text order."""
        words = words_of(doc.text)
        found: list[TargetMention] = []
        taken: set[int] = set()

        def add(i: int, j: int, kind: str) -> None:
            possessive = words[j].text.endswith(("'s", "’s")) or (
                j + 1 < len(words) and words[j + 1].text in ("'", "’")
            )
            found.append(TargetMention(words[i].start, words[j].end, kind, possessive))
            taken.update(range(i, j + 1))

        for n_variant, variant in enumerate(self._variants()):
            n = len(variant)
            for i in range(len(words) - n + 1):
                if any(i + k in taken for k in range(n)):
                    continue
                window = [_singular(w.norm) for w in words[i : i + n]]
                wanted = [_singular(v) for v in variant]
                if window != wanted and not (n > 1 and sorted(window) == sorted(wanted)):
                    continue
                if n_variant and self.person and self._part_of_other_name(words, i):
                    continue
                add(i, i + n - 1, "name")
            if n == 2:  # "iTunes Music Store": one word between the target's two
                for i in range(len(words) - 2):
                    if {i, i + 1, i + 2} & taken or not words[i + 1].text[:1].isupper():
                        continue
                    if [_singular(words[i].norm), _singular(words[i + 2].norm)] == [
                        _singular(v) for v in variant
                    ]:
                        add(i, i + 2, "name")
        if not found:
            return []
        found.extend(self._anaphora(doc, words, taken, found))
        found.sort(key=lambda m: m.start)
        return found

    def _part_of_other_name(self, words: list[Word], i: int) -> bool:
        """Whether a lone first or last name belongs to somebody else ("Steve Ballmer",
        "Tim Jobs"): a capitalised word right next to it that is not the target's."""
        for j in (i - 1, i + 1):
            if 0 <= j < len(words):
                w = words[j]
                if w.text[:1].isupper() and w.norm.isalpha() and w.norm not in self.words:
                    if j == i - 1 and _sentence_initial(words, j):
                        continue
                    if w.norm in ("ceo", "chairman", "president", "founder", "co-founder"):
                        continue
                    return True
        return False

    def _anaphora(
        self,
        doc: PreparedDocument,
        words: list[Word],
        taken: set[int],
        names: list[TargetMention],
    ) -> list[TargetMention]:
        """Pronouns and definite descriptions that refer back to the target.

        A person's "he"/"his"/"him" is the target when the nearest person named before it
        is the target; a thing's "it"/"its", or "the <head noun>" ("the store") and "the
        new <name>" ("the new iPhone"), when the target was named in the same or the
        previous sentence.
        """
        out: list[TargetMention] = []
        sentence_of = sentence_index(doc)
        named_in = {sentence_of(m.start) for m in names}
        people = _other_people(doc, self) if self.person else []
        pronouns = _PERSON_PRONOUNS if self.person else _THING_PRONOUNS
        head = self.words[-1]
        first = names[0].start
        # sentence index -> whether the subject pronoun opening it is the target
        opened: dict[int, bool] = {}
        for i, w in enumerate(words):
            if w.start <= first or i in taken:
                continue
            k = sentence_of(w.start)
            if w.norm in pronouns:
                if self.person:
                    last_target = max((m.start for m in names if m.start < w.start), default=-1)
                    last_other = max((p for p in people if p < w.start), default=-1)
                    target = last_target > last_other
                    opening = (
                        w.norm in _OPENING_PRONOUNS
                        and not doc.text[doc.sentences[k].start : w.start].strip()
                    )
                    if opening and k - 1 in opened:
                        target = opened[k - 1]  # "He ... . He ...": the same person
                    if opening:
                        opened[k] = target
                    if target:
                        out.append(TargetMention(w.start, w.end, pronouns[w.norm], w.norm == "his"))
                elif (k in named_in or k - 1 in named_in) and not _expletive(words, i):
                    out.append(TargetMention(w.start, w.end, pronouns[w.norm], w.norm == "its"))
                continue
            if self.person or i == 0 or words[i - 1].norm not in ("the", "this"):
                continue
            nominal = (
                w.norm == head and head.isalpha() and not _capitalised_in(self.target, head)
            ) or (
                w.norm in _NEW
                and i + 1 < len(words)
                and _singular(words[i + 1].norm) == _singular(self.words[0])
            )
            if nominal and (k in named_in or k - 1 in named_in):
                end = words[i + 1].end if w.norm in _NEW else w.end
                out.append(TargetMention(words[i - 1].start, end, "nominal"))
        return out


# "it appears that", "it is likely that", "it was announced that": an "it" that stands
# for the clause after it, not for a thing ("it is expected to ship", "it was so popular
# that" are the thing's)
_EXPLETIVE_VERBS = frozenset({"appears", "appeared", "seems", "seemed"})
_AUXILIARIES = frozenset({"is", "was", "'s", "’s", "has", "had", "been", "be", "not", "also"})
_EXPLETIVE_ADJECTIVES = frozenset(
    {"likely", "unlikely", "clear", "unclear", "possible", "impossible", "obvious", "true"}
    | {"evident", "important", "necessary", "difficult", "hard", "easy", "worth"}
)
_EXPLETIVE_PARTICIPLES = frozenset(
    {"announced", "reported", "said", "revealed", "confirmed", "believed", "thought"}
    | {"known", "understood", "estimated", "rumored", "rumoured", "claimed", "alleged"}
)


def _expletive(words: list[Word], i: int) -> bool:
    """Whether the "it" at ``words[i]`` is an expletive subject: "it appears that", "it
    is likely that", "it was announced that", "it has been reported that"."""
    if words[i].norm != "it" or i + 1 >= len(words):
        return False
    if words[i + 1].norm in _EXPLETIVE_VERBS:
        return True
    j = i + 1
    while j < len(words) and words[j].norm in _AUXILIARIES:
        j += 1
    if j == i + 1 or j + 1 >= len(words):
        return False
    predicate, after = words[j].norm, words[j + 1].norm
    if predicate in _EXPLETIVE_ADJECTIVES:
        return after in ("that", "to", "whether", "if")
    return predicate in _EXPLETIVE_PARTICIPLES and after == "that"


def _singular(word: str) -> str:
    """ "ipods" -> "ipod": a plural still names the product."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _capitalised_in(target: str, word: str) -> bool:
    return any(w.casefold() == word and w[:1].isupper() for w in target.split())


def _sentence_initial(words: list[Word], j: int) -> bool:
    return j == 0 or words[j - 1].text in (".", "!", "?", "\n")


def sentence_index(doc: PreparedDocument) -> Callable[[int], int]:
    """offset -> index of the sentence holding it."""
    starts = [s.start for s in doc.sentences]
    return lambda offset: bisect.bisect_right(starts, offset) - 1


def _other_people(doc: PreparedDocument, matcher: TargetMatcher) -> list[int]:
    """Offsets of mentions of people other than the target (for pronoun resolution)."""
    out = []
    for e in find_entities(doc.text):
        name = e.name.casefold().split()
        if set(name) <= set(matcher.words) or after_preposition(doc.text, e.start):
            continue
        if _person_shaped(e.name):
            out.append(e.start)
    return out


_PREPOSITIONS = frozenset(
    [
        "in",
        "at",
        "on",
        "from",
        "to",
        "of",
        "with",
        "for",
        "by",
        "during",
        "into",
        "near",
        "outside",
        "inside",
        "across",
    ]
)


def after_preposition(text: str, start: int) -> bool:
    """Whether a name follows a preposition: a place or an oblique, never a subject."""
    before = text[max(0, start - 12) : start].split()
    return bool(before) and before[-1].casefold() in _PREPOSITIONS
