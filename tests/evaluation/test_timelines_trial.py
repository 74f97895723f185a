"""The entity-timeline pipeline on the SemEval-2015 Task 4 trial data (raw-text setting).

Target from the issue: micro F1 >= 30 (temporal awareness) on the 30 trial documents; the
stand-in of ``fixtures/corpora`` has its own floor.  The pipeline's speed is measured in
``bench/speed.py``, not here.  Also checks that it beats the simple baseline of
``bench/timelines.py``, so a regression to "first verb of every sentence" fails.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from corpus_fixtures import TrialCorpus

from timeline.evaluation.timelines import read_timeline, score_timelines
from timeline.io.timeml import read_timeml
from timeline.tasks.semeval_timelines import analyse_documents, build_timeline

ROOT = Path(__file__).resolve().parents[2]


def _bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "bench_timelines", ROOT / "bench" / "timelines.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_timelines"] = module
    spec.loader.exec_module(module)
    return module


def test_trial_timelines_reach_the_target(trial: TrialCorpus) -> None:
    docs = [read_timeml(p) for p in sorted(trial.documents.glob("*.tml"))]
    gold = {p.name: read_timeline(p) for p in sorted(trial.gold.glob("*.txt"))}
    analysed = analyse_documents(docs)
    ours = {name: build_timeline(g.entity, analysed) for name, g in gold.items()}
    score = score_timelines((name, g, ours[name]) for name, g in gold.items())
    assert len(docs) == trial.files
    assert score.f1 >= trial.min_f1, (score.precision, score.recall)

    bench = _bench()
    baseline = score_timelines(
        (name, g, bench.baseline(g.entity, analysed, docs, bench._first_verb))
        for name, g in gold.items()
    )
    assert score.f1 > baseline.f1 + trial.margin
