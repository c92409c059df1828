"""HTTP endpoints of a unit's assessment (read, answer, history, submit) and of the review queue.

Every write to an assessment answers with the whole view (``api.views.assessment``), so these
routes sit above assessments, reviews and results. The upload and removal of evidence files are
``api.evidence``'s; decisions and comments are ``api.reviews``'.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api.assessments import service as assessments
from api.assessments.context import Context
from api.assessments.deps import (
    AnswerableAssessment,
    ReadableAssessment,
    SubmittableAssessment,
)
from api.assessments.models import SubmissionStatus
from api.assessments.schemas import AnswerIn, AssessmentOut, HistoryOut
from api.core.database import commit_then_read
from api.core.errors import problem_responses
from api.core.i18n import negotiate_language
from api.core.pagination import IdPath, Page, PageDep
from api.deps import CurrentUser, SessionDep
from api.results.adapter import PeerValues
from api.reviews.schemas import QueueItem
from api.views import queue, todo
from api.views.assessment import assessment

router = APIRouter(tags=["assessments"])
queue_router = APIRouter(tags=["reviews"])
me_router = APIRouter(tags=["home"])

ASSESSMENT = "/rounds/{round_id}/units/{unit_code}"


async def _respond(
    request: Request, response: Response, session: SessionDep, ctx: Context
) -> AssessmentOut:
    response.headers["ETag"] = ctx.etag
    language = negotiate_language(request.headers.get("accept-language"))
    peers: PeerValues = request.app.state.peer_values
    return await assessment(session=session, ctx=ctx, language=language, peers=peers)


@router.get(
    f"{ASSESSMENT}/assessment",
    response_model=AssessmentOut,
    summary="A unit's assessment with its live score preview (the unit, DIC)",
)
async def get_assessment(
    ctx: ReadableAssessment, session: SessionDep, request: Request, response: Response
) -> AssessmentOut:
    return await _respond(request, response, session, ctx)


@router.put(
    f"{ASSESSMENT}/answers/{{indicator_code}}",
    response_model=AssessmentOut,
    summary="Save one answer (unit editor/head); 412 on a stale ETag, 409 once submitted",
    responses=problem_responses(412, 428),
)
async def put_answer(
    round_id: IdPath,
    unit_code: str,
    indicator_code: str,
    body: AnswerIn,
    ctx: AnswerableAssessment,
    principal: CurrentUser,
    session: SessionDep,
    request: Request,
    response: Response,
) -> AssessmentOut:
    await assessments.save_answer(
        session=session,
        ctx=ctx,
        principal=principal,
        indicator_code=indicator_code,
        inputs=body.inputs,
        note=body.note,
    )
    await commit_then_read(session)
    return await _respond(request, response, session, ctx)


@router.get(
    f"{ASSESSMENT}/answers/{{indicator_code}}/history",
    response_model=list[HistoryOut],
    summary="Every change of an answer: who, when, source, old and new value",
)
async def answer_history(
    round_id: IdPath,
    unit_code: str,
    indicator_code: str,
    ctx: ReadableAssessment,
    session: SessionDep,
) -> list[HistoryOut]:
    entries = await assessments.history(session=session, ctx=ctx, indicator_code=indicator_code)
    return [HistoryOut.model_validate(entry, from_attributes=True) for entry in entries]


@router.post(
    f"{ASSESSMENT}/submit",
    response_model=AssessmentOut,
    summary="Sign off and submit (unit head); 422 lists what is missing",
    responses=problem_responses(412),
)
async def submit(
    ctx: SubmittableAssessment,
    principal: CurrentUser,
    session: SessionDep,
    request: Request,
    response: Response,
) -> AssessmentOut:
    await assessments.submit(session=session, ctx=ctx, principal=principal)
    await commit_then_read(session)
    return await _respond(request, response, session, ctx)


@queue_router.get(
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
    items = await queue.queue(
        session=session,
        principal=principal,
        round_id=round_id,
        group=group,
        status=submission_status,
        indicator=indicator,
    )
    window = items[page.offset : page.offset + page.limit]
    return Page(items=window, total=len(items), **page.model_dump())


@me_router.get(
    "/me/todo",
    response_model=todo.TodoOut,
    summary="The caller's to-do list for the home page, a section per role held",
)
async def my_todo(principal: CurrentUser, session: SessionDep) -> todo.TodoOut:
    return await todo.todo(session=session, principal=principal)
