"""Benchmark: entity timelines on the SemEval-2015 Task 4 trial data, against two baselines.

    .venv/bin/python bench/timelines.py            # or: make bench-timelines
    .venv/bin/python bench/timelines.py --trial DIR

Runs, on ``DIR/documents`` (30 TimeML documents) for every gold timeline of
``DIR/gold-timelines`` (default ``../shared/corpora/timeline-trial``):

* **pipeline**: ``timeline.events.timelines.build_timelines``, the raw-text setting (gold
  EVENT/TIMEX3 tags ignored), timed end to end (reading excluded);
* **baseline: first verb**: every sentence naming the entity contributes its first verb,
  dated by the sentence's first date expression, else the DCT;
* **baseline: gold events**: the same with the sentence's first *gold* EVENT instead of
  our verb (what perfect trigger detection alone would give such a baseline);

and prints micro precision/recall/F1 (temporal awareness, ``timeline.evaluation.timelines``)
and F1 per entity for the three.  Both baselines use the pipeline's tagger and the same
name matching (names only: no pronouns or descriptions), so the comparison isolates what
the event analysis (participation, dating, ordering) adds.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from timeline.evaluation.timelines import (
    Timeline,
    TimelineLine,
    TimelineScore,
    read_timeline,
    score_timelines,
)
from timeline.events.extract import Tense
from timeline.events.timelines import (
    UNKNOWN_DATE,
    AnalysedText,
    TargetMatcher,
    analyse_documents,
    build_timeline,
    timeline_date,
)
from timeline.io.timeml import TimeMLDocument, read_timeml
from timeline.model import TimexType
from timeline.temporal.values import value_interval

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TRIAL = ROOT.parent / "shared" / "corpora" / "timeline-trial"

# (sentence id, trigger token) of the event a baseline picks in one sentence, or None
Picker = Callable[[AnalysedText, TimeMLDocument, int], str | None]


def _first_verb(a: AnalysedText, _: TimeMLDocument, k: int) -> str | None:
    for m in a.mentions:
        if m.sentence_index == k and m.tense is not Tense.NOMINAL:
            token = a.doc.token_at(m.trigger.start)
            if token is not None:
                return token.text
    return None


def _first_gold_event(_: AnalysedText, doc: TimeMLDocument, k: int) -> str | None:
    sentence = doc.sentences[k] if k < len(doc.sentences) else None
    if sentence is None:
        return None
    inside = [e for e in doc.events if sentence.start <= e.start < sentence.end]
    return "_".join(min(inside, key=lambda e: e.start).text.split()) if inside else None


def baseline(
    target: str, analysed: Sequence[AnalysedText], docs: Sequence[TimeMLDocument], pick: Picker
) -> Timeline:
    """Every sentence naming ``target`` -> one event, at the sentence's first date or the
    DCT; one ORDER per date, dates in calendar order."""
    matcher = TargetMatcher(target)
    dated: dict[str, list[str]] = {}
    for a, doc in zip(analysed, docs, strict=True):
        names = [m for m in matcher.mentions(a.doc) if m.kind == "name"]
        for k, sentence in enumerate(a.doc.sentences):
            if not any(sentence.start <= m.start < sentence.end for m in names):
                continue
            token = pick(a, doc, k)
            if token is None:
                continue
            first = next(
                (
                    e
                    for e in a.expressions
                    if sentence.start <= e.char_start < sentence.end
                    and e.type in (TimexType.DATE, TimexType.TIME)
                    and e.interval is not None
                ),
                None,
            )
            if first is not None:
                when = timeline_date(first.interval, first.value)
            elif a.doc.dct is not None:
                when = a.doc.dct.isoformat()
            else:
                when = UNKNOWN_DATE
            dated.setdefault(when, []).append(f"{a.doc.doc_id}-{a.doc.sentence_ids[k]}-{token}")

    def key(when: str) -> tuple[int, str]:
        interval = value_interval(when)
        return (interval.start.toordinal() if interval else 10**9, when)

    lines: list[TimelineLine] = []
    for order, when in enumerate(sorted(dated, key=key), start=1):
        for event_id in dict.fromkeys(dated[when]):
            lines.append(TimelineLine(0 if when == UNKNOWN_DATE else order, when, (event_id,)))
    return Timeline(target, tuple(lines))


def _score(gold: dict[str, Timeline], system: dict[str, Timeline]) -> TimelineScore:
    return score_timelines((name, g, system.get(name)) for name, g in gold.items())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trial", type=Path, default=DEFAULT_TRIAL)
    args = parser.parse_args(argv)
    doc_paths = sorted((args.trial / "documents").glob("*.tml"))
    gold_paths = sorted((args.trial / "gold-timelines").glob("*.txt"))
    if not doc_paths or not gold_paths:
        print(f"no documents/ or gold-timelines/ under {args.trial}", file=sys.stderr)
        return 1
    docs = [read_timeml(p) for p in doc_paths]
    gold = {p.name: read_timeline(p) for p in gold_paths}
    entities = {name: g.entity for name, g in gold.items()}

    started = time.perf_counter()
    analysed = analyse_documents(docs)
    ours = {name: build_timeline(entity, analysed) for name, entity in entities.items()}
    elapsed = time.perf_counter() - started

    systems = {
        "pipeline": _score(gold, ours),
        "baseline: first verb": _score(
            gold, {n: baseline(e, analysed, docs, _first_verb) for n, e in entities.items()}
        ),
        "baseline: gold events": _score(
            gold, {n: baseline(e, analysed, docs, _first_gold_event) for n, e in entities.items()}
        ),
    }
    print(f"SemEval-2015 Task 4 trial: {len(docs)} documents, {len(gold)} gold timelines")
    print(f"pipeline time: {elapsed:.2f} s (tagging, events, timelines; reading excluded)\n")
    width = max(len(n) for n in systems)
    print(f"{'system':<{width}}  {'P':>6} {'R':>6} {'F1':>6}")
    for name, score in systems.items():
        print(
            f"{name:<{width}}  {100 * score.precision:6.2f} {100 * score.recall:6.2f} "
            f"{100 * score.f1:6.2f}"
        )
    print()
    short = [n.replace("baseline: ", "") for n in systems]
    column = max(12, *(len(s) for s in short))
    names_width = max(len(e) for e in entities.values())
    print(f"{'F1 per entity':<{names_width}}  " + " ".join(f"{s:>{column}}" for s in short))
    for k, (name, entity) in enumerate(entities.items()):
        cells = [f"{100 * score.parts[k].f1:{column}.2f}" for score in systems.values()]
        assert all(score.parts[k].name == name for score in systems.values())
        print(f"{entity:<{names_width}}  " + " ".join(cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
