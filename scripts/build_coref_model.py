"""Train ``timeline/events/data/coref_model.json`` from MEANTIME's event coreference
within a document (``timeline.events.coref_model``) and measure it against the rules.

    .venv/bin/python scripts/build_coref_model.py [--trial DIR] [--out FILE]

Split: the MEANTIME files that annotate the SemEval trial documents of the *tune* half
(``fixtures/events/trial_split.json``) are the training data, and the threshold is chosen
on them (best pairwise F1 of the model alone); those of the held-out half are never
trained or tuned on.  Each half is read as one corpus (``meantime_coref.read_documents``),
as the timeline bench reads it.

Pairs: every two mentions of one document whose triggers fall on gold event mentions,
one happening when MEANTIME's ``<REFERS_TO>`` says so.  A decision is only asked for the
pairs a document's coreference compares (``happenings._candidates``: one family at
compatible times, or one clause); a gold pair outside them is missed by every decision.
Printed for each half: pairwise precision, recall, F1 and B3 over the mentions (chains:
the connected components of the decisions) for the rules (``happenings.COREF_SIGNALS``),
the rules confirmed by the model (``TIMELINE_LEARNT_COREF=confirm``) and the model alone
(``decide``), each as ``happenings.joined`` decides it.  Across documents, the pairs
MEANTIME links and the cross-document merge rule (``merge.merge_signals`` over
``crossdoc.candidate_pairs``) are counted, for the record: too few to learn from.
Training is deterministic.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from timeline.evaluation.corpora import corpus_path
from timeline.events.coref_model import MODEL_PATH, coreference, pair_features, train
from timeline.events.crossdoc import candidate_pairs
from timeline.events.happenings import COREF_SIGNALS, _candidates, _Item, joined, learnt_mention
from timeline.events.merge import merge_signals
from timeline.tasks.meantime_coref import CorefDocument, read_documents
from timeline.tasks.meantime_participants import files_by_half

ROOT = Path(__file__).resolve().parents[1]
SPLIT = ROOT / "fixtures" / "events" / "trial_split.json"
_THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(2, 20))

# one document's gold-aligned mentions: its text, the items, their gold happenings
Doc = tuple[str, list[_Item], list[str]]


def _docs(parsed: list[CorefDocument]) -> list[Doc]:
    out = []
    for d in parsed:
        kept = [k for k, g in enumerate(d.gold) if g is not None]
        items = [_Item(d.mentions[k], d.events[k], [], True) for k in kept]
        out.append((d.text, items, [d.gold[k] or "" for k in kept]))
    return out


def _pairwise(gold: set[tuple[int, int]], guess: set[tuple[int, int]]) -> dict[str, float]:
    tp = len(gold & guess)
    p = tp / len(guess) if guess else 0.0
    r = tp / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "gold": len(gold),
        "guessed": len(guess),
        "precision": round(100 * p, 1),
        "recall": round(100 * r, 1),
        "f1": round(100 * f, 1),
    }


def _chains(n: int, links: set[tuple[int, int]]) -> list[int]:
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in sorted(links):
        parent[find(j)] = find(i)
    return [find(i) for i in range(n)]


def _b3(gold: list[str], chains: list[int]) -> dict[str, float]:
    n = len(gold)
    p = r = 0.0
    for i in range(n):
        mine = {j for j in range(n) if chains[j] == chains[i]}
        truth = {j for j in range(n) if gold[j] == gold[i]}
        p += len(mine & truth) / len(mine)
        r += len(mine & truth) / len(truth)
    p, r = p / n, r / n
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(100 * p, 1), "recall": round(100 * r, 1), "f1": round(100 * f, 1)}


DECISIONS = {
    "rules": "off",  # ``joined`` as TIMELINE_LEARNT_COREF makes it
    "rules_confirmed": "confirm",
    "model": "decide",
}


def _within(docs: list[Doc], weights: dict[str, float], t: float) -> dict[str, dict[str, object]]:
    """Pairwise and B3 figures of every decision over the documents' mentions."""
    gold: set[tuple[int, int]] = set()
    asked: list[tuple[int, int, list[str], float]] = []
    labels: list[str] = []
    base = 0
    for text, items, happenings in docs:
        for i in range(len(items)):
            for j in range(i + 1, len(items)):
                if happenings[i] == happenings[j]:
                    gold.add((base + i, base + j))
        for j, i in _candidates(items):
            fired = [n for n, signal in COREF_SIGNALS if signal(text, items[i], items[j])]
            first, second = sorted((i, j))
            p = coreference(
                learnt_mention(text, items[first]), learnt_mention(text, items[second]), weights
            )
            asked.append((base + first, base + second, fired, p))
        labels += [f"{base}:{h}" for h in happenings]
        base += len(items)
    out: dict[str, dict[str, object]] = {}
    for name, learnt in DECISIONS.items():
        guess = {
            (i, j)
            for i, j, fired, p in asked
            if joined(fired, lambda p=p: p, learnt, t)  # type: ignore[misc]
        }
        out[name] = {
            "pairs": _pairwise(gold, guess),
            "b3": _b3(labels, _chains(len(labels), guess)),
        }
    out["candidates"] = {"pairs": len(asked), "gold_among_them": len(gold & {a[:2] for a in asked})}
    return out


