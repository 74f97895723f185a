"""Benchmark: is the stored timeline a function of the set of documents (#16.4)?

    .venv/bin/python bench/order.py                       # SQLite in a temporary folder
    .venv/bin/python bench/order.py --db postgresql+psycopg://postgres@127.0.0.1:5432/test_order
    .venv/bin/python bench/order.py --trial 20 --kills 3 --seed 7

The corpus: the ``--trial`` first SemEval-2015 timeline-trial documents (``$TIMELINE_CORPORA``,
``timeline.evaluation.corpora``), every other one as its bare text (no DCT, so that it is dated
from its content and its sisters) and the others as TimeML (dated by their DCT), plus the
five seeds.  It is ingested

* as one batch by ``timeline ingest`` (the reference),
* one document at a time, in name order and in reverse,
* in shuffled batches of random sizes,
* one file first, then ``timeline ingest`` of them all killed with SIGKILL at a random
  moment of its run and run again (``--kills`` times; the issue's "killed after its first
  document"),

and each store's ``timeline.export.canonical.canonical_state`` (the dump and the dates
without database ids) is compared with the reference's.  Printed per run: documents dated
differently and entries that differ.  On PostgreSQL ``--db`` names a database this script
may empty (it drops the timeline tables before every run).
"""

from __future__ import annotations

import argparse
import copy
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timeline.evaluation.corpora import corpus_path  # noqa: E402
from timeline.export.canonical import canonical_state, differences  # noqa: E402
from timeline.ingest import SUPPORTED_SUFFIXES  # noqa: E402
from timeline.ingest.readers import read_source_items  # noqa: E402
from timeline.ingest.sources import list_sources  # noqa: E402
from timeline.io.timeml import read_timeml  # noqa: E402
from timeline.model import Document  # noqa: E402
from timeline.pipeline import ingest_documents  # noqa: E402
from timeline.store import Store  # noqa: E402

# the command of this interpreter's environment, reading the code of this checkout
TIMELINE = Path(sys.executable).with_name("timeline")


def build_corpus(folder: Path, trial: int) -> Path:
    """The corpus files in ``folder``: trial documents (every other one bare text) and
    the seeds."""
    out = folder / "corpus"
    out.mkdir()
    sources = sorted(corpus_path("timeline-trial", "documents").glob("*.tml"))[:trial]
    for k, path in enumerate(sources):
        if k % 2:
            text = read_timeml(path).text
            (out / f"{path.stem}.txt").write_text(text, encoding="utf-8")
        else:
            (out / path.name).write_bytes(path.read_bytes())
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        (out / seed.name).write_bytes(seed.read_bytes())
    return out


def read_corpus(folder: Path) -> list[Document]:
    found, _ = list_sources(str(folder), SUPPORTED_SUFFIXES)
    return [d for source in found for d in read_source_items(source) if isinstance(d, Document)]


class Databases:
    """Fresh empty databases: SQLite files in a folder, or one PostgreSQL database emptied."""

    def __init__(self, folder: Path, postgres: str | None) -> None:
        self.folder, self.postgres, self.count = folder, postgres, 0

    def fresh(self) -> str:
        self.count += 1
        if self.postgres is None:
            return f"sqlite:///{self.folder / f'run{self.count}.db'}"
        import sqlalchemy as sa

        from timeline.store.engine import normalise_url

        engine = sa.create_engine(normalise_url(self.postgres))
        with engine.begin() as connection:
            connection.exec_driver_sql("DROP SCHEMA public CASCADE")
            connection.exec_driver_sql("CREATE SCHEMA public")
        engine.dispose()
        return self.postgres


def in_process(url: str, batches: Sequence[Sequence[Document]]) -> None:
    with Store(url) as store:
        store.migrate()
        for batch in batches:
            ingest_documents(store, copy.deepcopy(list(batch)))


def stored_count(url: str) -> int:
    with Store(url) as store:
        return len(store.documents())


def cli_ingest(url: str, paths: Sequence[Path], *, kill_at: float | None = None) -> str:
    """``timeline ingest PATHS``; with ``kill_at``, SIGKILL it after that many seconds
    (unless it ended before) and say how many documents were stored then."""
    env = dict(os.environ, TIMELINE_DATABASE_URL=url, PYTHONPATH=str(ROOT))
    command = [str(TIMELINE), "ingest", "--quiet", *map(str, paths)]
    if kill_at is None:
        subprocess.run(command, env=env, check=False, stderr=subprocess.DEVNULL)
        return "ran"
    process = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    try:
        process.wait(timeout=kill_at)
        return f"ended before the kill at {kill_at:.1f} s"
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
    return f"killed at {kill_at:.1f} s with {stored_count(url)} stored"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trial", type=int, default=30, help="trial documents (default 30)")
    parser.add_argument("--kills", type=int, default=2, help="interrupted runs (default 2)")
    parser.add_argument("--shuffles", type=int, default=2, help="shuffled batchings")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--db", default=None, help="a PostgreSQL URL this script may empty")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = build_corpus(Path(tmp), args.trial)
        documents = read_corpus(corpus)
        databases = Databases(Path(tmp), args.db)
        print(f"corpus: {len(documents)} documents; database: {args.db or 'SQLite'}")

        url = databases.fresh()
        started = time.perf_counter()
        cli_ingest(url, [corpus])
        took = time.perf_counter() - started
        with Store(url) as store:
            reference = canonical_state(store)
        print(
            f"reference (one `timeline ingest`): {len(reference['documents'])} documents, "
            f"{len(reference['entries'])} entries"
        )

        runs: list[tuple[str, Callable[[str], str]]] = [
            ("one at a time, name order", lambda u: _batches(u, documents, 1, None)),
            ("one at a time, reversed", lambda u: _batches(u, documents[::-1], 1, None)),
        ]
        for k in range(args.shuffles):
            runs.append((f"shuffled batches #{k + 1}", lambda u: _batches(u, documents, 0, rng)))
        first = sorted(corpus.iterdir())[0]
        for _ in range(args.kills):
            at = rng.uniform(0.2, took)
            runs.append(
                ("one file, killed, re-run", partial(_killed, corpus=corpus, first=first, at=at))
            )
        print(f"{'run':<34} {'dated differently':>18} {'entries differing':>18}  note")
        worst = 0
        for name, run in runs:
            url = databases.fresh()
            note = run(url)
            with Store(url) as store:
                state = canonical_state(store)
            diff = differences(state, reference)
            differing = diff["entries_only_here"] + diff["entries_only_there"]
            worst = max(worst, diff["documents_dated_differently"], differing)
            print(
                f"{name:<34} {diff['documents_dated_differently']:>9} of {diff['documents']:<6}"
                f" {differing:>9} of {diff['entries']:<6}  {note}"
            )
    return 0 if worst == 0 else 1


def _batches(url: str, documents: Sequence[Document], size: int, rng: random.Random | None) -> str:
    order = list(documents)
    if rng is not None:
        rng.shuffle(order)
    batches: list[list[Document]] = []
    while order:
        n = size if size or rng is None else rng.randint(1, 8)
        batches.append(order[:n])
        order = order[n:]
    in_process(url, batches)
    return f"{len(batches)} batches"


def _killed(url: str, corpus: Path, first: Path, at: float) -> str:
    """The issue's case: one document stored, then an ingest of them all killed, then run
    again."""
    cli_ingest(url, [first])
    note = cli_ingest(url, [corpus], kill_at=at)
    cli_ingest(url, [corpus])
    return note


if __name__ == "__main__":
    sys.exit(main())
