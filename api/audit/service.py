"""Recording audit events into the chain, listing them, verifying and re-sealing the chain.

Each event carries two digests. ``hash`` chains it to the previous event (SHA-256 of the previous
hash and the event's canonical content), so nothing can be removed, reordered or edited in the
middle without breaking every later link. ``mac`` seals it: HMAC-SHA256 of the hash under the audit
key (``DTI_AUDIT_KEY``), which lives outside the database, so an edited chain re-hashed by someone
who can write the database no longer verifies. What the chain alone cannot show, the newest events
deleted and the head rewound, the anchors show: each publication stores the chain's head (event id
and hash) when it is published, and verification checks that every anchored event is still there
with that hash. Anchors name the hash, not the MAC, so they stay valid when the key is changed
(``reseal`` with the old key), and publications are never updated.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Select, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit.models import AuditEvent, AuditHead
from api.core.database import utcnow
from api.core.request_context import SYSTEM, Actor, current_actor, current_request_id
from api.core.settings import get_settings
from api.publications.models import Publication

GENESIS = "0" * 64
# Domain separation: a MAC of the audit chain is never a valid MAC of anything else.
_MAC_PREFIX = b"dti-hub/audit/v2:"

# The key in force: the process's settings (DTI_AUDIT_KEY, or var/audit_key in development),
# unless a caller chooses another for a while (re-keying, tests).
_key_override: ContextVar[bytes | None] = ContextVar("audit_key", default=None)


def chain_key() -> bytes:
    """The key that seals new events and that verification checks."""
    key = _key_override.get()
    return key if key is not None else get_settings().audit_key.encode()


@contextmanager
def using_key(key: str | bytes) -> Iterator[None]:
    """Seal and verify with ``key`` inside the block (this task only)."""
    token = _key_override.set(key.encode() if isinstance(key, str) else key)
    try:
        yield
    finally:
        _key_override.reset(token)


def event_mac(key: bytes, chain_hash: str) -> str:
    """The seal of one link: HMAC-SHA256 of its chain hash under the audit key."""
    return hmac.new(key, _MAC_PREFIX + chain_hash.encode(), hashlib.sha256).hexdigest()


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


# Built once: every write runs it.
_HEAD = select(AuditHead).where(AuditHead.id == 1).with_for_update()


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
    head = await session.scalar(_HEAD)
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
    event.mac = event_mac(chain_key(), event.hash)
    session.add(event)
    await session.flush()
    head.last_id = event.id
    head.last_hash = event.hash
    return event


@dataclass(frozen=True)
class EventFilter:
    """Which events: every given field must match exactly; ``since`` inclusive, ``until``
    exclusive."""

    actor: str | None = None
    action: str | None = None
    object_type: str | None = None
    object_id: str | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None

    def apply(self, query: Select[AuditEvent]) -> Select[AuditEvent]:
        for column, value in (
            (AuditEvent.actor, self.actor),
            (AuditEvent.action, self.action),
            (AuditEvent.object_type, self.object_type),
            (AuditEvent.object_id, self.object_id),
        ):
            if value is not None:
                query = query.where(column == value)
        if self.since is not None:
            query = query.where(AuditEvent.at >= self.since)
        if self.until is not None:
            query = query.where(AuditEvent.at < self.until)
        return query


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
    query = EventFilter(actor, action, object_type, object_id, since, until).apply(
        select(AuditEvent)
    )
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await session.scalars(query.order_by(AuditEvent.id.desc()).limit(limit).offset(offset))
    return list(rows), total


async def event_batches(
    *, session: AsyncSession, where: EventFilter, batch: int = 1000
) -> AsyncIterator[list[AuditEvent]]:
    """Every event ``where`` selects, newest first, ``batch`` at a time (by id, never by offset:
    constant memory and cost per batch however long the trail; events appended meanwhile are
    newer than the first batch and not included)."""
    before_id: int | None = None
    while True:
        query = where.apply(select(AuditEvent))
        if before_id is not None:
            query = query.where(AuditEvent.id < before_id)
        rows = list(await session.scalars(query.order_by(AuditEvent.id.desc()).limit(batch)))
        if not rows:
            return
        before_id = rows[-1].id
        for event in rows:
            session.expunge(event)
        yield rows


@dataclass(frozen=True)
class Facets:
    """The distinct values the filters offer."""

    actions: list[str]
    object_types: list[str]
    actors: list[str]


FACETS_MAX = 500


async def facets(*, session: AsyncSession) -> Facets:
    """The actions, object types and actors found in the trail, sorted (each at most
    ``FACETS_MAX``: actors beyond are still found by name)."""

    async def distinct(column: Any) -> list[str]:
        query = select(column).distinct().order_by(column).limit(FACETS_MAX)
        return list(await session.scalars(query))

    return Facets(
        actions=await distinct(AuditEvent.action),
        object_types=await distinct(AuditEvent.object_type),
        actors=await distinct(AuditEvent.actor),
    )


@dataclass(frozen=True)
class Anchor:
    """The chain's head at a moment: the newest event's id and chain hash (0 and GENESIS when
    the chain is empty)."""

    event_id: int
    hash: str


async def anchor(*, session: AsyncSession) -> Anchor:
    """The chain's head, locked until the caller's transaction ends (no event is appended in
    between, so the head is exactly what precedes the caller's own events)."""
    head = await session.scalar(_HEAD)
    if head is None:
        return Anchor(0, GENESIS)
    return Anchor(head.last_id, head.last_hash)


Reason = Literal["prev_hash", "hash", "mac", "unsealed", "head", "anchor"]


@dataclass(frozen=True)
class Verification:
    """``reason`` of the first failure: ``prev_hash`` or ``hash`` (the chain is broken: an event
    removed, reordered or edited), ``mac`` (an event re-hashed without the key, or the wrong key),
    ``unsealed`` (an event without a MAC: from before migration 0015, or its MAC removed),
    ``head`` (the head row disagrees with the last event), ``anchor`` (an event a publication
    anchored is gone or changed: the newest events deleted and the head rewound)."""

    ok: bool
    checked: int
    first_broken_id: int | None
    reason: Reason | None
    anchors_checked: int = 0


class ChainBroken(Exception):
    """The chain does not verify; re-sealing refuses."""

    def __init__(self, verification: Verification) -> None:
        super().__init__(
            f"audit chain broken at event {verification.first_broken_id}: {verification.reason}"
        )
        self.verification = verification


async def _check(
    session: AsyncSession,
    *,
    key: bytes,
    batch: int,
    allow_unsealed_prefix: bool = False,
    new_key: bytes | None = None,
) -> tuple[Verification, int]:
    """Walk the chain in id order and report the first event whose link, content or seal does not
    hold, then the head and the anchors. With ``new_key``, re-seal every event as it goes (the
    caller rolls back if the result is not ok). ``allow_unsealed_prefix``: events without a MAC
    are accepted while no sealed event came before them (the chain as it was before 0015).
    Returns the verification and how many unsealed events were accepted."""
    anchors: dict[int, set[str]] = {}
    for event_id, anchored in await session.execute(
        select(Publication.audit_anchor_id, Publication.audit_anchor_hash).where(
            Publication.audit_anchor_id.is_not(None)
        )
    ):
        assert event_id is not None
        anchors.setdefault(event_id, set()).add(anchored or "")  # no hash: never matches
    empty = anchors.pop(0, set())  # published while the chain was empty
    if empty - {GENESIS}:
        return Verification(False, 0, 0, "anchor"), 0
    anchors_checked = len(empty)
    prev_hash = GENESIS
    checked = 0
    unsealed = 0
    last_id = 0
    seen_sealed = False
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
        resealed: list[dict[str, Any]] = []
        for event in rows:
            if event.prev_hash != prev_hash:
                return Verification(False, checked, event.id, "prev_hash"), unsealed
            if event_hash(prev_hash, _content(event)) != event.hash:
                return Verification(False, checked, event.id, "hash"), unsealed
            if event.mac is None:
                if not allow_unsealed_prefix or seen_sealed:
                    return Verification(False, checked, event.id, "unsealed"), unsealed
                unsealed += 1
            else:
                seen_sealed = True
                if not hmac.compare_digest(event.mac, event_mac(key, event.hash)):
                    return Verification(False, checked, event.id, "mac"), unsealed
            if event.id in anchors:
                if anchors.pop(event.id) != {event.hash}:
                    return Verification(False, checked, event.id, "anchor"), unsealed
                anchors_checked += 1
            if new_key is not None:
                resealed.append({"id": event.id, "mac": event_mac(new_key, event.hash)})
            prev_hash = event.hash
            checked += 1
            last_id = event.id
        for event in rows:  # a long chain is walked in constant memory
            session.expunge(event)
        if resealed:
            await session.execute(update(AuditEvent), resealed)
    if anchors:  # anchored events past the end of the chain: the newest events were deleted
        return Verification(False, checked, min(anchors), "anchor", anchors_checked), unsealed
    head = await session.get(AuditHead, 1)
    if head is not None and (head.last_hash != prev_hash or head.last_id != last_id):
        return Verification(False, checked, head.last_id, "head", anchors_checked), unsealed
    return Verification(True, checked, None, None, anchors_checked), unsealed


async def verify(*, session: AsyncSession, batch: int = 1000) -> Verification:
    """Check every link, every seal under the key in force, the head and every anchor."""
    verification, _ = await _check(session, key=chain_key(), batch=batch)
    return verification


@dataclass(frozen=True)
class Resealed:
    events: int
    newly_sealed: int
    anchors: int


async def reseal(
    *, session: AsyncSession, old_key: bytes | None = None, batch: int = 1000
) -> Resealed:
    """Seal the chain under the key in force, after checking it: events from before migration
    0015 (no MAC, only as the chain's first events) are sealed, and the sealed ones are checked
    under ``old_key`` (when the key is being changed) or the key in force, then sealed again.
    Raises ``ChainBroken`` (and changes nothing, once the caller rolls back) if any link, seal,
    the head or an anchor does not hold. Records an ``audit.reseal`` event."""
    new_key = chain_key()
    await anchor(session=session)  # lock the head: no event is appended meanwhile
    verification, unsealed = await _check(
        session,
        key=old_key if old_key is not None else new_key,
        batch=batch,
        allow_unsealed_prefix=True,
        new_key=new_key,
    )
    if not verification.ok:
        raise ChainBroken(verification)
    await record(
        session=session,
        action="audit.reseal",
        object_type="audit_chain",
        object_id="1",
        after={
            "events": verification.checked,
            "newly_sealed": unsealed,
            "key_changed": old_key is not None,
        },
        actor=SYSTEM,
    )
    return Resealed(verification.checked, unsealed, verification.anchors_checked)
