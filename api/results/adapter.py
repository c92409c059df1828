"""Turn rows into scoring-engine inputs: the framework of a round, its units and their values.

The engine never sees the database; this module is the only place that knows how values are
stored (JSON per source) and which source counts for an element (the element's own ``source``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.assessments.models import ElementValue, ValueSource
from api.frameworks import service as frameworks
from api.frameworks.models import Framework as FrameworkRow
from api.reviews import queries as reviews
from api.rounds.models import Round
from api.scoring import Adjustment, Framework, UnitInfo, Value, framework_from_dict

# Frameworks used by rounds are frozen, so (id, revision) identifies their content for good.
_FRAMEWORKS: dict[tuple[int, int], Framework] = {}
_CACHE_LIMIT = 32

SOURCE_OF_ELEMENT = {
    "self": ValueSource.unit,
    "provider": ValueSource.provider,
    "reviewer": ValueSource.reviewer,
}


async def engine_framework(*, session: AsyncSession, framework: FrameworkRow) -> Framework:
    """The scoring engine's view of a framework version (cached per revision)."""
    key = (framework.id, framework.revision)
    cached = _FRAMEWORKS.get(key)
    if cached is None:
        doc = await frameworks.load_document(session=session, framework=framework)
        cached = framework_from_dict(frameworks.engine_dict(doc))
        if len(_FRAMEWORKS) >= _CACHE_LIMIT:
            _FRAMEWORKS.pop(next(iter(_FRAMEWORKS)))
        _FRAMEWORKS[key] = cached
    return cached


def engine_value(raw: Any, value_type: str) -> Any:
    """A stored JSON value as the engine reads it (decimals are stored as strings, dates as ISO)."""
    if raw is None:
        return None
    if value_type in ("decimal", "percent"):
        return Decimal(str(raw))
    if value_type == "date":
        return dt.date.fromisoformat(raw)
    return raw


async def round_values(
    *, session: AsyncSession, round_: Round, elements: Mapping[str, tuple[str, str]]
) -> dict[str, dict[str, Value]]:
    """Every unit's counting values in a round, by unit code then element code (one query).

    ``elements`` maps an element code to its (source, value_type) in the round's framework.
    """
    codes = {p.unit_id: p.unit.code for p in round_.participants}
    rows = await session.execute(
        select(
            ElementValue.unit_id,
            ElementValue.element_code,
            ElementValue.source,
            ElementValue.value,
        ).where(ElementValue.round_id == round_.id)
    )
    values: dict[str, dict[str, Value]] = {code: {} for code in codes.values()}
    overrides: list[tuple[str, str, Any, str]] = []
    for unit_id, element_code, source, raw in rows.all():
        declared = elements.get(element_code)
        if declared is None or raw is None or unit_id not in codes:
            continue
        if source == ValueSource.reviewer and declared[0] != "reviewer":
            # A reviewer's adjusted figure replaces the unit's or the agency's (both are kept).
            overrides.append((codes[unit_id], element_code, raw, declared[1]))
            continue
        if source != SOURCE_OF_ELEMENT[declared[0]]:
            continue  # kept apart: only the element's own source counts
        values[codes[unit_id]][element_code] = Value(engine_value(raw, declared[1]), source.value)
    for unit_code, element_code, raw, value_type in overrides:
        values[unit_code][element_code] = Value(engine_value(raw, value_type), "reviewer")
    return values


async def round_adjustments(
    *, session: AsyncSession, round_: Round
) -> dict[tuple[str, str], Adjustment]:
    """The reviewers' points in force, keyed as the engine wants them: (unit code, indicator)."""
    codes = {p.unit_id: p.unit.code for p in round_.participants}
    return {
        (codes[unit_id], indicator): Adjustment(points, reason)
        for (unit_id, indicator), (points, reason) in (
            await reviews.adjusted_points(session, round_id=round_.id)
        ).items()
        if unit_id in codes
    }


def round_units(round_: Round) -> list[UnitInfo]:
    """The round's participants as engine units (code and ranking group)."""
    return [UnitInfo(p.unit.code, p.group.code) for p in round_.participants]
