"""Entity timelines (SemEval-2015 Task 4, TimeLine) from TimeML documents, raw-text setting.

For each target entity ("Steve Jobs", "iPhone 4") the task wants every event the entity
takes part in, across the documents, anchored to a date and ordered:

    Steve Jobs
    1   1955-02-24  18355-5-born
    2   1976        18355-6-started 18355-5-built

Only the text and the DCT of each document are used (gold EVENT and TIMEX3 tags are
ignored): the documents are re-joined into readable text
(``timeline.tasks.semeval_documents``), the pipeline's tagger and event analysis run on it
(``timeline.events.extract.event_mentions``), and results are mapped back to the task's
``DOCID-SENTID-TOKEN`` ids.

Which events involve the entity: its mentions (``timeline.tasks.semeval_targets``) and

* **participation**: a trigger whose subject the mention is (the mention before it in
  its clause, no other subject in between), whose agent or object it is ("introduced by
  Jobs", "launched the iTunes Music Store"), or an event noun it possesses ("Jobs'
  death", "his resignation").

Dates: the event's anchor (its clause's temporal expression, else the narrative time,
else the publication date), as the task writes them (``2008-06-09``, ``2008-06``,
``2008``); future and modal events are undated (``XXXX-XX-XX``) and get ORDER 0, as do
events nothing dates.  Reports of one happening in several documents share a line
(``timeline.events.merge.same_happening``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from timeline.analysis import TextAnalysis
from timeline.evaluation.timelines import Timeline, TimelineLine
from timeline.events.crossdoc import cluster
from timeline.events.describe import entry_time
from timeline.events.entities import find_entities
from timeline.events.extract import EventMention, Tense, event_mentions
from timeline.events.lemmas import trigger_family
from timeline.events.merge import contains
from timeline.events.order import Placed, display_order
from timeline.events.participation import participation
from timeline.events.triggers import event_class, lexicon_entry
from timeline.io.timeml import TimeMLDocument
from timeline.model import (
    Anchoring,
    Event,
    Granularity,
    Interval,
    TemporalExpression,
    TimexType,
)
from timeline.tasks.semeval_documents import PreparedDocument, Token, prepare
from timeline.tasks.semeval_targets import (
    TargetMatcher,
    TargetMention,
    Word,
    after_preposition,
    words_of,
)
from timeline.temporal import tag
from timeline.temporal.values import add_months, day_interval, month_interval, year_interval

__all__ = [
    "NOT_ON_TIMELINE",
    "UNKNOWN_DATE",
    "AnalysedText",
    "analyse_documents",
    "build_timeline",
    "build_timelines",
    "timeline_date",
]

UNKNOWN_DATE = "XXXX-XX-XX"
INHERIT_HOPS = 1
# sentences after a narrated time ("In April, ...") in which a past event without a time
# of its own still takes it; beyond, the event is at the article's main occasion (its
# first day-precise past time, the lede's "yesterday") or, without one, at the DCT.
# Chosen on the tune half (58.03 at 1, 58.52 at 2 and beyond): the smallest best reach.
NARRATIVE_REACH = 2
# words that are the subject of a clause when they stand before its verb: another subject
_OTHER_SUBJECTS = frozenset({"i", "we", "you", "they", "she", "he", "it", "who", "which"})


def timeline_date(interval: Interval | None, value: str | None) -> str:
    """A date as the task writes it: day, month or year; coarser or vaguer -> as TimeML
    writes the decade/century, and nothing usable -> ``XXXX-XX-XX``."""
    if interval is None or value is None:
        return UNKNOWN_DATE
    g = interval.granularity
    if g is Granularity.DAY:
        return interval.start.isoformat()
    if g in (Granularity.WEEK, Granularity.MONTH):
        middle = interval.start + timedelta(days=interval.days // 2)
        return f"{middle.year:04d}-{middle.month:02d}"
    if g in (Granularity.QUARTER, Granularity.SEASON, Granularity.YEAR):
        middle = interval.start + timedelta(days=interval.days // 2)
        return f"{middle.year:04d}"
    return value.split("/")[0].split("T")[0]


_TITLE_WORDS = 5  # capitalised words of a title and a name after a reporting verb
_DETERMINERS = frozenset({"a", "an", "the", "his", "her", "its", "their", "this", "these"})
_NEGATION = frozenset({"not", "n't", "never", "no"})
# "the most advanced mobile operating system": a form after a degree word is an adjective
_DEGREE = frozenset({"most", "more", "less", "least", "very"})
_MODIFIERS = frozenset({"the", "a", "an", "its", "his", "their", "her", "new", "first"})
_SUBJECT_KINDS = ("name", "nominal", "subject")


@dataclass(frozen=True, slots=True)
class _Selected:
    doc: PreparedDocument
    mention: EventMention
    token: Token

    @property
    def event_id(self) -> str:
        return f"{self.doc.doc_id}-{self.token.sentence_id}-{self.doc.trigger_text(self.token)}"


def _involved(
    mention: EventMention,
    targets: Sequence[TargetMention],
    blockers: Sequence[int],
    words: Sequence[Word],
    clause_subject: dict[tuple[int, int], bool],
) -> bool:
    """Whether the target takes part in the event: subject, agent, object or possessor."""
    t = mention.trigger
    lo, hi = mention.clause
    index = {w.start: k for k, w in enumerate(words)}
    ti = index.get(t.start)
    if ti is None:
        return False
    if any(w.norm in _NEGATION for w in words[max(0, ti - 3) : ti]):
        return False
    # after a determiner a verb form is a noun or an adjective ("announced the release",
    # "an updated MacBook Air"): the subject before it is no subject of it
    verb = mention.tense is not Tense.NOMINAL and not (
        ti > 0 and words[ti - 1].norm in _DETERMINERS | _DEGREE
    )
    # a past participle right after a comma describes the noun before the comma ("Jobs,
    # born in San Francisco", "a new screen, dubbed a retina display"): only that noun
    # is its participant, not the subject of the clause
    reduced_relative = (
        mention.tense is Tense.PAST
        and ti > 1
        and words[ti - 1].text == ","
        and words[ti - 2].text.isalpha()
        and words[ti - 2].text.islower()
        and not words[ti - 2].norm.endswith("ly")
        and words[ti - 2].norm not in _FUNCTION_WORDS | _CONNECTIVES
    )
    for m in targets:
        mi = index.get(m.start)
        if mi is None:
            continue
        # possessor of an event noun (or gerund): "Jobs' death", "his keynote address"
        if m.possessive and 0 < ti - _last_word(index, words, m) <= 3 and m.start < t.start:
            between = words[_last_word(index, words, m) + 1 : ti]
            head = ti + 1 >= len(words) or not _modifier_position(words[ti + 1])
            # "his company sold": the possessor owns the noun between, not a verb's event
            owned = verb and any(w.norm.isalnum() for w in between)
            if (
                head
                and not owned
                and all(w.norm.isalnum() or w.text in ("'", "’") for w in between)
            ):
                return True
        if not verb:
            continue
        # agent of a passive: "was introduced by Apple CEO Steve Jobs"
        if m.start > t.end and m.kind in (*_SUBJECT_KINDS, "object"):
            between = words[ti + 1 : mi]
            by = [k for k, w in enumerate(between) if w.norm == "by"]
            if by and by[0] <= 2 and len(between) - by[0] <= 5:
                return True
            # object or inverted reporting subject right after the verb
            if len(between) <= 3 and all(w.norm in _MODIFIERS for w in between):
                return True
            # a speaker named after a reporting verb with a title before the name
            # ('said Apple Inc. CEO Steve Jobs')
            if (
                len(between) <= _TITLE_WORDS
                and event_class(t.text) == "REPORTING"
                and all(w.text[:1].isupper() or w.text == "." for w in between)
            ):
                return True
        # subject: the nearest subject before the verb in its clause is the target
        if lo <= m.start < t.start and m.kind in _SUBJECT_KINDS and not m.possessive:
            if any(m.start < b < t.start for b in blockers):
                continue
            if reduced_relative and _last_word(index, words, m) != ti - 2:
                continue  # "It has a new screen, dubbed ...": the screen was dubbed
            if ti - mi <= 12:
                return True
    # a coordinated verb without a subject of its own ("..., but said he will")
    if (
        verb
        and not any(lo <= b < t.start for b in blockers)
        and not any(lo <= m.start < t.start for m in targets)
    ):
        return clause_subject.get((lo, hi), False)
    return False


_CONNECTIVES = frozenset({"however", "meanwhile", "though", "instead", "too", "then", "now"})
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "of",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "to",
        "into",
        "about",
        "after",
        "before",
        "during",
        "since",
        "until",
        "as",
        "than",
        "and",
        "or",
        "but",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "must",
        "not",
        "also",
        "which",
        "who",
        "whom",
        "whose",
        "where",
        "when",
        "while",
    ]
)


_CONTRACTION_RE = re.compile(r"[’'](?:ve|re|ll|d|m|s)$")


def _pronoun(norm: str) -> str:
    """A subject pronoun without its contracted auxiliary ("we've" -> "we", "they're")."""
    return _CONTRACTION_RE.sub("", norm)


def _modifier_position(word: Word) -> bool:
    """Whether a word after a noun continues its noun phrase ("keynote address"): a
    lowercase content word that is no function word."""
    return word.text[:1].islower() and word.norm.isalpha() and word.norm not in _FUNCTION_WORDS


def _last_word(index: dict[int, int], words: Sequence[Word], m: TargetMention) -> int:
    k = index.get(m.start, 0)
    while k + 1 < len(words) and words[k + 1].end <= m.end:
        k += 1
    return k


@dataclass
class AnalysedText:
    doc: PreparedDocument
    expressions: list[TemporalExpression]
    mentions: list[EventMention]


def analyse_documents(docs: Sequence[TimeMLDocument]) -> list[AnalysedText]:
    """Tag and analyse every document (entities canonical across them)."""
    prepared = [prepare(d) for d in docs]
    known = sorted({e.name for p in prepared for e in find_entities(p.text) if " " in e.name})
    out = []
    for p in prepared:
        expressions = tag(p.text, p.dct)
        mentions = event_mentions(
            TextAnalysis(p.text, sentences=p.sentences),
            expressions,
            p.published,
            known,
            inherit_hops=INHERIT_HOPS,
        )
        out.append(AnalysedText(p, expressions, mentions))
    return out


_COORDINATED_RE = re.compile(
    r"^[\s,]*(?:and|but|or|then)\s+(?:\w+ly\s+|also\s+|then\s+|later\s+|soon\s+after\s+)?$"
)


_Dated = tuple[Interval | None, str | None, bool]  # interval, value, from its own expression

# the roles (``timeline.events.roles``) of a present-tense mention that say it describes
# what is so rather than what happened on the report's day: "The iPhone plays music",
# "the software works with the iPod Nano" (``present_habitual``).  The entity takes part,
# but no day is the event's, so it is on the timeline undated (ORDER 0), not at the DCT.
GENERIC_PRESENT = frozenset({"present_habitual"})


# "two years later", "a week before": counted from the narrative time; "two days before
# the phone launches" is counted from that launch, not from the narrative, so "before" or
# "after" followed by what it is counted from is no such shift
_LATER_RE = re.compile(
    r"\s*(later|afterwards|earlier|(?:after|before)\b(?!\s+[\w“\"‘']))\b", re.IGNORECASE
)
_DURATION_RE = re.compile(r"^P(\d+)([YMD])$")
_CONTENT_RE = re.compile(r"[^\W\d_]{4,}")


def _shifted(base: Interval, duration: str, sign: int) -> tuple[Interval, str] | None:
    """``base`` moved by a duration at the duration's precision: "one year later" after
    "in 1984" is 1985."""
    m = _DURATION_RE.match(duration)
    if m is None:
        return None
    n, unit = sign * int(m.group(1)), m.group(2)
    start = base.start
    if unit == "Y":
        year = start.year + n
        return year_interval(year), f"{year:04d}"
    if unit == "M":
        year, month = add_months(start.year, start.month, n)
        return month_interval(year, month), f"{year:04d}-{month:02d}"
    day = start + timedelta(days=n)
    return day_interval(day), day.isoformat()


def _relative_time(
    a: AnalysedText, m: EventMention, narrative: tuple[Interval, str] | None
) -> tuple[Interval, str] | None:
    """A clause's "<duration> later/earlier" counted from the narrative time."""
    if narrative is None:
        return None
    lo, hi = m.clause
    for e in a.expressions:
        if lo <= e.char_start < hi and e.type is TimexType.DURATION:
            after = _LATER_RE.match(a.doc.text, e.char_end, hi)
            if after:
                sign = -1 if after.group(1).casefold() in ("earlier", "before") else 1
                return _shifted(narrative[0], e.value, sign)
    return None


