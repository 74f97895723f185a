"""Decades, centuries, quarters, halves and seasons: "the 1990s", "the '80s", "the 19th
century", "the third quarter", "the June quarter", "Q3 2024", "the first half of 2024",
"last spring", "the summer of 2019"."""

from __future__ import annotations

import re
from dataclasses import replace

from timeline.model import TimexType
from timeline.temporal.grammar import (
    Mention,
    directed_by,
    mention,
    mod_of,
    rule,
    spanning,
    within_year,
)
from timeline.temporal.lexicon import (
    LEX,
    MONTH,
    NEXT_WORD_RE,
    ORDINAL,
    ORDINALS,
    PART_YEAR,
    REL,
    SEASONS,
    YEAR,
    B,
    E,
    month_number,
    previous_word,
)
from timeline.temporal.spec import REPORTED, Direction, Spec


def _decade(m: re.Match[str], _: str) -> Mention | None:
    """ "the 1990s" is the decade 199; "the 1800s" (but not "the 2000s") is a century."""
    digits = m["dec"]
    if digits is None:  # the '90s
        short = m["dec2"]
        decade = 190 + int(short[0]) if int(short) >= 20 else 200 + int(short[0])
        return mention(m, TimexType.DATE, Spec("abs", (f"{decade:03d}",)), mod_of(m))
    if digits.endswith("00") and digits != "2000":
        return mention(m, TimexType.DATE, Spec("abs", (digits[:2],)), mod_of(m))
    return mention(m, TimexType.DATE, Spec("abs", (digits[:3],)), mod_of(m))


_DECADE_WORDS = {
    "twenties": 192,
    "thirties": 193,
    "forties": 194,
    "fifties": 195,
    "sixties": 196,
    "seventies": 197,
    "eighties": 198,
    "nineties": 199,
}
_NOT_DECADE_AFTER_RE = re.compile(r"\s+(?:percent|per\s+cent|degrees)\b", re.IGNORECASE)


def _spelled_decade(m: re.Match[str], text: str) -> Mention | None:
    """ "the nineties", "the sixties": decades of the last century, as news says them (not
    "in the forties" of a temperature)."""
    if _NOT_DECADE_AFTER_RE.match(text, m.end()):
        return None
    return mention(m, TimexType.DATE, Spec("abs", (str(_DECADE_WORDS[m["word"].casefold()]),)))


def _century(m: re.Match[str], _: str) -> Mention | None:
    word = m["ord"].casefold()
    n = ORDINALS.get(word) or int(re.sub(r"\D", "", word) or 0)
    if not 1 <= n <= 21:
        return None
    return mention(m, TimexType.DATE, Spec("abs", (f"{n - 1:02d}",)), mod_of(m))


def _part_of_year(m: re.Match[str], template: str) -> Mention | None:
    """A quarter or half, with its year written, relative ("of last year") or left open."""
    if m["y"]:
        return mention(m, TimexType.DATE, Spec("abs", (template.replace("XXXX", m["y"]),)))
    if m["ry"]:
        return mention(m, TimexType.DATE, within_year(template, m["ry"]))
    return mention(m, TimexType.DATE, Spec("fill", (template,)))


# a quarter reported on, not a time something happens in
_ACCOUNT_PREPOSITIONS = frozenset({"for", "of"})


def _quarter(m: re.Match[str], text: str) -> Mention | None:
    adjective = "-" in m["sep"]  # "a third-quarter loss", "the fourth-quarter results"
    nxt = NEXT_WORD_RE.match(text, m.end())
    if (
        not adjective
        and previous_word(text, m.start()) in ("a", "an")
        and (nxt is None or nxt.group(1).casefold() == "of")
    ):
        return None  # "a second quarter of losses": a count, not a calendar quarter
    word = m["ord"].casefold()
    n = {"final": 4, "last": 4}.get(word) or ORDINALS.get(word) or int(re.sub(r"\D", "", word))
    if not 1 <= n <= 4:
        return None
    if m["y0"]:  # "the 1988 third quarter"
        return mention(m, TimexType.DATE, Spec("abs", (f"{m['y0']}-Q{n}",)))
    found = _part_of_year(m, f"XXXX-Q{n}")
    accounted = adjective or previous_word(text, m.start()) in _ACCOUNT_PREPOSITIONS
    if found is not None and accounted and not (m["y"] or m["ry"]):
        # "expects to report third-quarter results", "a loss for the third quarter": a
        # report ahead is of the nearest quarter (``REPORTED``); "in the fourth quarter"
        # is placed by the tense like any date ("will ship in the fourth quarter" said in
        # January is this year's)
        spec = found.spec
        found = replace(found, spec=replace(spec, args=(*spec.args, REPORTED)))
        if adjective and m["the"]:
            # TimeML leaves the article to the noun: "the [third-quarter] loss"
            found = spanning(text, m.end("the"), found.end, found)
    return found


def _month_quarter(m: re.Match[str], text: str) -> Mention | None:
    """ "the June quarter", "the December 2007 quarter": the calendar quarter ending in
    that month, as companies name their quarters; placed like "the second quarter"."""
    month = month_number(m["m"])
    if month % 3:
        return None  # "the May quarter" is no calendar quarter
    template = f"XXXX-Q{month // 3}"
    if m["y"]:
        return mention(m, TimexType.DATE, Spec("abs", (template.replace("XXXX", m["y"]),)))
    spec = Spec("fill", (template,))
    if previous_word(text, m.start()) in _ACCOUNT_PREPOSITIONS:
        spec = Spec("fill", (template, REPORTED))  # "results for the June quarter"
    return mention(m, TimexType.DATE, spec)


