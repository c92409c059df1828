"""Mergers and splits (sáp nhập, chia tách): one request records the whole change at once.

A merger joins several predecessors, each whole or in part, into one successor (new, or an
existing unit that absorbs them); a split divides one predecessor among several successors. On
the effective date the successors begin (a new one is valid from that day), a lineage link is
written from every successor to every predecessor with the share it took, and a predecessor that
is gone (merged whole, divided, or giving its last part) is closed the day before. Nothing is
written unless every check passes; every problem found is reported at once, by field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import service as audit
from api.core.errors import FieldError, validation_failed
from api.units import service
from api.units.models import Unit, UnitGroup, unit_predecessors
from api.units.schemas import ExistingSuccessor, NewSuccessor, Reorganisation

DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Outcome:
    kind: str
    effective_on: dt.date
    predecessors: list[Unit]
    successors: list[Unit]
    links: list[service.Link]


def valid_on(unit: Unit, day: dt.date) -> bool:
    return (unit.valid_from is None or unit.valid_from <= day) and (
        unit.valid_to is None or unit.valid_to >= day
    )


async def wholly_merged(session: AsyncSession, unit_ids: Sequence[int]) -> set[int]:
    """Of ``unit_ids``, those already merged whole into some successor."""
    if not unit_ids:
        return set()
    rows = await session.scalars(
        select(unit_predecessors.c.predecessor_id).where(
            unit_predecessors.c.predecessor_id.in_(unit_ids),
            unit_predecessors.c.share == "whole",
        )
    )
    return set(rows)


async def ancestor_ids(session: AsyncSession, unit_ids: Sequence[int]) -> set[int]:
    """Every unit ``unit_ids`` descend from (to refuse a link that would close a cycle)."""
    found: set[int] = set()
    frontier = list(unit_ids)
    while frontier:
        rows = await session.scalars(
            select(unit_predecessors.c.predecessor_id).where(
                unit_predecessors.c.unit_id.in_(frontier)
            )
        )
        generation = set(rows) - found
        found |= generation
        frontier = list(generation)
    return found


def check_predecessor_dates(
    unit: Unit, effective_on: dt.date, *, closes: bool, field: str
) -> FieldError | None:
    """A predecessor must exist the day before the change and, unless it closes then, after."""
    last_day = effective_on - DAY
    if unit.valid_from is not None and unit.valid_from > last_day:
        return FieldError(
            field,
            "lineage.predecessor_not_yet_valid",
            code=unit.code,
            valid_from=unit.valid_from.isoformat(),
            effective_on=effective_on.isoformat(),
        )
    if unit.valid_to is not None and unit.valid_to < last_day:
        return FieldError(
            field,
            "lineage.predecessor_ended",
            code=unit.code,
            valid_to=unit.valid_to.isoformat(),
            effective_on=effective_on.isoformat(),
        )
    if not closes and unit.valid_to is not None and unit.valid_to < effective_on:
        return FieldError(
            field,
            "lineage.predecessor_part_closed",
            code=unit.code,
            valid_to=unit.valid_to.isoformat(),
        )
    return None


async def reorganise(*, session: AsyncSession, data: Reorganisation) -> Outcome:
    """Record a merger or a split (see the module docstring); 422 listing every field at fault,
    409 when a predecessor to close takes part in a round in progress (unless confirmed)."""
    errors: list[FieldError] = []
    effective_on = data.effective_on
    merger = data.kind == "merger"

    # The shape of the change.
    if merger and len(data.successors) != 1:
        errors.append(FieldError("successors", "lineage.merger_one_successor"))
    if not merger and len(data.predecessors) != 1:
        errors.append(FieldError("predecessors", "lineage.split_one_predecessor"))
    if not merger and len(data.successors) < 2:
        errors.append(FieldError("successors", "lineage.split_two_successors"))
    if merger and len(data.predecessors) < 2 and isinstance(data.successors[0], NewSuccessor):
        errors.append(FieldError("predecessors", "lineage.merger_two_predecessors"))

    # Predecessors: known, once each, valid the day before, not already merged whole elsewhere.
    codes = [p.code for p in data.predecessors] + [s.code for s in data.successors]
    known = {u.code: u for u in await session.scalars(select(Unit).where(Unit.code.in_(codes)))}
    merged_whole = await wholly_merged(session, [u.id for u in known.values()])
    predecessors: list[tuple[Unit, str, bool]] = []  # unit, share, closes
    seen: set[str] = set()
    for index, item in enumerate(data.predecessors):
        field = f"predecessors[{index}]"
        if item.code in seen:
            errors.append(FieldError(f"{field}.code", "lineage.duplicate", code=item.code))
            continue
        seen.add(item.code)
        share = item.share if merger else "part"
        if not merger and item.share != "part":
            errors.append(FieldError(f"{field}.share", "lineage.split_share_part"))
        closes = item.close if item.close is not None else (share == "whole" or not merger)
        if share == "whole" and not closes:
            errors.append(FieldError(f"{field}.close", "lineage.whole_closes"))
        unit = known.get(item.code)
        if unit is None:
            errors.append(FieldError(f"{field}.code", "unit.unknown", code=item.code))
            continue
        problem = check_predecessor_dates(unit, effective_on, closes=closes, field=f"{field}.code")
        if problem is not None:
            errors.append(problem)
        if unit.id in merged_whole:
            errors.append(FieldError(f"{field}.code", "lineage.already_merged", code=unit.code))
        predecessors.append((unit, share, closes))

    # Successors: new ones with free codes and known references; existing ones valid that day.
    predecessor_ids = [unit.id for unit, _, _ in predecessors]
    above = await ancestor_ids(session, predecessor_ids)
    group_codes = {g for s in data.successors if isinstance(s, NewSuccessor) for g in s.groups}
    groups = {
        g.code: g
        for g in await session.scalars(select(UnitGroup).where(UnitGroup.code.in_(group_codes)))
    }
    parent_codes = {s.parent_code for s in data.successors if isinstance(s, NewSuccessor)}
    parents = {
        u.code: u
        for u in await session.scalars(select(Unit).where(Unit.code.in_(parent_codes - {None})))
    }
    for index, successor in enumerate(data.successors):
        field = f"successors[{index}]"
        if successor.code in seen:
            code = (
                "lineage.successor_is_predecessor"
                if successor.code in {p.code for p in data.predecessors}
                else "lineage.duplicate"
            )
            errors.append(FieldError(f"{field}.code", code, code=successor.code))
            continue
        seen.add(successor.code)
        existing = known.get(successor.code)
        if isinstance(successor, ExistingSuccessor):
            if existing is None:
                errors.append(FieldError(f"{field}.code", "unit.unknown", code=successor.code))
            elif not valid_on(existing, effective_on):
                errors.append(
                    FieldError(
                        f"{field}.code",
                        "lineage.successor_not_valid",
                        code=successor.code,
                        effective_on=effective_on.isoformat(),
                    )
                )
            elif existing.id in above:
                errors.append(FieldError(f"{field}.code", "lineage.cycle", code=successor.code))
            elif {p.id for p in existing.predecessors} & set(predecessor_ids):
                errors.append(
                    FieldError(f"{field}.code", "lineage.already_linked", code=successor.code)
                )
            continue
        if existing is not None:
            errors.append(FieldError(f"{field}.code", "unit.code_taken", code=successor.code))
        if successor.parent_code is not None and successor.parent_code not in parents:
            errors.append(
                FieldError(f"{field}.parent_code", "unit.unknown", code=successor.parent_code)
            )
        for position, group in enumerate(successor.groups):
            if group not in groups:
                errors.append(
                    FieldError(f"{field}.groups[{position}]", "group.unknown", code=group)
                )
    if errors:
        raise validation_failed(errors)

    # Every check passed: only rounds in progress may still stop it (409, or confirmed).
    to_close = [
        unit for unit, _, closes in predecessors if closes and unit.valid_to != effective_on - DAY
    ]
    rounds = await service.check_closing(session, to_close, confirmed=data.confirm_rounds)

    successors: list[Unit] = []
    for successor in data.successors:
        if isinstance(successor, ExistingSuccessor):
            successors.append(known[successor.code])
            continue
        unit = Unit(
            code=successor.code,
            name_vi=successor.name_vi,
            name_en=successor.name_en,
            kind=successor.kind,
            parent_id=parents[successor.parent_code].id if successor.parent_code else None,
            valid_from=effective_on,
            groups=[groups[g] for g in dict.fromkeys(successor.groups)],
        )
        session.add(unit)
        successors.append(unit)
    await session.flush()
    for unit in successors:
        if unit.code not in known:
            await session.refresh(unit, ["parent", "predecessors"])
            await audit.record(
                session=session,
                action="unit.create",
                object_type="unit",
                object_id=unit.code,
                after=service.snapshot(unit),
            )
    await session.execute(
        insert(unit_predecessors),
        [
            {
                "unit_id": successor.id,
                "predecessor_id": unit.id,
                "share": share,
                "effective_on": effective_on,
            }
            for successor in successors
            for unit, share, _ in predecessors
        ],
    )
    for unit in to_close:
        before = service.snapshot(unit)
        unit.valid_to = effective_on - DAY
        await session.flush()
        await audit.record(
            session=session,
            action="unit.close",
            object_type="unit",
            object_id=unit.code,
            before=before,
            after={
                **service.snapshot(unit),
                "rounds_confirmed": [r for r in rounds if r["unit"] == unit.code],
            },
        )
    # The links were written beside the ORM: reload what the answer shows of them.
    for unit in successors:
        await session.refresh(unit, ["predecessors"])
    links = await service.links_between(session, [unit for unit, _, _ in predecessors] + successors)
    record: dict[str, Any] = {
        "kind": data.kind,
        "effective_on": effective_on,
        "predecessors": [
            {"code": unit.code, "share": share, "closed": unit in to_close}
            for unit, share, _ in predecessors
        ],
        "successors": [{"code": unit.code, "new": unit.code not in known} for unit in successors],
        "note": data.note,
        "rounds_confirmed": rounds,
    }
    await audit.record(
        session=session,
        action="unit.merge" if merger else "unit.split",
        object_type="unit",
        object_id=successors[0].code if merger else predecessors[0][0].code,
        after=record,
    )
    return Outcome(
        data.kind, effective_on, [unit for unit, _, _ in predecessors], successors, links
    )
