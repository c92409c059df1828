"""Reminders: made once per deadline and person, in the app and by e-mail through the outbox,
delivered to a real SMTP server on loopback (aiosmtpd), retried when it refuses."""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.assessments.models import SubmissionStatus
from api.core.clock import CITY_TZ
from api.core.settings import Settings
from api.jobs.runner import next_due
from api.notifications import service as notifications
from api.notifications.models import Notification, OutboxEmail
from api.progress import jobs
from tests.support import builders
from tests.support.auth import Tokens
from tests.support.http import AppFactory, assessment_url


@dataclass
class Inbox:
    """What the SMTP server received; while ``refusing``, it answers 451 (try again later)."""

    messages: list[EmailMessage] = field(default_factory=list)
    refusing: bool = False

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        if self.refusing:
            return "451 4.3.0 Mailbox busy, try again later"
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@pytest.fixture
def mail_settings(settings: Settings, smtp: tuple[Inbox, int]) -> Settings:
    return settings.model_copy(
        update={
            "smtp_host": "127.0.0.1",
            "smtp_port": smtp[1],
            "smtp_starttls": False,
            "smtp_timeout_seconds": 5,
            "public_url": "https://dti.example.gov.vn",
        }
    )


def factory_of(session: AsyncSession) -> notifications.SessionFactory:
    """The jobs' sessions are the test's (its commits become savepoints)."""

    @asynccontextmanager
    async def shared() -> AsyncIterator[AsyncSession]:
        yield session

    return shared


def at(day: dt.date, hour: int = 8) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=CITY_TZ)


async def set_deadline(client: AsyncClient, approver: dict[str, str], ends_on: dt.date) -> None:
    schedule = {"collecting": {"starts_on": "2023-10-01", "ends_on": ends_on.isoformat()}}
    response = await client.patch("/api/v1/rounds/1", json={"schedule": schedule}, headers=approver)
    assert response.status_code == 200, response.text


async def test_reminders_are_made_once_and_mailed(
    client: AsyncClient,
    tokens: Tokens,
    approver: dict[str, str],
    q1_editor: dict[str, str],
    session: AsyncSession,
    mail_settings: Settings,
    smtp: tuple[Inbox, int],
) -> None:
    inbox, _ = smtp
    deadline = dt.date(2026, 12, 15)
    await set_deadline(client, approver, deadline)
    factory = factory_of(session)

    early = await jobs.run_once(factory, settings=mail_settings, now=at(dt.date(2026, 12, 1)))
    assert (early.notifications, early.emails_queued) == (0, 0)  # 14 days ahead: nothing yet

    soon = await jobs.run_once(factory, settings=mail_settings, now=at(dt.date(2026, 12, 13)))
    # Q1 and SO-TTTT each have a focal person and a head with an e-mail address in the demo.
    assert (soon.notifications, soon.emails_queued, soon.emails_sent) == (4, 4, 4)
    again = await jobs.run_once(factory, settings=mail_settings, now=at(dt.date(2026, 12, 14)))
    assert (again.notifications, again.emails_queued, again.emails_sent) == (0, 0, 0)

    to_q1 = [m for m in inbox.messages if m["To"] == "q1.editor@dti-hub.example.com"]
    assert len(to_q1) == 1
    assert "Sắp đến hạn nộp bài tự đánh giá (15/12/2026)" in to_q1[0]["Subject"]
    text = to_q1[0].get_content()
    assert "Còn 2 ngày đến hạn (15/12/2026)" in text
    assert "https://dti.example.gov.vn/rounds/1/units/Q1/assessment" in text

    late = await jobs.run_once(factory, settings=mail_settings, now=at(dt.date(2026, 12, 16)))
    assert (late.notifications, late.emails_sent) == (4, 4)
    kinds = set(await session.scalars(select(Notification.kind)))
    assert kinds == {"submit_due_soon", "submit_overdue"}

    # In the app: the bell of Q1's focal person, in Vietnamese, then read.
    bell = (await client.get("/api/v1/notifications", headers=q1_editor)).json()
    assert (bell["total"], bell["unread"]) == (2, 2)
    assert bell["items"][0]["message"].startswith("Đã quá hạn (15/12/2026) nộp bài tự đánh giá")
    assert bell["items"][0]["link"] == "/rounds/1/units/Q1/assessment"
    first = bell["items"][0]["id"]
    assert (await client.post(f"/api/v1/notifications/{first}/read", headers=q1_editor)).json() == {
        "marked": 1
    }
    stranger = await tokens.user("so-tttt.editor")
    foreign = await client.post(f"/api/v1/notifications/{first}/read", headers=stranger)
    assert foreign.status_code == 404
    rest = await client.post("/api/v1/notifications/read-all", headers=q1_editor)
    assert rest.json() == {"marked": 1}


