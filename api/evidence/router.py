"""HTTP endpoints of evidence files: attach one to an answer, detach it (the unit's staff, while
they may edit the answer), and download one (whoever may read the answer it belongs to)."""

from __future__ import annotations

import logging
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Response, status
from fastapi.responses import StreamingResponse
from starlette.concurrency import iterate_in_threadpool, run_in_threadpool

from api.assessments import context
from api.assessments.deps import EvidenceAssessment
from api.assessments.schemas import EvidenceOut
from api.core.errors import Gone, Invalid, problem_responses
from api.core.pagination import IdPath
from api.core.principal import Principal
from api.deps import CurrentUser, SessionDep, StorageDep
from api.evidence import service
from api.evidence.deps import Upload, evidence_upload, multipart_body
from api.evidence.sniff import ALLOWED

logger = logging.getLogger("api.evidence")

# Tags per route: attaching and detaching belong to the assessment's part of the API.
router = APIRouter()

ASSESSMENT = "/rounds/{round_id}/units/{unit_code}"

# A stored file is served with the type its content was recognised as on upload (sniff.ALLOWED);
# files kept from before the check may carry application/octet-stream.
FILE_CONTENT: dict[int | str, dict[str, Any]] = {
    200: {"content": {kind: {} for kind in sorted(ALLOWED | {"application/octet-stream"})}}
}


def _may_attach(principal: Principal, round_id: int, unit_code: str) -> None:
    context.authorise(principal=principal, round_id=round_id, unit_code=unit_code, write=True)


AnswerUpload = Annotated[
    Upload,
    Depends(
        evidence_upload("indicator_code", max_fields=4, authorise=_may_attach), scope="function"
    ),
]


def attachment(filename: str) -> str:
    """A Content-Disposition that keeps Vietnamese file names (RFC 6266 / RFC 5987)."""
    ascii_name = filename.encode("ascii", "replace").decode().replace('"', "_").replace("?", "_")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


@router.post(
    f"{ASSESSMENT}/evidence",
    response_model=EvidenceOut,
    status_code=status.HTTP_201_CREATED,
    tags=["assessments"],
    summary="Attach an evidence file to an answer (unit editor/head); 413 too large, 415 bad type",
    responses=problem_responses(412, 413, 415),
    openapi_extra=multipart_body("indicator_code"),
)
async def upload_evidence(
    upload: AnswerUpload,  # first: the body is read and staged before the session's first query
    ctx: EvidenceAssessment,
    principal: CurrentUser,
    session: SessionDep,
    storage: StorageDep,
    response: Response,
) -> EvidenceOut:
    code = upload.fields.get("indicator_code")
    if not code:
        raise Invalid("evidence.indicator_required", field="indicator_code")
    link = await service.upload(
        session=session,
        ctx=ctx,
        principal=principal,
        storage=storage,
        indicator_code=code,
        filename=upload.filename,
        file=upload.staged,
    )
    response.headers["ETag"] = ctx.etag
    return service.evidence_out(link)


@router.delete(
    f"{ASSESSMENT}/evidence/{{evidence_id}}",
    status_code=status.HTTP_204_NO_CONTENT,
    tags=["assessments"],
    summary="Detach an evidence file from its answer (the file is kept for the history)",
    responses=problem_responses(412),
)
async def unlink_evidence(
    round_id: IdPath,
    unit_code: str,
    evidence_id: IdPath,
    ctx: EvidenceAssessment,
    principal: CurrentUser,
    session: SessionDep,
) -> Response:
    await service.unlink(session=session, ctx=ctx, principal=principal, evidence_id=evidence_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT, headers={"ETag": ctx.etag})


@router.get(
    "/evidence/{evidence_id}",
    tags=["evidence"],
    response_class=StreamingResponse,
    summary="Download an evidence file (as an attachment); 410 when its content is lost",
    responses={**FILE_CONTENT, **problem_responses(410)},
)
async def download(
    evidence_id: IdPath, principal: CurrentUser, session: SessionDep, storage: StorageDep
) -> StreamingResponse:
    link = await service.readable_link(
        session=session, principal=principal, evidence_id=evidence_id
    )
    # Checked before the 200 goes out: a stream that fails half-way looks like a network error
    # to the browser, and a size that differs from Content-Length would abort it the same way.
    stored = await run_in_threadpool(storage.size, link.sha256)
    if stored != link.blob.size:
        logger.error(
            "evidence %s: blob %s is %s in storage (expected %s bytes); run `python -m api check`",
            evidence_id,
            link.sha256,
            "missing" if stored is None else f"{stored} bytes",
            link.blob.size,
        )
        raise Gone("evidence.blob_missing", id=evidence_id)
    return StreamingResponse(
        iterate_in_threadpool(storage.iter_bytes(link.sha256)),
        media_type=link.blob.content_type,
        headers={
            "Content-Disposition": attachment(service.download_name(link)),
            "Content-Length": str(link.blob.size),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
        },
    )
