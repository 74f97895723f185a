"""World knowledge for dating: who held which office when.

A news story that says "President Clinton said" was written while Clinton was president;
reporters write the title of the office a person holds *now* and qualify a past one
("former President Carter").  So a title standing before a holder's name dates the text
to that holder's terms, give or take.  The table of holders lives in
``data/office_holders.json`` (its ``about`` key documents the schema).

Matching is deliberately narrow, because a false date hurts more than a missing one:

* the name alone is not enough ("Mr. Clinton", "Clinton said"): a title of one of the
  person's offices must stand directly before it ("U.S. President Bill Clinton"), or an
  apposition must follow ("Boris Yeltsin, the Russian president"), or, for U.S.
  presidents, "administration" / "White House" ("the Clinton administration");
* a qualifier that moves the title out of the present ("former", "ex-", "the late",
  "then-", "future", ...) or into another office ("Vice Premier", "Deputy Prime
  Minister", "House Majority Leader") rejects the mention;
* "-elect" / "-designate" after the title is kept, flagged ``elect``, and dated to the
  weeks before the term started; "the incoming" before it too;
* "new" / "newly elected" / "newly appointed" before the title ("the new Pope Leo
  XIV", "newly elected President Lee Jae-myung") is kept, flagged ``new``, and dated to
  the first year of a term;
* when the words fit several holders ("President Bush", "Prime Minister Sharif") one
  mention carries the union of their terms: the text only tells us it is one of them.

Whether the sentence speaks of the past ("in 1962, President Kennedy ...") is left to
the caller, who gets ``start``/``end`` to inspect the clause.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["OfficeHolder", "OfficeMention", "find_office_holders", "office_holders"]

Term = tuple[date, date | None]

#: How long before the start of a term "President-elect X" is typically written: U.S.
#: elections fall 2.5 months before the inauguration; most parliaments are quicker.
ELECT_LEAD = timedelta(days=80)
#: How long a holder is "new": news calls a holder new for months, rarely after a year
#: (and from an appointment announced a few weeks before the term).
NEW_FOR = timedelta(days=365)
NEW_BEFORE = timedelta(days=30)

_WINDOW = 90  # characters before a name searched for its title
_WORD = re.compile(r"[^\W\d_]+")
_LATER = re.compile(r"[\w\-]")  # a name must not run on into a longer word
_REJECT_BEFORE = re.compile(
    r"(?i)(?<![\w])(?:former|ex|the\s+late|late|then|onetime|one-time|future|would-be|"
    r"candidate|hopeful|nominee|deputy|vice|assistant|under|associate|shadow|house|"
    r"first\s+deputy|erstwhile|past|previous|chiefs|staff|committee|subcommittee|panel)[\s\-]*\Z"
)
# "the new pope", "newly elected President X", "the incoming chancellor": the start of a term
_NEW_BEFORE = re.compile(
    r"(?i)(?<![\w])(?P<new>new|newly[\s-]+(?:elected|appointed|installed|named|chosen|sworn[\s-]+in)"
    r"|freshly[\s-]+elected|recently[\s-]+(?:elected|appointed))[\s\-]*\Z"
)
_INCOMING_BEFORE = re.compile(r"(?i)(?<![\w])incoming[\s\-]*\Z")
_ADMINISTRATION = re.compile(r"(?:['’]s)?\s+(?:[Aa]dministration|White\s+House)\b")


@dataclass(frozen=True)
class OfficeHolder:
    """One person in one office, as read from the JSON table."""

    office: str
    person: str
    names: tuple[str, ...]
    terms: tuple[Term, ...]
    administration: bool = False


@dataclass(frozen=True)
class OfficeMention:
    """A title + name in the text that dates it to the terms of the office held.

    ``person`` and ``office`` join several holders with " / " when the words fit more
    than one ("George H. W. Bush / George W. Bush"); ``terms`` is then the union, merged
    and sorted.  ``end`` of a term is None while the holder was still in office in
    November 2026.  ``elect`` marks "President-elect X" (or "the incoming president"),
    whose terms are the weeks before each term began; ``new`` marks "the new pope X",
    whose terms are each term's first year.  ``via`` says how the office was recognised: "title",
    "apposition" or "administration".
    """

    text: str
    start: int
    end: int
    person: str
    office: str
    terms: tuple[Term, ...]
    elect: bool = False
    via: str = "title"
    new: bool = False


@dataclass(frozen=True)
class _Index:
    by_first_word: dict[str, tuple[str, ...]]  # first word -> names, longest first
    by_name: dict[str, tuple[OfficeHolder, ...]]
    title_offices: dict[str, frozenset[str]]  # lower-cased title -> offices
    country_offices: dict[str, frozenset[str]]  # lower-cased country word -> offices
    title_last_words: frozenset[str]
    before: re.Pattern[str]  # [country] title [-elect] at the end of a window
    after: re.Pattern[str]  # ", the [country] title" after a name


def _date(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


@cache
def _table() -> dict[str, Any]:
    """The JSON table, parsed once per process."""
    path = resources.files("timeline.dating").joinpath("data/office_holders.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@cache
def office_holders() -> tuple[OfficeHolder, ...]:
    """Every (person, office) record of the table, terms parsed to dates."""
    holders: list[OfficeHolder] = []
    for office in _table()["offices"]:
        for holder in office["holders"]:
            terms = tuple((date.fromisoformat(s), _date(e)) for s, e in holder["terms"])
            if "uncertain" in holder:
                # an end not checked against a source rules nothing out
                terms = (*terms[:-1], (terms[-1][0], None))
            holders.append(
                OfficeHolder(
                    office=office["office"],
                    person=holder["person"],
                    names=tuple(holder["names"]),
                    terms=terms,
                    administration=bool(office.get("administration", False)),
                )
            )
    return tuple(holders)


def _alternation(words: Iterable[str]) -> str:
    """Longest first, so the regex prefers "Vice President" to "President"."""
    parts = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        escaped = re.escape(word).replace(r"\ ", r"\s+")
        # all-capital abbreviations ("PM") only match in capitals: "3 pm" is no title
        parts.append(f"(?-i:{escaped})" if word.isupper() and len(word) <= 3 else escaped)
    return "|".join(parts)


@cache
def _index() -> _Index:
    """Lookup tables and the two title patterns, built once."""
    names: dict[str, list[OfficeHolder]] = {}
    for holder in office_holders():
        for name in holder.names:
            names.setdefault(name, []).append(holder)
    by_first: dict[str, list[str]] = {}
    for name in names:
        first = _WORD.match(name)
        if first is None:
            raise ValueError(f"office holder name without a leading word: {name!r}")
        by_first.setdefault(first.group(), []).append(name)
    titles: dict[str, set[str]] = {}
    countries: dict[str, set[str]] = {}
    for office in _table()["offices"]:
        for title in office["titles"]:
            titles.setdefault(_norm(title), set()).add(office["office"])
        for word in office["country_words"]:
            countries.setdefault(_norm(word), set()).add(office["office"])
    title_re = _alternation(t for o in _table()["offices"] for t in o["titles"])
    country_re = _alternation(w for o in _table()["offices"] for w in o["country_words"])
    before = re.compile(
        rf"(?i)(?<![\w.])(?:(?P<country>{country_re})\s+)?(?P<title>{title_re})"
        r"(?P<elect>-elect|-designate|\s+elect)?(?P<comma>,)?\s+\Z"
    )
    after = re.compile(
        rf"(?i),\s+(?:the\s+(?:(?P<country1>{country_re})\s+)?|(?P<country2>{country_re})\s+)"
        rf"(?P<title>{title_re})(?![\w\-])"
    )
    last_words = frozenset(_norm(t).split()[-1].split("-")[-1] for t in titles)
    return _Index(
        by_first_word={k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_first.items()},
        by_name={k: tuple(v) for k, v in names.items()},
        title_offices={k: frozenset(v) for k, v in titles.items()},
        country_offices={k: frozenset(v) for k, v in countries.items()},
        title_last_words=last_words,
        before=before,
        after=after,
    )


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _offices_for(index: _Index, title: str, country: str | None) -> frozenset[str]:
    """Offices a title (and the country word before it, if any) can name."""
    if country:
        # "Cuban leader" is a title of its own; "Israeli" + "Prime Minister" narrows one
        whole = index.title_offices.get(_norm(f"{country} {title}"))
        if whole is not None:
            return whole
        return index.title_offices.get(_norm(title), frozenset()) & index.country_offices.get(
            _norm(country), frozenset()
        )
    return index.title_offices.get(_norm(title), frozenset())


def _merge(terms: Iterable[Term]) -> tuple[Term, ...]:
    """Sorted union of terms; overlapping or touching terms become one."""
    merged: list[Term] = []
    for start, end in sorted(terms, key=lambda t: t[0]):
        if merged:
            last_start, last_end = merged[-1]
            if last_end is None or start <= last_end:
                if last_end is not None and (end is None or end > last_end):
                    merged[-1] = (last_start, end)
                continue
        merged.append((start, end))
    return tuple(merged)


def _mention(
    text: str,
    start: int,
    end: int,
    holders: list[OfficeHolder],
    *,
    elect: bool,
    via: str,
    new: bool = False,
) -> OfficeMention:
    people = list(dict.fromkeys(h.person for h in holders))
    offices = list(dict.fromkeys(h.office for h in holders))
    terms = [t for h in holders for t in h.terms]
    if new:
        # each term's first months: "the new pope" is not new for long
        terms = [(s - NEW_BEFORE, s + NEW_FOR) for s, _ in terms]
    elif elect:
        # before each term began: the weeks between election and taking office
        terms = [(s - ELECT_LEAD, s) for s, _ in terms]
    return OfficeMention(
        text=text[start:end],
        start=start,
        end=end,
        person=" / ".join(people),
        office=" / ".join(offices),
        terms=_merge(terms),
        elect=elect,
        via=via,
        new=new,
    )


@dataclass(frozen=True)
class _Title:
    start: int
    holders: list[OfficeHolder]
    elect: bool
    new: bool


def _title_before(
    index: _Index, text: str, start: int, holders: tuple[OfficeHolder, ...]
) -> _Title | None:
    """A title of one of the holders' offices right before ``start``, if any, with the
    qualifier that dates it to the start of a term ("new", "incoming")."""
    # cheap test first: the word before the name must end some title
    cut = start
    while cut > 0 and text[cut - 1].isspace():
        cut -= 1
    if cut == start:
        return None
    word_start = cut
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    last = text[word_start:cut].rstrip(",").lower().rsplit("-", 1)[-1]
    if last not in ("elect", "designate") and last not in index.title_last_words:
        return None
    offset = max(0, start - _WINDOW)
    window = text[offset:start]
    match = index.before.search(window)
    if match is None:
        return None
    before = window[: match.start()]
    if _REJECT_BEFORE.search(before):
        return None
    new = _NEW_BEFORE.search(before)
    incoming = _INCOMING_BEFORE.search(before)
    qualifier = new or incoming
    if qualifier is not None:
        before = before[: qualifier.start()]
    if match.group("comma") and not re.search(r"(?i)\bthe\s+\Z", before):
        return None  # "the president, Bill Clinton," yes; "the President, Clinton and" no
    offices = _offices_for(index, match.group("title"), match.group("country"))
    fitting = [h for h in holders if h.office in offices]
    if not fitting:
        return None
    return _Title(
        offset + (qualifier.start() if qualifier else match.start()),
        fitting,
        elect=match.group("elect") is not None or incoming is not None,
        new=new is not None,
    )


def find_office_holders(text: str) -> list[OfficeMention]:
    """Office holders named with their present title in ``text``, in text order.

    Each mention dates the text to the terms of the office (see the module docstring
    for what counts).  Names are case-sensitive; titles are not ("the president, Bill
    Clinton," works only as an apposition, see below).  Runs in linear time: each word
    is looked up by its first word in a dict, and title patterns are only tried on the
    short window before a known name.
    """
    index = _index()
    mentions: list[OfficeMention] = []
    resume = 0
    for word in _WORD.finditer(text):
        if word.start() < resume:
            continue
        candidates = index.by_first_word.get(word.group())
        if candidates is None:
            continue
        pos = word.start()
        if pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in "-'’"):
            continue
        for name in candidates:
            end = pos + len(name)
            if not text.startswith(name, pos):
                continue
            if end < len(text) and _LATER.match(text, end):
                continue
            break
        else:
            continue
        resume = end
        if re.match(r"\s+\d", text[end : end + 3]):
            continue  # "Prime Minister May 5": a date, not Theresa May
        holders = index.by_name[name]
        found = _title_before(index, text, pos, holders)
        if found is not None:
            mentions.append(
                _mention(
                    text,
                    found.start,
                    end,
                    found.holders,
                    elect=found.elect,
                    via="title",
                    new=found.new,
                )
            )
            continue
        apposition = index.after.match(text, end)
        if apposition is not None:
            country = apposition.group("country1") or apposition.group("country2")
            offices = _offices_for(index, apposition.group("title"), country)
            fitting = [h for h in holders if h.office in offices]
            if fitting:
                mentions.append(
                    _mention(text, pos, apposition.end(), fitting, elect=False, via="apposition")
                )
                resume = apposition.end()
                continue
        administration = _ADMINISTRATION.match(text, end)
        if administration is not None:
            fitting = [h for h in holders if h.administration]
            if fitting and not _REJECT_BEFORE.search(text[max(0, pos - 20) : pos]):
                mentions.append(
                    _mention(
                        text,
                        pos,
                        administration.end(),
                        fitting,
                        elect=False,
                        via="administration",
                    )
                )
                resume = administration.end()
    return mentions
