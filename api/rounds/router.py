"""HTTP endpoints of rounds and their phase machine."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from api.core.pagination import IdPath, Page, PageDep
from api.deps import ApproverUser, CurrentPrincipal, SessionDep
from api.rounds import service
from api.rounds.models import Phase, Round
from api.rounds.schemas import (
    ParticipantOut,
    PhaseChangeOut,
    PhaseMove,
    RoundCreate,
    RoundOut,
    RoundUpdate,
)

router = APIRouter(prefix="/rounds", tags=["rounds"])


def round_out(round_: Round) -> RoundOut:
    groups = sorted({p.group for p in round_.participants}, key=lambda g: (g.sort_order, g.code))
    return RoundOut(
        id=round_.id,
        year=round_.year,
        title=round_.title_vi,
        title_vi=round_.title_vi,
        title_en=round_.title_en,
        framework_id=round_.framework_id,
        framework_code=round_.framework.code,
        phase=round_.phase,
        next_phases=service.next_phases(round_.phase),
        groups=[g.code for g in groups],
        unit_count=len(round_.participants),
        schedule={Phase(k): v for k, v in round_.schedule.items()},
        is_demo=round_.is_demo,
        created_at=round_.created_at,
        updated_at=round_.updated_at,
    )


@router.get("", response_model=Page[RoundOut], summary="List rounds")
async def list_rounds(
    _: CurrentPrincipal,
    session: SessionDep,
    page: PageDep,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> Page[RoundOut]:
    rows, total = await service.list_rounds(
        session=session, limit=page.limit, offset=page.offset, year=year
    )
    return Page(items=[round_out(r) for r in rows], total=total, **page.model_dump())


@router.post("", response_model=RoundOut, status_code=201, summary="Create a round (approver)")
async def create_round(body: RoundCreate, principal: ApproverUser, session: SessionDep) -> RoundOut:
    round_ = await service.create(
        session=session,
        actor_id=principal.id if principal.kind == "user" else None,
        **body.model_dump(exclude={"schedule"}),
        schedule=body.schedule,
    )
    return round_out(round_)


@router.get("/{round_id}", response_model=RoundOut, summary="One round")
async def get_round(round_id: IdPath, _: CurrentPrincipal, session: SessionDep) -> RoundOut:
    return round_out(await service.get(session=session, round_id=round_id))


@router.patch("/{round_id}", response_model=RoundOut, summary="Rename or reschedule (approver)")
async def update_round(
    round_id: IdPath, body: RoundUpdate, _: ApproverUser, session: SessionDep
) -> RoundOut:
    changes = body.model_dump(exclude_unset=True, exclude={"schedule"})
    if body.schedule is not None:
        changes["schedule"] = body.schedule
    return round_out(await service.update(session=session, round_id=round_id, changes=changes))


@router.delete("/{round_id}", status_code=204, summary="Delete a draft round (approver)")
async def delete_round(round_id: IdPath, _: ApproverUser, session: SessionDep) -> Response:
    await service.delete(session=session, round_id=round_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/{round_id}/phase",
    response_model=RoundOut,
    summary="Move the round to another phase (approver); 409 on an illegal move",
)
async def move_phase(
    round_id: IdPath, body: PhaseMove, principal: ApproverUser, session: SessionDep
) -> RoundOut:
    round_ = await service.move_phase(
        session=session,
        round_id=round_id,
        target=body.phase,
        actor_id=principal.id if principal.kind == "user" else None,
        note=body.note,
    )
    return round_out(round_)


@router.get("/{round_id}/phase-history", response_model=list[PhaseChangeOut], summary="Phase moves")
async def get_phase_history(
    round_id: IdPath, _: CurrentPrincipal, session: SessionDep
) -> list[PhaseChangeOut]:
    return [
        PhaseChangeOut(
            from_phase=Phase(change.from_phase),
            to_phase=Phase(change.to_phase),
            changed_by=username,
            changed_at=change.changed_at,
            note=change.note,
        )
        for change, username in await service.phase_history(session=session, round_id=round_id)
    ]


@router.get("/{round_id}/units", response_model=list[ParticipantOut], summary="Units taking part")
async def list_participants(
    round_id: IdPath, _: CurrentPrincipal, session: SessionDep
) -> list[ParticipantOut]:
    round_ = await service.get(session=session, round_id=round_id)
    return sorted(
        (
            ParticipantOut(
                unit_code=p.unit.code,
                name_vi=p.unit.name_vi,
                name_en=p.unit.name_en,
                kind=p.unit.kind,
                group=p.group.code,
            )
            for p in round_.participants
        ),
        key=lambda p: (p.group, p.unit_code),
    )
