"""Benchmark: latency of a one-month range query through the API, at 10k, 100k and 1M events.

For each database (SQLite, PostgreSQL) and size, a fresh store is migrated (so it has the
indexes the migrations ship) and filled with synthetic events by bulk inserts (sqlite3
``executemany`` in one transaction, PostgreSQL ``COPY``), not by the pipeline.  Then the
same query, "entries overlapping one month, first page of 50"
(``GET /api/v1/events?start=YYYY-MM&end=YYYY-MM&limit=50``), is timed three ways:

* **raw SQL**: the statements the store runs (``timeline.store.queries``, what
  ``Store.entry_page`` runs: on PostgreSQL one prepared statement for the revision, the
  page and its entities and sources; on SQLite the page, then its entities and sources)
  on a bare DB-API connection of the bench's own: the floor;
* **test client**: the whole Flask app in process (routing, argument validation, ETag,
  query, JSON), no network;
* **gunicorn**: a real server (``gthread`` worker) started as a subprocess on a free
  loopback port, queried over one keep-alive ``http.client`` connection.

Each run queries the same fixed list of months (drawn once, weighted like the data: most
in recent years); p50 and p95 are taken per run and the table shows the median over
``--runs`` runs.  The overhead columns are API p50 / raw SQL p50.

Synthetic data (seeded, so every run loads the same store): dates mostly in recent years
(weight growing towards now) and bursty (a third of the events cluster, Gaussian, around a
few hundred news peaks), granularities mostly days but with weeks, months, quarters,
seasons, years, decades and centuries; 1-3 entities per entry drawn from a Zipf
distribution over ~6k plausible names (a few very frequent, a long tail); about 1.3
events per entry; 10 events per document.

Run: ``make bench-api`` or ``.venv/bin/python bench/api.py [--sizes 10000 100000]
[--databases sqlite postgresql] [--runs 5]``.  PostgreSQL comes from
``$TIMELINE_BENCH_POSTGRES_URL`` (default: the local test server); the bench works in its
own schema (``timeline_bench``), dropped at the end.
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import hashlib
import http.client
import itertools
import json
import os
import random
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timeline.model import Granularity, Interval  # noqa: E402
from timeline.store import Store  # noqa: E402
from timeline.store.keys import span_class  # noqa: E402
from timeline.store.queries import EntryQuery, entry_page_sql, run_page  # noqa: E402
from timeline.temporal.values import format_value  # noqa: E402

PG_URL_ENV = "TIMELINE_BENCH_POSTGRES_URL"
PG_URL_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PG_SCHEMA = "timeline_bench"
PAGE = 50
MONTHS_PER_RUN = 40
SEED = 20251122

# --------------------------------------------------------------------------- synthetic data

FIRST = [
    "Donald",
    "Vladimir",
    "Xi",
    "Emmanuel",
    "Olaf",
    "Ursula",
    "Narendra",
    "Recep",
    "Giorgia",
    "Keir",
    "Justin",
    "Fumio",
    "Volodymyr",
    "Benjamin",
    "Mohammed",
    "Joe",
    "Kamala",
    "Antonio",
    "Pedro",
    "Robert",
    "Viktor",
    "Andrzej",
    "Luiz",
    "Cyril",
    "Javier",
    "Claudia",
    "Gustavo",
    "Yoon",
    "Anthony",
    "Jens",
    "Mark",
    "Friedrich",
    "Annalena",
    "Sergei",
    "Kaja",
    "Charles",
    "Rishi",
    "Boris",
    "Angela",
    "Jacinda",
    "Shinzo",
    "Moon",
    "Li",
    "Wang",
    "Alexei",
    "Yulia",
    "Maria",
    "Ali",
    "Hassan",
    "Abdel",
    "Ahmed",
    "Fatima",
    "Aisha",
    "Carlos",
    "Elena",
    "Ivan",
    "Nikolai",
    "Pierre",
    "Marine",
    "Jean",
]
LAST = [
    "Trump",
    "Putin",
    "Jinping",
    "Macron",
    "Scholz",
    "Leyen",
    "Modi",
    "Erdogan",
    "Meloni",
    "Starmer",
    "Trudeau",
    "Kishida",
    "Zelensky",
    "Netanyahu",
    "Salman",
    "Biden",
    "Harris",
    "Guterres",
    "Sanchez",
    "Fico",
    "Orban",
    "Duda",
    "Lula",
    "Ramaphosa",
    "Milei",
    "Sheinbaum",
    "Petro",
    "Suk-yeol",
    "Blinken",
    "Stoltenberg",
    "Rutte",
    "Merz",
    "Baerbock",
    "Lavrov",
    "Kallas",
    "Windsor",
    "Sunak",
    "Johnson",
    "Merkel",
    "Ardern",
    "Abe",
    "Jae-in",
    "Qiang",
    "Yi",
    "Navalny",
    "Tymoshenko",
    "Zakharova",
    "Khamenei",
    "Rouhani",
    "Sisi",
    "Abbas",
    "Haftar",
    "Sall",
    "Bolsonaro",
    "Costa",
    "Petrov",
    "Ivanov",
    "Dubois",
    "Le",
    "Pen",
    "Castex",
]
PLACES = [
    "Alaska",
    "Beijing",
    "Moscow",
    "Kyiv",
    "Washington",
    "Brussels",
    "Paris",
    "Berlin",
    "London",
    "Tokyo",
    "Delhi",
    "Ankara",
    "Rome",
    "Madrid",
    "Warsaw",
    "Budapest",
    "Bratislava",
    "Gaza",
    "Jerusalem",
    "Tehran",
    "Riyadh",
    "Cairo",
    "Geneva",
    "Vienna",
    "Istanbul",
    "Seoul",
    "Pyongyang",
    "Taipei",
    "Hanoi",
    "Jakarta",
    "Canberra",
    "Ottawa",
    "Mexico",
    "Brasilia",
    "Caracas",
    "Havana",
    "Lagos",
    "Nairobi",
    "Pretoria",
    "Kharkiv",
    "Odesa",
    "Crimea",
    "Donbas",
    "NATO",
    "UN",
    "EU",
    "Kremlin",
    "Pentagon",
    "OPEC",
    "WHO",
    "IMF",
]
TRIGGERS = [
    "met",
    "said",
    "signed",
    "announced",
    "visited",
    "attacked",
    "launched",
    "rejected",
    "approved",
    "warned",
    "agreed",
    "claimed",
    "denied",
    "hosted",
    "called",
    "elected",
    "resigned",
    "arrested",
    "discussed",
    "opened",
]
# (granularity, weight): mostly days, as in news.
GRANULARITIES = (
    (Granularity.DAY, 70),
    (Granularity.WEEK, 5),
    (Granularity.MONTH, 12),
    (Granularity.QUARTER, 2),
    (Granularity.SEASON, 1),
    (Granularity.YEAR, 8),
    (Granularity.DECADE, 1.5),
    (Granularity.CENTURY, 0.5),
)
FIRST_DAY = date(1990, 1, 1).toordinal()
LAST_DAY = date(2025, 11, 21).toordinal()


def _names(rng: random.Random) -> list[str]:
    """~6k entity names, most frequent first: people (first + last), then places."""
    people = [f"{f} {last}" for f, last in itertools.product(FIRST, LAST)]
    rng.shuffle(people)
    names = [*LAST[:20], *PLACES, *people]  # surnames alone and places are common
    return names


def _cumulative(weights: Sequence[float]) -> list[float]:
    return list(itertools.accumulate(weights))


def _day(rng: random.Random, bursts: list[int], burst_cum: list[float]) -> int:
    """A day: a third near a news peak, the rest with weight growing towards now."""
    if rng.random() < 0.35:
        centre = bursts[bisect.bisect_left(burst_cum, rng.random() * burst_cum[-1])]
        day = int(rng.gauss(centre, 4))
    else:
        # Exponential recency: half the mass in the last ~4 years.
        back = int(rng.expovariate(1 / (4 * 365)))
        day = LAST_DAY - back
    return min(max(day, FIRST_DAY), LAST_DAY)


def _interval(day: date, granularity: Granularity) -> tuple[Interval, str]:
    """The calendar period of ``granularity`` containing ``day`` and its TimeML value."""
    y, m = day.year, day.month
    if granularity is Granularity.DAY:
        start, end = day, day + timedelta(days=1)
    elif granularity is Granularity.WEEK:
        start = day - timedelta(days=day.weekday())
        end = start + timedelta(days=7)
    elif granularity is Granularity.MONTH:
        start, end = date(y, m, 1), date(y + (m == 12), m % 12 + 1, 1)
    elif granularity in (Granularity.QUARTER, Granularity.SEASON):
        first = (m - 1) // 3 * 3 + 1
        start = date(y, first, 1)
        end = date(y + (first == 10), (first + 2) % 12 + 1, 1)
    elif granularity is Granularity.YEAR:
        start, end = date(y, 1, 1), date(y + 1, 1, 1)
    elif granularity is Granularity.DECADE:
        start, end = date(y // 10 * 10, 1, 1), date(y // 10 * 10 + 10, 1, 1)
    else:
        start, end = date(y // 100 * 100 or 1, 1, 1), date(y // 100 * 100 + 100, 1, 1)
    interval = Interval(start, end, granularity)
    value = format_value(start, granularity)
    if granularity is Granularity.SEASON:
        value = f"{y}-{('WI', 'SP', 'SU', 'FA')[(m - 1) // 3]}"
    return interval, value


@dataclass
class Dataset:
    documents: list[tuple[Any, ...]]
    entries: list[tuple[Any, ...]]
    events: list[tuple[Any, ...]]
    entities: list[tuple[Any, ...]]


def generate(events_wanted: int, seed: int = SEED) -> Dataset:
    """Rows for documents, entries, events and entry_entities (ids from 1, in order)."""
    rng = random.Random(seed)
    names = _names(rng)
    name_cum = _cumulative([1 / (rank + 1) ** 1.1 for rank in range(len(names))])
    gran_cum = _cumulative([w for _, w in GRANULARITIES])
    bursts = [LAST_DAY - int(rng.expovariate(1 / (3 * 365))) for _ in range(300)]
    burst_cum = _cumulative([rng.paretovariate(1.5) for _ in bursts])
    n_documents = max(1, events_wanted // 10)

    documents = []
    for doc_id in range(1, n_documents + 1):
        text = f"Synthetic article {doc_id} about the news of the day."
        published = date.fromordinal(_day(rng, bursts, burst_cum))
        confidence = 0.99 if rng.random() < 0.7 else round(rng.uniform(0.3, 0.9), 2)
        documents.append(
            (
                doc_id,
                f"doc-{doc_id:07d}.txt",
                None,
                f"Article {doc_id}",
                text,
                hashlib.sha256(text.encode()).hexdigest(),
                "{}",
                "[]",
                published,
                published + timedelta(days=1),
                published,
                "day",
                confidence,
                "metadata" if confidence == 0.99 else "content",
                "[]",
            )
        )

    entries: list[tuple[Any, ...]] = []
    events: list[tuple[Any, ...]] = []
    entities: list[tuple[Any, ...]] = []
    ordinals = [0] * (n_documents + 1)
    made = 0
    entry_id = 0
    while made < events_wanted:
        entry_id += 1
        granularity = GRANULARITIES[bisect.bisect_left(gran_cum, rng.random() * gran_cum[-1])][0]
        interval, value = _interval(date.fromordinal(_day(rng, bursts, burst_cum)), granularity)
        picked: list[str] = []
        for _ in range(rng.choice((1, 2, 2, 3))):
            name = names[bisect.bisect_left(name_cum, rng.random() * name_cum[-1])]
            if name not in picked:
                picked.append(name)
        trigger = rng.choice(TRIGGERS)
        sentence = f"On {value}, {' and '.join(picked)} {trigger} after talks, officials said."
        reports = 1 if rng.random() < 0.8 else rng.randint(2, 4)
        reports = min(reports, events_wanted - made)
        absolute = rng.random() < 0.6
        confidence = 1.0
        for _ in range(reports):
            doc_id = rng.randint(1, n_documents)
            ordinal = ordinals[doc_id]
            ordinals[doc_id] += 1
            if not absolute:
                confidence = min(confidence, documents[doc_id - 1][12])
            at = sentence.index(trigger)
            events.append(
                (
                    doc_id,
                    ordinal,
                    entry_id,
                    at,
                    at + len(trigger),
                    trigger,
                    sentence,
                    0,
                    json.dumps(picked),
                    interval.start,
                    interval.end,
                    granularity.value,
                    value,
                    "timex" if absolute else "publication",
                    None,
                )
            )
        made += reports
        title = f"{', '.join(picked)}: {trigger}"
        entries.append(
            (
                entry_id,
                interval.start,
                interval.end,
                granularity.value,
                value,
                title,
                sentence,
                interval.start.isoformat()[:4],
                span_class(interval),
                confidence,
            )
        )
        for position, name in enumerate(picked):
            key = name.casefold()
            words = key.split(" ")
            entities.append((entry_id, key, name, position, words[0], words[-1]))
    return Dataset(documents, entries, events, entities)


DOCUMENT_COLUMNS = (
    "id",
    "name",
    "url",
    "title",
    "text",
    "content_hash",
    "metadata",
    "sentences",
    "published_start",
    "published_end",
    "published_point",
    "published_granularity",
    "published_confidence",
    "published_provenance",
    "published_evidence",
)
ENTRY_COLUMNS = (
    "id",
    "start",
    "end",
    "granularity",
    "value",
    "title",
    "text",
    "blocking_key",
    "span_class",
    "confidence",
)
EVENT_COLUMNS = (
    "document_id",
    "ordinal",
    "entry_id",
    "char_start",
    "char_end",
    "trigger",
    "sentence",
    "sentence_start",
    "participants",
    "start",
    "end",
    "granularity",
    "value",
    "anchoring",
    "timex_index",
)
ENTITY_COLUMNS = ("entry_id", "name_key", "name", "position", "first_word", "last_word")
TABLES = (
    ("documents", DOCUMENT_COLUMNS, "documents"),
    ("entries", ENTRY_COLUMNS, "entries"),
    ("events", EVENT_COLUMNS, "events"),
    ("entry_entities", ENTITY_COLUMNS, "entities"),
)


def _quoted(columns: Sequence[str]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


# --------------------------------------------------------------------------- databases


class Database:
    """One benchmark database: how to create it, load it and talk to it raw."""

    kind: str

    def url(self) -> str:
        raise NotImplementedError

    def reset(self) -> None:
        raise NotImplementedError

    def load(self, data: Dataset) -> None:
        raise NotImplementedError

    def connect(self) -> Any:
        raise NotImplementedError

    def cleanup(self) -> None:
        pass


class SQLiteDatabase(Database):
    kind = "sqlite"

    def __init__(self, workdir: Path) -> None:
        self.path = workdir / "bench.db"

    def url(self) -> str:
        return f"sqlite:///{self.path}"

    def reset(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def load(self, data: Dataset) -> None:
        connection = sqlite3.connect(self.path, isolation_level=None)
        try:
            connection.execute("PRAGMA synchronous=OFF")
            connection.execute("BEGIN")
            for table, columns, attribute in TABLES:
                marks = ", ".join("?" * len(columns))
                rows = (
                    tuple(v.isoformat() if isinstance(v, date) else v for v in row)
                    for row in getattr(data, attribute)
                )
                connection.executemany(
                    f"INSERT INTO {table} ({_quoted(columns)}) VALUES ({marks})", rows
                )
            connection.execute("COMMIT")
            connection.execute("ANALYZE")
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()

    def connect(self) -> Any:
        connection = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        return connection


class PostgresDatabase(Database):
    kind = "postgresql"

    def __init__(self, url: str) -> None:
        from sqlalchemy.engine import make_url

        self.base = make_url(url)

    def url(self) -> str:
        url = self.base.update_query_dict({"options": f"-csearch_path={PG_SCHEMA}"})
        return url.render_as_string(hide_password=False)

    def _conninfo(self) -> dict[str, Any]:
        return {
            "host": self.base.host or "127.0.0.1",
            "port": self.base.port or 5432,
            "user": self.base.username,
            "password": self.base.password,
            "dbname": self.base.database,
        }

    def _admin(self) -> Any:
        import psycopg

        return psycopg.connect(**self._conninfo(), autocommit=True)

    def reset(self) -> None:
        with self._admin() as connection:
            connection.execute(f'DROP SCHEMA IF EXISTS "{PG_SCHEMA}" CASCADE')
            connection.execute(f'CREATE SCHEMA "{PG_SCHEMA}"')

    def load(self, data: Dataset) -> None:
        import psycopg

        with psycopg.connect(**self._conninfo(), options=f"-csearch_path={PG_SCHEMA}") as cn:
            with cn.cursor() as cursor:
                for table, columns, attribute in TABLES:
                    with cursor.copy(f"COPY {table} ({_quoted(columns)}) FROM STDIN") as copy:
                        for row in getattr(data, attribute):
                            copy.write_row(row)
            cn.commit()
            cn.autocommit = True
            cn.execute("VACUUM ANALYZE")

    def connect(self) -> Any:
        import psycopg

        return psycopg.connect(
            **self._conninfo(), options=f"-csearch_path={PG_SCHEMA}", autocommit=True
        )

    def cleanup(self) -> None:
        with self._admin() as connection:
            connection.execute(f'DROP SCHEMA IF EXISTS "{PG_SCHEMA}" CASCADE')


# --------------------------------------------------------------------------- the query


def month_bounds(month: str) -> tuple[date, date]:
    year, number = (int(part) for part in month.split("-"))
    return date(year, number, 1), date(year + (number == 12), number % 12 + 1, 1)


def raw_page(connection: Any, kind: str, month: str) -> int:
    """One page as the store reads it (page size + 1, as the API asks): the store's own
    statement and parameters (``timeline.store.queries``, what ``Store.entry_page`` runs)
    on a bare DB-API connection; returns the number of entries.

    PostgreSQL: one statement (revision, the page by a lateral index range per span
    class, entities and sources as ``json_agg``), prepared server-side.  SQLite: the page
    by a UNION of one index range per span class, then the page's entities and sources,
    in one read transaction.
    """
    lo, hi = month_bounds(month)
    sql, params = entry_page_sql(kind, EntryQuery(start=lo, end=hi, limit=PAGE + 1))
    return len(run_page(connection, kind, sql, params).records)


def query_path(month: str) -> str:
    return f"/api/v1/events?start={month}&end={month}&limit={PAGE}"


def pick_months(rng: random.Random, data: Dataset, count: int) -> list[str]:
    """Months to query, drawn like the data's own days (so mostly busy, recent months)."""
    starts = [row[1] for row in data.entries if row[3] == "day"]
    return [rng.choice(starts).strftime("%Y-%m") for _ in range(count)]


