"""Year-level dating: gap tables, honest multi-year intervals, yearless datelines and the
batch era."""

from __future__ import annotations

from datetime import date

from timeline.analysis import TextAnalysis
from timeline.dating import date_document
from timeline.dating.corpus import date_corpus
from timeline.dating.years import year_log_score
from timeline.model import Document
from timeline.temporal.spec import Direction


def _doc(text: str, name: str = "doc.txt") -> Document:
    return Document(name=name, text=text)


def test_the_latest_past_year_bounds_and_earlier_ones_only_rule_out() -> None:
    # after the latest past year named: likely; before it: a tense error, unlikely
    assert (
        year_log_score(1988, 1989, Direction.PAST, dated=False, bound=True)
        > year_log_score(1988, 1987, Direction.PAST, dated=False, bound=True) + 0.9
    )
    # an older past year adds nothing once publication is after it
    assert year_log_score(1971, 1989, Direction.PAST, dated=False, bound=False) == 0.0
    assert year_log_score(1971, 1970, Direction.PAST, dated=False, bound=False) < -0.5
    # a full date with its year, said in the past, is last year's or this year's alike
    assert year_log_score(1988, 1989, Direction.PAST, dated=True, bound=True) == 0.0
    assert year_log_score(1988, 1988, Direction.PAST, dated=True, bound=True) > -0.5
    # undated references: only the latest one bounds, at the publication year mostly
    assert year_log_score(1988, 1988, Direction.NEAR, dated=False, bound=True) == 0.0
    assert year_log_score(1988, 1991, Direction.NEAR, dated=False, bound=True) < -2.0
    assert year_log_score(1971, 1988, Direction.NEAR, dated=False, bound=False) == 0.0
    # the earliest future year is most often next year
    assert year_log_score(1990, 1989, Direction.FUTURE, dated=False, bound=True) == 0.0
    assert year_log_score(1990, 1990, Direction.FUTURE, dated=False, bound=True) < -0.3


def test_one_past_year_alone_leaves_an_honest_range_of_years() -> None:
    text = "The company was founded in 1988 and sold its first plant in 1988."
    published = date_document(_doc(text), TextAnalysis(text))
    assert published is not None
    assert published.interval.start <= date(1989, 1, 1)
    assert published.interval.end >= date(1991, 1, 1)  # not pinned to one guessed year
    assert published.confidence < 0.2


def test_past_and_future_years_together_settle_the_year() -> None:
    text = (
        "Sales rose 8% in 1988, the company said on Tuesday. It expects to open two "
        "plants in 1990 and will report results in October."
    )
    published = date_document(_doc(text), TextAnalysis(text))
    assert published is not None and published.point.year == 1989


def test_a_yearless_dateline_and_its_lead_weekday_pin_the_year() -> None:
    # 8 August fell on a Saturday in 1998 (and 1992, 2009, 2015): the text's 1996 and
    # 1997 references leave 1998 as the year a reader would infer
    text = (
        "NICOSIA, August 8 (Xinhua) --\n\nThe Cypriot government Saturday strongly "
        "condemned the bomb attacks of Friday. Talks began in 1996 and failed in 1997."
    )
    published = date_document(_doc(text), TextAnalysis(text))
    assert published is not None
    assert published.point == date(1998, 8, 8)
    assert published.interval.contains(date(1998, 8, 8))
    assert any(e.source == "dateline-weekday" for e in published.evidence)
    # alone, the years a 1997 story may still be told in keep a share (2009, 2015 fit the
    # dateline too); a batch of such wires settles it
    sister = "NICOSIA, August 8 (Xinhua) --\n\nCyprus said Saturday that talks of 1997 failed."
    dates = date_corpus(
        [_doc(text, "a.txt"), _doc(sister, "b.txt")],
        [TextAnalysis(text), TextAnalysis(sister)],
    )
    assert all(d is not None and d.point == date(1998, 8, 8) for d in dates)


def test_a_yearless_dateline_without_weekday_gives_day_and_month_only() -> None:
    text = "WASHINGTON, June 3 (Reuters) - The senator said talks would resume."
    published = date_document(_doc(text), TextAnalysis(text))
    assert published is None  # no year anywhere: nothing honest to say on its own


def test_a_text_nothing_dates_takes_the_era_of_its_batch() -> None:
    texts = [
        "Profits fell in 1988 and the bank expects a recovery in 1990.",
        "The airline lost money in 1988; analysts expect a profit in 1990.",
        "The weather was fine and the crowd was happy.",
    ]
    documents = [_doc(t, name=f"{k}.txt") for k, t in enumerate(texts)]
    dates = date_corpus(documents, [TextAnalysis(t) for t in texts])
    lonely = dates[2]
    assert lonely is not None
    assert lonely.interval.contains(date(1989, 6, 1))
    assert any(e.source == "batch-documents" for e in lonely.evidence)