_SINCE_RE = re.compile(r"\bsince\s+(?:the\s+)?$", re.IGNORECASE)
_SINCE_EVENT_RE = re.compile(r"\bsince\s+(?:its|his|her|their|the)\s+$", re.IGNORECASE)


_DETERMINER_RE = re.compile(r"\b(?:its|his|her|their|the|this|that)\s+$", re.IGNORECASE)


def _antecedent_time(
    a: AnalysedText, m: EventMention, dated: dict[str, tuple[Interval, str]]
) -> tuple[Interval, str] | None:
    """An event noun after a possessive or a definite article ("its launch", "the
    resignation") refers back to the happening of its family the article dated before
    it ("launched the iTunes Music Store ... on April 28, 2003"): it has that time."""
    if m.tense not in (Tense.NOMINAL, Tense.NONFINITE):  # a determiner makes it a noun
        return None
    if not _DETERMINER_RE.search(a.doc.text, max(0, m.trigger.start - 8), m.trigger.start):
        return None
    return dated.get(trigger_family(m.trigger.text))


def _since_time(
    a: AnalysedText, m: EventMention, dated: dict[str, tuple[Interval, str]]
) -> tuple[Interval, str] | None:
    """What has gone on "since 2004" ("has been fighting pancreatic cancer since 2004")
    is placed on a timeline where it began: the date after "since" in its clause, when
    the clause has no other time (the anchoring leaves "since" out: it is no time the
    event happened in)."""
    if m.tense is Tense.FUTURE:
        return None
    lo, hi = m.clause
    for e in a.expressions:
        if (
            lo <= e.char_start < hi
            and e.char_start > m.trigger.start
            and e.type in (TimexType.DATE, TimexType.TIME)
            and e.interval is not None
            and _SINCE_RE.search(a.doc.text, max(lo, e.char_start - 12), e.char_start)
        ):
            return e.interval, e.value
    # "since its launch": the time of the happening the noun refers back to
    for x in a.mentions:
        if (
            lo <= x.trigger.start < hi
            and x is not m
            and _SINCE_EVENT_RE.search(a.doc.text, max(lo, x.trigger.start - 20), x.trigger.start)
        ):
            found = _antecedent_time(a, x, dated)
            if found is not None:
                return found
    return None


