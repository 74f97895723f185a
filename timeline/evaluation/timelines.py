"""The SemEval-2015 Task 4 (TimeLine) scorer: temporal awareness over entity timelines.

A timeline file names one target entity on its first line; every further line is
``ORDER<TAB>DATE<TAB>EVENT[<TAB>EVENT...]`` where ``EVENT`` is ``DOCID-SENTID-TOKEN``.
The task scores a system timeline against the gold one the way TempEval-3 scores temporal
relations (UzZaman & Allen 2011, "temporal awareness"), after turning each timeline into
a graph of relations:

* every event is SIMULTANEOUS with its date node (a node per distinct date string);
  dates that say nothing (``XXXX-XX-XX``: only ``X`` and ``-``) get no node, otherwise
  every undated event would be simultaneous with every other one;
* events on lines of one ORDER are SIMULTANEOUS with each other, and each event is
  BEFORE every event of the next ORDER;
* ORDER 0 lines (events the annotators could not place) are dropped.

System and gold nodes are matched by exact event id and exact date string.  Each graph
is built by adding its relations in order, skipping a relation its closure already
implies and counting (without adding) one that contradicts it; what remains is the
graph's *core*.  Precision is the share of the system's core relations that the gold
closure implies, recall the share of the gold's core relations the system closure
implies, both micro-averaged over timelines.  A gold timeline without a system file
counts as an empty system timeline (recall 0 for it).

Relations are BEFORE and SIMULTANEOUS only, so the closure is point algebra: SIMULTANEOUS
merges nodes into one class (union-find) and BEFORE is reachability between classes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

__all__ = [
    "PointGraph",
    "RelType",
    "Relation",
    "Timeline",
    "TimelineLine",
    "TimelineScore",
    "core_relations",
    "format_table",
    "format_timeline",
    "parse_timeline",
    "read_timeline",
    "score_dirs",
    "score_timeline",
    "timeline_file_name",
    "timeline_relations",
    "to_json",
]

_UNKNOWN_DATE_RE = re.compile(r"^[X\-]*$")


class RelType(StrEnum):
    BEFORE = "BEFORE"
    SIMULTANEOUS = "SIMULTANEOUS"


@dataclass(frozen=True, slots=True)
class Relation:
    """``a`` RELTYPE ``b``; nodes are ``e:<event id>`` or ``t:<date>``."""

    a: str
    rel: RelType
    b: str


@dataclass(frozen=True, slots=True)
class TimelineLine:
    order: int
    date: str
    events: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Timeline:
    entity: str
    lines: tuple[TimelineLine, ...] = ()


def timeline_file_name(entity: str) -> str:
    """The task's file name for an entity's timeline: lower-cased, spaces to ``_``.

    Never a path: separators, control characters and the characters file systems refuse
    become ``_`` and leading dots go, so an entity named ``../../x`` is written as
    ``_.._x.txt`` inside the output folder, not two folders above it.
    """
    stem = "_".join(entity.strip().lower().split())
    stem = _UNSAFE_IN_FILE_NAMES.sub("_", stem).lstrip(".")[:_MAX_STEM] or "entity"
    return stem + ".txt"


_UNSAFE_IN_FILE_NAMES = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f]')
_MAX_STEM = 200  # file systems allow 255 bytes a name


def parse_timeline(text: str, source: str = "<timeline>") -> Timeline:
    """Parse the task format; raises ``ValueError`` naming ``source`` and the line."""
    rows = text.splitlines()
    if not rows or not rows[0].strip():
        raise ValueError(f"{source}: the first line must name the entity")
    lines: list[TimelineLine] = []
    for number, row in enumerate(rows[1:], start=2):
        if not row.strip():
            continue
        cells = [c.strip() for c in row.rstrip("\r\n").split("\t")]
        cells = [c for c in cells if c]
        if len(cells) < 3:
            raise ValueError(f"{source}:{number}: expected ORDER<TAB>DATE<TAB>EVENT...")
        try:
            order = int(cells[0])
        except ValueError:
            raise ValueError(f"{source}:{number}: ORDER {cells[0]!r} is not a number") from None
        lines.append(TimelineLine(order, cells[1], tuple(cells[2:])))
    return Timeline(rows[0].strip(), tuple(lines))


def read_timeline(path: Path | str) -> Timeline:
    path = Path(path)
    return parse_timeline(path.read_text(encoding="utf-8"), str(path))


def format_timeline(timeline: Timeline) -> str:
    """The task format, one line per ``TimelineLine``, with a final newline."""
    out = [timeline.entity]
    out.extend("\t".join([str(line.order), line.date, *line.events]) for line in timeline.lines)
    return "\n".join(out) + "\n"


def timeline_relations(timeline: Timeline) -> list[Relation]:
    """The relations a timeline asserts, in the order the scorer adds them.

    Lines are visited in file order (stable-sorted by ORDER, so a file listing ORDERs out of
    sequence means the same timeline); for each event: its date link, then SIMULTANEOUS
    with the first event of its ORDER or BEFORE from every event of the previous ORDER.
    """
    relations: list[Relation] = []
    groups: list[tuple[int, list[str]]] = []
    for line in sorted(timeline.lines, key=lambda line: line.order):
        if line.order == 0:
            continue
        if not groups or groups[-1][0] != line.order:
            groups.append((line.order, []))
        for event in line.events:
            node = f"e:{event}"
            if not _UNKNOWN_DATE_RE.match(line.date):
                relations.append(Relation(node, RelType.SIMULTANEOUS, f"t:{line.date}"))
            group = groups[-1][1]
            if group:
                relations.append(Relation(group[0], RelType.SIMULTANEOUS, node))
            elif len(groups) > 1:
                relations.extend(
                    Relation(previous, RelType.BEFORE, node) for previous in groups[-2][1]
                )
            group.append(node)
    return relations


class PointGraph:
    """Relations between time points, closed under SIMULTANEOUS (=) and BEFORE (<)."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}
        self._after: dict[str, set[str]] = {}  # class -> classes directly after it

    def _find(self, node: str) -> str:
        parent = self._parent.setdefault(node, node)
        if parent != node:
            parent = self._parent[node] = self._find(parent)
        return parent

    def _reaches(self, a: str, b: str) -> bool:
        """Whether class ``a`` is BEFORE class ``b`` (a path of BEFORE edges)."""
        stack, seen = [a], {a}
        while stack:
            for nxt in self._after.get(stack.pop(), ()):
                if nxt == b:
                    return True
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return False

    def implies(self, relation: Relation) -> bool:
        if relation.a not in self._parent or relation.b not in self._parent:
            return False
        a, b = self._find(relation.a), self._find(relation.b)
        if relation.rel is RelType.SIMULTANEOUS:
            return a == b
        return a != b and self._reaches(a, b)

    def contradicts(self, relation: Relation) -> bool:
        if relation.a not in self._parent or relation.b not in self._parent:
            return False
        a, b = self._find(relation.a), self._find(relation.b)
        if relation.rel is RelType.SIMULTANEOUS:
            return a != b and (self._reaches(a, b) or self._reaches(b, a))
        return a == b or self._reaches(b, a)

    def add(self, relation: Relation) -> str:
        """Add a relation: returns ``"implied"`` (skipped), ``"contradiction"`` (not added)
        or ``"added"``."""
        if self.implies(relation):
            return "implied"
        if self.contradicts(relation):
            return "contradiction"
        a, b = self._find(relation.a), self._find(relation.b)
        if relation.rel is RelType.BEFORE:
            self._after.setdefault(a, set()).add(b)
            return "added"
        self._parent[b] = a  # merge b's class into a's, with its edges
        for edges in self._after.values():
            if b in edges:
                edges.discard(b)
                edges.add(a)
        self._after.setdefault(a, set()).update(self._after.pop(b, set()))
        self._after[a].discard(a)
        return "added"


