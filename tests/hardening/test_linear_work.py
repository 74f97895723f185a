"""Work grows with the text, not faster: counted, never timed.

Each test runs a stage on an input of size n and of size 2n and counts the Python lines
executed (``sys.settrace`` line events, in every module: ours and the libraries we call)
or, for memory, the peak allocated (``tracemalloc``).  Both counts are the same on any
machine and under any load.  A linear stage doubles its count (a ratio of about 2); a
quadratic one nears 4 as soon as its quadratic part dominates, which the inputs are
built to make happen at small sizes: one long line of dates, hundreds of short dated
sentences, a page or a TimeML file nested hundreds deep.  Each test fails on the code
before issue 16 (ratios 2.4 to 3.1) and passes after it (1.8 to 2.1).
``bench/linearity.py`` shows the same in seconds per 100 KB up to a million characters.
"""

from __future__ import annotations

import sys
import tracemalloc
from collections.abc import Callable
from types import FrameType
from typing import Any

import pytest

from timeline.analysis import TextAnalysis
from timeline.dating import date_document
from timeline.events.extract import event_mentions, extract_events
from timeline.ingest.htmltext import PageTooDeep, extract_html
from timeline.io.timeml import TimeMLError, read_timeml, write_timeml
from timeline.model import Document
from timeline.pipeline import analyse_corpus, reference_for
from timeline.temporal import resolve_mentions, tag

LINEAR = 2.25  # a doubling of the input may cost this much more, at most


def lines_run(work: Callable[[], object]) -> int:
    """How many Python lines ``work()`` executes."""
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    sys.settrace(lambda frame, event, arg: local)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


def peak_memory(work: Callable[[], object]) -> int:
    """The most memory ``work()`` held at once, in bytes."""
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


Measure = Callable[[Callable[[], object]], int]


def growth(measure: Measure, prepare: Callable[[int], Callable[[], object]], n: int) -> float:
    """``measure`` of the work ``prepare`` sets up for size 2n, over that for size n."""
    prepare(n)()  # warm up: lexicons, models and lazy imports load once, outside the counts
    return measure(prepare(2 * n)) / measure(prepare(n))


DENSE = "On May 1, 2020 and June 2, 2021 the talks on 3 March 2019 resumed; "
MONTHS = ["January", "March", "May", "July", "September", "November"]
PEOPLE = ["Alba Novak", "Boris Okafor", "Carla Petrov", "Dmitri Quint", "Elena Rossi"]


def dense_line(chars: int) -> str:
    """One line of dates without a sentence end: every expression in one "sentence"."""
    return (DENSE * (chars // len(DENSE) + 1))[:chars]


def dated_sentences(count: int) -> str:
    """Short sentences, each with its own date and two people."""
    return " ".join(
        f"On {MONTHS[i % 6]} {i % 27 + 1}, {2000 + i % 20}, {PEOPLE[i % 5]} met "
        f"{PEOPLE[(i + 2) % 5]} in Vienna."
        for i in range(count)
    )


def test_one_long_line_of_dates_costs_in_proportion() -> None:
    """53 s at 80,000 characters before: every date against every word of its line."""

    def prepare(n: int) -> Callable[[], object]:
        return lambda: analyse_corpus([Document(name="work", text=dense_line(n))])

    assert growth(lines_run, prepare, 3_000) < LINEAR


def events_of(n: int, stage: Callable[..., object]) -> Callable[[], object]:
    """``stage(analysis, expressions, published, ())`` on ``n`` dated sentences, the
    analysis, dating and resolution done beforehand (not counted)."""
    text = dated_sentences(n)
    analysis = TextAnalysis(text)
    published = date_document(Document(name="work", text=text), analysis)
    expressions = resolve_mentions(analysis.mentions, reference_for(published))
    analysis.entities()
    return lambda: stage(analysis, expressions, published, ())


def test_event_mentions_of_many_dated_sentences_cost_in_proportion() -> None:
    """Each sentence looked at every entity and expression of the document before, and
    each pronoun at every subject named so far."""
    assert growth(lines_run, lambda n: events_of(n, event_mentions), 200) < LINEAR


def test_document_events_of_many_dated_sentences_cost_in_proportion() -> None:
    """``happenings._coref`` compared every pair of a document's happenings (issue 11's
    within-document coreference); it now compares the pairs of one family at compatible
    times, or of one clause."""
    assert growth(lines_run, lambda n: events_of(n, extract_events), 200) < LINEAR


def nested_page(depth: int) -> str:
    return "<html><body>" + "<div>" * depth + "It rained." + "</div>" * depth + "</body></html>"


def test_nested_html_costs_in_proportion() -> None:
    """58 s at 20,000 levels before: marking each block looked for its last descendant."""
    assert growth(lines_run, lambda n: lambda: extract_html(nested_page(n)), 255) < LINEAR


TIMEML = (
    '<?xml version="1.0"?>\n<TimeML><DOCID>deep</DOCID><DCT><TIMEX3 tid="t0" type="DATE" '
    'value="2021-05-05" functionInDocument="CREATION_TIME">2021-05-05</TIMEX3></DCT>'
    "<TEXT>{}</TEXT></TimeML>\n"
)


def test_nested_timeml_takes_memory_in_proportion() -> None:
    """3.2 GB for 140 KB nested 20,000 deep before: the whole chain of open elements was
    copied at every tag."""

    def prepare(depth: int) -> Callable[[], object]:
        raw = TIMEML.format("<s>It rained. " * depth + "On May 4, 2021." + "</s>" * depth)
        document = read_timeml(raw)
        expressions = tag(document.text, document.dct)
        return lambda: write_timeml(document, expressions)

    assert growth(peak_memory, prepare, 128) < LINEAR


@pytest.mark.parametrize("depth", [513, 20_000])
def test_html_deeper_than_browsers_nest_is_refused(depth: int) -> None:
    with pytest.raises(PageTooDeep, match="512"):
        extract_html(nested_page(depth))


def test_timeml_deeper_than_libxml2_nests_is_refused() -> None:
    with pytest.raises(TimeMLError, match="nested more than 256"):
        read_timeml(TIMEML.format("<s>" * 257 + "It rained." + "</s>" * 257))


def test_an_overlong_sentence_is_read_in_pieces_and_said_so() -> None:
    [analysed] = analyse_corpus(
        [Document(name="x", text=dense_line(5_000), metadata={"published": "2021-06-05"})]
    )
    assert max(len(s.text) for s in analysed.sentences) <= 1_000
    assert analysed.document.published is not None
    limits = [e for e in analysed.document.published.evidence if e.source == "limit"]
    assert limits and "(4,999 characters) was read in pieces" in limits[0].text
