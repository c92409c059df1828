"""The daily job: make today's reminders (progress), then deliver the outbox (notifications). Run by
``python -m api remind`` (cron) or, when ``DTI_REMINDERS_ENABLED``, in-process once a day."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from dataclasses import dataclass

from api.core.clock import CITY_TZ
from api.core.database import unit_of_work, utcnow
from api.core.settings import Settings
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


def seconds_until_next(hour: int, now: dt.datetime | None = None) -> float:
    """Seconds from ``now`` to the next ``hour``:00 in Ho Chi Minh City."""
    local = (now or utcnow()).astimezone(CITY_TZ)
    target = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    if target <= local:
        target += dt.timedelta(days=1)
    return (target - local).total_seconds()


async def daily(factory: SessionFactory, *, settings: Settings) -> None:
    """Run the job every day at ``remind_hour``; the e-mail retries go out every 15 minutes."""
    next_reminders = seconds_until_next(settings.remind_hour)
    while True:
        wait = min(next_reminders, 15 * 60)
        await asyncio.sleep(wait)
        next_reminders -= wait
        try:
            if next_reminders <= 0:
                report = await run_once(factory, settings=settings)
                log.info("reminders: %s", report)
                next_reminders = seconds_until_next(settings.remind_hour)
            else:
                await notifications.deliver(factory, settings=settings)
        except Exception:  # a failed run must not end the loop; the next one tries again
            log.exception("reminders job failed")
