"""Each event's same-document coreference number (``Event.coref``), and each document
indexed under the full names its text uses.

Mentions of one happening in one article share an entry (``same_document_coreference``).
Entries are re-derived from the stored events whenever their blocking key is touched, so
that the timeline is the same whatever the order documents arrived in (#16.4); that needs
the coreference the extractor found, which was used once at insert and not kept.  NULL for
events stored before this revision (they keep the entries they were given, and count as
not coreferent when their entries are re-derived).

``document_names`` also lists the full names a document's text uses by itself (recorded in
its metadata under ``full_names`` at ingest), so that the corpus step finds the components
new documents join through the index; filled here for the documents that recorded them.

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
    _backfill_full_names()


def _backfill_full_names() -> None:
    from timeline.store.index import FULL_NAMES_KEY, document_name_keys

    connection = op.get_bind()
    documents = sa.table("documents", sa.column("id", sa.Integer), sa.column("metadata", sa.JSON))
    names = sa.table(
        "document_names", sa.column("name_key", sa.Text), sa.column("document_id", sa.Integer)
    )
    present = {
        (n, d) for n, d in connection.execute(sa.select(names.c.name_key, names.c.document_id))
    }
    missing: set[tuple[str, int]] = set()
    for document_id, metadata in connection.execute(
        sa.select(documents.c.id, documents.c.metadata)
    ):
        recorded = (metadata or {}).get(FULL_NAMES_KEY)
        if isinstance(recorded, list):
            for name in document_name_keys([[str(n) for n in recorded]]):
                if (name, document_id) not in present:
                    missing.add((name, document_id))
    if missing:
        connection.execute(
            sa.insert(names), [{"name_key": n, "document_id": d} for n, d in sorted(missing)]
        )


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("coref")
