"""Web pages' own dates: the element a template marks as the date, UTC stamps read on the
publisher's clock, the page's canonical address, and how much htmldate's guesses weigh."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from timeline.dating.bylines import find_bylines
from timeline.dating.signals.marked_date import marked_day
from timeline.dating.signals.metadata import read_metadata
from timeline.dating.signals.url import address_dates
from timeline.dating.signals.utc_clock import local_day, publisher_offset
from timeline.ingest.readers import read_html
from timeline.model import Document, Provenance


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("27.01.2022", date(2022, 1, 27)),
        ("Von Deutscher Tennis Bund 4.\u20092.\u20092022.", date(2022, 2, 4)),  # day first
        ("31. Oktober 2023.", date(2023, 10, 31)),
        ("Posted 3/4/2020 by Ann", date(2020, 3, 4)),  # an English line: month first
        ("Aktualisiert: 11.04.2020", None),  # an update is not the publication
        ("Updated June 13, 2019", None),
        ("Seite 2", None),
    ],
)
def test_a_marked_date_is_read_like_a_byline(text: str, day: date | None) -> None:
    assert marked_day(text, last_year=2030) == day


@pytest.mark.parametrize(
    ("stamp", "page", "day"),
    [
        # the page writes the publisher's zone elsewhere
        ("2023-11-09T02:11:03+00:00", ["2023-11-08T21:11:03-05:00"], date(2023, 11, 8)),
        # the same instant on the local clock, without a zone
        ("2023-11-09T05:30:59Z", ["2023-11-08 23:30:59"], date(2023, 11, 8)),
        # the zone known, the local day is the UTC one
        ("2023-11-08T23:16:45+00:00", ["2023-11-08T22:21:46-08:00"], date(2023, 11, 8)),
        # a day typed without a time, stored as midnight east of Greenwich
        ("2021-11-04T23:00Z", [], date(2021, 11, 5)),
        ("2023-10-30T12:00:00+00:00", [], None),  # noon: a default time of its own
        ("2023-10-10T23:25:44+00:00", [], None),  # no zone known
        ("2023-11-08T21:11:03-05:00", [], None),  # not a UTC stamp
    ],
)
def test_a_utc_stamp_is_read_on_the_publishers_clock(
    stamp: str, page: list[str], day: date | None
) -> None:
    assert local_day(stamp, publisher_offset([stamp, *page])) == day


def test_publisher_offset_needs_the_same_minutes_and_seconds() -> None:
    assert publisher_offset(["2023-11-09T01:49:09Z", "2023-11-08 17:49:09"]) == timedelta(hours=-8)
    assert publisher_offset(["2023-11-09T01:49:09Z", "2023-11-08 17:12:00"]) is None


def test_utc_stamps_vote_for_the_publishers_day() -> None:
    page = Document(
        "p.html",
        "",
        metadata={
            "html_meta": {
                "article:published_time": "2023-11-09T01:49:09+00:00",
                "time": "2023-11-08 17:49:09",
                "jsonld:datePublished": "2023-11-09T01:49:09Z",
            }
        },
    )
    published, _ = read_metadata(page)
    assert published is not None and published.point == date(2023, 11, 8)
    assert "publisher's day" in published.evidence[0].text


def test_the_canonical_address_votes_when_no_url_is_given() -> None:
    page = Document(
        "p.html",
        "",
        metadata={"canonical_url": "https://www.repubblica.it/esteri/2023/11/02/diretta/x/"},
    )
    assert address_dates(page) == [
        (
            "canonical-url",
            date(2023, 11, 2),
            "https://www.repubblica.it/esteri/2023/11/02/diretta/x/",
        )
    ]
    page.url = "https://example.org/2023/11/03/x/"  # a URL given replaces it
    assert [d for _, d, _ in address_dates(page)] == [date(2023, 11, 3)]


def test_htmldate_extensive_guess_weighs_less_than_a_byline() -> None:
    text = "Nachruf\n\n1. Februar 2022 , Daniel Dillenburg\n\nIm November 2021 starb er."
    bylines = find_bylines(text, last_year=2030)
    guessed = Document("p.html", text, metadata={"htmldate_extensive": "2022-01-21"})
    published, _ = read_metadata(guessed, bylines)
    assert published is not None and published.point == date(2022, 2, 1)
    assert published.provenance == Provenance.CONTENT  # the byline decided
    declared = Document("p.html", text, metadata={"htmldate": "2022-01-21"})
    published, _ = read_metadata(declared, bylines)
    assert published is not None and published.point == date(2022, 1, 21)
    assert published.evidence[0].source == "html:htmldate"


def test_html_reader_keeps_the_marked_date_and_the_articles_own_time() -> None:
    raw = (
        "<html><head><link rel='canonical' href='https://example.org/a/story'></head><body>"
        "<aside><time datetime='2020-01-01'>1 Jan</time></aside>"
        "<article><h1>Story</h1>"
        "<div class='related-news'><span class='date'>02.01.2020</span></div>"
        "<div class='att-publish-date'>Von Redaktion 4. 2. 2022.</div>"
        "<p>The story itself, long enough to be the article of the page.</p>"
        "<time datetime='2022-02-04T10:00:00+01:00'>10:00</time>"
        "</article></body></html>"
    )
    page = read_html("p.html", raw)
    hints = page.metadata["html_meta"]
    assert hints["time"] == "2022-02-04T10:00:00+01:00"  # not the sidebar's
    assert hints["marked"] == "Von Redaktion 4. 2. 2022."  # not the related story's
    assert page.metadata["canonical_url"] == "https://example.org/a/story"
    published, _ = read_metadata(page)
    assert published is not None and published.point == date(2022, 2, 4)


def test_a_marked_date_printed_in_the_article_votes_once() -> None:
    text = "Story\n\n26/10/2023\n\nThe text of the story, in a sentence or two."
    page = Document(
        "p.html",
        text,
        metadata={
            "html_meta": {
                "article:published_time": "2023-11-06T14:03:27+00:00",
                "datePublished": "November 6, 2023",
                "marked": "26/10/2023",
            }
        },
    )
    published, _ = read_metadata(page, find_bylines(text, last_year=2030))
    assert published is not None and published.point == date(2023, 11, 6)
    # without the byline's second vote for the same print, 26 October would win
    assert [e.source for e in published.evidence] == [
        "html:article:published_time",
        "html:datePublished",
        "html:marked",
    ]


def test_the_time_of_publication_is_not_the_time_of_an_update() -> None:
    raw = (
        "<html><body><article><h1>Story</h1>"
        "<time class='updated' datetime='2021-03-14T20:10:00Z'>14 March</time>"
        "<time class='entry-date published' datetime='2021-03-08T11:15:00Z'>8 March</time>"
        "<p>The story itself, long enough to be the article of the page.</p>"
        "</article></body></html>"
    )
    assert read_html("p.html", raw).metadata["html_meta"]["time"] == "2021-03-08T11:15:00Z"
    only_update = raw.replace(" entry-date published", "").replace("class=''", "")
    # without a published one, the article's first that is not an update
    assert read_html("p.html", only_update).metadata["html_meta"]["time"] == (
        "2021-03-08T11:15:00Z"
    )
