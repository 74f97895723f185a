"""Properties of the tagger on arbitrary input (hypothesis): it never raises, its spans
point into the text, its values are non-empty, its intervals are not empty, and the same
input always gives the same output."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.model import TemporalExpression
from timeline.temporal import analyse, tag

from .corpus import CORPUS

# Fragments the rules care about, mixed with arbitrary Unicode: dates that half match,
# numbers, quotes that never close, prepositions, abbreviations with full stops.
_FRAGMENTS = [
    "June 14",
    "14 June",
    "Sept.",
    "May",
    "March",
    "Monday",
    "Friday's",
    "last",
    "next",
    "the following week",
    "2024",
    "1990s",
    "'90s",
    "19th century",
    "3 p.m.",
    "14:30",
    "0800 GMT",
    "a.m.",
    "two years ago",
    "three-and-a-half-year",
    "every",
    "a year",
    "between",
    " and ",
    " or ",
    " to ",
    "-",
    "–",
    "Christmas",
    "Victory Day",
    "China",
    "early",
    "mid-",
    "the end of",
    "Q3",
    "H1",
    "the morning of",
    "$",
    "%",
    ",",
    ".",
    "\n",
    '"',
    "“",
    "'",
    "(",
    " ",
    "said",
    "will",
    "on",
    "in",
]
NEWSY = st.lists(
    st.one_of(st.sampled_from(_FRAGMENTS), st.characters(), st.text(max_size=5)), max_size=60
).map("".join)
DCTS = st.one_of(
    st.none(), st.dates(), st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))
)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(text: str, expressions: list[TemporalExpression]) -> None:
    position = 0
    for e in expressions:
        assert 0 <= e.char_start < e.char_end <= len(text)
        assert text[e.char_start : e.char_end] == e.text
        assert e.char_start >= position, "expressions overlap or are out of order"
        position = e.char_end
        assert e.value
        assert e.underspecified
        if e.interval is not None:
            assert e.interval.end > e.interval.start


@SETTINGS
@given(NEWSY, DCTS)
def test_tagging_newsy_text_never_raises(text: str, dct: date | None) -> None:
    _check(text, tag(text, dct))


@SETTINGS
@given(st.text(), DCTS)
def test_tagging_any_unicode_never_raises(text: str, dct: date | None) -> None:
    _check(text, tag(text, dct))


@settings(max_examples=100, deadline=None)
@given(NEWSY, st.dates())
def test_tagging_is_deterministic(text: str, dct: date) -> None:
    assert tag(text, dct) == tag(text, dct)
    assert analyse(text) == analyse(text)


@settings(max_examples=50, deadline=None)
@given(st.sampled_from([c.text for c in CORPUS]), st.dates())
def test_corpus_sentences_under_any_reference(text: str, dct: date) -> None:
    """Every corpus sentence resolves against any date, from year 1 to 9999."""
    _check(text, tag(text, dct))


def test_edge_inputs() -> None:
    for text in ("", " ", "\n\n", '"', "“unbalanced", "'90s'", "(June", "2024-", "-2024", "."):
        _check(text, tag(text, date(2025, 9, 2)))
        _check(text, tag(text, None))


def test_long_text_is_consistent() -> None:
    """A long article (about 60,000 characters) tagged whole finds what tagging its
    sentences one by one finds (its speed is measured in bench/tagger.py)."""
    sentences = [c.text for c in CORPUS if not c.xfail][:80]
    text = " ".join(sentences) * 3
    expressions = tag(text, date(2025, 9, 2))
    _check(text, expressions)
    one_by_one = sum(len(tag(s, date(2025, 9, 2))) for s in sentences) * 3
    assert len(expressions) == one_by_one
