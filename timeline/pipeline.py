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

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
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
from timeline.store.errors import UNAVAILABLE_ERRORS
from timeline.store.index import FULL_NAMES_KEY, Neighbourhood, redate_fanout
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

log = logging.getLogger(__name__)


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


# document metadata: the corpus's full names its events were read with
# (``TextAnalysis.corpus_names``): re-dating re-reads a document when they change
CORPUS_NAMES_KEY = "corpus_names"


def _finish(
    document: Document, analysis: TextAnalysis, known_entities: Iterable[str]
) -> AnalysedDocument:
    if analysis.sentences and analysis.limits:  # (the split is what may hit a limit)
        document.metadata[LIMITS_KEY] = list(analysis.limits)
    document.published = _with_limits(document.published, document.metadata.get(LIMITS_KEY))
    names = analysis.corpus_names(known_entities)
    document.metadata[CORPUS_NAMES_KEY] = list(names)
    document.metadata[FULL_NAMES_KEY] = sorted(analysis.full_names)
    expressions = resolve_mentions(analysis.mentions, reference_for(document.published))
    events = extract_events(analysis, expressions, document.published, names)
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
    pairs = _analyse(
        documents, ignore_metadata=ignore_metadata, on_step=on_step, on_failure=on_failure
    )
    return [analysed for analysed, _ in pairs]


def _analyse(
    documents: Sequence[Document],
    *,
    ignore_metadata: bool = False,
    on_step: StepHook | None = None,
    on_failure: FailureHook | None = None,
) -> list[tuple[AnalysedDocument, TextAnalysis]]:
    """``analyse_corpus``, each document with its text analysis (the corpus step reads it
    again rather than searching the text for names again)."""
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
    out: list[tuple[AnalysedDocument, TextAnalysis]] = []
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
            out.append((analysed, analysis))
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

    def related(
        self, names: Iterable[str], *, fanout: int, exclude: Iterable[int] = ()
    ) -> Neighbourhood: ...

    def unsettled(self, *, limit: int | None = None) -> list[int]: ...

    def unsettled_among(self, document_ids: Iterable[int]) -> set[int]: ...

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
    settle: bool = True,
    on_step: StepHook | None = None,
    on_failure: FailureHook | None = None,
) -> list[IngestResult]:
    """Analyse the documents as one corpus and store them, in one transaction.

    The new documents are dated jointly with each other (not with the stored documents:
    that would cost more the larger the store) and recorded as *unsettled*; the settle
    job (``settle_unsettled``) then re-dates their components with the stored documents
    they share names with, in a transaction of its own.  With ``settle`` (the default) it
    runs here, right after the store; without, the caller runs it (once after a batch run,
    or as a queued job: ``timeline.jobs``).  Returns one result per document stored, in
    order (``created`` False for content already stored).  With ``on_failure``, a document
    that fails is reported and left out (each is written under a savepoint, so its failure
    undoes only its own rows).
    """
    pairs = _analyse(documents, on_step=on_step, on_failure=on_failure)
    return store_analysed(
        store,
        [a for a, _ in pairs],
        analyses=[t for _, t in pairs],
        settle=settle,
        on_step=on_step,
        on_failure=on_failure,
    )


def store_analysed(
    store: Store,
    analysed: Sequence[AnalysedDocument],
    *,
    analyses: Sequence[TextAnalysis] | None = None,
    settle: bool = True,
    on_step: StepHook | None = None,
    on_failure: FailureHook | None = None,
) -> list[IngestResult]:
    """The storing half of ``ingest_documents``: documents analysed together
    (``analyse_corpus``) stored in one transaction and recorded as unsettled, then (with
    ``settle``) their components settled (``settle_unsettled``; ``analyses``: their text
    analyses, when the caller has them, which settling then reads instead of finding the
    names of the stored texts again)."""
    # the batch's own corpus step first, in memory (``settle``: each component of the
    # batch on its own, as the settle job will date it): a batch that shares no name with
    # the store is then stored as the settle job leaves it, and the job changes nothing
    texts = list(analyses) if analyses is not None else [stored_analysis(a) for a in analysed]
    ready = _settled_batch(analysed, texts)
    with store.unit_of_work() as work:
        results: list[IngestResult] = []
        for one in ready:
            add = partial(work.add, one, regroup=False)  # (the settle job regroups)
            result = _attempt("stored", one.document, add, on_step, on_failure)
            if result is not None:
                results.append(result)
        work.mark_unsettled(r.document_id for r in results if r.created)
    if settle:
        known = {a.document.content_hash: t for a, t in zip(analysed, texts, strict=True)}
        settle_unsettled(store, analyses=known)
    return results


