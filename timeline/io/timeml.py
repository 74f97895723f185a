"""Read and write TimeML 1.2 documents (TimeBank, AQUAINT, TempEval-3, SemEval-2015 trial).

Why a hand-written scanner instead of an XML parser: the writer must give back the input
file byte for byte except for the TIMEX3 tags it swaps, and gold offsets must index the
TEXT content exactly as its characters appear.  An XML parser normalises line ends,
re-serialises attributes and loses the raw positions of tags, so this module tokenises the
raw string itself (tags, comments, CDATA, processing instructions, character references)
and keeps, for every character of the text, where it came from in the raw string.

Offsets are Python string indices (code points), half-open ``[start, end)``, into
``TimeMLDocument.text``: the content of ``<TEXT>`` with every tag removed and every
entity or character reference replaced by the character it stands for.
"""

from __future__ import annotations

import bisect
import html.entities
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from timeline.model import TemporalExpression

__all__ = [
    "GoldEvent",
    "GoldTimex",
    "Sentence",
    "TimeMLDocument",
    "TimeMLError",
    "document_stem",
    "parse_attrs",
    "read_timeml",
    "split_expression",
    "strip_text_timexes",
    "write_timeml",
]

#: File name suffixes of TimeML documents, longest first so ``x.tml.TE3input`` -> ``x``.
SUFFIXES: tuple[str, ...] = (".tml.TE3input", ".TE3input", ".tml")


class TimeMLError(ValueError):
    """A document that is not well-formed enough to read (names the file when known)."""


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """A TIMEX3 inside TEXT; ``attrs`` keeps every attribute as written (unescaped)."""

    start: int
    end: int
    text: str
    tid: str
    type: str
    value: str
    mod: str | None
    attrs: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True, slots=True)
class Sentence:
    """An ``<s id="...">`` element (SemEval-2015 trial documents have them)."""

    id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """An ``<EVENT>``; ``event_class`` is its ``class`` attribute (a Python keyword)."""

    eid: str
    start: int
    end: int
    text: str
    event_class: str | None
    attrs: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(slots=True)
class TimeMLDocument:
    """One TimeML file: its TEXT as plain text, the DCT and the gold annotations in TEXT."""

    doc_id: str
    dct: date | None
    text: str
    raw: str
    text_start: int  # offset in ``raw`` of the first character of TEXT's content
    timexes: list[GoldTimex]
    sentences: list[Sentence] = field(default_factory=list)
    events: list[GoldEvent] = field(default_factory=list)
    dct_value: str | None = None  # the DCT's TimeML value as written, e.g. "1998-01-08"
    dct_tid: str | None = None
    path: Path | None = None
    text_end: int = 0  # offset in ``raw`` of ``</TEXT>``


# --- scanning -------------------------------------------------------------------------

_NAME = r"[A-Za-z_:][\w:.-]*"
_MARKUP_RE = re.compile(
    r"<!--.*?-->"
    r"|<!\[CDATA\[(?P<cdata>.*?)\]\]>"
    r"|<\?.*?\?>"
    r"|<!(?:[^>\"'\[]|\"[^\"]*\"|'[^']*'|\[[^\]]*\])*>"  # DOCTYPE and other declarations
    rf"|<(?P<close>/)?(?P<name>{_NAME})(?P<attrs>(?:[^>\"'/]|\"[^\"]*\"|'[^']*'|/(?!>))*)"
    r"(?P<empty>/)?>",
    re.DOTALL,
)
_ATTR_RE = re.compile(rf"({_NAME})\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_ENTITY_RE = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z_][\w.-]*);")
_XML_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_TEXT_OPEN_RE = re.compile(r"<TEXT(?:\s[^>]*)?>")
_TEXT_CLOSE = "</TEXT>"
_DCT_RE = re.compile(r"<DCT(?:\s[^>]*)?>(?P<body>.*?)</DCT>", re.DOTALL)
_DOCID_RE = re.compile(r"<DOCID(?:\s[^>]*)?>(?P<body>.*?)</DOCID>", re.DOTALL)
_TIMEX_OPEN_RE = re.compile(r"<TIMEX3\b(?P<attrs>[^>]*)>")
_ISO_DAY_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")

