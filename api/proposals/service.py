"""Proposals (đề xuất): a unit's staff propose to change, add or remove an indicator of a
framework version, with a rationale and a file; DIC triages each one.

    submitted → accepted   (into a draft version, linked to the criterion code that answers it)
              → declined   (with a reason)
              → duplicate  (of another proposal)

DIC may revise its answer (each answer is audited and told to the unit), except that an
acceptance into a version that is no longer a draft stays: it is part of that version's history.
A unit's staff see and file only their own unit's proposals (another's is 404); DIC sees all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import service as audit
from api.core.database import utcnow
from api.core.errors import Conflict, FieldError, Forbidden, Invalid, NotFound, validation_failed
from api.core.principal import DIC_ROLES, Principal
from api.core.settings import Settings
from api.core.storage import Storage
from api.evidence import service as evidence
from api.evidence.models import Blob
from api.frameworks.models import Criterion, Framework, FrameworkStatus
from api.notifications import service as notifications
from api.proposals.models import Proposal, ProposalKind, ProposalStatus
from api.proposals.schemas import ProposalIn, TriageIn
from api.units.models import Unit

# Where the unit reads its proposals in the SPA (the notification's link).
UNIT_LINK = "/proposals"


def _conflict(message: str, field: str, /, **params: Any) -> Conflict:
    """A 409 naming the field at fault (the DIC form shows it beside that field)."""
    errors = [FieldError(field, message, **params)]
    return Conflict(message, field=field, errors=errors, **params)


def is_dic(principal: Principal) -> bool:
    return principal.kind == "user" and principal.has_any_role(DIC_ROLES)


def require_dic(principal: Principal) -> None:
    """403 unless the caller is DIC's staff (evaluator, or a role that implies it)."""
    if not is_dic(principal):
        raise Forbidden("auth.forbidden_role", roles="evaluator")


def _own_unit(principal: Principal) -> int | None:
    """The unit whose proposals the caller files and reads as its staff, if any."""
    code = principal.unit_code
    if principal.unit_id is not None and code is not None and principal.is_unit_staff(code):
        return principal.unit_id
    return None


def may_attach(principal: Principal) -> None:
    """Only a unit's staff attach files (checked from who they are, before the body is read)."""
    if _own_unit(principal) is None:
        raise Forbidden("proposal.unit_only")


def _visible(principal: Principal, query: Select[Proposal]) -> Select[Proposal]:
    """``query`` narrowed to what the caller may read: DIC every unit's, a unit's staff their
    own unit's; anyone else nothing (403)."""
    if is_dic(principal):
        return query
    unit_id = _own_unit(principal)
    if unit_id is None:
        raise Forbidden("proposal.forbidden")
    return query.where(Proposal.unit_id == unit_id)


async def _codes(session: AsyncSession, framework_id: int) -> set[str]:
    return set(
        await session.scalars(select(Criterion.code).where(Criterion.framework_id == framework_id))
    )


async def file(*, session: AsyncSession, principal: Principal, body: ProposalIn) -> Proposal:
    """The unit's staff file a proposal about one version's indicator (or a new one)."""
    unit_id = _own_unit(principal)
    if unit_id is None:
        raise Forbidden("proposal.unit_only")
    framework = await session.get(Framework, body.framework_id)
    if framework is None:
        raise Invalid("proposal.framework_not_found", field="framework_id", id=body.framework_id)
    code = body.criterion_code
    if code is None and body.kind != ProposalKind.new:
        raise Invalid("proposal.criterion_required", field="criterion_code")
    if code is not None and code not in await _codes(session, framework.id):
        raise Invalid(
            "proposal.criterion_not_found",
            field="criterion_code",
            code=code,
            framework=framework.code,
        )
    row = Proposal(
        unit_id=unit_id,
        framework_id=framework.id,
        framework_code=framework.code,
        criterion_code=code,
        kind=body.kind,
        title=body.title,
        rationale=body.rationale,
        proposed_text=body.proposed_text,
        filed_by=principal.name,
        filed_at=utcnow(),
        status=ProposalStatus.submitted,
    )
    session.add(row)
    await session.flush()
    await audit.record(
        session=session,
        action="proposal.file",
        object_type="proposal",
        object_id=str(row.id),
        after={
            "unit": principal.unit_code,
            "framework": framework.code,
            "kind": body.kind.value,
            "criterion_code": code,
            "title": body.title,
        },
    )
    return row