def core_relations(relations: Iterable[Relation]) -> tuple[list[Relation], int, PointGraph]:
    """Add relations in order: the ones kept (the core), the contradictions, the graph."""
    graph = PointGraph()
    core: list[Relation] = []
    contradictions = 0
    for relation in relations:
        outcome = graph.add(relation)
        if outcome == "added":
            core.append(relation)
        elif outcome == "contradiction":
            contradictions += 1
    return core, contradictions, graph


@dataclass(slots=True)
class TimelineScore:
    """Counts of one timeline (or, summed, of many: micro-averaging)."""

    name: str
    system_core: int = 0  # precision denominator
    system_correct: int = 0  # system core relations the gold closure implies
    gold_core: int = 0  # recall denominator
    gold_found: int = 0  # gold core relations the system closure implies
    system_contradictions: int = 0
    gold_contradictions: int = 0
    missing: bool = False  # no system timeline for this gold one
    parts: list[TimelineScore] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.system_correct / self.system_core if self.system_core else 0.0

    @property
    def recall(self) -> float:
        return self.gold_found / self.gold_core if self.gold_core else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: TimelineScore) -> None:
        self.system_core += other.system_core
        self.system_correct += other.system_correct
        self.gold_core += other.gold_core
        self.gold_found += other.gold_found
        self.system_contradictions += other.system_contradictions
        self.gold_contradictions += other.gold_contradictions
        self.parts.append(other)


