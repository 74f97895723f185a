"""``timeline ingest``: read files and folders into the store, showing progress and
accounting for every file it saw.

Files are read as a stream: the folder is walked lazily (``iter_sources``, one folder's
listing at a time, in the order of sorted paths), and each file is read when the batch it
belongs to is cut (``timeline.batches.stream_batches``), so memory holds the batches in
flight, not the folder; the counts are kept as batches are stored.

On a terminal a progress bar follows the files read, then every document through tagging,
analysis (dating, events) and storing (of the documents read so far); elsewhere (a log,
CI) plain lines report each stage every tenth of the way.  ``--quiet`` shows neither.
The last line counts what happened: new documents, unchanged ones (the same text was
stored already), skipped files by reason (``timeline.ingest.sources``) and documents that
failed.  Skipped and failed files are named
on lines of their own with the reason, except files of a type ingest does not read, counted
by suffix on one line with the types it reads; a line before the counts gives the documents
in a language the tagger does not read (``timeline.language``).  One bad document never
stops the others; the exit status is 1 when a file was unreadable or a document failed, so
scripts notice.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import click

from timeline.commands.common import check_dates_option, db_option, open_store, user_errors
from timeline.ingest import SUPPORTED_SUFFIXES, IngestError
from timeline.ingest.readers import read_source_items
from timeline.ingest.sources import Skipped, SkipReason, SourceFile, iter_sources, skip_for
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
    def stages(
        self, first: str, total: int | Callable[[str], int], unit: str | Callable[[str], str]
    ) -> Iterator[Callable[..., None]]:
        """Yield ``advance(name, stage=first)``: one more of ``total`` items done in that
        stage; a new stage name starts a new bar (or count).  ``total`` and ``unit`` may
        be functions of the stage: a streamed ingest knows how many files it will read,
        but only how many documents it has read so far."""
        totals = total if callable(total) else (lambda _: total)
        units = unit if callable(unit) else (lambda _: unit)
        if self.quiet or totals(first) == 0:
            yield lambda *_: None
            return
        shown = _Bars(totals) if self.tty else _PlainLines(totals, units)

        def advance(name: str, stage: str = first) -> None:
            shown.advance(_SHOWN.get(stage, stage), stage, name)

        try:
            yield advance
        finally:
            shown.close()


class _Bars:
    """click's progress bar on stderr, one per stage, with the item being worked on (the
    bar's length follows a total that grows)."""

    def __init__(self, totals: Callable[[str], int]) -> None:
        self.totals = totals
        self.label: str | None = None
        self.bar: Any = None

    def advance(self, label: str, stage: str, name: str) -> None:
        if label != self.label:
            self.close()
            self.label = label
            self.bar = click.progressbar(
                length=max(1, self.totals(stage)),
                label=label.ljust(10),
                file=sys.stderr,
                show_pos=True,
                show_eta=True,
                item_show_func=lambda item: item and item[-40:],
            )
            self.bar.__enter__()
        self.bar.length = max(self.bar.length, self.totals(stage))
        self.bar.update(1, name)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


