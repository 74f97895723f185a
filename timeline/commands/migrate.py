"""``timeline migrate``: bring the database schema to the migrations' head, or check it.

Every command and the server migrate on start already; this is for deployments that
migrate as a step of their own (before starting new servers, with a privileged database
user), and ``--check`` for scripts that must know whether a database is current without
changing it.
"""

from __future__ import annotations

import click

from timeline.commands.common import db_option, user_errors
from timeline.store import Store, database_url
from timeline.store.schema import schema_state


@click.command()
@click.option("--check", is_flag=True, help="Only report; exit 1 when not at the head.")
@db_option
@user_errors
def migrate(check: bool, db_url: str | None) -> None:
    """Upgrade the database schema to the latest migration (or --check it)."""
    with Store(database_url(db_url)) as store:
        before = schema_state(store.engine)
        if check:
            click.echo(before.describe())
            if not before.at_head:
                raise SystemExit(1)
            return
        store.migrate()
        after = schema_state(store.engine)
    if before.current == after.current:
        click.echo(f"schema already at head ({', '.join(after.current)})")
    else:
        now = ", ".join(before.current) or "empty"
        click.echo(f"schema upgraded from {now} to {', '.join(after.current)}")


COMMANDS = [migrate]
