"""Which way an underspecified date points, read from the tense of its clause.

"On June 14, Putin outlined..." looks back from the publication date; "is scheduled to
attend ... on Wednesday" looks ahead.  Without a parser we find the clause around the
expression and the verb cue nearest to it: future cues (modals, "scheduled to", present
progressive "are meeting", scheduling verbs in the present "opens", "takes effect"), past
cues (past auxiliaries, irregular past forms, regular ``-ed`` forms not governed by a
present-tense "is/are"), present cues.  A verb right after a modal or "to" is a bare
infinitive ("will last", "to set"), and a participle after "be/been" is passive ("will be
held"): neither says anything of its own, the auxiliary before it does.  The cue nearest
before the expression wins; a fronted adverbial with no verb ("On Friday, Trump said...")
takes the next clause's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from timeline.temporal.data import load_json
from timeline.temporal.patterns import trie
from timeline.temporal.spec import Direction

_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_CLAUSE_WORDS = (
    "that",
    "which",
    "who",
    "while",
    "although",
    "though",
    "but",
    "because",
    "when",
    "whereas",
    "where",
    "if",
    "and",
    "after",
    "before",
    "since",
    "as",
)
# a comma or colon between digits ("10,000 troops", "5:30 a.m.") is part of a number
_CLAUSE_BREAK = r"(?<!\d)[,:]|[,:](?!\d)|[;—–()\[\]“”\"]|\s-\s|\b(?:{})\b"
_CLAUSE_BREAK_RE = re.compile(_CLAUSE_BREAK.format("|".join(_CLAUSE_WORDS)), re.IGNORECASE)
# the same over lowercased text: a case-sensitive trie is several times faster
_CLAUSE_BREAK_LOWER_RE = re.compile(_CLAUSE_BREAK.format(trie(_CLAUSE_WORDS)))


@dataclass(frozen=True, slots=True)
class _Cues:
    """The word lists of ``data/tense.json``, as sets."""

    future: frozenset[str]
    needs_to: frozenset[str]
    past_aux: frozenset[str]
    present_aux: frozenset[str]
    past_forms: frozenset[str]
    past_or_present: frozenset[str]
    not_past_ed: frozenset[str]
    modals: frozenset[str]
    scheduled: frozenset[str]
    weekday_future_prepositions: frozenset[str]
    past_prepositions: frozenset[str]
    deadline_words: frozenset[str]
    possessive_weekday_future_before: frozenset[str]
    reporting: frozenset[str]


@cache
def _cues() -> _Cues:
    data = load_json("tense.json")
    return _Cues(
        frozenset(data["future_cues"]),
        frozenset(data["future_needs_to"]),
        frozenset(data["past_auxiliaries"]),
        frozenset(data["present_auxiliaries"]),
        frozenset(data["past_forms"]),
        frozenset(data["past_or_present_forms"]),
        frozenset(data["not_past_ed"]),
        frozenset(data["modals"]),
        frozenset(data["scheduled_present"]),
        frozenset(data["weekday_future_prepositions"]),
        frozenset(data["past_prepositions"]),
        frozenset(data["deadline_words"]),
        frozenset(data["possessive_weekday_future_before"]),
        frozenset(data["reporting_verbs"]),
    )


@cache
def _verb_words() -> frozenset[str]:
    """Every word ``_cue`` can take for a cue, besides "-ed" and "-ing" forms."""
    c = _cues()
    return (
        c.future
        | c.past_aux
        | c.present_aux
        | c.past_forms
        | c.past_or_present
        | c.scheduled
        | _PROGRESSIVE_AUX
        | _PERFECT_AUX
    )


_PASSIVE_AUX = frozenset({"be", "been", "being"})
_LOWER_WORD_AFTER_RE = re.compile(r"[ \t]+[a-z][a-z-]*\b")
_PERFECT_AUX = frozenset({"has", "have"})
_ADVERBS_IN_PERFECT = frozenset(
    {
        "not",
        "never",
        "already",
        "also",
        "just",
        "long",
        "since",
        "recently",
        "repeatedly",
        "previously",
        "still",
        "yet",
        "n't",
    }
)


def _is_participle_form(word: str, cues: _Cues) -> bool:
    """Could ``word`` be the participle of a perfect ("has announced", "has been")?"""
    return (
        word in cues.past_forms
        or word in _ADVERBS_IN_PERFECT
        or word.endswith(("ed", "en", "wn", "ne"))
        or word in ("been", "had", "got", "put", "set", "cut", "hit", "led")
    )


_PROGRESSIVE_AUX = frozenset({"is", "are", "am"})
_PLURAL_PRONOUNS = frozenset({"i", "we", "you", "they", "who", "that", "which"})
_DETERMINERS = frozenset(
    {
        "the",
        "a",
        "an",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "my",
        "this",
        "that",
        "these",
        "those",
        "some",
        "any",
        "no",
        "each",
        "every",
        "all",
        "both",
        "another",
        "other",
        "such",
        "many",
    }
)


# modals whose perfect looks back ("may have been", "would have paid"), unlike "will have"
_PAST_MODALS = frozenset({"would", "could", "might", "may", "should", "must", "ca"})


def _perfect_follows(words: list[str], i: int) -> bool:
    """Whether ``words[i:]`` opens with "have" (after a negation) and a participle."""
    while i < len(words) and words[i].casefold() in ("not", "n't", "never"):
        i += 1
    if i + 1 >= len(words) or words[i].casefold() != "have":
        return False
    return _is_participle_form(words[i + 1].casefold(), _cues())


def _cue(words: list[str], i: int) -> Direction | None:
    """The tense signalled by ``words[i]`` in its context, or None if it is no verb cue."""
    cues = _cues()
    w = words[i].casefold()
    nxt = words[i + 1].casefold() if i + 1 < len(words) else ""
    prev = words[i - 1].casefold() if i > 0 else ""
    if w in cues.future:
        if w in _PAST_MODALS and _perfect_follows(words, i + 1):
            return Direction.PAST  # "may have been", "would have": a modal perfect
        if w in cues.needs_to and nxt != "to" and not (w == "set" and prev in cues.present_aux):
            return None
        if prev == "been" and i > 1 and words[i - 2].casefold() == "had":
            return Direction.PAST  # "had been due to expire Friday": a plan since changed
        return Direction.FUTURE  # "was scheduled to" still points ahead of the report
    if w in _PROGRESSIVE_AUX and nxt == "to" and prev not in cues.modals:
        return Direction.FUTURE  # an arrangement: "is to resume trading Tuesday"
    if prev in cues.modals or prev == "to":
        return None  # a bare infinitive ("will last", "to be"): the modal before it decides
    if w in _PERFECT_AUX and not _is_participle_form(nxt, cues):
        # "has no intention", "have a plan": a main verb in the present, not a perfect
        return Direction.NEAR
    if w in cues.past_aux:
        return Direction.PAST
    if w in cues.past_or_present:
        # "the storm hit the coast Thursday", "he quit Friday": a form that is past and
        # present alike is past after a singular subject (its present would take "-s");
        # after "they", a plural noun, an auxiliary or a determiner it tells nothing
        if (
            prev in _DETERMINERS
            or prev in _PASSIVE_AUX
            or prev in _PERFECT_AUX
            or prev in cues.present_aux
            or prev in cues.past_aux
            or prev in _PLURAL_PRONOUNS
            or (prev.endswith("s") and not prev.endswith("ss"))
            or not prev
        ):
            return None
        return Direction.PAST
    if w in cues.scheduled:
        return Direction.FUTURE  # "the summit opens on Thursday", "the law takes effect"
    is_participle = w in cues.past_forms or (
        w.endswith("ed") and len(w) > 4 and w not in cues.not_past_ed
    )
    if is_participle and prev in _PASSIVE_AUX:
        return None  # passive "will be held", "has been cancelled": the auxiliary decides
    if is_participle and w not in cues.past_forms and (prev in _DETERMINERS or prev.isdigit()):
        return None  # an adjective: "its proposed merger", "the unspecified date"
    if w in cues.past_forms:
        return Direction.PAST
    if w.endswith("ing") and prev in _PROGRESSIVE_AUX:
        return Direction.FUTURE  # an arrangement: "are meeting in Geneva on Saturday"
    if w in cues.present_aux:
        return Direction.NEAR
    if is_participle:
        if prev in cues.present_aux:
            return Direction.NEAR  # present passive: "is considered"
        return Direction.PAST
    return None


def preposition_direction(text: str, start: int, end: int, op: str) -> Direction | None:
    """The direction the preposition right before an expression fixes, whatever the tense.

    "since Aug. 15" lies behind; a weekday after "for" or "until" that is not a possessive
    names a target date ("called a strike for Thursday", "postponed until Tuesday") and
    lies ahead, unless the "Until" opens the sentence ("Until Thursday, they had not...":
    a state that lasted up to then, the tense decides); a date without its year after a
    word that sets a term ("until", "payable", "of record") is the nearest one, and so is
    one naming a thing ("the Jan. 14 deadline").
    """
    before = text[max(0, start - 12) : start].split()
    word = before[-1].casefold() if before else ""
    cues = _cues()
    if word in cues.past_prepositions:
        return Direction.PAST
    if op == "fill" and (
        word in cues.deadline_words or " ".join(before[-2:]).casefold() in cues.deadline_words
    ):
        # "extended the offer to Nov. 20", "payable Dec. 7", "until March 6": a deadline
        # or a term, whatever the tense of the verb; the nearest such date
        return Direction.NEAR
    if op == "fill" and word in _DETERMINERS and _LOWER_WORD_AFTER_RE.match(text, end):
        # "the Jan. 14 deadline", "under a June agreement": a date naming a thing, not the
        # time of the clause's verb; the nearest such date
        return Direction.NEAR
    possessive = text.startswith(("'s", "’s"), end)
    fronted = bool(before) and before[-1][0].isupper()
    if op == "weekday" and word in cues.weekday_future_prepositions and not possessive:
        return None if fronted and word != "for" else Direction.FUTURE
    if op == "weekday" and possessive:
        # "Wednesday's ruling": an event being reported, unless it is awaited ("ahead of
        # Sunday's vote")
        two = " ".join(before[-2:]).casefold()
        if word in cues.possessive_weekday_future_before or (
            two in cues.possessive_weekday_future_before
        ):
            return Direction.FUTURE
        return Direction.PAST
    return None


def _clauses(sentence: str) -> list[tuple[int, int]]:
    lowered = sentence.lower()
    if len(lowered) == len(sentence):
        breaks = _CLAUSE_BREAK_LOWER_RE.finditer(lowered)
    else:
        breaks = _CLAUSE_BREAK_RE.finditer(sentence)
    bounds = [0, *[x for m in breaks for x in m.span()], len(sentence)]
    return [
        (a, b)
        for a, b in zip(bounds[::2], bounds[1::2], strict=True)
        if a < b and not sentence[a:b].isspace()
    ]


# A verb cue of a clause: its offset in the sentence, its direction, whether it is a modal
# ("will": a bare -ed word after it in the clause is no verb) and whether it is a bare
# regular -ed form (which a modal before it cancels).
_ClauseCue = tuple[int, Direction, bool, bool]


def _clause_cues(sentence: str, start: int, end: int) -> list[_ClauseCue]:
    """Every verb cue of ``sentence[start:end]``, in order, whatever expression it holds."""
    words = [(m.start(), m.group()) for m in _WORD_RE.finditer(sentence, start, end)]
    tokens = [w for _, w in words]
    cues = _cues()
    verbs = _verb_words()
    out: list[_ClauseCue] = []
    told = False  # a past verb of the clause's own, not one of saying
    for i, (offset, word) in enumerate(words):
        lowered = word.casefold()
        if lowered not in verbs and not lowered.endswith(("ed", "ing")):
            continue  # no cue of any kind: most words of a clause
        if told and lowered in cues.scheduled:
            # "issued nine press releases blasting ...": after the clause's past verb, a
            # scheduling word ("releases", "votes", "returns") is a noun
            continue
        cue = _cue(tokens, i)
        if cue is None:
            continue
        w = tokens[i].casefold()
        if cue is Direction.PAST and w not in cues.reporting and word.islower():
            told = True  # (a capitalised one may be a name: "Lent begins on ...")
        modal = cue is Direction.FUTURE and w in cues.modals
        bare_ed = (
            cue is Direction.PAST
            and w.endswith("ed")
            and w not in cues.past_forms
            and w not in cues.past_aux
        )
        out.append((offset, cue, modal, bare_ed))
    return out


def _direction_in(cues: list[_ClauseCue], expr: tuple[int, int]) -> Direction | None:
    """The cue nearest the expression among a clause's ``cues``, preferring earlier words."""
    before: tuple[int, Direction] | None = None
    modal_seen = False
    for offset, cue, modal, bare_ed in cues:
        if expr[0] <= offset < expr[1]:
            continue
        if modal:
            modal_seen = True
        elif modal_seen and bare_ed:
            # after "will" in the same clause a bare -ed word modifies a noun ("will
            # redeem its preferred shares on Oct. 31"); it is no verb of its own
            continue
        if offset < expr[0]:
            before = (offset, cue)
        else:
            return before[1] if before is not None else cue
    return before[1] if before is not None else None


