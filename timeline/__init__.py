"""timeline: read news articles and reconstruct what happened when."""

# The only place the version is written: pyproject.toml reads it (dynamic version), and
# ``timeline --version`` and the OpenAPI document print it.
__version__ = "0.2.0"
