"""Where the evaluation corpora are: one setting, ``TIMELINE_CORPORA``, for every reader.

The tests (``tests/corpus_fixtures.py``), every ``bench/`` script and the ``scripts/`` that
read TBAQ, the TimeLine trial data or the htmldate pages ask this module, so pointing
``TIMELINE_CORPORA`` at a folder moves all of them at once, and none writes the default
again.  The default is ``../shared/corpora`` beside the checkout; a relative setting is
taken from the repository root (not the working directory), so a script behaves the same
wherever it is started from.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

SETTING = "TIMELINE_CORPORA"
# the checkout this package is imported from (an editable install, as `make` makes)
REPOSITORY = Path(__file__).resolve().parents[2]


def corpora_root(environ: Mapping[str, str] | None = None) -> Path:
    """``$TIMELINE_CORPORA`` (relative to the repository root), else ``../shared/corpora``."""
    configured = (os.environ if environ is None else environ).get(SETTING, "").strip()
    if not configured:
        return REPOSITORY.parent / "shared" / "corpora"
    path = Path(configured).expanduser()
    return path if path.is_absolute() else REPOSITORY / path


def corpus_path(*parts: str) -> Path:
    """A corpus (or a folder in one) under :func:`corpora_root`; it may not exist."""
    return corpora_root().joinpath(*parts)