async def test_a_submitted_unit_is_not_reminded(
    client: AsyncClient,
    approver: dict[str, str],
    session: AsyncSession,
    mail_settings: Settings,
) -> None:
    assert await builders.submitted_with_nil(session) == SubmissionStatus.submitted
    await set_deadline(client, approver, dt.date(2026, 12, 15))
    report = await jobs.run_once(
        factory_of(session), settings=mail_settings, now=at(dt.date(2026, 12, 20))
    )
    assert report.notifications == 2  # SO-TTTT's two people only
    users = set(await session.scalars(select(Notification.dedupe_key)))
    assert all(":SO-TTTT:" in key for key in users)


async def test_a_refused_email_is_retried_then_given_up(
    client: AsyncClient,
    approver: dict[str, str],
    session: AsyncSession,
    mail_settings: Settings,
    smtp: tuple[Inbox, int],
) -> None:
    inbox, _ = smtp
    inbox.refusing = True
    await set_deadline(client, approver, dt.date(2026, 12, 15))
    factory = factory_of(session)
    start = at(dt.date(2026, 12, 14))
    first = await jobs.run_once(factory, settings=mail_settings, now=start)
    assert (first.emails_queued, first.emails_sent, first.emails_failed) == (4, 0, 4)
    mail = await session.scalar(select(OutboxEmail).order_by(OutboxEmail.id).limit(1))
    assert mail is not None
    assert (mail.status, mail.attempts) == ("pending", 1)
    assert "451" in (mail.last_error or "")
    assert mail.next_attempt_at == start + dt.timedelta(minutes=2)

    # Not yet due again a minute later; due after two; delivered once the server accepts.
    soon = await notifications.deliver(
        factory, settings=mail_settings, now=start + dt.timedelta(minutes=1)
    )
    assert soon == (0, 0)
    inbox.refusing = False
    later = await notifications.deliver(
        factory, settings=mail_settings, now=start + dt.timedelta(minutes=3)
    )
    assert later == (4, 0)
    assert len(inbox.messages) == 4
    await session.refresh(mail)
    assert (mail.status, mail.attempts) == ("sent", 2)

    # A message the server keeps refusing is given up after the last attempt.
    inbox.refusing = True
    few = mail_settings.model_copy(update={"email_max_attempts": 2})
    late = await jobs.run_once(factory, settings=few, now=at(dt.date(2026, 12, 16)))
    assert late.emails_failed == 4
    retried = await notifications.deliver(
        factory, settings=few, now=at(dt.date(2026, 12, 16)) + dt.timedelta(minutes=5)
    )
    assert retried == (0, 4)
    states = set(
        await session.scalars(
            select(OutboxEmail.status).where(OutboxEmail.dedupe_key.like("submit_overdue:%"))
        )
    )
    assert states == {"failed"}


