"""HTTP endpoints of the audit trail (admin): list and export events, the filters' values, verify
the chain."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse

from api.audit import service
from api.audit.models import AuditEvent
from api.audit.schemas import AuditEventOut, AuditFacets, ChainVerification
from api.core.csvsafe import csv_row
from api.core.pagination import Page, PageDep
from api.deps import AdminUser, ReadSessionsDep, SessionDep

router = APIRouter(prefix="/audit-events", tags=["audit"])

CSV_BOM = "\ufeff"  # so that Excel reads Vietnamese as UTF-8
CSV_COLUMNS = (
    "id",
    "at",
    "actor",
    "actor_kind",
    "action",
    "object_type",
    "object_id",
    "before",
    "after",
    "request_id",
    "hash",
)


async def event_filter(
    actor: Annotated[str | None, Query(max_length=128, description="Who (exact)")] = None,
    action: Annotated[
        str | None, Query(max_length=64, description="e.g. client.create (exact)")
    ] = None,
    object_type: Annotated[str | None, Query(max_length=64, description="e.g. api_client")] = None,
    object_id: Annotated[str | None, Query(max_length=255)] = None,
    since: Annotated[dt.datetime | None, Query(description="From this time (inclusive)")] = None,
    until: Annotated[dt.datetime | None, Query(description="Before this time")] = None,
) -> service.EventFilter:
    return service.EventFilter(actor, action, object_type, object_id, since, until)


FilterDep = Annotated[service.EventFilter, Depends(event_filter)]


@router.get("", response_model=Page[AuditEventOut], summary="Audit events, newest first (admin)")
async def list_events(
    _: AdminUser, session: SessionDep, page: PageDep, where: FilterDep
) -> Page[AuditEventOut]:
    rows, total = await service.list_events(
        session=session,
        limit=page.limit,
        offset=page.offset,
        actor=where.actor,
        action=where.action,
        object_type=where.object_type,
        object_id=where.object_id,
        since=where.since,
        until=where.until,
    )
    return Page(
        items=[AuditEventOut.model_validate(r, from_attributes=True) for r in rows],
        total=total,
        **page.model_dump(),
    )


def _json(value: dict[str, Any] | None) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _csv_line(values: list[Any]) -> str:
    out = io.StringIO()
    csv.writer(out).writerow(csv_row(values))
    return out.getvalue()


def _csv_values(event: AuditEvent) -> list[Any]:
    return [
        event.id,
        event.at.astimezone(dt.UTC).isoformat(),
        event.actor,
        event.actor_kind,
        event.action,
        event.object_type,
        event.object_id,
        _json(event.before),
        _json(event.after),
        event.request_id or "",
        event.hash,
    ]


@router.get(
    "/export.csv",
    response_class=StreamingResponse,
    summary="The filtered events as CSV, newest first (UTF-8 with BOM; text cells never "
    "formulas; before/after as JSON) (admin)",
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}},
)
async def export_events(
    _: AdminUser, reads: ReadSessionsDep, where: FilterDep
) -> StreamingResponse:
    async def lines() -> AsyncIterator[bytes]:
        yield (CSV_BOM + _csv_line(list(CSV_COLUMNS))).encode()
        # Read in batches on a read-only session of its own: the request's has ended by the
        # time the body streams, and no write lock is ever held.
        async with reads() as session:
            async for batch in service.event_batches(session=session, where=where):
                yield "".join(_csv_line(_csv_values(event)) for event in batch).encode()

    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return StreamingResponse(
        lines(),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="audit-events-{stamp}.csv"',
            "Cache-Control": "private, no-store",
        },
    )


@router.get(
    "/facets",
    response_model=AuditFacets,
    summary="The actions, object types and actors found in the trail, for the filters (admin)",
)
async def facets(_: AdminUser, session: SessionDep) -> AuditFacets:
    found = await service.facets(session=session)
    return AuditFacets(actions=found.actions, object_types=found.object_types, actors=found.actors)


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
