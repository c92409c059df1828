"""Sign-in throttling (issue 14): progressive delays instead of lockouts, the client address
behind trusted proxies only, the client-credentials grant throttled like sign-in, and Argon2
verification off the event loop."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from typing import Any

import pytest
from httpx import ASGITransport, AsyncClient, Response
from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request

import api.__main__ as cli
from api.auth import service
from api.auth.models import LoginFailure
from api.core.addresses import client_address
from api.core.settings import Settings
from tests.support.auth import DEMO_PASSWORD, Headers
from tests.support.http import AppFactory, app_of

TOKEN = "/api/v1/auth/token"
CLIENT_TOKEN = "/api/v1/auth/client-token"
ME = "/api/v1/auth/me"


def _from(client: AsyncClient, address: str) -> AsyncClient:
    """Another client of the same app, seen as coming from ``address``."""
    return AsyncClient(
        transport=ASGITransport(app=app_of(client), client=(address, 40000)),
        base_url="http://test",
    )


async def _sign_in(
    client: AsyncClient, password: str, username: str = "q1.head", **headers: str
) -> Response:
    return await client.post(
        TOKEN, data={"username": username, "password": password}, headers=headers
    )


async def _age(session: AsyncSession, seconds: float) -> None:
    """Let ``seconds`` pass for the throttle: every recorded failure happened that much earlier."""
    for row in await session.scalars(select(LoginFailure)):
        row.attempted_at -= dt.timedelta(seconds=seconds)
    await session.flush()


def test_delays_double_from_the_limit_up_to_the_cap() -> None:
    settings = Settings(login_max_delay_seconds=60)
    assert [service.throttle_delay(n, 5, settings) for n in range(4, 13)] == [
        0,
        1,
        2,
        4,
        8,
        16,
        32,
        60,
        60,
    ]
    assert service.throttle_delay(10**6, 5, settings) == 60


async def test_each_failure_past_the_limit_doubles_the_wait_and_none_locks_out(
    make_client: AppFactory, session: AsyncSession
) -> None:
    client = await make_client(login_max_failures_per_user_address=2, login_max_delay_seconds=8)
    for _ in range(2):
        assert (await _sign_in(client, "bad")).status_code == 401
    waits = []
    for _ in range(5):
        blocked = await _sign_in(client, DEMO_PASSWORD)  # even the right password must wait
        assert blocked.status_code == 429
        assert blocked.json()["code"] == "auth.too_many_attempts"
        waits.append(int(blocked.headers["retry-after"]))
        await _age(session, waits[-1] + 1)
        assert (await _sign_in(client, "bad")).status_code == 401
    assert waits == [1, 2, 4, 8, 8]
    await _age(session, 9)
    assert (await _sign_in(client, DEMO_PASSWORD)).status_code == 200


async def test_twenty_failures_do_not_lock_the_account_out_for_everyone(
    make_client: AppFactory, session: AsyncSession
) -> None:
    client = await make_client()  # the defaults: 20 failures of one account from anywhere
    for index in range(20):
        async with _from(client, f"10.0.1.{index + 1}") as guesser:
            assert (await _sign_in(guesser, "bad")).status_code == 401
    async with _from(client, "10.0.2.1") as owner:
        blocked = await _sign_in(owner, DEMO_PASSWORD)
        assert blocked.status_code == 429
        assert blocked.headers["retry-after"] == "1"
        await _age(session, 2)  # the owner waits the second they were told to
        assert (await _sign_in(owner, DEMO_PASSWORD)).status_code == 200


# --- the client's address behind proxies -------------------------------------------------------


def _request(peer: str, *forwarded: str) -> Request:
    headers = [(b"x-forwarded-for", value.encode()) for value in forwarded]
    return Request({"type": "http", "client": (peer, 1234), "headers": headers})


@pytest.mark.parametrize(
    ("peer", "forwarded", "expected"),
    [
        ("203.0.113.9", ("1.2.3.4",), "203.0.113.9"),  # not a proxy of ours: header ignored
        ("10.0.0.2", (), "10.0.0.2"),
        ("10.0.0.2", ("198.51.100.7",), "198.51.100.7"),
        ("10.0.0.2", ("6.6.6.6, 198.51.100.7",), "198.51.100.7"),  # the spoofed entry skipped
        ("10.0.0.2", ("6.6.6.6, 198.51.100.7, 10.0.0.3",), "198.51.100.7"),  # two proxies
        ("10.0.0.2", ("6.6.6.6", "198.51.100.7"), "198.51.100.7"),  # headers in order
        ("10.0.0.2", ("10.0.0.5, 10.0.0.3",), "10.0.0.5"),  # only proxies: the farthest one
        ("10.0.0.2", ("not-an-address",), "not-an-address"),  # as our proxy wrote it
    ],
)
def test_the_client_is_the_nearest_address_that_is_not_a_trusted_proxy(
    peer: str, forwarded: tuple[str, ...], expected: str
) -> None:
    settings = Settings(trusted_proxies="10.0.0.0/24, 192.0.2.1")
    assert client_address(_request(peer, *forwarded), settings.trusted_proxy_networks) == expected


def test_no_trusted_proxy_believes_no_header() -> None:
    settings = Settings(trusted_proxies="")
    assert client_address(_request("127.0.0.1", "1.2.3.4"), settings.trusted_proxy_networks) == (
        "127.0.0.1"
    )


def test_a_malformed_trusted_proxy_is_refused_at_start() -> None:
    with pytest.raises(ValidationError, match="trusted_proxies"):
        Settings(trusted_proxies="10.0.0.0/8, proxy.local")


def test_serve_hands_the_trusted_proxies_to_uvicorn(monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setenv("DTI_TRUSTED_PROXIES", "10.0.0.0/8,192.0.2.1")
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: seen.update(kwargs))
    cli.get_settings.cache_clear()
    try:
        assert cli.main(["serve"]) == 0
    finally:
        cli.get_settings.cache_clear()
    assert seen["proxy_headers"] is True
    assert seen["forwarded_allow_ips"] == ["10.0.0.0/8", "192.0.2.1/32"]


async def test_behind_a_trusted_proxy_each_client_is_throttled_on_its_own(
    make_client: AppFactory,
) -> None:
    client = await make_client(trusted_proxies="10.9.9.9", login_max_failures_per_user_address=2)
    async with _from(client, "10.9.9.9") as proxy:
        for _ in range(2):
            response = await _sign_in(proxy, "bad", **{"X-Forwarded-For": "203.0.113.5"})
            assert response.status_code == 401
        blocked = await _sign_in(proxy, DEMO_PASSWORD, **{"X-Forwarded-For": "203.0.113.5"})
        assert blocked.status_code == 429
        # Another office behind the same proxy is not held up by the guesser.
        ok = await _sign_in(proxy, DEMO_PASSWORD, **{"X-Forwarded-For": "203.0.113.6"})
        assert ok.status_code == 200
    # Without the proxy, a forged header changes nothing: the peer's address counts.
    async with _from(client, "198.51.100.7") as direct:
        for index in range(2):
            forged = {"X-Forwarded-For": f"192.0.2.{index}"}
            assert (await _sign_in(direct, "bad", **forged)).status_code == 401
        forged = {"X-Forwarded-For": "192.0.2.99"}
        assert (await _sign_in(direct, DEMO_PASSWORD, **forged)).status_code == 429


# --- the client-credentials grant --------------------------------------------------------------


async def _client_token(client: AsyncClient, secret: str) -> Response:
    return await client.post(
        CLIENT_TOKEN,
        data={"grant_type": "client_credentials", "client_id": "cuc-thue", "client_secret": secret},
    )


async def test_client_token_is_throttled_like_sign_in(
    make_client: AppFactory, session: AsyncSession
) -> None:
    client = await make_client(login_max_failures_per_user_address=2)
    for _ in range(2):
        assert (await _client_token(client, "wrong")).status_code == 401
    blocked = await _client_token(client, DEMO_PASSWORD)
    assert blocked.status_code == 429
    assert blocked.json()["code"] == "auth.client_too_many_attempts"
    assert blocked.headers["retry-after"] == "1"
    # The agency's system at its own address is not held up by a guesser elsewhere.
    async with _from(client, "10.20.30.40") as agency:
        assert (await _client_token(agency, DEMO_PASSWORD)).status_code == 200
    # Its success cleared the client's failures.
    remaining = await session.scalar(
        select(func.count())
        .select_from(LoginFailure)
        .where(LoginFailure.username == service.client_key("cuc-thue"))
    )
    assert remaining == 0


# --- Argon2 off the event loop -----------------------------------------------------------------


async def test_other_requests_are_served_while_a_password_is_verified(
    client: AsyncClient, q1_editor: Headers, monkeypatch: pytest.MonkeyPatch
) -> None:
    verifying = threading.Event()
    released = threading.Event()
    opened: list[bool] = []
    verify = service.verify_password

    def slow_verify(secret: str, secret_hash: str | None) -> bool:
        verifying.set()
        # Bounded only so that a verification on the event loop fails the test, not hangs it.
        opened.append(released.wait(10))
        return verify(secret, secret_hash)

    monkeypatch.setattr(service, "verify_password", slow_verify)
    sign_in = asyncio.create_task(_sign_in(client, DEMO_PASSWORD))
    await asyncio.to_thread(verifying.wait, 10)
    me = await client.get(ME, headers=q1_editor)
    assert me.status_code == 200
    released.set()  # only now may the verification end
    assert (await sign_in).status_code == 200
    assert opened == [True]  # it was still running while /me was served
