"""The pipeline: a read document in, everything derived from it out, each stage replaceable.

    text analysis (sentences, temporal mentions = stage 1, participants; ``TextAnalysis``)
        -> date the document -> resolve expressions against that date (stage 2)
        -> events -> store

Every stage reads the one ``TextAnalysis`` of a document, so the text is split, tagged
and searched for names once per ingest.  Stage 1 output (the underspecified values) is
kept with each expression and the sentences with the document, so pinning a new
publication date re-runs only resolution and event anchoring (``redate``), never the
text analysis.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from typing import Protocol, TypeVar

from timeline.analysis import TextAnalysis, known_names
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
from timeline.store import DocumentRecord, IngestResult, Store, StoreChanged, UnitOfWork
from timeline.store.index import Neighbourhood, document_name_keys, redate_fanout
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


LIMITS_KEY = "limits"  # document metadata: what was read within a limit, and how


def _finish(
    document: Document, analysis: TextAnalysis, known_entities: Iterable[str]
) -> AnalysedDocument:
    if analysis.sentences and analysis.limits:  # (the split is what may hit a limit)
        document.metadata[LIMITS_KEY] = list(analysis.limits)
    document.published = _with_limits(document.published, document.metadata.get(LIMITS_KEY))
    expressions = resolve_mentions(analysis.mentions, reference_for(document.published))
    events = extract_events(analysis, expressions, document.published, known_entities)
    return AnalysedDocument(document, list(analysis.sentences), expressions, events)


def _with_limits(published: PublicationDate | None, limits: object) -> PublicationDate | None:
    """The date with a ``limit`` evidence item per limit the text was read within: a date
    (and everything after it) read from part of a sentence says so."""
    if published is None or not isinstance(limits, list):
        return published
    shown = {(e.source, e.text) for e in published.evidence}
    added = tuple(
        Evidence("limit", str(note), "the text was read within a limit")
        for note in limits
        if ("limit", str(note)) not in shown
    )
    return replace(published, evidence=published.evidence + added) if added else published


def stored_analysis(analysed: AnalysedDocument) -> TextAnalysis:
    """The text analysis of a stored document: its stored mentions and sentences."""
    return TextAnalysis(
        analysed.document.text,
        mentions=[mention_of(e) for e in analysed.expressions],
        sentences=analysed.sentences,
    )


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


# -- writing to the store -------------------------------------------------------------------
#
# A write that re-dates stored documents is prepared from a snapshot (no lock held while
# dating, which takes seconds on a large store) and then written in one unit of work,
# opened for the revision the snapshot was read at: if another writer got in between, the
# unit refuses (``StoreChanged``) before writing anything and the write is prepared again.
# After a few refusals it is prepared inside the unit, holding the lock.

_OPTIMISTIC_TRIES = 5

_Prepared = TypeVar("_Prepared")
_Result = TypeVar("_Result")


class _Reader(Protocol):
    """What preparing a write reads: ``Store`` (a snapshot) or ``UnitOfWork`` (locked)."""

    def documents(
        self, *, limit: int | None = None, after: int | None = None
    ) -> list[Document]: ...

    def document(self, document_id: int) -> DocumentRecord | None: ...

    def related(self, names: Iterable[str], *, fanout: int) -> Neighbourhood: ...

    def stored_hashes(self, hashes: Iterable[str]) -> set[str]: ...

    def analysed(self, document_ids: Sequence[int]) -> list[AnalysedDocument]: ...

    def has_documents(self) -> bool: ...


def _write(
    store: Store,
    prepare: Callable[[_Reader], _Prepared],
    write: Callable[[UnitOfWork, _Prepared], _Result],
) -> _Result:
    """``write(work, prepare(store))`` in one unit of work, prepared without holding the
    write lock unless other writers keep getting in first (see above)."""
    for _ in range(_OPTIMISTIC_TRIES):
        revision = store.revision()
        prepared = prepare(store)
        try:
            with store.unit_of_work(expected_revision=revision) as work:
                return write(work, prepared)
        except StoreChanged:
            continue
    with store.unit_of_work() as work:
        return write(work, prepare(work))


def ingest_documents(
    store: Store,
    documents: Sequence[Document],
    *,
    on_step: StepHook | None = None,
    on_failure: FailureHook | None = None,
) -> list[IngestResult]:
    """Analyse the documents as one corpus and store them, in one transaction.

    Stored documents that share names with the new ones are re-dated with them in the same
    transaction: a newly ingested, well-dated article narrows its stored sisters too (and
    they it), and no reader ever sees the new documents without that.  Returns one result
    per document stored, in order (``created`` False for content already stored).  With
    ``on_failure``, a document that fails is reported and left out (each is written under
    a savepoint, so its failure undoes only its own rows).
    """
    analysed = analyse_corpus(documents, on_step=on_step, on_failure=on_failure)
    return store_analysed(store, analysed, on_step=on_step, on_failure=on_failure)


def store_analysed(
    store: Store,
    analysed: Sequence[AnalysedDocument],
    *,
    on_step: StepHook | None = None,
    on_failure: FailureHook | None = None,
) -> list[IngestResult]:
    """The storing half of ``ingest_documents``: documents analysed together
    (``analyse_corpus``) stored in one transaction, with the stored documents they
    re-date."""

    def write(work: UnitOfWork, prepared: _Ingest) -> list[IngestResult]:
        results: list[IngestResult] = []
        for one in prepared.documents:
            result = _attempt("stored", one.document, partial(work.add, one), on_step, on_failure)
            if result is not None:
                results.append(result)
        for document_id, redone in prepared.redated.items():
            work.replace_analysis(document_id, redone)
        return results

    return _write(store, lambda reader: _prepare_ingest(reader, analysed), write)


@dataclass(frozen=True)
class _Ingest:
    documents: list[AnalysedDocument]  # to add, in input order, the new ones re-dated
    redated: dict[int, AnalysedDocument]  # stored documents whose date changes


def _prepare_ingest(reader: _Reader, analysed: Sequence[AnalysedDocument]) -> _Ingest:
    """The new documents and the stored ones they re-date: their neighbourhood, the stored
    documents sharing a multi-word participant name with them, found through the
    candidate index (``Store.related``) and bounded (``index.redate_fanout``; when the
    bound cut, the new documents' dates say so in a ``limit`` evidence item)."""
    if not reader.has_documents():
        return _Ingest(list(analysed), {})
    stored_hashes = reader.stored_hashes(a.document.content_hash for a in analysed)
    first: dict[str, int] = {}  # content hash -> position of its first new document
    for k, a in enumerate(analysed):
        if a.document.content_hash not in stored_hashes:
            first.setdefault(a.document.content_hash, k)
    fresh = [analysed[k] for k in first.values()]
    if not fresh:
        return _Ingest(list(analysed), {})
    fanout = redate_fanout()
    near = reader.related(
        document_name_keys(e.participants for a in fresh for e in a.events), fanout=fanout
    )
    group: list[AnalysedDocument] = list(fresh)
    redone: list[AnalysedDocument | None] = [None] * len(fresh)
    if near.movable or not all(_kept(a.document) for a in fresh):
        # (else every date involved is a user's or the publisher's: re-dating keeps them)
        group = [*fresh, *reader.analysed(near.ids)]
        redone = redate(group)
    out = list(analysed)
    for k, new in zip(first.values(), redone[: len(fresh)], strict=True):
        if new is not None:
            out[k] = new
        if near.cut_from is not None:
            out[k] = _bounded(out[k], len(near.ids), near.cut_from)
    redated = {
        old.document.id: new
        for old, new in zip(group[len(fresh) :], redone[len(fresh) :], strict=True)
        if new is not None and old.document.id is not None
    }
    return _Ingest(out, redated)


def _kept(document: Document) -> bool:
    """Whether re-dating keeps the document's date (a user's or the publisher's)."""
    return document.published is not None and document.published.provenance in _KEPT


def _bounded(analysed: AnalysedDocument, kept: int, related: int) -> AnalysedDocument:
    """A new document whose neighbourhood was cut to ``kept`` of ``related`` stored
    documents, its date saying so (a ``limit`` evidence item)."""
    published = analysed.document.published
    if published is None:
        return analysed
    note = Evidence(
        "limit",
        f"dated with {kept} of {related} related stored documents",
        f"the stored documents sharing most names with it (at most {kept}) were dated with it",
    )
    document = replace(
        analysed.document, published=replace(published, evidence=(*published.evidence, note))
    )
    return replace(analysed, document=document)


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

    def prepare(reader: _Reader) -> dict[int, AnalysedDocument]:
        if reader.document(document_id) is None:
            raise KeyError(document_id)
        stored = _stored(reader)
        return {
            old.document.id: new
            for old, new in zip(stored, redate(stored, {document_id: pinned}), strict=True)
            if new is not None and old.document.id is not None
        }

    def write(work: UnitOfWork, redated: dict[int, AnalysedDocument]) -> list[int]:
        for redated_id, redone in redated.items():
            work.replace_analysis(redated_id, redone)
        return list(redated)

    return _write(store, prepare, write)


def redate(
    analysed: Sequence[AnalysedDocument], pins: Mapping[int, PublicationDate] | None = None
) -> list[AnalysedDocument | None]:
    """Date documents jointly again (keeping user and metadata dates; ``pins`` by document
    id) and re-resolve, from their stored underspecified values, those whose date changes:
    for each document its new analysis, or None when its date stays."""
    pins = pins or {}
    documents: list[Document] = []
    for a in analysed:
        doc = a.document
        kept = doc.published if doc.published and doc.published.provenance in _KEPT else None
        documents.append(replace(doc, published=pins.get(doc.id or -1, kept)))
    analyses = [stored_analysis(a) for a in analysed]
    dates = date_corpus(documents, analyses)
    known: list[str] | None = None  # the corpus's full names, read once a date moved
    out: list[AnalysedDocument | None] = []
    for a, analysis, found in zip(analysed, analyses, dates, strict=True):
        published = language_note(found, a.document.language)
        if published == a.document.published:
            out.append(None)
            continue
        if known is None:
            known = known_names(analyses)
        out.append(_finish(replace(a.document, published=published), analysis, known))
    return out


def _stored(reader: _Reader) -> list[AnalysedDocument]:
    """Every stored document with its analysis, in id order."""
    records = (reader.document(d.id) for d in reader.documents() if d.id is not None)
    return [r.analysed for r in records if r is not None]
