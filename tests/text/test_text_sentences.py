"""split_sentences: news-aware boundaries with exact offsets."""

from __future__ import annotations

import pytest

from timeline.text import split_sentences


def texts(text: str) -> list[str]:
    sentences = split_sentences(text)
    for s in sentences:
        assert text[s.start : s.end] == s.text
    return [s.text for s in sentences]


def test_offsets_are_exact_and_stripped() -> None:
    text = "  Putin met Fico.  Talks went well!\n\n\tTrump said so?  "
    sentences = split_sentences(text)
    assert [(s.start, s.end, s.text) for s in sentences] == [
        (2, 17, "Putin met Fico."),
        (19, 35, "Talks went well!"),
        (38, 52, "Trump said so?"),
    ]


def test_line_breaks_always_end_a_sentence() -> None:
    assert texts("Headline without period\nBody starts here. And ends\nthere") == [
        "Headline without period",
        "Body starts here.",
        "And ends",
        "there",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sen. Bernie Sanders met Gen. Mark Milley and Gov. Smith.",
            ["Sen. Bernie Sanders met Gen. Mark Milley and Gov. Smith."],
        ),
        (
            "Mr. and Mrs. Smith met Dr. Jones, Rep. Lee and Lt. Col. Vindman.",
            ["Mr. and Mrs. Smith met Dr. Jones, Rep. Lee and Lt. Col. Vindman."],
        ),
        ("They visited St. Petersburg with Sr. and Jr. staff.", None),
        (
            "Acme Inc. Chairman spoke. Acme Corp. Board met. Acme Co. Ltd. Staff left.",
            [
                "Acme Inc. Chairman spoke.",
                "Acme Corp. Board met.",
                "Acme Co. Ltd. Staff left.",
            ],
        ),
        ("U.S. officials met U.K. and U.N. envoys.", None),
        ("The talks began at 10 a.m. Eastern and ended at 4 p.m. Moscow time.", None),
        ("It happened on Jan. 20, Feb. 3, Aug. 15, Sept. 11, Oct. 7, Nov. 5 and Dec. 25.", None),
        ("He ranked No. 1 in the poll.", None),
        (
            "Russia vs. Ukraine, etc. Then e.g. Kyiv and i.e. Lviv.",
            [
                "Russia vs. Ukraine, etc.",
                "Then e.g. Kyiv and i.e. Lviv.",
            ],
        ),
        ("J. R. R. Tolkien met George W. Bush.", None),
        ("It grew 3.5 percent to 1,000.5 units.", None),
    ],
)
def test_abbreviations_do_not_split(text: str, expected: list[str] | None) -> None:
    assert texts(text) == (expected or [text])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks with the U.S. The meeting ended.", ["Talks with the U.S.", "The meeting ended."]),
        ("They arrived at 9 a.m. He left.", ["They arrived at 9 a.m.", "He left."]),
        ("He bought Acme Inc. It was cheap.", ["He bought Acme Inc.", "It was cheap."]),
        ("It had a Plan B. The rest failed.", ["It had a Plan B.", "The rest failed."]),
        (
            "Asked again, he said: No. The vote stands.",
            ["Asked again, he said: No.", "The vote stands."],
        ),
        (
            "They met in Washington, D.C. “We agree,” he said.",
            [
                "They met in Washington, D.C.",
                "“We agree,” he said.",
            ],
        ),
    ],
)
def test_abbreviations_that_end_a_sentence(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "“We are very happy about this,” Putin said. “It is good.” Then he left.",
            ["“We are very happy about this,” Putin said.", "“It is good.”", "Then he left."],
        ),
        (
            "He called it “absolute nonsense.” Others agreed.",
            ["He called it “absolute nonsense.”", "Others agreed."],
        ),
        ('He said "no." Then he left.', ['He said "no."', "Then he left."]),
        (
            "(He declined to comment.) The talks resume.",
            [
                "(He declined to comment.)",
                "The talks resume.",
            ],
        ),
        ("“Stop!” Trump said. “Why?” he asked.", ["“Stop!” Trump said.", "“Why?” he asked."]),
        ("Really? Yes! 2025 was the year.", ["Really?", "Yes!", "2025 was the year."]),
        ("He left. “We will win,” he said.", ["He left.", "“We will win,” he said."]),
    ],
)
def test_quotes_stay_with_their_sentence(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_ellipsis_before_lowercase_does_not_split() -> None:
    assert texts("This is another issue… and we know it. Next … one.") == [
        "This is another issue… and we know it.",
        "Next … one.",
    ]
    assert texts("Wait... what happened. Then... Nothing.") == [
        "Wait... what happened.",
        "Then...",
        "Nothing.",
    ]


def test_lowercase_after_period_does_not_split_except_case_damage() -> None:
    assert texts("Apples, pears, etc. and more. Approx. two.") == [
        "Apples, pears, etc. and more.",
        "Approx. two.",
    ]
    # seed 000 has lowercased names after a period: "...have rejected. ukraine has stated"
    assert texts("Its allies have rejected. ukraine has stated it will not cede land.") == [
        "Its allies have rejected.",
        "ukraine has stated it will not cede land.",
    ]


def test_decimals_and_glued_text_do_not_split() -> None:
    assert texts("Version 3.5 is out.It was late.") == ["Version 3.5 is out.It was late."]


def test_empty_and_whitespace() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\n\t \u00a0") == []


def test_long_text_is_linear_enough() -> None:
    paragraph = "Sen. Smith met Mr. Jones on Jan. 5 in the U.S. He said “yes.” Then… nothing. "
    text = (paragraph * 20 + "\n") * 250  # ~400 KB
    sentences = split_sentences(text)
    assert len(sentences) == 250 * 20 * 3
