"""Paths of the TimeML fixtures and of the corpora, and the corpora the tests run on.

The corpora are read from one setting, ``TIMELINE_CORPORA`` (default ``../shared/corpora``
beside the clone; a relative path is taken from the repository root).  Tests that need a
real corpus skip with the reason when it is absent, except under ``CI=true`` where that
is a failure: CI always has the corpora, so a missing one there means a broken checkout,
not an optional extra.

``fixtures/corpora`` holds small stand-ins with the corpora's layout (``tbaq/TimeBank``,
``tbaq/AQUAINT``, ``timeline-trial/documents`` and ``gold-timelines``), written for these
tests.  The ``tbaq`` and ``trial`` fixtures run each test on the stand-in (always) and on
the real corpus (when it is there), so the TimeML reader and writer and both scorers are
exercised in any clone.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis' defaults time every example (a 200 ms deadline) and flag slow data
# generation: wall-clock checks that fail on a busy machine without any regression.
# Tests that set their own ``@settings`` keep these two unless they say otherwise.
settings.register_profile("timeline", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("timeline")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures" / "timeml"
FIXTURE_CORPORA = ROOT / "fixtures" / "corpora"
CORPORA_SETTING = "TIMELINE_CORPORA"


def corpora_root() -> Path:
    """``$TIMELINE_CORPORA`` (relative to the repository root), else ``../shared/corpora``."""
    configured = os.environ.get(CORPORA_SETTING, "").strip()
    if not configured:
        return ROOT.parent / "shared" / "corpora"
    path = Path(configured).expanduser()
    return path if path.is_absolute() else ROOT / path


CORPORA = corpora_root()


def under_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def corpus_dir(*parts: str) -> Path:
    """``CORPORA/parts``, or skip (fail under CI=true) when it is not there."""
    path = CORPORA.joinpath(*parts)
    if not path.is_dir():
        message = f"corpus not found: {path} (set {CORPORA_SETTING} to the corpora folder)"
        if under_ci():
            pytest.fail(message)
        pytest.skip(message)
    return path


@dataclass(frozen=True)
class TbaqCorpus:
    """TimeBank + AQUAINT (TBAQ-cleaned) or its stand-in, with what the tests expect of it."""

    root: Path
    files: Mapping[str, int]  # part ("TimeBank", "AQUAINT") -> .tml files
    timexes: Mapping[str, int]  # part -> gold TIMEX3 in TEXT
    min_relaxed_f1: float  # our tagger on TimeBank, a floor far below today's figure

    @property
    def total_files(self) -> int:
        return sum(self.files.values())


@dataclass(frozen=True)
class TrialCorpus:
    """The SemEval-2015 Task 4 trial data or its stand-in."""

    documents: Path
    gold: Path  # gold-timelines/
    files: int
    timelines: int
    min_f1: float  # the pipeline's micro F1 floor
    margin: float  # how far the pipeline must beat the first-verb baseline


FIXTURE_TBAQ = TbaqCorpus(
    FIXTURE_CORPORA / "tbaq",
    files={"TimeBank": 2, "AQUAINT": 1},
    timexes={"TimeBank": 10, "AQUAINT": 6},
    min_relaxed_f1=0.8,
)
FIXTURE_TRIAL = TrialCorpus(
    FIXTURE_CORPORA / "timeline-trial" / "documents",
    FIXTURE_CORPORA / "timeline-trial" / "gold-timelines",
    files=3,
    timelines=3,
    min_f1=0.6,
    margin=0.1,
)


def real_tbaq() -> TbaqCorpus:
    root = corpus_dir("tbaq")
    # TempEval-3 training data: TimeBank 183 files, 1243 TIMEX3; AQUAINT 73, 579
    files = {"TimeBank": 183, "AQUAINT": 73}
    return TbaqCorpus(root, files, {"TimeBank": 1243, "AQUAINT": 579}, min_relaxed_f1=0.5)


def real_trial() -> TrialCorpus:
    documents = corpus_dir("timeline-trial", "documents")
    gold = documents.parent / "gold-timelines"
    return TrialCorpus(documents, gold, files=30, timelines=6, min_f1=0.30, margin=0.1)


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
def trial_dir() -> Path:
    """The 30 SemEval-2015 TimeLine trial documents."""
    return corpus_dir("timeline-trial", "documents")
