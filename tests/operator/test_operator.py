"""The operating department's name: a setting anyone reads (every page shows it), only an admin
changes (validated, audited), named on documents as it is that day — e-mails, the city report,
publications — while a document published earlier keeps the name it was published under."""

from __future__ import annotations

import io

from httpx import AsyncClient
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit.models import AuditEvent
from api.auth.models import User
from api.core.settings import Settings
from api.notifications import service as notifications
from api.notifications.models import OutboxEmail
from tests.support import builders
from tests.support.http import PUBLIC
from tests.support.problems import assert_problem, fields

OPERATOR = f"{PUBLIC}/operator"
SETTING = "/api/v1/operator"
KHCN = "Sở Khoa học và Công nghệ Thành phố Hồ Chí Minh"
RENAMED = {
    "name_vi": "Sở Khoa học và Công nghệ TP.HCM (thử)",
    "name_en": "HCMC Department of Science and Technology (trial)",
    "short_name_vi": "Sở KH&CN (thử)",
    "short_name_en": "DOST (trial)",
    "since": "2025-03-01",
}


async def test_anyone_reads_it_and_the_default_is_the_department_since_march_2025(
    client: AsyncClient,
) -> None:
    body = (await client.get(OPERATOR)).json()
    assert body["name_vi"] == KHCN
    assert body["name_en"] == "Ho Chi Minh City Department of Science and Technology"
    assert body["short_name_vi"] == "Sở KH&CN"
    assert body["since"] == "2025-03-01"
    assert body["is_default"] is True
    assert body["updated_by"] is None


async def test_only_an_admin_changes_it(
    client: AsyncClient,
    admin: dict[str, str],
    approver: dict[str, str],
    evaluator: dict[str, str],
    session: AsyncSession,
) -> None:
    assert_problem(await client.put(SETTING, json=RENAMED), 401)
    for headers in (approver, evaluator):
        assert_problem(
            await client.put(SETTING, json=RENAMED, headers=headers), 403, "auth.forbidden_role"
        )
    assert (await client.get(OPERATOR)).json()["is_default"] is True

    response = await client.put(SETTING, json=RENAMED, headers=admin)
    assert response.status_code == 200, response.text
    body = (await client.get(OPERATOR)).json()
    assert {k: body[k] for k in RENAMED} == RENAMED
    assert body["is_default"] is False
    assert body["updated_by"] == "admin"
    event = await session.scalar(select(AuditEvent).where(AuditEvent.action == "operator.update"))
    assert event is not None
    assert event.before is not None
    assert event.after is not None
    assert event.before["name_vi"] == KHCN
    assert event.after["name_vi"] == RENAMED["name_vi"]


async def test_bad_names_are_refused_by_field_and_nothing_is_written(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    blank = await client.put(SETTING, json=RENAMED | {"name_vi": "   "}, headers=admin)
    assert fields(assert_problem(blank, 422)) == ["name_vi"]
    control = await client.put(SETTING, json=RENAMED | {"short_name_vi": "Sở\x07"}, headers=admin)
    assert fields(assert_problem(control, 422)) == ["short_name_vi"]
    long = await client.put(SETTING, json=RENAMED | {"short_name_en": "x" * 65}, headers=admin)
    assert fields(assert_problem(long, 422)) == ["short_name_en"]
    future = await client.put(SETTING, json=RENAMED | {"since": "2999-01-01"}, headers=admin)
    assert fields(assert_problem(future, 422, "operator.since_future")) == ["since"]
    missing = {k: v for k, v in RENAMED.items() if k != "name_en"}
    assert fields(assert_problem(await client.put(SETTING, json=missing, headers=admin), 422)) == [
        "name_en"
    ]
    assert (await client.get(OPERATOR)).json()["is_default"] is True


async def test_e_mails_are_signed_with_the_name_of_the_day(
    client: AsyncClient, admin: dict[str, str], session: AsyncSession, settings: Settings
) -> None:
    await client.put(SETTING, json=RENAMED, headers=admin)
    head = await session.scalar(select(User).where(User.username == "q1.head"))
    assert head is not None
    await notifications.notify(
        session,
        users=[head],
        kind="review",
        code="notify.returned",
        params={"code": "1.2", "unit": "Quận 1", "round": "2023", "comment": "Bổ sung"},
        link="/",
        key="operator-test",
        settings=settings.model_copy(update={"smtp_host": "mail.example.gov.vn"}),
    )
    mail = await session.scalar(select(OutboxEmail).where(OutboxEmail.to_address == head.email))
    assert mail is not None
    assert "Sở KH&CN (thử) đã trả lại chỉ số 1.2 của Quận 1" in mail.body
    assert RENAMED["name_vi"] in mail.body
    assert RENAMED["name_en"] in mail.body
    assert "Thông tin và Truyền thông" not in mail.body


async def test_a_publication_keeps_the_name_it_was_published_under(
    client: AsyncClient, admin: dict[str, str], session: AsyncSession
) -> None:
    published = await builders.published_round(session)
    results = f"{PUBLIC}/rounds/{published.round_id}/results"
    document = (await client.get(results)).json()
    assert document["publisher"] == {
        "name_vi": KHCN,
        "name_en": "Ho Chi Minh City Department of Science and Technology",
    }
    book = load_workbook(io.BytesIO((await client.get(f"{results}.xlsx")).content))
    about = {row[0]: row[1] for row in book["Thông tin"].iter_rows(values_only=True)}
    assert about["Cơ quan công bố"] == KHCN

    await client.put(SETTING, json=RENAMED, headers=admin)
    again = (await client.get(results, params={"version": 1})).json()
    assert again["publisher"]["name_vi"] == KHCN  # the bytes published that day
    assert again["content_hash"] == document["content_hash"]
