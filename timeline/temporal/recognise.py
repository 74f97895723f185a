"""Stage one of the tagger: find temporal expressions and normalise them to a ``Spec``.

The grammar (``timeline.temporal.rules``) is run in three steps:

1. every rule runs in the windows of the text around its anchors (``windows.Prefilter``);
   its normaliser turns each match into a ``Mention`` (or declines);
2. overlapping candidates are settled leftmost-longest (on equal spans the rule of higher
   priority, then the earlier family);
3. composers combine what was chosen with its neighbours and the words around it
   ("about" + a duration, a duration + "ago", "February" + "or" + "March", "3 p.m." +
   "Friday"), pass after pass until nothing changes.

Each mention records the rule that built it, a composed one the composer and its parts
(``alternative(month, month)``).  Direction (past/future) for specs that need it is
filled in later from the clause's tense by ``timeline.temporal.tense``.

Spans follow TimeML: determiners and modifiers belong to the expression ("the 1990s",
"late last year", "more than two weeks"), governing prepositions do not ("in", "on").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import cache

from timeline.temporal.grammar import Composer, Mention
from timeline.temporal.lexicon import LEX
from timeline.temporal.rules import composers, rules
from timeline.temporal.windows import Prefilter

__all__ = ["LEX", "Mention", "candidates", "compose", "recognise"]

# composing stops after this many passes (each composer declines what it built itself)
_MAX_PASSES = 4


@cache
def _prefilter() -> Prefilter:
    return Prefilter(rules())


def _windows(text: str) -> list[list[tuple[int, int]]] | None:
    return _prefilter().windows(text)


def candidates(text: str) -> Iterator[tuple[Mention, int]]:
    """Every rule's matches with the rule's priority, rule by rule in text order: the same
    matches as running each rule over the whole text (see ``timeline.temporal.windows``)."""
    windows = _windows(text)
    for i, rule in enumerate(rules()):
        spans = [(0, len(text))] if windows is None else windows[i]
        finditer = rule.pattern.finditer
        normalise = rule.normalise
        name = rule.name
        for a, b in spans:
            for match in finditer(text, a, b):
                found = normalise(match, text)
                if found is not None:
                    yield _trim(found, name), rule.priority


_LEADING_DROP_RE = re.compile(r"^(?:in|on|during|at(?=\s+(?:the|this)\b))\s+", re.IGNORECASE)


def _trim(found: Mention, rule: str) -> Mention:
    """The mention named after its rule, without a leading preposition some rules consume
    for context ("in the past")."""
    m = _LEADING_DROP_RE.match(found.text)
    cut = m.end() if m else 0
    return Mention(
        found.start + cut,
        found.end,
        found.text[cut:] if cut else found.text,
        found.type,
        found.spec,
        found.mod,
        found.directed,
        rule,
    )


def _select(found: list[tuple[Mention, int]]) -> list[Mention]:
    """Leftmost-longest, non-overlapping; on equal spans the higher priority, then the
    earlier rule wins."""
    chosen: list[Mention] = []
    for c, _ in sorted(found, key=lambda f: (f[0].start, f[0].start - f[0].end, -f[1])):
        if chosen and c.start < chosen[-1].end:
            continue
        chosen.append(c)
    return chosen


def _named(
    built: Mention | Sequence[Mention], name: str, parts: Sequence[Mention]
) -> list[Mention] | None:
    """The built mentions, each new one named after the composer and its parts (None when
    they say nothing the parts did not: a composer must not re-apply to its own work)."""
    out = [built] if isinstance(built, Mention) else list(built)
    if [_meaning(m) for m in out] == [_meaning(p) for p in parts]:
        return None
    label = f"{name}({', '.join(p.rule for p in parts)})"
    return [m if any(m is p for p in parts) else replace(m, rule=label) for m in out]


def _meaning(m: Mention) -> tuple[object, ...]:
    return (m.start, m.end, m.type, m.spec, m.mod, m.directed)


def _apply(composer: Composer, mentions: list[Mention], text: str) -> tuple[list[Mention], bool]:
    """One pass of ``composer`` over ``mentions`` (in text order); whether it built any."""
    out: list[Mention] = []
    changed = False
    pattern, accepts, build = composer.pattern, composer.accepts, composer.build
    needs = composer.needs
    n = len(mentions)
    i = 0
    while i < n:
        m = mentions[i]
        if composer.kind == "join":
            if i + 1 < n and accepts(m):
                right = mentions[i + 1]
                assert composer.accepts_right is not None
                if right.start - m.end <= composer.reach and composer.accepts_right(right):
                    gap = pattern.fullmatch(text, m.end, right.start)
                    built = build(text, gap, m, right) if gap else None
                    joined = _named(built, composer.name, (m, right)) if built else None
                    if joined:
                        out.extend(joined)
                        changed = True
                        i += 2
                        continue
        elif accepts(m):
            if composer.kind == "prefix":
                lo = max(0, m.start - composer.reach)
                near = text[lo : m.start].lower() if needs else ""
                ok = not needs or any(w in near for w in needs)
                match = pattern.search(text, lo, m.start) if ok else None
            else:
                near = text[m.end : m.end + composer.reach].lower() if needs else ""
                ok = not needs or any(w in near for w in needs)
                match = pattern.match(text, m.end) if ok else None
            built = build(text, match, m) if match else None
            new = _named(built, composer.name, (m,)) if built else None
            if new:
                lo, hi = min(x.start for x in new), max(x.end for x in new)
                if composer.kind == "prefix":
                    # the words before may hold mentions: the new one takes their place
                    # when it covers them whole
                    k = len(out)
                    while k and out[k - 1].end > lo:
                        k -= 1
                    if all(x.start >= lo for x in out[k:]):
                        del out[k:]
                        out.extend(new)
                        changed = True
                        i += 1
                        continue
                else:
                    j = i + 1
                    while j < n and mentions[j].start < hi:
                        j += 1
                    if all(x.end <= hi for x in mentions[i + 1 : j]):
                        out.extend(new)
                        changed = True
                        i = j
                        continue
        out.append(m)
        i += 1
    return out, changed


def compose(mentions: list[Mention], text: str, grammar: Sequence[Composer] = ()) -> list[Mention]:
    """Apply the composers pass after pass until none builds anything."""
    grammar = grammar or composers()
    for _ in range(_MAX_PASSES):
        changed = False
        for composer in grammar:
            mentions, did = _apply(composer, mentions, text)
            changed |= did
        if not changed:
            break
    return mentions


def recognise(text: str) -> list[Mention]:
    """All temporal expressions in ``text``, in order, each normalised to a ``Spec``."""
    return compose(_select(list(candidates(text))), text)
