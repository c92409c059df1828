"""Turn rows into scoring-engine inputs: a round's units, their values and the reviewers' points
(the framework comes compiled from ``api.frameworks.compiled``).

The engine never sees the database; this module is the only place that knows how values are
stored (JSON per source) and which source counts for an element (the element's own ``source``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.assessments.models import ElementValue, ValueSource
from api.assessments.values import SOURCE_OF_ELEMENT
from api.reviews import queries as reviews
from api.rounds.models import Round, RoundUnit
from api.scoring import Adjustment, UnitInfo, Value


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
    return counting_values(rows.all(), codes, elements)


def counting_values(
    rows: Iterable[tuple[int, str, ValueSource, Any]],
    codes: Mapping[int, str],
    elements: Mapping[str, tuple[str, str]],
) -> dict[str, dict[str, Value]]:
    """The values that count, by unit code then element code, from stored rows (unit id, element,
    source, value) of the units in ``codes`` (unit id -> code); rows of other units are skipped."""
    values: dict[str, dict[str, Value]] = {code: {} for code in codes.values()}
    overrides: list[tuple[str, str, Any, str]] = []
    for unit_id, element_code, source, raw in rows:
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


async def peer_values(
    *,
    session: AsyncSession,
    round_id: int,
    group_id: int,
    unit_id: int,
    elements: Mapping[str, tuple[str, str]],
    wanted: Collection[str],
) -> dict[str, dict[str, Value]]:
    """The counting values of ``wanted`` elements of the other units of a unit's group (one
    query), keyed by a stand-in code per unit (``#<id>``): what a group-relative rule needs to
    score one unit, without loading the roster. Units with none of those values are left out
    (a missing value takes no part in group figures)."""
    if not wanted:
        return {}
    rows = (
        await session.execute(
            select(
                ElementValue.unit_id,
                ElementValue.element_code,
                ElementValue.source,
                ElementValue.value,
            )
            .join(
                RoundUnit,
                (RoundUnit.round_id == ElementValue.round_id)
                & (RoundUnit.unit_id == ElementValue.unit_id),
            )
            .where(
                ElementValue.round_id == round_id,
                ElementValue.element_code.in_(sorted(wanted)),
                ElementValue.unit_id != unit_id,
                RoundUnit.group_id == group_id,
            )
        )
    ).all()
    codes = {row[0]: f"#{row[0]}" for row in rows}
    return {code: found for code, found in counting_values(rows, codes, elements).items() if found}
