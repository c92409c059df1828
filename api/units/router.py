"""HTTP endpoints of units and unit groups."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from api.core.pagination import Page, PageDep
from api.deps import AdminUser, CurrentPrincipal, SessionDep
from api.units import service
from api.units.models import Unit, UnitGroup
from api.units.schemas import (
    GroupCreate,
    GroupOut,
    GroupUpdate,
    UnitCreate,
    UnitHistory,
    UnitOut,
    UnitUpdate,
)

router = APIRouter(tags=["units"])


def unit_out(unit: Unit) -> UnitOut:
    return UnitOut(
        code=unit.code,
        name_vi=unit.name_vi,
        name_en=unit.name_en,
        kind=unit.kind,
        groups=[g.code for g in unit.groups],
        parent_code=unit.parent.code if unit.parent else None,
        valid_from=unit.valid_from,
        valid_to=unit.valid_to,
        predecessors=sorted(p.code for p in unit.predecessors),
        is_provider=unit.is_provider,
    )


def _group_out(group: UnitGroup, count: int) -> GroupOut:
    return GroupOut(
        code=group.code,
        name_vi=group.name_vi,
        name_en=group.name_en,
        sort_order=group.sort_order,
        unit_count=count,
    )


@router.get("/units", response_model=Page[UnitOut], summary="List units")
async def list_units(
    _: CurrentPrincipal,
    session: SessionDep,
    page: PageDep,
    group: Annotated[str | None, Query(description="Group code, e.g. QH or SBN")] = None,
    kind: Annotated[str | None, Query(description="Unit kind, e.g. district")] = None,
    q: Annotated[str | None, Query(max_length=100, description="Search code or name")] = None,
    active_on: Annotated[dt.date | None, Query(description="Valid on this day (today)")] = None,
    include_inactive: bool = False,
    is_provider: Annotated[
        bool | None, Query(description="Only agencies that supply figures (or only others)")
    ] = None,
) -> Page[UnitOut]:
    units, total = await service.list_units(
        session=session,
        limit=page.limit,
        offset=page.offset,
        group=group,
        kind=kind,
        q=q,
        active_on=active_on,
        include_inactive=include_inactive,
        is_provider=is_provider,
    )
    return Page(items=[unit_out(u) for u in units], total=total, **page.model_dump())


@router.post("/units", response_model=UnitOut, status_code=201, summary="Create a unit (admin)")
async def create_unit(body: UnitCreate, _: AdminUser, session: SessionDep) -> UnitOut:
    return unit_out(await service.create_unit(session=session, data=body.model_dump()))


@router.get("/units/{code}", response_model=UnitOut, summary="One unit")
async def get_unit(code: str, _: CurrentPrincipal, session: SessionDep) -> UnitOut:
    return unit_out(await service.get_unit(session=session, code=code))


@router.patch("/units/{code}", response_model=UnitOut, summary="Change a unit (admin)")
async def update_unit(code: str, body: UnitUpdate, _: AdminUser, session: SessionDep) -> UnitOut:
    unit = await service.update_unit(
        session=session, code=code, changes=body.model_dump(exclude_unset=True)
    )
    return unit_out(unit)


@router.delete("/units/{code}", status_code=204, summary="Delete an unused unit (admin)")
async def delete_unit(code: str, _: AdminUser, session: SessionDep) -> Response:
    await service.delete_unit(session=session, code=code)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/units/{code}/history", response_model=UnitHistory, summary="Merger history of a unit")
async def unit_history(code: str, _: CurrentPrincipal, session: SessionDep) -> UnitHistory:
    unit, ancestors, successors = await service.history(session=session, code=code)
    return UnitHistory(
        unit=unit_out(unit),
        ancestors=[unit_out(u) for u in ancestors],
        successors=[unit_out(u) for u in successors],
    )


@router.get("/unit-groups", response_model=list[GroupOut], summary="List unit groups")
async def list_groups(_: CurrentPrincipal, session: SessionDep) -> list[GroupOut]:
    return [_group_out(g, n) for g, n in await service.list_groups(session=session)]


@router.post(
    "/unit-groups", response_model=GroupOut, status_code=201, summary="Create a group (admin)"
)
async def create_group(body: GroupCreate, _: AdminUser, session: SessionDep) -> GroupOut:
    return _group_out(await service.create_group(session=session, data=body.model_dump()), 0)


@router.patch("/unit-groups/{code}", response_model=GroupOut, summary="Change a group (admin)")
async def update_group(code: str, body: GroupUpdate, _: AdminUser, session: SessionDep) -> GroupOut:
    group = await service.update_group(
        session=session, code=code, changes=body.model_dump(exclude_unset=True)
    )
    counts = {g.code: n for g, n in await service.list_groups(session=session)}
    return _group_out(group, counts.get(group.code, 0))


@router.delete("/unit-groups/{code}", status_code=204, summary="Delete an unused group (admin)")
async def delete_group(code: str, _: AdminUser, session: SessionDep) -> Response:
    await service.delete_group(session=session, code=code)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
