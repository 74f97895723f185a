"""Renderings of timelines, documents and expressions: the stable machine formats."""
