"""Downloading an evidence file, for whoever may read the answer it belongs to."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter
from fastapi.responses import StreamingResponse
from starlette.concurrency import iterate_in_threadpool

from api.core.pagination import IdPath
from api.deps import CurrentUser, SessionDep, StorageDep
from api.evidence import service

router = APIRouter(tags=["evidence"])


def attachment(filename: str) -> str:
    """A Content-Disposition that keeps Vietnamese file names (RFC 6266 / RFC 5987)."""
    ascii_name = filename.encode("ascii", "replace").decode().replace('"', "_").replace("?", "_")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


@router.get(
    "/evidence/{evidence_id}",
    response_class=StreamingResponse,
    summary="Download an evidence file (as an attachment)",
    responses={200: {"content": {"application/octet-stream": {}}}},
)
async def download(
    evidence_id: IdPath, principal: CurrentUser, session: SessionDep, storage: StorageDep
) -> StreamingResponse:
    link = await service.readable_link(
        session=session, principal=principal, evidence_id=evidence_id
    )
    return StreamingResponse(
        iterate_in_threadpool(storage.iter_bytes(link.sha256)),
        media_type=link.blob.content_type,
        headers={
            "Content-Disposition": attachment(link.filename),
            "Content-Length": str(link.blob.size),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
        },
    )
