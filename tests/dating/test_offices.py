"""Office holders named with their title date a text to the holder's terms."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources

import pytest

from timeline.dating.offices import OfficeMention, find_office_holders, office_holders


def _one(text: str) -> OfficeMention:
    found = find_office_holders(text)
    assert len(found) == 1, found
    return found[0]


def _years(mention: OfficeMention) -> list[tuple[int, int | None]]:
    return [(s.year, None if e is None else e.year) for s, e in mention.terms]


@pytest.mark.parametrize(
    ("text", "person", "span"),
    [
        (
            "President Clinton told reporters on Tuesday that talks would go on.",
            "Bill Clinton",
            "President Clinton",
        ),
        (
            "U.S. President Bill Clinton arrived in Moscow late on Friday.",
            "Bill Clinton",
            "U.S. President Bill Clinton",
        ),
        (
            "Aides to Russian President Boris Yeltsin denied the report.",
            "Boris Yeltsin",
            "Russian President Boris Yeltsin",
        ),
        (
            "Israeli Prime Minister Netanyahu met settler leaders overnight.",
            "Benjamin Netanyahu",
            "Israeli Prime Minister Netanyahu",
        ),
        (
            "U.N. Secretary-General Kofi Annan urged both sides to show restraint.",
            "Kofi Annan",
            "U.N. Secretary-General Kofi Annan",
        ),
        (
            "Secretary of State Madeleine Albright flew on to Cairo.",
            "Madeleine Albright",
            "Secretary of State Madeleine Albright",
        ),
        (
            "Markets rallied after Fed Chairman Alan Greenspan spoke to Congress.",
            "Alan Greenspan",
            "Fed Chairman Alan Greenspan",
        ),
        (
            "Chancellor Helmut Kohl's coalition lost a state vote.",
            "Helmut Kohl",
            "Chancellor Helmut Kohl",
        ),
        (
            "Pope John Paul II celebrated Mass before a huge crowd.",
            "John Paul II",
            "Pope John Paul II",
        ),
        (
            "Cuban leader Fidel Castro spoke for four hours.",
            "Fidel Castro",
            "Cuban leader Fidel Castro",
        ),
        (
            "The letter from Soviet leader Mikhail Gorbachev was read aloud.",
            "Mikhail Gorbachev",
            "Soviet leader Mikhail Gorbachev",
        ),
        ("Vice President Gore will lead the delegation.", "Al Gore", "Vice President Gore"),
        (
            "Defense Secretary William Cohen visited the base.",
            "William Cohen",
            "Defense Secretary William Cohen",
        ),
        (
            "Treasury Secretary Robert Rubin warned of risks.",
            "Robert Rubin",
            "Treasury Secretary Robert Rubin",
        ),
        (
            "Attorney General Janet Reno ordered an inquiry.",
            "Janet Reno",
            "Attorney General Janet Reno",
        ),
        (
            "House Speaker Newt Gingrich predicted a deal.",
            "Newt Gingrich",
            "House Speaker Newt Gingrich",
        ),
        (
            "Senate Majority Leader Trent Lott scheduled a vote.",
            "Trent Lott",
            "Senate Majority Leader Trent Lott",
        ),
        (
            "British Prime Minister Tony Blair backed the plan.",
            "Tony Blair",
            "British Prime Minister Tony Blair",
        ),
        ("Premier Zhu Rongji promised more reform.", "Zhu Rongji", "Premier Zhu Rongji"),
        (
            "Yugoslav President Slobodan Milosevic rejected the terms.",
            "Slobodan Milošević",
            "Yugoslav President Slobodan Milosevic",
        ),
        (
            "NATO Secretary-General Javier Solana said the alliance was ready.",
            "Javier Solana",
            "NATO Secretary-General Javier Solana",
        ),
    ],
)
def test_each_kind_of_title_finds_its_holder(text: str, person: str, span: str) -> None:
    mention = _one(text)
    assert mention.person == person
    assert mention.text == span
    assert text[mention.start : mention.end] == span
    assert not mention.elect


def test_clinton_dates_to_his_two_terms() -> None:
    mention = _one("President Clinton signed the bill.")
    assert mention.office == "President of the United States"
    assert mention.terms == ((date(1993, 1, 20), date(2001, 1, 20)),)


def test_netanyahu_has_three_terms_the_last_still_open() -> None:
    mention = _one("Prime Minister Benjamin Netanyahu addressed the Knesset.")
    assert mention.terms == (
        (date(1996, 6, 18), date(1999, 7, 6)),
        (date(2009, 3, 31), date(2021, 6, 13)),
        (date(2022, 12, 29), None),
    )


def test_president_bush_is_either_bush() -> None:
    mention = _one("President Bush said the troops would come home.")
    assert mention.person == "George H. W. Bush / George W. Bush"
    assert _years(mention) == [(1989, 1993), (2001, 2009)]
    assert _years(_one("President George Bush spoke.")) == [(1989, 1993), (2001, 2009)]
    only_w = _one("President George W. Bush spoke.")
    assert only_w.person == "George W. Bush"
    assert _years(only_w) == [(2001, 2009)]
    only_hw = _one("President George H.W. Bush spoke.")
    assert only_hw.person == "George H. W. Bush"


def test_fico_and_his_three_terms() -> None:
    assert _years(_one("Slovak Prime Minister Robert Fico resigned.")) == [
        (2006, 2010),
        (2012, 2018),
        (2023, None),
    ]


def test_one_person_in_two_offices_is_told_apart_by_the_title() -> None:
    prime = _one("Prime Minister Vladimir Putin visited the region.")
    assert prime.office == "Prime Minister of Russia"
    assert prime.terms == (
        (date(1999, 8, 9), date(2000, 5, 7)),
        (date(2008, 5, 8), date(2012, 5, 7)),
    )
    president = _one("President Putin visited the region.")
    assert president.office == "President of Russia"
    assert _years(president) == [(1999, 2008), (2012, None)]
    # the same for two people sharing a surname: Johnson the president, Johnson the PM
    assert _one("President Johnson spoke.").person == "Lyndon B. Johnson"
    assert _one("Prime Minister Johnson spoke.").person == "Boris Johnson"


@pytest.mark.parametrize(
    "text",
    [
        "former President Carter will monitor the election.",
        "Former Soviet leader Mikhail Gorbachev criticised the plan.",
        "ex-President Clinton gave a speech.",
        "the late President Kennedy was remembered.",
        "then-President Reagan vetoed it.",
        "then President Reagan vetoed it.",
        "onetime Prime Minister Thatcher wrote a book.",
        "Deputy Prime Minister Putin",  # not an office he held: no match either way
        "Vice Premier Li spoke.",
        "Mr. Clinton said he would not comment.",
        "Clinton said he would not comment.",
        "the Chancellor Gordon Brown budget",  # UK chancellor, not a German one
        "She became Prime Minister May 5.",
        "House Majority Leader Johnson",
    ],
)
def test_past_other_or_missing_titles_are_not_matched(text: str) -> None:
    assert find_office_holders(text) == []


def test_president_elect_is_dated_before_the_term() -> None:
    mention = _one("President-elect Clinton named his economic team.")
    assert mention.elect
    assert mention.person == "Bill Clinton"
    ((start, end),) = mention.terms
    assert end == date(1993, 1, 20)
    assert date(1992, 10, 25) <= start <= date(1992, 11, 15)


def test_a_new_title_dates_the_start_of_a_term() -> None:
    pope = _one("The new Pope Francis greeted the crowd in St Peter's Square.")
    assert pope.new and pope.person == "Francis"
    ((start, end),) = pope.terms
    assert start < date(2013, 3, 13) < end <= date(2014, 3, 14)
    lee = _one("Newly elected President Lee Jae-myung named his cabinet.")
    assert lee.new and lee.terms[0][0] < date(2025, 6, 4) < lee.terms[0][1]
    assert _one("the new pope, Leo XIV, said").person == "Leo XIV"
    incoming = _one("Aides to the incoming Chancellor Friedrich Merz said")
    assert incoming.elect and not incoming.new
    assert incoming.terms[0][1] == date(2025, 5, 6)
    plain = _one("German Chancellor Friedrich Merz said")
    assert not plain.new and plain.terms == ((date(2025, 5, 6), None),)


def test_administration_and_white_house_name_a_us_president() -> None:
    found = find_office_holders(
        "The Clinton administration protested, and the Clinton White House said so."
    )
    assert [m.text for m in found] == ["Clinton administration", "Clinton White House"]
    assert all(m.via == "administration" and m.person == "Bill Clinton" for m in found)
    trump = _one("Officials in the Trump administration declined to comment.")
    assert _years(trump) == [(2017, 2021), (2025, None)]
    # a prime minister has a government, not an administration
    assert find_office_holders("the Blair administration") == []


def test_appositions_and_lowercase_titles() -> None:
    mention = _one("Boris Yeltsin, the Russian president, said on Monday that...")
    assert mention.person == "Boris Yeltsin"
    assert mention.via == "apposition"
    assert _one("Talks with the president, Bill Clinton, went on.").person == "Bill Clinton"
    assert _one("said Benjamin Netanyahu, Israel's prime minister.").person == (
        "Benjamin Netanyahu"
    )
    assert find_office_holders("Boris Yeltsin, the former president, said") == []
    # a list is no apposition: Carter is not the president here, Reagan is
    found = find_office_holders("Carter, President Reagan and Ford met.")
    assert [m.person for m in found] == ["Ronald Reagan"]


def test_several_mentions_come_in_text_order() -> None:
    text = (
        "President Clinton and Russian President Boris Yeltsin met while "
        "Chancellor Helmut Kohl waited."
    )
    found = find_office_holders(text)
    assert [m.person for m in found] == ["Bill Clinton", "Boris Yeltsin", "Helmut Kohl"]
    assert [m.start for m in found] == sorted(m.start for m in found)


def test_a_megabyte_of_text_finds_every_holder() -> None:
    """Speed is measured in bench/; here only that a long text is read whole."""
    paragraph = (
        "President Clinton met Prime Minister Netanyahu on Tuesday, officials said. "
        "The talks in Washington covered security, trade and the future of the region, "
        "and Mr. Clinton said Bush and May 5 meetings would follow with Johnson. "
    )
    text = paragraph * (1_000_000 // len(paragraph))
    found = find_office_holders(text)
    assert len(found) == 2 * (1_000_000 // len(paragraph))


def test_the_table_is_consistent() -> None:
    raw = json.loads(
        resources.files("timeline.dating")
        .joinpath("data/office_holders.json")
        .read_text(encoding="utf-8")
    )
    seen: set[tuple[str, str]] = set()
    for office in raw["offices"]:
        assert office["office"] and office["titles"]
        for holder in office["holders"]:
            key = (holder["person"], office["office"])
            assert key not in seen, key
            seen.add(key)
            assert holder["names"] and holder["terms"], key
            previous_end = None
            for start, end in holder["terms"]:
                begun = date.fromisoformat(start)
                assert date(1900, 1, 1) < begun < date(2026, 12, 1), key
                if end is not None:
                    assert begun < date.fromisoformat(end) <= date(2026, 12, 1), key
                if previous_end is not None:
                    assert begun >= previous_end, key  # terms in order, not overlapping
                previous_end = date.fromisoformat(end) if end else date.max
    assert len(office_holders()) == len(seen)
    people = {h.person for h in office_holders()}
    assert {"Bill Clinton", "Vladimir Putin", "Robert Fico", "Viktor Orbán"} <= people
