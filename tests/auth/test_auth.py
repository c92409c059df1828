"""Sign-in, tokens (expiry, rotation, reuse), throttling, roles, scopes, account administration."""

from __future__ import annotations

import datetime as dt

from httpx import ASGITransport, AsyncClient
from jose import jwt
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import RefreshToken, User
from api.auth.service import principal_from_token
from api.core.security import create_access_token
from api.core.settings import Settings
from tests.support.auth import DEMO_PASSWORD
from tests.support.http import AppFactory, app_of, sign_in

TOKEN = "/api/v1/auth/token"
ME = "/api/v1/auth/me"
PROBLEM = "application/problem+json"


async def test_sign_in_returns_a_token_pair_and_me_shows_the_role(client: AsyncClient) -> None:
    tokens = await sign_in(client, "admin")
    assert tokens["token_type"] == "bearer"
    assert tokens["expires_in"] == 15 * 60
    assert tokens["refresh_token"]
    me = await client.get(ME, headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert me.status_code == 200
    assert me.json()["roles"] == ["admin"]
    assert me.json()["username"] == "admin"
    assert me.json()["unit_code"] is None


async def test_unit_user_me_names_the_unit(client: AsyncClient, q1_editor: dict[str, str]) -> None:
    me = await client.get(ME, headers=q1_editor)
    assert me.json()["unit_code"] == "Q1"
    assert me.json()["unit_name_vi"] == "Quận 1"
    assert me.json()["roles"] == ["unit_editor"]


async def test_username_is_case_insensitive(client: AsyncClient) -> None:
    response = await client.post(TOKEN, data={"username": " Admin ", "password": DEMO_PASSWORD})
    assert response.status_code == 200


async def test_wrong_password_is_401_problem_in_vietnamese_then_english(
    client: AsyncClient,
) -> None:
    response = await client.post(TOKEN, data={"username": "admin", "password": "wrong"})
    assert response.status_code == 401
    assert response.headers["content-type"] == PROBLEM
    assert response.headers["www-authenticate"] == "Bearer"
    body = response.json()
    assert body["detail"] == "Tên đăng nhập hoặc mật khẩu không đúng."
    assert body["title"] == "Chưa xác thực"
    assert body["status"] == 401
    assert body["code"] == "auth.invalid_credentials"
    assert body["type"].endswith("/unauthorized")

    english = await client.post(
        TOKEN,
        data={"username": "admin", "password": "wrong"},
        headers={"Accept-Language": "en-US,en;q=0.9"},
    )
    assert english.status_code == 401
    assert english.json()["detail"] == "Incorrect username or password."
    assert english.headers["content-language"] == "en"


async def test_unknown_user_gets_the_same_answer_as_a_wrong_password(client: AsyncClient) -> None:
    response = await client.post(TOKEN, data={"username": "nobody", "password": "whatever"})
    assert response.status_code == 401
    assert response.json()["code"] == "auth.invalid_credentials"


async def test_missing_form_field_is_422_naming_it(client: AsyncClient) -> None:
    response = await client.post(TOKEN, data={"username": "admin"})
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "password", "message": "Thiếu trường bắt buộc."}]