TokenKind = Literal["open", "close", "empty", "other"]
_OUTSIDE = -1  # the stack of a place inside no element (see ``_Layout``)
# Elements may nest this deep, as libxml2 allows XML without its XML_PARSE_HUGE option;
# TimeML nests three or four (TEXT, s, EVENT): deeper is an attack, refused as it is read.
MAX_DEPTH = 256


def unescape(text: str) -> str:
    """Replace XML entities and character references; unknown names go through HTML5's
    table, and a stray ``&`` stays as it is (lenient: news text is not always clean XML)."""
    if "&" not in text:
        return text
    return _ENTITY_RE.sub(_entity_char, text)


def _entity_char(m: re.Match[str]) -> str:
    name = m.group(1)
    if name.startswith("#"):
        try:
            code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
            return chr(code)
        except (ValueError, OverflowError):
            return m.group(0)
    if name in _XML_ENTITIES:
        return _XML_ENTITIES[name]
    return html.entities.html5.get(name + ";", m.group(0))


def parse_attrs(source: str) -> dict[str, str]:
    """The attributes of a start tag, values unescaped."""
    return {
        m.group(1): unescape(m.group(2) if m.group(2) is not None else m.group(3) or "")
        for m in _ATTR_RE.finditer(source)
    }


@dataclass(slots=True)
class _Token:
    """A piece of markup inside TEXT, at text position ``pos`` (it sits before text[pos])."""

    kind: TokenKind
    name: str
    raw_start: int
    raw_end: int
    pos: int
    element: int = -1  # index into _Scan.elements for open/close/empty


@dataclass(slots=True)
class _Element:
    name: str
    attrs: dict[str, str]
    start: int
    end: int = -1
    open_token: int = -1
    close_token: int = -1


@dataclass(slots=True)
class _Scan:
    """The TEXT content split into text characters and markup tokens."""

    text: str
    char_raw: list[int]  # raw offset of the unit that produced text[i]; [len] = content end
    tokens: list[_Token]
    elements: list[_Element]
    cdata: list[tuple[int, int]]  # text spans that came from CDATA sections


def _line_of(raw: str, offset: int) -> int:
    return raw.count("\n", 0, offset) + 1


