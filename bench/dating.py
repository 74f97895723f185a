"""Publication-date inference benchmark: how well does timeline date what it reads?

For each corpus (TBAQ news wire, the SemEval-2015 WikiNews trial documents) every document
is dated jointly with the others, once from its content only (``--ignore-metadata``: the
``<DCT>``, and file names, are hidden) and once with metadata, and compared with the gold
DCT.  Then the seeds are dated and shown with their evidence, so a reader can judge them.

    .venv/bin/python bench/dating.py [--corpora DIR] [--json bench/results/dating.json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timeline.analysis import TextAnalysis  # noqa: E402
from timeline.dating.corpus import date_corpus  # noqa: E402
from timeline.ingest import read_path  # noqa: E402
from timeline.ingest.timeml import is_timeml, read_timeml_article  # noqa: E402
from timeline.io.timeml import read_timeml  # noqa: E402
from timeline.model import Document, PublicationDate  # noqa: E402


@dataclass
class Scores:
    corpus: str
    setting: str
    documents: int
    undated: int
    exact: float
    within_7: float
    within_31: float
    year: float
    median_error_days: float | None
    inside: float
    median_width_days: float | None
    seconds: float


def load(folder: Path, *, with_dct: bool) -> tuple[list[Document], list[date]]:
    files = sorted(f for f in folder.rglob("*") if f.is_file() and is_timeml(f))
    documents, truths = [], []
    for file in files:
        gold = read_timeml(file).dct
        if gold is None:
            continue
        documents.append(read_timeml_article(file, with_dct=with_dct))
        truths.append(gold)
    return documents, truths


def score(
    corpus: str,
    setting: str,
    truths: list[date],
    dates: list[PublicationDate | None],
    seconds: float,
) -> Scores:
    n = len(truths)
    errors = [abs((p.point - t).days) for p, t in zip(dates, truths, strict=True) if p]
    widths = [p.interval.days for p in dates if p]

    def share(test: int) -> float:
        return round(100 * test / n, 1) if n else 0.0

    return Scores(
        corpus,
        setting,
        n,
        sum(p is None for p in dates),
        share(sum(e == 0 for e in errors)),
        share(sum(e <= 7 for e in errors)),
        share(sum(e <= 31 for e in errors)),
        share(
            sum(
                p is not None and p.point.year == t.year for p, t in zip(dates, truths, strict=True)
            )
        ),
        statistics.median(errors) if errors else None,
        share(
            sum(
                p is not None and p.interval.contains(t) for p, t in zip(dates, truths, strict=True)
            )
        ),
        statistics.median(widths) if widths else None,
        round(seconds, 2),
    )


def run_corpus(name: str, folder: Path) -> list[Scores]:
    out = []
    for setting, with_dct in (("content only", False), ("with metadata", True)):
        documents, truths = load(folder, with_dct=with_dct)
        started = time.perf_counter()
        analyses = [TextAnalysis(d.text) for d in documents]
        dates = date_corpus(documents, analyses, ignore_metadata=not with_dct)
        out.append(score(name, setting, truths, dates, time.perf_counter() - started))
    return out


def table(rows: list[Scores]) -> str:
    head = (
        f"{'corpus':<16}{'setting':<15}{'docs':>5}{'undated':>8}{'exact%':>8}{'≤7d%':>7}"
        f"{'≤31d%':>7}{'year%':>7}{'med.err':>8}{'inside%':>8}{'med.width':>10}{'secs':>7}"
    )
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(
            f"{r.corpus:<16}{r.setting:<15}{r.documents:>5}{r.undated:>8}{r.exact:>8}"
            f"{r.within_7:>7}{r.within_31:>7}{r.year:>7}{_num(r.median_error_days):>8}"
            f"{r.inside:>8}{_num(r.median_width_days):>10}{r.seconds:>7}"
        )
    return "\n".join(lines)


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def seeds_report(folder: Path) -> str:
    documents = read_path(folder)
    dates = date_corpus(documents, [TextAnalysis(d.text) for d in documents])
    lines = []
    for document, published in zip(documents, dates, strict=True):
        if published is None:
            lines.append(f"{document.name}: undated")
            continue
        lines.append(
            f"{document.name}: {published.value}  [{published.interval.start} .. "
            f"{published.interval.end}) point {published.point}  "
            f"{published.provenance.value}, confidence {published.confidence}"
        )
        for e in published.evidence:
            lines.append(f"    {e.source:<20} {e.text[:70]!r:<74} -> {e.implies}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "dating.json")
    args = parser.parse_args()
    rows = [
        *run_corpus("tbaq", args.corpora / "tbaq"),
        *run_corpus("timeline-trial", args.corpora / "timeline-trial" / "documents"),
    ]
    print(table(rows))
    print()
    print("Seeds (dated together, content and corpus only):")
    report = seeds_report(args.seeds)
    print(report)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps({"rows": [r.__dict__ for r in rows], "seeds": report}, indent=2, default=str),
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
