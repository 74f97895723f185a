"""A stored document as TimeML 1.2: its text with TIMEX3 and EVENT tags.

The text is the document text as stored (after cleaning), so the tags sit at the same
character offsets the API reports.  The publication date becomes the document creation
time (``<DCT>``, ``tid="t0"``).  Each event gets an ``EVENT``, its ``MAKEINSTANCE`` and a
``TLINK`` ``IS_INCLUDED`` in the expression (or the creation time) that anchors it.

The TIMEX3 tags are written by ``timeline.io.timeml.write_timeml``, the project's TimeML
writer (the one the evaluation uses), so both agree on tids, ``value``/``mod`` and on
splitting alternatives ("February or March") into two tags: this module builds a TimeML
skeleton with the events, lets it add the expressions, then links events to the tags it
wrote.  Without that module (it is optional) a minimal writer of its own is used:
expressions needing a reference date are marked ``temporalFunction="true"``.  Tags must
nest in XML, so an event trigger overlapping an expression loses its ``EVENT`` tag.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from timeline.model import AnalysedDocument, Anchoring, TemporalExpression
from timeline.temporal.spec import parse_spec

MEDIA_TYPE = "application/xml"


def _relative(expression: TemporalExpression) -> bool:
    try:
        return parse_spec(expression.underspecified).needs_reference
    except ValueError:
        return False


def _attrs(pairs: list[tuple[str, str]]) -> str:
    return "".join(f" {name}={quoteattr(value)}" for name, value in pairs)


def render_timeml(analysed: AnalysedDocument) -> str:
    """The document as a TimeML XML string."""
    try:
        from timeline.io.timeml import read_timeml, write_timeml
    except ImportError:  # pragma: no cover - the reader/writer is part of the project
        return render_minimal_timeml(analysed)
    document = analysed.document
    text = document.text
    expressions = analysed.expressions
    timex_spans = [
        (e.char_start, e.char_end) for e in expressions if 0 <= e.char_start < e.char_end
    ]

    def clear(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in timex_spans)

    spans: list[tuple[int, int, str]] = []
    instances: list[str] = []
    anchors: list[tuple[str, int | None]] = []  # (eiid, expression index or None for DCT)
    for event in analysed.events:
        start, end = event.char_start, event.char_end
        if not (0 <= start < end <= len(text)) or not clear(start, end):
            continue
        if any(not (end <= s or start >= e) for s, e, _ in spans):
            continue
        number = len(spans) + 1
        spans.append((start, end, f'<EVENT eid="e{number}" class="OCCURRENCE">'))
        instances.append(f'<MAKEINSTANCE eiid="ei{number}" eventID="e{number}" pos="UNKNOWN"/>')
        if event.anchoring is Anchoring.TIMEX and event.timex_index is not None:
            anchors.append((f"ei{number}", event.timex_index))
        elif event.anchoring is Anchoring.PUBLICATION and document.published is not None:
            anchors.append((f"ei{number}", None))
    body: list[str] = []
    position = 0
    for start, end, opening in sorted(spans):
        body.append(escape(text[position:start]) + opening + escape(text[start:end]) + "</EVENT>")
        position = end
    body.append(escape(text[position:]))
    head = _head(analysed)
    skeleton = "\n".join([*head, f"<TEXT>{''.join(body)}</TEXT>", *instances, "</TimeML>"]) + "\n"
    written = write_timeml(read_timeml(skeleton), expressions)

    # The tids write_timeml gave: the first of its tags inside each expression's span.
    tags = read_timeml(written).timexes
    links: list[str] = []
    for number, (eiid, index) in enumerate(anchors, 1):
        tid = "t0"
        if index is not None:
            if not 0 <= index < len(expressions):
                continue
            expression = expressions[index]
            found = next(
                (
                    t.tid
                    for t in tags
                    if expression.char_start <= t.start and t.end <= expression.char_end
                ),
                None,
            )
            if found is None:
                continue
            tid = found
        links.append(
            f'<TLINK lid="l{number}" relType="IS_INCLUDED" eventInstanceID="{eiid}" '
            f'relatedToTime="{tid}"/>'
        )
    if not links:
        return written
    cut = written.rindex("</TimeML>")
    return written[:cut] + "".join(link + "\n" for link in links) + written[cut:]


def _head(analysed: AnalysedDocument) -> list[str]:
    """The XML declaration, root, DOCID, DCT and TITLE lines."""
    document = analysed.document
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<TimeML>"]
    lines.append(f"<DOCID>{escape(document.name)}</DOCID>")
    if document.published is not None:
        value = document.published.value
        lines.append(
            f'<DCT><TIMEX3 tid="t0" type="DATE" value={quoteattr(value)} '
            f'temporalFunction="false" functionInDocument="CREATION_TIME">'
            f"{escape(value)}</TIMEX3></DCT>"
        )
    if document.title:
        lines.append(f"<TITLE>{escape(document.title)}</TITLE>")
    return lines


def render_minimal_timeml(analysed: AnalysedDocument) -> str:
    """The document as TimeML without ``timeline.io.timeml``: one tag per expression."""
    document = analysed.document
    text = document.text
    published = document.published
    # (start, end, opening tag, closing tag), kept only when they do not overlap.
    spans: list[tuple[int, int, str, str]] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    tids: dict[int, str] = {}
    for index, expression in enumerate(analysed.expressions):
        start, end = expression.char_start, expression.char_end
        if not (0 <= start < end <= len(text)) or not free(start, end):
            continue
        tid = f"t{len(tids) + 1}"
        tids[index] = tid
        pairs = [("tid", tid), ("type", expression.type.value), ("value", expression.value)]
        if expression.mod:
            pairs.append(("mod", expression.mod))
        relative = _relative(expression)
        pairs.append(("temporalFunction", "true" if relative else "false"))
        if relative and published is not None:
            pairs.append(("anchorTimeID", "t0"))
        spans.append((start, end, f"<TIMEX3{_attrs(pairs)}>", "</TIMEX3>"))
        taken.append((start, end))

    links: list[str] = []
    for event in analysed.events:
        start, end = event.char_start, event.char_end
        if not (0 <= start < end <= len(text)) or not free(start, end):
            continue
        eid = f"e{len(links) + 1}"
        spans.append((start, end, f'<EVENT eid="{eid}" class="OCCURRENCE">', "</EVENT>"))
        taken.append((start, end))
        anchor = None
        if event.anchoring is Anchoring.TIMEX and event.timex_index is not None:
            anchor = tids.get(event.timex_index)
        elif event.anchoring is Anchoring.PUBLICATION and published is not None:
            anchor = "t0"
        instance = f'<MAKEINSTANCE eiid="ei{eid[1:]}" eventID="{eid}" pos="UNKNOWN"/>'
        link = ""
        if anchor is not None:
            link = (
                f'\n<TLINK lid="l{eid[1:]}" relType="IS_INCLUDED" '
                f'eventInstanceID="ei{eid[1:]}" relatedToTime="{anchor}"/>'
            )
        links.append(instance + link)

    body: list[str] = []
    position = 0
    for start, end, opening, closing in sorted(spans):
        body.append(escape(text[position:start]))
        body.append(opening + escape(text[start:end]) + closing)
        position = end
    body.append(escape(text[position:]))

    lines = _head(analysed)
    lines.append(f"<TEXT>{''.join(body)}</TEXT>")
    lines.extend(links)
    lines.append("</TimeML>")
    return "\n".join(lines) + "\n"
