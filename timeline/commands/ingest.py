"""``timeline ingest``: read files and folders into the store, showing progress and
accounting for every file it saw.

On a terminal a progress bar follows the files read, then every document through tagging,
analysis (dating, events) and storing; elsewhere (a log, CI) plain lines report each stage
every tenth of the way.  ``--quiet`` shows neither.  The last line counts what happened:
new documents, unchanged ones (the same text was stored already), skipped files by reason
(``timeline.ingest.sources``) and documents that failed.  Skipped and failed files are named
on lines of their own with the reason, except files of a type ingest does not read, counted
by suffix on one line with the types it reads; a line before the counts gives the documents
in a language the tagger does not read (``timeline.language``).  One bad document never
stops the others; the exit status is 1 when a file was unreadable or a document failed, so
scripts notice.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import click

from timeline.commands.common import check_dates_option, db_option, open_store, user_errors
from timeline.ingest import SUPPORTED_SUFFIXES, IngestError
from timeline.ingest.readers import read_source_items
from timeline.ingest.sources import Skipped, SkipReason, SourceFile, list_sources, skip_for
from timeline.jobs.settings import QueueSettings
from timeline.language import SUPPORTED_LANGUAGES, is_supported, language_name
from timeline.model import Document
from timeline.store import IngestResult, Store
from timeline.store.errors import UNAVAILABLE_ERRORS
from timeline.store.jobs import JobState

# the stages each document passes (timeline.pipeline's on_step names), in order
STAGES = ("tagged", "analysed", "stored")
_SHOWN = {"read": "reading", "tagged": "tagging", "analysed": "analysing", "stored": "storing"}


@dataclass
class Accounting:
    """What ingest did with every file and document it saw."""

    new: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (document, reason)

    def count(self, results: list[IngestResult]) -> None:
        self.new += sum(r.created for r in results)
        self.unchanged += sum(not r.created for r in results)

    @property
    def has_errors(self) -> bool:
        return bool(self.failed) or any(
            s.reason in (SkipReason.UNREADABLE, SkipReason.TOO_LARGE) for s in self.skipped
        )

    def summary(self) -> str:
        reasons = Counter(s.reason for s in self.skipped)
        skipped = f"{len(self.skipped)} skipped"
        if reasons:
            parts = [f"{n} {reason.value}" for reason in SkipReason if (n := reasons[reason])]
            skipped += f" ({', '.join(parts)})"
        return f"{self.new} new, {self.unchanged} unchanged, {skipped}, {len(self.failed)} failed"


class Progress:
    """A bar per stage on a terminal, a line per tenth of a stage elsewhere, or nothing."""

    def __init__(self, *, quiet: bool, tty: bool) -> None:
        self.quiet = quiet
        self.tty = tty

    @contextmanager
    def stages(self, first: str, total: int, unit: str) -> Iterator[Callable[..., None]]:
        """Yield ``advance(name, stage=first)``: one more of ``total`` items done in that
        stage; a new stage name starts a new bar (or count)."""
        if self.quiet or total == 0:
            yield lambda *_: None
            return
        shown = _Bars(total) if self.tty else _PlainLines(total, unit)

        def advance(name: str, stage: str = first) -> None:
            shown.advance(_SHOWN.get(stage, stage), name)

        try:
            yield advance
        finally:
            shown.close()


class _Bars:
    """click's progress bar on stderr, one per stage, with the item being worked on."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.label: str | None = None
        self.bar: Any = None

    def advance(self, label: str, name: str) -> None:
        if label != self.label:
            self.close()
            self.label = label
            self.bar = click.progressbar(
                length=self.total,
                label=label.ljust(10),
                file=sys.stderr,
                show_pos=True,
                show_eta=True,
                item_show_func=lambda item: item and item[-40:],
            )
            self.bar.__enter__()
        self.bar.update(1, name)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


