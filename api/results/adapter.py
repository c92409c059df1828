"""Turn rows into scoring-engine inputs: a round's units, their values and the reviewers' points
(the framework comes compiled from ``api.frameworks.compiled``).

The engine never sees the database; this module is the only place that knows how values are
stored (JSON per source) and which source counts for an element (the element's own ``source``).
"""

from __future__ import annotations

import datetime as dt
import time
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Mapping
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


class PeerValues:
    """The counting values of a group's group-relative elements, kept per app for a few seconds.

    The live preview of a unit's group-relative indicators (relative to the best, ranks, group
    goalposts) reads the other units' values of those elements. Read on every view, that costs a
    query whose size grows with the group (about 3,800 rows per request in a 1,900-unit group of a
    3,800-unit round) on a deadline day when every unit reloads its screen. So the group's values
    are kept for ``ttl`` seconds (``DTI_PREVIEW_PEERS_SECONDS``; 0 reads them every time): the
    unit's own values always come fresh from its own query, and another unit's change shows in
    the preview within ``ttl``. Official figures never come from here: score runs read every value.

    Entries are keyed by the round's id *and* creation time (ids may be reused after a rollback)
    and by the group and elements; at most ``capacity`` are kept, the oldest dropped first.
    """

    def __init__(
        self,
        *,
        ttl: float,
        capacity: int = 256,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl = ttl
        self.capacity = capacity
        self._clock = clock
        self._entries: OrderedDict[_PeerKey, tuple[float, dict[str, dict[str, Value]]]] = (
            OrderedDict()
        )

    async def of_group(
        self,
        *,
        session: AsyncSession,
        round_: Round,
        group_id: int,
        elements: Mapping[str, tuple[str, str]],
        wanted: Collection[str],
    ) -> dict[str, dict[str, Value]]:
        """The group's counting values of ``wanted`` by stand-in code (units with none left out)."""
        key = (round_.id, round_.created_at, group_id, frozenset(wanted))
        now = self._clock()
        found = self._entries.get(key)
        if found is not None and now - found[0] < self.ttl:
            return found[1]
        values = await _group_values(
            session=session,
            round_id=round_.id,
            group_id=group_id,
            elements=elements,
            wanted=wanted,
        )
        if self.ttl > 0:
            self._entries[key] = (now, values)
            self._entries.move_to_end(key)
            while len(self._entries) > self.capacity:
                self._entries.popitem(last=False)
        return values

    def clear(self) -> None:
        self._entries.clear()


_PeerKey = tuple[int, dt.datetime, int, frozenset[str]]


async def _group_values(
    *,
    session: AsyncSession,
    round_id: int,
    group_id: int,
    elements: Mapping[str, tuple[str, str]],
    wanted: Collection[str],
) -> dict[str, dict[str, Value]]:
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
                RoundUnit.group_id == group_id,
            )
        )
    ).all()
    codes = {row[0]: stand_in(row[0]) for row in rows}
    return {code: found for code, found in counting_values(rows, codes, elements).items() if found}


def stand_in(unit_id: int) -> str:
    """The code a unit goes by among its group's values in a preview (its real code unread)."""
    return f"#{unit_id}"


async def peer_values(
    *,
    session: AsyncSession,
    peers: PeerValues,
    round_: Round,
    group_id: int,
    unit_id: int,
    elements: Mapping[str, tuple[str, str]],
    wanted: Collection[str],
) -> dict[str, dict[str, Value]]:
    """The counting values of ``wanted`` elements of the other units of a unit's group, keyed by
    a stand-in code per unit (``#<id>``): what a group-relative rule needs to score one unit,
    without loading the roster. Units with none of those values are left out (a missing value
    takes no part in group figures). The group's values may be a few seconds old (``PeerValues``).
    """
    group = await peers.of_group(
        session=session, round_=round_, group_id=group_id, elements=elements, wanted=wanted
    )
    own = stand_in(unit_id)
    return {code: found for code, found in group.items() if code != own}
