"""Datelines: the date a wire story or WikiNews article prints at its top.

"June 9, 2008" alone on the first line, or "WASHINGTON, June 3 (Reuters) -" opening the
first paragraph, is the publication date.  A full date (with year) found in the first
few lines, in a line of its own or before a dateline dash, is taken with high confidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from timeline.model import Evidence, Granularity, Provenance, PublicationDate
from timeline.temporal.recognise import Mention
from timeline.temporal.values import value_interval

HEAD_CHARS = 400
_DATELINE_TAIL_RE = re.compile(r"^\s*(?:\([^)]{1,40}\)\s*)?(?:[-–—:]|$|\n)")
# what goes with a dateline's date when it is cut: an agency in brackets and the dash
_CUT_TAIL_RE = re.compile(r"[ \t]*(?:\([^)\n]{1,40}\)[ \t]*)?(?:[-–—:]+|(?=\n)|\Z)")
_DATELINE_HEAD_RE = re.compile(
    r"(?:^|\n)\s*(?:[A-Z][A-Za-z .'-]{1,40},\s*)?(?:[A-Z][a-z]+day,?\s*)?$"
)


def from_dateline(text: str, mentions: Sequence[Mention]) -> PublicationDate | None:
    """The dateline's date if the text opens with one."""
    for mention in mentions:
        if mention.start > HEAD_CHARS:
            break
        if mention.spec.op != "abs":
            continue
        interval = value_interval(mention.spec.args[0])
        if interval is None or interval.granularity is not Granularity.DAY:
            continue
        if is_dateline(mention, text):
            return PublicationDate(
                interval,
                interval.start,
                0.95,
                Provenance.CONTENT,
                (Evidence("dateline", mention.text, f"published on {interval.start}"),),
            )
    return None


def is_dateline(mention: Mention, text: str) -> bool:
    """Whether ``mention`` sits where a dateline's date does: at the start of a line,
    after at most a place name and a weekday, before a dash or an agency in brackets."""
    before = text[max(0, mention.start - 60) : mention.start]
    after = text[mention.end : mention.end + 40]
    return bool(_DATELINE_HEAD_RE.search(before) and _DATELINE_TAIL_RE.match(after))


def strip_dateline(text: str, mentions: Sequence[Mention] | None = None) -> str:
    """``text`` without the dateline it opens with, for measuring dating from content alone.

    A date alone on a line ("June 9 , 2008") goes with its line; a wire lead ("BRUSSELS,
    February 10 (Xinhua) -- NATO has...") loses its place, date and agency up to the dash,
    so the story starts at its first word.  Only the head of the text is looked at, and
    what counts as a dateline is exactly what ``from_dateline`` reads as one.
    """
    if mentions is None:
        from timeline.temporal import analyse

        mentions = analyse(text)
    cuts: list[tuple[int, int]] = []
    for mention in mentions:
        if mention.start > HEAD_CHARS:
            break
        if mention.type.value not in ("DATE", "TIME") or not is_dateline(mention, text):
            continue
        line_start = text.rfind("\n", 0, mention.start) + 1
        tail = _CUT_TAIL_RE.match(text, mention.end)
        end = tail.end() if tail else mention.end
        cuts.append((line_start, end))
    for start, end in reversed(cuts):
        text = text[:start] + text[end:].lstrip(" \t")
    return text