def _content(text: str) -> set[str]:
    return {w.casefold() for w in _CONTENT_RE.findall(text)}


def _dates(a: AnalysedText) -> list[_Dated]:
    """The time of every event mention of a document, as the task dates events.

    * its own temporal expression, if the tense allows (a past event is not after the
      DCT), or "<duration> later" counted from the narrative time;
    * a past event without one: the narrative time (the last past time of the text),
      unless the sentence is about the document's main occasion (its first day-precise
      past time, usually the lede's "yesterday") rather than the digression since: news
      returns to its occasion after "In April, a blog obtained a prototype"; more than
      ``NARRATIVE_REACH`` sentences after the narrative time, the main occasion (or the
      DCT);
    * the DCT for present-tense events and when nothing else dates a past one, but
      nothing for the generic present of news (``GENERIC_PRESENT``);
    * nothing for future or modal events.
    """
    published = a.doc.published
    dct = published.interval if published else None
    narrative: tuple[Interval, str] | None = None
    narrative_sentence = -1
    main: tuple[Interval, str] | None = None
    main_sentence = -1
    out: list[_Dated] = []
    dated_by_family: dict[str, tuple[Interval, str]] = {}  # the first dated of a family
    for m in a.mentions:
        anchor = m.anchor
        own = anchor is not None and anchor.anchoring is Anchoring.TIMEX
        if own and anchor is not None and m.tense is not Tense.FUTURE:
            after_dct = dct is not None and anchor.interval.start >= dct.end
            if not (after_dct and m.tense is Tense.PAST):
                out.append((anchor.interval, anchor.value, True))
                dated_by_family.setdefault(
                    trigger_family(m.trigger.text), (anchor.interval, anchor.value)
                )
                if not after_dct and m.tense is not Tense.PRESENT:
                    narrative, narrative_sentence = (
                        (anchor.interval, anchor.value),
                        m.sentence_index,
                    )
                    if main is None and anchor.interval.granularity is Granularity.DAY:
                        main, main_sentence = narrative, m.sentence_index
                continue
        if m.tense is Tense.FUTURE:
            out.append((None, None, False))
            continue
        antecedent = _antecedent_time(a, m, dated_by_family)
        if antecedent is not None:
            out.append((*antecedent, True))
            continue
        relative = _relative_time(a, m, narrative) or _since_time(a, m, dated_by_family)
        if relative is not None:
            out.append((*relative, True))
            narrative, narrative_sentence = relative, m.sentence_index
        elif m.tense is Tense.PRESENT and m.role_rule in GENERIC_PRESENT:
            out.append((None, None, False))
        elif m.tense is Tense.PRESENT and published is not None:
            out.append((published.interval, published.value, False))
        elif narrative is not None and m.sentence_index - narrative_sentence > NARRATIVE_REACH:
            # a digression is told in the sentences right after its time; past them news
            # is back at its occasion ("In April, a blog obtained a prototype ... [three
            # sentences on] Jobs demoed ...": the keynote's day), else at the report's day
            if main is not None:
                out.append((*main, False))
            elif published is not None:
                out.append((published.interval, published.value, False))
            else:
                out.append((None, None, False))
        elif narrative is not None:
            chosen = narrative
            if main is not None and main != narrative and main_sentence != narrative_sentence:
                here = _content(a.doc.sentences[m.sentence_index].text)
                to_main = len(here & _content(a.doc.sentences[main_sentence].text))
                to_last = len(here & _content(a.doc.sentences[narrative_sentence].text))
                if to_main > to_last:
                    chosen = main
            out.append((*chosen, False))
        elif published is not None:
            out.append((published.interval, published.value, False))
        else:
            out.append((None, None, False))
    return out


