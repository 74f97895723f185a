"""What kind of participant a name is: person, organisation, place or other.

An ordered tuple of named rules (``RULES``), each one general fact about names in news,
the first that applies giving the type; examples of every rule are in
``fixtures/events/participant_types.jsonl`` and a test runs them.  World knowledge comes
with its source: places are GeoNames' countries, US states, continents and cities of
100,000 people or more (``data/places.json``, built by ``scripts/build_places.py``); the
person titles are those the name finder strips ("President", "CEO", "spokesman":
``data/entities.json``).

A name's *context* is what the document says right before its mentions ("Russian
President Vladimir Putin", "Apple CEO Steve Jobs", "reporting from Moscow"): a title
makes a person.  The typing is measured on the judged happenings of
``fixtures/events/judged`` (``bench/entries.py``, column "types").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from timeline.events.data import load_json
from timeline.model import ParticipantType

__all__ = ["RULES", "TypeRule", "participant_type"]

_OUTLET_WORDS = frozenset(
    {
        "news",
        "post",
        "times",
        "journal",
        "herald",
        "tribune",
        "gazette",
        "press",
        "agency",
        "television",
        "tv",
        "radio",
        "reuters",
        "bloomberg",
        "tass",
        "ria",
        "axios",
        "bbc",
        "cnn",
        "nbc",
        "cbs",
        "abc",
        "xinhua",
        "afp",
        "guardian",
        "telegraph",
        "register",
        "technica",
        "wikinews",
        "jazeera",
    }
)
_ORGANISATION_WORDS = frozenset(
    {
        "inc",
        "inc.",
        "corp",
        "corp.",
        "corporation",
        "company",
        "co",
        "co.",
        "ltd",
        "ltd.",
        "llc",
        "plc",
        "group",
        "bank",
        "university",
        "college",
        "association",
        "council",
        "party",
        "court",
        "commission",
        "ministry",
        "department",
        "committee",
        "parliament",
        "congress",
        "senate",
        "kremlin",
        "pentagon",
        "union",
        "organization",
        "organisation",
        "institute",
        "foundation",
        "fund",
        "records",
        "studios",
        "motors",
        "airlines",
        "airways",
        "systems",
        "technologies",
        "corps",
        "capital",
        "partners",
        "holdings",
        "authority",
        "police",
        "army",
        "navy",
        "administration",
        "government",
        "federation",
        "alliance",
        "coalition",
        "board",
        "office",
        "service",
        "services",
        "label",
        "labs",
        "nations",
        "store",
        "stores",
    }
)
_PLACE_WORDS = frozenset(
    {
        "city",
        "county",
        "province",
        "state",
        "island",
        "islands",
        "river",
        "mountain",
        "mountains",
        "strait",
        "sea",
        "ocean",
        "bay",
        "valley",
        "street",
        "square",
        "airport",
        "base",
        "center",
        "centre",
        "theater",
        "theatre",
        "stadium",
        "hall",
        "palace",
        "region",
        "district",
    }
)
_ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9&]{1,5}$")
_PRODUCT_RE = re.compile(r"^(?:[A-Za-z]*[a-z][A-Z]\w*|\w*\d\w*)$")  # iPhone, MacBook, 3GS


@dataclass(frozen=True, slots=True)
class TypeRule:
    name: str
    applies: Callable[[str, str], ParticipantType | None]


@cache
def _places() -> frozenset[str]:
    data = load_json("places.json")
    return frozenset(
        n.casefold()
        for key in ("countries", "capitals", "regions", "continents", "cities")
        for n in data[key]
    )


@cache
def _titles() -> frozenset[str]:
    return frozenset(t.casefold().rstrip(".") for t in load_json("entities.json")["titles"])


def _words(name: str) -> list[str]:
    return [w.casefold().strip(".,’'") for w in name.split()]


def _news_outlet(name: str, context: str) -> ParticipantType | None:
    """ "Reuters", "NBC News", "the New York Post", "Al Jazeera", "TASS"."""
    words = _words(name)
    return ParticipantType.ORGANISATION if set(words) & _OUTLET_WORDS else None


def _titled_person(name: str, context: str) -> ParticipantType | None:
    """ "President Vladimir Putin", "Apple CEO Steve Jobs", "spokesman Dmitry Peskov": a
    person's title right before the name."""
    words = _words(name)
    before = _words(context)[-3:]
    titles = _titles()
    if any(w in titles for w in before) and len(words) <= 3:
        return ParticipantType.PERSON
    return None


def _organisation_word(name: str, context: str) -> ParticipantType | None:
    """ "Apple Inc.", "Apple Corps", "the High Court", "the European Commission", "NPD
    Group", "the Kremlin"."""
    words = _words(name)
    return ParticipantType.ORGANISATION if set(words) & _ORGANISATION_WORDS else None


def _known_place(name: str, context: str) -> ParticipantType | None:
    """ "Ukraine", "Beijing", "Alaska", "San Jose", "Osaka" (GeoNames)."""
    words = _words(name)
    return ParticipantType.PLACE if " ".join(words) in _places() else None


def _place_word(name: str, context: str) -> ParticipantType | None:
    """ "Joint Base Elmendorf-Richardson", "the California Theater", "Bering Strait"."""
    words = _words(name)
    return ParticipantType.PLACE if set(words[1:]) & _PLACE_WORDS else None


def _product(name: str, context: str) -> ParticipantType | None:
    """ "iPhone 4", "iTunes", "MacBook Pro", "Air Force One": products, services and
    vehicles are named with lowercase-initial capitals or numbers."""
    words = _words(name)
    if any(_PRODUCT_RE.match(w) for w in name.split()) or (len(words) > 1 and words[-1] == "one"):
        return ParticipantType.OTHER
    return None


def _person_shape(name: str, context: str) -> ParticipantType | None:
    """ "Robert Fico", "Neil Aspinall", "Dorsa Jabbari": two or three capitalised words,
    none of them a word of organisations or places, is a person's name."""
    words = _words(name)
    if 2 <= len(words) <= 3 and all(w.replace("-", "").isalpha() for w in words):
        return ParticipantType.PERSON
    return None


def _single_name(name: str, context: str) -> ParticipantType | None:
    """ "Apple", "Cisco", "Disney": a single unknown name in news is most often a company
    or an institution (people are named in full at least once)."""
    words = _words(name)
    return ParticipantType.ORGANISATION if len(words) == 1 else None


RULES: tuple[TypeRule, ...] = (
    TypeRule("news_outlet", _news_outlet),
    TypeRule("organisation_word", _organisation_word),
    TypeRule("known_place", _known_place),
    TypeRule("titled_person", _titled_person),
    TypeRule("place_word", _place_word),
    TypeRule("product", _product),
    TypeRule("person_shape", _person_shape),
    TypeRule("single_name", _single_name),
)


def participant_type(name: str, contexts: Iterable[str] = ()) -> tuple[ParticipantType, str]:
    """The type of ``name`` and the rule that gave it; ``contexts`` are the texts right
    before its mentions in the document."""
    if _ACRONYM_RE.match(name.strip()) and name.strip().casefold() not in _places():
        return ParticipantType.ORGANISATION, "acronym"  # "NATO", "EU", "NPD", "G20"
    contexts = list(contexts) or [""]
    for rule in RULES:
        for context in contexts:
            found = rule.applies(name, context)
            if found is not None:
                return found, rule.name
    return ParticipantType.OTHER, "other"
