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
* they share a **participant** (canonical names, case-insensitive), or, failing that,
  each names a participant of the other in the passage around it (``Event.context``:
  "a press conference held by Apple" / "In a July 16 press conference, Jobs said", with
  Apple and Jobs named around both): coreference through the document;
* and enough independent **evidence** agrees (``_evidence``): two participants in
  common (or three of one report named around the other), a content word next to both
  triggers (what was launched), similar sentence vocabulary, similar passages (a
  rarity-weighted cosine: rare words weigh like an IDF).  A day within its week or
  month needs none; a day or month against a year needs two (a year holds many
  meetings of the same two leaders); a generic trigger ("said", "made") and a link only
  through the names around the reports need one more each.

The family is the event's, not always the trigger's: a support verb stands for the
event noun next to it ("an agreement reached", "held talks": ``event_family``), and a
verb in another sense is no event of its family ("agreed with the defence").

Events dated only by their article's publication date (the article reporting "X said")
are one happening only when the same speaker (first participant) says the same thing:
overlapping publication estimates, and either the same rare words said (rarity-weighted
overlap, or a rarity-weighted cosine, of the lowercase content words, with words a
scraper glued together split back: "itunacceptableto") or a shared quotation ("a “mutual
understanding”").  Two articles quoting different remarks of one day stay apart.

Blocking: the store only compares events sharing ``blocking_key``.  The key is the
calendar year an interval falls in (the year of its midpoint, for intervals of a year or
less; wider intervals key on themselves), so a day and the month containing it meet,
while the number of comparisons grows with the events of one year, not the square of
the corpus.  ``blocking_keys`` adds the event family for callers that can index an
event under finer keys (``timeline.events.crossdoc``): then only events of one year
*and* one family are compared.
"""

from __future__ import annotations

import itertools
import math
import re
from datetime import timedelta
from functools import cache

from timeline.events.lemmas import lemma, stem, trigger_family
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
    """Finer keys: ``blocking_key`` combined with the event's family (``event_family``).
    Two events that can merge share it (they must be of one family), so an index over
    these keys finds every candidate, including reports linked only through the names
    around them (no participant in common), while comparing far fewer events."""
    key = blocking_key(event)
    if key is None:
        return frozenset()
    return frozenset({f"{key}|{event_family(event)}"})


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
        if not token[:1].islower():
            continue
        for w in _glued(token):
            if len(w) >= 4 and w not in _CONTEXT_STOPWORDS:
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


_SUPPORT_VERBS = frozenset(
    {"reach", "hold", "make", "take", "give", "conduct", "stage", "carry", "strike", "seal"}
)
# a verb of an event family followed by one of these words means something else: to agree
# with someone or that something is so is an opinion, not an agreement being reached
_OTHER_SENSE = {"agree": frozenset({"with", "that"})}
_SUPPORT_SPAN = 3  # words between a support verb and the event noun it carries


def event_family(event: Event) -> str:
    """The trigger family of what happened: the trigger's own, except for a support verb
    whose event is a noun next to it ("reached an agreement", "the agreement reached
    between the two companies", "held talks"): then the noun's family, so that it meets
    the reports naming the agreement or the settlement itself."""
    family = trigger_family(event.trigger)
    offset = event.char_start - event.sentence_start
    following = _TOKEN_RE.findall(event.sentence[offset + len(event.trigger) :])[:1]
    if following and following[0].casefold() in _OTHER_SENSE.get(family, ()):
        return f"{family} {following[0].casefold()}"  # "agreed with" someone: no agreement
    if family not in _SUPPORT_VERBS and lemma(event.trigger) not in _SUPPORT_VERBS:
        return family
    before = _TOKEN_RE.findall(event.sentence[:offset])[-_SUPPORT_SPAN:]
    after = _TOKEN_RE.findall(event.sentence[offset + len(event.trigger) :])[:_SUPPORT_SPAN]
    # the object after the verb first ("reached an agreement"), then the noun a
    # participle follows ("an agreement reached")
    for word in [*after, *reversed(before)]:
        if word[:1].isupper():
            continue
        noun = trigger_family(word)
        if noun != stem(word) or _event_noun(word):
            return noun
    return family


def _event_noun(word: str) -> bool:
    from timeline.events.triggers import event_probability, lexicon_entry

    entry = lexicon_entry(word.casefold())
    return entry is not None and entry[3] == "NOUN" and event_probability(word) >= _EVENT_NOUN


_EVENT_NOUN = 0.5


def _glued(token: str) -> list[str]:
    """A token scraped without the spaces around a link or italics ("itunacceptableto",
    "hasnever") split back into known words; any other token as itself."""
    from timeline.events.triggers import known_word

    w = token.casefold()
    if len(w) < _GLUED or known_word(w) or known_word(lemma(w)):
        return [w]
    best: list[str] | None = None
    for i in range(2, len(w) - 1):
        head, tail = w[:i], w[i:]
        if not known_word(head):
            continue
        if known_word(tail) or known_word(lemma(tail)):
            parts = [head, tail]
        else:
            parts = next(
                (
                    [head, tail[:j], tail[j:]]
                    for j in range(2, len(tail) - 1)
                    if known_word(tail[:j]) and known_word(tail[j:])
                ),
                [],
            )
        if (
            parts
            and max(len(x) for x in parts) >= _GLUED_PART
            and (best is None or max(map(len, parts)) > max(map(len, best)))
        ):
            best = parts
    return best or [w]


_GLUED = 8
_GLUED_PART = 5


def _topic_words(text: str) -> frozenset[str]:
    """The words a passage is about, comparable across articles: content words (stems,
    names included, casefolded), without function words and reporting verbs."""
    out = set()
    for token in _TOKEN_RE.findall(text):
        for w in _glued(token) if token[:1].islower() else [token.casefold()]:
            if len(w) >= 3 and w not in _CONTEXT_STOPWORDS:
                out.add(stem(w))
    return frozenset(out - _REPORTING_STEMS)


def _cosine(x: frozenset[str], y: frozenset[str]) -> float:
    """Cosine of two word sets, each word weighted by its rarity (an IDF)."""
    if not x or not y:
        return 0.0
    dot = sum(_rarity(w) ** 2 for w in x & y)
    norm = math.sqrt(sum(_rarity(w) ** 2 for w in x) * sum(_rarity(w) ** 2 for w in y))
    return dot / norm


def _names(*events: Event) -> frozenset[str]:
    return frozenset(stem(w.casefold()) for e in events for p in e.participants for w in p.split())


def sentence_similarity(a: Event, b: Event) -> float:
    """Rarity-weighted cosine of the topic words of the two sentences, without the
    participants' names (compared as participants already, they would count twice)."""
    names = _names(a, b)
    return _cosine(_topic_words(a.sentence) - names, _topic_words(b.sentence) - names)


def topic_similarity(a: Event, b: Event) -> float:
    """Rarity-weighted cosine of the topic words of the passages around the two events
    (``Event.context``: the sentence and its neighbours; the sentence when unknown),
    without the participants' names."""
    names = _names(a, b)
    return _cosine(
        _topic_words(a.context or a.sentence) - names, _topic_words(b.context or b.sentence) - names
    )


def _mentions(name: str, text: str) -> bool:
    """Whether ``text`` names ``name``: the whole name, or, for a person's full name, the
    surname standing alone ("Jobs said" for "Steve Jobs"; not "Tom Smith" for "Ann Smith")."""
    folded = text.casefold()
    if re.search(rf"(?<!\w){re.escape(name.casefold())}(?!\w)", folded):
        return True
    parts = name.split()
    if not (2 <= len(parts) <= 3 and all(p[:1].isupper() and p[1:].isalpha() for p in parts)):
        return False
    for m in re.finditer(rf"(?<!\w){re.escape(parts[-1])}(?!\w)", text):
        before = text[: m.start()].split()
        if not before or not before[-1][:1].isupper() or before[-1].endswith((".", ",", ";")):
            return True
    return False


def linked_participants(a: Event, b: Event) -> int:
    """Participants of one event the other's passage names (coreference through the
    document: "Apple" for the conference where "Jobs said", when Apple is in the passage)."""
    ctx_a, ctx_b = a.context or a.sentence, b.context or b.sentence
    return sum(_mentions(p, ctx_b) for p in a.participants) + sum(
        _mentions(p, ctx_a) for p in b.participants
    )


def said_similarity(a: Event, b: Event) -> float:
    """Rarity-weighted cosine of what two reports say: their lowercase content words
    (``_said_words``), with words a scraper glued together split back apart."""
    return _cosine(_said_words(a.sentence), _said_words(b.sentence))


def _covered(a: Event, b: Event) -> int:
    """How many of ``a``'s participants ``b``'s passage names."""
    passage = b.context or b.sentence
    return sum(_mentions(p, passage) for p in a.participants)


def _evidence(a: Event, b: Event, shared: int) -> int:
    """Points of agreement beyond time and kind, each an independent signal:
    participants (two in common, or three of one report named around the other:
    coreference through the document), the words next to both triggers (what was
    launched), the sentences' vocabulary, and the topic of the passages around them."""
    covered = max(_covered(a, b), _covered(b, a))
    points = 2 if shared >= 2 or covered >= 3 else int(covered >= 2)
    points += bool(_around_trigger(a) & _around_trigger(b))
    points += (
        context_similarity(a, b) >= _CONTEXT_SIMILARITY
        or sentence_similarity(a, b) >= _SENTENCE_COSINE
    )
    points += bool(a.context and b.context) and topic_similarity(a, b) >= _TOPIC_COSINE
    return points


_SENTENCE_COSINE = 0.3
_TOPIC_COSINE = 0.3
_SAID_COSINE = 0.25


def _needed(a: Interval, b: Interval, family: str, shared: int) -> int:
    """Points of evidence two compatible reports need: none for one time inside another
    of similar precision (a day within its week or month: ordinary reporting), two for
    a day or a month against a year (a year holds many meetings of the same two
    leaders); one more for a generic trigger ("said", "made") and one more for reports
    linked only through the names around them, without a participant in common."""
    gap = abs(a.granularity.rank - b.granularity.rank)
    need = 2 if gap > 2 else 0
    return need + (family in _GENERIC_FAMILIES) + (shared == 0)


def same_happening(a: Event, b: Event) -> bool:
    """True when ``a`` and ``b`` are two reports of one happening (symmetric)."""
    if a.interval is None or b.interval is None:
        return False
    family = event_family(a)
    if family != event_family(b):
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
                or said_similarity(a, b) >= _SAID_COSINE
                or bool(quoted_words(a.sentence) & quoted_words(b.sentence))
            )
        )
    if not compatible(a.interval, b.interval):
        return False
    shared = len({p.casefold() for p in a.participants} & {p.casefold() for p in b.participants})
    if not shared and (_covered(a, b) == 0 or _covered(b, a) == 0):
        return False  # nobody in common, even counting the names around each report
    need = _needed(a.interval, b.interval, family, shared)
    return need == 0 or _evidence(a, b, shared) >= need
