"""Score timeline entries against a judged set of happenings (``fixtures/events/judged``).

A judged set lists, for some articles, the happenings a reader would put on a timeline
(see ``fixtures/events/judged/README.md`` for the guideline): each with its date, its
participants (typed), the words of the articles that report it (*mentions*, written as a
snippet of the article with the word in brackets: ``"Apple Inc. [announced] Monday"``)
and the statements made at it.  A system's entries are matched to happenings through
their sources:

* a source whose trigger overlaps a mention reports that mention's happening;
* else, a source in a sentence whose mentions all belong to one happening reports it
  (another word of the same report: "launched" where the annotation lists "announced");
* else it reports nothing the judges listed.

An entry is assigned the happening most of its sources report (a *part* of a happening,
such as the conference where a product was announced, counts for the whole when both
are among the sources).  Then:

* **precision**: entries assigned a happening / entries;
* **recall**: required (not ``optional``) happenings with an entry / required happenings;
* **kept**: happenings with an entry / entries: the share of the listing an editor keeps
  (one entry per happening; duplicates, noise and reporting verbs are dropped);
* **entries per happening**: assigned entries / happenings with an entry (1.0: no
  duplicates; a happening reported by three articles and shown three times is 3.0);
* **over-merged**: entries whose sources report two different happenings;
* **date**: for assigned entries whose happening has a date, *right* when the entry's
  interval lies inside the judged one, *consistent* when they overlap, else *wrong*;
* **participants**: of the entries' entities, the share that are participants (or
  ``also`` names) of the happening; of the happenings' required participants, the share
  some entry of theirs names; and, where the system types its entities, the share of
  matched entities with the judged type;
* **statements**: judged statements (speaker + the reporting word) found among the
  entries' statements with the right speaker, and the share of those attached to the
  entry of the happening they were made at (a statement made at no named occasion is
  right on any entry of its speaker's remarks).

The scorer is a pure function of the judged set, the documents' texts and sentences and
the entries; ``bench/entries.py`` runs the pipeline and prints the figures.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from timeline.model import Interval, Sentence
from timeline.temporal.values import value_interval

__all__ = [
    "EntryScore",
    "Happening",
    "JudgedEntry",
    "JudgedSet",
    "JudgedStatement",
    "load_judged",
    "score_entries",
]

_MARK_RE = re.compile(r"\[([^\]]+)\]")


@dataclass(frozen=True, slots=True)
class Span:
    document: str
    start: int
    end: int

    def overlaps(self, document: str, start: int, end: int) -> bool:
        return self.document == document and self.start < end and start < self.end


@dataclass(frozen=True, slots=True)
class JudgedStatement:
    speaker: str
    document: str
    snippet: str  # the reporting word in brackets
    happening: str | None  # the happening it was made at; None: the speaker's remarks


@dataclass(frozen=True, slots=True)
class Happening:
    id: str
    kind: str
    date: str | None
    what: str
    participants: Mapping[str, str]  # name -> type, required
    also: Mapping[str, str]  # acceptable names besides
    mentions: Mapping[str, tuple[str, ...]]  # document -> snippets
    optional: bool = False
    part_of: str | None = None


@dataclass(frozen=True, slots=True)
class JudgedSet:
    articles: Mapping[str, str]  # document -> split
    happenings: tuple[Happening, ...]
    statements: tuple[JudgedStatement, ...]

    def split(self, name: str) -> JudgedSet:
        """The articles of one split, their happenings and statements."""
        docs = {d for d, s in self.articles.items() if s == name}
        happenings = tuple(
            h
            for h in self.happenings
            if any(d in docs for d in h.mentions)
            for h in [
                Happening(
                    h.id,
                    h.kind,
                    h.date,
                    h.what,
                    h.participants,
                    h.also,
                    {d: m for d, m in h.mentions.items() if d in docs},
                    h.optional,
                    h.part_of,
                )
            ]
        )
        return JudgedSet(
            {d: s for d, s in self.articles.items() if d in docs},
            happenings,
            tuple(s for s in self.statements if s.document in docs),
        )


def load_judged(path: Path | str) -> JudgedSet:
    """Read a judged set (the JSON of ``fixtures/events/judged``)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    happenings = []
    statements = []
    for h in data["happenings"]:
        happenings.append(
            Happening(
                id=h["id"],
                kind=h["kind"],
                date=h.get("date"),
                what=h["what"],
                participants=dict(h.get("participants", {})),
                also=dict(h.get("also", {})),
                mentions={d: tuple(m) for d, m in h["mentions"].items()},
                optional=bool(h.get("optional", False)),
                part_of=h.get("part_of"),
            )
        )
        for s in h.get("statements", ()):
            statements.append(JudgedStatement(s["speaker"], s["doc"], s["at"], h["id"]))
    for s in data.get("remarks", ()):
        statements.append(JudgedStatement(s["speaker"], s["doc"], s["at"], None))
    return JudgedSet(dict(data["articles"]), tuple(happenings), tuple(statements))


