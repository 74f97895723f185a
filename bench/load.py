"""Mixed reads and writes against a real server: latency percentiles and errors per endpoint.

    .venv/bin/python bench/load.py [--databases sqlite postgresql] [--seconds 20]
                                   [--clients 8] [--workers 2] [--threads 4]

For each database it starts ``timeline serve`` (gunicorn) on a free port of 127.0.0.1,
never another address, on a fresh store (a temporary SQLite file; a PostgreSQL schema of
its own, dropped after), ingests ``seeds/`` and the fixtures' sentences through the API,
then runs ``--clients`` threads for ``--seconds`` seconds, each sending requests in a
fixed mix (every client its own keep-alive connection):

    GET  /api/v1/events?...        30 %   filters: a month, an entity, a text query
    GET  /api/v1/timeline?limit=50 10 %
    GET  /api/v1/documents          8 %
    GET  /api/v1/documents/<id>     8 %
    GET  /api/v1/entities           4 %
    POST /api/v1/tag               15 %
    POST /api/v1/documents         15 %   a new article each time (a list of two, 1 in 4)
    PATCH /api/v1/documents/<id>   10 %   pin a publication date

and prints, per endpoint, the number of requests, p50/p95/p99 in milliseconds, the 4xx
and 5xx answers and the failed connections.  It is bounded in time and in what it touches:
nothing but the server it started, the temporary store and 127.0.0.1.  The rate limit of
``/tag`` is off for the run (every client shares one address).  Figures are from a shared,
noisy machine: compare endpoints and databases within a run, not runs with each other.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
POSTGRES = os.environ.get(
    "TIMELINE_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
MIX = [
    ("GET /events", 30),
    ("GET /timeline", 10),
    ("GET /documents", 8),
    ("GET /documents/<id>", 8),
    ("GET /entities", 4),
    ("POST /tag", 15),
    ("POST /documents", 15),
    ("PATCH /documents/<id>", 10),
]
PEOPLE = ["Vladimir Putin", "Donald Trump", "Robert Fico", "Xi Jinping", "Emmanuel Macron"]
PLACES = ["Beijing", "Alaska", "Brussels", "Geneva", "Vienna"]
MONTHS = ["January", "March", "May", "June", "August", "September", "October"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def wait_ready(port: int, process: subprocess.Popen[bytes]) -> None:
    """Wait until the server on ``port`` answers ``/readyz`` (90 s at most)."""
    deadline = time.monotonic() + 90
    while True:
        if process.poll() is not None:
            raise SystemExit("the server did not start")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", "/readyz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit("the server did not become ready in 90 s")
        time.sleep(0.3)


@contextmanager
def postgres_schema() -> Iterator[str]:
    import sqlalchemy as sa
    from sqlalchemy.engine import make_url

    from timeline.store.engine import normalise_url

    schema = f"timeline_load_{os.getpid()}_{secrets.token_hex(3)}"
    engine = sa.create_engine(normalise_url(POSTGRES))
    with engine.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        url = make_url(POSTGRES).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with engine.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        engine.dispose()


@contextmanager
def database(kind: str) -> Iterator[str]:
    if kind == "postgresql":
        with postgres_schema() as url:
            yield url
        return
    with tempfile.TemporaryDirectory() as folder:
        yield f"sqlite:///{Path(folder) / 'load.db'}"


@contextmanager
def server(url: str, workers: int, threads: int) -> Iterator[int]:
    port = free_port()
    env = {
        **os.environ,
        "TIMELINE_DATABASE_URL": url,
        "TIMELINE_TAG_RATE_LIMIT": "off",
        "TIMELINE_ACCESS_LOG": "off",
    }
    command = [sys.executable, "-m", "timeline.cli", "serve", "--host", HOST, "--port", str(port)]
    command += ["--workers", str(workers), "--threads", str(threads), "--log-level", "warning"]
    process = subprocess.Popen(command, env=env, start_new_session=True)
    try:
        wait_ready(port, process)
        yield port
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)


def article(rng: random.Random) -> dict[str, str]:
    a, b = rng.sample(PEOPLE, 2)
    day, month, year = rng.randint(1, 28), rng.choice(MONTHS), rng.randint(2015, 2025)
    place = rng.choice(PLACES)
    tail = secrets.token_hex(4)  # a new text each time: stored, not a duplicate
    return {
        "title": f"{a} meets {b}",
        "published": f"{year}-{MONTHS.index(month) + 2:02d}-{day:02d}",
        "text": f"On {month} {day}, {year}, {a} met {b} in {place}. Talks lasted three hours "
        f"and will resume next week, officials said. Reference {tail}.",
    }


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    client_errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    server_errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    failed: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, endpoint: str, seconds: float, status: int | None) -> None:
        with self.lock:
            if status is None:
                self.failed[endpoint] += 1
                return
            self.latencies[endpoint].append(seconds * 1000)
            if 400 <= status < 500:
                self.client_errors[endpoint] += 1
            elif status >= 500:
                self.server_errors[endpoint] += 1


class Client:
    """One keep-alive connection sending the mix."""

    def __init__(self, port: int, seed: int, ids: list[int], results: Results) -> None:
        self.port, self.ids, self.results = port, ids, results
        self.rng = random.Random(seed)
        self.connection = http.client.HTTPConnection(HOST, port, timeout=120)

    def send(self, endpoint: str, method: str, path: str, body: object = None) -> object:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        data = json.dumps(body).encode() if body is not None else None
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=data, headers=headers)
            response = self.connection.getresponse()
            payload = response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = http.client.HTTPConnection(HOST, self.port, timeout=120)
            self.results.record(endpoint, 0.0, None)
            return None
        self.results.record(endpoint, time.perf_counter() - started, response.status)
        try:
            return json.loads(payload) if payload else None
        except ValueError:
            return None

    def one(self) -> None:
        rng = self.rng
        endpoint = rng.choices([e for e, _ in MIX], weights=[w for _, w in MIX])[0]
        some_id = rng.choice(self.ids) if self.ids else 1
        match endpoint:
            case "GET /events":
                query = rng.choice(
                    [
                        f"start={rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}",
                        f"entity={rng.choice(PEOPLE).split()[-1].lower()}",
                        "q=talks&limit=20",
                        "sort=-time&limit=10",
                    ]
                )
                self.send(endpoint, "GET", f"/api/v1/events?{query}")
            case "GET /timeline":
                self.send(endpoint, "GET", "/api/v1/timeline?limit=50")
            case "GET /documents":
                self.send(endpoint, "GET", "/api/v1/documents?limit=50")
            case "GET /documents/<id>":
                self.send(endpoint, "GET", f"/api/v1/documents/{some_id}")
            case "GET /entities":
                self.send(endpoint, "GET", "/api/v1/entities")
            case "POST /tag":
                text = article(rng)["text"]
                self.send(endpoint, "POST", "/api/v1/tag", {"text": text, "dct": "2025-09-02"})
            case "POST /documents":
                body: object = [article(rng), article(rng)] if rng.random() < 0.25 else article(rng)
                answer = self.send(endpoint, "POST", "/api/v1/documents", body)
                if isinstance(answer, list):
                    self.ids.extend(i["id"] for i in answer if isinstance(i, dict) and "id" in i)
            case "PATCH /documents/<id>":
                day = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                self.send(endpoint, "PATCH", f"/api/v1/documents/{some_id}", {"published": day})


def seed(port: int) -> list[int]:
    from timeline.ingest import read_path

    documents = read_path(ROOT / "seeds")
    payload = [{"name": d.name, "text": d.text} for d in documents]
    connection = http.client.HTTPConnection(HOST, port, timeout=300)
    connection.request(
        "POST", "/api/v1/documents", json.dumps(payload), {"Content-Type": "application/json"}
    )
    answer = json.loads(connection.getresponse().read())
    return [item["id"] for item in answer if "id" in item]


def run(kind: str, args: argparse.Namespace) -> Results:
    results = Results()
    with database(kind) as url, server(url, args.workers, args.threads) as port:
        ids = seed(port)
        deadline = time.monotonic() + args.seconds

        def work(number: int) -> None:
            client = Client(port, number, ids, results)
            while time.monotonic() < deadline:
                client.one()

        threads = [threading.Thread(target=work, args=(n,)) for n in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return results


def percentile(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def report(kind: str, results: Results, seconds: float) -> None:
    total = sum(len(v) for v in results.latencies.values())
    print(f"\n{kind}: {total} requests in {seconds:.0f} s ({total / seconds:.0f}/s)")
    print(
        f"{'endpoint':<24}{'n':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'4xx':>6}{'5xx':>6}"
        f"{'fail':>6}"
    )
    for endpoint, _ in MIX:
        values = results.latencies.get(endpoint, [])
        counts = (
            results.client_errors.get(endpoint, 0),
            results.server_errors.get(endpoint, 0),
            results.failed.get(endpoint, 0),
        )
        print(
            f"{endpoint:<24}{len(values):>7}{percentile(values, 50):>9.1f}"
            f"{percentile(values, 95):>9.1f}{percentile(values, 99):>9.1f}"
            + "".join(f"{n:>6}" for n in counts)
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--databases", nargs="+", choices=["sqlite", "postgresql"], default=["sqlite", "postgresql"]
    )
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    if not 0 < args.seconds <= 600 or not 0 < args.clients <= 64:
        raise SystemExit("bounded runs only: --seconds up to 600, --clients up to 64")
    for kind in args.databases:
        report(kind, run(kind, args), args.seconds)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
