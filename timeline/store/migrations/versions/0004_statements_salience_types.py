"""Entries as a reader keeps them: statements, kinds, salience, typed participants.

* ``events``: ``kind`` (happening or remarks), ``statements`` (what was said at it, JSON),
  ``participant_types`` (aligned with ``participants``), ``anchor_rule`` (the anchoring
  rule that dated it) and ``merge_signals`` (why it joined its entry);
* ``entries``: ``kind`` and ``salience`` (indexed: ``sort=salience``, ``min_salience``);
* ``entry_entities``: ``type`` (person, organisation, place, other; indexed for
  ``entity_type``).

Existing rows get the defaults (a happening, salience 0, type ``other``); re-ingesting or
re-dating a document recomputes them.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(
            sa.Column("kind", sa.String(16), nullable=False, server_default="happening")
        )
        batch.add_column(sa.Column("statements", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("participant_types", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("anchor_rule", sa.String(40), nullable=True))
        batch.add_column(sa.Column("merge_signals", sa.JSON(), nullable=True))
    with op.batch_alter_table("entries") as batch:
        batch.add_column(
            sa.Column("kind", sa.String(16), nullable=False, server_default="happening")
        )
        batch.add_column(sa.Column("salience", sa.Double(), nullable=False, server_default="0.0"))
        batch.create_index("ix_entries_salience", ["salience"])
    with op.batch_alter_table("entry_entities") as batch:
        batch.add_column(sa.Column("type", sa.String(16), nullable=False, server_default="other"))
        batch.create_index("ix_entry_entities_type", ["type"])


def downgrade() -> None:
    with op.batch_alter_table("entry_entities") as batch:
        batch.drop_index("ix_entry_entities_type")
        batch.drop_column("type")
    with op.batch_alter_table("entries") as batch:
        batch.drop_index("ix_entries_salience")
        batch.drop_column("salience")
        batch.drop_column("kind")
    with op.batch_alter_table("events") as batch:
        for column in ("merge_signals", "anchor_rule", "participant_types", "statements", "kind"):
            batch.drop_column(column)
