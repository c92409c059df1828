"""The import report of every batch a provider (or DIC) pushed, and its idempotency key."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from api.core.database import Base, JSONType, UTCDateTime, utcnow


class IngestReport(Base):
    """What happened to one batch: counts, every row's error, and whether it was applied."""

    __tablename__ = "ingest_reports"
    # A key belongs to one sender: a user and a client may share a name, never a key space.
    __table_args__ = (UniqueConstraint("actor_kind", "actor", "idempotency_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    actor: Mapped[str] = mapped_column(String(128), index=True)
    actor_kind: Mapped[str] = mapped_column(String(16))
    format: Mapped[str] = mapped_column(String(8))
    dry_run: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(16))  # applied | validated | rejected
    received: Mapped[int] = mapped_column(Integer)
    applied: Mapped[int] = mapped_column(Integer)
    unchanged: Mapped[int] = mapped_column(Integer)
    rejected: Mapped[int] = mapped_column(Integer)
    errors: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    idempotency_key: Mapped[str | None] = mapped_column(String(128))
    body_sha256: Mapped[str] = mapped_column(String(64))
    request_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
