"""The pipeline: a read document in, everything derived from it out, each stage replaceable.

    text analysis (sentences, temporal mentions = stage 1, participants; ``TextAnalysis``)
        -> date the document -> resolve expressions against that date (stage 2)
        -> events -> store

Every stage reads the one ``TextAnalysis`` of a document, so the text is split, tagged
and searched for names once per ingest.  Stage 1 output (the underspecified values) is
kept with each expression and the sentences with the document, so pinning a new
publication date re-runs only resolution and event anchoring (``redate_stored``), never the
text analysis.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from functools import partial
from typing import TypeVar

from timeline.analysis import TextAnalysis, known_names
from timeline.dating import date_document
from timeline.dating.corpus import date_batch, date_corpus
from timeline.events.extract import extract_events
from timeline.language import language_note
from timeline.model import (
    AnalysedDocument,
    Document,
    Evidence,
    Provenance,
    PublicationDate,
)
from timeline.store import DocumentRecord, IngestResult, Store, UnitOfWork
from timeline.temporal import Reference, mention_of, resolve_mentions
from timeline.temporal.values import day_interval

# Batch hooks (the CLI's progress bar and accounting): ``on_step(stage, document)`` after
# each document passes a stage ("tagged", "analysed", "stored"); ``on_failure(document,
# error)`` when one fails, which drops it and lets the others go on (without it, the
# error propagates as before).  The hook may re-raise to stop the batch.
T = TypeVar("T")
StepHook = Callable[[str, Document], None]
FailureHook = Callable[[Document, Exception], None]

_EXACT_ENOUGH_DAYS = 7
_KEPT = (Provenance.USER, Provenance.METADATA)  # dates re-dating never overrides


def reference_for(published: PublicationDate | None) -> Reference | None:
    """The reference relative expressions resolve against.

    A date known to the week is used as its best day (a "Tuesday" then means that week's
    Tuesday); a vaguer date makes relative expressions resolve to honest, coarser periods.
    """
    if published is None:
        return None
    if published.interval.days <= _EXACT_ENOUGH_DAYS:
        return Reference.of(published.point)
    return Reference(published.point, published.interval)


def _finish(
    document: Document, analysis: TextAnalysis, known_entities: Iterable[str]
) -> AnalysedDocument:
    expressions = resolve_mentions(analysis.mentions, reference_for(document.published))
    events = extract_events(analysis, expressions, document.published, known_entities)
    return AnalysedDocument(document, list(analysis.sentences), expressions, events)


def analyse_document(
    document: Document, *, ignore_metadata: bool = False, known_entities: Iterable[str] = ()
) -> AnalysedDocument:
    """Tag, date, resolve and extract events from one document.

    A publication date already set on ``document`` (pinned by a user) is kept as is.
    """
    analysis = TextAnalysis(document.text)
    document.language = analysis.language.code
    if document.published is None:
        published = date_document(document, analysis, ignore_metadata=ignore_metadata)
        document.published = language_note(published, document.language)
    return _finish(document, analysis, known_entities)


def stored_analysis(analysed: AnalysedDocument) -> TextAnalysis:
    """The text analysis of a stored document: its stored mentions and sentences."""
    return TextAnalysis(
        analysed.document.text,
        mentions=[mention_of(e) for e in analysed.expressions],
        sentences=analysed.sentences,
    )


def _related(records: list[DocumentRecord], ids: set[int]) -> list[DocumentRecord]:
    """The records in ``ids`` and those sharing a multi-word participant name with them."""

    def names(record: DocumentRecord) -> set[str]:
        return {p.casefold() for e in record.analysed.events for p in e.participants if " " in p}

    anchor_names = set().union(*(names(r) for r in records if r.analysed.document.id in ids))
    return [r for r in records if r.analysed.document.id in ids or names(r) & anchor_names]


def _attempt(
    stage: str,
    document: Document,
    work: Callable[[], T],
    on_step: StepHook | None,
    on_failure: FailureHook | None,
) -> T | None:
    """``work()`` for one document at ``stage``; None when it failed and was reported."""
    try:
        result = work()
    except Exception as error:
        if on_failure is None:
            raise
        on_failure(document, error)
        return None
    if on_step is not None:
        on_step(stage, document)
    return result


def analyse_corpus(
    documents: Sequence[Document],
    *,
    ignore_metadata: bool = False,
    on_step: StepHook | None = None,
    on_failure: FailureHook | None = None,
) -> list[AnalysedDocument]:
    """Analyse documents together: they are dated jointly (``timeline.dating.corpus``) and
    participants get the same canonical names across documents."""
    analyses: list[TextAnalysis] = []
    kept: list[Document] = []
    for document in documents:
        analysis = _attempt("tagged", document, partial(_tagged, document), on_step, on_failure)
        if analysis is not None:
            analyses.append(analysis)
            kept.append(document)
    dates = date_batch(kept, analyses, ignore_metadata=ignore_metadata)
    # full names used anywhere in the corpus: short and lower-cased mentions elsewhere
    # resolve to them ("putin" -> "Vladimir Putin")
    known = known_names(analyses)
    out: list[AnalysedDocument] = []
    for document, analysis, dated in zip(kept, analyses, dates, strict=True):
        if dated.failure is not None:  # dating failed: that document alone
            if on_failure is None:
                raise dated.failure
            on_failure(document, dated.failure)
            continue
        document.published = language_note(dated.published, document.language)
        work = partial(_finish, document, analysis, known)
        analysed = _attempt("analysed", document, work, on_step, on_failure)
        if analysed is not None:
            out.append(analysed)
    return out


def _tagged(document: Document) -> TextAnalysis:
    """A document's analysis with stage 1 and its language done now, so that a text the
    tagger fails on fails alone (and progress shows the tagging, the slow part)."""
    analysis = TextAnalysis(document.text)
    _ = analysis.mentions
    document.language = analysis.language.code
    return analysis


def ingest_documents(
    store: Store,
    documents: Sequence[Document],
    *,
    on_step: StepHook | None = None,
    on_failure: FailureHook | None = None,
) -> list[IngestResult]:
    """Analyse the documents as one corpus and store them, in one transaction.

    Documents already stored that share names with the new ones are re-dated with them
    in the same transaction: a newly ingested, well-dated article narrows its stored
    sisters too, and no reader ever sees the new documents without that.  The analysis
    runs before the transaction opens, so writers wait only for the writes and the
    re-dating.  With ``on_failure``, a document that fails is reported and left out (each
    is written under a savepoint, so its failure undoes only its own rows).
    """
    analysed = analyse_corpus(documents, on_step=on_step, on_failure=on_failure)
    with store.unit_of_work() as work:
        had_documents = bool(work.documents(limit=1))
        results: list[IngestResult] = []
        for one in analysed:
            result = _attempt("stored", one.document, partial(work.add, one), on_step, on_failure)
            if result is not None:
                results.append(result)
        new_ids = {r.document_id for r in results if r.created}
        if had_documents and new_ids:
            redate_stored(work, related_to=new_ids)
    return results


def pin_publication_date(store: Store, document_id: int, day: date) -> list[int]:
    """Store a user's publication date for a document and re-resolve what depends on it.

    The pinned document, and every stored document dated from content or through the
    corpus (whose estimate may lean on it), is re-dated jointly; those whose date changes
    are re-resolved from their stored underspecified values, never re-tagged.  All of it
    is one transaction.  Returns the ids of the documents re-resolved.  Raises KeyError
    for an unknown document.
    """
    pinned = PublicationDate(
        day_interval(day),
        day,
        1.0,
        Provenance.USER,
        (Evidence("user", day.isoformat(), f"pinned by a user to {day}"),),
    )
    with store.unit_of_work() as work:
        if work.document(document_id) is None:
            raise KeyError(document_id)
        return redate_stored(work, {document_id: pinned})


def redate_stored(
    store: UnitOfWork,
    pins: dict[int, PublicationDate] | None = None,
    *,
    related_to: set[int] | None = None,
) -> list[int]:
    """Re-date the stored corpus (keeping user and metadata dates) and re-resolve changes,
    inside the caller's unit of work.

    With ``related_to``, only those documents and the stored ones sharing a full name
    (two words or more) with them are dated together; the rest cannot be affected.
    """
    pins = pins or {}
    records = [r for d in store.documents() if d.id is not None and (r := store.document(d.id))]
    if related_to is not None:
        records = _related(records, related_to)
    documents: list[Document] = []
    for record in records:
        doc = record.analysed.document
        kept = doc.published if doc.published and doc.published.provenance in _KEPT else None
        documents.append(replace(doc, published=pins.get(doc.id or -1, kept)))
    analyses = [stored_analysis(r.analysed) for r in records]
    dates = date_corpus(documents, analyses)
    known = known_names(analyses)
    changed = []
    for record, analysis, found in zip(records, analyses, dates, strict=True):
        doc_id = record.analysed.document.id
        published = language_note(found, record.analysed.document.language)
        if doc_id is None or published == record.analysed.document.published:
            continue
        record.analysed.document.published = published
        store.replace_analysis(doc_id, _finish(record.analysed.document, analysis, known))
        changed.append(doc_id)
    return changed
