"""Validating and applying a batch of figures: every row checked, then all applied or none.

Writes are set-based, never an ORM object per row (see :mod:`api.assessments.bulk`).

The round's row is locked for the batch, so two batches into one round apply one after the other
and a phase change waits for a batch in flight.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api.assessments import bulk
from api.assessments.models import ValueSource
from api.assessments.values import parse_value
from api.audit import service as audit
from api.core.errors import Conflict, Forbidden, Invalid, NotFound
from api.core.principal import DIC_ROLES, Principal, Role
from api.core.request_context import current_request_id
from api.frameworks import compiled
from api.frameworks.schemas import DataElementIn
from api.ingest.models import IngestReport
from api.ingest.sheets import Row
from api.rounds.models import Phase, Round

INTEGER = re.compile(r"-?[0-9]+")  # ASCII digits only: "²".isdigit() is true, int("²") fails


@dataclass
class Outcome:
    report: IngestReport
    replayed: bool = False
    errors: list[dict[str, Any]] = field(default_factory=list)


def body_hash(body: bytes, *, round_id: int, fmt: str) -> str:
    """What an Idempotency-Key stands for: these bytes, into this round, read as this format."""
    digest = hashlib.sha256(f"{round_id}:{fmt}:".encode())
    digest.update(body)
    return digest.hexdigest()


def _shown(raw: Any, limit: int = 64) -> str | None:
    """A raw cell as short text for an error listing (None stays None)."""
    if raw is None:
        return None
    shown = raw if isinstance(raw, str) else json.dumps(raw, ensure_ascii=False, default=str)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _typed_for_csv(element: DataElementIn, raw: Any) -> Any:
    """Sheets carry text: read "true"/"có" as booleans and digits as numbers before checking."""
    if not isinstance(raw, str):
        return raw
    if element.value_type == "boolean":
        lowered = raw.strip().lower()
        if lowered in ("true", "1", "yes", "có", "co", "x"):
            return True
        if lowered in ("false", "0", "no", "không", "khong"):
            return False
    if element.value_type == "integer" and INTEGER.fullmatch(raw.strip()):
        return int(raw)
    return raw


def may_push(principal: Principal, element: DataElementIn, unit_code: str) -> bool:
    """Whether the caller may supply ``element`` for the unit: a client within its scopes, an
    agency's staff member for the elements their agency supplies, DIC for any non-self element."""
    if principal.kind == "client":
        # Its scopes narrow, never widen, what its agency supplies.
        return (
            principal.unit_code is not None
            and element.provider_code == principal.unit_code
            and principal.may_push(element.code, unit_code)
        )
    if principal.has_any_role(DIC_ROLES):
        return True
    return (
        Role.provider in principal.roles
        and principal.unit_code is not None
        and element.provider_code == principal.unit_code
    )


def check_caller(principal: Principal) -> None:
    if principal.kind == "client" or principal.has_any_role(DIC_ROLES):
        return
    if Role.provider not in principal.roles:
        raise Forbidden("auth.forbidden_role", roles="provider, evaluator")