def build_timeline(
    target: str, analysed: Sequence[AnalysedText], participation_veto: float | None = None
) -> Timeline:
    """The target's timeline over the analysed documents.  ``participation_veto``: drop
    the events the rules select when the learnt participation model
    (``timeline.events.participation``) gives the target's part a lower probability (an
    experiment ``bench/timelines.py`` measures; off by default)."""
    matcher = TargetMatcher(target)
    selected: list[tuple[_Selected, _Dated]] = []
    for a in analysed:
        targets = matcher.mentions(a.doc)
        if not targets:
            continue
        words = words_of(a.doc.text)
        covered = [(m.start, m.end) for m in targets]
        blockers = [
            w.start
            for w in words
            if _pronoun(w.norm) in _OTHER_SUBJECTS
            and not any(lo <= w.start < hi for lo, hi in covered)
        ] + [
            e.start
            for e in find_entities(a.doc.text)
            if not any(lo <= e.start < hi or e.start <= lo < e.end for lo, hi in covered)
            and not after_preposition(a.doc.text, e.start)
        ]
        subject_of: dict[tuple[int, int], bool] = {}
        light_object: tuple[tuple[int, int], int] | None = None
        for m, dated in zip(a.mentions, _dates(a), strict=True):
            token = a.doc.token_at(m.trigger.start)
            if token is None:
                continue
            coordinated = (
                _COORDINATED_RE.match(a.doc.text[m.clause[0] : m.trigger.start]) is not None
            )
            previous = subject_of.get(_previous_clause(a, m), False)
            inherited = (coordinated and previous) or _resumed_subject(a, m, targets, blockers)
            involved = _involved(m, targets, blockers, words, {m.clause: inherited})
            if m.tense is Tense.NOMINAL and light_object is not None:
                clause, until = light_object
                if m.clause == clause and m.trigger.start <= until:
                    involved, light_object = True, None
            if involved and m.tense is not Tense.NOMINAL:
                subject_of[m.clause] = True
                if _is_light(a.doc, m, token) and any(
                    x.tense is Tense.NOMINAL
                    and x.clause == m.clause
                    and m.trigger.end < x.trigger.start <= m.trigger.end + _LIGHT_REACH
                    for x in a.mentions
                ):
                    # "gave his keynote", "made an appearance": the noun is the event
                    light_object = (m.clause, m.trigger.end + _LIGHT_REACH)
                    continue
                noun = _light_object(a.doc, m, token) if _is_light(a.doc, m, token) else None
                if noun is not None:
                    token = noun  # the event noun no mention stood for ("an appearance")
            if (
                involved
                and not any(
                    rule(a.doc.text, m.trigger.start, m.trigger.end) for _, rule in NOT_ON_TIMELINE
                )
                and not _vetoed(participation_veto, a, m, targets, words)
            ):
                selected.append((_Selected(a.doc, m, token), dated))
    return _lines(target, selected)


