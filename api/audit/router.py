"""HTTP endpoints of the audit trail (admin): list events, verify the chain."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter

from api.audit import service
from api.audit.schemas import AuditEventOut, ChainVerification
from api.core.pagination import Page, PageDep
from api.deps import AdminUser, SessionDep

router = APIRouter(prefix="/audit-events", tags=["audit"])


@router.get("", response_model=Page[AuditEventOut], summary="Audit events, newest first (admin)")
async def list_events(
    _: AdminUser,
    session: SessionDep,
    page: PageDep,
    actor: str | None = None,
    action: str | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
) -> Page[AuditEventOut]:
    rows, total = await service.list_events(
        session=session,
        limit=page.limit,
        offset=page.offset,
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        since=since,
        until=until,
    )
    return Page(
        items=[AuditEventOut.model_validate(r, from_attributes=True) for r in rows],
        total=total,
        **page.model_dump(),
    )


@router.get(
    "/verify",
    response_model=ChainVerification,
    summary="Check the chain, each event's seal under the audit key, and every publication's "
    "anchor; reports the first broken link (admin)",
)
async def verify(_: AdminUser, session: SessionDep) -> ChainVerification:
    result = await service.verify(session=session)
    return ChainVerification(
        ok=result.ok,
        checked=result.checked,
        first_broken_id=result.first_broken_id,
        reason=result.reason,
        anchors_checked=result.anchors_checked,
    )
