"""Train ``timeline/events/data/participation_model.json`` from MEANTIME's participation
links (``timeline.events.participation``).

    .venv/bin/python scripts/build_participation_model.py [--trial DIR]

Split: the MEANTIME files that annotate the SemEval trial documents of the *tune* half
(``fixtures/events/trial_split.json``) are the training data; those of the held-out half
are never trained on and give the figures written beside the weights (precision, recall
and F1 of "takes part" at probability 0.5, over every event/entity-mention pair of a
sentence).  Training is deterministic (files and pairs in a fixed order).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from timeline.evaluation.corpora import corpus_path
from timeline.events.participation import MODEL_PATH, participation, train
from timeline.tasks.meantime_participants import (
    files_by_half,
    read_participation,
)

ROOT = Path(__file__).resolve().parents[1]
SPLIT = ROOT / "fixtures" / "events" / "trial_split.json"


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
    files = {half: [read_participation(p) for p in found] for half, found in paths.items()}
    examples = [pair for f in files["tune"] for pair in f.pairs]
    weights = train(examples)
    figures = {}
    for half, parsed in files.items():
        tp = fp = fn = 0
        for f in parsed:
            for pair, label in f.pairs:
                guess = participation(pair, weights) >= 0.5
                tp += guess and label
                fp += guess and not label
                fn += label and not guess
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        pairs = sum(len(f.pairs) for f in parsed)
        figures[half] = {
            "files": len(parsed),
            "pairs": pairs,
            "positives": tp + fn,
            "precision": round(100 * p, 1),
            "recall": round(100 * r, 1),
            "f1": round(100 * f1, 1),
        }
        print(
            f"{half:9} {len(parsed):3} files {pairs:6} pairs {tp + fn:5} positive  "
            f"P {100 * p:5.1f} R {100 * r:5.1f} F1 {100 * f1:5.1f}"
        )
    model = {
        "version": 1,
        "source": "MEANTIME HAS_PARTICIPANT links (timeline-trial/meantime-annotated), "
        "the files of the tune half's documents only",
        "train_files": [f.name for f in files["tune"]],
        "held_out_files": [f.name for f in files["held_out"]],
        "figures_at_0.5": figures,
        "weights": weights,
    }
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"{len(weights)} weights -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
