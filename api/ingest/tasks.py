"""Ingest's background job, registered with the job runner by the app factory and the worker."""

from __future__ import annotations

from typing import Any

from api.ingest import service
from api.jobs.runner import JobEnv, Registry


async def run_batch(env: JobEnv, payload: dict[str, Any]) -> None:
    await service.run_batch(env.session_factory, int(payload["report_id"]))


def register(registry: Registry) -> None:
    registry.task(service.INGEST_TASK, run_batch)
