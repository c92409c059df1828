"""The daily job: make today's reminders (progress), then deliver the outbox (notifications). Run by
``python -m api remind`` (cron) or, when ``DTI_REMINDERS_ENABLED``, as the job runner's periodic
tasks (once per due time over every worker and machine)."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from api.core.clock import CITY_TZ
from api.core.database import unit_of_work, utcnow
from api.core.settings import Settings
from api.jobs.runner import JobEnv, Registry
from api.notifications import service as notifications
from api.notifications.service import SessionFactory
from api.progress import reminders

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobReport:
    notifications: int
    emails_queued: int
    emails_sent: int
    emails_failed: int


async def run_once(
    factory: SessionFactory, *, settings: Settings, now: dt.datetime | None = None
) -> JobReport:
    async with factory() as session, unit_of_work(session):
        made = await reminders.remind(session, settings=settings, now=now)
    sent, failed = await notifications.deliver(factory, settings=settings, now=now)
    return JobReport(made.notifications, made.emails, sent, failed)


def reminder_cron(hour: int) -> str:
    """The cron expression (UTC) of ``hour``:00 in Ho Chi Minh City (UTC+7, no daylight saving)."""
    offset = utcnow().astimezone(CITY_TZ).utcoffset()
    assert offset is not None
    return f"0 {(hour - int(offset.total_seconds()) // 3600) % 24} * * *"


def register(registry: Registry, settings: Settings) -> None:
    """The job runner's periodic tasks, when ``reminders_enabled``: the reminders every day at
    ``remind_hour`` (city time), and the e-mail outbox (its retries) every 15 minutes. The runner
    makes sure one worker of all runs each due time (``api.jobs.runner``)."""
    if not settings.reminders_enabled:
        return

    async def reminders_job(env: JobEnv) -> None:
        report = await run_once(env.session_factory, settings=env.settings)
        log.info("reminders: %s", report)

    async def deliver_job(env: JobEnv) -> None:
        await notifications.deliver(env.session_factory, settings=env.settings)

    registry.every("progress.reminders", reminder_cron(settings.remind_hour), reminders_job)
    registry.every("notifications.deliver", "*/15 * * * *", deliver_job)
