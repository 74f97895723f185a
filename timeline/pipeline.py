"""The pipeline: a read document in, everything derived from it out, each stage replaceable.

    sentences -> recognise temporal expressions (stage 1) -> date the document
              -> resolve expressions against that date (stage 2) -> events -> store

Stage 1 output (the underspecified values) is kept with each expression, so pinning a new
publication date re-runs only resolution and event anchoring (``reresolve``), never the
text analysis.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from timeline.dating import date_document
from timeline.dating.corpus import date_corpus
from timeline.events.entities import find_entities
from timeline.events.extract import extract_events
from timeline.model import (
    AnalysedDocument,
    Document,
    Evidence,
    Provenance,
    PublicationDate,
)
from timeline.store import DocumentRecord, IngestResult, Store
from timeline.temporal import Mention, Reference, analyse, mention_of, resolve_mentions
from timeline.temporal.values import day_interval
from timeline.text.sentences import split_sentences

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
    document: Document, mentions: Sequence[Mention], known_entities: Iterable[str]
) -> AnalysedDocument:
    sentences = split_sentences(document.text)
    expressions = resolve_mentions(mentions, reference_for(document.published))
    events = extract_events(
        document.text, sentences, expressions, document.published, known_entities
    )
    return AnalysedDocument(document, sentences, expressions, events)


def analyse_document(
    document: Document, *, ignore_metadata: bool = False, known_entities: Iterable[str] = ()
) -> AnalysedDocument:
    """Tag, date, resolve and extract events from one document.

    A publication date already set on ``document`` (pinned by a user) is kept as is.
    """
    mentions = analyse(document.text)
    if document.published is None:
        document.published = date_document(document, mentions, ignore_metadata=ignore_metadata)
    return _finish(document, mentions, known_entities)


def reresolve(
    analysed: AnalysedDocument,
    published: PublicationDate | None,
    known_entities: Iterable[str] = (),
) -> AnalysedDocument:
    """Re-resolve a stored analysis against a new publication date, without re-tagging."""
    document = analysed.document
    document.published = published
    mentions = [mention_of(e) for e in analysed.expressions]
    return _finish(document, mentions, known_entities)


def _related(records: list[DocumentRecord], ids: set[int]) -> list[DocumentRecord]:
    """The records in ``ids`` and those sharing a multi-word participant name with them."""

    def names(record: DocumentRecord) -> set[str]:
        return {p.casefold() for e in record.analysed.events for p in e.participants if " " in p}

    anchor_names = set().union(*(names(r) for r in records if r.analysed.document.id in ids))
    return [r for r in records if r.analysed.document.id in ids or names(r) & anchor_names]


def _known_entities(documents: Sequence[Document]) -> list[str]:
    """Full names (two words or more) used anywhere in the corpus: short and lower-cased
    mentions elsewhere resolve to them ("putin" -> "Vladimir Putin")."""
    return sorted({e.name for d in documents for e in find_entities(d.text) if " " in e.name})


def analyse_corpus(
    documents: Sequence[Document], *, ignore_metadata: bool = False
) -> list[AnalysedDocument]:
    """Analyse documents together: they are dated jointly (``timeline.dating.corpus``) and
    participants get the same canonical names across documents."""
    mentions = [analyse(d.text) for d in documents]
    dates = date_corpus(documents, mentions, ignore_metadata=ignore_metadata)
    known = _known_entities(documents)
    out = []
    for document, found, published in zip(documents, mentions, dates, strict=True):
        document.published = published
        out.append(_finish(document, found, known))
    return out


def ingest_documents(store: Store, documents: Sequence[Document]) -> list[IngestResult]:
    """Analyse the documents as one corpus and store each in its own transaction.

    Documents already stored that share names with the new ones are then re-dated with
    them: a newly ingested, well-dated article narrows its stored sisters too.
    """
    had_documents = bool(store.documents(limit=1))
    results = [store.add(analysed) for analysed in analyse_corpus(documents)]
    new_ids = {r.document_id for r in results if r.created}
    if had_documents and new_ids:
        redate_stored(store, related_to=new_ids)
    return results


def pin_publication_date(store: Store, document_id: int, day: date) -> list[int]:
    """Store a user's publication date for a document and re-resolve what depends on it.

    The pinned document, and every stored document dated from content or through the
    corpus (whose estimate may lean on it), is re-dated jointly; those whose date changes
    are re-resolved from their stored underspecified values, never re-tagged.  Returns
    the ids of the documents re-resolved.  Raises KeyError for an unknown document.
    """
    if store.document(document_id) is None:
        raise KeyError(document_id)
    pinned = PublicationDate(
        day_interval(day),
        day,
        1.0,
        Provenance.USER,
        (Evidence("user", day.isoformat(), f"pinned by a user to {day}"),),
    )
    return redate_stored(store, {document_id: pinned})


def redate_stored(
    store: Store,
    pins: dict[int, PublicationDate] | None = None,
    *,
    related_to: set[int] | None = None,
) -> list[int]:
    """Re-date the stored corpus (keeping user and metadata dates) and re-resolve changes.

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
    mentions = [[mention_of(e) for e in r.analysed.expressions] for r in records]
    dates = date_corpus(documents, mentions)
    known = _known_entities(documents)
    changed = []
    for record, published in zip(records, dates, strict=True):
        doc_id = record.analysed.document.id
        if doc_id is None or published == record.analysed.document.published:
            continue
        store.replace_analysis(doc_id, reresolve(record.analysed, published, known))
        changed.append(doc_id)
    return changed
