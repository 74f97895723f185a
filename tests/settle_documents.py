"""Documents for the settle job's tests (``tests/pipeline/test_settle.py``,
``tests/jobs/test_settle_worker.py``): three sisters, one dated by its publisher and two
dated only through it, and another story sharing no full name with them."""

from __future__ import annotations

from collections.abc import Sequence

from timeline.model import Document

# sisters: one dated by its publisher, two dated only through it (the same meeting)
DATED = Document(
    "beijing-dated",
    "Russian President Vladimir Putin met Slovak Prime Minister Robert Fico in Beijing on "
    "Tuesday, officials said. Putin praised the talks.",
    metadata={"published": "2025-09-02"},
)
NEWS = Document(
    "beijing-news",
    "Vladimir Putin made the remarks during a bilateral meeting with Slovak Prime Minister "
    "Robert Fico in Beijing. The Kremlin called the talks constructive.",
)
WEEK = Document(
    "beijing-week",
    "Slovak Prime Minister Robert Fico said on Friday that his meeting with Vladimir Putin "
    "in Beijing last week had been useful. Fico will visit Moscow in the spring.",
)
SISTERS = [DATED, NEWS, WEEK]
# another story: no full name in common with the sisters
OTHER = [
    Document(
        "parade",
        "Chinese President Xi Jinping hosted a military parade in Beijing on Wednesday.",
        metadata={"published": "2025-09-03"},
    ),
    Document("parade-news", "Xi Jinping reviewed the troops during the parade, state media said."),
]


def fresh(documents: Sequence[Document]) -> list[Document]:
    """Copies: ingest fills in each document's date and language."""
    return [Document(d.name, d.text, metadata=dict(d.metadata)) for d in documents]
