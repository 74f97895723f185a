"""Re-key timeline entries by year, the merge blocking key since events merge across
precisions (a day-level "Friday" report and a month-level "last month" report of one
summit).

``timeline.events.merge.blocking_key`` now returns the year of an interval's midpoint for
intervals of a year or less, and the interval itself (``start/end``) for wider ones.
Entries stored under the old keys (their exact interval) would never attract new reports,
so each entry's key is recomputed from its interval, with the same rule.

Revision ID: 0003
Revises: 0002
Create Date: 2025-11-22
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_YEAR_DAYS = 366
_entries = sa.table(
    "entries",
    sa.column("id", sa.Integer),
    sa.column("start", sa.Date),
    sa.column("end", sa.Date),
    sa.column("blocking_key", sa.String),
)


def _year_key(start: date, end: date) -> str:
    days = (end - start).days
    if days <= _YEAR_DAYS:
        return str((start + timedelta(days=days // 2)).year)
    return f"{start.isoformat()}/{end.isoformat()}"


def _interval_key(start: date, end: date) -> str:
    return f"{start.isoformat()}/{end.isoformat()}"


def _rekey(key_of: object) -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.select(_entries.c.id, _entries.c.start, _entries.c.end)).all()
    for row_id, start, end in rows:
        bind.execute(
            _entries.update()
            .where(_entries.c.id == row_id)
            .values(blocking_key=key_of(_as_date(start), _as_date(end)))  # type: ignore[operator]
        )


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def upgrade() -> None:
    _rekey(_year_key)


def downgrade() -> None:
    _rekey(_interval_key)
