"""The language each document is written in (``timeline.language``).

``documents.language``: the ISO 639-1 code ingest detected, NULL while undetermined (a text
too short or too mixed to tell, and every document stored before this revision: detecting
them here would run the detector over the whole store inside the migration).  Re-ingesting
leaves a stored document as it is; ``DELETE`` and ingest again to detect an old one.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("documents", sa.Column("language", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("language")
