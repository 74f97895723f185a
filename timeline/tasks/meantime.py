"""Read MEANTIME (NewsReader) CAT-XML documents as TimeML, for the tagger's benchmarks.

MEANTIME annotates WikiNews articles token by token: ``<token t_id=.. sentence=..>`` and,
under ``<Markables>``, ``<TIMEX3 type= value= functionInDocument=>`` whose
``<token_anchor t_id=..>`` children name the tokens it covers (a TIMEX3 without anchors
is implicit and has no span).  The tagger and every scorer here read TimeML, so a document
is turned into a TimeML string (``meantime_to_timeml``) and read back with
``timeline.io.timeml.read_timeml``: its text is the tokens *detokenised* into ordinary
news prose ("June 6, 2005", "Apple's", "(WWDC)"), because a tagger fed "June 6 , 2005"
is not being measured on news.

Choices, stated because they move the figures:

* Only the annotated part is kept: MEANTIME marks temporal expressions (and signals,
  values) in the first six sentences of each article only (title, date line, four
  sentences of body; events and entities go further), so a tagger run on the whole
  article would be charged for every correct date after them.

* The creation time (the TIMEX3 whose ``functionInDocument`` is ``CREATION_TIME``) is the
  DCT.  MEANTIME anchors it on the article's date line (sentence 1); that line is
  metadata, as the DCT is in TimeML, so it is left out of the text and not scored.
* The title (sentence 0) is a line of its own; the body sentences follow as one paragraph
  (the annotation keeps no paragraph breaks).
* PTB quotes (`` and '') become straight double quotes.

Guideline differences from TimeBank/TempEval-3, noted from the gold of the 30 Apple
articles once the tagger was done (the tagger follows TimeML as TimeBank applies it and is
not tuned to these; each costs it a value or a match here):

* no ``mod`` attribute: "mid-2011" is ``2011-06-XX``, "the beginning of the year" ``2008``
  (TimeML: ``2011`` and ``2008`` with ``mod``);
* adjectives of frequency are SETs ("annual", P1Y), which TimeBank leaves untagged;
* vague futures are ``XXXX-XX-XX`` ("a later time", "later"), elsewhere ``FUTURE_REF``;
  "that day" can be ``PRESENT_REF``; "this morning" is a DATE;
* fiscal years are ``FY2007`` ("the very beginning of the financial year"), and one
  relative pronoun ("which") is a TIMEX3;
* the same phrase is valued two ways ("the past decade": DURATION ``P10Y`` once, DATE
  ``200`` once), and one value is malformed (``PM6`` for "the next six months").

Durations' ``beginPoint``/``endPoint`` links are not scored.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from timeline.io.timeml import TimeMLDocument, TimeMLError, read_timeml

__all__ = ["MeantimeTimex", "meantime_to_timeml", "read_meantime"]

# no space before these tokens ("Apple 's", "2005 ,"), none after those ("( WWDC", "$ 5")
_ATTACH_LEFT = frozenset({",", ".", ":", ";", "!", "?", ")", "]", "}", "%", "...", "'s", "’s"})
_ATTACH_LEFT_RE = re.compile(r"^(?:'(?:s|ve|ll|re|d|m)|n't|’(?:s|ve|ll|re|d|m))$", re.IGNORECASE)
_ATTACH_RIGHT = frozenset({"(", "[", "{", "$", "US$", "£", "€", "#", "“", "‘"})
_QUOTES = {"``": '"', "''": '"'}
# sentences 0-5 (title, date line, four of body) carry MEANTIME's temporal annotation
ANNOTATED_SENTENCES = 6


@dataclass(frozen=True, slots=True)
class MeantimeTimex:
    """A gold TIMEX3 over tokens ``first..last`` (indices into the token list)."""

    tid: str
    first: int
    last: int
    type: str
    value: str
    function: str


def _detokenise(tokens: list[str], sentences: list[int]) -> tuple[str, list[tuple[int, int]]]:
    """Text and each token's character span.  A token of sentence -1 is left out."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    previous_sentence: int | None = None
    previous = ""
    open_double = False
    for token, sentence in zip(tokens, sentences, strict=True):
        if sentence < 0:
            spans.append((length, length))
            continue
        word = _QUOTES.get(token, token)
        if previous_sentence is None:
            gap = ""
        elif sentence != previous_sentence and previous_sentence == 0:
            gap = "\n\n"  # the title is a line of its own
        else:
            gap = " "
        if word == '"':
            # a straight quote opens when none is open, else closes
            attach_left = open_double
            open_double = not open_double
        else:
            attach_left = word in _ATTACH_LEFT or bool(_ATTACH_LEFT_RE.match(word))
        if gap == " " and (attach_left or previous in _ATTACH_RIGHT or _opens(previous, out)):
            gap = ""
        out.append(gap)
        length += len(gap)
        spans.append((length, length + len(word)))
        out.append(word)
        length += len(word)
        previous = word
        previous_sentence = sentence
    return "".join(out), spans