# --------------------------------------------------------------------------- timing


@dataclass
class Latency:
    p50: float
    p95: float

    def show(self) -> str:
        return f"{self.p50:6.2f} / {self.p95:6.2f}"


def measure(
    calls: dict[str, Callable[[str], object]], months: list[str], runs: int
) -> dict[str, Latency]:
    """Median over ``runs`` of each run's p50 and p95 (milliseconds), per way of querying.

    The ways take turns within each run (raw SQL, then test client, then gunicorn), so a
    burst of load from another process on the machine hits all of them alike rather than
    one; one warm-up pass first.
    """
    for call in calls.values():
        for month in months:
            call(month)
    p50s: dict[str, list[float]] = {name: [] for name in calls}
    p95s: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(runs):
        for name, call in calls.items():
            samples = []
            for month in months:
                began = time.perf_counter()
                call(month)
                samples.append((time.perf_counter() - began) * 1000)
            samples.sort()
            p50s[name].append(statistics.median(samples))
            p95s[name].append(samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))])
    return {
        name: Latency(statistics.median(p50s[name]), statistics.median(p95s[name]))
        for name in calls
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def gunicorn(url: str) -> Iterator[http.client.HTTPConnection]:
    """A gunicorn server on the store at ``url`` and a keep-alive connection to it."""
    port = free_port()
    env = {**os.environ, "TIMELINE_DATABASE_URL": url}
    env.pop("TIMELINE_API_KEY", None)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            "1",
            "--worker-class",
            "gthread",
            "--threads",
            "2",
            "--keep-alive",
            "30",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "api:create_app()",
        ],
        cwd=ROOT,
        env=env,
    )
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                connection.request("GET", "/api/v1/openapi.json")
                connection.getresponse().read()
                break
            except OSError:
                connection.close()
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        yield connection
    finally:
        connection.close()
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def http_get(connection: http.client.HTTPConnection, path: str) -> bytes:
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        raise RuntimeError(f"{path}: {response.status} {body[:200]!r}")
    return body


