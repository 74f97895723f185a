"""Trigger normalisation: map inflected verbs and event nouns to one family name.

Merging needs "met", "meeting", "meets" and "summit" to compare equal, and a cheap
suffix-stripping lemmatiser plus a small table of families is enough for news triggers:
a tagger-grade lemmatiser would need a model dependency for a gain merging does not see.
The tables live in ``data/lexicon.json`` (irregular forms and families) next to the
tagger's shorter irregular-verb list, which they extend.
"""

from __future__ import annotations

from functools import cache, lru_cache

from timeline.events.data import load_json as load_events_json
from timeline.temporal.data import load_json as load_temporal_json

_STRIP = ".,;:!?\"'“”‘’()[]"


@cache
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    irregular: dict[str, str] = dict(load_temporal_json("irregular_verbs.json"))
    data = load_events_json("lexicon.json")
    irregular.update(data["irregular"])
    families: dict[str, str] = {}
    for family, forms in data["families"].items():
        for form in [family, *forms]:
            families.setdefault(form, family)
    return irregular, families


def irregular_forms() -> dict[str, str]:
    """Irregular inflected form -> base ("met" -> "meet", "born" -> "bear")."""
    return _tables()[0]


@lru_cache(maxsize=1 << 16)  # words: bounded, as a long-lived API process meets new ones
def lemma(word: str) -> str:
    """A rough lemma of an English verb or noun form ("met" -> "meet", "talks" -> "talk")."""
    w = word.casefold().strip(_STRIP)
    irregular = _tables()[0]
    if w in irregular:
        return irregular[w]
    for suffix, repl in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            if suffix == "s" and w.endswith(("ss", "us", "is")):
                return w  # "press", "status", "crisis" are not plurals
            stem = w[: -len(suffix)] + repl
            if (
                suffix in ("ing", "ed")
                and len(stem) > 3
                and stem[-1] == stem[-2]
                and stem[-1] != "l"
            ):
                stem = stem[:-1]  # "planned" -> "plan" (but "called" -> "call")
            return stem
    return w


@lru_cache(maxsize=1 << 16)  # words: bounded, as a long-lived API process meets new ones
def stem(word: str) -> str:
    """``lemma`` without a final silent "e", so that the forms suffix stripping leaves
    ("announc" from "announced") and the base form ("announce") compare equal."""
    base = lemma(word)
    if len(base) > 4 and base.endswith("e") and not base.endswith(("ee", "ie", "ye")):
        return base[:-1]
    return base


def trigger_family(word: str) -> str:
    """The family of a trigger: reports of one happening share it across documents.

    Words of a listed family map to its name ("summit" -> "meet"); any other word to its
    stem, so that two inflections of one verb still share a family.
    """
    families = _tables()[1]
    w = " ".join(word.casefold().split())
    if w in families:
        return families[w]
    for candidate in (lemma(w), stem(w)):
        if candidate in families:
            return families[candidate]
    return _families_by_stem().get(stem(w), stem(w))


@cache
def _families_by_stem() -> dict[str, str]:
    """Family of every listed form's stem: "announcing" finds "announce" through "announc"."""
    out: dict[str, str] = {}
    for form, family in _tables()[1].items():
        if " " not in form:
            out.setdefault(stem(form), family)
    return out
