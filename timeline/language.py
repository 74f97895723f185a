"""The language a document is written in, and whether the tagger can read it.

The temporal tagger's rules and word lists (``timeline.temporal``) and the event trigger
model are English; on German or French text they find a bare "August 2025" in "15. August
2025", miss "Dienstag", and date the text from what little they found.  Ingest therefore
detects each document's language and says so wherever the result is shown, instead of
tagging in silence (``SUPPORTED_LANGUAGES``, ``language_note``).

Detection is py3langid (a maintained fork of langid.py: a naive Bayes model over byte
n-grams for 97 languages, shipped inside the package, no network).  ``bench/language.py``
chose it: on the 670 pages of htmldate-eval that declare their language it agrees with the
declaration as often as lingua (95.4 % vs 95.5 %; the rest are mostly pages whose CMS
declares the wrong language) at a sixth of the memory and a tenth of the load time;
langdetect is as accurate but unmaintained since 2021 and random unless seeded.

A text too short to tell (``MIN_LETTERS``) or whose best guess is unsure
(``MIN_CONFIDENCE``) gets no language: saying "undetermined" is honest, guessing Latin
for a headline is not, and an undetermined text is read as English like before.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from timeline.model import Evidence, Provenance, PublicationDate

__all__ = [
    "MIN_CONFIDENCE",
    "MIN_LETTERS",
    "SUPPORTED_LANGUAGES",
    "DetectedLanguage",
    "detect_language",
    "is_supported",
    "language_name",
    "language_note",
]

# The languages the tagger and the event model are written for (ISO 639-1).
SUPPORTED_LANGUAGES = frozenset({"en"})
# Fewer letters than this and no detector can tell (a name, a date, "Update:").
MIN_LETTERS = 20
# The detector's normalised probability below which its best guess is not reported.
MIN_CONFIDENCE = 0.8

# Names for the languages news is most often in; other codes are shown as codes.
_NAMES = {
    "ar": "Arabic",
    "de": "German",
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "it": "Italian",
    "ja": "Japanese",
    "nl": "Dutch",
    "pl": "Polish",
    "pt": "Portuguese",
    "ru": "Russian",
    "sv": "Swedish",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "zh": "Chinese",
}
_LOCK = threading.Lock()


@dataclass(frozen=True)
class DetectedLanguage:
    """A text's language (ISO 639-1 ``code``, None when undetermined) and how sure."""

    code: str | None
    confidence: float

    @property
    def supported(self) -> bool:
        """True unless the text is confidently in a language the tagger does not read."""
        return is_supported(self.code)


def is_supported(code: str | None) -> bool:
    """Undetermined texts are read as English, as they always were."""
    return code is None or code in SUPPORTED_LANGUAGES


def language_name(code: str) -> str:
    return _NAMES.get(code, code)


@cache
def _identifier() -> Any:
    """py3langid's model with normalised probabilities, loaded once (about 1.5 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> DetectedLanguage:
    """The language of ``text`` (see the module docstring for when it is undetermined)."""
    if sum(c.isalpha() for c in text) < MIN_LETTERS:
        return DetectedLanguage(None, 0.0)
    with _LOCK:  # py3langid does not promise thread safety; API threads share the model
        code, probability = _identifier().classify(text)
    confidence = round(float(probability), 3)
    if confidence < MIN_CONFIDENCE:
        return DetectedLanguage(None, confidence)
    return DetectedLanguage(str(code), confidence)


def language_note(published: PublicationDate | None, code: str | None) -> PublicationDate | None:
    """``published`` with a word of warning in its evidence when it was read from the text
    (content or corpus dating) of a document in a language the tagger does not read."""
    if published is None or is_supported(code) or published.provenance not in _FROM_TEXT:
        return published
    assert code is not None
    note = Evidence(
        "language",
        code,
        f"the text is {language_name(code)}; the tagger reads "
        f"{', '.join(language_name(c) for c in sorted(SUPPORTED_LANGUAGES))} only, so the "
        "dates it found may be wrong or missing",
    )
    if note in published.evidence:
        return published
    return replace(published, evidence=(*published.evidence, note))


_FROM_TEXT = (Provenance.CONTENT, Provenance.CORPUS)
