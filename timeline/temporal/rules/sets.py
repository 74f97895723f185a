"""Sets (recurrences): "daily", "every Monday", "Mondays", "every four years", "twice a
week", "$5 billion a year", "every other week", "each summer"."""

from __future__ import annotations

import re

from timeline.model import TimexType
from timeline.temporal.grammar import Mention, composer, mention, rule
from timeline.temporal.lexicon import (
    LEX,
    NUMBER,
    UNIT,
    UNITS,
    WEEKDAY,
    WEEKDAYS,
    B,
    E,
    alt,
    format_number,
    key,
    number,
    previous_word,
)
from timeline.temporal.spec import Spec

_CLASSIFYING_SETS = frozenset(LEX["classifying_set_adjectives"])
_NOUN_AFTER_RE = re.compile(
    r"\s+(?!(?:and|or|but|to|in|on|at|by|for|of|from|with|since|until|through|as|than)\b)"
    r"[a-z][a-z-]*"
)


def _set(m: re.Match[str], text: str) -> Mention | None:
    phrase = key(m["set"])
    if phrase in _CLASSIFYING_SETS and _NOUN_AFTER_RE.match(text, m.end()):
        return None  # "its quarterly dividend": the kind of payment, not a frequency
    return mention(m, TimexType.SET, Spec("set", (LEX["set_adverbs"][phrase],)))


def _every_weekday(m: re.Match[str], _: str) -> Mention | None:
    return mention(m, TimexType.SET, Spec("set", (f"XXXX-WXX-{WEEKDAYS[m['wd'].casefold()]}",)))


def _every_named(m: re.Match[str], _: str) -> Mention | None:
    """ "every summer", "each morning", "every other week"."""
    word = m["what"].casefold()
    if m["other"]:
        value = LEX["every_other"].get(word)
    elif word in LEX["season_sets"]:
        value = LEX["season_sets"][word]
    elif word in LEX["part_sets"]:
        value = f"XXXX-XX-XX{LEX['part_sets'][word]}"
    else:
        value = None  # "every day" is a set adverb of its own
    return mention(m, TimexType.SET, Spec("set", (value,))) if value else None


def _every_n(m: re.Match[str], _: str) -> Mention | None:
    n = number(m["n"])
    unit_word = m["unit"].casefold()
    code = UNITS[unit_word]
    if n is None or code in ("WE", "2W"):
        return None
    prefix = "PT" if code in ("H", "S") or unit_word.startswith("min") else "P"
    return mention(m, TimexType.SET, Spec("set", (f"{prefix}{format_number(n)}{code}",)))


_SET_BLOCKERS = frozenset(LEX["set_blockers_before"])
_QUANTITY_RE = re.compile(
    r"\d|\b(?:million|billion|trillion|thousand|hundred|percent|dozen)s?\b", re.IGNORECASE
)
_CLAUSE_END_RE = re.compile(r"[.;:!?]")
_RATE_NOT_AFTER_RE = re.compile(r"\s+(?:later|earlier|ago|than|before|after)\b", re.IGNORECASE)


def _rate(m: re.Match[str], text: str) -> Mention | None:
    """ "twice a day", "per year", "$5 billion a year": a frequency, i.e. a SET.

    "a year" alone is a rate only after a quantity in its clause ("3 percent a year") and
    not after a word that makes it a length ("for a year", "more than a year").
    """
    value = LEX["set_rates"][m["unit"].casefold()]
    if not (m["freq"] or m["art"].casefold() == "per"):
        if _RATE_NOT_AFTER_RE.match(text, m.end()):
            return None  # "a week later", "a year ago": a length, not a frequency
        previous = previous_word(text, m.start())
        if not previous or previous in _SET_BLOCKERS:
            return None
        before = text[max(0, m.start() - 60) : m.start()]
        clause = _CLAUSE_END_RE.split(before)[-1]
        if not _QUANTITY_RE.search(clause):
            return None
    return mention(m, TimexType.SET, Spec("set", (value,)))


_SET_PHRASES = [s for s in LEX["set_adverbs"] if not s.startswith(("a ", "per "))]
_RATES = list(LEX["set_rates"])

RULES = (
    rule(
        "weekdays",
        rf"{B}(?P<wd>{WEEKDAY})s{E}",
        _every_weekday,
        anchors=tuple(LEX["full_weekdays"]),
        reach=(0, 2),
    ),
    rule(
        "rate",
        rf"{B}(?:(?P<freq>{alt(LEX['frequencies'])}|{NUMBER}\s+times)\s+)?(?P<art>an?|per)\s+"
        rf"(?P<unit>{alt(_RATES)}){E}(?!-)",
        _rate,
        anchors=tuple(_RATES),
        reach=(34, 2),
        guard_before=r"(?<!\w)(?:an?|per)\s+",
        priority=1,
    ),
    rule("set", rf"{B}(?P<set>{alt(_SET_PHRASES)}){E}", _set, phrases=_SET_PHRASES, reach=(0, 2)),
    rule(
        "every-weekday",
        rf"{B}(?:every|each)\s+(?P<wd>{WEEKDAY}){E}",
        _every_weekday,
        anchors=("every", "each"),
        reach=(0, 12),
    ),
    rule(
        "every-named",
        rf"{B}(?:every|each)\s+(?:(?P<other>other)\s+)?(?P<what>"
        rf"{alt([*LEX['season_sets'], *LEX['part_sets'], *LEX['every_other']])}){E}",
        _every_named,
        anchors=("every", "each"),
        reach=(0, 16),
    ),
    rule(
        "every-n",
        rf"{B}every\s+(?P<n>{NUMBER})\s+(?P<unit>{UNIT}){E}",
        _every_n,
        anchors=("every",),
        reach=(0, 34),
    ),
)


_MONTH_TEMPLATE_RE = re.compile(r"XXXX-\d\d(?:-\d\d)?")


def _every(text: str, match: re.Match[str], m: Mention) -> Mention | None:
    """ "each July", "every June 14": that date of every year."""
    return Mention(
        match.start(),
        m.end,
        text[match.start() : m.end],
        TimexType.SET,
        Spec("set", (m.spec.args[0],)),
    )


COMPOSERS = (
    composer(
        "every",
        "prefix",
        r"(?<![\w-])(?:every|each)\s+",
        _every,
        lambda m: m.spec.op == "fill" and _MONTH_TEMPLATE_RE.fullmatch(m.spec.args[0]) is not None,
        reach=8,
        needs=("every", "each"),
    ),
)
