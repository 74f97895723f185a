"""Named participants: find people, organisations and places, and give each one name.

News names the same participant many ways: "Russian President Vladimir Putin", "Putin",
and in scraped text even "putin".  We find capitalised name sequences, strip titles and
nationality words, then map every short or lower-cased mention to the fullest name the
document (or the corpus, through ``known``) uses for it, so that events can be compared by
participant within and across documents.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from timeline.events.data import load_json

_NAME_TOKEN = r"(?:[A-Z]\.(?:[A-Z]\.)+|[A-Z][\w’'-]*(?<![’'])(?![’'](?:ve|ll|re|d|m)\b))"
_CONNECTOR = r"(?:of|the|de|del|da|al|bin|von|van|der|for)"
_NAME_RE = re.compile(rf"(?<![\w’'.-]){_NAME_TOKEN}(?:[ \t]+(?:{_CONNECTOR}[ \t]+)?{_NAME_TOKEN})*")
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?:]\s+|\n\s*|[“\"]\s*)$")
_MIN_LOWER_NAME = 4
# "Fico met ...", "Putin said ...": a capitalised word opening a sentence and directly
# followed by a past-tense or reporting verb is a name, not a sentence-initial common word
_SUBJECT_OF_VERB_RE = re.compile(
    r"\s+(?:said|says|told|met|meets|visited|announced|added|warned|stated|signed|called|"
    r"urged|argued|insisted|claimed|denied|agreed|rejected|arrived|left|spoke|wrote|replied)\b"
)
_CONTRACTION_RE = re.compile(r"[’'](?:ve|ll|re|d|m|s)$")


@dataclass(frozen=True, slots=True)
class EntityMention:
    start: int
    end: int
    name: str  # canonical within the document


@cache
def _lexicon() -> tuple[frozenset[str], frozenset[str], frozenset[str], dict[str, str]]:
    data = load_json("entities.json")
    return (
        frozenset(data["titles"]),
        frozenset(data["demonyms"]),
        frozenset(data["stopwords"]),
        dict(data["aliases"]),
    )


@cache
def _temporal_words() -> frozenset[str]:
    from timeline.temporal.recognise import LEX

    return frozenset([*LEX["months"], *LEX["weekdays"], *LEX["seasons"]])


def _strip(tokens: list[str]) -> list[str]:
    """Drop leading titles, stopwords, demonyms and trailing possessives from a name."""
    titles, demonyms, stopwords, aliases = _lexicon()
    temporal = _temporal_words()

    def droppable(word: str) -> bool:
        w = word.casefold().rstrip(".")
        return (
            w in stopwords
            or w + "." in titles
            or w in titles
            or w in temporal
            or (w in demonyms and w not in aliases)
        )

    # titles: "Secretary of Defense Pete Hegseth" -> drop up to the last title word
    lowered = [t.casefold() for t in tokens]
    cut = next(
        (
            i
            for i in range(len(tokens) - 1, -1, -1)
            if any(" ".join(lowered[j : i + 1]) in titles for j in range(i + 1))
        ),
        None,
    )
    if cut is not None:
        tokens = tokens[cut + 1 :]
    while tokens and droppable(tokens[0]):
        tokens = tokens[1:]
    # a number word ending a name is part of it ("Air Force One", "Formula One"); one
    # opening it is not ("One Apple executive")
    while (
        tokens
        and droppable(tokens[-1])
        and not (len(tokens) > 1 and tokens[-1].casefold() in _NUMBER_WORDS)
    ):
        tokens = tokens[:-1]
    tokens = [re.sub(r"[’']s$", "", t) for t in tokens]
    if tokens and tokens[-1].endswith(".") and tokens[-1].casefold() not in aliases:
        tokens[-1] = tokens[-1].rstrip(".")
    return [t for t in tokens if t]


_NUMBER_WORDS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight"})
_POSSESSIVE_INSIDE_RE = re.compile(r"[’']s(?=\s+[A-Z])")
_LEADING_VERB_RE = re.compile(r"^[A-Z][a-z]+ing\s+(?:for|of|from|with|to|at|in|on)\s+")
_OPENING_QUOTES = '“‘"«'
_CLOSING_QUOTES = '”’"»'


def _pieces(match: re.Match[str]) -> Iterable[tuple[int, str]]:
    """A name match cut where a scraper or a possessive glued two names ("Al Jazeera’s
    Dorsa Jabbari" is the outlet and the reporter; "Speaking for Apple Corps" is a verb
    and the company)."""
    raw, base = match.group(), match.start()
    lead = _LEADING_VERB_RE.match(raw)
    if lead:
        raw, base = raw[lead.end() :], base + lead.end()
    at = 0
    for cut in _POSSESSIVE_INSIDE_RE.finditer(raw):
        yield base + at, raw[at : cut.start()]
        at = cut.end()
        while at < len(raw) and raw[at].isspace():
            at += 1
    yield base + at, raw[at:]


def _raw_mentions(text: str) -> Iterable[tuple[int, int, str]]:
    for m in _NAME_RE.finditer(text):
        for piece_start, piece in _pieces(m):
            tokens = piece.split()
            stripped = _strip(tokens)
            if not stripped or _CONTRACTION_RE.search(stripped[-1]):
                continue
            if all(t.isupper() and len(t) > 4 for t in stripped):
                continue  # a shouted headline ("TRUMP-PUTIN SUMMIT"), not a name
            name = " ".join(stripped)
            offset = piece.find(stripped[0])
            start = piece_start + max(0, offset)
            end = start + len(name)
            if _quoted_whole(text, start, end):
                continue  # a slogan or a title ("Alaska 2025", the book "War")
            yield start, end, name


def _quoted_whole(text: str, start: int, end: int) -> bool:
    """Whether a name is all there is between quotation marks: a title of a work, a
    slogan, a programme ("his 2024 book “War,”", "“Pursuing Peace”"), not a participant."""
    before = text[start - 1] if start > 0 else ""
    after = text[end : end + 2]
    return (
        before in _OPENING_QUOTES
        and bool(after)
        and (after[0] in _CLOSING_QUOTES or (after[0] in ",." and after[1:2] in _CLOSING_QUOTES))
    )


_TITLE_CASE_SHARE = 0.7
_TITLE_CASE_WORDS = 4


def _title_case_lines(text: str) -> list[tuple[int, int]]:
    """Spans of lines written in title case (headlines: "Putin Highlights “Mutual
    Understanding” with Trump Administration"), where capitals do not mark names."""
    spans = []
    at = 0
    for line in text.split("\n"):
        words = [w for w in re.findall(r"[^\W\d_]{4,}", line)]
        if len(words) >= _TITLE_CASE_WORDS:
            capitalised = sum(w[:1].isupper() for w in words)
            if capitalised / len(words) >= _TITLE_CASE_SHARE and not line.rstrip().endswith("."):
                spans.append((at, at + len(line)))
        at += len(line) + 1
    return spans


@lru_cache(maxsize=1 << 16)  # words: bounded, as a long-lived API process meets new ones
def _english_word(word: str) -> bool:
    """Whether a lower-case word is common English (seen in the trigger model's news
    lexicon): such a word in lower case is the word, not a name ("jobs", "cook")."""
    from timeline.events.triggers import lexicon_entry

    return lexicon_entry(word) is not None


def canonical(name: str) -> str:
    """Alias-resolved surface form ("U.S." -> "United States")."""
    return _lexicon()[3].get(name.casefold(), name)


def is_title(word: str) -> bool:
    """Whether ``word`` is a title ("president", "minister", "CEO"): a name right before
    one modifies it ("US president", "Apple CEO") rather than naming a participant."""
    w = word.casefold()
    return w in _lexicon()[0] or w + "." in _lexicon()[0]


@cache
def _seats() -> dict[str, str]:
    return dict(load_json("entities.json")["seats"])


def seat_country(name: str) -> str | None:
    """The country a seat of government stands for, when ``name`` is one ("Moscow",
    "the Kremlin" -> "Russia"; "Washington" -> "United States").  News uses the capital
    for the state ("Moscow insisting on holding all captured territories"), so two
    reports naming one and the other have that participant in common; None for any
    other name."""
    return _seats().get(name.casefold())


def find_entities(text: str, known: Iterable[str] = ()) -> list[EntityMention]:
    """Entity mentions of ``text`` with document-level canonical names.

    ``known`` are names seen elsewhere in the corpus: their lower-cased occurrences are
    found too ("putin" in a scraped sentence), and they win as canonical full forms.
    """
    _, _, stopwords, aliases = _lexicon()
    found: list[tuple[int, int, str]] = []
    mid_sentence: set[str] = set()
    for start, end, name in _raw_mentions(text):
        at_start = bool(_SENTENCE_START_RE.search(text[max(0, start - 3) : start]))
        if not at_start:
            mid_sentence.add(name.casefold())
        found.append((start, end, name))
    known_list = [k for k in known if k]
    known_folded = {k.casefold() for k in known_list}
    # in a title-case headline, a name is one only if the text names it elsewhere too
    headlines = _title_case_lines(text)
    if headlines:
        body = "".join(text[a:b] for a, b in _complement(headlines, len(text))).casefold()
        found = [
            (s, e, n)
            for s, e, n in found
            if not any(a <= s < b for a, b in headlines)
            or n.casefold() in body
            or n.casefold() in known_folded
        ]
    # a single capitalised word opening a sentence is a name only if it is one elsewhere
    name_words = {w for name in mid_sentence | known_folded for w in name.split()}
    kept = [
        (s, e, n)
        for s, e, n in found
        if " " in n
        or n.casefold() in name_words
        or n.casefold() in aliases
        or not _SENTENCE_START_RE.search(text[max(0, s - 3) : s])
        or _SUBJECT_OF_VERB_RE.match(text, e)
    ]
    # lower-cased (or shouted) occurrences of names capitalised elsewhere: the names
    # themselves, and the last names of known full names ("putin", "PUTIN" for
    # "Vladimir Putin") unless the last name is also an ordinary English word ("jobs")
    vocabulary = {n.casefold() for _, _, n in kept if len(n) >= _MIN_LOWER_NAME} | {
        k for k in known_folded if len(k) >= _MIN_LOWER_NAME
    }
    vocabulary |= {
        last
        for name in {n.casefold() for _, _, n in kept} | known_folded
        if " " in name
        and len(last := name.split()[-1]) >= _MIN_LOWER_NAME
        and not _english_word(last)
    }
    vocabulary -= stopwords
    covered = _Spans((s, e) for s, e, _ in kept)
    if vocabulary:
        for start, end in _vocabulary_matches(text, vocabulary):
            found_text = text[start:end]
            shouted = found_text.isupper() and " " not in found_text
            if (found_text.islower() or shouted) and not covered.overlaps(start, end):
                kept.append((start, end, found_text))
    kept = [_with_lowercased_head(text, m, known_folded | set(aliases)) for m in kept]
    kept.sort()
    return _canonicalise(kept, known_list)


def _complement(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    out, at = [], 0
    for a, b in spans:
        out.append((at, a))
        at = b
    out.append((at, length))
    return out


_PREVIOUS_WORD_RE = re.compile(r"([a-z][\w-]*)\s+$")


def _with_lowercased_head(
    text: str, mention: tuple[int, int, str], names: set[str]
) -> tuple[int, int, str]:
    """Scraped text lower-cases the first word of some names ("the european Union"):
    take it back in when the two words together are a known name."""
    start, end, name = mention
    m = _PREVIOUS_WORD_RE.search(text, max(0, start - 30), start)
    if m and f"{m.group(1)} {name}".casefold() in names:
        return m.start(1), end, text[m.start(1) : end]
    return mention


_TOKEN_RE = re.compile(r"[\w-]+")


def _vocabulary_matches(text: str, vocabulary: set[str]) -> list[tuple[int, int]]:
    """Spans of ``text`` that spell a vocabulary name (any case), longest first.

    A word n-gram lookup rather than one big alternation regex: a corpus brings thousands
    of known names, and compiling them into a pattern for every document cost more than
    everything else the pipeline does.
    """
    longest = max(v.count(" ") + 1 for v in vocabulary)
    tokens = list(_TOKEN_RE.finditer(text))
    folded = [t.group().casefold() for t in tokens]
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        for n in range(min(longest, len(tokens) - i), 0, -1):
            last = tokens[i + n - 1]
            if n > 1 and text[tokens[i].start() : last.end()].count(" ") != n - 1:
                continue  # names are matched with single spaces between their words
            if " ".join(folded[i : i + n]) in vocabulary:
                spans.append((tokens[i].start(), last.end()))
                i += n
                break
        else:
            i += 1
    return spans


def _canonicalise(mentions: list[tuple[int, int, str]], known: list[str]) -> list[EntityMention]:
    """Map each mention to the longest name (in the document or corpus) it abbreviates."""
    full_forms = sorted(
        {canonical(n) for _, _, n in mentions} | {canonical(k) for k in known},
        key=lambda n: (-len(n.split()), n),
    )
    by_folded: dict[str, str] = {}
    # the full forms by their last word, longest first: a mention can only abbreviate a
    # form ending like it, and a corpus brings thousands of forms to scan otherwise
    by_last: dict[str, list[tuple[list[str], str]]] = {}
    for form in full_forms:
        by_folded.setdefault(form.casefold(), form)
        form_tokens = form.casefold().split()
        if form_tokens:
            by_last.setdefault(form_tokens[-1], []).append((form_tokens, form))
    out: list[EntityMention] = []
    cache: dict[str, str] = {}
    for start, end, name in mentions:
        key = canonical(name).casefold()
        if key not in cache:
            cache[key] = _longest_form(key, by_last, by_folded)
        out.append(EntityMention(start, end, cache[key]))
    return out


def _longest_form(
    key: str, by_last: dict[str, list[tuple[list[str], str]]], by_folded: dict[str, str]
) -> str:
    tokens = key.split()
    for form_tokens, form in by_last.get(tokens[-1], []) if tokens else []:  # longest first
        if len(form_tokens) > len(tokens) and form_tokens[-len(tokens) :] == tokens:
            return form  # "putin" -> "Vladimir Putin"
    return by_folded.get(key, key.title() if key.islower() else key)


class _Spans:
    """Sorted, non-overlapping character spans, asked whether a span overlaps one."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._starts = [s for s, _ in self._spans]
        self._reach = list(itertools.accumulate((e for _, e in self._spans), max))

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self._starts, end)  # spans [0, i) start before ``end``
        return i > 0 and self._reach[i - 1] > start
