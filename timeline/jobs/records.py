"""A job as the API and the CLI show it (``GET /api/v1/jobs/<id>``, ``timeline jobs``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from timeline.store.jobs import Job


def job_record(job: Job) -> dict[str, Any]:
    """A job as ``GET /api/v1/jobs/<id>`` and ``timeline jobs --format json`` show it."""
    return {
        "id": job.id,
        "state": job.state.value,
        "name": job.name,
        "action": job.action.value,
        "document": job.document_id,
        "created": job.created,
        "attempts": job.attempts,
        "error": job.error,
        "worker": job.worker,
        "submitted": _timestamp(job.submitted_at),
        "started": _timestamp(job.started_at),
        "finished": _timestamp(job.finished_at),
    }


def _timestamp(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat(timespec="milliseconds")
