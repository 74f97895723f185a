"""Publication dates the publisher wrote down, weighed against each other.

A structured record says when it was published in a field of its own (JSON ``published``,
TimeML ``<DCT>``): that is taken as declared.  A web page says it in several places that
do not always agree: meta tags (Open Graph ``article:published_time``), JSON-LD
``datePublished``, microdata ``itemprop``, the article's ``<time>``, the element the
page's template marks as its date (``signals.marked_date``), the URL's path (or the
page's own canonical address), the byline it prints (``timeline.dating.bylines``), and
htmldate (what the page declares, and its search of the whole page).
Each of those *votes* for its day with the log-odds of being right, read off the tuning
half of ``htmldate-eval`` (``bench/dating.py``; the other half is held out):

=====================  ==========  ======
source                 right       weight
=====================  ==========  ======
Open Graph             171 / 182   2.74
JSON-LD                168 / 178   2.82
microdata itemprop      61 / 66    2.50
first ``<time>``       140 / 155   2.23
other meta tags         60 / 72    1.61
URL path                57 / 61    2.66
byline, plain           79 / 90    1.97
byline, "published"     17 / 18    2.83
byline, "dated"          9 / 17    0.12
byline, "updated"       16 / 20    1.39
template-marked date   168 / 176   3.04
canonical URL path      55 / 58    2.91
htmldate, declared      63 / 65    3.45
htmldate, search only   13 / 20    0.62
=====================  ==========  ======

Each kind of meta tag votes once (a CMS writes one date into many tags); htmldate votes
only when the page declares no meta date (it reads the same tags).  A UTC timestamp
votes for the publisher's day when the page says the publisher's zone
(``signals.utc_clock``); else, near midnight, it also votes half as much for the
neighbouring day, which a byline can then confirm.  The day
with the most weight wins; the evidence names every source that voted for it, and those
that dissented.

Examples:

* ``{"published": "Tue, 2 Sep 2025 10:00 GMT"}`` -> json:published, 2025-09-02
* og 2020-02-18, JSON-LD, ``<time>`` and the byline 2020-02-19 -> 2020-02-19
* ``{"published": "not a date"}`` -> no date, and the field is reported as unreadable

Date strings are parsed with dateparser, which is strong at exactly this (any format,
many languages); finding dates in running text is the tagger's job, not dateparser's.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from timeline.dating.bylines import Byline
from timeline.dating.signals.marked_date import SOURCE as MARKED_SOURCE
from timeline.dating.signals.marked_date import marked_day
from timeline.dating.signals.url import address_dates
from timeline.dating.signals.utc_clock import local_day, publisher_offset
from timeline.model import Document, Evidence, Provenance, PublicationDate
from timeline.temporal.values import day_interval

# structured fields that say when a record was published (JSON, TimeML): declared
JSON_FIELDS = (
    "published",
    "date",
    "datePublished",
    "pubDate",
    "published_at",
    "publication_date",
    "dct",
    "created",
)
DECLARED = 8.0  # a structured record's own field outweighs every guess
# html_meta keys by the kind of tag (``timeline.ingest.htmltext``); each kind votes once
_FAMILIES = {
    "article:published_time": "og",
    "og:published_time": "og",
    "jsonld:datePublished": "jsonld",
    "datePublished": "itemprop",
    "time": "time",
}
_OTHER_META = (
    "pubdate",
    "publishdate",
    "publish-date",
    "DC.date.issued",
    "DC.date",
    "dcterms.created",
    "dcterms.issued",
    "date",
    "dateCreated",
    "jsonld:dateCreated",
    "sailthru.date",
    "parsely-pub-date",
)
WEIGHTS = {
    "og": 2.74,
    "jsonld": 2.82,
    "itemprop": 2.50,
    "time": 2.23,
    "meta": 1.61,
    "url": 2.66,
    "canonical-url": 2.91,
    "file-name": 2.66,
    "byline:plain": 1.97,
    "byline:published": 2.83,
    "byline:dated": 0.12,
    "byline:updated": 1.39,
    "htmldate": 3.45,
    "htmldate:extensive": 0.62,
    "marked": 3.04,
}
NEAR_MIDNIGHT_SHARE = 0.5  # a UTC timestamp near midnight votes this much for the next day
_UTC_STAMP = re.compile(
    r"^(?P<d>\d{4}-\d{2}-\d{2})[T ](?P<h>\d{2}):\d{2}(?::\d{2}(?:\.\d+)?)?\s*"
    r"(?:Z|[+-]00:?00)$"
)


@dataclass(frozen=True, slots=True)
class Vote:
    """One source's day, and how much its word weighs."""

    day: date
    source: str  # the evidence source: "json:published", "html:jsonld:datePublished"...
    text: str
    weight: float


