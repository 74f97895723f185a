"""Work done once per document: every stage reads one ``TextAnalysis``.

The expensive text passes (sentence splitting, tagging, the search for names) are
counted wherever they are called from, by wrapping the functions in every module that
imported them: a stage that went back to recomputing them from the bare text would show
up here, whatever its module.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import timeline.events.entities
import timeline.temporal
import timeline.text.sentences
from timeline.analysis import TextAnalysis, known_names
from timeline.ingest import read_path
from timeline.model import Document
from timeline.pipeline import analyse_corpus, ingest_documents, pin_publication_date
from timeline.store import Store

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
_COUNTED: dict[str, Callable[..., Any]] = {
    "split": timeline.text.sentences.split_sentences,
    "tag": timeline.temporal.analyse,
    "names": timeline.events.entities.find_entities,
}


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[tuple[str, str]]]:
    """(pass, text) -> how many times the pass ran on that text."""
    counter: Counter[tuple[str, str]] = Counter()

    def counted(kind: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(text: str, *args: Any, **kwargs: Any) -> Any:
            counter[(kind, text)] += 1
            return func(text, *args, **kwargs)

        return wrapper

    for module in list(sys.modules.values()):
        if not getattr(module, "__name__", "").startswith(("timeline", "api")):
            continue
        for name, value in list(vars(module).items()):
            for kind, func in _COUNTED.items():
                if value is func:
                    monkeypatch.setattr(module, name, counted(kind, func))
    yield counter


def _per_document(calls: Counter[tuple[str, str]], documents: list[Document]) -> dict[str, int]:
    """The most any one document's text went through each pass."""
    texts = {d.text for d in documents}
    return {
        kind: max((n for (k, text), n in calls.items() if k == kind and text in texts), default=0)
        for kind in _COUNTED
    }


def test_a_corpus_is_split_tagged_and_searched_once_per_document(
    calls: Counter[tuple[str, str]],
) -> None:
    documents = read_path(SEEDS)
    analyse_corpus(documents)
    # names twice: alone (to learn the corpus's full names), then with them
    assert _per_document(calls, documents) == {"split": 1, "tag": 1, "names": 2}


def test_ingest_and_re_dating_read_the_stored_analysis(calls: Counter[tuple[str, str]]) -> None:
    documents = read_path(SEEDS)
    with Store("sqlite://") as store:
        store.migrate()
        ingest_documents(store, documents[:3])
        ingest_documents(store, documents[3:])  # re-dates the stored sisters too
        pinned = pin_publication_date(store, 1, date(2025, 9, 3))
        assert pinned, "the pin re-dated nothing: the test would prove nothing"
    counts = _per_document(calls, documents)
    # tagged and split once, at ingest; re-dating reads the stored mentions and sentences
    assert counts["tag"] == 1
    assert counts["split"] == 1
    # names: per analysis, alone and with the corpus's names (ingest, then each re-dating)
    assert counts["names"] <= 2 * 3


def test_an_analysis_computes_each_pass_on_first_use_only(
    calls: Counter[tuple[str, str]],
) -> None:
    text = "Russian President Vladimir Putin met Robert Fico in Beijing on Tuesday. Putin said."
    analysis = TextAnalysis(text)
    assert not calls
    for _ in range(3):
        assert analysis.sentences[0].text.endswith("Tuesday.")
        assert any(m.text == "Tuesday" for m in analysis.mentions)
        assert {e.name for e in analysis.entities()} >= {"Vladimir Putin", "Robert Fico"}
        analysis.entities(["Robert Fico", "Vladimir Putin"])
    assert calls == Counter({("split", text): 1, ("tag", text): 1, ("names", text): 2})
    assert known_names([analysis]) == ["Robert Fico", "Vladimir Putin"]


def test_given_mentions_and_sentences_are_used_as_they_are(
    calls: Counter[tuple[str, str]],
) -> None:
    text = "One. Two."
    analysis = TextAnalysis(text, mentions=[], sentences=[])
    assert analysis.mentions == () and analysis.sentences == ()
    assert not calls
