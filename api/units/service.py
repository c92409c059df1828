"""Units and unit groups: listing, administration and merger history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import service as audit
from api.auth.models import ApiClient, User
from api.core.errors import Conflict, Invalid, NotFound
from api.core.text import fold
from api.frameworks.models import DataElement, Framework
from api.proposals.models import Proposal
from api.rounds.models import Phase, Round, RoundUnit
from api.units.models import Unit, UnitGroup, unit_group_members, unit_predecessors

# Rounds whose participants are still being chosen or still entering answers: closing one of
# their units is refused unless the admin confirms it (the unit then stays a participant).
OPEN_PHASES = (Phase.draft, Phase.collecting)


async def list_units(
    *,
    session: AsyncSession,
    limit: int,
    offset: int,
    group: str | None = None,
    kind: str | None = None,
    q: str | None = None,
    active_on: dt.date | None = None,
    include_inactive: bool = False,
    is_provider: bool | None = None,
) -> tuple[list[Unit], int]:
    """Units ordered by group then code; by default only those valid today."""
    query = select(Unit)
    if group is not None:
        group_row = await session.scalar(select(UnitGroup).where(UnitGroup.code == group))
        if group_row is None:
            raise Invalid("group.unknown", field="group", code=group)
        query = query.where(
            Unit.id.in_(
                select(unit_group_members.c.unit_id).where(
                    unit_group_members.c.group_id == group_row.id
                )
            )
        )
    if kind is not None:
        query = query.where(Unit.kind == kind)
    if is_provider is not None:
        query = query.where(Unit.is_provider.is_(is_provider))
    if q:
        query = query.where(Unit.search_text.contains(fold(q), autoescape=True))
    if not include_inactive:
        day = active_on or dt.date.today()
        query = query.where(
            or_(Unit.valid_from.is_(None), Unit.valid_from <= day),
            or_(Unit.valid_to.is_(None), Unit.valid_to >= day),
        )
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await session.scalars(query.order_by(Unit.code).limit(limit).offset(offset))
    return list(rows), total


async def get_unit(*, session: AsyncSession, code: str) -> Unit:
    """A unit by code, or 404."""
    unit = await session.scalar(select(Unit).where(Unit.code == code))
    if unit is None:
        raise NotFound("unit.not_found", code=code)
    return unit


async def _groups_by_code(session: AsyncSession, codes: Sequence[str]) -> list[UnitGroup]:
    found = {
        g.code: g for g in await session.scalars(select(UnitGroup).where(UnitGroup.code.in_(codes)))
    }
    for index, code in enumerate(codes):
        if code not in found:
            raise Invalid("group.unknown", field=f"groups[{index}]", code=code)
    return [found[c] for c in dict.fromkeys(codes)]


async def _units_by_code(
    session: AsyncSession, codes: Sequence[str], field_name: str
) -> list[Unit]:
    found = {u.code: u for u in await session.scalars(select(Unit).where(Unit.code.in_(codes)))}
    for index, code in enumerate(codes):
        if code not in found:
            raise Invalid("unit.unknown", field=f"{field_name}[{index}]", code=code)
    return [found[c] for c in dict.fromkeys(codes)]


async def _parent(session: AsyncSession, code: str) -> Unit:
    parent = await session.scalar(select(Unit).where(Unit.code == code))
    if parent is None:
        raise Invalid("unit.unknown", field="parent_code", code=code)
    return parent


def _check_dates(valid_from: dt.date | None, valid_to: dt.date | None) -> None:
    if valid_from and valid_to and valid_to < valid_from:
        raise Invalid("unit.dates_order", field="valid_to")


async def _check_parent(session: AsyncSession, unit: Unit, parent: Unit) -> None:
    # Walk up from the new parent; meeting the unit itself would close a cycle.
    cursor: Unit | None = parent
    while cursor is not None:
        if cursor.id == unit.id:
            raise Invalid("unit.parent_cycle", field="parent_code")
        cursor = await session.get(Unit, cursor.parent_id) if cursor.parent_id else None


async def create_unit(*, session: AsyncSession, data: dict[str, Any]) -> Unit:
    """A new unit with its groups, parent and predecessors."""
    if await session.scalar(select(Unit.id).where(Unit.code == data["code"])):
        raise Conflict("unit.code_taken", code=data["code"])
    _check_dates(data.get("valid_from"), data.get("valid_to"))
    if data["code"] in data.get("predecessors", []):
        raise Invalid("unit.predecessor_self", field="predecessors")
    parent = None
    if data.get("parent_code"):
        parent = await _parent(session, data["parent_code"])
    unit = Unit(
        code=data["code"],
        name_vi=data["name_vi"],
        name_en=data["name_en"],
        kind=data["kind"],
        parent_id=parent.id if parent else None,
        valid_from=data.get("valid_from"),
        valid_to=data.get("valid_to"),
        is_provider=data.get("is_provider", False),
        groups=await _groups_by_code(session, data.get("groups", [])),
        predecessors=await _units_by_code(session, data.get("predecessors", []), "predecessors"),
    )
    session.add(unit)
    await session.flush()
    await session.refresh(unit, ["parent"])
    await audit.record(
        session=session,
        action="unit.create",
        object_type="unit",
        object_id=unit.code,
        after=snapshot(unit),
    )
    return unit


def snapshot(unit: Unit) -> dict[str, Any]:
    """What the audit trail keeps of a unit."""
    return {
        "code": unit.code,
        "name_vi": unit.name_vi,
        "name_en": unit.name_en,
        "kind": unit.kind,
        "groups": [g.code for g in unit.groups],
        "parent_id": unit.parent_id,
        "valid_from": unit.valid_from,
        "valid_to": unit.valid_to,
        "is_provider": unit.is_provider,
        "predecessors": sorted(p.code for p in unit.predecessors),
        "source": unit.source,
        "unverified": unit.unverified,
    }


async def rounds_in_progress(
    session: AsyncSession, units: Sequence[Unit]
) -> list[tuple[Unit, Round]]:
    """The (unit, round) pairs where one of ``units`` takes part in a round in ``OPEN_PHASES``."""
    if not units:
        return []
    by_id = {unit.id: unit for unit in units}
    rows = await session.execute(
        select(RoundUnit.unit_id, Round)
        .join(Round, Round.id == RoundUnit.round_id)
        .where(
            RoundUnit.unit_id.in_(by_id),
            Round.phase.in_(OPEN_PHASES),
            Round.is_practice.is_(False),  # a practice round holds up no change of units
        )
        .order_by(RoundUnit.unit_id, Round.id)
    )
    return [(by_id[unit_id], round_) for unit_id, round_ in rows.all()]


def round_ref(round_: Round) -> dict[str, Any]:
    return {
        "id": round_.id,
        "title_vi": round_.title_vi,
        "title_en": round_.title_en,
        "phase": str(round_.phase),
    }


async def check_closing(
    session: AsyncSession, units: Sequence[Unit], *, confirmed: bool
) -> list[dict[str, Any]]:
    """Refuse (409) to close units taking part in a round being prepared or collecting, unless
    ``confirmed``; the rounds concerned, for the audit trail, when confirmed."""
    pairs = await rounds_in_progress(session, units)
    if pairs and not confirmed:
        rounds = {round_.id: round_ for _, round_ in pairs}
        raise Conflict(
            "unit.close_in_round",
            codes=", ".join(dict.fromkeys(unit.code for unit, _ in pairs)),
            rounds=", ".join(f"{r.id} ({r.phase})" for r in rounds.values()),
            extensions={
                "rounds": [round_ref(r) for r in rounds.values()],
                "unit_codes": list(dict.fromkeys(unit.code for unit, _ in pairs)),
            },
        )
    return [{"unit": unit.code, **round_ref(round_)} for unit, round_ in pairs]


async def close_unit(
    *, session: AsyncSession, code: str, valid_to: dt.date, confirm_rounds: bool = False
) -> Unit:
    """Close a unit: it stays, valid until ``valid_to`` (its last day), with its history."""
    unit = await get_unit(session=session, code=code)
    if unit.valid_to is not None:
        raise Conflict("unit.already_closed", code=code, valid_to=unit.valid_to.isoformat())
    _check_dates(unit.valid_from, valid_to)
    rounds = await check_closing(session, [unit], confirmed=confirm_rounds)
    before = snapshot(unit)
    unit.valid_to = valid_to
    await session.flush()
    await audit.record(
        session=session,
        action="unit.close",
        object_type="unit",
        object_id=unit.code,
        before=before,
        after={**snapshot(unit), "rounds_confirmed": rounds},
    )
    return unit


async def update_unit(*, session: AsyncSession, code: str, changes: dict[str, Any]) -> Unit:
    """Change a unit's names, kind, groups, parent, validity or predecessors."""
    unit = await get_unit(session=session, code=code)
    before = snapshot(unit)
    confirm_rounds = bool(changes.pop("confirm_rounds", False))
    old_end = unit.valid_to
    if changes.get("is_provider") is False and unit.is_provider:
        used = await session.scalar(
            select(DataElement.id).where(DataElement.provider_code == unit.code).limit(1)
        )
        if used is not None:
            raise Conflict("unit.provider_in_use", code=code)
    for name in (
        "name_vi",
        "name_en",
        "kind",
        "is_provider",
        "valid_from",
        "valid_to",
        "source",
        "unverified",
    ):
        nullable = name.startswith("valid") or name == "source"
        if name in changes and (changes[name] is not None or nullable):
            setattr(unit, name, changes[name])
    _check_dates(unit.valid_from, unit.valid_to)
    rounds: list[dict[str, Any]] = []
    if unit.valid_to is not None and unit.valid_to != old_end:
        rounds = await check_closing(session, [unit], confirmed=confirm_rounds)
    if changes.get("groups") is not None:
        unit.groups = await _groups_by_code(session, changes["groups"])
    if "parent_code" in changes:
        if changes["parent_code"] is None:
            unit.parent_id = None
        else:
            parent = await _parent(session, changes["parent_code"])
            await _check_parent(session, unit, parent)
            unit.parent_id = parent.id
    if changes.get("predecessors") is not None:
        if unit.code in changes["predecessors"]:
            raise Invalid("unit.predecessor_self", field="predecessors")
        unit.predecessors = await _units_by_code(session, changes["predecessors"], "predecessors")
    await session.flush()
    await session.refresh(unit, ["parent"])
    await audit.record(
        session=session,
        action="unit.update",
        object_type="unit",
        object_id=unit.code,
        before=before,
        after={**snapshot(unit), "rounds_confirmed": rounds} if rounds else snapshot(unit),
    )
    return unit


