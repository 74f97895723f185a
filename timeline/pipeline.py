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
    pairs = _analyse(documents, on_step=on_step, on_failure=on_failure)
    return store_analysed(
        store,
        [a for a, _ in pairs],
        analyses=[t for _, t in pairs],
        on_step=on_step,
        on_failure=on_failure,
    )


def store_analysed(
    store: Store,
    analysed: Sequence[AnalysedDocument],
    *,
    analyses: Sequence[TextAnalysis] | None = None,
    on_step: StepHook | None = None,
    on_failure: FailureHook | None = None,
) -> list[IngestResult]:
    """The storing half of ``ingest_documents``: documents analysed together
    (``analyse_corpus``; ``analyses``: their text analyses, when the caller has them)
    stored in one transaction, with the stored documents they re-date."""
    pairs: list[tuple[AnalysedDocument, TextAnalysis | None]] = (
        list(zip(analysed, analyses, strict=True))
        if analyses is not None
        else [(a, None) for a in analysed]
    )

    def write(work: UnitOfWork, prepared: _Ingest) -> list[IngestResult]:
        results: list[IngestResult] = []
        for one in prepared.documents:
            result = _attempt("stored", one.document, partial(work.add, one), on_step, on_failure)
            if result is not None:
                results.append(result)
        for document_id, redone in prepared.redated.items():
            work.replace_analysis(document_id, redone)
        return results

    return _write(store, lambda reader: _prepare_ingest(reader, pairs), write)


@dataclass(frozen=True)
class _Ingest:
    documents: list[AnalysedDocument]  # to add, in input order, the new ones re-dated
    redated: dict[int, AnalysedDocument]  # stored documents whose date changes


def _prepare_ingest(
    reader: _Reader, pairs: Sequence[tuple[AnalysedDocument, TextAnalysis | None]]
) -> _Ingest:
    """The new documents, and the stored ones they re-date, as the corpus step leaves
    them: every document of the components the new ones join (``components``: documents
    linked by a full name their texts use, found through the candidate index) is dated
    again with its component (``settle``), so the result is that of the stored set, not of
    the order or the batches (#16.4).  A component larger than the fan-out bound
    (``index.redate_fanout``) is cut, and the new documents' dates say so in a ``limit``
    evidence item: beyond it, cost wins over order-independence."""
    analysed = [a for a, _ in pairs]
    stored_hashes = reader.stored_hashes(a.document.content_hash for a in analysed)
    first: dict[str, int] = {}  # content hash -> position of its first new document
    for k, a in enumerate(analysed):
        if a.document.content_hash not in stored_hashes:
            first.setdefault(a.document.content_hash, k)
    fresh = [pairs[k] for k in first.values()]
    if not fresh:
        return _Ingest(analysed, {})
    near = _component(reader, [full_names(a, t) for a, t in fresh], redate_fanout())
    group = [
        *((a, t if t is not None else stored_analysis(a)) for a, t in fresh),
        *((a, stored_analysis(a)) for a in near.documents),
    ]
    redone = settle([a for a, _ in group], analyses=[t for _, t in group])
    out = list(analysed)
    by_hash = dict(zip((a.document.content_hash for a, _ in group), redone, strict=True))
    for k in first.values():
        new = by_hash[analysed[k].document.content_hash]
        if new is not None:
            out[k] = new
        if near.cut_from is not None:
            out[k] = _bounded(out[k], len(near.documents), near.cut_from)
    redated = {
        old.document.id: new
        for (old, _), new in zip(group, redone, strict=True)
        if new is not None and old.document.id is not None
    }
    return _Ingest(out, redated)


@dataclass(frozen=True)
class _Component:
    documents: list[AnalysedDocument]  # the stored documents of the new ones' components
    cut_from: int | None = None  # how many there were at least, when the bound cut


def _component(reader: _Reader, names: Sequence[frozenset[str]], fanout: int) -> _Component:
    """The stored documents of the components new documents with full ``names`` join:
    those sharing one of the names (the candidate index), then those sharing a name with
    them, until no new name comes up; at most ``fanout`` of them (see ``_prepare_ingest``)."""
    asked: set[str] = set()
    wanted = {n.casefold() for used in names for n in used}
    documents: list[AnalysedDocument] = []
    seen: set[int] = set()
    while wanted - asked:
        frontier = sorted(wanted - asked)
        asked.update(frontier)
        near = reader.related(frontier, fanout=fanout + len(seen))
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
            for old, new in zip(stored, settle(stored, {document_id: pinned}), strict=True)
            if new is not None and old.document.id is not None
        }

    def write(work: UnitOfWork, redated: dict[int, AnalysedDocument]) -> list[int]:
        for redated_id, redone in redated.items():
            work.replace_analysis(redated_id, redone)
        return list(redated)

    return _write(store, prepare, write)


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


def _stored(reader: _Reader) -> list[AnalysedDocument]:
    """Every stored document with its analysis, in id order."""
    records = (reader.document(d.id) for d in reader.documents() if d.id is not None)
    return [r.analysed for r in records if r is not None]
