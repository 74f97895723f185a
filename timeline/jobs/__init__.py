"""The task queue: documents posted to a server with workers are analysed by Celery workers.

With ``TIMELINE_BROKER_URL`` set (Redis, ``redis://127.0.0.1:6379/0``, or RabbitMQ,
``amqp://guest:guest@127.0.0.1:5672//``) the API validates a posted document, stores it raw
as a job (``timeline.store.jobs``), publishes the job's id and answers 202 at once;
``timeline worker`` runs the pipeline.  Without it everything runs in process, as before.

* ``settings``: what the environment configures (broker, queue, attempts, backoff);
* ``celery_app``: the Celery application, its delivery guarantees and the one task;
* ``run``: what a worker does with one job (claim, pipeline, outcome, retry or failure);
* ``submit``: what a producer (the API, ``timeline ingest``) does: job rows, then messages.
"""

from timeline.jobs.settings import BROKER_ENV, QueueSettings, broker_url

__all__ = ["BROKER_ENV", "QueueSettings", "broker_url"]
