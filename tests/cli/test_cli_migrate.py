"""``timeline migrate``: upgrade to the head, or only check."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from timeline.cli import main
from timeline.store.schema import migration_heads


def test_check_then_migrate_then_check(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'm.db'}"
    runner = CliRunner()
    head = ", ".join(migration_heads())
    check = runner.invoke(main, ["migrate", "--check", "--db", db])
    assert check.exit_code == 1 and check.output == f"no schema; code expects {head}\n"
    done = runner.invoke(main, ["migrate", "--db", db])
    assert done.exit_code == 0 and done.output == f"schema upgraded from empty to {head}\n"
    again = runner.invoke(main, ["migrate", "--db", db])
    assert again.output == f"schema already at head ({head})\n"
    check = runner.invoke(main, ["migrate", "--check", "--db", db])
    assert check.exit_code == 0 and check.output == f"schema {head}; code expects {head}\n"


def test_an_unreachable_database_is_one_line(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'missing' / 'm.db'}"
    result = CliRunner().invoke(main, ["migrate", "--db", db])
    assert result.exit_code == 1
    assert result.output.startswith("Error: database error: ") and "Traceback" not in result.output


def test_version_comes_from_the_package() -> None:
    from timeline import __version__

    result = CliRunner().invoke(main, ["--version"])
    assert result.output == f"timeline, version {__version__}\n"