async def ingest(
    *,
    session: AsyncSession,
    principal: Principal,
    round_id: int,
    rows: list[Row],
    fmt: str,
    body_sha256: str,
    dry_run: bool,
    idempotency_key: str | None,
) -> Outcome:
    """Check every row; unless it is a dry run and nothing is wrong, apply them all.

    A dry run writes no figure and ignores ``idempotency_key`` (checking twice is harmless), so a
    client may check a batch and then apply it under the key it means to retry with.
    """
    check_caller(principal)
    if dry_run:
        idempotency_key = None
    # The round's row is the batch's lock: batches into one round (and retries of one batch)
    # apply one after the other, and a phase change waits for the batch in flight.
    round_ = await session.get(Round, round_id, with_for_update=True)
    if round_ is None:
        raise NotFound("round.not_found", id=round_id)
    if idempotency_key is not None:
        earlier = await session.scalar(
            select(IngestReport).where(
                IngestReport.actor_kind == principal.kind,
                IngestReport.actor == principal.name,
                IngestReport.idempotency_key == idempotency_key,
            )
        )
        if earlier is not None:
            if earlier.body_sha256 != body_sha256:
                raise Invalid("ingest.key_reused", field="Idempotency-Key")
            return Outcome(report=earlier, replayed=True)
    if round_.phase != Phase.collecting:
        raise Conflict("assessment.round_closed", phase=round_.phase.value)
    framework = await compiled.load(session=session, framework=round_.framework)
    elements = framework.elements
    units = {p.unit.code: p.unit_id for p in round_.participants}
    group_of = {p.unit.code: p.group.code for p in round_.participants}
    used_by = framework.elements_by_group

    errors: list[dict[str, Any]] = []
    accepted: dict[tuple[int, str], Any] = {}
    seen: set[tuple[str, str]] = set()

    def reject(row: Row, field_name: str, message: str, /, **params: Any) -> None:
        # Kept in the report as JSON: numbers in messages (a bound, say) as their text, and the
        # row as it came (so a long sheet's errors can be read without the sheet at hand).
        plain = {k: v if isinstance(v, str | int) else str(v) for k, v in params.items()}
        errors.append(
            {
                "row": row.row,
                "field": field_name,
                "code": message,
                "params": plain,
                "unit_code": _shown(row.unit_code),
                "element_code": _shown(row.element_code),
                "value": _shown(row.value),
            }
        )

    for row in rows:
        unit_code, element_code = str(row.unit_code or ""), str(row.element_code or "")
        element = elements.get(element_code)
        if unit_code not in units:
            reject(row, "unit_code", "ingest.unknown_unit", code=unit_code)
            continue
        if element is None:
            reject(row, "element_code", "ingest.unknown_element", code=element_code)
            continue
        if element.source == "self":
            reject(row, "element_code", "ingest.self_element", code=element_code)
            continue
        if not may_push(principal, element, unit_code):
            reject(
                row,
                "element_code",
                "auth.forbidden_scope" if principal.kind == "client" else "ingest.not_agency",
                element_code=element_code,
                unit_code=unit_code,
            )
            continue
        if element_code not in used_by.get(group_of[unit_code], set()):
            reject(
                row,
                "element_code",
                "ingest.not_applicable",
                element_code=element_code,
                unit_code=unit_code,
                group=group_of[unit_code],
            )
            continue
        if (unit_code, element_code) in seen:
            reject(
                row,
                "element_code",
                "ingest.duplicate",
                unit_code=unit_code,
                element_code=element_code,
            )
            continue
        seen.add((unit_code, element_code))
        raw = _typed_for_csv(element, row.value) if fmt in ("csv", "xlsx") else row.value
        value, error = parse_value(element, raw, "value")
        if error is not None:
            reject(row, "value", error.code, **error.params)
            continue
        accepted[(units[unit_code], element_code)] = value

    # The report goes in first: it claims the idempotency key (a concurrent request with the same
    # key into another round fails here, before writing anything) and every revision names it.
    report = IngestReport(
        round_id=round_.id,
        actor=principal.name,
        actor_kind=principal.kind,
        format=fmt,
        dry_run=dry_run,
        status="rejected" if errors else ("validated" if dry_run else "applied"),
        received=len(rows),
        applied=0,
        unchanged=0,
        rejected=len({e["row"] for e in errors}),
        errors=errors,
        idempotency_key=idempotency_key,
        body_sha256=body_sha256,
        request_id=current_request_id(),
    )
    try:
        async with session.begin_nested():
            session.add(report)
    except IntegrityError as exc:
        raise Conflict("ingest.key_in_flight") from exc
    if not errors:
        report.applied, report.unchanged = await bulk.apply_values(
            session=session,
            round_=round_,
            principal=principal,
            values=accepted,
            source=ValueSource.provider,
            write=not dry_run,
            report_id=report.id,
        )
        await session.flush()
    if report.status == "applied":
        await audit.record(
            session=session,
            action="ingest.apply",
            object_type="round",
            object_id=str(round_.id),
            after={
                "report_id": report.id,
                "applied": report.applied,
                "unchanged": report.unchanged,
            },
        )
    return Outcome(report=report, errors=errors)


async def get_report(
    *, session: AsyncSession, principal: Principal, report_id: int
) -> IngestReport:
    """A report, for the client that sent the batch or for DIC; others get 404."""
    report = await session.get(IngestReport, report_id)
    own = report is not None and (report.actor_kind, report.actor) == (
        principal.kind,
        principal.name,
    )
    if report is None or (not own and not principal.has_any_role(DIC_ROLES)):
        raise NotFound("ingest.report_not_found", id=report_id)
    return report


async def list_reports(
    *, session: AsyncSession, principal: Principal, limit: int, offset: int
) -> tuple[list[IngestReport], int]:
    """The caller's reports (DIC: everyone's), newest first."""
    query = select(IngestReport)
    if not principal.has_any_role(DIC_ROLES):
        query = query.where(
            IngestReport.actor_kind == principal.kind, IngestReport.actor == principal.name
        )
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await session.scalars(query.order_by(IngestReport.id.desc()).limit(limit).offset(offset))
    return list(rows), total
