"""The support contact in the help centre: anyone may read it (a person who cannot sign in needs
it most); only an admin sets it, checked field by field, and every change is audited."""

from __future__ import annotations

import pytest
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit.models import AuditEvent
from tests.support.auth import Headers, Tokens
from tests.support.problems import assert_problem, fields

CONTACT = "/api/v1/help/contact"
GOOD = {
    "hotline": "028 3822 1234",
    "email": "hotro.dti@example.gov.vn",
    "office_hours_vi": "Thứ Hai – Thứ Sáu, 7:30–17:00",
    "office_hours_en": "Monday – Friday, 7:30–17:00",
}


async def test_until_set_the_contact_is_empty_and_anyone_may_read_it(client: AsyncClient) -> None:
    response = await client.get(CONTACT)
    assert response.status_code == 200
    assert response.json() == {
        "hotline": None,
        "email": None,
        "office_hours_vi": None,
        "office_hours_en": None,
        "updated_at": None,
    }


async def test_an_admin_sets_it_everyone_reads_it_and_the_change_is_audited(
    client: AsyncClient, admin: Headers, q1_editor: Headers, session: AsyncSession
) -> None:
    response = await client.put(CONTACT, json=GOOD, headers=admin)
    assert response.status_code == 200, response.text
    assert response.json()["updated_at"]
    read = (await client.get(CONTACT, headers=q1_editor)).json()
    assert {k: read[k] for k in GOOD} == GOOD

    changed = {**GOOD, "hotline": " 1900 1234 ", "email": ""}
    response = await client.put(CONTACT, json=changed, headers=admin)
    assert response.status_code == 200
    assert response.json()["hotline"] == "1900 1234"
    assert response.json()["email"] is None  # a blank field is cleared

    events = (
        await session.scalars(
            select(AuditEvent)
            .where(AuditEvent.action == "help.contact_update")
            .order_by(AuditEvent.id)
        )
    ).all()
    assert [e.actor for e in events] == ["admin", "admin"]
    assert events[0].before is None
    assert events[1].before is not None
    assert events[1].before["email"] == GOOD["email"]
    assert events[1].after is not None
    assert events[1].after["email"] is None


@pytest.mark.parametrize("username", ["evaluator", "approver", "q1.head", "viewer"])
async def test_only_an_admin_may_change_it(
    client: AsyncClient, tokens: Tokens, username: str
) -> None:
    headers = await tokens.user(username)
    assert_problem(await client.put(CONTACT, json=GOOD, headers=headers), 403)
    assert (await client.get(CONTACT)).json()["hotline"] is None


async def test_nor_an_agency_system_nor_anyone_signed_out(
    client: AsyncClient, tokens: Tokens
) -> None:
    assert_problem(await client.put(CONTACT, json=GOOD), 401)
    system = await tokens.client("cuc-thue")
    assert_problem(await client.put(CONTACT, json=GOOD, headers=system), 403)


async def test_bad_fields_are_named_and_nothing_is_written(
    client: AsyncClient, admin: Headers
) -> None:
    bad = {
        "hotline": "call us",
        "email": "hotro at example",
        "office_hours_vi": "x" * 201,
        "office_hours_en": "Mon\x00Fri",
    }
    body = assert_problem(
        await client.put(CONTACT, json=bad, headers={**admin, "Accept-Language": "en"}), 422
    )
    assert sorted(fields(body)) == [
        "email",
        "hotline",
        "office_hours_en",
        "office_hours_vi",
    ]
    messages = {e["field"]: e["message"] for e in body["errors"]}
    assert "phone number" in messages["hotline"]
    assert "e-mail" in messages["email"]
    assert (await client.get(CONTACT)).json()["hotline"] is None


async def test_a_contact_needs_a_hotline_or_an_e_mail(client: AsyncClient, admin: Headers) -> None:
    body = assert_problem(
        await client.put(CONTACT, json={"office_hours_vi": "Giờ hành chính"}, headers=admin),
        422,
        "help.contact_empty",
    )
    assert fields(body) == ["hotline"]
    only_mail = {"email": "hotro.dti@example.gov.vn"}
    assert (await client.put(CONTACT, json=only_mail, headers=admin)).status_code == 200


async def test_unknown_fields_are_refused(client: AsyncClient, admin: Headers) -> None:
    body = assert_problem(
        await client.put(CONTACT, json={**GOOD, "fax": "028"}, headers=admin), 422
    )
    assert fields(body) == ["fax"]
