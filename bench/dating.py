"""Publication-date benchmark across eras: how well does timeline date what it reads?

Every corpus is an era of its own, so that nothing learnt on one passes unnoticed for
skill on another:

* ``timebank`` (TBAQ's TimeBank: WSJ 1989, a few wires to 1998) and ``aquaint`` (TBAQ's
  AQUAINT wires, 1998-2000), TimeML with their ``<DCT>``;
* ``wikinews`` (the SemEval-2015 trial articles, 2004-2011) **with their datelines
  stripped** (``timeline.dating.signals.dateline.strip_dateline``) in the content settings;
* ``seeds`` (2025) against the days a careful reader gives them (see ``SEED_TRUTH``);
* ``pages`` (``htmldate-eval``: 745 real web pages, 2012-2023, German and English, with
  hand-checked days): with metadata (the page as ``timeline date`` reads it, with or
  without its URL) and content only (markup dates, meta, URL and file name hidden: the
  visible article text alone).

Settings: ``content`` dates a corpus's documents together as one batch from their text
(``--ignore-metadata``), ``alone`` dates each by itself from its text (a lone API post),
``metadata`` with what the publisher declared.

**Split before tuning.** Half the pages (those whose URL's SHA-1 starts with an odd hex
digit) and the whole ``wikinews`` era are held out: they are never looked at while
tuning, and only printed with ``--parts held-out`` (or ``all``).  Each part of the pages
is dated as a batch of its own, so held-out pages never inform tuned ones.

Columns: right year, point within 31 days, exact day, the true day inside the reported
interval, and the interval's median width.  A seed's truth is a window of days (a reader
cannot say more); its point must fall in the window ("exact"), within 31 days of it, and
its interval must reach into the window ("inside").

    .venv/bin/python bench/dating.py [--parts tune|held-out|all] [--corpora DIR]
        [--only timebank aquaint wikinews seeds pages] [--settings SETTING ...] [--json FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timeline.analysis import TextAnalysis  # noqa: E402
from timeline.dating.corpus import date_corpus  # noqa: E402
from timeline.dating.signals.dateline import strip_dateline  # noqa: E402
from timeline.evaluation.corpora import corpora_root  # noqa: E402
from timeline.ingest import read_path  # noqa: E402
from timeline.ingest.errors import IngestError  # noqa: E402
from timeline.ingest.readers import read_html  # noqa: E402
from timeline.ingest.timeml import read_timeml_article  # noqa: E402
from timeline.io.timeml import read_timeml  # noqa: E402
from timeline.model import Document, PublicationDate  # noqa: E402

# A reader's truth for the seeds, which carry no date (the tolerance is the reader's):
# 000-002 report Putin's meeting with Fico in Beijing "on Tuesday" (2 Sep 2025) before
# the Victory Day parade "on Wednesday" (3 Sep): published on the 2nd or the 3rd.  004
# follows the Alaska summit of 15 Aug 2025 as recent news, in August: 16-31 Aug.  003
# tells of Trump's first weeks back in office (inaugurated 20 Jan 2025; talks expected
# "in February or March"): late January to February 2025.
SEED_TRUTH = {
    "000": (date(2025, 9, 2), date(2025, 9, 3)),
    "001": (date(2025, 9, 2), date(2025, 9, 3)),
    "002": (date(2025, 9, 2), date(2025, 9, 3)),
    "003": (date(2025, 1, 25), date(2025, 2, 28)),
    "004": (date(2025, 8, 16), date(2025, 8, 31)),
}
PARTS = ("tune", "held-out")
SETTINGS = ("content", "alone", "metadata", "metadata+url")


@dataclass
class Item:
    """One document to date in one setting, with the truth as a window of days."""

    document: Document
    truth: tuple[date, date]


@dataclass
class Scores:
    corpus: str
    part: str
    setting: str
    documents: int
    undated: int
    year: float
    within_31: float
    exact: float
    inside: float
    median_width_days: float | None
    seconds: float
    decided_by: dict[str, int]


Loader = Callable[[str], list[Item]]


def _timeml_items(folder: Path, setting: str, *, strip: bool) -> list[Item]:
    items = []
    for file in sorted(folder.glob("*.tml")):
        gold = read_timeml(file).dct
        if gold is None:
            continue
        document = read_timeml_article(file, with_dct=setting.startswith("metadata"))
        if strip and not setting.startswith("metadata"):
            document.text = strip_dateline(document.text)
        items.append(Item(document, (gold, gold)))
    return items


def _seed_items(folder: Path, setting: str) -> list[Item]:
    if setting.startswith("metadata"):
        return []  # the seeds declare no date
    return [Item(d, SEED_TRUTH[d.name[:3]]) for d in read_path(folder) if d.name[:3] in SEED_TRUTH]


def page_part(url: str) -> str:
    """The fixed half a page belongs to: by the first hex digit of its URL's SHA-1."""
    return "held-out" if int(hashlib.sha1(url.encode()).hexdigest()[0], 16) % 2 else "tune"


