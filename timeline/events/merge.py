"""Decide whether two events, usually from different documents, report one happening.

Reports of one happening rarely agree on its time to the day: one article says "on
Friday" (a day), the next "the Alaska summit last month" (a month).  Two events can be
one happening when

* their times are **compatible**: one interval contains the other (a day inside the
  month).  Two different days never are, even one apart: a two-day summit has two
  meetings.  Reports can still disagree within one entry (a month-level report joins a
  "Friday" and a "Saturday" one): the entry then shows the conflict
  (``timeline.events.describe``);
* their **triggers** are of one family ("met", "meeting", "summit", ``trigger_family``);
* they share a **participant** (canonical names, case-insensitive);
* and, when the times differ a lot in precision (a day against a year), or the trigger
  is a generic one ("said", "made"), the **context** agrees too: two shared participants,
  similar sentence vocabulary, or a shared content word next to both triggers (what was
  launched, released, signed).  A year holds many meetings of the same two leaders.

Events dated only by their article's publication date (the article reporting "X said")
are one happening only when the same speaker (first participant) says the same thing:
overlapping publication estimates, and either the same rare words said (rarity-weighted
overlap of the lowercase content words) or a shared quotation ("a “mutual
understanding”").  Two articles quoting different remarks of one day stay apart.

Blocking: the store only compares events sharing ``blocking_key``.  The key is the
calendar year an interval falls in (the year of its midpoint, for intervals of a year or
less; wider intervals key on themselves), so a day and the month containing it meet,
while the number of comparisons grows with the events of one year, not the square of
the corpus.  ``blocking_keys`` adds the participants for callers that can index an
event under several keys (``timeline.events.crossdoc``): then only events of one year
*and* one participant are compared.
"""

from __future__ import annotations

import itertools
import math
import re
from datetime import timedelta
from functools import cache

from timeline.events.lemmas import stem, trigger_family
from timeline.model import Anchoring, Event, Interval

_GENERIC_FAMILIES = frozenset({"say", "report", "be", "have", "make", "do", "take", "get", "go"})
_WORD_RE = re.compile(r"[^\W\d_]{3,}")
_CONTEXT_STOPWORDS = frozenset(
    [
        "that",
        "this",
        "with",
        "from",
        "have",
        "been",
        "were",
        "their",
        "there",
        "which",
        "about",
        "would",
        "could",
        "after",
        "before",
        "said",
        "says",
        "told",
        "also",
        "into",
        "than",
        "then",
        "when",
        "while",
        "where",
        "what",
        "they",
        "them",
        "over",
        "more",
        "most",
        "some",
        "such",
        "only",
        "other",
        "being",
        "just",
        "year",
        "years",
        "month",
        "week",
        "today",
        "also",
        "very",
        "will",
        "says",
        "the",
        "and",
        "for",
        "has",
        "had",
        "was",
        "are",
        "not",
        "its",
        "his",
        "her",
        "new",
        "company",
        "people",
    ]
)
_CONTEXT_SIMILARITY = 0.25
_AROUND = 4  # words on each side of a trigger that say what it is about
_STATEMENT_SIMILARITY = 0.1
_QUOTE_RE = re.compile(r"[“\"‘]([^”\"’]{2,200})[”\"’]")
_QUOTED_WORD = 5
_TOKEN_RE = re.compile(r"[^\W\d_][\w'’-]*")
_REPORTING_STEMS = frozenset(
    stem(w)
    for w in [
        "said",
        "says",
        "stated",
        "states",
        "told",
        "emphasized",
        "emphasised",
        "reiterated",
        "added",
        "noted",
        "indicated",
        "mentioned",
        "insisted",
        "argued",
        "claimed",
        "described",
        "stressed",
        "explained",
    ]
)
_YEAR_DAYS = 366


