"""Event coreference within a document, learnt from MEANTIME: P(two mentions of one
article report one happening).

A logistic regression (pure Python) over named features of a pair of mentions, each a
value the coreference and merge rules already compute (``timeline.events.happenings``,
``timeline.events.merge``): one event family, one trigger lemma, how the two times relate
(equal, one inside the other, overlapping, apart) and how far their precisions are, how
each was dated, participants in common or named around the other, words next to both
triggers, similar sentences and passages, the triggers' part of speech and TimeML class,
their tenses and roles, a definite later mention ("the talks"), and how far apart they
are.  ``scripts/build_coref_model.py`` trains it on the coreference chains MEANTIME
annotates (``<REFERS_TO>``) for the SemEval trial documents of the *tune* half
(``timeline.tasks.meantime_coref``) and writes the weights, the threshold chosen on that
half and the figures measured on the held-out half to ``data/coref_model.json``; nothing
is downloaded or trained at run time.

Within a document only: MEANTIME links few happenings across the trial's documents (one
pair of the tune half's events the pipeline finds, three of the held-out half's), too few
to learn or measure the cross-document merge on, so ``merge.merge_signals`` stays rules.
A document's coreference (``happenings``) asks the model, as the named signal
``learnt_coreference``, when ``TIMELINE_LEARNT_COREF`` says so (``mode``: ``confirm``
each pair a rule of identity joins, or ``decide`` alone).  It is off by default: learnt
from ten coreferent pairs, it raises MEANTIME's held-out pairwise and B3 figures as a
veto and leaves the timeline and entry benches unchanged, but it vetoes a plain
definite reference ("met Putin on Friday ... the talks"), which the rules and the
project's guideline join (README, "Event coreference learnt from MEANTIME").
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from timeline.events.logistic import fit, score
from timeline.model import Anchoring, Event, Interval

__all__ = [
    "LEARNT_COREF_ENV",
    "MODEL_PATH",
    "MODES",
    "Mention",
    "coreference",
    "mode",
    "pair_features",
    "threshold",
    "train",
]

MODEL_PATH = Path(__file__).parent / "data" / "coref_model.json"
LEARNT_COREF_ENV = "TIMELINE_LEARNT_COREF"
# characters between two mentions of one document: nearby, further, far
_NEAR = (300, 1000)


MODES = ("off", "confirm", "decide")
DEFAULT_MODE = "off"


def mode() -> str:
    """How a document's coreference uses the model, from ``TIMELINE_LEARNT_COREF``:
    ``off`` (the default: the rules alone), ``confirm`` (a pair a rule of identity joins
    must also be one happening to the model: a learnt veto) or ``decide`` (the model
    alone).  An unknown value is an error, not a silent default."""
    value = os.environ.get(LEARNT_COREF_ENV, "").strip().casefold() or DEFAULT_MODE
    if value not in MODES:
        raise ValueError(f"{LEARNT_COREF_ENV}={value!r}: expected one of {', '.join(MODES)}")
    return value


# what the model reads of a mention: the event, its tense and role (``Tense``/``Role``
# values), its sentence and clause, and whether a definite word leads it ("the talks")
Mention = tuple[Event, str, str, int, tuple[int, int], bool]


def _bucket(x: float, bounds: tuple[float, ...]) -> str:
    """The first bound ``x`` stays below (``"<0.1"``), else ``">=last"``."""
    for bound in bounds:
        if x < bound:
            return f"<{bound}"
    return f">={bounds[-1]}"


def _relation(a: Interval | None, b: Interval | None) -> str:
    if a is None or b is None:
        return "untimed"
    if a.start == b.start and a.end == b.end:
        return "equal"
    if (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end):
        return "inside"
    return "overlap" if a.overlaps(b) else "apart"


def _pos(word: str) -> str:
    from timeline.events.triggers import lexicon_entry

    entry = lexicon_entry(word.casefold())
    return entry[3] if entry is not None and entry[3] else "unknown"


def _anchoring(event: Event) -> str:
    return "publication" if event.anchoring is Anchoring.PUBLICATION else event.anchoring.value


def _pair(x: str, y: str) -> str:
    return "|".join(sorted((x, y)))


def pair_features(first: Mention, second: Mention) -> list[str]:
    """The named features of two mentions of one document, ``first`` the earlier."""
    from timeline.events import merge
    from timeline.events.lemmas import lemma
    from timeline.events.triggers import event_class

    a, b = first[0], second[0]
    family = merge.event_family(a)
    same_family = family == merge.event_family(b)
    relation = _relation(a.interval, b.interval)
    gap = (
        abs(a.interval.granularity.rank - b.interval.granularity.rank)
        if a.interval is not None and b.interval is not None
        else -1
    )
    shared = merge.shared_participants(a, b)
    covered = sorted((merge._covered(a, b), merge._covered(b, a)))
    if first[3] == second[3]:
        distance = "same_clause" if first[4] == second[4] else "same_sentence"
    else:
        distance = _bucket(abs(a.char_start - b.char_start), _NEAR)
    out = [
        "bias",
        f"same_family={same_family}",
        f"same_lemma={lemma(a.trigger.casefold()) == lemma(b.trigger.casefold())}",
        f"generic={family in merge._GENERIC_FAMILIES}",
        f"time={relation}",
        f"time_family={relation}|{same_family}",
        f"precision_gap={min(gap, 3)}",
        f"dated={_pair(_anchoring(a), _anchoring(b))}",
        f"shared={min(shared, 2)}",
        f"shared_family={min(shared, 2)}|{same_family}",
        f"named_around={min(covered[0], 2)}|{min(covered[1], 3)}",
        f"no_participants={not a.participants}|{not b.participants}",
        f"next_to_trigger={bool(merge._around_trigger(a) & merge._around_trigger(b))}",
        f"sentence_words={_bucket(merge.context_similarity(a, b), (0.05, 0.15, 0.25))}",
        f"sentence_cosine={_bucket(merge.sentence_similarity(a, b), (0.1, 0.2, 0.3))}",
        f"pos={_pair(_pos(a.trigger), _pos(b.trigger))}",
        f"same_class={event_class(a.trigger) == event_class(b.trigger)}",
        f"tense={_pair(first[1], second[1])}",
        f"role={_pair(first[2], second[2])}",
        f"later_definite={second[5]}|{same_family}",
        f"distance={distance}",
        f"distance_family={distance}|{same_family}",
    ]
    if a.context and b.context:
        out.append(f"passage_cosine={_bucket(merge.topic_similarity(a, b), (0.1, 0.2, 0.3))}")
    return out


@cache
def _model() -> dict[str, object]:
    data: dict[str, object] = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    return data


@cache
def _weights() -> dict[str, float]:
    weights = _model()["weights"]
    assert isinstance(weights, dict)
    return {str(k): float(v) for k, v in weights.items()}


def threshold() -> float:
    """The probability from which the committed model says "one happening" (chosen on the
    tune half, written beside the weights)."""
    value = _model()["threshold"]
    assert isinstance(value, int | float)
    return float(value)


def coreference(first: Mention, second: Mention, weights: dict[str, float] | None = None) -> float:
    """P(the two mentions report one happening), by the committed model (or ``weights``)."""
    w = _weights() if weights is None else weights
    return score(w, pair_features(first, second))


def train(
    examples: Iterable[tuple[list[str], bool]],
    epochs: int = 40,
    rate: float = 0.1,
    l2: float = 1e-3,
) -> dict[str, float]:
    """Logistic regression (``logistic.fit``) over feature lists.  Positives are rare
    (most pairs of events are two happenings): the classes are balanced, so the model is
    not pulled to "never"."""
    return fit(examples, epochs=epochs, rate=rate, l2=l2, balance=True)
