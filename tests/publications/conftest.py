"""Helpers for publication tests: a 2023 round with generated values, walked to `final`."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from api.rounds.models import Round
from api.seed.demo_values import seed_round_values

ROUND = "/api/v1/rounds/1"
PUBLIC = "/api/v1/public"


async def move(client: AsyncClient, approver: dict[str, str], *phases: str) -> None:
    for phase in phases:
        response = await client.post(f"{ROUND}/phase", json={"phase": phase}, headers=approver)
        assert response.status_code == 200, response.text


async def run(client: AsyncClient, headers: dict[str, str], kind: str = "final") -> dict[str, Any]:
    response = await client.post(f"{ROUND}/score-runs", json={"kind": kind}, headers=headers)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def publish(
    client: AsyncClient, approver: dict[str, str], run_id: int, reason: str | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {"score_run_id": run_id}
    if reason is not None:
        body["reason"] = reason
    response = await client.post(f"{ROUND}/publications", json=body, headers=approver)
    assert response.status_code == 201, response.text
    published: dict[str, Any] = response.json()
    return published


@pytest.fixture
async def valued_round(session: AsyncSession) -> Round:
    """Round 1 (2023 demo, collecting) with a plausible value for every unit and element."""
    round_ = await session.get(Round, 1)
    assert round_ is not None
    await seed_round_values(
        session=session, round_=round_, seed=7, unit_codes=None, share=1.0, submitted=True
    )
    await session.flush()
    return round_


@pytest.fixture
async def published(
    client: AsyncClient,
    valued_round: Round,
    evaluator: dict[str, str],
    approver: dict[str, str],
) -> dict[str, Any]:
    """Round 1 scored by a final run and published as v1."""
    await move(client, approver, "reviewing", "preliminary", "final")
    final = await run(client, evaluator)
    return await publish(client, approver, final["id"])
