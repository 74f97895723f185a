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
from timeline.ingest.htmltext import PageTooDeep, extract_html
from timeline.ingest.jsonpayload import (
    Item,
    json_items,
    object_item,
    objects_to_documents,
    parse_json,
)
from timeline.ingest.limits import (
    MAX_DOCUMENT_CHARS_SETTING,
    check_length,
    check_no_nul,
    max_document_chars,
)
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
    ``on_error`` is given: then it receives each error (a file, or one item of a JSON
    list) and the rest is read.
    """
    sources, _ = list_sources(path, SUPPORTED_SUFFIXES)
    documents: list[Document] = []
    for source in sources:
        for item in read_source_items(source):
            if isinstance(item, Document):
                documents.append(item)
            elif on_error is None:
                raise item
            else:
                on_error(item)
    return documents


def read_source(source: SourceFile) -> list[Document]:
    """The documents of one listed file; errors name the file by its real path."""
    return _documents(read_source_items(source))


def read_source_items(source: SourceFile, *, max_chars: int | None = None) -> list[Item]:
    """The documents of one listed file, or the errors refusing the file or its items,
    named by the file's real path (an item keeps its ``#3`` suffix)."""
    items = read_file_items(source.path, name=source.name, max_chars=max_chars)
    name = source.name
    restated: list[Item] = []
    for item in items:
        if isinstance(item, IngestError) and item.source.startswith(name):
            item = item.restated(f"{source.path}{item.source[len(name) :]}")
        restated.append(item)
    return restated


def read_file(path: str | os.PathLike[str], *, name: str | None = None) -> list[Document]:
    """Read one file, choosing the format by suffix; ``name`` defaults to the file name.
    Raises the first ``IngestError``."""
    return _documents(read_file_items(path, name=name))


def read_file_items(
    path: str | os.PathLike[str], *, name: str | None = None, max_chars: int | None = None
) -> list[Item]:
    """``read_file``, with each document or the error refusing it (one per item of a
    JSON list or JSONL file, so that one bad item does not lose the others)."""
    file = Path(path)
    name = name or file.name
    try:
        raw = file.read_bytes()
    except OSError as exc:
        return [IngestError(str(file), f"cannot read file ({exc.strerror or exc})")]
    suffix = file.suffix.casefold()
    try:
        if suffix in TIMEML_SUFFIXES:
            return [read_timeml_document(name, file, raw, max_chars=max_chars)]
        if suffix in JSON_SUFFIXES:
            return read_json_items(name, raw, max_chars=max_chars)
        if suffix in JSONL_SUFFIXES:
            return read_jsonl_items(name, raw, max_chars=max_chars)
        if suffix in HTML_SUFFIXES:
            return [read_html(name, raw, max_chars=max_chars)]
        return [read_text(name, raw, max_chars=max_chars)]
    except IngestError as error:
        return [error]


def _documents(items: list[Item]) -> list[Document]:
    documents = []
    for item in items:
        if isinstance(item, IngestError):
            raise item
        documents.append(item)
    return documents


def read_timeml_document(
    name: str, path: Path, raw: bytes | None = None, *, max_chars: int | None = None
) -> Document:
    """A TimeML file: its TEXT, and its DCT as publisher metadata (``metadata["dct"]``),
    which dates the document with provenance ``metadata`` like a JSON ``published``."""
    if raw is not None and len(raw) > HTML_MARKUP_FACTOR * max_document_chars(max_chars):
        raise _markup_too_large(name, raw, max_chars)
    try:
        document = read_timeml_article(path)
    except TimeMLError as exc:
        reason = str(exc).removeprefix(f"{path}: ").removeprefix(f"{path.name}: ")
        raise IngestError(name, f"not valid TimeML: {reason}") from exc
    document.name = name
    check_no_nul(name, document.text)
    _require_text(name, document.text, max_chars)
    return document


def read_text(name: str, raw: str | bytes, *, max_chars: int | None = None) -> Document:
    """A plain-text (or Markdown) article.

    The text is the whole cleaned text, title line included, so offsets match what is
    stored.  The first non-empty line is the title when it is shorter than
    ``MAX_TITLE_CHARS`` and does not end in a period (a headline, not a sentence or a
    photo caption); Markdown ``#`` markers are left out of the title only.  ``max_chars``
    is the length limit (``timeline.ingest.limits``).
    """
    text = _require_text(name, clean_text(as_text(name, raw)), max_chars)
    markdown = name.casefold().endswith(".md")
    return Document(
        name=name,
        text=text,
        title=_first_line_title(text, markdown=markdown),
        metadata={"source_format": "markdown" if markdown else "text"},
    )