def _state_of_mind(text: str, start: int, end: int) -> bool:
    """A state of mind or a wish (TimeML class ``I_STATE`` in the trigger model's lexicon,
    learnt from TBAQ's EVENT tags: "believe", "wanted", "able") is not something that
    happened to the entity on a day."""
    return event_class(text[start:end]) == "I_STATE"


_SELDOM = 0.05  # an event in fewer than 5% of its occurrences in TBAQ
_SEEN = 10  # occurrences that make the rate worth trusting


def _seldom_an_event(text: str, start: int, end: int) -> bool:
    """A word TBAQ's annotators seldom tagged as an event though it is common there
    ("states": 0 of 124, mostly "the United States"; "access": 0 of 17), whatever the
    sentence made of it."""
    entry = lexicon_entry(text[start:end])
    return entry is not None and entry[1] >= _SEEN and entry[0] < _SELDOM * entry[1]


def _adjective(text: str, start: int, end: int) -> bool:
    """A predicate adjective ("it is available for free download") is a state; TBAQ's
    usual part of speech of the word says it is one."""
    entry = lexicon_entry(text[start:end])
    return entry is not None and entry[3] == "ADJECTIVE"


# triggers that are no entry of an entity's timeline, one named rule each
_COMPLEMENT_RE = re.compile(r"\s+(?:to\s+\w+|by\s+\w+ing|\w+ing)\b", re.IGNORECASE)


