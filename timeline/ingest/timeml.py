"""TimeML files as articles: the TEXT to read and the DCT as publisher metadata.

Tokenised corpora (SemEval-2015 Task 4) glue sentences together (``</s><s>``) with no
character between them; for reading, each sentence is put on its own line so a dateline
("June 9 , 2008") stays a line of its own.  The character offsets of such a text are not
the TimeML file's: use ``timeline.io.timeml`` where offsets must round-trip.
"""

from __future__ import annotations

from pathlib import Path

from timeline.io.timeml import read_timeml
from timeline.model import Document

TIMEML_SUFFIXES = (".tml", ".te3input")


def is_timeml(path: Path) -> bool:
    return path.name.lower().endswith(TIMEML_SUFFIXES)


def read_timeml_article(path: Path, *, with_dct: bool = True) -> Document:
    """A TimeML file as a Document named after the file, its DCT under ``metadata["dct"]``."""
    parsed = read_timeml(path)
    if parsed.sentences:
        text = "\n".join(parsed.text[s.start : s.end] for s in parsed.sentences)
    else:
        text = parsed.text
    metadata: dict[str, object] = {"source_format": "timeml", "doc_id": parsed.doc_id}
    if with_dct and parsed.dct is not None:
        metadata["dct"] = parsed.dct.isoformat()
    return Document(name=path.name, text=text, metadata=metadata)
