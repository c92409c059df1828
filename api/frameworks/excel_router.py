"""HTTP endpoints of a framework's Excel round trip: export any version, import a workbook as a new
draft (dry run first; all or nothing)."""

from __future__ import annotations

from typing import Annotated, Any

from anyio import to_thread
from fastapi import APIRouter, Query, Request, Response
from starlette.datastructures import UploadFile

from api.core.errors import (
    FieldError,
    Invalid,
    PayloadTooLarge,
    UnsupportedMediaType,
    problem_responses,
)
from api.core.i18n import Language, negotiate_language
from api.core.pagination import MAX_ID, IdPath
from api.core.xlsx import XLSX_TYPE
from api.deps import AdminUser, CurrentPrincipal, SessionDep
from api.frameworks import excel, sheets
from api.frameworks.excel_schemas import FrameworkImportReport, FrameworkImportRowError

router = APIRouter(prefix="/frameworks", tags=["frameworks"])

ERRORS_LISTED = 1_000  # row errors listed in a report (all are counted)
OVERRIDE_MAX = 500


@router.get(
    "/{framework_id}/export.xlsx",
    response_class=Response,
    summary="A framework version as Excel: the appendix for people, sheets to edit and import",
    responses={
        200: {
            "content": {XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}}},
            "description": "The workbook (docs/framework-format.md § Excel)",
        }
    },
)
async def export_framework(
    framework_id: IdPath, _: CurrentPrincipal, session: SessionDep
) -> Response:
    framework, content = await excel.export(session=session, framework_id=framework_id)
    return Response(
        content=content,
        media_type=XLSX_TYPE,
        headers={
            # The code matches [A-Za-z0-9][\w.-]*: safe in the header as it is.
            "Content-Disposition": f'attachment; filename="{framework.code}.xlsx"',
            "Cache-Control": "no-store",
        },
    )


def _report(outcome: excel.Outcome, *, dry_run: bool, language: Language) -> FrameworkImportReport:
    problems = outcome.parsed.problems
    return FrameworkImportReport(
        status="rejected" if problems else "applied" if outcome.framework else "validated",
        dry_run=dry_run,
        summary=outcome.summary,
        diff=outcome.diff,
        errors=[
            FrameworkImportRowError(
                sheet=p.loc.sheet,
                row=p.loc.row,
                field=p.loc.field,
                code=p.code,
                message=sheets.message(p, language),
            )
            for p in problems[:ERRORS_LISTED]
        ],
        error_count=len(problems),
        framework_id=outcome.framework.id if outcome.framework else None,
    )


IMPORT_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "code": {"type": "string", "description": "A new code for the draft"},
                        "title_vi": {"type": "string", "description": "A new Vietnamese title"},
                        "title_en": {"type": "string", "description": "A new English title"},
                    },
                }
            }
        },
    }
}


@router.post(
    "/import.xlsx",
    response_model=FrameworkImportReport,
    summary="Import a framework workbook as a new draft version (admin): dry run, then all or none",
    description="A multipart form: `file` (the workbook of `GET /frameworks/{id}/export.xlsx`, "
    "edited) and optionally `code`, `title_vi`, `title_en` replacing the framework sheet's. "
    "`dry_run=true` answers the summary, the diff against `base_id` (default: the version with "
    "the file's code) and every row error (sheet, row, column, message in the request's "
    "language), and writes nothing. Without it, a workbook with any error is refused (422 "
    "`framework_excel.rejected`, its `report` beside the problem) and nothing is written; "
    "otherwise the new draft's id is answered.",
    responses=problem_responses(413, 415),
    openapi_extra=IMPORT_BODY,
)
async def import_framework(
    request: Request,
    _: AdminUser,
    session: SessionDep,
    dry_run: bool = False,
    base_id: Annotated[
        int | None, Query(ge=1, le=MAX_ID, description="The version to compare with")
    ] = None,
) -> FrameworkImportReport:
    # Order of work: the caller is an admin; the form is read (its size capped while it streams
    # in) and the workbook parsed off the event loop; only then does the session read and write.
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "multipart/form-data":
        raise UnsupportedMediaType("framework_excel.content_type")
    async with request.form(max_files=1, max_fields=len(excel.OVERRIDABLE)) as form:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise Invalid("framework_excel.file_required", field="file")
        overrides: dict[str, str] = {}
        for key in excel.OVERRIDABLE:
            value = form.get(key)
            if isinstance(value, str) and value.strip():
                overrides[key] = value.strip()[:OVERRIDE_MAX]
        body = await upload.read(sheets.MAX_FILE_BYTES + 1)
    if len(body) > sheets.MAX_FILE_BYTES:
        raise PayloadTooLarge("framework_excel.too_large", max_mb=sheets.MAX_FILE_BYTES >> 20)
    parsed, file_code = await to_thread.run_sync(sheets.read_workbook, body)
    language = negotiate_language(request.headers.get("accept-language"))
    outcome = await excel.check_and_apply(
        session=session,
        parsed=parsed,
        file_code=file_code,
        overrides=overrides,
        base_id=base_id,
        dry_run=dry_run,
        body=body,
    )
    report = _report(outcome, dry_run=dry_run, language=language)
    if report.status == "rejected" and not dry_run:
        raise Invalid(
            "framework_excel.rejected",
            count=report.error_count,
            errors=[
                FieldError(
                    f"{e.sheet}"
                    + (f"[{e.row}]" if e.row else "")
                    + (f".{e.field}" if e.field else ""),
                    "framework_excel.cell",
                    message=e.message,
                )
                for e in report.errors
            ],
            extensions={"report": report.model_dump(mode="json")},
        )
    return report