def _scan(raw: str, start: int, end: int, where: str) -> _Scan:
    """Tokenise ``raw[start:end]``; tags must nest properly (else ``TimeMLError``)."""
    chars: list[str] = []
    char_raw: list[int] = []
    tokens: list[_Token] = []
    elements: list[_Element] = []
    cdata: list[tuple[int, int]] = []
    stack: list[int] = []

    def add_text(a: int, b: int) -> None:
        segment = raw[a:b]
        if "<" in segment:
            bad = a + segment.index("<")
            raise TimeMLError(f"{where}: unexpected '<' on line {_line_of(raw, bad)}")
        pos = a
        for m in _ENTITY_RE.finditer(segment):
            replacement = _entity_char(m)
            if replacement == m.group(0):  # unknown: literal text
                continue
            for i in range(pos, a + m.start()):
                chars.append(raw[i])
                char_raw.append(i)
            for ch in replacement:  # one character, two for a few HTML5 entities
                chars.append(ch)
                char_raw.append(a + m.start())
            pos = a + m.end()
        for i in range(pos, b):
            chars.append(raw[i])
            char_raw.append(i)

    cursor = start
    for m in _MARKUP_RE.finditer(raw, start, end):
        add_text(cursor, m.start())
        cursor = m.end()
        if m.group("cdata") is not None:
            first = len(chars)
            base = m.start("cdata")
            for i, ch in enumerate(m.group("cdata")):
                chars.append(ch)
                char_raw.append(base + i)
            cdata.append((first, len(chars)))
            continue
        name = m.group("name")
        pos = len(chars)
        if name is None:
            tokens.append(_Token("other", "", m.start(), m.end(), pos))
            continue
        if m.group("close"):
            if not stack or elements[stack[-1]].name != name:
                expected = f"</{elements[stack[-1]].name}>" if stack else "no closing tag"
                raise TimeMLError(
                    f"{where}: </{name}> on line {_line_of(raw, m.start())} "
                    f"does not match (expected {expected})"
                )
            index = stack.pop()
            elements[index].end = pos
            elements[index].close_token = len(tokens)
            tokens.append(_Token("close", name, m.start(), m.end(), pos, index))
            continue
        element = _Element(name, parse_attrs(m.group("attrs")), pos)
        elements.append(element)
        index = len(elements) - 1
        element.open_token = len(tokens)
        if m.group("empty"):
            element.end = pos
            element.close_token = len(tokens)
            tokens.append(_Token("empty", name, m.start(), m.end(), pos, index))
        else:
            stack.append(index)
            tokens.append(_Token("open", name, m.start(), m.end(), pos, index))
            if len(stack) > MAX_DEPTH:
                raise TimeMLError(
                    f"{where}: elements nested more than {MAX_DEPTH} deep "
                    f"(line {_line_of(raw, m.start())})"
                )
    add_text(cursor, end)
    if stack:
        element = elements[stack[-1]]
        raw_at = tokens[element.open_token].raw_start
        raise TimeMLError(
            f"{where}: <{element.name}> on line {_line_of(raw, raw_at)} is not closed"
        )
    char_raw.append(end)
    return _Scan("".join(chars), char_raw, tokens, elements, cdata)


def _text_bounds(raw: str, where: str) -> tuple[int, int]:
    opening = _TEXT_OPEN_RE.search(raw)
    if opening is None:
        raise TimeMLError(f"{where}: no <TEXT> element")
    closing = raw.find(_TEXT_CLOSE, opening.end())
    if closing < 0:
        raise TimeMLError(f"{where}: <TEXT> is not closed")
    return opening.end(), closing


def _dct(raw: str, text_start: int) -> tuple[str | None, str | None]:
    """The DCT's value and tid: the TIMEX3 in ``<DCT>``, else a TIMEX3 outside TEXT whose
    functionInDocument is CREATION_TIME (some TempEval files put it in the header)."""
    m = _DCT_RE.search(raw)
    candidates: Iterable[re.Match[str]]
    if m is not None:
        candidates = _TIMEX_OPEN_RE.finditer(m.group("body"))
    else:
        candidates = (
            t
            for t in _TIMEX_OPEN_RE.finditer(raw, 0, text_start)
            if "CREATION_TIME" in t.group("attrs")
        )
    for timex in candidates:
        attrs = parse_attrs(timex.group("attrs"))
        if "value" in attrs:
            return attrs["value"], attrs.get("tid")
    return None, None


def _parse_day(value: str | None) -> date | None:
    if not value:
        return None
    m = _ISO_DAY_RE.match(value)
    if m is None:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def document_stem(name: str) -> str:
    """A document's name without ``.tml``, ``.TE3input`` or ``.tml.TE3input``."""
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def _decode(data: bytes, where: str) -> str:
    """UTF-8 unless the XML declaration names another encoding; a BOM is dropped."""
    head = data[:200].decode("ascii", errors="replace")
    m = re.match(r"<\?xml[^>]*encoding\s*=\s*[\"']([\w.-]+)[\"']", head.lstrip("\ufeff"))
    encoding = m.group(1) if m else "utf-8"
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError) as error:
        raise TimeMLError(f"{where}: cannot decode as {encoding}: {error}") from error


