"""HTTP endpoints of rounds and their phase machine."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.errors import Forbidden, problem_responses
from api.core.pagination import MAX_ID, IdPath, Page, PageDep
from api.core.principal import Principal, Role
from api.core.validation import MAX_GROUPS
from api.deps import ApproverUser, CurrentPrincipal, EvaluatorUser, SessionDep
from api.rounds import practice, schedule, service
from api.rounds.models import Phase, Round, RoundUnit
from api.rounds.schemas import (
    DeadlineSet,
    ParticipantOut,
    ParticipantsAdd,
    PhaseChangeOut,
    PhaseMove,
    PracticeCreate,
    RoundCreate,
    RoundOut,
    RoundUpdate,
    ScheduledPhase,
    UnitDeadlineOut,
)
from api.units.models import Unit, UnitGroup

router = APIRouter(prefix="/rounds", tags=["rounds"])


def round_out(round_: Round, principal: Principal | None = None) -> RoundOut:
    """The round as the API shows it; with ``principal``, whether the caller's unit takes part."""
    groups = sorted({p.group for p in round_.participants}, key=lambda g: (g.sort_order, g.code))
    unit_id = principal.unit_id if principal is not None else None
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
        reference_date=service.reference_date_of(round_),
        schedule={
            phase: ScheduledPhase(**dates)
            for phase, dates in schedule.shown(round_.schedule).items()
        },
        auto_advance=round_.auto_advance,
        is_demo=round_.is_demo,
        is_practice=round_.is_practice,
        practice_of_id=round_.practice_of_id,
        takes_part=(
            None if unit_id is None else any(p.unit_id == unit_id for p in round_.participants)
        ),
        created_at=round_.created_at,
        updated_at=round_.updated_at,
    )


@router.get("", response_model=Page[RoundOut], summary="List rounds")
async def list_rounds(
    principal: CurrentPrincipal,
    session: SessionDep,
    page: PageDep,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    practice: Annotated[
        bool | None,
        Query(description="Only practice rounds (true) or only real ones (false); default both"),
    ] = None,
) -> Page[RoundOut]:
    rows, total = await service.list_rounds(
        session=session, limit=page.limit, offset=page.offset, year=year, practice=practice
    )
    return Page(items=[round_out(r, principal) for r in rows], total=total, **page.model_dump())


def participant_out(unit: Unit, group: UnitGroup) -> ParticipantOut:
    return ParticipantOut(
        unit_code=unit.code,
        name_vi=unit.name_vi,
        name_en=unit.name_en,
        kind=unit.kind,
        group=group.code,
    )


def deadline_out(round_: Round, participant: RoundUnit) -> UnitDeadlineOut:
    return UnitDeadlineOut(
        unit_code=participant.unit.code,
        name_vi=participant.unit.name_vi,
        name_en=participant.unit.name_en,
        group=participant.group.code,
        round_deadline=schedule.ends_at(round_.schedule, Phase.collecting),
        extended_until=participant.deadline_at,
        deadline=schedule.submission_deadline(round_.schedule, participant.deadline_at),
        reason=participant.deadline_reason,
        set_by=participant.deadline_set_by,
        set_at=participant.deadline_set_at,
    )


def _sorted(participants: list[ParticipantOut]) -> list[ParticipantOut]:
    return sorted(participants, key=lambda p: (p.group, p.unit_code))


@router.get(
    "/participants-preview",
    response_model=list[ParticipantOut],
    summary="The units a new round would take by default (approver)",
)
async def preview_participants(
    _: ApproverUser,
    session: SessionDep,
    framework_id: Annotated[int, Query(ge=1, le=MAX_ID)],
    reference_date: Annotated[dt.date, Query(description="Units valid on this day")],
    groups: Annotated[
        list[str] | None,
        Query(max_length=MAX_GROUPS, description="Default: every group of the framework"),
    ] = None,
) -> list[ParticipantOut]:
    chosen = await service.preview_participants(
        session=session, framework_id=framework_id, groups=groups, reference_date=reference_date
    )
    return _sorted([participant_out(unit, group) for unit, group in chosen])


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
async def get_round(round_id: IdPath, principal: CurrentPrincipal, session: SessionDep) -> RoundOut:
    return round_out(await service.get(session=session, round_id=round_id), principal)


@router.patch("/{round_id}", response_model=RoundOut, summary="Rename or reschedule (approver)")
async def update_round(
    round_id: IdPath, body: RoundUpdate, _: ApproverUser, session: SessionDep
) -> RoundOut:
    changes = body.model_dump(exclude_unset=True, exclude={"schedule"})
    if body.schedule is not None:
        changes["schedule"] = body.schedule
    return round_out(await service.update(session=session, round_id=round_id, changes=changes))