# --------------------------------------------------------------------------- main


@dataclass
class Row:
    database: str
    events: int
    entries: int
    load_seconds: float
    raw: Latency
    client: Latency
    server: Latency

    def cells(self) -> list[str]:
        return [
            self.database,
            f"{self.events:,}",
            f"{self.entries:,}",
            f"{self.load_seconds:.0f}",
            self.raw.show(),
            self.client.show(),
            self.server.show(),
            f"{self.client.p50 / self.raw.p50:.1f}x",
            f"{self.server.p50 / self.raw.p50:.1f}x",
        ]


HEADERS = [
    "database",
    "events",
    "entries",
    "load s",
    "raw SQL p50/p95 ms",
    "test client p50/p95 ms",
    "gunicorn p50/p95 ms",
    "client/raw",
    "gunicorn/raw",
]


def table(rows: list[Row]) -> str:
    cells = [HEADERS, *(row.cells() for row in rows)]
    widths = [max(len(line[i]) for line in cells) for i in range(len(HEADERS))]
    out = ["| " + " | ".join(c.ljust(w) for c, w in zip(HEADERS, widths, strict=True)) + " |"]
    out.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for line in cells[1:]:
        out.append("| " + " | ".join(c.rjust(w) for c, w in zip(line, widths, strict=True)) + " |")
    return "\n".join(out)


