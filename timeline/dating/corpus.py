"""Corpus inference: documents about the same happenings date each other.

Two kinds of link carry a date from a well-dated document to a poorly dated one:

* **same story**: articles whose words and names overlap strongly (TF-IDF cosine) report
  the same news and are published within days of each other;
* **same event**: an event the weak document places only relatively ("on Friday",
  "last month") that a dated document also reports (same trigger family, two or more
  shared participants) must fall where the dated document puts it, which constrains
  the weak document's date.

Links become extra scoring constraints for ``content.estimate``; documents are
re-estimated, best-dated first, until no estimate narrows any more (a fixpoint).  Only
pairs sharing a rare name are compared (blocking), so the cost follows the number of
related pairs, not the square of the corpus.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from timeline.dating import date_document, era, trusted_metadata
from timeline.dating.clues import DatingInput
from timeline.dating.constraint import Constraint
from timeline.dating.content import estimate, year_curve, years
from timeline.dating.signals import DAY_SIGNALS, era_constraints, era_prior, same_event, same_story
from timeline.events.extract import extract_events
from timeline.events.lemmas import trigger_family
from timeline.model import (
    Anchoring,
    Document,
    Granularity,
    Interval,
    Provenance,
    PublicationDate,
)
from timeline.temporal import Mention, Reference, resolve_mentions
from timeline.temporal.resolve import resolve

if TYPE_CHECKING:
    from timeline.analysis import TextAnalysis

_TRUSTED_CONFIDENCE = 0.5  # a link from a date this sure weighs fully
MAX_ROUNDS = 4
ERA_NEIGHBOURS = 10
ERA_MIN_SIMILARITY = 0.05
ERA_FULL_SIMILARITY = 0.3  # a neighbour this similar weighs like the text's own clues
_PRECISE_DAYS = 7
_LINKED_DAYS = 62  # a happening placed within two months can date the texts reporting it
_GENERIC_FAMILIES = frozenset({"say", "report"})
_WORD_RE = re.compile(r"[a-z]{5,}")
_STOPWORDS = frozenset(
    [
        "their",
        "there",
        "these",
        "those",
        "which",
        "while",
        "would",
        "could",
        "should",
        "about",
        "after",
        "before",
        "other",
        "being",
        "where",
        "under",
        "since",
        "still",
        "against",
        "between",
        "through",
        "during",
        "without",
        "within",
        "around",
        "because",
        "however",
        "said",
        "says",
        "according",
        "people",
        "years",
    ]
)


@dataclass(frozen=True, slots=True)
class _Happening:
    """An event of a document, reduced to what links it to other documents, and how its
    time hangs on the document's own date: through a relative expression ("on Tuesday"),
    not at all (an absolute one), or as the news of the day (no expression: it happened
    just before publication)."""

    family: str
    participants: frozenset[str]
    sentence: str
    mention: Mention | None = None  # the relative expression anchoring it
    fixed: Interval | None = None  # where an absolute expression puts it
    news: bool = False  # reported as the day's news, at publication

    def window(self, published: PublicationDate | None) -> Interval | None:
        """Where the happening lies, given the document's publication date so far."""
        if self.fixed is not None:
            return self.fixed
        if published is None:
            return None
        if self.news:
            return Interval(
                published.interval.start - same_event.NEWS_LAG,
                published.interval.end,
                Granularity.WEEK,
            )
        if self.mention is None:
            return None
        last = published.interval.end - timedelta(days=1)
        ends = [
            got
            for day in {published.interval.start, published.point, last}
            if (got := resolve(self.mention.spec, Reference.of(day)).interval) is not None
        ]
        if not ends:
            return None
        return Interval(min(g.start for g in ends), max(g.end for g in ends), ends[0].granularity)

    def same_as(self, other: _Happening) -> bool:
        """One happening reported twice: the same kind of event, two shared participants."""
        return self.family == other.family and len(self.participants & other.participants) >= 2


def _profile(document: Document, names: Sequence[str]) -> Counter[str]:
    words = Counter(w for w in _WORD_RE.findall(document.text.casefold()) if w not in _STOPWORDS)
    words.update("E:" + n.casefold() for n in names)
    return words


