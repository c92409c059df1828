"""The audit event table and the one-row head that serialises appends to the chain."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from api.core.database import Base, JSONType, UTCDateTime, utcnow


class AuditEvent(Base):
    """One change. ``hash`` = SHA-256 of the previous event's hash and this event's content (the
    chain); ``mac`` = HMAC-SHA256 of the event's id and hash under the audit key, which is kept
    outside the database (``DTI_AUDIT_KEY``): whoever can only write the database can re-hash an
    edited chain but not seal it. ``mac`` is empty on events from before migration 0015 until
    ``python -m api audit-rekey`` seals them."""

    __tablename__ = "audit_events"
    # One object's timeline (newest first) without a scan of the whole trail.
    __table_args__ = (Index("ix_audit_events_object", "object_type", "object_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(128), index=True)
    actor_kind: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(64), index=True)
    object_type: Mapped[str] = mapped_column(String(64))
    object_id: Mapped[str] = mapped_column(String(255))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    request_id: Mapped[str | None] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    mac: Mapped[str | None] = mapped_column(String(64))


class AuditHead(Base):
    """The chain's last hash, in one row that every append locks (no forks under concurrency)."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_id: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64))
