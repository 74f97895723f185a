"""Alembic environment for the store's migrations.

``Store.migrate()`` builds the Alembic ``Config`` in code and passes its own connection in
``config.attributes["connection"]``: that is what makes migrations work on in-memory SQLite
(a second connection would see an empty database) and inside whatever PostgreSQL
``search_path`` the caller's engine uses.  Run from the command line
(``alembic -c timeline/store/alembic.ini ...``, e.g. to write the next revision) the
environment opens its own engine on ``sqlalchemy.url`` or ``database_url()``.
"""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy.engine import Connection

from timeline.store.engine import create_engine, database_url, normalise_url, writer
from timeline.store.tables import Base

config = context.config
if config.config_file_name is not None:
    # Only when run from the command line: the library must not reconfigure logging.
    fileConfig(config.config_file_name, disable_existing_loggers=False)
target_metadata = Base.metadata


def _url() -> str:
    return config.get_main_option("sqlalchemy.url") or database_url()


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    """Emit the SQL for the chosen database instead of running it (``--sql``)."""
    context.configure(
        url=normalise_url(_url()),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    engine = create_engine(_url())
    try:
        with writer(engine).begin() as own_connection:
            _configure(own_connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