def bench_one(database: Database, size: int, runs: int) -> Row:
    from api import close_store, create_app

    print(f"[{database.kind} {size:,}] generating...", file=sys.stderr, flush=True)
    data = generate(size)
    began = time.perf_counter()
    database.reset()
    with Store(database.url()) as store:
        store.migrate()
    database.load(data)
    load_seconds = time.perf_counter() - began
    print(
        f"[{database.kind} {size:,}] loaded {len(data.entries):,} entries, "
        f"{len(data.events):,} events in {load_seconds:.1f}s",
        file=sys.stderr,
        flush=True,
    )
    months = pick_months(random.Random(SEED), data, MONTHS_PER_RUN)
    del data

    connection = database.connect()
    app = create_app({"TIMELINE_DATABASE_URL": database.url(), "TIMELINE_API_KEY": None})
    client = app.test_client()

    def via_client(month: str) -> None:
        response = client.get(query_path(month))
        if response.status_code != 200:
            raise RuntimeError(response.get_data(as_text=True))

    try:
        with gunicorn(database.url()) as server:
            latencies = measure(
                {
                    "raw": lambda month: raw_page(connection, database.kind, month),
                    "client": via_client,
                    "server": lambda month: http_get(server, query_path(month)),
                },
                months,
                runs,
            )
    finally:
        close_store(app)
        connection.close()
    raw, in_process, served = latencies["raw"], latencies["client"], latencies["server"]
    with Store(database.url()) as store:
        entries = len(store.entries()) if size <= 10_000 else _count(database)
    row = Row(database.kind, size, entries, load_seconds, raw, in_process, served)
    print(table([row]), file=sys.stderr, flush=True)
    return row


def _count(database: Database) -> int:
    connection = database.connect()
    try:
        cursor = connection.cursor()
        cursor.execute("SELECT count(*) FROM entries")
        (count,) = cursor.fetchone()
        return int(count)
    finally:
        connection.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument(
        "--databases", nargs="+", choices=["sqlite", "postgresql"], default=["sqlite", "postgresql"]
    )
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="timeline-bench-"))
    rows: list[Row] = []
    try:
        for kind in args.databases:
            database: Database = (
                SQLiteDatabase(workdir)
                if kind == "sqlite"
                else PostgresDatabase(os.environ.get(PG_URL_ENV) or PG_URL_DEFAULT)
            )
            try:
                for size in args.sizes:
                    rows.append(bench_one(database, size, args.runs))
            finally:
                database.cleanup()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(
        f"\nGET /api/v1/events?start=YYYY-MM&end=YYYY-MM&limit={PAGE}: {MONTHS_PER_RUN} "
        f"months per run, median of {args.runs} runs; overhead = API p50 / raw SQL p50\n"
    )
    print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
