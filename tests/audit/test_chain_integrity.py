"""The audit chain is sealed with a key kept outside the database and anchored in every
publication: an edited event re-hashed without the key, or the newest events deleted with the head
rewound, no longer verifies; re-sealing seals the events from before sealing, or changes the key.
"""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit import service as audit
from api.audit.models import AuditEvent, AuditHead
from api.core.request_context import SYSTEM
from api.publications.models import Publication
from tests.support import builders


async def _record(session: AsyncSession, n: int) -> list[AuditEvent]:
    return [
        await audit.record(
            session=session,
            action="test.event",
            object_type="test",
            object_id=str(i),
            after={"i": i},
            actor=SYSTEM,
        )
        for i in range(n)
    ]


async def _events_from(session: AsyncSession, first_id: int) -> list[AuditEvent]:
    rows = await session.scalars(
        select(AuditEvent).where(AuditEvent.id >= first_id).order_by(AuditEvent.id)
    )
    return list(rows)


async def _rehash_from(session: AsyncSession, first_id: int) -> None:
    """What someone who can write the database but lacks the key can do: recompute every chain
    hash from ``first_id`` on (the unkeyed SHA-256 of the old scheme) and move the head along."""
    previous = await session.scalar(
        select(AuditEvent.hash).where(AuditEvent.id < first_id).order_by(AuditEvent.id.desc())
    )
    prev_hash = previous or audit.GENESIS
    last_id = 0
    for event in await _events_from(session, first_id):
        event.prev_hash = prev_hash
        event.hash = audit.event_hash(prev_hash, audit._content(event))
        prev_hash, last_id = event.hash, event.id
    await session.flush()
    await session.execute(
        update(AuditHead).where(AuditHead.id == 1).values(last_id=last_id, last_hash=prev_hash)
    )


async def _verify(client: AsyncClient, admin: dict[str, str]) -> dict[str, Any]:
    response = await client.get("/api/v1/audit-events/verify", headers=admin)
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


async def test_a_valid_chain_verifies_with_every_anchor(
    client: AsyncClient, session: AsyncSession, admin: dict[str, str]
) -> None:
    await _record(session, 3)
    body = await _verify(client, admin)
    assert body["ok"] is True, body
    assert body["reason"] is None
    # The demo 2023 round is published while seeding: its anchor is checked.
    assert body["anchors_checked"] >= 1
    events = (await client.get("/api/v1/audit-events", headers=admin)).json()["items"]
    assert all(len(e["mac"]) == 64 for e in events)


async def test_an_edited_event_rehashed_without_the_key_is_detected(
    client: AsyncClient, session: AsyncSession, admin: dict[str, str]
) -> None:
    target = (await _record(session, 4))[1].id
    # Edit the content, then repair the chain as the unkeyed scheme allowed.
    await session.execute(
        update(AuditEvent).where(AuditEvent.id == target).values(after={"i": "forged"})
    )
    session.expire_all()
    await _rehash_from(session, target)
    body = await _verify(client, admin)
    assert body["ok"] is False
    assert body["reason"] == "mac"
    assert body["first_broken_id"] == target


async def test_an_edited_event_not_rehashed_breaks_the_chain(
    client: AsyncClient, session: AsyncSession, admin: dict[str, str]
) -> None:
    events = await _record(session, 2)
    await session.execute(
        update(AuditEvent).where(AuditEvent.id == events[0].id).values(action="test.other")
    )
    body = await _verify(client, admin)
    assert (body["ok"], body["reason"], body["first_broken_id"]) == (False, "hash", events[0].id)


async def test_a_mac_made_with_another_key_is_detected(
    client: AsyncClient, session: AsyncSession, admin: dict[str, str]
) -> None:
    with audit.using_key("a key the server does not have, long enough to be one"):
        forged = (await _record(session, 1))[0]
    body = await _verify(client, admin)
    assert (body["ok"], body["reason"], body["first_broken_id"]) == (False, "mac", forged.id)