_SINCE_AFTER = frozenset({"after", "since"})
_LAST_WORD_RE = re.compile(r"([A-Za-z]+)\s*$")
# A reporting clause ending the sentence (", officials said.") is at most this many words.
_REPORTING_TAIL_WORDS = 6
_COMMA_RE = re.compile(r"^[\s”\"’']*,")


class SentenceTense:
    """The clauses and verb cues of one sentence, found once for all its expressions.

    An expression in a clause without a verb cue of its own takes one from a clause
    around it.  A fronted adverbial ("On Friday, the bank said...", "... and on Friday,
    it will...": the sentence has said nothing before it, or it is set off by a comma
    before a clause with a verb) belongs to the clause after it; any other verbless
    fragment ("as soon as Tuesday, Castro said", "(4 a.m. Thursday)", "her first stop
    Tuesday morning, and then ...") trails the clause before it.  A short reporting
    clause ending the sentence (", officials said.") is the time of saying, not of what
    was said: it is asked last.
    """

    __slots__ = ("_clauses", "_cues", "_sentence")

    def __init__(self, sentence: str) -> None:
        self._sentence = sentence
        self._clauses = _clauses(sentence)
        self._cues: dict[int, list[_ClauseCue]] = {}

    def _clause_cues(self, k: int) -> list[_ClauseCue]:
        found = self._cues.get(k)
        if found is None:
            a, b = self._clauses[k]
            found = _clause_cues(self._sentence, a, b)
            first = _WORD_RE.search(self._sentence, a, b)
            before = _LAST_WORD_RE.search(self._sentence, max(0, a - 8), a)
            if (
                first is not None
                and before is not None
                and before.group(1).casefold() in _SINCE_AFTER
                and first.group().casefold().endswith("ing")
            ):
                # "after securing a place on Tuesday", "since taking office in January":
                # what the gerund tells happened before the clause it hangs on
                found = [(first.start(), Direction.PAST, False, False), *found]
            self._cues[k] = found
        return found

    def _reporting_tail(self, k: int) -> bool:
        """Whether clause ``k`` is a short reporting clause ending the sentence."""
        if k != len(self._clauses) - 1:
            return False
        a, b = self._clauses[k]
        words = _WORD_RE.findall(self._sentence, a, b)
        reporting = _cues().reporting
        return len(words) <= _REPORTING_TAIL_WORDS and any(w.casefold() in reporting for w in words)

    def _fronted(self, here: int) -> bool:
        """Whether the verbless clause ``here`` is a fronted adverbial of the next one."""
        if not any(self._clause_cues(k) for k in range(here)):
            return True  # nothing with a verb before it: "On Friday, ..."
        nxt = here + 1
        if nxt >= len(self._clauses) or not self._clause_cues(nxt):
            return False
        gap = self._sentence[self._clauses[here][1] : self._clauses[nxt][0]]
        return bool(_COMMA_RE.match(gap)) and not self._reporting_tail(nxt)

    def direction(self, expr_start: int, expr_end: int) -> Direction:
        """The direction for an expression at ``sentence[expr_start:expr_end]``."""
        clauses = self._clauses
        here = next((k for k, (a, b) in enumerate(clauses) if a <= expr_start < b), None)
        if here is None:
            return Direction.NEAR
        expr = (expr_start, expr_end)
        found = _direction_in(self._clause_cues(here), expr)
        if found is not None:
            return found
        later = range(here + 1, len(clauses))
        earlier = range(here - 1, -1, -1)
        order = [*later, *earlier] if self._fronted(here) else [*earlier, *later]
        for k in order:
            found = _direction_in(self._clause_cues(k), expr)
            if found is not None:
                return found
        return Direction.NEAR


def direction_of(sentence: str, expr_start: int, expr_end: int) -> Direction:
    """The direction for an expression at ``sentence[expr_start:expr_end]``."""
    return SentenceTense(sentence).direction(expr_start, expr_end)