def _aspect_of_another(text: str, start: int, end: int) -> bool:
    """An aspectual verb (TimeML class ``ASPECTUAL``: "continue", "started") followed by
    the event it is the beginning or continuation of ("will continue to steer the
    company", "started by hinting at") is not an entry: that event is.  "Started Apple"
    is one."""
    return event_class(text[start:end]) == "ASPECTUAL" and bool(_COMPLEMENT_RE.match(text, end))


_INFINITIVE_RE = re.compile(r"\s+to\s+[a-z]+\b")
_CHOOSING = frozenset({"decide", "decided", "choose", "chose", "chosen", "opt", "opted"})


def _intention_of_another(text: str, start: int, end: int) -> bool:
    """A verb of choosing or attempting (TimeML class ``I_ACTION``: "chose", "tried",
    "agreed"; and "decided") followed by the event it is about ("have decided to take the
    case to the Court of Appeal", "has chosen to step down"): that event is the entry, if
    it happens, not the intention."""
    word = text[start:end]
    intends = event_class(word) == "I_ACTION" or word.casefold() in _CHOOSING
    return intends and bool(_INFINITIVE_RE.match(text, end))


def _source_attribution(text: str, start: int, end: int) -> bool:
    """ "According to The Register" names where a report comes from: nothing happened."""
    return text[start:end].casefold() == "according" and text[end : end + 4] == " to "


# triggers that are no entry of an entity's timeline, one named rule each, on the text
# and the trigger's span
NOT_ON_TIMELINE: tuple[tuple[str, Callable[[str, int, int], bool]], ...] = (
    ("state_of_mind", _state_of_mind),
    ("aspect_of_another", _aspect_of_another),
    ("intention_of_another", _intention_of_another),
    ("source_attribution", _source_attribution),
    ("seldom_an_event", _seldom_an_event),
    ("adjective", _adjective),
)


def _vetoed(
    veto: float | None,
    a: AnalysedText,
    m: EventMention,
    targets: Sequence[TargetMention],
    words: Sequence[Word],
) -> bool:
    """Whether the learnt participation model finds the target's part in the event less
    likely than ``veto`` (``None``: the model is not asked)."""
    return veto is not None and _participation(a, m, targets, words) < veto


_PRONOUN_KINDS = frozenset({"subject", "object", "possessive"})


