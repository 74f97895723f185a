"""The temporal corpus (fixtures/temporal/*.jsonl) as test data, shared by the test modules."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "temporal"


@dataclass(frozen=True)
class Case:
    """One corpus line: a text, its document creation time and every expected expression."""

    family: str
    line: int
    text: str
    dct: str
    expect: list[dict[str, Any]]
    xfail: str | None

    @property
    def id(self) -> str:
        return f"{self.family}:{self.line}"


def load_corpus() -> list[Case]:
    """Every example of every family file, in file and line order."""
    cases: list[Case] = []
    for path in sorted(FIXTURES.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                raw = json.loads(line)
                cases.append(
                    Case(
                        path.stem, number, raw["text"], raw["dct"], raw["expect"], raw.get("xfail")
                    )
                )
    return cases


CORPUS = load_corpus()
