"""The candidate index: what a new document can touch, found by index instead of by scan.

* ``events.merge_key``: ``<entry's blocking key>|<event family>`` of every event attached
  to an entry.  A new event can only join an entry of its own blocking key through an
  event of its own family (``merge.merge_signals`` compares families first), so its merge
  candidates are the events of its ``merge_key``, narrowed by interval containment in SQL
  (``ix_events_merge_key_start_end``) instead of every event of the entries of its year.
* ``document_names``: the multi-word participant names of each document (casefolded):
  the stored documents a new one can re-date are those sharing such a name
  (``timeline.pipeline``), found through this table instead of by loading every document.

Both are filled here from the stored events (their families computed by the code of this
revision: a later change to ``merge.event_family`` needs a migration re-keying them).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 2000


def upgrade() -> None:
    op.add_column("events", sa.Column("merge_key", sa.String(96), nullable=True))
    op.create_index(
        "ix_events_merge_key_start_end", "events", ["merge_key", "start", "end"], unique=False
    )
    op.create_table(
        "document_names",
        sa.Column("name_key", sa.Text(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_document_names_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("name_key", "document_id", name=op.f("pk_document_names")),
    )
    op.create_index(
        op.f("ix_document_names_document_id"), "document_names", ["document_id"], unique=False
    )
    _backfill()


def _backfill() -> None:
    from timeline.events.merge import event_family
    from timeline.model import Anchoring, Event, EventKind
    from timeline.store.index import document_name_keys

    bind = op.get_bind()
    events = sa.table(
        "events",
        sa.column("document_id", sa.Integer),
        sa.column("ordinal", sa.Integer),
        sa.column("entry_id", sa.Integer),
        sa.column("char_start", sa.Integer),
        sa.column("char_end", sa.Integer),
        sa.column("trigger", sa.Text),
        sa.column("sentence", sa.Text),
        sa.column("sentence_start", sa.Integer),
        sa.column("participants", sa.JSON),
        sa.column("anchoring", sa.String),
        sa.column("kind", sa.String),
        sa.column("merge_key", sa.String),
    )
    entries = sa.table("entries", sa.column("id", sa.Integer), sa.column("blocking_key", sa.String))
    names = sa.table(
        "document_names", sa.column("name_key", sa.Text), sa.column("document_id", sa.Integer)
    )
    after = (0, -1)
    while True:
        rows = bind.execute(
            sa.select(events, entries.c.blocking_key)
            .outerjoin(entries, entries.c.id == events.c.entry_id)
            .where(sa.tuple_(events.c.document_id, events.c.ordinal) > sa.tuple_(*after))
            .order_by(events.c.document_id, events.c.ordinal)
            .limit(_BATCH)
        ).all()
        if not rows:
            return
        keys: list[dict[str, object]] = []
        found: set[tuple[str, int]] = set()
        for row in rows:
            found.update((n, row.document_id) for n in document_name_keys([row.participants]))
            if row.entry_id is None or row.blocking_key is None:
                continue
            event = Event(
                char_start=row.char_start,
                char_end=row.char_end,
                trigger=row.trigger,
                sentence=row.sentence,
                sentence_start=row.sentence_start,
                participants=tuple(row.participants or ()),
                interval=None,
                value=None,
                anchoring=Anchoring(row.anchoring),
                kind=EventKind(row.kind or EventKind.HAPPENING.value),
            )
            keys.append(
                {
                    "d": row.document_id,
                    "o": row.ordinal,
                    "k": f"{row.blocking_key}|{event_family(event)}",
                }
            )
        if keys:
            bind.execute(
                events.update()
                .where(events.c.document_id == sa.bindparam("d"))
                .where(events.c.ordinal == sa.bindparam("o"))
                .values(merge_key=sa.bindparam("k")),
                keys,
            )
        known = {
            (n, d)
            for n, d in bind.execute(
                sa.select(names.c.name_key, names.c.document_id).where(
                    names.c.document_id.in_(sorted({d for _, d in found}))
                )
            ).all()
        }
        fresh = sorted(found - known)
        if fresh:
            bind.execute(names.insert(), [{"name_key": n, "document_id": d} for n, d in fresh])
        after = (rows[-1].document_id, rows[-1].ordinal)


def downgrade() -> None:
    op.drop_index(op.f("ix_document_names_document_id"), table_name="document_names")
    op.drop_table("document_names")
    op.drop_index("ix_events_merge_key_start_end", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("merge_key")
