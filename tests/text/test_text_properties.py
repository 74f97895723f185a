"""Offset invariants on arbitrary text (hypothesis), for sentences, tokens and cleaning."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.ingest.clean import clean_text
from timeline.text import split_sentences, tokenize

# Biased towards the characters the rules care about, plus arbitrary Unicode.
NEWSY = st.lists(
    st.one_of(
        st.sampled_from(list("aAbBzZ.!?…”“\"'() \n\t\u00a0,-’‘0123456789")),
        st.sampled_from(["Mr.", "U.S.", " The ", "a.m.", "...", "\r\n", "No.", " etc.", "J."]),
        st.characters(),
    ),
    max_size=200,
).map("".join)
SETTINGS = settings(max_examples=300, deadline=None)


def _covered(text: str, spans: list[tuple[int, int]]) -> None:
    """Spans are ordered, disjoint, and everything outside them is whitespace."""
    position = 0
    for start, end in spans:
        assert position <= start < end <= len(text)
        assert text[position:start].strip() == ""
        position = end
    assert text[position:].strip() == ""


@SETTINGS
@given(NEWSY)
def test_sentence_offsets(text: str) -> None:
    sentences = split_sentences(text)
    for s in sentences:
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert "\n" not in s.text and "\r" not in s.text
    _covered(text, [(s.start, s.end) for s in sentences])


@SETTINGS
@given(NEWSY, st.integers(min_value=0, max_value=10_000))
def test_token_offsets(text: str, start: int) -> None:
    tokens = tokenize(text, start)
    for t in tokens:
        assert text[t.start - start : t.end - start] == t.text
        assert t.text and not any(c.isspace() for c in t.text)
    _covered(text, [(t.start - start, t.end - start) for t in tokens])


@SETTINGS
@given(NEWSY)
def test_tokens_within_sentences_use_document_offsets(text: str) -> None:
    for s in split_sentences(text):
        for t in tokenize(s.text, s.start):
            assert s.start <= t.start < t.end <= s.end
            assert text[t.start : t.end] == t.text


@SETTINGS
@given(NEWSY)
def test_clean_text_is_idempotent_and_only_drops_lines(text: str) -> None:
    cleaned = clean_text(text)
    assert clean_text(cleaned) == cleaned
    assert "\r" not in cleaned and "\n\n\n" not in cleaned
    assert cleaned == cleaned.strip("\n")
    originals = {line.rstrip().replace(" ", "") for line in text.splitlines()}
    for line in cleaned.split("\n"):
        assert line == line.rstrip()
        assert line == "" or line.replace(" ", "") in originals
