"""Word lists for event extraction, as data."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_json(name: str) -> Any:
    """Parse ``timeline/events/data/<name>`` once per process."""
    return json.loads(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))
