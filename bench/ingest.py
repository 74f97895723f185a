"""Benchmark: does ingest cost stay flat as the store grows, and do workers add throughput?

    .venv/bin/python bench/ingest.py                       # SQLite + PostgreSQL, stores 0/1k/10k
    .venv/bin/python bench/ingest.py --sizes 0 1000 --databases sqlite   # shorter
    .venv/bin/python bench/ingest.py --sizes 0 1000 10000 100000         # 100k: long (hours)
    .venv/bin/python bench/ingest.py --parts workers --workers 1 2 4     # throughput only
    .venv/bin/python bench/ingest.py --parts stream --stream-docs 1000 5000 --databases sqlite
    .venv/bin/python bench/ingest.py --parts serial --databases sqlite postgresql

**Corpus.**  Real texts (the TimeBank, AQUAINT and WikiNews articles of
``$TIMELINE_CORPORA``, default ``../shared/corpora``) recombined into as many distinct
articles as asked: article ``i`` is runs of consecutive sentences from two or three source
articles (chosen by a generator seeded with ``i``), its years shifted by 0-7 and its
person names' first names swapped for others of the corpus, so that the stored articles
share names, years and happenings the way a news archive does, without repeating one.
``published`` is the first source's creation day shifted by the same years (the
"with published" variant, a JSON ``published`` field), or absent ("without").

**Stores.**  A store of N documents is filled once and cached under ``--cache``
(default ``/tmp/timeline-bench-ingest``): ``--distinct`` (10,000) synthetic articles with
``published`` are analysed (in chunks of 100 dated jointly, on every core, cached) and
stored again as further reports of the same stories up to N (an archive where a
happening has several sources: merge candidates and neighbourhoods grow with N), added
through ``UnitOfWork.add`` (the store's own merge, no re-dating: the bulk path), then
the SQLite file is copied and the PostgreSQL database cloned (``CREATE DATABASE ...
TEMPLATE``) for each measurement.  A PostgreSQL store is bulk-loaded from the SQLite one
when that exists (``COPY``, table by table: the same rows).

**Figures.**

* ``per 100``: seconds to ingest 100 new articles (one ``ingest_documents`` call, as
  ``timeline ingest DIR`` does) into a store of N, and ``single``: seconds per article
  ingested one call at a time (as a POST does), with their ratio to the empty store.
  Flat is the goal (issue 15: within 1.5x at 10k).  Ingest stores the articles
  unsettled; the **settle job** that re-dates their stored neighbourhoods
  (``settle_unsettled``, a queued task with workers) is timed apart: after the 100, and
  after each single.
* ``workers``: ``timeline ingest DIR --workers W`` on 200 articles into an empty store
  (batches of ``--batch`` 50, so that two workers have batches to share),
  documents/s, speed-up over one worker and peak RSS (the sum over the process tree,
  sampled every 50 ms).
* ``stream``: ``timeline ingest DIR`` (one process, batches of 100) on folders of
  ``--stream-docs`` articles into an empty store: peak RSS, which must not grow with the
  folder (the files are read as a stream, a batch at a time), and documents/s.
* ``serial``: the load-independent figure for workers.  ``--worker-docs`` articles in
  batches of ``--batch``, in this process, the CPU time (``time.process_time``, so other
  processes on the machine do not count) of each batch's analysis (what the workers run in
  parallel: ``batches.analyse_batch``) and of its storing (what the one writer runs in
  order: ``pipeline.store_analysed`` without settling, split into preparing,
  ``_settled_batch``, the batch's own corpus step, and the unit of work's ``add``,
  ``replace_analysis`` of re-dated documents and ``settle``, the regrouping of entries at
  the commit; then the settle job once for the run, ``settle_unsettled``, as
  ``timeline ingest`` runs it); the serial fraction ``s`` = storing / (analysis +
  storing) and the speed-up Amdahl's law bounds W workers to, ``1 / (s + (1 - s) / W)``, for W = 2.

No assertion: it prints figures and ratios (``--json FILE`` keeps them).
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from timeline.evaluation.corpora import corpora_root
from timeline.io.timeml import read_timeml
from timeline.model import AnalysedDocument, Document
from timeline.pipeline import analyse_corpus, ingest_documents, settle_unsettled
from timeline.store import Store
from timeline.text.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[1]
CORPORA = corpora_root()  # $TIMELINE_CORPORA, else ../shared/corpora
PG_ADMIN = os.environ.get("BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
_YEAR_RE = re.compile(r"\b(19[5-9]\d|20[0-2]\d)\b")
_NAME_RE = re.compile(r"\b([A-Z][a-z]{2,})\s+([A-Z][a-z]{2,})\b")
_CHUNK = 100  # articles analysed (and dated) together when filling a store
CACHE_VERSION = "1"


# -- the synthetic corpus ---------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    name: str
    sentences: tuple[str, ...]
    dct: date | None


def load_sources(corpora: Path) -> list[Source]:
    """The real articles the corpus is recombined from, in a fixed order."""
    paths = sorted((corpora / "tbaq").rglob("*.tml")) + sorted(
        (corpora / "timeline-trial" / "documents").glob("*.tml")
    )
    out = []
    for path in paths:
        doc = read_timeml(path)
        sentences = tuple(s.text for s in split_sentences(doc.text) if len(s.text) > 20)
        if len(sentences) >= 4:
            out.append(Source(path.stem, sentences, doc.dct))
    if not out:
        sys.exit(f"bench/ingest.py: no TimeML articles under {corpora} (set TIMELINE_CORPORA)")
    return out


def _first_names(sources: Sequence[Source]) -> list[str]:
    names = {m.group(1) for s in sources for t in s.sentences for m in _NAME_RE.finditer(t)}
    return sorted(names)


def synthetic(
    sources: Sequence[Source], n: int, *, published: bool, offset: int = 0
) -> list[Document]:
    """``n`` distinct articles recombined from ``sources`` (see the module docstring);
    article ``i`` depends only on ``i + offset`` and the sources."""
    firsts = _first_names(sources)
    out: list[Document] = []
    for i in range(offset, offset + n):
        rng = random.Random(i)
        shift = rng.randrange(8)
        picked = rng.sample(range(len(sources)), rng.choice((2, 3)))
        paragraphs = []
        for k in picked:
            sentences = sources[k].sentences
            length = min(len(sentences), rng.randrange(3, 9))
            start = rng.randrange(len(sentences) - length + 1)
            paragraphs.append(" ".join(sentences[start : start + length]))
        swap = {f: rng.choice(firsts) for f in rng.sample(firsts, min(len(firsts), 40))}
        text = "\n\n".join(paragraphs)
        text = _YEAR_RE.sub(lambda m, shift=shift: str(int(m.group(1)) + shift), text)
        text = _NAME_RE.sub(
            lambda m, swap=swap: f"{swap.get(m.group(1), m.group(1))} {m.group(2)}", text
        )
        metadata: dict[str, object] = {}
        dct = sources[picked[0]].dct
        if published and dct is not None:
            day = dct.replace(year=dct.year + shift, day=min(dct.day, 28))
            metadata["published"] = day.isoformat()
        out.append(Document(name=f"synthetic-{i:07d}.json", text=text, metadata=metadata))
    return out


# -- filled stores, cached --------------------------------------------------------------------


def _analyse_chunk(documents: list[Document]) -> list[AnalysedDocument]:
    return analyse_corpus(documents)


def analysed(
    sources: Sequence[Source], n: int, cache: Path, jobs: int, distinct: int
) -> list[AnalysedDocument]:
    """``n`` filling articles analysed (with ``published``): the first ``distinct``
    synthetic articles, cached per chunk of 100 as pickles (analysed in ``jobs``
    processes), then again as further reports of the same stories (other content hashes,
    the same text) until there are ``n``: an archive where most happenings have several
    sources, which makes merge candidates and neighbourhoods grow with the store."""
    cache.mkdir(parents=True, exist_ok=True)
    chunks = range(0, min(n, distinct), _CHUNK)
    paths = [cache / f"analysed-v{CACHE_VERSION}-{k:07d}.pickle" for k in chunks]
    missing = [(k, p) for k, p in zip(chunks, paths, strict=True) if not p.exists()]
    work = [synthetic(sources, _CHUNK, published=True, offset=10_000_000 + k) for k, _ in missing]
    with ProcessPoolExecutor(jobs) as pool:
        for (k, path), done in zip(missing, pool.map(_analyse_chunk, work), strict=True):
            path.write_bytes(pickle.dumps(done))
            print(f"  analysed {k + _CHUNK}/{min(n, distinct)}", file=sys.stderr, flush=True)
    base: list[AnalysedDocument] = []
    for path in paths:
        base.extend(pickle.loads(path.read_bytes()))
    out = list(base[:n])
    copy = 0
    while len(out) < n:
        copy += 1
        for a in base[: n - len(out)]:
            document = replace(a.document, name=f"copy{copy}-{a.document.name}")
            document.metadata = {**a.document.metadata, "doc_id": f"copy{copy}-{a.document.name}"}
            out.append(replace(a, document=document))
    return out


def _fill(url: str, documents: Sequence[AnalysedDocument]) -> None:
    with Store(url) as store:
        store.migrate()
        for i in range(0, len(documents), 200):
            with store.unit_of_work() as work:
                for a in documents[i : i + 200]:
                    work.add(a)
            print(f"  stored {min(len(documents), i + 200)}/{len(documents)}", file=sys.stderr)


def _copy(source: str, target: str) -> None:
    """Bulk-load a filled store into an empty one, table by table (PostgreSQL: ``COPY``
    through psycopg), the identity sequences moved past the copied ids."""
    import sqlalchemy as sa

    from timeline.store.tables import Base

    with Store(target) as store:
        store.migrate()
    reader = sa.create_engine(source)
    writer = sa.create_engine(target.replace("postgresql+psycopg", "postgresql+psycopg"))
    tables = [t for t in Base.metadata.sorted_tables]
    with reader.connect() as src, writer.begin() as dst:
        dst.exec_driver_sql(f"TRUNCATE {', '.join(t.name for t in tables)} CASCADE")
        for table in tables:
            columns = [c.name for c in table.columns]
            raw = dst.connection.dbapi_connection
            assert raw is not None
            names = ", ".join(f'"{c}"' for c in columns)
            with raw.cursor().copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
                for row in src.execute(sa.select(table)).tuples():
                    copy.write_row(_pg_values(table, row))
            if "id" in columns and table.name != "store_state":
                dst.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE((SELECT max(id) FROM {table.name}), 1))"
                )
    reader.dispose()
    writer.dispose()
    print(f"  copied {source} into {target}", file=sys.stderr)


def _pg_values(table: object, row: tuple[object, ...]) -> list[object]:
    """A row read from SQLite as COPY takes it (JSON columns as JSON text)."""
    import sqlalchemy as sa

    out: list[object] = []
    for column, value in zip(table.columns, row, strict=True):  # type: ignore[attr-defined]
        if isinstance(column.type, sa.JSON) and value is not None:
            value = json.dumps(value)
        out.append(value)
    return out


class Databases:
    """Fresh copies of filled stores on SQLite (file copies) and PostgreSQL (templates)."""

    def __init__(self, cache: Path, tag: str) -> None:
        self.cache, self.tag = cache, tag
        cache.mkdir(parents=True, exist_ok=True)
        self.scratch = Path(tempfile.mkdtemp(prefix="bench-ingest-"))

    def sqlite(self, n: int, fill: Callable[[], Sequence[AnalysedDocument]]) -> str:
        template = self.cache / f"store-{self.tag}-{n}.db"
        if not template.exists():
            _fill(f"sqlite:///{template}", fill())
        copy = self.scratch / f"store-{n}.db"
        for suffix in ("-wal", "-shm", ""):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(template, copy)
        return f"sqlite:///{copy}"

    def postgresql(self, n: int, fill: Callable[[], Sequence[AnalysedDocument]]) -> str:
        import sqlalchemy as sa

        template = f"bench_ingest_{self.tag}_{n}"
        copy = f"bench_ingest_{self.tag}_run"
        admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            exists = c.execute(
                sa.text("SELECT 1 FROM pg_database WHERE datname = :d"), {"d": template}
            ).first()
            if exists is None:
                c.execute(sa.text(f'CREATE DATABASE "{template}"'))
        if exists is None:
            source = self.cache / f"store-{self.tag}-{n}.db"
            if source.exists():
                _copy(f"sqlite:///{source}", _pg_url(template))
            else:
                _fill(_pg_url(template), fill())
        with admin.connect() as c:
            c.execute(sa.text(f'DROP DATABASE IF EXISTS "{copy}"'))
            c.execute(sa.text(f'CREATE DATABASE "{copy}" TEMPLATE "{template}"'))
        admin.dispose()
        return _pg_url(copy)

    def close(self) -> None:
        shutil.rmtree(self.scratch, ignore_errors=True)


def _tag() -> str:
    """Cached stores are per schema (the latest migration), so that code before and after
    a migration never shares one.  Both variants measure against the same stores (their
    articles carry ``published``): what varies is the new articles."""
    from timeline.store.repository import MIGRATIONS_DIR

    head = max(p.name.split("_")[0] for p in (MIGRATIONS_DIR / "versions").glob("0*.py"))
    return f"{CACHE_VERSION}_{head}"


def _pg_url(database: str) -> str:
    return PG_ADMIN.rsplit("/", 1)[0] + "/" + database


# -- measurements -----------------------------------------------------------------------------


def time_batch(url: str, documents: Sequence[Document]) -> tuple[float, float]:
    """Seconds for one ``ingest_documents`` call of ``documents``, and for the settle job
    after it (``settle_unsettled``: re-dating the new articles' stored neighbourhoods)."""
    with Store(url) as store:
        store.migrate()
        began = time.perf_counter()
        results = ingest_documents(store, [_fresh(d) for d in documents], settle=False)
        elapsed = time.perf_counter() - began
        began = time.perf_counter()
        settle_unsettled(store)
        settling = time.perf_counter() - began
    assert sum(r.created for r in results) == len(documents), "the articles must be new"
    return elapsed, settling


def time_single(url: str, documents: Sequence[Document]) -> tuple[float, float]:
    """Seconds per article ingested one call at a time (as a POST does), and per settle
    job after each (what a worker runs next)."""
    ingesting = settling = 0.0
    with Store(url) as store:
        store.migrate()
        for d in documents:
            began = time.perf_counter()
            ingest_documents(store, [_fresh(d)], settle=False)
            ingesting += time.perf_counter() - began
            began = time.perf_counter()
            settle_unsettled(store)
            settling += time.perf_counter() - began
        return ingesting / len(documents), settling / len(documents)


def _fresh(d: Document) -> Document:
    return Document(name=d.name, text=d.text, metadata=dict(d.metadata))


class RssSampler:
    """Peak resident memory of a process and its descendants (sum), from /proc."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak = pid, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        page = os.sysconf("SC_PAGE_SIZE")
        while not self._stop.wait(0.05):
            total = 0
            for pid in _tree(self.pid):
                try:
                    total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page
                except (OSError, IndexError, ValueError):
                    continue
            self.peak = max(self.peak, total)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def _tree(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    out, frontier = [root], [root]
    while frontier:
        frontier = [p for p, pp in parents.items() if pp in frontier]
        out += frontier
    return out


def run_workers(url: str, folder: Path, workers: int, batch: int) -> tuple[float, int]:
    """``timeline ingest folder --workers W``: seconds and peak RSS of the process tree."""
    command = [str(Path(sys.executable).parent / "timeline"), "ingest", str(folder), "--quiet"]
    command += ["--db", url]
    if workers > 1 or _has_workers_option():
        command += ["--workers", str(workers)]
    began = time.perf_counter()
    environment = {**os.environ, "TIMELINE_INGEST_BATCH": str(batch)}
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment
    )
    sampler = RssSampler(process.pid)
    _, err = process.communicate()
    elapsed = time.perf_counter() - began
    peak = sampler.stop()
    if process.returncode != 0:
        sys.exit(f"bench/ingest.py: timeline ingest failed: {err.decode()[-400:]}")
    return elapsed, peak


def _has_workers_option() -> bool:
    help_text = subprocess.run(
        [str(Path(sys.executable).parent / "timeline"), "ingest", "--help"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return "--workers" in help_text


def write_folder(folder: Path, docs: Sequence[Document]) -> None:
    """One JSON file per article (``published`` a field when the article has one)."""
    folder.mkdir(parents=True, exist_ok=True)
    for d in docs:
        payload = {"title": d.name, "text": d.text, **d.metadata}
        (folder / d.name).write_text(json.dumps(payload), encoding="utf-8")


def serial_fraction(sources: Sequence[Source], args: argparse.Namespace) -> list[dict[str, object]]:
    """CPU seconds of the parallel part (analysis) and of the serial part (storing) of a
    batch ingest, and the speed-up they allow on 2 workers (see the module docstring)."""
    import timeline.pipeline as pipeline
    from timeline.batches import analyse_batch, batches
    from timeline.store.unit_of_work import UnitOfWork

    rows: list[dict[str, object]] = []
    for variant in args.variants:
        docs = synthetic(sources, args.worker_docs, published=variant == "with", offset=200)
        for database in args.databases:
            dbs = Databases(args.cache, _tag())
            parts = ("analysis", "storing", "preparing", "writing", "redated", "regrouping")
            spent = dict.fromkeys((*parts, "settling"), 0.0)
            wall = 0.0  # storing, wall clock (PostgreSQL's own CPU is not this process's)
            prepare, add = pipeline._settled_batch, UnitOfWork.add
            replace, regroup = UnitOfWork.replace_analysis, UnitOfWork.settle

            def timed(
                name: str, work: Callable[..., object], spent: dict[str, float] = spent
            ) -> Callable[..., object]:
                def run(*a: object, **k: object) -> object:
                    began = time.process_time()
                    try:
                        return work(*a, **k)
                    finally:
                        spent[name] += time.process_time() - began

                return run

            pipeline._settled_batch = timed("preparing", prepare)  # type: ignore[assignment]
            UnitOfWork.add = timed("writing", add)  # type: ignore[assignment,method-assign]
            UnitOfWork.replace_analysis = timed("redated", replace)  # type: ignore[assignment,method-assign]
            UnitOfWork.settle = timed("regrouping", regroup)  # type: ignore[assignment,method-assign]
            try:
                url = getattr(dbs, database)(0, list)
                analyse_batch([_fresh(d) for d in docs[:2]])  # models loaded: not counted
                with Store(url) as store:
                    store.migrate()
                    for batch in batches([_fresh(d) for d in docs], args.batch):
                        began = time.process_time()
                        done = analyse_batch(batch)
                        middle, clock = time.process_time(), time.perf_counter()
                        pipeline.store_analysed(store, done.analysed, settle=False)
                        wall += time.perf_counter() - clock
                        spent["analysis"] += middle - began
                        spent["storing"] += time.process_time() - middle
                    # the settle job, once for the run as ``timeline ingest`` runs it
                    began, clock = time.process_time(), time.perf_counter()
                    pipeline.settle_unsettled(store)
                    wall += time.perf_counter() - clock
                    spent["settling"] += time.process_time() - began
                    spent["storing"] += time.process_time() - began
            finally:
                pipeline._settled_batch = prepare
                UnitOfWork.add = add  # type: ignore[method-assign]
                UnitOfWork.replace_analysis = replace  # type: ignore[method-assign]
                UnitOfWork.settle = regroup  # type: ignore[method-assign]
                dbs.close()
            share = spent["storing"] / (spent["analysis"] + spent["storing"])
            row = {
                "database": database,
                "variant": variant,
                "documents": len(docs),
                "analysis_cpu_s": round(spent["analysis"], 2),
                "storing_cpu_s": round(spent["storing"], 2),
                "preparing_cpu_s": round(spent["preparing"], 2),
                "writing_cpu_s": round(spent["writing"], 2),
                "redated_cpu_s": round(spent["redated"], 2),
                "regrouping_cpu_s": round(spent["regrouping"], 2),
                "settling_cpu_s": round(spent["settling"], 2),
                "storing_wall_s": round(wall, 2),
                "serial_fraction": round(share, 3),
                "amdahl_2": round(1 / (share + (1 - share) / 2), 2),
            }
            rows.append(row)
            print(
                f"{database:<10} {variant:<7} serial: analysis {row['analysis_cpu_s']} s, "
                f"storing {row['storing_cpu_s']} s (preparing {row['preparing_cpu_s']}, "
                f"adding {row['writing_cpu_s']}, rewriting re-dated {row['redated_cpu_s']}, "
                f"regrouping {row['regrouping_cpu_s']}, "
                f"the settle job at the end {row['settling_cpu_s']}) CPU, "
                f"storing {row['storing_wall_s']} s wall; "
                f"serial fraction {row['serial_fraction']}, "
                f"2 workers at most {row['amdahl_2']}x",
                flush=True,
            )
    return rows


def stream_rss(sources: Sequence[Source], args: argparse.Namespace) -> list[dict[str, object]]:
    """Peak RSS of ``timeline ingest DIR`` (one process) on folders of growing size."""
    rows: list[dict[str, object]] = []
    for database in args.databases:
        for n in args.stream_docs:
            folder = Path(tempfile.mkdtemp(prefix="bench-ingest-stream-"))
            dbs = Databases(args.cache, _tag())
            try:
                write_folder(folder, synthetic(sources, n, published=True, offset=200))
                url = getattr(dbs, database)(0, list)
                elapsed, peak = run_workers(url, folder, 1, 100)
            finally:
                dbs.close()
                shutil.rmtree(folder, ignore_errors=True)
            row = {
                "database": database,
                "documents": n,
                "docs_per_s": round(n / elapsed, 2),
                "peak_rss_mb": round(peak / 2**20),
            }
            rows.append(row)
            print(
                f"{database:<10} stream {n:>6} articles: {row['docs_per_s']} docs/s, "
                f"peak RSS {row['peak_rss_mb']} MB",
                flush=True,
            )
    return rows


# -- the run ----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 1000, 10000])
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--variants", nargs="+", default=["with", "without"])
    parser.add_argument("--parts", nargs="+", default=["growth", "workers"])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--worker-docs", type=int, default=200)
    parser.add_argument(
        "--batch", type=int, default=50, help="TIMELINE_INGEST_BATCH of the workers' runs"
    )
    parser.add_argument("--single", type=int, default=5, help="one-call ingests per store")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/timeline-bench-ingest"))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--distinct", type=int, default=10000, help="distinct articles in the filled stores"
    )
    parser.add_argument(
        "--stream-docs", type=int, nargs="+", default=[1000, 5000], help="folder sizes (stream)"
    )
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if max(args.sizes) >= 100_000:
        print("note: a store of 100k articles takes hours to fill the first time", file=sys.stderr)

    sources = load_sources(CORPORA)
    figures: dict[str, object] = {"sizes": args.sizes, "growth": [], "workers": []}
    growth: list[dict[str, object]] = []
    if "growth" in args.parts:
        for variant in args.variants:
            published = variant == "with"
            new = synthetic(sources, 100, published=published, offset=0)
            single = synthetic(sources, args.single, published=published, offset=100)
            for database in args.databases:
                dbs = Databases(args.cache, _tag())
                base: tuple[float, float] | None = None
                try:
                    for n in args.sizes:

                        def fill(n: int = n) -> list[AnalysedDocument]:
                            return analysed(sources, n, args.cache, args.jobs, args.distinct)

                        copy = getattr(dbs, database)
                        batch, batch_settle = time_batch(copy(n, fill), new)
                        one, one_settle = time_single(copy(n, fill), single)
                        base = base or (batch, one)
                        row = {
                            "database": database,
                            "variant": variant,
                            "stored": n,
                            "per_100_s": round(batch, 2),
                            "single_s": round(one, 3),
                            "per_100_ratio": round(batch / base[0], 2),
                            "single_ratio": round(one / base[1], 2),
                            "settle_100_s": round(batch_settle, 2),
                            "settle_single_s": round(one_settle, 3),
                        }
                        growth.append(row)
                        print(
                            f"{database:<10} {variant:<7} stored {n:>6}: "
                            f"{batch:6.2f} s per 100 ({row['per_100_ratio']}x), "
                            f"{one:6.3f} s per single ({row['single_ratio']}x); "
                            f"settle job {batch_settle:6.2f} s after the 100, "
                            f"{one_settle:6.3f} s after a single",
                            flush=True,
                        )
                finally:
                    dbs.close()
    figures["growth"] = growth
    if "workers" in args.parts:
        folder = Path(tempfile.mkdtemp(prefix="bench-ingest-docs-"))
        try:
            for variant in args.variants:
                docs = synthetic(sources, args.worker_docs, published=variant == "with", offset=200)
                for d in docs:
                    payload = {"title": d.name, "text": d.text, **d.metadata}
                    (folder / variant).mkdir(exist_ok=True)
                    (folder / variant / d.name).write_text(json.dumps(payload), encoding="utf-8")
                for database in args.databases:
                    dbs = Databases(args.cache, _tag())
                    one_rate = None
                    try:
                        for w in args.workers:
                            url = getattr(dbs, database)(0, list)
                            elapsed, peak = run_workers(url, folder / variant, w, args.batch)
                            rate = len(docs) / elapsed
                            one_rate = one_rate or rate
                            row = {
                                "database": database,
                                "variant": variant,
                                "workers": w,
                                "docs_per_s": round(rate, 2),
                                "speedup": round(rate / one_rate, 2),
                                "peak_rss_mb": round(peak / 2**20),
                            }
                            figures["workers"].append(row)  # type: ignore[attr-defined]
                            print(
                                f"{database:<10} {variant:<7} workers {w}: {rate:6.2f} docs/s "
                                f"({row['speedup']}x), peak RSS {row['peak_rss_mb']} MB",
                                flush=True,
                            )
                    finally:
                        dbs.close()
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    if "stream" in args.parts:
        figures["stream"] = stream_rss(sources, args)
    if "serial" in args.parts:
        figures["serial"] = serial_fraction(sources, args)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
