"""Recording audit events into the hash chain, listing them, and verifying the chain."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit.models import AuditEvent, AuditHead
from api.core.database import utcnow
from api.core.request_context import Actor, current_actor, current_request_id

GENESIS = "0" * 64


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def event_hash(prev_hash: str, content: dict[str, Any]) -> str:
    """SHA-256 over the previous hash and the canonical JSON of the event's content."""
    return hashlib.sha256((prev_hash + _canonical(content)).encode()).hexdigest()


def _content(event: AuditEvent) -> dict[str, Any]:
    return {
        "at": event.at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "actor": event.actor,
        "actor_kind": event.actor_kind,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "before": event.before,
        "after": event.after,
        "request_id": event.request_id,
    }


async def record(
    *,
    session: AsyncSession,
    action: str,
    object_type: str,
    object_id: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    actor: Actor | None = None,
) -> AuditEvent:
    """Append one event to the chain, in the caller's transaction (actor: the request's)."""
    actor = actor or current_actor()
    # Lock the head row: concurrent writers queue here instead of forking the chain.
    head = await session.scalar(select(AuditHead).where(AuditHead.id == 1).with_for_update())
    if head is None:
        head = AuditHead(id=1, last_id=0, last_hash=GENESIS)
        session.add(head)
    event = AuditEvent(
        at=utcnow(),
        actor=actor.name,
        actor_kind=actor.kind,
        action=action,
        object_type=object_type,
        object_id=object_id,
        before=json.loads(_canonical(before)) if before is not None else None,
        after=json.loads(_canonical(after)) if after is not None else None,
        request_id=current_request_id(),
        prev_hash=head.last_hash,
    )
    event.hash = event_hash(head.last_hash, _content(event))
    session.add(event)
    await session.flush()
    head.last_id = event.id
    head.last_hash = event.hash
    return event


async def list_events(
    *,
    session: AsyncSession,
    limit: int,
    offset: int,
    actor: str | None = None,
    action: str | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
) -> tuple[list[AuditEvent], int]:
    """Events, newest first, filtered."""
    query = select(AuditEvent)
    for column, value in (
        (AuditEvent.actor, actor),
        (AuditEvent.action, action),
        (AuditEvent.object_type, object_type),
        (AuditEvent.object_id, object_id),
    ):
        if value is not None:
            query = query.where(column == value)
    if since is not None:
        query = query.where(AuditEvent.at >= since)
    if until is not None:
        query = query.where(AuditEvent.at < until)
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await session.scalars(query.order_by(AuditEvent.id.desc()).limit(limit).offset(offset))
    return list(rows), total


@dataclass(frozen=True)
class Verification:
    ok: bool
    checked: int
    first_broken_id: int | None
    reason: str | None


async def verify(*, session: AsyncSession, batch: int = 1000) -> Verification:
    """Walk the chain in id order; report the first event whose link or content does not hold."""
    prev_hash = GENESIS
    checked = 0
    last_id = 0
    while True:
        rows = list(
            await session.scalars(
                select(AuditEvent)
                .where(AuditEvent.id > last_id)
                .order_by(AuditEvent.id)
                .limit(batch)
            )
        )
        if not rows:
            break
        for event in rows:
            if event.prev_hash != prev_hash:
                return Verification(False, checked, event.id, "prev_hash")
            if event_hash(prev_hash, _content(event)) != event.hash:
                return Verification(False, checked, event.id, "hash")
            prev_hash = event.hash
            checked += 1
            last_id = event.id
    head = await session.get(AuditHead, 1)
    if head is not None and head.last_hash != prev_hash:
        return Verification(False, checked, head.last_id, "head")
    return Verification(True, checked, None, None)