async def test_expired_access_token_is_rejected(client: AsyncClient, settings: Settings) -> None:
    token = create_access_token(
        subject="1",
        kind="user",
        secret_key=settings.secret_key,
        algorithm=settings.jwt_algorithm,
        lifetime=dt.timedelta(minutes=15),
        now=dt.datetime.now(dt.UTC) - dt.timedelta(hours=1),
    )
    response = await client.get(ME, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert response.json()["code"] == "auth.invalid_token"


async def test_forged_and_malformed_tokens_are_rejected(
    client: AsyncClient, settings: Settings
) -> None:
    admin_id = 1
    forged = create_access_token(
        subject=str(admin_id),
        kind="user",
        secret_key="another-key-that-is-not-the-servers",
        algorithm="HS256",
        lifetime=dt.timedelta(minutes=5),
    )
    unsigned = jwt.encode({"sub": "1", "typ": "access", "knd": "user"}, "", algorithm="HS256")
    none_alg = (
        "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiIxIiwidHlwIjoiYWNjZXNzIiwia25kIjoidXNlciJ9."
    )
    for token in (forged, unsigned, none_alg, "not-a-jwt"):
        response = await client.get(ME, headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401, token
        assert response.json()["code"] == "auth.invalid_token"


async def test_refresh_token_is_not_an_access_token(client: AsyncClient) -> None:
    tokens = await sign_in(client, "admin")
    response = await client.get(ME, headers={"Authorization": f"Bearer {tokens['refresh_token']}"})
    assert response.status_code == 401


async def test_no_token_is_401(client: AsyncClient) -> None:
    response = await client.get(ME)
    assert response.status_code == 401
    assert response.json()["code"] == "auth.not_authenticated"


async def test_refresh_rotates_and_reuse_revokes_the_family(client: AsyncClient) -> None:
    first = await sign_in(client, "evaluator")
    rotated = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]}
    )
    assert rotated.status_code == 200
    second = rotated.json()
    assert second["refresh_token"] != first["refresh_token"]
    me = await client.get(ME, headers={"Authorization": f"Bearer {second['access_token']}"})
    assert me.json()["username"] == "evaluator"

    # The old token was used: presenting it again means it leaked.
    reuse = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]}
    )
    assert reuse.status_code == 401
    assert reuse.json()["code"] == "auth.refresh_token_reused"
    # ...and the whole family is revoked, including the token issued by the rotation.
    after = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": second["refresh_token"]}
    )
    assert after.status_code == 401
    # Another sign-in (another family) is untouched.
    other = await sign_in(client, "evaluator")
    ok = await client.post("/api/v1/auth/refresh", json={"refresh_token": other["refresh_token"]})
    assert ok.status_code == 200


async def test_expired_refresh_token_is_rejected(
    client: AsyncClient, session: AsyncSession
) -> None:
    tokens = await sign_in(client, "viewer")
    user_id = await session.scalar(select(User.id).where(User.username == "viewer"))
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.user_id == user_id)
        .values(expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1))
    )
    response = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}
    )
    assert response.status_code == 401
    assert response.json()["code"] == "auth.invalid_refresh_token"


async def test_unknown_refresh_token_is_rejected(client: AsyncClient) -> None:
    response = await client.post("/api/v1/auth/refresh", json={"refresh_token": "made-up"})
    assert response.status_code == 401


async def test_logout_revokes_the_refresh_token(client: AsyncClient) -> None:
    tokens = await sign_in(client, "viewer")
    out = await client.post("/api/v1/auth/logout", json={"refresh_token": tokens["refresh_token"]})
    assert out.status_code == 204
    response = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}
    )
    assert response.status_code == 401


async def test_sign_in_is_throttled_per_username(make_client: AppFactory) -> None:
    client = await make_client(login_max_failures_per_user=3, login_window_seconds=600)
    for _ in range(3):
        response = await client.post(TOKEN, data={"username": "q1.head", "password": "bad"})
        assert response.status_code == 401
    blocked = await client.post(TOKEN, data={"username": "q1.head", "password": DEMO_PASSWORD})
    assert blocked.status_code == 429
    assert blocked.headers["content-type"] == PROBLEM
    retry_after = int(blocked.headers["retry-after"])
    assert 0 < retry_after <= 600
    assert blocked.json()["code"] == "auth.too_many_attempts"
    assert str(retry_after) in blocked.json()["detail"]
    # Another account from the same address is not blocked by this user's failures.
    assert (
        await client.post(TOKEN, data={"username": "admin", "password": DEMO_PASSWORD})
    ).status_code == 200


def _from(client: AsyncClient, address: str) -> AsyncClient:
    """Another client of the same app, seen as coming from ``address``."""
    app = app_of(client)
    return AsyncClient(
        transport=ASGITransport(app=app, client=(address, 40000)), base_url="http://test"
    )


async def test_a_guessed_account_is_blocked_from_that_address_only(
    make_client: AppFactory,
) -> None:
    client = await make_client(login_max_failures_per_user_address=2)
    for _ in range(2):
        response = await client.post(TOKEN, data={"username": "q1.head", "password": "bad"})
        assert response.status_code == 401
    blocked = await client.post(TOKEN, data={"username": "q1.head", "password": DEMO_PASSWORD})
    assert blocked.status_code == 429
    # The real head, at another office, still signs in: a guesser cannot lock them out.
    async with _from(client, "10.20.30.40") as elsewhere:
        ok = await elsewhere.post(TOKEN, data={"username": "q1.head", "password": DEMO_PASSWORD})
        assert ok.status_code == 200


