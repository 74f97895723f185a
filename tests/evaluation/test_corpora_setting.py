"""One setting, ``TIMELINE_CORPORA``, says where the corpora are for the tests, every
``bench/`` script and ``scripts/``: none of them spells the default path again."""

from __future__ import annotations

import re
from pathlib import Path

from timeline.evaluation.corpora import REPOSITORY, SETTING, corpora_root

# "../shared/corpora" in code: a string that starts with it, or a chain of path parts
SPELLED_DEFAULT = re.compile(r"""["']\.\./shared/corpora|["']shared["']\s*/\s*["']corpora["']""")


def test_default_is_shared_corpora_beside_the_checkout() -> None:
    assert corpora_root({}) == REPOSITORY.parent / "shared" / "corpora"
    assert corpora_root({SETTING: "  "}) == REPOSITORY.parent / "shared" / "corpora"


def test_a_relative_setting_is_read_from_the_repository_root(tmp_path: Path) -> None:
    assert corpora_root({SETTING: "data/corpora"}) == REPOSITORY / "data" / "corpora"
    assert corpora_root({SETTING: str(tmp_path)}) == tmp_path


def test_no_script_or_test_spells_the_default_itself() -> None:
    spelled = [
        f"{path.relative_to(REPOSITORY)}:{number}"
        for folder in ("bench", "scripts", "tests", "timeline", "api")
        for path in sorted((REPOSITORY / folder).rglob("*.py"))
        if path not in (REPOSITORY / "timeline" / "evaluation" / "corpora.py", Path(__file__))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SPELLED_DEFAULT.search(line)
        and not line.lstrip().startswith(("#", "``", "-"))
        and "SPELLED_DEFAULT" not in line
    ]
    assert spelled == []
