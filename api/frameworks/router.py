"""HTTP endpoints of frameworks: versions, criteria tree, elements, edits, clones, diffs."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Query, Response, status
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.errors import problem_responses
from api.core.pagination import MAX_ID, IdPath, Page, PageDep
from api.deps import AdminUser, CurrentPrincipal, EvaluatorUser, SessionDep
from api.frameworks import diff as diffs
from api.frameworks import documents, preview, service
from api.frameworks.models import Framework, FrameworkStatus
from api.frameworks.schemas import (
    CloneRequest,
    CriterionOut,
    CriterionPatch,
    DataElementOut,
    FrameworkDiff,
    FrameworkDocument,
    FrameworkOut,
    RulePreviewOut,
    RulePreviewRequest,
    StatusChange,
)

router = APIRouter(prefix="/frameworks", tags=["frameworks"])

STALE = problem_responses(412)
IfMatch = Annotated[
    str | None, Header(description="ETag of the version being edited; 412 when stale")
]


async def _outs(session: AsyncSession, frameworks: list[Framework]) -> list[FrameworkOut]:
    summaries = await service.summaries(session=session, frameworks=frameworks)
    return [
        FrameworkOut(
            id=f.id,
            code=f.code,
            title_vi=f.title_vi,
            title_en=f.title_en,
            legal_basis=f.legal_basis,
            year=f.year,
            status=f.status.value,
            groups=f.groups,
            cloned_from_id=f.cloned_from_id,
            revision=f.revision,
            levels=f.levels,
            pillar_views=f.pillar_views,
            provenance=f.provenance,
            created_at=f.created_at,
            updated_at=f.updated_at,
            **vars(summaries[f.id]),
        )
        for f in frameworks
    ]


async def _one(session: AsyncSession, framework: Framework, response: Response) -> FrameworkOut:
    response.headers["ETag"] = service.etag(framework)
    return (await _outs(session, [framework]))[0]


@router.get("", response_model=Page[FrameworkOut], summary="List framework versions")
async def list_frameworks(
    _: CurrentPrincipal,
    session: SessionDep,
    page: PageDep,
    status: FrameworkStatus | None = None,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> Page[FrameworkOut]:
    rows, total = await service.list_frameworks(
        session=session, limit=page.limit, offset=page.offset, status=status, year=year
    )
    return Page(items=await _outs(session, rows), total=total, **page.model_dump())


@router.post(
    "",
    response_model=FrameworkOut,
    status_code=201,
    summary="Import a framework document as a new draft version (admin)",
)
async def create_framework(
    body: FrameworkDocument, _: AdminUser, session: SessionDep, response: Response
) -> FrameworkOut:
    framework = await service.create(session=session, doc=body)
    return await _one(session, framework, response)


@router.post(
    "/rule-preview",
    response_model=RulePreviewOut,
    summary="Score example values with one rule, by the engine (the editor's worked example)",
)
async def rule_preview(body: RulePreviewRequest, _: EvaluatorUser) -> RulePreviewOut:
    result = preview.preview_rule(
        rule=body.rule,
        max_points=body.max_points,
        inputs=body.inputs,
        others=body.others,
        group=body.group,
        reviewer_points=body.reviewer_points,
        reviewer_reason=body.reviewer_reason,
    )
    explanation = result.explanation
    return RulePreviewOut(
        points=result.points,
        max_points=result.max_points,
        applicable=explanation.applicable,
        outcome=explanation.outcome.value,
        formula_vi=explanation.formula_vi,
        formula_en=explanation.formula_en,
    )


@router.get("/{framework_id}", response_model=FrameworkOut, summary="One framework version")
async def get_framework(
    framework_id: IdPath, _: CurrentPrincipal, session: SessionDep, response: Response
) -> FrameworkOut:
    framework = await service.get(session=session, framework_id=framework_id)
    return await _one(session, framework, response)


@router.put(
    "/{framework_id}",
    response_model=FrameworkOut,
    summary="Replace a draft's document (admin); 409 once active or used by a round",
    responses=STALE,
)
async def replace_framework(
    framework_id: IdPath,
    body: FrameworkDocument,
    _: AdminUser,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> FrameworkOut:
    framework = await service.replace(
        session=session, framework_id=framework_id, doc=body, if_match=if_match
    )
    return await _one(session, framework, response)


@router.delete("/{framework_id}", status_code=204, summary="Delete an unused framework (admin)")
async def delete_framework(framework_id: IdPath, _: AdminUser, session: SessionDep) -> Response:
    await service.delete_framework(session=session, framework_id=framework_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/{framework_id}/document",
    response_model=FrameworkDocument,
    summary="The whole framework as an importable document",
)
async def get_document(
    framework_id: IdPath, _: CurrentPrincipal, session: SessionDep
) -> FrameworkDocument:
    framework = await service.get(session=session, framework_id=framework_id)
    return await documents.load_document(session=session, framework=framework)


@router.get(
    "/{framework_id}/criteria",
    response_model=list[CriterionOut],
    summary="The criteria tree, with max points per group",
)
async def get_criteria(
    framework_id: IdPath,
    _: CurrentPrincipal,
    session: SessionDep,
    group: Annotated[str | None, Query(description="Only criteria applying to this group")] = None,
) -> list[CriterionOut]:
    return await service.criteria_tree(session=session, framework_id=framework_id, group=group)


@router.patch(
    "/{framework_id}/criteria/{code}",
    response_model=FrameworkOut,
    summary="Change one criterion of a draft (admin); 409 once active or used by a round",
    responses=STALE,
)
async def patch_criterion(
    framework_id: IdPath,
    code: str,
    body: CriterionPatch,
    _: AdminUser,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> FrameworkOut:
    framework = await service.patch_criterion(
        session=session, framework_id=framework_id, code=code, patch=body, if_match=if_match
    )
    return await _one(session, framework, response)


@router.get(
    "/{framework_id}/elements",
    response_model=list[DataElementOut],
    summary="The data elements the framework's indicators read",
)
async def get_elements(
    framework_id: IdPath, _: CurrentPrincipal, session: SessionDep
) -> list[DataElementOut]:
    framework = await service.get(session=session, framework_id=framework_id)
    doc = await documents.load_document(session=session, framework=framework)
    return [DataElementOut.model_validate(e.model_dump()) for e in doc.elements]


@router.post(
    "/{framework_id}/clone",
    response_model=FrameworkOut,
    status_code=201,
    summary="Copy a framework into a new draft version (admin)",
)
async def clone_framework(
    framework_id: IdPath, body: CloneRequest, _: AdminUser, session: SessionDep, response: Response
) -> FrameworkOut:
    framework = await service.clone(session=session, framework_id=framework_id, **body.model_dump())
    return await _one(session, framework, response)


@router.post(
    "/{framework_id}/status",
    response_model=FrameworkOut,
    summary="Activate, retire or return to draft (admin); 409 on an illegal move",
)
async def change_status(
    framework_id: IdPath, body: StatusChange, _: AdminUser, session: SessionDep, response: Response
) -> FrameworkOut:
    framework = await service.set_status(
        session=session, framework_id=framework_id, status=FrameworkStatus(body.status)
    )
    return await _one(session, framework, response)


@router.get(
    "/{framework_id}/diff",
    response_model=FrameworkDiff,
    summary="What changed from another version (base) to this one",
)
async def diff_frameworks(
    framework_id: IdPath,
    _: CurrentPrincipal,
    session: SessionDep,
    base: Annotated[
        int, Query(ge=1, le=MAX_ID, description="Id of the version to compare against")
    ],
) -> FrameworkDiff:
    return await diffs.diff(session=session, base_id=base, target_id=framework_id)