def parse_date_string(raw: object) -> date | None:
    """A calendar date from a metadata value ("2025-09-02", "Tue, 2 Sep 2025 10:00 GMT"...)."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if not isinstance(raw, str) or not raw.strip() or len(raw) > 100:
        return None
    text = raw.strip()
    iso = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if iso:
        try:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            return None
    import dateparser  # imported lazily: it is slow to import and rarely needed

    parsed = dateparser.parse(
        text,
        settings={
            "PREFER_DAY_OF_MONTH": "first",
            "REQUIRE_PARTS": ["day", "month", "year"],
        },
    )
    return parsed.date() if parsed else None


def votes(document: Document, bylines: Sequence[Byline] = ()) -> tuple[list[Vote], list[Evidence]]:
    """Every day the publisher's metadata and the page's byline vote for, and the date
    fields that could not be read (as evidence)."""
    meta = document.metadata
    out: list[Vote] = []
    problems: list[Evidence] = []
    for key in JSON_FIELDS:
        if key in meta:
            day = parse_date_string(meta[key])
            if day is None:
                problems.append(Evidence(f"json:{key}", str(meta[key])[:80], "not a date: ignored"))
            else:
                out.append(Vote(day, f"json:{key}", str(meta[key]), DECLARED))
    html = meta.get("html_meta")
    voted: set[str] = set()
    if isinstance(html, dict):
        offset = publisher_offset(str(v) for v in html.values())
        for key, raw in html.items():
            family = _FAMILIES.get(key) or ("meta" if key in _OTHER_META else None)
            day = parse_date_string(raw) if family and family not in voted else None
            if family is None or day is None:
                continue
            voted.add(family)
            weight = WEIGHTS[family]
            local = local_day(str(raw), offset)
            if local is not None and local != day:
                # a UTC stamp, and the page says the publisher's zone (``signals.utc_clock``)
                out.append(Vote(local, f"html:{key}", f"{raw} (publisher's day)", weight))
                continue
            out.append(Vote(day, f"html:{key}", str(raw), weight))
            stamp = _UTC_STAMP.match(str(raw).strip())
            if offset is None and stamp is not None and not 3 <= int(stamp["h"]) < 21:
                # UTC near midnight: the publisher's own day may be the one next to it
                other = day + timedelta(days=1 if int(stamp["h"]) >= 21 else -1)
                out.append(
                    Vote(other, f"html:{key}", f"{raw} (local)", weight * NEAR_MIDNIGHT_SHARE)
                )
    marked = html.get("marked") if isinstance(html, dict) else None
    marked_vote: Vote | None = None
    if isinstance(marked, str):
        day = marked_day(marked, last_year=date.today().year + 1)
        if day is not None:
            marked_vote = Vote(day, MARKED_SOURCE, marked, WEIGHTS["marked"])
            out.append(marked_vote)
    for source, day, text in address_dates(document):
        out.append(Vote(day, source, text, WEIGHTS[source]))
    for byline in _first_of_each_kind(bylines):
        if marked_vote is not None and _same_print(byline, marked_vote):
            continue  # the marked element's text, printed in the article: one vote
        out.append(Vote(byline.day, "byline", byline.line, WEIGHTS[f"byline:{byline.kind}"]))
    if not voted:
        # htmldate reads the same tags: it votes for pages that declare none.  Its date
        # without the extensive search is what the page declares elsewhere (its URL,
        # markup it knows); a date only the extensive search found is a guess from the
        # page's text, and weighs as little as it is right
        declared, searched = meta.get("htmldate"), meta.get("htmldate_extensive")
        for source, raw in (("htmldate", declared), ("htmldate:extensive", searched)):
            day = parse_date_string(raw) if raw else None
            if day is not None:
                out.append(Vote(day, f"html:{source}", str(raw), WEIGHTS[source]))
                break
    return out, problems


def _same_print(byline: Byline, marked: Vote) -> bool:
    """Whether a byline is the marked element's date as printed in the text."""
    if byline.day != marked.day:
        return False
    line, element = "".join(byline.line.split()), "".join(marked.text.split())
    return element in line or line in element  # the text's spacing may differ


def _first_of_each_kind(bylines: Sequence[Byline]) -> list[Byline]:
    seen: dict[str, Byline] = {}
    for byline in bylines:
        seen.setdefault(byline.kind, byline)
    return list(seen.values())


def decide(cast: Sequence[Vote]) -> PublicationDate | None:
    """The day with the most weight behind it, with every vote for it as evidence (and
    the runner-up's as dissent).  None without a vote from the publisher's metadata: a
    byline alone is content, and is weighed there (``signals.byline``)."""
    if not any(v.source != "byline" for v in cast):
        return None
    tally: dict[date, float] = defaultdict(float)
    for vote in cast:
        tally[vote.day] += vote.weight
    ranked = sorted(tally, key=lambda d: (-tally[d], d))
    best = ranked[0]
    margin = tally[best] - (tally[ranked[1]] if len(ranked) > 1 else 0.0)
    confidence = round(min(0.99, 1.0 / (1.0 + math.exp(-margin))), 3)
    evidence = tuple(
        Evidence(v.source, v.text[:80], f"published on {v.day}") for v in cast if v.day == best
    ) + tuple(
        Evidence(v.source, v.text[:80], f"says {v.day} instead: outvoted")
        for v in cast
        if v.day != best and v.weight >= 1.0
    )
    provenance = (
        Provenance.METADATA
        if any(v.day == best and v.source != "byline" for v in cast)
        else Provenance.CONTENT
    )
    return PublicationDate(day_interval(best), best, confidence, provenance, evidence)


def from_metadata(document: Document) -> PublicationDate | None:
    """The publisher's own date for ``document``, if it carries one."""
    return read_metadata(document)[0]


def read_metadata(
    document: Document, bylines: Sequence[Byline] = ()
) -> tuple[PublicationDate | None, list[Evidence]]:
    """The day the metadata (and the page's byline) vote for, and the date fields that
    could not be read (as evidence)."""
    cast, problems = votes(document, bylines)
    return decide(cast), problems
