"""HTTP endpoints of ingestion: push a batch (JSON or CSV), read import reports."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request, Response
from pydantic import ValidationError

from api.core.errors import (
    FieldError,
    Invalid,
    PayloadTooLarge,
    UnsupportedMediaType,
    field_path,
    problem_responses,
    validation_message,
)
from api.core.i18n import Language, negotiate_language, translate
from api.core.middleware import INGEST_MAX_BYTES
from api.core.pagination import MAX_ID, IdPath, Page, PageDep
from api.deps import CurrentPrincipal, SessionDep, SettingsDep
from api.ingest import service, sheets, template
from api.ingest.models import IngestReport
from api.ingest.schemas import (
    INGEST_BODY,
    Counts,
    ErrorKind,
    Progress,
    ReportOut,
    ReportSummary,
    RowError,
)
from api.ingest.sheets import Row
from api.jobs.runner import Runner

router = APIRouter(prefix="/ingest", tags=["ingest"])

MAX_BODY = INGEST_MAX_BYTES  # the middleware refuses larger bodies as they stream in
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _inline(schema: Any, defs: dict[str, Any] | None = None) -> Any:
    """A JSON schema with its local ``$defs`` references written out (for ``openapi_extra``)."""
    if defs is None and isinstance(schema, dict):
        defs = schema.get("$defs", {})
    if isinstance(schema, dict):
        ref = schema.get("$ref", "")
        if ref.startswith("#/$defs/"):
            return _inline(defs[ref.removeprefix("#/$defs/")], defs) if defs else schema
        return {k: _inline(v, defs) for k, v in schema.items() if k != "$defs"}
    if isinstance(schema, list):
        return [_inline(item, defs) for item in schema]
    return schema


BODY_DOC = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": _inline(INGEST_BODY.json_schema())},
            "text/csv": {
                "schema": {"type": "string", "description": "unit_code,element_code,value"}
            },
            XLSX: {
                "schema": {
                    "type": "string",
                    "format": "binary",
                    "description": "First sheet: unit_code, element_code, value",
                }
            },
        },
    }
}


ERRORS_SHOWN = 100  # row errors in a report's own document; the rest page by page


def _row_error(error: dict[str, Any], language: Language) -> RowError:
    return RowError(
        row=error["row"],
        field=error["field"],
        message=translate(error["code"], language, error["params"]),
        unit_code=error.get("unit_code"),
        element_code=error.get("element_code"),
        value=error.get("value"),
    )


def _summary(report: IngestReport, language: Language, *, replayed: bool) -> dict[str, Any]:
    kinds = sorted((report.error_kinds or {}).items(), key=lambda kv: (-kv[1]["count"], kv[0]))
    return {
        "report_id": report.id,
        "round_id": report.round_id,
        "status": report.status,
        "dry_run": report.dry_run,
        "format": report.format,
        "actor": report.actor,
        "actor_kind": report.actor_kind,
        "counts": Counts(
            received=report.received,
            applied=report.applied,
            unchanged=report.unchanged,
            rejected=report.rejected,
        ),
        "errors_total": report.errors_total,
        "error_kinds": [
            ErrorKind(
                code=code,
                count=kind["count"],
                example=_row_error(kind["example"], language).message,
            )
            for code, kind in kinds
        ],
        "progress": Progress(done=report.progress, total=report.received),
        "cancel_requested": report.cancel_requested,
        "created_at": report.created_at,
        "finished_at": report.finished_at,
        "replayed": replayed,
    }


def report_summary(report: IngestReport, language: Language) -> ReportSummary:
    return ReportSummary.model_validate(_summary(report, language, replayed=False))


def report_out(report: IngestReport, language: Language, *, replayed: bool = False) -> ReportOut:
    """The report with its first ``ERRORS_SHOWN`` row errors (``report.errors`` loaded)."""
    return ReportOut.model_validate(
        {
            **_summary(report, language, replayed=replayed),
            "errors": [_row_error(e, language) for e in report.errors[:ERRORS_SHOWN]],
        }
    )


def _content_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _json_rows(body: bytes) -> tuple[int, list[Row]]:
    parsed = INGEST_BODY.validate_json(body)
    rows = [
        Row(index, v["unit_code"], v["element_code"], v["value"])
        for index, v in enumerate(parsed["values"], start=1)
    ]
    return parsed["round_id"], rows


async def _parse(
    body: bytes, content_type: str, round_id: int | None, language: Language
) -> tuple[str, int, list[Row]]:
    """The body as rows: its format, its round and its rows. Parsing a large body is seconds
    of CPU: it runs off the event loop, so other requests go on meanwhile."""
    if content_type == "application/json":
        try:
            body_round, rows = await asyncio.to_thread(_json_rows, body)
        except ValidationError as exc:
            raise _body_invalid(exc, language) from exc
        return "json", body_round, rows
    assert round_id is not None
    fmt = "xlsx" if content_type == XLSX else "csv"
    reader = sheets.rows_from_xlsx if fmt == "xlsx" else sheets.rows_from_csv
    rows = await asyncio.to_thread(reader, body)
    if not rows:  # nothing to apply is the sender's mistake, never "applied, 0 rows"
        raise Invalid("ingest.no_rows", field="body")
    return fmt, round_id, rows


@router.post(
    "/values",
    response_model=ReportOut,
    summary="Push figures (provider; its scopes only): JSON, CSV or XLSX, all rows or none",
    description="A batch of more than `DTI_INGEST_BACKGROUND_ROWS` rows (5,000) runs as a "
    "background job: the answer is 202 with the queued report and its `Location`; read its "
    "progress there, cancel it with `POST …/cancel`.",
    responses={
        202: {"model": ReportOut, "description": "Queued as a background job"},
        **problem_responses(409, 413, 415),
    },
    openapi_extra=BODY_DOC,
)
async def push_values(
    request: Request,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    settings: SettingsDep,
    dry_run: bool = False,
    round_id: Annotated[
        int | None, Query(ge=1, le=MAX_ID, description="The round (for CSV bodies)")
    ] = None,
    idempotency_key: Annotated[
        str | None, Header(max_length=128, description="Retries with the same key apply once")
    ] = None,
) -> ReportOut:
    # Order of work: who may push and what was sent, before a byte of the body is read; then the
    # body is read and parsed; only then the first write query (in the service).
    service.check_caller(principal)
    language = negotiate_language(request.headers.get("accept-language"))
    content_type = _content_type(request)
    if content_type not in ("application/json", "text/csv", "application/csv", XLSX):
        raise UnsupportedMediaType("ingest.content_type", type=content_type or "—")
    if content_type != "application/json" and round_id is None:
        raise Invalid("ingest.round_required", field="round_id")
    body = await _read_body(request)
    fmt, round_id, rows = await _parse(body, content_type, round_id, language)
    body_sha256 = service.body_hash(body, round_id=round_id, fmt=fmt)
    del body
    arguments: dict[str, Any] = {
        "session": session,
        "principal": principal,
        "round_id": round_id,
        "rows": rows,
        "fmt": fmt,
        "body_sha256": body_sha256,
        "dry_run": dry_run,
        "idempotency_key": idempotency_key,
    }
    if len(rows) > settings.ingest_background_rows:
        outcome = await service.submit(**arguments)
        if not outcome.replayed:
            runner: Runner = request.app.state.jobs
            await runner.enqueue(session, service.INGEST_TASK, {"report_id": outcome.report.id})
        if outcome.report.status not in ("applied", "validated", "rejected"):
            response.status_code = 202
            response.headers["Location"] = str(
                request.url_for("get_report", report_id=outcome.report.id)
            )
            return report_out(outcome.report, language, replayed=outcome.replayed)
    else:
        outcome = await service.ingest(**arguments)
    out = report_out(outcome.report, language, replayed=outcome.replayed)
    if out.status == "rejected" and not out.dry_run:
        # Nothing was applied; the report is kept so the agency can read it again later.
        raise Invalid(
            "ingest.rejected",
            commit=True,
            count=out.counts.rejected,
            # The report's own fields, beside the problem's; its status is "rejected", and the
            # problem's "status" stays the HTTP status.
            extensions=out.model_dump(mode="json", exclude={"status"}),
        )
    return out


async def _read_body(request: Request) -> bytes:
    """The body, refused with 413 as soon as it passes the limit (declared or not: a chunked
    upload has no Content-Length to trust)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise PayloadTooLarge("ingest.too_large", max_mb=MAX_BODY // (1024 * 1024))
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise PayloadTooLarge("ingest.too_large", max_mb=MAX_BODY // (1024 * 1024))
        chunks.append(chunk)
    return b"".join(chunks)


def _body_invalid(exc: ValidationError, language: Language) -> Invalid:
    errors = [
        FieldError(
            field_path(("body", *err["loc"])),
            "ingest.body_field",
            detail=validation_message(err, language),
        )
        for err in exc.errors()
    ]
    return Invalid("http.validation", errors=errors, count=len(errors))


@router.get(
    "/reports",
    response_model=Page[ReportSummary],
    summary="Import reports (own; DIC: all), without their row errors",
)
async def list_reports(
    request: Request, principal: CurrentPrincipal, session: SessionDep, page: PageDep
) -> Page[ReportSummary]:
    language = negotiate_language(request.headers.get("accept-language"))
    rows, total = await service.list_reports(
        session=session, principal=principal, limit=page.limit, offset=page.offset
    )
    return Page(items=[report_summary(r, language) for r in rows], total=total, **page.model_dump())


@router.get(
    "/reports/{report_id}",
    response_model=ReportOut,
    summary="One import report: counts, progress, error counts by kind and the first errors",
)
async def get_report(
    report_id: IdPath, request: Request, principal: CurrentPrincipal, session: SessionDep
) -> ReportOut:
    language = negotiate_language(request.headers.get("accept-language"))
    report = await service.get_report(
        session=session, principal=principal, report_id=report_id, errors=True
    )
    return report_out(report, language)


@router.get(
    "/reports/{report_id}/errors",
    response_model=Page[RowError],
    summary="A report's row errors, page by page (the first 1,000 of a batch are kept)",
)
async def list_report_errors(
    report_id: IdPath,
    request: Request,
    principal: CurrentPrincipal,
    session: SessionDep,
    page: PageDep,
    code: Annotated[
        str | None, Query(max_length=64, description="Only errors of this kind")
    ] = None,
) -> Page[RowError]:
    language = negotiate_language(request.headers.get("accept-language"))
    report = await service.get_report(
        session=session, principal=principal, report_id=report_id, errors=True
    )
    errors = [e for e in report.errors if code is None or e["code"] == code]
    shown = errors[page.offset : page.offset + page.limit]
    return Page(
        items=[_row_error(e, language) for e in shown], total=len(errors), **page.model_dump()
    )


@router.post(
    "/reports/{report_id}/cancel",
    response_model=ReportOut,
    summary="Cancel a background import (queued: at once; running: before it writes)",
    responses=problem_responses(409),
)
async def cancel_report(
    report_id: IdPath, request: Request, principal: CurrentPrincipal, session: SessionDep
) -> ReportOut:
    language = negotiate_language(request.headers.get("accept-language"))
    report = await service.cancel(session=session, principal=principal, report_id=report_id)
    return report_out(report, language)


@router.get(
    "/template",
    summary="Excel template pre-filled with the units and elements the caller supplies",
    response_class=Response,
    responses={
        200: {
            "content": {XLSX: {"schema": {"type": "string", "format": "binary"}}},
            "description": "The workbook: sheet 1 to fill in (unit_code, element_code, value)",
        },
        **problem_responses(404, 422),
    },
)
async def download_template(
    principal: CurrentPrincipal,
    session: SessionDep,
    round_id: Annotated[int, Query(ge=1, le=MAX_ID, description="The round")],
    provider_code: Annotated[
        str | None,
        Query(max_length=32, description="Only the elements this agency supplies (DIC)"),
    ] = None,
) -> Response:
    built = await template.build(
        session=session, principal=principal, round_id=round_id, provider_code=provider_code
    )
    return Response(
        content=built.content,
        media_type=XLSX,
        headers={
            "Content-Disposition": f'attachment; filename="{built.filename}"',
            "Cache-Control": "no-store",
        },
    )