def score_timeline(
    gold: Timeline, system: Timeline | None, name: str | None = None
) -> TimelineScore:
    """Temporal awareness of one system timeline (``None``: missing, scored as empty)."""
    gold_core, gold_contra, gold_graph = core_relations(timeline_relations(gold))
    sys_relations = timeline_relations(system) if system is not None else []
    sys_core, sys_contra, sys_graph = core_relations(sys_relations)
    return TimelineScore(
        name=name or gold.entity,
        system_core=len(sys_core),
        system_correct=sum(gold_graph.implies(r) for r in sys_core),
        gold_core=len(gold_core),
        gold_found=sum(sys_graph.implies(r) for r in gold_core),
        system_contradictions=sys_contra,
        gold_contradictions=gold_contra,
        missing=system is None,
    )


def score_timelines(
    pairs: Iterable[tuple[str, Timeline, Timeline | None]],
) -> TimelineScore:
    """Micro-averaged score of ``(name, gold, system)`` triples; ``parts`` per timeline."""
    total = TimelineScore("micro")
    for name, gold, system in pairs:
        total.add(score_timeline(gold, system, name))
    return total


def _timeline_files(directory: Path) -> dict[str, Path]:
    return {p.name: p for p in sorted(directory.iterdir()) if p.is_file() and p.suffix == ".txt"}


def score_dirs(gold_dir: Path | str, system_dir: Path | str) -> TimelineScore:
    """Score every ``*.txt`` timeline of ``gold_dir`` against the same file name in
    ``system_dir`` (absent: an empty system timeline).  System files without a gold
    counterpart are ignored, as the task's scorer does."""
    gold_files = _timeline_files(Path(gold_dir))
    system_files = _timeline_files(Path(system_dir))
    return score_timelines(
        (
            name,
            read_timeline(path),
            read_timeline(system_files[name]) if name in system_files else None,
        )
        for name, path in gold_files.items()
    )


def format_table(score: TimelineScore, title: str = "TimeLine (SemEval-2015 Task 4)") -> str:
    """Per-timeline and micro-averaged precision, recall and F1 (percentages)."""
    width = max([len(p.name) for p in score.parts] + [len("micro"), 8])
    head = f"{'timeline':<{width}}  {'P':>6} {'R':>6} {'F1':>6}  {'sys':>5} {'gold':>5}"
    rows = [title, head, "-" * len(head)]
    for part in score.parts:
        note = "  (no system timeline)" if part.missing else ""
        rows.append(_row(part, width) + note)
    rows.append("-" * len(head))
    rows.append(_row(score, width))
    return "\n".join(rows)


def _row(score: TimelineScore, width: int) -> str:
    return (
        f"{score.name:<{width}}  {100 * score.precision:6.2f} {100 * score.recall:6.2f} "
        f"{100 * score.f1:6.2f}  {score.system_core:>5} {score.gold_core:>5}"
    )


def _as_dict(score: TimelineScore) -> dict[str, object]:
    return {
        "name": score.name,
        "precision": score.precision,
        "recall": score.recall,
        "f1": score.f1,
        "system_core": score.system_core,
        "system_correct": score.system_correct,
        "gold_core": score.gold_core,
        "gold_found": score.gold_found,
        "system_contradictions": score.system_contradictions,
        "gold_contradictions": score.gold_contradictions,
        "missing": score.missing,
    }


def to_json(score: TimelineScore, extra: Mapping[str, object] | None = None) -> str:
    data: dict[str, object] = {
        "micro": _as_dict(score),
        "timelines": [_as_dict(p) for p in score.parts],
    }
    if extra:
        data.update(extra)
    return json.dumps(data, indent=2)
