"""Validating and applying a batch of figures: every row checked, then all applied or none.

Writes are set-based, never an ORM object per row (see :mod:`api.assessments.bulk`).

The round's row is locked for the batch, so two batches into one round apply one after the other
and a phase change waits for a batch in flight.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import re
from collections.abc import Callable, Iterable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import undefer

from api.assessments import bulk
from api.assessments.models import ValueSource
from api.assessments.values import parse_value
from api.audit import service as audit
from api.core.database import READ_ONLY, unit_of_work, utcnow
from api.core.errors import Conflict, Forbidden, Invalid, NotFound
from api.core.principal import DIC_ROLES, Principal, Role, Scope
from api.core.request_context import Actor, current_request_id, set_actor
from api.frameworks import compiled
from api.frameworks.schemas import DataElementIn
from api.ingest.models import IngestBatch, IngestReport
from api.ingest.sheets import Row
from api.rounds.models import Phase, Round

log = logging.getLogger(__name__)
SessionFactory = Callable[[], AbstractAsyncContextManager[AsyncSession]]

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


def may_push(
    principal: Principal,
    element: DataElementIn,
    unit_code: str,
    round_id: int,
    practice_of: int | None = None,
) -> bool:
    """Whether the caller may supply ``element`` for the unit in the round: a client within its
    scopes, an agency's staff member for the elements their agency supplies, DIC for any non-self
    element. In a practice round (a copy of round ``practice_of``), a scope naming the original
    covers the copy too, so an agency practises with the client it will use."""
    if principal.kind == "client":
        # Its scopes narrow, never widen, what its agency supplies.
        return (
            principal.unit_code is not None
            and element.provider_code == principal.unit_code
            and any(
                principal.may_push(element.code, unit_code, scope_round)
                for scope_round in (round_id, practice_of)
                if scope_round is not None
            )
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


ERRORS_KEPT = 1000  # row errors stored per report; every one is counted by kind
CHUNK = 2000  # rows checked between two progress updates of a background batch


class ErrorLog:
    """A batch's row errors: the first ``ERRORS_KEPT`` as they are, all counted by kind."""

    def __init__(self) -> None:
        self.kept: list[dict[str, Any]] = []
        self.kinds: dict[str, dict[str, Any]] = {}
        self.total = 0
        self.rows: set[int] = set()

    def add(self, error: dict[str, Any]) -> None:
        self.total += 1
        self.rows.add(error["row"])
        kind = self.kinds.setdefault(error["code"], {"count": 0, "example": error})
        kind["count"] += 1
        if len(self.kept) < ERRORS_KEPT:
            self.kept.append(error)