def read_timeml(path_or_text: str | Path) -> TimeMLDocument:
    """Read a TimeML document from a file (a ``Path``, or a ``str`` without ``<``) or from
    its content (a ``str`` containing markup).  Raises ``TimeMLError`` naming the file."""
    path: Path | None = None
    if isinstance(path_or_text, Path) or "<" not in path_or_text:
        path = Path(path_or_text)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise TimeMLError(f"{path}: {error.strerror or error}") from error
        raw = _decode(data, str(path))
    else:
        raw = path_or_text
    where = str(path) if path else "<string>"
    text_start, text_end = _text_bounds(raw, where)
    scan = _scan(raw, text_start, text_end, where)
    text = scan.text
    timexes: list[GoldTimex] = []
    sentences: list[Sentence] = []
    events: list[GoldEvent] = []
    for element in scan.elements:
        span = text[element.start : element.end]
        attrs = element.attrs
        if element.name == "TIMEX3":
            timexes.append(
                GoldTimex(
                    element.start,
                    element.end,
                    span,
                    attrs.get("tid", ""),
                    attrs.get("type", ""),
                    attrs.get("value", ""),
                    attrs.get("mod"),
                    attrs,
                )
            )
        elif element.name == "EVENT":
            events.append(
                GoldEvent(
                    attrs.get("eid", ""),
                    element.start,
                    element.end,
                    span,
                    attrs.get("class"),
                    attrs,
                )
            )
        elif element.name == "s" and "id" in attrs:
            sentences.append(Sentence(attrs["id"], element.start, element.end))
    dct_value, dct_tid = _dct(raw, text_start)
    docid = _DOCID_RE.search(raw, 0, text_start)
    if docid is not None:
        doc_id = unescape(docid.group("body")).strip()
    elif path is not None:
        doc_id = document_stem(path.name)
    else:
        doc_id = ""
    return TimeMLDocument(
        doc_id=doc_id,
        dct=_parse_day(dct_value),
        text=text,
        raw=raw,
        text_start=text_start,
        timexes=timexes,
        sentences=sentences,
        events=events,
        dct_value=dct_value,
        dct_tid=dct_tid,
        path=path,
        text_end=text_end,
    )


# --- writing --------------------------------------------------------------------------

_WORD_JOINER_RE = re.compile(r"\s+(?:or|and|to|through|until|till)\s+", re.IGNORECASE)
_DASH_JOINER_RE = re.compile(r"\s*[-–—]\s*")
_LEAD_RE = re.compile(r"^(?:between|from)\s+", re.IGNORECASE)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_expression(text: str, start: int, end: int, value: str) -> list[tuple[int, int, str]]:
    """The TIMEX3 spans and values for one of our expressions.

    Our tagger writes an alternative or a range ("February or March", "1990-1991") as ONE
    expression whose value joins two values with ``/``; TimeML has no such value, and gold
    annotators tag the two ends separately.  So the span is cut at its one joiner (" or ",
    " and ", " to ", " through ", " until ", " till ", else one dash) into two spans with a
    value each.  When the value has other than two parts, or the joiner is missing or
    ambiguous, the whole span gets the first value.
    """
    parts = value.split("/")
    if len(parts) == 1:
        return [(start, end, value)]
    span = text[start:end]
    if len(parts) == 2 and all(parts):
        for pattern in (_WORD_JOINER_RE, _DASH_JOINER_RE):
            joins = [
                m
                for m in pattern.finditer(span)
                if span[: m.start()].strip() and span[m.end() :].strip()
            ]
            if len(joins) != 1:
                continue
            join = joins[0]
            lead = _LEAD_RE.match(span[: join.start()])
            left = _trim(text, start + (lead.end() if lead else 0), start + join.start())
            right = _trim(text, start + join.end(), end)
            if left[0] < left[1] and right[0] < right[1]:
                return [(*left, parts[0]), (*right, parts[1])]
    return [(start, end, parts[0])]