async def delete_unit(*, session: AsyncSession, code: str) -> None:
    """Delete a unit nobody refers to; one that took part in a round must be retired instead."""
    unit = await get_unit(session=session, code=code)
    references = (
        select(RoundUnit.unit_id).where(RoundUnit.unit_id == unit.id),
        select(User.id).where(User.unit_id == unit.id),
        select(ApiClient.id).where(ApiClient.unit_id == unit.id),
        select(Proposal.id).where(Proposal.unit_id == unit.id),
        select(DataElement.id).where(DataElement.provider_code == unit.code),
        # A unit others descend from (mergers) or report to (parent) carries history.
        select(unit_predecessors.c.unit_id).where(unit_predecessors.c.predecessor_id == unit.id),
        select(Unit.id).where(Unit.parent_id == unit.id),
    )
    for query in references:
        if await session.scalar(query.limit(1)) is not None:
            raise Conflict("unit.in_use", code=code)
    await audit.record(
        session=session,
        action="unit.delete",
        object_type="unit",
        object_id=unit.code,
        before=snapshot(unit),
    )
    await session.delete(unit)
    await session.flush()


@dataclass(frozen=True)
class Link:
    """One lineage link, with codes (see ``unit_predecessors``)."""

    predecessor_code: str
    successor_code: str
    share: str | None
    effective_on: dt.date | None
    note: str | None = None
    unverified: bool = False


