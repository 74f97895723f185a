"""Caches in a long-lived process (the API) must not grow with what it reads.

A ``functools.cache`` keyed by text, words or passages grows for as long as the process
lives; such caches are LRUs with a bound.  Caches of no argument (a data file loaded
once) and those keyed by a closed set (the data files by name) may stay unbounded.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import timeline

# keyed by a closed set of names, not by input
CLOSED_KEYS = {
    "timeline.temporal.data.load_json",
    "timeline.events.data.load_json",
}


def _cached_functions() -> Iterator[tuple[str, Any]]:
    # every module file (some folders are namespace packages, which pkgutil does not walk)
    root = Path(timeline.__file__).parents[1]
    for package in ("timeline", "api"):
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            if "migrations" in parts:
                continue
            module = importlib.import_module(
                ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            )
            for name, value in vars(module).items():
                # a functools cache defined here (``type``: a Flask proxy must not be asked)
                if hasattr(type(value), "cache_info") and value.__module__ == module.__name__:
                    yield f"{module.__name__}.{name}", value


def test_every_cache_keyed_by_input_is_bounded() -> None:
    found = dict(_cached_functions())
    assert "timeline.events.merge._nearest_pair" in found  # the walk sees the caches
    unbounded = [
        name
        for name, function in found.items()
        if function.cache_info().maxsize is None
        and inspect.signature(function).parameters
        and name not in CLOSED_KEYS
    ]
    assert unbounded == []
