"""Whether an entity mention takes part in an event mention: a small learnt model.

Rules say who took part when the sentence has the shapes they were written for (the
subject before its verb, "by" after a passive, a possessor before its noun).  MEANTIME
annotates participation (``HAS_PARTICIPANT``: an event mention and the entity mention
that is one of its arguments) in the same news the SemEval trial uses, so a logistic
regression over hand features of the pair learns the shapes from data:

* where the mention stands (before or after the trigger) and how far, in tokens;
* what lies between: names, pronouns, commas, relative pronouns, conjunctions, verbs
  (by the trigger model's lexicon, ``triggers.lexicon_entry``), "by";
* the preposition before the mention ("with Apple", "in Cupertino");
* the mention's kind (name, description, pronoun) and whether it is a possessive;
* the trigger's form (suffix, part of speech) and the word before it ("to", "has").

Features are computed from the sentence's tokens only, so training (MEANTIME tokens,
``scripts/build_participation_model.py``) and use (``timeline.tasks.semeval_timelines``)
see the same thing.  The weights are ``data/participation_model.json`` (a few hundred
numbers), with the documents they were learnt from and their held-out figures.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

from timeline.events.logistic import fit, score
from timeline.events.triggers import lexicon_entry

__all__ = ["MODEL_PATH", "Pair", "pair_features", "participation", "train"]

MODEL_PATH = Path(__file__).parent / "data" / "participation_model.json"

_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "him", "her", "them"})
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their", "our", "my"})
_RELATIVES = frozenset({"who", "which", "that", "whom", "whose"})
_CONJUNCTIONS = frozenset({"and", "but", "or", "while", "although", "because"})
_PREPOSITIONS = frozenset(
    {
        "with",
        "in",
        "at",
        "on",
        "for",
        "of",
        "to",
        "from",
        "by",
        "against",
        "about",
        "between",
        "into",
        "over",
        "after",
        "before",
        "than",
        "like",
        "as",
    }
)
_BEFORE_TRIGGER = frozenset(
    {
        "to",
        "has",
        "have",
        "had",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "will",
        "would",
        "the",
        "a",
        "an",
        "not",
    }
)

# (tokens of the sentence, trigger index, mention start, mention end (exclusive), kind)
Pair = tuple[Sequence[str], int, int, int, str]


def _distance(n: int) -> str:
    for bound in (1, 2, 3, 5, 8, 12):
        if n <= bound:
            return str(bound)
    return "far"


def _count(n: int) -> str:
    return str(min(n, 2))


def _trigger_form(word: str) -> str:
    w = word.casefold()
    for suffix in ("ing", "ed", "tion", "ment", "al", "s"):
        if w.endswith(suffix):
            return suffix
    return "other"


def _pos(word: str) -> str:
    entry = lexicon_entry(word)
    return entry[3] if entry is not None and entry[3] else "unknown"


def pair_features(words: Sequence[str], trigger: int, start: int, end: int, kind: str) -> list[str]:
    """The features of the pair (trigger ``words[trigger]``, mention ``words[start:end]``
    of kind ``name``, ``nominal`` or ``pronoun``)."""
    before = end <= trigger
    side = "before" if before else "after"
    gap = words[end:trigger] if before else words[trigger + 1 : start]
    gap_norm = [w.casefold() for w in gap]
    distance = _distance(len(gap) + 1)
    mention_norm = [w.casefold() for w in words[start:end]]
    possessive = (end < len(words) and words[end] in ("'s", "’s", "'", "’")) or mention_norm[
        -1:
    ] == [w for w in mention_norm[-1:] if w in _POSSESSIVE_PRONOUNS]
    caps = sum(1 for k, w in enumerate(gap) if w[:1].isupper() and (k > 0 or not before))
    verbs = sum(1 for w in gap if _pos(w) == "VERB")
    prep = words[start - 1].casefold() if start > 0 else "<s>"
    prev = words[trigger - 1].casefold() if trigger > 0 else "<s>"
    out = [
        "bias",
        f"side={side}",
        f"dist={distance}",
        f"side_dist={side}|{distance}",
        f"kind={kind}",
        f"side_kind={side}|{kind}",
        f"caps={side}|{_count(caps)}",
        f"verbs={side}|{_count(verbs)}",
        f"comma={side}|{',' in gap}",
        f"relative={side}|{any(w in _RELATIVES for w in gap_norm)}",
        f"conj={side}|{any(w in _CONJUNCTIONS for w in gap_norm)}",
        f"pronoun_between={side}|{any(w in _PRONOUNS for w in gap_norm)}",
        f"trigger_form={_trigger_form(words[trigger])}",
        f"trigger_pos={_pos(words[trigger])}",
        f"trigger_pos_side={_pos(words[trigger])}|{side}",
        f"prep={prep if prep in _PREPOSITIONS else 'none'}",
        f"prep_side={prep if prep in _PREPOSITIONS else 'none'}|{side}",
        f"prev={prev if prev in _BEFORE_TRIGGER else 'other'}",
        f"sentence_start={start == 0}",
    ]
    if possessive:
        out.append(f"possessive={side}|{distance}")
    if not before and "by" in gap_norm[:3]:
        out.append("agent_by")
    if before and not gap:
        out.append("adjacent_before")
    return out


@cache
def _weights() -> dict[str, float]:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    return {str(k): float(v) for k, v in data["weights"].items()}


def participation(pair: Pair, weights: dict[str, float] | None = None) -> float:
    """P(the mention takes part in the event), by the committed model (or ``weights``)."""
    w = _weights() if weights is None else weights
    return score(w, pair_features(*pair))


def train(
    examples: Iterable[tuple[Pair, bool]], epochs: int = 30, rate: float = 0.1, l2: float = 1e-3
) -> dict[str, float]:
    """Logistic regression (``logistic.fit``) over the pairs' features."""
    data = [(pair_features(*pair), label) for pair, label in examples]
    return fit(data, epochs=epochs, rate=rate, l2=l2)