class _PlainLines:
    """``reading: 26/256 files`` at each tenth of a stage and at its end."""

    def __init__(self, total: int, unit: str) -> None:
        self.total, self.unit = total, unit
        self.done: Counter[str] = Counter()

    def advance(self, label: str, _: str) -> None:
        self.done[label] += 1
        done = self.done[label]
        if done % max(1, self.total // 10) == 0 or done == self.total:
            click.echo(f"{label}: {done}/{self.total} {self.unit}", err=True)

    def close(self) -> None:
        pass


def unsupported_line(skipped: list[Skipped]) -> str | None:
    """Files of types ingest does not read, by suffix on one line (a scraped folder may hold
    hundreds of images: each on a line would bury the rest), with the suffixes it reads."""
    suffixes = Counter(s.detail for s in skipped if s.reason is SkipReason.UNSUPPORTED)
    if not suffixes:
        return None
    total = sum(suffixes.values())
    counts = ", ".join(f"{suffix} {n}" for suffix, n in sorted(suffixes.items()))
    reads = " ".join(sorted(SUPPORTED_SUFFIXES, key=str.lower))
    noun = "file" if total == 1 else "files"
    return f"skipped (unsupported type): {total} {noun} ({counts}); ingest reads {reads}"


def language_counts(documents: list[Document]) -> str | None:
    """A line on the documents the tagger cannot read, or None when there are none."""
    codes = Counter(d.language for d in documents if d.language and not is_supported(d.language))
    if not codes:
        return None
    n = sum(codes.values())
    read = ", ".join(language_name(c) for c in sorted(SUPPORTED_LANGUAGES))
    ranked = sorted(codes.items(), key=lambda item: (-item[1], language_name(item[0])))
    shown = ", ".join(f"{language_name(code)} {count}" for code, count in ranked)
    return (
        f"{n} document(s) not in a language the tagger reads ({read}): {shown}; "
        "their dates and events may be wrong or missing"
    )


def _read(sources: list[SourceFile], progress: Progress, book: Accounting) -> list[Document]:
    documents: list[Document] = []
    with progress.stages("read", len(sources), "files") as advance:
        for source in sources:
            for item in read_source_items(source):
                if isinstance(item, IngestError):
                    book.skipped.append(skip_for(item))
                else:
                    documents.append(item)
            advance(source.name)
    return documents


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--quiet", "-q", is_flag=True, help="No progress; only problems and the counts.")
@click.option(
    "--workers",
    type=click.IntRange(min=1, max=64),
    default=1,
    show_default=True,
    help="Local processes analysing batches at once (the store is written by one); with "
    "a broker, the documents go to the task queue as jobs for `timeline worker` instead.",
)
@click.option(
    "--broker",
    metavar="URL",
    envvar="TIMELINE_BROKER_URL",
    default=None,
    help="With --workers N > 1: queue the documents as jobs on this Celery broker and wait "
    "for `timeline worker` to run them [env TIMELINE_BROKER_URL].",
)
@check_dates_option
@db_option
@user_errors
def ingest(
    paths: tuple[str, ...], quiet: bool, workers: int, broker: str | None, db_url: str | None
) -> None:
    """Ingest article files or folders (.txt .md .html .json .jsonl .tml)."""
    from timeline.batches import ingest_batches

    book = Accounting()
    sources: list[SourceFile] = []
    for path in paths:
        found, skipped = list_sources(path, SUPPORTED_SUFFIXES)
        sources.extend(found)
        book.skipped.extend(skipped)
    progress = Progress(quiet=quiet, tty=sys.stderr.isatty())
    documents = _read(sources, progress, book)

    def failed(document: Document, error: Exception) -> None:
        if isinstance(error, UNAVAILABLE_ERRORS):
            raise error  # the store is down: every document would fail the same way
        book.failed.append((document.name, f"{type(error).__name__}: {error}"))

    queue = QueueSettings.load(broker=broker) if workers > 1 and broker else None
    if queue is not None:
        with open_store(db_url) as store:
            results = _through_queue(store, queue, documents, progress, book)
    else:
        with (
            open_store(db_url) as store,
            progress.stages(STAGES[0], len(documents), "documents") as advance,
        ):
            results = ingest_batches(
                store,
                documents,
                workers=workers,
                on_step=lambda stage, doc: advance(doc.name, stage),
                on_failure=failed,
            )
    book.count(results)
    for skip in book.skipped:
        if skip.reason is not SkipReason.UNSUPPORTED:
            click.echo(f"skipped ({skip.reason.value}): {skip.source}: {skip.detail}", err=True)
    unsupported = unsupported_line(book.skipped)
    if unsupported:
        click.echo(unsupported, err=True)
    for name, reason in book.failed:
        click.echo(f"failed: {name}: {reason}", err=True)
    foreign = language_counts(documents)
    if foreign:
        click.echo(foreign, err=True)
    click.echo(book.summary(), err=True)
    if book.has_errors:
        sys.exit(1)


def _through_queue(
    store: Store,
    settings: QueueSettings,
    documents: list[Document],
    progress: Progress,
    book: Accounting,
) -> list[IngestResult]:
    """The documents as jobs of the task queue (``timeline.jobs.batch``), waited for: the
    ``timeline worker`` processes on the queue run them, as they run the API's posts.  A
    text given twice is one job (counted once as new, then unchanged); a failed job is
    a failed document with the job's reason; a text whose job was done before is
    unchanged."""
    from timeline.jobs.batch import Progress as JobsProgress
    from timeline.jobs.batch import submit_all, wait_for_jobs
    from timeline.jobs.submit import JobQueue, QueueUnavailable

    queue = JobQueue(settings)
    try:
        jobs = submit_all(store, queue, documents)
        total = len({job.id for job in jobs})
        click.echo(
            f"{total} job(s) on queue {settings.queue!r} at {settings.shown_broker}; "
            "waiting for `timeline worker` to run them",
            err=True,
        )
        with progress.stages("stored", total, "jobs") as advance:
            settled = 0

            def shown(now: JobsProgress) -> None:
                nonlocal settled
                for _ in range(now.done + now.failed - settled):
                    advance("", "stored")
                settled = now.done + now.failed

            ended = wait_for_jobs(store, jobs, on_progress=shown)
    except QueueUnavailable as error:
        raise click.ClickException(str(error)) from error
    finally:
        queue.close()
    results: list[IngestResult] = []
    seen = {job.id for job in jobs if job.state == JobState.DONE}  # stored before: unchanged
    for job in ended:
        if job.state == JobState.FAILED:
            if job.id not in seen:
                book.failed.append((job.name, job.error or "failed"))
        elif job.document_id is not None:
            created = bool(job.created) and job.id not in seen
            results.append(IngestResult(job.document_id, created=created))
        seen.add(job.id)
    return results


COMMANDS = [ingest]
