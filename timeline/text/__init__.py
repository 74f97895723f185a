"""Text utilities shared by the analysis stages: sentences and tokens with exact offsets.

Public API::

    split_sentences(text) -> list[Sentence]
    tokenize(text, start=0) -> list[Token]
"""

from timeline.text.sentences import split_sentences
from timeline.text.tokens import Token, tokenize

__all__ = ["Token", "split_sentences", "tokenize"]
