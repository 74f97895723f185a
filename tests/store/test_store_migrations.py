"""Schema management and engine configuration of the store."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from timeline.model import AnalysedDocument, Anchoring, Document, Event, Granularity, Interval
from timeline.store import Store, database_url
from timeline.store.engine import DEFAULT_URL, ENV_VAR, normalise_url
from timeline.store.repository import MIGRATIONS_DIR
from timeline.store.tables import Base


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def _head() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def _current(store: Store) -> str | None:
    with store.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _diffs(store: Store) -> list[object]:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def _one_event_document(text: str, trigger: str = "signed") -> AnalysedDocument:
    start = date(2025, 9, 2)
    interval = Interval(start, start + timedelta(days=1), Granularity.DAY)
    offset = text.index(trigger)
    event = Event(
        offset,
        offset + len(trigger),
        trigger,
        text,
        0,
        ("Xi",),
        interval,
        "2025-09-02",
        Anchoring.TIMEX,
    )
    return AnalysedDocument(Document(name="doc.txt", text=text), [], [], [event])


def test_migrated_schema_matches_the_models(db_url: str) -> None:
    with Store(db_url) as store:
        assert _current(store) is None
        store.migrate()
        assert _current(store) == _head()
        assert _diffs(store) == []


def test_migrate_is_idempotent_and_keeps_data(store: Store) -> None:
    store.add(_one_event_document("Xi signed."))
    store.migrate()
    store.migrate()
    with Store(store.url) as other:  # another process starting up on the same database
        other.migrate()
        assert [d.name for d in other.documents()] == ["doc.txt"]
    assert _current(store) == _head()
    assert len(store.entries()) == 1


def test_downgrade_to_base_and_upgrade_again(db_url: str) -> None:
    # a database of its own (``db_url``, not the session's migrated one): it is taken apart
    with Store(db_url) as store:
        store.migrate()
        config = _config()
        with store.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
        assert set(sa.inspect(store.engine).get_table_names()) <= {"alembic_version"}
        store.migrate()
        assert _diffs(store) == []


def test_in_memory_sqlite_keeps_its_schema_across_sessions() -> None:
    with Store("sqlite:///:memory:") as store:
        store.migrate()
        assert store.add(_one_event_document("Xi signed.")).created
        assert [e.title for e in store.entries()] == ["Xi: signed"]
        assert _diffs(store) == []


def test_sqlite_connections_are_configured(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path}/t.db") as store, store.engine.connect() as connection:

        def pragma(name: str) -> object:
            return connection.exec_driver_sql(f"PRAGMA {name}").scalar()

        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") == 30_000


def test_sqlite_busy_timeout_is_configurable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIMELINE_SQLITE_BUSY_TIMEOUT_MS", "1234")
    with Store(f"sqlite:///{tmp_path}/t.db") as store, store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 1234


def test_sqlite_enforces_foreign_keys(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path}/t.db") as store:
        store.migrate()
        with pytest.raises(sa.exc.IntegrityError), store.engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO expressions (document_id, ordinal, char_start, char_end, text, "
                "type, value, underspecified) VALUES (42, 0, 0, 1, 'x', 'DATE', 'x', 'x')"
            )


def test_database_url_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert database_url() == DEFAULT_URL == "sqlite:///timeline.db"
    monkeypatch.setenv(ENV_VAR, "postgresql+psycopg://u@db/timeline")
    assert database_url() == "postgresql+psycopg://u@db/timeline"
    assert database_url("sqlite:///other.db") == "sqlite:///other.db"


@pytest.mark.parametrize(
    "url", ["postgresql://u@h/db", "postgres://u@h/db", "postgresql+psycopg://u@h/db"]
)
def test_postgresql_urls_use_psycopg3(url: str) -> None:
    assert normalise_url(url).drivername == "postgresql+psycopg"
