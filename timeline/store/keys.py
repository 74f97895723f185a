"""The normalised keys the store indexes and locks by, shared by its writes and queries.

Computed in Python for both what is stored and what is asked, so SQLite and PostgreSQL
agree on every match.
"""

from __future__ import annotations

import hashlib
from datetime import date

from timeline.model import Interval

# Advisory lock ids are a shared 64-bit namespace in a PostgreSQL database; derive ours
# from prefixed names so they are unlikely to collide with another application's.
_LOCK_PREFIX = b"timeline.store:"


def lock_id(name: str) -> int:
    """The PostgreSQL advisory lock id of ``name``."""
    digest = hashlib.blake2b(_LOCK_PREFIX + name.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


# Held while migrating, so concurrent starts (several API workers) migrate one at a time.
MIGRATE_LOCK = lock_id("migrate")
# Held by every write transaction: shared by single-document writes (which serialise
# among themselves per blocking key), exclusive by a unit of work (see ``unit_of_work``).
WRITER_LOCK = lock_id("writer")


def blocking_lock(key: str) -> int:
    """The advisory lock of one blocking key (see ``timeline.store.entries``)."""
    return lock_id(f"key:{key}")


def entity_key(name: str) -> str:
    """The normalised form of an entity name used for matching ("Putin" == "PUTIN ").

    Whitespace runs collapse to one space and case is folded (``str.casefold``, so "ß"
    matches "SS").
    """
    return " ".join(name.split()).casefold()


# The largest span class a calendar interval can have: ceil(log2(days from 0001 to 9999)).
MAX_SPAN_CLASS = (date.max - date.min).days.bit_length()


def span_class(interval: Interval) -> int:
    """``ceil(log2(days))`` of an interval: its entries start at most ``2**c`` days before
    any day they cover, which is what lets overlap queries use an index (``tables``)."""
    return (interval.days - 1).bit_length()
