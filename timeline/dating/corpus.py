"""Corpus inference: documents about the same happenings date each other.

Two kinds of link carry a date from a well-dated document to a poorly dated one:

* **same story**: articles whose words and names overlap strongly (TF-IDF cosine) report
  the same news and are published within days of each other;
* **same event**: an event the weak document places only relatively ("on Friday",
  "last month") that a dated document also reports (same trigger family, two or more
  shared participants) must fall where the dated document puts it, which constrains
  the weak document's date.

Links become extra scoring constraints for ``estimate_from_content``; documents are
re-estimated, best-dated first, until no estimate narrows any more (a fixpoint).  Only
pairs sharing a rare name are compared (blocking), so the cost follows the number of
related pairs, not the square of the corpus.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from timeline.dating import date_document, era
from timeline.dating.content import (
    Constraint,
    era_constraints,
    estimate_from_content,
)
from timeline.events.extract import extract_events
from timeline.events.lemmas import trigger_family
from timeline.model import (
    Anchoring,
    Document,
    Evidence,
    Granularity,
    Interval,
    Provenance,
    PublicationDate,
)
from timeline.temporal import Mention, Reference, resolve_mentions
from timeline.temporal.resolve import resolve
from timeline.temporal.values import value_interval

if TYPE_CHECKING:
    from timeline.analysis import TextAnalysis

SAME_STORY_SIMILARITY = 0.2
SAME_STORY_DAYS = 3
SAME_STORY_WEIGHT = 3.0
SAME_STORY_FOLLOW_UP_DAYS = 30
SAME_STORY_SURE = 0.5  # similarity at which a sister story weighs fully
_TRUSTED_CONFIDENCE = 0.5  # a link from a date this sure weighs fully
SAME_EVENT_WEIGHT = 4.0  # a shared event outweighs a shared story
MAX_ROUNDS = 4
ERA_NEIGHBOURS = 10
ERA_MIN_SIMILARITY = 0.05
ERA_FULL_SIMILARITY = 0.3  # a neighbour this similar weighs like the text's own clues
ERA_WEIGHT = 1.0
ERA_SPAN_YEARS = 30
ERA_AHEAD_YEARS = 10
ERA_SEARCH_MARGIN = 2.0
_PRECISE_DAYS = 7
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
    """An event of a document, reduced to what links it to other documents."""

    family: str
    participants: frozenset[str]
    mention: Mention | None  # the relative expression anchoring it, in weak documents
    interval: Interval | None  # where it lies, in dated documents
    sentence: str


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
        if sim >= SAME_STORY_SIMILARITY:
            pairs.append((a, b, sim))
    return pairs


@dataclass(frozen=True, slots=True)
class _EraGrid:
    """The calendar years spanning the corpus's explicit dates, for pooling era evidence.

    Years, not months: a similar text tells which year a text is from, not its month (a
    sister story's week is carried by the same-story link instead).
    """

    first: int
    years: int

    @classmethod
    def spanning(cls, mentions: Sequence[Sequence[Mention]]) -> _EraGrid | None:
        years = sorted(
            i.start.year
            for ms in mentions
            for m in ms
            if m.spec.op == "abs"
            and (i := value_interval(m.spec.args[0])) is not None
            and i.granularity.rank <= Granularity.YEAR.rank
        )
        if not years:
            return None
        middle = years[len(years) // 2]  # the era: around the median year named, not history
        lo = max(years[0], middle - ERA_SPAN_YEARS)
        hi = min(years[-1], middle + ERA_SPAN_YEARS) + ERA_AHEAD_YEARS
        return cls(lo, hi - lo + 1)

    def year(self, k: int) -> int:
        return self.first + k

    def index(self, day: date) -> int:
        return min(max(day.year - self.first, 0), self.years - 1)

    def curve(self, constraints: Sequence[Constraint]) -> list[float] | None:
        """The best score each year reaches, shifted so that the best year scores 0.

        Sampled mid-month, and on the narrow windows the constraints focus on (a holiday
        that falls on the weekday the text says), which mid-month samples step over.
        """
        if not constraints:
            return None
        samples = [[date(self.year(k), m, 15) for m in range(1, 13)] for k in range(self.years)]
        for c in constraints:
            for window in c.focus:
                if self.first <= window.start.year < self.first + self.years:
                    samples[window.start.year - self.first].append(window.start)
        raw = [
            max(sum(c.score(day) for c in constraints) for day in samples[k])
            for k in range(self.years)
        ]
        best = max(raw)
        return [x - best for x in raw]


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


def _era_constraint(
    prior: Sequence[float],
    neighbours: Sequence[tuple[float, int]],
    documents: Sequence[Document],
    grid: _EraGrid,
) -> tuple[Constraint, Interval]:
    """A text's era prior (``timeline.dating.era``) as a scoring constraint, with the
    years worth searching."""
    logs = [math.log(max(p, 1e-12)) for p in prior]
    top = max(logs)
    best_year = grid.year(logs.index(top))
    plausible = [k for k in range(grid.years) if logs[k] >= top - ERA_SEARCH_MARGIN]

    def score(day: date) -> float:
        return ERA_WEIGHT * (logs[grid.index(day)] - top)

    if neighbours:
        names = ", ".join(documents[j].name for _, j in neighbours[:3])
        evidence = Evidence(
            "similar-documents",
            names + (" …" if len(neighbours) > 3 else ""),
            f"{len(neighbours)} similar documents and the batch point to around {best_year}",
        )
    else:
        evidence = Evidence(
            "batch-documents",
            "the other documents of the batch",
            f"the batch's documents are mostly from around {best_year}",
        )
    hint = Interval(
        date(grid.year(plausible[0]), 1, 1),
        date(grid.year(plausible[-1]) + 1, 1, 1),
        Granularity.YEAR,
    )
    return Constraint(evidence, score, hard=True, shown_from=-1.0), hint


def _happenings(
    analysis: TextAnalysis,
    published: PublicationDate | None,
    known: Sequence[str],
) -> list[_Happening]:
    reference = Reference.of(published.point if published else date(2000, 1, 1))
    mentions = analysis.mentions
    expressions = resolve_mentions(mentions, reference)
    out = []
    for event in extract_events(analysis, expressions, published, known):
        if event.anchoring is not Anchoring.TIMEX or event.timex_index is None:
            continue
        family = trigger_family(event.trigger)
        if family in _GENERIC_FAMILIES or len(event.participants) < 2:
            continue
        mention = mentions[event.timex_index]
        relative = mention.spec.needs_reference
        out.append(
            _Happening(
                family,
                frozenset(p.casefold() for p in event.participants),
                mention if relative else None,
                event.interval if published is not None or not relative else None,
                event.sentence,
            )
        )
    return out


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


def _same_event_constraint(
    mention: Mention, target: Interval, source_name: str, sentence: str, trust: float
) -> Constraint:
    weight = SAME_EVENT_WEIGHT * trust

    def score(day: date) -> float:
        got = resolve(mention.spec, Reference.of(day)).interval
        return weight if got is not None and got.overlaps(target) else 0.0

    snippet = " ".join(sentence.split())[:80]
    return Constraint(
        Evidence(
            "same-event",
            f"{mention.text} ~ {source_name}: {snippet}",
            f"{mention.text!r} lies in {target.start}..{target.end - timedelta(days=1)}",
        ),
        score,
        hard=True,
    )


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
    mentions = [a.mentions for a in analyses]
    names = [[e.name for e in a.entities()] for a in analyses]
    known = sorted({n for ns in names for n in ns if " " in n})
    current: list[PublicationDate | None] = [
        d.published
        if d.published is not None
        else date_document(d, a, ignore_metadata=ignore_metadata)
        for d, a in zip(documents, analyses, strict=True)
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
    happenings = [_happenings(a, p, known) for a, p in zip(analyses, current, strict=True)]
    # era: weakly dated texts take the pooled explicit-date evidence of similar texts,
    # and that of the whole batch as a prior (texts ingested together are mostly of a
    # few periods)
    base: list[list[Constraint]] = [[] for _ in documents]
    base_hints: list[list[Interval]] = [[] for _ in documents]
    grid = _EraGrid.spanning(mentions)
    if grid is not None:
        own = [era_constraints(a) for a in analyses]
        curves = [grid.curve(c) for c in own]
        likes = era.likelihoods(curves)
        batch = era.batch_prior(likes, grid.years)
        posteriors = [era.posterior(batch, like) for like in likes]
        for i in range(len(documents)):
            if fixed[i]:
                continue
            neighbours = _similar(i, curves, vectors)
            prior = era.era_prior([(w, posteriors[j]) for w, j in neighbours], batch)
            constraint, hint = _era_constraint(prior, neighbours, documents, grid)
            base[i], base_hints[i] = [constraint], [hint]
            estimate = estimate_from_content(analyses[i], base[i], base_hints[i], Provenance.CORPUS)
            if estimate is not None:
                current[i] = estimate
    # links: the same story, the same event, until no estimate narrows any more
    for _ in range(MAX_ROUNDS):
        changed = False
        order = sorted(
            range(len(documents)), key=lambda i: current[i].interval.days if current[i] else 10**9
        )
        for i in order:
            if fixed[i]:
                continue
            extra, hints = _links(i, documents, current, sisters, happenings)
            if not extra:
                continue
            estimate = estimate_from_content(
                analyses[i],
                [*base[i], *extra],
                [*base_hints[i], *hints],
                Provenance.CORPUS,
            )
            if _narrower(estimate, current[i]):
                current[i] = estimate
                happenings[i] = _happenings(analyses[i], estimate, known)
                changed = True
        if not changed:
            break
    return current


def _near(window: Interval, weight: float) -> Callable[[date], float]:
    """Full weight inside ``window``, fading over ``SAME_STORY_FOLLOW_UP_DAYS`` beyond it: a
    sister story is most often the same day's news, but follow-ups come days later."""

    def score(day: date) -> float:
        if window.contains(day):
            return weight
        off = (window.start - day).days if day < window.start else (day - window.end).days + 1
        return weight * max(0.0, 1.0 - off / SAME_STORY_FOLLOW_UP_DAYS)

    return score


def _links(
    i: int,
    documents: Sequence[Document],
    current: Sequence[PublicationDate | None],
    sisters: dict[int, list[tuple[int, float]]],
    happenings: Sequence[Sequence[_Happening]],
) -> tuple[list[Constraint], list[Interval]]:
    mine = current[i]
    extra: list[Constraint] = []
    hints: list[Interval] = []
    # a shared event says exactly how two texts lie in time ("the summit last month"),
    # which overrides the guess that similar texts are the same day's news
    linked_by_event: set[int] = set()
    for h in happenings[i]:
        if h.mention is None:
            continue
        for j, others in enumerate(happenings):
            current_j = current[j]
            if j == i or current_j is None or not _narrower(current_j, mine):
                continue
            for o in others:
                if (
                    o.interval is not None
                    and o.family == h.family
                    and len(o.participants & h.participants) >= 2
                    and o.interval.granularity.rank <= Granularity.MONTH.rank
                ):
                    extra.append(
                        _same_event_constraint(
                            h.mention, o.interval, documents[j].name, o.sentence, _trust(current_j)
                        )
                    )
                    hints.append(o.interval)
                    linked_by_event.add(j)
    for j, sim in sisters.get(i, ()):
        other = current[j]
        if other is None or not _narrower(other, mine) or j in linked_by_event:
            continue
        window = Interval(
            other.interval.start - timedelta(days=SAME_STORY_DAYS),
            other.interval.end + timedelta(days=SAME_STORY_DAYS),
            Granularity.WEEK,
        )
        extra.append(
            Constraint(
                Evidence(
                    "same-story",
                    documents[j].name,
                    f"reports the same story as {documents[j].name} (published {other.value})",
                ),
                # the closer the texts, the surer they are the same day's news
                _near(window, SAME_STORY_WEIGHT * min(1.0, sim / SAME_STORY_SURE) * _trust(other)),
                hard=True,
                focus=(window,),
            )
        )
        hints.append(window)
    return extra, hints
