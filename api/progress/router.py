"""HTTP endpoints of progress: the round's table (JSON) and its Excel export."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.core.errors import problem_responses
from api.core.pagination import IdPath
from api.deps import CurrentUser, SessionDep
from api.progress import export, service
from api.progress.schemas import ProgressOut

router = APIRouter(tags=["progress"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Group = Annotated[str | None, Query(max_length=32, description="Only this group, e.g. QH")]


@router.get(
    "/rounds/{round_id}/progress",
    response_model=ProgressOut,
    summary="Each unit's progress in the round, and per group (DIC, leadership)",
    responses=problem_responses(403),
)
async def get_progress(
    round_id: IdPath, principal: CurrentUser, session: SessionDep, group: Group = None
) -> ProgressOut:
    _, progress = await service.for_reader(
        session=session, principal=principal, round_id=round_id, group=group
    )
    return progress


@router.get(
    "/rounds/{round_id}/progress.xlsx",
    summary="The progress table as an Excel file",
    response_class=Response,
    responses={
        200: {"content": {XLSX: {"schema": {"type": "string", "format": "binary"}}}},
        **problem_responses(403),
    },
)
async def export_progress(
    round_id: IdPath, principal: CurrentUser, session: SessionDep, group: Group = None
) -> Response:
    round_, progress = await service.for_reader(
        session=session, principal=principal, round_id=round_id, group=group
    )
    title = round_.title_vi
    suffix = f"-{group}" if group and group.isalnum() else ""
    return Response(
        content=export.workbook(progress, title),
        media_type=XLSX,
        headers={
            "Content-Disposition": f'attachment; filename="tien-do-ky-{round_id}{suffix}.xlsx"',
            "Cache-Control": "no-store",
        },
    )
