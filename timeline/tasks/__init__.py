"""Adapters for shared tasks and their data formats (benchmarks), outside the core."""
