"""Benchmark: language detectors on real web pages, for choosing the one ingest uses.

    .venv/bin/python bench/language.py                    # the installed detectors
    .venv/bin/python bench/language.py --corpus DIR       # default $TIMELINE_CORPORA/htmldate-eval

Gold: the pages of ``htmldate-eval`` (745 news and blog pages, mostly German and English)
that declare their language (``<html lang="de">``), read with our own HTML reader
(``timeline.ingest.read_html``) as ingest reads them; pages under 200 characters of text
are left out.  A declared ``lang`` is the publisher's word, not a hand label: a few pages
declare their CMS's default, so no detector can reach 100 %.  Each detector also reads the
first 120 characters of every page (a headline and a line: short input is where
detectors differ most).

Each detector runs in a process of its own (``--worker``), so its figures are its own:
accuracy on whole pages and on the 120-character starts, the median milliseconds per
page, the time to load its model, and the process's peak resident memory (VmHWM).
Detectors that are not installed are listed as such.  ``pip install
lingua-language-detector py3langid langdetect`` brings the three compared here.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timeline.evaluation.corpora import corpus_path  # noqa: E402

MIN_CHARS = 200
SHORT_CHARS = 120
DETECTORS = ("timeline", "lingua", "py3langid", "langdetect")
_LANG = re.compile(rb"<html[^>]*?\slang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)


def corpus_folder(explicit: Path | None) -> Path:
    if explicit is not None:
        return explicit
    return corpus_path("htmldate-eval")


def gold_texts(folder: Path) -> list[tuple[str, str, str]]:
    """``(file, declared language, text)`` of every page that declares one."""
    from timeline.ingest import IngestError, read_html

    out = []
    for page in sorted((folder / "pages").glob("*.html")):
        raw = page.read_bytes()
        declared = _LANG.search(raw[:5000])
        if not declared:
            continue
        try:
            text = read_html(page.name, raw).text
        except IngestError:
            continue
        if len(text) >= MIN_CHARS:
            out.append((page.name, declared.group(1).decode().lower()[:2], text))
    return out


def load(name: str) -> Callable[[str], str | None]:
    """The detector ``name`` as ``text -> ISO 639-1 code`` (None: no answer)."""
    if name == "timeline":
        from timeline.language import detect_language

        return lambda text: detect_language(text).code
    if name == "lingua":
        from lingua import LanguageDetectorBuilder

        detector = LanguageDetectorBuilder.from_all_languages().build()

        def lingua(text: str) -> str | None:
            found = detector.detect_language_of(text)
            return found.iso_code_639_1.name.lower() if found else None

        return lingua
    if name == "py3langid":
        import py3langid

        return lambda text: py3langid.classify(text)[0]
    if name == "langdetect":
        from langdetect import DetectorFactory, LangDetectException, detect

        DetectorFactory.seed = 0  # otherwise two runs can disagree

        def langdetect(text: str) -> str | None:
            try:
                return str(detect(text))[:2]
            except LangDetectException:
                return None

        return langdetect
    raise ValueError(name)


def peak_rss_mb() -> float:
    status = Path("/proc/self/status").read_text()
    kb = int(re.search(r"VmHWM:\s+(\d+)", status).group(1))  # type: ignore[union-attr]
    return kb / 1024


def worker(name: str, texts_file: Path) -> dict[str, object]:
    items = json.loads(texts_file.read_text())
    began = time.perf_counter()
    try:
        detect = load(name)
        detect("warm up: the model is loaded by now")
    except ImportError:
        return {"name": name, "missing": True}
    loaded = time.perf_counter() - began
    right = right_short = 0
    times = []
    for _, gold, text in items:
        started = time.perf_counter()
        found = detect(text)
        times.append(time.perf_counter() - started)
        right += found == gold
        right_short += detect(text[:SHORT_CHARS]) == gold
    return {
        "name": name,
        "pages": len(items),
        "accuracy": right / len(items),
        "accuracy_short": right_short / len(items),
        "median_ms": statistics.median(times) * 1000,
        "load_s": loaded,
        "peak_rss_mb": peak_rss_mb(),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--only", nargs="*", default=list(DETECTORS), choices=DETECTORS)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--texts", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args.texts)))
        return 0

    items = gold_texts(corpus_folder(args.corpus))
    languages: dict[str, int] = {}
    for _, gold, _ in items:
        languages[gold] = languages.get(gold, 0) + 1
    shown = ", ".join(f"{k} {v}" for k, v in sorted(languages.items(), key=lambda x: -x[1]))
    print(f"{len(items)} pages that declare their language ({shown})\n")
    print(f"{'detector':<12} {'pages':>6} {'short':>6} {'ms/page':>8} {'load s':>7} {'peak MB':>8}")
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(items, handle)
    try:
        for name in args.only:
            run = subprocess.run(
                [sys.executable, __file__, "--worker", name, "--texts", handle.name],
                capture_output=True,
                text=True,
                check=True,
            )
            result = json.loads(run.stdout)
            if result.get("missing"):
                print(f"{name:<12} not installed")
                continue
            accuracy = f"{result['accuracy']:>6.1%} {result['accuracy_short']:>6.1%}"
            cost = f"{result['median_ms']:>8.2f} {result['load_s']:>7.2f}"
            print(f"{name:<12} {accuracy} {cost} {result['peak_rss_mb']:>8.0f}")
    finally:
        os.unlink(handle.name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
