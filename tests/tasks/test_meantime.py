"""The MEANTIME reader: tokens detokenised into news prose, gold TIMEX3 on the right
characters, the date line kept out as the DCT, only the annotated sentences kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline.io.timeml import TimeMLError
from timeline.tasks.meantime import ANNOTATED_SENTENCES, read_meantime


def _document(tokens: list[tuple[int, str]], timexes: list[tuple[str, str, str, list[int]]]) -> str:
    """A MEANTIME document: tokens as (sentence, text), TIMEX3 as (function, type, value,
    token numbers)."""
    lines = ['<?xml version="1.0" ?><Document doc_id="7" doc_name="x" lang="en">']
    for i, (sentence, word) in enumerate(tokens, 1):
        lines.append(f'<token number="{i - 1}" sentence="{sentence}" t_id="{i}">{word}</token>')
    lines.append("<Markables>")
    for m_id, (function, type_, value, anchors) in enumerate(timexes, 1):
        lines.append(
            f'<TIMEX3 functionInDocument="{function}" m_id="{m_id}" type="{type_}" '
            f'value="{value}">'
            + "".join(f'<token_anchor t_id="{a}"/>' for a in anchors)
            + "</TIMEX3>"
        )
    lines.append('<TIMEX3 m_id="99" type="DATE" value="2005-06-07" functionInDocument="NONE"/>')
    lines.append("</Markables><Relations/></Document>")
    return "\n".join(lines)


SENTENCES = [
    (0, "Jobs"),
    (0, "speaks"),
    (1, "June"),
    (1, "6"),
    (1, ","),
    (1, "2005"),
    (2, "Apple"),
    (2, "'s"),
    (2, "CEO"),
    (2, "("),
    (2, "Jobs"),
    (2, ")"),
    (2, "said"),
    (2, "``"),
    (2, "on"),
    (2, "Monday"),
    (2, "''"),
    (2, "."),
    (3, "It"),
    (3, "cost"),
    (3, "$"),
    (3, "5"),
    (3, "last"),
    (3, "year"),
    (3, "."),
]


def test_reads_text_dct_and_gold(tmp_path: Path) -> None:
    path = tmp_path / "7_x.xml"
    path.write_text(
        _document(
            SENTENCES,
            [
                ("CREATION_TIME", "DATE", "2005-06-06", [3, 4, 5, 6]),
                ("NONE", "DATE", "2005-06-06", [16]),
                ("NONE", "DATE", "2004", [23, 24]),
            ],
        ),
        encoding="utf-8",
    )
    doc = read_meantime(path)
    assert doc.dct == date(2005, 6, 6)
    assert doc.text == 'Jobs speaks\n\nApple\'s CEO (Jobs) said "on Monday". It cost $5 last year.'
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("Monday", "DATE", "2005-06-06"),
        ("last year", "DATE", "2004"),
    ]


def test_sentences_after_the_annotated_ones_are_left_out(tmp_path: Path) -> None:
    late = [(ANNOTATED_SENTENCES, "Later"), (ANNOTATED_SENTENCES, "Tuesday")]
    path = tmp_path / "7_x.xml"
    path.write_text(
        _document(SENTENCES + late, [("CREATION_TIME", "DATE", "2005-06-06", [3, 4, 5, 6])]),
        encoding="utf-8",
    )
    assert "Tuesday" not in read_meantime(path).text


def test_no_creation_time_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "7_x.xml"
    path.write_text(_document(SENTENCES, []), encoding="utf-8")
    with pytest.raises(TimeMLError, match="no creation time"):
        read_meantime(path)


def test_apple_corpus(meantime_dir: Path) -> None:
    """The 30 WikiNews Apple articles: 81 scored TIMEX3, each on the text it annotates."""
    docs = [read_meantime(p) for p in sorted(meantime_dir.glob("*.xml"))]
    assert len(docs) == 30
    assert sum(len(d.timexes) for d in docs) == 81
    for doc in docs:
        assert doc.dct is not None
        for timex in doc.timexes:
            assert doc.text[timex.start : timex.end] == timex.text
            assert timex.text.strip() == timex.text and timex.text