@dataclass(frozen=True)
class History:
    unit: Unit
    ancestors: list[Unit]
    successors: list[Unit]
    descendants: list[Unit]
    links: list[Link]


async def _generations(session: AsyncSession, unit: Unit, *, upward: bool) -> list[Unit]:
    """The units ``unit`` descends from (``upward``) or that descend from it, over every
    generation, nearest first: one query per generation."""
    near, far = (
        (unit_predecessors.c.unit_id, unit_predecessors.c.predecessor_id)
        if upward
        else (unit_predecessors.c.predecessor_id, unit_predecessors.c.unit_id)
    )
    found: list[Unit] = []
    seen = {unit.id}
    frontier = [unit.id]
    while frontier:
        rows = await session.scalars(
            select(Unit).join(unit_predecessors, far == Unit.id).where(near.in_(frontier))
        )
        generation = sorted(
            (row for row in rows.unique() if row.id not in seen), key=lambda u: u.code
        )
        seen.update(row.id for row in generation)
        found.extend(generation)
        frontier = [row.id for row in generation]
    return found


async def links_between(session: AsyncSession, units: Sequence[Unit]) -> list[Link]:
    """The lineage links among ``units``, oldest first; a link recorded without its date takes
    the successor's first day."""
    by_id = {unit.id: unit for unit in units}
    rows = await session.execute(
        select(unit_predecessors).where(
            unit_predecessors.c.unit_id.in_(by_id),
            unit_predecessors.c.predecessor_id.in_(by_id),
        )
    )
    links = [
        Link(
            predecessor_code=by_id[row.predecessor_id].code,
            successor_code=by_id[row.unit_id].code,
            share=row.share,
            effective_on=row.effective_on or by_id[row.unit_id].valid_from,
            note=row.note,
            unverified=bool(row.unverified),
        )
        for row in rows.all()
    ]
    return sorted(
        links,
        key=lambda link: (
            link.effective_on or dt.date.min,
            link.successor_code,
            link.predecessor_code,
        ),
    )