async def get(
    *, session: AsyncSession, principal: Principal, proposal_id: int, lock: bool = False
) -> Proposal:
    """A proposal the caller may read; 404 for one of another unit (nothing is told)."""
    query = _visible(principal, select(Proposal).where(Proposal.id == proposal_id))
    if lock:
        query = query.with_for_update()
    row = await session.scalar(query)
    if row is None:
        raise NotFound("proposal.not_found", id=proposal_id)
    return row


async def attach(
    *,
    session: AsyncSession,
    principal: Principal,
    storage: Storage,
    proposal_id: int,
    filename: str | None,
    file: evidence.StagedFile,
) -> Proposal:
    """The unit's file backing its proposal (one; a second replaces it) while it awaits DIC.
    The file passes the evidence store's checks: type from the bytes, size, active content."""
    unit_id = _own_unit(principal)
    row = await get(session=session, principal=principal, proposal_id=proposal_id, lock=True)
    if row.unit_id != unit_id:
        raise Forbidden("proposal.unit_only")
    if row.status != ProposalStatus.submitted:
        raise Conflict("proposal.decided", id=row.id, status=row.status.value)
    blob = await evidence.store_blob(session=session, storage=storage, file=file)
    before = (
        {"sha256": row.attachment_sha256, "filename": row.attachment_name}
        if row.attachment_sha256
        else None
    )
    row.attachment_sha256 = blob.sha256
    row.attachment_name = evidence.clean_filename(filename, blob.content_type)
    await session.flush()
    await audit.record(
        session=session,
        action="proposal.attach",
        object_type="proposal",
        object_id=str(row.id),
        before=before,
        after={"sha256": blob.sha256, "filename": row.attachment_name},
    )
    return row


async def attachment(
    *, session: AsyncSession, principal: Principal, proposal_id: int
) -> tuple[Proposal, Blob]:
    """A proposal's file, for whoever may read the proposal (404 when it has none)."""
    row = await get(session=session, principal=principal, proposal_id=proposal_id)
    blob = await session.get(Blob, row.attachment_sha256) if row.attachment_sha256 else None
    if blob is None:
        raise NotFound("proposal.no_attachment", id=proposal_id)
    return row, blob


def download_name(row: Proposal, blob: Blob) -> str:
    return evidence.clean_filename(row.attachment_name, blob.content_type)


@dataclass(frozen=True)
class Filters:
    status: ProposalStatus | None = None
    unit_code: str | None = None
    framework_id: int | None = None
    criterion_code: str | None = None


async def list_proposals(
    *, session: AsyncSession, principal: Principal, filters: Filters, limit: int, offset: int
) -> tuple[list[Proposal], int]:
    """The proposals the caller may read, newest first, filtered; with their total."""
    query = _visible(principal, select(Proposal))
    if filters.status is not None:
        query = query.where(Proposal.status == filters.status)
    if filters.unit_code:
        query = query.join(Unit, Unit.id == Proposal.unit_id).where(Unit.code == filters.unit_code)
    if filters.framework_id is not None:
        query = query.where(
            (Proposal.framework_id == filters.framework_id)
            | (Proposal.target_framework_id == filters.framework_id)
        )
    if filters.criterion_code:
        query = query.where(
            (Proposal.criterion_code == filters.criterion_code)
            | (Proposal.target_criterion_code == filters.criterion_code)
        )
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await session.scalars(query.order_by(Proposal.id.desc()).limit(limit).offset(offset))
    return list(rows), total


async def units_of(session: AsyncSession, rows: Sequence[Proposal]) -> dict[int, Unit]:
    ids = {r.unit_id for r in rows}
    if not ids:
        return {}
    return {u.id: u for u in await session.scalars(select(Unit).where(Unit.id.in_(ids)))}


async def blobs_of(session: AsyncSession, rows: Sequence[Proposal]) -> dict[str, Blob]:
    shas = {r.attachment_sha256 for r in rows if r.attachment_sha256}
    if not shas:
        return {}
    return {b.sha256: b for b in await session.scalars(select(Blob).where(Blob.sha256.in_(shas)))}


def _require(errors: list[FieldError], value: object, field: str, code: str) -> None:
    if value is None:
        errors.append(FieldError(field, code))


async def _check_accept(session: AsyncSession, body: TriageIn) -> Framework:
    errors: list[FieldError] = []
    _require(errors, body.target_framework_id, "target_framework_id", "proposal.target_required")
    _require(errors, body.target_criterion_code, "target_criterion_code", "proposal.code_required")
    if errors:
        raise validation_failed(errors)
    assert body.target_framework_id is not None
    target = await session.get(Framework, body.target_framework_id)
    if target is None:
        raise Invalid(
            "proposal.framework_not_found",
            field="target_framework_id",
            id=body.target_framework_id,
        )
    if target.status != FrameworkStatus.draft:
        raise _conflict(
            "proposal.target_not_draft",
            "target_framework_id",
            code=target.code,
            status=target.status.value,
        )
    return target


