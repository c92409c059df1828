"""Making notifications (in-app and e-mail, once per dedupe key and person) and delivering the
e-mail outbox. What to notify is decided elsewhere: a return by review, reminders by progress.

Delivery sends what is due from the outbox, one message per transaction (a crash never resends
one already recorded as sent); a refused or failed send is retried after 2, 4, 8, … minutes, and
given up after ``email_max_attempts``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

import aiosmtplib
from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import User, UserRole
from api.core.database import unit_of_work, utcnow
from api.core.errors import NotFound
from api.core.i18n import translate
from api.core.principal import UNIT_ROLES, Principal
from api.core.settings import Settings
from api.notifications.models import Notification, OutboxEmail
from api.operator import service as operator_service

# What the jobs open sessions with: an async_sessionmaker, or anything called the same way.
SessionFactory = Callable[[], AbstractAsyncContextManager[AsyncSession]]


@dataclass
class Notified:
    """How many in-app notifications and e-mails a call made (the ones already made are skipped)."""

    notifications: int = 0
    emails: int = 0


async def _insert_new(session: AsyncSession, model: Any, rows: Sequence[dict[str, Any]]) -> int:
    """Insert the rows whose dedupe key is new; returns how many were."""
    if not rows:
        return 0
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(model).on_conflict_do_nothing(index_elements=["dedupe_key"])
    before = await session.scalar(select(func.count()).select_from(model)) or 0
    await session.execute(statement, list(rows))
    after = await session.scalar(select(func.count()).select_from(model)) or 0
    return int(after - before)


async def unit_staff(session: AsyncSession, unit_ids: set[int]) -> dict[int, list[User]]:
    """The active focal people and heads of each unit."""
    if not unit_ids:
        return {}
    users = await session.scalars(
        select(User)
        .join(UserRole, UserRole.user_id == User.id)
        .where(User.unit_id.in_(unit_ids), User.is_active.is_(True), UserRole.role.in_(UNIT_ROLES))
        .distinct()
        .order_by(User.id)
    )
    staff: dict[int, list[User]] = {}
    for user in users:
        assert user.unit_id is not None
        staff.setdefault(user.unit_id, []).append(user)
    return staff


async def notify(
    session: AsyncSession,
    *,
    users: Sequence[User],
    kind: str,
    code: str,
    params: dict[str, Any],
    link: str | None,
    key: str,
    settings: Settings,
    now: dt.datetime | None = None,
) -> Notified:
    """One notification (and e-mail, when the person has an address and a mail server is set)
    per person, once per key. ``now`` is the job's moment (it may run for another day)."""
    now = now or utcnow()
    notes = [
        {
            "user_id": u.id,
            "kind": kind,
            "code": code,
            "params": params,
            "link": link,
            "dedupe_key": f"{key}:{u.id}",
            "created_at": now,
        }
        for u in users
    ]
    mails = []
    # Without a mail server nothing is queued: a backlog would all go out, stale, the day one is
    # configured. The in-app notification is made either way.
    if settings.smtp_host:
        operator = await operator_service.get(session=session)
        params = {"operator": operator.short_name_vi} | params
        for u in users:
            if not u.email:
                continue
            vi = translate(code, "vi", params)
            en = translate(code, "en", params)
            url = f"{settings.public_url.rstrip('/')}{link or '/'}"
            mails.append(
                {
                    "to_address": u.email,
                    "subject": f"[DTI Hub] {translate(f'{code}.subject', 'vi', params)}",
                    # Signed by the operating department, as it is named today (a setting).
                    "body": f"Kính gửi {u.full_name},\n\n{vi}\n\n{url}\n\n{operator.name_vi}\n"
                    f"---\n{en}\n\n{operator.name_en}\n",
                    "dedupe_key": f"{key}:{u.id}",
                    "status": "pending",
                    "attempts": 0,
                    "next_attempt_at": now,
                    "created_at": now,
                }
            )
    return Notified(
        notifications=await _insert_new(session, Notification, notes),
        emails=await _insert_new(session, OutboxEmail, mails),
    )


def _message(mail: OutboxEmail, settings: Settings) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = mail.to_address
    message["Subject"] = mail.subject
    message["Message-ID"] = f"<outbox-{mail.id}@dti-hub>"
    message.set_content(mail.body)
    return message


async def deliver(
    factory: SessionFactory,
    *,
    settings: Settings,
    now: dt.datetime | None = None,
    limit: int = 500,
) -> tuple[int, int]:
    """Send the outbox's due e-mails; returns (sent, failed attempts). Nothing without SMTP."""
    if not settings.smtp_host:
        return 0, 0
    now = now or utcnow()
    sent = failed = 0
    async with factory() as session:
        due = list(
            await session.scalars(
                select(OutboxEmail.id)
                .where(OutboxEmail.status == "pending", OutboxEmail.next_attempt_at <= now)
                .order_by(OutboxEmail.id)
                .limit(limit)
            )
        )
    for mail_id in due:
        async with factory() as session, unit_of_work(session):
            # Claimed under a row lock: two workers never send one message twice.
            mail = await session.scalar(
                select(OutboxEmail)
                .where(OutboxEmail.id == mail_id, OutboxEmail.status == "pending")
                .with_for_update(skip_locked=True)
            )
            if mail is None:
                continue
            try:
                await aiosmtplib.send(
                    _message(mail, settings),
                    hostname=settings.smtp_host,
                    port=settings.smtp_port,
                    username=settings.smtp_username,
                    password=settings.smtp_password,
                    start_tls=settings.smtp_starttls and not settings.smtp_use_tls,
                    use_tls=settings.smtp_use_tls,
                    timeout=settings.smtp_timeout_seconds,
                )
            except (aiosmtplib.SMTPException, OSError) as exc:
                failed += 1
                mail.attempts += 1
                mail.last_error = f"{type(exc).__name__}: {exc}"[:2000]
                if mail.attempts >= settings.email_max_attempts:
                    mail.status = "failed"
                else:
                    mail.next_attempt_at = now + dt.timedelta(minutes=2**mail.attempts)
                continue
            mail.attempts += 1
            mail.status = "sent"
            mail.sent_at = utcnow()
            sent += 1
    return sent, failed


# --- the bell ----------------------------------------------------------------------------------


async def list_for(
    session: AsyncSession, *, principal: Principal, limit: int, offset: int, unread_only: bool
) -> tuple[list[Notification], int, int]:
    """The caller's notifications, newest first; with the total and the unread count."""
    query = select(Notification).where(Notification.user_id == principal.id)
    if unread_only:
        query = query.where(Notification.read_at.is_(None))
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    unread = (
        await session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.user_id == principal.id, Notification.read_at.is_(None))
        )
        or 0
    )
    rows = await session.scalars(query.order_by(Notification.id.desc()).limit(limit).offset(offset))
    return list(rows), int(total), int(unread)


async def mark_read(
    session: AsyncSession, *, principal: Principal, notification_id: int | None
) -> int:
    """Mark one (or, with None, every) notification of the caller read; returns how many."""
    statement = (
        update(Notification)
        .where(Notification.user_id == principal.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    if notification_id is not None:
        exists = await session.scalar(
            select(Notification.id).where(
                Notification.id == notification_id, Notification.user_id == principal.id
            )
        )
        if exists is None:
            raise NotFound("notification.not_found", id=notification_id)
        statement = statement.where(Notification.id == notification_id)
    result = await session.execute(statement)
    return int(getattr(result, "rowcount", 0) or 0)
