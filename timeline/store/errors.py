"""What a failing database raises, as one tuple to catch at the edges (CLI, API probes).

SQLAlchemy wraps driver errors, but the store's hot read path runs on the bare driver
connection, so the drivers' own error types are included too.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError


def _database_errors() -> tuple[type[Exception], ...]:
    errors: list[type[Exception]] = [SQLAlchemyError, sqlite3.Error]
    try:
        import psycopg
    except ImportError:  # the PostgreSQL extra is optional
        pass
    else:
        errors.append(psycopg.Error)
    return tuple(errors)


DATABASE_ERRORS = _database_errors()


def database_message(error: BaseException) -> str:
    """The first line of the driver's message (SQLAlchemy's adds SQL and a link)."""
    message = str(getattr(error, "orig", None) or error) or type(error).__name__
    return message.splitlines()[0]


def _unavailable_errors() -> tuple[type[Exception], ...]:
    errors: list[type[Exception]] = [OperationalError, InterfaceError, sqlite3.OperationalError]
    try:
        import psycopg
    except ImportError:
        pass
    else:
        errors += [psycopg.OperationalError, psycopg.InterfaceError]
    return tuple(errors)


# The database itself is unavailable (down, unreachable, locked, out of space): every
# further write would fail the same way, unlike a value one document cannot store.
UNAVAILABLE_ERRORS = _unavailable_errors()