def _page_items(folder: Path, setting: str, part: str, cache: dict[str, Document]) -> list[Item]:
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    items = []
    for k, (url, label) in enumerate(sorted(labels.items())):
        if page_part(url) != part:
            continue
        file = folder / "pages" / label["file"]
        if file.name not in cache:
            try:
                cache[file.name] = read_html(file.name, file.read_bytes())
            except IngestError as exc:
                # a page with no article text: dated from what it declares, if anything
                cache[file.name] = exc.partial or Document(file.name, "")
        read = cache[file.name]
        # a neutral name: real pages' file names here are made from their URLs
        name = f"page-{k:03d}.html"
        truth = date.fromisoformat(label["date"])
        if setting == "metadata+url":
            document = replace(read, name=name, url=url, metadata=dict(read.metadata))
        elif setting == "metadata":
            document = replace(read, name=name, url=None, metadata=dict(read.metadata))
        else:  # the visible text only
            document = Document(name, read.text, title=read.title)
        items.append(Item(document, (truth, truth)))
    return items


def date_items(items: Sequence[Item], setting: str) -> list[PublicationDate | None]:
    """Date the items' documents as ``timeline date`` would: a batch, or one by one."""
    ignore = setting in ("content", "alone")
    out: list[PublicationDate | None] = [None] * len(items)
    everything = list(range(len(items)))
    groups = [[i] for i in everything] if setting == "alone" else [everything]
    for group in groups:
        documents = [items[i].document for i in group]
        dates = date_corpus(
            documents, [TextAnalysis(d.text) for d in documents], ignore_metadata=ignore
        )
        for i, published in zip(group, dates, strict=True):
            out[i] = published
    return out


def score(
    corpus: str,
    part: str,
    setting: str,
    items: Sequence[Item],
    dates: Sequence[PublicationDate | None],
    seconds: float,
) -> Scores:
    n = len(items)

    def share(hits: Iterable[bool]) -> float:
        return round(100 * sum(hits) / n, 1) if n else 0.0

    pairs = [(p, item.truth) for p, item in zip(dates, items, strict=True)]

    def off(p: PublicationDate, truth: tuple[date, date]) -> int:
        lo, hi = truth
        return max(0, (lo - p.point).days, (p.point - hi).days)

    widths = [p.interval.days for p in dates if p]
    decided = Counter(_decider(p) for p in dates)
    return Scores(
        corpus,
        part,
        setting,
        n,
        sum(p is None for p in dates),
        share(p is not None and t[0].year <= p.point.year <= t[1].year for p, t in pairs),
        share(p is not None and off(p, t) <= 31 for p, t in pairs),
        share(p is not None and off(p, t) == 0 for p, t in pairs),
        share(
            p is not None and p.interval.start <= t[1] and t[0] < p.interval.end for p, t in pairs
        ),
        statistics.median(widths) if widths else None,
        round(seconds, 1),
        dict(decided.most_common()),
    )


