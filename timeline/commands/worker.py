"""``timeline worker`` runs the task queue's Celery worker; ``timeline jobs`` shows the jobs.

The worker migrates the database once (as ``serve`` does), then consumes the queue of
``TIMELINE_QUEUE`` on ``TIMELINE_BROKER_URL`` with ``--concurrency`` pool processes, each
running one job at a time through the pipeline (``timeline.jobs.run``).

A worker shares its machine with the API more often than not, and the API's reads must
stay fast while it writes (issue 15: ``GET /events`` p95 within 2x idle during an
ingest).  So by default it leaves one core to the API (``--concurrency``: one pool process
per CPU but one) and runs at a lower CPU priority (``--nice``, ``TIMELINE_WORKER_NICE``,
default 10): the pipeline is CPU-bound and batch work, a read is a few milliseconds a
user waits for, and the kernel's scheduler then gives a request that wakes up the CPU at
once instead of an equal share with the analysis.  ``--nice 0`` keeps the priority.

Gossip, mingle and
heartbeats (worker-to-worker chatter for Celery's monitoring tools) are off: the jobs table
is where the state is, and they only slow a start.
"""

from __future__ import annotations

import json
import os
import socket

import click

from timeline.commands.common import db_option, open_store, user_errors
from timeline.commands.startup import database_wait, migrate_when_ready
from timeline.jobs.records import job_record
from timeline.jobs.settings import BROKER_ENV, QUEUE_ENV, QueueSettings
from timeline.store import database_url
from timeline.store.jobs import JobState

broker_option = click.option(
    "--broker",
    metavar="URL",
    envvar=BROKER_ENV,
    default=None,
    help=f"Celery broker: redis://HOST:6379/0 or amqp://USER:PASS@HOST:5672// [env {BROKER_ENV}].",
)


NICE_ENV = "TIMELINE_WORKER_NICE"
DEFAULT_NICE = 10


def default_concurrency(cpus: int | None = None) -> int:
    """Pool processes when not given: one per CPU but one (left to the API), at least one."""
    return max(1, (cpus if cpus is not None else os.cpu_count() or 1) - 1)


def lower_priority(level: int) -> int:
    """Run this process (and the processes it starts) at nice ``level`` at least; an
    unprivileged process can only lower its priority, so a higher current level stays.
    Returns the level in force."""
    current = os.nice(0)
    if level > current:
        current = os.nice(level - current)
    return current


@click.command()
@broker_option
@click.option(
    "--queue",
    metavar="NAME",
    envvar=QUEUE_ENV,
    default=None,
    help=f"Queue to consume (default: timeline) [env {QUEUE_ENV}].",
)
@click.option(
    "--concurrency",
    "-c",
    type=click.IntRange(min=1),
    default=None,
    help="Pool processes, each running one job at a time (default: one per CPU but one, "
    "leaving a core to the API; at least one).",
)
@click.option(
    "--nice",
    "niceness",
    type=click.IntRange(min=0, max=19),
    envvar=NICE_ENV,
    default=DEFAULT_NICE,
    show_default=True,
    help="CPU priority of the worker and its pool processes (the nice level, 0-19: "
    f"higher yields the CPU to the API's requests) [env {NICE_ENV}].",
)
@click.option(
    "--pool",
    type=click.Choice(["prefork", "solo", "threads"]),
    default="prefork",
    show_default=True,
    help="prefork: processes (the pipeline is CPU-bound); solo: this process alone.",
)
@click.option(
    "--log-level",
    type=click.Choice(["debug", "info", "warning", "error"]),
    default="info",
    show_default=True,
)
@db_option
@user_errors
def worker(
    broker: str | None,
    queue: str | None,
    concurrency: int | None,
    pool: str,
    niceness: int,
    log_level: str,
    db_url: str | None,
) -> None:
    """Run a task-queue worker: analyse and store the documents posted to the API."""
    config = {QUEUE_ENV: queue} if queue else {}
    settings = QueueSettings.load(config, broker=broker)
    if settings is None:
        raise click.ClickException(
            f"no broker: pass --broker URL or set {BROKER_ENV} (redis://127.0.0.1:6379/0)"
        )
    url = database_url(db_url)
    try:  # once, before the pool processes start
        migrate_when_ready(url, database_wait(), lambda line: click.echo(line, err=True))
    except RuntimeError as error:
        raise click.ClickException(str(error)) from error
    from timeline.jobs.celery_app import make_app
    from timeline.jobs.run import warm_up

    level = lower_priority(niceness)  # before the pool forks: its processes inherit it
    concurrency = concurrency or default_concurrency()
    warm_up()
    app = make_app(settings, database_url=url)
    click.echo(
        f"worker: queue {settings.queue!r} on {settings.shown_broker}, "
        f"{concurrency} x {pool}, nice {level}",
        err=True,
    )
    celery_worker = app.Worker(
        hostname=f"timeline-{os.getpid()}@{socket.gethostname()}",  # one node per process
        concurrency=concurrency,
        pool_cls=pool,
        loglevel=log_level.upper(),
        without_gossip=True,
        without_mingle=True,
        without_heartbeat=True,
        optimization="fair",
        quiet=True,
    )
    celery_worker.start()
    if celery_worker.exitcode:
        raise SystemExit(celery_worker.exitcode)


@click.command()
@click.argument("job_id", type=click.IntRange(min=1), required=False)
@click.option(
    "--state",
    "states",
    type=click.Choice([s.value for s in JobState]),
    multiple=True,
    help="Only jobs in this state (repeatable).",
)
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@db_option
@user_errors
def jobs(
    job_id: int | None, states: tuple[str, ...], limit: int, fmt: str, db_url: str | None
) -> None:
    """Show the task queue's jobs (the latest first), or job JOB_ID.

    Each job's state (queued, running, done, failed), attempts, the stored document's id
    and, for a failed or retried one, the reason.  Exit status 1 for an unknown JOB_ID.
    """
    with open_store(db_url) as store:
        if job_id is not None:
            job = store.jobs.get(job_id)
            if job is None:
                raise click.ClickException(f"there is no job {job_id}")
            found = [job]
        else:
            found = store.jobs.latest(states=[JobState(s) for s in states], limit=limit)
            counts = store.jobs.counts()
    if fmt == "json":
        data = [job_record(j) for j in found]
        click.echo(json.dumps(data[0] if job_id is not None else data, indent=2))
        return
    for job in found:
        document = f"document {job.document_id}" if job.document_id is not None else ""
        if job.created is False:
            document += " (already stored)"
        click.echo(
            f"{job.id:>6}  {job.state.value:<7}  attempts {job.attempts}  "
            f"{document:<28}  {job.name}".rstrip()
        )
        if job.error:
            click.echo(f"        {job.error}")
    if job_id is None:
        click.echo(", ".join(f"{n} {state.value}" for state, n in counts.items()), err=True)


COMMANDS = [worker, jobs]
