"""Reading and writing TimeML: offsets, entities, corpora, round trips and nesting."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from corpus_fixtures import TbaqCorpus, TrialCorpus
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.io.timeml import (
    GoldEvent,
    GoldTimex,
    TimeMLDocument,
    TimeMLError,
    document_stem,
    read_timeml,
    split_expression,
    strip_text_timexes,
    write_timeml,
)
from timeline.model import TemporalExpression, TimexType

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "timeml"


def expr(
    text: str,
    start: int,
    end: int,
    value: str = "1998",
    type_: TimexType = TimexType.DATE,
    mod: str | None = None,
) -> TemporalExpression:
    """A hand-made expression (the writer must not depend on what the tagger finds)."""
    return TemporalExpression(start, end, text[start:end], type_, value, value, None, mod)


def at(
    text: str,
    phrase: str,
    value: str = "1998",
    type_: TimexType = TimexType.DATE,
    mod: str | None = None,
) -> TemporalExpression:
    start = text.index(phrase)
    return expr(text, start, start + len(phrase), value, type_, mod)


def text_part(raw: str) -> str:
    return raw[raw.index("<TEXT>") : raw.index("</TEXT>") + len("</TEXT>")]


# --- reading -------------------------------------------------------------------------


def test_read_small_fixture() -> None:
    doc = read_timeml(FIXTURES / "small.tml")
    assert doc.doc_id == "small"
    assert doc.dct == date(1998, 1, 8)
    assert (doc.dct_value, doc.dct_tid) == ("1998-01-08", "t0")
    assert doc.text.startswith("\nAT&T said Wednesday that profits rose 5% <a lot> in the")
    assert 'Café sales — up since January or February "as planned".\n' in doc.text
    assert doc.raw[doc.text_start :].startswith("\nAT&amp;T <EVENT")
    assert doc.raw[doc.text_end :].startswith("</TEXT>")
    assert [(t.tid, t.text, t.type, t.value, t.mod) for t in doc.timexes] == [
        ("t1", "Wednesday", "DATE", "1998-01-07", None),
        ("t2", "the fourth quarter", "DATE", "1997-Q4", None),
        ("t3", "1997", "DATE", "1997", None),
        ("t4", "more than three years", "DURATION", "P3Y", "MORE_THAN"),
    ]
    assert doc.timexes[0].attrs["anchorTimeID"] == "t0"
    assert [(e.eid, e.text, e.event_class) for e in doc.events] == [
        ("e1", "said", "REPORTING"),
        ("e2", "rose", "OCCURRENCE"),
        ("e3", "losses", "OCCURRENCE"),
    ]
    assert doc.sentences == []
    items: list[GoldTimex | GoldEvent] = [*doc.timexes, *doc.events]
    for item in items:
        assert doc.text[item.start : item.end] == item.text


def test_read_from_string_equals_read_from_path() -> None:
    path = FIXTURES / "small.tml"
    from_path = read_timeml(path)
    from_str_path = read_timeml(str(path))
    from_text = read_timeml(path.read_text(encoding="utf-8"))
    assert from_text.text == from_path.text == from_str_path.text
    assert from_text.timexes == from_path.timexes
    assert from_text.path is None and from_path.path == path


def test_read_sentences_and_nested_events() -> None:
    doc = read_timeml(FIXTURES / "sentences.tml")
    assert doc.doc_id == "42" and doc.dct == date(2008, 1, 9)
    assert [s.id for s in doc.sentences] == ["1", "2", "3"]
    assert doc.text[doc.sentences[0].start : doc.sentences[0].end] == "January 09 , 2008"
    assert doc.sentences[0].end == doc.sentences[1].start  # no text between </s><s>
    assert doc.timexes == []
    assert [e.eid for e in doc.events] == ["e21", "e22", "e18", "e19"]
    assert all(e.event_class is None for e in doc.events)


def test_read_te3input() -> None:
    doc = read_timeml(FIXTURES / "plain.tml.TE3input")
    assert doc.doc_id == "plain" and doc.dct == date(2013, 3, 22)
    assert doc.timexes == [] and doc.events == []
    assert doc.text.strip().startswith("The talks resumed on Monday")


def test_read_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(TimeMLError, match=r"broken\.tml: </EVENT> on line 6 does not match"):
        read_timeml(FIXTURES / "broken.tml")
    no_text = tmp_path / "no_text.tml"
    no_text.write_text("<TimeML><DOCID>x</DOCID></TimeML>", encoding="utf-8")
    with pytest.raises(TimeMLError, match=r"no_text\.tml: no <TEXT> element"):
        read_timeml(no_text)
    with pytest.raises(TimeMLError, match=r"missing\.tml"):
        read_timeml(tmp_path / "missing.tml")
    with pytest.raises(TimeMLError, match="is not closed"):
        read_timeml("<TimeML><TEXT>a <EVENT eid='e1'>b</TEXT></TimeML>")
    with pytest.raises(TimeMLError, match="unexpected '<'"):
        read_timeml("<TimeML><TEXT>a < b</TEXT></TimeML>")


def test_read_lenient_details() -> None:
    doc = read_timeml(
        "<TimeML><TEXT>a &nbsp;b &bogus; AT&T <![CDATA[<x> & y]]> <!-- c --> "
        "<TIMEX3 tid='t9' type='DATE' value='1999'/>z</TEXT></TimeML>"
    )
    assert doc.text == "a \xa0b &bogus; AT&T <x> & y  z"
    assert doc.dct is None and doc.doc_id == ""
    assert [(t.tid, t.start, t.end, t.text) for t in doc.timexes] == [("t9", 27, 27, "")]


def test_document_stem() -> None:
    assert document_stem("ABC19980108.1830.0711.tml") == "ABC19980108.1830.0711"
    assert document_stem("x.tml.TE3input") == "x"
    assert document_stem("x.TE3input") == "x"
    assert document_stem("notes.txt") == "notes.txt"


def _corpus_files(directory: Path) -> list[Path]:
    return sorted(directory.rglob("*.tml"))


def test_every_tbaq_offset(tbaq: TbaqCorpus) -> None:
    files = _corpus_files(tbaq.root)
    assert len(files) == tbaq.total_files
    timexes = 0
    problems: list[str] = []
    for path in files:
        doc = read_timeml(path)
        if doc.dct is None:
            problems.append(f"{path.name}: no DCT")
        items: list[GoldTimex | GoldEvent] = [*doc.timexes, *doc.events]
        for item in items:
            if doc.text[item.start : item.end] != item.text:
                problems.append(f"{path.name}: {item}")
        timexes += len(doc.timexes)
        assert "<" not in doc.text or "&lt;" in doc.raw
    assert problems == []
    assert timexes == sum(tbaq.timexes.values())


def test_every_trial_document(trial: TrialCorpus) -> None:
    files = _corpus_files(trial.documents)
    assert len(files) == trial.files
    for path in files:
        doc = read_timeml(path)
        assert doc.dct is not None, path.name
        assert doc.sentences, path.name
        items: list[GoldTimex | GoldEvent] = [*doc.timexes, *doc.events]
        for item in items:
            assert doc.text[item.start : item.end] == item.text, (path.name, item)
        for sentence in doc.sentences:
            assert 0 <= sentence.start <= sentence.end <= len(doc.text)


# --- writing -------------------------------------------------------------------------


def test_write_without_expressions_only_removes_gold_timexes() -> None:
    doc = read_timeml(FIXTURES / "small.tml")
    out = write_timeml(doc, [])
    assert out == strip_text_timexes(doc.raw)
    assert "<TIMEX3" not in text_part(out)
    assert '<DCT><TIMEX3 tid="t0"' in out  # the DCT stays
    other_tags = re.compile(r"<(?!/?TIMEX3)")
    assert len(other_tags.findall(out)) == len(other_tags.findall(doc.raw))
    assert out.count("TIMEX3") == 2 and doc.raw.count("TIMEX3") == 10
    assert read_timeml(out).text == doc.text


def test_write_inserts_our_tags_and_round_trips() -> None:
    doc = read_timeml(FIXTURES / "small.tml")
    text = doc.text
    ours = [
        at(text, "Wednesday", "1998-01-07"),
        at(text, "the fourth quarter of 1997", "1997-Q4"),
        at(text, "more than three years", "P3Y", type_=TimexType.DURATION, mod="MORE_THAN"),
        at(text, "5% <a lot>", 'odd"&<value'),
    ]
    out = write_timeml(doc, ours)
    assert strip_text_timexes(out) == strip_text_timexes(doc.raw)
    assert out[: doc.text_start] == doc.raw[: doc.text_start]
    assert out[out.index("</TEXT>") :] == doc.raw[doc.raw.index("</TEXT>") :]
    ET.fromstring(out)  # well-formed XML
    again = read_timeml(out)
    assert again.text == text
    assert [(t.tid, t.text, t.type, t.value, t.mod) for t in again.timexes] == [
        ("t1", "Wednesday", "DATE", "1998-01-07", None),
        ("t2", "5% <a lot>", "DATE", 'odd"&<value', None),
        ("t3", "the fourth quarter of 1997", "DATE", "1997-Q4", None),
        ("t4", "more than three years", "DURATION", "P3Y", "MORE_THAN"),
    ]
    assert '<TIMEX3 tid="t2" type="DATE" value="odd&quot;&amp;&lt;value">5% &lt;a lot&gt;' in out


def test_write_skips_the_dct_tid() -> None:
    raw = (
        '<TimeML><DCT><TIMEX3 tid="t1" type="DATE" value="2001-02-03" '
        'functionInDocument="CREATION_TIME">x</TIMEX3></DCT><TEXT>in 1999 and 2000</TEXT></TimeML>'
    )
    doc = read_timeml(raw)
    out = write_timeml(doc, [at(doc.text, "1999"), at(doc.text, "2000")])
    assert [t.tid for t in read_timeml(out).timexes] == ["t2", "t3"]


@pytest.mark.parametrize(
    ("phrase", "value", "expected"),
    [
        (
            "January or February",
            "1998-01/1998-02",
            [("January", "1998-01"), ("February", "1998-02")],
        ),
        ("1990-1991", "1990/1991", [("1990", "1990"), ("1991", "1991")]),
        ("1990 – 91", "1990/1991", [("1990", "1990"), ("91", "1991")]),
        ("between 2001 and 2003", "2001/2003", [("2001", "2001"), ("2003", "2003")]),
        (
            "Monday to Friday",
            "1998-01-05/1998-01-09",
            [("Monday", "1998-01-05"), ("Friday", "1998-01-09")],
        ),
        ("2025-02 or 2025-03", "2025-02/2025-03", [("2025-02", "2025-02"), ("2025-03", "2025-03")]),
        ("spring", "1998-SP/1998-SU", [("spring", "1998-SP")]),  # no joiner
        ("May to June to July", "1998-05/1998-07", [("May to June to July", "1998-05")]),
        ("1, 2 or 3 May", "1998-05-01/1998-05-02/1998-05-03", [("1, 2 or 3 May", "1998-05-01")]),
    ],
)
def test_split_alternatives_and_ranges(
    phrase: str, value: str, expected: list[tuple[str, str]]
) -> None:
    text = f"It was {phrase}."
    start = text.index(phrase)
    parts = split_expression(text, start, start + len(phrase), value)
    assert [(text[a:b], v) for a, b, v in parts] == expected


def test_write_splits_a_range_into_two_tags() -> None:
    doc = read_timeml(FIXTURES / "small.tml")
    out = write_timeml(doc, [at(doc.text, "January or February", "1998-01/1998-02")])
    assert (
        '<TIMEX3 tid="t1" type="DATE" value="1998-01">January</TIMEX3> or '
        '<TIMEX3 tid="t2" type="DATE" value="1998-02">February</TIMEX3>'
    ) in out


# nesting: one case per rule of write_timeml's docstring
SENT = read_timeml(FIXTURES / "sentences.tml")


def written(*phrases: str, doc: TimeMLDocument = SENT) -> str:
    out = write_timeml(doc, [at(doc.text, p) for p in phrases])
    ET.fromstring(out)
    assert strip_text_timexes(out) == strip_text_timexes(doc.raw)
    return text_part(out)


def test_nesting_whole_sentence_goes_inside_s() -> None:
    assert '<s id="1"><TIMEX3 tid="t1" type="DATE" value="1998">January 09 , 2008</TIMEX3></s>' in (
        written("January 09 , 2008")
    )


def test_nesting_span_inside_or_around_an_event() -> None:
    assert '<EVENT eid="e21"><TIMEX3 tid="t1" type="DATE" value="1998">chan</TIMEX3>ge</EVENT>' in (
        written("chan")
    )
    assert '<TIMEX3 tid="t1" type="DATE" value="1998">The <EVENT eid="e21">change</EVENT> will' in (
        written("The change will")
    )
    exact = written("change")
    assert '<EVENT eid="e21"><TIMEX3 tid="t1" type="DATE" value="1998">change</TIMEX3></EVENT>' in (
        exact
    )


def test_nesting_crossing_span_shrinks_to_its_longest_part() -> None:
    # "change will occur" starts inside EVENT e21 and ends outside: " will occur" is longer
    out = written("ange will occur")
    tag = '<TIMEX3 tid="t1" type="DATE" value="1998">'
    assert f'<EVENT eid="e21">change</EVENT> {tag}will occur</TIMEX3> within' in out
    # over a sentence end: "this morning ." | "Apple" -> the longer part before the boundary
    out = written("this morning .Apple")
    assert '<TIMEX3 tid="t1" type="DATE" value="1998">this morning .</TIMEX3></s>' in out


def test_nesting_adjacent_and_overlapping_spans() -> None:
    out = written("January 09", " , 2008")
    assert '<TIMEX3 tid="t1" type="DATE" value="1998">January 09</TIMEX3>' in out
    assert '<TIMEX3 tid="t2" type="DATE" value="1998"> , 2008</TIMEX3></s>' in out
    out = written("April 28 , 2003", "28 , 2003 and")  # the second overlaps: dropped
    assert out.count("<TIMEX3") == 1


def test_nesting_at_text_edges() -> None:
    doc = read_timeml("<TimeML><TEXT>1999<EVENT eid='e1'>x</EVENT>2000</TEXT></TimeML>")
    out = write_timeml(doc, [at(doc.text, "1999"), at(doc.text, "2000")])
    assert out == (
        '<TimeML><TEXT><TIMEX3 tid="t1" type="DATE" value="1998">1999</TIMEX3>'
        "<EVENT eid='e1'>x</EVENT>"
        '<TIMEX3 tid="t2" type="DATE" value="1998">2000</TIMEX3></TEXT></TimeML>'
    )


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 300), st.integers(1, 40)), max_size=8))
def test_any_spans_give_well_formed_output(spans: list[tuple[int, int]]) -> None:
    for doc in (SENT, read_timeml(FIXTURES / "small.tml")):
        n = len(doc.text)
        ours = [expr(doc.text, s % n, min(n, s % n + w)) for s, w in spans if s % n < n]
        ours = [e for e in ours if e.char_start < e.char_end]
        out = write_timeml(doc, ours)
        ET.fromstring(out)
        assert strip_text_timexes(out) == strip_text_timexes(doc.raw)
        got = read_timeml(out).timexes
        assert all(t.start < t.end for t in got)
        assert all(any(e.char_start <= t.start and t.end <= e.char_end for e in ours) for t in got)


def _tagger_output_round_trips(files: list[Path]) -> None:
    """The real tagger on every file: well-formed, TEXT unchanged but for TIMEX3."""
    from timeline.temporal import tag

    assert files
    for path in files:
        doc = read_timeml(path)
        out = write_timeml(doc, tag(doc.text, doc.dct))
        ET.fromstring(out.encode("utf-8"))
        assert strip_text_timexes(out) == strip_text_timexes(doc.raw), path.name
        again = read_timeml(out)
        assert again.text == doc.text
        for timex in again.timexes:
            assert timex.tid and timex.type in {"DATE", "TIME", "DURATION", "SET"}
            assert "/" not in timex.value or timex.text, path.name


def test_tagger_output_round_trips_on_every_tbaq_file(tbaq: TbaqCorpus) -> None:
    _tagger_output_round_trips(_corpus_files(tbaq.root))


def test_tagger_output_round_trips_on_every_trial_file(trial: TrialCorpus) -> None:
    _tagger_output_round_trips(_corpus_files(trial.documents))
