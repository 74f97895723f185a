"""Benchmark: the timeline a reader gets, scored against happenings judged by hand.

    .venv/bin/python bench/entries.py                 # tune and held-out trial articles, seeds
    .venv/bin/python bench/entries.py --json bench/results/entries.json [--show noise,missed]

Ingests the judged articles of ``fixtures/events/judged/`` the way a user would (the
trial articles as JSON documents with their publication date, ``seeds/`` as files)
into a fresh SQLite store, one split at a time, reads back every entry and scores them
with ``timeline.evaluation.entries``: entry precision and recall against the judged
happenings, entries per happening (duplicates), over-merges, entries that are only a
reporting verb, dates, participants (and their types), statements.

Printed next to the figures of the pipeline before issue 11 (commit 1e3db23, recorded
in ``bench/results/entries-before.json``; ``--record-before`` writes that file and is
meant to be run with that commit's code first on ``PYTHONPATH``).  The ``held_out``
articles are never used for development: their figures are the untouched split.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from timeline.evaluation.corpora import corpus_path
from timeline.evaluation.entries import (
    EntryScore,
    EntrySource,
    EntryStatement,
    JudgedEntry,
    JudgedSet,
    load_judged,
    score_entries,
)
from timeline.ingest import read_json_payload, read_path
from timeline.io.timeml import read_timeml
from timeline.model import Document, TimelineEntry
from timeline.pipeline import ingest_documents
from timeline.store import Store
from timeline.tasks.semeval_documents import prepare

ROOT = Path(__file__).resolve().parents[1]
JUDGED = ROOT / "fixtures" / "events" / "judged"
DEFAULT_TRIAL = corpus_path("timeline-trial", "documents")  # under $TIMELINE_CORPORA
BEFORE = ROOT / "bench" / "results" / "entries-before.json"
COLUMNS = (
    ("entries", "entries", "d"),
    ("precision", "P", ".1f"),
    ("recall", "R", ".1f"),
    ("f1", "F1", ".1f"),
    ("kept", "kept", ".1f"),
    ("entries_per_happening", "per hap.", ".2f"),
    ("over_merged", "merged2", "d"),
    ("bare_statements", "bare say", "d"),
    ("date_right", "date ok", ".1f"),
    ("date_consistent", "date ~", ".1f"),
    ("entity_precision", "ent P", ".1f"),
    ("participant_recall", "part R", ".1f"),
    ("type_accuracy", "types", ".1f"),
    ("statement_recall", "stmt R", ".1f"),
    ("statement_attached", "stmt at", ".1f"),
)


def trial_documents(judged: JudgedSet, trial: Path) -> list[Document]:
    """The judged trial articles as a user would send them: JSON with a ``published``
    date (the TimeML DCT) and the text re-joined from its tokens."""
    wanted = set(judged.articles)
    out = []
    for path in sorted(trial.glob("*.tml")):
        doc = read_timeml(path)
        if doc.doc_id not in wanted:
            continue
        text = prepare(doc).text
        payload = {"name": doc.doc_id, "text": text, "published": str(doc.dct)}
        out.extend(read_json_payload(doc.doc_id, payload))
    missing = wanted - {d.name for d in out}
    if missing:
        raise SystemExit(f"trial documents not found under {trial}: {sorted(missing)}")
    return out


def as_judged(entry: TimelineEntry) -> JudgedEntry:
    """The scorer's view of an entry as the store's public API returns it (its typed
    participants, statements and kind included)."""
    return JudgedEntry(
        id=entry.id,
        interval=entry.interval,
        entities=entry.entities,
        sources=tuple(
            EntrySource(s.document_name, s.char_start, s.char_end) for s in entry.sources
        ),
        entity_types=dict(zip(entry.entities, entry.entity_types, strict=False)),
        statements=tuple(
            EntryStatement(st.speaker, st.document_name, st.char_start, st.char_end)
            for st in entry.statements
        ),
        kind=entry.kind.value,
    )


def run(judged: JudgedSet, documents: Sequence[Document]) -> tuple[EntryScore, list[str]]:
    """Ingest ``documents`` into a fresh store and score its entries; also returns the
    entries as printed lines, for ``--show``."""
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/bench.db")
        store.migrate()
        try:
            ingest_documents(store, documents)
            texts: dict[str, str] = {}
            sentences = {}
            for d in store.documents():
                assert d.id is not None
                record = store.document(d.id)
                assert record is not None
                texts[d.name] = record.analysed.document.text
                sentences[d.name] = record.analysed.sentences
            entries = store.entries()
        finally:
            store.close()
    views = [as_judged(e) for e in entries]
    score = score_entries(judged, texts, sentences, views)
    lines = [
        f"#{e.id} {e.value} {e.title} <- "
        + ", ".join(f"{s.document_name}@{s.char_start}" for s in e.sources)
        for e in entries
    ]
    return score, lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trial", type=Path, default=DEFAULT_TRIAL)
    parser.add_argument("--json", type=Path, help="write the figures there as JSON")
    parser.add_argument("--record-before", action="store_true", help=f"write {BEFORE}")
    parser.add_argument(
        "--show", default="", help="comma-separated: entries, noise, missed, duplicates"
    )
    args = parser.parse_args(argv)
    show = set(filter(None, args.show.split(",")))
    trial = load_judged(JUDGED / "trial.json")
    seeds_path = JUDGED / "seeds.json"
    groups: dict[str, tuple[JudgedSet, list[Document]]] = {}
    if not args.trial.is_dir():
        print(f"no trial documents at {args.trial}: trial splits skipped", file=sys.stderr)
    else:
        for split in ("tune", "held_out"):
            part = trial.split(split)
            groups[split] = (part, trial_documents(part, args.trial))
    if seeds_path.exists():
        seeds = load_judged(seeds_path)
        groups["seeds"] = (seeds, read_path(ROOT / "seeds"))
    before = json.loads(BEFORE.read_text(encoding="utf-8")) if BEFORE.exists() else {}
    results: dict[str, dict[str, object]] = {}
    label = {"tune": "TUNE", "held_out": "HELD-OUT", "seeds": "SEEDS (development)"}
    head = " ".join(f"{title:>8}" for _, title, _ in COLUMNS)
    for name, (judged, documents) in groups.items():
        score, lines = run(judged, documents)
        results[name] = score.as_dict()
        required = sum(not h.optional for h in judged.happenings)
        print(
            f"== {label[name]}: {len(documents)} articles, {required} happenings "
            f"(+{len(judged.happenings) - required} optional), {len(judged.statements)} statements"
        )
        print(f"{'':<12} {head}")
        rows = {"pipeline": results[name]}
        if name in before:
            rows["before #11"] = before[name]
        for row, figures in rows.items():
            cells = " ".join(f"{figures.get(key, 0):>8{fmt}}" for key, _, fmt in COLUMNS)
            print(f"{row:<12} {cells}")
        if "missed" in show:
            print("  missed:", ", ".join(score.missed) or "-")
        if "duplicates" in show:
            print("  duplicated:", score.duplicated or "-")
        if "noise" in show or "entries" in show:
            noise = set(score.noise)
            for line, entry_id in zip(lines, (int(x[1:].split()[0]) for x in lines), strict=True):
                if "entries" in show or entry_id in noise:
                    print("  " + ("NOISE " if entry_id in noise else "") + line[:160])
        print()
    if args.record_before:
        results_before = {"about": "bench/entries.py on commit 1e3db23 (before issue 11)"}
        BEFORE.write_text(json.dumps(results_before | results, indent=2) + "\n", encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
