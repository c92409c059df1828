"""Reminders from progress: every round that is collecting or reviewing is measured; a unit whose
next step is due within ``remind_days_before`` days gets a "due soon" reminder, and one past its
deadline an "overdue" one: one of each per deadline, per person (the dedupe key), however often
the job runs. The unit's focal people and head receive them, in the app and by e-mail.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.clock import city_today
from api.core.database import utcnow
from api.core.settings import Settings
from api.notifications.service import Notified, notify, unit_staff
from api.progress import service as progress
from api.progress.schemas import UnitProgress
from api.rounds import schedule
from api.rounds.models import Phase, Round


def _reminder(
    u: UnitProgress, round_: Round, now: dt.datetime, today: dt.date, days_before: int
) -> str | None:
    if u.deadline is None or u.complete:
        return None
    if u.status.value != "returned" and not schedule.may_submit(
        round_.phase, u.extended_until, now
    ):
        return None  # a unit that never submitted can no longer do so: nothing to urge
    left = (u.deadline - today).days
    step = "resubmit" if u.status.value == "returned" else "submit"
    if u.overdue:
        return f"{step}_overdue"
    if left <= days_before:
        return f"{step}_due_soon"
    return None


async def remind(
    session: AsyncSession, *, settings: Settings, now: dt.datetime | None = None
) -> Notified:
    """Make the reminders that are due today (module docstring); idempotent."""
    now = now or utcnow()
    today = city_today(now)
    report = Notified()
    rounds = await session.scalars(
        select(Round).where(
            Round.phase.in_([Phase.collecting, Phase.reviewing]),
            Round.is_practice.is_(False),  # nobody is reminded of a practice round
        )
    )
    for round_ in rounds:
        measured = await progress.compute(session=session, round_=round_, now=now)
        due = [
            (u, kind)
            for u in measured.units
            if (kind := _reminder(u, round_, now, today, settings.remind_days_before)) is not None
        ]
        if not due:
            continue
        ids = {p.unit.code: p.unit_id for p in round_.participants}
        staff = await unit_staff(session, {ids[u.unit_code] for u, _ in due})
        for u, kind in due:
            assert u.deadline is not None
            made = await notify(
                session,
                users=staff.get(ids[u.unit_code], []),
                kind=kind,
                code=f"notify.{kind}",
                params={
                    "round": round_.title_vi,
                    "unit": u.unit_name_vi,
                    "deadline": u.deadline.strftime("%d/%m/%Y"),
                    "days": max((u.deadline - today).days, 0),
                    "answered": str(u.answered_pct),
                },
                link=f"/rounds/{round_.id}/units/{u.unit_code}/assessment",
                key=f"{kind}:{round_.id}:{u.unit_code}:{u.deadline.isoformat()}",
                settings=settings,
                now=now,
            )
            report.notifications += made.notifications
            report.emails += made.emails
    return report
