"""Publication-date inference (the document creation time, DCT).

Order of trust: a date pinned by a user, the publisher's metadata, a dateline, then an
estimate from the content (see ``content``).  Each result carries its provenance and the
evidence behind it.
"""

from __future__ import annotations

import os
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
    "CHECK_METADATA_ENV",
    "check_metadata_dates",
    "date_document",
    "estimate_from_content",
    "from_dateline",
    "from_metadata",
    "parse_date_string",
    "trusted_metadata",
]


CHECK_METADATA_ENV = "TIMELINE_CHECK_METADATA_DATES"


def check_metadata_dates() -> bool:
    """Whether a publisher's date is checked against the text's own (``$TIMELINE_CHECK_
    METADATA_DATES``: 1, true, yes or on; ``timeline ingest --check-dates``).  Off by
    default: the check is a content search (21 % of an ingest with dates) whose only
    outcome for a plausible declared date is a ``metadata-conflict`` flag."""
    return os.environ.get(CHECK_METADATA_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def trusted_metadata(
    document: Document, clues: DatingInput, *, check: bool | None = None
) -> PublicationDate | None:
    """The publisher's date of ``document`` when it is used without reading the text: one
    is declared, not in the future (a future date is checked against the content, which
    replaces it), and the check against the content is not asked (``check``, else
    ``check_metadata_dates``).  None otherwise: ``date_document`` decides."""
    if check if check is not None else check_metadata_dates():
        return None
    declared, problems = read_metadata(document, clues.bylines)
    if declared is None or _in_future(declared):
        return None
    return _with_evidence(declared, problems)


def _in_future(declared: PublicationDate) -> bool:
    return declared.point > date.today() + timedelta(days=1)


def date_document(
    document: Document,
    analysis: TextAnalysis,
    *,
    ignore_metadata: bool = False,
    check_metadata: bool | None = None,
    constraints: Sequence[Constraint] | None = None,
) -> PublicationDate | None:
    """The best publication date for ``document`` given the analysis of its text.

    A declared date in the future is not trusted: the content's date replaces it, and it
    is flagged in the evidence.  A plausible declared date is used as it is, without
    searching the content, unless the check is asked (``check_metadata``, else
    ``check_metadata_dates``): then one far from what the text itself says is flagged
    (``metadata-conflict``) and its confidence lowered.
    """
    clues = DatingInput(analysis, document)
    if not ignore_metadata:
        trusted = trusted_metadata(document, clues, check=check_metadata)
        if trusted is not None:
            return trusted
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
    if _in_future(declared):
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
