"""TempEval-3 (UzZaman et al. 2013, task A): tag a TimeML document, score TIMEX3 tags.

``annotate`` gives a TimeML document our TIMEX3 tags instead of its gold ones (what
``timeline annotate`` writes); the rest is the scorer, pooled over documents.

Why our own: the official scorer is a Python 2 script that needs the full TempEval
toolkit; this module computes the same numbers from ``timeline.io.timeml`` documents so
the tagger, HeidelTime and any other system are scored by one piece of code.

* **strict**: a system TIMEX3 matches a gold one with exactly the same span.
* **relaxed**: at least one character in common.  Matching is one-to-one: exact-span pairs
  are made first, then each remaining system timex, in document order, takes the leftmost
  still-free gold timex it overlaps.
* precision = matches / system timexes, recall = matches / gold timexes, F1 their
  harmonic mean, all pooled (micro) over the documents.  With neither gold nor system
  timexes everything is 1 (nothing to find, nothing wrong); otherwise an empty side
  gives 0.
* **value F1** and **type F1** = relaxed F1 × (relaxed matches whose value / type is
  the gold one ÷ relaxed matches), the TempEval-3 attribute F1.
* The DCT is not scored: it lives outside TEXT, and a TIMEX3 in TEXT whose
  ``functionInDocument`` is ``CREATION_TIME`` is skipped too, as are empty (non-consuming)
  TIMEX3 tags, which have no span to match.

Documents pair by file stem (``x.tml``, ``x.TE3input`` and ``x.tml.TE3input`` are all
``x``).  A gold document without a system file scores as if the system found nothing; a
system file without a gold document is ignored and listed in the result.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from timeline.io.timeml import (
    SUFFIXES,
    GoldTimex,
    TimeMLDocument,
    TimeMLError,
    document_stem,
    read_timeml,
    write_timeml,
)
from timeline.model import TemporalExpression

__all__ = [
    "Counts",
    "Span",
    "TempEvalScore",
    "annotate",
    "format_table",
    "match",
    "print_table",
    "score_dirs",
    "score_documents",
    "spans_of_document",
    "spans_of_expressions",
    "timeml_files",
]


def annotate(doc: TimeMLDocument) -> tuple[str, list[TemporalExpression]]:
    """``doc`` as TimeML with our TIMEX3 tags in place of the gold ones (its TEXT tagged
    against its own DCT, everything else byte for byte), and the expressions found."""
    from timeline.temporal import tag  # the tagger's lexicons load only when needed

    found = tag(doc.text, doc.dct)
    return write_timeml(doc, found), found


@dataclass(frozen=True, slots=True)
class Span:
    """What the scorer looks at in a TIMEX3: its character span, type and value."""

    start: int
    end: int
    type: str
    value: str

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(slots=True)
class Counts:
    """Raw counts; metrics derive from them so that pooling is plain addition."""

    gold: int = 0
    system: int = 0
    strict: int = 0  # exact-span matches
    relaxed: int = 0  # all matches, exact ones included
    value: int = 0  # relaxed matches with the gold value
    type: int = 0  # relaxed matches with the gold type

    def add(self, other: Counts) -> None:
        self.gold += other.gold
        self.system += other.system
        self.strict += other.strict
        self.relaxed += other.relaxed
        self.value += other.value
        self.type += other.type

    def _precision(self, matches: int) -> float:
        if self.system == 0:
            return 1.0 if self.gold == 0 else 0.0
        return matches / self.system

    def _recall(self, matches: int) -> float:
        if self.gold == 0:
            return 1.0 if self.system == 0 else 0.0
        return matches / self.gold

    def _f1(self, matches: int) -> float:
        p, r = self._precision(matches), self._recall(matches)
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def strict_precision(self) -> float:
        return self._precision(self.strict)

    @property
    def strict_recall(self) -> float:
        return self._recall(self.strict)

    @property
    def strict_f1(self) -> float:
        return self._f1(self.strict)

    @property
    def relaxed_precision(self) -> float:
        return self._precision(self.relaxed)

    @property
    def relaxed_recall(self) -> float:
        return self._recall(self.relaxed)

    @property
    def relaxed_f1(self) -> float:
        return self._f1(self.relaxed)

    @property
    def value_accuracy(self) -> float:
        """Share of relaxed matches with the gold value (1 when there is no match)."""
        return self.value / self.relaxed if self.relaxed else 1.0

    @property
    def type_accuracy(self) -> float:
        return self.type / self.relaxed if self.relaxed else 1.0

    @property
    def value_f1(self) -> float:
        return self.relaxed_f1 * self.value_accuracy

    @property
    def type_f1(self) -> float:
        return self.relaxed_f1 * self.type_accuracy

    def metrics(self) -> dict[str, float]:
        """Every metric as a fraction in [0, 1]."""
        return {
            "strict_precision": self.strict_precision,
            "strict_recall": self.strict_recall,
            "strict_f1": self.strict_f1,
            "relaxed_precision": self.relaxed_precision,
            "relaxed_recall": self.relaxed_recall,
            "relaxed_f1": self.relaxed_f1,
            "value_accuracy": self.value_accuracy,
            "type_accuracy": self.type_accuracy,
            "value_f1": self.value_f1,
            "type_f1": self.type_f1,
        }

    def as_counts(self) -> dict[str, int]:
        return {
            "gold": self.gold,
            "system": self.system,
            "strict": self.strict,
            "relaxed": self.relaxed,
            "value": self.value,
            "type": self.type,
        }


@dataclass(slots=True)
class TempEvalScore(Counts):
    """Pooled counts (and so every metric), per-document counts, and unpaired files."""

    documents: dict[str, Counts] = field(default_factory=dict)
    missing_system: list[str] = field(default_factory=list)  # gold stems without system file
    extra_system: list[str] = field(default_factory=list)  # system stems without gold

    @property
    def total(self) -> Counts:
        """The pooled counts alone."""
        return Counts(self.gold, self.system, self.strict, self.relaxed, self.value, self.type)

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": len(self.documents),
            "counts": self.as_counts(),
            "metrics": self.metrics(),
            "missing_system": list(self.missing_system),
            "extra_system": list(self.extra_system),
            "per_document": {stem: c.as_counts() for stem, c in sorted(self.documents.items())},
        }


def match(gold: Sequence[Span], system: Sequence[Span]) -> list[tuple[int, int, bool]]:
    """One-to-one pairs ``(gold index, system index, exact)``: exact spans first, then each
    remaining system span in document order with the leftmost free gold span it overlaps."""
    gold_order = sorted(range(len(gold)), key=lambda i: (gold[i].start, gold[i].end))
    system_order = sorted(range(len(system)), key=lambda j: (system[j].start, system[j].end))
    free = set(range(len(gold)))
    paired: set[int] = set()
    pairs: list[tuple[int, int, bool]] = []
    by_span: dict[tuple[int, int], list[int]] = {}
    for i in gold_order:
        by_span.setdefault((gold[i].start, gold[i].end), []).append(i)
    for j in system_order:
        candidates = [i for i in by_span.get((system[j].start, system[j].end), ()) if i in free]
        if candidates:
            free.discard(candidates[0])
            paired.add(j)
            pairs.append((candidates[0], j, True))
    for j in system_order:
        if j in paired:
            continue
        for i in gold_order:
            if i in free and gold[i].overlaps(system[j]):
                free.discard(i)
                pairs.append((i, j, False))
                break
    return pairs


def count(gold: Sequence[Span], system: Sequence[Span]) -> Counts:
    """The counts of one document."""
    counts = Counts(gold=len(gold), system=len(system))
    for i, j, exact in match(gold, system):
        counts.relaxed += 1
        counts.strict += exact
        counts.value += gold[i].value == system[j].value
        counts.type += gold[i].type.upper() == system[j].type.upper()
    return counts


def _scored(timex: GoldTimex) -> bool:
    return timex.end > timex.start and timex.attrs.get("functionInDocument") != "CREATION_TIME"


def spans_of_document(doc: TimeMLDocument) -> list[Span]:
    """The scored TIMEX3 of a document (DCT and empty tags left out)."""
    return [Span(t.start, t.end, t.type, t.value) for t in doc.timexes if _scored(t)]


def spans_of_expressions(expressions: Iterable[TemporalExpression]) -> list[Span]:
    """Our tagger's expressions as scorer spans, without writing TimeML first (note that
    ``write_timeml`` splits alternatives and ranges; score its output to measure that)."""
    return [Span(e.char_start, e.char_end, str(e.type), e.value) for e in expressions]


def score_documents(pairs: Iterable[tuple[str, Sequence[Span], Sequence[Span]]]) -> TempEvalScore:
    """Score ``(stem, gold spans, system spans)`` triples and pool them."""
    score = TempEvalScore()
    for stem, gold, system in pairs:
        counts = count(gold, system)
        score.documents[stem] = counts
        score.add(counts)
    return score


def timeml_files(directory: Path) -> dict[str, Path]:
    """The TimeML files of a directory (not recursive) by stem; on a stem clash the
    ``.tml`` file wins, then the shorter name."""
    found: dict[str, Path] = {}
    for path in sorted(directory.iterdir(), key=lambda p: (len(p.name), p.name)):
        if path.is_file() and path.name.endswith(SUFFIXES):
            found.setdefault(document_stem(path.name), path)
    return found


def _system_spans(gold: TimeMLDocument, system: TimeMLDocument) -> list[Span]:
    """System spans in gold offsets.  Texts that differ only in whitespace are aligned
    character by character; any other difference is an error (offsets would mean nothing)."""
    spans = spans_of_document(system)
    if system.text == gold.text:
        return spans
    maps = align_whitespace(system.text, gold.text)
    if maps is None:
        where = system.path or system.doc_id
        raise TimeMLError(f"{where}: TEXT differs from the gold document's TEXT")
    starts, ends = maps
    return [Span(starts[s.start], ends[s.end], s.type, s.value) for s in spans]


def align_whitespace(source: str, target: str) -> tuple[list[int], list[int]] | None:
    """Offset maps from ``source`` to ``target`` when both texts have the same
    non-whitespace characters in the same order (None otherwise): ``starts[i]`` is where
    the first non-space character at or after ``i`` is in ``target``, ``ends[i]`` just
    after where the last non-space character before ``i`` is."""
    src = [i for i, ch in enumerate(source) if not ch.isspace()]
    dst = [i for i, ch in enumerate(target) if not ch.isspace()]
    if len(src) != len(dst) or any(source[a] != target[b] for a, b in zip(src, dst, strict=True)):
        return None
    starts = [len(target)] * (len(source) + 1)
    ends = [0] * (len(source) + 1)
    k = len(src)
    for i in range(len(source), -1, -1):
        while k > 0 and src[k - 1] >= i:
            k -= 1
        if k < len(src):
            starts[i] = dst[k]
    k = 0
    for i in range(len(source) + 1):
        while k < len(src) and src[k] < i:
            k += 1
        if k > 0:
            ends[i] = dst[k - 1] + 1
    return starts, ends


def score_dirs(gold_dir: Path | str, system_dir: Path | str) -> TempEvalScore:
    """Score every TimeML document of ``gold_dir`` against ``system_dir``."""
    gold_dir, system_dir = Path(gold_dir), Path(system_dir)
    for directory in (gold_dir, system_dir):
        if not directory.is_dir():
            raise TimeMLError(f"{directory}: not a directory")
    gold_files = timeml_files(gold_dir)
    if not gold_files:
        raise TimeMLError(f"{gold_dir}: no .tml or .TE3input files")
    system_files = timeml_files(system_dir)
    triples: list[tuple[str, Sequence[Span], Sequence[Span]]] = []
    missing: list[str] = []
    for stem, path in sorted(gold_files.items()):
        gold = read_timeml(path)
        system_path = system_files.get(stem)
        if system_path is None:
            missing.append(stem)
            triples.append((stem, spans_of_document(gold), []))
            continue
        triples.append(
            (stem, spans_of_document(gold), _system_spans(gold, read_timeml(system_path)))
        )
    score = score_documents(triples)
    score.missing_system = missing
    score.extra_system = sorted(set(system_files) - set(gold_files))
    return score


_ROWS: tuple[tuple[str, str, str, str], ...] = (
    ("strict", "strict_precision", "strict_recall", "strict_f1"),
    ("relaxed", "relaxed_precision", "relaxed_recall", "relaxed_f1"),
)


def format_table(score: Counts, title: str = "TIMEX3 (TempEval-3)") -> str:
    """A plain-text table of the pooled metrics, in percent like the official scorer."""
    counts = score
    m = counts.metrics()
    lines = [title]
    if isinstance(score, TempEvalScore):
        lines.append(
            f"documents {len(score.documents)}   gold {counts.gold}   system {counts.system}"
            f"   strict matches {counts.strict}   relaxed matches {counts.relaxed}"
        )
    lines.append(f"{'':<10}{'P':>8}{'R':>8}{'F1':>8}")
    for name, p, r, f in _ROWS:
        lines.append(f"{name:<10}{100 * m[p]:>8.2f}{100 * m[r]:>8.2f}{100 * m[f]:>8.2f}")
    lines.append(
        f"{'value':<10}{'':>16}{100 * m['value_f1']:>8.2f}"
        f"   accuracy {100 * m['value_accuracy']:.2f} ({counts.value}/{counts.relaxed})"
    )
    lines.append(
        f"{'type':<10}{'':>16}{100 * m['type_f1']:>8.2f}"
        f"   accuracy {100 * m['type_accuracy']:.2f} ({counts.type}/{counts.relaxed})"
    )
    if isinstance(score, TempEvalScore):
        if score.missing_system:
            lines.append(
                f"no system file for {len(score.missing_system)} gold document(s) "
                f"(scored as empty): {', '.join(score.missing_system[:5])}"
                + (" ..." if len(score.missing_system) > 5 else "")
            )
        if score.extra_system:
            lines.append(
                f"ignored {len(score.extra_system)} system file(s) without gold: "
                f"{', '.join(score.extra_system[:5])}"
                + (" ..." if len(score.extra_system) > 5 else "")
            )
    return "\n".join(lines)


def print_table(score: Counts, file: TextIO | None = None) -> None:
    """Print ``format_table(score)``."""
    print(format_table(score), file=file)


def to_json(score: TempEvalScore, extra: Mapping[str, Any] | None = None) -> str:
    """The score as JSON (metrics as fractions, counts, unpaired files, per document)."""
    data = score.as_dict()
    if extra:
        data.update(extra)
    return json.dumps(data, indent=2, sort_keys=False)
