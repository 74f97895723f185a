"""What every ``timeline`` command shares: the ``--db`` option, opening the store, turning
expected failures into one-line messages, and parsing a day.

Kept apart from ``timeline.cli`` so that command modules (``timeline.commands.*``) can use
them without importing the CLI entry point (which imports them back).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import wraps
from typing import Any, TypeVar

import click

from timeline.ingest import IngestError
from timeline.store import Store, database_url
from timeline.store.errors import DATABASE_ERRORS, database_message
from timeline.temporal.values import parse_period

F = TypeVar("F", bound=Callable[..., Any])


db_option = click.option(
    "--db",
    "db_url",
    metavar="URL",
    envvar="TIMELINE_DATABASE_URL",
    default=None,
    help="Database URL (default: $TIMELINE_DATABASE_URL or sqlite:///timeline.db).",
)


def _check_dates(_: click.Context, __: click.Parameter, value: bool) -> bool:
    """``--check-dates``: the setting for the whole process (and the processes it starts)."""
    if value:
        from timeline.dating import CHECK_METADATA_ENV

        os.environ[CHECK_METADATA_ENV] = "1"
    return value


check_dates_option = click.option(
    "--check-dates",
    is_flag=True,
    expose_value=False,
    callback=_check_dates,
    help="Check a publisher's date against the text's own (a content search; flags a "
    "metadata-conflict) instead of using it as it is [env TIMELINE_CHECK_METADATA_DATES=1].",
)


def user_errors(func: F) -> F:
    """Turn expected failures into a one-line message and exit status 1 or 2."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (IngestError, ValueError) as error:
            raise click.ClickException(str(error)) from error
        except DATABASE_ERRORS as error:
            raise click.ClickException(f"database error: {database_message(error)}") from error

    return wrapper  # type: ignore[return-value]


@contextmanager
def open_store(db_url: str | None) -> Iterator[Store]:
    store = Store(database_url(db_url))
    try:
        store.migrate()
        yield store
    finally:
        store.close()


def echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def parse_day(text: str) -> date:
    interval = parse_period(text)
    if interval.days != 1:
        raise ValueError(f"{text!r} is not a day: use YYYY-MM-DD")
    return interval.start
