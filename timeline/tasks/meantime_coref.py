"""Event coreference from MEANTIME (NewsReader CAT-XML): the training and test data of
``timeline.events.coref_model``.

MEANTIME groups the event mentions of one document (``<EVENT_MENTION>``) into event
instances with ``<REFERS_TO>`` relations (sources: mentions, target: an ``<EVENT>``), and an
``<EVENT>`` that the corpus links across documents carries an ``instance_id`` shared by the
documents that report it.  Two mentions are one happening when they refer to one
``<EVENT>`` of a document, or to two ``<EVENT>`` sharing an ``instance_id``.

The pipeline's own events are what a model must decide on, so each document is read as
the pipeline reads news (``read_documents``): its tokens re-joined into text (each
sentence a line, MEANTIME's date line left out: it is the creation time, the DCT), tagged
and analysed (``extract.event_mentions``: every trigger with a time, as an ``Event``,
whether or not the document keeps it as an entry of its own); every event whose
trigger falls on a token of a gold event mention gets that mention's happening
(``CorefDocument.gold``).  Events on no gold mention are not scored (MEANTIME annotates
the events of the article's first sentences in full and fewer after them).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from timeline.analysis import TextAnalysis
from timeline.events.entities import find_entities
from timeline.events.extract import EventMention, context_window, event_mentions
from timeline.model import Event, Provenance, PublicationDate, Sentence
from timeline.tasks.semeval_documents import detokenize
from timeline.temporal import tag
from timeline.temporal.values import day_interval

__all__ = ["CorefDocument", "gold_happenings", "read_documents"]

_DATE_RE = re.compile(r"\d{4}-\d\d-\d\d")


@dataclass(frozen=True, slots=True)
class CorefDocument:
    name: str  # the file's stem, e.g. "58383_Cisco_sues_Apple"
    text: str
    mentions: list[EventMention]  # the analysed mentions with a time, one per event
    events: list[Event]
    # per event: its gold happening ("<file>#<event m_id>" or the cross-document
    # "instance_id"), None when the trigger is on no gold event mention
    gold: list[str | None]


@dataclass(frozen=True, slots=True)
class _Parsed:
    name: str
    dct: date
    sentences: list[list[str]]  # the kept sentences' tokens, in order
    happening_at: dict[tuple[int, int], str]  # (kept sentence, token) -> gold happening


def gold_happenings(root: ET.Element, name: str) -> dict[str, str]:
    """Each event mention's happening: its ``<EVENT>``'s ``instance_id`` when the corpus
    links it across documents, else the ``<EVENT>`` of this document."""
    markables = root.find("Markables")
    instance: dict[str, str] = {}
    if markables is not None:
        for event in markables.iter("EVENT"):
            m_id = event.get("m_id", "")
            instance[m_id] = event.get("instance_id") or f"{name}#{m_id}"
    out: dict[str, str] = {}
    relations = root.find("Relations")
    if relations is not None:
        for link in relations.iter("REFERS_TO"):
            target = link.find("target")
            if target is None or target.get("m_id", "") not in instance:
                continue
            for source in link.iter("source"):
                out[source.get("m_id", "")] = instance[target.get("m_id", "")]
    return out


def _parse(path: Path) -> _Parsed:
    root = ET.parse(path).getroot()
    name = path.stem
    by_sentence: dict[int, list[tuple[str, str]]] = {}  # sentence -> (t_id, word)
    for token in root.iter("token"):
        by_sentence.setdefault(int(token.get("sentence", "0")), []).append(
            (token.get("t_id", ""), token.text or "")
        )
    dct: date | None = None
    dct_sentences: set[int] = set()
    where_token: dict[str, int] = {}
    for s, tokens in by_sentence.items():
        for t_id, _ in tokens:
            where_token[t_id] = s
    for timex in root.iter("TIMEX3"):
        value = timex.get("value", "")
        if timex.get("functionInDocument") == "CREATION_TIME" and _DATE_RE.match(value):
            dct = date.fromisoformat(value[:10])
            dct_sentences = {
                where_token[a.get("t_id", "")]
                for a in timex.iter("token_anchor")
                if a.get("t_id", "") in where_token
            }
    if dct is None:
        raise ValueError(f"{path}: no creation time")
    kept = [s for s in sorted(by_sentence) if not (s in dct_sentences and s > 0)]
    position: dict[str, tuple[int, int]] = {}
    for k, s in enumerate(kept):
        for n, (t_id, _) in enumerate(by_sentence[s]):
            position[t_id] = (k, n)
    happening = gold_happenings(root, name)
    happening_at: dict[tuple[int, int], str] = {}
    markables = root.find("Markables")
    if markables is not None:
        for mention in markables.iter("EVENT_MENTION"):
            h = happening.get(mention.get("m_id", ""))
            if h is None:
                continue
            for anchor in mention.iter("token_anchor"):
                at = position.get(anchor.get("t_id", ""))
                if at is not None:
                    happening_at.setdefault(at, h)
    sentences = [[w for _, w in by_sentence[s]] for s in kept]
    return _Parsed(name, dct, sentences, happening_at)


def read_documents(paths: Sequence[Path]) -> list[CorefDocument]:
    """Read, tag and analyse ``paths`` as one corpus (names canonical across them, as the
    SemEval timeline builder reads its documents), each event with its gold happening."""
    parsed = [_parse(p) for p in paths]
    texts: list[tuple[str, list[Sentence], list[list[tuple[int, int]]]]] = []
    for p in parsed:
        lines: list[str] = []
        sentences: list[Sentence] = []
        spans: list[list[tuple[int, int]]] = []
        offset = 0
        for words in p.sentences:
            line, token_spans = detokenize(words)
            sentences.append(Sentence(offset, offset + len(line), line))
            spans.append([(offset + a, offset + b) for a, b in token_spans])
            lines.append(line)
            offset += len(line) + 1
        texts.append(("\n".join(lines), sentences, spans))
    known = sorted({e.name for text, _, _ in texts for e in find_entities(text) if " " in e.name})
    out = []
    for p, (text, sentences, spans) in zip(parsed, texts, strict=True):
        published = PublicationDate(day_interval(p.dct), p.dct, 1.0, Provenance.METADATA)
        analysis = TextAnalysis(text, sentences=sentences)
        mentions = event_mentions(analysis, tag(text, p.dct), published, known)
        timed = [m for m in mentions if m.anchor is not None]
        events = [
            m.to_event(sentences[k], context_window(text, sentences, k))
            for m in timed
            for k in (m.sentence_index,)
        ]
        token_at = {
            start: (k, n) for k, line in enumerate(spans) for n, (start, _) in enumerate(line)
        }
        gold = [p.happening_at.get(token_at.get(e.char_start, (-1, -1))) for e in events]
        out.append(CorefDocument(p.name, text, timed, events, gold))
    return out
