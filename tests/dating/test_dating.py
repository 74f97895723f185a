"""Publication-date inference: metadata, datelines, content scoring and corpus links."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.analysis import TextAnalysis
from timeline.dating import CHECK_METADATA_ENV, date_document, from_metadata, parse_date_string
from timeline.dating.corpus import date_corpus
from timeline.model import Document, Granularity, Provenance


def dated(text: str, **meta: object) -> Document:
    document = Document(name=str(meta.pop("name", "doc.txt")), text=text, url=meta.pop("url", None))  # type: ignore[arg-type]
    document.metadata.update(meta)
    return document


def test_json_field_wins_and_is_parsed_in_any_format() -> None:
    doc = dated("Nothing dated here.", published="Tue, 2 Sep 2025 10:00:00 GMT")
    published = from_metadata(doc)
    assert published is not None
    assert (published.point, published.provenance) == (date(2025, 9, 2), Provenance.METADATA)
    assert published.evidence[0].source == "json:published"
    assert parse_date_string("2025-09-02T08:00:00Z") == date(2025, 9, 2)
    assert parse_date_string("not a date") is None


def test_html_meta_url_and_file_name() -> None:
    html = dated("x", html_meta={"article:published_time": "2024-03-05T10:00:00+00:00"})
    assert from_metadata(html).point == date(2024, 3, 5)  # type: ignore[union-attr]
    url = dated("x", url="https://example.org/news/2025/09/02/putin-fico")
    assert from_metadata(url).point == date(2025, 9, 2)  # type: ignore[union-attr]
    name = dated("x", name="AP_20130322.0123.txt")
    assert from_metadata(name).point == date(2013, 3, 22)  # type: ignore[union-attr]
    assert from_metadata(dated("x", name="000_f3d20d150a5d17f3.txt")) is None


def test_ignore_metadata_uses_the_content() -> None:
    text = "June 9, 2008\nApple today launched a 3G version of its iPhone."
    doc = dated(text, published="2001-01-01")
    assert date_document(doc, TextAnalysis(text)).point == date(2001, 1, 1)
    by_content = date_document(doc, TextAnalysis(text), ignore_metadata=True)
    assert by_content is not None and by_content.point == date(2008, 6, 9)
    assert by_content.evidence[0].source == "dateline"


def test_wire_dateline() -> None:
    text = "WASHINGTON, March 3, 1998 (Reuters) - The Senate voted on Tuesday to cut taxes."
    published = date_document(dated(text), TextAnalysis(text))
    assert published is not None and published.point == date(1998, 3, 3)


def test_holiday_on_a_weekday_pins_the_week() -> None:
    text = (
        "Fico, the only European leader scheduled to attend China's Victory Day parade on "
        "Wednesday, met Putin in Beijing on Tuesday. Tensions have run high since the 2022 "
        "invasion."
    )
    published = date_document(dated(text), TextAnalysis(text))
    assert published is not None
    assert published.interval.contains(date(2025, 9, 2))
    assert published.interval.days <= 7
    assert any(e.source == "weekday-coincidence" for e in published.evidence)


def test_past_and_future_explicit_dates_bound_the_estimate() -> None:
    text = (
        "The company reported record sales in 2023. It said on Monday it will open a plant in "
        "2025 and expects profits in March."
    )
    published = date_document(dated(text), TextAnalysis(text))
    assert published is not None and published.provenance is Provenance.CONTENT
    assert date(2023, 6, 1) <= published.point < date(2026, 1, 1)
    assert published.interval.start >= date(2023, 1, 1)


def test_undatable_text_has_no_date() -> None:
    text = "Officials said on Tuesday that talks would continue next week."
    assert date_document(dated(text), TextAnalysis(text)) is None


def test_corpus_carries_a_date_to_a_sister_story() -> None:
    a = dated(
        "Russian President Vladimir Putin met Slovak Prime Minister Robert Fico in Beijing on "
        "Tuesday. Fico is scheduled to attend China's Victory Day parade on Wednesday. Putin "
        "praised a mutual understanding with Washington since the 2022 invasion.",
        name="a.txt",
    )
    b = dated(
        "Vladimir Putin told Robert Fico in Beijing that Russia and Washington reached a mutual "
        "understanding. Fico praised Putin.",
        name="b.txt",
    )
    dates = date_corpus([a, b], [TextAnalysis(a.text), TextAnalysis(b.text)])
    assert dates[0] is not None and dates[0].interval.contains(date(2025, 9, 2))
    assert dates[1] is not None and dates[1].provenance is Provenance.CORPUS
    assert dates[1].interval.contains(date(2025, 9, 2))
    assert any(e.source == "same-story" for e in dates[1].evidence)


def test_a_pinned_date_is_kept_and_propagates() -> None:
    from timeline.model import Evidence, Interval, PublicationDate

    pinned = PublicationDate(
        Interval(date(2025, 8, 15), date(2025, 8, 16), Granularity.DAY),
        date(2025, 8, 15),
        1.0,
        Provenance.USER,
        (Evidence("user", "2025-08-15", "pinned"),),
    )
    a = dated("Donald Trump met Vladimir Putin in Alaska on Friday for a summit.", name="a.txt")
    a.published = pinned
    b = dated(
        "Donald Trump and Vladimir Putin held a summit in Alaska last month, officials "
        "said on Monday.",
        name="b.txt",
    )
    dates = date_corpus([a, b], [TextAnalysis(a.text), TextAnalysis(b.text)])
    assert dates[0] is pinned
    assert dates[1] is not None and dates[1].interval.start >= date(2025, 9, 1)
    assert dates[1].interval.end <= date(2025, 10, 8)


def test_bad_metadata_is_flagged_not_trusted() -> None:
    text = (
        "Fico, the only European leader scheduled to attend China's Victory Day parade on "
        "Wednesday, met Putin in Beijing on Tuesday. Tensions have run high since the 2022 "
        "invasion."
    )
    unparsable = date_document(dated(text, published="not a date"), TextAnalysis(text))
    assert unparsable is not None and unparsable.provenance is Provenance.CONTENT
    assert any(e.implies == "not a date: ignored" for e in unparsable.evidence)
    future = date_document(dated(text, published="2999-01-01"), TextAnalysis(text))
    assert future is not None and future.interval.contains(date(2025, 9, 2))
    assert any(e.source == "metadata-future" for e in future.evidence)
    conflicting = date_document(
        dated(text, published="2019-05-01"), TextAnalysis(text), check_metadata=True
    )
    assert conflicting is not None and conflicting.point == date(2019, 5, 1)
    assert conflicting.confidence <= 0.5
    assert any(e.source == "metadata-conflict" for e in conflicting.evidence)
    agreeing = date_document(
        dated(text, published="2025-09-02"), TextAnalysis(text), check_metadata=True
    )
    assert agreeing is not None and agreeing.confidence > 0.9
    assert not any(e.source.startswith("metadata-") for e in agreeing.evidence)


CONFLICTING = (
    "Fico, the only European leader scheduled to attend China's Victory Day parade on "
    "Wednesday, met Putin in Beijing on Tuesday. Tensions have run high since the 2022 "
    "invasion."
)


def _no_content_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any content search fail the test: the text's own constraints and estimate."""

    def searched(*_: object, **__: object) -> object:
        raise AssertionError("the content was searched")

    monkeypatch.setattr("timeline.dating.all_constraints", searched)
    monkeypatch.setattr("timeline.dating.estimate", searched)
    monkeypatch.setattr("timeline.dating.corpus.era_constraints", searched)


