"""The pipeline: a read document in, everything derived from it out, each stage replaceable.

    sentences -> recognise temporal expressions (stage 1) -> date the document
              -> resolve expressions against that date (stage 2) -> events -> store

Stage 1 output (the underspecified values) is kept with each expression, so pinning a new
publication date re-runs only resolution and event anchoring (``reresolve``), never the
text analysis.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from timeline.dating import date_document
from timeline.dating.corpus import date_corpus
from timeline.events.entities import find_entities
from timeline.events.extract import extract_events
from timeline.model import AnalysedDocument, Document, PublicationDate
from timeline.store import IngestResult, Store
from timeline.temporal import Mention, Reference, analyse, mention_of, resolve_mentions
from timeline.text.sentences import split_sentences

_EXACT_ENOUGH_DAYS = 7


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


def reresolve(analysed: AnalysedDocument, published: PublicationDate | None) -> AnalysedDocument:
    """Re-resolve a stored analysis against a new publication date, without re-tagging."""
    document = analysed.document
    document.published = published
    mentions = [mention_of(e) for e in analysed.expressions]
    return _finish(document, mentions, ())


def analyse_corpus(
    documents: Sequence[Document], *, ignore_metadata: bool = False
) -> list[AnalysedDocument]:
    """Analyse documents together: they are dated jointly (``timeline.dating.corpus``) and
    participants get the same canonical names across documents."""
    mentions = [analyse(d.text) for d in documents]
    dates = date_corpus(documents, mentions, ignore_metadata=ignore_metadata)
    known = sorted({e.name for d in documents for e in find_entities(d.text) if " " in e.name})
    out = []
    for document, found, published in zip(documents, mentions, dates, strict=True):
        document.published = published
        out.append(_finish(document, found, known))
    return out


def ingest_documents(store: Store, documents: Sequence[Document]) -> list[IngestResult]:
    """Analyse the documents as one corpus and store each in its own transaction."""
    return [store.add(analysed) for analysed in analyse_corpus(documents)]
