"""Query columns and indexes for the API: span classes, entry confidence, entity words,
the store's change counter.

* ``entries.span_class`` + index ``(span_class, start, end, id)``: overlap queries become one
  short index range per class instead of a scan of everything that starts before the range;
* ``ix_entries_start_end`` becomes ``(start, end, id)``, the full timeline order, so a page
  needs no sort;
* ``entries.confidence``: how sure the entry's time is (``min_confidence`` filter);
* ``entry_entities.first_word``/``last_word`` + indexes: "Putin" finds "Vladimir Putin"
  without a ``LIKE '% putin'`` scan;
* ``store_state``: one row with a random epoch and a revision bumped by every write (ETags).

Existing rows are back-filled here.  Columns are added with server defaults rather than
rebuilt through a batch copy: rebuilding ``entries`` on SQLite would drop a table other
tables reference, which foreign keys forbid inside the migration's transaction.

Revision ID: 0002
Revises: 0001
Create Date: 2025-11-22
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Same rule as ``timeline.store.entries.entry_confidence``, in SQL: an expression is
# absolute when its underspecified form has no direction (``dir=`` is written exactly for
# the values that need a reference date).
_BACKFILL_CONFIDENCE = """
UPDATE entries SET confidence = CASE
  WHEN EXISTS (
    SELECT 1 FROM events ev
    JOIN expressions ex ON ex.document_id = ev.document_id AND ex.ordinal = ev.timex_index
    WHERE ev.entry_id = entries.id AND ev.anchoring = 'timex'
      AND ex.underspecified NOT LIKE '%dir=%'
  ) THEN 1.0
  ELSE COALESCE((
    SELECT MIN(COALESCE(d.published_confidence, 0.0)) FROM events ev
    JOIN documents d ON d.id = ev.document_id
    WHERE ev.entry_id = entries.id
  ), 0.0)
END
"""


def upgrade() -> None:
    op.add_column(
        "entries",
        sa.Column("span_class", sa.SmallInteger(), server_default=sa.text("0"), nullable=False),
    )
    op.add_column(
        "entries",
        sa.Column("confidence", sa.Double(), server_default=sa.text("1.0"), nullable=False),
    )
    op.add_column(
        "entry_entities",
        sa.Column("first_word", sa.Text(), server_default=sa.text("''"), nullable=False),
    )
    op.add_column(
        "entry_entities",
        sa.Column("last_word", sa.Text(), server_default=sa.text("''"), nullable=False),
    )
    op.create_table(
        "store_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("epoch", sa.String(length=32), nullable=False),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_store_state"),
    )

    connection = op.get_bind()
    connection.execute(
        sa.text("INSERT INTO store_state (id, epoch, revision) VALUES (1, :epoch, 0)"),
        {"epoch": uuid.uuid4().hex},
    )
    entries = connection.execute(sa.text('SELECT id, start, "end" FROM entries')).all()
    if entries:
        connection.execute(
            sa.text("UPDATE entries SET span_class = :c WHERE id = :id"),
            [{"id": row.id, "c": _span_class(row.start, row.end)} for row in entries],
        )
        connection.execute(sa.text(_BACKFILL_CONFIDENCE))
    names = connection.execute(sa.text("SELECT entry_id, name_key FROM entry_entities")).all()
    if names:
        connection.execute(
            sa.text(
                "UPDATE entry_entities SET first_word = :f, last_word = :l "
                "WHERE entry_id = :e AND name_key = :k"
            ),
            [
                {
                    "e": row.entry_id,
                    "k": row.name_key,
                    "f": _words(row.name_key)[0],
                    "l": _words(row.name_key)[1],
                }
                for row in names
            ],
        )

    op.drop_index("ix_entries_start_end", table_name="entries")
    op.create_index("ix_entries_start_end_id", "entries", ["start", "end", "id"])
    op.create_index(
        "ix_entries_span_class_start_end_id", "entries", ["span_class", "start", "end", "id"]
    )
    op.create_index(
        "ix_entry_entities_first_word_name_key", "entry_entities", ["first_word", "name_key"]
    )
    op.create_index(
        "ix_entry_entities_last_word_name_key", "entry_entities", ["last_word", "name_key"]
    )


def downgrade() -> None:
    op.drop_index("ix_entry_entities_last_word_name_key", table_name="entry_entities")
    op.drop_index("ix_entry_entities_first_word_name_key", table_name="entry_entities")
    op.drop_index("ix_entries_span_class_start_end_id", table_name="entries")
    op.drop_index("ix_entries_start_end_id", table_name="entries")
    op.create_index("ix_entries_start_end", "entries", ["start", "end"])
    op.drop_table("store_state")
    op.drop_column("entry_entities", "last_word")
    op.drop_column("entry_entities", "first_word")
    op.drop_column("entries", "confidence")
    op.drop_column("entries", "span_class")


def _span_class(start: object, end: object) -> int:
    """``ceil(log2(days))``; SQLite hands dates back as ISO strings here (no type info)."""
    from datetime import date

    lo = start if isinstance(start, date) else date.fromisoformat(str(start))
    hi = end if isinstance(end, date) else date.fromisoformat(str(end))
    return max((hi - lo).days - 1, 0).bit_length()


def _words(name_key: str) -> tuple[str, str]:
    words = name_key.split(" ")
    return words[0], words[-1]
