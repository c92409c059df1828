"""Account administration (admin): who may, the list's filters, temporary passwords and the forced
change at the next sign-in, resets, disabling, one's own password, the export."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from httpx import AsyncClient, Response
from openpyxl import load_workbook
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit.models import AuditEvent
from api.auth.models import User
from tests.support.auth import DEMO_PASSWORD, Headers, Tokens, bearer
from tests.support.http import sign_in
from tests.support.problems import assert_problem

USERS = "/api/v1/users"
ME = "/api/v1/auth/me"
PASSWORD = "/api/v1/auth/password"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NEW = {
    "username": "q3.editor",
    "full_name": "Nguyễn Thị Lan",
    "email": "lan.q3@example.vn",
    "roles": ["unit_editor"],
    "unit_code": "Q3",
}


def _tiny_xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["username", "full_name", "email", "role", "unit_code"])
    sheet.append(["x.viewer", "X", None, "viewer", None])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# Every new endpoint with a request an admin may make.
CALLS: list[tuple[str, str, dict[str, Any]]] = [
    ("GET", USERS, {"params": {"role": "viewer"}}),
    ("GET", "/api/v1/users.xlsx", {}),
    ("POST", USERS, {"json": NEW}),
    ("PATCH", f"{USERS}/viewer", {"json": {"full_name": "Người xem"}}),
    ("POST", f"{USERS}/viewer/password-reset", {}),
    ("GET", "/api/v1/user-imports/template.xlsx", {}),
    (
        "POST",
        "/api/v1/user-imports",
        {"params": {"dry_run": "true"}, "content": _tiny_xlsx(), "headers": {"Content-Type": XLSX}},
    ),
]


async def _call(
    client: AsyncClient, headers: Headers, method: str, url: str, kw: dict[str, Any]
) -> Response:
    extra = dict(kw)
    merged = {**headers, **extra.pop("headers", {})}
    return await client.request(method, url, headers=merged, **extra)


@pytest.mark.parametrize(("method", "url", "kw"), CALLS)
async def test_only_admins_administer_accounts(
    client: AsyncClient, tokens: Tokens, method: str, url: str, kw: dict[str, Any]
) -> None:
    for who in ("evaluator", "approver", "q1.editor", "q1.head", "cuc-thue.staff", "viewer"):
        refused = await _call(client, await tokens.user(who), method, url, kw)
        assert_problem(refused, 403, "auth.forbidden_role")
    agency = await _call(client, await tokens.client("cuc-thue"), method, url, kw)
    assert_problem(agency, 403, "auth.forbidden_role")
    allowed = await _call(client, await tokens.user("admin"), method, url, kw)
    assert allowed.status_code in (200, 201), allowed.text


async def test_the_list_searches_username_name_and_email_and_filters(
    client: AsyncClient, admin: Headers
) -> None:
    created = await client.post(USERS, json=NEW, headers=admin)
    assert created.status_code == 201, created.text

    async def names(**params: Any) -> list[str]:
        response = await client.get(USERS, params={"limit": 100, **params}, headers=admin)
        assert response.status_code == 200, response.text
        return [u["username"] for u in response.json()["items"]]

    assert await names(q="LAN.Q3@EXAMPLE") == ["q3.editor"]  # e-mail, any case
    assert await names(q="thị lan") == ["q3.editor"]  # Vietnamese name
    assert await names(q="%") == []  # a wildcard is a character like any other
    assert await names(role="unit_head") == ["q1.head", "sg.head", "so-tttt.head"]
    assert await names(unit_code="Q1") == ["q1.editor", "q1.head"]
    assert await names(unit_code="Q1", role="unit_head") == ["q1.head"]
    await client.patch(f"{USERS}/q1.head", json={"is_active": False}, headers=admin)
    assert await names(is_active="false") == ["q1.head"]
    assert "q1.head" not in await names(is_active="true")
    bad = await client.get(USERS, params={"role": "boss"}, headers=admin)
    assert_problem(bad, 422)


async def test_a_new_account_gets_a_temporary_password_once_and_must_change_it(
    client: AsyncClient, admin: Headers, session: AsyncSession
) -> None:
    created = await client.post(USERS, json=NEW, headers=admin)
    assert created.status_code == 201, created.text
    body = created.json()
    temporary = body["temporary_password"]
    assert body["must_change_password"] is True
    assert body["password_expires_at"]
    # Shown once: never again in the list or the account.
    again = await client.get(f"{USERS}/q3.editor", headers=admin)
    assert "temporary_password" not in again.json()
    assert again.json()["must_change_password"] is True

    pair = await sign_in(client, "q3.editor", temporary)
    assert pair["must_change_password"] is True
    headers = bearer(pair["access_token"])
    me = await client.get(ME, headers=headers)
    assert me.status_code == 200
    assert me.json()["must_change_password"] is True
    # Anything else is refused with a clear problem until the password is changed.
    for url in ("/api/v1/rounds", "/api/v1/units", "/api/v1/notifications"):
        assert_problem(await client.get(url, headers=headers), 403, "auth.password_change_required")
    policy = await client.get("/api/v1/auth/password-policy", headers=headers)
    assert policy.json() == {"min_length": 12, "max_length": 128, "temporary_password_days": 7}

    wrong = await client.post(
        PASSWORD,
        json={"current_password": "not-it-at-all", "new_password": "hoa sen trong đầm"},
        headers=headers,
    )
    problem = assert_problem(wrong, 422)
    assert problem["errors"][0]["field"] == "current_password"
    common = await client.post(
        PASSWORD,
        json={"current_password": temporary, "new_password": "Password2024!"},
        headers={**headers, "Accept-Language": "en"},
    )
    problem = assert_problem(common, 422)
    assert problem["errors"][0]["field"] == "new_password"
    assert "common" in problem["errors"][0]["message"]
    same = await client.post(
        PASSWORD, json={"current_password": temporary, "new_password": temporary}, headers=headers
    )
    assert_problem(same, 422)

    changed = await client.post(
        PASSWORD,
        json={"current_password": temporary, "new_password": "hoa sen trong đầm"},
        headers=headers,
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["must_change_password"] is False
    fresh = bearer(changed.json()["access_token"])
    assert (await client.get("/api/v1/rounds", headers=fresh)).status_code == 200
    # Every earlier session of the account has ended.
    old = await client.post("/api/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]})
    assert_problem(old, 401)
    refused = await client.post(
        "/api/v1/auth/token", data={"username": "q3.editor", "password": temporary}
    )
    assert_problem(refused, 401, "auth.invalid_credentials")
    assert (await sign_in(client, "q3.editor", "hoa sen trong đầm"))[
        "must_change_password"
    ] is False
    user = await session.scalar(select(User).where(User.username == "q3.editor"))
    assert user is not None
    assert user.must_change_password is False
    assert user.password_expires_at is None
    assert user.last_login_at is not None

    actions = list(
        await session.scalars(
            select(AuditEvent.action)
            .where(AuditEvent.object_id == "q3.editor")
            .order_by(AuditEvent.id)
        )
    )
    assert actions == ["user.create", "user.password_change"]
    texts = [
        str(e.after)
        for e in await session.scalars(
            select(AuditEvent).where(AuditEvent.object_id == "q3.editor")
        )
    ]
    assert not any(temporary in text or "hoa sen" in text for text in texts)


async def test_a_password_chosen_by_the_admin_follows_the_rules_and_must_be_changed(
    client: AsyncClient, admin: Headers
) -> None:
    common = await client.post(USERS, json={**NEW, "password": "qwerty123456"}, headers=admin)
    assert assert_problem(common, 422)["errors"][0]["field"] == "password"
    created = await client.post(
        USERS, json={**NEW, "password": "gạo nếp cái hoa vàng"}, headers=admin
    )
    assert created.status_code == 201, created.text
    assert created.json()["temporary_password"] is None
    pair = await sign_in(client, "q3.editor", "gạo nếp cái hoa vàng")
    assert pair["must_change_password"] is True


async def test_a_reset_ends_the_sessions_and_gives_a_temporary_password(
    client: AsyncClient, admin: Headers, session: AsyncSession
) -> None:
    before = await sign_in(client, "q1.editor")
    reset = await client.post(f"{USERS}/q1.editor/password-reset", headers=admin)
    assert reset.status_code == 200, reset.text
    temporary = reset.json()["temporary_password"]
    assert reset.json()["username"] == "q1.editor"
    assert_problem(
        await client.post("/api/v1/auth/refresh", json={"refresh_token": before["refresh_token"]}),
        401,
    )
    old = await client.post(
        "/api/v1/auth/token", data={"username": "q1.editor", "password": DEMO_PASSWORD}
    )
    assert_problem(old, 401)
    pair = await sign_in(client, "q1.editor", temporary)
    assert pair["must_change_password"] is True
    assert_problem(
        await client.get("/api/v1/rounds", headers=bearer(pair["access_token"])),
        403,
        "auth.password_change_required",
    )
    event = await session.scalar(
        select(AuditEvent).where(AuditEvent.action == "user.password_reset")
    )
    assert event is not None
    assert event.actor == "admin"
    assert event.object_id == "q1.editor"
    assert temporary not in str(event.after)
    assert event.after is not None
    assert event.after["must_change_password"] is True
    missing = await client.post(f"{USERS}/nobody/password-reset", headers=admin)
    assert_problem(missing, 404, "user.not_found")


async def test_an_expired_temporary_password_no_longer_signs_in(
    client: AsyncClient, admin: Headers, session: AsyncSession
) -> None:
    reset = await client.post(f"{USERS}/viewer/password-reset", headers=admin)
    temporary = reset.json()["temporary_password"]
    await session.execute(
        update(User)
        .where(User.username == "viewer")
        .values(password_expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1))
    )
    expired = await client.post(
        "/api/v1/auth/token", data={"username": "viewer", "password": temporary}
    )
    assert_problem(expired, 401, "auth.temporary_password_expired")
    # A wrong password says nothing about the expiry.
    wrong = await client.post(
        "/api/v1/auth/token", data={"username": "viewer", "password": "not-the-password"}
    )
    assert_problem(wrong, 401, "auth.invalid_credentials")


async def test_disabling_and_enabling_are_audited_as_such(
    client: AsyncClient, admin: Headers, session: AsyncSession
) -> None:
    off = await client.patch(f"{USERS}/viewer", json={"is_active": False}, headers=admin)
    assert off.json()["is_active"] is False
    refused = await client.post(
        "/api/v1/auth/token", data={"username": "viewer", "password": DEMO_PASSWORD}
    )
    assert_problem(refused, 401)
    on = await client.patch(f"{USERS}/viewer", json={"is_active": True}, headers=admin)
    assert on.json()["is_active"] is True
    assert (await sign_in(client, "viewer"))["must_change_password"] is False
    moved = await client.patch(
        f"{USERS}/viewer",
        json={"roles": ["unit_editor"], "unit_code": "Q3", "email": "v@example.vn"},
        headers=admin,
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["unit_code"] == "Q3"
    actions = list(
        await session.scalars(
            select(AuditEvent.action)
            .where(AuditEvent.object_id == "viewer")
            .order_by(AuditEvent.id)
        )
    )
    assert actions[-3:] == ["user.disable", "user.enable", "user.update"]  # after the seed's


async def test_only_users_change_their_own_password(client: AsyncClient, tokens: Tokens) -> None:
    agency = await client.post(
        PASSWORD,
        json={"current_password": DEMO_PASSWORD, "new_password": "một mật khẩu mới dài"},
        headers=await tokens.client("cuc-thue"),
    )
    assert_problem(agency, 403, "auth.users_only")
    assert_problem(
        await client.post(PASSWORD, json={"current_password": "x", "new_password": "y" * 12}),
        401,
    )


async def test_everyone_changes_their_own_password(client: AsyncClient) -> None:
    """Any role, demo password or not: the current one is required, the rules apply."""
    for who in ("viewer", "q1.head", "cuc-thue.staff", "evaluator"):
        pair = await sign_in(client, who)
        changed = await client.post(
            PASSWORD,
            json={"current_password": DEMO_PASSWORD, "new_password": "trời xanh mây trắng"},
            headers=bearer(pair["access_token"]),
        )
        assert changed.status_code == 200, (who, changed.text)


async def test_guessing_the_current_password_is_throttled(
    client: AsyncClient, tokens: Tokens
) -> None:
    headers = await tokens.user("q1.editor")
    statuses = []
    for attempt in range(7):
        response = await client.post(
            PASSWORD,
            json={"current_password": f"guess-{attempt}", "new_password": "hoa mai vàng tết"},
            headers=headers,
        )
        statuses.append(response.status_code)
    assert statuses[:5] == [422] * 5
    assert 429 in statuses[5:]


async def test_the_export_lists_the_filtered_users_as_text(
    client: AsyncClient, admin: Headers
) -> None:
    await client.post(
        USERS,
        json={
            **NEW,
            "username": "q3.head",
            "full_name": '=HYPERLINK("http://x")',
            "roles": ["unit_head"],
        },
        headers=admin,
    )
    response = await client.get("/api/v1/users.xlsx", params={"unit_code": "Q3"}, headers=admin)
    assert response.status_code == 200
    assert response.headers["content-type"] == XLSX
    assert "attachment" in response.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("username", "full_name", "email", "role", "unit_code")
    assert [r[0] for r in rows[1:]] == ["q3.head"]
    assert rows[1][1] == '=HYPERLINK("http://x")'
    assert sheet.cell(row=2, column=2).data_type == "s"  # text, never a formula
    assert rows[1][3] == "unit_head"
    everyone = await client.get("/api/v1/users.xlsx", headers=admin)
    count = await client.get(USERS, params={"limit": 1}, headers=admin)
    all_rows = list(load_workbook(io.BytesIO(everyone.content)).worksheets[0].iter_rows())
    assert len(all_rows) - 1 == count.json()["total"]


async def test_seeded_demo_accounts_keep_their_password_without_a_forced_change(
    client: AsyncClient, session: AsyncSession
) -> None:
    forced = await session.scalar(
        select(func.count()).select_from(User).where(User.must_change_password.is_(True))
    )
    assert forced == 0
    assert (await sign_in(client, "admin", DEMO_PASSWORD))["must_change_password"] is False
