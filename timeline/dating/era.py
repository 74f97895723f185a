"""Which years a batch of texts comes from, and what that says about each text.

A text's own explicit dates give a likelihood over publication years that is usually
broad ("sales rose in 1988" fits 1988 to the mid-1990s).  Texts are not ingested one by
one, though: a batch of scraped news comes from a few periods, and texts that share
words and names mostly come from the same one.  Two empirical-Bayes steps use that:

* the **batch prior**, the distribution of publication years that best explains all the
  texts' likelihoods together (the nonparametric maximum-likelihood mixing distribution,
  found by EM).  Many broad likelihoods that overlap on 1989 make a prior peaked on 1989,
  which no single text could say;
* a text's **era prior**, the posteriors of its most similar texts under that batch
  prior, mixed with the batch prior itself: a sister story is likely from the same
  period, but only likely (last year's results season reads the same).

Everything here is plain arithmetic on lists indexed by year, so it is cheap and pure.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

EM_ROUNDS = 30
# the batch prior keeps this share spread evenly, so that no year is ruled out because
# the batch happens not to contain it
PRIOR_FLOOR = 0.02
# a batch of a few texts says little about its era: the prior is shrunk towards even by
# this many pseudo-texts
PRIOR_PSEUDO_TEXTS = 3.0
# how much the batch prior counts in a text's era prior, next to neighbours whose
# similarity weights add up to one
BATCH_WEIGHT = 1.0
SMOOTHING = {-2: 0.05, -1: 0.15, 0: 0.6, 1: 0.15, 2: 0.05}


def likelihoods(curves: Sequence[Sequence[float] | None]) -> list[list[float] | None]:
    """Log-score curves (0 at their best year) as likelihoods."""
    return [[math.exp(x) for x in c] if c else None for c in curves]


def batch_prior(likes: Sequence[Sequence[float] | None], years: int) -> list[float]:
    """The mix of years that best explains the texts' likelihoods together (EM),
    shrunk towards even for small batches and smoothed over adjacent years."""
    dated = [like for like in likes if like]
    even = [1.0 / years] * years
    if not dated:
        return even
    prior = even
    for _ in range(EM_ROUNDS):
        total = [0.0] * years
        for like in dated:
            for k, x in enumerate(posterior(prior, like)):
                total[k] += x
        prior = [(1 - PRIOR_FLOOR) * t / len(dated) + PRIOR_FLOOR / years for t in total]
    n = len(dated)
    # then smoothed: a batch holding 1998 and 1999 may well hold 2000, whose texts just
    # happen not to name a year
    return _smoothed(
        [
            (n * p + PRIOR_PSEUDO_TEXTS * e) / (n + PRIOR_PSEUDO_TEXTS)
            for p, e in zip(prior, even, strict=True)
        ]
    )


def posterior(prior: Sequence[float], like: Sequence[float] | None) -> list[float]:
    """A text's distribution over years given the batch prior and its own evidence."""
    if not like:
        return list(prior)
    return _normalised([p * x for p, x in zip(prior, like, strict=True)])


def era_prior(
    neighbours: Sequence[tuple[float, Sequence[float]]], prior: Sequence[float]
) -> list[float]:
    """A text's prior over years: its neighbours' posteriors, weighted by similarity,
    mixed with the batch prior (which weighs ``BATCH_WEIGHT``)."""
    mixed = [BATCH_WEIGHT * p for p in prior]
    for weight, post in neighbours:
        for k, x in enumerate(post):
            mixed[k] += weight * x
    return _normalised(mixed)


def _smoothed(values: Sequence[float]) -> list[float]:
    """Each year shares some of its weight with the years either side."""
    n = len(values)
    out = [0.0] * n
    for k, v in enumerate(values):
        for d, share in SMOOTHING.items():
            out[min(max(k + d, 0), n - 1)] += share * v
    return out


def _normalised(values: Sequence[float]) -> list[float]:
    total = sum(values)
    if total <= 0:
        return [1.0 / len(values)] * len(values)
    return [v / total for v in values]
