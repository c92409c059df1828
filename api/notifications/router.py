"""HTTP endpoints of the bell: the caller's notifications, marking them read."""

from __future__ import annotations

from fastapi import APIRouter, Request

from api.core.i18n import negotiate_language, translate
from api.core.pagination import IdPath, PageDep
from api.deps import CurrentUser, SessionDep
from api.notifications import service
from api.notifications.schemas import MarkedRead, NotificationOut, NotificationsPage
from api.operator import service as operator_service

router = APIRouter(prefix="/notifications", tags=["notifications"])


@router.get("", response_model=NotificationsPage, summary="My notifications, newest first")
async def list_notifications(
    request: Request,
    principal: CurrentUser,
    session: SessionDep,
    page: PageDep,
    unread: bool = False,
) -> NotificationsPage:
    language = negotiate_language(request.headers.get("accept-language"))
    # Messages name the operating department as it is named now (a setting).
    operator = await operator_service.get(session=session)
    who = {"operator": operator.short_name_vi if language == "vi" else operator.short_name_en}
    rows, total, unread_count = await service.list_for(
        session, principal=principal, limit=page.limit, offset=page.offset, unread_only=unread
    )
    return NotificationsPage(
        items=[
            NotificationOut(
                id=row.id,
                kind=row.kind,
                message=translate(row.code, language, who | (row.params or {})),
                link=row.link,
                created_at=row.created_at,
                read_at=row.read_at,
            )
            for row in rows
        ],
        total=total,
        unread=unread_count,
        limit=page.limit,
        offset=page.offset,
    )


@router.post("/{notification_id}/read", response_model=MarkedRead, summary="Mark one read")
async def read_one(
    notification_id: IdPath, principal: CurrentUser, session: SessionDep
) -> MarkedRead:
    marked = await service.mark_read(session, principal=principal, notification_id=notification_id)
    return MarkedRead(marked=marked)


@router.post("/read-all", response_model=MarkedRead, summary="Mark all of mine read")
async def read_all(principal: CurrentUser, session: SessionDep) -> MarkedRead:
    return MarkedRead(
        marked=await service.mark_read(session, principal=principal, notification_id=None)
    )
