"""HTTP endpoints of urging: templates, sending to units, the messages sent (DIC)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.core.errors import problem_responses
from api.core.pagination import IdPath, Page, PageDep
from api.deps import EvaluatorUser, SessionDep, SettingsDep
from api.urging import service
from api.urging.models import UrgeTemplate
from api.urging.schemas import (
    TemplateIn,
    TemplateOut,
    TemplateUpdate,
    UrgedUnit,
    UrgeIn,
    UrgeOut,
    UrgingOut,
)

router = APIRouter(tags=["urging"])


def template_out(template: UrgeTemplate) -> TemplateOut:
    return TemplateOut.model_validate(template, from_attributes=True)


@router.get(
    "/urge-templates",
    response_model=list[TemplateOut],
    summary="Urging templates (DIC)",
    responses=problem_responses(403),
)
async def list_templates(principal: EvaluatorUser, session: SessionDep) -> list[TemplateOut]:
    templates = await service.list_templates(session=session, principal=principal)
    return [template_out(t) for t in templates]


@router.post(
    "/urge-templates",
    response_model=TemplateOut,
    status_code=201,
    summary="Create an urging template (DIC)",
    responses=problem_responses(403, 409, 422),
)
async def create_template(
    body: TemplateIn, principal: EvaluatorUser, session: SessionDep
) -> TemplateOut:
    template = await service.create_template(
        session=session, principal=principal, name=body.name, texts=body.texts()
    )
    return template_out(template)


@router.patch(
    "/urge-templates/{template_id}",
    response_model=TemplateOut,
    summary="Change an urging template (DIC)",
    responses=problem_responses(403, 404, 409, 422),
)
async def update_template(
    template_id: IdPath, body: TemplateUpdate, principal: EvaluatorUser, session: SessionDep
) -> TemplateOut:
    template = await service.update_template(
        session=session,
        principal=principal,
        template_id=template_id,
        changes=body.model_dump(exclude_unset=True),
    )
    return template_out(template)


@router.delete(
    "/urge-templates/{template_id}",
    status_code=204,
    summary="Delete an urging template (DIC)",
    responses=problem_responses(403, 404),
)
async def delete_template(
    template_id: IdPath, principal: EvaluatorUser, session: SessionDep
) -> Response:
    await service.delete_template(session=session, principal=principal, template_id=template_id)
    return Response(status_code=204)


@router.post(
    "/rounds/{round_id}/urgings",
    response_model=UrgeOut,
    status_code=201,
    summary="Urge units of the round: in the app and by e-mail (DIC)",
    responses=problem_responses(403, 404, 409, 422),
)
async def urge(
    round_id: IdPath,
    body: UrgeIn,
    principal: EvaluatorUser,
    session: SessionDep,
    settings: SettingsDep,
) -> UrgeOut:
    sending = await service.send(
        session=session,
        principal=principal,
        round_id=round_id,
        unit_codes=body.unit_codes,
        texts=body.texts(),
        template_id=body.template_id,
        settings=settings,
    )
    return UrgeOut(
        round_id=sending.round_id,
        units=[
            UrgedUnit(unit_code=u.unit_code, urging_id=u.urging_id, recipients=u.recipients)
            for u in sending.units
        ],
        notifications=sending.notifications,
        emails=sending.emails,
    )


@router.get(
    "/rounds/{round_id}/urgings",
    response_model=Page[UrgingOut],
    summary="Messages sent to the round's units, newest first (DIC)",
    responses=problem_responses(403, 404),
)
async def list_urgings(
    round_id: IdPath,
    principal: EvaluatorUser,
    session: SessionDep,
    page: PageDep,
    unit: Annotated[str | None, Query(max_length=32, description="Only this unit")] = None,
) -> Page[UrgingOut]:
    rows, total = await service.history(
        session=session,
        principal=principal,
        round_id=round_id,
        unit_code=unit,
        limit=page.limit,
        offset=page.offset,
    )
    return Page[UrgingOut](
        items=[
            UrgingOut(
                id=u.id,
                unit_code=code,
                kind=u.kind,
                level=u.level,
                subject_vi=u.subject_vi,
                subject_en=u.subject_en,
                body_vi=u.body_vi,
                body_en=u.body_en,
                recipients=u.recipients,
                sent_by=u.sent_by,
                sent_at=u.sent_at,
            )
            for u, code in rows
        ],
        total=total,
        limit=page.limit,
        offset=page.offset,
    )
