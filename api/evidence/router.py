"""Downloading an evidence file, for whoever may read the answer it belongs to."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import FileResponse

from api.assessments import service as assessments
from api.core.errors import NotFound
from api.core.pagination import IdPath
from api.deps import CurrentUser, SessionDep, SettingsDep
from api.evidence import service
from api.evidence.storage import LocalStorage
from api.units.models import Unit

router = APIRouter(tags=["evidence"])


@router.get(
    "/evidence/{evidence_id}",
    response_class=FileResponse,
    summary="Download an evidence file (as an attachment)",
    responses={200: {"content": {"application/octet-stream": {}}}},
)
async def download(
    evidence_id: IdPath, principal: CurrentUser, session: SessionDep, settings: SettingsDep
) -> FileResponse:
    link = await service.get_link(session=session, evidence_id=evidence_id)
    unit = await session.get(Unit, link.unit_id)
    assert unit is not None
    # Reading the file needs the right to read its answer; others learn nothing (404).
    try:
        await assessments.load(
            session=session,
            round_id=link.round_id,
            unit_code=unit.code,
            principal=principal,
            write=False,
        )
    except NotFound as exc:
        raise NotFound("evidence.not_found", id=evidence_id) from exc
    path = service.file_path(LocalStorage(settings.storage_dir), link)
    return FileResponse(
        path,
        media_type=link.blob.content_type,
        filename=link.filename,
        content_disposition_type="attachment",
        headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"},
    )
