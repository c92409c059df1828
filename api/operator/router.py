"""HTTP endpoints of the operating department's name: read by anyone (every page shows it, the
sign-in and public pages included), changed by an admin."""

from __future__ import annotations

from fastapi import APIRouter

from api.core.errors import problem_responses
from api.deps import AdminUser, SessionDep
from api.operator import service
from api.operator.schemas import OperatorIn, OperatorOut

router = APIRouter(tags=["operator"])
public_router = APIRouter(prefix="/public", tags=["public"])


@public_router.get(
    "/operator",
    response_model=OperatorOut,
    summary="The operating department's name, shown on every page and document (anyone)",
)
async def read(session: SessionDep) -> OperatorOut:
    return await service.get(session=session)


@router.put(
    "/operator",
    response_model=OperatorOut,
    summary="Change the operating department's name (admin)",
    responses=problem_responses(403, 422),
)
async def update(body: OperatorIn, principal: AdminUser, session: SessionDep) -> OperatorOut:
    return await service.update(session=session, data=body, actor=principal.name)
