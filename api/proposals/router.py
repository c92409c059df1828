"""HTTP endpoints of the units' proposals (đề xuất): filing one with a file, the lists (a unit's
own, DIC's all with filters, as Excel), DIC's triage, and the proposals a draft answers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from typing import Annotated, Any

from anyio import to_thread
from fastapi import APIRouter, Depends, Query, Request, Response, status
from fastapi.responses import StreamingResponse
from starlette.concurrency import iterate_in_threadpool, run_in_threadpool
from starlette.datastructures import UploadFile

from api.core.errors import Gone, Invalid, problem_responses
from api.core.pagination import IdPath, Page, PageDep
from api.core.xlsx import XLSX_TYPE
from api.deps import CurrentUser, SessionDep, SettingsDep, StorageDep
from api.evidence import service as evidence
from api.evidence.deps import multipart_body
from api.evidence.router import FILE_CONTENT
from api.evidence.router import attachment as content_disposition
from api.proposals import service, sheets
from api.proposals.models import Proposal, ProposalStatus
from api.proposals.schemas import (
    AttachmentOut,
    ProposalIn,
    ProposalLinkOut,
    ProposalOut,
    TriageIn,
)
from api.reviews.queries import full_names

router = APIRouter(tags=["proposals"])

EXPORT_MAX = 10_000
XLSX_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}}},
        "description": "An Excel workbook",
    }
}


async def _out(session: SessionDep, rows: Sequence[Proposal]) -> list[ProposalOut]:
    units = await service.units_of(session, rows)
    blobs = await service.blobs_of(session, rows)
    names = await full_names(
        session, {r.filed_by for r in rows} | {r.decided_by for r in rows if r.decided_by}
    )
    out = []
    for r in rows:
        blob = blobs.get(r.attachment_sha256 or "")
        unit = units[r.unit_id]
        out.append(
            ProposalOut(
                id=r.id,
                unit_code=unit.code,
                unit_name_vi=unit.name_vi,
                framework_id=r.framework_id,
                framework_code=r.framework_code,
                kind=r.kind,
                criterion_code=r.criterion_code,
                title=r.title,
                rationale=r.rationale,
                proposed_text=r.proposed_text,
                attachment=AttachmentOut(
                    filename=service.download_name(r, blob),
                    size=blob.size,
                    content_type=blob.content_type,
                    sha256=blob.sha256,
                )
                if blob
                else None,
                filed_by=r.filed_by,
                filed_by_name=names.get(r.filed_by),
                filed_at=r.filed_at,
                status=r.status,
                target_framework_id=r.target_framework_id,
                target_framework_code=r.target_framework_code,
                target_criterion_code=r.target_criterion_code,
                duplicate_of_id=r.duplicate_of_id,
                response=r.response,
                decided_by=r.decided_by,
                decided_by_name=names.get(r.decided_by) if r.decided_by else None,
                decided_at=r.decided_at,
            )
        )
    return out


async def filters(
    proposal_status: Annotated[
        ProposalStatus | None,
        Query(alias="status", description="submitted, accepted, declined or duplicate"),
    ] = None,
    unit: Annotated[str | None, Query(max_length=32, description="A unit's code (DIC)")] = None,
    framework_id: Annotated[
        int | None,
        Query(ge=1, le=2**31 - 1, description="About this version, or accepted into it"),
    ] = None,
    criterion_code: Annotated[
        str | None,
        Query(max_length=32, description="About this code, or linked to it in the draft"),
    ] = None,
) -> service.Filters:
    return service.Filters(
        status=proposal_status,
        unit_code=unit or None,
        framework_id=framework_id,
        criterion_code=criterion_code or None,
    )


FiltersDep = Annotated[service.Filters, Depends(filters)]


@router.post(
    "/proposals",
    response_model=ProposalOut,
    status_code=status.HTTP_201_CREATED,
    summary="File a proposal to change, add or remove an indicator (a unit's staff)",
    responses=problem_responses(403),
)
async def file_proposal(
    body: ProposalIn, principal: CurrentUser, session: SessionDep
) -> ProposalOut:
    row = await service.file(session=session, principal=principal, body=body)
    [out] = await _out(session, [row])
    return out


@router.get(
    "/proposals",
    response_model=Page[ProposalOut],
    summary="Proposals: a unit's staff their own unit's, DIC every unit's (filtered), newest first",
    responses=problem_responses(403),
)
async def list_proposals(
    principal: CurrentUser, session: SessionDep, page: PageDep, where: FiltersDep
) -> Page[ProposalOut]:
    rows, total = await service.list_proposals(
        session=session, principal=principal, filters=where, limit=page.limit, offset=page.offset
    )
    return Page(items=await _out(session, rows), total=total, limit=page.limit, offset=page.offset)


@router.get(
    "/proposals.xlsx",
    response_class=Response,
    responses={**XLSX_RESPONSE, **problem_responses(403)},
    summary="The proposals, filtered as GET /proposals, as Excel (DIC)",
)
async def export_proposals(
    principal: CurrentUser, session: SessionDep, where: FiltersDep
) -> Response:
    service.require_dic(principal)
    rows, _total = await service.list_proposals(
        session=session, principal=principal, filters=where, limit=EXPORT_MAX, offset=0
    )
    units = await service.units_of(session, rows)
    names = await full_names(
        session, {r.filed_by for r in rows} | {r.decided_by for r in rows if r.decided_by}
    )
    content = await asyncio.to_thread(sheets.export, rows, units, names)
    return Response(
        content=content,
        media_type=XLSX_TYPE,
        headers={
            "Content-Disposition": 'attachment; filename="de-xuat.xlsx"',
            "Cache-Control": "no-store",
        },
    )


@router.get(
    "/proposals/{proposal_id}",
    response_model=ProposalOut,
    summary="One proposal (its unit's staff, DIC)",
    responses=problem_responses(403),
)
async def get_proposal(
    proposal_id: IdPath, principal: CurrentUser, session: SessionDep
) -> ProposalOut:
    row = await service.get(session=session, principal=principal, proposal_id=proposal_id)
    [out] = await _out(session, [row])
    return out


async def _upload(
    request: Request,
    proposal_id: IdPath,
    principal: CurrentUser,
    settings: SettingsDep,
    storage: StorageDep,
) -> AsyncIterator[tuple[evidence.StagedFile, str | None]]:
    """The form's one ``file``, staged (hashed, its type judged) before the route's session runs
    a statement; only a unit's staff get this far (checked before the body is read)."""
    service.may_attach(principal)
    max_bytes = settings.evidence_max_mb * 1024 * 1024
    async with request.form(max_files=1, max_fields=1) as form:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise Invalid("evidence.file_required", field="file")
        staged = await evidence.stage(storage=storage, source=upload.file, max_bytes=max_bytes)
        filename = upload.filename
    try:
        yield staged, filename
    finally:
        await to_thread.run_sync(storage.discard, staged.staged)