# A page's markup may be this many times the text limit: pages carry scripts, styles and
# navigation around the article, but parsing costs by the byte, so the markup is bounded.
HTML_MARKUP_FACTOR = 20


def read_html(name: str, raw: str | bytes, *, max_chars: int | None = None) -> Document:
    """An HTML page: article body text, title, canonical URL and raw date hints.

    Pages nested deeper than browsers nest (``htmltext.MAX_HTML_DEPTH``) and markup over
    ``HTML_MARKUP_FACTOR`` times the text limit are refused before any parser walks them.
    """
    if len(raw) > HTML_MARKUP_FACTOR * max_document_chars(max_chars):
        raise _markup_too_large(name, raw, max_chars)
    html = as_text(name, raw)
    try:
        page = extract_html(html)
    except PageTooDeep as error:
        raise IngestError(name, str(error)) from error
    # a page that marks its article (<article>, <main>) is read as marked, inline dates and
    # all; a page that does not is left to trafilatura's boilerplate removal
    body = page.text if page.has_container else keep_content_blocks(page.text, main_text(html))
    metadata: dict[str, object] = {"source_format": "html", "html_meta": page.html_meta}
    if page.url:
        # the address the page declares for itself: kept apart from ``url``, which a
        # caller may replace with the address it fetched the page from
        metadata["canonical_url"] = page.url
    declared = publisher_date(html, page.url)
    if declared:
        metadata["htmldate"] = declared
    searched = publisher_date(html, page.url, extensive=True)
    if searched:
        metadata["htmldate_extensive"] = searched
    document = Document(
        name=name, text=clean_text(body), title=page.title, url=page.url, metadata=metadata
    )
    if not document.text.strip():
        # no article, but the page may still say when it was published
        document.text = ""
        raise IngestError(name, _NO_TEXT, empty=True, partial=document)
    check_length(name, document.text, max_chars)
    return document


def _markup_too_large(name: str, raw: str | bytes, max_chars: int | None) -> IngestError:
    limit = HTML_MARKUP_FACTOR * max_document_chars(max_chars)
    return IngestError(
        name,
        f"too large: {len(raw):,} characters of markup, the limit is {limit:,} "
        f"({HTML_MARKUP_FACTOR} x {MAX_DOCUMENT_CHARS_SETTING})",
        too_large=True,
    )


def read_json_payload(name: str, obj: object, *, max_chars: int | None = None) -> list[Document]:
    """One parsed JSON object or a list of them; raises the first error.

    Objects need ``text`` (or ``content``/``body``); ``title``, ``url``, ``published`` (or
    ``date``/``datePublished``/``pubDate``/``published_at``) and ``name`` are optional.
    ``json_items`` reads each item on its own.
    """
    return objects_to_documents(name, obj, max_chars=max_chars)


def read_json(name: str, raw: str | bytes) -> list[Document]:
    """A ``.json`` file holding one object or a list of objects."""
    return _documents(read_json_items(name, raw))


def read_json_items(name: str, raw: str | bytes, *, max_chars: int | None = None) -> list[Item]:
    """A ``.json`` file's documents, or the errors refusing it or its items."""
    text = as_text(name, raw)
    if not text.strip():
        raise IngestError(name, "empty file", empty=True)
    try:
        payload = parse_json(text)
    except json.JSONDecodeError as exc:
        raise IngestError(
            name, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from exc
    except ValueError as exc:
        raise IngestError(name, f"invalid JSON: {exc}") from exc
    return json_items(name, payload, max_chars=max_chars)


def read_jsonl(name: str, raw: str | bytes) -> list[Document]:
    """A ``.jsonl`` file: one object per non-blank line, named ``file.jsonl#<line number>``."""
    return _documents(read_jsonl_items(name, raw))


def read_jsonl_items(name: str, raw: str | bytes, *, max_chars: int | None = None) -> list[Item]:
    """A ``.jsonl`` file's documents, or the errors refusing its lines, one by one."""
    items: list[Item] = []
    for number, line in enumerate(as_text(name, raw).splitlines(), 1):
        if not line.strip():
            continue
        label = f"{name}#{number}"
        try:
            obj = parse_json(line)
        except json.JSONDecodeError as exc:
            items.append(IngestError(label, f"invalid JSON: {exc.msg}"))
            continue
        except ValueError as exc:
            items.append(IngestError(label, f"invalid JSON: {exc}"))
            continue
        items.append(object_item(label, obj, max_chars))
    if not items:
        raise IngestError(name, "empty file: no JSON lines", empty=True)
    return items


_NO_TEXT = "empty document: no text left after cleaning"


def _require_text(name: str, text: str, max_chars: int | None = None) -> str:
    if not text.strip():
        raise IngestError(name, _NO_TEXT, empty=True)
    return check_length(name, text, max_chars)


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