def _half(m: re.Match[str], _: str) -> Mention | None:
    """ "the first half of 2024", "the last half of 1989", "the first two quarters of 1990"."""
    n = 1 if (m["ord"] or m["ord2"]).casefold() == "first" else 2
    return _part_of_year(m, f"XXXX-H{n}")


def _short_part(m: re.Match[str], _: str) -> Mention | None:
    """ "Q3 2024", "H1 2025"."""
    kind, n = m["kind"], int(m["ord"])
    if kind == "H" and n > 2:
        return None
    return mention(m, TimexType.DATE, Spec("abs", (f"{m['y']}-{kind}{n}",)))


_SEASON_NOUN_FOLLOWERS = frozenset(LEX["season_noun_followers"])
# "the winter of nineteen ninety-four": "of" a year, written out, is still the season's
_OF_A_YEAR_RE = re.compile(r"\s+of\s+(?:eighteen|nineteen|twenty|two\s+thousand)\b", re.I)
# a bare season is one after these ("in summer", "late summer", "mid-winter")
_SEASON_WORDS_BEFORE = frozenset({"in", "of", "early", "late", "mid", "mid-"})
_SEASON_PREPOSITIONS = frozenset(
    {"in", "during", "by", "until", "till", "through", "over", "since", "before", "after"}
)


def _season(m: re.Match[str], text: str) -> Mention | None:
    """A season, told apart from the noun "fall" and from names ("the Summer Palace").

    Without a year or a relative word, a season needs a determiner and, for "fall", a
    preposition before "the"; followed by "of"/"in" and no year it is a noun ("the fall of
    Kabul", "the fall in prices").
    """
    word = m["season"]
    rel = (m.groupdict().get("rel") or "").casefold()
    code = SEASONS[word.casefold()]
    if m["y"]:
        return mention(m, TimexType.DATE, Spec("abs", (f"{int(m['y']):04d}-{code}",)), mod_of(m))
    if m["ry"]:
        return mention(m, TimexType.DATE, within_year(f"XXXX-{code}", m["ry"]), mod_of(m))
    nxt = NEXT_WORD_RE.match(text, m.end())
    if word[0].isupper() and nxt and nxt.group(1)[0].isupper():
        return None  # a name: "the Summer Palace", "Spring Festival"
    if not rel:
        if (
            nxt
            and nxt.group(1).casefold() in _SEASON_NOUN_FOLLOWERS
            and not _OF_A_YEAR_RE.match(text, m.end())
        ):
            return None
        has_the = bool(m["the"])
        before = previous_word(text, m.start("the") if has_the else m.start("season"))
        if word.casefold() == "fall":
            if not (has_the and before in _SEASON_PREPOSITIONS):
                return None
        elif not (has_the or before in _SEASON_WORDS_BEFORE):
            return None
    spec = Spec("fill", (f"XXXX-{code}",))
    if rel in ("this", "current"):
        return mention(m, TimexType.DATE, spec.with_direction(Direction.NEAR), mod_of(m), True)
    spec, directed = directed_by(spec, rel)
    return mention(m, TimexType.DATE, spec, mod_of(m), directed)


RULES = (
    rule(
        "decade",
        rf"{B}(?:the\s+)?(?:(?P<dec>1\d\d0|20\d0)'?s|'(?P<dec2>\d0)s){E}",
        _decade,
        anchors=("#4", "#dec"),
        reach=(24, 4),
    ),
    rule(
        "spelled-decade",
        rf"{B}the\s+(?P<word>{'|'.join(_DECADE_WORDS)}){E}",
        _spelled_decade,
        anchors=tuple(_DECADE_WORDS),
        reach=(4, 20),
    ),
    rule(
        "century",
        rf"{B}(?:the\s+)?(?P<ord>{ORDINAL})[\s-]+century{E}",
        _century,
        anchors=("century",),
        reach=(36, 2),
    ),
    rule(
        "quarter",
        rf"{B}(?:(?P<the>the\s+)(?:(?P<y0>{YEAR})\s+)?)?(?:fiscal[\s-]+)?"
        rf"(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
        rf"(?P<sep>[\s-]+)quarter{PART_YEAR}?{E}",
        _quarter,
        anchors=("quarter",),
        reach=(24, 20),
        priority=1,
    ),
    rule(
        "month-quarter",
        rf"{B}the\s+(?P<m>{MONTH})(?:\s+(?P<y>{YEAR}))?[\s-]+quarter{E}(?![-'’])",
        _month_quarter,
        anchors=("quarter",),
        reach=(24, 2),
    ),
    rule(
        "short-part",
        rf"{B}(?P<kind>[QH])(?P<ord>[1-4])\s+(?P<y>{YEAR}){E}",
        _short_part,
        anchors=("#4",),
        reach=(4, 2),
        flags=0,
    ),
    rule(
        "half",
        rf"{B}(?:the\s+)?(?:(?P<ord>first|second|last)\s+half"
        rf"|(?P<ord2>first|last)\s+two\s+quarters){PART_YEAR}{E}",
        _half,
        anchors=("half", "quarter"),
        reach=(16, 20),
        priority=1,
    ),
    rule(
        "season",
        rf"{B}(?:{REL}\s+|(?P<the>the\s+))?"
        rf"(?P<season>spring|summer|autumn|winter|fall)"
        rf"(?:\s+(?:of\s+)?(?P<y>{YEAR})(?!\d)|\s+of\s+(?P<ry>this|last|next)\s+year)?{E}",
        _season,
        anchors=tuple(SEASONS),
        reach=(30, 16),
    ),
)
