"""HTTP endpoints of review: decisions on answers, their history, comment threads, the queue."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status
from starlette.datastructures import UploadFile

from api.assessments import service as assessments
from api.assessments.models import SubmissionStatus
from api.assessments.schemas import EvidenceOut
from api.core.errors import Invalid, PayloadTooLarge, problem_responses
from api.core.pagination import IdPath, Page, PageDep
from api.deps import CurrentUser, SessionDep, SettingsDep, StorageDep
from api.reviews import feedback, queries, service
from api.reviews.models import AnswerComment, Feedback, FeedbackStatus, ReviewDecision
from api.reviews.schemas import (
    BulkAcceptOut,
    CommentIn,
    CommentOut,
    DecisionIn,
    FeedbackAnswerIn,
    FeedbackIn,
    FeedbackOut,
    QueueItem,
    ReviewOut,
    UnitFeedbackOut,
    WindowOut,
)

router = APIRouter(tags=["reviews"])

UNIT = "/rounds/{round_id}/units/{unit_code}"


def _review_out(
    row: ReviewDecision, names: dict[str, str], submission_status: SubmissionStatus
) -> ReviewOut:
    return ReviewOut(
        indicator_code=row.indicator_code,
        decision=row.decision,
        points=row.points,
        values=row.values,
        comment=row.comment,
        reviewer=row.reviewer,
        reviewer_name=names.get(row.reviewer),
        decided_at=row.decided_at,
        submission_status=submission_status,
    )


def _comment_out(row: AnswerComment, names: dict[str, str]) -> CommentOut:
    return CommentOut(
        id=row.id,
        indicator_code=row.indicator_code,
        author=row.author,
        author_name=names.get(row.author),
        author_side=row.author_side,
        body=row.body,
        created_at=row.created_at,
    )


@router.post(
    f"{UNIT}/reviews/{{indicator_code}}",
    response_model=ReviewOut,
    status_code=status.HTTP_201_CREATED,
    summary="Decide on one answer (evaluator): accepted, adjusted (points or values, with a "
    "reason) or returned (what to fix)",
    responses=problem_responses(403, 409),
)
async def decide(
    round_id: IdPath,
    unit_code: str,
    indicator_code: str,
    body: DecisionIn,
    principal: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    response: Response,
) -> ReviewOut:
    review = await service.load_for_review(
        session=session, round_id=round_id, unit_code=unit_code, principal=principal
    )
    ctx = review.ctx
    row = await service.decide(
        session=session,
        review=review,
        principal=principal,
        code=indicator_code,
        body=body,
        settings=settings,
    )
    response.headers["ETag"] = ctx.etag
    names = await queries.full_names(session, {row.reviewer})
    return _review_out(row, names, ctx.status)


@router.post(
    f"{UNIT}/reviews:accept-pending",
    response_model=BulkAcceptOut,
    summary="Accept every answer of the unit not yet reviewed (evaluator)",
    responses=problem_responses(403, 409),
)
async def accept_pending(
    round_id: IdPath, unit_code: str, principal: CurrentUser, session: SessionDep
) -> BulkAcceptOut:
    review = await service.load_for_review(
        session=session, round_id=round_id, unit_code=unit_code, principal=principal
    )
    count = await service.accept_pending(session=session, review=review, principal=principal)
    return BulkAcceptOut(accepted=count, submission_status=review.ctx.status)


@router.get(
    f"{UNIT}/reviews/{{indicator_code}}",
    response_model=list[ReviewOut],
    summary="Every decision on one answer, oldest first (the unit, DIC)",
)
async def review_history(
    round_id: IdPath,
    unit_code: str,
    indicator_code: str,
    principal: CurrentUser,
    session: SessionDep,
) -> list[ReviewOut]:
    ctx = await assessments.load(
        session=session, round_id=round_id, unit_code=unit_code, principal=principal, write=False
    )
    rows = await service.history(session=session, ctx=ctx, code=indicator_code)
    names = await queries.full_names(session, {r.reviewer for r in rows})
    return [_review_out(r, names, ctx.status) for r in rows]


@router.get(
    f"{UNIT}/answers/{{indicator_code}}/comments",
    response_model=list[CommentOut],
    summary="The thread on one answer between the unit and DIC, oldest first",
)
async def list_comments(
    round_id: IdPath,
    unit_code: str,
    indicator_code: str,
    principal: CurrentUser,
    session: SessionDep,
) -> list[CommentOut]:
    ctx = await assessments.load(
        session=session, round_id=round_id, unit_code=unit_code, principal=principal, write=False
    )
    rows = await service.comments(session=session, ctx=ctx, code=indicator_code)
    names = await queries.full_names(session, {r.author for r in rows})
    return [_comment_out(r, names) for r in rows]


@router.post(
    f"{UNIT}/answers/{{indicator_code}}/comments",
    response_model=CommentOut,
    status_code=status.HTTP_201_CREATED,
    summary="Add a message to an answer's thread (the unit's staff, DIC)",
    responses=problem_responses(403, 409),
)
async def add_comment(
    round_id: IdPath,
    unit_code: str,
    indicator_code: str,
    body: CommentIn,
    principal: CurrentUser,
    session: SessionDep,
) -> CommentOut:
    ctx = await assessments.load(
        session=session, round_id=round_id, unit_code=unit_code, principal=principal, write=False
    )
    row = await service.add_comment(
        session=session, ctx=ctx, principal=principal, code=indicator_code, body=body.body
    )
    names = await queries.full_names(session, {row.author})
    return _comment_out(row, names)


@router.get(
    "/rounds/{round_id}/review-queue",
    response_model=Page[QueueItem],
    summary="Where each unit's review stands (DIC), by group, status or one indicator",
    responses=problem_responses(403),
)
async def review_queue(
    round_id: IdPath,
    principal: CurrentUser,
    session: SessionDep,
    page: PageDep,
    group: Annotated[str | None, Query(max_length=32, description="Group code, e.g. QH")] = None,
    submission_status: Annotated[
        SubmissionStatus | None, Query(alias="status", description="Submission status")
    ] = None,
    indicator: Annotated[
        str | None, Query(max_length=32, description="Show this answer's state per unit")
    ] = None,
) -> Page[QueueItem]:
    items = await service.queue(
        session=session,
        principal=principal,
        round_id=round_id,
        group=group,
        status=submission_status,
        indicator=indicator,
    )
    window = items[page.offset : page.offset + page.limit]
    return Page(items=window, total=len(items), **page.model_dump())


# --- feedback on preliminary results (giải trình) ------------------------------------------------


async def _feedback_out(
    session: SessionDep, rows: list[Feedback], units: dict[int, str]
) -> list[FeedbackOut]:
    files = await feedback.files_of(session, [r.id for r in rows])
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
            files=[assessments.evidence_out(link) for link in files.get(r.id, [])],
        )
        for r in rows
    ]


@router.get(
    f"{UNIT}/feedback",
    response_model=UnitFeedbackOut,
    summary="The unit's feedback on its preliminary results, and the feedback window",
)
async def unit_feedback(
    round_id: IdPath, unit_code: str, principal: CurrentUser, session: SessionDep
) -> UnitFeedbackOut:
    ctx = await assessments.load(
        session=session, round_id=round_id, unit_code=unit_code, principal=principal, write=False
    )
    found = await feedback.window(session, ctx.round)
    rows = await feedback.list_for_unit(session, ctx)
    return UnitFeedbackOut(
        window=WindowOut(opens_on=found.opens_on, closes_on=found.closes_on, open=found.is_open),
        run_id=found.run.id if found.run else None,
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
    round_id: IdPath, unit_code: str, body: FeedbackIn, principal: CurrentUser, session: SessionDep
) -> FeedbackOut:
    ctx = await assessments.load(
        session=session, round_id=round_id, unit_code=unit_code, principal=principal, write=False
    )
    row = await feedback.file(
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
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["file"],
                        "properties": {"file": {"type": "string", "format": "binary"}},
                    }
                }
            },
        }
    },
)
async def attach_feedback_file(
    round_id: IdPath,
    unit_code: str,
    feedback_id: IdPath,
    principal: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    storage: StorageDep,
    request: Request,
) -> EvidenceOut:
    ctx = await assessments.load(
        session=session, round_id=round_id, unit_code=unit_code, principal=principal, write=False
    )
    max_bytes = settings.evidence_max_mb * 1024 * 1024
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes + 64 * 1024:
        raise PayloadTooLarge("evidence.too_large", max_mb=settings.evidence_max_mb)
    async with request.form(max_files=1, max_fields=2) as form:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise Invalid("evidence.file_required", field="file")
        link = await feedback.attach(
            session=session,
            ctx=ctx,
            principal=principal,
            storage=storage,
            feedback_id=feedback_id,
            filename=upload.filename,
            source=upload.file,
            max_bytes=max_bytes,
        )
    return assessments.evidence_out(link)


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
    principal: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
) -> FeedbackOut:
    review = await service.load_for_review(
        session=session, round_id=round_id, unit_code=unit_code, principal=principal
    )
    ctx = review.ctx
    row = await feedback.answer(
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
    round_, rows = await feedback.list_for_round(
        session, principal=principal, round_id=round_id, status=feedback_status
    )
    units = {p.unit_id: p.unit.code for p in round_.participants}
    return await _feedback_out(session, rows, units)