async def test_distributed_guessing_of_one_account_is_throttled(make_client: AppFactory) -> None:
    client = await make_client(login_max_failures_per_user=3)
    for index in range(3):
        async with _from(client, f"10.0.0.{index + 1}") as guesser:
            response = await guesser.post(TOKEN, data={"username": "admin", "password": "bad"})
            assert response.status_code == 401
    async with _from(client, "10.0.0.99") as another:
        response = await another.post(TOKEN, data={"username": "admin", "password": "bad"})
        assert response.status_code == 429


async def test_sign_in_is_throttled_per_address(make_client: AppFactory) -> None:
    client = await make_client(login_max_failures_per_user=100, login_max_failures_per_address=4)
    for name in ("a1", "a2", "a3", "a4"):
        response = await client.post(TOKEN, data={"username": name, "password": "bad"})
        assert response.status_code == 401
    blocked = await client.post(TOKEN, data={"username": "admin", "password": DEMO_PASSWORD})
    assert blocked.status_code == 429
    assert "retry-after" in blocked.headers


async def test_a_successful_sign_in_clears_the_users_failures(make_client: AppFactory) -> None:
    client = await make_client(login_max_failures_per_user=3)
    for _ in range(2):
        await client.post(TOKEN, data={"username": "q1.head", "password": "bad"})
    assert (
        await client.post(TOKEN, data={"username": "q1.head", "password": DEMO_PASSWORD})
    ).status_code == 200
    for _ in range(2):
        response = await client.post(TOKEN, data={"username": "q1.head", "password": "bad"})
        assert response.status_code == 401


async def test_failures_outside_the_window_do_not_count(
    make_client: AppFactory, session: AsyncSession
) -> None:
    from api.auth.models import LoginFailure

    client = await make_client(login_max_failures_per_user=2, login_window_seconds=60)
    for _ in range(2):
        await client.post(TOKEN, data={"username": "q1.head", "password": "bad"})
    await session.execute(
        update(LoginFailure).values(attempted_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5))
    )
    assert (
        await client.post(TOKEN, data={"username": "q1.head", "password": DEMO_PASSWORD})
    ).status_code == 200


async def test_roles_are_checked(
    client: AsyncClient,
    evaluator: dict[str, str],
    q1_editor: dict[str, str],
    viewer: dict[str, str],
) -> None:
    response = await client.get("/api/v1/users", headers=evaluator)
    assert response.status_code == 403
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["code"] == "auth.forbidden_role"
    assert "admin" in response.json()["detail"]
    unit = {"code": "X-1", "name_vi": "X", "name_en": "X", "kind": "ward"}
    assert (await client.post("/api/v1/units", json=unit, headers=q1_editor)).status_code == 403
    round_body = {"year": 2024, "title_vi": "x", "title_en": "x", "framework_id": 1}
    assert (await client.post("/api/v1/rounds", json=round_body, headers=viewer)).status_code == 403
    assert (
        await client.post("/api/v1/rounds", json=round_body, headers=evaluator)
    ).status_code == 403


