"""Scorers that compare the library's output with gold annotations.

``timelines``: the SemEval-2015 Task 4 entity-timeline scorer.  (The TempEval-3 TIMEX3
scorer lives with the other TempEval adapters in ``timeline.tasks.tempeval``.)  Scorers
live in the library, not in ``bench/``, so the CLI (``timeline eval ...``), the tests and
the benchmarks all compute the same numbers.
"""
