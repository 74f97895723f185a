"""The publisher's own day for a timestamp written in UTC.

Many pages write their publication time in UTC ("2023-11-09T01:49:09Z",
"+00:00"), while the day a reader sees on the page, and the day the story is dated by,
is the publisher's local day.  A UTC stamp is moved to the publisher's day when the page
says which zone that is:

* **the zone the page writes elsewhere**: another stamp with a non-zero offset
  ("2023-11-08T21:11:03-05:00") gives the publisher's offset;
* **the same instant on the local clock**: a stamp without a zone whose minutes and
  seconds are the UTC stamp's ("2023-11-08 17:49:09" beside "2023-11-09T01:49:09Z")
  is that instant in local time, hours apart;
* **a day entered at local midnight**: a stamp on the hour from 15:00 to 23:00 UTC with
  no minutes or seconds ("2021-11-04T23:00Z") is midnight in a zone east of Greenwich
  (UTC+1 to UTC+9), the way a content system stores a date typed without a time: the
  next day.  ("12:00:00" is not: noon is a default time of its own.)

Otherwise a stamp near midnight (from 21:00 to 03:00 UTC) may still be the neighbouring
local day, which ``signals.metadata`` lets vote half as much.

Examples:

* "2023-11-09T02:11:03+00:00" with "2023-11-08T21:11:03-05:00" on the page -> 2023-11-08
* "2023-11-09T05:30:59Z" with "2023-11-08 23:30:59" on the page -> 2023-11-08
* "2021-11-04T23:00Z" alone -> 2021-11-05 (local midnight)
* "2023-10-30T12:00:00+00:00" alone -> nothing (noon)
* "2023-11-08T23:16:45+00:00" with "-08:00" elsewhere -> 2023-11-08 (15:16 local)
* "2023-10-10T23:25:44+00:00" alone -> no zone known: left to the near-midnight rule
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

_STAMP = re.compile(
    r"^(?P<d>\d{4}-\d{2}-\d{2})[T ](?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?(?:\.\d+)?\s*"
    r"(?P<zone>Z|[+-]\d{2}:?\d{2})?$"
)
MAX_OFFSET = timedelta(hours=14)  # the widest zone offsets (UTC-12 to UTC+14)
# UTC hours that are a local midnight east of Greenwich (UTC+1 to UTC+9: Europe to
# Japan); noon and the early afternoon are left out, noon being a default time of its own
_EAST_MIDNIGHT_HOURS = (15, 23)


@dataclass(frozen=True, slots=True)
class Stamp:
    """A timestamp as written: its clock time, and its offset from UTC if it says one."""

    when: datetime
    offset: timedelta | None  # None: no zone written (local time, presumably)
    seconds_written: bool

    @property
    def utc(self) -> bool:
        return self.offset == timedelta(0)


def read_stamp(raw: str) -> Stamp | None:
    """A date with a time of day ("2023-11-09T01:49:09Z", "2023-11-08 17:49:09")."""
    m = _STAMP.match(raw.strip())
    if m is None:
        return None
    try:
        when = datetime.fromisoformat(f"{m['d']}T{m['h']}:{m['mi']}:{m['s'] or '00'}")
    except ValueError:
        return None
    zone = m["zone"]
    offset: timedelta | None = None
    if zone == "Z":
        offset = timedelta(0)
    elif zone:
        digits = zone[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        offset = -offset if zone[0] == "-" else offset
    return Stamp(when, offset, m["s"] is not None)


def publisher_offset(raws: Iterable[str]) -> timedelta | None:
    """The publisher's offset from UTC, from the stamps a page writes: a non-zero offset,
    else a zoneless stamp of the same instant as a UTC one (same minutes and seconds)."""
    stamps = [s for s in (read_stamp(r) for r in raws) if s is not None]
    for stamp in stamps:
        if stamp.offset is not None and stamp.offset != timedelta(0):
            return stamp.offset
    for utc in (s for s in stamps if s.utc and s.seconds_written):
        for local in (s for s in stamps if s.offset is None and s.seconds_written):
            gap = local.when - utc.when
            if (
                gap != timedelta(0)
                and abs(gap) <= MAX_OFFSET
                and gap % timedelta(minutes=15) == timedelta(0)
            ):
                return gap
    return None


def local_day(raw: str, offset: timedelta | None) -> date | None:
    """The publisher's day for the UTC stamp ``raw``, when the page says it (see the module
    docstring); None for a stamp that is not in UTC or whose local day is unknown."""
    stamp = read_stamp(raw)
    if stamp is None or not stamp.utc:
        return None
    if offset is not None:
        return (stamp.when + offset).date()
    at_midnight_east = (
        _EAST_MIDNIGHT_HOURS[0] <= stamp.when.hour <= _EAST_MIDNIGHT_HOURS[1]
        and stamp.when.minute == 0
        and stamp.when.second == 0
    )
    return stamp.when.date() + timedelta(days=1) if at_midnight_east else None