async def test_admin_is_implied_everywhere_but_provider(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    assert (await client.get("/api/v1/users", headers=admin)).status_code == 200
    # approver-only endpoint: admin passes the role check and reaches validation.
    response = await client.post("/api/v1/rounds", json={}, headers=admin)
    assert response.status_code == 422


async def test_client_credentials_and_scopes(
    client: AsyncClient, session: AsyncSession, settings: Settings
) -> None:
    response = await client.post(
        "/api/v1/auth/client-token",
        data={
            "grant_type": "client_credentials",
            "client_id": "cuc-thue",
            "client_secret": DEMO_PASSWORD,
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert "refresh_token" not in body
    headers = {"Authorization": f"Bearer {body['access_token']}"}
    me = await client.get(ME, headers=headers)
    assert me.json()["kind"] == "client"
    assert me.json()["roles"] == ["provider"]
    assert me.json()["unit_code"] == "CUC-THUE"
    # A provider is not a DIC user: no administration, no round management.
    assert (await client.get("/api/v1/users", headers=headers)).status_code == 403
    assert (await client.post("/api/v1/rounds", json={}, headers=headers)).status_code == 403

    principal = await principal_from_token(
        session=session, settings=settings, token=body["access_token"]
    )
    assert principal.may_push("E-8.1-a", "Q1", 1)
    assert principal.may_push("E-T8", "TPHCM", 2)
    assert not principal.may_push("E-6.1-a", "Q1", 1)  # VP-UBND's figure, not the tax office's


async def test_client_credentials_errors(client: AsyncClient) -> None:
    wrong = await client.post(
        "/api/v1/auth/client-token",
        data={"grant_type": "client_credentials", "client_id": "cuc-thue", "client_secret": "x"},
    )
    assert wrong.status_code == 401
    assert wrong.json()["code"] == "auth.invalid_client"
    grant = await client.post(
        "/api/v1/auth/client-token",
        data={"grant_type": "password", "client_id": "cuc-thue", "client_secret": DEMO_PASSWORD},
        headers={"Accept-Language": "en"},
    )
    assert grant.status_code == 422
    assert grant.json()["errors"][0]["field"] == "grant_type"
    assert "client_credentials" in grant.json()["errors"][0]["message"]


async def test_user_administration(client: AsyncClient, admin: dict[str, str]) -> None:
    body = {
        "username": "q3.editor",
        "full_name": "Nguyễn Thị Lan",
        "password": "a-long-password",
        "roles": ["unit_editor"],
        "unit_code": "Q3",
    }
    created = await client.post("/api/v1/users", json=body, headers=admin)
    assert created.status_code == 201, created.text
    assert created.json()["unit_code"] == "Q3"
    tokens = await sign_in(client, "q3.editor", "a-long-password")
    me = await client.get(ME, headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert me.json()["unit_code"] == "Q3"

    duplicate = await client.post("/api/v1/users", json=body, headers=admin)
    assert duplicate.status_code == 409
    assert duplicate.json()["code"] == "user.username_taken"

    no_unit = await client.post(
        "/api/v1/users", json={**body, "username": "x.editor", "unit_code": None}, headers=admin
    )
    assert no_unit.status_code == 422
    assert no_unit.json()["errors"][0]["field"] == "unit_code"

    unknown_unit = await client.post(
        "/api/v1/users", json={**body, "username": "y.editor", "unit_code": "NOPE"}, headers=admin
    )
    assert unknown_unit.status_code == 422
    assert unknown_unit.json()["errors"][0]["field"] == "unit_code"

    short = await client.post(
        "/api/v1/users", json={**body, "username": "z.editor", "password": "short"}, headers=admin
    )
    assert short.status_code == 422
    assert short.json()["errors"][0]["field"] == "password"
    assert "12" in short.json()["errors"][0]["message"]

    listing = await client.get("/api/v1/users", params={"q": "q3"}, headers=admin)
    assert [u["username"] for u in listing.json()["items"]] == ["q3.editor"]


async def test_deactivating_a_user_ends_their_access(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    tokens = await sign_in(client, "q1.editor")
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    assert (await client.get(ME, headers=headers)).status_code == 200
    response = await client.patch(
        "/api/v1/users/q1.editor", json={"is_active": False}, headers=admin
    )
    assert response.status_code == 200
    assert response.json()["is_active"] is False
    assert (await client.get(ME, headers=headers)).status_code == 401
    refresh = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}
    )
    assert refresh.status_code == 401
    again = await client.post(TOKEN, data={"username": "q1.editor", "password": DEMO_PASSWORD})
    assert again.status_code == 401


async def test_the_last_admin_cannot_be_demoted_or_deactivated(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    demote = await client.patch("/api/v1/users/admin", json={"roles": ["viewer"]}, headers=admin)
    assert demote.status_code == 409
    assert demote.json()["code"] == "user.last_admin"
    deactivate = await client.patch("/api/v1/users/admin", json={"is_active": False}, headers=admin)
    assert deactivate.status_code == 409
    second = {
        "username": "admin2",
        "full_name": "Quản trị 2",
        "password": "long-enough-2",
        "roles": ["admin"],
    }
    assert (await client.post("/api/v1/users", json=second, headers=admin)).status_code == 201
    assert (
        await client.patch("/api/v1/users/admin", json={"roles": ["viewer"]}, headers=admin)
    ).status_code == 200
