"""Era prior: the years a text's similar texts, and its whole batch, come from
(``timeline.dating.era`` computes the prior; this turns it into a constraint).

Examples:

* a 1998 wire story naming no year, among a batch of 1998-99 stories ->
  similar-documents: "10 similar documents and the batch point to around 1998"
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from timeline.dating.constraint import Constraint
from timeline.model import Evidence

ERA_WEIGHT = 1.0


def constraint(prior: Sequence[float], first_year: int, neighbours: Sequence[str]) -> Constraint:
    """A text's prior over the years from ``first_year`` on, as a scoring constraint.
    ``neighbours`` name the similar texts it came from (none: the batch's alone)."""
    logs = [math.log(max(p, 1e-12)) for p in prior]
    top = max(logs)
    best_year = first_year + logs.index(top)
    last = len(logs) - 1

    def score(day: date) -> float:
        return ERA_WEIGHT * (logs[min(max(day.year - first_year, 0), last)] - top)

    if neighbours:
        evidence = Evidence(
            "similar-documents",
            ", ".join(neighbours[:3]) + (" …" if len(neighbours) > 3 else ""),
            f"{len(neighbours)} similar documents and the batch point to around {best_year}",
        )
    else:
        evidence = Evidence(
            "batch-documents",
            "the other documents of the batch",
            f"the batch's documents are mostly from around {best_year}",
        )
    return Constraint(evidence, score, hard=True, shown_from=-1.0, prior=True)
