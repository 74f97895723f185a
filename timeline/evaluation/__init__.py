"""Scorers that compare the library's output with gold annotations.

``tempeval``: TempEval-3 TIMEX3 extraction and normalisation (strict/relaxed P R F1,
value and type F1); sibling modules score other outputs (timelines).  Scorers live in
the library, not in ``bench/``, so the CLI (``timeline eval ...``), the tests and the
benchmarks all compute the same numbers.
"""
