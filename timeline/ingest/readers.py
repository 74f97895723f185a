"""Turn files, folders and payloads into cleaned ``Document`` objects.

This is the only place that knows about file formats; everything downstream sees
``Document.text`` (cleaned, offsets are into it as stored) plus raw metadata.  Dates are
never parsed here: ``metadata["published"]`` (JSON) and ``metadata["html_meta"]`` (HTML)
carry the raw values to the dating stage.

Every failure is an ``IngestError`` whose message starts with the offending file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from timeline.ingest.clean import clean_text
from timeline.ingest.decode import as_text
from timeline.ingest.errors import IngestError
from timeline.ingest.htmltext import extract_html
from timeline.ingest.jsonpayload import object_to_document, objects_to_documents
from timeline.ingest.sources import SourceFile, list_sources
from timeline.ingest.timeml import read_timeml_article
from timeline.ingest.webpage import keep_content_blocks, main_text, publisher_date
from timeline.io.timeml import TimeMLError
from timeline.model import Document

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl"})
TIMEML_SUFFIXES = frozenset({".tml", ".te3input"})  # TimeBank, TempEval-3 (x.tml.TE3input)
SUPPORTED_SUFFIXES = (
    TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | TIMEML_SUFFIXES
)
# A first line this long is a paragraph, not a headline.
MAX_TITLE_CHARS = 200

ErrorHandler = Callable[[IngestError], None]


def read_path(
    path: str | os.PathLike[str], *, on_error: ErrorHandler | None = None
) -> list[Document]:
    """Read one file, or every supported file under a folder (recursively, sorted by path).

    Folders leave out hidden files and folders, README and licence files and unsupported
    suffixes (``timeline.ingest.sources`` says which and why; ``timeline ingest`` reports
    them); a document read from a folder is named by its path relative to the folder
    (just the file name for top-level files).  An explicitly named file is read whatever
    its suffix (unknown suffixes as plain text).  Errors raise ``IngestError``, unless
    ``on_error`` is given: then it receives each error and the bad file is skipped.
    """
    sources, _ = list_sources(path, SUPPORTED_SUFFIXES)
    documents: list[Document] = []
    for source in sources:
        try:
            documents.extend(read_source(source))
        except IngestError as error:
            if on_error is None:
                raise
            on_error(error)
    return documents


def read_source(source: SourceFile) -> list[Document]:
    """The documents of one listed file; errors name the file by its real path."""
    try:
        return read_file(source.path, name=source.name)
    except IngestError as exc:
        # Restate with the real path; keep a "#3" item suffix from JSON lists/lines.
        name = source.name
        if not exc.source.startswith(name) or str(source.path) == name:
            raise
        suffix = exc.source[len(name) :]
        raise IngestError(
            f"{source.path}{suffix}", exc.reason, empty=exc.empty, partial=exc.partial
        ) from exc


def read_file(path: str | os.PathLike[str], *, name: str | None = None) -> list[Document]:
    """Read one file, choosing the format by suffix; ``name`` defaults to the file name."""
    file = Path(path)
    name = name or file.name
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise IngestError(str(file), f"cannot read file ({exc.strerror or exc})") from exc
    suffix = file.suffix.casefold()
    if suffix in TIMEML_SUFFIXES:
        return [read_timeml_document(name, file)]
    if suffix in JSON_SUFFIXES:
        return read_json(name, raw)
    if suffix in JSONL_SUFFIXES:
        return read_jsonl(name, raw)
    if suffix in HTML_SUFFIXES:
        return [read_html(name, raw)]
    return [read_text(name, raw)]


def read_timeml_document(name: str, path: Path) -> Document:
    """A TimeML file: its TEXT, and its DCT as publisher metadata (``metadata["dct"]``),
    which dates the document with provenance ``metadata`` like a JSON ``published``."""
    try:
        document = read_timeml_article(path)
    except TimeMLError as exc:
        reason = str(exc).removeprefix(f"{path}: ").removeprefix(f"{path.name}: ")
        raise IngestError(name, f"not valid TimeML: {reason}") from exc
    document.name = name
    _require_text(name, document.text)
    return document


def read_text(name: str, raw: str | bytes) -> Document:
    """A plain-text (or Markdown) article.

    The text is the whole cleaned text, title line included, so offsets match what is
    stored.  The first non-empty line is the title when it is shorter than
    ``MAX_TITLE_CHARS`` and does not end in a period (a headline, not a sentence or a
    photo caption); Markdown ``#`` markers are left out of the title only.
    """
    text = _require_text(name, clean_text(as_text(name, raw)))
    markdown = name.casefold().endswith(".md")
    return Document(
        name=name,
        text=text,
        title=_first_line_title(text, markdown=markdown),
        metadata={"source_format": "markdown" if markdown else "text"},
    )


def read_html(name: str, raw: str | bytes) -> Document:
    """An HTML page: article body text, title, canonical URL and raw date hints."""
    html = as_text(name, raw)
    page = extract_html(html)
    # a page that marks its article (<article>, <main>) is read as marked, inline dates and
    # all; a page that does not is left to trafilatura's boilerplate removal
    body = page.text if page.has_container else keep_content_blocks(page.text, main_text(html))
    metadata: dict[str, object] = {"source_format": "html", "html_meta": page.html_meta}
    declared = publisher_date(html, page.url)
    if declared:
        metadata["htmldate"] = declared
    document = Document(
        name=name, text=clean_text(body), title=page.title, url=page.url, metadata=metadata
    )
    if not document.text.strip():
        # no article, but the page may still say when it was published
        document.text = ""
        raise IngestError(name, _NO_TEXT, empty=True, partial=document)
    return document


def read_json_payload(name: str, obj: object) -> list[Document]:
    """One parsed JSON object or a list of them (e.g. an API request body).

    Objects need ``text`` (or ``content``/``body``); ``title``, ``url``, ``published`` (or
    ``date``/``datePublished``/``pubDate``/``published_at``) and ``name`` are optional.
    """
    return objects_to_documents(name, obj)


def read_json(name: str, raw: str | bytes) -> list[Document]:
    """A ``.json`` file holding one object or a list of objects."""
    text = as_text(name, raw)
    if not text.strip():
        raise IngestError(name, "empty file", empty=True)
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(
            name, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from exc
    return read_json_payload(name, payload)


def read_jsonl(name: str, raw: str | bytes) -> list[Document]:
    """A ``.jsonl`` file: one object per non-blank line, named ``file.jsonl#<line number>``."""
    documents: list[Document] = []
    for number, line in enumerate(as_text(name, raw).splitlines(), 1):
        if not line.strip():
            continue
        label = f"{name}#{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise IngestError(name, f"invalid JSON on line {number}: {exc.msg}") from exc
        documents.append(object_to_document(label, obj))
    if not documents:
        raise IngestError(name, "empty file: no JSON lines", empty=True)
    return documents


_NO_TEXT = "empty document: no text left after cleaning"


def _require_text(name: str, text: str) -> str:
    if not text.strip():
        raise IngestError(name, _NO_TEXT, empty=True)
    return text


def _first_line_title(text: str, *, markdown: bool) -> str | None:
    for line in text.split("\n"):
        candidate = line.strip()
        if not candidate:
            continue
        if markdown:
            candidate = candidate.lstrip("#").strip()
        if len(candidate) < MAX_TITLE_CHARS and not candidate.endswith("."):
            return candidate or None
        return None
    return None
