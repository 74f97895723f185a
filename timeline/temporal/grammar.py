"""The tagger's grammar: named rules that recognise, and named composers that combine.

A ``Rule`` is one value: a name, a pattern written with the lexicon macros of
``timeline.temporal.lexicon``, a normaliser turning a match into a ``Mention`` (a TIMEX3
type, an underspecified ``Spec``, a TimeML ``mod``), the anchor words every match holds (a
cheap prefilter: the rule only runs in windows around them, see
``timeline.temporal.windows``) and its guards (what must stand right before or after an
anchor).  A ``Composer`` takes mentions the grammar has already built and the words around
them and builds a new one: "about" + any duration, any time + "of March", "the same month"
+ "a year ago", "February" + "or" + "March".  New phrasings come from combining what
exists rather than from new regular expressions.

Rules live one family per module in ``timeline.temporal.rules``, next to their examples in
``fixtures/temporal/<family>.jsonl``; every mention records the rule that built it, and a
composed one the composer applied to its parts: ``ago(duration)``,
``alternative(month, month)``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from timeline.model import TimexType
from timeline.temporal.lexicon import LEX, REL_YEAR_OFFSET, alt, key
from timeline.temporal.spec import LAST, NEXT, Direction, Spec


@dataclass(frozen=True, slots=True)
class Mention:
    """A recognised expression before resolution, with the rule that built it."""

    start: int
    end: int
    text: str
    type: TimexType
    spec: Spec
    mod: str | None = None
    directed: bool = False  # the words themselves fix the direction ("last June")
    rule: str = ""


Normaliser = Callable[[re.Match[str], str], "Mention | None"]


@dataclass(frozen=True, slots=True)
class Rule:
    """One recognition rule (see the module docstring).

    ``anchors`` are words (or digit shapes ``#4``, ``#ampm``, ``#sep``, ``#dec``) one of
    which every match contains as a whole word; ``before``/``after`` how far, in
    characters, a match and its look-arounds reach around the anchor.  ``guard_before`` /
    ``guard_after`` must match right before / after an anchor for the rule to look there;
    ``phrase_guards`` (rules over a phrase list) map an anchor word to the phrases holding
    it.  ``priority`` settles two rules matching the very same span (higher wins)."""

    name: str
    pattern: re.Pattern[str]
    normalise: Normaliser
    anchors: tuple[str, ...] = ()
    before: int = 0
    after: int = 0
    guard_before: re.Pattern[str] | None = None
    guard_after: re.Pattern[str] | None = None
    phrase_guards: dict[str, re.Pattern[str]] | None = field(default=None, compare=False)
    priority: int = 0
    family: str = ""


# How far before an anchor ``guard_before`` looks.
GUARD_REACH = 24
_GENERIC_WORDS = frozenset({"day", "days", "year", "years", "eve", "the", "of", "new", "s"})


def rule(
    name: str,
    pattern: str,
    normalise: Normaliser,
    *,
    anchors: Sequence[str] = (),
    reach: tuple[int, int] = (0, 0),
    phrases: Sequence[str] | None = None,
    guard_before: str | None = None,
    guard_after: str | None = None,
    priority: int = 0,
    flags: int = re.IGNORECASE,
) -> Rule:
    """A rule; ``reach`` is written for single spaces and widened here for longer runs of
    white space and the look-arounds at either end.  A rule over a list of ``phrases``
    takes its anchors from them (the longest word of each that is not generic)."""
    words = tuple(anchors)
    before, after = reach
    phrase_guards = None
    if phrases is not None:
        words, phrase_before, phrase_after = _phrase_anchors(phrases)
        before, after = phrase_before, phrase_after + after
        phrase_guards = _phrase_guards(phrases)
    return Rule(
        name,
        re.compile(pattern, flags),
        normalise,
        words,
        before + before // 2 + 8,
        after + after // 2 + 8,
        re.compile(rf"(?:{guard_before})\Z", re.IGNORECASE) if guard_before else None,
        re.compile(guard_after, re.IGNORECASE) if guard_after else None,
        phrase_guards,
        priority,
    )


def _phrase_anchor(phrase: str) -> tuple[str, re.Match[str]]:
    p = phrase.casefold()
    word = max(re.findall(r"[a-z]+", p), key=lambda w: (w not in _GENERIC_WORDS, len(w)))
    at = re.search(rf"(?<![a-z]){word}(?![a-z])", p)
    assert at is not None
    return word, at


def _phrase_anchors(phrases: Sequence[str]) -> tuple[tuple[str, ...], int, int]:
    words: list[str] = []
    before = tail = 0
    for phrase in phrases:
        word, at = _phrase_anchor(phrase)
        words.append(word)
        before = max(before, at.start())
        tail = max(tail, len(phrase) - at.end())
    return tuple(words), before, tail


def _phrase_guards(phrases: Sequence[str]) -> dict[str, re.Pattern[str]]:
    """For each anchor word, the phrases holding it: one must be near a hit of the word."""
    by_word: dict[str, list[str]] = {}
    for phrase in phrases:
        by_word.setdefault(_phrase_anchor(phrase)[0], []).append(phrase)
    out: dict[str, re.Pattern[str]] = {}
    for word, group in by_word.items():
        out[word] = out[word + "s"] = re.compile(alt(group), re.IGNORECASE)
    return out


@dataclass(frozen=True, slots=True)
class Composer:
    """A rule over what the grammar has built.

    * ``prefix``: ``pattern`` ends right before a mention ``accepts`` takes (it may cover
      mentions before it, which the new one replaces): "about" + a duration.
    * ``suffix``: ``pattern`` starts right after such a mention: a duration + "ago".
    * ``join``: ``pattern`` is the whole gap between two neighbours, the left one taken
      by ``accepts``, the right one by ``accepts_right``: a month + "or" + a month.

    ``build`` returns the new mention (or the mentions replacing the ones it read, or
    None to decline); the engine names what it built after the composer and its parts.
    ``needs`` (prefix and suffix): lowercase strings one of which every match contains, a
    cheap test of the ``reach`` characters before (after) a mention before the regex."""

    name: str
    kind: Literal["prefix", "suffix", "join"]
    pattern: re.Pattern[str]
    build: Callable[..., Mention | Sequence[Mention] | None]
    accepts: Callable[[Mention], bool]
    accepts_right: Callable[[Mention], bool] | None = None
    reach: int = 40
    needs: tuple[str, ...] = ()
    family: str = ""


def composer(
    name: str,
    kind: Literal["prefix", "suffix", "join"],
    pattern: str,
    build: Callable[..., Mention | Sequence[Mention] | None],
    accepts: Callable[[Mention], bool],
    accepts_right: Callable[[Mention], bool] | None = None,
    *,
    reach: int = 40,
    needs: Sequence[str] = (),
    flags: int = re.IGNORECASE,
) -> Composer:
    if kind == "prefix":
        pattern = rf"(?:{pattern})\Z"
    return Composer(
        name,
        kind,
        re.compile(pattern, flags),
        build,
        accepts,
        accepts_right,
        reach,
        tuple(w.casefold() for w in needs),
    )


# --- helpers the normalisers share ---------------------------------------------------


def mention(
    m: re.Match[str],
    type_: TimexType,
    spec: Spec | None,
    mod: str | None = None,
    directed: bool = False,
) -> Mention | None:
    """The mention of the whole match (None when the normaliser found no spec)."""
    if spec is None:
        return None
    return Mention(m.start(), m.end(), m.group(), type_, spec, mod, directed)


def spanning(text: str, start: int, end: int, like: Mention, **changes: object) -> Mention:
    """``like`` stretched (or cut) to ``text[start:end]``, with ``changes``."""
    return replace(like, start=start, end=end, text=text[start:end], **changes)  # type: ignore[arg-type]


def ymd(year: int | None, month: int, day: int) -> Spec | None:
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    if year is None:
        return Spec("fill", (f"XXXX-{month:02d}-{day:02d}",))
    return Spec("abs", (f"{year:04d}-{month:02d}-{day:02d}",))


def directed_by(spec: Spec, rel: str) -> tuple[Spec, bool]:
    """A spec whose direction the words fix ("last June", "next spring"), if they do.  A
    yearless date says so in its text form too (``fill XXXX-06 last``): "last June" is
    never the June the reference is in, and no tense or schedule may move it."""
    if rel in ("last", "past", "previous"):
        direction, word = Direction.PAST, LAST
    elif rel in ("next", "coming", "upcoming"):
        direction, word = Direction.FUTURE, NEXT
    else:
        return spec, False
    if spec.op == "fill":
        spec = Spec(spec.op, (*spec.args, word), spec.direction, spec.time)
    return spec.with_direction(direction), True


def within_year(template: str, rel: str) -> Spec:
    """ "June of last year", "the third quarter of this year": a part of a relative year."""
    return Spec("within", (template, "year", str(REL_YEAR_OFFSET[rel.casefold()])))


def mod_of(m: re.Match[str]) -> str | None:
    """The TimeML ``mod`` of a match's ``mod``, ``approx`` or ``dapprox`` group."""
    groups = m.groupdict()
    if groups.get("mod"):
        word = key(groups["mod"]).rstrip("-").strip()
        return LEX["mods"].get(word) or LEX["mods"].get(word + "-")
    if groups.get("approx"):
        return LEX["approx_mods"].get(key(groups["approx"]))
    if groups.get("dapprox"):
        return LEX["date_approx_mods"].get(key(groups["dapprox"]))
    return None


def lowercase_ambiguous_month(word: str) -> bool:
    """ "may" and "march" in lower case are the modal and the verb, not months."""
    return word.casefold().rstrip(".") in ("may", "march") and not word[0].isupper()