def test_a_publishers_date_is_used_without_a_content_search(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(CHECK_METADATA_ENV, raising=False)
    _no_content_search(monkeypatch)
    document = dated(CONFLICTING, published="2019-05-01")
    alone = date_document(document, TextAnalysis(CONFLICTING))
    assert alone is not None and alone.point == date(2019, 5, 1)
    assert alone.provenance is Provenance.METADATA and alone.confidence > 0.9
    assert not any(e.source == "metadata-conflict" for e in alone.evidence)
    other = dated("The talks resumed on Monday, officials said.", published="2019-05-03")
    together = date_corpus(
        [document, other], [TextAnalysis(document.text), TextAnalysis(other.text)]
    )
    assert [d.point if d else None for d in together] == [date(2019, 5, 1), date(2019, 5, 3)]


def test_the_check_against_the_content_is_run_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CHECK_METADATA_ENV, "1")
    checked = date_document(dated(CONFLICTING, published="2019-05-01"), TextAnalysis(CONFLICTING))
    assert checked is not None and checked.confidence <= 0.5
    assert any(e.source == "metadata-conflict" for e in checked.evidence)
    _no_content_search(monkeypatch)
    with pytest.raises(AssertionError, match="content was searched"):
        date_document(dated(CONFLICTING, published="2019-05-01"), TextAnalysis(CONFLICTING))


def test_a_future_publishers_date_is_still_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CHECK_METADATA_ENV, raising=False)
    future = date_document(dated(CONFLICTING, published="2999-01-01"), TextAnalysis(CONFLICTING))
    assert future is not None and future.provenance is not Provenance.METADATA
    assert any(e.source == "metadata-future" for e in future.evidence)


def test_a_contract_horizon_is_no_earliest_future_year() -> None:
    text = (
        "The company will redeem on Nov. 16 its debentures due March 1, 2011. "
        "Its profit rose 12% in 1988, it said."
    )
    published = date_document(dated(text), TextAnalysis(text), ignore_metadata=True)
    assert published is not None
    assert 1988 <= published.point.year <= 1991, published


def test_a_goal_set_by_a_year_lies_ahead_whatever_the_verb() -> None:
    text = (
        "The thrift said it intended to sell all its junk bonds by 1994, as the law "
        "requires. It lost money in 1988."
    )
    published = date_document(dated(text), TextAnalysis(text), ignore_metadata=True)
    assert published is not None
    assert 1988 <= published.point.year <= 1992, published