async def history(*, session: AsyncSession, code: str) -> History:
    """A unit, the units it descends from through mergers and splits, the units that replaced
    it (directly, and over every generation), and the links among all of them."""
    unit = await get_unit(session=session, code=code)
    ancestors = await _generations(session, unit, upward=True)
    descendants = await _generations(session, unit, upward=False)
    successor_ids = set(
        await session.scalars(
            select(unit_predecessors.c.unit_id).where(unit_predecessors.c.predecessor_id == unit.id)
        )
    )
    successors = [u for u in descendants if u.id in successor_ids]
    links = await links_between(session, [unit, *ancestors, *descendants])
    return History(unit, ancestors, successors, descendants, links)


async def list_groups(*, session: AsyncSession) -> list[tuple[UnitGroup, int]]:
    """Every group with the number of its members valid today."""
    today = dt.date.today()
    counts = (
        select(unit_group_members.c.group_id, func.count().label("n"))
        .join(Unit, Unit.id == unit_group_members.c.unit_id)
        .where(
            or_(Unit.valid_from.is_(None), Unit.valid_from <= today),
            or_(Unit.valid_to.is_(None), Unit.valid_to >= today),
        )
        .group_by(unit_group_members.c.group_id)
        .subquery()
    )
    rows = await session.execute(
        select(UnitGroup, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.group_id == UnitGroup.id)
        .order_by(UnitGroup.sort_order, UnitGroup.code)
    )
    return [(group, int(n)) for group, n in rows.all()]


async def get_group(*, session: AsyncSession, code: str) -> UnitGroup:
    """A group by code, or 404."""
    group = await session.scalar(select(UnitGroup).where(UnitGroup.code == code))
    if group is None:
        raise NotFound("group.not_found", code=code)
    return group


async def create_group(*, session: AsyncSession, data: dict[str, Any]) -> UnitGroup:
    """A new ranking group."""
    if await session.scalar(select(UnitGroup.id).where(UnitGroup.code == data["code"])):
        raise Conflict("group.code_taken", code=data["code"])
    group = UnitGroup(**data)
    session.add(group)
    await session.flush()
    await audit.record(
        session=session,
        action="group.create",
        object_type="unit_group",
        object_id=group.code,
        after=data,
    )
    return group


async def update_group(*, session: AsyncSession, code: str, changes: dict[str, Any]) -> UnitGroup:
    """Rename or reorder a group."""
    group = await get_group(session=session, code=code)
    fields = ("name_vi", "name_en", "sort_order")
    before = {name: getattr(group, name) for name in fields}
    for name, value in changes.items():
        if value is not None:
            setattr(group, name, value)
    await session.flush()
    await audit.record(
        session=session,
        action="group.update",
        object_type="unit_group",
        object_id=group.code,
        before=before,
        after={name: getattr(group, name) for name in fields},
    )
    return group


async def delete_group(*, session: AsyncSession, code: str) -> None:
    """Delete a group no framework or round uses."""
    group = await get_group(session=session, code=code)
    used_by_round = await session.scalar(
        select(func.count()).select_from(RoundUnit).where(RoundUnit.group_id == group.id)
    )
    frameworks = await session.scalars(select(Framework.groups))
    if used_by_round or any(code in (groups or []) for groups in frameworks):
        raise Conflict("group.in_use", code=code)
    await audit.record(
        session=session,
        action="group.delete",
        object_type="unit_group",
        object_id=group.code,
        before={"name_vi": group.name_vi, "name_en": group.name_en},
    )
    await session.delete(group)
    await session.flush()