class Checker:
    """Checks rows against a round (the module docstring's rules), keeping what it accepts."""

    def __init__(self, principal: Principal, round_: Round, framework: Any, fmt: str) -> None:
        self.principal = principal
        self.round_id = round_.id
        self.practice_of = round_.practice_of_id if round_.is_practice else None
        self.fmt = fmt
        self.elements = framework.elements
        self.used_by = framework.elements_by_group
        self.units = {p.unit.code: p.unit_id for p in round_.participants}
        self.group_of = {p.unit.code: p.group.code for p in round_.participants}
        self.errors = ErrorLog()
        self.accepted: dict[tuple[int, str], Any] = {}
        self.seen: set[tuple[str, str]] = set()
        self.checked = 0

    def reject(self, row: Row, field_name: str, message: str, /, **params: Any) -> None:
        # Kept in the report as JSON: numbers in messages (a bound, say) as their text, and the
        # row as it came (so a long sheet's errors can be read without the sheet at hand).
        plain = {k: v if isinstance(v, str | int) else str(v) for k, v in params.items()}
        self.errors.add(
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

    def check(self, rows: Iterable[Row]) -> None:
        principal, reject = self.principal, self.reject
        for row in rows:
            self.checked += 1
            unit_code, element_code = str(row.unit_code or ""), str(row.element_code or "")
            element = self.elements.get(element_code)
            if unit_code not in self.units:
                reject(row, "unit_code", "ingest.unknown_unit", code=unit_code)
                continue
            if element is None:
                reject(row, "element_code", "ingest.unknown_element", code=element_code)
                continue
            if element.source == "self":
                reject(row, "element_code", "ingest.self_element", code=element_code)
                continue
            if not may_push(principal, element, unit_code, self.round_id, self.practice_of):
                reject(
                    row,
                    "element_code",
                    "auth.forbidden_scope" if principal.kind == "client" else "ingest.not_agency",
                    element_code=element_code,
                    unit_code=unit_code,
                )
                continue
            if element_code not in self.used_by.get(self.group_of[unit_code], set()):
                reject(
                    row,
                    "element_code",
                    "ingest.not_applicable",
                    element_code=element_code,
                    unit_code=unit_code,
                    group=self.group_of[unit_code],
                )
                continue
            if (unit_code, element_code) in self.seen:
                reject(
                    row,
                    "element_code",
                    "ingest.duplicate",
                    unit_code=unit_code,
                    element_code=element_code,
                )
                continue
            self.seen.add((unit_code, element_code))
            raw = _typed_for_csv(element, row.value) if self.fmt in ("csv", "xlsx") else row.value
            value, error = parse_value(element, raw, "value")
            if error is not None:
                reject(row, "value", error.code, **error.params)
                continue
            self.accepted[(self.units[unit_code], element_code)] = value


def _record_errors(report: IngestReport, errors: ErrorLog) -> None:
    report.errors = errors.kept
    report.error_kinds = errors.kinds
    report.errors_total = errors.total
    report.rejected = len(errors.rows)


async def _earlier(
    session: AsyncSession, principal: Principal, idempotency_key: str, body_sha256: str
) -> IngestReport | None:
    """The report an earlier request with this key made (409/422 if the body differs)."""
    earlier = await session.scalar(
        select(IngestReport)
        .options(undefer(IngestReport.errors))
        .where(
            IngestReport.actor_kind == principal.kind,
            IngestReport.actor == principal.name,
            IngestReport.idempotency_key == idempotency_key,
        )
    )
    if earlier is not None and earlier.body_sha256 != body_sha256:
        raise Invalid("ingest.key_reused", field="Idempotency-Key")
    return earlier


def _new_report(
    principal: Principal,
    round_: Round,
    *,
    fmt: str,
    dry_run: bool,
    status: str,
    received: int,
    idempotency_key: str | None,
    body_sha256: str,
) -> IngestReport:
    return IngestReport(
        round_id=round_.id,
        actor=principal.name,
        actor_kind=principal.kind,
        format=fmt,
        dry_run=dry_run,
        status=status,
        received=received,
        applied=0,
        unchanged=0,
        rejected=0,
        errors=[],
        error_kinds={},
        errors_total=0,
        progress=0,
        cancel_requested=False,
        idempotency_key=idempotency_key,
        body_sha256=body_sha256,
        request_id=current_request_id(),
    )


async def _claim(session: AsyncSession, report: IngestReport) -> None:
    """Insert the report: it claims the idempotency key (a concurrent request with the same key
    into another round fails here, before writing anything) and every revision names it."""
    try:
        async with session.begin_nested():
            session.add(report)
    except IntegrityError as exc:
        raise Conflict("ingest.key_in_flight") from exc


async def _apply(
    session: AsyncSession,
    *,
    round_: Round,
    principal: Principal,
    report: IngestReport,
    checker: Checker,
) -> None:
    """Write what ``checker`` accepted (unless it found errors or it is a dry run), in the
    caller's transaction, and fill in the report."""
    _record_errors(report, checker.errors)
    report.progress = checker.checked
    report.status = (
        "rejected" if checker.errors.total else ("validated" if report.dry_run else "applied")
    )
    if not checker.errors.total:
        report.applied, report.unchanged = await bulk.apply_values(
            session=session,
            round_=round_,
            principal=principal,
            values=checker.accepted,
            source=ValueSource.provider,
            write=not report.dry_run,
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
            actor=Actor(principal.name, principal.kind),
        )


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

    The caller parses the body first: the first query here is the first write of the request.
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
        earlier = await _earlier(session, principal, idempotency_key, body_sha256)
        if earlier is not None:
            return Outcome(report=earlier, replayed=True)
    if round_.phase != Phase.collecting:
        raise Conflict("assessment.round_closed", phase=round_.phase.value)
    framework = await compiled.load(session=session, framework=round_.framework)
    checker = Checker(principal, round_, framework, fmt)
    checker.check(rows)
    report = _new_report(
        principal,
        round_,
        fmt=fmt,
        dry_run=dry_run,
        status="running",
        received=len(rows),
        idempotency_key=idempotency_key,
        body_sha256=body_sha256,
    )
    await _claim(session, report)
    await _apply(session, round_=round_, principal=principal, report=report, checker=checker)
    return Outcome(report=report)


# --- background batches --------------------------------------------------------------------------

INGEST_TASK = "ingest.batch"
FINISHED = ("applied", "validated", "rejected", "cancelled", "failed")


def _principal_doc(principal: Principal) -> dict[str, Any]:
    return {
        "kind": principal.kind,
        "id": principal.id,
        "name": principal.name,
        "full_name": principal.full_name,
        "roles": sorted(principal.roles),
        "unit_id": principal.unit_id,
        "unit_code": principal.unit_code,
        "unit_name_vi": principal.unit_name_vi,
        "scopes": [[s.element_code, s.unit_code, s.round_id] for s in principal.scopes],
    }


def _principal_of(doc: dict[str, Any]) -> Principal:
    return Principal(
        kind=doc["kind"],
        id=doc["id"],
        name=doc["name"],
        full_name=doc["full_name"],
        roles=frozenset(Role(r) for r in doc["roles"]),
        unit_id=doc["unit_id"],
        unit_code=doc["unit_code"],
        unit_name_vi=doc["unit_name_vi"],
        # [element, unit] from before scopes had a round: any round.
        scopes=tuple(Scope(*scope) for scope in doc["scopes"]),
    )


async def submit(
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
    """Keep a large batch for a background job (the caller enqueues it): a ``queued`` report
    with the parsed rows beside it. The job checks the rows with the sender's rights as they are
    now (kept with the rows) and applies them all or none, like :func:`ingest`."""
    check_caller(principal)
    if dry_run:
        idempotency_key = None
    round_ = await session.get(Round, round_id)
    if round_ is None:
        raise NotFound("round.not_found", id=round_id)
    if idempotency_key is not None:
        earlier = await _earlier(session, principal, idempotency_key, body_sha256)
        if earlier is not None:
            return Outcome(report=earlier, replayed=True)
    if round_.phase != Phase.collecting:
        raise Conflict("assessment.round_closed", phase=round_.phase.value)
    report = _new_report(
        principal,
        round_,
        fmt=fmt,
        dry_run=dry_run,
        status="queued",
        received=len(rows),
        idempotency_key=idempotency_key,
        body_sha256=body_sha256,
    )
    await _claim(session, report)
    content = {"principal": _principal_doc(principal), "rows": [list(row) for row in rows]}
    session.add(
        IngestBatch(
            report_id=report.id,
            content=json.dumps(content, ensure_ascii=False, default=str).encode(),
        )
    )
    await session.flush()
    return Outcome(report=report)


async def cancel(*, session: AsyncSession, principal: Principal, report_id: int) -> IngestReport:
    """Ask a background batch to stop: a queued one ends at once, a running one at its next
    chunk (before anything is written; a batch whose writing began finishes). Finished: 409."""
    # Locked: a job starting at this moment either sees the request or finds it cancelled.
    report = await get_report(
        session=session, principal=principal, report_id=report_id, errors=True, lock=True
    )
    if report.status in FINISHED:
        raise Conflict("ingest.not_running", status=report.status)
    report.cancel_requested = True
    if report.status == "queued":
        await _finish(session, report, "cancelled")
    await session.flush()
    return report


async def _finish(session: AsyncSession, report: IngestReport, status: str) -> None:
    report.status = status
    report.finished_at = utcnow()
    await session.execute(delete(IngestBatch).where(IngestBatch.report_id == report.id))


class _Cancelled(Exception):
    pass


async def run_batch(session_factory: SessionFactory, report_id: int) -> str:
    """The background job of one batch; returns the report's final status.

    Rows are checked in chunks of ``CHUNK``, each followed by a short transaction that records
    the progress and reads whether the batch was cancelled (reads only until then: SQLite's write
    lock is taken for moments). The writes then go in one transaction, with the round locked, as
    in :func:`ingest`: all rows or none.
    """
    async with session_factory() as session, unit_of_work(session):
        report = await session.get(IngestReport, report_id, with_for_update=True)
        if report is None or report.status != "queued":
            return report.status if report is not None else "missing"
        batch = await session.get(IngestBatch, report_id)
        if batch is None:
            await _finish(session, report, "failed")
            return "failed"
        report.status = "running"
        content = json.loads(batch.content)
    principal = _principal_of(content["principal"])
    rows = [Row(*row) for row in content["rows"]]
    del content
    set_actor(Actor(principal.name, principal.kind))
    try:
        async with session_factory() as session, unit_of_work(session):
            if not session.in_transaction():  # a read: SQLite's write lock is not taken
                await session.connection(execution_options={READ_ONLY: True})
            round_ = await session.get(Round, report.round_id)
            assert round_ is not None  # the report's foreign key cascades
            framework = await compiled.load(session=session, framework=round_.framework)
            checker = Checker(principal, round_, framework, report.format)
        for start in range(0, len(rows), CHUNK):
            checker.check(rows[start : start + CHUNK])
            async with session_factory() as session, unit_of_work(session):
                await session.execute(
                    update(IngestReport)
                    .where(IngestReport.id == report_id)
                    .values(progress=checker.checked)
                )
                cancelled = await session.scalar(
                    select(IngestReport.cancel_requested).where(IngestReport.id == report_id)
                )
            if cancelled:
                raise _Cancelled
            await asyncio.sleep(0)  # let requests in between two chunks
        async with session_factory() as session, unit_of_work(session):
            round_ = await session.get(Round, report.round_id, with_for_update=True)
            report = await session.get(
                IngestReport, report_id, options=[undefer(IngestReport.errors)]
            )
            assert round_ is not None
            assert report is not None
            if report.cancel_requested:
                raise _Cancelled
            if round_.phase != Phase.collecting:
                checker.errors.add(
                    {
                        "row": 0,
                        "field": "round_id",
                        "code": "assessment.round_closed",
                        "params": {"phase": round_.phase.value},
                        "unit_code": None,
                        "element_code": None,
                        "value": None,
                    }
                )
            await _apply(
                session, round_=round_, principal=principal, report=report, checker=checker
            )
            await _finish(session, report, report.status)
            return report.status
    except _Cancelled:
        status = "cancelled"
    except Exception:
        status = "failed"
        log.exception("ingest batch %s failed", report_id)
    async with session_factory() as session, unit_of_work(session):
        report = await session.get(IngestReport, report_id)
        if report is not None:
            await _finish(session, report, status)
    return status


async def get_report(
    *,
    session: AsyncSession,
    principal: Principal,
    report_id: int,
    errors: bool = False,
    lock: bool = False,
) -> IngestReport:
    """A report, for the client that sent the batch or for DIC; others get 404. ``errors``: with
    its stored row errors (otherwise never loaded); ``lock``: its row locked (a job's start)."""
    report = await session.get(
        IngestReport,
        report_id,
        options=[undefer(IngestReport.errors)] if errors else [],
        with_for_update=lock,
    )
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