@dataclass(slots=True)
class _Layout:
    """Where markup may go in TEXT once the gold TIMEX3 tags are gone.

    A *slot* is a place between two consecutive kept tokens at one text position (or the
    only place at a position without markup); its *stack* is the chain of elements open
    there.  A new element is well-formed iff its start and end slots have the same stack.
    Elements nest, so a stack is named by its innermost element (``_OUTSIDE`` for none)
    and compared by that name: one number per slot, however deep the nesting (a tuple of
    the whole chain per slot made a file nested 20,000 deep take gigabytes).
    """

    scan: _Scan
    runs: dict[int, list[_Token]]
    stacks: dict[int, list[int]]  # per run position, len(run) + 1 innermost elements
    depths: dict[int, int]  # how many elements are open inside and at each element
    positions: list[int]  # sorted run positions
    removed: list[tuple[int, int]]  # raw ranges of the gold TIMEX3 tags

    @classmethod
    def of(cls, scan: _Scan) -> _Layout:
        runs: dict[int, list[_Token]] = {}
        stacks: dict[int, list[int]] = {}
        depths: dict[int, int] = {_OUTSIDE: 0}
        removed: list[tuple[int, int]] = []
        stack: list[int] = []
        for token in scan.tokens:
            if token.kind != "other" and token.name == "TIMEX3":
                removed.append((token.raw_start, token.raw_end))
                continue
            if token.pos not in runs:
                runs[token.pos] = []
                stacks[token.pos] = [stack[-1] if stack else _OUTSIDE]
            runs[token.pos].append(token)
            if token.kind == "open":
                stack.append(token.element)
                depths[token.element] = len(stack)
            elif token.kind == "close":
                stack.pop()
            stacks[token.pos].append(stack[-1] if stack else _OUTSIDE)
        return cls(scan, runs, stacks, depths, sorted(runs), removed)

    def slots(self, pos: int) -> list[int]:
        """The stacks of the slots at text position ``pos`` (none inside CDATA)."""
        if any(a < pos < b for a, b in self.scan.cdata):
            return []
        if pos in self.stacks:
            return self.stacks[pos]
        i = bisect.bisect_right(self.positions, pos) - 1
        return [self.stacks[self.positions[i]][-1] if i >= 0 else _OUTSIDE]

    def place(self, start: int, end: int) -> tuple[int, int] | None:
        """Open and close slot for ``[start, end)``, innermost possible, or None if the span
        crosses an element boundary.  Opening as late and closing as early as possible at a
        position keeps adjacent spans from crossing each other."""
        at_start, at_end = self.slots(start), self.slots(end)
        common = set(at_start) & set(at_end)
        if not common:
            return None
        stack = max(common, key=self.depths.__getitem__)
        open_slot = max(j for j, s in enumerate(at_start) if s == stack)
        close_slot = min(j for j, s in enumerate(at_end) if s == stack)
        return open_slot, close_slot

    def fit(self, start: int, end: int) -> tuple[int, int, int, int] | None:
        """``(start, end, open slot, close slot)`` of the span to tag: the span itself if it
        nests, else its longest sub-span cut at markup positions (whitespace trimmed; the
        leftmost on a tie) that nests, else None."""
        placed = self.place(start, end)
        if placed is not None:
            return start, end, *placed
        cuts = [start, *(p for p in self.positions if start < p < end), end]
        best: tuple[int, int, int, int] | None = None
        for i, a in enumerate(cuts):
            for b in cuts[i + 1 :]:
                a2, b2 = _trim(self.scan.text, a, b)
                if a2 >= b2 or (best is not None and b2 - a2 <= best[1] - best[0]):
                    continue
                placed = self.place(a2, b2)
                if placed is not None:
                    best = (a2, b2, *placed)
        return best

    def raw_offset(self, pos: int, slot: int, text_end: int) -> int:
        run = self.runs.get(pos, [])
        if slot < len(run):
            return run[slot].raw_start
        return self.scan.char_raw[pos] if pos < len(self.scan.text) else text_end


