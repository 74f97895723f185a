"""tokenize: words, numbers, hyphenated words, punctuation, with exact offsets."""

from __future__ import annotations

from timeline.text import Token, split_sentences, tokenize


def words(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


def test_words_numbers_and_punctuation() -> None:
    assert words("Putin met Fico, 1,000 troops and 3.5% growth (G20)!") == [
        "Putin", "met", "Fico", ",", "1,000", "troops", "and", "3.5", "%", "growth",
        "(", "G20", ")", "!",
    ]  # fmt: skip


def test_hyphenated_apostrophes_abbreviations_and_times() -> None:
    assert words("De-escalate Russia’s 12-day post-war plan at 10:30 a.m. in the U.S.") == [
        "De-escalate", "Russia’s", "12-day", "post-war", "plan", "at", "10:30", "a.m.",
        "in", "the", "U.S.",
    ]  # fmt: skip


def test_quotes_and_dashes_are_separate() -> None:
    assert words("“great progress” — don't") == ["“", "great", "progress", "”", "—", "don't"]


def test_sentence_end_period_is_a_token() -> None:
    assert words("It ended in 2022.") == ["It", "ended", "in", "2022", "."]


def test_offsets_exact_and_shifted_by_start() -> None:
    text = "Talks end. Putin met Fico in Beijing."
    [_, second] = split_sentences(text)
    tokens = tokenize(second.text, second.start)
    assert tokens[0] == Token(11, 16, "Putin")
    for token in tokens:
        assert text[token.start : token.end] == token.text


def test_unicode_letters() -> None:
    assert words("Zelenskyy in Kyjiw, Kraków und Москва.") == [
        "Zelenskyy", "in", "Kyjiw", ",", "Kraków", "und", "Москва", ".",
    ]  # fmt: skip