def _participation(
    a: AnalysedText, m: EventMention, targets: Sequence[TargetMention], words: Sequence[Word]
) -> float:
    """The learnt model's probability (``timeline.events.participation``) that one of the
    target's mentions in the trigger's sentence takes part in it."""
    sentence = a.doc.sentences[m.sentence_index]
    inside = [w for w in words if sentence.start <= w.start < sentence.end]
    tokens: list[str] = []
    first: dict[int, int] = {}  # word start -> its first token
    last: dict[int, int] = {}  # word end -> one past its last token
    for w in inside:
        first[w.start] = len(tokens)
        if w.text.endswith(("'s", "’s")) and len(w.text) > 2:
            tokens += [w.text[:-2], w.text[-2:]]  # "Apple's" is "Apple" + "'s", as MEANTIME
            last[w.end] = len(tokens) - 1
        else:
            tokens.append(w.text)
            last[w.end] = len(tokens)
    trigger = first.get(m.trigger.start)
    if trigger is None:
        return 0.0
    best = 0.0
    for t in targets:
        if not sentence.start <= t.start < sentence.end:
            continue
        start, end = first.get(t.start), last.get(t.end)
        if start is None or end is None or start <= trigger < end:
            continue
        kind = "pronoun" if t.kind in _PRONOUN_KINDS else t.kind
        best = max(best, participation((tokens, trigger, start, end, kind)))
    return best


_LIGHT_VERBS = frozenset(
    [
        "give",
        "gives",
        "gave",
        "given",
        "giving",
        "make",
        "makes",
        "made",
        "making",
        "take",
        "takes",
        "took",
        "taken",
        "taking",
        "have",
        "has",
        "had",
        "having",
        "hold",
        "holds",
        "held",
        "holding",
        "get",
        "gets",
        "got",
        "do",
        "does",
        "did",
        "extend",  # "extended an invitation"
        "extends",
        "extended",
        "extending",
        "pay",  # "paid a visit"
        "pays",
        "paid",
        "paying",
    ]
)
_LIGHT_REACH = 30  # characters after a light verb its event noun may start


def _is_light(doc: PreparedDocument, m: EventMention, token: Token) -> bool:
    """A light verb whose meaning is in its object ("gave a keynote"); phrasal uses
    ("took six months off") are events of their own."""
    return token.text.casefold() in _LIGHT_VERBS and doc.trigger_text(token) == token.text


_WORD_RE = re.compile(r"[^\W\d_]+")
_EVENT_NOUN_ENDINGS = ("tion", "sion", "ment", "ance", "ence")
_OBJECT_WORDS = 3  # the event noun is among the first words after a light verb


def _light_object(doc: PreparedDocument, m: EventMention, token: Token) -> Token | None:
    """The event noun a light verb carries when the analysis made no mention of it
    ("made an appearance", "left this farewell"): one of the first words after the verb
    that TBAQ's annotators tagged as an event noun at least half the time, or a word
    TBAQ never saw with the ending of an event noun."""
    end = min(len(doc.text), m.trigger.end + _LIGHT_REACH)
    for k, w in enumerate(_WORD_RE.finditer(doc.text, m.trigger.end, end)):
        if k >= _OBJECT_WORDS:
            break
        entry = lexicon_entry(w.group())
        if entry is not None and entry[3] == "NOUN" and 2 * entry[0] >= entry[1]:
            return doc.token_at(w.start())
        if entry is None and w.group().casefold().endswith(_EVENT_NOUN_ENDINGS):
            return doc.token_at(w.start())  # unseen in TBAQ: "an invitation"
    return None


_RELATIVE_START_RE = re.compile(r"\s*,\s*(?:which|who|whom|whose)\b")


def _resumed_subject(
    a: AnalysedText, m: EventMention, targets: Sequence[TargetMention], blockers: Sequence[int]
) -> bool:
    """Whether the clause resumes after a relative clause whose antecedent, the last
    subject-like mention before it, is the target ("The Widget 3, which Smith
    introduced on June 7, went on sale": the Widget went on sale)."""
    sentence = a.doc.sentences[m.sentence_index]
    relative_start = m.clause[0]
    text = a.doc.text
    # the relative clause ends where this clause starts; find where it began
    head = text.rfind(",", sentence.start, max(sentence.start, relative_start - 1))
    while head > sentence.start and not _RELATIVE_START_RE.match(text, head):
        head = text.rfind(",", sentence.start, head)
    if head <= sentence.start or not _RELATIVE_START_RE.match(text, head):
        return False
    before = [
        t.start for t in targets if sentence.start <= t.start < head and t.kind != "possessive"
    ]
    others = [b for b in blockers if sentence.start <= b < head]
    return bool(before) and (not others or max(before) > max(others))


