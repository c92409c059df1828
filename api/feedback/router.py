"""HTTP endpoints of feedback on preliminary results (giải trình): the unit's feedback and the
window, filing one with files, DIC's answer, and every unit's feedback for DIC."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from api.assessments.deps import ReadableAssessment
from api.assessments.schemas import EvidenceOut
from api.core.errors import problem_responses
from api.core.pagination import IdPath
from api.deps import CurrentUser, SessionDep, SettingsDep, StorageDep
from api.evidence.deps import Upload, evidence_upload, multipart_body
from api.evidence.service import evidence_out
from api.feedback import service
from api.feedback.models import Feedback, FeedbackStatus
from api.feedback.schemas import (
    FeedbackAnswerIn,
    FeedbackIn,
    FeedbackOut,
    UnitFeedbackOut,
    WindowOut,
)
from api.results import service as results
from api.reviews import queries
from api.reviews.deps import ReviewedAssessment

# Published under the review part of the API, where the units and DIC first met it.
router = APIRouter(tags=["reviews"])

UNIT = "/rounds/{round_id}/units/{unit_code}"
FileUpload = Annotated[
    Upload,
    Depends(evidence_upload(max_fields=2, authorise=service.may_attach), scope="function"),
]


async def _feedback_out(
    session: SessionDep, rows: list[Feedback], units: dict[int, str]
) -> list[FeedbackOut]:
    files = await service.files_of(session, [r.id for r in rows])
    names = await queries.full_names(
        session, {r.filed_by for r in rows} | {r.responded_by for r in rows if r.responded_by}
    )
    return [
        FeedbackOut(
            id=r.id,
            unit_code=units.get(r.unit_id, ""),
            indicator_code=r.indicator_code,
            score_run_id=r.score_run_id,
            body=r.body,
            filed_by=r.filed_by,
            filed_by_name=names.get(r.filed_by),
            filed_at=r.filed_at,
            status=r.status.value,
            response=r.response,
            responded_by=r.responded_by,
            responded_by_name=names.get(r.responded_by) if r.responded_by else None,
            responded_at=r.responded_at,
            files=[evidence_out(link) for link in files.get(r.id, [])],
        )
        for r in rows
    ]


@router.get(
    f"{UNIT}/feedback",
    response_model=UnitFeedbackOut,
    summary="The unit's feedback on its preliminary results, the feedback window, and the "
    "published run once there is one",
)
async def unit_feedback(ctx: ReadableAssessment, session: SessionDep) -> UnitFeedbackOut:
    found = await service.window(session, ctx.round)
    rows = await service.list_for_unit(session, ctx)
    published = await results.latest_publication(session=session, round_id=ctx.round.id)
    return UnitFeedbackOut(
        window=WindowOut(opens_on=found.opens_on, closes_on=found.closes_on, open=found.is_open),
        run_id=found.run.id if found.run else None,
        published_run_id=published.score_run_id if published else None,
        published_version=published.version if published else None,
        items=await _feedback_out(session, rows, {ctx.unit.id: ctx.unit.code}),
    )


@router.post(
    f"{UNIT}/feedback",
    response_model=FeedbackOut,
    status_code=status.HTTP_201_CREATED,
    summary="File feedback on one indicator of the preliminary results (the unit's staff)",
    responses=problem_responses(403, 409),
)
async def file_feedback(
    body: FeedbackIn, ctx: ReadableAssessment, principal: CurrentUser, session: SessionDep
) -> FeedbackOut:
    row = await service.file(
        session=session, ctx=ctx, principal=principal, code=body.indicator_code, body=body.body
    )
    [out] = await _feedback_out(session, [row], {ctx.unit.id: ctx.unit.code})
    return out


@router.post(
    f"{UNIT}/feedback/{{feedback_id}}/evidence",
    response_model=EvidenceOut,
    status_code=status.HTTP_201_CREATED,
    summary="Attach a file to an open feedback (the unit's staff, while the window is open)",
    responses=problem_responses(403, 409, 413, 415),
    openapi_extra=multipart_body(),
)
async def attach_feedback_file(
    round_id: IdPath,
    unit_code: str,
    feedback_id: IdPath,
    upload: FileUpload,  # first: the body is read and staged before the session's first query
    ctx: ReadableAssessment,
    principal: CurrentUser,
    session: SessionDep,
    storage: StorageDep,
) -> EvidenceOut:
    link = await service.attach(
        session=session,
        ctx=ctx,
        principal=principal,
        storage=storage,
        feedback_id=feedback_id,
        filename=upload.filename,
        file=upload.staged,
    )
    return evidence_out(link)


@router.post(
    f"{UNIT}/feedback/{{feedback_id}}/answer",
    response_model=FeedbackOut,
    summary="Answer a feedback (evaluator): accepted with an adjustment, or rejected",
    responses=problem_responses(403, 409),
)
async def answer_feedback(
    round_id: IdPath,
    unit_code: str,
    feedback_id: IdPath,
    body: FeedbackAnswerIn,
    review: ReviewedAssessment,
    principal: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
) -> FeedbackOut:
    ctx = review.ctx
    row = await service.answer(
        session=session,
        review=review,
        principal=principal,
        feedback_id=feedback_id,
        accepted=body.decision == "accepted",
        reason=body.reason,
        points=body.points,
        values=body.values,
        settings=settings,
    )
    [out] = await _feedback_out(session, [row], {ctx.unit.id: ctx.unit.code})
    return out


@router.get(
    "/rounds/{round_id}/feedback",
    response_model=list[FeedbackOut],
    summary="Every unit's feedback in the round (DIC), optionally by status",
    responses=problem_responses(403),
)
async def round_feedback(
    round_id: IdPath,
    principal: CurrentUser,
    session: SessionDep,
    feedback_status: Annotated[
        FeedbackStatus | None, Query(alias="status", description="open, accepted or rejected")
    ] = None,
) -> list[FeedbackOut]:
    round_, rows = await service.list_for_round(
        session, principal=principal, round_id=round_id, status=feedback_status
    )
    units = {p.unit_id: p.unit.code for p in round_.participants}
    return await _feedback_out(session, rows, units)
