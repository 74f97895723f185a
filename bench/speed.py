"""Benchmark: the speeds the tests used to assert, as printed figures next to a floor or a peer.

    .venv/bin/python bench/speed.py                 # or: make bench-speed
    .venv/bin/python bench/speed.py --runs 9 --trial DIR

Three measures, each the median (and the fastest) of ``--runs`` timed passes after one
warm-up pass, with the machine's load average printed beside them (the machines are shared;
compare ratios, not seconds):

* **office holders**: ``timeline.dating.offices.find_office_holders`` over one megabyte of
  news text, against a *floor*: one compiled regex finding the same title words in the
  same text (the least any scan must do);
* **tagging**: ``timeline.temporal.tag`` over a 60,000-character article built from the
  temporal fixtures (every sentence, repeated), against ``dateparser.search.search_dates``
  on the same text (a peer that finds dates in running text), and the same floor idea
  (one regex for month and weekday names);
* **trial timelines**: the SemEval-2015 Task 4 pipeline (``analyse_documents`` +
  ``build_timeline`` for every gold entity) on the trial documents, reading excluded; the
  trial data comes from ``--trial``, else ``$TIMELINE_CORPORA/timeline-trial``, else
  ``../shared/corpora/timeline-trial``, else the stand-in in ``fixtures/corpora``.

These were wall-clock assertions in the tests (under 1 s, a few seconds, under 10 s); a
loaded machine failed them without any regression, so they are measured here instead.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.temporal.corpus import CORPUS  # noqa: E402  (the fixtures as the tests read them)
from timeline.dating.offices import find_office_holders  # noqa: E402
from timeline.evaluation.corpora import corpus_path  # noqa: E402
from timeline.evaluation.timelines import read_timeline  # noqa: E402
from timeline.io.timeml import read_timeml  # noqa: E402
from timeline.tasks.semeval_timelines import analyse_documents, build_timeline  # noqa: E402
from timeline.temporal import tag  # noqa: E402

OFFICE_PARAGRAPH = (
    "President Clinton met Prime Minister Netanyahu on Tuesday, officials said. "
    "The talks in Washington covered security, trade and the future of the region, "
    "and Mr. Clinton said Bush and May 5 meetings would follow with Johnson. "
)
TITLE_FLOOR = re.compile(r"\b(?:President|Prime Minister|Chancellor|Secretary)\b")
DATE_FLOOR = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|\d{4})\b"
)
DCT = date(2025, 9, 2)
ARTICLE_CHARS = 60_000


def timed(func: Callable[[], object], runs: int) -> tuple[float, float]:
    """(median, fastest) seconds of ``runs`` calls after one warm-up call."""
    func()
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        func()
        times.append(time.perf_counter() - began)
    return statistics.median(times), min(times)


def trial_folder(explicit: Path | None) -> Path:
    if explicit is not None:
        return explicit
    real = corpus_path("timeline-trial")
    return real if real.is_dir() else ROOT / "fixtures" / "corpora" / "timeline-trial"


def row(name: str, size: str, median: float, fastest: float, ref: str, ratio: str) -> str:
    return (
        f"{name:<18} {size:>14} {median * 1000:>10.1f} {fastest * 1000:>10.1f}  {ref:<28} {ratio}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--trial", type=Path, default=None, help="timeline-trial folder")
    parser.add_argument("--skip-dateparser", action="store_true")
    args = parser.parse_args(argv)

    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, {os.cpu_count()} cores")
    print(f"median and fastest of {args.runs} runs after a warm-up\n")
    print(f"{'measure':<18} {'input':>14} {'median ms':>10} {'best ms':>10}  {'versus':<28} ratio")

    text = OFFICE_PARAGRAPH * (1_000_000 // len(OFFICE_PARAGRAPH))
    found = len(find_office_holders(text))
    ours, best = timed(lambda: find_office_holders(text), args.runs)
    floor, _ = timed(lambda: sum(1 for _ in TITLE_FLOOR.finditer(text)), args.runs)
    print(
        row(
            "office holders",
            f"{len(text):,} ch",
            ours,
            best,
            "one title regex",
            f"{ours / floor:.1f}x",
        )
    )
    print(f"{'':<18} {found:>11,} found, {len(text) / ours / 1e6:.2f} MB/s")

    sentences = " ".join(c.text for c in CORPUS if not c.xfail) + " "
    article = (sentences * (ARTICLE_CHARS // len(sentences) + 1))[:ARTICLE_CHARS]
    ours, best = timed(lambda: tag(article, DCT), args.runs)
    floor, _ = timed(lambda: sum(1 for _ in DATE_FLOOR.finditer(article)), args.runs)
    print(
        row(
            "tagging",
            f"{len(article):,} ch",
            ours,
            best,
            "one date-word regex",
            f"{ours / floor:.0f}x",
        )
    )
    if not args.skip_dateparser:
        from dateparser.search import search_dates

        peer, _ = timed(lambda: search_dates(article, languages=["en"]), max(1, args.runs // 2))
        print(
            f"{'':<18} {'':>14} {peer * 1000:>10.1f} {'':>10}  {'dateparser search_dates':<28} "
            f"ours {peer / ours:.1f}x faster"
        )

    trial = trial_folder(args.trial)
    docs = [read_timeml(p) for p in sorted((trial / "documents").glob("*.tml"))]
    entities = [read_timeline(p).entity for p in sorted((trial / "gold-timelines").glob("*.txt"))]

    def pipeline() -> None:
        analysed = analyse_documents(docs)
        for entity in entities:
            build_timeline(entity, analysed)

    ours, best = timed(pipeline, args.runs)
    size = f"{len(docs)} docs"
    print(
        row(
            "trial timelines",
            size,
            ours,
            best,
            f"{len(entities)} entities",
            f"{ours / len(docs) * 1000:.0f} ms/doc",
        )
    )
    print(f"{'':<18} from {trial}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
