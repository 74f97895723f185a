"""Trigger normalisation: map inflected verbs and event nouns to one family name.

Merging needs "met", "meeting", "meets" and "summit" to compare equal, and a cheap
suffix-stripping lemmatiser plus a small table of families is enough for news triggers.
"""

from __future__ import annotations

from functools import cache

from timeline.temporal.data import load_json

_FAMILIES: dict[str, str] = {
    form: family
    for family, forms in load_json("trigger_families.json").items()
    for form in [family, *forms]
}
_IRREGULAR: dict[str, str] = load_json("irregular_verbs.json")


@cache
def lemma(word: str) -> str:
    """A rough lemma of an English verb or noun form ("met" -> "meet", "talks" -> "talk")."""
    w = word.casefold().strip(".,;:!?\"'“”‘’")
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    for suffix, repl in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            stem = w[: -len(suffix)] + repl
            if suffix in ("ing", "ed") and len(stem) > 3 and stem[-1] == stem[-2]:
                stem = stem[:-1]  # "planned" -> "plan"
            return stem
    return w


def trigger_family(word: str) -> str:
    """The family of a trigger: reports of one happening share it across documents."""
    w = word.casefold()
    if w in _FAMILIES:
        return _FAMILIES[w]
    base = lemma(w)
    return _FAMILIES.get(base, base)
