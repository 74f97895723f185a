"""The export renderers on hand-made entries and documents (no store, no NLP)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest

from timeline.export.formats import FORMAT_NAMES, FORMATS, get_format
from timeline.export.tilse import SEPARATOR, render_tilse
from timeline.export.timelinejs import slide, timelinejs_document
from timeline.export.timeml import render_minimal_timeml, render_timeml
from timeline.export.vis import vis_items
from timeline.model import (
    AnalysedDocument,
    Anchoring,
    Document,
    Event,
    Granularity,
    Interval,
    Provenance,
    PublicationDate,
    Source,
    TemporalExpression,
    TimelineEntry,
    TimexType,
)


def entry(
    entry_id: int,
    start: date,
    days: int,
    granularity: Granularity,
    value: str,
    *,
    title: str = "Xi Jinping: hosted",
    text: str = "Xi Jinping hosted a parade.",
) -> TimelineEntry:
    source = Source(1, "a<b>.txt", text, 0, 2)
    return TimelineEntry(
        entry_id,
        Interval(start, start + timedelta(days=days), granularity),
        value,
        title,
        text,
        ("Xi Jinping",),
        (source,),
        0.75,
    )


DAY = entry(1, date(2025, 9, 3), 1, Granularity.DAY, "2025-09-03")
WEEK = entry(2, date(2025, 9, 1), 7, Granularity.WEEK, "2025-W36")
MONTH = entry(3, date(2025, 8, 1), 31, Granularity.MONTH, "2025-08")
HULL = entry(4, date(2025, 2, 1), 59, Granularity.MONTH, "2025-02/2025-03")
YEAR = entry(5, date(2024, 1, 1), 366, Granularity.YEAR, "2024")
DECADE = entry(6, date(1990, 1, 1), 3652, Granularity.DECADE, "199")
ESCAPED = entry(
    7, date(2025, 9, 3), 1, Granularity.DAY, "2025-09-03", title="<b>A & B</b>", text="x\n  y"
)


def test_timelinejs_partial_dates() -> None:
    assert slide(DAY)["start_date"] == {"year": 2025, "month": 9, "day": 3}
    assert "end_date" not in slide(DAY)
    assert slide(WEEK)["start_date"] == {"year": 2025, "month": 9, "day": 1}
    assert slide(WEEK)["end_date"] == {"year": 2025, "month": 9, "day": 7}
    assert slide(MONTH)["start_date"] == {"year": 2025, "month": 8}
    assert "end_date" not in slide(MONTH)
    assert slide(HULL)["end_date"] == {"year": 2025, "month": 3}
    assert slide(YEAR)["start_date"] == {"year": 2024}
    assert "end_date" not in slide(YEAR)
    assert slide(DECADE)["end_date"] == {"year": 1999}
    document = timelinejs_document([DAY, MONTH])
    assert [s["unique_id"] for s in document["events"]] == ["entry-1", "entry-3"]


def test_timelinejs_escapes_html() -> None:
    text = slide(ESCAPED)["text"]
    assert text["headline"] == "&lt;b&gt;A &amp; B&lt;/b&gt;"
    assert "<cite>a&lt;b&gt;.txt</cite>" in text["text"]
    assert text["text"].startswith("<p>") and "<b>" not in text["text"]


def test_vis_items() -> None:
    items = vis_items([DAY, HULL, ESCAPED])
    assert items[0] == {
        "id": 1,
        "content": "Xi Jinping: hosted",
        "start": "2025-09-03",
        "end": "2025-09-04",
        "group": "day",
        "title": "2025-09-03: Xi Jinping hosted a parade.\nsources: a&lt;b&gt;.txt",
    }
    assert (items[1]["start"], items[1]["end"], items[1]["group"]) == (
        "2025-02-01",
        "2025-04-01",
        "month",
    )
    assert items[2]["content"] == "&lt;b&gt;A &amp; B&lt;/b&gt;"


def test_tilse_lists_day_entries_only() -> None:
    text = render_tilse([DECADE, MONTH, DAY, ESCAPED, WEEK])
    assert text == ("2025-09-03\nXi Jinping hosted a parade.\nx y\n" + SEPARATOR + "\n")
    assert len(SEPARATOR) == 32 and set(SEPARATOR) == {"-"}
    assert render_tilse([MONTH]) == ""
    later = entry(9, date(2025, 9, 5), 1, Granularity.DAY, "2025-09-05", text="Later.")
    assert render_tilse([later, DAY]).splitlines()[0] == "2025-09-03"


def test_format_registry() -> None:
    assert FORMAT_NAMES == ("json", "csv", "text", "timelinejs", "vis", "tilse")
    assert json.loads(get_format("vis").render([DAY]))[0]["id"] == 1
    assert get_format("json").render([DAY], indent=2).startswith("[\n  {")
    assert get_format("csv").render([DAY]).startswith("id,start,end")
    for fmt in FORMATS.values():
        assert isinstance(fmt.render([DAY, MONTH]), str)
        assert fmt.is_json == fmt.media_type.startswith("application/json")
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        get_format("pdf")


def analysed_document() -> AnalysedDocument:
    text = "Xi & Putin met on Tuesday <in Beijing>. It rained in 2024."
    tuesday = text.index("Tuesday")
    year = text.index("2024")
    met = text.index("met")
    rained = text.index("rained")
    expressions = [
        TemporalExpression(
            tuesday,
            tuesday + 7,
            "Tuesday",
            TimexType.DATE,
            "2025-09-02",
            "weekday 2 dir=past",
            Interval(date(2025, 9, 2), date(2025, 9, 3), Granularity.DAY),
        ),
        TemporalExpression(
            year,
            year + 4,
            "2024",
            TimexType.DATE,
            "2024",
            "abs 2024",
            Interval(date(2024, 1, 1), date(2025, 1, 1), Granularity.YEAR),
            mod="END",
        ),
    ]
    events = [
        Event(
            met,
            met + 3,
            "met",
            text,
            0,
            ("Xi", "Putin"),
            expressions[0].interval,
            "2025-09-02",
            Anchoring.TIMEX,
            0,
        ),
        Event(rained, rained + 6, "rained", text, 0, (), None, None, Anchoring.PUBLICATION),
    ]
    published = PublicationDate(
        Interval(date(2025, 9, 3), date(2025, 9, 4), Granularity.DAY),
        date(2025, 9, 3),
        0.99,
        Provenance.METADATA,
    )
    document = Document(name="x&y.txt", text=text, title="A <title>", published=published)
    return AnalysedDocument(document, [], expressions, events)


@pytest.mark.parametrize("render", [render_timeml, render_minimal_timeml])
def test_timeml_is_well_formed_and_keeps_the_text(render: object) -> None:
    analysed = analysed_document()
    xml = render(analysed)  # type: ignore[operator]
    root = ET.fromstring(xml)
    assert root.find("DOCID").text == "x&y.txt"  # type: ignore[union-attr]
    dct = root.find("DCT/TIMEX3")
    assert dct is not None and dct.get("functionInDocument") == "CREATION_TIME"
    text = root.find("TEXT")
    assert text is not None
    assert "".join(text.itertext()) == analysed.document.text
    timexes = {t.text: t for t in text.iter("TIMEX3")}
    assert timexes["Tuesday"].get("value") == "2025-09-02"
    assert timexes["2024"].get("mod") == "END"
    assert [e.text for e in text.iter("EVENT")] == ["met", "rained"]
    links = {link.get("eventInstanceID"): link.get("relatedToTime") for link in root.iter("TLINK")}
    assert links["ei1"] == timexes["Tuesday"].get("tid")
    assert links["ei2"] == "t0"
