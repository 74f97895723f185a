"""Fixtures every test folder can use: the TimeML fixtures and the corpora.

``fixtures/corpora`` holds small stand-ins with the corpora's layout (``tbaq/TimeBank``,
``tbaq/AQUAINT``, ``timeline-trial/documents`` and ``gold-timelines``), written for these
tests.  The ``tbaq`` and ``trial`` fixtures run each test on the stand-in (always) and on
the real corpus (when ``TIMELINE_CORPORA`` has it; see ``corpus_fixtures``), so the TimeML
reader and writer and both scorers are exercised in any clone.
"""

from __future__ import annotations

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

FIXTURES = ROOT / "fixtures" / "timeml"

# Hypothesis' defaults time every example (a 200 ms deadline) and flag slow data
# generation: wall-clock checks that fail on a busy machine without any regression.
# Tests that set their own ``@settings`` keep these two unless they say otherwise.
settings.register_profile("timeline", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("timeline")


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
