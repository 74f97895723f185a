"""The task queue's settings, from the environment (or a Flask app's config).

``TIMELINE_BROKER_URL`` turns the queue on; the others have defaults that suit a server:

* ``TIMELINE_QUEUE`` (``timeline``): the queue name, so that several deployments (or test
  runs) can share one broker without taking each other's jobs;
* ``TIMELINE_JOB_ATTEMPTS`` (5): attempts per job before it is failed, counting the ones a
  killed worker lost;
* ``TIMELINE_JOB_BACKOFF_SECONDS`` (2): the first retry's delay, doubled at each attempt
  (2, 4, 8, 16 s), at most ``MAX_BACKOFF_SECONDS``;
* ``TIMELINE_BROKER_VISIBILITY_TIMEOUT`` (3600 s, Redis only): how long a message taken by
  a worker that vanished without a trace (the whole worker killed, its host gone) waits
  before Redis gives it to another; RabbitMQ re-delivers as soon as the connection drops.
  It must exceed the longest job, or a slow job is run twice (harmlessly: jobs are
  idempotent, but for nothing).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

BROKER_ENV = "TIMELINE_BROKER_URL"
QUEUE_ENV = "TIMELINE_QUEUE"
ATTEMPTS_ENV = "TIMELINE_JOB_ATTEMPTS"
BACKOFF_ENV = "TIMELINE_JOB_BACKOFF_SECONDS"
VISIBILITY_ENV = "TIMELINE_BROKER_VISIBILITY_TIMEOUT"

DEFAULT_QUEUE = "timeline"
DEFAULT_ATTEMPTS = 5
DEFAULT_BACKOFF_SECONDS = 2.0
DEFAULT_VISIBILITY_TIMEOUT = 3600.0
MAX_BACKOFF_SECONDS = 300.0


def broker_url(config: Mapping[str, object] | None = None) -> str | None:
    """The broker to use: ``config[TIMELINE_BROKER_URL]``, else the environment; None (no
    queue: run in process) when neither says."""
    value = (config or {}).get(BROKER_ENV)
    if value is None:
        value = os.environ.get(BROKER_ENV)
    text = str(value).strip() if value is not None else ""
    return text or None


def _number(config: Mapping[str, object], name: str, default: float) -> float:
    value = config.get(name)
    if value is None:
        value = os.environ.get(name)
    if value is None or str(value).strip() == "":
        return default
    try:
        number = float(str(value))
    except ValueError:
        raise ValueError(f"{name} must be a number, not {value!r}") from None
    if number < 0:
        raise ValueError(f"{name} must not be negative, not {value!r}")
    return number


@dataclass(frozen=True)
class QueueSettings:
    """Everything a producer and a worker must agree on, and the worker's retry policy."""

    broker_url: str
    queue: str = DEFAULT_QUEUE
    max_attempts: int = DEFAULT_ATTEMPTS
    backoff_seconds: float = DEFAULT_BACKOFF_SECONDS
    visibility_timeout: float = DEFAULT_VISIBILITY_TIMEOUT

    @classmethod
    def load(
        cls, config: Mapping[str, object] | None = None, *, broker: str | None = None
    ) -> QueueSettings | None:
        """The settings ``config`` and the environment give; None without a broker."""
        given = config or {}
        url = broker or broker_url(given)
        if url is None:
            return None
        queue = str(given.get(QUEUE_ENV) or os.environ.get(QUEUE_ENV) or DEFAULT_QUEUE)
        return cls(
            broker_url=url,
            queue=queue.strip() or DEFAULT_QUEUE,
            max_attempts=max(1, int(_number(given, ATTEMPTS_ENV, DEFAULT_ATTEMPTS))),
            backoff_seconds=_number(given, BACKOFF_ENV, DEFAULT_BACKOFF_SECONDS),
            visibility_timeout=_number(given, VISIBILITY_ENV, DEFAULT_VISIBILITY_TIMEOUT),
        )

    def backoff(self, attempts: int) -> float:
        """Seconds before the next attempt, after ``attempts`` failed ones (exponential)."""
        return min(MAX_BACKOFF_SECONDS, self.backoff_seconds * 2 ** max(0, attempts - 1))

    @property
    def shown_broker(self) -> str:
        """The broker URL without its password (for logs and messages)."""
        from kombu.utils.url import maybe_sanitize_url

        return str(maybe_sanitize_url(self.broker_url))