async def test_returning_an_answer_tells_the_unit(
    make_client: AppFactory,
    session: AsyncSession,
    q1_editor: dict[str, str],
    evaluator: dict[str, str],
) -> None:
    # A mail server is configured (nothing is sent here: only the outbox is read).
    client = await make_client(smtp_host="mail.example.gov.vn")
    await builders.submitted_with_nil(session)
    returned = await client.post(
        f"{assessment_url()}/reviews/1.2",
        json={"decision": "returned", "comment": "Bổ sung biên bản."},
        headers=evaluator,
    )
    assert returned.status_code == 201
    bell = (
        await client.get("/api/v1/notifications", headers={**q1_editor, "Accept-Language": "en"})
    ).json()
    assert bell["unread"] == 1
    assert bell["items"][0]["kind"] == "returned"
    assert bell["items"][0]["message"] == (
        "DIC returned indicator 1.2 of Quận 1 («Đánh giá chỉ số CĐS năm 2024 (dữ liệu minh họa)»"
        "): Bổ sung biên bản."
    )
    queued = await session.scalar(
        select(OutboxEmail.subject).where(OutboxEmail.to_address == "q1.head@dti-hub.example.com")
    )
    assert queued == "[DTI Hub] Chỉ số 1.2 bị trả lại, cần bổ sung"


def test_the_daily_run_waits_for_the_hour_in_the_city() -> None:
    cron = jobs.reminder_cron(8)
    assert cron == "0 1 * * *"  # 08:00 in Ho Chi Minh City is 01:00 UTC
    # 00:30 UTC is 07:30 in Ho Chi Minh City: half an hour to 08:00.
    at = dt.datetime(2026, 12, 1, 0, 30, tzinfo=dt.UTC)
    assert (next_due(cron, at) - at).total_seconds() == 1800
    # 02:00 UTC is 09:00 there: the next run is tomorrow at 08:00, 23 hours on.
    at = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)
    assert (next_due(cron, at) - at).total_seconds() == 23 * 3600
    assert jobs.reminder_cron(3) == "0 20 * * *"  # the day before, in UTC


@pytest.mark.slow
def test_the_command_line_job(tmp_path: Any) -> None:
    """`python -m api remind` on a fresh database: migrate, seed, remind (cron runs this)."""
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "DTI_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'cron.db'}",
        "DTI_DEMO": "1",
        "DTI_LOG_LEVEL": "WARNING",
    }
    env.pop("TEST_DATABASE_URL", None)
    for command in (["migrate"], ["seed"]):
        subprocess.run(
            [sys.executable, "-m", "api", *command], env=env, check=True, capture_output=True
        )
    done = subprocess.run(
        [sys.executable, "-m", "api", "remind", "--now", "2026-12-01T01:00:00+00:00"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    # The demo rounds carry no dates: nothing is due, and without DTI_SMTP_HOST nothing is sent.
    assert done.stdout.splitlines() == [
        "remind: 0 notifications, 0 e-mails queued, 0 sent, 0 failed attempts",
        "urging: 0 escalations to heads, 0 digest notifications to approvers",
    ]


async def test_without_a_mail_server_nothing_is_queued(
    client: AsyncClient, approver: dict[str, str], session: AsyncSession, settings: Settings
) -> None:
    """In-app reminders only: a backlog of stale e-mails would all leave the day SMTP is set."""
    await set_deadline(client, approver, dt.date(2026, 12, 15))
    report = await jobs.run_once(
        factory_of(session), settings=settings, now=at(dt.date(2026, 12, 14))
    )
    assert (report.notifications, report.emails_queued, report.emails_sent) == (4, 0, 0)
    assert await session.scalar(select(OutboxEmail.id).limit(1)) is None


async def test_no_urging_to_submit_once_collecting_is_over(
    client: AsyncClient, approver: dict[str, str], session: AsyncSession, mail_settings: Settings
) -> None:
    await set_deadline(client, approver, dt.date(2026, 12, 15))
    moved = await client.post(
        "/api/v1/rounds/1/phase", json={"phase": "reviewing"}, headers=approver
    )
    assert moved.status_code == 200, moved.text
    report = await jobs.run_once(
        factory_of(session), settings=mail_settings, now=at(dt.date(2026, 12, 16))
    )
    assert report.notifications == 0  # they can no longer submit: nothing to urge
