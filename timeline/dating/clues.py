"""What the dating signals read of one document, computed once and shared.

Signals look at the same few things: the text, its recognised expressions and sentences
(the document's ``TextAnalysis``, shared with the other stages), and what dating alone
asks of them, the explicit dates among the expressions and the office holders the text
names.  ``DatingInput`` computes each on first use, so a second signal asking costs
nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from timeline.dating.bylines import Byline, find_bylines
from timeline.dating.offices import OfficeMention, find_office_holders
from timeline.model import Document, Granularity, Interval, Sentence, TimexType
from timeline.temporal.recognise import Mention
from timeline.temporal.values import value_interval

if TYPE_CHECKING:
    from timeline.analysis import TextAnalysis


def explicit_interval(mention: Mention) -> Interval | None:
    """The calendar interval of an expression that names its own year, else None."""
    spec = mention.spec
    if spec.op != "abs" or mention.type not in (TimexType.DATE, TimexType.TIME):
        return None
    return value_interval(spec.args[0])


@dataclass
class DatingInput:
    """One document as the dating signals see it."""

    analysis: TextAnalysis
    document: Document | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return self.analysis.text

    @property
    def mentions(self) -> Sequence[Mention]:
        return self.analysis.mentions

    @property
    def sentences(self) -> Sequence[Sentence]:
        return self.analysis.sentences

    @cached_property
    def explicit(self) -> list[tuple[Mention, Interval]]:
        """The expressions naming their own year, with their intervals, in text order."""
        return [(m, i) for m in self.mentions if (i := explicit_interval(m)) is not None]

    @cached_property
    def yearly(self) -> list[Interval]:
        """The explicit intervals of a year or finer: those that can place the text."""
        return [i for _, i in self.explicit if i.granularity.rank <= Granularity.YEAR.rank]

    @cached_property
    def offices(self) -> list[OfficeMention]:
        return find_office_holders(self.text)

    @cached_property
    def bylines(self) -> list[Byline]:
        """The dates the page prints as its own (``timeline.dating.bylines``)."""
        return find_bylines(self.text, last_year=date.today().year + 1)

    def in_byline(self, mention: Mention) -> bool:
        """Whether ``mention`` is (part of) a byline's date."""
        return any(b.start < mention.end and mention.start < b.end for b in self.bylines)
