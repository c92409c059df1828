"""HTTP endpoints of units and unit groups."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import anyio
from fastapi import APIRouter, Query, Request, Response, status

from api.core.errors import FieldError, Invalid, UnsupportedMediaType, problem_responses
from api.core.i18n import Language, negotiate_language, translate
from api.core.pagination import Page, PageDep
from api.core.xlsx import XLSX_TYPE
from api.deps import AdminUser, CurrentPrincipal, SessionDep
from api.units import lineage, service, sheets
from api.units.models import Unit, UnitGroup
from api.units.schemas import (
    GroupCreate,
    GroupOut,
    GroupUpdate,
    ImportRowError,
    LineageLink,
    Reorganisation,
    ReorganisationOut,
    UnitClose,
    UnitCreate,
    UnitHistory,
    UnitImportReport,
    UnitOut,
    UnitUpdate,
)

router = APIRouter(tags=["units"])


def unit_out(unit: Unit) -> UnitOut:
    return UnitOut(
        code=unit.code,
        name_vi=unit.name_vi,
        name_en=unit.name_en,
        kind=unit.kind,
        groups=[g.code for g in unit.groups],
        parent_code=unit.parent.code if unit.parent else None,
        valid_from=unit.valid_from,
        valid_to=unit.valid_to,
        predecessors=sorted(p.code for p in unit.predecessors),
        is_provider=unit.is_provider,
        source=unit.source,
        unverified=unit.unverified,
    )


def _group_out(group: UnitGroup, count: int) -> GroupOut:
    return GroupOut(
        code=group.code,
        name_vi=group.name_vi,
        name_en=group.name_en,
        sort_order=group.sort_order,
        unit_count=count,
    )


@router.get("/units", response_model=Page[UnitOut], summary="List units")
async def list_units(
    _: CurrentPrincipal,
    session: SessionDep,
    page: PageDep,
    group: Annotated[str | None, Query(description="Group code, e.g. QH or SBN")] = None,
    kind: Annotated[str | None, Query(description="Unit kind, e.g. district")] = None,
    q: Annotated[str | None, Query(max_length=100, description="Search code or name")] = None,
    active_on: Annotated[dt.date | None, Query(description="Valid on this day (today)")] = None,
    include_inactive: bool = False,
    is_provider: Annotated[
        bool | None, Query(description="Only agencies that supply figures (or only others)")
    ] = None,
) -> Page[UnitOut]:
    units, total = await service.list_units(
        session=session,
        limit=page.limit,
        offset=page.offset,
        group=group,
        kind=kind,
        q=q,
        active_on=active_on,
        include_inactive=include_inactive,
        is_provider=is_provider,
    )
    return Page(items=[unit_out(u) for u in units], total=total, **page.model_dump())


@router.post("/units", response_model=UnitOut, status_code=201, summary="Create a unit (admin)")
async def create_unit(body: UnitCreate, _: AdminUser, session: SessionDep) -> UnitOut:
    return unit_out(await service.create_unit(session=session, data=body.model_dump()))


@router.get("/units/{code}", response_model=UnitOut, summary="One unit")
async def get_unit(code: str, _: CurrentPrincipal, session: SessionDep) -> UnitOut:
    return unit_out(await service.get_unit(session=session, code=code))


def link_out(link: service.Link) -> LineageLink:
    return LineageLink(
        predecessor_code=link.predecessor_code,
        successor_code=link.successor_code,
        share="whole" if link.share == "whole" else "part" if link.share == "part" else None,
        effective_on=link.effective_on,
        note=link.note,
        unverified=link.unverified,
    )


@router.patch(
    "/units/{code}",
    response_model=UnitOut,
    summary="Change a unit (admin)",
    description="Moving `valid_to` of a unit that takes part in a round being prepared or "
    "collecting needs `confirm_rounds` (else 409 `unit.close_in_round`).",
    responses=problem_responses(409),
)
async def update_unit(code: str, body: UnitUpdate, _: AdminUser, session: SessionDep) -> UnitOut:
    unit = await service.update_unit(
        session=session, code=code, changes=body.model_dump(exclude_unset=True)
    )
    return unit_out(unit)


@router.post(
    "/units/{code}/close",
    response_model=UnitOut,
    summary="Close a unit (admin): kept, with its history, valid until valid_to",
    description="409 `unit.close_in_round` (with `rounds` and `unit_codes`) when the unit takes "
    "part in a round in phase draft or collecting, unless `confirm_rounds`; 409 "
    "`unit.already_closed` when it has an end date already (edit it instead).",
    responses=problem_responses(409),
)
async def close_unit(code: str, body: UnitClose, _: AdminUser, session: SessionDep) -> UnitOut:
    unit = await service.close_unit(
        session=session, code=code, valid_to=body.valid_to, confirm_rounds=body.confirm_rounds
    )
    return unit_out(unit)


@router.post(
    "/unit-reorganisations",
    response_model=ReorganisationOut,
    status_code=201,
    summary="Record a merger or a split (admin), all at once",
    description="A merger: predecessors (each whole or part) into one successor, new or "
    "existing. A split: one predecessor divided among several successors. Successors begin on "
    "`effective_on`; predecessors that are gone are closed the day before; lineage links are "
    "written. 422 lists every field at fault and writes nothing; 409 `unit.close_in_round` as "
    "for closing a unit, unless `confirm_rounds`.",
    responses=problem_responses(409),
)
async def reorganise(body: Reorganisation, _: AdminUser, session: SessionDep) -> ReorganisationOut:
    outcome = await lineage.reorganise(session=session, data=body)
    return ReorganisationOut(
        kind=body.kind,
        effective_on=outcome.effective_on,
        predecessors=[unit_out(u) for u in outcome.predecessors],
        successors=[unit_out(u) for u in outcome.successors],
        links=[link_out(link) for link in outcome.links],
    )


@router.get(
    "/units/import/template",
    summary="Excel template of the units import (admin)",
    response_class=Response,
    responses={
        200: {
            "content": {XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}}},
            "description": "The workbook: sheet 1 to fill in, sheet 2 the guide (vi/en)",
        }
    },
)
async def import_template(_: AdminUser, session: SessionDep) -> Response:
    return Response(
        content=await sheets.template(session=session),
        media_type=XLSX_TYPE,
        headers={"Content-Disposition": 'attachment; filename="mau-nhap-don-vi.xlsx"'},
    )


# The workbook's own type, or raw bytes (a browser that does not know the file's type).
IMPORT_TYPES = (XLSX_TYPE, "application/octet-stream")


def _report(report: sheets.Report, language: Language) -> UnitImportReport:
    return UnitImportReport(
        status="rejected" if report.problems else "validated" if report.dry_run else "applied",
        dry_run=report.dry_run,
        rows=report.rows,
        created=report.created,
        closed=report.closed,
        errors=[
            ImportRowError(
                row=p.row,
                column=p.column,
                code=p.code,
                message=translate(p.code, language, p.params),
            )
            for p in report.problems[: sheets.MAX_LISTED]
        ],
        error_count=len(report.problems),
    )


@router.post(
    "/units/import",
    response_model=UnitImportReport,
    summary="Import units from an Excel sheet (admin): dry run, then every row or none",
    description="The body is the .xlsx file (sent as XLSX or `application/octet-stream`). "
    "With `dry_run=true` the answer reports every row error (row, column, message in the "
    "request's language) and nothing is written. Without it, a sheet with any error is "
    "refused (422 `unit_import.rejected`, its `report` beside the problem) and nothing is "
    "written.",
    responses=problem_responses(413, 415),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                media: {"schema": {"type": "string", "format": "binary"}} for media in IMPORT_TYPES
            },
        }
    },
)
async def import_units(
    request: Request, _: AdminUser, session: SessionDep, dry_run: bool = False
) -> UnitImportReport:
    # Order of work: the caller is an admin (checked above), then the body is read and parsed
    # off the event loop, and only then does the session write.
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in IMPORT_TYPES:
        raise UnsupportedMediaType("unit_import.content_type", type=content_type or "—")
    body = await request.body()
    raw = await anyio.to_thread.run_sync(sheets.read_rows, body)
    language = negotiate_language(request.headers.get("accept-language"))
    report = await sheets.run(session=session, raw=raw, body=body, dry_run=dry_run)
    out = _report(report, language)
    if out.status == "rejected" and not dry_run:
        raise Invalid(
            "unit_import.rejected",
            count=out.error_count,
            errors=[
                FieldError(f"rows[{p.row}].{p.column}", p.code, **p.params) for p in report.problems
            ],
            extensions={"report": out.model_dump(mode="json")},
        )
    return out


@router.delete("/units/{code}", status_code=204, summary="Delete an unused unit (admin)")
async def delete_unit(code: str, _: AdminUser, session: SessionDep) -> Response:
    await service.delete_unit(session=session, code=code)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/units/{code}/history", response_model=UnitHistory, summary="Merger history of a unit")
async def unit_history(code: str, _: CurrentPrincipal, session: SessionDep) -> UnitHistory:
    found = await service.history(session=session, code=code)
    return UnitHistory(
        unit=unit_out(found.unit),
        ancestors=[unit_out(u) for u in found.ancestors],
        successors=[unit_out(u) for u in found.successors],
        descendants=[unit_out(u) for u in found.descendants],
        links=[link_out(link) for link in found.links],
    )


@router.get("/unit-groups", response_model=list[GroupOut], summary="List unit groups")
async def list_groups(_: CurrentPrincipal, session: SessionDep) -> list[GroupOut]:
    return [_group_out(g, n) for g, n in await service.list_groups(session=session)]


@router.post(
    "/unit-groups", response_model=GroupOut, status_code=201, summary="Create a group (admin)"
)
async def create_group(body: GroupCreate, _: AdminUser, session: SessionDep) -> GroupOut:
    return _group_out(await service.create_group(session=session, data=body.model_dump()), 0)


@router.patch("/unit-groups/{code}", response_model=GroupOut, summary="Change a group (admin)")
async def update_group(code: str, body: GroupUpdate, _: AdminUser, session: SessionDep) -> GroupOut:
    group = await service.update_group(
        session=session, code=code, changes=body.model_dump(exclude_unset=True)
    )
    counts = {g.code: n for g, n in await service.list_groups(session=session)}
    return _group_out(group, counts.get(group.code, 0))


@router.delete("/unit-groups/{code}", status_code=204, summary="Delete an unused group (admin)")
async def delete_group(code: str, _: AdminUser, session: SessionDep) -> Response:
    await service.delete_group(session=session, code=code)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
