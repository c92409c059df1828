"""Fixtures of the publication tests: round 1 (2024) with generated values, and published."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from api.publications.schemas import PublicationOut
from tests.support import builders


@pytest.fixture
async def valued_round(session: AsyncSession) -> int:
    """Round 1 (2024 demo, collecting) with a plausible value for every unit and element; the
    number of values."""
    written = await builders.valued_round(session)
    assert written > 0
    return written


@pytest.fixture
async def published(session: AsyncSession) -> PublicationOut:
    """Round 1 valued, walked to `final`, scored by a final run and published as v1."""
    return await builders.published_round(session)