def _decider(published: PublicationDate | None) -> str:
    """What decided a date: the first piece of its evidence (metadata dates have one)."""
    if published is None:
        return "undated"
    if published.provenance.value in ("metadata", "user"):
        return published.evidence[0].source if published.evidence else "metadata"
    return published.provenance.value


def run(
    corpora: Path,
    seeds: Path,
    only: Sequence[str],
    parts: Sequence[str],
    settings_wanted: Sequence[str] = SETTINGS,
) -> list[Scores]:
    tbaq = corpora / "tbaq"
    wikinews = corpora / "timeline-trial" / "documents"
    pages = corpora / "htmldate-eval"
    page_cache: dict[str, Document] = {}
    # corpus -> (part, settings, loader)
    plan: list[tuple[str, str, tuple[str, ...], Loader]] = [
        (
            "timebank",
            "tune",
            ("content", "alone", "metadata"),
            lambda s: _timeml_items(tbaq / "TimeBank", s, strip=False),
        ),
        (
            "aquaint",
            "tune",
            ("content", "alone", "metadata"),
            lambda s: _timeml_items(tbaq / "AQUAINT", s, strip=False),
        ),
        (
            "wikinews",
            "held-out",
            ("content", "alone", "metadata"),
            lambda s: _timeml_items(wikinews, s, strip=True),
        ),
        ("seeds", "tune", ("content", "alone"), lambda s: _seed_items(seeds, s)),
    ]
    for part in PARTS:
        plan.append(
            (
                "pages",
                part,
                SETTINGS,
                lambda s, part=part: _page_items(pages, s, part, page_cache),  # type: ignore[misc]
            )
        )
    rows = []
    for corpus, part, settings, loader in plan:
        if corpus not in only or part not in parts:
            continue
        for setting in settings:
            if setting not in settings_wanted:
                continue
            items = loader(setting)
            started = time.perf_counter()
            dates = date_items(items, setting)
            rows.append(score(corpus, part, setting, items, dates, time.perf_counter() - started))
            print(table(rows[-1:], head=len(rows) == 1), flush=True)
    return rows


def table(rows: Sequence[Scores], *, head: bool = True) -> str:
    header = (
        f"{'corpus':<10}{'part':<10}{'setting':<14}{'docs':>5}{'undated':>8}{'year%':>7}"
        f"{'≤31d%':>7}{'exact%':>8}{'inside%':>8}{'med.width':>10}{'secs':>7}"
    )
    lines = [header, "-" * len(header)] if head else []
    for r in rows:
        lines.append(
            f"{r.corpus:<10}{r.part:<10}{r.setting:<14}{r.documents:>5}{r.undated:>8}"
            f"{r.year:>7}{r.within_31:>7}{r.exact:>8}{r.inside:>8}"
            f"{_num(r.median_width_days):>10}{r.seconds:>7}"
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
    parser.add_argument("--corpora", type=Path, default=corpora_root())
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument(
        "--only",
        nargs="+",
        default=["timebank", "aquaint", "wikinews", "seeds", "pages"],
        choices=["timebank", "aquaint", "wikinews", "seeds", "pages"],
    )
    parser.add_argument(
        "--parts",
        choices=["tune", "held-out", "all"],
        default="tune",
        help="which parts to date: the held-out ones are for the final report only",
    )
    parser.add_argument(
        "--settings",
        nargs="+",
        default=list(SETTINGS),
        choices=list(SETTINGS),
        help="date only in these settings (the pages' metadata ones are slow)",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the rows here")
    args = parser.parse_args()
    parts = PARTS if args.parts == "all" else (args.parts,)
    rows = run(args.corpora, args.seeds, args.only, parts, args.settings)
    print()
    for r in rows:
        if r.decided_by and r.setting.startswith("metadata"):
            print(f"{r.corpus}/{r.part}/{r.setting} decided by: {r.decided_by}")
    if "seeds" in args.only:
        print()
        print("Seeds (dated together, content and corpus only):")
        print(seeds_report(args.seeds))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps({"rows": [r.__dict__ for r in rows]}, indent=2, default=str),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
