"""The library's data model: plain typed dataclasses shared by every stage.

The pipeline stages exchange these objects and nothing else, so that any stage can be
replaced without touching the others, and so that the store (``timeline.store``) is the
only place that knows about tables.  All intervals are half-open ``[start, end)`` over
calendar dates: a day ``2025-09-02`` is ``[2025-09-02, 2025-09-03)``, a month
``2025-08`` is ``[2025-08-01, 2025-09-01)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum


class Granularity(StrEnum):
    """How precisely an interval is known, from finest to coarsest."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    SEASON = "season"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"
    # an interval that is no single calendar unit ("2025-08/2025-09", "between 20
    # January and 9 February"): shown and filtered as a range, never as a unit it is not
    RANGE = "range"

    @property
    def rank(self) -> int:
        """Position in the precision order: 0 is the finest."""
        return list(Granularity).index(self)


class TimexType(StrEnum):
    """The TimeML TIMEX3 ``type`` attribute."""

    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


class Provenance(StrEnum):
    """Where a document's publication date came from, strongest last."""

    CONTENT = "content"
    CORPUS = "corpus"
    METADATA = "metadata"
    USER = "user"


class ParticipantType(StrEnum):
    """What kind of thing a participant is."""

    PERSON = "person"
    ORGANISATION = "organisation"
    PLACE = "place"
    OTHER = "other"


class Anchoring(StrEnum):
    """How an event got its time."""

    TIMEX = "timex"
    PUBLICATION = "publication"
    INHERITED = "inherited"


@dataclass(frozen=True, slots=True)
class Interval:
    """A half-open span of calendar days ``[start, end)`` with its precision."""

    start: date
    end: date
    granularity: Granularity

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError(f"empty interval {self.start}..{self.end}")

    def overlaps(self, other: Interval) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, day: date) -> bool:
        return self.start <= day < self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days


@dataclass(frozen=True, slots=True)
class Evidence:
    """One reason behind a publication-date estimate: a phrase and what it implied."""

    source: str  # e.g. "json:published", "dateline", "past-reference", "weekday"
    text: str  # the phrase or field it was read from
    implies: str  # human-readable consequence, e.g. "on or after 2025-08-15"

    def as_dict(self) -> dict[str, str]:
        return {"source": self.source, "text": self.text, "implies": self.implies}


@dataclass(frozen=True, slots=True)
class PublicationDate:
    """A document's creation time (DCT): an interval, a best point, and why."""

    interval: Interval
    point: date
    confidence: float
    provenance: Provenance
    evidence: tuple[Evidence, ...] = ()

    @property
    def granularity(self) -> Granularity:
        return self.interval.granularity

    @property
    def value(self) -> str:
        """The TimeML value of the estimate, whose own interval holds the whole estimate:
        the day when it is known to the day; the ISO week when it lies within one
        (``2025-W36`` is 1-7 September 2025); a range of days for a few days across two
        weeks (``2025-08-28/2025-09-03``); a range of years for years across a decade
        (``2019/2026``); else the smallest calendar period containing it."""
        from timeline.temporal.resolve import covering
        from timeline.temporal.values import format_value, week_interval

        start, last = self.interval.start, self.interval.end - timedelta(days=1)
        if start == last:
            return start.isoformat()
        if week_interval(start).contains(last):
            return format_value(start, Granularity.WEEK)
        if self.interval.granularity is Granularity.WEEK:
            return f"{start.isoformat()}/{last.isoformat()}"
        if start.year // 10 != last.year // 10:
            # years across a decade: "2019/2026" says more than the century "20"
            return f"{start.year:04d}/{last.year:04d}"
        return covering(self.interval).value


@dataclass(frozen=True, slots=True)
class TemporalExpression:
    """A tagged temporal expression (TIMEX3) in a document's text.

    ``underspecified`` is the normalised form before resolution (see
    ``timeline.temporal.spec``); keeping it lets a new publication date re-resolve the
    expression without re-tagging.  ``interval`` is ``None`` for durations, sets and vague
    references such as PAST_REF that do not denote a span of the calendar.  ``rule`` names
    the grammar rule (and the composers) that recognised it (``timeline.temporal.rules``).
    """

    char_start: int
    char_end: int
    text: str
    type: TimexType
    value: str
    underspecified: str
    interval: Interval | None
    mod: str | None = None
    rule: str = ""  # the grammar rule that built it, e.g. "month-day", "ago(duration)"

    @property
    def granularity(self) -> Granularity | None:
        return self.interval.granularity if self.interval else None


