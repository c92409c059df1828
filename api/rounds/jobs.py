"""The schedule's periodic task: rounds that say so (``auto_advance``) move to their next phase
when its scheduled start comes. It runs on the job runner every few minutes; the runner gives
each due time to one worker of all, and the move itself is once per phase whatever runs it
(``service.advance_due``), so neither several workers nor a run repeated by hand move a round
twice."""

from __future__ import annotations

import datetime as dt
import logging

from api.core.database import unit_of_work
from api.jobs.runner import JobEnv, Registry, SessionFactory
from api.rounds import service

log = logging.getLogger(__name__)

AUTO_ADVANCE = "rounds.auto_advance"
EVERY = "*/5 * * * *"


async def advance(factory: SessionFactory, *, now: dt.datetime | None = None) -> list[int]:
    """One run of the task in a transaction of its own: the ids of the rounds it moved."""
    async with factory() as session, unit_of_work(session):
        moved = await service.advance_due(session=session, now=now)
        ids = [round_.id for round_ in moved]
    for round_id in ids:
        log.info("round %s moved on its schedule", round_id)
    return ids


def register(registry: Registry) -> None:
    """Always on: the task does nothing for rounds without ``auto_advance``."""

    async def run(env: JobEnv) -> None:
        await advance(env.session_factory)

    registry.every(AUTO_ADVANCE, EVERY, run)
