"""timeline: read news articles and reconstruct what happened when."""

__version__ = "0.1.0"