async def test_deleting_the_newest_events_and_rewinding_is_detected_by_the_anchor(
    client: AsyncClient, session: AsyncSession, admin: dict[str, str]
) -> None:
    publication = await builders.published_round(session)
    row = await session.scalar(
        select(Publication).where(
            Publication.round_id == publication.round_id,
            Publication.version == publication.version,
        )
    )
    assert row is not None
    assert row.audit_anchor_id is not None
    anchored = await session.get(AuditEvent, row.audit_anchor_id)
    assert anchored is not None
    # The anchor is the publication's own event, shown in the API's answer.
    assert anchored.action == "publication.publish"
    assert row.audit_anchor_hash == anchored.hash
    listed = await client.get(f"/api/v1/rounds/{publication.round_id}/publications", headers=admin)
    assert listed.json()[0]["audit_anchor"] == {"event_id": anchored.id, "hash": anchored.hash}
    await _record(session, 2)
    assert (await _verify(client, admin))["ok"] is True

    # Delete the newest events, the anchored one included, and rewind the head: every remaining
    # link and seal still holds; only the anchor tells.
    await session.execute(delete(AuditEvent).where(AuditEvent.id >= anchored.id))
    last = await session.scalar(select(func.max(AuditEvent.id)))
    assert last is not None
    last_hash = await session.scalar(select(AuditEvent.hash).where(AuditEvent.id == last))
    await session.execute(
        update(AuditHead).where(AuditHead.id == 1).values(last_id=last, last_hash=last_hash)
    )
    body = await _verify(client, admin)
    assert body["ok"] is False
    assert body["reason"] == "anchor"
    assert body["first_broken_id"] == anchored.id


async def test_rewriting_the_anchored_event_is_detected_even_when_resealed(
    client: AsyncClient, session: AsyncSession, admin: dict[str, str]
) -> None:
    """Even with the key, history before an anchor cannot be rewritten: the anchor names the
    chain hash, and publications are immutable."""
    await builders.published_round(session)
    row = await session.scalar(select(Publication).order_by(Publication.id.desc()))
    assert row is not None
    assert row.audit_anchor_id is not None
    anchored = row.audit_anchor_id
    await session.execute(
        update(AuditEvent).where(AuditEvent.id == anchored).values(actor="someone-else")
    )
    session.expire_all()
    await _rehash_from(session, anchored)
    for event in await _events_from(session, anchored):
        event.mac = audit.event_mac(audit.chain_key(), event.hash)  # the key holder re-seals
    await session.flush()
    body = await _verify(client, admin)
    assert (body["ok"], body["reason"], body["first_broken_id"]) == (False, "anchor", anchored)


async def test_events_from_before_sealing_are_reported_then_sealed_by_the_rekey(
    session: AsyncSession,
) -> None:
    await _record(session, 2)
    # As migration 0015 leaves a database: no event has a MAC yet.
    await session.execute(update(AuditEvent).values(mac=None))
    result = await audit.verify(session=session)
    assert (result.ok, result.reason, result.checked) == (False, "unsealed", 0)

    resealed = await audit.reseal(session=session)
    assert resealed.newly_sealed == resealed.events > 0
    assert resealed.anchors >= 1
    result = await audit.verify(session=session)
    assert result.ok, result
    assert result.checked == resealed.events + 1  # and the audit.reseal event itself
    newest = await session.scalar(select(AuditEvent).order_by(AuditEvent.id.desc()))
    assert newest is not None
    assert newest.action == "audit.reseal"


async def test_the_rekey_seals_only_the_events_from_before_sealing(session: AsyncSession) -> None:
    """An event whose MAC was removed after sealing began is tampering, not history to seal."""
    events = await _record(session, 3)
    await session.execute(update(AuditEvent).where(AuditEvent.id == events[1].id).values(mac=None))
    with pytest.raises(audit.ChainBroken) as caught:
        await audit.reseal(session=session)
    assert caught.value.verification.reason == "unsealed"
    assert caught.value.verification.first_broken_id == events[1].id


async def test_the_rekey_refuses_a_broken_chain(session: AsyncSession) -> None:
    events = await _record(session, 2)
    await session.execute(
        update(AuditEvent).where(AuditEvent.id == events[0].id).values(object_id="other")
    )
    with pytest.raises(audit.ChainBroken) as caught:
        await audit.reseal(session=session)
    assert caught.value.verification.reason == "hash"


async def test_changing_the_key_reseals_the_chain_and_keeps_the_anchors(
    session: AsyncSession,
) -> None:
    await _record(session, 2)
    old = audit.chain_key()
    new = "the next audit key, at least thirty-two characters long"
    with audit.using_key(new):
        # Under the new key, the chain sealed with the old one does not verify …
        assert (await audit.verify(session=session)).reason == "mac"
        # … the previous key is required to change it …
        with pytest.raises(audit.ChainBroken):
            await audit.reseal(session=session)
        resealed = await audit.reseal(session=session, old_key=old)
        assert resealed.newly_sealed == 0
        assert resealed.anchors >= 1
        result = await audit.verify(session=session)
        assert result.ok, result
        assert result.anchors_checked == resealed.anchors
    assert (await audit.verify(session=session)).reason == "mac"