def locate(snippet: str, text: str, document: str) -> Span:
    """The span of the bracketed word of ``snippet`` in ``text`` (exactly one match of the
    snippet, brackets removed); ValueError otherwise."""
    m = _MARK_RE.search(snippet)
    if m is None:
        raise ValueError(f"{document}: no [word] in {snippet!r}")
    plain = snippet[: m.start()] + m.group(1) + snippet[m.end() :]
    at = text.find(plain)
    if at < 0 or text.find(plain, at + 1) >= 0:
        found = "not found" if at < 0 else "found twice"
        raise ValueError(f"{document}: snippet {plain!r} {found}")
    return Span(document, at + m.start(), at + m.start() + len(m.group(1)))


def gold_interval(value: str) -> Interval:
    """A judged date: a TimeML value, or ``A/B`` for the span from A's start to B's end."""
    if "/" in value:
        first, last = (value_interval(v) for v in value.split("/", 1))
        if first is None or last is None:
            raise ValueError(f"bad judged date {value!r}")
        return Interval(first.start, last.end, first.granularity)
    interval = value_interval(value)
    if interval is None:
        raise ValueError(f"bad judged date {value!r}")
    return interval


@dataclass(frozen=True, slots=True)
class EntrySource:
    document: str
    char_start: int
    char_end: int


@dataclass(frozen=True, slots=True)
class EntryStatement:
    speaker: str | None
    document: str
    char_start: int
    char_end: int


@dataclass(frozen=True, slots=True)
class JudgedEntry:
    """What the scorer needs of a system entry."""

    id: int
    interval: Interval
    entities: tuple[str, ...]
    sources: tuple[EntrySource, ...]
    entity_types: Mapping[str, str] = field(default_factory=dict)  # name -> type, if typed
    statements: tuple[EntryStatement, ...] = ()
    kind: str | None = None


@dataclass
class EntryScore:
    entries: int = 0
    assigned: int = 0
    required: int = 0
    found: int = 0
    happenings_with_entry: int = 0
    bare_statements: int = 0
    over_merged: int = 0
    dated: int = 0
    date_right: int = 0
    date_consistent: int = 0
    entities: int = 0
    entities_right: int = 0
    participants: int = 0
    participants_found: int = 0
    typed: int = 0
    typed_right: int = 0
    statements: int = 0
    statements_found: int = 0
    statements_attached: int = 0
    missed: list[str] = field(default_factory=list)
    noise: list[int] = field(default_factory=list)
    duplicated: dict[str, int] = field(default_factory=dict)

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return a / b if b else 0.0

    @property
    def precision(self) -> float:
        return self._ratio(self.assigned, self.entries)

    @property
    def recall(self) -> float:
        return self._ratio(self.found, self.required)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def per_happening(self) -> float:
        return self._ratio(self.assigned, self.happenings_with_entry)

    def as_dict(self) -> dict[str, object]:
        ratio = self._ratio
        return {
            "entries": self.entries,
            "precision": round(100 * self.precision, 1),
            "recall": round(100 * self.recall, 1),
            "f1": round(100 * self.f1, 1),
            "kept": round(100 * ratio(self.happenings_with_entry, self.entries), 1),
            "entries_per_happening": round(self.per_happening, 2),
            "over_merged": self.over_merged,
            "bare_statements": self.bare_statements,
            "date_right": round(100 * ratio(self.date_right, self.dated), 1),
            "date_consistent": round(100 * ratio(self.date_consistent, self.dated), 1),
            "entity_precision": round(100 * ratio(self.entities_right, self.entities), 1),
            "participant_recall": round(100 * ratio(self.participants_found, self.participants), 1),
            "type_accuracy": round(100 * ratio(self.typed_right, self.typed), 1),
            "statement_recall": round(100 * ratio(self.statements_found, self.statements), 1),
            "statement_attached": round(
                100 * ratio(self.statements_attached, self.statements_found), 1
            ),
        }


def _same_name(a: str, b: str) -> bool:
    """One name for the judges: equal ignoring case and spacing, or all the words of the
    shorter one in the longer ("Jobs" / "Steve Jobs", "Apple" / "Apple Inc.")."""
    x = [w.strip(".,'’").casefold() for w in a.split()]
    y = [w.strip(".,'’").casefold() for w in b.split()]
    x, y = [w for w in x if w], [w for w in y if w]
    if not x or not y:
        return False
    short, long = (x, y) if len(x) <= len(y) else (y, x)
    return all(w in long for w in short)


def _sentence_of(sentences: Sequence[Sentence], offset: int) -> Sentence | None:
    return next((s for s in sentences if s.start <= offset < s.end), None)


