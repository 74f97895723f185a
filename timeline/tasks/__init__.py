"""Benchmark tasks: adapters between the core and evaluation corpora (TempEval-3 TimeML,
MEANTIME), kept out of the core because only benchmarks and their CLI commands use them."""
