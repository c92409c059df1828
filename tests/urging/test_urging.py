"""Urging (đôn đốc): DIC sends a message to units from a template (placeholders filled per unit),
in the app and by e-mail, kept and audited; escalation to the head and the approvers' digest run
once per due time, whatever the number of runs."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.assessments.models import SubmissionStatus
from api.audit.models import AuditEvent
from api.auth.models import User
from api.core.clock import CITY_TZ, city_today
from api.core.settings import Settings
from api.jobs.runner import InProcessRunner, JobEnv
from api.main import build_registry
from api.notifications.models import Notification, OutboxEmail
from api.urging import jobs
from api.urging.models import Urging
from tests.support import builders
from tests.support.auth import Headers, Tokens
from tests.support.http import AppFactory
from tests.support.problems import assert_problem, fields

URGE = "/api/v1/rounds/1/urgings"
TEXTS = {
    "subject_vi": "Đôn đốc kỳ «{round}»",
    "subject_en": "Reminder: «{round}»",
    "body_vi": "{unit} ({unit_code}) còn {answers_left} chỉ số, hạn {deadline}, trễ {days_late}.",
    "body_en": "{unit} has {answers_left} indicators left, due {deadline}, {days_late} late.",
}
ROUND_VI = "Đánh giá chỉ số CĐS năm 2024 (dữ liệu minh họa)"


def shared(session: AsyncSession) -> Any:
    """The jobs' sessions are the test's (its commits become savepoints)."""

    @asynccontextmanager
    async def factory() -> AsyncIterator[AsyncSession]:
        yield session

    return factory


def at(day: dt.date, hour: int = 8) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=CITY_TZ)


async def set_deadline(client: AsyncClient, approver: Headers, ends_on: dt.date) -> None:
    schedule = {"collecting": {"starts_on": "2023-10-01", "ends_on": ends_on.isoformat()}}
    response = await client.patch("/api/v1/rounds/1", json={"schedule": schedule}, headers=approver)
    assert response.status_code == 200, response.text


async def bell(client: AsyncClient, headers: Headers, language: str = "vi") -> dict[str, Any]:
    response = await client.get(
        "/api/v1/notifications", headers={**headers, "Accept-Language": language}
    )
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


@pytest.fixture
def mail_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"smtp_host": "mail.example.gov.vn"})


# --- who may -------------------------------------------------------------------------------------


async def test_dic_may_urge_and_unit_roles_providers_and_viewers_may_not(
    client: AsyncClient,
    tokens: Tokens,
    evaluator: Headers,
    approver: Headers,
    admin: Headers,
    q1_editor: Headers,
    q1_head: Headers,
    viewer: Headers,
) -> None:
    body = {**TEXTS, "unit_codes": ["Q1"]}
    refused = [
        q1_editor,
        q1_head,
        viewer,
        await tokens.user("cuc-thue.staff"),
        await tokens.client("cuc-thue"),
    ]
    for headers in refused:
        assert_problem(await client.post(URGE, json=body, headers=headers), 403)
        assert_problem(await client.get(URGE, headers=headers), 403)
        assert_problem(await client.get("/api/v1/urge-templates", headers=headers), 403)
        created = await client.post(
            "/api/v1/urge-templates", json={**TEXTS, "name": "x"}, headers=headers
        )
        assert_problem(created, 403)
        assert_problem(
            await client.patch("/api/v1/urge-templates/1", json={}, headers=headers), 403
        )
        assert_problem(await client.delete("/api/v1/urge-templates/1", headers=headers), 403)
    assert_problem(await client.post(URGE, json=body), 401)
    for headers in (evaluator, approver, admin):
        sent = await client.post(URGE, json=body, headers=headers)
        assert sent.status_code == 201, sent.text
        listed = await client.get("/api/v1/urge-templates", headers=headers)
        assert listed.status_code == 200
    assert (await client.get(URGE, headers=evaluator)).json()["total"] == 3
    assert await count(client, q1_editor) == 3


async def count(client: AsyncClient, headers: Headers) -> int:
    return int((await bell(client, headers))["total"])


# --- sending -------------------------------------------------------------------------------------


async def test_urging_reaches_each_units_people_in_the_app_and_by_email(
    make_client: AppFactory,
    session: AsyncSession,
    tokens: Tokens,
    approver: Headers,
    evaluator: Headers,
    admin: Headers,
    q1_editor: Headers,
    q1_head: Headers,
) -> None:
    client = await make_client(smtp_host="mail.example.gov.vn")
    deadline = city_today() - dt.timedelta(days=3)
    await set_deadline(client, approver, deadline)
    sent = await client.post(
        URGE,
        json={**TEXTS, "unit_codes": ["Q1", "SO-TTTT", "Q1", "Q3"], "template_id": 1},
        headers=evaluator,
    )
    assert sent.status_code == 201, sent.text
    body = sent.json()
    # Q1 once (asked twice); Q3 takes part but has no account in the demo: kept, nobody told.
    assert [(u["unit_code"], u["recipients"]) for u in body["units"]] == [
        ("Q1", 2),
        ("SO-TTTT", 2),
        ("Q3", 0),
    ]
    assert (body["notifications"], body["emails"]) == (4, 4)

    # Each unit's people see their own unit's message, filled in for it, in their language.
    q1_bell = await bell(client, q1_editor)
    [message] = q1_bell["items"]
    assert message["kind"] == "urge"
    assert message["link"] == "/rounds/1/units/Q1/assessment"
    indicators = message["message"].split("còn ")[1].split(" chỉ số")[0]
    assert int(indicators) > 0  # nothing answered in the test database
    assert message["message"] == (
        f"Đôn đốc kỳ «{ROUND_VI}»: Quận 1 (Q1) còn {indicators} chỉ số, "
        f"hạn {deadline.strftime('%d/%m/%Y')}, trễ 3."
    )
    english = (await bell(client, q1_head, "en"))["items"][0]["message"]
    assert english.startswith("Reminder: «2024 DX index assessment (demo data)»: Quận 1 has ")
    so_bell = await bell(client, await tokens.user("so-tttt.editor"))
    assert "Sở Thông tin và Truyền thông (SO-TTTT)" in so_bell["items"][0]["message"]
    assert (await bell(client, await tokens.user("q1.editor")))["total"] == 1

    # By e-mail: one per person through the outbox, in both languages.
    mails = list(await session.scalars(select(OutboxEmail).order_by(OutboxEmail.to_address)))
    assert [m.to_address for m in mails] == [
        "q1.editor@dti-hub.example.com",
        "q1.head@dti-hub.example.com",
        "so-tttt.editor@dti-hub.example.com",
        "so-tttt.head@dti-hub.example.com",
    ]
    assert mails[0].subject == f"[DTI Hub] Đôn đốc kỳ «{ROUND_VI}»"
    assert "Quận 1 (Q1) còn" in mails[0].body
    assert "Quận 1 has" in mails[0].body
    assert "/rounds/1/units/Q1/assessment" in mails[0].body

    # Kept per unit, newest first, and audited once per sending.
    history = (await client.get(URGE, params={"unit": "SO-TTTT"}, headers=evaluator)).json()
    assert history["total"] == 1
    [kept] = history["items"]
    assert (kept["kind"], kept["sent_by"], kept["recipients"]) == ("manual", "evaluator", 2)
    assert kept["subject_en"] == "Reminder: «2024 DX index assessment (demo data)»"
    events = (
        await client.get(
            "/api/v1/audit-events", params={"action": "urging.send", "limit": 5}, headers=admin
        )
    ).json()
    [event] = [e for e in events["items"] if e["action"] == "urging.send"]
    assert event["actor"] == "evaluator"
    assert event["object_id"] == "1"
    assert event["after"]["units"] == ["Q1", "SO-TTTT", "Q3"]
    assert event["after"]["body_vi"] == TEXTS["body_vi"]


async def test_a_template_with_unknown_placeholders_or_braces_is_refused(
    client: AsyncClient, evaluator: Headers
) -> None:
    unknown = await client.post(
        URGE,
        json={**TEXTS, "body_en": "Dear {unit.__class__}", "unit_codes": ["Q1"]},
        headers=evaluator,
    )
    problem = assert_problem(unknown, 422, "urging.unknown_placeholder")
    assert fields(problem) == ["body_en"]
    assert "{answers_left}" in problem["errors"][0]["message"]
    braces = await client.post(
        "/api/v1/urge-templates",
        json={**TEXTS, "name": "Lỗi", "subject_vi": "Hạn {deadline"},
        headers=evaluator,
    )
    assert fields(assert_problem(braces, 422, "urging.template_braces")) == ["subject_vi"]
    literal = await client.post(
        URGE,
        json={**TEXTS, "body_vi": "Mã {{unit}} là {unit_code}", "unit_codes": ["Q1"]},
        headers=evaluator,
    )
    assert literal.status_code == 201, literal.text
    nul = await client.post(
        URGE, json={**TEXTS, "body_vi": "a\x00b", "unit_codes": ["Q1"]}, headers=evaluator
    )
    assert fields(assert_problem(nul, 422)) == ["body_vi"]


async def test_a_long_filled_subject_is_cut_to_fit(
    client: AsyncClient, approver: Headers, evaluator: Headers
) -> None:
    title = "Kỳ đánh giá " + "rất dài " * 60
    renamed = await client.patch("/api/v1/rounds/1", json={"title_vi": title}, headers=approver)
    assert renamed.status_code == 200, renamed.text
    sent = await client.post(
        URGE, json={**TEXTS, "subject_vi": "{round}", "unit_codes": ["Q1"]}, headers=evaluator
    )
    assert sent.status_code == 201, sent.text
    [kept] = (await client.get(URGE, headers=evaluator)).json()["items"]
    assert len(kept["subject_vi"]) == 200
    assert kept["subject_vi"].endswith("…")


async def test_only_the_rounds_units_and_only_while_it_runs(
    client: AsyncClient, evaluator: Headers
) -> None:
    stranger = await client.post(URGE, json={**TEXTS, "unit_codes": ["NOPE"]}, headers=evaluator)
    assert fields(assert_problem(stranger, 422, "urging.unknown_unit")) == ["unit_codes"]
    empty = await client.post(URGE, json={**TEXTS, "unit_codes": []}, headers=evaluator)
    assert_problem(empty, 422)
    published = await client.post(
        "/api/v1/rounds/2/urgings", json={**TEXTS, "unit_codes": ["Q1"]}, headers=evaluator
    )
    assert_problem(published, 409, "urging.phase")
    missing = await client.post(
        "/api/v1/rounds/999/urgings", json={**TEXTS, "unit_codes": ["Q1"]}, headers=evaluator
    )
    assert_problem(missing, 404, "round.not_found")
    no_template = await client.post(
        URGE, json={**TEXTS, "unit_codes": ["Q1"], "template_id": 999}, headers=evaluator
    )
    assert_problem(no_template, 404, "urging.template_not_found")


async def test_templates_are_edited_and_audited(
    client: AsyncClient, evaluator: Headers, admin: Headers
) -> None:
    [default] = (await client.get("/api/v1/urge-templates", headers=evaluator)).json()
    assert "{answers_left}" in default["body_vi"]
    created = await client.post(
        "/api/v1/urge-templates", json={**TEXTS, "name": "Nhắc lần 2"}, headers=evaluator
    )
    assert created.status_code == 201, created.text
    template = created.json()
    assert template["updated_by"] == "evaluator"
    taken = await client.post(
        "/api/v1/urge-templates", json={**TEXTS, "name": "nhắc LẦN 2"}, headers=evaluator
    )
    assert_problem(taken, 409, "urging.template_name_taken")
    changed = await client.patch(
        f"/api/v1/urge-templates/{template['id']}",
        json={"body_en": "Please submit, {unit}."},
        headers=admin,
    )
    assert changed.status_code == 200, changed.text
    assert (changed.json()["body_en"], changed.json()["updated_by"]) == (
        "Please submit, {unit}.",
        "admin",
    )
    bad = await client.patch(
        f"/api/v1/urge-templates/{template['id']}", json={"body_vi": "{nobody}"}, headers=admin
    )
    assert_problem(bad, 422, "urging.unknown_placeholder")
    null = await client.patch(
        f"/api/v1/urge-templates/{template['id']}", json={"name": None}, headers=admin
    )
    assert_problem(null, 422)
    deleted = await client.delete(f"/api/v1/urge-templates/{template['id']}", headers=evaluator)
    assert deleted.status_code == 204
    gone = await client.delete(f"/api/v1/urge-templates/{template['id']}", headers=evaluator)
    assert_problem(gone, 404, "urging.template_not_found")
    events = (
        await client.get(
            "/api/v1/audit-events", params={"object_type": "urge_template"}, headers=admin
        )
    ).json()["items"]
    assert sorted(e["action"] for e in events) == [
        "urge_template.create",
        "urge_template.delete",
        "urge_template.update",
    ]


# --- escalation and the digest -------------------------------------------------------------------


async def test_escalation_tells_the_head_once_per_level(
    client: AsyncClient,
    session: AsyncSession,
    approver: Headers,
    q1_head: Headers,
    q1_editor: Headers,
    mail_settings: Settings,
) -> None:
    await builders.answer_all_with_nil(session, unit_code="SO-TTTT", username="so-tttt.editor")
    submitted = await builders.submit(session, unit_code="SO-TTTT", username="so-tttt.head")
    assert submitted == SubmissionStatus.submitted
    deadline = dt.date(2026, 12, 15)
    await set_deadline(client, approver, deadline)
    factory = shared(session)
    settings = mail_settings.model_copy(update={"escalate_after_days": "7,14"})

    early = await jobs.escalate_once(factory, settings=settings, now=at(dt.date(2026, 12, 21)))
    assert (early.notifications, early.emails) == (0, 0)  # 6 days late: below the first level
    first = await jobs.escalate_once(factory, settings=settings, now=at(dt.date(2026, 12, 22)))
    # Q1's head alone: its focal person is not told; SO-TTTT has submitted.
    assert (first.notifications, first.emails) == (1, 1)
    subject = await session.scalar(
        select(OutboxEmail.subject).where(OutboxEmail.dedupe_key.like("escalation:%"))
    )
    assert subject == "[DTI Hub] Q1 quá hạn 7 ngày nộp bài tự đánh giá"
    again = await jobs.escalate_once(factory, settings=settings, now=at(dt.date(2026, 12, 22)))
    later = await jobs.escalate_once(factory, settings=settings, now=at(dt.date(2026, 12, 25)))
    assert (again.notifications, later.notifications) == (0, 0)
    second = await jobs.escalate_once(factory, settings=settings, now=at(dt.date(2026, 12, 29)))
    assert second.notifications == 1
    assert (await jobs.escalate_once(factory, settings=settings, now=at(dt.date(2027, 1, 9)))) == (
        again
    )

    head = await bell(client, q1_head)
    assert [item["kind"] for item in head["items"]] == ["escalation", "escalation"]
    assert head["items"][0]["message"].startswith(
        "Quận 1 đã quá hạn 14 ngày (hạn 15/12/2026) nộp bài tự đánh giá"
    )
    assert head["items"][0]["message"].endswith("(nhắc lần 2).")
    assert (await bell(client, q1_editor))["total"] == 0
    # Every late unit's level is kept once, those without a head included.
    levels = (
        await session.execute(
            select(Urging.level, func.count())
            .where(Urging.kind == "escalation")
            .group_by(Urging.level)
        )
    ).all()
    late_units = dict(levels)[1]
    assert dict(levels) == {1: late_units, 2: late_units}
    audited = await session.scalar(
        select(func.count()).where(AuditEvent.action == "urging.escalate")
    )
    assert audited == 2


async def test_no_escalation_when_switched_off_or_once_collecting_is_over(
    client: AsyncClient, session: AsyncSession, approver: Headers, settings: Settings
) -> None:
    await set_deadline(client, approver, dt.date(2026, 12, 1))
    factory = shared(session)
    off = settings.model_copy(update={"escalate_after_days": ""})
    assert (await jobs.escalate_once(factory, settings=off, now=at(dt.date(2027, 1, 1)))) == (
        await jobs.escalate_once(factory, settings=off, now=at(dt.date(2027, 1, 2)))
    )
    assert await session.scalar(select(func.count()).select_from(Urging)) == 0
    moved = await client.post(
        "/api/v1/rounds/1/phase", json={"phase": "reviewing"}, headers=approver
    )
    assert moved.status_code == 200, moved.text
    report = await jobs.escalate_once(factory, settings=settings, now=at(dt.date(2027, 1, 1)))
    assert report.notifications == 0


async def test_the_weekly_digest_reaches_the_approvers_once_per_week(
    client: AsyncClient,
    session: AsyncSession,
    approver: Headers,
    evaluator: Headers,
    mail_settings: Settings,
) -> None:
    await set_deadline(client, approver, city_today() - dt.timedelta(days=10))
    # The runner takes each due time once: run the app's weekly task twice for the same time.
    registry = build_registry(mail_settings.model_copy(update={"reminders_enabled": True}))
    [digest] = [p for p in registry.periodic if p.name == "urging.digest"]
    env = JobEnv(shared(session), mail_settings)
    runner = InProcessRunner(registry, lambda: env, scheduler=False)
    due = dt.datetime.now(dt.UTC).replace(minute=0, second=0, microsecond=0)
    assert [await runner.run_tick(digest, due), await runner.run_tick(digest, due)] == [True, False]
    # Run by hand again the same week (a second worker, a cron): the week's message is made.
    again = await jobs.digest_once(shared(session), settings=mail_settings)
    assert (again.notifications, again.emails) == (0, 0)

    approvers = list(
        await session.scalars(select(Notification).where(Notification.kind == "late_digest"))
    )
    users = {n.user_id for n in approvers}
    approver_id = await session.scalar(select(User.id).where(User.username == "approver"))
    assert users == {approver_id}  # the approvers only (the admin is not one by role)
    [note] = approvers
    assert note.link == "/progress"
    message = (await bell(client, approver))["items"][0]["message"]
    assert message.startswith(f"Tổng hợp ngày {city_today().strftime('%d/%m/%Y')}: ")
    assert "Q1 (10)" in message
    assert (await bell(client, evaluator))["total"] == 0
    assert (
        await session.scalar(
            select(func.count())
            .select_from(OutboxEmail)
            .where(OutboxEmail.dedupe_key.like("late_digest:%"))
        )
        == 1
    )

    next_week = dt.datetime.now(dt.UTC) + dt.timedelta(days=7)
    later = await jobs.digest_once(shared(session), settings=mail_settings, now=next_week)
    assert later.notifications == 1


def test_the_tasks_run_at_the_hour_in_the_city() -> None:
    assert jobs.digest_cron(8, 0) == "0 1 * * 1"  # Monday 08:00 in the city: Monday 01:00 UTC
    assert jobs.digest_cron(3, 0) == "0 20 * * 0"  # Monday 03:00 there: Sunday 20:00 UTC
    assert jobs.digest_cron(9, 6) == "0 2 * * 0"  # Sunday
    registry = build_registry(Settings(reminders_enabled=True, remind_hour=8, digest_weekday=4))
    crons = {p.name: p.cron for p in registry.periodic}
    assert (crons["urging.escalate"], crons["urging.digest"]) == ("0 1 * * *", "0 1 * * 5")
    assert Settings(escalate_after_days="3, 10").escalation_levels == (3, 10)
    with pytest.raises(ValueError, match="increasing"):
        Settings(escalate_after_days="14,7")
