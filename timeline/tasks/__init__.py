"""Benchmark tasks: adapters between the core and evaluation corpora, kept out of the core
because only benchmarks and their CLI commands use them.

``tempeval``: TempEval-3 (tag a TimeML document, score TIMEX3 against gold); ``meantime``:
MEANTIME CAT XML read as TimeML; the SemEval-2015 Task 4 (TimeLine) modules build and score
entity timelines.
"""
