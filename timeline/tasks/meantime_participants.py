"""Participation pairs from MEANTIME (NewsReader CAT-XML): the training data of
``timeline.events.participation``.

MEANTIME marks entity mentions (``<ENTITY_MENTION syntactic_type="NAM|NOM|PRO">``), event
mentions (``<EVENT_MENTION>``) and ``<HAS_PARTICIPANT>`` links from an event mention to
the entity mention that is one of its arguments (PropBank roles).  Every event mention
and entity mention of one sentence make a pair, positive when a link joins them; the
trigger is the event mention's first token (what the SemEval task names).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["MeantimePairs", "read_participation", "trial_counterpart"]

_ID_RE = re.compile(r"^\d+[-_]")
_KINDS = {"NAM": "name", "NOM": "nominal", "PRO": "pronoun", "PTV": "nominal", "APP": "name"}


@dataclass(frozen=True, slots=True)
class MeantimePairs:
    name: str  # the file's stem, e.g. "107785_Apple_launches_3G"
    # (sentence tokens, trigger index, mention start, mention end, kind), participant?
    pairs: list[tuple[tuple[tuple[str, ...], int, int, int, str], bool]]


def read_participation(path: Path) -> MeantimePairs:
    root = ET.parse(path).getroot()
    tokens: dict[str, tuple[int, int]] = {}  # t_id -> (sentence, position in it)
    sentences: dict[int, list[str]] = {}
    for t in root.iter("token"):
        s = int(t.get("sentence", "0"))
        words = sentences.setdefault(s, [])
        tokens[t.get("t_id", "")] = (s, len(words))
        words.append(t.text or "")

    def span(element: ET.Element) -> tuple[int, int, int] | None:
        found = [tokens.get(a.get("t_id", "")) for a in element.iter("token_anchor")]
        where = [w for w in found if w is not None]
        if not where or len({s for s, _ in where}) != 1:
            return None
        positions = [p for _, p in where]
        return where[0][0], min(positions), max(positions) + 1

    markables = root.find("Markables")
    entities: dict[str, tuple[int, int, int, str]] = {}
    events: dict[str, tuple[int, int]] = {}
    if markables is not None:
        for m in markables.iter("ENTITY_MENTION"):
            kind = _KINDS.get(m.get("syntactic_type", ""))
            where = span(m)
            if kind is not None and where is not None:
                entities[m.get("m_id", "")] = (*where, kind)
        for m in markables.iter("EVENT_MENTION"):
            where = span(m)
            if where is not None:
                events[m.get("m_id", "")] = (where[0], where[1])
    links: set[tuple[str, str]] = set()
    relations = root.find("Relations")
    if relations is not None:
        for link in relations.iter("HAS_PARTICIPANT"):
            source, target = link.find("source"), link.find("target")
            if source is not None and target is not None:
                links.add((source.get("m_id", ""), target.get("m_id", "")))
    pairs: list[tuple[tuple[tuple[str, ...], int, int, int, str], bool]] = []
    for event_id, (s, trigger) in sorted(events.items(), key=lambda kv: kv[1]):
        sentence = tuple(sentences[s])
        for entity_id, (es, start, end, kind) in sorted(entities.items(), key=lambda kv: kv[1]):
            if es != s or start <= trigger < end:
                continue
            pairs.append(((sentence, trigger, start, end, kind), (event_id, entity_id) in links))
    return MeantimePairs(path.stem, pairs)


def trial_counterpart(meantime_stem: str, trial_stems: list[str]) -> str | None:
    """The SemEval trial document a MEANTIME file annotates: the trial's file names are
    the same WikiNews titles, sometimes cut short ("Apple_executive_leaves" for
    "Apple_executive_leaves_company"), after another id."""
    title = _ID_RE.sub("", meantime_stem)
    found = [stem for stem in trial_stems if title.startswith(_ID_RE.sub("", stem))]
    return max(found, key=len) if found else None


_NUMBER_RE = re.compile(r"\d+")


def files_by_half(trial: Path, split: Mapping[str, Sequence[int]]) -> dict[str, list[Path]]:
    """MEANTIME's annotated files (``trial/meantime-annotated``) by the half of the
    SemEval trial split (``fixtures/events/trial_split.json``: "tune" and "held_out", the
    trial documents' numbers) their article is in: what the learnt models train on and
    are measured on."""
    stems = sorted(p.stem for p in (trial / "documents").glob("*.tml"))
    half_of = {
        stem: half
        for half in ("tune", "held_out")
        for stem in stems
        if int(_NUMBER_RE.match(stem).group()) in split[half]  # type: ignore[union-attr]
    }
    paths: dict[str, list[Path]] = {"tune": [], "held_out": []}
    for path in sorted((trial / "meantime-annotated").glob("*.xml")):
        counterpart = trial_counterpart(path.stem, stems)
        if counterpart is None:
            raise ValueError(f"no trial document for {path.name}")
        paths[half_of[counterpart]].append(path)
    return paths
