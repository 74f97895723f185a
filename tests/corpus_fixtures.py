"""The corpora the tests read, and their stand-ins in ``fixtures/corpora``.

The corpora come from one setting, ``TIMELINE_CORPORA`` (default ``../shared/corpora``
beside the clone; a relative path is taken from the repository root), read by
``timeline.evaluation.corpora`` as the bench scripts read it.  ``corpus_dir`` skips
a test with the reason when a corpus is absent, except under ``CI=true`` where that is a
failure: CI always has the corpora, so a missing one there means a broken checkout, not an
optional extra.  A module of its own (not ``conftest``) so test modules can import the
types: every test folder's ``conftest`` is a module named ``conftest``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from timeline.evaluation.corpora import SETTING as CORPORA_SETTING
from timeline.evaluation.corpora import corpora_root

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_CORPORA = ROOT / "fixtures" / "corpora"
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
