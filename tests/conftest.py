"""Fixtures every test folder can use: the TimeML fixtures, the corpora, migrated databases.

``fixtures/corpora`` holds small stand-ins with the corpora's layout (``tbaq/TimeBank``,
``tbaq/AQUAINT``, ``timeline-trial/documents`` and ``gold-timelines``), written for these
tests.  The ``tbaq`` and ``trial`` fixtures run each test on the stand-in (always) and on
the real corpus (when ``TIMELINE_CORPORA`` has it; see ``corpus_fixtures``), so the TimeML
reader and writer and both scorers are exercised in any clone.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import uuid
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from corpus_fixtures import (
    FIXTURE_TBAQ,
    FIXTURE_TRIAL,
    ROOT,
    TbaqCorpus,
    TrialCorpus,
    corpus_dir,
    real_tbaq,
    real_trial,
)
from hypothesis import HealthCheck, settings

from timeline.store import Store

FIXTURES = ROOT / "fixtures" / "timeml"

# Hypothesis' defaults time every example (a 200 ms deadline) and flag slow data
# generation: wall-clock checks that fail on a busy machine without any regression.
# Tests that set their own ``@settings`` keep these unless they say otherwise.
# ``make test`` draws the same examples on every run (derandomize: seeded from each test),
# so it passes or fails the same way in any clone and in CI; a property that a new draw
# could break is found on purpose with HYPOTHESIS_PROFILE=explore (fresh examples each run,
# failures kept in .hypothesis/ and replayed), not by a newcomer's unlucky run.
_QUIET = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("timeline", derandomize=True, database=None, **_QUIET)
settings.register_profile("explore", **_QUIET)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "timeline"))


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(params=["fixtures", "corpus"])
def tbaq(request: pytest.FixtureRequest) -> TbaqCorpus:
    """The stand-in in ``fixtures/corpora/tbaq``, then the real TBAQ (skips without it)."""
    return FIXTURE_TBAQ if request.param == "fixtures" else real_tbaq()


@pytest.fixture(params=["fixtures", "corpus"])
def trial(request: pytest.FixtureRequest) -> TrialCorpus:
    """The stand-in in ``fixtures/corpora/timeline-trial``, then the real trial data."""
    return FIXTURE_TRIAL if request.param == "fixtures" else real_trial()


@pytest.fixture
def tbaq_dir() -> Path:
    """TimeBank + AQUAINT (TBAQ-cleaned): ``TimeBank/`` and ``AQUAINT/``, 256 files."""
    return corpus_dir("tbaq")


@pytest.fixture
def meantime_dir() -> Path:
    """MEANTIME's annotation of the 30 WikiNews Apple articles (CAT XML)."""
    return corpus_dir("timeline-trial", "meantime-annotated")


@pytest.fixture
def trial_dir() -> Path:
    """The 30 SemEval-2015 TimeLine trial documents."""
    return corpus_dir("timeline-trial", "documents")


# -- migrated databases ----------------------------------------------------------------------
#
# Migrating a database costs more than most tests that use one, so a session migrates one
# SQLite file once and each test gets its own copy (with its own random epoch, as a fresh
# database has): every test still starts from a private, empty, migrated database.


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to head, once per session: copy it, never open it."""
    path = tmp_path_factory.mktemp("template") / "migrated.db"
    with Store(f"sqlite:///{path}") as store:
        store.migrate()
    with closing(sqlite3.connect(path)) as connection:  # one file, no WAL beside it
        connection.execute("PRAGMA journal_mode=DELETE")
    return path


def copy_migrated_sqlite(template: Path, path: Path) -> str:
    """``template`` copied to ``path`` with an epoch of its own; the copy's URL."""
    shutil.copyfile(template, path)
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("UPDATE store_state SET epoch = ?", (uuid.uuid4().hex,))
    return f"sqlite:///{path}"


@pytest.fixture(scope="session")
def migrated_sqlite_at(sqlite_template: Path) -> Callable[[Path], str]:
    """``migrated_sqlite_at(path)``: a copy of the migrated template at ``path``; its URL."""
    return lambda path: copy_migrated_sqlite(sqlite_template, path)


@pytest.fixture
def migrated_sqlite(sqlite_template: Path, tmp_path: Path) -> str:
    """The URL of this test's own empty SQLite database, migrated to head."""
    return copy_migrated_sqlite(sqlite_template, tmp_path / "migrated.db")