@dataclass(frozen=True, slots=True)
class Statement:
    """What someone said, as a report gives it: who, what (the quotation, else the
    paraphrase after the reporting verb), and where (the reporting verb's span and its
    sentence).  A statement is not a happening of its own: it belongs to the occasion it
    was made at (``Event.statements``)."""

    speaker: str | None
    text: str
    sentence: str
    sentence_start: int  # offset of the sentence in the document text
    char_start: int  # span of the reporting verb
    char_end: int


class EventKind(StrEnum):
    """What an entry is: a happening (a meeting, a launch, a ruling) or the remarks of
    one speaker on one day, for statements made at no occasion the text names."""

    HAPPENING = "happening"
    REMARKS = "remarks"


@dataclass(frozen=True, slots=True)
class Event:
    """One happening reported in one clause of one document."""

    char_start: int  # span of the trigger word
    char_end: int
    trigger: str
    sentence: str
    sentence_start: int  # offset of the sentence in the document text
    participants: tuple[str, ...]
    interval: Interval | None
    value: str | None
    anchoring: Anchoring
    # index into the document's expressions: its own when TIMEX; for an occasion dated by
    # its statements (INHERITED), the statement's expression (salience reads its precision)
    timex_index: int | None = None
    # the sentences around ``sentence`` (a few before, one after), for merging reports
    # across documents by their topic; not stored, not compared ("" when unknown)
    context: str = field(default="", compare=False, repr=False)
    kind: EventKind = EventKind.HAPPENING
    statements: tuple[Statement, ...] = ()
    # the type of each participant (``ParticipantType`` values), aligned with
    # ``participants``; empty when unknown
    participant_types: tuple[str, ...] = ()
    # mentions of one happening in one document share this number (event coreference
    # within the document: "welcomed Putin on Friday ... the talks ... the Alaska
    # summit"); None: the event stands alone.  Not stored, not compared.
    coref: int | None = field(default=None, compare=False)
    anchor_rule: str = ""  # the anchoring rule that gave the time (``events.anchoring``)


@dataclass(slots=True)
class Document:
    """An ingested article: cleaned text, metadata and, once dated, its publication date."""

    name: str
    text: str
    title: str | None = None
    url: str | None = None
    metadata: dict[str, object] = field(default_factory=dict)
    published: PublicationDate | None = None
    id: int | None = None
    # ISO 639-1 code of the text's language, None while undetermined (``timeline.language``)
    language: str | None = None

    @property
    def content_hash(self) -> str:
        from timeline.ingest.hashing import content_hash

        corpus_id = self.metadata.get("doc_id")  # a TimeML DOCID (see ingest.hashing)
        return content_hash(self.text, corpus_id if isinstance(corpus_id, str) else None)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a timeline entry is reported: one event in one document, with the anchoring
    rule that dated it and the merge signals that joined it to the entry
    (``timeline.events.anchoring``, ``timeline.events.merge``)."""

    document_id: int
    document_name: str
    sentence: str
    char_start: int
    char_end: int
    anchor_rule: str = ""
    merge_signals: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EntryStatement:
    """A statement made at an entry's happening, with the report it comes from:
    ``char_start``/``char_end`` span its reporting verb in that document's text."""

    document_id: int
    document_name: str
    speaker: str | None
    text: str
    sentence: str
    char_start: int
    char_end: int


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One happening on the timeline, with every event (and document) that reports it."""

    id: int
    interval: Interval
    value: str
    title: str
    text: str
    entities: tuple[str, ...]
    sources: tuple[Source, ...]
    # how sure the entry's time is, 0-1 (``timeline.store.entries.entry_confidence``)
    confidence: float
    kind: EventKind = EventKind.HAPPENING
    # how much a reader wants it, 0-1 (``timeline.events.salience``)
    salience: float = 0.0
    # the type of each entity (``ParticipantType`` values), aligned with ``entities``
    entity_types: tuple[str, ...] = ()
    # what was said at the happening, in the order of its sources
    statements: tuple[EntryStatement, ...] = ()


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a document's text with its character offsets (``text[start:end]``)."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class AnalysedDocument:
    """Everything the pipeline derives from one document, ready to be stored.

    Expressions and events are in text order; ``Event.timex_index`` points into
    ``expressions``.
    """

    document: Document
    sentences: list[Sentence]
    expressions: list[TemporalExpression]
    events: list[Event]