async def _require_approver_unless_practice(
    session: AsyncSession, principal: Principal, round_id: int
) -> Round:
    """The round; 403 unless the caller is an approver or the round is a practice round (which
    DIC's evaluators run themselves)."""
    round_ = await service.get(session=session, round_id=round_id)
    if not round_.is_practice and not principal.has_any_role((Role.approver,)):
        raise Forbidden("auth.forbidden_role", roles=Role.approver.value)
    return round_


@router.delete(
    "/{round_id}",
    status_code=204,
    summary="Delete a draft round (approver), or a practice round with all its data (DIC)",
    responses=problem_responses(403, 404, 409),
)
async def delete_round(round_id: IdPath, principal: EvaluatorUser, session: SessionDep) -> Response:
    round_ = await _require_approver_unless_practice(session, principal, round_id)
    if round_.is_practice:
        await practice.delete_round(session=session, round_id=round_id)
    else:
        await service.delete(session=session, round_id=round_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/{round_id}/practice-copies",
    response_model=RoundOut,
    status_code=201,
    summary="Make a practice copy of a round: same framework and units, no data (DIC)",
    responses=problem_responses(403, 404, 409, 422),
)
async def create_practice_round(
    round_id: IdPath, body: PracticeCreate, principal: EvaluatorUser, session: SessionDep
) -> RoundOut:
    round_ = await practice.create_copy(
        session=session,
        source_id=round_id,
        actor_id=principal.id if principal.kind == "user" else None,
        title_vi=body.title_vi,
        title_en=body.title_en,
        schedule=body.schedule,
    )
    return round_out(round_)


@router.post(
    "/{round_id}/practice-reset",
    response_model=RoundOut,
    summary="Empty a practice round and open it for collecting again (DIC); 409 for a real round",
    responses=problem_responses(403, 404, 409),
)
async def reset_practice_round(
    round_id: IdPath, principal: EvaluatorUser, session: SessionDep
) -> RoundOut:
    round_ = await practice.reset(
        session=session,
        round_id=round_id,
        actor_id=principal.id if principal.kind == "user" else None,
    )
    return round_out(round_)


@router.post(
    "/{round_id}/phase",
    response_model=RoundOut,
    summary="Move the round to another phase (approver; DIC in a practice round); 409 on an "
    "illegal move",
)
async def move_phase(
    round_id: IdPath, body: PhaseMove, principal: EvaluatorUser, session: SessionDep
) -> RoundOut:
    await _require_approver_unless_practice(session, principal, round_id)
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
            automatic=change.automatic,
        )
        for change, username in await service.phase_history(session=session, round_id=round_id)
    ]


@router.get("/{round_id}/units", response_model=list[ParticipantOut], summary="Units taking part")
async def list_participants(
    round_id: IdPath, _: CurrentPrincipal, session: SessionDep
) -> list[ParticipantOut]:
    round_ = await service.get(session=session, round_id=round_id)
    return _sorted([participant_out(p.unit, p.group) for p in round_.participants])


@router.post(
    "/{round_id}/units",
    response_model=list[ParticipantOut],
    summary="Add units to a draft round (approver); 409 once collecting has started",
    responses=problem_responses(409, 422),
)
async def add_participants(
    round_id: IdPath, body: ParticipantsAdd, _: ApproverUser, session: SessionDep
) -> list[ParticipantOut]:
    round_ = await service.add_participants(
        session=session, round_id=round_id, unit_codes=body.unit_codes
    )
    return _sorted([participant_out(p.unit, p.group) for p in round_.participants])


UnitCodePath = Annotated[str, Path(min_length=1, max_length=32)]


@router.delete(
    "/{round_id}/units/{unit_code}",
    status_code=204,
    summary="Take a unit out of a draft round (approver); 409 once collecting has started",
)
async def remove_participant(
    round_id: IdPath, unit_code: UnitCodePath, _: ApproverUser, session: SessionDep
) -> Response:
    await service.remove_participant(session=session, round_id=round_id, unit_code=unit_code)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/{round_id}/deadlines",
    response_model=list[UnitDeadlineOut],
    summary="Each unit's deadline: the round's, its extension and the one in force (approver)",
)
async def list_deadlines(
    round_id: IdPath, _: ApproverUser, session: SessionDep
) -> list[UnitDeadlineOut]:
    round_ = await service.get(session=session, round_id=round_id)
    return [deadline_out(round_, p) for p in service.deadlines(round_)]


@router.put(
    "/{round_id}/units/{unit_code}/deadline",
    response_model=UnitDeadlineOut,
    summary="Extend one unit's deadline, with a reason (approver); null: the round's again",
)
async def set_deadline(
    round_id: IdPath,
    unit_code: UnitCodePath,
    body: DeadlineSet,
    principal: ApproverUser,
    session: SessionDep,
) -> UnitDeadlineOut:
    participant = await service.set_deadline(
        session=session,
        round_id=round_id,
        unit_code=unit_code,
        deadline_at=body.deadline_at,
        reason=body.reason,
        actor=principal.name,
    )
    round_ = await service.get(session=session, round_id=round_id)
    return deadline_out(round_, participant)
