"""Seconds per 100 KB of text for every pipeline stage, from 10 thousand to 1 million
characters: a stage whose cost grows with the text, not faster, shows the same figure at
every length (ratio ~1).

    .venv/bin/python bench/linearity.py [--sizes 10000 100000 1000000] [--inputs prose dates]
                                        [--runs 1]

Inputs, made here so the bench runs in any clone:

* ``prose``: sentences of ``seeds/`` drawn at random (seeded), a long news text;
* ``dates``: one line of dense dates with no sentence end ("On May 1, 2020 and June 2,
  2021 the talks ... resumed; ..."), the worst case the issue found (53 s at 80 thousand
  characters, more than 44 minutes at 20 MB of prose before this bench existed);
* ``html``: the prose as a page of paragraphs in nested sections (reading it: parsing,
  boilerplate removal, the publisher's date);
* ``timeml``: the prose as a TimeML file, tagged and written back (``timeline annotate``).

Stages of ``prose`` and ``dates``: ``split`` (sentences), ``tag`` (recognise expressions),
``entities``, ``date`` (the publication date from content), ``resolve``, ``events``, and
``pipeline`` (all of it, ``analyse_corpus``).  The last column divides the figure at the
longest text by that at the shortest: about 1 when the stage is linear (the machine is
shared and noisy: read it as "no growth", not to the decimal).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timeline.analysis import TextAnalysis  # noqa: E402
from timeline.dating import date_document  # noqa: E402
from timeline.events.extract import extract_events  # noqa: E402
from timeline.ingest.limits import DEFAULT_MAX_DOCUMENT_CHARS  # noqa: E402
from timeline.ingest.readers import read_html  # noqa: E402
from timeline.io.timeml import read_timeml, write_timeml  # noqa: E402
from timeline.model import Document  # noqa: E402
from timeline.pipeline import analyse_corpus, reference_for  # noqa: E402
from timeline.temporal import resolve_mentions, tag  # noqa: E402
from timeline.text.sentences import split_sentences  # noqa: E402

SIZES = [10_000, 30_000, 100_000, 300_000, 1_000_000]
DENSE = "On May 1, 2020 and June 2, 2021 the talks on 3 March 2019 resumed; "


def prose(chars: int, seed: int = 1) -> str:
    """News-like text of ``chars`` characters: the seeds' sentences in a random order."""
    pool = [
        s.text
        for p in sorted((ROOT / "seeds").glob("*.txt"))
        for s in split_sentences(p.read_text())
    ]
    rng = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < chars:
        sentence = rng.choice(pool)
        out.append(sentence)
        size += len(sentence) + 1
    return " ".join(out)[:chars]


def dense_dates(chars: int) -> str:
    return (DENSE * (chars // len(DENSE) + 1))[:chars]


def as_html(text: str) -> str:
    paragraphs = [text[i : i + 600] for i in range(0, len(text), 600)]
    body = "".join(
        f"<section><div><p>{p}</p></div></section>" if k % 2 else f"<p>{p}</p>"
        for k, p in enumerate(paragraphs)
    )
    return f"<html><head><title>Bench</title></head><body><article>{body}</article></body></html>"


def as_timeml(text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    return (
        '<?xml version="1.0"?>\n<TimeML><DOCID>bench</DOCID><DCT><TIMEX3 tid="t0" '
        'type="DATE" value="2025-09-04" functionInDocument="CREATION_TIME">2025-09-04'
        f"</TIMEX3></DCT>\n<TEXT>{escaped}</TEXT></TimeML>\n"
    )


def text_stages(text: str) -> dict[str, float]:
    """Seconds of each stage on ``text``, run one after the other as the pipeline does."""
    seconds: dict[str, float] = {}

    def timed(name: str, work: Callable[[], object]) -> object:
        start = time.perf_counter()
        result = work()
        seconds[name] = time.perf_counter() - start
        return result

    analysis = TextAnalysis(text)
    document = Document(name="bench", text=text)
    timed("split", lambda: analysis.sentences)
    timed("tag", lambda: analysis.mentions)
    timed("entities", lambda: analysis.entities())
    published = timed("date", lambda: date_document(document, analysis))
    document.published = published  # type: ignore[assignment]
    expressions = timed(
        "resolve",
        lambda: resolve_mentions(analysis.mentions, reference_for(document.published)),
    )
    timed(
        "events",
        lambda: extract_events(analysis, expressions, document.published, ()),  # type: ignore[arg-type]
    )
    timed("pipeline", lambda: analyse_corpus([Document(name="bench", text=text)]))
    return seconds


def html_stages(text: str) -> dict[str, float]:
    page = as_html(text)
    start = time.perf_counter()
    read_html("bench.html", page, max_chars=max(len(page), DEFAULT_MAX_DOCUMENT_CHARS))
    return {"read html": time.perf_counter() - start}


def timeml_stages(text: str) -> dict[str, float]:
    raw = as_timeml(text)
    start = time.perf_counter()
    document = read_timeml(raw)
    write_timeml(document, tag(document.text, document.dct))
    return {"annotate": time.perf_counter() - start}


INPUTS: dict[str, tuple[Callable[[int], str], Callable[[str], dict[str, float]]]] = {
    "prose": (prose, text_stages),
    "dates": (dense_dates, text_stages),
    "html": (prose, html_stages),
    "timeml": (prose, timeml_stages),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=SIZES)
    parser.add_argument("--inputs", nargs="+", choices=list(INPUTS), default=list(INPUTS))
    parser.add_argument("--runs", type=int, default=1, help="median of this many runs")
    args = parser.parse_args()
    sizes = sorted(args.sizes)
    # warm up: lexicons, models and lazy imports load once, outside the measurements
    text_stages(prose(2_000))
    html_stages(prose(2_000))
    timeml_stages(prose(2_000))
    print("seconds per 100 KB of text (median of", args.runs, "run(s))")
    for name in args.inputs:
        make, stages = INPUTS[name]
        table: dict[str, list[float]] = {}
        for size in sizes:
            text = make(size)
            runs = [stages(text) for _ in range(args.runs)]
            for stage in runs[0]:
                median = statistics.median(r[stage] for r in runs)
                table.setdefault(stage, []).append(median / size * 100_000)
        header = f"{name:<8} {'stage':<10}" + "".join(f"{s:>11,}" for s in sizes)
        print("\n" + header + f"{'ratio':>9}")
        for stage, per in table.items():
            ratio = per[-1] / per[0] if per[0] > 0 else float("nan")
            cells = "".join(f"{v:>11.3f}" for v in per)
            print(f"{'':<8} {stage:<10}{cells}{ratio:>9.2f}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
