"""Paths of the TimeML fixtures and of the shared corpora (``../shared/corpora``).

The corpus tests skip when the corpora are absent, except under ``CI=true`` where that is
a failure: CI always has ``shared/`` beside the clone, so a missing corpus there means a
broken checkout, not an optional extra.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures" / "timeml"
CORPORA = ROOT.parent / "shared" / "corpora"


def corpus_dir(*parts: str) -> Path:
    """``CORPORA/parts``, or skip (fail under CI=true) when it is not there."""
    path = CORPORA.joinpath(*parts)
    if not path.is_dir():
        message = f"corpus not found: {path}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def tbaq_dir() -> Path:
    """TimeBank + AQUAINT (TBAQ-cleaned): ``TimeBank/`` and ``AQUAINT/``, 256 files."""
    return corpus_dir("tbaq")


@pytest.fixture
def trial_dir() -> Path:
    """The 30 SemEval-2015 TimeLine trial documents."""
    return corpus_dir("timeline-trial", "documents")
