"""Fixtures of the publication tests: round 1 (2023) with generated values, and published."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from api.rounds.models import Round
from api.seed.demo_values import seed_round_values
from tests.support.http import move, publish, run


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
