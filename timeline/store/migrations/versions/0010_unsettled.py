"""Documents whose neighbourhood is still to be settled (``tables.UnsettledRow``).

Ingest no longer re-dates the stored documents a new one is related to inside the ingest
call: the new documents are recorded here, in the transaction that stores them, and the
settle job (``timeline.settling``) re-dates their components and deletes the rows.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-08
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "unsettled",
        sa.Column("document_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column(
            "queued_at",
            sa.DateTime(timezone=True),
            nullable=False,
            server_default=sa.func.now(),
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name="fk_unsettled_document_id_documents",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", name="pk_unsettled"),
    )


def downgrade() -> None:
    op.drop_table("unsettled")
