"""Agency API clients (admin): created for a provider unit with checked scopes, the secret shown
once, rotated, disabled and enabled, an expiry, the last token grant; every change audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from httpx import AsyncClient, Response
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import ApiClient
from api.core.database import utcnow
from api.rounds.models import Round
from tests.support.auth import DEMO_PASSWORD, Headers, Tokens, bearer
from tests.support.http import AppFactory
from tests.support.problems import assert_problem, fields

CLIENTS = "/api/v1/api-clients"
CLIENT_TOKEN = "/api/v1/auth/client-token"
PUSH = "/api/v1/ingest/values"


def new_client(**overrides: Any) -> dict[str, Any]:
    return {
        "client_id": "thue-moi",
        "name": "Cục Thuế – hệ thống hóa đơn",
        "unit_code": "CUC-THUE",
        "scopes": [
            {"element_code": "E-8.1-a", "unit_code": "*"},
            {"element_code": "E-T8", "unit_code": "TPHCM"},
        ],
        **overrides,
    }


async def grant(client: AsyncClient, client_id: str, secret: str, **headers: str) -> Response:
    return await client.post(
        CLIENT_TOKEN,
        data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret},
        headers=headers,
    )


async def created(client: AsyncClient, admin: Headers, **overrides: Any) -> dict[str, Any]:
    response = await client.post(CLIENTS, json=new_client(**overrides), headers=admin)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def events(client: AsyncClient, admin: Headers, object_id: str) -> list[dict[str, Any]]:
    response = await client.get(
        "/api/v1/audit-events",
        params={"object_type": "api_client", "object_id": object_id},
        headers=admin,
    )
    items: list[dict[str, Any]] = response.json()["items"]
    return items


# --- who may call ------------------------------------------------------------------------------

REFUSED = ["evaluator", "approver", "q1.editor", "q1.head", "viewer", "cuc-thue.staff"]


def calls() -> list[tuple[str, str, dict[str, Any] | None]]:
    return [
        ("GET", CLIENTS, None),
        ("POST", CLIENTS, new_client()),
        ("GET", f"{CLIENTS}/cuc-thue", None),
        ("PATCH", f"{CLIENTS}/cuc-thue", {"is_active": False}),
        ("POST", f"{CLIENTS}/cuc-thue/rotate-secret", None),
    ]


@pytest.mark.parametrize(
    ("method", "path", "body"), calls(), ids=lambda v: v if isinstance(v, str) else ""
)
async def test_only_an_admin_manages_api_clients(
    client: AsyncClient,
    tokens: Tokens,
    admin: Headers,
    method: str,
    path: str,
    body: dict[str, Any] | None,
) -> None:
    callers = [await tokens.user(name) for name in REFUSED] + [await tokens.client("vp-ubnd")]
    for headers in callers:
        response = await client.request(method, path, json=body, headers=headers)
        assert_problem(response, 403)
    assert (await client.request(method, path, json=body)).status_code == 401
    allowed = await client.request(method, path, json=body, headers=admin)
    assert allowed.status_code in (200, 201), allowed.text


# --- the secret ----------------------------------------------------------------------------------


async def test_the_secret_is_shown_once_and_never_again(
    client: AsyncClient, admin: Headers, session: AsyncSession
) -> None:
    body = await created(client, admin)
    secret = body["client_secret"]
    assert len(secret) >= 32
    assert body["unit_code"] == "CUC-THUE"
    assert body["unit_name_vi"] == "Cục Thuế Thành phố"
    assert body["is_active"] is True
    assert body["is_expired"] is False
    assert body["last_used_at"] is None
    assert body["expires_at"] is None

    one = await client.get(f"{CLIENTS}/thue-moi", headers=admin)
    listed = await client.get(CLIENTS, params={"q": "thue-moi"}, headers=admin)
    assert one.status_code == 200
    assert [c["client_id"] for c in listed.json()["items"]] == ["thue-moi"]
    for text in (one.text, listed.text):
        assert secret not in text
        assert "client_secret" not in text
    stored = await session.scalar(select(ApiClient).where(ApiClient.client_id == "thue-moi"))
    assert stored is not None
    assert secret not in stored.secret_hash
    # Nor is it in the audit trail.
    (event,) = await events(client, admin, "thue-moi")
    assert event["action"] == "client.create"
    assert secret not in str(event)
    assert event["after"]["scopes"] == [
        {"element_code": "E-8.1-a", "unit_code": "*", "round_id": None},
        {"element_code": "E-T8", "unit_code": "TPHCM", "round_id": None},
    ]

    assert (await grant(client, "thue-moi", secret)).status_code == 200
    taken = await client.post(CLIENTS, json=new_client(), headers=admin)
    assert_problem(taken, 409, "client.id_taken")


async def test_rotating_the_secret_invalidates_the_old_one(
    client: AsyncClient, admin: Headers
) -> None:
    old = (await created(client, admin))["client_secret"]
    rotated = await client.post(f"{CLIENTS}/thue-moi/rotate-secret", headers=admin)
    assert rotated.status_code == 200, rotated.text
    new = rotated.json()["client_secret"]
    assert new != old
    assert_problem(await grant(client, "thue-moi", old), 401, "auth.invalid_client")
    assert (await grant(client, "thue-moi", new)).status_code == 200
    assert new not in (await client.get(f"{CLIENTS}/thue-moi", headers=admin)).text
    actions = [e["action"] for e in await events(client, admin, "thue-moi")]
    assert actions == ["client.rotate_secret", "client.create"]
    missing = await client.post(f"{CLIENTS}/nobody/rotate-secret", headers=admin)
    assert_problem(missing, 404, "client.not_found")


# --- disabled, expired, last used -----------------------------------------------------------------


async def test_a_disabled_client_is_refused_until_enabled(
    client: AsyncClient, admin: Headers
) -> None:
    secret = (await created(client, admin))["client_secret"]
    token = (await grant(client, "thue-moi", secret)).json()["access_token"]
    me = "/api/v1/auth/me"
    assert (await client.get(me, headers=bearer(token))).status_code == 200

    disabled = await client.patch(f"{CLIENTS}/thue-moi", json={"is_active": False}, headers=admin)
    assert disabled.json()["is_active"] is False
    assert_problem(await grant(client, "thue-moi", secret), 401, "auth.invalid_client")
    # A token granted before is refused at once, too.
    assert_problem(await client.get(me, headers=bearer(token)), 401, "auth.invalid_token")

    enabled = await client.patch(f"{CLIENTS}/thue-moi", json={"is_active": True}, headers=admin)
    assert enabled.json()["is_active"] is True
    assert (await grant(client, "thue-moi", secret)).status_code == 200
    history = await events(client, admin, "thue-moi")
    assert [e["action"] for e in history] == ["client.enable", "client.disable", "client.create"]
    assert history[1]["before"]["is_active"] is True
    assert history[1]["after"]["is_active"] is False


async def test_an_expired_client_is_refused_with_a_clear_problem(
    client: AsyncClient, admin: Headers, session: AsyncSession
) -> None:
    past = (utcnow() - dt.timedelta(days=1)).isoformat()
    refused = await client.post(CLIENTS, json=new_client(expires_at=past), headers=admin)
    assert fields(assert_problem(refused, 422, "client.expiry_past")) == ["expires_at"]
    naive = await client.post(
        CLIENTS, json=new_client(expires_at="2030-01-01T00:00:00"), headers=admin
    )
    assert fields(assert_problem(naive, 422)) == ["expires_at"]

    until = dt.datetime(2099, 1, 1, tzinfo=dt.UTC)
    body = await created(client, admin, expires_at=until.isoformat())
    assert dt.datetime.fromisoformat(body["expires_at"]) == until
    secret = body["client_secret"]
    token = (await grant(client, "thue-moi", secret)).json()["access_token"]

    # The expiry passes (the clock cannot be moved: the row is).
    await session.execute(
        update(ApiClient)
        .where(ApiClient.client_id == "thue-moi")
        .values(expires_at=dt.datetime(2025, 3, 1, 2, 30, tzinfo=dt.UTC))
    )
    await session.commit()  # a savepoint of the test's transaction: the requests' rollbacks keep it
    expired = await grant(client, "thue-moi", secret, **{"Accept-Language": "en"})
    problem = assert_problem(expired, 401, "auth.client_expired")
    assert "thue-moi" in problem["detail"]
    assert "01/03/2025 09:30" in problem["detail"]  # city time
    assert_problem(await grant(client, "thue-moi", "wrong"), 401, "auth.invalid_client")
    assert_problem(
        await client.get("/api/v1/auth/me", headers=bearer(token)), 401, "auth.invalid_token"
    )
    listed = (await client.get(f"{CLIENTS}/thue-moi", headers=admin)).json()
    assert listed["is_expired"] is True

    cleared = await client.patch(f"{CLIENTS}/thue-moi", json={"expires_at": None}, headers=admin)
    assert cleared.status_code == 200, cleared.text
    assert cleared.json()["expires_at"] is None
    assert (await grant(client, "thue-moi", secret)).status_code == 200
    (change, *_) = await events(client, admin, "thue-moi")
    assert change["action"] == "client.update"
    assert change["before"]["expires_at"].startswith("2025-03-01T02:30")
    assert change["after"]["expires_at"] is None


async def test_the_last_token_grant_is_recorded(client: AsyncClient, admin: Headers) -> None:
    secret = (await created(client, admin))["client_secret"]
    before = utcnow()
    assert (await grant(client, "thue-moi", secret)).status_code == 200
    used = (await client.get(f"{CLIENTS}/thue-moi", headers=admin)).json()["last_used_at"]
    assert used is not None
    assert before <= dt.datetime.fromisoformat(used) <= utcnow()
    # A failed grant is no use.
    await grant(client, "thue-moi", "wrong")
    again = (await client.get(f"{CLIENTS}/thue-moi", headers=admin)).json()["last_used_at"]
    assert again == used
    # Being used is not an administrative change: nothing in the audit trail.
    assert [e["action"] for e in await events(client, admin, "thue-moi")] == ["client.create"]


# --- scopes -----------------------------------------------------------------------------------


async def test_scopes_are_checked_against_the_agency_units_and_rounds(
    client: AsyncClient, admin: Headers
) -> None:
    body = new_client(
        scopes=[
            {"element_code": "E-6.1-a", "unit_code": "*"},  # VP-UBND's figure
            {"element_code": "E-8.1-a", "unit_code": "Q99"},
            {"element_code": "E-8.1-a", "unit_code": "Q1", "round_id": 999},
            {"element_code": "*", "unit_code": "*"},
        ]
    )
    response = await client.post(CLIENTS, json=body, headers=admin)
    problem = assert_problem(response, 422)
    assert fields(problem) == [
        "scopes[0].element_code",
        "scopes[1].unit_code",
        "scopes[2].round_id",
    ]
    messages = [e["message"] for e in problem["errors"]]
    assert "E-6.1-a" in messages[0]
    assert "CUC-THUE" in messages[0]
    assert "Q99" in messages[1]
    assert "999" in messages[2]

    not_agency = await client.post(CLIENTS, json=new_client(unit_code="Q1"), headers=admin)
    assert fields(assert_problem(not_agency, 422, "client.provider_unit")) == ["unit_code"]
    no_unit = await client.post(
        CLIENTS, json={k: v for k, v in new_client().items() if k != "unit_code"}, headers=admin
    )
    assert fields(assert_problem(no_unit, 422)) == ["unit_code"]

    # The province framework's figure is not in a round of framework 1.
    listed = (await client.get("/api/v1/rounds", headers=admin)).json()["items"]
    round_id = next(r["id"] for r in listed if r["year"] == 2024)
    wrong_round = await client.post(
        CLIENTS,
        json=new_client(scopes=[{"element_code": "E-T8", "unit_code": "*", "round_id": round_id}]),
        headers=admin,
    )
    problem = assert_problem(wrong_round, 422, "client.scope_round")
    assert fields(problem) == ["scopes[0].element_code"]

    # Repeats are kept once; the order is stable.
    repeated = [
        {"element_code": "E-8.2-a", "unit_code": "Q3"},
        {"element_code": "E-8.1-a", "unit_code": "Q1"},
        {"element_code": "E-8.2-a", "unit_code": "Q3"},
    ]
    body = await created(client, admin, scopes=repeated)
    assert [(s["element_code"], s["unit_code"]) for s in body["scopes"]] == [
        ("E-8.1-a", "Q1"),
        ("E-8.2-a", "Q3"),
    ]
    changed = await client.patch(
        f"{CLIENTS}/thue-moi",
        json={"scopes": [{"element_code": "E-6.1-a", "unit_code": "*"}]},
        headers=admin,
    )
    problem = assert_problem(changed, 422, "client.scope_element")
    assert fields(problem) == ["scopes[0].element_code"]
    null = await client.patch(f"{CLIENTS}/thue-moi", json={"scopes": None}, headers=admin)
    assert fields(assert_problem(null, 422)) == ["scopes"]


async def test_a_scope_limited_to_one_round_allows_that_round_only(
    client: AsyncClient, admin: Headers, session: AsyncSession
) -> None:
    # The units' rounds (ids 1 and 2; the City's provincial figures of 2022 come after them).
    rounds = {r.year: r.id for r in await session.scalars(select(Round).order_by(Round.id.desc()))}
    open_round, other_round = rounds[2024], rounds[2023]
    scope = {"element_code": "E-8.1-a", "unit_code": "Q1"}
    secret = (await created(client, admin, scopes=[{**scope, "round_id": other_round}]))[
        "client_secret"
    ]
    headers = bearer((await grant(client, "thue-moi", secret)).json()["access_token"])
    values = {
        "round_id": open_round,
        "values": [{"unit_code": "Q1", "element_code": "E-8.1-a", "value": 12}],
    }
    refused = await client.post(PUSH, json=values, headers=headers)
    problem = assert_problem(refused, 422, "ingest.rejected")
    assert fields(problem) == ["element_code"]
    assert "E-8.1-a" in problem["errors"][0]["message"]

    changed = await client.patch(
        f"{CLIENTS}/thue-moi", json={"scopes": [{**scope, "round_id": open_round}]}, headers=admin
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["scopes"] == [{**scope, "round_id": open_round}]
    applied = await client.post(PUSH, json=values, headers=headers)
    assert applied.json()["status"] == "applied", applied.text
    other_unit = {**values, "values": [{**values["values"][0], "unit_code": "Q3"}]}
    assert_problem(await client.post(PUSH, json=other_unit, headers=headers), 422)


async def test_the_list_filters_by_agency_and_state(client: AsyncClient, admin: Headers) -> None:
    await created(client, admin)
    await client.patch(f"{CLIENTS}/thue-moi", json={"is_active": False}, headers=admin)
    tax = await client.get(CLIENTS, params={"unit_code": "CUC-THUE"}, headers=admin)
    assert [c["client_id"] for c in tax.json()["items"]] == ["cuc-thue", "thue-moi"]
    inactive = await client.get(CLIENTS, params={"is_active": False}, headers=admin)
    assert [c["client_id"] for c in inactive.json()["items"]] == ["thue-moi"]
    everyone = await client.get(CLIENTS, headers=admin)
    assert everyone.json()["total"] == 11  # the ten demo agencies' clients and this one
    missing = await client.get(f"{CLIENTS}/nobody", headers=admin)
    assert_problem(missing, 404, "client.not_found")


async def test_the_demo_secret_is_never_valid_in_production(
    make_client: AppFactory, admin: Headers
) -> None:
    """Demo clients share the public demo secret: a production server refuses it, and takes a
    real one."""
    client = await make_client(env="production")
    refused = await grant(client, "cuc-thue", DEMO_PASSWORD)
    assert_problem(refused, 401, "auth.invalid_client")
    secret = (await created(client, admin))["client_secret"]
    assert (await grant(client, "thue-moi", secret)).status_code == 200


async def test_the_demo_secret_works_in_development(client: AsyncClient) -> None:
    assert (await grant(client, "cuc-thue", DEMO_PASSWORD)).status_code == 200