def test_a_title_before_its_holder_dates_the_text_to_the_term() -> None:
    text = "President Clinton said on Tuesday that the talks with the rebels would resume."
    published = date_document(dated(text), TextAnalysis(text), ignore_metadata=True)
    assert published is not None
    # the term, widened to whole years
    assert date(1993, 1, 1) <= published.interval.start
    assert published.interval.end <= date(2002, 1, 1)
    assert date(1993, 1, 20) <= published.point <= date(2001, 3, 21)
    assert any(e.source == "office-holder" for e in published.evidence)


def test_a_title_in_a_sentence_about_another_year_is_history() -> None:
    text = (
        "In 1962, President Kennedy faced down Moscow over Cuba. "
        "The museum said on Tuesday that visits rose in 1988."
    )
    published = date_document(dated(text), TextAnalysis(text), ignore_metadata=True)
    assert published is not None
    assert not any(e.source == "office-holder" for e in published.evidence)
    assert published.point.year >= 1988


def test_a_sister_story_pulls_hardest_to_its_own_days_and_fades_over_a_month() -> None:
    from timeline.dating.signals.same_story import near
    from timeline.model import Interval

    score = near(Interval(date(1998, 8, 7), date(1998, 8, 14), Granularity.WEEK), 3.0)
    assert score(date(1998, 8, 10)) == 3.0
    assert 1.0 < score(date(1998, 8, 28)) < 3.0  # a follow-up a fortnight later
    assert score(date(1998, 9, 30)) == 0.0


def test_taking_office_on_a_yearless_day_is_the_start_of_a_term() -> None:
    # Clinton took office on January 20 of 1993 and 1997; the day pins the year too
    text = (
        "President Bill Clinton, who took office on January 20, said on Friday that "
        "the budget talks would go on. Vice President Al Gore agreed."
    )
    published = date_document(dated(text), TextAnalysis(text), ignore_metadata=True)
    assert published is not None
    assert published.point.year in (1993, 1997), published
    assert any(e.source == "term-start" for e in published.evidence)


def test_a_yearless_date_with_its_weekday_leaves_few_years() -> None:
    text = "The cardinals elected the pope on Wednesday, March 13, after five ballots."
    published = date_document(dated(text), TextAnalysis(text))
    assert published is not None
    assert any(e.source == "weekday-date" for e in published.evidence)
    # 13 March fell on a Wednesday in 2002, 2013, 2019 and 2024 (and 1991, 1996...)
    assert date(published.point.year, 3, 13).isoweekday() == 3
    assert abs((published.point - date(published.point.year, 3, 13)).days) <= 45


def test_a_weekday_date_lies_on_the_side_its_tense_says() -> None:
    from timeline.dating.clues import DatingInput
    from timeline.dating.signals import weekday_date

    def fits(text: str, day: date) -> bool:
        (found,) = weekday_date.constraints(DatingInput(TextAnalysis(text)))
        return found.score(day) > 0

    # 13 March 2013 was a Wednesday
    past = "The cardinals elected the pope on Wednesday, March 13, after five ballots."
    future = "The cardinals will meet again on Wednesday, March 13, for a fifth ballot."
    assert fits(past, date(2013, 4, 20)) and not fits(past, date(2013, 2, 20))
    assert fits(future, date(2013, 2, 20)) and not fits(future, date(2013, 4, 20))
    assert fits(past, date(2013, 3, 10))  # a few days' slack for a misread tense


def test_a_line_heading_weekday_and_date_is_a_weekday_date() -> None:
    # a tour's dates, each heading its line: a yearless dateline by its place, but one
    # that names its own weekday, which leaves the years that day fell on it
    text = (
        "LIFT OFF TOUR\n\nTHURSDAY APRIL 2\nCOLOUR CLUB, MELBOURNE\n\n"
        "FRIDAY APRIL 17\nOAF GALLERY, SYDNEY\n"
    )
    published = date_document(dated(text), TextAnalysis(text))
    assert published is not None
    assert any(e.source == "weekday-date" for e in published.evidence)
    assert date(published.point.year, 4, 2).isoweekday() == 4


def test_a_round_number_of_years_since_a_named_year_dates_the_text() -> None:
    for text in (
        "Iraqis marked the 10th anniversary of the 2003 invasion on Wednesday.",
        "Ten years after the 2003 invasion, Baghdad is still divided.",
    ):
        published = date_document(dated(text), TextAnalysis(text))
        assert published is not None and published.point.year == 2013, text
        assert any(e.source == "anniversary" for e in published.evidence)
    # how long something lasted is not how long ago it began
    text = "Sales rose for three years after 2003."
    published = date_document(dated(text), TextAnalysis(text))
    assert published is None or not any(e.source == "anniversary" for e in published.evidence)
