"""Event triggers: which words of a sentence denote a happening or a state (TimeML EVENTs).

A word list cannot tell "the attack" (an event) from "the attack helicopter" nor "filed"
(an event) from "a filed document", and English has no morphology that marks event
nouns.  What TimeBank annotators tagged can be learnt from cheap context, though: the
word, its lemma and suffix, and its neighbours ("to"/"has"/"was" before a verb, "the"
before a noun).  ``scripts/build_event_model.py`` trains an averaged perceptron on those
features from TimeBank and AQUAINT (TBAQ-cleaned) and writes ``data/event_model.json``:
the feature weights plus a lexicon (word -> how often it was an event, its usual TimeML
class and part of speech).  Scoring is a sum of weights per token: no ML framework, no
download at run time, and the data file is small enough to read.

The model is versioned (``MODEL_VERSION``): ``features`` is shared by training and
scoring, so changing it means rebuilding the model, and a stale file is refused.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from timeline.events.data import load_json
from timeline.events.lemmas import lemma
from timeline.text.tokens import tokenize

MODEL_FILE = "event_model.json"
MODEL_VERSION = 3

_WORDLIKE_RE = re.compile(r"[^\W\d_]")
_AUX = frozenset(
    [
        "be",
        "is",
        "are",
        "was",
        "were",
        "been",
        "being",
        "am",
        "has",
        "have",
        "had",
        "having",
        "do",
        "does",
        "did",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "to",
    ]
)
_DET = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "its",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "no",
        "any",
    ]
)
_REPORTING_FALLBACK = frozenset(
    [
        "say",
        "said",
        "says",
        "tell",
        "told",
        "state",
        "stated",
        "report",
        "reported",
        "announce",
        "announced",
        "add",
        "added",
    ]
)


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word the model takes for an event mention, with document offsets."""

    start: int
    end: int
    text: str
    lemma: str
    score: float  # the perceptron's margin: > 0 is an event
    event_class: str  # TimeML class: OCCURRENCE, REPORTING, STATE, I_ACTION, ...
    pos: str  # "VERB", "NOUN", "ADJECTIVE" or "OTHER": the usual part of speech as an event

    @property
    def is_verb(self) -> bool:
        return self.pos == "VERB"


def _shape(word: str) -> str:
    if word.isdigit():
        return "digit"
    if not _WORDLIKE_RE.search(word):
        return "punct"
    if word.isupper() and len(word) > 1:
        return "upper"
    if word[:1].isupper():
        return "cap"
    return "lower"


def features(words: Sequence[str], i: int) -> list[str]:
    """The features of ``words[i]`` in its sentence (shared by training and scoring)."""
    word = words[i]
    w = word.casefold()
    prev = words[i - 1].casefold() if i > 0 else "<s>"
    prev2 = words[i - 2].casefold() if i > 1 else "<s>"
    nxt = words[i + 1].casefold() if i + 1 < len(words) else "</s>"
    shape = _shape(word)
    out = [
        "b",
        f"w={w}",
        f"l={lemma(w)}",
        f"s2={w[-2:]}",
        f"s3={w[-3:]}",
        f"s4={w[-4:]}",
        f"sh={shape}{'0' if i == 0 else ''}",
        f"p={prev}",
        f"n={nxt}",
        f"p2={prev2}",
        f"pc={_word_class(prev)}",
        f"nc={_word_class(nxt)}",
        f"pc2={_word_class(prev2)}|{_word_class(prev)}",
        f"s3pc={w[-3:]}|{_word_class(prev)}",
    ]
    if "-" in w:
        out.append("hyphen")
    return out


def _word_class(word: str) -> str:
    """A coarse class of a neighbour word: what decides verb/noun readings of a trigger."""
    if word in _AUX:
        return "aux"
    if word in _DET:
        return "det"
    if word in ("<s>", "</s>"):
        return word
    if not _WORDLIKE_RE.search(word):
        return "punct"
    if word.endswith("ly"):
        return "adv"
    if word in ("of", "in", "on", "at", "for", "with", "by", "from", "after", "before"):
        return "prep"
    return "word"


@cache
def _model() -> dict[str, Any]:
    model: dict[str, Any] = load_json(MODEL_FILE)
    if model.get("version") != MODEL_VERSION:
        raise RuntimeError(
            f"{MODEL_FILE} is version {model.get('version')}, the code expects {MODEL_VERSION}: "
            "rebuild it with scripts/build_event_model.py"
        )
    return model


def score_words(words: Sequence[str]) -> list[float]:
    """The event score of every word of a tokenised sentence."""
    weights: dict[str, float] = _model()["weights"]
    return [
        sum(weights.get(f, 0.0) for f in features(words, i)) if _WORDLIKE_RE.search(word) else -9.0
        for i, word in enumerate(words)
    ]


def lexicon_entry(word: str) -> tuple[int, int, str, str] | None:
    """``(times an event, occurrences, usual class, usual POS)`` of a word form in the
    training corpora, or ``None`` if it was never seen."""
    entry = _model()["lexicon"].get(word.casefold())
    return tuple(entry) if entry else None


@cache
def _known_lemmas() -> frozenset[str]:
    return frozenset(lemma(w) for w in _model()["lexicon"])


def known_word(word: str) -> bool:
    """Whether the word, or another form of its lemma, was seen in training: an unseen
    word the model accepts only for its suffix ("beijing" for "-ing") is suspect."""
    w = word.casefold()
    return w in _model()["lexicon"] or lemma(w) in _known_lemmas()


def event_probability(word: str) -> float:
    """How often the word form was an event in the training corpora (Laplace-smoothed)."""
    entry = lexicon_entry(word)
    if entry is None:
        return 0.5 if lemma(word) != word.casefold() else 0.2
    return (entry[0] + 1) / (entry[1] + 2)


def event_class(word: str) -> str:
    entry = lexicon_entry(word)
    if entry is not None and entry[2]:
        return entry[2]
    return "REPORTING" if word.casefold() in _REPORTING_FALLBACK else "OCCURRENCE"


def _pos(word: str, prev: str) -> str:
    entry = lexicon_entry(word)
    if entry is not None and entry[3] in ("VERB", "NOUN", "ADJECTIVE"):
        return entry[3]
    w = word.casefold()
    if (
        prev.casefold() in _AUX
        or w.endswith(("ed", "ing"))
        or (lemma(w) != w and not w.endswith("s"))
    ):
        return "VERB"  # "has met", "announced", "met" (an irregular past form)
    if w.endswith(("tion", "ment", "sion", "ance", "ence", "ure")):
        return "NOUN"
    return "OTHER"


def find_triggers(text: str, start: int = 0, end: int | None = None) -> list[Trigger]:
    """Event triggers of ``text[start:end]`` (one sentence), in text order."""
    end = len(text) if end is None else end
    tokens = tokenize(text[start:end], start)
    words = [t.text for t in tokens]
    out: list[Trigger] = []
    for i, (token, score) in enumerate(zip(tokens, score_words(words), strict=True)):
        if score <= 0:
            continue
        prev = words[i - 1] if i else ""
        out.append(
            Trigger(
                start=token.start,
                end=token.end,
                text=token.text,
                lemma=lemma(token.text),
                score=score,
                event_class=event_class(token.text),
                pos=_pos(token.text, prev),
            )
        )
    return out