class _PlainLines:
    """``reading: 26/256 files`` at each tenth of a stage and at its end (of what is known
    of it: documents are counted as they are read)."""

    def __init__(self, totals: Callable[[str], int], units: Callable[[str], str]) -> None:
        self.totals, self.units = totals, units
        self.done: Counter[str] = Counter()

    def advance(self, label: str, stage: str, _: str) -> None:
        self.done[label] += 1
        done, total = self.done[label], self.totals(stage)
        if done % max(1, total // 10) == 0 or done == total:
            click.echo(f"{label}: {done}/{total} {self.units(stage)}", err=True)

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


def language_counts(codes: Counter[str]) -> str | None:
    """A line on the documents the tagger cannot read (``codes``: documents by language),
    or None when there are none."""
    codes = Counter({c: n for c, n in codes.items() if c and not is_supported(c) and n})
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


def _sources(paths: Sequence[str], book: Accounting) -> Iterator[SourceFile]:
    """The files to read under ``paths``, as the walk finds them (``iter_sources``); those
    left out go to the accounting."""
    for path in paths:
        for item in iter_sources(path, SUPPORTED_SUFFIXES):
            if isinstance(item, Skipped):
                book.skipped.append(item)
            else:
                yield item


def _count_files(paths: Sequence[str]) -> int:
    """How many files ``_sources`` will give (a walk that reads nothing), for progress."""
    return sum(
        1
        for path in paths
        for item in iter_sources(path, SUPPORTED_SUFFIXES)
        if isinstance(item, SourceFile)
    )


@dataclass
class _Reading:
    """The documents of the files, read one file at a time as the batches ask for them:
    memory holds the batches in flight, not the folder."""

    sources: Iterable[SourceFile]
    book: Accounting
    advance: Callable[..., None] = lambda *_: None
    documents: int = 0  # read so far

    def __iter__(self) -> Iterator[Document]:
        for source in self.sources:
            items = read_source_items(source)
            documents = [item for item in items if isinstance(item, Document)]
            self.book.skipped += [skip_for(i) for i in items if isinstance(i, IngestError)]
            self.documents += len(documents)
            self.advance(source.name, "read")
            yield from documents


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
    from timeline.batches import stream_batches

    book = Accounting()
    progress = Progress(quiet=quiet, tty=sys.stderr.isatty())
    files = 0 if quiet else _count_files(paths)
    reading = _Reading(_sources(paths, book), book)
    languages: Counter[str] = Counter()

    def failed(document: Document, error: Exception) -> None:
        if isinstance(error, UNAVAILABLE_ERRORS):
            raise error  # the store is down: every document would fail the same way
        book.failed.append((document.name, f"{type(error).__name__}: {error}"))

    def step(advance: Callable[..., None]) -> Callable[[str, Document], None]:
        def on_step(stage: str, document: Document) -> None:
            if stage == "stored" and document.language:
                languages[document.language] += 1
            advance(document.name, stage)

        return on_step

    queue = QueueSettings.load(broker=broker) if workers > 1 and broker else None
    if queue is not None:
        with open_store(db_url) as store:
            book.count(_through_queue(store, queue, reading, files, progress, book))
    else:
        with (
            open_store(db_url) as store,
            progress.stages(
                "read",
                lambda stage: files if stage == "read" else reading.documents,
                lambda stage: "files" if stage == "read" else "documents",
            ) as advance,
        ):
            reading.advance = advance
            for results in stream_batches(
                store, reading, workers=workers, on_step=step(advance), on_failure=failed
            ):
                book.count(results)
    for skip in book.skipped:
        if skip.reason is not SkipReason.UNSUPPORTED:
            click.echo(f"skipped ({skip.reason.value}): {skip.source}: {skip.detail}", err=True)
    unsupported = unsupported_line(book.skipped)
    if unsupported:
        click.echo(unsupported, err=True)
    for name, reason in book.failed:
        click.echo(f"failed: {name}: {reason}", err=True)
    foreign = language_counts(languages)
    if foreign:
        click.echo(foreign, err=True)
    click.echo(book.summary(), err=True)
    if book.has_errors:
        sys.exit(1)


def _through_queue(
    store: Store,
    settings: QueueSettings,
    reading: _Reading,
    files: int,
    progress: Progress,
    book: Accounting,
) -> list[IngestResult]:
    """The documents as jobs of the task queue (``timeline.jobs.batch``), waited for: the
    ``timeline worker`` processes on the queue run them, as they run the API's posts.  A
    text given twice is one job (counted once as new, then unchanged); a failed job is
    a failed document with the job's reason; a text whose job was done before is
    unchanged.  The files are read as the jobs are submitted: the texts wait in the jobs
    table, not in memory."""
    from timeline.jobs.batch import Progress as JobsProgress
    from timeline.jobs.batch import submit_all, wait_for_jobs
    from timeline.jobs.submit import JobQueue, QueueUnavailable

    queue = JobQueue(settings)
    try:
        with progress.stages("read", files, "files") as advance:
            reading.advance = advance
            jobs = submit_all(store, queue, reading)  # a job per document as it is read
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