def _opens(previous: str, out: list[str]) -> bool:
    """Whether the token written last is an opening straight quote (nothing follows it)."""
    if previous != '"':
        return False
    # the quote just written opened a quotation when an odd number of quotes precede it
    return sum(piece == '"' for piece in out) % 2 == 1


def read_tokens(root: ET.Element) -> tuple[list[str], list[int], dict[str, int]]:
    tokens: list[str] = []
    sentences: list[int] = []
    index: dict[str, int] = {}
    for token in root.iter("token"):
        index[token.get("t_id", "")] = len(tokens)
        tokens.append(token.text or "")
        sentences.append(int(token.get("sentence", "0")))
    return tokens, sentences, index


def _timexes(root: ET.Element, index: dict[str, int]) -> list[MeantimeTimex]:
    found = []
    for timex in root.iter("TIMEX3"):
        anchors = [index[a.get("t_id", "")] for a in timex.iter("token_anchor")]
        if not anchors:
            continue  # implicit: no span in the text
        found.append(
            MeantimeTimex(
                timex.get("m_id", ""),
                min(anchors),
                max(anchors),
                timex.get("type", ""),
                timex.get("value", ""),
                timex.get("functionInDocument", "NONE"),
            )
        )
    return sorted(found, key=lambda t: (t.first, -t.last))


def meantime_to_timeml(path: Path | str) -> str:
    """One MEANTIME document as a TimeML 1.2 string with its gold TIMEX3 in TEXT."""
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as error:
        raise TimeMLError(f"{path}: {error}") from error
    tokens, sentences, index = read_tokens(root)
    timexes = _timexes(root, index)
    creation = [t for t in timexes if t.function == "CREATION_TIME"]
    if not creation or not re.match(r"\d{4}-\d\d-\d\d", creation[0].value):
        raise TimeMLError(f"{path}: no creation time")
    dct = creation[0]
    dct_sentences = {sentences[i] for i in range(dct.first, dct.last + 1)}
    if any(sentences[t.last] >= ANNOTATED_SENTENCES for t in timexes):
        raise TimeMLError(f"{path}: a TIMEX3 after sentence {ANNOTATED_SENTENCES - 1}")
    kept = [
        -1 if (s in dct_sentences and s > 0) or s >= ANNOTATED_SENTENCES else s for s in sentences
    ]
    text, spans = _detokenise(tokens, kept)
    opens: dict[int, list[MeantimeTimex]] = {}
    for timex in timexes:
        if timex.function == "CREATION_TIME" or spans[timex.first][0] == spans[timex.last][1]:
            continue
        opens.setdefault(spans[timex.first][0], []).append(timex)
    body: list[str] = []
    cursor = 0
    closes: list[int] = []
    for at in sorted(opens):
        for timex in opens[at]:
            if closes and at < closes[-1]:
                continue  # nested or overlapping: TimeML keeps the outer one
            body.append(escape(text[cursor:at]))
            end = spans[timex.last][1]
            attrs = f"tid={quoteattr('t' + timex.tid)} type={quoteattr(timex.type)}"
            attrs += f" value={quoteattr(timex.value)}"
            body.append(f"<TIMEX3 {attrs}>{escape(text[at:end])}</TIMEX3>")
            cursor = end
            closes.append(end)
    body.append(escape(text[cursor:]))
    doc_id = root.get("doc_id") or path.stem
    return (
        '<?xml version="1.0" ?>\n<TimeML>\n'
        f"<DOCID>{escape(doc_id)}</DOCID>\n"
        f'<DCT><TIMEX3 tid="t0" type="DATE" value="{dct.value[:10]}" '
        f'functionInDocument="CREATION_TIME">{dct.value[:10]}</TIMEX3></DCT>\n'
        f"<TEXT>{''.join(body)}</TEXT>\n</TimeML>\n"
    )


def read_meantime(path: Path | str) -> TimeMLDocument:
    """A MEANTIME document as a ``TimeMLDocument`` (text, DCT, gold TIMEX3)."""
    path = Path(path)
    doc = read_timeml(meantime_to_timeml(path))
    doc.path = path.with_suffix(".tml")
    return doc
