"""Rules run only in windows around their anchors, composers only where their words are:
the same mentions as a full scan."""

import json
import sys
from pathlib import Path

import pytest

import timeline.temporal  # noqa: F401  (the package shadows the module name)

R = sys.modules["timeline.temporal.recognise"]
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "temporal"


def _texts() -> list[str]:
    texts = []
    for path in sorted(FIXTURES.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    joined = " ".join(texts)
    # upper case, and white space runs longer than one space
    return [*texts, joined, joined.upper(), joined.replace(" ", "  \n ")]


@pytest.mark.parametrize("text", _texts())
def test_windowed_candidates_equal_full_scan(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    windowed = list(R.candidates(text))
    monkeypatch.setattr(R, "_windows", lambda _text: None)
    assert windowed == list(R.candidates(text))


@pytest.mark.parametrize("text", _texts())
def test_composer_needs_only_skip_what_cannot_match(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A composer's ``needs`` (words one of which its match holds) only spare it the regex:
    composing without them gives the same mentions."""
    from dataclasses import replace

    from timeline.temporal.rules import composers

    with_needs = R.recognise(text)
    without = tuple(replace(c, needs=()) for c in composers())
    monkeypatch.setattr(R, "composers", lambda: without)
    assert R.recognise(text) == with_needs