AttachmentUpload = Annotated[
    tuple[evidence.StagedFile, str | None], Depends(_upload, scope="function")
]


@router.post(
    "/proposals/{proposal_id}/attachment",
    response_model=ProposalOut,
    status_code=status.HTTP_201_CREATED,
    summary="Attach the proposal's file (its unit's staff, while it awaits DIC); replaces one",
    responses=problem_responses(403, 409, 413, 415),
    openapi_extra=multipart_body(),
)
async def attach_file(
    proposal_id: IdPath,
    upload: AttachmentUpload,  # first: the body is read and staged before the session's first query
    principal: CurrentUser,
    session: SessionDep,
    storage: StorageDep,
) -> ProposalOut:
    staged, filename = upload
    row = await service.attach(
        session=session,
        principal=principal,
        storage=storage,
        proposal_id=proposal_id,
        filename=filename,
        file=staged,
    )
    [out] = await _out(session, [row])
    return out


@router.get(
    "/proposals/{proposal_id}/attachment",
    response_class=StreamingResponse,
    summary="Download the proposal's file (as an attachment); 410 when its content is lost",
    responses={**FILE_CONTENT, **problem_responses(403, 410)},
)
async def download_attachment(
    proposal_id: IdPath, principal: CurrentUser, session: SessionDep, storage: StorageDep
) -> StreamingResponse:
    row, blob = await service.attachment(
        session=session, principal=principal, proposal_id=proposal_id
    )
    stored = await run_in_threadpool(storage.size, blob.sha256)
    if stored != blob.size:
        raise Gone("evidence.blob_missing", id=proposal_id)
    return StreamingResponse(
        iterate_in_threadpool(storage.iter_bytes(blob.sha256)),
        media_type=blob.content_type,
        headers={
            "Content-Disposition": content_disposition(service.download_name(row, blob)),
            "Content-Length": str(blob.size),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
        },
    )


@router.post(
    "/proposals/{proposal_id}/triage",
    response_model=ProposalOut,
    summary="DIC's answer: accepted into a draft, declined with a reason, or a duplicate",
    responses=problem_responses(403, 409),
)
async def triage_proposal(
    proposal_id: IdPath,
    body: TriageIn,
    principal: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
) -> ProposalOut:
    row = await service.triage(
        session=session,
        principal=principal,
        proposal_id=proposal_id,
        body=body,
        settings=settings,
    )
    [out] = await _out(session, [row])
    return out


@router.get(
    "/frameworks/{framework_id}/proposals",
    response_model=list[ProposalLinkOut],
    tags=["frameworks"],
    summary="The proposals accepted into a version, by the criterion code each is linked to",
    responses=problem_responses(403),
)
async def framework_proposals(
    framework_id: IdPath, principal: CurrentUser, session: SessionDep
) -> list[ProposalLinkOut]:
    links = await service.accepted_into(
        session=session, principal=principal, framework_id=framework_id
    )
    return [
        ProposalLinkOut(
            id=link.proposal.id,
            unit_code=link.unit.code,
            unit_name_vi=link.unit.name_vi,
            kind=link.proposal.kind,
            title=link.proposal.title,
            criterion_code=link.proposal.criterion_code,
            target_criterion_code=link.proposal.target_criterion_code or "",
            in_framework=link.in_framework,
            response=link.proposal.response,
        )
        for link in links
    ]
