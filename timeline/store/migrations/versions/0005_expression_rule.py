"""Record the grammar rule that recognised each expression.

``expressions.rule`` names the tagger rule (and the composers applied) that built the
expression, e.g. ``month-day`` or ``ago(duration)`` (``timeline.temporal.rules``), so every
stored expression can be traced to the knowledge that produced it.  Rows tagged before
this migration have none: ``''`` (re-ingesting a document re-tags it).

Revision ID: 0005
Revises: 0004
Create Date: 2025-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "expressions",
        sa.Column("rule", sa.Text(), server_default=sa.text("''"), nullable=False),
    )


def downgrade() -> None:
    with op.batch_alter_table("expressions") as batch:
        batch.drop_column("rule")
