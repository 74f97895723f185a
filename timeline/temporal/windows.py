"""The grammar's prefilter: each rule runs only in windows of the text around its anchors.

One regex over the lowercased text finds every anchor word or digit shape of every rule;
each rule then looks only at the hits of its own anchors (a rule none of whose anchors
occurs gets no window), tests its guards on them, and runs in the merged windows around
what is left.  The candidates are the same as running every rule over the whole text,
since every match holds an anchor of its rule and lies, with its look-arounds, in that
anchor's window (``tests/temporal/test_windows.py`` checks it); most of a news text holds
no anchor of most rules, which is where the tagger's speed comes from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from timeline.temporal.grammar import GUARD_REACH, Rule
from timeline.temporal.patterns import trie

Window = tuple[int, int]


# the digit shapes an anchor may be, by the regex group that finds them (a group name,
# unlike a word, holds "_")
_SHAPES = {"_4": "#4", "_ampm": "#ampm", "_sep": "#sep", "_dec": "#dec"}


class Prefilter:
    """The anchor index of a tuple of rules, and the windows of a text per rule."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        index: dict[str, set[int]] = {}
        for i, rule in enumerate(rules):
            for anchor in rule.anchors:
                keys = (anchor,) if anchor.startswith("#") else (anchor, anchor + "s")
                for word in keys:
                    index.setdefault(word, set()).add(i)
        words = sorted(k for k in index if not k.startswith("#"))
        self.pattern = re.compile(
            rf"\b(?:(?:{trie(words)})(?![a-z])|(?P<_4>\d\d\d\d)(?!\d)"
            r"|(?P<_ampm>\d\d?(?:[:.]\d\d)?\s*[ap]\.?m)|(?P<_sep>\d\d?[/:]\d))|(?P<_dec>'\d0s)"
        )
        table = {k: tuple(sorted(v)) for k, v in index.items()}
        for group, shape in _SHAPES.items():
            table[group] = table.get(shape, ())
        self.table = table
        self.margins = tuple(
            (r.before, r.after, r.guard_before, r.guard_after, r.phrase_guards) for r in rules
        )

    def windows(self, text: str) -> list[list[Window]] | None:
        """Per rule, the merged windows of ``text`` around its anchors (None: scan it all,
        for the rare text whose lowercase changes its length)."""
        lowered = text.lower()
        if len(lowered) != len(text):
            return None
        table = self.table
        hits: dict[str, list[Window]] = {}
        for m in self.pattern.finditer(lowered):
            word = m.lastgroup or m.group()
            spans = hits.get(word)
            if spans is None:
                hits[word] = [m.span()]
            else:
                spans.append(m.span())
        margins = self.margins
        # per rule, the keys of its anchors that occur, in the order the index lists them
        present: list[list[str]] = [[] for _ in margins]
        for word in hits:
            for i in table[word]:
                present[i].append(word)
        n = len(text)
        # the hits of a set of keys, and a guard's verdict on them, shared by the rules with
        # the same anchors (the month rules) or the same guard too ("May 5" and "May 5-7")
        merged: dict[tuple[str, ...], list[Window]] = {}
        guarded: dict[tuple[re.Pattern[str], tuple[str, ...]], list[Window]] = {}
        windows: list[list[Window]] = []
        for keys, (before, after, guard_before, guard_after, phrases) in zip(
            present, margins, strict=True
        ):
            if not keys:
                windows.append([])
                continue
            if phrases is not None:
                spans = _near_phrases(text, hits, keys, phrases, before, after)
            else:
                group = tuple(keys)
                found = merged.get(group)
                if found is None:
                    # anchors do not overlap: ordered by start, the hits are in text order
                    found = merged[group] = (
                        hits[keys[0]]
                        if len(keys) == 1
                        else sorted([h for k in keys for h in hits[k]])
                    )
                spans = found
                guard = guard_after if guard_after is not None else guard_before
                if guard is not None:
                    verdict = guarded.get((guard, group))
                    if verdict is None:
                        verdict = guarded[(guard, group)] = _guarded(
                            text, spans, guard, after=guard_after is not None
                        )
                    spans = verdict
                    if guard_before is not None and guard is not guard_before:
                        spans = _guarded(text, spans, guard_before, after=False)
            windows.append(_merged(spans, before, after, n) if spans else [])
        return windows


def _near_phrases(
    text: str,
    hits: dict[str, list[Window]],
    keys: list[str],
    phrases: dict[str, re.Pattern[str]],
    before: int,
    after: int,
) -> list[Window]:
    """The hits of ``keys`` that one of the phrases holding them lies around."""
    out: list[Window] = []
    for word in keys:
        near = phrases[word].search
        out.extend(
            (s, e)
            for s, e in hits[word]
            if near(text, s - before if s > before else 0, e + after) is not None
        )
    if len(keys) > 1:
        out.sort()
    return out


def _guarded(
    text: str, spans: list[Window], guard: re.Pattern[str], *, after: bool
) -> list[Window]:
    """The hits ``spans`` whose guard holds right after (or before) them."""
    if after:
        match = guard.match
        return [(s, e) for s, e in spans if match(text, e) is not None]
    search = guard.search
    return [
        (s, e)
        for s, e in spans
        if search(text, s - GUARD_REACH if s > GUARD_REACH else 0, s) is not None
    ]


def _merged(spans: list[Window], before: int, after: int, n: int) -> list[Window]:
    """The windows ``before`` / ``after`` characters around ``spans`` (in text order),
    overlapping or touching ones merged, clipped to the text."""
    gap = before + after
    out: list[Window] = []
    lo, hi = spans[0]
    for s, e in spans:
        if s - hi > gap:
            out.append((lo - before if lo > before else 0, hi + after if hi + after < n else n))
            lo = s
        hi = e
    out.append((lo - before if lo > before else 0, hi + after if hi + after < n else n))
    return out
