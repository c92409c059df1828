"""HTTP endpoints of review: decisions on answers, their history, and comment threads (the queue
is a view over several domains: ``api.views.router``)."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from api.assessments.deps import ReadableAssessment
from api.assessments.models import SubmissionStatus
from api.core.errors import problem_responses
from api.core.pagination import IdPath
from api.deps import CurrentUser, SessionDep, SettingsDep
from api.reviews import queries, service
from api.reviews.deps import ReviewedAssessment
from api.reviews.models import AnswerComment, ReviewDecision
from api.reviews.schemas import (
    BulkAcceptOut,
    CommentIn,
    CommentOut,
    DecisionIn,
    ReviewOut,
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
    review: ReviewedAssessment,
    principal: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    response: Response,
) -> ReviewOut:
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
    review: ReviewedAssessment, principal: CurrentUser, session: SessionDep
) -> BulkAcceptOut:
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
    ctx: ReadableAssessment,
    session: SessionDep,
) -> list[ReviewOut]:
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
    ctx: ReadableAssessment,
    session: SessionDep,
) -> list[CommentOut]:
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
    ctx: ReadableAssessment,
    principal: CurrentUser,
    session: SessionDep,
) -> CommentOut:
    row = await service.add_comment(
        session=session, ctx=ctx, principal=principal, code=indicator_code, body=body.body
    )
    names = await queries.full_names(session, {row.author})
    return _comment_out(row, names)