def _across(parsed: list[CorefDocument]) -> dict[str, object]:
    """The cross-document pairs MEANTIME links among the aligned events, and what the
    merge rule does on them (for the record)."""
    found = [
        (n, e, g)
        for n, d in enumerate(parsed)
        for e, g in zip(d.events, d.gold, strict=True)
        if g is not None
    ]
    gold = {
        (i, j)
        for i in range(len(found))
        for j in range(i + 1, len(found))
        if found[i][0] != found[j][0] and found[i][2] == found[j][2]
    }
    candidates = [
        (i, j) for i, j in candidate_pairs([e for _, e, _ in found]) if found[i][0] != found[j][0]
    ]
    guess = {(i, j) for i, j in candidates if merge_signals(found[i][1], found[j][1]) is not None}
    return {"gold_pairs": len(gold), "candidates": len(candidates), "rules": _pairwise(gold, guess)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trial", type=Path, default=corpus_path("timeline-trial"))
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args()
    split = json.loads(SPLIT.read_text(encoding="utf-8"))
    try:
        paths = files_by_half(args.trial, split)
    except ValueError as error:
        raise SystemExit(str(error)) from error
    parsed = {half: read_documents(found) for half, found in paths.items()}
    docs = {half: _docs(found) for half, found in parsed.items()}
    examples = [
        (
            pair_features(learnt_mention(text, items[i]), learnt_mention(text, items[j])),
            happenings[i] == happenings[j],
        )
        for text, items, happenings in docs["tune"]
        for i in range(len(items))
        for j in range(i + 1, len(items))
    ]
    weights = train(examples)
    best = max(_THRESHOLDS, key=lambda t: _f1(_within(docs["tune"], weights, t)))
    figures: dict[str, dict[str, object]] = {}
    for half in docs:
        rows = _within(docs[half], weights, best)
        across = _across(parsed[half])
        figures[half] = {"within_document": rows, "across_documents": across}
        mentions = sum(len(items) for _, items, _ in docs[half])
        print(f"{half}: {mentions} mentions on gold event mentions, {rows['candidates']}")
        for name in DECISIONS:
            row = rows[name]
            assert isinstance(row, dict)
            print(f"  {name:15}", "  ".join(_line(k, row[k]) for k in row))  # type: ignore[arg-type]
        print(f"  across documents: {across}")
    model = {
        "version": 1,
        "source": "MEANTIME event coreference within a document (REFERS_TO; "
        "timeline-trial/meantime-annotated), the files of the tune half's documents only",
        "train_files": [p.name for p in paths["tune"]],
        "held_out_files": [p.name for p in paths["held_out"]],
        "train_pairs": len(examples),
        "train_positives": sum(1 for _, label in examples if label),
        "threshold": best,
        "figures": figures,
        "weights": weights,
    }
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"threshold {best}; {len(weights)} weights -> {args.out}")
    return 0


def _f1(rows: dict[str, dict[str, object]]) -> float:
    pairs = rows["model"]["pairs"]
    assert isinstance(pairs, dict)
    return float(pairs["f1"])


def _line(name: str, row: dict[str, float]) -> str:
    short = {"pairs": "pairs", "b3": "B3"}[name]
    counts = f" {row['guessed']}/{row['gold']}" if "gold" in row else ""
    return f"{short}{counts} P {row['precision']:5.1f} R {row['recall']:5.1f} F {row['f1']:5.1f}"


if __name__ == "__main__":
    raise SystemExit(main())
