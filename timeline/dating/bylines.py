"""Bylines: the date a page prints next to its headline or author ("Posted on September
21, 2020 by ...", "Veröffentlicht: 07.11.2023, 10:37 Uhr", "27.04.2020 - 18:50 Uhr").

Web pages show their publication day in the visible text, in the page's language and
conventions, and the tagger (made for running English text) misses most of them.  This
module finds such dates with the patterns bylines use: numeric dates in either order,
ISO dates, and a month name of any of the languages in ``data/month_names.json`` next to
a day and a year; then judges each by its line:

* a cue before it says what the date is: published ("Posted", "Veröffentlicht am",
  "Publié le", "Erstellt"), or updated ("Updated", "Aktualisiert", "Stand"); a short
  word ("am", "vom", "on", "Datum") on a short line only says the line is ``dated``:
  "am 19.05.2007 in Aalen" is as often the day of what the page reports as its own;
* a date alone on a short line near the top, with at most a weekday, a time, an
  author or a place, is the page's date (``plain``);
* a date said to bound something else ("bis", "ab", "until", "Termin", a range
  "12.10. - 15.10.2023") is not a byline at all.

Pure functions of the text; ``signals.byline`` turns the bylines into constraints, and
``signals.explicit_dates`` leaves their spans alone (one date, one piece of evidence).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

HEAD_LINES = 25  # a date with no cue counts as a byline only in the page's first lines
SHORT_LINE_WORDS = 14  # a byline line is short: a date, a time, a name, a place
_CUED_ANYWHERE = 4000  # how far into the text a cued byline is looked for


@dataclass(frozen=True, slots=True)
class Byline:
    """A publication or update date the page prints, with where and how it says so."""

    day: date
    start: int
    end: int
    kind: str  # "published", "dated", "updated" or "plain"
    line: str


_PUBLISHED_CUES = (
    r"posted|published|publication|created|written|released|"
    r"veröffentlicht|publiziert|erstellt|erschienen|geschrieben|"
    r"publié|publiée|publie|créé|créée|cree|mis\s+en\s+ligne|"
    r"publicado|publicada|creado|pubblicato|pubblicata|creato|"
    r"gepubliceerd|geplaatst|publicerad|julkaistu|opublikowano"
)
# short words that introduce a byline's date on a short line, but any date in a sentence
_WEAK_CUES = r"date|dated|datum|vom|am|le|op|on"
_UPDATED_CUES = (
    r"updated|last\s+updated|modified|last\s+modified|revised|aktualisiert|geändert|"
    r"stand|mis\s+à\s+jour|modifié|actualizado|actualización|aggiornato|"
    r"bijgewerkt|gewijzigd|päivitetty"
)
_NOT_BYLINE = re.compile(
    r"(?i)\b(?:bis|ab|until|till|through|from|seit|since|termin|deadline|frist|"
    r"gültig|valid|verfügbar|available|expires?|läuft|jusqu|hasta|fino|"
    r"protokoll|sitzung|ergebnisse|results)\b[^0-9]{0,20}$"
)
_CUE_BEFORE = re.compile(
    rf"(?i)(?:^|[\s|•·,(])(?:(?P<updated>{_UPDATED_CUES})|(?P<published>{_PUBLISHED_CUES})"
    rf"|(?P<weak>{_WEAK_CUES}))"
    r"\b[\s:.,-]*(?:[^\W\d_]+,?\s+){0,2}$"
)
# an embedded post quotes its own date ("— ZDF heute (@ZDFheute) 26. Mai 2019", "Ein
# Beitrag geteilt von ... am Apr 21, 2019"), a link its path: none is the page's
_EMBED = re.compile(
    r"(?i)\(@\w+\)|\bgeteilt von\b|\bshared by\b|\bpic\.twitter|https?://|www\.|\.\w{2,4}/"
)
_RANGE_AFTER = re.compile(r"^\s*[-–—]\s*\d{1,2}\.")
_RANGE_BEFORE = re.compile(r"\d{1,2}\.(?:\d{1,2}\.)?\s*[-–—]\s*$")


@cache
def _month_names() -> dict[str, int]:
    """Month names and abbreviations in the languages pages are written in."""
    path = resources.files("timeline.dating").joinpath("data/month_names.json")
    table: dict[str, dict[str, int]] = json.loads(path.read_text(encoding="utf-8"))["months"]
    return {name: month for names in table.values() for name, month in names.items()}


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    months = "|".join(sorted((re.escape(m) for m in _month_names()), key=len, reverse=True))
    return (
        # 2023-11-07, 2023/11/07
        re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d\d)[-/](?P<m>[01]?\d)[-/](?P<d>[0-3]?\d)(?![\d])"),
        # 07.11.2023, 7.11.23, 07/11/2023, 11/7/2023
        re.compile(
            r"(?<![\d.])(?P<a>[0-3]?\d)(?P<sep>[./])\s?(?P<b>[01]?\d)(?P=sep)\s?"
            r"(?P<y>(?:19|20)?\d\d)(?![\d.]\d)"
        ),
        # 31. Oktober 2023, 3 NOV 2023, 21 septembre 2020, 5 de mayo de 2021
        re.compile(
            rf"(?i)(?<![\w.])(?P<d>[0-3]?\d)(?:\.|st|nd|rd|th|er)?\s+(?:de\s+)?"
            rf"(?P<month>{months})\.?,?\s+(?:de\s+)?(?P<y>(?:19|20)\d\d)(?!\d)"
        ),
        # September 21, 2020; Nov 8, 2023; Mar 28, 2016
        re.compile(
            rf"(?i)(?<![\w.])(?P<month>{months})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+"
            rf"(?P<y>(?:19|20)\d\d)(?!\d)"
        ),
    )


def find_bylines(text: str, *, last_year: int) -> list[Byline]:
    """The page's bylines, in text order (see the module docstring)."""
    out: list[Byline] = []
    offset = 0
    for number, line in enumerate(text.split("\n")):
        start = offset
        offset += len(line) + 1
        if start > _CUED_ANYWHERE and number >= HEAD_LINES:
            break
        if not line.strip() or not any(c.isdigit() for c in line) or _EMBED.search(line):
            continue
        # a sentence (it ends with a full stop) tells of its dates; a byline does not
        sentence = line.rstrip().endswith(".") and len(line.split()) >= 6
        for found in dates_in(line, last_year):
            day, a, b = found
            before = line[:a]
            if (
                _NOT_BYLINE.search(before)
                or _RANGE_AFTER.match(line[b:])
                or _RANGE_BEFORE.search(before)
            ):
                continue
            cue = _CUE_BEFORE.search(before)
            short = len(line.split()) <= SHORT_LINE_WORDS and not sentence
            if cue is not None and cue.group("updated"):
                kind = "updated"
            elif cue is not None and cue.group("published"):
                kind = "published"
            elif cue is not None and cue.group("weak") and short:
                kind = "dated"
            elif number < HEAD_LINES and short:
                kind = "plain"
            else:
                continue
            out.append(Byline(day, start + a, start + b, kind, line.strip()[:120]))
    return out


