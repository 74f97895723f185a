"""Each event's same-document coreference number (``Event.coref``).

Mentions of one happening in one article share an entry (``same_document_coreference``).
Entries are re-derived from the stored events whenever their blocking key is touched, so
that the timeline is the same whatever the order documents arrived in (#16.4); that needs
the coreference the extractor found, which was used once at insert and not kept.  NULL for
events stored before this revision (they keep the entries they were given, and count as
not coreferent when their entries are re-derived).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("events", sa.Column("coref", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("coref")
