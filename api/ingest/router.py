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
from api.deps import CurrentPrincipal, SessionDep
from api.ingest import service, sheets, template
from api.ingest.models import IngestReport
from api.ingest.schemas import INGEST_BODY, Counts, ReportOut, RowError
from api.ingest.sheets import Row

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


def report_out(report: IngestReport, language: Language, *, replayed: bool = False) -> ReportOut:
    return ReportOut.model_validate(
        {
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
            "errors": [
                RowError(
                    row=e["row"],
                    field=e["field"],
                    message=translate(e["code"], language, e["params"]),
                    unit_code=e.get("unit_code"),
                    element_code=e.get("element_code"),
                    value=e.get("value"),
                )
                for e in report.errors
            ],
            "created_at": report.created_at,
            "replayed": replayed,
        }
    )


@router.post(
    "/values",
    response_model=ReportOut,
    summary="Push figures (provider; its scopes only): JSON, CSV or XLSX, all rows or none",
    responses=problem_responses(409, 413, 415),
    openapi_extra=BODY_DOC,
)
async def push_values(
    request: Request,
    principal: CurrentPrincipal,
    session: SessionDep,
    dry_run: bool = False,
    round_id: Annotated[
        int | None, Query(ge=1, le=MAX_ID, description="The round (for CSV bodies)")
    ] = None,
    idempotency_key: Annotated[
        str | None, Header(max_length=128, description="Retries with the same key apply once")
    ] = None,
) -> ReportOut:
    language = negotiate_language(request.headers.get("accept-language"))
    body = await _read_body(request)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    rows: list[Row]
    if content_type in ("text/csv", "application/csv", XLSX):
        if round_id is None:
            raise Invalid("ingest.round_required", field="round_id")
        # Parsing a large sheet is seconds of CPU: off the event loop, so other requests go on.
        fmt = "xlsx" if content_type == XLSX else "csv"
        reader = sheets.rows_from_xlsx if fmt == "xlsx" else sheets.rows_from_csv
        rows = await asyncio.to_thread(reader, body)
    elif content_type == "application/json":
        fmt = "json"
        try:
            parsed = INGEST_BODY.validate_json(body)
        except ValidationError as exc:
            raise _body_invalid(exc, language) from exc
        round_id = parsed["round_id"]
        rows = [
            Row(index, v["unit_code"], v["element_code"], v["value"])
            for index, v in enumerate(parsed["values"], start=1)
        ]
    else:
        raise UnsupportedMediaType("ingest.content_type", type=content_type or "—")
    outcome = await service.ingest(
        session=session,
        principal=principal,
        round_id=round_id,
        rows=rows,
        fmt=fmt,
        body_sha256=service.body_hash(body, round_id=round_id, fmt=fmt),
        dry_run=dry_run,
        idempotency_key=idempotency_key,
    )
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


@router.get("/reports", response_model=Page[ReportOut], summary="Import reports (own; DIC: all)")
async def list_reports(
    request: Request, principal: CurrentPrincipal, session: SessionDep, page: PageDep
) -> Page[ReportOut]:
    language = negotiate_language(request.headers.get("accept-language"))
    rows, total = await service.list_reports(
        session=session, principal=principal, limit=page.limit, offset=page.offset
    )
    return Page(items=[report_out(r, language) for r in rows], total=total, **page.model_dump())


@router.get("/reports/{report_id}", response_model=ReportOut, summary="One import report")
async def get_report(
    report_id: IdPath, request: Request, principal: CurrentPrincipal, session: SessionDep
) -> ReportOut:
    language = negotiate_language(request.headers.get("accept-language"))
    report = await service.get_report(session=session, principal=principal, report_id=report_id)
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
