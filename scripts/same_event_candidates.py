"""List candidate same-event pairs for hand labelling (``fixtures/events/same_event_pairs.jsonl``).

    .venv/bin/python scripts/same_event_candidates.py > /tmp/candidates.jsonl

Extracts events with the pipeline (``extract_events``) from the SemEval-2015 trial
documents (dated by their DCT) and from ``seeds/`` (dated as ``timeline ingest`` dates
them), and prints every pair of events from *different* documents that could be one
happening at all: both anchored, a shared participant, and times of the same year.  That
is the population the merger decides on; a human then marks each pair ``same`` or not
by reading both sentences (see ``fixtures/events/README.md``), and the fixture keeps the
events as extracted, so later extraction changes do not silently change the test.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from timeline.analysis import TextAnalysis
from timeline.evaluation.corpora import corpus_path
from timeline.events.entities import find_entities
from timeline.events.extract import extract_events
from timeline.events.merge import blocking_key
from timeline.ingest import read_path
from timeline.io.timeml import read_timeml
from timeline.model import Event
from timeline.pipeline import analyse_corpus
from timeline.tasks.semeval_documents import prepare
from timeline.temporal import tag

ROOT = Path(__file__).resolve().parents[1]
TRIAL = corpus_path("timeline-trial", "documents")  # under $TIMELINE_CORPORA


def event_record(document: str, event: Event) -> dict[str, object]:
    assert event.interval is not None
    return {
        "document": document,
        "char_start": event.char_start,
        "trigger": event.trigger,
        "sentence": event.sentence,
        "participants": list(event.participants),
        "value": event.value,
        "start": event.interval.start.isoformat(),
        "end": event.interval.end.isoformat(),
        "granularity": event.interval.granularity.value,
        "anchoring": event.anchoring.value,
        "context": event.context,
    }


def trial_events() -> list[tuple[str, Event]]:
    prepared = [prepare(read_timeml(p)) for p in sorted(TRIAL.glob("*.tml"))]
    known = sorted({e.name for p in prepared for e in find_entities(p.text) if " " in e.name})
    out = []
    for p in prepared:
        analysis = TextAnalysis(p.text, sentences=p.sentences)
        events = extract_events(analysis, tag(p.text, p.dct), p.published, known)
        out.extend((p.doc_id, e) for e in events)
    return out


def seed_events() -> list[tuple[str, Event]]:
    return [
        (a.document.name, e) for a in analyse_corpus(read_path(ROOT / "seeds")) for e in a.events
    ]


def main() -> int:
    events = trial_events() + seed_events()
    n = 0
    for i, (doc_a, a) in enumerate(events):
        for doc_b, b in events[i + 1 :]:
            if doc_a == doc_b or blocking_key(a) != blocking_key(b) or blocking_key(a) is None:
                continue
            shared = {p.casefold() for p in a.participants} & {p.casefold() for p in b.participants}
            if not shared:
                continue
            n += 1
            record = {"a": event_record(doc_a, a), "b": event_record(doc_b, b)}
            print(json.dumps(record, ensure_ascii=False))
    print(f"{n} candidate pairs", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
