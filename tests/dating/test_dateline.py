"""Datelines read and stripped (the content-only benchmark hides them)."""

from __future__ import annotations

import pytest

from timeline.dating.signals.dateline import strip_dateline
from timeline.temporal import analyse


@pytest.mark.parametrize(
    ("text", "stripped"),
    [
        ("June 9 , 2008\nApple today launched a 3G iPhone.", "\nApple today launched a 3G iPhone."),
        ("Tuesday, June 3, 2008\nThe Senate voted.", "\nThe Senate voted."),
        ("WASHINGTON, June 3, 2008 (Reuters) - The Senate voted.", "The Senate voted."),
        ("\n\nBRUSSELS, February 10 (Xinhua) --\n\nNATO has decided.", "\n\n\n\nNATO has decided."),
        # a date inside the story is no dateline
        ("The Senate voted on June 3, 2008.", "The Senate voted on June 3, 2008."),
    ],
)
def test_strip_dateline(text: str, stripped: str) -> None:
    assert strip_dateline(text) == stripped


def test_nothing_dated_survives_in_a_stripped_lead() -> None:
    text = "March 06 , 2008\nDuring a media event, Apple released the iPhone SDK."
    left = strip_dateline(text)
    assert not [m for m in analyse(left) if m.spec.op == "abs"]