def _previous_clause(a: AnalysedText, m: EventMention) -> tuple[int, int]:
    before = [x.clause for x in a.mentions if x.clause[1] <= m.clause[0]]
    return before[-1] if before else (-1, -1)


_WINDOW_DAYS = 92  # how long before its report an event dated only by the report may be


def _matching_event(target: str, s: _Selected, dated: _Dated) -> Event | None:
    """The event as ``same_happening`` sees it: an event dated only by its report (the
    DCT, the narrative) may have happened any time in the weeks before it, so it takes
    that window, as a second-hand (``INHERITED``) time; the target is a participant."""
    interval, value, strong = dated
    if interval is None or value is None:
        return None
    if not strong and s.mention.tense is not Tense.PRESENT:
        end = interval.end
        interval = Interval(end - timedelta(days=_WINDOW_DAYS), end, Granularity.QUARTER)
    sentence = s.doc.sentences[s.mention.sentence_index]
    participants = (target, *[p for p in s.mention.participants if p != target])
    return Event(
        char_start=s.mention.trigger.start,
        char_end=s.mention.trigger.end,
        trigger=s.mention.trigger.text,
        sentence=sentence.text,
        sentence_start=sentence.start,
        participants=participants,
        interval=interval,
        value=value,
        anchoring=Anchoring.TIMEX if strong else Anchoring.INHERITED,
    )


def _lines(target: str, selected: Sequence[tuple[_Selected, _Dated]]) -> Timeline:
    """Timeline lines: reports of one happening (``crossdoc.cluster``) share a line and
    the time of the group's best-dated report; lines are ordered by time
    (``order.display_order``) and one ORDER per date; undated events get ORDER 0."""
    matchable = {
        k: event
        for k, (s, d) in enumerate(selected)
        if (event := _matching_event(target, s, d)) is not None
    }
    indexed = list(matchable)
    when: dict[int, tuple[Interval | None, str | None]] = {
        k: (d[0], d[1]) for k, (_, d) in enumerate(selected)
    }
    clusters: list[list[int]] = []
    for group in cluster([matchable[k] for k in indexed]):
        members = [indexed[g] for g in group]
        strong = [k for k in members if selected[k][1][2]]
        if strong and len({selected[k][0].doc.doc_id for k in members}) > 1:
            best, _ = entry_time([matchable[k] for k in strong])
            assert best.interval is not None
            for k in members:
                interval = matchable[k].interval
                if interval is not None and contains(interval, best.interval):
                    when[k] = (best.interval, best.value)
        clusters.append(members)
    in_cluster = {k for c in clusters for k in c}
    clusters.extend([k] for k in range(len(selected)) if k not in in_cluster)

    lines_at: dict[str, list[list[str]]] = {}
    items: list[Placed] = []
    undated: list[str] = []
    for c, members in enumerate(clusters):
        by_date: dict[str, list[int]] = {}
        for k in members:
            interval, value = when[k]
            by_date.setdefault(timeline_date(interval, value), []).append(k)
        for date_string, ks in by_date.items():
            ids = list(dict.fromkeys(selected[k][0].event_id for k in ks))
            if date_string == UNKNOWN_DATE:
                undated.extend(ids)
                continue
            first = selected[ks[0]][0]
            items.append(
                Placed(
                    (date_string, c), when[ks[0]][0], first.doc.doc_id, first.mention.trigger.start
                )
            )
            lines_at.setdefault(date_string, []).append(ids)
    order_of: dict[str, int] = {}
    for item in display_order(items):
        date_string, _ = item.key  # type: ignore[misc]  # the key is (date, cluster)
        order_of.setdefault(date_string, len(order_of) + 1)
    lines = [TimelineLine(0, UNKNOWN_DATE, (event_id,)) for event_id in dict.fromkeys(undated)]
    seen: set[str] = set()
    for date_string, order in order_of.items():
        for ids in lines_at[date_string]:
            fresh = tuple(i for i in ids if i not in seen)
            seen.update(fresh)
            if fresh:
                lines.append(TimelineLine(order, date_string, fresh))
    return Timeline(target, tuple(lines))


def build_timelines(docs: Sequence[TimeMLDocument], entities: Iterable[str]) -> list[Timeline]:
    """One timeline per target entity, over all ``docs`` (analysed once)."""
    analysed = analyse_documents(docs)
    return [build_timeline(entity, analysed) for entity in entities]
