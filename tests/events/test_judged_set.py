"""The judged happenings of ``fixtures/events/judged`` and their scorer.

The scorer is checked on a small hand-made case (every metric moves when it should); the
judged files are checked for well-formedness: every snippet found exactly once in its
article, every date a date, every part pointing at a happening of the file.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from timeline.evaluation.entries import (
    EntrySource,
    EntryStatement,
    JudgedEntry,
    gold_interval,
    load_judged,
    locate,
    score_entries,
)
from timeline.ingest import read_path
from timeline.io.timeml import read_timeml
from timeline.model import Granularity, Interval, Sentence
from timeline.tasks.semeval_documents import prepare
from timeline.temporal.values import day_interval, month_interval

ROOT = Path(__file__).resolve().parents[2]
JUDGED = ROOT / "fixtures" / "events" / "judged"

TEXT = (
    "Acme announced on Monday it has settled its dispute with Bolt. "
    "The deal ends a long fight. "
    "“We are glad,” said Ann Lee. "
    "In 1991 the two firms signed an agreement."
)


def _sentences(text: str) -> list[Sentence]:
    out, start = [], 0
    for part in text.split(". "):
        end = start + len(part) + 1
        out.append(Sentence(start, min(end, len(text)), text[start : min(end, len(text))]))
        start = end + 1
    return out


def _judged(tmp_path: Path) -> Path:
    data = {
        "articles": {"a": "tune"},
        "happenings": [
            {
                "id": "settlement",
                "kind": "agreement",
                "date": "2024-03-04",
                "what": "Acme and Bolt settle",
                "participants": {"Acme": "organisation", "Bolt": "organisation"},
                "also": {"Ann Lee": "person"},
                "mentions": {"a": ["it has [settled] its", "The [deal] ends"]},
                "statements": [{"speaker": "Ann Lee", "doc": "a", "at": "glad,” [said] Ann"}],
            },
            {
                "id": "agreement-1991",
                "kind": "agreement",
                "date": "1991",
                "what": "the 1991 agreement",
                "participants": {},
                "mentions": {"a": ["signed an [agreement]"]},
            },
        ],
    }
    path = tmp_path / "judged.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _span(word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def _entry(entry_id: int, interval: Interval, words: list[str], **kw: object) -> JudgedEntry:
    sources = tuple(EntrySource("a", *_span(w)) for w in words)
    return JudgedEntry(entry_id, interval, tuple(kw.pop("entities", ("Acme",))), sources, **kw)  # type: ignore[arg-type]


def test_scorer_counts_precision_recall_duplicates_dates_and_statements(tmp_path: Path) -> None:
    judged = load_judged(_judged(tmp_path))
    monday = day_interval(date(2024, 3, 4))
    said = EntryStatement("Ann Lee", "a", *_span("said"))
    entries = [
        # "announced" is not listed, but its sentence reports only the settlement
        _entry(1, monday, ["announced"], entities=("Acme", "Bolt"), statements=(said,)),
        _entry(2, month_interval(2024, 3), ["deal"], entities=("Acme", "Zed")),  # duplicate
        _entry(3, monday, ["said"], entities=("Ann Lee",)),  # a bare reporting verb
    ]
    score = score_entries(judged, {"a": TEXT}, {"a": _sentences(TEXT)}, entries)
    assert (score.entries, score.assigned, score.required, score.found) == (3, 2, 2, 1)
    assert score.missed == ["agreement-1991"]
    assert score.per_happening == 2.0 and score.duplicated == {"settlement": 2}
    assert score.bare_statements == 1
    assert (score.dated, score.date_right, score.date_consistent) == (2, 1, 2)
    assert (score.entities, score.entities_right) == (4, 3)  # "Zed" is nobody
    assert (score.participants, score.participants_found) == (2, 2)
    assert (score.statements, score.statements_found, score.statements_attached) == (1, 1, 1)


def test_an_entry_reporting_two_happenings_is_over_merged(tmp_path: Path) -> None:
    judged = load_judged(_judged(tmp_path))
    entry = _entry(
        1,
        Interval(date(1991, 1, 1), date(2025, 1, 1), Granularity.CENTURY),
        [
            "settled",
            "agreement",
        ],
    )
    score = score_entries(judged, {"a": TEXT}, {"a": _sentences(TEXT)}, [entry])
    assert score.over_merged == 1


def test_gold_dates_and_snippets() -> None:
    assert gold_interval("2010-06-02/2010-06-15") == Interval(
        date(2010, 6, 2), date(2010, 6, 16), Granularity.DAY
    )
    assert gold_interval("18") == Interval(date(1800, 1, 1), date(1900, 1, 1), Granularity.CENTURY)
    with pytest.raises(ValueError, match="found twice"):
        locate("[a]", "a a", "d")
    with pytest.raises(ValueError, match="not found"):
        locate("[zz]", "a a", "d")


def _check(path: Path, texts: dict[str, str]) -> None:
    judged = load_judged(path)
    ids = {h.id for h in judged.happenings}
    assert len(ids) == len(judged.happenings), "duplicate happening ids"
    for h in judged.happenings:
        assert h.part_of is None or h.part_of in ids, h.id
        if h.date is not None:
            gold_interval(h.date)
        for document, snippets in h.mentions.items():
            assert document in judged.articles, (h.id, document)
            for snippet in snippets:
                locate(snippet, texts[document], document)
        for t in {**h.participants, **h.also}.values():
            assert t in ("person", "organisation", "place", "other"), (h.id, t)
    for s in judged.statements:
        locate(s.snippet, texts[s.document], s.document)


def test_seed_annotations_are_well_formed() -> None:
    _check(JUDGED / "seeds.json", {d.name: d.text for d in read_path(ROOT / "seeds")})


def test_trial_annotations_are_well_formed(trial_dir: Path) -> None:
    judged = load_judged(JUDGED / "trial.json")
    split = json.loads((ROOT / "fixtures" / "events" / "trial_split.json").read_text())
    for document, half in judged.articles.items():
        assert int(document) in split[half], (document, half)
    texts = {}
    for path in trial_dir.glob("*.tml"):
        doc = read_timeml(path)
        if doc.doc_id in judged.articles:
            texts[doc.doc_id] = prepare(doc).text
    assert set(texts) == set(judged.articles)
    _check(JUDGED / "trial.json", texts)