def blocking_key(event: Event) -> str | None:
    """Events can only merge when they share this key; None never merges.

    The year of the interval's midpoint for intervals of a year or less (``"2025"``),
    else the interval itself (``"2019-01-01/2022-01-01"``), so that decade- and
    century-wide times merge only with the very same time.
    """
    interval = event.interval
    if interval is None:
        return None
    if interval.days <= _YEAR_DAYS:
        middle = interval.start + timedelta(days=interval.days // 2)
        return str(middle.year)
    return f"{interval.start.isoformat()}/{interval.end.isoformat()}"


def blocking_keys(event: Event) -> frozenset[str]:
    """Finer keys: ``blocking_key`` combined with each participant.  Two events that can
    merge share at least one (they must share a participant), so an index over these keys
    finds every candidate while comparing far fewer events."""
    key = blocking_key(event)
    if key is None:
        return frozenset()
    return frozenset(f"{key}|{p.casefold()}" for p in event.participants)


def contains(outer: Interval, inner: Interval) -> bool:
    """Whether ``inner`` lies entirely within ``outer``."""
    return outer.start <= inner.start and inner.end <= outer.end


def compatible(a: Interval, b: Interval) -> bool:
    """One interval contains the other."""
    return contains(a, b) or contains(b, a)


def _context(event: Event) -> set[str]:
    """Content words of the event's sentence, minus its participants' names (compared as
    participants already, they would count twice)."""
    names = {w.casefold() for p in event.participants for w in p.split()}
    return {
        w
        for w in _WORD_RE.findall(event.sentence.casefold())
        if w not in _CONTEXT_STOPWORDS and w not in names
    }


def _around_trigger(event: Event) -> set[str]:
    """Content words within a few words of the trigger: what was released, unveiled,
    launched ("launched the iTunes Music Store"), the part of the context that tells two
    happenings of one kind apart."""
    names = {w.casefold() for p in event.participants for w in p.split()}
    offset = event.char_start - event.sentence_start
    before = _WORD_RE.findall(event.sentence[:offset].casefold())[-_AROUND:]
    after = _WORD_RE.findall(event.sentence[offset:].casefold())[1 : _AROUND + 1]
    return {w for w in before + after if w not in _CONTEXT_STOPWORDS and w not in names}


def context_similarity(a: Event, b: Event) -> float:
    """Jaccard similarity of the content words of the two source sentences."""
    x, y = _context(a), _context(b)
    return len(x & y) / len(x | y) if x and y else 0.0


@cache
def _rarity(word: str) -> float:
    """How informative a word is: rare in news (TimeBank/AQUAINT counts) weighs ~1,
    frequent words much less."""
    from timeline.events.triggers import lexicon_entry

    entry = lexicon_entry(word)
    return 1.0 / math.log(2 + (entry[1] if entry else 0))


def _said_words(sentence: str) -> set[str]:
    """The lowercase content words of a sentence (stems): what is said, without the
    names of who says it or the reporting verb, which every report of a speaker shares."""
    out = set()
    for token in _TOKEN_RE.findall(sentence):
        w = token.casefold()
        if token[:1].islower() and len(w) >= 4 and w not in _CONTEXT_STOPWORDS:
            out.add(stem(w))
    return out - _REPORTING_STEMS


def quoted_words(sentence: str) -> frozenset[str]:
    """What a sentence quotes, as comparable units: each pair of consecutive words inside
    quotation marks ("mutual understanding"), and a quote of one word as a whole
    ("options").  Two reports sharing one quote the same utterance, whatever else they
    paraphrase; a single shared word inside longer quotes ("security") is too common."""
    out = set()
    for m in _QUOTE_RE.finditer(sentence):
        words = [stem(t.casefold()) for t in _TOKEN_RE.findall(m.group(1))]
        if len(words) == 1 and len(words[0]) >= _QUOTED_WORD:
            out.add(words[0])
        out.update(f"{x} {y}" for x, y in itertools.pairwise(words))
    return frozenset(out)


def statement_similarity(a: Event, b: Event) -> float:
    """Rarity-weighted Jaccard similarity of what two reports say (``_said_words``)."""
    x, y = _said_words(a.sentence), _said_words(b.sentence)
    union = sum(_rarity(w) for w in x | y)
    return sum(_rarity(w) for w in x & y) / union if union else 0.0


def same_happening(a: Event, b: Event) -> bool:
    """True when ``a`` and ``b`` are two reports of one happening (symmetric)."""
    if a.interval is None or b.interval is None:
        return False
    family = trigger_family(a.trigger)
    if family != trigger_family(b.trigger):
        return False
    if Anchoring.PUBLICATION in (a.anchoring, b.anchoring):
        # A reporting event ("X said") dated by its article: two articles saying things
        # in the same days are one happening only when the same speaker says the same
        # thing, which the words of what is said must show.  Publication dates are
        # estimates of a day, so overlapping estimates are compatible.
        return (
            a.anchoring is b.anchoring
            and a.interval.overlaps(b.interval)
            and bool(a.participants and b.participants)
            and a.participants[0].casefold() == b.participants[0].casefold()
            and (
                statement_similarity(a, b) >= _STATEMENT_SIMILARITY
                or bool(quoted_words(a.sentence) & quoted_words(b.sentence))
            )
        )
    if not compatible(a.interval, b.interval):
        return False
    shared = {p.casefold() for p in a.participants} & {p.casefold() for p in b.participants}
    if not shared:
        return False
    strong = (
        len(shared) >= 2
        or context_similarity(a, b) >= _CONTEXT_SIMILARITY
        or bool(_around_trigger(a) & _around_trigger(b))
    )
    if a.interval == b.interval:
        return family not in _GENERIC_FAMILIES or strong
    gap = abs(a.interval.granularity.rank - b.interval.granularity.rank)
    # a day within its week or month is ordinary reporting; a day within a year, or a
    # generic trigger, needs the context to agree
    return strong or not (gap > 2 or family in _GENERIC_FAMILIES)