def _vectors(profiles: Sequence[Counter[str]]) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors of the documents' words and names."""
    n = len(profiles)
    df = Counter(k for p in profiles for k in p)
    vectors = []
    for p in profiles:
        v = {k: (1 + math.log(c)) * math.log(1 + n / df[k]) for k, c in p.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors.append({k: x / norm for k, x in v.items()})
    return vectors


def _cosine(va: dict[str, float], vb: dict[str, float]) -> float:
    if len(va) > len(vb):
        va, vb = vb, va
    return sum(x * vb.get(k, 0.0) for k, x in va.items())


def _story_pairs(
    profiles: Sequence[Counter[str]], vectors: Sequence[dict[str, float]]
) -> list[tuple[int, int, float]]:
    n = len(profiles)
    df = Counter(k for p in profiles for k in p)
    # blocking: only documents sharing a name that few documents use are compared
    rare_limit = max(2, n // 4)
    index: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        for k in p:
            if k.startswith("E:") and df[k] <= rare_limit:
                index[k].append(i)
    candidates = {(a, b) for ids in index.values() for a in ids for b in ids if a < b}
    if n <= 50:  # small batches: compare everything, it is cheap and misses nothing
        candidates = {(a, b) for a in range(n) for b in range(a + 1, n)}
    pairs = []
    for a, b in sorted(candidates):
        sim = _cosine(vectors[a], vectors[b])
        if sim >= same_story.SAME_STORY_SIMILARITY:
            pairs.append((a, b, sim))
    return pairs


def _era_curve(constraints: Sequence[Constraint]) -> list[float] | None:
    """A text's era evidence over ``content.years()``, shifted so that its best year
    scores 0; None when it has none or it tells no year from another.

    Each year weighs as a whole (``year_curve(integrated=True)``): a text naming
    "October 1997" as past fits only the end of 1997 but all of 1998, and a batch of
    such texts is from 1998, not from the last days of 1997."""
    yearly = [c for c in constraints if not c.periodic]
    if not yearly:
        return None
    curve = year_curve(yearly, integrated=True)
    best = max(curve)
    if best - min(curve) < 1e-9:
        return None
    return [x - best for x in curve]


def _similar(
    i: int, curves: Sequence[list[float] | None], vectors: Sequence[dict[str, float]]
) -> list[tuple[float, int]]:
    """The documents most like document ``i`` that have era evidence, with the weight
    their evidence gets: a sister story counts as much as the text's own clues."""
    scored = sorted(
        ((_cosine(vectors[i], vectors[j]), j) for j, c in enumerate(curves) if j != i and c),
        reverse=True,
    )[:ERA_NEIGHBOURS]
    return [
        (min(1.0, sim / ERA_FULL_SIMILARITY), j) for sim, j in scored if sim >= ERA_MIN_SIMILARITY
    ]


def _happenings(
    clues: DatingInput, published: PublicationDate | None, known: Sequence[str]
) -> list[_Happening]:
    mentions = clues.mentions
    # an undated text's relative expressions get a placeholder reference: only those
    # naming their own year give a happening its place (``_Happening.fixed``)
    reference = Reference.of(published.point if published else date(2000, 1, 1))
    expressions = resolve_mentions(mentions, reference)
    out = []
    for event in extract_events(clues.analysis, expressions, published, known):
        family = trigger_family(event.trigger)
        if family in _GENERIC_FAMILIES or len(event.participants) < 2:
            continue
        participants = frozenset(p.casefold() for p in event.participants)
        if event.anchoring is Anchoring.TIMEX and event.timex_index is not None:
            mention = mentions[event.timex_index]
            if mention.spec.needs_reference:
                out.append(_Happening(family, participants, event.sentence, mention=mention))
            elif event.interval is not None:
                out.append(_Happening(family, participants, event.sentence, fixed=event.interval))
        elif (
            published is not None
            and event.interval is not None
            and event.interval.end == published.interval.end
        ):
            # no time of its own: the day's news (at publication, or in the days before)
            out.append(_Happening(family, participants, event.sentence, news=True))
    return out


def _width(p: PublicationDate | None) -> int:
    """Days a date spans (an undated document: wider than any)."""
    return p.interval.days if p is not None else 10**9


def _precise(p: PublicationDate | None) -> bool:
    return p is not None and p.interval.days <= _PRECISE_DAYS


def _narrower(new: PublicationDate | None, old: PublicationDate | None) -> bool:
    if new is None:
        return False
    return old is None or new.interval.days < old.interval.days


def _trust(source: PublicationDate) -> float:
    """How far a link can be trusted: no further than the date it comes from (a date
    itself guessed from weak clues must not pin its sisters to its guess)."""
    return min(1.0, source.confidence / _TRUSTED_CONFIDENCE)


@dataclass(frozen=True, slots=True)
class Dated:
    """A document's publication date, or why it has none (``failure``: the exception,
    when dating it failed rather than found nothing)."""

    published: PublicationDate | None
    error: str | None = None
    failure: Exception | None = field(default=None, compare=False)


UNDATED = "nothing in its text dates it"
UNDATED_WITH_METADATA = "nothing in its metadata or text dates it"


def date_batch(
    documents: Sequence[Document],
    analyses: Sequence[TextAnalysis],
    *,
    ignore_metadata: bool = False,
) -> list[Dated]:
    """``date_corpus``, where one document never stops the others.

    A text that cannot be analysed is left out with the reason; if dating the rest
    jointly fails, each is dated alone, so a failure stays with its document.  A document
    nothing dates says so (``UNDATED``).
    """
    results: list[Dated | None] = [None] * len(documents)
    kept: list[int] = []
    for i, analysis in enumerate(analyses):
        try:
            _ = analysis.mentions, analysis.sentences, analysis.entities()
        except Exception as error:
            results[i] = Dated(None, f"could not analyse the text ({_describe(error)})", error)
        else:
            kept.append(i)
    undated = UNDATED if ignore_metadata else UNDATED_WITH_METADATA
    try:
        dates = date_corpus(
            [documents[i] for i in kept],
            [analyses[i] for i in kept],
            ignore_metadata=ignore_metadata,
        )
        for i, published in zip(kept, dates, strict=True):
            results[i] = Dated(published, None if published else undated)
    except Exception:
        for i in kept:
            try:
                (published,) = date_corpus(
                    [documents[i]], [analyses[i]], ignore_metadata=ignore_metadata
                )
            except Exception as error:
                results[i] = Dated(None, f"could not be dated ({_describe(error)})", error)
            else:
                results[i] = Dated(published, None if published else undated)
    return [r if r is not None else Dated(None, undated) for r in results]


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:200]


def date_corpus(
    documents: Sequence[Document],
    analyses: Sequence[TextAnalysis],
    *,
    ignore_metadata: bool = False,
) -> list[PublicationDate | None]:
    """Publication dates for ``documents`` dated jointly (``analyses``: their texts',
    in the same order).

    A date already set on a document (pinned by a user) is kept and, being the strongest
    evidence, propagates to the others.
    """
    if all(d.published is not None for d in documents):
        # every date is set already (re-dating stored documents with metadata): nothing
        # to estimate, so none of the texts' clues are read
        return [d.published for d in documents]
    clues = [DatingInput(a, d) for d, a in zip(documents, analyses, strict=True)]
    # a publisher's date used without a content search (``trusted_metadata``)
    given = [
        d.published if d.published is not None or ignore_metadata else trusted_metadata(d, c)
        for d, c in zip(documents, clues, strict=True)
    ]
    if all(p is not None for p in given):
        return given
    names = [[e.name for e in a.entities()] for a in analyses]
    known = sorted({n for ns in names for n in ns if " " in n})
    own_era = [era_constraints(c) for c in clues]
    own = [
        e if p is not None else [*e, *(k for signal in DAY_SIGNALS for k in signal(c))]
        for c, e, p in zip(clues, own_era, given, strict=True)
    ]
    current: list[PublicationDate | None] = [
        p if p is not None else date_document(d, a, ignore_metadata=ignore_metadata, constraints=o)
        for d, a, o, p in zip(documents, analyses, own, given, strict=True)
    ]
    fixed = [
        d.published is not None
        or (p is not None and p.provenance is not Provenance.CONTENT)
        or _precise(p)
        for d, p in zip(documents, current, strict=True)
    ]
    if all(fixed) or len(documents) < 2:
        return current
    profiles = [_profile(d, ns) for d, ns in zip(documents, names, strict=True)]
    vectors = _vectors(profiles)
    sisters: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for a, b, sim in _story_pairs(profiles, vectors):
        sisters[a].append((b, sim))
        sisters[b].append((a, sim))
    happenings = [_happenings(c, p, known) for c, p in zip(clues, current, strict=True)]
    # era: weakly dated texts take the pooled explicit-date evidence of similar texts,
    # and that of the whole batch as a prior (texts ingested together are mostly of a
    # few periods)
    base: list[list[Constraint]] = [[] for _ in documents]
    curves = [_era_curve(c) for c in own_era]
    if any(curves):
        likes = era.likelihoods(curves)
        span = years()
        batch = era.batch_prior(likes, len(span))
        posteriors = [era.posterior(batch, like) for like in likes]
        for i in range(len(documents)):
            if fixed[i]:
                continue
            neighbours = _similar(i, curves, vectors)
            prior = era.era_prior([(w, posteriors[j]) for w, j in neighbours], batch)
            base[i] = [
                era_prior.constraint(prior, span.start, [documents[j].name for _, j in neighbours])
            ]
            found = estimate([*own[i], *base[i]], Provenance.CORPUS)
            if found is not None:
                current[i] = found
    # links: the same story, the same event, until no estimate narrows any more
    for _ in range(MAX_ROUNDS):
        changed = False
        order = sorted(range(len(documents)), key=lambda i: _width(current[i]))
        for i in order:
            if fixed[i]:
                continue
            extra = _links(i, documents, current, sisters, happenings)
            if not extra:
                continue
            found = estimate([*own[i], *base[i], *extra], Provenance.CORPUS)
            if _narrower(found, current[i]):
                current[i] = found
                happenings[i] = _happenings(clues[i], found, known)
                changed = True
        if not changed:
            break
    return current


def _links(
    i: int,
    documents: Sequence[Document],
    current: Sequence[PublicationDate | None],
    sisters: dict[int, list[tuple[int, float]]],
    happenings: Sequence[Sequence[_Happening]],
) -> list[Constraint]:
    mine = current[i]
    extra: list[Constraint] = []
    # a shared happening says how two texts lie in time ("the summit last month" in one,
    # "on Friday" in the other; "a meeting on Tuesday" in one, the same meeting as the
    # day's news in the other), which overrides the guess that similar texts are the
    # same day's news.  It works both ways: the better-dated text narrows the other.
    linked_by_event: set[int] = set()
    for h in happenings[i]:
        if h.mention is None and not h.news:
            continue
        for j, others in enumerate(happenings):
            current_j = current[j]
            if j == i or current_j is None:
                continue
            for o in others:
                if not o.same_as(h) or (o.news and h.news):
                    continue
                window = o.window(current_j)
                if window is None or window.days > _LINKED_DAYS:
                    continue
                if mine is not None and h.window(mine) == window:
                    continue  # it says nothing this text does not say already
                trust = _trust(current_j)
                name = documents[j].name
                if h.mention is not None:
                    extra.append(same_event.constraint(h.mention, window, name, o.sentence, trust))
                else:
                    extra.append(same_event.reported(window, name, o.sentence, trust))
                linked_by_event.add(j)
    for j, sim in sisters.get(i, ()):
        other = current[j]
        if other is None or not _narrower(other, mine) or j in linked_by_event:
            continue
        if other.interval.days > _LINKED_DAYS:
            # a sister dated only to its years says "the same era", which the era prior
            # already pools once; summed sister by sister, the batch's common guess would
            # count again for every sister and pin a whole cluster to it
            continue
        extra.append(same_story.constraint(documents[j].name, other, sim, _trust(other)))
    return extra
