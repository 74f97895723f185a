"""Publication-date inference (the document creation time, DCT).

Order of trust: a date pinned by a user, the publisher's metadata, a dateline, then an
estimate from the content (see ``content``).  Each result carries its provenance and the
evidence behind it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from timeline.dating.clues import DatingInput
from timeline.dating.constraint import Constraint
from timeline.dating.content import estimate, estimate_from_content
from timeline.dating.signals import all_constraints
from timeline.dating.signals.dateline import from_dateline
from timeline.dating.signals.metadata import from_metadata, parse_date_string, read_metadata
from timeline.model import Document, Evidence, Granularity, Interval, PublicationDate

if TYPE_CHECKING:
    from timeline.analysis import TextAnalysis

__all__ = [
    "date_document",
    "estimate_from_content",
    "from_dateline",
    "from_metadata",
    "parse_date_string",
]


def date_document(
    document: Document,
    analysis: TextAnalysis,
    *,
    ignore_metadata: bool = False,
    constraints: Sequence[Constraint] | None = None,
) -> PublicationDate | None:
    """The best publication date for ``document`` given the analysis of its text.

    Metadata is checked against the content, not trusted blindly: a declared date in the
    future, or far from what the text itself says, is flagged in the evidence (and a
    future one is not used when the content dates the text).
    """
    clues = DatingInput(analysis, document)
    if constraints is None:
        constraints = all_constraints(clues)
    from_text = from_dateline(analysis.text, analysis.mentions) or estimate(constraints)
    if ignore_metadata:
        return from_text
    declared, problems = read_metadata(document, clues.bylines)
    if declared is None:
        return _with_evidence(from_text, problems) if from_text else None
    flags = list(problems)
    confidence = declared.confidence
    if declared.point > date.today() + timedelta(days=1):
        flags.append(
            Evidence(
                "metadata-future",
                declared.value,
                "the declared date lies in the future: not trusted",
            )
        )
        if from_text is not None:
            return _with_evidence(from_text, flags)
        confidence = min(confidence, 0.3)
    elif from_text is not None and from_text.confidence >= _CONFIDENT_CONTENT:
        near = Interval(
            from_text.interval.start - _TOLERANCE,
            from_text.interval.end + _TOLERANCE,
            Granularity.YEAR,
        )
        if not near.contains(declared.point):
            flags.append(
                Evidence(
                    "metadata-conflict",
                    declared.value,
                    f"the content points to {from_text.value} instead",
                )
            )
            confidence = min(confidence, 0.5)
    return replace(declared, confidence=confidence, evidence=declared.evidence + tuple(flags))


_CONFIDENT_CONTENT = 0.25
_TOLERANCE = timedelta(days=31)


def _with_evidence(published: PublicationDate, extra: Sequence[Evidence]) -> PublicationDate:
    return replace(published, evidence=published.evidence + tuple(extra)) if extra else published
