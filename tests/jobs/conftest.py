"""The task-queue tests' fixtures (``broker_fixtures``) and the databases of the store
suite (``database_fixtures``)."""

from __future__ import annotations

from broker_fixtures import queue_for, rabbitmq_broker, redis_broker, worker_for
from database_fixtures import db_url, postgres_server

__all__ = [
    "db_url",
    "postgres_server",
    "queue_for",
    "rabbitmq_broker",
    "redis_broker",
    "worker_for",
]