def _attr(value: str) -> str:
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _apply(
    raw: str, removed: Sequence[tuple[int, int]], inserted: Sequence[tuple[int, int, str]]
) -> str:
    """``raw`` with the ranges ``removed`` cut out and strings inserted at offsets; an
    insertion's second field orders insertions at one offset."""
    edits: list[tuple[int, int, int, str]] = [(a, 1, b, "") for a, b in removed]
    edits += [(pos, 0, order, s) for pos, order, s in inserted]
    edits.sort()
    out: list[str] = []
    cursor = 0
    for pos, kind, extra, payload in edits:
        out.append(raw[cursor:pos])
        cursor = pos
        if kind == 0:
            out.append(payload)
        else:
            cursor = extra
    out.append(raw[cursor:])
    return "".join(out)


def _where(doc: TimeMLDocument) -> str:
    return str(doc.path) if doc.path else (doc.doc_id or "<string>")


def strip_text_timexes(raw: str) -> str:
    """``raw`` without the TIMEX3 tags inside TEXT (their content stays); nothing else
    changes.  The DCT's TIMEX3, outside TEXT, is kept."""
    start, end = _text_bounds(raw, "<string>")
    scan = _scan(raw, start, end, "<string>")
    removed = [
        (t.raw_start, t.raw_end) for t in scan.tokens if t.kind != "other" and t.name == "TIMEX3"
    ]
    return _apply(raw, removed, [])


def write_timeml(doc: TimeMLDocument, expressions: Iterable[TemporalExpression]) -> str:
    """The document's file with the gold TIMEX3 tags of TEXT replaced by ours.

    Everything else, the DCT, EVENT/SIGNAL/``s`` tags, entities, whitespace, the TLINKs
    after TEXT, stays byte for byte (TLINKs may then name gold tids that are gone).
    Our tags get tids ``t1``, ``t2``... in text order (skipping the DCT's tid), ``type``,
    ``value`` and ``mod`` when set; alternatives and ranges become two tags
    (``split_expression``).

    Nesting rule: a tag must nest properly with the tags that stay.  Where spans meet a tag
    boundary, ours goes as deep as it can (``<s><TIMEX3>..</TIMEX3></s>`` when it covers the
    whole sentence).  A span that would cross a boundary (half inside an EVENT, or over a
    sentence end) shrinks to its longest part between boundaries that nests; one with no
    such part, one that overlaps an earlier one of ours, an empty one, one that starts or
    ends inside a CDATA section is dropped.
    """
    scan = _scan(doc.raw, doc.text_start, doc.text_end, _where(doc))
    layout = _Layout.of(scan)
    text = scan.text
    planned: list[tuple[int, int, str, TemporalExpression]] = []
    for expression in expressions:
        start, end = expression.char_start, expression.char_end
        if not 0 <= start < end <= len(text):
            continue
        for a, b, value in split_expression(text, start, end, expression.value):
            planned.append((a, b, value, expression))
    planned.sort(key=lambda p: (p[0], -(p[1] - p[0])))
    inserted: list[tuple[int, int, str]] = []
    last_end = 0
    number = 0
    for a, b, value, expression in planned:
        fitted = layout.fit(a, b)
        if fitted is None or fitted[0] < last_end:
            continue
        start, end, open_slot, close_slot = fitted
        last_end = end
        number += 1
        if doc.dct_tid == f"t{number}":
            number += 1
        attrs = f'tid="t{number}" type="{_attr(str(expression.type))}" value="{_attr(value)}"'
        if expression.mod:
            attrs += f' mod="{_attr(expression.mod)}"'
        inserted.append((layout.raw_offset(start, open_slot, doc.text_end), 1, f"<TIMEX3 {attrs}>"))
        inserted.append((layout.raw_offset(end, close_slot, doc.text_end), 0, "</TIMEX3>"))
    return _apply(doc.raw, layout.removed, inserted)
