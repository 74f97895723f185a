"""The stored timeline is a function of the set of documents (#16.4): the same for any
order and batching of the ingests, and after any interruption of one and its re-run.

A small corpus with what makes results order-dependent when the corpus step is not a
function of the set: sisters dated through each other (a report with a publication date,
one of the day's news, one placing the meeting "last week"), documents dated by their
metadata and one by its dateline, and happenings several articles report (one entry,
several sources, a lead report, merge signals).  Each store is compared through
``canonical_state`` (the dump and the documents' dates without database ids) with the
store one batch of every document gives, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from database_fixtures import PostgresServer
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from timeline.export.canonical import canonical_state, differences
from timeline.ingest import read_path
from timeline.io.timeml import read_timeml
from timeline.model import Document
from timeline.pipeline import ingest_documents
from timeline.store import Store

ROOT = Path(__file__).resolve().parents[2]
TRIAL = ROOT / "fixtures" / "corpora" / "timeline-trial" / "documents"
TIMELINE = Path(sys.executable).with_name("timeline")
KINDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]

SISTERS: dict[str, str | dict[str, str]] = {
    "beijing-dated.json": {
        "title": "Putin meets Fico in Beijing",
        "published": "2025-09-02",
        "text": (
            "Russian President Vladimir Putin met Slovak Prime Minister Robert Fico in "
            "Beijing on Tuesday, officials said. Putin praised the talks."
        ),
    },
    "beijing-news.txt": (
        "Vladimir Putin made the remarks during a bilateral meeting with Slovak Prime "
        "Minister Robert Fico in Beijing. The Kremlin called the talks constructive."
    ),
    "beijing-week.txt": (
        "Slovak Prime Minister Robert Fico said on Friday that his meeting with Vladimir "
        "Putin in Beijing last week had been useful. Fico will visit Moscow in the spring."
    ),
}


def _corpus(folder: Path) -> Path:
    """The corpus files: two stand-in trial documents as TimeML (dated by their DCT), one
    as its bare text (its dateline only), and the three sisters."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(TRIAL.glob("*.tml")):
        if path.name.startswith("202"):
            (folder / f"{path.stem}.txt").write_text(read_timeml(path).text, encoding="utf-8")
        else:
            (folder / path.name).write_bytes(path.read_bytes())
    for name, content in SISTERS.items():
        text = json.dumps(content) if isinstance(content, dict) else content
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _corpus(tmp_path_factory.mktemp("order") / "corpus")


@pytest.fixture(scope="module")
def documents(corpus: Path) -> list[Document]:
    return read_path(corpus)


@pytest.fixture(scope="module", params=KINDS)
def fresh_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[], str]]:
    """A maker of empty databases of one kind (a SQLite file, or a PostgreSQL schema)."""
    folder = tmp_path_factory.mktemp("order-db")
    made: list[str] = []
    server: PostgresServer | None = None
    if request.param == "postgresql":
        server = request.getfixturevalue("postgres_server")

    def make() -> str:
        if server is None:
            return f"sqlite:///{folder / f'run{len(made) + 1}.db'}"
        schema = server.create_schema()
        made.append(schema)
        return server.url_for(schema)

    yield make
    if server is not None:
        for schema in made:
            server.drop_schema(schema)


def _state(url: str) -> dict[str, Any]:
    with Store(url) as store:
        return canonical_state(store)


def _ingest(url: str, batches: list[list[Document]]) -> dict[str, Any]:
    with Store(url) as store:
        store.migrate()
        for batch in batches:
            # fresh copies: ingest fills in each document's date and language
            ingest_documents(store, [_copy(d) for d in batch])
        return canonical_state(store)


def _copy(document: Document) -> Document:
    return Document(
        document.name,
        document.text,
        title=document.title,
        url=document.url,
        metadata=json.loads(json.dumps(document.metadata)),
    )


@pytest.fixture(scope="module")
def reference(fresh_url: Callable[[], str], documents: list[Document]) -> dict[str, Any]:
    """Every document in one batch, in name order."""
    state = _ingest(fresh_url(), [documents])
    # the corpus exercises what it is meant to: sister dating and multi-source entries
    provenances = {d["provenance"] for d in state["documents"].values() if d}
    assert {"metadata", "corpus"} <= provenances, provenances
    assert any(len(e["sources"]) > 1 for e in state["entries"])
    return state


@settings(
    max_examples=5,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # no shrinking: minutes per step
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_order_and_batching_gives_the_same_timeline(
    data: st.DataObject,
    fresh_url: Callable[[], str],
    documents: list[Document],
    reference: dict[str, Any],
) -> None:
    order = data.draw(st.permutations(documents), label="order")
    cuts = data.draw(
        st.sets(st.integers(1, len(documents) - 1), max_size=len(documents) - 1), label="cuts"
    )
    bounds = [0, *sorted(cuts), len(order)]
    batches = [list(order[a:b]) for a, b in itertools.pairwise(bounds)]
    state = _ingest(fresh_url(), batches)
    assert differences(state, reference) == differences(reference, reference)
    assert state == reference


def _run(url: str, *paths: Path, kill_after: float | None = None) -> str:
    """``timeline ingest PATHS`` in a process of its own, SIGKILLed after ``kill_after``
    seconds if it is still running; what happened."""
    env = dict(os.environ, TIMELINE_DATABASE_URL=url)
    process = subprocess.Popen(
        [str(TIMELINE), "ingest", "--quiet", *map(str, paths)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _, err = process.communicate(timeout=kill_after if kill_after is not None else 300)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.communicate()
        return "killed"
    assert process.returncode == 0, err.decode()
    return "finished"


@pytest.fixture(scope="module")
def uninterrupted(fresh_url: Callable[[], str], corpus: Path, reference: dict[str, Any]) -> float:
    """Seconds an uninterrupted ``timeline ingest`` of the corpus takes (to kill within
    it); what it stores is what the pipeline stores."""
    url = fresh_url()
    started = time.monotonic()
    _run(url, corpus)
    took = time.monotonic() - started
    assert _state(url) == reference
    return took


@settings(
    max_examples=2,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(moment=st.floats(0.0, 1.0))
def test_an_ingest_killed_at_any_moment_and_run_again_gives_the_same_timeline(
    moment: float,
    fresh_url: Callable[[], str],
    documents: list[Document],
    corpus: Path,
    uninterrupted: float,
    reference: dict[str, Any],
) -> None:
    url = fresh_url()
    # one document stored before (the "killed after its first document"), then an
    # ingest of them all killed with SIGKILL at any moment of its run, then run again
    _ingest(url, [documents[:1]])
    _run(url, corpus, kill_after=moment * uninterrupted)
    _run(url, corpus)
    assert _state(url) == reference
