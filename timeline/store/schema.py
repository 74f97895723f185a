"""Where a database's schema stands against the shipped migrations, for readiness checks
and ``timeline migrate``.

``Store.migrate()`` brings a database to the head revision; a server that started against
an older schema (a deployment that forgot to migrate, or a second app version sharing the
database) must say it is not ready instead of failing on its first query.  Reads only: it
never migrates.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


@dataclass(frozen=True)
class SchemaState:
    """The revisions a database is at, and the revisions the code expects (the heads)."""

    current: tuple[str, ...]
    heads: tuple[str, ...]

    @property
    def at_head(self) -> bool:
        return set(self.current) == set(self.heads)

    def describe(self) -> str:
        now = f"schema {', '.join(self.current)}" if self.current else "no schema"
        return f"{now}; code expects {', '.join(self.heads)}"


def migration_heads() -> tuple[str, ...]:
    """The head revision(s) of the migrations shipped with this code."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    return tuple(sorted(ScriptDirectory.from_config(config).get_heads()))


def schema_state(engine: Engine) -> SchemaState:
    """Read the database's ``alembic_version`` (one short read transaction)."""
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_heads()
    return SchemaState(tuple(sorted(current)), migration_heads())
