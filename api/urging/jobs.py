"""The periodic tasks of urging, on the job runner when ``DTI_REMINDERS_ENABLED``: escalation to
the heads of late units every day at ``remind_hour`` (city time), and the approvers' digest once a
week, on ``digest_weekday`` at that hour. The runner runs each due time once over every worker;
the dedupe keys make a second run of the same day (or week) send nothing."""

from __future__ import annotations

import datetime as dt
import logging

from api.core.database import unit_of_work
from api.core.settings import Settings
from api.jobs.runner import JobEnv, Registry
from api.notifications.service import Notified, SessionFactory
from api.progress.jobs import reminder_cron
from api.urging import service

log = logging.getLogger(__name__)


def digest_cron(hour: int, weekday: int) -> str:
    """The cron expression (UTC) of ``hour``:00 on ``weekday`` (0 Monday) in the city (UTC+7):
    an hour before 07:00 there falls on the day before in UTC."""
    utc_hour = hour - 7
    day = weekday - (1 if utc_hour < 0 else 0)
    return f"0 {utc_hour % 24} * * {(day + 1) % 7}"  # cron counts from Sunday (0)


async def escalate_once(
    factory: SessionFactory, *, settings: Settings, now: dt.datetime | None = None
) -> Notified:
    async with factory() as session, unit_of_work(session):
        return await service.escalate(session, settings=settings, now=now)


async def digest_once(
    factory: SessionFactory, *, settings: Settings, now: dt.datetime | None = None
) -> Notified:
    async with factory() as session, unit_of_work(session):
        return await service.digest(session, settings=settings, now=now)


def register(registry: Registry, settings: Settings) -> None:
    """Escalation (daily) and the digest (weekly), when ``reminders_enabled``; the e-mails they
    queue leave with the outbox task (``api.progress.jobs``)."""
    if not settings.reminders_enabled:
        return

    async def escalation_job(env: JobEnv) -> None:
        log.info("escalation: %s", await escalate_once(env.session_factory, settings=env.settings))

    async def digest_job(env: JobEnv) -> None:
        log.info("late digest: %s", await digest_once(env.session_factory, settings=env.settings))

    registry.every("urging.escalate", reminder_cron(settings.remind_hour), escalation_job)
    registry.every(
        "urging.digest", digest_cron(settings.remind_hour, settings.digest_weekday), digest_job
    )