def score_entries(
    judged: JudgedSet,
    texts: Mapping[str, str],
    sentences: Mapping[str, Sequence[Sentence]],
    entries: Iterable[JudgedEntry],
) -> EntryScore:
    """Score ``entries`` (over the documents of ``judged``: ``texts`` and ``sentences`` by
    document name) against the judged happenings; see the module docstring."""
    by_id = {h.id: h for h in judged.happenings}
    mention_spans: list[tuple[Span, str]] = []
    for h in judged.happenings:
        for document, snippets in h.mentions.items():
            mention_spans.extend((locate(s, texts[document], document), h.id) for s in snippets)
    statement_spans = [
        (locate(s.snippet, texts[s.document], s.document), s) for s in judged.statements
    ]

    def root(hid: str) -> str:
        parent = by_id[hid].part_of
        return parent if parent and parent in by_id else hid

    def report_of(document: str, start: int, end: int) -> str | None:
        for span, hid in mention_spans:
            if span.overlaps(document, start, end):
                return hid
        sentence = _sentence_of(sentences.get(document, ()), start)
        if sentence is None:
            return None
        inside = {
            root(hid)
            for span, hid in mention_spans
            if span.document == document and sentence.start <= span.start < sentence.end
        }
        return next(iter(inside)) if len(inside) == 1 else None

    def is_statement(source: EntrySource) -> bool:
        return any(
            span.overlaps(source.document, source.char_start, source.char_end)
            for span, _ in statement_spans
        )

    score = EntryScore()
    assigned: dict[int, str] = {}
    per_happening: Counter[str] = Counter()
    entries = list(entries)
    score.entries = len(entries)
    remarks = {span: s.speaker for span, s in statement_spans if s.happening is None}
    for entry in entries:
        reports = [report_of(s.document, s.char_start, s.char_end) for s in entry.sources]
        found = [r for r in reports if r is not None]
        if not found and entry.kind == "remarks":
            # a speaker's remarks at no named occasion, as the judges have them
            speakers = [
                speaker
                for s in entry.sources
                for span, speaker in remarks.items()
                if span.overlaps(s.document, s.char_start, s.char_end)
            ]
            if speakers:
                hid = f"remarks:{speakers[0]}"
                by_id.setdefault(
                    hid, Happening(hid, "remarks", None, hid, {}, {}, {}, optional=True)
                )
                assigned[entry.id] = hid
                per_happening[hid] += 1
                continue
        if not found:
            if (
                entry.kind != "remarks"
                and entry.sources
                and all(is_statement(s) for s in entry.sources)
            ):
                score.bare_statements += 1
            score.noise.append(entry.id)
            continue
        roots = Counter(root(r) for r in found)
        if len(roots) > 1:
            score.over_merged += 1
        top = roots.most_common(1)[0][0]
        # a part reported alone is the part; reported with its whole, the whole
        parts = {r for r in found if root(r) == top}
        hid = top if top in parts or len(parts) > 1 else next(iter(parts))
        assigned[entry.id] = hid
        per_happening[hid] += 1
        happening = by_id[hid]
        if happening.date:
            score.dated += 1
            gold = gold_interval(happening.date)
            if gold.start <= entry.interval.start and entry.interval.end <= gold.end:
                score.date_right += 1
            if entry.interval.overlaps(gold):
                score.date_consistent += 1
        names = {**happening.also, **happening.participants}
        for name in entry.entities:
            score.entities += 1
            match = next((n for n in names if _same_name(n, name)), None)
            if match is not None:
                score.entities_right += 1
                typed = entry.entity_types.get(name)
                if typed is not None:
                    score.typed += 1
                    score.typed_right += typed == names[match]
    score.assigned = len(assigned)
    score.happenings_with_entry = len(per_happening)
    score.duplicated = {h: n for h, n in per_happening.items() if n > 1}
    for h in judged.happenings:
        mine = [e for e in entries if assigned.get(e.id) == h.id]
        if not h.optional:
            score.required += 1
            if mine:
                score.found += 1
            else:
                score.missed.append(h.id)
        if mine:
            for name in h.participants:
                score.participants += 1
                score.participants_found += any(
                    _same_name(name, e) for entry in mine for e in entry.entities
                )
    for span, judged_statement in statement_spans:
        score.statements += 1
        for entry in entries:
            hit = next(
                (
                    s
                    for s in entry.statements
                    if span.overlaps(s.document, s.char_start, s.char_end)
                    and s.speaker is not None
                    and _same_name(judged_statement.speaker, s.speaker)
                ),
                None,
            )
            if hit is None:
                continue
            score.statements_found += 1
            target = judged_statement.happening
            if (
                target is not None and assigned.get(entry.id) in (target, *_parts(by_id, target))
            ) or (
                target is None
                and entry.kind == "remarks"
                and any(_same_name(judged_statement.speaker, e) for e in entry.entities)
            ):
                score.statements_attached += 1
            break
    return score


def _parts(by_id: Mapping[str, Happening], hid: str) -> tuple[str, ...]:
    return tuple(h.id for h in by_id.values() if h.part_of == hid)
