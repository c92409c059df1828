"""Talking to the app over HTTP: clients bound to a test's session, and the requests several test
modules make (signing in, reading and answering an assessment, uploading evidence, moving a round,
scoring and publishing it)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient, Response
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from api.core.database import unit_of_work
from api.core.settings import Settings
from api.core.storage import make_storage
from api.deps import get_session
from api.publications.public import PublicCache
from api.results.adapter import PeerValues
from tests.support.auth import DEMO_PASSWORD, Headers

BASE_URL = "http://test"
AppFactory = Callable[..., Awaitable[AsyncClient]]  # the ``make_client`` fixture's builder
OPEN_ROUND = 1  # the demo round of 2024, created first by the seed, in phase collecting


def bind(app: FastAPI, *, session: AsyncSession, engine: AsyncEngine, settings: Settings) -> None:
    """Make ``app`` serve one test: its session (the app's commits become savepoints of the
    test's transaction), its settings and evidence folder, and empty caches (public results, the
    preview's group values)."""
    assert get_session not in app.dependency_overrides, "the app already serves a test"

    async def test_session() -> AsyncIterator[AsyncSession]:
        async with unit_of_work(session):
            yield session

    @asynccontextmanager
    async def shared_session() -> AsyncIterator[AsyncSession]:
        yield session

    app.dependency_overrides[get_session] = test_session
    # Code that opens sessions itself (the public results cache) shares the test's too.
    app.state.session_factory = shared_session
    app.state.engine = engine  # the test database's (on PostgreSQL it sets the schema)
    app.state.settings = settings
    app.state.storage = make_storage(settings)
    app.state.public_cache = PublicCache()
    app.state.peer_values = PeerValues(ttl=settings.preview_peers_seconds)


def unbind(app: FastAPI) -> None:
    """Forget the test ``bind`` served: nothing of it reaches the next test."""
    app.dependency_overrides.clear()
    del app.state.session_factory
    del app.state.storage
    del app.state.public_cache
    del app.state.peer_values


def http_client(app: FastAPI, **transport: Any) -> AsyncClient:
    return AsyncClient(
        transport=ASGITransport(app=app, raise_app_exceptions=False, **transport),
        base_url=BASE_URL,
    )


def app_of(client: AsyncClient) -> FastAPI:
    """The app behind a client."""
    transport = client._transport
    assert isinstance(transport, ASGITransport)
    app = transport.app
    assert isinstance(app, FastAPI)
    return app


# --- auth ---------------------------------------------------------------------------------------


async def sign_in(
    client: AsyncClient, username: str, password: str = DEMO_PASSWORD
) -> dict[str, Any]:
    """A real sign-in (``POST /auth/token``): the token pair."""
    response = await client.post(
        "/api/v1/auth/token", data={"username": username, "password": password}
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


# --- assessments --------------------------------------------------------------------------------


def assessment_url(unit: str = "Q1", round_id: int = OPEN_ROUND) -> str:
    return f"/api/v1/rounds/{round_id}/units/{unit}"


async def get_assessment(client: AsyncClient, headers: Headers, unit: str = "Q1") -> Response:
    return await client.get(f"{assessment_url(unit)}/assessment", headers=headers)


async def put_answer(
    client: AsyncClient,
    headers: Headers,
    indicator: str,
    inputs: dict[str, Any],
    note: str | None = None,
    unit: str = "Q1",
    etag: str | None = None,
) -> Response:
    if etag is None:
        etag = (await get_assessment(client, headers, unit)).headers["etag"]
    return await client.put(
        f"{assessment_url(unit)}/answers/{indicator}",
        json={"inputs": inputs, "note": note},
        headers={**headers, "If-Match": etag},
    )


async def upload(
    client: AsyncClient,
    headers: Headers,
    indicator: str,
    content: bytes,
    filename: str = "quyet-dinh.pdf",
    unit: str = "Q1",
    content_type: str = "application/pdf",
) -> Response:
    return await client.post(
        f"{assessment_url(unit)}/evidence",
        data={"indicator_code": indicator},
        files={"file": (filename, content, content_type)},
        headers=headers,
    )


# --- rounds, score runs, publications -----------------------------------------------------------

ROUND = f"/api/v1/rounds/{OPEN_ROUND}"
PUBLIC = "/api/v1/public"


async def move(client: AsyncClient, approver: Headers, *phases: str) -> None:
    """Round 1 through ``phases`` (``POST …/phase``), each move accepted."""
    for phase in phases:
        response = await client.post(f"{ROUND}/phase", json={"phase": phase}, headers=approver)
        assert response.status_code == 200, response.text


async def run(client: AsyncClient, headers: Headers, kind: str = "final") -> dict[str, Any]:
    """A score run of round 1 (``POST …/score-runs``), created."""
    response = await client.post(f"{ROUND}/score-runs", json={"kind": kind}, headers=headers)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def publish(
    client: AsyncClient, approver: Headers, run_id: int, reason: str | None = None
) -> dict[str, Any]:
    """Publish a run of round 1 (``POST …/publications``), created."""
    body: dict[str, Any] = {"score_run_id": run_id}
    if reason is not None:
        body["reason"] = reason
    response = await client.post(f"{ROUND}/publications", json=body, headers=approver)
    assert response.status_code == 201, response.text
    published: dict[str, Any] = response.json()
    return published
