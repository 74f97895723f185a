"""Persistence: documents, their analyses and the merged timeline (see ``contract.md``).

SQLite (default, zero setup) and PostgreSQL share one schema, managed by the Alembic
migrations shipped in ``migrations/``; call ``Store.migrate()`` once at startup.
"""

from timeline.store.engine import database_url
from timeline.store.queries import EntryKey, EntryQuery
from timeline.store.repository import Store
from timeline.store.unit_of_work import DocumentRecord, IngestResult, StoreChanged, UnitOfWork

__all__ = [
    "DocumentRecord",
    "EntryKey",
    "EntryQuery",
    "IngestResult",
    "Store",
    "StoreChanged",
    "UnitOfWork",
    "database_url",
]