def updated_before(before: str) -> bool:
    """Whether the text just before a date says it is an update ("Aktualisiert:")."""
    cue = _CUE_BEFORE.search(before)
    return cue is not None and cue.group("updated") is not None


def dates_in(line: str, last_year: int) -> list[tuple[date, int, int]]:
    """Every date written in ``line``, with its span, the first reading of a span wins."""
    found: list[tuple[date, int, int]] = []
    taken: list[tuple[int, int]] = []
    english = bool(re.search(r"(?i)\b(?:updated|posted|published|am|pm|by|est|edt|pst)\b", line))
    for pattern in _patterns():
        for m in pattern.finditer(line):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            day = _read(m, english, last_year)
            if day is not None:
                found.append((day, m.start(), m.end()))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda f: f[1])


def _read(m: re.Match[str], english: bool, last_year: int) -> date | None:
    groups = m.groupdict()
    year = int(groups["y"])
    if year < 100:  # "10.12.19": this century, unless that lies ahead
        year += 2000 if 2000 + year <= last_year else 1900
    if groups.get("month"):
        month, day = _month_names()[groups["month"].casefold().rstrip(".")], int(groups["d"])
    elif groups.get("a"):
        a, b = int(groups["a"]), int(groups["b"])
        # day first (07.11.2023, 26/10/2023), except a US slash date (11/8/2023) in an
        # English line, or when only month-first makes a date
        month_first = groups["sep"] == "/" and (english or a <= 12 < b)
        if a > 12:
            month_first = False
        month, day = (a, b) if month_first else (b, a)
    else:
        month, day = int(groups["m"]), int(groups["d"])
    if not 1900 <= year <= last_year:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None
