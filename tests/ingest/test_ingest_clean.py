"""clean_text on seed-like snippets: noise lines go, real content stays byte-identical."""

from __future__ import annotations

import pytest

from timeline.ingest.clean import NOISE_RULES, clean_text, is_noise, repair_glued_sentences

NOISE = [
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    "Skip to main content",
    "Read also: Trump says Putin is ready to end Ukraine war",
    "Read also:\u00a0Russia hopes for improving ties with U.S. after Putin-Trump Alaska summit",
    "Read also:Trump issues 12-day deadline to end Ukraine war, warns of sanctions on Russia",
    "Read more:",
    "See also\u00a0 PTM, its historical context and key facts",
    "Related: Zelensky rejects land swap",
    "Subscribe to get the latest posts sent to your email.",
    "Discover more from Defence Talks | Defense News Military Pictures",
    "JOIN THE MOVEMENT",
    "Keep up to date with our latest videos, news and content",
    "Already a subscriber? Make sure to log into your account before viewing this content. "
    "You can access your account by hitting the “login” button on the top right corner.",
    "Source: Businessday",
    "0",
    "23",
    "1.2K",
    "Share this:",
    "Click to share on Facebook (Opens in new window)",
    "Advertisement",
    "ADVERTISEMENT",
    "We use cookies to improve your experience on our site.",
    "Accept all cookies",
]

CONTENT = [
    "Putin made these comments during a bilateral meeting with Slovakian Prime Minister "
    "Robert Fico in Beijing, China.",
    "Getting into it: During a high-profile meeting in Beijing, Putin drew a clear line.",
    "TRUMP-PUTIN SUMMIT?",
    "2019",  # a year heading in a timeline article, not a counter
    "23 people were killed in the strike.",
    "Readers also asked about the ceasefire.",
    "Sources said the talks would resume on Monday, according to two officials familiar "
    "with the plan who were not authorised to speak publicly.",
    "Subscribers to the agency's wire received the statement first.",
]


@pytest.mark.parametrize("line", NOISE)
def test_noise_line_is_dropped(line: str) -> None:
    assert is_noise(line)
    assert clean_text(f"Real first line.\n{line}\nReal last line.") == (
        "Real first line.\nReal last line."
    )


@pytest.mark.parametrize("line", CONTENT)
def test_content_line_is_kept_verbatim(line: str) -> None:
    assert not is_noise(line)
    assert clean_text(line) == line


def test_rules_are_data_grouped_by_family() -> None:
    families = {r.family for r in NOISE_RULES}
    assert {"comments", "cross-links", "newsletter", "paywall", "counters", "cookies"} <= families


def test_whitespace_normalisation() -> None:
    raw = "\r\n\r\nTitle  \r\n\r\n\r\n\r\nFirst paragraph.\t\r\n   \r\nSecond.\r\n\r\n"
    assert clean_text(raw) == "Title\n\nFirst paragraph.\n\nSecond."


def test_leading_whitespace_and_inner_characters_untouched() -> None:
    line = "  “Now we see this mutual understanding, it’s noticeable,” Putin said — 3.5%."
    assert clean_text(line) == line


def test_repeated_title_keeps_first_copy() -> None:
    title = "Putin says Russia ‘sincerely interested’ in ending war"
    raw = f"{title}\n\n{title}\n\n\n{title}\n\nBody."
    assert clean_text(raw) == f"{title}\n\nBody."


def test_duplicate_caption_dropped_but_non_adjacent_repeat_kept() -> None:
    caption = (
        "President Donald Trump and Vladimir Putin hold a press conference. Jeenah Moon/Reuters"
    )
    raw = f"{caption}\n{caption}\nBody one.\nBody two.\nBody one."
    assert clean_text(raw) == f"{caption}\nBody one.\nBody two.\nBody one."


def test_duplicates_separated_by_noise_collapse() -> None:
    assert clean_text("Title\n0\n23\nTitle\nBody.") == "Title\nBody."


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("following recent discussions.He made", "following recent discussions. He made"),
        ("national security.As for NATO", "national security. As for NATO"),
        ("“absolute nonsense.”He said", "“absolute nonsense.” He said"),
        ("called it “great”.Then", "called it “great”. Then"),
    ],
)
def test_glued_sentences_repaired(raw: str, fixed: str) -> None:
    assert repair_glued_sentences(raw) == fixed
    assert clean_text(raw) == fixed


@pytest.mark.parametrize(
    "text",
    [
        "the U.S. and U.K. agreed",
        "the U.S.A is big",
        "U.S.Army",
        "growth of 3.5 percent",
        "e.g.Foo",
        "a.m.Eastern",
        "see https://example.com/News.Today for more",
        "write to press.Office@example.org",
        "visit www.Example.com",
        "the W.H.O. said",
        "He said.a lowercase follows",
        "shares rose.I think",  # a one-letter capital word is not a sentence start signal
    ],
)
def test_glue_repair_leaves_abbreviations_decimals_and_urls(text: str) -> None:
    assert repair_glued_sentences(text) == text
