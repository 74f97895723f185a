"""Reads while writing: ``GET /events`` p95 idle and during a sustained ingest, with the
pipeline in the API's workers (in process) and with Celery workers (``timeline worker``).

    .venv/bin/python bench/readwrite.py [--databases sqlite postgresql]
        [--modes inprocess workers] [--broker redis://127.0.0.1:6379/0]
        [--seconds 20] [--readers 4] [--writers 8] [--pace 0.5] [--queue-workers 1]

For each database and mode it starts ``timeline serve`` (gunicorn, 2 workers x 4 threads)
on a free port of 127.0.0.1 on a fresh store (a temporary SQLite file; a PostgreSQL schema
of its own, dropped after) holding ``seeds/`` and 60 generated articles, then:

1. *idle*: ``--readers`` threads send ``GET /api/v1/events`` (a month, an entity, a text
   query, the latest ten) for ``--seconds`` seconds;
2. *ingest*: the same readers again, while ``--writers`` threads post a new article each,
   at most one per ``--pace`` seconds per writer (a POST that takes longer is followed at
   once by the next): in process every POST runs the pipeline in a gunicorn worker; with
   ``workers`` the server has ``TIMELINE_BROKER_URL`` and ``--queue-workers`` pool
   processes of ``timeline worker`` run it, the API only queueing.

``--modes queueonly`` is the workers mode with no worker consuming: what the posts alone
(validated, stored as jobs, published) cost the reads, the pipeline running nowhere.
``--worker-nice 0 10`` runs the workers mode once per nice level of the worker (an A/B of
its CPU priority within one run of the bench), ``--runs K`` repeats everything (the
configurations interleaved) and prints the median ratio of each; ``--json FILE`` keeps
the figures.

It prints p50/p95 of the reads in both phases and their ratio (the goal: p95 during ingest
within 2x idle with workers), the POSTs' p50/p95 (time to 201, or to 202 with workers) and
how many documents were stored during the phase; with workers also the API's own time to
202 (the app in this process, 50 posts one after the other, once the servers are stopped).
The queue is one of its own on the broker, deleted after.  Figures come from a shared,
noisy 2-core machine: compare the modes within a run.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from load import HOST, PEOPLE, article, database, free_port, percentile, wait_ready

ROOT = Path(__file__).resolve().parents[1]
BROKER = os.environ.get("TIMELINE_BENCH_BROKER_URL", "redis://127.0.0.1:6379/0")
GENERATED_ARTICLES = 60


def seed_store(url: str) -> None:
    """The store every run starts from: ``seeds/`` and generated articles, in process."""
    from timeline.ingest import read_path
    from timeline.model import Document
    from timeline.pipeline import ingest_documents
    from timeline.store import Store

    rng = random.Random(7)
    generated = [
        Document(name=f"generated-{n}", text=a["text"], metadata={"published": a["published"]})
        for n, a in ((n, article(rng)) for n in range(GENERATED_ARTICLES))
    ]
    with Store(url) as store:
        store.migrate()
        ingest_documents(store, read_path(ROOT / "seeds"))
        ingest_documents(store, generated)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@contextmanager
def server(url: str, env: dict[str, str]) -> Iterator[int]:
    port = free_port()
    environment = {
        **os.environ,
        **env,
        "TIMELINE_DATABASE_URL": url,
        "TIMELINE_ACCESS_LOG": "off",
    }
    command = [sys.executable, "-m", "timeline.cli", "serve", "--host", HOST, "--port", str(port)]
    command += ["--workers", "2", "--threads", "4", "--log-level", "warning"]
    process = subprocess.Popen(command, env=environment, start_new_session=True)
    try:
        wait_ready(port, process)
        yield port
    finally:
        stop(process)


@contextmanager
def queue_worker(
    url: str, env: dict[str, str], concurrency: int, log: Path, nice: int | None = None
) -> Iterator[None]:
    environment = {**os.environ, **env}
    command = [sys.executable, "-m", "timeline.cli", "worker", "--db", url]
    command += ["-c", str(concurrency), "--log-level", "info"]  # (info: its "ready" line)
    if nice is not None:
        command += ["--nice", str(nice)]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, env=environment, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        deadline = time.monotonic() + 90
        while b" ready." not in log.read_bytes():
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the worker did not start:\n{log.read_text()}")
            time.sleep(0.2)
        yield
    finally:
        stop(process)


def delete_queue(broker: str, queue: str) -> None:
    from kombu import Connection

    with Connection(broker, connect_timeout=3) as connection:
        try:
            connection.default_channel.queue_delete(queue)
        except Exception as error:  # never declared
            print(f"(queue {queue} not deleted: {error})", file=sys.stderr)


@dataclass
class Phase:
    reads: list[float] = field(default_factory=list)
    posts: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    failed: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, seconds: float, status: int | None) -> None:
        with self.lock:
            if status is None:
                self.failed += 1
                return
            (self.reads if kind == "read" else self.posts).append(seconds * 1000)
            if kind == "post":
                self.statuses[status] = self.statuses.get(status, 0) + 1


def send(
    connection: http.client.HTTPConnection, method: str, path: str, body: object = None
) -> tuple[float, int | None, http.client.HTTPConnection]:
    headers = {"Content-Type": "application/json"} if body is not None else {}
    data = json.dumps(body).encode() if body is not None else None
    started = time.perf_counter()
    try:
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        response.read()
    except (OSError, http.client.HTTPException):
        connection.close()
        return 0.0, None, http.client.HTTPConnection(HOST, connection.port, timeout=300)
    return time.perf_counter() - started, response.status, connection


def reader(port: int, seed: int, until: float, phase: Phase) -> None:
    rng = random.Random(seed)
    connection = http.client.HTTPConnection(HOST, port, timeout=300)
    while time.monotonic() < until:
        query = rng.choice(
            [
                f"start={rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}",
                f"entity={rng.choice(PEOPLE).split()[-1].lower()}",
                "q=talks&limit=20",
                "sort=-time&limit=10",
            ]
        )
        seconds, status, connection = send(connection, "GET", f"/api/v1/events?{query}")
        phase.record("read", seconds, status)


def writer(port: int, seed: int, until: float, pace: float, phase: Phase) -> None:
    rng = random.Random(seed)
    connection = http.client.HTTPConnection(HOST, port, timeout=300)
    while time.monotonic() < until:
        started = time.monotonic()
        seconds, status, connection = send(connection, "POST", "/api/v1/documents", article(rng))
        phase.record("post", seconds, status)
        time.sleep(max(0.0, pace - (time.monotonic() - started)))


def run_phase(port: int, args: argparse.Namespace, writers: int) -> Phase:
    phase = Phase()
    until = time.monotonic() + args.seconds
    threads = [
        threading.Thread(target=reader, args=(port, n, until, phase)) for n in range(args.readers)
    ]
    threads += [
        threading.Thread(target=writer, args=(port, 1000 + n, until, args.pace, phase))
        for n in range(writers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return phase


def time_to_202(url: str, broker: str, count: int = 50) -> list[float]:
    """Milliseconds the API itself takes to answer 202 (the app in this process, no HTTP,
    no worker consuming), ``count`` new articles posted one after the other."""
    from api import close_store, create_app

    queue = f"timeline-bench-202-{os.getpid()}-{secrets.token_hex(3)}"
    app = create_app(
        {
            "TIMELINE_DATABASE_URL": url,
            "TIMELINE_BROKER_URL": broker,
            "TIMELINE_QUEUE": queue,
            "TIMELINE_ACCESS_LOG": "off",
        }
    )
    client = app.test_client()
    rng = random.Random(202)
    client.post("/api/v1/documents", json=article(rng))  # the broker connection, once
    timings = []
    try:
        for _ in range(count):
            started = time.perf_counter()
            response = client.post("/api/v1/documents", json=article(rng))
            timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 202:
                raise SystemExit(f"expected 202, got {response.status_code}")
    finally:
        close_store(app)
        delete_queue(broker, queue)
    return timings


def stored(url: str) -> int:
    from timeline.store import Store

    with Store(url) as store:
        return len(store.documents())


def run(
    kind: str, mode: str, args: argparse.Namespace, folder: Path, nice: int | None = None
) -> dict[str, object]:
    env: dict[str, str] = {}
    queue = f"timeline-bench-{os.getpid()}-{secrets.token_hex(3)}"
    if mode in ("workers", "queueonly"):
        env = {"TIMELINE_BROKER_URL": args.broker, "TIMELINE_QUEUE": queue}
    with database(kind) as url:
        seed_store(url)
        with contextmanager_stack(mode, url, env, args, folder, queue, nice) as port:
            idle = run_phase(port, args, writers=0)
            before = stored(url)
            busy = run_phase(port, args, writers=args.writers)
            added = stored(url) - before
        accepted = time_to_202(url, args.broker) if mode == "workers" else []
    report(kind, mode, args, idle, busy, added, nice)
    if accepted:
        print(
            f"  time to 202, the API alone (no load, {len(accepted)} posts): "
            f"p50 {percentile(accepted, 50):.1f} ms  p95 {percentile(accepted, 95):.1f} ms"
        )
    idle95, busy95 = percentile(idle.reads, 95), percentile(busy.reads, 95)
    return {
        "database": kind,
        "mode": mode,
        "nice": nice,
        "idle_p95_ms": round(idle95, 1),
        "ingest_p95_ms": round(busy95, 1),
        "ratio": round(busy95 / idle95, 2),
        "post_p50_ms": round(percentile(busy.posts, 50), 1),
        "post_p95_ms": round(percentile(busy.posts, 95), 1),
        "stored": added,
        "load": round(os.getloadavg()[0], 1),
    }


@contextmanager
def contextmanager_stack(
    mode: str,
    url: str,
    env: dict[str, str],
    args: argparse.Namespace,
    folder: Path,
    queue: str,
    nice: int | None = None,
) -> Iterator[int]:
    if mode != "workers":
        try:
            with server(url, env) as port:
                yield port
        finally:
            if mode == "queueonly":
                delete_queue(args.broker, queue)
        return
    try:
        log = folder / f"worker-{queue}.log"
        with (
            queue_worker(url, env, args.queue_workers, log, nice),
            server(url, env) as port,
        ):
            yield port
    finally:
        delete_queue(args.broker, queue)


def report(
    kind: str,
    mode: str,
    args: argparse.Namespace,
    idle: Phase,
    busy: Phase,
    added: int,
    nice: int | None = None,
) -> None:
    idle95, busy95 = percentile(idle.reads, 95), percentile(busy.reads, 95)
    where = (
        f"{args.queue_workers} worker process(es), broker {args.broker.split('://')[0]}"
        + ("" if nice is None else f", worker nice {nice}")
        if mode == "workers"
        else "pipeline in the API's gunicorn workers"
    )
    print(f"\n{kind}, {mode} ({where}); {args.readers} readers, {args.writers} writers:")
    print(
        f"  GET /events idle     n={len(idle.reads):>5}  p50 {percentile(idle.reads, 50):8.1f} ms"
        f"  p95 {idle95:8.1f} ms"
    )
    print(
        f"  GET /events ingest   n={len(busy.reads):>5}  p50 {percentile(busy.reads, 50):8.1f} ms"
        f"  p95 {busy95:8.1f} ms   ratio p95 {busy95 / idle95:.2f}x"
    )
    print(
        f"  POST /documents      n={len(busy.posts):>5}  p50 {percentile(busy.posts, 50):8.1f} ms"
        f"  p95 {percentile(busy.posts, 95):8.1f} ms   statuses {busy.statuses}"
        f"   failed {busy.failed + idle.failed}"
    )
    print(f"  documents stored during the ingest phase: {added} ({added / args.seconds:.2f}/s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--databases", nargs="+", choices=["sqlite", "postgresql"], default=["sqlite", "postgresql"]
    )
    parser.add_argument(
        "--modes",
        nargs="+",
        choices=["inprocess", "workers", "queueonly"],
        default=["inprocess", "workers"],
    )
    parser.add_argument("--broker", default=BROKER)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--pace", type=float, default=0.5, help="seconds between a writer's posts")
    parser.add_argument("--queue-workers", type=int, default=1)
    parser.add_argument(
        "--worker-nice",
        type=int,
        nargs="+",
        default=[None],
        help="the worker's --nice level(s), each a configuration of its own (default: "
        "the worker's default)",
    )
    parser.add_argument("--runs", type=int, default=1, help="repeat; medians printed")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if not 0 < args.seconds <= 600 or not 0 < args.readers + args.writers <= 64:
        raise SystemExit("bounded runs only: --seconds up to 600, 64 clients at most")
    import tempfile

    rows: list[dict[str, object]] = []
    configs = [
        (mode, nice)
        for mode in args.modes
        for nice in (args.worker_nice if mode == "workers" else [None])
    ]
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(args.runs):  # the configurations interleaved: drift hits them alike
            for kind in args.databases:
                for mode, nice in configs:
                    rows.append(run(kind, mode, args, Path(folder), nice))
    if args.runs > 1:
        print("\nmedians over the runs (GET /events p95 during ingest / idle):")
        for kind in args.databases:
            for mode, nice in configs:
                mine = [
                    r for r in rows if (r["database"], r["mode"], r["nice"]) == (kind, mode, nice)
                ]
                ratios = sorted(float(r["ratio"]) for r in mine)  # type: ignore[arg-type]
                shown = mode if nice is None else f"{mode}, nice {nice}"
                print(
                    f"  {kind:<10} {shown:<18} ratio median {statistics.median(ratios):.2f}x "
                    f"(runs {', '.join(f'{x:.2f}' for x in ratios)})"
                )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