def _settled_batch(
    analysed: Sequence[AnalysedDocument], texts: Sequence[TextAnalysis]
) -> list[AnalysedDocument]:
    """The documents of a batch as ``settle`` over the batch alone leaves them."""
    redone = settle(analysed, analyses=texts)
    return [new or old for old, new in zip(analysed, redone, strict=True)]


# -- the settle job -------------------------------------------------------------------------


@dataclass(frozen=True)
class Settled:
    """What a run of the settle job did: the unsettled documents it settled, and the
    stored documents whose date or corpus names it changed (their analyses replaced)."""

    documents: list[int]
    redated: list[int]
    # documents it could not settle, even alone, with why (``Store.set_aside``)
    set_aside: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class _Settle:
    documents: list[int]  # the unsettled documents settled by this step
    redated: dict[int, AnalysedDocument]  # stored documents whose analysis changes


SETTLE_CHUNK = 100  # unsettled documents settled per transaction (like an ingest batch)


def settle_unsettled(
    store: Store,
    *,
    chunk: int = SETTLE_CHUNK,
    analyses: Mapping[str, TextAnalysis] | None = None,
) -> Settled:
    """The settle job: re-date the components of the unsettled documents, ``chunk`` of
    them per transaction, until none that was unsettled when it started is left.

    Each step takes the longest-waiting unsettled documents, finds the stored documents
    of their components through the candidate index (``_component``: documents linked by
    a full name, at most ``index.redate_fanout`` of them), dates them all jointly
    (``settle``), replaces the analyses that change, and forgets the unsettled documents,
    in one transaction: a reader sees a component before or after, never half of it.  The
    result is the corpus step over each component, as if its documents had been ingested
    together (#16.4): ``settle`` depends on the component, not on what came first.
    ``analyses``: text analyses the caller has, by content hash (else the stored ones)."""
    rounds = -(-store.unsettled_count() // chunk)
    documents: list[int] = []
    redated: list[int] = []
    aside: list[tuple[int, str]] = []
    for _ in range(rounds):
        try:
            steps = [_settle_step(store, None, analyses or {}, chunk)]
        except UNAVAILABLE_ERRORS:
            raise  # the database, not the documents: the job is retried as a whole
        except Exception:  # one of them cannot be settled: find it, settle the others
            ids = store.unsettled(limit=chunk)  # the step wrote nothing: the same ones
            log.exception("settling %d document(s) failed; settling them one by one", len(ids))
            steps = []
            for document_id in ids:
                step, reason = _settle_alone(store, document_id, analyses or {})
                if reason is not None:
                    aside.append((document_id, reason))
                elif step is not None:
                    steps.append(step)
        if not any(step.documents for step in steps) and not aside:
            break
        for step in steps:
            documents += step.documents
            redated += [d for d in step.redated if d not in redated]
    return Settled(documents, redated, aside)


def _settle_step(
    store: Store,
    ids: Sequence[int] | None,
    analyses: Mapping[str, TextAnalysis],
    size: int = SETTLE_CHUNK,
) -> _Settle:
    """Settle, in one transaction, the unsettled documents ``ids`` (those of them still
    unsettled), or else the ``size`` longest waiting."""
    prepare = partial(_prepare_settle, ids=ids, size=size, analyses=analyses)
    return _write(store, prepare, _write_settle)


def _settle_alone(
    store: Store, document_id: int, analyses: Mapping[str, TextAnalysis]
) -> tuple[_Settle | None, str | None]:
    """Settle one document by itself; if that fails too (not for the database), it is
    set aside with the reason (``UnitOfWork.set_aside``), so that one document that
    cannot be settled never blocks the others: marking it unsettled again retries it."""
    try:
        return _settle_step(store, [document_id], analyses, 1), None
    except UNAVAILABLE_ERRORS:
        raise
    except Exception as error:
        log.exception("settling document %d failed; set aside", document_id)
        reason = f"{type(error).__name__}: {error}".splitlines()[0]
        with store.unit_of_work() as work:
            work.set_aside(document_id, reason)
        return None, reason


def _prepare_settle(
    reader: _Reader,
    *,
    ids: Sequence[int] | None,
    size: int,
    analyses: Mapping[str, TextAnalysis],
) -> _Settle:
    """One step of ``settle_unsettled``, prepared (see ``_write``): the documents ``ids``
    that are still unsettled as ``reader`` sees them, or else the ``size`` longest
    waiting (prepared again on a newer state, they include what came in meanwhile)."""
    if ids is None:
        ids = reader.unsettled(limit=size)
    else:
        waiting = reader.unsettled_among(ids)
        ids = [d for d in ids if d in waiting]
    pending = reader.analysed(ids)
    if not pending:
        return _Settle(ids, {})
    own = [a.document.id for a in pending if a.document.id is not None]
    near = _component(reader, [full_names(a, None) for a in pending], redate_fanout(), own)
    group = [*pending, *near.documents]
    texts = [analyses.get(a.document.content_hash) or stored_analysis(a) for a in group]
    redone = settle(group, analyses=texts)
    redated: dict[int, AnalysedDocument] = {}
    for k, (old, new) in enumerate(zip(group, redone, strict=True)):
        if k < len(pending) and near.cut_from is not None:
            bounded = _bounded(new or old, len(near.documents), near.cut_from)
            new = None if bounded == old else bounded
        if new is not None and old.document.id is not None:
            redated[old.document.id] = new
    return _Settle(ids, redated)


def _write_settle(work: UnitOfWork, prepared: _Settle) -> _Settle:
    work.regroup_documents(prepared.documents)  # the entries their adds left as they came
    for document_id, redone in prepared.redated.items():
        work.replace_analysis(document_id, redone)
    work.clear_unsettled(prepared.documents)
    return prepared


@dataclass(frozen=True)
class _Component:
    documents: list[AnalysedDocument]  # the stored documents of the new ones' components
    cut_from: int | None = None  # how many there were at least, when the bound cut


def _component(
    reader: _Reader,
    names: Sequence[frozenset[str]],
    fanout: int,
    own: Sequence[int] = (),
) -> _Component:
    """The stored documents (besides ``own``, the documents whose ``names`` are given) of
    the components documents with full ``names`` are in: those sharing one of the names
    (the candidate index), then those sharing a name with them, until no new name comes
    up; at most ``fanout`` of them (``index.redate_fanout``: beyond it, cost wins over
    order-independence, and the documents' dates say so, ``_bounded``)."""
    asked: set[str] = set()
    wanted = {n.casefold() for used in names for n in used}
    documents: list[AnalysedDocument] = []
    seen: set[int] = set()
    while wanted - asked:
        frontier = sorted(wanted - asked)
        asked.update(frontier)
        near = reader.related(frontier, fanout=fanout + len(seen), exclude=own)
        new = [d for d in near.ids if d not in seen]
        room = fanout - len(seen)
        if near.cut_from is not None or len(new) > room:
            documents.extend(reader.analysed(new[:room]))
            return _Component(documents, len(seen) + max(len(new), near.cut_from or 0))
        seen.update(new)
        for a in reader.analysed(new):
            documents.append(a)
            wanted.update(n.casefold() for n in full_names(a, None))
    return _Component(documents)


_BOUND_NOTE = "dated with {kept} of {related} related stored documents"


def _bounded(analysed: AnalysedDocument, kept: int, related: int) -> AnalysedDocument:
    """A document whose neighbourhood was cut to ``kept`` of ``related`` stored documents,
    its date saying so (a ``limit`` evidence item, replacing an earlier one of its kind)."""
    published = analysed.document.published
    if published is None:
        return analysed
    note = Evidence(
        "limit",
        _BOUND_NOTE.format(kept=kept, related=related),
        f"the stored documents sharing most names with it (at most {kept}) were dated with it",
    )
    kept_evidence = tuple(e for e in published.evidence if not _is_bound_note(e))
    document = replace(
        analysed.document, published=replace(published, evidence=(*kept_evidence, note))
    )
    return replace(analysed, document=document)


def _is_bound_note(evidence: Evidence) -> bool:
    return evidence.source == "limit" and evidence.text.startswith("dated with ")


# -- pinning and deleting -------------------------------------------------------------------


def pin_publication_date(store: Store, document_id: int, day: date) -> list[int]:
    """Store a user's publication date for a document and re-resolve what depends on it.

    The pinned document and the stored documents of its component (those linked to it by
    a full name, found through the candidate index, at most ``index.redate_fanout``) are
    re-dated jointly; those whose date changes are re-resolved from their stored
    underspecified values, never re-tagged.  All of it is one transaction.  Returns the
    ids of the documents re-resolved.  Raises KeyError for an unknown document.
    """
    pinned = PublicationDate(
        day_interval(day),
        day,
        1.0,
        Provenance.USER,
        (Evidence("user", day.isoformat(), f"pinned by a user to {day}"),),
    )

    def prepare(reader: _Reader) -> dict[int, AnalysedDocument]:
        record = reader.document(document_id)
        if record is None:
            raise KeyError(document_id)
        names = [full_names(record.analysed, None)]
        near = _component(reader, names, redate_fanout(), [document_id])
        group = [record.analysed, *near.documents]
        return {
            old.document.id: new
            for old, new in zip(group, settle(group, {document_id: pinned}), strict=True)
            if new is not None and old.document.id is not None
        }

    def write(work: UnitOfWork, redated: dict[int, AnalysedDocument]) -> list[int]:
        for redated_id, redone in redated.items():
            work.replace_analysis(redated_id, redone)
        return list(redated)

    return _write(store, prepare, write)


def delete_document(store: Store, document_id: int, *, settle: bool = True) -> bool:
    """Delete a document (``UnitOfWork.delete``); False if there was none.

    The stored documents that shared a full name with it (found through the candidate
    index, at most ``index.redate_fanout``) may have been dated with its help: they are
    recorded as unsettled in the same transaction, and their components re-dated by the
    settle job (here, with ``settle``; else by the caller's queued job)."""
    with store.unit_of_work() as work:
        record = work.document(document_id)
        if record is None:
            return False
        names = sorted({n.casefold() for n in full_names(record.analysed, None)})
        near = work.related(names, fanout=redate_fanout(), exclude=[document_id])
        work.delete(document_id)
        work.mark_unsettled(near.ids)
    if settle:
        settle_unsettled(store)
    return True


def settle(
    analysed: Sequence[AnalysedDocument],
    pins: Mapping[int, PublicationDate] | None = None,
    *,
    analyses: Sequence[TextAnalysis] | None = None,
) -> list[AnalysedDocument | None]:
    """The corpus step: ``redate`` each component of ``analysed`` (``components``) on its
    own, its documents in content-hash order, so that what the step finds for a document
    depends on the documents of its component, not on the order they came in or on the
    batches they came in with (#16.4).  For each document its new analysis, or None when
    nothing changes.  ``analyses``: their text analyses, when the caller has them."""
    texts = list(analyses) if analyses is not None else [stored_analysis(a) for a in analysed]
    out: list[AnalysedDocument | None] = [None] * len(analysed)
    for component in components([full_names(a, t) for a, t in zip(analysed, texts, strict=True)]):
        members = sorted(component, key=lambda k: analysed[k].document.content_hash)
        redone = redate([analysed[k] for k in members], pins, [texts[k] for k in members])
        for k, new in zip(members, redone, strict=True):
            out[k] = new
    return out


def full_names(analysed: AnalysedDocument, analysis: TextAnalysis | None) -> frozenset[str]:
    """The full names a document's text uses by itself, as recorded when it was analysed
    (found again for a document stored before they were)."""
    recorded = analysed.document.metadata.get(FULL_NAMES_KEY)
    if isinstance(recorded, list):
        return frozenset(str(n) for n in recorded)
    return (analysis or stored_analysis(analysed)).full_names


def components(names: Sequence[frozenset[str]]) -> list[list[int]]:
    """The documents (positions; ``names``: each one's ``full_names``) linked by a full
    name used in both, transitively: nothing the corpus step does carries a date or a name
    across two components.  A function of each document's own text, so of the set of
    documents."""
    parent = list(range(len(names)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    first: dict[str, int] = {}
    for k, used in enumerate(names):
        for name in sorted({n.casefold() for n in used}):
            if name in first:
                parent[root(k)] = root(first[name])
            else:
                first[name] = k
    grouped: dict[int, list[int]] = {}
    for k in range(len(names)):
        grouped.setdefault(root(k), []).append(k)
    return list(grouped.values())


def redate(
    analysed: Sequence[AnalysedDocument],
    pins: Mapping[int, PublicationDate] | None = None,
    analyses: Sequence[TextAnalysis] | None = None,
) -> list[AnalysedDocument | None]:
    """Date documents jointly again (keeping user and metadata dates; ``pins`` by document
    id) and re-resolve, from their stored underspecified values, those whose date or
    corpus names (``TextAnalysis.corpus_names``) change: for each document its new analysis, or None
    when both stay."""
    pins = pins or {}
    documents: list[Document] = []
    for a in analysed:
        doc = a.document
        kept = doc.published if doc.published and doc.published.provenance in _KEPT else None
        documents.append(replace(doc, published=pins.get(doc.id or -1, kept)))
    if analyses is None:
        analyses = [stored_analysis(a) for a in analysed]
    dates = date_corpus(documents, analyses)
    # the corpus's full names (``known_names``), as each document recorded them
    known = sorted(
        set().union(*(full_names(a, t) for a, t in zip(analysed, analyses, strict=True)))
    )
    out: list[AnalysedDocument | None] = []
    for a, analysis, found in zip(analysed, analyses, dates, strict=True):
        published = language_note(found, a.document.language)
        names = list(analysis.corpus_names(known))
        if published == a.document.published and names == a.document.metadata.get(CORPUS_NAMES_KEY):
            out.append(None)
            continue
        document = replace(a.document, published=published, metadata=dict(a.document.metadata))
        out.append(_finish(document, analysis, known))
    return out
