"""Build ``timeline/events/data/event_model.json``: the event-trigger model.

    .venv/bin/python scripts/build_event_model.py                 # evaluate, then build
    .venv/bin/python scripts/build_event_model.py --tbaq DIR --out PATH --epochs 8

Reads TBAQ-cleaned (TimeBank + AQUAINT TimeML, default ``$TIMELINE_CORPORA/tbaq``):

1. **held-out evaluation**: trains on TimeBank only and reports trigger precision/recall/F1
   on AQUAINT (a token is an event when it starts a gold ``<EVENT>``), next to a lexicon
   baseline (a word is an event if it was one more often than not in training);
2. **the shipped model**: trains on both and writes the weights and the lexicon.

The learner is an averaged perceptron over ``timeline.events.triggers.features``, with
a fixed shuffling seed so that a rebuild gives the same file.  Rare features (seen once)
and near-zero weights are dropped and weights rounded, which keeps the file small
without changing a decision on the held-out set by more than noise.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from timeline.evaluation.corpora import corpus_path
from timeline.events.triggers import MODEL_VERSION, features
from timeline.io.timeml import read_timeml
from timeline.text.sentences import split_sentences
from timeline.text.tokens import tokenize

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TBAQ = corpus_path("tbaq")  # under $TIMELINE_CORPORA
DEFAULT_OUT = ROOT / "timeline" / "events" / "data" / "event_model.json"
_WORDLIKE_RE = re.compile(r"[^\W\d_]")
_INSTANCE_RE = re.compile(r"<MAKEINSTANCE\b[^>]*>")
_ATTR_RE = re.compile(r'(\w+)="([^"]*)"')

# one training token: features, is-event, (word, class, pos) for the lexicon
Example = tuple[list[str], bool, str, str | None, str | None]


def examples(paths: Iterable[Path]) -> list[list[Example]]:
    """Tokenised sentences of the documents, each token labelled from the gold EVENTs."""
    out: list[list[Example]] = []
    for path in paths:
        doc = read_timeml(path)
        pos_of: dict[str, str] = {}
        for tag in _INSTANCE_RE.findall(doc.raw):
            attrs = dict(_ATTR_RE.findall(tag))
            if "eventID" in attrs and "pos" in attrs:
                pos_of.setdefault(attrs["eventID"], attrs["pos"])
        starts = {e.start: e for e in doc.events}
        for sentence in split_sentences(doc.text):
            tokens = tokenize(sentence.text, sentence.start)
            words = [t.text for t in tokens]
            row: list[Example] = []
            for i, token in enumerate(tokens):
                if not _WORDLIKE_RE.search(token.text):
                    continue
                gold = starts.get(token.start)
                row.append(
                    (
                        features(words, i),
                        gold is not None,
                        token.text.casefold(),
                        gold.event_class if gold else None,
                        pos_of.get(gold.eid) if gold else None,
                    )
                )
            out.append(row)
    return out


def train(sentences: Sequence[Sequence[Example]], epochs: int, seed: int = 13) -> dict[str, float]:
    """Averaged perceptron; features seen once in training are ignored."""
    counts = Counter(f for row in sentences for ex in row for f in ex[0])
    data = [([f for f in ex[0] if counts[f] > 1], ex[1]) for row in sentences for ex in row]
    weights: dict[str, float] = defaultdict(float)
    totals: dict[str, float] = defaultdict(float)  # sum of c * update, for averaging
    c = 1
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(data)
        for feats, gold in data:
            predicted = sum(weights.get(f, 0.0) for f in feats) > 0
            if predicted != gold:
                delta = 1.0 if gold else -1.0
                for f in feats:
                    weights[f] += delta
                    totals[f] += c * delta
            c += 1
    return {f: w - totals[f] / c for f, w in weights.items()}


def prune(weights: dict[str, float], threshold: float = 0.5) -> dict[str, float]:
    return {f: round(w, 2) for f, w in sorted(weights.items()) if abs(w) >= threshold}


def lexicon(sentences: Sequence[Sequence[Example]], min_count: int = 5) -> dict[str, list[object]]:
    """word -> [times an event, occurrences, usual class, usual POS]: every word that was an
    event at least once, and the frequent others (their rarity as events is informative)."""
    seen: Counter[str] = Counter()
    events: Counter[str] = Counter()
    classes: dict[str, Counter[str]] = defaultdict(Counter)
    pos: dict[str, Counter[str]] = defaultdict(Counter)
    for row in sentences:
        for _, gold, word, event_class, part in row:
            seen[word] += 1
            if gold:
                events[word] += 1
                if event_class:
                    classes[word][event_class] += 1
                if part:
                    pos[word][part] += 1
    return {
        word: [
            events[word],
            n,
            classes[word].most_common(1)[0][0] if classes[word] else "",
            pos[word].most_common(1)[0][0] if pos[word] else "",
        ]
        for word, n in sorted(seen.items())
        if n >= min_count or events[word]
    }


def evaluate(
    weights: dict[str, float], lex: dict[str, list[object]], test: Sequence[Sequence[Example]]
) -> dict[str, tuple[float, float, float]]:
    """Trigger P/R/F1 of the model and of the lexicon baseline on ``test``."""
    tallies = {"model": [0, 0, 0], "lexicon": [0, 0, 0]}  # true pos, predicted, gold
    for row in test:
        for feats, gold, word, _, _ in row:
            entry = lex.get(word)
            guesses = {
                "model": sum(weights.get(f, 0.0) for f in feats) > 0,
                "lexicon": bool(entry) and 2 * int(entry[0]) > int(entry[1]),  # type: ignore[call-overload]
            }
            for name, guess in guesses.items():
                t = tallies[name]
                t[0] += guess and gold
                t[1] += guess
                t[2] += gold
    out = {}
    for name, (tp, predicted, gold) in tallies.items():
        p = tp / predicted if predicted else 0.0
        r = tp / gold if gold else 0.0
        out[name] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tbaq", type=Path, default=DEFAULT_TBAQ)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--evaluate-only", action="store_true", help="do not write the model")
    args = parser.parse_args(argv)
    timebank = sorted((args.tbaq / "TimeBank").glob("*.tml"))
    aquaint = sorted((args.tbaq / "AQUAINT").glob("*.tml"))
    if not timebank or not aquaint:
        print(f"no TimeBank/AQUAINT .tml files under {args.tbaq}", file=sys.stderr)
        return 1
    train_set, test_set = examples(timebank), examples(aquaint)
    held_out = prune(train(train_set, args.epochs))
    scores = evaluate(held_out, lexicon(train_set), test_set)
    print(
        f"held-out: trained on TimeBank ({len(timebank)} docs), tested on AQUAINT ({len(aquaint)})"
    )
    for name, (p, r, f) in scores.items():
        print(f"  {name:<8} P {100 * p:5.1f}  R {100 * r:5.1f}  F1 {100 * f:5.1f}")
    if args.evaluate_only:
        return 0
    everything = train_set + test_set
    model = {
        "version": MODEL_VERSION,
        "source": "TBAQ-cleaned TimeBank + AQUAINT EVENT tags; scripts/build_event_model.py",
        "epochs": args.epochs,
        "held_out": {
            "train": "TimeBank",
            "test": "AQUAINT",
            **{
                name: {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
                for name, (p, r, f) in scores.items()
            },
        },
        "weights": prune(train(everything, args.epochs)),
        "lexicon": lexicon(everything),
    }
    args.out.write_text(json.dumps(model, separators=(",", ":"), ensure_ascii=False) + "\n")
    size = args.out.stat().st_size
    print(
        f"wrote {args.out} ({len(model['weights'])} weights, "
        f"{len(model['lexicon'])} lexicon words, {size // 1024} KiB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
