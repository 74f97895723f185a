"""Access to the application's single ``Store`` from inside a request."""

from __future__ import annotations

from flask import current_app

from timeline.store import Store

STORE_EXTENSION = "timeline_store"


def get_store() -> Store:
    """The store ``create_app`` opened; one per app so its engine pools connections."""
    store: Store = current_app.extensions[STORE_EXTENSION]
    return store
