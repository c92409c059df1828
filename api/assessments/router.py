"""HTTP endpoints of a unit's assessment: read, answer, history, evidence, submit."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Request, Response, status
from starlette.datastructures import UploadFile

from api.assessments import service
from api.assessments.schemas import AnswerIn, AssessmentOut, EvidenceOut, HistoryOut
from api.core.errors import Invalid, PayloadTooLarge, problem_responses
from api.core.i18n import negotiate_language
from api.core.pagination import IdPath
from api.deps import CurrentUser, SessionDep, SettingsDep, StorageDep
from api.evidence import service as evidence

router = APIRouter(tags=["assessments"])

IfMatch = Annotated[
    str | None, Header(description="The assessment's ETag; required for writes (412 when stale)")
]
ASSESSMENT = "/rounds/{round_id}/units/{unit_code}"


async def _respond(
    request: Request, response: Response, session: SessionDep, ctx: service.Context
) -> AssessmentOut:
    response.headers["ETag"] = ctx.etag
    language = negotiate_language(request.headers.get("accept-language"))
    return await service.view(session=session, ctx=ctx, language=language)


@router.get(
    f"{ASSESSMENT}/assessment",
    response_model=AssessmentOut,
    summary="A unit's assessment with its live score preview (the unit, DIC)",
)
async def get_assessment(
    round_id: IdPath,
    unit_code: str,
    principal: CurrentUser,
    session: SessionDep,
    request: Request,
    response: Response,
) -> AssessmentOut:
    ctx = await service.load(
        session=session, round_id=round_id, unit_code=unit_code, principal=principal, write=False
    )
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
    principal: CurrentUser,
    session: SessionDep,
    request: Request,
    response: Response,
    if_match: IfMatch = None,
) -> AssessmentOut:
    ctx = await service.load_for_edit(
        session=session,
        round_id=round_id,
        unit_code=unit_code,
        principal=principal,
        if_match=if_match,
        version_required=True,
    )
    await service.save_answer(
        session=session,
        ctx=ctx,
        principal=principal,
        indicator_code=indicator_code,
        inputs=body.inputs,
        note=body.note,
    )
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
    principal: CurrentUser,
    session: SessionDep,
) -> list[HistoryOut]:
    ctx = await service.load(
        session=session, round_id=round_id, unit_code=unit_code, principal=principal, write=False
    )
    entries = await service.history(session=session, ctx=ctx, indicator_code=indicator_code)
    return [HistoryOut.model_validate(entry, from_attributes=True) for entry in entries]


@router.post(
    f"{ASSESSMENT}/submit",
    response_model=AssessmentOut,
    summary="Sign off and submit (unit head); 422 lists what is missing",
    responses=problem_responses(412),
)
async def submit(
    round_id: IdPath,
    unit_code: str,
    principal: CurrentUser,
    session: SessionDep,
    request: Request,
    response: Response,
    if_match: IfMatch = None,
) -> AssessmentOut:
    ctx = await service.load(
        session=session, round_id=round_id, unit_code=unit_code, principal=principal, write=True
    )
    service.check_version(ctx, if_match, required=False)
    await service.submit(session=session, ctx=ctx, principal=principal)
    return await _respond(request, response, session, ctx)


UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file", "indicator_code"],
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "indicator_code": {"type": "string"},
                    },
                }
            }
        },
    }
}


@router.post(
    f"{ASSESSMENT}/evidence",
    response_model=EvidenceOut,
    status_code=status.HTTP_201_CREATED,
    summary="Attach an evidence file to an answer (unit editor/head); 413 too large, 415 bad type",
    responses=problem_responses(412, 413, 415),
    openapi_extra=UPLOAD_BODY,
)
async def upload_evidence(
    round_id: IdPath,
    unit_code: str,
    principal: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    storage: StorageDep,
    request: Request,
    response: Response,
    if_match: IfMatch = None,
) -> EvidenceOut:
    ctx = await service.load_for_edit(
        session=session,
        round_id=round_id,
        unit_code=unit_code,
        principal=principal,
        if_match=if_match,
        version_required=False,
    )
    max_bytes = settings.evidence_max_mb * 1024 * 1024
    # Refuse an announced oversize body before reading it (multipart adds a little framing).
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes + 64 * 1024:
        raise PayloadTooLarge("evidence.too_large", max_mb=settings.evidence_max_mb)
    # Starlette spools file parts to disk past 1 MB, so memory stays flat for any size.
    async with request.form(max_files=1, max_fields=4) as form:
        upload = form.get("file")
        code = form.get("indicator_code")
        if not isinstance(upload, UploadFile):
            raise Invalid("evidence.file_required", field="file")
        if not isinstance(code, str) or not code:
            raise Invalid("evidence.indicator_required", field="indicator_code")
        link = await evidence.upload(
            session=session,
            ctx=ctx,
            principal=principal,
            storage=storage,
            indicator_code=code,
            filename=upload.filename,
            source=upload.file,
            max_bytes=max_bytes,
        )
    response.headers["ETag"] = ctx.etag
    return service.evidence_out(link)


@router.delete(
    f"{ASSESSMENT}/evidence/{{evidence_id}}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Detach an evidence file from its answer (the file is kept for the history)",
    responses=problem_responses(412),
)
async def unlink_evidence(
    round_id: IdPath,
    unit_code: str,
    evidence_id: IdPath,
    principal: CurrentUser,
    session: SessionDep,
    if_match: IfMatch = None,
) -> Response:
    ctx = await service.load_for_edit(
        session=session,
        round_id=round_id,
        unit_code=unit_code,
        principal=principal,
        if_match=if_match,
        version_required=False,
    )
    await evidence.unlink(session=session, ctx=ctx, principal=principal, evidence_id=evidence_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT, headers={"ETag": ctx.etag})