async def _check_duplicate(session: AsyncSession, row: Proposal, body: TriageIn) -> Proposal:
    if body.duplicate_of_id is None:
        raise Invalid("proposal.duplicate_required", field="duplicate_of_id")
    if body.duplicate_of_id == row.id:
        raise Invalid("proposal.duplicate_self", field="duplicate_of_id")
    original = await session.get(Proposal, body.duplicate_of_id)
    if original is None:
        raise Invalid(
            "proposal.duplicate_not_found", field="duplicate_of_id", id=body.duplicate_of_id
        )
    if original.status == ProposalStatus.duplicate:
        # Point at the original instead: no chains, and never a cycle.
        raise Invalid(
            "proposal.duplicate_of_duplicate",
            field="duplicate_of_id",
            id=original.id,
            original=original.duplicate_of_id or "—",
        )
    return original


async def triage(
    *,
    session: AsyncSession,
    principal: Principal,
    proposal_id: int,
    body: TriageIn,
    settings: Settings,
) -> Proposal:
    """DIC's answer to a proposal (see the module docstring); the unit's staff are told."""
    require_dic(principal)
    row = await get(session=session, principal=principal, proposal_id=proposal_id, lock=True)
    if row.status == ProposalStatus.accepted and row.target_framework_id is not None:
        linked = await session.get(Framework, row.target_framework_id)
        if linked is not None and linked.status != FrameworkStatus.draft:
            raise _conflict("proposal.link_frozen", "decision", id=row.id, code=linked.code)
    note = body.note or None
    target: Framework | None = None
    original: Proposal | None = None
    if body.decision == "accepted":
        target = await _check_accept(session, body)
    elif body.decision == "declined":
        if note is None:
            raise Invalid("proposal.reason_required", field="note")
    else:
        original = await _check_duplicate(session, row, body)
    before = _state(row)
    row.status = ProposalStatus(body.decision)
    row.target_framework_id = target.id if target else None
    row.target_framework_code = target.code if target else None
    row.target_criterion_code = body.target_criterion_code if target else None
    row.duplicate_of_id = original.id if original else None
    row.response = note
    row.decided_by = principal.name
    row.decided_at = utcnow()
    await session.flush()
    await audit.record(
        session=session,
        action=f"proposal.{row.status.value}",
        object_type="proposal",
        object_id=str(row.id),
        before=before,
        after=_state(row),
    )
    await _tell_unit(session, row, settings)
    return row


def _state(row: Proposal) -> dict[str, object]:
    return {
        "status": row.status.value,
        "target_framework": row.target_framework_code,
        "target_criterion_code": row.target_criterion_code,
        "duplicate_of_id": row.duplicate_of_id,
        "response": row.response,
    }


async def _tell_unit(session: AsyncSession, row: Proposal, settings: Settings) -> None:
    staff = await notifications.unit_staff(session, {row.unit_id})
    decided = row.decided_at or utcnow()
    await notifications.notify(
        session,
        users=staff.get(row.unit_id, []),
        kind="proposal",
        code=f"notify.proposal_{row.status.value}",
        params={
            "id": row.id,
            "title": row.title,
            "framework": row.target_framework_code or "",
            "code": row.target_criterion_code or "",
            "duplicate_of": row.duplicate_of_id or "",
            "note": row.response or "",
        },
        link=UNIT_LINK,
        key=f"proposal:{row.id}:{row.status.value}:{decided.astimezone(dt.UTC).isoformat()}",
        settings=settings,
    )


@dataclass(frozen=True)
class Link:
    proposal: Proposal
    unit: Unit
    in_framework: bool


async def accepted_into(
    *, session: AsyncSession, principal: Principal, framework_id: int
) -> list[Link]:
    """The proposals accepted into a version, by the criterion code each is linked to (a unit's
    staff see their own unit's only)."""
    framework = await session.get(Framework, framework_id)
    if framework is None:
        raise NotFound("framework.not_found", id=framework_id)
    query = _visible(
        principal,
        select(Proposal).where(
            Proposal.target_framework_id == framework_id,
            Proposal.status == ProposalStatus.accepted,
        ),
    )
    rows = list(await session.scalars(query.order_by(Proposal.target_criterion_code, Proposal.id)))
    units = await units_of(session, rows)
    codes = await _codes(session, framework_id)
    return [Link(r, units[r.unit_id], r.target_criterion_code in codes) for r in rows]
