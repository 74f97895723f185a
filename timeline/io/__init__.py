"""Corpus formats: read gold annotations and write the tagger's output (TimeML).

Kept apart from ``timeline.ingest`` (which reads news for the pipeline and cleans it)
because these readers must keep every character and offset exactly as the corpus has
them, so scores and round trips can be checked character by character.
"""

from timeline.io.timeml import (
    GoldEvent,
    GoldTimex,
    Sentence,
    TimeMLDocument,
    TimeMLError,
    read_timeml,
    write_timeml,
)

__all__ = [
    "GoldEvent",
    "GoldTimex",
    "Sentence",
    "TimeMLDocument",
    "TimeMLError",
    "read_timeml",
    "write_timeml",
]
