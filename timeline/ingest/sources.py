"""Which files under a path are articles to read, and why the others are left out.

Ingest reports what it did with every file it saw, so a folder of 256 TimeML files that
yields one document says why.  A file is left out, with a reason, when:

* its type is not one we read (``unsupported type``: by suffix, in folders only; a file
  named on the command line is read whatever its suffix, unknown ones as plain text);
* it documents the folder rather than reporting news (``not an article``: ``README*``,
  and names whose last word is README, LICENSE, LICENCE, COPYING, NOTICE or CHANGELOG,
  as corpora ship them: ``SOURCE-README.txt``, ``MEANTIME-LICENSE.txt``);
* reading it finds nothing (``empty``), finds a document over the length limit (``too
  large``: ``timeline.ingest.limits``) or fails (``unreadable``: bad encoding, invalid
  JSON, broken TimeML, a date that is none); those are known only once the file is read,
  and one item of a JSON list or JSONL file may be left out while the others are read.

Hidden files and folders (``.git``, ``.DS_Store``) are not articles nor anyone's mistake,
and are passed over without a word.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from timeline.ingest.errors import IngestError

__all__ = [
    "SkipReason",
    "Skipped",
    "SourceFile",
    "is_documentation",
    "iter_sources",
    "list_sources",
    "skip_for",
]

DOCUMENTATION_WORDS = frozenset({"readme", "license", "licence", "copying", "notice", "changelog"})
_WORD = re.compile(r"[a-z0-9]+")


class SkipReason(StrEnum):
    UNSUPPORTED = "unsupported type"
    NOT_ARTICLE = "not an article"
    EMPTY = "empty"
    TOO_LARGE = "too large"
    UNREADABLE = "unreadable"


@dataclass(frozen=True)
class SourceFile:
    """A file to read, and the document name it gets (its path under the folder named)."""

    path: Path
    name: str


@dataclass(frozen=True)
class Skipped:
    """A file, or an item of one, left out of ingest and why."""

    source: str
    reason: SkipReason
    detail: str


def is_documentation(file_name: str) -> bool:
    """True for README and licence files (see the module docstring)."""
    folded = file_name.casefold()
    words = _WORD.findall(folded.split(".", 1)[0])
    return folded.startswith("readme") or bool(words and words[-1] in DOCUMENTATION_WORDS)


def list_sources(
    path: str | os.PathLike[str], supported: frozenset[str]
) -> tuple[list[SourceFile], list[Skipped]]:
    """The files to read under ``path`` (sorted by path) and those left out before reading.

    ``supported`` is the set of (case-folded) suffixes read in folders.  Raises
    ``IngestError`` for a path that does not exist.
    """
    root = Path(path)
    if root.is_file():
        return [SourceFile(root, root.name)], []
    if not root.is_dir():
        raise IngestError(str(root), "no such file or directory")
    files: list[SourceFile] = []
    skipped: list[Skipped] = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file_name in names:
            if file_name.startswith("."):
                continue
            file = Path(folder, file_name)
            name = file.relative_to(root).as_posix()
            suffix = file.suffix.casefold()
            if suffix not in supported:
                skipped.append(Skipped(str(file), SkipReason.UNSUPPORTED, suffix or "no suffix"))
            elif is_documentation(file_name):
                skipped.append(Skipped(str(file), SkipReason.NOT_ARTICLE, "documentation"))
            else:
                files.append(SourceFile(file, name))
    files.sort(key=lambda f: f.path.relative_to(root).parts)
    skipped.sort(key=lambda s: s.source)
    return files, skipped


def iter_sources(
    path: str | os.PathLike[str], supported: frozenset[str]
) -> Iterator[SourceFile | Skipped]:
    """``list_sources`` as a stream: the same files, in the same order (by path), each
    file to read or left out as the walk reaches it.

    Memory is one folder's listing at a time, not the tree's: a folder's entries are
    sorted by name and its sub-folders walked in place, which is the order of sorting
    every path by its parts (a sub-folder ``b/`` before a file ``b.txt``, as ``"b" <
    "b.txt"``).  Raises ``IngestError`` for a path that does not exist.
    """
    root = Path(path)
    if root.is_file():
        yield SourceFile(root, root.name)
        return
    if not root.is_dir():
        raise IngestError(str(root), "no such file or directory")
    yield from _walk_sorted(root, root, supported)


def _walk_sorted(
    folder: Path, root: Path, supported: frozenset[str]
) -> Iterator[SourceFile | Skipped]:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(
                (
                    (e.name, e.is_dir())
                    for e in listing
                    # as os.walk: hidden entries skipped, linked folders not followed
                    if not e.name.startswith(".") and not (e.is_symlink() and e.is_dir())
                ),
                key=lambda entry: entry[0],
            )
    except OSError:
        return  # as os.walk: a folder that cannot be listed is passed over
    for file_name, is_dir in entries:
        file = folder / file_name
        if is_dir:
            yield from _walk_sorted(file, root, supported)
            continue
        suffix = file.suffix.casefold()
        if suffix not in supported:
            yield Skipped(str(file), SkipReason.UNSUPPORTED, suffix or "no suffix")
        elif is_documentation(file_name):
            yield Skipped(str(file), SkipReason.NOT_ARTICLE, "documentation")
        else:
            yield SourceFile(file, file.relative_to(root).as_posix())


def skip_for(error: IngestError) -> Skipped:
    """How a failed read is counted: ``empty``, ``too large`` or ``unreadable``.

    A web page with no article text may still declare when it was published (the
    error's ``partial`` document): there is nothing to store (no text, so no happenings
    and no identity of its own), but the report says the date it declares, as
    ``timeline date`` gives it, so that the page is accounted for and not taken for a
    blank file.
    """
    reason = (
        SkipReason.EMPTY
        if error.empty
        else SkipReason.TOO_LARGE
        if error.too_large
        else SkipReason.UNREADABLE
    )
    detail = error.reason
    if error.partial is not None:
        # imported here: reading files does not otherwise depend on dating
        from timeline.dating.signals.metadata import from_metadata

        declared = from_metadata(error.partial)
        detail += (
            f"; its metadata dates it {declared.point} (no article text to store)"
            if declared is not None
            else "; no article text to store and no date in its metadata"
        )
    return Skipped(error.source, reason, detail)
