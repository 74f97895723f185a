"""Logistic regression over named binary features, in pure Python: what the learnt
models of ``timeline.events`` (participation, event coreference) score with and are
trained by.  Small enough to read, deterministic (examples in their given order each
epoch), and no dependency: the weights are data files, built offline by ``scripts/``."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping


def sigmoid(x: float) -> float:
    """The logistic function, clipped where ``exp`` would overflow."""
    if x < -30:
        return 0.0
    if x > 30:
        return 1.0
    return 1.0 / (1.0 + math.exp(-x))


def score(weights: Mapping[str, float], features: Iterable[str]) -> float:
    """The probability the weights give an example with these features."""
    return sigmoid(sum(weights.get(f, 0.0) for f in features))


def fit(
    examples: Iterable[tuple[list[str], bool]],
    *,
    epochs: int,
    rate: float = 0.1,
    l2: float = 1e-3,
    balance: bool = False,
) -> dict[str, float]:
    """Weights by stochastic gradient descent, the step shrinking each epoch; L2 keeps
    rare features' weights small.  ``balance``: a negative counts for positives /
    negatives of one, so both classes weigh alike when positives are rare and the model
    is not pulled to "never".  Weights under 1e-4 are dropped, the rest rounded."""
    data = list(examples)
    positives = sum(1 for _, label in data if label)
    weight = 1.0
    if balance and 0 < positives < len(data):
        weight = positives / (len(data) - positives)
    weights: dict[str, float] = {}
    for epoch in range(epochs):
        step = rate / (1 + epoch)
        for features, label in data:
            p = score(weights, features)
            gradient = ((1.0 if label else 0.0) - p) * (1.0 if label else weight)
            for f in features:
                old = weights.get(f, 0.0)
                weights[f] = old + step * (gradient - l2 * old)
    return {k: round(v, 4) for k, v in sorted(weights.items()) if abs(v) >= 1e-4}
