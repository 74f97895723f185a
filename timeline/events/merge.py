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
* they share a **participant** (canonical names, case-insensitive; a seat of government
  is its country: "Moscow" is "Russia", ``entities.seat_country``; "the two parties" of
  a sentence are the two sides named just before it, ``collective_referents``), or,
  failing that, each names a participant of the other in the passage around it
  (``Event.context``: "a press conference held by Apple" / "In a July 16 press
  conference, Jobs said", with Apple and Jobs named around both): coreference through
  the document;
* and enough independent **evidence** agrees (``_evidence``): two participants in
  common (or three of one report named around the other), a content word next to both
  triggers (what was launched), similar sentence vocabulary, similar passages (a
  rarity-weighted cosine: rare words weigh like an IDF).  A day within its week or
  month needs none; a day or month against a year needs two (a year holds many
  meetings of the same two leaders); a generic trigger ("said", "made") and a link only
  through the names around the reports need one more each.

The family is the event's, not always the trigger's: a support or inceptive verb stands
for the event noun next to it ("an agreement reached", "held talks", "initiated the
deployment": ``event_family``), moving troops into a country is an invasion whatever the
report calls it ("the deployment of troops into Ukraine"), and a verb in another sense is
no event of its family ("agreed with the defence").

Events dated only by their article's publication date (the article reporting "X said")
are one happening only when the same speaker (first participant) says the same thing:
overlapping publication estimates, and either the same rare words said (rarity-weighted
overlap, or a rarity-weighted cosine, of the lowercase content words, with words a
scraper glued together split back: "itunacceptableto") or a shared quotation ("a “mutual
understanding”").  A quote attributed after it ("Our position here is well known, Putin
stated") is also compared through the paraphrase of the same speaker and topic just
before it (``utterances``): news paraphrases a remark, then quotes it.  Two articles
quoting different remarks of one day stay apart.

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
from functools import lru_cache

from timeline.events.lemmas import lemma, stem, trigger_family
from timeline.model import Anchoring, Event, EventKind, Interval

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


@lru_cache(maxsize=1 << 16)  # words: bounded, as a long-lived API process meets new ones
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
    return _said_overlap(a.sentence, b.sentence)


def _said_overlap(x: str, y: str) -> float:
    """``statement_similarity`` of two sentences."""
    said_x, said_y = _said_words(x), _said_words(y)
    union = sum(_rarity(w) for w in said_x | said_y)
    return sum(_rarity(w) for w in said_x & said_y) / union if union else 0.0


_SUPPORT_VERBS = frozenset(
    {"reach", "hold", "make", "take", "give", "conduct", "stage", "carry", "strike", "seal"}
)
# verbs that say an event began rather than what it was ("initiated the deployment",
# "ordered the invasion", "began talks"): like support verbs, they report the event noun
# they carry
_INCEPTIVE_VERBS = frozenset({"initiate", "begin", "order", "launch", "mount", "commence"})
_CARRIER_STEMS = frozenset(stem(v) for v in _SUPPORT_VERBS | _INCEPTIVE_VERBS)
# a verb of an event family followed by one of these words means something else: to agree
# with someone or that something is so is an opinion, not an agreement being reached
_OTHER_SENSE = {"agree": frozenset({"with", "that"})}
_SUPPORT_SPAN = 3  # words between a support verb and the event noun it carries
# moving troops into a country is invading it, whatever the report calls it ("the
# deployment of thousands of troops into Ukraine", "sent forces into Georgia"); moving
# them anywhere else (to a base, into position, to an ally) is not
_MOVE_STEMS = frozenset(stem(w) for w in ("deploy", "deployment", "send", "dispatch", "move"))
_TROOP_WORDS = frozenset(
    {"troops", "forces", "soldiers", "army", "armies", "tanks", "battalions", "brigades"}
)
_TROOP_SPAN = 6  # words between the movement and "into" ("of thousands of troops")


def _enters_territory(family: str, word: str, rest: list[str]) -> bool:
    """Whether ``word`` (of ``family``), followed by the words ``rest``, moves troops into a
    named place: the invasion family, so that "the deployment of troops into Ukraine" and
    "its invasion" are one happening."""
    if stem(word) not in _MOVE_STEMS and family not in _MOVE_STEMS:
        return False
    span = [w.casefold() for w in rest[: _TROOP_SPAN + 1]]
    if "into" not in span:
        return False
    i = span.index("into")
    target = rest[i + 1] if i + 1 < len(rest) else ""
    return bool(_TROOP_WORDS & set(span[:i])) and target[:1].isupper()


def _family_at(word: str, rest: list[str]) -> str:
    """The family of an event word followed by ``rest``: its trigger family, or the
    invasion family for a movement of troops into a country."""
    family = trigger_family(word)
    return "invade" if _enters_territory(family, word, rest) else family


def event_family(event: Event) -> str:
    """The trigger family of what happened: the trigger's own, except for a support verb
    whose event is a noun next to it ("reached an agreement", "the agreement reached
    between the two companies", "held talks") or an inceptive verb with its event
    ("initiated the deployment"): then the noun's family, so that it meets the reports
    naming the agreement or the settlement itself.  A movement of troops into a country
    is an invasion (``_enters_territory``)."""
    if event.kind is EventKind.REMARKS:
        return "remarks"  # a speaker's remarks are no conversation, call or meeting
    offset = event.char_start - event.sentence_start
    after = _TOKEN_RE.findall(event.sentence[offset + len(event.trigger) :])
    family = _family_at(event.trigger, after)
    if after and after[0].casefold() in _OTHER_SENSE.get(family, ()):
        return f"{family} {after[0].casefold()}"  # "agreed with" someone: no agreement
    if family not in _SUPPORT_VERBS and stem(event.trigger) not in _CARRIER_STEMS:
        return family
    before = _TOKEN_RE.findall(event.sentence[:offset])[-_SUPPORT_SPAN:]
    # the object after the verb first ("reached an agreement"), then the noun a
    # participle follows ("an agreement reached")
    candidates = [(w, after[i + 1 :]) for i, w in enumerate(after[:_SUPPORT_SPAN])]
    candidates += [(w, []) for w in reversed(before)]
    for word, rest in candidates:
        if word[:1].isupper():
            continue
        noun = _family_at(word, rest)
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


# a collective reference to two participants ("the settlement reached between the two
# parties", "both countries"): who they are is said nearby, not in the clause itself
_COLLECTIVE_RE = re.compile(
    r"\b(?:the\s+two|both(?:\s+the)?)\s+(?:parties|sides|companies|firms|leaders|"
    r"presidents|countries|nations|governments|men|women|rivals)\b",
    re.IGNORECASE,
)
# two names in one sentence joined by one of these are the two sides of something: "Apple
# Corps lost its court case against Apple Computer", "Trump welcomed Putin", "X and Y"
_PAIR_LINK_RE = re.compile(
    r"(?<!\w)(?:and|with|against|versus|vs\.?|v\.|met|meets|welcomed|hosted|received|"
    r"visited|sued)(?!\w)",
    re.IGNORECASE,
)
_QUOTES = "“”\"‘’'"
_SENTENCE_BREAK_RE = re.compile(r"[.!?;:]\s|\n")
_PAIR_GAP = 12  # words between the two names of a pair


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands right inside quotation marks."""
    return (start > 0 and text[start - 1] in _QUOTES) or (end < len(text) and text[end] in _QUOTES)


# The passages of the last few thousand comparisons (a merge compares one event with the
# candidates of its interval, each many times): bounded, since a long-lived API process
# merges new passages for ever.
@lru_cache(maxsize=4096)
def _nearest_pair(text: str, known: tuple[str, ...]) -> tuple[str, str] | None:
    """The last two different names of ``text`` linked in one sentence as two sides
    ("Apple Corps lost its court case against Apple Computer"), or None."""
    from timeline.events.entities import find_entities, is_title

    # a name in quotation marks is a title or a slogan ("Alaska 2025"), and a name before
    # a title qualifies it ("Donald Trump, US president"): neither is a side
    mentions = [
        m
        for m in find_entities(text, known)
        if not _quoted(text, m.start, m.end)
        and not is_title(next(iter(_TOKEN_RE.findall(text[m.end : m.end + 40])), ""))
    ]
    for first, second in reversed(list(itertools.pairwise(mentions))):
        between = text[first.end : second.start]
        if (
            first.name.casefold() != second.name.casefold()
            and not _SENTENCE_BREAK_RE.search(between)
            and len(between.split()) <= _PAIR_GAP
            and _PAIR_LINK_RE.search(between)
        ):
            return first.name, second.name
    return None


_COLLECTIVE_SPAN = 4  # words between the trigger and "the two parties" of its phrase


def _in_event_phrase(event: Event, start: int, end: int) -> bool:
    """Whether the sentence span ``start:end`` belongs to the event's own phrase: a few
    words from the trigger in one clause, with no other event between them but a support
    verb ("the settlement reached between the two parties"; not "this new settlement
    replaces the 1991 agreement between the two companies", whose two companies are the
    agreement's, nor "… between the two companies in 1991, which barred …")."""
    from timeline.events.triggers import event_probability

    offset = event.char_start - event.sentence_start
    trigger_end = offset + len(event.trigger)
    between = event.sentence[trigger_end:start] if start >= trigger_end else ""
    if end <= offset:
        between = event.sentence[end:offset]
    elif start < trigger_end:
        return False  # the reference overlaps the trigger
    words = _TOKEN_RE.findall(between)
    return (
        len(words) <= _COLLECTIVE_SPAN
        and not re.search(r"[,;:()]", between)
        and not any(
            stem(w) not in _CARRIER_STEMS and event_probability(w) >= _EVENT_NOUN for w in words
        )
    )


def collective_referents(event: Event) -> tuple[str, ...]:
    """Who "the two parties" (sides, companies, leaders, countries, ...) of the event's
    sentence are: the nearest two names linked as two sides before the reference, in the
    sentence or the passage before it (``Event.context``).  News names the two sides of a
    dispute, a meeting or a deal once and then refers to them together, so "the 1991
    settlement reached between the two parties" is a settlement between Apple Corps and
    Apple Computer, named in the sentence before.  Empty without such a reference, or
    when no linked pair precedes it."""
    m = _COLLECTIVE_RE.search(event.sentence)
    if m is None or not _in_event_phrase(event, m.start(), m.end()):
        return ()
    passage = event.context or event.sentence
    at = passage.find(event.sentence)
    text = passage[: at + m.start()] if at >= 0 else event.sentence[: m.start()]
    return _nearest_pair(text, event.participants) or ()


def participants(event: Event) -> tuple[str, ...]:
    """The event's participants, with the two that a collective reference in its sentence
    stands for (``collective_referents``) added."""
    have = {p.casefold() for p in event.participants}
    extra = tuple(r for r in collective_referents(event) if r.casefold() not in have)
    return event.participants + extra


def _referent(name: str) -> str:
    """A participant's identity for comparison: casefolded, a seat of government as its
    country ("Moscow" and "Russia" are one participant: ``entities.seat_country``)."""
    from timeline.events.entities import seat_country

    return (seat_country(name) or name).casefold()


def shared_participants(a: Event, b: Event) -> int:
    """How many participants the two events have in common (``_referent``)."""
    return len({_referent(p) for p in participants(a)} & {_referent(p) for p in participants(b)})


def _names(*events: Event) -> frozenset[str]:
    return frozenset(stem(w.casefold()) for e in events for p in participants(e) for w in p.split())


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
    return _covered(a, b) + _covered(b, a)


def said_similarity(a: Event, b: Event) -> float:
    """Rarity-weighted cosine of what two reports say: their lowercase content words
    (``_said_words``), with words a scraper glued together split back apart."""
    return _said_cosine(a.sentence, b.sentence)


def _said_cosine(x: str, y: str) -> float:
    """``said_similarity`` of two sentences."""
    return _cosine(frozenset(_said_words(x)), frozenset(_said_words(y)))


def _covered(a: Event, b: Event) -> int:
    """How many of ``a``'s participants ``b``'s passage names."""
    from timeline.events.entities import seat_country

    passage = b.context or b.sentence
    return sum(
        _mentions(p, passage) or _mentions(seat_country(p) or p, passage) for p in participants(a)
    )


def _evidence(a: Event, b: Event, shared: int) -> list[str]:
    """Points of agreement beyond time and kind, each an independent named signal:
    participants (two in common, or three of one report named around the other:
    coreference through the document), the words next to both triggers (what was
    launched), the sentences' vocabulary, and the topic of the passages around them.
    ``participants_in_common``/``participants_named_around`` count twice."""
    covered = max(_covered(a, b), _covered(b, a))
    out: list[str] = []
    if shared >= 2:
        out += ["participants_in_common", "participants_in_common"]
    elif covered >= 3:
        out += ["participants_named_around", "participants_named_around"]
    elif covered >= 2:
        out.append("participants_named_around")
    if _around_trigger(a) & _around_trigger(b):
        out.append("words_next_to_trigger")
    if (
        context_similarity(a, b) >= _CONTEXT_SIMILARITY
        or sentence_similarity(a, b) >= _SENTENCE_COSINE
    ):
        out.append("similar_sentences")
    if a.context and b.context and topic_similarity(a, b) >= _TOPIC_COSINE:
        out.append("similar_passages")
    return out


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


def _says_same(x: str, y: str) -> bool:
    """Whether two sentences report one remark: the same rare words said (rarity-weighted
    overlap or cosine, ``statement_similarity``/``said_similarity``) or a shared quote."""
    return (
        _said_overlap(x, y) >= _STATEMENT_SIMILARITY
        or _said_cosine(x, y) >= _SAID_COSINE
        or bool(quoted_words(x) & quoted_words(y))
    )


# an attribution after its quote: "..., Putin stated", "...,” he said", "...,” said Putin":
# the text before the verb ends with the quote's closing comma or mark and the speaker,
_QUOTE_BEFORE_RE = re.compile(
    r"(?:[,!?…][”\"’]?|[”\"’])\s*(?:(?:[A-Z][\w’'.-]*|he|she|they)(?:\s+[A-Z][\w’'.-]*){0,3}\s*)?$"
)
# and nothing the verb introduces follows it: the end of the sentence, the speaker ("said
# Apple CEO Steve Jobs."), or a comma and a participle ("stated, framing the invasion"),
# not a comma and a quotation ("said, “The Mac has ...") nor a clause ("said that ...")
_NOTHING_AFTER_RE = re.compile(r"^(?:\s+[A-Z][\w’'.-]*)*\s*(?:[.;!?”\"’]|,(?!\s*[“\"‘])|$)")
_OPENING_QUOTES = '“‘"'
_PRONOUN_SUBJECT_RE = re.compile(r"^\W*(?:he|she|they)\b", re.IGNORECASE)
# "..., he added": a further point, not the quotation of the one reported before
_NEW_POINT_STEMS = frozenset(stem(w) for w in ("added", "continued", "also"))
_QUOTE_SENTENCES = 2  # sentences a quotation can run over before its attribution
_QUOTE_WORDS = 3  # a quote is a clause: "In a surprising move, Jobs announced" is not one


def _inverted_attribution(event: Event) -> bool:
    """Whether the event attributes a quote that precedes it ("Our position here is well
    known, Putin stated"; "“We love the Beatles,” said Steve Jobs")."""
    offset = event.char_start - event.sentence_start
    head, tail = event.sentence[:offset], event.sentence[offset + len(event.trigger) :]
    words = {stem(w.casefold()) for w in _TOKEN_RE.findall(head)} | {stem(event.trigger)}
    m = _QUOTE_BEFORE_RE.search(head)
    return (
        m is not None
        and len(_TOKEN_RE.findall(head[: m.start()])) >= _QUOTE_WORDS
        and _NOTHING_AFTER_RE.match(tail) is not None
        and not words & _NEW_POINT_STEMS
    )


def utterances(event: Event) -> tuple[str, ...]:
    """The texts that say what a reporting event reports: its sentence and, for a quote
    attributed after it ("As for NATO, this is another issue… Our position here is well
    known, Putin stated"), the sentence before the quote, when that sentence reports the
    same speaker on the same topic ("He said that Moscow … rejected the idea of NATO
    expansion").

    News reports a remark as a paraphrase and then quotes it, and gives one attribution
    for a quote of several sentences: the unattributed sentences before an attribution
    are part of the quote (unless the quote opens in the attribution's own sentence),
    and the paraphrase before them says what the quote is about, which the quote's own
    words ("our position here") often do not.  A quote attributed as a further point
    ("..., he added") and a paraphrase of another speaker or topic are other remarks.
    Needs the passage around the event (``Event.context``)."""
    if not event.context or not event.participants or not _inverted_attribution(event):
        return (event.sentence,)
    at = event.context.find(event.sentence)
    if at < 0:
        return (event.sentence,)
    from timeline.text.sentences import split_sentences

    head = event.sentence[: event.char_start - event.sentence_start]
    opened = any(q in head for q in _OPENING_QUOTES)  # the quote begins in this sentence
    before = [event.context[x.start : x.end] for x in split_sentences(event.context[:at])]
    quote = [event.sentence]
    while before and len(quote) <= _QUOTE_SENTENCES:
        sentence = before.pop()
        if not _reports(sentence):
            if opened:
                break
            quote.insert(0, sentence)  # the quote began before its attribution
            continue
        speaker = event.participants[0]
        names_speaker = _mentions(speaker, sentence) or bool(_PRONOUN_SUBJECT_RE.match(sentence))
        # a word of the quote the paraphrase shares, besides who is involved ("NATO")
        topic = (_topic_words(" ".join(quote)) & _topic_words(sentence)) - _names(event)
        speaker_words = {stem(w.casefold()) for w in speaker.split()}
        if names_speaker and topic - speaker_words:
            return (" ".join(quote), sentence)
        break
    return (" ".join(quote),)


def _reports(sentence: str) -> bool:
    """Whether a sentence carries an attribution: a reporting verb."""
    return any(stem(w.casefold()) in _REPORTING_STEMS for w in _TOKEN_RE.findall(sentence))


def same_happening(a: Event, b: Event) -> bool:
    """True when ``a`` and ``b`` are two reports of one happening (symmetric)."""
    return merge_signals(a, b) is not None


def merge_signals(a: Event, b: Event) -> tuple[str, ...] | None:
    """Why ``a`` and ``b`` are two reports of one happening: the named signals that held
    (``same_family``, ``compatible_times``, ``shared_participant``, the evidence of
    ``_evidence``; for statements ``same_speaker`` and ``says_the_same``), or None when
    they are not one happening.  The store keeps them with the event that joined an
    entry, so a reader can see why two reports were merged."""
    if a.interval is None or b.interval is None:
        return None
    family = event_family(a)
    if family != event_family(b):
        return None
    if Anchoring.PUBLICATION in (a.anchoring, b.anchoring):
        # A reporting event ("X said") dated by its article: two articles saying things
        # in the same days are one happening only when the same speaker says the same
        # thing, which the words of what is said must show.  Publication dates are
        # estimates of a day, so overlapping estimates are compatible.
        if (
            a.anchoring is b.anchoring
            and a.interval.overlaps(b.interval)
            and bool(a.participants and b.participants)
            and a.participants[0].casefold() == b.participants[0].casefold()
            and any(_says_same(x, y) for x in utterances(a) for y in utterances(b))
        ):
            return ("same_family", "overlapping_publication", "same_speaker", "says_the_same")
        return None
    if not compatible(a.interval, b.interval):
        return None
    shared = shared_participants(a, b)
    if not shared and (_covered(a, b) == 0 or _covered(b, a) == 0):
        return None  # nobody in common, even counting the names around each report
    signals = ["same_family", "compatible_times"]
    signals.append("shared_participant" if shared else "participants_named_around")
    need = _needed(a.interval, b.interval, family, shared)
    if need == 0:
        return tuple(signals)
    evidence = _evidence(a, b, shared)
    if len(evidence) < need:
        return None
    return tuple(signals + list(dict.fromkeys(evidence)))
