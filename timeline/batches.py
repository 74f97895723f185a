"""Batch ingest of many documents: fixed batches, analysed in local processes, stored in order.

``timeline ingest DIR`` cuts what it reads into batches of ``batch_size`` documents (100,
``$TIMELINE_INGEST_BATCH``), in reading order.  Each batch is one corpus
(``pipeline.analyse_corpus``: tagged, dated jointly, its events found) and one
transaction (``pipeline.store_analysed``: stored, merged into the timeline, recorded as
unsettled); the stored neighbourhoods of all of them are re-dated once at the end of the
run (``pipeline.settle_unsettled``).  With ``workers`` above one the batches are analysed
in that many local processes at once, the slow part, while this process stores the finished ones one
after the other, in reading order: the corpus steps (re-dating the neighbourhood,
merging into entries) stay serial, under the store's writer lock (PostgreSQL advisory
locks per blocking key, an exclusive writer lock per unit of work; SQLite: one writer).

The batches depend on the input and ``batch_size`` only, each is analysed by the same
function wherever it runs, and they are stored in the same order: the store comes out
the same with any number of workers.  At most ``2 * workers`` batches are in flight, so
memory stays bounded by the batch size, not the input.

Processes are started with ``spawn``: a forked child would share this process's
database connections (and close them on exit).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field

from timeline.model import AnalysedDocument, Document
from timeline.pipeline import (
    FailureHook,
    StepHook,
    analyse_corpus,
    settle_unsettled,
    store_analysed,
)
from timeline.store import IngestResult, Store

BATCH_ENV = "TIMELINE_INGEST_BATCH"
DEFAULT_BATCH = 100


def batch_size() -> int:
    """Documents per batch (``$TIMELINE_INGEST_BATCH``, default 100)."""
    try:
        value = int(os.environ.get(BATCH_ENV, ""))
    except ValueError:
        return DEFAULT_BATCH
    return value if value > 0 else DEFAULT_BATCH


@dataclass
class _Analysed:
    """A batch analysed, with what happened to each document (by position in the batch),
    to be reported by the process that stores it."""

    analysed: list[AnalysedDocument]
    steps: list[tuple[str, int]] = field(default_factory=list)
    failures: list[tuple[int, Exception]] = field(default_factory=list)


def analyse_batch(documents: list[Document]) -> _Analysed:
    """``analyse_corpus`` of one batch, its steps and failures recorded (not raised)."""
    position = {id(d): i for i, d in enumerate(documents)}
    result = _Analysed([])

    def failed(document: Document, error: Exception) -> None:
        result.failures.append((position[id(document)], _portable(error)))

    result.analysed = analyse_corpus(
        documents,
        on_step=lambda stage, d: result.steps.append((stage, position[id(d)])),
        on_failure=failed,
    )
    return result


def _portable(error: Exception) -> Exception:
    """The error itself when it crosses a process boundary, else one with its text."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error


def batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """``documents`` in consecutive lists of ``size`` (the last one shorter)."""
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest_batches(
    store: Store,
    documents: Iterable[Document],
    *,
    workers: int = 1,
    size: int | None = None,
    on_step: StepHook | None = None,
    on_failure: FailureHook | None = None,
) -> list[IngestResult]:
    """Ingest ``documents`` batch by batch (see the module docstring); one result per
    document stored, in order.  ``on_step`` and ``on_failure`` as in
    ``pipeline.ingest_documents`` (called from this process)."""
    stream = stream_batches(
        store, documents, workers=workers, size=size, on_step=on_step, on_failure=on_failure
    )
    return [result for stored in stream for result in stored]


def stream_batches(
    store: Store,
    documents: Iterable[Document],
    *,
    workers: int = 1,
    size: int | None = None,
    on_step: StepHook | None = None,
    on_failure: FailureHook | None = None,
) -> Iterator[list[IngestResult]]:
    """``ingest_batches`` as a stream: each batch's results as soon as it is stored.

    ``documents`` is consumed lazily, a batch at a time (at most ``2 * workers`` batches
    ahead of the one being stored), so a caller that reads files as it is asked for them
    (``timeline ingest DIR``) holds a few batches in memory, whatever the folder holds.
    Once the last batch is stored, the run's stored neighbourhoods are settled, once for
    the run, not per batch (``pipeline.settle_unsettled``)."""
    yield from _stored_batches(store, documents, workers, size, on_step, on_failure)
    settle_unsettled(store)


def _stored_batches(
    store: Store,
    documents: Iterable[Document],
    workers: int,
    size: int | None,
    on_step: StepHook | None,
    on_failure: FailureHook | None,
) -> Iterator[list[IngestResult]]:
    chunks = batches(documents, size or batch_size())
    if workers <= 1:
        for batch in chunks:
            yield _store(store, batch, analyse_batch(batch), on_step, on_failure)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        flight: deque[tuple[list[Document], Future[_Analysed]]] = deque()
        for batch in chunks:
            flight.append((batch, pool.submit(analyse_batch, batch)))
            if len(flight) >= 2 * workers:
                done, future = flight.popleft()
                yield _store(store, done, future.result(), on_step, on_failure)
        while flight:
            done, future = flight.popleft()
            yield _store(store, done, future.result(), on_step, on_failure)


def _store(
    store: Store,
    documents: Sequence[Document],
    analysed: _Analysed,
    on_step: StepHook | None,
    on_failure: FailureHook | None,
) -> list[IngestResult]:
    for stage, i in analysed.steps:
        if on_step is not None:
            on_step(stage, documents[i])
    for i, error in analysed.failures:
        if on_failure is None:
            raise error
        on_failure(documents[i], error)
    return store_analysed(
        store, analysed.analysed, settle=False, on_step=on_step, on_failure=on_failure
    )
